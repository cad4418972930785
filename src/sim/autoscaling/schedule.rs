//! Scheduled scaling: the `Schedule` expression (`at`, `rate`, `cron`), when an action runs,
//! and what running it does to MinCapacity, MaxCapacity and the desired count.
//!
//! Sources: BOTO-AAS `PutScheduledActionRequest`, `ScalableTargetAction`; AAS user guide
//! "Scheduled scaling" and "Schedule recurring scaling actions using cron expressions".

use super::calendar::{
    parse_clock, parse_date, DateTime, SECONDS_PER_DAY, SECONDS_PER_HOUR, SECONDS_PER_MINUTE,
};
use super::cron::CronExpression;
use super::error::ValidationError;
use super::limits::CapacityLimits;
use super::policy::{check_ecs_target, required, PutScheduledActionRequest, ServiceResource};
use super::{EpochSeconds, Suspensions};

/// A parsed `Schedule`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// `at(yyyy-mm-ddThh:mm:ss)`: once, at this wall-clock time (in the action's time zone),
    /// held as if that wall clock were UTC.
    At(DateTime),
    /// `rate(value unit)`: every `seconds`.
    Rate { value: u32, unit: RateUnit },
    /// `cron(fields)`.
    Cron(CronExpression),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateUnit {
    Minute,
    Hour,
    Day,
}

impl RateUnit {
    pub fn seconds(self) -> i64 {
        match self {
            RateUnit::Minute => SECONDS_PER_MINUTE,
            RateUnit::Hour => SECONDS_PER_HOUR,
            RateUnit::Day => SECONDS_PER_DAY,
        }
    }
}

impl Schedule {
    /// Parses a `Schedule` string: "At expressions - at(yyyy-mm-ddThh:mm:ss)", "Rate
    /// expressions - rate(value unit)", "Cron expressions - cron(fields)" (BOTO-AAS).
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let err = |message: String| ValidationError::new("Schedule", message);
        let text = text.trim();
        if let Some(inner) = strip_call(text, "at") {
            let (date, clock) = inner.split_once('T').ok_or_else(|| {
                err(format!(
                    "'{text}' is not of the form at(yyyy-mm-ddThh:mm:ss)"
                ))
            })?;
            let (year, month, day) = parse_date(date).map_err(|_| {
                err(format!(
                    "'{text}' is not of the form at(yyyy-mm-ddThh:mm:ss)"
                ))
            })?;
            let (hour, minute, second) = parse_clock(clock).ok_or_else(|| {
                err(format!(
                    "'{text}' is not of the form at(yyyy-mm-ddThh:mm:ss)"
                ))
            })?;
            let when = DateTime::new(year, month, day, hour, minute, second)
                .map_err(|e| err(format!("'{text}': {e}")))?;
            return Ok(Schedule::At(when));
        }
        if let Some(inner) = strip_call(text, "rate") {
            return parse_rate(inner).map_err(|e| err(format!("'{text}': {e}")));
        }
        if let Some(inner) = strip_call(text, "cron") {
            return CronExpression::parse(inner)
                .map(Schedule::Cron)
                .map_err(|e| err(format!("'{text}': {e}")));
        }
        Err(err(format!(
            "'{text}' is not a schedule expression: use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)"
        )))
    }
}

fn strip_call<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.strip_prefix(name)?
        .strip_prefix('(')?
        .strip_suffix(')')
}

/// "For rate expressions, value is a positive integer and unit is minute | minutes | hour |
/// hours | day | days."
///
/// Assumption: singular and plural units are both accepted whatever the value (EventBridge
/// wants `1 minute` but `5 minutes`; the Application Auto Scaling text lists both without a rule).
fn parse_rate(inner: &str) -> Result<Schedule, String> {
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let [value, unit] = parts.as_slice() else {
        return Err("a rate expression is rate(value unit), e.g. rate(5 minutes)".to_string());
    };
    let value: u32 = value
        .parse()
        .ok()
        .filter(|v| *v > 0 && value.chars().all(|c| c.is_ascii_digit()))
        .ok_or_else(|| format!("the value '{value}' must be a positive integer"))?;
    let unit = match *unit {
        "minute" | "minutes" => RateUnit::Minute,
        "hour" | "hours" => RateUnit::Hour,
        "day" | "days" => RateUnit::Day,
        other => {
            return Err(format!(
                "the unit '{other}' must be minute, minutes, hour, hours, day or days"
            ))
        }
    };
    Ok(Schedule::Rate { value, unit })
}

