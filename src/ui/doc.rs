//! The playground's document: everything needed to rebuild what the user sees. It is an
//! `ecs-sim` scenario (seed, container instances, requests) plus the editor's text and the
//! Availability Zone columns, so export/import and share links use the CLI's own format.
//! Pure Rust (no yew): tested natively.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::sim::api;
use crate::sim::cluster::{Cluster, InstanceSpec};
use crate::sim::diagnostic::Diagnostic;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Doc {
    pub seed: u64,
    /// The AZ columns, in display order (an AZ may have no instance yet).
    pub availability_zones: Vec<String>,
    /// Instances registered before the first request.
    pub container_instances: Vec<InstanceSpec>,
    /// `[{"RunTask": {...}}, {"RegisterContainerInstance": {...}}, ...]`, in order.
    pub requests: Vec<Value>,
    /// What the task-definition editor holds (registered when the user runs it).
    pub task_definition_text: String,
}

impl Default for Doc {
    fn default() -> Self {
        Doc {
            seed: 1,
            availability_zones: vec!["us-east-1a".into(), "us-east-1b".into(), "us-east-1c".into()],
            container_instances: vec![],
            requests: vec![],
            task_definition_text: String::new(),
        }
    }
}

/// The cluster after replaying a document, and one response per request.
pub struct Replayed {
    pub cluster: Cluster,
    pub responses: Vec<Value>,
}

impl Doc {
    /// Replays every request from the seed. Only the last request is traced (the decision
    /// panel shows it); the others don't need their traces.
    pub fn replay(&self) -> Replayed {
        let mut cluster = Cluster::new(self.seed);
        for spec in &self.container_instances {
            let _ = cluster.register_instance(spec); // a bad spec is refused by the UI before it gets here
        }
        let last = self.requests.len().saturating_sub(1);
        let responses = self
            .requests
            .iter()
            .enumerate()
            .map(|(i, request)| match request.as_object().and_then(|o| o.iter().next()) {
                Some((op, body)) => api::dispatch(&mut cluster, op, body, i == last),
                None => json!({"error": {"code": "InvalidParameterException", "message": "empty request"}}),
            })
            .collect();
        Replayed { cluster, responses }
    }

    /// The scenario file `ecs-sim run` reads (the extra fields are ignored there).
    pub fn to_scenario(&self) -> Value {
        json!({
            "seed": self.seed,
            "availabilityZones": self.availability_zones,
            "containerInstances": self.container_instances,
            "taskDefinitions": [],
            "requests": self.requests,
            "playground": {"taskDefinitionText": self.task_definition_text},
        })
    }

    /// Reads a scenario file (ours or one written by hand for `ecs-sim`). Task definitions
    /// listed in it become RegisterTaskDefinition requests so the replay sees them.
    pub fn from_scenario_text(text: &str) -> Result<Doc, Vec<Diagnostic>> {
        let scenario = crate::sim::scenario::read(text)?;
        let value: Value = serde_json::from_str(text).unwrap_or(Value::Null);
        let mut requests: Vec<Value> = value
            .get("taskDefinitions")
            .and_then(Value::as_array)
            .map(|tds| tds.iter().map(|td| json!({"RegisterTaskDefinition": td})).collect())
            .unwrap_or_default();
        requests.extend(scenario.requests.iter().map(|(op, body)| json!({ op: body })));
        let mut zones: Vec<String> = value
            .get("availabilityZones")
            .and_then(|z| serde_json::from_value(z.clone()).ok())
            .unwrap_or_default();
        for spec in &scenario.instances {
            if !zones.contains(&spec.availability_zone) {
                zones.push(spec.availability_zone.clone());
            }
        }
        if zones.is_empty() {
            zones = Doc::default().availability_zones;
        }
        Ok(Doc {
            seed: scenario.seed,
            availability_zones: zones,
            container_instances: scenario.instances,
            requests,
            task_definition_text: value
                .pointer("/playground/taskDefinitionText")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| value.pointer("/taskDefinitions/0").and_then(|td| serde_json::to_string_pretty(td).ok()))
                .unwrap_or_default(),
        })
    }
}
