//! The event log: one entry per request the document made, in plain words, newest first.
//! Failures keep ECS's own service-event voice (the response's `detail`) and reason code.
//! `entries` is pure (tested natively); `EventLog` draws them.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use super::cluster_model::family_of;
use super::format::{plural, sentence, thousands};
use crate::sim::cluster::InstanceSpec;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    /// Partly done (some tasks not placed).
    Warning,
    Error,
}

impl Level {
    fn class(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Success => "success",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// Written next to the icon so colour is not the only signal.
    fn label(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Success => "ok",
            Level::Warning => "partly",
            Level::Error => "failed",
        }
    }
}

/// A task ECS could not place, as the response reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct LogFailure {
    pub detail: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// 1-based request number; 0 for the cluster's starting instances.
    pub number: usize,
    pub operation: String,
    pub level: Level,
    pub summary: String,
    pub failures: Vec<LogFailure>,
    /// What a screen reader hears when this is the newest entry.
    pub narration: String,
}

/// The entries for a document's requests and their responses, oldest first (the view
/// reverses them).
pub fn entries(
    starting_instances: &[InstanceSpec],
    requests: &[Value],
    responses: &[Value],
) -> Vec<LogEntry> {
    let mut out = Vec::new();
    if !starting_instances.is_empty() {
        let list: Vec<String> = starting_instances
            .iter()
            .map(|s| {
                format!(
                    "{} ({}, {})",
                    s.ec2_instance_id,
                    s.instance_type.as_deref().unwrap_or("custom"),
                    s.availability_zone
                )
            })
            .collect();
        let summary = format!(
            "The cluster starts with {}: {}.",
            plural(
                starting_instances.len(),
                "container instance",
                "container instances"
            ),
            list.join(", ")
        );
        out.push(LogEntry {
            number: 0,
            operation: "Start".into(),
            level: Level::Info,
            narration: summary.clone(),
            summary,
            failures: vec![],
        });
    }
    for (i, request) in requests.iter().enumerate() {
        let (operation, body) = match request.as_object().and_then(|o| o.iter().next()) {
            Some((op, body)) => (op.as_str(), body),
            None => ("?", &Value::Null),
        };
        let response = responses.get(i).unwrap_or(&Value::Null);
        out.push(entry(i + 1, operation, body, response));
    }
    out
}

fn entry(number: usize, operation: &str, body: &Value, response: &Value) -> LogEntry {
    let mut e = LogEntry {
        number,
        operation: operation.to_string(),
        level: Level::Info,
        summary: String::new(),
        failures: vec![],
        narration: String::new(),
    };
    if let Some(error) = response.get("error") {
        e.level = Level::Error;
        e.summary = format!(
            "{operation} was refused: {} ({})",
            error
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("no message"),
            error.get("code").and_then(Value::as_str).unwrap_or("error")
        );
        e.narration = e.summary.clone();
        return e;
    }
    let r = response.get(operation).unwrap_or(&Value::Null);
    match operation {
        "RunTask" => run_task(&mut e, body, r),
        "RegisterTaskDefinition" => {
            let td = r.get("taskDefinition").unwrap_or(&Value::Null);
            e.summary = format!(
                "Registered task definition {}:{} ({} network mode; each task reserves {} CPU units and {} MiB).",
                s(td, "/family"),
                td.get("revision").and_then(Value::as_u64).unwrap_or(0),
                s(td, "/networkMode"),
                thousands(n(td, "/reserves/cpu")),
                thousands(n(td, "/reserves/memory")),
            );
        }
        "RegisterContainerInstance" => {
            let ci = r.get("containerInstance").unwrap_or(&Value::Null);
            e.summary = format!(
                "Registered {}, {} in {}: {} CPU units and {} MiB to offer.",
                s(ci, "/ec2InstanceId"),
                ci.get("instanceType")
                    .and_then(Value::as_str)
                    .map(|t| format!("a {t}"))
                    .unwrap_or_else(|| "a custom instance".into()),
                s(ci, "/availabilityZone"),
                thousands(n(ci, "/registeredResources/cpu")),
                thousands(n(ci, "/registeredResources/memory")),
            );
        }
        "DeregisterContainerInstance" => {
            let ci = r.get("containerInstance").unwrap_or(&Value::Null);
            let tasks = n(ci, "/runningTasksCount");
            e.summary = if tasks > 0 {
                format!(
                    "Deregistered {} from the cluster; its {} stopped.",
                    s(ci, "/ec2InstanceId"),
                    plural(tasks as usize, "running task was", "running tasks were")
                )
            } else {
                format!("Deregistered {} from the cluster.", s(ci, "/ec2InstanceId"))
            };
        }
        "UpdateContainerInstancesState" => {
            let status = body.get("status").and_then(Value::as_str).unwrap_or("");
            let ids: Vec<String> = r
                .get("containerInstances")
                .and_then(Value::as_array)
                .map(|l| l.iter().map(|ci| s(ci, "/ec2InstanceId")).collect())
                .unwrap_or_default();
            e.summary = if status == "DRAINING" {
                format!(
                    "{} DRAINING: ECS places no new tasks there; standalone tasks already running keep running.",
                    with_verb(&ids)
                )
            } else {
                format!(
                    "{} ACTIVE again: new tasks can be placed there.",
                    with_verb(&ids)
                )
            };
        }
        "PutAttributes" => {
            let parts: Vec<String> = body
                .get("attributes")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .map(|a| match a.get("value").and_then(Value::as_str) {
                            Some(v) => format!(
                                "Set attribute {}={} on {}.",
                                s(a, "/name"),
                                v,
                                s(a, "/targetId")
                            ),
                            None => format!(
                                "Removed attribute {} from {}.",
                                s(a, "/name"),
                                s(a, "/targetId")
                            ),
                        })
                        .collect()
                })
                .unwrap_or_default();
            e.summary = parts.join(" ");
        }
        "StopTask" => {
            let task = r.get("task").unwrap_or(&Value::Null);
            let (family, revision) = family_of(&s(task, "/taskDefinitionArn"));
            let id = s(task, "/taskArn")
                .rsplit('/')
                .next()
                .unwrap_or("")
                .chars()
                .take(8)
                .collect::<String>();
            e.summary = format!(
                "Stopped task {id} ({family}:{revision}) on {}: {}.",
                s(task, "/ec2InstanceId"),
                task.get("stoppedReason")
                    .and_then(Value::as_str)
                    .unwrap_or("stopped")
            );
        }
        other => {
            e.summary = crate::ui::time_view::request_summary(other, body, r)
                .unwrap_or_else(|| format!("{other} done."))
        }
    }
    if e.narration.is_empty() {
        e.narration = e.summary.clone();
    }
    e
}

