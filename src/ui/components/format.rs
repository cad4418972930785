//! Small formatting helpers shared by the widgets: numbers with thousands separators and the
//! colour-blind-safe family palette.

/// `1536` -> `"1,536"`: numbers on a projector are read faster with separators.
pub fn thousands(n: impl Into<i64>) -> String {
    let n: i64 = n.into();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// MiB as the card shows it: `7,985 MiB`, with GiB added from 1 GiB up (`7.8 GiB`).
pub fn mib(n: u32) -> String {
    if n >= 1024 {
        format!("{} MiB ({:.1} GiB)", thousands(n), f64::from(n) / 1024.0)
    } else {
        format!("{} MiB", thousands(n))
    }
}

/// "1 task" / "3 tasks".
/// `text` as a sentence: a full stop added unless it already ends one (ECS's messages
/// often do: "DistinctInstance placement constraint unsatisfied.").
pub fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Okabe-Ito colours (colour-blind safe), without black, which is reserved for text. The
/// CSS classes `family-0` .. `family-6` carry them; the family name is always written too.
pub const FAMILY_COLOURS: usize = 7;

/// The CSS class for the `index`-th family of the cluster (stable while families stay).
pub fn family_class(index: usize) -> String {
    format!("family-{}", index % FAMILY_COLOURS)
}

/// Percentage width of `part` in `whole`, never NaN.
pub fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (f64::from(part) * 100.0 / f64::from(whole)).clamp(0.0, 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1536), "1,536");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(-2048), "-2,048");
    }

    #[test]
    fn memory_units() {
        assert_eq!(mib(512), "512 MiB");
        assert_eq!(mib(7985), "7,985 MiB (7.8 GiB)");
    }
}
