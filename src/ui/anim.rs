//! Turns a RunTask response's decision trace into animation phases, in ECS's order: for each
//! task, the candidates, the resource checks, the constraints, each strategy, the tie-break
//! (only when one was needed), then the outcome. Pure (no yew): the cluster view paints
//! `marks`, the decision panel shows `title` and `narration`.
//!
//! The response is read leniently: the UI must never crash on a response it did not expect
//! (an error, an older trace shape, hand-edited JSON), so a missing or odd field is skipped.

use std::collections::BTreeMap;

use serde_json::Value;

pub use trace_read::{
    CheckView, ConstraintView, FailureView, InstanceEval, Needs, ScoreView, StrategyView, TaskTrace,
};

/// How one instance looks in the current phase.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Not part of this decision's story yet.
    Idle,
    /// Being considered.
    Candidate,
    /// Ruled out, with the reason in words and numbers ("memory: needs 512 MiB, 300 free").
    Filtered { why: String },
    /// Still in the running after a strategy, with that strategy's view ("2 tasks in us-east-1a").
    Survivor { note: String },
    /// Chosen: the task goes here.
    Chosen,
}

/// What the page shows at one step of the animation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhaseView {
    pub title: String,
    pub narration: String,
    pub marks: BTreeMap<String, Mark>,
    /// Per Availability Zone notes (spread counts), shown above the AZ columns.
    pub zone_notes: BTreeMap<String, String>,
}

/// Number of steps in the animation of `response` (a RunTask response with `trace`).
pub fn phase_count(response: &Value) -> usize {
    Story::read(response).phase_count()
}

/// The view at `step` (0-based, clamped to the last step).
pub fn view_at(response: &Value, step: usize) -> PhaseView {
    Story::read(response).view_at(step)
}

/// Which part of ECS's process a phase shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseKind {
    Candidates,
    Resources,
    Constraints,
    /// The strategy at this index of the trace's `strategies`.
    Strategy(usize),
    TieBreak,
    Placed,
    NotPlaced,
}

/// Where one step of the whole animation falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepPosition {
    /// 0-based index of the task (its trace) in the response.
    pub task: usize,
    pub tasks: usize,
    /// 0-based index of the phase within that task.
    pub phase: usize,
    pub phases: usize,
    pub kind: PhaseKind,
}

/// The AZ attribute: a spread on it gets per-AZ notes above the columns.
pub const AZ_ATTRIBUTE: &str = "attribute:ecs.availability-zone";

/// A whole RunTask response, read once: the panel keeps it (memoised) and asks for views.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    pub tasks: Vec<TaskTrace>,
    /// `{"error": {code, message}}`: the request was rejected before any placement.
    pub rejected: Option<(String, String)>,
}

impl Story {
    /// Accepts the RunTask body (`{tasks, failures, trace}`) or the dispatcher's answer
    /// around it (`{"RunTask": {...}}` or `{"error": {...}}`).
    pub fn read(response: &Value) -> Story {
        let body = response.get("RunTask").unwrap_or(response);
        let rejected = body
            .get("error")
            .filter(|e| e.is_object())
            .map(|e| (trace_read::text(e, "code"), trace_read::text(e, "message")));
        let tasks = trace_read::objects(body, "trace")
            .map(TaskTrace::read)
            .collect();
        Story { tasks, rejected }
    }

    pub fn phase_count(&self) -> usize {
        self.tasks.iter().map(|t| t.phases().len()).sum()
    }

    /// The task and phase shown at `step` (clamped to the last step); None without phases.
    pub fn locate(&self, step: usize) -> Option<StepPosition> {
        let last = self.phase_count().checked_sub(1)?;
        let mut rest = step.min(last);
        for (task, trace) in self.tasks.iter().enumerate() {
            let kinds = trace.phases();
            if rest < kinds.len() {
                return Some(StepPosition {
                    task,
                    tasks: self.tasks.len(),
                    phase: rest,
                    phases: kinds.len(),
                    kind: kinds[rest],
                });
            }
            rest -= kinds.len();
        }
        None
    }

    /// The first step of each task, for "jump to task" controls.
    pub fn task_starts(&self) -> Vec<usize> {
        let mut start = 0;
        self.tasks
            .iter()
            .map(|t| {
                let here = start;
                start += t.phases().len();
                here
            })
            .collect()
    }

    pub fn view_at(&self, step: usize) -> PhaseView {
        let Some(at) = self.locate(step) else {
            return self.empty_view();
        };
        let Some(trace) = self.tasks.get(at.task) else {
            return self.empty_view();
        };
        let kinds = trace.phases();
        let mut marks = BTreeMap::new();
        for kind in kinds.iter().take(at.phase + 1) {
            apply_phase(trace, *kind, &mut marks);
        }
        PhaseView {
            title: format!(
                "Task {} of {} — step {} of {}: {}",
                at.task + 1,
                at.tasks,
                at.phase + 1,
                at.phases,
                phase_label(trace, at.kind)
            ),
            narration: narrate(trace, at),
            marks,
            zone_notes: zone_notes(trace, at.kind),
        }
    }

