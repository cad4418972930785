//! `agentVersion` values: dotted numeric versions compared component by component.

use std::cmp::Ordering;

/// Parses the argument of an `agentVersion` comparison: numbers separated by dots (`1.14.5`).
/// An optional leading `v` is allowed because agent releases are tagged that way.
pub(super) fn parse_version(text: &str) -> Result<Vec<u32>, &'static str> {
    let body = text.strip_prefix('v').unwrap_or(text);
    if body.is_empty() {
        return Err("it is empty");
    }
    let mut parts = Vec::new();
    for part in body.split('.') {
        if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
            return Err("each part must be a number");
        }
        parts.push(part.parse().map_err(|_| "a part is too large")?);
    }
    Ok(parts)
}

/// Compares an instance's agent version with a parsed argument, as numbers per component,
/// missing components counting as 0 (`1.14` == `1.14.0`, `1.9.0` < `1.14.5`). The instance's
/// version is read leniently (`v1.14.5`, `1.14.5-beta` → 1.14.5); `None` if it has no
/// leading number at all. Allocation-free: it runs for every instance during placement.
// Assumption: agentVersion is compared as a dotted numeric version, not as a string (the
// docs do not say; string order would make 1.14.5 < 1.9.0).
pub(super) fn compare(actual: &str, wanted: &[u32]) -> Option<Ordering> {
    let body = actual.strip_prefix('v').unwrap_or(actual);
    let mut parts = body.split('.');
    let mut done = false;
    let mut i = 0;
    loop {
        let mine = if done {
            None
        } else {
            match parts.next() {
                None => {
                    done = true;
                    None
                }
                Some(p) => {
                    let n = p.bytes().take_while(u8::is_ascii_digit).count();
                    if n == 0 {
                        done = true;
                        None
                    } else {
                        // A suffix such as `-beta` ends the version.
                        done = n < p.len();
                        // ok: n counts ASCII digits, so it is a char boundary.
                        Some(p[..n].parse::<u32>().ok()?)
                    }
                }
            }
        };
        if i == 0 && mine.is_none() {
            return None;
        }
        let theirs = wanted.get(i).copied();
        if mine.is_none() && theirs.is_none() {
            return Some(Ordering::Equal);
        }
        match mine.unwrap_or(0).cmp(&theirs.unwrap_or(0)) {
            Ordering::Equal => i += 1,
            other => return Some(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(a: &str, b: &str) -> Option<Ordering> {
        compare(a, &parse_version(b).unwrap()) // ok: test
    }

    #[test]
    fn numeric_not_lexical() {
        assert_eq!(cmp("1.9.0", "1.14.5"), Some(Ordering::Less));
        assert_eq!(cmp("1.14.5", "1.9.0"), Some(Ordering::Greater));
        assert_eq!(cmp("1.14", "1.14.0"), Some(Ordering::Equal));
        assert_eq!(cmp("1.14.0.1", "1.14"), Some(Ordering::Greater));
        assert_eq!(cmp("v1.14.5", "1.14.5"), Some(Ordering::Equal));
        assert_eq!(cmp("1.14.5-beta", "1.14.5"), Some(Ordering::Equal));
        assert_eq!(cmp("", "1"), None);
        assert_eq!(cmp("abc", "1"), None);
        assert_eq!(cmp("99999999999", "1"), None);
    }

    #[test]
    fn strict_arguments() {
        for bad in [
            "",
            "v",
            "1.",
            ".1",
            "1..2",
            "1.x",
            "1.14.5-beta",
            "-1",
            "99999999999",
        ] {
            assert!(parse_version(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_version("v1.2").unwrap(), vec![1, 2]); // ok: test
    }
}
