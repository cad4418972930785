//! AWS-flavoured cron expressions (the inside of `cron(...)` in a scheduled action), and the
//! next time one fires.
//!
//! Format (BOTO-AAS `PutScheduledActionRequest.Schedule`): "six fields separated by white
//! spaces: [Minutes] [Hours] [Day_of_Month] [Month] [Day_of_Week] [Year]". Values and
//! wildcards follow the EventBridge cron reference that the Application Auto Scaling guide
//! points to:
//!
//! | Field        | Values            | Wildcards       |
//! |--------------|-------------------|-----------------|
//! | Minutes      | 0-59              | , - * /         |
//! | Hours        | 0-23              | , - * /         |
//! | Day-of-month | 1-31              | , - * ? / L W   |
//! | Month        | 1-12 or JAN-DEC   | , - * /         |
//! | Day-of-week  | 1-7 or SUN-SAT    | , - * ? L #     |
//! | Year         | 1970-2199         | , - * /         |
//!
//! Written by hand rather than with a cron crate: the well-kept ones (croner) need chrono or
//! jiff for dates, too heavy for the wasm build, and none takes this exact six-field form with
//! a year field and the `?` rule.

use super::calendar::{aws_weekday, days_in_month, DateTime, SECONDS_PER_MINUTE};
use super::EpochSeconds;

pub const FIRST_YEAR: i64 = 1970;
pub const LAST_YEAR: i64 = 2199;

