//! Service Auto Scaling (Application Auto Scaling): step scaling, target tracking, scheduled actions.
//!
//! Pure arithmetic only: every function takes the current counts, the policy and the time
//! (seconds since 1970-01-01T00:00:00Z) and returns a decision plus the new state. The clock,
//! the services and the load model live elsewhere and call these functions.
//!
//! Each rule cites the documentation sentence it follows. Where AWS documents no rule, the
//! choice is marked `// Assumption:` so the assumptions page can list it.

pub mod calendar;
pub mod cron;
pub mod error;
pub mod limits;
pub mod policy;
pub mod schedule;
pub mod step;
pub mod target_tracking;

pub use error::ValidationError;
pub use limits::CapacityLimits;

/// Seconds since 1970-01-01T00:00:00Z (UTC). Negative values are before 1970.
pub type EpochSeconds = i64;

/// "If not specified, the default value is 300." (BOTO-AAS `StepScalingPolicyConfiguration.Cooldown`);
/// the same default for `ScaleOutCooldown` and `ScaleInCooldown` on ECS services.
pub const DEFAULT_COOLDOWN_SECONDS: u32 = 300;

/// Which way a scaling activity moves the desired count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    ScaleOut,
    ScaleIn,
}

/// `SuspendedState` of a scalable target, plus the one suspension AWS applies by itself:
/// "Application Auto Scaling turns off scale-in processes while Amazon ECS deployments are in
/// progress. However, scale-out processes continue to occur, unless suspended, during a
/// deployment." (ECSDG service-auto-scaling)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Suspensions {
    /// `DynamicScalingInSuspended`.
    pub dynamic_scaling_in: bool,
    /// `DynamicScalingOutSuspended`.
    pub dynamic_scaling_out: bool,
    /// `ScheduledScalingSuspended`.
    pub scheduled_scaling: bool,
    /// An ECS deployment of the service is in progress.
    pub deployment_in_progress: bool,
}

impl Suspensions {
    /// Why scale-in may not happen now, in words for the UI, or `None` when it may.
    pub fn scale_in_blocked_by(&self) -> Option<&'static str> {
        if self.deployment_in_progress {
            Some("scale-in is turned off while a deployment is in progress")
        } else if self.dynamic_scaling_in {
            Some("scale-in is suspended (DynamicScalingInSuspended)")
        } else {
            None
        }
    }

    /// Why scale-out may not happen now, or `None` when it may.
    pub fn scale_out_blocked_by(&self) -> Option<&'static str> {
        if self.dynamic_scaling_out {
            Some("scale-out is suspended (DynamicScalingOutSuspended)")
        } else {
            None
        }
    }
}
