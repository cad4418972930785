//! Lenient readers of the placement trace JSON (the shapes are in `sim::placement::trace`):
//! a missing or odd field becomes a default, an entry that is not an object is skipped.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{amount, list, tasks, thousands, PhaseKind, AZ_ATTRIBUTE};
use crate::ui::components::format::sentence;

pub(crate) fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
}

pub(crate) fn opt_text(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn int(v: &Value, key: &str) -> Option<i64> {
    let x = v.get(key)?;
    x.as_i64()
        .or_else(|| x.as_u64().map(|u| i64::try_from(u).unwrap_or(i64::MAX)))
        .or_else(|| x.as_f64().map(|f| f as i64))
}

fn flag(v: &Value, key: &str) -> Option<bool> {
    v.get(key).and_then(Value::as_bool)
}

/// The objects in the array at `key` (anything else in it is skipped).
pub(crate) fn objects<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|x| x.is_object())
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// What the task asks of an instance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Needs {
    pub cpu: i64,
    pub memory: i64,
    pub gpu: i64,
    /// "8080/tcp"
    pub static_ports: Vec<String>,
    pub dynamic_ports: usize,
    /// The length of each containerPortRange (bridge: contiguous dynamic host ports).
    pub port_ranges: Vec<u64>,
    pub eni: bool,
}

impl Needs {
    fn read(v: &Value) -> Needs {
        let Some(v) = v.get("requested") else {
            return Needs::default();
        };
        let static_ports = v
            .get("staticPorts")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| {
                // Serialized as [protocol, port].
                let pair = p.as_array()?;
                let proto = pair.first()?.as_str()?;
                let port = pair.get(1)?.as_u64()?;
                Some(format!("{port}/{proto}"))
            })
            .collect();
        Needs {
            cpu: int(v, "cpu").unwrap_or(0),
            memory: int(v, "memory").unwrap_or(0),
            gpu: int(v, "gpu").unwrap_or(0),
            static_ports,
            dynamic_ports: v
                .get("dynamicPorts")
                .and_then(Value::as_array)
                .map(Vec::len)
                .unwrap_or(0),
            port_ranges: v
                .get("dynamicRanges")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                // Serialized as [protocol, length].
                .filter_map(|r| r.get(1)?.as_u64())
                .collect(),
            eni: flag(v, "eni").unwrap_or(false),
        }
    }

    /// "256 CPU units, 512 MiB and 1 dynamic host port".
    pub fn words(&self) -> String {
        let mut parts = vec![amount(self.cpu, "CPU units"), amount(self.memory, "MiB")];
        if self.gpu > 0 {
            parts.push(amount(self.gpu, "GPUs"));
        }
        if !self.static_ports.is_empty() {
            let word = if self.static_ports.len() == 1 {
                "host port"
            } else {
                "host ports"
            };
            parts.push(format!("{word} {}", self.static_ports.join(", ")));
        }
        if self.dynamic_ports > 0 {
            parts.push(amount(self.dynamic_ports as i64, "dynamic host ports"));
        }
        for n in &self.port_ranges {
            parts.push(format!("a range of {n} contiguous dynamic host ports"));
        }
        if self.eni {
            parts.push("an ENI of its own (awsvpc)".into());
        }
        match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }
}

/// One resource check on one instance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckView {
    pub name: String,
    pub requested: Option<i64>,
    pub available: Option<i64>,
    pub unit: String,
    pub ok: bool,
    pub message: String,
}

impl CheckView {
    fn read(v: &Value) -> CheckView {
        CheckView {
            name: text(v, "name"),
            requested: int(v, "requested"),
            available: int(v, "available"),
            unit: text(v, "unit"),
            // A check without a verdict rules nothing out.
            ok: flag(v, "ok").unwrap_or(true),
            message: text(v, "message"),
        }
    }

    /// Quantities compare as numbers; the others (status, ports) are told by the message.
    pub fn is_amount(&self) -> bool {
        matches!(self.name.as_str(), "cpu" | "memory" | "gpu" | "eni") && !self.unit.is_empty()
    }

