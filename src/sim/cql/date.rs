//! The `registeredAt` dates: a tiny RFC 3339 reader (no date crate: wasm size matters).

/// A point in time: seconds since 1970-01-01T00:00:00Z plus nanoseconds. The derived
/// ordering is chronological because `secs` is compared first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Instant {
    secs: i64,
    nanos: u32,
}

/// The formats ECS documents for `registeredAt`, for error messages.
pub(super) const FORMATS: &str =
    "2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18";

/// Reads `YYYY-MM-DD`, optionally followed by `THH:MM:SS`, optional fractional seconds and
/// an optional `Z` or `±HH:MM` offset. Returns why it is not a date otherwise.
// Assumption: a date without a time is midnight UTC and a time without an offset is UTC
// (the docs list both formats but not their time zone); fractional seconds are accepted too
// because the registeredAt values ECS returns carry them. `==` compares instants, so
// `registeredAt == 2018-02-13` means registered exactly at midnight, not "that day".
pub(super) fn parse_instant(text: &str) -> Result<Instant, &'static str> {
    let b = text.as_bytes();
    let mut r = Reader { b, i: 0 };
    let year = r.digits(4).ok_or("the year must have 4 digits")?;
    r.expect(b'-').ok_or("expected - after the year")?; // ok: the reader's own expect(byte) -> Option, not a panic
    let month = r.digits(2).ok_or("the month must have 2 digits")?;
    r.expect(b'-').ok_or("expected - after the month")?; // ok: the reader's own expect(byte) -> Option, not a panic
    let day = r.digits(2).ok_or("the day must have 2 digits")?;
    if !(1..=12).contains(&month) {
        return Err("the month must be 01 to 12");
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("no such day in that month");
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    let mut nanos = 0u32;
    if r.at_end() {
        return Ok(Instant { secs, nanos });
    }
    if !matches!(r.next(), Some(b'T' | b't' | b' ')) {
        return Err("expected T and a time after the date");
    }
    let hour = r.digits(2).ok_or("the hour must have 2 digits")?;
    r.expect(b':').ok_or("expected : after the hour")?; // ok: the reader's own expect(byte) -> Option, not a panic
    let minute = r.digits(2).ok_or("the minutes must have 2 digits")?;
    r.expect(b':').ok_or("expected : after the minutes")?; // ok: the reader's own expect(byte) -> Option, not a panic
    let second = r.digits(2).ok_or("the seconds must have 2 digits")?;
    if hour > 23 || minute > 59 || second > 59 {
        return Err("the time must be 00:00:00 to 23:59:59");
    }
    secs += hour * 3600 + minute * 60 + second;
    if r.peek() == Some(b'.') {
        r.i += 1;
        let start = r.i;
        while r.peek().is_some_and(|c| c.is_ascii_digit()) {
            // Digits past nanoseconds are read and ignored.
            if r.i - start < 9 {
                // ok: peek just returned this byte, so r.i is in bounds.
                nanos = nanos * 10 + u32::from(b[r.i] - b'0');
            }
            r.i += 1;
        }
        let n = r.i - start;
        if n == 0 {
            return Err("expected digits after the decimal point");
        }
        for _ in n..9 {
            nanos *= 10;
        }
    }
    match r.next() {
        None => {}
        Some(b'Z' | b'z') => {}
        Some(sign @ (b'+' | b'-')) => {
            let oh = r.digits(2).ok_or("the offset hours must have 2 digits")?;
            r.expect(b':') // ok: the reader's own expect(byte) -> Option, not a panic
                .ok_or("expected : in the offset, as in +00:00")?;
            let om = r.digits(2).ok_or("the offset minutes must have 2 digits")?;
            if oh > 23 || om > 59 {
                return Err("the offset must be 00:00 to 23:59");
            }
            let offset = oh * 3600 + om * 60;
            // Local time = UTC + offset, so UTC = local - offset.
            secs -= if sign == b'+' { offset } else { -offset };
        }
        Some(_) => return Err("expected Z or an offset such as +00:00 after the time"),
    }
    if !r.at_end() {
        return Err("unexpected text after the date");
    }
    Ok(Instant { secs, nanos })
}

struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl Reader<'_> {
    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    /// Exactly `n` ASCII digits as a number (n ≤ 4, so no overflow).
    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut v = 0i64;
        for _ in 0..n {
            let c = self.next()?;
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(c - b'0');
        }
        Some(v)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(text: &str) -> i64 {
        parse_instant(text).unwrap().secs // ok: test
    }

    #[test]
    fn documented_formats_agree() {
        let t = secs("2018-06-18T22:28:28Z");
        assert_eq!(t, 1_529_360_908);
        assert_eq!(secs("2018-06-18T22:28:28+00:00"), t);
        assert_eq!(secs("2018-06-18T22:28:28"), t);
        assert_eq!(secs("2018-06-18"), t - (22 * 3600 + 28 * 60 + 28));
        assert_eq!(secs("1970-01-01"), 0);
    }

    #[test]
    fn offsets_and_fractions() {
        assert_eq!(
            secs("2018-06-19T00:28:28+02:00"),
            secs("2018-06-18T22:28:28Z")
        );
        assert_eq!(
            secs("2018-06-18T20:28:28-02:00"),
            secs("2018-06-18T22:28:28Z")
        );
        let a = parse_instant("2018-06-18T22:28:28.5Z").unwrap(); // ok: test
        assert_eq!(a.nanos, 500_000_000);
        assert!(a > parse_instant("2018-06-18T22:28:28Z").unwrap()); // ok: test
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "",
            "2018",
            "2018-6-18",
            "2018-13-01",
            "2018-02-30",
            "2019-02-29",
            "2018-06-18T24:00:00",
            "2018-06-18T22:28",
            "2018-06-18T22:28:28+0000",
            "2018-06-18T22:28:28.Z",
            "2018-06-18x",
            "2018-06-18T22:28:28Zx",
            "２０１８-06-18",
        ] {
            assert!(parse_instant(bad).is_err(), "{bad}");
        }
        assert!(parse_instant("2020-02-29").is_ok());
    }
}
