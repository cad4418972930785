//! Rolling deployments: minimumHealthyPercent / maximumPercent arithmetic.
//!
//! "The maximum number of tasks during a deployment is the desiredCount multiplied by the
//! maximumPercent/100, rounded down to the nearest integer value." "The minimum number of
//! healthy tasks during a deployment is the desiredCount multiplied by the
//! minimumHealthyPercent/100, rounded up to the nearest integer value." (BOTO-ECS
//! `DeploymentConfiguration`; ECSDG service_definition_parameters)

use std::fmt;

use serde::Deserialize;

/// `schedulingStrategy` of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchedulingStrategy {
    Replica,
    Daemon,
}

/// The two percentages of the ECS `DeploymentConfiguration` shape (camelCase, as in
/// CreateService/UpdateService). Other members (circuit breaker, alarms, strategy …) are
/// ignored here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfiguration {
    pub maximum_percent: Option<i64>,
    pub minimum_healthy_percent: Option<i64>,
}

/// A rejected deployment configuration, worded like ECS's `InvalidParameterException`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeploymentConfigError {
    /// `deploymentConfiguration.maximumPercent`
    pub path: String,
    pub message: String,
}

impl DeploymentConfigError {
    pub const EXCEPTION: &'static str = "InvalidParameterException";
}

impl fmt::Display for DeploymentConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", Self::EXCEPTION, self.message)
    }
}

impl std::error::Error for DeploymentConfigError {}

/// The percentages in force for a service, defaults applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeploymentLimits {
    pub maximum_percent: u32,
    pub minimum_healthy_percent: u32,
}

impl DeploymentLimits {
    /// "The default maximumPercent value for a service using the REPLICA service scheduler is
    /// 200%." "The default value for a replica service for minimumHealthyPercent is 100%."
    pub const REPLICA_DEFAULT: DeploymentLimits = DeploymentLimits {
        maximum_percent: 200,
        minimum_healthy_percent: 100,
    };
    /// "The default value for a daemon service for maximumPercent is 100%. The default value
    /// for a daemon service for minimumHealthyPercent is 0%" (0% for the CLI, SDKs and API;
    /// the console uses 50%).
    pub const DAEMON_DEFAULT: DeploymentLimits = DeploymentLimits {
        maximum_percent: 100,
        minimum_healthy_percent: 0,
    };

    pub fn default_for(strategy: SchedulingStrategy) -> Self {
        match strategy {
            SchedulingStrategy::Replica => Self::REPLICA_DEFAULT,
            SchedulingStrategy::Daemon => Self::DAEMON_DEFAULT,
        }
    }

    /// The limits for a service: the configuration's values, defaults for what it leaves out.
    pub fn resolve(
        config: Option<&DeploymentConfiguration>,
        strategy: SchedulingStrategy,
    ) -> Result<Self, DeploymentConfigError> {
        let defaults = Self::default_for(strategy);
        let Some(config) = config else {
            return Ok(defaults);
        };
        let percent =
            |name: &str, value: Option<i64>, default: u32| -> Result<u32, DeploymentConfigError> {
                match value {
                    None => Ok(default),
                    Some(v) => u32::try_from(v).map_err(|_| DeploymentConfigError {
                        path: format!("deploymentConfiguration.{name}"),
                        message: format!(
                            "{name} must be a whole number greater than or equal to 0 (got {v})"
                        ),
                    }),
                }
            };
        let maximum_percent = percent(
            "maximumPercent",
            config.maximum_percent,
            defaults.maximum_percent,
        )?;
        let minimum_healthy_percent = percent(
            "minimumHealthyPercent",
            config.minimum_healthy_percent,
            defaults.minimum_healthy_percent,
        )?;
        // "If a deployment configuration is specified, the maximum percent parameter must be
        // 100." (daemon services, ECSDG ecs_services)
        if strategy == SchedulingStrategy::Daemon && maximum_percent != 100 {
            return Err(DeploymentConfigError {
                path: "deploymentConfiguration.maximumPercent".to_string(),
                message: format!(
                    "The maximumPercent of a DAEMON service must be 100 (got {maximum_percent})"
                ),
            });
        }
        Ok(DeploymentLimits {
            maximum_percent,
            minimum_healthy_percent,
        })
    }

    /// Tasks allowed in RUNNING or PENDING during a deployment: floor(desired × maximumPercent / 100).
    pub fn max_tasks(&self, desired: u32) -> u32 {
        let product = u64::from(desired) * u64::from(self.maximum_percent);
        // ok: saturates instead of wrapping for absurd percentages.
        u32::try_from(product / 100).unwrap_or(u32::MAX)
    }

    /// Healthy tasks to keep during a deployment: ceil(desired × minimumHealthyPercent / 100).
    pub fn min_healthy_tasks(&self, desired: u32) -> u32 {
        let product = u64::from(desired) * u64::from(self.minimum_healthy_percent);
        u32::try_from(product.div_ceil(100)).unwrap_or(u32::MAX)
    }
}

