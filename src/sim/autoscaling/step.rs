//! Step scaling: validating `StepAdjustments`, picking the step for a breach, turning the
//! adjustment into a capacity, and the cooldown.
//!
//! Sources: AAS user guide "Step scaling policies" (application-auto-scaling-step-scaling-policies)
//! and BOTO-AAS `StepScalingPolicyConfiguration`, `StepAdjustment`.

use std::fmt::Write as _;

use serde::Deserialize;

use super::error::ValidationError;
use super::limits::CapacityLimits;
use super::policy::{cooldown_seconds, StepAdjustment, StepScalingPolicyConfiguration};
use super::{Direction, EpochSeconds, Suspensions};

const PATH: &str = "StepScalingPolicyConfiguration";

/// "Specifies how the ScalingAdjustment value in a StepAdjustment is interpreted."
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentType {
    /// Add the value: current 3, adjustment 5 → 8.
    ChangeInCapacity,
    /// Add a percentage of the current capacity: current 10, +10 → 11.
    PercentChangeInCapacity,
    /// Set the capacity: current 3, adjustment 5 → 5.
    ExactCapacity,
}

impl AdjustmentType {
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        match text {
            "ChangeInCapacity" => Ok(Self::ChangeInCapacity),
            "PercentChangeInCapacity" => Ok(Self::PercentChangeInCapacity),
            "ExactCapacity" => Ok(Self::ExactCapacity),
            other => Err(ValidationError::new(
                format!("{PATH}.AdjustmentType"),
                format!(
                    "Value '{other}' at 'stepScalingPolicyConfiguration.adjustmentType' failed to satisfy constraint: \
                     Member must satisfy enum value set: [ChangeInCapacity, PercentChangeInCapacity, ExactCapacity]"
                ),
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::ChangeInCapacity => "ChangeInCapacity",
            Self::PercentChangeInCapacity => "PercentChangeInCapacity",
            Self::ExactCapacity => "ExactCapacity",
        }
    }
}

/// "The aggregation type for the CloudWatch metrics … If the aggregation type is null, the
/// value is treated as Average."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MetricAggregation {
    #[default]
    Average,
    Minimum,
    Maximum,
}

impl MetricAggregation {
    pub fn parse(text: Option<&str>) -> Result<Self, ValidationError> {
        match text {
            None | Some("Average") => Ok(Self::Average),
            Some("Minimum") => Ok(Self::Minimum),
            Some("Maximum") => Ok(Self::Maximum),
            Some(other) => Err(ValidationError::new(
                format!("{PATH}.MetricAggregationType"),
                format!("MetricAggregationType '{other}' is not one of Average, Minimum, Maximum"),
            )),
        }
    }

    /// The aggregate of the samples in one period, or `None` when there are none.
    pub fn aggregate(self, samples: &[f64]) -> Option<f64> {
        if samples.is_empty() {
            return None;
        }
        Some(match self {
            Self::Average => samples.iter().sum::<f64>() / samples.len() as f64,
            Self::Minimum => samples.iter().copied().fold(f64::INFINITY, f64::min),
            Self::Maximum => samples.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        })
    }
}

/// One validated step: bounds relative to the alarm threshold (`None` = −∞ below, +∞ above).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Step {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub adjustment: i64,
}

impl Step {
    /// `[0, 10)` above the threshold, `(-10, 0]` below it.
    pub fn describe(&self, side: BreachSide) -> String {
        let lower = self.lower.map_or("-infinity".to_string(), fmt_number);
        let upper = self.upper.map_or("+infinity".to_string(), fmt_number);
        match side {
            BreachSide::Above => format!("[{lower}, {upper})"),
            BreachSide::Below => format!("({lower}, {upper}]"),
        }
    }
}

/// A validated step scaling policy.
#[derive(Debug, Clone, PartialEq)]
pub struct StepPolicy {
    pub adjustment_type: AdjustmentType,
    /// In the order the request gave them (indexes in messages refer to it).
    pub steps: Vec<Step>,
    pub min_adjustment_magnitude: Option<u32>,
    pub cooldown_seconds: u32,
    pub aggregation: MetricAggregation,
}

