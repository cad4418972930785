//! Target tracking: when a policy scales, to what count, and how several policies combine.
//!
//! AWS publishes no formula (D7) and no alarm shape for services (D8). The documented facts
//! are: it "scales out proportionally to the metric as fast as it can, but scales in more
//! gradually"; it does nothing on insufficient data; it removes capacity only when the metric
//! is "far enough below the target value (usually more than 10% lower)"; the running count is
//! the starting point; from zero capacity it "waits for one data point … [and] scales out by the
//! minimum possible amount". Every number beyond those is an `// Assumption:` and lives in
//! [`AlarmShape`] so the simulator can change it.

use std::fmt::Write as _;

use super::error::ValidationError;
use super::limits::CapacityLimits;
use super::policy::{cooldown_seconds, TargetTrackingScalingPolicyConfiguration};
use super::step::fmt_number;
use super::{Direction, EpochSeconds, Suspensions};

const PATH: &str = "TargetTrackingScalingPolicyConfiguration";

/// The predefined metrics that apply to an ECS service (AAS target tracking guide; BOTO-AAS `MetricType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EcsMetric {
    /// `ECSServiceAverageCPUUtilization` (Percent).
    Cpu,
    /// `ECSServiceAverageMemoryUtilization` (Percent).
    Memory,
    /// `ALBRequestCountPerTarget` (Count): "the optimal average request count per target
    /// during any one-minute interval".
    AlbRequestCountPerTarget,
}

/// A checked `PredefinedMetricSpecification`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredefinedMetric {
    pub metric: EcsMetric,
    /// The `…HighResolution` variant was named.
    // Assumption: the HighResolution variants are accepted and evaluated like the standard
    // metrics, on the datapoints the caller supplies.
    pub high_resolution: bool,
    /// `app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>`, only for ALBRequestCountPerTarget.
    pub resource_label: Option<String>,
}

impl PredefinedMetric {
    pub fn metric_type(&self) -> &'static str {
        match (self.metric, self.high_resolution) {
            (EcsMetric::Cpu, false) => "ECSServiceAverageCPUUtilization",
            (EcsMetric::Cpu, true) => "ECSServiceAverageCPUUtilizationHighResolution",
            (EcsMetric::Memory, false) => "ECSServiceAverageMemoryUtilization",
            (EcsMetric::Memory, true) => "ECSServiceAverageMemoryUtilizationHighResolution",
            (EcsMetric::AlbRequestCountPerTarget, _) => "ALBRequestCountPerTarget",
        }
    }

    /// `CPU 82%`, `Memory 40%`, `Requests per target 120`.
    pub fn describe_value(&self, value: f64) -> String {
        match self.metric {
            EcsMetric::Cpu => format!("CPU {}%", fmt_number(value)),
            EcsMetric::Memory => format!("Memory {}%", fmt_number(value)),
            EcsMetric::AlbRequestCountPerTarget => {
                format!("Requests per target {}", fmt_number(value))
            }
        }
    }

    fn describe_target(&self, value: f64) -> String {
        match self.metric {
            EcsMetric::Cpu | EcsMetric::Memory => format!("{}%", fmt_number(value)),
            EcsMetric::AlbRequestCountPerTarget => fmt_number(value),
        }
    }
}

/// The alarms AWS creates for a target tracking policy, as the playground models them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlarmShape {
    /// Assumption: scale out after 3 consecutive one-minute datapoints above the target
    /// ("3 datapoints within 3 minutes", observed, not documented for services: D8).
    pub scale_out_datapoints: usize,
    /// Assumption: scale in after 15 consecutive one-minute datapoints below the scale-in
    /// threshold ("15 datapoints within 15 minutes", observed: D8).
    pub scale_in_datapoints: usize,
    /// Assumption: the scale-in threshold is 90% of the target ("usually more than 10% lower").
    pub scale_in_fraction_of_target: f64,
}

impl Default for AlarmShape {
    fn default() -> Self {
        AlarmShape {
            scale_out_datapoints: 3,
            scale_in_datapoints: 15,
            scale_in_fraction_of_target: 0.9,
        }
    }
}

/// A checked target tracking policy.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetTrackingPolicy {
    pub metric: PredefinedMetric,
    pub target_value: f64,
    pub scale_out_cooldown_seconds: u32,
    pub scale_in_cooldown_seconds: u32,
    /// "If the value is true, scale in is disabled and the target tracking scaling policy
    /// won't remove capacity from the scalable target." Default false.
    pub disable_scale_in: bool,
    pub alarms: AlarmShape,
}

