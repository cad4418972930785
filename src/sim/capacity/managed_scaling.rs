//! Managed scaling of an Auto Scaling group capacity provider: the settings, and the scale-out
//! or scale-in that CapacityProviderReservation asks for.
//!
//! Sources: BOTO-ECS `ManagedScaling`, `AutoScalingGroupProvider`; ECSDG cluster-auto-scaling.

use serde::Deserialize;

use super::reservation::{
    capacity_provider_reservation, describe_reservation, desired_instance_count,
};
use super::CapacityError;

/// The ECS `ManagedScaling` shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedScaling {
    pub status: Option<ManagedStatus>,
    pub target_capacity: Option<i64>,
    pub minimum_scaling_step_size: Option<i64>,
    pub maximum_scaling_step_size: Option<i64>,
    pub instance_warmup_period: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ManagedStatus {
    Enabled,
    Disabled,
}

/// The ECS `AutoScalingGroupProvider` shape.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoScalingGroupProvider {
    pub auto_scaling_group_arn: Option<String>,
    pub managed_scaling: Option<ManagedScaling>,
    pub managed_termination_protection: Option<ManagedStatus>,
    pub managed_draining: Option<ManagedStatus>,
}

/// Checked managed scaling settings, defaults applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManagedScalingSettings {
    pub enabled: bool,
    /// 1..=100; "The default value of 100 percent results in the Amazon EC2 instances in your
    /// Auto Scaling group being completely used."
    pub target_capacity: u32,
    /// "If this parameter is omitted, the default value of 1 is used."
    pub minimum_scaling_step_size: u32,
    /// "If this parameter is omitted, the default value of 10000 is used."
    pub maximum_scaling_step_size: u32,
    /// "If this parameter is omitted, the default value of 300 seconds is used."
    pub instance_warmup_seconds: u32,
}

impl Default for ManagedScalingSettings {
    fn default() -> Self {
        ManagedScalingSettings {
            enabled: false,
            target_capacity: 100,
            minimum_scaling_step_size: 1,
            maximum_scaling_step_size: 10_000,
            instance_warmup_seconds: 300,
        }
    }
}

impl ManagedScalingSettings {
    /// Checks a `ManagedScaling` block against the API's ranges.
    ///
    /// Assumption: a block without `status` is DISABLED (the API documents no default).
    pub fn from_config(config: &ManagedScaling) -> Result<Self, CapacityError> {
        let defaults = Self::default();
        let ranged = |name: &str,
                      value: Option<i64>,
                      min: i64,
                      max: i64,
                      default: u32|
         -> Result<u32, CapacityError> {
            match value {
                None => Ok(default),
                Some(v) if (min..=max).contains(&v) => Ok(u32::try_from(v).unwrap_or(default)),
                Some(v) => Err(CapacityError::new(
                    format!("managedScaling.{name}"),
                    format!("The managed scaling {name} must be between {min} and {max} (got {v})"),
                )),
            }
        };
        let settings = ManagedScalingSettings {
            enabled: config.status == Some(ManagedStatus::Enabled),
            // "The specified value must be greater than 0 and less than or equal to 100."
            target_capacity: ranged(
                "targetCapacity",
                config.target_capacity,
                1,
                100,
                defaults.target_capacity,
            )?,
            minimum_scaling_step_size: ranged(
                "minimumScalingStepSize",
                config.minimum_scaling_step_size,
                1,
                10_000,
                defaults.minimum_scaling_step_size,
            )?,
            maximum_scaling_step_size: ranged(
                "maximumScalingStepSize",
                config.maximum_scaling_step_size,
                1,
                10_000,
                defaults.maximum_scaling_step_size,
            )?,
            instance_warmup_seconds: ranged(
                "instanceWarmupPeriod",
                config.instance_warmup_period,
                0,
                10_000,
                defaults.instance_warmup_seconds,
            )?,
        };
        // Assumption: a minimum step above the maximum step is rejected.
        if settings.minimum_scaling_step_size > settings.maximum_scaling_step_size {
            return Err(CapacityError::new(
                "managedScaling.minimumScalingStepSize",
                format!(
                    "The managed scaling minimumScalingStepSize ({}) can't be greater than maximumScalingStepSize ({})",
                    settings.minimum_scaling_step_size, settings.maximum_scaling_step_size
                ),
            ));
        }
        Ok(settings)
    }

