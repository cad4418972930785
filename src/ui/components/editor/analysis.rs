//! What the editor says about its text: the reader's report, a one-line summary, and the
//! words for each problem. Pure (no DOM), so the wording is tested natively.

use yew::AttrValue;

use crate::sim::diagnostic::Diagnostic;
use crate::sim::taskdef::{read_task_definition, TaskDefReport, TaskDefinition};

/// The reader's verdict on one version of the text.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The text that was read (the editor's text may have moved on while validation waits).
    pub text: AttrValue,
    pub report: TaskDefReport,
    pub summary: String,
}

/// Two analyses of the same text are the same analysis (reading is deterministic), which
/// keeps memoised rendering cheap to compare.
impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Analysis {
    pub fn new(text: AttrValue) -> Self {
        let report = read_task_definition(&text);
        let summary = summary(&report);
        Analysis {
            text,
            report,
            summary,
        }
    }

    pub fn is_valid(&self) -> bool {
        self.report.errors.is_empty()
    }
}

/// "Valid task definition: family web, bridge, reserves 256 CPU units and
/// 512 MiB", or "3 errors, 1 warning".
pub fn summary(report: &TaskDefReport) -> String {
    let warnings = count(report.warnings.len(), "warning");
    if !report.errors.is_empty() {
        let errors = count(report.errors.len(), "error");
        return if report.warnings.is_empty() {
            errors
        } else {
            format!("{errors}, {warnings}")
        };
    }
    let Some(td) = &report.task_definition else {
        return "No errors".to_string();
    };
    let mut text = format!("Valid task definition: {}", describe(td));
    if !report.warnings.is_empty() {
        text.push_str(&format!("; {warnings}"));
    }
    text
}

fn describe(td: &TaskDefinition) -> String {
    let mut parts = vec![format!("family {}", td.family)];
    // ECS numbers revisions as it registers them: only a text that states one (the output
    // of describe-task-definition) has a revision of its own. The page says beside the
    // editor which revision the cluster has and which one Run would register.
    if td.raw.get("revision").is_some() {
        parts.push(format!("revision {}", td.revision));
    }
    parts.push(td.network_mode.as_str().to_string());
    if !td.requires_compatibilities.is_empty() {
        parts.push(td.requires_compatibilities.join(" and "));
    }
    let mut reserves = format!(
        "reserves {} CPU units and {} MiB",
        thousands(td.cpu_reservation()),
        thousands(td.memory_reservation())
    );
    match td.gpu_reservation() {
        0 => {}
        1 => reserves.push_str(" and 1 GPU"),
        n => reserves.push_str(&format!(" and {n} GPUs")),
    }
    parts.push(reserves);
    parts.join(", ")
}

/// "1 error", "3 errors".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// 1536 -> "1,536": numbers people compare at a glance.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "line 12, column 5 — containerDefinitions[0].memory: memory must be ..."
pub fn problem_text(d: &Diagnostic) -> String {
    if d.path.is_empty() {
        format!("line {}, column {} — {}", d.line, d.column, d.message)
    } else {
        format!(
            "line {}, column {} — {}: {}",
            d.line, d.column, d.path, d.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(512), "512");
        assert_eq!(thousands(1024), "1,024");
        assert_eq!(thousands(4_294_967_295), "4,294,967,295");
    }

    #[test]
    fn valid_summary_names_family_mode_and_reservation() {
        let text = r#"{"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "cpu": 256, "memory": 512}]}"#;
        let a = Analysis::new(text.into());
        assert_eq!(
            a.summary,
            "Valid task definition: family web, bridge, reserves 256 CPU units and 512 MiB"
        );
    }

    #[test]
    fn invalid_summary_counts() {
        let a = Analysis::new("{\"family\": 1}".into());
        assert!(!a.is_valid());
        assert!(
            a.summary.ends_with("errors") || a.summary.contains("error"),
            "{}",
            a.summary
        );
    }
}