const MONTH_NAMES: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// A parsed cron expression. Evaluate it with [`CronExpression::next_after`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronExpression {
    minutes: u64,
    hours: u64,
    days_of_month: DayOfMonth,
    months: u64,
    days_of_week: DayOfWeek,
    /// Bit `y - 1970` is set for each allowed year.
    years: [u64; 4],
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum DayOfMonth {
    /// `?`
    Unspecified,
    /// Bit `d` for each allowed day 1..=31.
    Days(u64),
    /// `L`: the last day of the month.
    Last,
    /// `LW`: the last weekday (Monday to Friday) of the month.
    LastWeekday,
    /// `15W`: "the weekday closest to the … day of the month".
    NearestWeekday(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum DayOfWeek {
    /// `?`
    Unspecified,
    /// Bit `w` for each allowed weekday, 1 = SUN … 7 = SAT.
    Days(u64),
    /// `6L`: the last Friday of the month.
    LastOfMonth(u32),
    /// `3#2`: "the second Tuesday of the month".
    Nth { weekday: u32, nth: u32 },
}

struct FieldSpec {
    name: &'static str,
    min: u32,
    max: u32,
    /// Names for the values `min..`, in order (JAN = 1, SUN = 1).
    names: &'static [&'static str],
    allows_step: bool,
}

const MINUTES: FieldSpec = FieldSpec {
    name: "Minutes",
    min: 0,
    max: 59,
    names: &[],
    allows_step: true,
};
const HOURS: FieldSpec = FieldSpec {
    name: "Hours",
    min: 0,
    max: 23,
    names: &[],
    allows_step: true,
};
const DAY_OF_MONTH: FieldSpec = FieldSpec {
    name: "Day-of-month",
    min: 1,
    max: 31,
    names: &[],
    allows_step: true,
};
const MONTH: FieldSpec = FieldSpec {
    name: "Month",
    min: 1,
    max: 12,
    names: &MONTH_NAMES,
    allows_step: true,
};
// "/" is not among the Day-of-week wildcards in the EventBridge reference.
const DAY_OF_WEEK: FieldSpec = FieldSpec {
    name: "Day-of-week",
    min: 1,
    max: 7,
    names: &WEEKDAY_NAMES,
    allows_step: false,
};
// ok: LAST_YEAR - FIRST_YEAR = 229 fits in u32.
const YEAR: FieldSpec = FieldSpec {
    name: "Year",
    min: 1970,
    max: 2199,
    names: &[],
    allows_step: true,
};
const SECONDS: FieldSpec = FieldSpec {
    name: "Seconds",
    min: 0,
    max: 59,
    names: &[],
    allows_step: true,
};

impl CronExpression {
    /// Parses the fields inside `cron(...)`. Errors name the field and say what it accepts.
    pub fn parse(fields_text: &str) -> Result<Self, String> {
        let mut fields: Vec<&str> = fields_text.split_whitespace().collect();
        match fields.len() {
            6 => {}
            // Assumption: the seven-field form with a leading Seconds field is accepted (the
            // guide says it is "accepted but not precise"); the seconds are checked, then ignored,
            // because scheduled actions run at minute resolution.
            7 => {
                parse_values(fields[0], &SECONDS)?;
                fields.remove(0);
            }
            n => {
                return Err(format!(
                    "a cron expression has six fields separated by white space: \
                     [Minutes] [Hours] [Day_of_Month] [Month] [Day_of_Week] [Year]; '{}' has {n}",
                    fields_text.trim()
                ))
            }
        }
        let minutes = bits(&parse_values(fields[0], &MINUTES)?);
        let hours = bits(&parse_values(fields[1], &HOURS)?);
        let days_of_month = parse_day_of_month(fields[2])?;
        let months = bits(&parse_values(fields[3], &MONTH)?);
        let days_of_week = parse_day_of_week(fields[4])?;
        let mut years = [0u64; 4];
        for year in parse_values(fields[5], &YEAR)? {
            let i = (year - YEAR.min) as usize;
            years[i / 64] |= 1 << (i % 64);
        }
        // "You can't use * in both the Day-of-month and Day-of-week fields. If you use it in
        // one, you must use ? in the other." (EventBridge cron reference)
        // Assumption: a value in both fields is rejected, as EventBridge and Quartz do. The
        // archived Application Auto Scaling guide's example `30 6 * * 2 *` ("every Tuesday")
        // breaks this rule and AWS's day numbering (1 = SUN, so 2 = MON); the live guide now
        // reads `30 6 ? * MON *`, "every Monday at 6:30 AM".
        match (&days_of_month, &days_of_week) {
            (DayOfMonth::Unspecified, DayOfWeek::Unspecified) => {
                return Err("Day-of-month and Day-of-week can't both be '?': use ? in exactly one of them".to_string())
            }
            (DayOfMonth::Unspecified, _) | (_, DayOfWeek::Unspecified) => {}
            _ => {
                return Err(format!(
                    "you can't specify both Day-of-month ('{}') and Day-of-week ('{}'): use ? in one of them, \
                     e.g. '{} {} ? {} {} {}'",
                    fields[2], fields[4], fields[0], fields[1], fields[3], fields[4], fields[5]
                ))
            }
        }
        Ok(CronExpression {
            minutes,
            hours,
            days_of_month,
            months,
            days_of_week,
            years,
        })
    }

    /// The first minute strictly after `t` that the expression matches, in the same clock as
    /// `t` (UTC, or local time when the caller shifted `t` by a fixed offset), or `None` when
    /// no later time matches up to the end of 2199.
    pub fn next_after(&self, t: EpochSeconds) -> Option<EpochSeconds> {
        let start = (t.div_euclid(SECONDS_PER_MINUTE) + 1) * SECONDS_PER_MINUTE;
        let mut at = DateTime::from_epoch(start);
        if at.year < FIRST_YEAR {
            at = DateTime {
                year: FIRST_YEAR,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0,
            };
        }
        loop {
            if at.year > LAST_YEAR {
                return None;
            }
            if !self.has_year(at.year) {
                at = DateTime {
                    year: at.year + 1,
                    month: 1,
                    day: 1,
                    hour: 0,
                    minute: 0,
                    second: 0,
                };
                continue;
            }
            if !has_bit(self.months, at.month) {
                at = start_of_next_month(at);
                continue;
            }
            if self.day_matches(at.year, at.month, at.day) {
                if let Some((hour, minute)) = self.first_time_of_day_from(at.hour, at.minute) {
                    return Some(
                        DateTime {
                            hour,
                            minute,
                            second: 0,
                            ..at
                        }
                        .to_epoch(),
                    );
                }
            }
            at = start_of_next_day(at);
        }
    }

    /// Every firing time in `(after, until]`, at most `limit` of them (for previews).
    pub fn times_between(
        &self,
        after: EpochSeconds,
        until: EpochSeconds,
        limit: usize,
    ) -> Vec<EpochSeconds> {
        let mut out = Vec::new();
        let mut t = after;
        while out.len() < limit {
            match self.next_after(t) {
                Some(next) if next <= until => {
                    out.push(next);
                    t = next;
                }
                _ => break,
            }
        }
        out
    }

    fn has_year(&self, year: i64) -> bool {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return false;
        }
        // ok: year - 1970 is in 0..230 here.
        let i = (year - FIRST_YEAR) as usize;
        self.years[i / 64] & (1 << (i % 64)) != 0
    }

    fn first_time_of_day_from(&self, hour: u32, minute: u32) -> Option<(u32, u32)> {
        if has_bit(self.hours, hour) {
            if let Some(m) = first_bit_from(self.minutes, minute, 59) {
                return Some((hour, m));
            }
        }
        let next_hour = first_bit_from(self.hours, hour + 1, 23)?;
        Some((next_hour, first_bit_from(self.minutes, 0, 59)?))
    }

    fn day_matches(&self, year: i64, month: u32, day: u32) -> bool {
        let last_day = days_in_month(year, month);
        let weekday = aws_weekday(year, month, day);
        let dom_ok = match self.days_of_month {
            DayOfMonth::Unspecified => true,
            DayOfMonth::Days(b) => has_bit(b, day),
            DayOfMonth::Last => day == last_day,
            DayOfMonth::LastWeekday => day == last_weekday_of_month(year, month),
            // Assumption: `31W` does not fire in a month shorter than 31 days.
            DayOfMonth::NearestWeekday(target) => {
                target <= last_day && day == nearest_weekday(year, month, target)
            }
        };
        let dow_ok = match self.days_of_week {
            DayOfWeek::Unspecified => true,
            DayOfWeek::Days(b) => has_bit(b, weekday),
            DayOfWeek::LastOfMonth(w) => weekday == w && day + 7 > last_day,
            DayOfWeek::Nth { weekday: w, nth } => weekday == w && (day - 1) / 7 + 1 == nth,
        };
        dom_ok && dow_ok
    }
}