    /// How many instances to launch when the computed need is `computed`: "launches
    /// minimumScalingStepSize if the calculated count is smaller than it, otherwise
    /// min(maximumScalingStepSize, calculated count)".
    pub fn launch_step(&self, computed: u32) -> u32 {
        if computed < self.minimum_scaling_step_size {
            self.minimum_scaling_step_size
        } else {
            computed.min(self.maximum_scaling_step_size)
        }
    }
}

/// How many instances are still warming up at `now`, given when each instance was launched
/// (seconds since the epoch): those launched less than `instanceWarmupPeriod` ago.
pub fn instances_in_warmup(
    launch_times: &[i64],
    now: i64,
    settings: &ManagedScalingSettings,
) -> u32 {
    let warmup = i64::from(settings.instance_warmup_seconds);
    let warming = launch_times
        .iter()
        .filter(|&&launched| now < launched + warmup)
        .count();
    u32::try_from(warming).unwrap_or(u32::MAX)
}

/// A checked `AutoScalingGroupProvider`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsgProviderSettings {
    pub auto_scaling_group_arn: String,
    pub managed_scaling: ManagedScalingSettings,
    /// In effect: on, and managed scaling on too.
    pub managed_termination_protection: bool,
    pub notes: Vec<String>,
}

impl AsgProviderSettings {
    pub fn from_config(config: &AutoScalingGroupProvider) -> Result<Self, CapacityError> {
        let arn = match config.auto_scaling_group_arn.as_deref() {
            Some(a) if !a.is_empty() => a.to_string(),
            _ => {
                return Err(CapacityError::new(
                    "autoScalingGroupProvider.autoScalingGroupArn",
                    "autoScalingGroupArn is required",
                ))
            }
        };
        let managed_scaling = match &config.managed_scaling {
            Some(m) => ManagedScalingSettings::from_config(m)?,
            None => ManagedScalingSettings::default(),
        };
        let wants_protection =
            config.managed_termination_protection == Some(ManagedStatus::Enabled);
        let mut notes = Vec::new();
        // "When using managed termination protection, managed scaling must also be used
        // otherwise managed termination protection doesn't work."
        if wants_protection && !managed_scaling.enabled {
            notes.push(
                "managedTerminationProtection is ENABLED but managed scaling is not: managed termination protection \
                 doesn't work without managed scaling"
                    .to_string(),
            );
        }
        Ok(AsgProviderSettings {
            auto_scaling_group_arn: arn,
            managed_scaling,
            managed_termination_protection: wants_protection && managed_scaling.enabled,
            notes,
        })
    }
}

/// The alarm shape for CapacityProviderReservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReservationAlarms {
    /// Assumption: one datapoint above target scales out ("AlarmHigh … at 1 datapoint within
    /// a minute", containers-roadmap#638; not in the docs).
    pub scale_out_datapoints: usize,
    /// "CloudWatch scale-in alarms require 15 data points (15 minutes)" (ECSDG cluster-auto-scaling).
    pub scale_in_datapoints: usize,
}

impl Default for ReservationAlarms {
    fn default() -> Self {
        ReservationAlarms {
            scale_out_datapoints: 1,
            scale_in_datapoints: 15,
        }
    }
}

