//! The task sizes Fargate offers (ecs-facts §8; BOTO-ECS RegisterTaskDefinitionRequest.memory).
//! The table applies whenever requiresCompatibilities contains FARGATE, even with EC2 too.

use super::units::{cpu_words, memory_words};

/// ECS's own words for any cpu/memory pair Fargate does not offer.
pub const INVALID_CPU: &str = "Invalid 'cpu' setting for task.";

/// One row of the table: a cpu value and its memory values (MiB) as first, last, step.
struct Row {
    cpu: u32,
    first: u32,
    last: u32,
    step: u32,
    windows: bool,
}

const GB: u32 = 1024;

const TABLE: &[Row] = &[
    // 256: 512 MiB, 1 GB, 2 GB — not an even step, handled in `memory_values`.
    Row {
        cpu: 256,
        first: 512,
        last: 2 * GB,
        step: 0,
        windows: false,
    },
    Row {
        cpu: 512,
        first: GB,
        last: 4 * GB,
        step: GB,
        windows: false,
    },
    Row {
        cpu: 1024,
        first: 2 * GB,
        last: 8 * GB,
        step: GB,
        windows: true,
    },
    Row {
        cpu: 2048,
        first: 4 * GB,
        last: 16 * GB,
        step: GB,
        windows: true,
    },
    Row {
        cpu: 4096,
        first: 8 * GB,
        last: 30 * GB,
        step: GB,
        windows: true,
    },
    // 8 and 16 vCPU need Linux platform version 1.4.0 or later.
    Row {
        cpu: 8192,
        first: 16 * GB,
        last: 60 * GB,
        step: 4 * GB,
        windows: false,
    },
    Row {
        cpu: 16384,
        first: 32 * GB,
        last: 120 * GB,
        step: 8 * GB,
        windows: false,
    },
];

/// The memory values (MiB) Fargate offers with `cpu`, or `None` if it does not offer `cpu`.
pub fn memory_values(cpu: u32) -> Option<Vec<u32>> {
    let row = TABLE.iter().find(|r| r.cpu == cpu)?;
    if row.step == 0 {
        return Some(vec![512, GB, 2 * GB]);
    }
    Some((row.first..=row.last).step_by(row.step as usize).collect())
}

/// Checks a cpu/memory pair. `windows`: the task's runtimePlatform is a Windows family,
/// for which Fargate offers 1, 2 and 4 vCPU only. On failure, the full message
/// (ECS's sentence, then a plain explanation) and whether the cpu (rather than the memory)
/// is the value to point at.
pub fn check(cpu: u32, memory: u32, windows: bool) -> Result<(), (String, bool)> {
    let rows: Vec<&Row> = TABLE.iter().filter(|r| !windows || r.windows).collect();
    let Some(row) = rows.iter().find(|r| r.cpu == cpu) else {
        let list = join_words(&rows.iter().map(|r| cpu_words(r.cpu)).collect::<Vec<_>>());
        let os = if windows {
            "Windows containers on Fargate take"
        } else {
            "Fargate takes"
        };
        return Err((
            format!("{INVALID_CPU} {os} task cpu {list}; {cpu} is not one of them."),
            true,
        ));
    };
    let values = memory_values(row.cpu).unwrap_or_default();
    if values.contains(&memory) {
        return Ok(());
    }
    let mut message = format!(
        "{INVALID_CPU} On Fargate, cpu {} takes memory {}; {} is not one of them.",
        cpu_words(cpu),
        describe_row(row),
        memory_words(memory)
    );
    let fitting: Vec<String> = rows
        .iter()
        .filter(|r| memory_values(r.cpu).is_some_and(|v| v.contains(&memory)))
        .map(|r| cpu_words(r.cpu))
        .collect();
    if !fitting.is_empty() {
        message.push_str(&format!(
            " Memory {} goes with cpu {}.",
            memory_words(memory),
            join_words(&fitting)
        ));
    }
    Err((message, false))
}

/// The memory values of a row in words: listed when few, as a stepped range when many.
fn describe_row(row: &Row) -> String {
    let values = memory_values(row.cpu).unwrap_or_default();
    if values.len() <= 7 {
        let mib = join_words(&values.iter().map(u32::to_string).collect::<Vec<_>>());
        let gb = join_words(
            &values
                .iter()
                .map(|m| format!("{}", f64::from(*m) / f64::from(GB)))
                .collect::<Vec<_>>(),
        );
        format!("{mib} MiB ({gb} GB)")
    } else {
        format!(
            "{} to {} MiB in steps of {} MiB ({} GB to {} GB in {} GB steps)",
            row.first,
            row.last,
            row.step,
            row.first / GB,
            row.last / GB,
            row.step / GB
        )
    }
}

/// "a, b or c".
fn join_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_rows() {
        assert_eq!(memory_values(256), Some(vec![512, 1024, 2048]));
        assert_eq!(memory_values(512), Some(vec![1024, 2048, 3072, 4096]));
        assert_eq!(memory_values(1024).map(|v| v.len()), Some(7));
        assert_eq!(
            memory_values(2048).map(|v| (v[0], v[v.len() - 1], v.len())),
            Some((4096, 16384, 13))
        );
        assert_eq!(memory_values(4096).map(|v| v.len()), Some(23));
        assert_eq!(
            memory_values(8192).map(|v| (v[0], v[v.len() - 1], v.len())),
            Some((16384, 61440, 12))
        );
        assert_eq!(
            memory_values(16384).map(|v| (v[0], v[v.len() - 1], v.len())),
            Some((32768, 122880, 12))
        );
        assert_eq!(memory_values(300), None);
    }

    #[test]
    fn checks() {
        assert!(check(256, 512, false).is_ok());
        assert!(check(8192, 20480, false).is_ok());
        assert!(check(8192, 18432, false).is_err());
        let (msg, at_cpu) = check(256, 4096, false).unwrap_err();
        assert!(!at_cpu);
        assert!(msg.starts_with(INVALID_CPU), "{msg}");
        assert!(msg.contains("512, 1024 or 2048 MiB"), "{msg}");
        assert!(msg.contains("goes with cpu 512"), "{msg}");
        let (msg, at_cpu) = check(300, 1024, false).unwrap_err();
        assert!(at_cpu);
        assert!(msg.contains("16384"), "{msg}");
        let (msg, at_cpu) = check(256, 512, true).unwrap_err();
        assert!(at_cpu && msg.contains("Windows"), "{msg}");
    }
}