    /// "memory: needs 512 MiB, 300 MiB free" / "status: instance is DRAINING; ...".
    pub fn words(&self) -> String {
        if let (true, Some(req), Some(avail)) = (self.is_amount(), self.requested, self.available) {
            return format!(
                "{}: needs {}, {} free",
                self.name,
                amount(req, &self.unit),
                amount(avail, &self.unit)
            );
        }
        match (self.name.is_empty(), self.message.is_empty()) {
            (_, true) => format!(
                "{}: {}",
                super::or_unknown(&self.name),
                if self.ok { "passes" } else { "fails" }
            ),
            (true, false) => self.message.clone(),
            (false, false) if self.message.starts_with(&self.name) => self.message.clone(),
            (false, false) => format!("{}: {}", self.name, self.message),
        }
    }
}

/// One placement constraint's verdict on one instance.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConstraintView {
    pub kind: String,
    pub expression: Option<String>,
    /// "taskDefinition" or "request".
    pub source: String,
    pub ok: bool,
    pub message: String,
}

impl ConstraintView {
    fn read(v: &Value) -> ConstraintView {
        ConstraintView {
            kind: text(v, "type"),
            expression: opt_text(v, "expression"),
            source: text(v, "source"),
            ok: flag(v, "ok").unwrap_or(true),
            message: text(v, "message"),
        }
    }

    /// `memberOf (attribute:stack == prod): attribute:stack is "dev", which does not equal prod`.
    pub fn words(&self) -> String {
        let kind = super::or_unknown(&self.kind);
        let head = match &self.expression {
            Some(e) => format!("{kind} ({e})"),
            None => kind.to_string(),
        };
        if self.message.is_empty() {
            format!("{head}: {}", if self.ok { "met" } else { "not met" })
        } else {
            format!("{head}: {}", self.message)
        }
    }
}

/// Every check on one instance, for one task.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InstanceEval {
    pub id: String,
    pub az: String,
    pub checks: Vec<CheckView>,
    pub constraints: Vec<ConstraintView>,
    pub passed_resources: bool,
    pub passed_constraints: bool,
}

impl InstanceEval {
    fn read(v: &Value) -> Option<InstanceEval> {
        let id = opt_text(v, "ec2InstanceId")?;
        let checks: Vec<_> = objects(v, "checks").map(CheckView::read).collect();
        let constraints: Vec<_> = objects(v, "constraints")
            .map(ConstraintView::read)
            .collect();
        Some(InstanceEval {
            id,
            az: text(v, "availabilityZone"),
            passed_resources: flag(v, "passedResources")
                .unwrap_or_else(|| checks.iter().all(|c| c.ok)),
            passed_constraints: flag(v, "passedConstraints")
                .unwrap_or_else(|| constraints.iter().all(|c| c.ok)),
            checks,
            constraints,
        })
    }

    /// The first failed resource check, in ECS's order, in words and numbers.
    pub fn resource_words(&self) -> String {
        self.checks
            .iter()
            .find(|c| !c.ok)
            .map(CheckView::words)
            .unwrap_or_else(|| "does not have the resources the task needs".into())
    }

    pub fn constraint_words(&self) -> String {
        self.constraints
            .iter()
            .find(|c| !c.ok)
            .map(ConstraintView::words)
            .unwrap_or_else(|| "does not meet the placement constraints".into())
    }

    /// The checks it failed and the constraints it met: two instances with the same
    /// shortfall fell short the same way (ECS then names the first it looked at).
    pub fn shortfall(&self) -> (Vec<&str>, bool) {
        let failed = self
            .checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| c.name.as_str())
            .collect();
        (failed, self.passed_constraints)
    }

    /// Why this instance was not eligible at all (None when it passed both steps).
    pub fn first_problem(&self) -> Option<String> {
        if !self.passed_resources {
            Some(self.resource_words())
        } else if !self.passed_constraints {
            Some(self.constraint_words())
        } else {
            None
        }
    }
}

/// One strategy's view of each candidate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoreView {
    pub id: String,
    /// spread: the field's value on this instance.
    pub value: Option<String>,
    /// spread: tasks of the group with that value; binpack: resource left after placing.
    pub score: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StrategyView {
    /// "spread", "binpack", "random".
    pub kind: String,
    pub field: Option<String>,
    /// Only the candidates that entered this strategy.
    pub scores: Vec<ScoreView>,
    /// spread: tasks of the group per value.
    pub counts: BTreeMap<String, i64>,
    pub survivors: Vec<String>,
    pub message: String,
}