    fn empty_view(&self) -> PhaseView {
        match &self.rejected {
            Some((code, message)) => PhaseView {
                title: "RunTask was rejected".into(),
                narration: format!(
                    "ECS rejected the request before placing anything: {message} ({code})"
                ),
                ..Default::default()
            },
            None => PhaseView {
                title: "No decision yet".into(),
                narration: "Run a task to watch ECS choose an instance for it, step by step."
                    .into(),
                ..Default::default()
            },
        }
    }
}

/// Short name of a phase: "resources", "spread by attribute:ecs.availability-zone", "placed on i-2".
pub fn phase_label(trace: &TaskTrace, kind: PhaseKind) -> String {
    match kind {
        PhaseKind::Candidates => "candidates".into(),
        PhaseKind::Resources => "resources".into(),
        PhaseKind::Constraints => "constraints".into(),
        PhaseKind::Strategy(k) => trace
            .strategies
            .get(k)
            .map(StrategyView::label)
            .unwrap_or_else(|| "strategy".into()),
        PhaseKind::TieBreak => "tie-break".into(),
        PhaseKind::Placed => format!("placed on {}", trace.chosen.as_deref().unwrap_or("?")),
        PhaseKind::NotPlaced => "not placed".into(),
    }
}

/// Changes the marks the way one phase does; marks from earlier phases stay (a filtered
/// instance stays greyed with its reason until the task's story ends).
fn apply_phase(trace: &TaskTrace, kind: PhaseKind, marks: &mut BTreeMap<String, Mark>) {
    match kind {
        PhaseKind::Candidates => {
            for inst in &trace.instances {
                marks.insert(inst.id.clone(), Mark::Candidate);
            }
        }
        PhaseKind::Resources => {
            for inst in trace.instances.iter().filter(|i| !i.passed_resources) {
                marks.insert(
                    inst.id.clone(),
                    Mark::Filtered {
                        why: inst.resource_words(),
                    },
                );
            }
        }
        PhaseKind::Constraints => {
            for inst in trace
                .instances
                .iter()
                .filter(|i| i.passed_resources && !i.passed_constraints)
            {
                marks.insert(
                    inst.id.clone(),
                    Mark::Filtered {
                        why: inst.constraint_words(),
                    },
                );
            }
        }
        PhaseKind::Strategy(k) => {
            let Some(strategy) = trace.strategies.get(k) else {
                return;
            };
            // Last strategy's survivors go back to plain candidates unless this one keeps them.
            for mark in marks.values_mut() {
                if matches!(mark, Mark::Survivor { .. }) {
                    *mark = Mark::Candidate;
                }
            }
            for score in &strategy.scores {
                let mark = if strategy.survivors.contains(&score.id) {
                    Mark::Survivor {
                        note: strategy.survivor_note(&score.id, &trace.group),
                    }
                } else {
                    Mark::Filtered {
                        why: strategy.loss_note(&score.id, &trace.group),
                    }
                };
                marks.insert(score.id.clone(), mark);
            }
        }
        PhaseKind::TieBreak => {
            for id in &trace.tie_break {
                marks.insert(
                    id.clone(),
                    Mark::Survivor {
                        note: "tied: one is picked at random (seeded)".into(),
                    },
                );
            }
        }
        PhaseKind::Placed => {
            for (id, mark) in marks.iter_mut() {
                if trace.chosen.as_ref() == Some(id) {
                    *mark = Mark::Chosen;
                } else if matches!(mark, Mark::Candidate | Mark::Survivor { .. }) {
                    *mark = Mark::Filtered {
                        why: if trace.tie_break.contains(id) {
                            "tied, but not picked by the random tie-break".into()
                        } else {
                            "not chosen".into()
                        },
                    };
                }
            }
        }
        PhaseKind::NotPlaced => {
            // The closest match keeps its reason, labelled as ECS's closest match.
            let closest = trace.failure.as_ref().and_then(|f| f.instance.clone());
            if let Some(Mark::Filtered { why }) = closest.as_ref().and_then(|id| marks.get_mut(id))
            {
                *why = format!("closest match — {why}");
            }
        }
    }
}

/// Spread on the AZ attribute: tasks of the group per AZ, written above the AZ columns.
fn zone_notes(trace: &TaskTrace, kind: PhaseKind) -> BTreeMap<String, String> {
    let PhaseKind::Strategy(k) = kind else {
        return BTreeMap::new();
    };
    let Some(strategy) = trace.strategies.get(k).filter(|s| s.is_az_spread()) else {
        return BTreeMap::new();
    };
    let fewest = strategy.counts.values().min().copied();
    strategy
        .counts
        .iter()
        .map(|(az, n)| {
            let mark = if Some(*n) == fewest { " (fewest)" } else { "" };
            (
                az.clone(),
                format!("{} of {}{mark}", tasks(*n), trace.group),
            )
        })
        .collect()
}

