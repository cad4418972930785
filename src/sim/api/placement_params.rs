//! placementConstraints and placementStrategy, as RunTask / CreateService take them.

use serde_json::Value;

use crate::sim::cluster::ApiError;
use crate::sim::cql;
use crate::sim::placement::{BinpackField, Constraint, ConstraintSource, SpreadField, Strategy};
use crate::sim::taskdef::TaskDefinition;

/// "You can specify a maximum of 5 strategy rules."
pub const MAX_STRATEGIES: usize = 5;
/// At most 10 constraints per task, the task definition's and the request's together.
pub const MAX_CONSTRAINTS: usize = 10;

pub fn parse_strategies(items: &[Value]) -> Result<Vec<Strategy>, ApiError> {
    if items.len() > MAX_STRATEGIES {
        return Err(ApiError::invalid(format!(
            "You can specify a maximum of {MAX_STRATEGIES} strategy rules; {} were given.",
            items.len()
        )));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_strategy(i, item))
        .collect()
}

fn parse_strategy(i: usize, item: &Value) -> Result<Strategy, ApiError> {
    let kind = item.get("type").and_then(Value::as_str);
    let field = item.get("field").and_then(Value::as_str);
    match kind {
        Some("random") => Ok(Strategy::Random),
        Some("binpack") => match field {
            Some("cpu") | Some("CPU") => Ok(Strategy::Binpack(BinpackField::Cpu)),
            Some("memory") | Some("MEMORY") => Ok(Strategy::Binpack(BinpackField::Memory)),
            other => Err(ApiError::invalid(format!(
                "placementStrategy[{i}]: binpack field must be cpu or memory, not {}.",
                other.map(|f| format!("'{f}'")).unwrap_or_else(|| "missing".into())
            ))),
        },
        Some("spread") => match field {
            Some("instanceId") | Some("host") => Ok(Strategy::Spread(SpreadField::InstanceId)),
            Some(f) if f.starts_with("attribute:") && f.len() > "attribute:".len() => {
                Ok(Strategy::Spread(SpreadField::Attribute(f["attribute:".len()..].to_string())))
            }
            other => Err(ApiError::invalid(format!(
                "placementStrategy[{i}]: spread field must be instanceId, host or attribute:NAME (for example attribute:ecs.availability-zone), not {}.",
                other.map(|f| format!("'{f}'")).unwrap_or_else(|| "missing".into())
            ))),
        },
        Some(other) => Err(ApiError::invalid(format!(
            "placementStrategy[{i}]: type '{other}' is not valid; expected random, spread or binpack."
        ))),
        None => Err(ApiError::invalid(format!("placementStrategy[{i}]: type is required (random, spread or binpack)."))),
    }
}

/// The request's constraints plus the task definition's memberOf constraints.
pub fn parse_constraints(
    items: &[Value],
    td: &TaskDefinition,
) -> Result<Vec<Constraint>, ApiError> {
    let total = items.len() + td.placement_constraints.len();
    if total > MAX_CONSTRAINTS {
        return Err(ApiError::invalid(format!(
            "A task can have at most {MAX_CONSTRAINTS} placement constraints, counting the task definition's {} and the request's {}.",
            td.placement_constraints.len(),
            items.len()
        )));
    }
    let mut out = Vec::new();
    for c in &td.placement_constraints {
        out.push(member_of(
            &c.expression,
            ConstraintSource::TaskDefinition,
            "taskDefinition.placementConstraints",
        )?);
    }
    for (i, item) in items.iter().enumerate() {
        let kind = item.get("type").and_then(Value::as_str);
        let expression = item.get("expression").and_then(Value::as_str);
        match (kind, expression) {
            (Some("distinctInstance"), None) => out.push(Constraint::DistinctInstance),
            (Some("distinctInstance"), Some(_)) => {
                return Err(ApiError::invalid(format!(
                    "placementConstraints[{i}]: You can't specify an expression if the constraint type is distinctInstance."
                )))
            }
            (Some("memberOf"), Some(e)) => out.push(member_of(e, ConstraintSource::Request, &format!("placementConstraints[{i}]"))?),
            (Some("memberOf"), None) => {
                return Err(ApiError::invalid(format!("placementConstraints[{i}]: a memberOf constraint needs an expression.")))
            }
            (Some(other), _) => {
                return Err(ApiError::invalid(format!(
                    "placementConstraints[{i}]: type '{other}' is not valid; expected distinctInstance or memberOf."
                )))
            }
            (None, _) => return Err(ApiError::invalid(format!("placementConstraints[{i}]: type is required."))),
        }
    }
    Ok(out)
}

fn member_of(
    expression: &str,
    source: ConstraintSource,
    path: &str,
) -> Result<Constraint, ApiError> {
    let expr = cql::parse(expression).map_err(|e| {
        ApiError::invalid(format!(
            "{path}: invalid expression at column {}: {} (expression: {expression})",
            e.offset + 1,
            e.message
        ))
    })?;
    Ok(Constraint::MemberOf {
        expression: expression.to_string(),
        expr,
        source,
    })
}
