//! Turns a RunTask response's decision trace into animation phases, in ECS's order: for each
//! task, the candidates, the resource checks, the constraints, each strategy, the tie-break
//! (only when one was needed), then the outcome. Pure (no yew): the cluster view paints
//! `marks`, the decision panel shows `title` and `narration`.
//!
//! The response is read leniently: the UI must never crash on a response it did not expect
//! (an error, an older trace shape, hand-edited JSON), so a missing or odd field is skipped.

use std::collections::{BTreeMap, BTreeSet};

/// Numbers with separators, as everywhere on the page ("1,536").
pub use crate::ui::components::format::thousands;

use serde_json::Value;

mod read;

pub use read::{
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
    /// At a task's "placed" step: that task's ARN, whose chip flies into the chosen card.
    pub arriving: Option<String>,
    /// Tasks of this response that the story has not placed yet at this step: the cluster
    /// already holds them (it shows the state after the request), drawn as ghosts until then.
    pub pending: BTreeSet<String>,
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

impl PhaseKind {
    /// The task's last phase, which says where it went (or that it went nowhere).
    pub fn is_outcome(self) -> bool {
        matches!(self, PhaseKind::Placed | PhaseKind::NotPlaced)
    }
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

/// A whole RunTask response (or a service request's, with the decisions its scheduler made
/// at once), read once: the panel keeps it (memoised) and asks for views.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Story {
    pub tasks: Vec<TaskTrace>,
    /// `{"error": {code, message}}`: the request was rejected before any placement.
    pub rejected: Option<(String, String)>,
    /// The zone of each task the request started on Fargate, where nothing is chosen.
    pub fargate_zones: Vec<String>,
}

impl Story {
    /// Accepts the RunTask body (`{tasks, failures, trace}`) or the dispatcher's answer
    /// around it (`{"RunTask": {...}}` or `{"error": {...}}`).
    pub fn read(response: &Value) -> Story {
        let body = response.get("RunTask").unwrap_or(response);
        let rejected = body
            .get("error")
            .filter(|e| e.is_object())
            .map(|e| (read::text(e, "code"), read::text(e, "message")));
        let mut tasks: Vec<TaskTrace> = read::objects(body, "trace").map(TaskTrace::read).collect();
        // `tasks` lists the placed tasks in the order of their decisions.
        let mut placed = read::objects(body, "tasks").map(|t| read::opt_text(t, "taskArn"));
        for trace in tasks.iter_mut().filter(|t| t.chosen.is_some()) {
            let next = placed.next().flatten();
            if trace.task_arn.is_none() {
                trace.task_arn = next;
            }
        }
        let fargate_zones = read::objects(body, "tasks")
            .filter(|t| t.get("launchType").and_then(Value::as_str) == Some("FARGATE"))
            .map(|t| read::text(t, "availabilityZone"))
            .collect();
        Story {
            tasks,
            rejected,
            fargate_zones,
        }
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
            arriving: (at.kind == PhaseKind::Placed)
                .then(|| trace.task_arn.clone())
                .flatten(),
            pending: self.tasks[at.task..]
                .iter()
                .enumerate()
                .filter(|(k, _)| *k > 0 || at.kind != PhaseKind::Placed)
                .filter_map(|(_, t)| t.task_arn.clone())
                .collect(),
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
            None if !self.fargate_zones.is_empty() => {
                let mut per_zone: BTreeMap<&str, usize> = BTreeMap::new();
                for z in &self.fargate_zones {
                    *per_zone.entry(z.as_str()).or_default() += 1;
                }
                let counts: Vec<String> = per_zone
                    .iter()
                    .map(|(z, n)| format!("{z}: {}", tasks(*n as i64)))
                    .collect();
                PhaseView {
                    title: "Fargate: no instance to choose".into(),
                    narration: format!(
                        "ECS started {} on Fargate, capacity AWS runs, so there was no instance to filter or rank: placement strategies and constraints don't apply to Fargate. It spread them across the subnets' Availability Zones ({}); each has its own network interface and IP.",
                        tasks(self.fargate_zones.len() as i64),
                        counts.join(", ")
                    ),
                    ..Default::default()
                }
            }
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
    let mut notes = BTreeMap::new();
    for (az, n) in &strategy.counts {
        let mark = if Some(*n) == fewest { " (fewest)" } else { "" };
        notes.insert(
            az.clone(),
            format!("{} of {}{mark}", tasks(*n), trace.group),
        );
    }
    notes
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
