//! The playground's document: everything needed to rebuild what the user sees. It is an
//! `ecs-sim` scenario (seed, container instances, requests) plus the editor's text and the
//! Availability Zone columns, so export/import and share links use the CLI's own format.
//! Pure Rust (no yew): tested natively.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

use crate::sim::cluster::{Cluster, InstanceSpec};
use crate::sim::diagnostic::Diagnostic;
use crate::sim::time::Simulation;
use crate::ui::time_run::{self, Observed};

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
            availability_zones: vec![
                "us-east-1a".into(),
                "us-east-1b".into(),
                "us-east-1c".into(),
            ],
            container_instances: vec![],
            requests: vec![],
            task_definition_text: String::new(),
        }
    }
}

/// The simulation after replaying a document, and one response per request.
pub struct Replayed {
    /// The live simulation: the page plays it forward in place (time, new requests) rather
    /// than replaying the whole document again, so it is shared, not copied.
    pub sim: Rc<RefCell<Simulation>>,
    pub responses: Vec<Value>,
    /// Alarm and capacity changes seen while time moved (the engine keeps only the latest).
    pub observed: Vec<Observed>,
    /// How many times the shared simulation was moved on since the replay...
    pub stamp: Rc<Cell<u64>>,
    /// ...when it was in the state these responses describe. A state whose simulation was
    /// moved on by a newer state (`stamp != version`) must replay instead.
    pub version: u64,
}

impl Replayed {
    /// The simulation still is in the state this describes.
    pub fn is_live(&self) -> bool {
        self.stamp.get() == self.version
    }

    /// Moves the shared simulation on: `change` runs on it, and the returned responses and
    /// observations describe the new state. `None` when this is not the live state.
    pub fn moved(
        &self,
        change: impl FnOnce(&mut Simulation, &mut Vec<Value>, &mut Vec<Observed>),
    ) -> Option<Replayed> {
        if !self.is_live() {
            return None;
        }
        let mut responses = self.responses.clone();
        let mut observed = self.observed.clone();
        change(&mut self.sim.borrow_mut(), &mut responses, &mut observed);
        let version = self.version + 1;
        self.stamp.set(version);
        Some(Replayed {
            sim: self.sim.clone(),
            responses,
            observed,
            stamp: self.stamp.clone(),
            version,
        })
    }

    /// The cluster, for the cards.
    pub fn cluster(&self) -> Ref<'_, Cluster> {
        Ref::map(self.sim.borrow(), |s| &s.cluster)
    }
}

impl Doc {
    /// Replays every request from the seed through the simulation, so every request kind
    /// works (placement, services, scaling, capacity providers, time). Only the last request
    /// that is not an AdvanceTime is traced (the decision panel shows it); the others don't
    /// need their traces.
    pub fn replay(&self) -> Replayed {
        let mut sim = Simulation::new(self.seed);
        for spec in &self.container_instances {
            let _ = sim.cluster.register_instance(spec); // a bad spec is refused by the UI before it gets here
        }
        let traced = time_run::traced_index(&self.requests);
        let mut observed = Vec::new();
        let responses = self
            .requests
            .iter()
            .enumerate()
            .map(|(i, request)| {
                time_run::dispatch(&mut sim, request, Some(i) == traced, &mut observed)
            })
            .collect();
        Replayed {
            sim: Rc::new(RefCell::new(sim)),
            responses,
            observed,
            stamp: Rc::new(Cell::new(0)),
            version: 0,
        }
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
            .map(|tds| {
                tds.iter()
                    .map(|td| json!({"RegisterTaskDefinition": td}))
                    .collect()
            })
            .unwrap_or_default();
        requests.extend(
            scenario
                .requests
                .iter()
                .map(|(op, body)| json!({ op: body })),
        );
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
                .or_else(|| {
                    value
                        .pointer("/taskDefinitions/0")
                        .and_then(|td| serde_json::to_string_pretty(td).ok())
                })
                .unwrap_or_default(),
        })
    }
}