impl StepPolicy {
    /// Checks a `StepScalingPolicyConfiguration` the way `PutScalingPolicy` does.
    pub fn from_config(config: &StepScalingPolicyConfiguration) -> Result<Self, ValidationError> {
        // "AdjustmentType … is required if you are creating a policy."
        let adjustment_type = match config.adjustment_type.as_deref() {
            Some(text) => AdjustmentType::parse(text)?,
            None => {
                return Err(ValidationError::new(
                    format!("{PATH}.AdjustmentType"),
                    "AdjustmentType is required when creating a step scaling policy",
                ))
            }
        };
        let adjustments = config.step_adjustments.as_deref().unwrap_or(&[]);
        let steps = validate_step_adjustments(adjustments)?;
        if adjustment_type == AdjustmentType::ExactCapacity {
            // "For exact capacity, you must specify a non-negative value."
            if let Some((i, s)) = steps.iter().enumerate().find(|(_, s)| s.adjustment < 0) {
                return Err(ValidationError::new(
                    format!("{PATH}.StepAdjustments[{i}].ScalingAdjustment"),
                    format!(
                        "ScalingAdjustment {} is negative: for ExactCapacity you must specify a non-negative value",
                        s.adjustment
                    ),
                ));
            }
        }
        let min_adjustment_magnitude = match config.min_adjustment_magnitude {
            None => None,
            // "The minimum value to scale by when the adjustment type is PercentChangeInCapacity."
            Some(_) if adjustment_type != AdjustmentType::PercentChangeInCapacity => {
                return Err(ValidationError::new(
                    format!("{PATH}.MinAdjustmentMagnitude"),
                    format!(
                        "MinAdjustmentMagnitude is only valid with AdjustmentType PercentChangeInCapacity (this policy uses {})",
                        adjustment_type.as_str()
                    ),
                ))
            }
            Some(m) if m < 0 => {
                return Err(ValidationError::new(
                    format!("{PATH}.MinAdjustmentMagnitude"),
                    format!("MinAdjustmentMagnitude must be greater than or equal to 0 (got {m})"),
                ))
            }
            Some(m) => Some(u32::try_from(m).map_err(|_| {
                ValidationError::new(format!("{PATH}.MinAdjustmentMagnitude"), format!("MinAdjustmentMagnitude {m} is too large"))
            })?),
        };
        Ok(StepPolicy {
            adjustment_type,
            steps,
            min_adjustment_magnitude,
            cooldown_seconds: cooldown_seconds(&format!("{PATH}.Cooldown"), config.cooldown)?,
            aggregation: MetricAggregation::parse(config.metric_aggregation_type.as_deref())?,
        })
    }
}

