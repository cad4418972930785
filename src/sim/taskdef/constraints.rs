//! placementConstraints of a task definition: memberOf only, at most 10
//! (BOTO-ECS TaskDefinitionPlacementConstraint, RegisterTaskDefinitionRequest.placementConstraints).

use crate::sim::json::Json;

use super::ctx::{field, given, item, join, shorten, Ctx};
use super::fields::{check_members, Kind, Place};
use super::model::TaskDefinitionConstraint;
use super::suggest::closest;

const MAX_CONSTRAINTS: usize = 10;
/// BOTO-ECS PlacementConstraint.expression: at most 2000 characters.
const MAX_EXPRESSION: usize = 2000;

pub(crate) fn read_constraints(
    ctx: &mut Ctx,
    task: &Json,
    path: &str,
) -> Vec<TaskDefinitionConstraint> {
    let p = join(path, "placementConstraints");
    let mut out = Vec::new();
    let Some(items) = ctx.array(
        given(field(task, "placementConstraints")),
        &p,
        "of {\"type\": \"memberOf\", \"expression\": ...} objects",
    ) else {
        return out;
    };
    for (i, c) in items.iter().enumerate() {
        let cp = item(&p, i);
        if i == MAX_CONSTRAINTS {
            ctx.error(
                c.span,
                &cp,
                format!(
                    "too many placement constraints ({}): you can specify a maximum of 10 constraints for \
                     each task, and this limit includes the constraints given at run time",
                    items.len()
                ),
            );
        }
        if ctx.object(c, &cp, "a placement constraint").is_none() {
            continue;
        }
        const KNOWN: &[(&str, Kind)] = &[("type", Kind::Detail), ("expression", Kind::Detail)];
        check_members(
            ctx,
            c,
            &cp,
            Place::Other("TaskDefinitionPlacementConstraint"),
            KNOWN,
        );
        let tp = join(&cp, "type");
        let ep = join(&cp, "expression");
        let expression = match given(field(c, "expression")) {
            Some(v) => match ctx.string(Some(v), &ep) {
                Some(s) if s.chars().count() > MAX_EXPRESSION => {
                    ctx.error(v.span, &ep, format!("the expression is {} characters long; ECS allows at most {MAX_EXPRESSION}", s.chars().count()));
                    None
                }
                Some(s) => Some(s.to_string()),
                None => None,
            },
            None => None,
        };
        let Some(type_value) = given(field(c, "type")) else {
            ctx.error(
                c.span,
                &tp,
                "type is required: a task definition constraint has type \"memberOf\"",
            );
            continue;
        };
        let Some(kind) = ctx.string(Some(type_value), &tp) else {
            continue;
        };
        match kind {
            "memberOf" => match expression {
                Some(e) if !e.trim().is_empty() => out.push(TaskDefinitionConstraint { expression: e }),
                // Assumption: a memberOf constraint without an expression is rejected; it
                // would select nothing, and the model has no way to hold it.
                _ => ctx.error(
                    c.span,
                    &ep,
                    "a memberOf constraint needs an expression in the cluster query language, e.g. \
                     \"attribute:ecs.instance-type =~ t3.*\"",
                ),
            },
            "distinctInstance" => ctx.error(
                type_value.span,
                &tp,
                "distinctInstance is not supported in task definitions. Task definitions take memberOf \
                 constraints only; give distinctInstance with RunTask, CreateService or UpdateService",
            ),
            other => {
                let hint = closest(other, &["memberOf"]).map(|c| format!(" (did you mean \"{c}\"?)")).unwrap_or_default();
                ctx.error(
                    type_value.span,
                    &tp,
                    format!("\"{}\" is not a constraint type a task definition accepts{hint}; the only one is \"memberOf\"", shorten(other, 40)),
                );
            }
        }
    }
    out
}