impl TargetTrackingPolicy {
    /// Checks a `TargetTrackingScalingPolicyConfiguration` for an ECS service.
    pub fn from_config(
        config: &TargetTrackingScalingPolicyConfiguration,
    ) -> Result<Self, ValidationError> {
        let Some(target_value) = config.target_value else {
            return Err(ValidationError::new(
                format!("{PATH}.TargetValue"),
                "TargetValue is required",
            ));
        };
        // Assumption: the target must be a positive number (the capacity formula divides by
        // it); AWS only documents the range -2^360 to 2^360.
        if !target_value.is_finite() || target_value <= 0.0 {
            return Err(ValidationError::new(
                format!("{PATH}.TargetValue"),
                format!(
                    "TargetValue must be a number greater than 0 (got {})",
                    fmt_number(target_value)
                ),
            ));
        }
        let metric = match (&config.predefined_metric_specification, &config.customized_metric_specification) {
            (Some(_), Some(_)) => {
                return Err(ValidationError::new(
                    PATH,
                    "Specify either PredefinedMetricSpecification or CustomizedMetricSpecification, not both",
                ))
            }
            (None, Some(_)) => {
                return Err(ValidationError::new(
                    format!("{PATH}.CustomizedMetricSpecification"),
                    "CustomizedMetricSpecification is not simulated by the playground: use a PredefinedMetricSpecification \
                     (ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization or ALBRequestCountPerTarget)",
                ))
            }
            (None, None) => {
                return Err(ValidationError::new(
                    PATH,
                    "A target tracking policy needs a PredefinedMetricSpecification or a CustomizedMetricSpecification",
                ))
            }
            (Some(spec), None) => {
                let path = format!("{PATH}.PredefinedMetricSpecification");
                let Some(kind) = spec.predefined_metric_type.as_deref() else {
                    return Err(ValidationError::new(format!("{path}.PredefinedMetricType"), "PredefinedMetricType is required"));
                };
                let (metric, high_resolution) = match kind {
                    "ECSServiceAverageCPUUtilization" => (EcsMetric::Cpu, false),
                    "ECSServiceAverageCPUUtilizationHighResolution" => (EcsMetric::Cpu, true),
                    "ECSServiceAverageMemoryUtilization" => (EcsMetric::Memory, false),
                    "ECSServiceAverageMemoryUtilizationHighResolution" => (EcsMetric::Memory, true),
                    "ALBRequestCountPerTarget" => (EcsMetric::AlbRequestCountPerTarget, false),
                    other => {
                        return Err(ValidationError::new(
                            format!("{path}.PredefinedMetricType"),
                            format!(
                                "PredefinedMetricType '{other}' does not apply to an ECS service: use \
                                 ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget \
                                 or a HighResolution variant of the first two"
                            ),
                        ))
                    }
                };
                let resource_label = spec.resource_label.clone();
                match (metric, &resource_label) {
                    (EcsMetric::AlbRequestCountPerTarget, None) => {
                        return Err(ValidationError::new(
                            format!("{path}.ResourceLabel"),
                            "ALBRequestCountPerTarget needs a ResourceLabel of the form \
                             app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>",
                        ))
                    }
                    (EcsMetric::AlbRequestCountPerTarget, Some(label)) if !is_alb_resource_label(label) => {
                        return Err(ValidationError::new(
                            format!("{path}.ResourceLabel"),
                            format!(
                                "ResourceLabel '{label}' is not of the form \
                                 app/<load-balancer-name>/<load-balancer-id>/targetgroup/<target-group-name>/<target-group-id>"
                            ),
                        ))
                    }
                    (EcsMetric::Cpu | EcsMetric::Memory, Some(_)) => {
                        // "You can't specify a resource label unless the metric type is
                        // ALBRequestCountPerTarget and there is a target group attached".
                        return Err(ValidationError::new(
                            format!("{path}.ResourceLabel"),
                            format!("You can't specify a ResourceLabel with metric type {kind}: only with ALBRequestCountPerTarget"),
                        ));
                    }
                    _ => {}
                }
                PredefinedMetric { metric, high_resolution, resource_label }
            }
        };
        Ok(TargetTrackingPolicy {
            metric,
            target_value,
            scale_out_cooldown_seconds: cooldown_seconds(
                &format!("{PATH}.ScaleOutCooldown"),
                config.scale_out_cooldown,
            )?,
            scale_in_cooldown_seconds: cooldown_seconds(
                &format!("{PATH}.ScaleInCooldown"),
                config.scale_in_cooldown,
            )?,
            disable_scale_in: config.disable_scale_in.unwrap_or(false),
            alarms: AlarmShape::default(),
        })
    }