fn start_of_next_day(at: DateTime) -> DateTime {
    if at.day < days_in_month(at.year, at.month) {
        DateTime {
            day: at.day + 1,
            hour: 0,
            minute: 0,
            second: 0,
            ..at
        }
    } else {
        start_of_next_month(at)
    }
}

fn start_of_next_month(at: DateTime) -> DateTime {
    if at.month < 12 {
        DateTime {
            year: at.year,
            month: at.month + 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
        }
    } else {
        DateTime {
            year: at.year + 1,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
            second: 0,
        }
    }
}

/// AWS weekdays 2..=6 are Monday to Friday.
fn is_weekday(aws_day: u32) -> bool {
    (2..=6).contains(&aws_day)
}

fn last_weekday_of_month(year: i64, month: u32) -> u32 {
    let mut day = days_in_month(year, month);
    while !is_weekday(aws_weekday(year, month, day)) {
        day -= 1;
    }
    day
}

/// Quartz's `W` rule, which EventBridge follows: a Saturday moves to the Friday before and a
/// Sunday to the Monday after, but never across the month's edge (`1W` on a Saturday is
/// Monday the 3rd; the last day on a Sunday is the Friday before).
fn nearest_weekday(year: i64, month: u32, target: u32) -> u32 {
    let last_day = days_in_month(year, month);
    match aws_weekday(year, month, target) {
        7 if target == 1 => 3,
        7 => target - 1,
        1 if target == last_day => target - 2,
        1 => target + 1,
        _ => target,
    }
}

fn has_bit(set: u64, value: u32) -> bool {
    value < 64 && set & (1 << value) != 0
}

fn first_bit_from(set: u64, from: u32, max: u32) -> Option<u32> {
    (from..=max).find(|v| has_bit(set, *v))
}

fn bits(values: &[u32]) -> u64 {
    values.iter().fold(0, |acc, v| acc | (1 << v))
}

fn parse_day_of_month(text: &str) -> Result<DayOfMonth, String> {
    let upper = text.to_ascii_uppercase();
    match upper.as_str() {
        "?" => return Ok(DayOfMonth::Unspecified),
        "L" => return Ok(DayOfMonth::Last),
        "LW" => return Ok(DayOfMonth::LastWeekday),
        _ => {}
    }
    if let Some(day) = upper.strip_suffix('W') {
        let day = parse_number(day, &DAY_OF_MONTH)
            .map_err(|e| format!("{e} ('{text}': W takes one day of the month, e.g. 15W)"))?;
        return Ok(DayOfMonth::NearestWeekday(day));
    }
    if upper.contains('L') || upper.contains('W') {
        return Err(format!(
            "Day-of-month '{text}': L and W stand alone (L, LW or a day followed by W such as 15W)"
        ));
    }
    Ok(DayOfMonth::Days(bits(&parse_values(text, &DAY_OF_MONTH)?)))
}

