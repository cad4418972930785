//! Why an expression is true or false for one instance, in words, for the UI to show next
//! to a filtered instance. Error-free and not on the hot path, so it may allocate.

use std::cmp::Ordering;

use super::ast::{Cmp, Condition, Expr, Node, Subject, Test, Value};
use super::display::write_text;
use super::eval::{bool_text, order, positive};
use super::CqlSubject;

impl Expr {
    /// Says why the expression is true or false for the instance, e.g.
    /// `attribute:ecs.instance-type is "m5.large", which does not match t2.*`. For `and` it
    /// names the first failing condition (or all when all hold), for `or` the first holding
    /// one (or all when none does).
    pub fn explain(&self, subject: &dyn CqlSubject) -> String {
        self.root.explain(subject)
    }
}

impl Node {
    fn explain(&self, s: &dyn CqlSubject) -> String {
        match self {
            Node::And(items) => match items.iter().find(|n| !n.eval(s)) {
                Some(failing) => failing.explain(s),
                None => join(items, s),
            },
            Node::Or(items) => match items.iter().find(|n| n.eval(s)) {
                Some(holding) => holding.explain(s),
                None => join(items, s),
            },
            // The inner condition's facts are the reason either way.
            Node::Not(inner) => inner.explain(s),
            Node::Cond(c) => c.explain(s),
        }
    }
}

fn join(items: &[Node], s: &dyn CqlSubject) -> String {
    items
        .iter()
        .map(|n| n.explain(s))
        .collect::<Vec<_>>()
        .join("; ")
}

fn text(t: &str) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_text(&mut out, t);
    out
}

fn list(values: &[Value]) -> String {
    let items: Vec<String> = values.iter().map(|v| text(&v.text)).collect();
    format!("[{}]", items.join(", "))
}

/// What a string test says about one value: "equals prod", "is not in [a, b]", "matches t2.*".
fn phrase(test: &Test, holds: bool) -> String {
    match (test, holds) {
        (Test::Compare { value, .. }, true) => format!("equals {}", text(&value.text)),
        (Test::Compare { value, .. }, false) => format!("does not equal {}", text(&value.text)),
        (Test::In { values, .. }, true) => format!("is in {}", list(values)),
        (Test::In { values, .. }, false) => format!("is not in {}", list(values)),
        (Test::Matches { pattern, .. }, true) => format!("matches {}", text(&pattern.source)),
        (Test::Matches { pattern, .. }, false) => {
            format!("does not match {}", text(&pattern.source))
        }
        (Test::Exists { .. }, _) => String::new(),
    }
}

/// What an ordering says: "equals 1", "is not less than 2", "is before 2018-02-13".
fn ordered(cmp: Cmp, ord: Ordering, value: &Value, dates: bool) -> String {
    let v = text(&value.text);
    let words = match (cmp, dates) {
        (Cmp::Eq | Cmp::Ne, _) => {
            return if ord == Ordering::Equal {
                format!("equals {v}")
            } else {
                format!("does not equal {v}")
            }
        }
        (Cmp::Gt, false) => "greater than",
        (Cmp::Ge, false) => "greater than or equal to",
        (Cmp::Lt, false) => "less than",
        (Cmp::Le, false) => "less than or equal to",
        (Cmp::Gt, true) => "after",
        (Cmp::Ge, true) => "at or after",
        (Cmp::Lt, true) => "before",
        (Cmp::Le, true) => "at or before",
    };
    if cmp.holds(ord) {
        format!("is {words} {v}")
    } else {
        format!("is not {words} {v}")
    }
}

impl Condition {
    fn explain(&self, s: &dyn CqlSubject) -> String {
        let subj = &self.subject;
        match subj {
            Subject::Attribute(name) => self.single(s.attribute(name), |a| format!("\"{a}\"")),
            Subject::Ec2InstanceId => {
                self.single(Some(s.ec2_instance_id()), |a| format!("\"{a}\""))
            }
            Subject::AgentConnected => {
                self.single(Some(bool_text(s.agent_connected())), str::to_string)
            }
            Subject::TaskGroup => self.groups(&s.task_groups(), s),
            Subject::RunningTasksCount => {
                self.typed(s, s.running_tasks_count().to_string(), "", false)
            }
            Subject::AgentVersion => {
                self.typed(s, format!("\"{}\"", s.agent_version()), "a version", false)
            }
            Subject::RegisteredAt => {
                self.typed(s, format!("\"{}\"", s.registered_at()), "a date", true)
            }
        }
    }

    fn single(&self, actual: Option<&str>, show: impl Fn(&str) -> String) -> String {
        let subj = &self.subject;
        let Some(a) = actual else {
            return match self.test {
                Test::Exists { .. } => format!("{subj} is not set"),
                _ => format!("{subj} is not set, so {self} is false"),
            };
        };
        let shown = show(a);
        match &self.test {
            Test::Exists { .. } => format!("{subj} is set to {shown}"),
            Test::Compare {
                cmp: Cmp::Eq | Cmp::Ne,
                ..
            }
            | Test::In { .. }
            | Test::Matches { .. } => {
                format!(
                    "{subj} is {shown}, which {}",
                    phrase(&self.test, positive(&self.test, a))
                )
            }
            Test::Compare { cmp, value } => format!(
                "{subj} is {shown}, which {}",
                ordered(*cmp, order(a, value), value, false)
            ),
        }
    }

    fn groups(&self, groups: &[&str], s: &dyn CqlSubject) -> String {
        let n = groups.len();
        if let Test::Exists { .. } = self.test {
            return match n {
                0 => "no tasks run on this instance".to_string(),
                1 => "1 task runs on this instance".to_string(),
                _ => format!("{n} tasks run on this instance"),
            };
        }
        if n == 0 {
            return format!(
                "no tasks run on this instance, so {self} is {}",
                bool_text(self.eval(s))
            );
        }
        if let Some(g) = groups.iter().find(|g| positive(&self.test, g)) {
            return format!(
                "task:group includes \"{g}\", which {}",
                phrase(&self.test, true)
            );
        }
        let mut distinct: Vec<&str> = Vec::new();
        for g in groups {
            if !distinct.contains(g) {
                distinct.push(g);
            }
        }
        let shown: Vec<String> = distinct
            .iter()
            .take(5)
            .map(|g| format!("\"{g}\""))
            .collect();
        let more = if distinct.len() > 5 { ", …" } else { "" };
        format!(
            "task:group is [{}{more}], none of which {}",
            shown.join(", "),
            phrase(&self.test, true)
        )
    }

    /// agentVersion, registeredAt, runningTasksCount: comparisons only.
    fn typed(&self, s: &dyn CqlSubject, shown: String, kind: &str, dates: bool) -> String {
        let subj = &self.subject;
        let Test::Compare { cmp, value } = &self.test else {
            return format!("{subj} is {shown}");
        };
        match self.ordering(s, value) {
            Some(ord) => format!(
                "{subj} is {shown}, which {}",
                ordered(*cmp, ord, value, dates)
            ),
            None => format!("{subj} is {shown}, which is not {kind}, so {self} is false"),
        }
    }
}