    /// The metric value below which the scale-in alarm counts a datapoint.
    pub fn scale_in_threshold(&self) -> f64 {
        self.target_value * self.alarms.scale_in_fraction_of_target
    }
}

fn is_alb_resource_label(label: &str) -> bool {
    let parts: Vec<&str> = label.split('/').collect();
    parts.len() == 6
        && parts[0] == "app"
        && parts[3] == "targetgroup"
        && parts.iter().all(|p| !p.is_empty())
}

/// Cooldowns of one scalable target's target tracking policies.
///
/// Assumption: the cooldown is kept per scalable target, shared by its target tracking
/// policies (AWS documents the semantics, not the scope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CooldownState {
    pub scale_out_until: Option<EpochSeconds>,
    pub scale_in_until: Option<EpochSeconds>,
}

impl CooldownState {
    pub fn in_scale_out_cooldown(&self, now: EpochSeconds) -> bool {
        self.scale_out_until.is_some_and(|t| now < t)
    }

    pub fn in_scale_in_cooldown(&self, now: EpochSeconds) -> bool {
        self.scale_in_until.is_some_and(|t| now < t)
    }
}

/// The service's counts and the target's settings at the time of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScalingContext {
    pub now: EpochSeconds,
    /// The starting point: "the actual running task count … as opposed to the desired count".
    pub running_count: u32,
    pub desired_count: u32,
    pub limits: CapacityLimits,
    pub suspensions: Suspensions,
}

/// What one policy would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposal {
    ScaleOut(u32),
    ScaleIn(u32),
    Hold,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyProposal {
    pub proposal: Proposal,
    /// Whether the policy takes part in the "all policies agree" scale-in vote.
    pub scale_in_enabled: bool,
    pub explanation: String,
}

/// `ceil(running × metric / target)`, the proportional capacity.
///
/// Assumption: the proportional formula and the rounding up (AWS only says it rounds
/// "conservatively"): enough tasks to bring the metric back to the target. A relative
/// tolerance of 1e-9 keeps 4 × 75 / 50 at 6, not 7, despite floating point.
pub fn proportional_capacity(running: u32, metric: f64, target: f64) -> i64 {
    let exact = f64::from(running) * metric / target;
    let tolerant = exact - exact.abs() * 1e-9;
    // ok: clamped to a range that fits in i64 before the conversion.
    tolerant.ceil().clamp(0.0, 1e15) as i64
}