/// The service's tasks at one moment of a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DeploymentCounts {
    pub desired: u32,
    /// Tasks of the old revision in RUNNING or PENDING.
    pub old_running: u32,
    /// Tasks of the new revision in RUNNING or PENDING.
    pub new_running: u32,
    /// Of `old_running`, those that count toward the minimum healthy percent.
    pub old_healthy: u32,
    /// Of `new_running`, those that count toward the minimum healthy percent (a task without
    /// health checks counts 40 s after it reaches RUNNING; with checks, once healthy).
    pub new_healthy: u32,
}

impl DeploymentCounts {
    pub fn total(&self) -> u32 {
        self.old_running.saturating_add(self.new_running)
    }

    pub fn healthy(&self) -> u32 {
        self.old_healthy
            .min(self.old_running)
            .saturating_add(self.new_healthy.min(self.new_running))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeploymentStatus {
    /// Tasks can be started or stopped now.
    InProgress,
    /// Nothing can move until a task that is not healthy yet becomes healthy.
    WaitingForHealthyTasks,
    /// Every task is healthy and the configuration allows neither a start nor a stop.
    Stuck,
    /// No old task is left and the desired count of new tasks is healthy.
    Completed,
}

/// What the scheduler may do in this step of a rolling deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeploymentStep {
    /// New-revision tasks that may be started now.
    pub start_new: u32,
    /// Old tasks that may be stopped now that are not healthy (stopping them costs nothing).
    pub stop_old_unhealthy: u32,
    /// Old healthy tasks that may be stopped now without going under the minimum healthy count.
    pub stop_old_healthy: u32,
    pub max_tasks: u32,
    pub min_healthy_tasks: u32,
    pub status: DeploymentStatus,
}

impl DeploymentStep {
    pub fn stop_old(&self) -> u32 {
        self.stop_old_unhealthy + self.stop_old_healthy
    }
}

/// How many new tasks may start and how many old tasks may stop right now.
///
/// Starts: new tasks still missing, within floor(desired × maximumPercent / 100) tasks in
/// RUNNING or PENDING. Stops: old tasks, keeping ceil(desired × minimumHealthyPercent / 100)
/// healthy tasks.
///
/// Assumption: both are computed from the same snapshot (a start counts toward the maximum
/// at once; a stopped task stops counting at once), and old tasks that are not healthy are
/// stopped first, since they do not count toward the minimum.
pub fn plan_deployment_step(
    counts: &DeploymentCounts,
    limits: &DeploymentLimits,
) -> DeploymentStep {
    let max_tasks = limits.max_tasks(counts.desired);
    let min_healthy_tasks = limits.min_healthy_tasks(counts.desired);
    let old_healthy = counts.old_healthy.min(counts.old_running);
    let new_healthy = counts.new_healthy.min(counts.new_running);

    let missing_new = counts.desired.saturating_sub(counts.new_running);
    let room = max_tasks.saturating_sub(counts.total());
    let start_new = missing_new.min(room);

    let stop_old_unhealthy = counts.old_running - old_healthy;
    let spare_healthy = counts.healthy().saturating_sub(min_healthy_tasks);
    let stop_old_healthy = old_healthy.min(spare_healthy);

    let status = if counts.old_running == 0 && new_healthy >= counts.desired {
        DeploymentStatus::Completed
    } else if start_new > 0 || stop_old_unhealthy + stop_old_healthy > 0 {
        DeploymentStatus::InProgress
    } else if counts.healthy() < counts.total() {
        DeploymentStatus::WaitingForHealthyTasks
    } else {
        DeploymentStatus::Stuck
    };
    let step = DeploymentStep {
        start_new,
        stop_old_unhealthy,
        stop_old_healthy,
        max_tasks,
        min_healthy_tasks,
        status,
    };
    if status == DeploymentStatus::Completed {
        DeploymentStep {
            start_new: 0,
            stop_old_unhealthy: 0,
            stop_old_healthy: 0,
            ..step
        }
    } else {
        step
    }
}

/// The service event of a deployment that can neither start nor stop a task (ECSDG
/// deployment-type-ecs): "you should ensure that the scheduler can stop or start at least one
/// task when a deployment is initiated".
pub fn stuck_event_message(service_name: &str) -> String {
    format!(
        "(service {service_name}) was unable to stop or start tasks during a deployment because of the service \
         deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again."
    )
}

/// A line for the UI: `desired 4, min healthy 2 (50%), max 4 (100%): start 0, stop 2`.
pub fn describe_step(
    counts: &DeploymentCounts,
    limits: &DeploymentLimits,
    step: &DeploymentStep,
) -> String {
    format!(
        "desired {}, min healthy {} ({}%), max {} ({}%): {} old + {} new, {} healthy: start {}, stop {}",
        counts.desired,
        step.min_healthy_tasks,
        limits.minimum_healthy_percent,
        step.max_tasks,
        limits.maximum_percent,
        counts.old_running,
        counts.new_running,
        counts.healthy(),
        step.start_new,
        step.stop_old()
    )
}