/// Checks the documented rules for a policy's steps (BOTO-AAS `StepAdjustment`):
/// "The ranges of your step adjustments can't overlap or have a gap. At most one step
/// adjustment can have a null lower bound. If one step adjustment has a negative lower bound,
/// then there must be a step adjustment with a null lower bound. At most one step adjustment
/// can have a null upper bound. If one step adjustment has a positive upper bound, then there
/// must be a step adjustment with a null upper bound. The upper and lower bound can't be null
/// in the same step adjustment." and "The upper bound must be greater than the lower bound."
pub fn validate_step_adjustments(
    adjustments: &[StepAdjustment],
) -> Result<Vec<Step>, ValidationError> {
    let at = |i: usize| format!("{PATH}.StepAdjustments[{i}]");
    if adjustments.is_empty() {
        return Err(ValidationError::new(
            format!("{PATH}.StepAdjustments"),
            "At least one step adjustment is required when creating a step scaling policy configuration",
        ));
    }
    let mut steps = Vec::with_capacity(adjustments.len());
    for (i, a) in adjustments.iter().enumerate() {
        let Some(adjustment) = a.scaling_adjustment else {
            return Err(ValidationError::new(
                format!("{}.ScalingAdjustment", at(i)),
                "ScalingAdjustment is required",
            ));
        };
        for (name, bound) in [
            ("MetricIntervalLowerBound", a.metric_interval_lower_bound),
            ("MetricIntervalUpperBound", a.metric_interval_upper_bound),
        ] {
            if bound.is_some_and(|b| !b.is_finite()) {
                return Err(ValidationError::new(
                    format!("{}.{name}", at(i)),
                    format!("{name} must be a finite number"),
                ));
            }
        }
        match (a.metric_interval_lower_bound, a.metric_interval_upper_bound) {
            (None, None) => {
                return Err(ValidationError::new(
                    at(i),
                    "MetricIntervalLowerBound and MetricIntervalUpperBound can't both be null in the same step adjustment",
                ))
            }
            (Some(lower), Some(upper)) if upper <= lower => {
                return Err(ValidationError::new(
                    at(i),
                    format!(
                        "MetricIntervalUpperBound ({}) must be greater than MetricIntervalLowerBound ({})",
                        fmt_number(upper),
                        fmt_number(lower)
                    ),
                ))
            }
            _ => {}
        }
        steps.push(Step {
            lower: a.metric_interval_lower_bound,
            upper: a.metric_interval_upper_bound,
            adjustment,
        });
    }

    let null_lowers: Vec<usize> = (0..steps.len())
        .filter(|&i| steps[i].lower.is_none())
        .collect();
    let null_uppers: Vec<usize> = (0..steps.len())
        .filter(|&i| steps[i].upper.is_none())
        .collect();
    if null_lowers.len() > 1 {
        return Err(ValidationError::new(
            at(null_lowers[1]),
            format!(
                "At most one step adjustment can have a null lower bound (steps {:?} both do)",
                &null_lowers[..2]
            ),
        ));
    }
    if null_uppers.len() > 1 {
        return Err(ValidationError::new(
            at(null_uppers[1]),
            format!(
                "At most one step adjustment can have a null upper bound (steps {:?} both do)",
                &null_uppers[..2]
            ),
        ));
    }
    if null_lowers.is_empty() {
        if let Some(i) = (0..steps.len()).find(|&i| steps[i].lower.is_some_and(|l| l < 0.0)) {
            return Err(ValidationError::new(
                at(i),
                format!(
                    "Step adjustment {i} has a negative lower bound ({}), so there must be a step adjustment with a null lower bound",
                    steps[i].lower.map_or(String::new(), fmt_number)
                ),
            ));
        }
    }
    if null_uppers.is_empty() {
        if let Some(i) = (0..steps.len()).find(|&i| steps[i].upper.is_some_and(|u| u > 0.0)) {
            return Err(ValidationError::new(
                at(i),
                format!(
                    "Step adjustment {i} has a positive upper bound ({}), so there must be a step adjustment with a null upper bound",
                    steps[i].upper.map_or(String::new(), fmt_number)
                ),
            ));
        }
    }

    // Sorted by lower bound (null first), each range must end where the next begins.
    let mut order: Vec<usize> = (0..steps.len()).collect();
    crate::sim::sorting::sort_by(&mut order, |&a, &b| {
        let key = |i: usize| steps[i].lower.unwrap_or(f64::NEG_INFINITY);
        key(a).total_cmp(&key(b)).then(a.cmp(&b))
    });
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let a_upper = steps[a].upper.unwrap_or(f64::INFINITY);
        let b_lower = steps[b].lower.unwrap_or(f64::NEG_INFINITY);
        if a_upper > b_lower {
            return Err(ValidationError::new(
                at(b),
                format!(
                    "The ranges of step adjustments {a} {} and {b} {} overlap: step adjustments can't overlap or have a gap",
                    range_text(&steps[a]),
                    range_text(&steps[b])
                ),
            ));
        }
        if a_upper < b_lower {
            return Err(ValidationError::new(
                at(b),
                format!(
                    "There is a gap between step adjustments {a} {} and {b} {}: step adjustments can't overlap or have a gap",
                    range_text(&steps[a]),
                    range_text(&steps[b])
                ),
            ));
        }
    }
    Ok(steps)
}

fn range_text(step: &Step) -> String {
    format!(
        "({} to {})",
        step.lower.map_or("null".to_string(), fmt_number),
        step.upper.map_or("null".to_string(), fmt_number)
    )
}

/// How the CloudWatch alarm behind a step policy compares its metric with its threshold
/// (CloudWatch `ComparisonOperator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ComparisonOperator {
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
}

/// Which side of the threshold a breach is on; it decides which bounds are inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreachSide {
    Above,
    Below,
}

/// The alarm that invokes a step policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepAlarm {
    pub threshold: f64,
    pub comparison: ComparisonOperator,
}