/// What one target tracking policy proposes, from its metric's one-minute datapoints
/// (oldest first; `None` = missing).
pub fn propose(
    policy: &TargetTrackingPolicy,
    datapoints: &[Option<f64>],
    cooldown: &CooldownState,
    ctx: &ScalingContext,
) -> PolicyProposal {
    let scale_in_enabled = !policy.disable_scale_in;
    let hold = |explanation: String| PolicyProposal {
        proposal: Proposal::Hold,
        scale_in_enabled,
        explanation,
    };
    let target = policy.target_value;
    let target_text = policy.metric.describe_target(target);
    // Assumption: a non-finite or negative value is a missing datapoint.
    let usable = |d: &Option<f64>| d.filter(|v| v.is_finite() && *v >= 0.0);
    // "Amazon ECS … does nothing on insufficient data."
    let Some(latest) = datapoints.last().and_then(usable) else {
        return hold(format!(
            "{}: insufficient data, no action",
            policy.metric.metric_type()
        ));
    };
    let latest_text = policy.metric.describe_value(latest);
    let desired = ctx.desired_count;

    // "When actual capacity is 0 and the metric indicates that there is workload demand,
    // Service Auto Scaling waits for one data point … it scales out by the minimum possible
    // amount as a starting point".
    // Assumption: demand means a datapoint above 0, and the minimum amount is 1 task.
    if ctx.running_count == 0 {
        if latest <= 0.0 {
            return hold(format!(
                "{latest_text} with 0 running tasks: no demand, no action"
            ));
        }
        if let Some(why) = ctx.suspensions.scale_out_blocked_by() {
            return hold(format!("{latest_text} with 0 running tasks: {why}"));
        }
        let new = ctx.limits.hold_policy_result(desired, 1).max(desired);
        if new > desired {
            return PolicyProposal {
                proposal: Proposal::ScaleOut(new),
                scale_in_enabled,
                explanation: format!(
                    "{latest_text} with 0 running tasks (1 datapoint): desired {desired} -> {new}"
                ),
            };
        }
        return hold(format!("{latest_text} with 0 running tasks: desired is already {desired}, waiting for tasks to run"));
    }

    let out_n = policy.alarms.scale_out_datapoints.max(1);
    let above = trailing_count(datapoints, |v| usable(v).is_some_and(|v| v > target));
    if above >= out_n {
        let mut text = format!("{latest_text} > target {target_text} for {out_n} datapoints");
        if let Some(why) = ctx.suspensions.scale_out_blocked_by() {
            let _ = write!(text, ": {why}");
            return hold(text);
        }
        // Assumption: the latest datapoint sizes the scale-out.
        let wanted = proportional_capacity(ctx.running_count, latest, target);
        let held = ctx.limits.hold_policy_result(desired, wanted);
        // "the policy adds more only if a larger scale-out is triggered": capacity already
        // added (desired above running) counts.
        // Assumption: this holds in and out of the scale-out cooldown (target tracking sets
        // an absolute capacity, so a scale-out never lowers the desired count); the scale-out
        // cooldown therefore only changes the explanation.
        let new = held.max(desired);
        if new <= desired {
            let why = if i64::from(held) < wanted {
                format!("held by MaxCapacity {}", ctx.limits.max())
            } else if cooldown.in_scale_out_cooldown(ctx.now) {
                "capacity added in the scale-out cooldown already covers it".to_string()
            } else {
                "the desired count already covers it".to_string()
            };
            let _ = write!(
                text,
                ": wants {wanted} from {} running, desired stays {desired} ({why})",
                ctx.running_count
            );
            return hold(text);
        }
        if i64::from(new) < wanted {
            let _ = write!(
                text,
                ": wants {wanted}, held to MaxCapacity {}",
                ctx.limits.max()
            );
        }
        let _ = write!(text, ": desired {desired} -> {new}");
        return PolicyProposal {
            proposal: Proposal::ScaleOut(new),
            scale_in_enabled,
            explanation: text,
        };
    }

    let in_n = policy.alarms.scale_in_datapoints.max(1);
    let in_threshold = policy.scale_in_threshold();
    let below = trailing_count(datapoints, |v| usable(v).is_some_and(|v| v < in_threshold));
    if below >= in_n {
        let mut text = format!(
            "{latest_text} < {} ({}% of target {target_text}) for {in_n} datapoints",
            policy.metric.describe_target(in_threshold),
            fmt_number(policy.alarms.scale_in_fraction_of_target * 100.0)
        );
        if policy.disable_scale_in {
            let _ = write!(text, ": scale-in is disabled (DisableScaleIn)");
            return hold(text);
        }
        if let Some(why) = ctx.suspensions.scale_in_blocked_by() {
            let _ = write!(text, ": {why}");
            return hold(text);
        }
        if let Some(until) = cooldown.scale_in_until.filter(|t| ctx.now < *t) {
            let _ = write!(text, ": in the scale-in cooldown until t={until}");
            return hold(text);
        }
        let wanted = proportional_capacity(ctx.running_count, latest, target);
        let new = ctx.limits.hold_policy_result(desired, wanted).min(desired);
        if new >= desired {
            let why = if desired <= ctx.limits.min() {
                format!("already at MinCapacity {}", ctx.limits.min())
            } else {
                format!("wants {wanted} from {} running", ctx.running_count)
            };
            let _ = write!(text, ": desired stays {desired} ({why})");
            return hold(text);
        }
        if i64::from(new) > wanted {
            let _ = write!(
                text,
                ": wants {wanted}, held to MinCapacity {}",
                ctx.limits.min()
            );
        }
        let _ = write!(text, ": desired {desired} -> {new}");
        return PolicyProposal {
            proposal: Proposal::ScaleIn(new),
            scale_in_enabled,
            explanation: text,
        };
    }

    if latest > target {
        hold(format!(
            "{latest_text} > target {target_text} for {above} of {out_n} datapoints: waiting"
        ))
    } else if latest < in_threshold {
        hold(format!(
            "{latest_text} < {} for {below} of {in_n} datapoints: waiting",
            policy.metric.describe_target(in_threshold)
        ))
    } else {
        hold(format!(
            "{latest_text} is between {} and target {target_text}: no action",
            policy.metric.describe_target(in_threshold)
        ))
    }
}