fn run_task(e: &mut LogEntry, body: &Value, r: &Value) {
    let tasks = r
        .get("tasks")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let failures = r
        .get("failures")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let family = tasks
        .first()
        .map(|t| family_of(&s(t, "/taskDefinitionArn")).0)
        .unwrap_or_else(|| {
            body.get("taskDefinition")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string()
        });
    let asked = tasks.len() + failures.len();
    let placed: Vec<String> = tasks
        .iter()
        .map(|t| format!("{} ({})", host(t), s(t, "/availabilityZone")))
        .collect();
    e.failures = failures
        .iter()
        .map(|f| LogFailure {
            detail: s(f, "/detail"),
            reason: s(f, "/reason"),
        })
        .collect();
    e.summary = match (tasks.len(), failures.len()) {
        (0, _) => format!(
            "Could not place any of the {} of {family}.",
            plural(asked, "task", "tasks")
        ),
        (n, 0) => format!(
            "Placed {} of {family}: {}.",
            plural(n, "task", "tasks"),
            placed.join(", ")
        ),
        (n, _) => format!(
            "Placed {n} of {asked} tasks of {family}: {}.",
            placed.join(", ")
        ),
    };
    e.level = match (tasks.len(), failures.len()) {
        (_, 0) => Level::Success,
        (0, _) => Level::Error,
        _ => Level::Warning,
    };
    // "Task 2 placed on i-1 in us-east-1a": what a screen reader user needs to follow along.
    let mut said: Vec<String> = tasks
        .iter()
        .enumerate()
        .map(|(k, t)| {
            format!(
                "Task {} placed on {} in {}.",
                k + 1,
                host(t),
                s(t, "/availabilityZone")
            )
        })
        .collect();
    for f in &e.failures {
        said.push(format!(
            "A task could not be placed: {}",
            sentence(&f.reason)
        ));
    }
    e.narration = said.join(" ");
}

/// Where a task runs: its instance, or Fargate (which has none).
fn host(task: &Value) -> String {
    match task.get("ec2InstanceId").and_then(Value::as_str) {
        Some(id) => id.to_string(),
        None if task.get("launchType").and_then(Value::as_str) == Some("FARGATE") => {
            "Fargate".into()
        }
        None => "?".into(),
    }
}

fn with_verb(ids: &[String]) -> String {
    match ids {
        [] => "No instance is".into(),
        [one] => format!("{one} is"),
        many => format!("{} are", many.join(", ")),
    }
}

fn s(v: &Value, pointer: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_string()
}

fn n(v: &Value, pointer: &str) -> i64 {
    v.pointer(pointer).and_then(Value::as_i64).unwrap_or(0)
}

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub entries: Rc<Vec<LogEntry>>,
}

#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    html! {
        <section class="panel event-log" aria-labelledby="event-log-title">
            <h2 id="event-log-title">{ "Event log" }<span class="hint">{ " newest first" }</span></h2>
            if props.entries.is_empty() {
                <p class="empty">{ "Nothing has happened yet. Add instances and press Run task." }</p>
            } else {
                <ol class="log" reversed=true>
                    { for props.entries.iter().rev().map(view_entry) }
                </ol>
            }
        </section>
    }
}

fn view_entry(e: &LogEntry) -> Html {
    let icon = match e.level {
        Level::Info => "•",
        Level::Success => "✓",
        Level::Warning => "!",
        Level::Error => "✕",
    };
    html! {
        <li class={classes!("log-entry", e.level.class())} key={e.number}>
            <span class="log-icon" aria-hidden="true">{ icon }</span>
            <div class="log-body">
                <div class="log-head">
                    <span class="log-op">{ if e.number == 0 { "Start".to_string() } else { format!("#{} {}", e.number, e.operation) } }</span>
                    <span class="visually-hidden">{ format!(" ({})", e.level.label()) }</span>
                </div>
                <p class="log-summary">{ &e.summary }</p>
                { for e.failures.iter().map(|f| html! {
                    <p class="log-failure">
                        <code class="reason">{ &f.reason }</code>
                        { " " }{ &f.detail }
                    </p>
                }) }
            </div>
        </li>
    }
}