impl StepAlarm {
    pub fn is_breached(&self, metric: f64) -> bool {
        match self.comparison {
            ComparisonOperator::GreaterThanOrEqualToThreshold => metric >= self.threshold,
            ComparisonOperator::GreaterThanThreshold => metric > self.threshold,
            ComparisonOperator::LessThanThreshold => metric < self.threshold,
            ComparisonOperator::LessThanOrEqualToThreshold => metric <= self.threshold,
        }
    }

    /// A greater-than alarm breaches above the threshold (or at it, for `>=`); a less-than
    /// alarm below it. At exactly the threshold the alarm's direction decides, which is what
    /// the two BOTO-AAS examples need: with threshold 50, `[0, 10)` means "≥ 50 and < 60" and
    /// `(-10, 0]` means "> 40 and ≤ 50".
    pub fn side(&self) -> BreachSide {
        match self.comparison {
            ComparisonOperator::GreaterThanOrEqualToThreshold
            | ComparisonOperator::GreaterThanThreshold => BreachSide::Above,
            ComparisonOperator::LessThanThreshold
            | ComparisonOperator::LessThanOrEqualToThreshold => BreachSide::Below,
        }
    }
}

/// The index of the step whose range holds `difference` (metric − threshold).
///
/// "If the metric value is above the breach threshold, the lower bound is inclusive (the metric
/// must be greater than or equal to the threshold plus the lower bound). Otherwise, it's
/// exclusive" and "If the metric value is above the breach threshold, the upper bound is
/// exclusive … Otherwise, it's inclusive" (BOTO-AAS `StepAdjustment`).
pub fn select_step(steps: &[Step], difference: f64, side: BreachSide) -> Option<usize> {
    steps.iter().position(|s| match side {
        BreachSide::Above => {
            s.lower.is_none_or(|l| difference >= l) && s.upper.is_none_or(|u| difference < u)
        }
        BreachSide::Below => {
            s.lower.is_none_or(|l| difference > l) && s.upper.is_none_or(|u| difference <= u)
        }
    })
}

/// `percent` % of `capacity`, rounded the documented way: "values > 1 are rounded down
/// (12.7 → 12); values between 0 and 1 → 1 (.67 → 1); values between 0 and −1 → −1 (−.58 → −1);
/// values < −1 are rounded up (−6.67 → −6)". Exact: integer arithmetic, no floating point.
pub fn percent_of_capacity(capacity: u32, percent: i64) -> i64 {
    let hundredths = i64::from(capacity) * percent;
    // Integer division truncates toward zero: down for positives, up for negatives.
    let truncated = hundredths / 100;
    match (hundredths.signum(), truncated) {
        (1, 0) => 1,
        (-1, 0) => -1,
        _ => truncated,
    }
}

/// The signed change a step asks for, given the capacity it applies to.
///
/// `MinAdjustmentMagnitude`: "suppose that you create a step scaling policy to scale out an
/// Amazon ECS service by 25 percent and you specify a MinAdjustmentMagnitude of 2. If the
/// service has 4 tasks … 25 percent of 4 is 1. However, because you specified a
/// MinAdjustmentMagnitude of 2, Application Auto Scaling scales out the service by 2 tasks."
pub fn capacity_change(
    adjustment_type: AdjustmentType,
    capacity: u32,
    scaling_adjustment: i64,
    min_adjustment_magnitude: Option<u32>,
) -> i64 {
    match adjustment_type {
        AdjustmentType::ChangeInCapacity => scaling_adjustment,
        AdjustmentType::ExactCapacity => scaling_adjustment - i64::from(capacity),
        AdjustmentType::PercentChangeInCapacity => {
            let change = percent_of_capacity(capacity, scaling_adjustment);
            let floor = i64::from(min_adjustment_magnitude.unwrap_or(0));
            if change != 0 && change.abs() < floor {
                change.signum() * floor
            } else {
                change
            }
        }
    }
}

/// What a step policy did last, kept between evaluations for its cooldown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepPolicyState {
    pub last_activity: Option<StepActivity>,
}