/// How many datapoints at the end of the series satisfy `test`, without a break.
fn trailing_count(datapoints: &[Option<f64>], test: impl Fn(&Option<f64>) -> bool) -> usize {
    datapoints.iter().rev().take_while(|d| test(d)).count()
}

/// The result of evaluating all target tracking policies of one scalable target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetTrackingDecision {
    pub new_desired_count: Option<u32>,
    pub direction: Option<Direction>,
    /// The explanation the UI shows (the deciding policy's, or every policy's when none acts).
    pub explanation: String,
    pub proposals: Vec<PolicyProposal>,
    pub next_state: CooldownState,
}

/// Evaluates every target tracking policy of a scalable target and combines them.
///
/// "Application Auto Scaling scales out the scalable target if any of the target tracking
/// scaling policies are ready to scale out, but will scale in only if all of the target
/// tracking scaling policies (with the scale-in portion enabled) are ready to scale in." And
/// "gives precedence to the policy that provides the largest capacity for both scale out and
/// scale in". (AAS target tracking guide; BOTO-AAS `PutScalingPolicy`)
///
/// Cooldowns: "During the scale-in cooldown, scale-in is blocked, but a scale-out from another
/// alarm happens at once and ends the scale-in cooldown."
pub fn evaluate_target_tracking(
    policies: &[(&TargetTrackingPolicy, &[Option<f64>])],
    state: &CooldownState,
    ctx: &ScalingContext,
) -> TargetTrackingDecision {
    let proposals: Vec<PolicyProposal> = policies
        .iter()
        .map(|(p, d)| propose(p, d, state, ctx))
        .collect();
    let largest = |want: fn(&Proposal) -> Option<u32>| {
        proposals
            .iter()
            .enumerate()
            .filter_map(|(i, p)| want(&p.proposal).map(|n| (n, i)))
            // The largest capacity wins.
            // Assumption: on a tie, the first policy in the list (it decides the explanation
            // and the cooldown length).
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
    };
    let scale_out = largest(|p| match p {
        Proposal::ScaleOut(n) => Some(*n),
        _ => None,
    });
    if let Some((n, i)) = scale_out {
        let next_state = CooldownState {
            scale_out_until: Some(
                ctx.now
                    .saturating_add(i64::from(policies[i].0.scale_out_cooldown_seconds)),
            ),
            scale_in_until: None,
        };
        return TargetTrackingDecision {
            new_desired_count: Some(n),
            direction: Some(Direction::ScaleOut),
            explanation: proposals[i].explanation.clone(),
            proposals,
            next_state,
        };
    }
    let voters: Vec<&PolicyProposal> = proposals.iter().filter(|p| p.scale_in_enabled).collect();
    let all_ready_to_scale_in = !voters.is_empty()
        && voters
            .iter()
            .all(|p| matches!(p.proposal, Proposal::ScaleIn(_)));
    if all_ready_to_scale_in {
        if let Some((n, i)) = largest(|p| match p {
            Proposal::ScaleIn(n) => Some(*n),
            _ => None,
        }) {
            let next_state = CooldownState {
                scale_out_until: state.scale_out_until,
                scale_in_until: Some(
                    ctx.now
                        .saturating_add(i64::from(policies[i].0.scale_in_cooldown_seconds)),
                ),
            };
            return TargetTrackingDecision {
                new_desired_count: Some(n),
                direction: Some(Direction::ScaleIn),
                explanation: proposals[i].explanation.clone(),
                proposals,
                next_state,
            };
        }
    }
    let mut explanation = proposals
        .iter()
        .map(|p| p.explanation.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if voters.len() > 1
        && voters
            .iter()
            .any(|p| matches!(p.proposal, Proposal::ScaleIn(_)))
    {
        explanation
            .push_str("; no scale-in: not every policy with scale-in enabled is ready to scale in");
    }
    TargetTrackingDecision {
        new_desired_count: None,
        direction: None,
        explanation,
        proposals,
        next_state: *state,
    }
}
