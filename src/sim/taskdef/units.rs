//! Task-level cpu and memory as ECS takes them: CPU units or vCPUs ("1024", "1 vCPU",
//! "0.25 vcpu"), MiB or GB ("512", "2GB", "2 GB", "0.5GB"; 1 GB = 1024 MiB). String values
//! are converted when the definition is registered (BOTO-ECS RegisterTaskDefinitionRequest.cpu
//! and .memory). The reader also takes plain JSON numbers, as CloudFormation does.

use super::ctx::shorten;

/// CPU units in one vCPU.
pub const UNITS_PER_VCPU: u64 = 1024;
/// MiB in one GB, as ECS counts them.
pub const MIB_PER_GB: u64 = 1024;

/// Parses a task cpu string into CPU units.
pub fn parse_cpu(text: &str) -> Result<u32, String> {
    let t = text.trim();
    // Echoed in messages: a pasted megabyte stays readable.
    let text = &shorten(text, 40);
    if t.is_empty() {
        return Err("cpu is empty; ECS expects CPU units (\"1024\") or vCPUs (\"1 vCPU\")".into());
    }
    if let Some(n) = plain_integer(t) {
        return to_u32(n, "CPU units");
    }
    let lower = t.to_ascii_lowercase();
    match lower.strip_suffix("vcpu") {
        Some(number) => {
            let units = scaled(number.trim(), UNITS_PER_VCPU).ok_or_else(|| {
                format!("\"{text}\" is not a vCPU amount ECS can read; write for example \"1 vCPU\", \"0.25 vCPU\" or \"1024\"")
            })?;
            match units {
                Scaled::Whole(n) => to_u32(n, "CPU units"),
                Scaled::Fraction(x) => Err(format!(
                    "\"{text}\" is {x} CPU units (1 vCPU = 1024 units); ECS needs a whole number of units"
                )),
            }
        }
        None => Err(format!(
            "\"{text}\" is not a cpu value ECS can read; write CPU units (\"1024\") or vCPUs \
             (\"1 vCPU\", \"0.5 vcpu\")"
        )),
    }
}

/// Parses a task memory string into MiB.
pub fn parse_memory(text: &str) -> Result<u32, String> {
    let t = text.trim();
    let text = &shorten(text, 40);
    if t.is_empty() {
        return Err("memory is empty; ECS expects MiB (\"512\") or GB (\"2GB\")".into());
    }
    if let Some(n) = plain_integer(t) {
        return to_u32(n, "MiB");
    }
    let lower = t.to_ascii_lowercase();
    // Assumption: only the unit the API documents ("GB", any case, with or without a space) is
    // read; "MiB", "MB" or "GiB" are rejected with a hint rather than guessed at.
    match lower.strip_suffix("gb") {
        Some(number) => {
            let mib = scaled(number.trim(), MIB_PER_GB).ok_or_else(|| {
                format!("\"{text}\" is not a GB amount ECS can read; write for example \"2GB\", \"0.5 GB\" or \"2048\"")
            })?;
            match mib {
                Scaled::Whole(n) => to_u32(n, "MiB"),
                Scaled::Fraction(x) => Err(format!(
                    "\"{text}\" is {x} MiB (1 GB = 1024 MiB); ECS needs a whole number of MiB"
                )),
            }
        }
        None if lower.ends_with("mib") || lower.ends_with("mb") || lower.ends_with('m') => Err(format!(
            "\"{text}\": ECS reads task memory as a plain number of MiB (\"512\") or as GB (\"0.5GB\"); \
             drop the unit"
        )),
        None => Err(format!(
            "\"{text}\" is not a memory value ECS can read; write MiB (\"2048\") or GB (\"2GB\", \"2 GB\")"
        )),
    }
}

/// Digits only (no sign, no fraction).
fn plain_integer(t: &str) -> Option<u64> {
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        // Many digits overflow u64: report them as too large rather than unreadable.
        Some(t.parse::<u64>().unwrap_or(u64::MAX))
    } else {
        None
    }
}

