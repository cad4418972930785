//! Evaluation against one container instance. No allocation beyond the `task_groups()` Vec
//! the trait returns: placement runs this for every instance and every task.

use std::cmp::Ordering;

use super::ast::{Cmp, Condition, Expr, Node, Subject, Test, Typed, Value};
use super::{date, version, CqlSubject};

impl Expr {
    /// Whether the instance satisfies the expression.
    pub fn evaluate(&self, subject: &dyn CqlSubject) -> bool {
        self.root.eval(subject)
    }
}

impl Node {
    pub(super) fn eval(&self, s: &dyn CqlSubject) -> bool {
        match self {
            Node::And(items) => items.iter().all(|n| n.eval(s)),
            Node::Or(items) => items.iter().any(|n| n.eval(s)),
            Node::Not(inner) => !inner.eval(s),
            Node::Cond(c) => c.eval(s),
        }
    }
}

pub(super) fn bool_text(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

impl Condition {
    pub(super) fn eval(&self, s: &dyn CqlSubject) -> bool {
        match &self.subject {
            Subject::Attribute(name) => single(&self.test, s.attribute(name)),
            Subject::Ec2InstanceId => single(&self.test, Some(s.ec2_instance_id())),
            Subject::AgentConnected => single(&self.test, Some(bool_text(s.agent_connected()))),
            Subject::TaskGroup => multi(&self.test, &s.task_groups()),
            Subject::AgentVersion | Subject::RegisteredAt | Subject::RunningTasksCount => {
                match &self.test {
                    Test::Compare { cmp, value } => {
                        self.ordering(s, value).is_some_and(|o| cmp.holds(o))
                    }
                    // The parser only allows comparisons for these subjects.
                    _ => false,
                }
            }
        }
    }

    /// The instance's value compared with the argument for the typed subjects; `None` when
    /// the instance's value cannot be read (then every comparison is false).
    // Assumption: an instance whose agentVersion or registeredAt cannot be read satisfies no
    // comparison, not even `!=` (as with a missing attribute).
    pub(super) fn ordering(&self, s: &dyn CqlSubject, value: &Value) -> Option<Ordering> {
        match (&self.subject, &value.typed) {
            (Subject::AgentVersion, Typed::Version(wanted)) => {
                version::compare(s.agent_version(), wanted)
            }
            (Subject::RegisteredAt, Typed::Instant(at)) => date::parse_instant(s.registered_at())
                .ok()
                .map(|mine| mine.cmp(at)),
            (Subject::RunningTasksCount, Typed::Count(n)) => {
                Some(u64::from(s.running_tasks_count()).cmp(n))
            }
            _ => None,
        }
    }
}

/// The positive form of a string test on one value: equality for ==/!=, membership for
/// in/!in, a match for =~/!~. Ordering comparisons are handled by `order`.
pub(super) fn positive(test: &Test, actual: &str) -> bool {
    match test {
        Test::Exists { .. } => true,
        Test::Compare { value, .. } => actual == value.text,
        Test::In { values, .. } => values.iter().any(|v| v.text == actual),
        Test::Matches { pattern, .. } => pattern.regex.is_match(actual),
    }
}

/// A single-valued subject (an attribute, the instance id, agentConnected), `None` when the
/// instance lacks the attribute.
// Assumption: on a missing attribute every test is false except `!exists`; in particular
// `attribute:stack != prod` lists only instances that HAVE stack (the documented filter
// example) and `!in` / `!~` behave the same way.
// Assumption: `==`, `!=` and `in` compare strings exactly (case-sensitive), as documented
// ("string equality").
pub(super) fn single(test: &Test, actual: Option<&str>) -> bool {
    let Some(a) = actual else {
        return matches!(test, Test::Exists { negated: true });
    };
    match test {
        Test::Exists { negated } => !negated,
        Test::Compare { cmp: Cmp::Eq, .. } => positive(test, a),
        Test::Compare { cmp: Cmp::Ne, .. } => !positive(test, a),
        Test::Compare { cmp, value } => cmp.holds(order(a, value)),
        Test::In { negated, .. } | Test::Matches { negated, .. } => positive(test, a) != *negated,
    }
}

/// task:group, which has one value per task running on the instance.
// Assumption: task:group is multi-valued. `==`, `in` and `=~` hold when ANY task's group
// satisfies them; `!=`, `!in` and `!~` hold when NO task's group does, so
// `task:group != database` means the same as `not(task:group == database)` (anti-affinity).
// An instance without tasks: `==`/`in`/`=~` false, `!=`/`!in`/`!~` true. `exists` holds when
// at least one task runs there.
pub(super) fn multi(test: &Test, groups: &[&str]) -> bool {
    let any = || groups.iter().any(|g| positive(test, g));
    match test {
        Test::Exists { negated } => groups.is_empty() == *negated,
        Test::Compare { cmp: Cmp::Eq, .. } => any(),
        Test::Compare { cmp: Cmp::Ne, .. } => !any(),
        // The parser rejects >, >=, <, <= for task:group.
        Test::Compare { .. } => false,
        Test::In { negated, .. } | Test::Matches { negated, .. } => any() != *negated,
    }
}

/// Orders an attribute value against an argument for >, >=, <, <=.
// Assumption: the docs give no meaning to >, >=, <, <= on attributes; they compare as
// decimal numbers when both sides read as one (`attribute:cores >= 4`), else as strings
// (byte order).
pub(super) fn order(actual: &str, value: &Value) -> Ordering {
    if let Typed::Text {
        number: Some(wanted),
    } = value.typed
    {
        if let Some(mine) = decimal(actual) {
            if let Some(o) = mine.partial_cmp(&wanted) {
                return o;
            }
        }
    }
    actual.cmp(value.text.as_str())
}

/// Reads `-?digits(.digits)?` as a number; anything else (including `inf`, `1e3`) is not one.
pub(super) fn decimal(text: &str) -> Option<f64> {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(decimal("4"), Some(4.0));
        assert_eq!(decimal("-1.5"), Some(-1.5));
        for bad in ["", "-", "1.", ".5", "1e3", "inf", "NaN", "1.2.3", "+1"] {
            assert_eq!(decimal(bad), None, "{bad}");
        }
    }
}