/// The group at one evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ManagedScalingInput<'a> {
    /// M now.
    pub needed_instances: u32,
    /// N now.
    pub running_instances: u32,
    /// CapacityProviderReservation, one value per minute, oldest first, the current one last.
    pub reservation_history: &'a [f64],
    /// Instances launched less than `instanceWarmupPeriod` ago (or still launching).
    pub instances_in_warmup: u32,
    /// The Auto Scaling group's MinSize and MaxSize: cluster auto scaling doesn't change them.
    pub group_min_size: u32,
    pub group_max_size: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManagedScalingAction {
    /// Launch `launch` instances: the group goes from `from` to `to`.
    ScaleOut {
        from: u32,
        to: u32,
        launch: u32,
    },
    /// Bring the group from `from` down to `to` instances.
    ScaleIn {
        from: u32,
        to: u32,
    },
    NoChange,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ManagedScalingDecision {
    pub action: ManagedScalingAction,
    /// The current CapacityProviderReservation.
    pub reservation: f64,
    pub explanation: String,
}

/// What managed scaling does now.
///
/// - Scale out when CPR is above `targetCapacity`, to ceil(M × 100 / target) instances (two
///   from zero at target 100), launching per the step-size rule, never above the group's
///   MaxSize, and not while instances are warming up ("scale-out is blocked while instances
///   are within warm-up").
/// - Scale in only after 15 consecutive minutes below the target, to ceil(M × 100 / target)
///   (not below MinSize); the step sizes don't apply ("The scale in process is not affected by
///   this parameter").
pub fn evaluate_managed_scaling(
    settings: &ManagedScalingSettings,
    alarms: &ReservationAlarms,
    input: &ManagedScalingInput,
) -> ManagedScalingDecision {
    let m = input.needed_instances;
    let n = input.running_instances;
    let reservation = capacity_provider_reservation(m, n);
    let target = f64::from(settings.target_capacity);
    let metric = describe_reservation(m, n);
    let no_change = |why: String| ManagedScalingDecision {
        action: ManagedScalingAction::NoChange,
        reservation,
        explanation: format!("{metric}, target {}%: {why}", settings.target_capacity),
    };
    if !settings.enabled {
        return no_change("managed scaling is DISABLED".to_string());
    }
    // Without a history, the current value is the only datapoint.
    let current_only = [reservation];
    let history = if input.reservation_history.is_empty() {
        &current_only[..]
    } else {
        input.reservation_history
    };
    let trailing =
        |test: &dyn Fn(f64) -> bool| history.iter().rev().take_while(|v| test(**v)).count();
    let desired = desired_instance_count(m, n, settings.target_capacity);

    if reservation > target && trailing(&|v| v > target) >= alarms.scale_out_datapoints.max(1) {
        if input.instances_in_warmup > 0 {
            return no_change(format!(
                "scale-out waits: {} instance(s) still within the {} s warm-up",
                input.instances_in_warmup, settings.instance_warmup_seconds
            ));
        }
        if n >= input.group_max_size {
            return no_change(format!(
                "the group is at its MaxSize {}",
                input.group_max_size
            ));
        }
        let computed = desired.saturating_sub(n);
        let launch = settings.launch_step(computed).min(input.group_max_size - n);
        let to = n + launch;
        let mut explanation = format!(
            "{metric} > target {}%: needs {desired} instance(s), {computed} more",
            settings.target_capacity
        );
        if launch != computed {
            explanation.push_str(&format!(
                " (step size {}..{}, MaxSize {}: launch {launch})",
                settings.minimum_scaling_step_size,
                settings.maximum_scaling_step_size,
                input.group_max_size
            ));
        }
        explanation.push_str(&format!(": instances {n} -> {to}"));
        return ManagedScalingDecision {
            action: ManagedScalingAction::ScaleOut {
                from: n,
                to,
                launch,
            },
            reservation,
            explanation,
        };
    }

    if reservation < target {
        let below = trailing(&|v| v < target);
        let needed = alarms.scale_in_datapoints.max(1);
        if below < needed {
            return no_change(format!(
                "below target for {below} of {needed} minutes: waiting"
            ));
        }
        let to = desired.max(input.group_min_size);
        if to >= n {
            return no_change(format!(
                "the group is at its MinSize {}",
                input.group_min_size
            ));
        }
        return ManagedScalingDecision {
            action: ManagedScalingAction::ScaleIn { from: n, to },
            reservation,
            explanation: format!(
                "{metric} < target {}% for {needed} minutes: needs {desired} instance(s): instances {n} -> {to}",
                settings.target_capacity
            ),
        };
    }
    no_change("at target, no change".to_string())
}
