//! Proleptic Gregorian calendar arithmetic on seconds since 1970-01-01T00:00:00Z.
//!
//! Written here instead of pulling a date crate: the engine is compiled to wasm, where every
//! dependency costs download size, and scheduled scaling needs only civil dates, weekdays and
//! month lengths. The day/date conversions are Howard Hinnant's `days_from_civil` and
//! `civil_from_days` algorithms (public domain), exact for every date in `i64` range used here.

use super::EpochSeconds;

pub const SECONDS_PER_MINUTE: i64 = 60;
pub const SECONDS_PER_HOUR: i64 = 3_600;
pub const SECONDS_PER_DAY: i64 = 86_400;

/// A UTC (or zone-local) wall-clock time, to the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct DateTime {
    pub year: i64,
    /// 1..=12
    pub month: u32,
    /// 1..=31
    pub day: u32,
    /// 0..=23
    pub hour: u32,
    /// 0..=59
    pub minute: u32,
    /// 0..=59
    pub second: u32,
}

impl DateTime {
    /// The date and time of `t`.
    pub fn from_epoch(t: EpochSeconds) -> Self {
        let days = t.div_euclid(SECONDS_PER_DAY);
        let secs = t.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        // ok: secs is in 0..86400, so each part fits in u32.
        DateTime {
            year,
            month,
            day,
            hour: (secs / SECONDS_PER_HOUR) as u32,
            minute: ((secs % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE) as u32,
            second: (secs % SECONDS_PER_MINUTE) as u32,
        }
    }

    /// Seconds since the epoch. The fields must be a valid date (see [`DateTime::new`]).
    pub fn to_epoch(&self) -> EpochSeconds {
        days_from_civil(self.year, self.month, self.day) * SECONDS_PER_DAY
            + i64::from(self.hour) * SECONDS_PER_HOUR
            + i64::from(self.minute) * SECONDS_PER_MINUTE
            + i64::from(self.second)
    }

    /// A checked date and time, or a message saying which part is out of range.
    pub fn new(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
    ) -> Result<Self, String> {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is not between 1 and 12"));
        }
        let last = days_in_month(year, month);
        if day < 1 || day > last {
            return Err(format!(
                "day {day} is not between 1 and {last} for {year:04}-{month:02}"
            ));
        }
        if hour > 23 {
            return Err(format!("hour {hour} is not between 0 and 23"));
        }
        if minute > 59 {
            return Err(format!("minute {minute} is not between 0 and 59"));
        }
        if second > 59 {
            return Err(format!("second {second} is not between 0 and 59"));
        }
        Ok(DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }
}

impl std::fmt::Display for DateTime {
    /// ISO 8601 without a zone: `2021-03-31T22:00:00`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }
}

pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1..=12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (month 1..=12, day 1..=31).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month 1..=12, day 1..=31) of a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // ok: day is 1..=31 and month 1..=12 by construction.
    (year, month as u32, day as u32)
}

/// Day of the week of a civil date in AWS cron numbering: 1 = Sunday … 7 = Saturday
/// ("Day-of-week 1-7 or SUN-SAT", EventBridge cron reference).
pub fn aws_weekday(year: i64, month: u32, day: u32) -> u32 {
    // 1970-01-01 was a Thursday (AWS 5).
    let days = days_from_civil(year, month, day);
    // ok: rem_euclid(7) is in 0..7.
    ((days + 4).rem_euclid(7) + 1) as u32
}

/// Parses an ISO 8601 date-time as Application Auto Scaling accepts for `StartTime` and
/// `EndTime`: `YYYY-MM-DDThh:mm:ss` with optional fractional seconds (dropped) and an optional
/// zone (`Z` or `±hh:mm`; none means UTC). A date alone (`YYYY-MM-DD`) means midnight UTC.
pub fn parse_iso8601(text: &str) -> Result<EpochSeconds, String> {
    let text = text.trim();
    let (date_part, time_part) = match text.find(['T', 't', ' ']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let (year, month, day) = parse_date(date_part)?;
    let Some(time_part) = time_part else {
        return Ok(DateTime::new(year, month, day, 0, 0, 0)?.to_epoch());
    };
    // Split off the zone.
    let (clock, offset_seconds) = if let Some(clock) = time_part.strip_suffix(['Z', 'z']) {
        (clock, 0)
    } else if let Some(i) = time_part.rfind(['+', '-']) {
        (&time_part[..i], parse_offset(&time_part[i..])?)
    } else {
        (time_part, 0)
    };
    let clock = match clock.find('.') {
        Some(i) if clock[i + 1..].chars().all(|c| c.is_ascii_digit()) => &clock[..i],
        Some(_) => return Err(format!("'{text}' has a malformed fraction of a second")),
        None => clock,
    };
    let (hour, minute, second) =
        parse_clock(clock).ok_or_else(|| format!("'{text}' is not hh:mm:ss"))?;
    let local = DateTime::new(year, month, day, hour, minute, second)?;
    Ok(local.to_epoch() - offset_seconds)
}

/// `YYYY-MM-DD` with a four-digit year.
pub fn parse_date(text: &str) -> Result<(i64, u32, u32), String> {
    let parts: Vec<&str> = text.split('-').collect();
    let ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !ok {
        return Err(format!("'{text}' is not a date of the form yyyy-mm-dd"));
    }
    let number = |s: &str| {
        s.parse::<u32>()
            .map_err(|_| format!("'{text}' is not a date of the form yyyy-mm-dd"))
    };
    Ok((
        i64::from(number(parts[0])?),
        number(parts[1])?,
        number(parts[2])?,
    ))
}

/// `hh:mm:ss` (exactly two digits each), or `None`.
pub fn parse_clock(text: &str) -> Option<(u32, u32, u32)> {
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.len() != 2 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    Some((
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    ))
}

/// `+hh:mm`, `-hh:mm` or `+hhmm` as seconds east of UTC.
fn parse_offset(text: &str) -> Result<i64, String> {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("'{text}' is not a UTC offset of the form +hh:mm"));
    }
    let hours: i64 = digits[..2]
        .parse()
        .map_err(|_| format!("bad offset '{text}'"))?;
    let minutes: i64 = digits[2..]
        .parse()
        .map_err(|_| format!("bad offset '{text}'"))?;
    if hours > 23 || minutes > 59 {
        return Err(format!("'{text}' is not a valid UTC offset"));
    }
    Ok(sign * (hours * SECONDS_PER_HOUR + minutes * SECONDS_PER_MINUTE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_thursday_1970_01_01() {
        assert_eq!(DateTime::from_epoch(0).to_string(), "1970-01-01T00:00:00");
        assert_eq!(aws_weekday(1970, 1, 1), 5);
    }

    #[test]
    fn round_trips_days_across_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn known_dates() {
        // 2021-03-31 was a Wednesday (AWS 4); 2000-02-29 a Tuesday (AWS 3).
        assert_eq!(aws_weekday(2021, 3, 31), 4);
        assert_eq!(aws_weekday(2000, 2, 29), 3);
        assert_eq!(parse_iso8601("2021-03-31T22:00:00Z"), Ok(1_617_228_000));
        assert_eq!(parse_iso8601("2021-03-31T22:00:00"), Ok(1_617_228_000));
        assert_eq!(
            parse_iso8601("2021-03-31T23:00:00.123+01:00"),
            Ok(1_617_228_000)
        );
        assert_eq!(parse_iso8601("2021-04-01"), Ok(1_617_235_200));
        assert!(parse_iso8601("2021-02-29T00:00:00").is_err());
        assert!(parse_iso8601("2021-3-1T00:00:00").is_err());
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
    }
}