impl StrategyView {
    fn read(v: &Value) -> StrategyView {
        let scores = objects(v, "scores")
            .filter_map(|s| {
                Some(ScoreView {
                    id: opt_text(s, "ec2InstanceId")?,
                    value: opt_text(s, "value"),
                    score: int(s, "score"),
                })
            })
            .collect();
        // Inserted one by one (collecting into a map sorts first: more code in the wasm).
        let mut counts = BTreeMap::new();
        for (k, n) in v
            .get("counts")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if let Some(n) = n.as_i64() {
                counts.insert(k.clone(), n);
            }
        }
        StrategyView {
            kind: text(v, "type"),
            field: opt_text(v, "field"),
            scores,
            counts,
            survivors: ids(v, "survivors"),
            message: text(v, "message"),
        }
    }

    /// "spread by attribute:ecs.availability-zone", "binpack on memory", "random".
    pub fn label(&self) -> String {
        match (self.kind.as_str(), &self.field) {
            ("spread", Some(f)) => format!("spread by {f}"),
            ("binpack", Some(f)) => format!("binpack on {f}"),
            ("", _) => "strategy".into(),
            (kind, _) => kind.to_string(),
        }
    }

    pub fn is_az_spread(&self) -> bool {
        self.kind == "spread" && self.field.as_deref() == Some(AZ_ATTRIBUTE)
    }

    pub fn score_of(&self, id: &str) -> Option<&ScoreView> {
        self.scores.iter().find(|s| s.id == id)
    }

    fn binpack_unit(&self) -> &'static str {
        match self.field.as_deref() {
            Some("cpu") => "CPU units",
            _ => "MiB",
        }
    }

    /// The best score among the survivors (the fewest tasks, the least left).
    fn best(&self) -> Option<i64> {
        self.scores
            .iter()
            .filter(|s| self.survivors.contains(&s.id))
            .filter_map(|s| s.score)
            .min()
    }

    /// This strategy's view of one instance: "us-east-1a: 2 tasks of family:web",
    /// "3,961 MiB left after placing". None for random (it has no view).
    pub fn view_of(&self, id: &str, group: &str) -> Option<String> {
        let s = self.score_of(id)?;
        match self.kind.as_str() {
            "spread" => {
                let n = s
                    .score
                    .or_else(|| s.value.as_ref().and_then(|v| self.counts.get(v).copied()))?;
                let value = s.value.as_deref().unwrap_or("(no value)");
                Some(format!("{value}: {} of {group}", tasks(n)))
            }
            "binpack" => Some(format!(
                "{} left after placing",
                amount(s.score?, self.binpack_unit())
            )),
            _ => None,
        }
    }

    pub fn survivor_note(&self, id: &str, group: &str) -> String {
        match (self.kind.as_str(), self.view_of(id, group)) {
            ("random", _) => "picked at random (seeded)".into(),
            ("binpack", Some(view)) => format!("{view} (the least)"),
            (_, Some(view)) => view,
            (_, None) => format!("kept by {}", self.label()),
        }
    }

    pub fn loss_note(&self, id: &str, group: &str) -> String {
        let best = self.best();
        match (self.kind.as_str(), self.view_of(id, group), best) {
            ("random", _, _) => "not picked at random (seeded)".into(),
            ("spread", Some(view), Some(b)) => {
                format!("{view}, more than the fewest ({})", thousands(b))
            }
            ("binpack", Some(view), Some(b)) => format!(
                "{view}, more than the least ({})",
                amount(b, self.binpack_unit())
            ),
            (_, Some(view), _) => format!("{view}; dropped by {}", self.label()),
            (_, None, _) => format!("dropped by {}", self.label()),
        }
    }

    /// The plain sentence for this strategy's phase.
    pub fn sentence(&self, group: &str) -> String {
        let best = self.best();
        match self.kind.as_str() {
            "spread" => {
                let mut values: Vec<String> = Vec::new();
                for value in self.survivors.iter().filter_map(|id| self.score_of(id)?.value.clone()) {
                    if !values.contains(&value) {
                        values.push(value);
                    }
                }
                let field = self.field.as_deref().unwrap_or("?");
                format!(
                    "Spread by {field}: {} {} the fewest tasks of {group} ({}).",
                    list(&values),
                    if values.len() == 1 { "has" } else { "have" },
                    best.map(thousands).unwrap_or_else(|| "?".into())
                )
            }
            "binpack" => format!(
                "Binpack on {}: keeps the instances that would have the least left after placing ({}).",
                self.field.as_deref().unwrap_or("?"),
                best.map(|b| amount(b, self.binpack_unit())).unwrap_or_else(|| "?".into())
            ),
            "random" => {
                format!("Random: one of {} picked at random (seeded, so a replay picks the same).", super::instances(self.scores.len() as i64))
            }
            _ if !self.message.is_empty() => sentence(&self.message),
            _ => format!("{}.", self.label()),
        }
    }
}