/// A scaling activity started by the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepActivity {
    /// When the activity that started the current cooldown happened.
    pub at: EpochSeconds,
    pub direction: Direction,
    /// The capacity the adjustment was computed from (the running count then).
    pub capacity_before: u32,
    /// The desired count the policy has set since (raised by top-ups during the cooldown).
    pub desired_after: u32,
}

/// Everything a step policy evaluation reads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepInput {
    pub now: EpochSeconds,
    /// The alarm's metric, already aggregated over its period.
    pub metric: f64,
    pub alarm: StepAlarm,
    /// "During scaling activities, the actual running task count in a service is the value
    /// that Service Auto Scaling uses as its starting point, as opposed to the desired count."
    pub running_count: u32,
    pub desired_count: u32,
    pub limits: CapacityLimits,
    pub suspensions: Suspensions,
}

/// What the evaluation decided, why (in words for the UI), and the state to keep.
#[derive(Debug, Clone, PartialEq)]
pub struct StepDecision {
    /// `Some(n)` when the desired count changes to `n`.
    pub new_desired_count: Option<u32>,
    /// The step that matched, if the alarm was in breach.
    pub step_index: Option<usize>,
    pub explanation: String,
    pub next_state: StepPolicyState,
}

/// Evaluates a step scaling policy once, at `input.now`.
pub fn evaluate_step_policy(
    policy: &StepPolicy,
    state: &StepPolicyState,
    input: &StepInput,
) -> StepDecision {
    let hold = |step_index: Option<usize>, explanation: String| StepDecision {
        new_desired_count: None,
        step_index,
        explanation,
        next_state: *state,
    };
    let alarm = input.alarm;
    let metric_text = fmt_number(input.metric);
    if !alarm.is_breached(input.metric) {
        return hold(
            None,
            format!(
                "metric {metric_text} does not breach the alarm ({} {}): no action",
                comparison_text(alarm.comparison),
                fmt_number(alarm.threshold)
            ),
        );
    }
    let side = alarm.side();
    let difference = input.metric - alarm.threshold;
    let Some(index) = select_step(&policy.steps, difference, side) else {
        return hold(
            None,
            format!(
                "metric {metric_text} (difference {} from threshold {}) is in no step's range: no action",
                fmt_signed(difference),
                fmt_number(alarm.threshold)
            ),
        );
    };
    let step = policy.steps[index];
    let mut text = format!(
        "metric {metric_text} {} threshold {} (difference {}) matches step {index} {} ({} {})",
        comparison_text(alarm.comparison),
        fmt_number(alarm.threshold),
        fmt_signed(difference),
        step.describe(side),
        policy.adjustment_type.as_str(),
        step.adjustment
    );

    let direction = match policy.adjustment_type {
        AdjustmentType::ExactCapacity => match step.adjustment.cmp(&i64::from(input.desired_count))
        {
            std::cmp::Ordering::Greater => Direction::ScaleOut,
            std::cmp::Ordering::Less => Direction::ScaleIn,
            std::cmp::Ordering::Equal => {
                let _ = write!(text, ": desired count is already {}", input.desired_count);
                return hold(Some(index), text);
            }
        },
        _ if step.adjustment > 0 => Direction::ScaleOut,
        _ if step.adjustment < 0 => Direction::ScaleIn,
        _ => {
            let _ = write!(
                text,
                ": an adjustment of 0 leaves desired count {}",
                input.desired_count
            );
            return hold(Some(index), text);
        }
    };

    let blocked = match direction {
        Direction::ScaleOut => input.suspensions.scale_out_blocked_by(),
        Direction::ScaleIn => input.suspensions.scale_in_blocked_by(),
    };
    if let Some(why) = blocked {
        let _ = write!(text, ": {why}");
        return hold(Some(index), text);
    }

    let in_cooldown = state
        .last_activity
        .filter(|last| input.now < last.at.saturating_add(i64::from(policy.cooldown_seconds)));
    // The capacity the adjustment is computed from.
    let (base, top_up_of) = match (in_cooldown, direction) {
        // "For scale-in policies, the cooldown period is used to block subsequent scale-in
        // requests until it has expired."
        (Some(last), Direction::ScaleIn) if last.direction == Direction::ScaleIn => {
            let _ = write!(
                text,
                ": in the scale-in cooldown until t={} ({} s after the last scale-in), no action",
                last.at.saturating_add(i64::from(policy.cooldown_seconds)),
                policy.cooldown_seconds
            );
            return hold(Some(index), text);
        }
        // "If the alarm triggers again during the cooldown period but at a more aggressive
        // step adjustment of 3, the previous increase of 2 is considered part of the current
        // capacity. Therefore, only 1 is added to the capacity."
        // Assumption: the adjustment is recomputed from the capacity before the activity that
        // started the cooldown, and a top-up does not restart the cooldown.
        (Some(last), Direction::ScaleOut) if last.direction == Direction::ScaleOut => {
            (last.capacity_before, Some(last))
        }
        // Assumption: cooldowns are per policy; a policy's activity in the other direction
        // does not hold this one.
        _ => (input.running_count, None),
    };
    let change = capacity_change(
        policy.adjustment_type,
        base,
        step.adjustment,
        policy.min_adjustment_magnitude,
    );
    let proposed = i64::from(base) + change;
    let held = input
        .limits
        .hold_policy_result(input.desired_count, proposed);
    // Assumption: a scale-out never lowers the desired count and a scale-in never raises it,
    // even when the running count (the documented starting point) lags the desired count.
    let new_desired = match direction {
        Direction::ScaleOut => held.max(input.desired_count),
        Direction::ScaleIn => held.min(input.desired_count),
    };
    let base_name = if top_up_of.is_some() {
        "capacity before the cooldown"
    } else {
        "running count"
    };
    let _ = write!(
        text,
        ": {} of {base_name} {base} = {}",
        change_text(policy.adjustment_type, step.adjustment),
        fmt_signed(change as f64)
    );
    if new_desired == input.desired_count {
        let why = if direction == Direction::ScaleOut && proposed > i64::from(held) {
            format!("held by MaxCapacity {}", input.limits.max())
        } else if direction == Direction::ScaleIn && proposed < i64::from(held) {
            format!("held by MinCapacity {}", input.limits.min())
        } else if top_up_of.is_some() {
            "the capacity added in the cooldown already covers it".to_string()
        } else {
            "the desired count already covers it".to_string()
        };
        let _ = write!(
            text,
            " -> {proposed}; desired stays {} ({why})",
            input.desired_count
        );
        return hold(Some(index), text);
    }
    if i64::from(new_desired) != proposed {
        let _ = write!(
            text,
            " -> {proposed}, held to {new_desired} by MinCapacity {} / MaxCapacity {}",
            input.limits.min(),
            input.limits.max()
        );
    }
    let _ = write!(text, ": desired {} -> {}", input.desired_count, new_desired);
    if top_up_of.is_some() {
        let _ = write!(
            text,
            " (in the scale-out cooldown the earlier increase counts, so only {} more)",
            new_desired - input.desired_count
        );
    }
    let activity = match top_up_of {
        Some(last) => StepActivity {
            desired_after: new_desired,
            ..last
        },
        None => StepActivity {
            at: input.now,
            direction,
            capacity_before: base,
            desired_after: new_desired,
        },
    };
    StepDecision {
        new_desired_count: Some(new_desired),
        step_index: Some(index),
        explanation: text,
        next_state: StepPolicyState {
            last_activity: Some(activity),
        },
    }
}

fn comparison_text(op: ComparisonOperator) -> &'static str {
    match op {
        ComparisonOperator::GreaterThanOrEqualToThreshold => ">=",
        ComparisonOperator::GreaterThanThreshold => ">",
        ComparisonOperator::LessThanThreshold => "<",
        ComparisonOperator::LessThanOrEqualToThreshold => "<=",
    }
}

fn change_text(adjustment_type: AdjustmentType, adjustment: i64) -> String {
    match adjustment_type {
        AdjustmentType::ChangeInCapacity => format!("{adjustment:+}"),
        AdjustmentType::PercentChangeInCapacity => format!("{adjustment:+}%"),
        AdjustmentType::ExactCapacity => format!("exactly {adjustment}"),
    }
}

/// `10`, `12.5`, `-0.58`: whole numbers without a fraction, others with up to two decimals.
pub fn fmt_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn fmt_signed(value: f64) -> String {
    let text = fmt_number(value);
    if value > 0.0 {
        format!("+{text}")
    } else {
        text
    }
}