/// Seconds east of UTC for a `Timezone`. "If a time zone is not provided, UTC is used by
/// default." The playground has no time zone database: it accepts the names of UTC and the
/// fixed-offset `Etc/GMT±N` zones (no daylight saving), and rejects the rest.
pub fn parse_timezone(timezone: Option<&str>) -> Result<i64, ValidationError> {
    let Some(name) = timezone else { return Ok(0) };
    const UTC_NAMES: [&str; 14] = [
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "GMT",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "Etc/Universal",
        "Universal",
        "Etc/Zulu",
        "Zulu",
        "Etc/Greenwich",
    ];
    if UTC_NAMES.contains(&name) {
        return Ok(0);
    }
    // IANA's Etc/GMT+N is N hours *behind* UTC (the POSIX sign convention).
    if let Some(rest) = name.strip_prefix("Etc/GMT") {
        let sign = match rest.chars().next() {
            Some('+') => -1,
            Some('-') => 1,
            _ => 0,
        };
        let digits = rest.get(1..).unwrap_or("");
        let well_formed = sign != 0
            && (1..=2).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit());
        if let Some(hours) = digits.parse::<i64>().ok().filter(|_| well_formed) {
            // IANA has Etc/GMT-14 to Etc/GMT+12.
            if (sign < 0 && hours <= 12) || (sign > 0 && hours <= 14) {
                return Ok(sign * hours * SECONDS_PER_HOUR);
            }
        }
    }
    Err(ValidationError::new(
        "Timezone",
        format!(
            "Timezone '{name}' is not supported by the playground: schedules run in UTC or a fixed-offset zone \
             such as Etc/GMT+9; remove Timezone or convert the times to UTC"
        ),
    ))
}

/// The new limits a scheduled action sets: "You can set both values or just one."
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CapacityChange {
    pub min_capacity: Option<u32>,
    pub max_capacity: Option<u32>,
}

/// A checked scheduled action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledAction {
    pub name: String,
    pub resource: ServiceResource,
    pub schedule: Schedule,
    /// Seconds east of UTC of the action's `Timezone` (0 for UTC).
    pub utc_offset_seconds: i64,
    pub start_time: Option<EpochSeconds>,
    pub end_time: Option<EpochSeconds>,
    /// When the action was created: the first `rate` run is counted from here when there is
    /// no StartTime.
    pub created_at: EpochSeconds,
    pub change: CapacityChange,
}

impl ScheduledAction {
    /// Checks a `PutScheduledAction` request made at `created_at`.
    pub fn from_request(
        request: &PutScheduledActionRequest,
        created_at: EpochSeconds,
    ) -> Result<Self, ValidationError> {
        let resource = check_ecs_target(
            request.service_namespace.as_deref(),
            request.resource_id.as_deref(),
            request.scalable_dimension.as_deref(),
        )?;
        let name = required(
            "ScheduledActionName",
            request.scheduled_action_name.as_deref(),
        )?;
        check_action_name(name)?;
        let schedule_text = required("Schedule", request.schedule.as_deref())?;
        let schedule = Schedule::parse(schedule_text)?;
        let utc_offset_seconds = parse_timezone(request.timezone.as_deref())?;
        let start_time = request.start_time.map(|t| t.0);
        let end_time = request.end_time.map(|t| t.0);
        if let (Some(start), Some(end)) = (start_time, end_time) {
            if end <= start {
                return Err(ValidationError::new(
                    "EndTime",
                    "EndTime must be after StartTime",
                ));
            }
        }
        let action = request.scalable_target_action.unwrap_or_default();
        let capacity = |field: &str, v: Option<i64>| -> Result<Option<u32>, ValidationError> {
            match v {
                None => Ok(None),
                Some(v) if v < 0 => Err(ValidationError::new(
                    format!("ScalableTargetAction.{field}"),
                    format!("{field} must be greater than or equal to 0 (got {v})"),
                )),
                Some(v) => u32::try_from(v).map(Some).map_err(|_| {
                    ValidationError::new(
                        format!("ScalableTargetAction.{field}"),
                        format!("{field} {v} is too large"),
                    )
                }),
            }
        };
        let change = CapacityChange {
            min_capacity: capacity("MinCapacity", action.min_capacity)?,
            max_capacity: capacity("MaxCapacity", action.max_capacity)?,
        };
        match (change.min_capacity, change.max_capacity) {
            (None, None) => {
                return Err(ValidationError::new(
                    "ScalableTargetAction",
                    "ScalableTargetAction must set MinCapacity, MaxCapacity or both",
                ))
            }
            (Some(min), Some(max)) if min > max => {
                return Err(ValidationError::new(
                    "ScalableTargetAction.MinCapacity",
                    format!("Minimum capacity cannot be greater than maximum capacity (MinCapacity {min} > MaxCapacity {max})"),
                ))
            }
            _ => {}
        }
        Ok(ScheduledAction {
            name: name.to_string(),
            resource,
            schedule,
            utc_offset_seconds,
            start_time,
            end_time,
            created_at,
            change,
        })
    }

