//! A scenario file: a seed, container instances, task definitions, and a list of API
//! requests carried out in order. Reading it is strict and positioned (a malformed file is
//! the user's to fix); carrying it out never fails (failed requests are data).

use serde_json::{json, Value};

use super::api;
use super::cluster::{Cluster, InstanceSpec};
use super::diagnostic::Diagnostic;
use super::json::{self, Json, LineIndex};
use super::taskdef::{read_task_definition_json, TaskDefinition};
use super::time::clock::DEFAULT_START_EPOCH;
use super::time::Simulation;

#[derive(Debug, Clone)]
pub struct Scenario {
    pub seed: u64,
    pub instances: Vec<InstanceSpec>,
    pub task_definitions: Vec<TaskDefinition>,
    pub requests: Vec<(String, Value)>,
    /// `startTime`: the date second 0 of the simulation stands for (epoch seconds); `None`
    /// means 2024-01-01T00:00:00Z.
    pub start_time: Option<i64>,
    /// Things worth saying that don't stop the run (unknown top-level fields, read-only
    /// task-definition fields).
    pub warnings: Vec<Diagnostic>,
}

const TOP_LEVEL: &[&str] = &[
    "seed",
    "containerInstances",
    "taskDefinitions",
    "requests",
    "availabilityZones",
    "playground",
    "description",
    "startTime",
];

/// Reads a scenario; every problem is reported with its JSON path, line and column.
pub fn read(text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let doc = json::parse(text).map_err(|e| {
        vec![Diagnostic {
            path: String::new(),
            message: e.message,
            line: e.line,
            column: e.column,
        }]
    })?;
    let index = LineIndex::new(text);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut err = |node: &Json, path: &str, message: String| {
        errors.push(Diagnostic::at(&index, node.span, path, message))
    };

    if !doc.is_object() {
        err(
            &doc,
            "",
            format!(
                "a scenario is a JSON object with {}; found {}",
                TOP_LEVEL.join(", "),
                doc.type_name()
            ),
        );
        return Err(errors);
    }
    for m in doc.members() {
        if !TOP_LEVEL.contains(&m.key.as_str()) {
            warnings.push(Diagnostic::at(
                &index,
                m.key_span,
                m.key.clone(),
                format!(
                    "unknown scenario field, ignored; known fields: {}",
                    TOP_LEVEL.join(", ")
                ),
            ));
        }
    }

    let seed = match doc.get("seed") {
        None => 0,
        Some(s) => match s.as_i64() {
            Some(n) if n >= 0 => n as u64,
            _ => {
                err(s, "seed", "seed must be a non-negative whole number".into());
                0
            }
        },
    };

    let start_time = match doc.get("startTime") {
        None => None,
        Some(node) => match node.to_value() {
            Value::String(text) => match crate::sim::autoscaling::calendar::parse_iso8601(&text) {
                Ok(t) => Some(t),
                Err(e) => {
                    err(node, "startTime", format!("startTime must be an ISO 8601 UTC time such as 2024-01-01T00:00:00Z: {e}"));
                    None
                }
            },
            _ => {
                err(
                    node,
                    "startTime",
                    "startTime must be a string such as \"2024-01-01T00:00:00Z\"".into(),
                );
                None
            }
        },
    };

    let mut instances = Vec::new();
    for (i, node) in array(&doc, "containerInstances", &mut err)
        .iter()
        .enumerate()
    {
        let path = format!("containerInstances[{i}]");
        if !node.is_object() {
            err(
                node,
                &path,
                format!(
                    "a container instance is an object; found {}",
                    node.type_name()
                ),
            );
            continue;
        }
        match serde_json::from_value::<InstanceSpec>(node.to_value()) {
            Ok(spec) => instances.push((spec, node)),
            Err(e) => err(node, &path, serde_message(&e.to_string())),
        }
    }

    let mut task_definitions = Vec::new();
    for (i, node) in array(&doc, "taskDefinitions", &mut err).iter().enumerate() {
        let report = read_task_definition_json(node, &index, &format!("taskDefinitions[{i}]"));
        errors.extend(report.errors);
        warnings.extend(report.warnings);
        task_definitions.extend(report.task_definition);
    }

    let mut requests = Vec::new();
    let operations = api::all_operations();
    for (i, node) in doc
        .get("requests")
        .map(Json::elements)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let path = format!("requests[{i}]");
        match node.members() {
            [m] if operations.contains(&m.key.as_str()) => requests.push((m.key.clone(), m.value.to_value())),
            [m] => errors.push(Diagnostic::at(
                &index,
                m.key_span,
                format!("{path}.{}", m.key),
                format!("unknown request '{}'; expected one of {}", m.key, operations.join(", ")),
            )),
            _ => errors.push(Diagnostic::at(
                &index,
                node.span,
                path,
                "each request is an object with exactly one key, the operation, e.g. {\"RunTask\": {...}}",
            )),
        }
    }
    if let Some(r) = doc.get("requests").filter(|r| !r.is_array()) {
        errors.push(Diagnostic::at(
            &index,
            r.span,
            "requests",
            format!("requests must be an array; found {}", r.type_name()),
        ));
    }

    // Registering checks what serde cannot: known instance types, duplicate ids.
    let mut probe = Cluster::new(seed);
    let mut specs = Vec::new();
    for (i, (spec, node)) in instances.into_iter().enumerate() {
        if let Err(e) = probe.register_instance(&spec) {
            errors.push(Diagnostic::at(
                &index,
                node.span,
                format!("containerInstances[{i}]"),
                e.message,
            ));
        }
        specs.push(spec);
    }

    if errors.is_empty() {
        Ok(Scenario {
            seed,
            instances: specs,
            task_definitions,
            requests,
            start_time,
            warnings,
        })
    } else {
        Err(errors)
    }
}

fn array<'a>(doc: &'a Json, key: &str, err: &mut impl FnMut(&Json, &str, String)) -> &'a [Json] {
    match doc.get(key) {
        None => &[],
        Some(node) if node.is_array() => node.elements(),
        Some(node) => {
            err(
                node,
                key,
                format!("{key} must be an array; found {}", node.type_name()),
            );
            &[]
        }
    }
}

/// serde says "unknown field `x`, expected one of ..." at line 1 column N of a re-serialised
/// value; keep the words, drop its meaningless position.
fn serde_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Carries out the scenario: `{"responses": [...], "state": {...}, "timeline": [...]}`, plus
/// `cost` once simulated time was used. Without time requests and services the responses and
/// state are what the cluster alone gives (with `state.services` and `timeline` empty).
pub fn run(scenario: &Scenario, trace: bool) -> Value {
    let mut sim = Simulation::starting_at(
        scenario.seed,
        scenario.start_time.unwrap_or(DEFAULT_START_EPOCH),
    );
    for spec in &scenario.instances {
        // Already checked by `read`; a failure here would be a bug, reported as data.
        if let Err(e) = sim.cluster.register_instance(spec) {
            return json!({"error": {"code": e.code, "message": e.message}});
        }
    }
    for td in &scenario.task_definitions {
        sim.cluster.register_task_definition(td.clone());
    }
    let responses: Vec<Value> = scenario
        .requests
        .iter()
        .map(|(op, body)| sim.dispatch(op, body, trace))
        .collect();
    sim.output(responses)
}