fn parse_day_of_week(text: &str) -> Result<DayOfWeek, String> {
    let upper = text.to_ascii_uppercase();
    if upper == "?" {
        return Ok(DayOfWeek::Unspecified);
    }
    // "The L wildcard in the … Day-of-week field specifies the last day of the … week":
    // Saturday (7), as in Quartz.
    if upper == "L" {
        return Ok(DayOfWeek::Days(1 << 7));
    }
    if let Some((day, nth)) = upper.split_once('#') {
        // "If you use a '#' character, you can define only one expression in the
        // day-of-week field."
        if day.contains([',', '-', '*']) || nth.contains([',', '-', '*', '#']) {
            return Err(format!(
                "Day-of-week '{text}': with # the field holds one expression, a weekday and its \
                 occurrence in the month, such as 3#2 (the second Tuesday)"
            ));
        }
        let weekday = parse_number(day, &DAY_OF_WEEK)?;
        let nth: u32 = nth
            .parse()
            .ok()
            .filter(|n| (1..=5).contains(n))
            .ok_or_else(|| format!("Day-of-week '{text}': the number after # must be 1 to 5"))?;
        return Ok(DayOfWeek::Nth { weekday, nth });
    }
    if let Some(day) = upper.strip_suffix('L') {
        if day.contains([',', '-', '*', '/']) {
            return Err(format!(
                "Day-of-week '{text}': L follows a single weekday, such as 6L (the last Friday)"
            ));
        }
        return Ok(DayOfWeek::LastOfMonth(parse_number(day, &DAY_OF_WEEK)?));
    }
    Ok(DayOfWeek::Days(bits(&parse_values(text, &DAY_OF_WEEK)?)))
}

/// A comma-separated list of `*`, values, ranges (`a-b`) and increments (`a/n`, `a-b/n`, `*/n`).
fn parse_values(text: &str, spec: &FieldSpec) -> Result<Vec<u32>, String> {
    let mut values = Vec::new();
    for item in text.split(',') {
        if item.is_empty() {
            return Err(format!("{} '{text}': empty item in the list", spec.name));
        }
        if item == "?" {
            return Err(format!(
                "{} '{text}': ? is allowed only in Day-of-month and Day-of-week",
                spec.name
            ));
        }
        let (range, step) = match item.split_once('/') {
            Some((range, step)) => {
                if !spec.allows_step {
                    return Err(format!(
                        "{} '{text}': the / wildcard is not allowed in this field",
                        spec.name
                    ));
                }
                let step: u32 = step.parse().ok().filter(|s| *s > 0).ok_or_else(|| {
                    format!(
                        "{} '{text}': the increment after / must be a positive whole number",
                        spec.name
                    )
                })?;
                (range, Some(step))
            }
            None => (item, None),
        };
        let (start, end) = if range == "*" {
            (spec.min, spec.max)
        } else if let Some((a, b)) = range.split_once('-') {
            (parse_number(a, spec)?, parse_number(b, spec)?)
        } else {
            let start = parse_number(range, spec)?;
            // "0/15": from 0 to the end of the range in steps of 15.
            (start, if step.is_some() { spec.max } else { start })
        };
        let step = step.unwrap_or(1);
        // Assumption: a range whose start is after its end wraps around (FRI-MON, 22-2), as
        // in Quartz; the EventBridge reference shows no such example.
        let span = if start <= end {
            end - start
        } else {
            spec.max - start + 1 + end - spec.min
        };
        let width = spec.max - spec.min + 1;
        let mut offset = 0;
        while offset <= span {
            values.push(spec.min + (start - spec.min + offset) % width);
            offset += step;
        }
    }
    Ok(values)
}

fn parse_number(text: &str, spec: &FieldSpec) -> Result<u32, String> {
    let upper = text.to_ascii_uppercase();
    if let Some(i) = spec.names.iter().position(|n| *n == upper) {
        // ok: names has at most 12 entries.
        return Ok(spec.min + i as u32);
    }
    let value: u32 = if !upper.is_empty() && upper.chars().all(|c| c.is_ascii_digit()) {
        upper.parse().map_err(|_| out_of_range(text, spec))?
    } else if spec.names.is_empty() {
        return Err(format!(
            "{} '{text}' is not a number ({}-{})",
            spec.name, spec.min, spec.max
        ));
    } else {
        return Err(format!(
            "{} '{text}' is not a number ({}-{}) or a name ({}-{})",
            spec.name,
            spec.min,
            spec.max,
            spec.names[0],
            spec.names[spec.names.len() - 1]
        ));
    };
    if value < spec.min || value > spec.max {
        return Err(out_of_range(text, spec));
    }
    Ok(value)
}

fn out_of_range(text: &str, spec: &FieldSpec) -> String {
    format!(
        "{} value '{text}' is out of range {}-{}",
        spec.name, spec.min, spec.max
    )
}
