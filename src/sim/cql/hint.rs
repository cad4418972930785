//! "Did you mean" suggestions for misspelt subjects and keywords (error path only).

const SUBJECTS: [&str; 6] = [
    "agentConnected",
    "agentVersion",
    "ec2InstanceId",
    "registeredAt",
    "runningTasksCount",
    "task:group",
];

/// A suggestion for an unknown subject word, e.g. `agentversion` → `agentVersion`,
/// `attributes:stack` → `attribute:stack`, `ecs.instance-type` → `attribute:ecs.instance-type`.
pub(super) fn subject(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    if let Some(best) = SUBJECTS
        .iter()
        .find(|s| close(&lower, &s.to_ascii_lowercase()))
    {
        return Some((*best).to_string());
    }
    if let Some((prefix, rest)) = word.split_once(':') {
        if close(&prefix.to_ascii_lowercase(), "attribute") && !rest.is_empty() {
            return Some(format!("attribute:{rest}"));
        }
        if close(&prefix.to_ascii_lowercase(), "task") && close(&rest.to_ascii_lowercase(), "group")
        {
            return Some("task:group".to_string());
        }
    } else if lower.starts_with("ecs.") {
        // A built-in attribute written without its `attribute:` prefix.
        return Some(format!("attribute:{word}"));
    }
    None
}

/// The lowercase keyword a wrongly-cased word stands for (`AND` → `and`), if any.
pub(super) fn lowercase_keyword(word: &str, keywords: &[&'static str]) -> Option<&'static str> {
    keywords
        .iter()
        .copied()
        .find(|k| *k != word && k.eq_ignore_ascii_case(word))
}

/// Case-insensitive equality or an edit distance of at most 2 (ASCII; inputs are short).
fn close(a: &str, b: &str) -> bool {
    a == b || (a.len().abs_diff(b.len()) <= 2 && distance(a.as_bytes(), b.as_bytes()) <= 2)
}

/// Levenshtein distance with one rolling row (`row` has b.len() + 1 entries, so the
/// `j + 1` indexes are in bounds).
fn distance(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = (diag + usize::from(ca != cb)).min(up + 1).min(row[j] + 1);
            diag = up;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(subject("agentversion").as_deref(), Some("agentVersion"));
        assert_eq!(
            subject("runningTaskCount").as_deref(),
            Some("runningTasksCount")
        );
        assert_eq!(subject("ec2InstanceID").as_deref(), Some("ec2InstanceId"));
        assert_eq!(
            subject("attributes:stack").as_deref(),
            Some("attribute:stack")
        );
        assert_eq!(
            subject("Attribute:stack").as_deref(),
            Some("attribute:stack")
        );
        assert_eq!(subject("task:groups").as_deref(), Some("task:group"));
        assert_eq!(
            subject("ecs.instance-type").as_deref(),
            Some("attribute:ecs.instance-type")
        );
        assert_eq!(subject("banana"), None);
        assert_eq!(lowercase_keyword("AND", &["and", "or"]), Some("and"));
        assert_eq!(lowercase_keyword("and", &["and", "or"]), None);
    }
}