/// Why a task could not be placed, as ECS reports it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FailureView {
    /// The closest-matching instance.
    pub instance: Option<String>,
    pub arn: Option<String>,
    /// ECS's reason code: "RESOURCE:MEMORY", "AGENT", "MemberOf placement constraint unsatisfied."
    pub reason: String,
    /// The service-event style sentence.
    pub message: String,
}

/// One task's decision.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TaskTrace {
    pub group: String,
    pub needs: Needs,
    pub instances: Vec<InstanceEval>,
    pub strategies: Vec<StrategyView>,
    pub tie_break: Vec<String>,
    pub chosen: Option<String>,
    /// The task this decision placed (the response's `tasks` entry), for the chip that flies in.
    pub task_arn: Option<String>,
    pub failure: Option<FailureView>,
    pub summary: String,
}

impl TaskTrace {
    pub fn read(v: &Value) -> TaskTrace {
        TaskTrace {
            group: text(v, "group"),
            needs: Needs::read(v),
            instances: objects(v, "instances")
                .filter_map(InstanceEval::read)
                .collect(),
            strategies: objects(v, "strategies").map(StrategyView::read).collect(),
            tie_break: ids(v, "tieBreak"),
            chosen: opt_text(v, "chosen"),
            // A service's decisions name their task; RunTask's are matched to `tasks` later.
            task_arn: opt_text(v, "taskArn"),
            failure: v
                .get("failure")
                .filter(|f| f.is_object())
                .map(|f| FailureView {
                    instance: opt_text(f, "ec2InstanceId"),
                    arn: opt_text(f, "arn"),
                    reason: text(f, "reason"),
                    message: text(f, "message"),
                }),
            summary: text(v, "summary"),
        }
    }

    /// The phases of this task's story, in ECS's order.
    pub fn phases(&self) -> Vec<PhaseKind> {
        let mut kinds = vec![
            PhaseKind::Candidates,
            PhaseKind::Resources,
            PhaseKind::Constraints,
        ];
        kinds.extend((0..self.strategies.len()).map(PhaseKind::Strategy));
        if self.tie_break.len() > 1 {
            kinds.push(PhaseKind::TieBreak);
        }
        kinds.push(if self.chosen.is_some() {
            PhaseKind::Placed
        } else {
            PhaseKind::NotPlaced
        });
        kinds
    }

    pub fn instance(&self, id: &str) -> Option<&InstanceEval> {
        self.instances.iter().find(|i| i.id == id)
    }

    /// "No instance met all requirements: closest i-3, RESOURCE:MEMORY (memory: needs 512 MiB, 300 MiB free)."
    pub fn failure_words(&self) -> String {
        let Some(f) = &self.failure else {
            return "No instance met all requirements.".into();
        };
        let reason = f.reason.trim_end_matches('.');
        let detail = f
            .instance
            .as_deref()
            .and_then(|id| self.instance(id))
            .and_then(InstanceEval::first_problem);
        match (&f.instance, detail) {
            (Some(id), Some(d)) => {
                format!("No instance met all requirements: closest {id}, {reason} ({d}).")
            }
            (Some(id), None) => {
                format!("No instance met all requirements: closest {id}, {reason}.")
            }
            (None, _) if reason.is_empty() => "No instance met all requirements.".into(),
            (None, _) => format!("No instance met all requirements: {reason}."),
        }
    }
}