/// The sentence a screen reader hears for a phase.
fn narrate(trace: &TaskTrace, at: StepPosition) -> String {
    let task = at.task + 1;
    let total = trace.instances.len();
    match at.kind {
        PhaseKind::Candidates => format!(
            "Task {task} of {} (group {}) needs {}. ECS considers all {} registered.",
            at.tasks,
            or_unknown(&trace.group),
            trace.needs.words(),
            instances(total as i64)
        ),
        PhaseKind::Resources => {
            let out: Vec<_> = trace.instances.iter().filter(|i| !i.passed_resources).map(|i| (i.id.as_str(), i.resource_words())).collect();
            format!(
                "{} of {total} have the CPU, memory and ports task {task} needs.{}",
                count_word(total - out.len(), "instance", "instances"),
                ruled_out(&out)
            )
        }
        PhaseKind::Constraints => {
            let in_play: Vec<_> = trace.instances.iter().filter(|i| i.passed_resources).collect();
            if trace.instances.iter().all(|i| i.constraints.is_empty()) {
                return format!("No placement constraints: all {} with the resources stay in.", instances(in_play.len() as i64));
            }
            let out: Vec<_> = in_play.iter().filter(|i| !i.passed_constraints).map(|i| (i.id.as_str(), i.constraint_words())).collect();
            format!(
                "{} of {} meet the placement constraints.{}",
                count_word(in_play.len() - out.len(), "instance", "instances"),
                in_play.len(),
                ruled_out(&out)
            )
        }
        PhaseKind::Strategy(k) => match trace.strategies.get(k) {
            Some(s) => {
                let prefix =
                    if trace.strategies.len() > 1 { format!("Strategy {} of {}: ", k + 1, trace.strategies.len()) } else { String::new() };
                format!("{prefix}{} Still in: {}.", s.sentence(&trace.group), list(&s.survivors))
            }
            None => "Strategy step.".into(),
        },
        PhaseKind::TieBreak => format!(
            "Still tied after the strategies: {}. ECS picks one of them at random (seeded, so a replay picks the same).",
            list(&trace.tie_break)
        ),
        PhaseKind::Placed => {
            let id = trace.chosen.as_deref().unwrap_or("?");
            match trace.instance(id).map(|i| i.az.as_str()).filter(|az| !az.is_empty()) {
                Some(az) => format!("Task {task} placed on {id} in {az}."),
                None => format!("Task {task} placed on {id}."),
            }
        }
        PhaseKind::NotPlaced => format!("Task {task} not placed. {}", trace.failure_words()),
    }
}

/// " Ruled out: i-1 (memory: ...), i-3 (...)." (at most three named).
fn ruled_out(out: &[(&str, String)]) -> String {
    if out.is_empty() {
        return String::new();
    }
    let named: Vec<_> = out
        .iter()
        .take(3)
        .map(|(id, why)| format!("{id} ({why})"))
        .collect();
    let more = if out.len() > 3 {
        format!(" and {} more", out.len() - 3)
    } else {
        String::new()
    };
    format!(" Ruled out: {}{more}.", named.join(", "))
}

/// "i-1, i-2 and 3 more".
pub fn list(ids: &[String]) -> String {
    if ids.is_empty() {
        return "none".into();
    }
    let shown = ids.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 5 {
        format!("{shown} and {} more", ids.len() - 5)
    } else {
        shown
    }
}

fn or_unknown(s: &str) -> &str {
    if s.is_empty() {
        "unknown"
    } else {
        s
    }
}

/// 3961 -> "3,961" (negative numbers keep their sign).
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// An amount with its unit: "512 MiB", "1 GPU", "2,048 CPU units".
pub fn amount(n: i64, unit: &str) -> String {
    let unit = match unit {
        "" => return thousands(n),
        u if n == 1 && u.ends_with('s') => &u[..u.len() - 1],
        u => u,
    };
    format!("{} {unit}", thousands(n))
}

fn count_word(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        thousands(n as i64),
        if n == 1 { one } else { many }
    )
}

fn tasks(n: i64) -> String {
    format!("{} {}", thousands(n), if n == 1 { "task" } else { "tasks" })
}

fn instances(n: i64) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { "instance" } else { "instances" }
    )
}

/// Lenient readers of the trace JSON (see `sim::placement::trace` for the shapes).
mod trace_read {
    use std::collections::BTreeMap;

    use serde_json::Value;

    use super::{amount, list, tasks, thousands, PhaseKind, AZ_ATTRIBUTE};

    pub(super) fn text(v: &Value, key: &str) -> String {
        v.get(key).and_then(Value::as_str).unwrap_or("").to_string()
    }

    fn opt_text(v: &Value, key: &str) -> Option<String> {
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
    pub(super) fn objects<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
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
            if let (true, Some(req), Some(avail)) =
                (self.is_amount(), self.requested, self.available)
            {
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
            let counts = v
                .get("counts")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter_map(|(k, n)| Some((k.clone(), n.as_i64()?)))
                .collect();
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
                _ if !self.message.is_empty() => format!("{}.", self.message),
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
}