fn to_u32(n: u64, unit: &str) -> Result<u32, String> {
    u32::try_from(n).map_err(|_| format!("{n} {unit} is far more than ECS allows"))
}

enum Scaled {
    Whole(u64),
    Fraction(String),
}

/// `number × factor` computed exactly from the decimal text ("0.25" × 1024 = 256), so that
/// no floating-point rounding can turn a whole result into a fraction or the reverse.
fn scaled(number: &str, factor: u64) -> Option<Scaled> {
    let (int_part, frac_part) = match number.split_once('.') {
        Some((i, f)) => (i, f),
        None => (number, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let digits_ok = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(int_part) || !digits_ok(frac_part) || frac_part.len() > 9 || int_part.len() > 9 {
        return None;
    }
    let int: u128 = if int_part.is_empty() {
        0
    } else {
        int_part.parse().ok()?
    };
    let frac: u128 = if frac_part.is_empty() {
        0
    } else {
        frac_part.parse().ok()?
    };
    // ok: frac_part has at most 9 digits, so 10^9 at most.
    let denominator = 10u128.pow(frac_part.len() as u32);
    // int and frac are below 10^9, so the products stay below 2^80: no overflow in u128.
    let numerator = int * denominator * u128::from(factor) + frac * u128::from(factor);
    if numerator.is_multiple_of(denominator) {
        Some(Scaled::Whole(
            u64::try_from(numerator / denominator).unwrap_or(u64::MAX),
        ))
    } else {
        let value = numerator as f64 / denominator as f64;
        Some(Scaled::Fraction(format!("{value}")))
    }
}

/// "256 (.25 vCPU)"-style text for messages.
pub fn cpu_words(units: u32) -> String {
    let vcpu = f64::from(units) / UNITS_PER_VCPU as f64;
    format!("{units} ({vcpu} vCPU)")
}

/// "2048 MiB (2 GB)"-style text for messages.
pub fn memory_words(mib: u32) -> String {
    let gb = f64::from(mib) / MIB_PER_GB as f64;
    format!("{mib} MiB ({gb} GB)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_forms() {
        assert_eq!(parse_cpu("1024"), Ok(1024));
        assert_eq!(parse_cpu("1 vCPU"), Ok(1024));
        assert_eq!(parse_cpu("1vcpu"), Ok(1024));
        assert_eq!(parse_cpu("0.25 vcpu"), Ok(256));
        assert_eq!(parse_cpu(".5 VCPU"), Ok(512));
        assert_eq!(parse_cpu("0.125 vCPU"), Ok(128));
        assert!(parse_cpu("0.1 vCPU").unwrap_err().contains("102.4"));
        assert!(parse_cpu("abc").is_err());
        assert!(parse_cpu("").is_err());
        assert!(parse_cpu("-1").is_err());
        assert!(parse_cpu(" vCPU").is_err());
        assert!(parse_cpu("99999999999999999999999").is_err());
    }

    #[test]
    fn memory_forms() {
        assert_eq!(parse_memory("512"), Ok(512));
        assert_eq!(parse_memory("2GB"), Ok(2048));
        assert_eq!(parse_memory("2 GB"), Ok(2048));
        assert_eq!(parse_memory("0.5GB"), Ok(512));
        assert_eq!(parse_memory("1 gb"), Ok(1024));
        assert!(parse_memory("512 MiB")
            .unwrap_err()
            .contains("drop the unit"));
        assert!(parse_memory("0.3GB").unwrap_err().contains("307.2"));
        assert!(parse_memory("lots").is_err());
    }

    #[test]
    fn words() {
        assert_eq!(cpu_words(256), "256 (0.25 vCPU)");
        assert_eq!(memory_words(512), "512 MiB (0.5 GB)");
    }
}
