//! Step 2: placement constraints. They bind: an instance that fails one is not a candidate.

use crate::sim::cql::CqlSubject;
use crate::sim::instance::ContainerInstance;

use super::request::Constraint;
use super::trace::ConstraintVerdict;

/// Whether `inst` (at `index`) satisfies `constraint`. `static_verdict` is the cached answer
/// for a memberOf expression that depends only on fixed instance properties.
pub fn satisfies(
    constraint: &Constraint,
    inst: &ContainerInstance,
    group_tasks_here: u32,
    static_verdict: Option<bool>,
) -> bool {
    match constraint {
        Constraint::DistinctInstance => group_tasks_here == 0,
        Constraint::MemberOf { expr, .. } => {
            static_verdict.unwrap_or_else(|| expr.evaluate(inst as &dyn CqlSubject))
        }
    }
}

/// The trace record of one constraint on one instance.
pub fn verdict(
    constraint: &Constraint,
    inst: &ContainerInstance,
    group: &str,
    group_tasks_here: u32,
    ok: bool,
) -> ConstraintVerdict {
    match constraint {
        Constraint::DistinctInstance => ConstraintVerdict {
            kind: "distinctInstance",
            expression: None,
            source: super::request::ConstraintSource::Request,
            ok,
            message: if ok {
                format!("no task of group {group} runs here")
            } else {
                format!("{group_tasks_here} task(s) of group {group} already run here")
            },
        },
        Constraint::MemberOf {
            expression,
            expr,
            source,
        } => ConstraintVerdict {
            kind: "memberOf",
            expression: Some(expression.clone()),
            source: *source,
            ok,
            message: expr.explain(inst as &dyn CqlSubject),
        },
    }
}