    /// The first time strictly after `t` at which the action runs, or `None` if it never runs
    /// again.
    ///
    /// - `at`: once, at that time in the action's time zone.
    ///   Assumption: not at all if that time is before StartTime or after EndTime.
    /// - `rate`: "If you specify a start time, Application Auto Scaling performs the action at
    ///   this time, and then performs the action based on the specified recurrence." So the
    ///   runs are StartTime + k × rate, k ≥ 0.
    ///   Assumption: without a StartTime the first run is one period after the action was created.
    /// - `cron`: at StartTime if given (same sentence), then every matching minute after it.
    /// - "If you specify an end time, the action stops repeating after this time."
    pub fn next_run_after(&self, t: EpochSeconds) -> Option<EpochSeconds> {
        let next = match &self.schedule {
            Schedule::At(local) => {
                let when = local.to_epoch() - self.utc_offset_seconds;
                let in_window = self.start_time.is_none_or(|s| when >= s);
                (when > t && in_window).then_some(when)
            }
            Schedule::Rate { value, unit } => {
                let period = i64::from(*value) * unit.seconds();
                let first = self
                    .start_time
                    .unwrap_or(self.created_at.saturating_add(period));
                if t < first {
                    Some(first)
                } else {
                    // None only on arithmetic overflow, far outside any simulated time.
                    let periods_done = t.checked_sub(first)?.div_euclid(period).checked_add(1)?;
                    first.checked_add(periods_done.checked_mul(period)?)
                }
            }
            Schedule::Cron(cron) => match self.start_time {
                Some(start) if t < start => Some(start),
                _ => {
                    let from = self.start_time.map_or(t, |s| t.max(s));
                    cron.next_after(from + self.utc_offset_seconds)
                        .map(|local| local - self.utc_offset_seconds)
                }
            },
        }?;
        match self.end_time {
            Some(end) if next > end => None,
            _ => Some(next),
        }
    }

    /// Every run in `(after, until]`, at most `limit` of them.
    pub fn runs_between(
        &self,
        after: EpochSeconds,
        until: EpochSeconds,
        limit: usize,
    ) -> Vec<EpochSeconds> {
        let mut runs = Vec::new();
        let mut t = after;
        while runs.len() < limit {
            match self.next_run_after(t) {
                Some(next) if next <= until => {
                    runs.push(next);
                    t = next;
                }
                _ => break,
            }
        }
        runs
    }
}

/// `ScheduledActionName`: 1 to 256 characters, no leading or trailing spaces, no control
/// characters and none of `:` `/` `|` (BOTO-AAS pattern).
fn check_action_name(name: &str) -> Result<(), ValidationError> {
    let bad = name.chars().count() > 256
        || name.starts_with(' ')
        || name.ends_with(' ')
        || name
            .chars()
            .any(|c| c.is_control() || matches!(c, ':' | '/' | '|'));
    if bad {
        return Err(ValidationError::new(
            "ScheduledActionName",
            format!(
                "ScheduledActionName '{name}' must be 1 to 256 characters without leading or trailing spaces, \
                 control characters, ':', '/' or '|'"
            ),
        ));
    }
    Ok(())
}

/// What running a scheduled action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledOutcome {
    pub limits: CapacityLimits,
    pub desired_count: u32,
    pub explanation: String,
}

/// Runs a scheduled action against the target's current limits and desired count.
///
/// "At the scheduled time, if the current capacity is below the minimum capacity, Application
/// Auto Scaling scales out to the minimum capacity. If the current capacity is above the
/// maximum capacity, Application Auto Scaling scales in to the maximum capacity." Scheduled
/// actions do not wait for cooldowns, so none is consulted here.
///
/// Assumption: "current capacity" is the service's desired count. Assumption: when the new
/// minimum would exceed the maximum (one of them set by an earlier action), the action fails
/// with the ValidationException text and nothing changes.
pub fn apply_scheduled_action(
    change: &CapacityChange,
    limits: CapacityLimits,
    desired_count: u32,
    suspensions: &Suspensions,
) -> Result<ScheduledOutcome, ValidationError> {
    if suspensions.scheduled_scaling {
        return Ok(ScheduledOutcome {
            limits,
            desired_count,
            explanation: "scheduled scaling is suspended (ScheduledScalingSuspended): no change"
                .to_string(),
        });
    }
    let min = change.min_capacity.unwrap_or(limits.min());
    let max = change.max_capacity.unwrap_or(limits.max());
    let new_limits = CapacityLimits::new(i64::from(min), i64::from(max))?;
    let new_desired = new_limits.clamp(i64::from(desired_count));
    let mut explanation = format!(
        "MinCapacity {} -> {min}, MaxCapacity {} -> {max}",
        limits.min(),
        limits.max()
    );
    if new_desired > desired_count {
        explanation.push_str(&format!(
            ": desired {desired_count} is below the new minimum, scale out to {new_desired}"
        ));
    } else if new_desired < desired_count {
        explanation.push_str(&format!(
            ": desired {desired_count} is above the new maximum, scale in to {new_desired}"
        ));
    } else {
        explanation.push_str(&format!(": desired {desired_count} unchanged"));
    }
    Ok(ScheduledOutcome {
        limits: new_limits,
        desired_count: new_desired,
        explanation,
    })
}
