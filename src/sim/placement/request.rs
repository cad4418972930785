//! What one task asks of an instance, and the constraints and strategies it is placed with.

use serde::Serialize;

use crate::sim::cql::Expr;
use crate::sim::taskdef::{NetworkMode, Protocol, TaskDefinition};

/// The resources one task of a task definition needs on an instance.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskNeeds {
    pub cpu: u32,
    pub memory: u32,
    pub gpu: u32,
    /// Host ports that must be free (bridge with a fixed hostPort, or host mode).
    pub static_ports: Vec<(Protocol, u16)>,
    /// One entry per mapping that gets a dynamic host port (bridge, hostPort 0 or omitted).
    pub dynamic_ports: Vec<Protocol>,
    /// One entry per bridge `containerPortRange`: as many contiguous dynamic host ports.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dynamic_ranges: Vec<(Protocol, u16)>,
    /// awsvpc: the task needs an ENI of its own.
    pub eni: bool,
}

impl TaskNeeds {
    pub fn of(td: &TaskDefinition) -> Self {
        let mut static_ports = Vec::new();
        let mut dynamic_ports = Vec::new();
        let mut dynamic_ranges = Vec::new();
        for (_, mapping) in td.port_mappings() {
            match (
                td.network_mode,
                mapping.static_host_port(td.network_mode),
                mapping.range_len(),
            ) {
                (NetworkMode::Bridge, _, Some(len)) => dynamic_ranges.push((mapping.protocol, len)),
                (_, Some(port), _) => static_ports.push((mapping.protocol, port)),
                (NetworkMode::Bridge, None, None) => dynamic_ports.push(mapping.protocol),
                _ => {}
            }
        }
        TaskNeeds {
            cpu: td.cpu_reservation(),
            memory: td.memory_reservation(),
            gpu: td.gpu_reservation(),
            static_ports,
            dynamic_ports,
            dynamic_ranges,
            eni: td.network_mode == NetworkMode::Awsvpc,
        }
    }
}

/// Where a constraint came from: ECS counts both toward the limit of 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ConstraintSource {
    TaskDefinition,
    Request,
}

#[derive(Debug, Clone)]
pub enum Constraint {
    DistinctInstance,
    MemberOf {
        expression: String,
        expr: Expr,
        source: ConstraintSource,
    },
}

impl Constraint {
    pub fn type_name(&self) -> &'static str {
        match self {
            Constraint::DistinctInstance => "distinctInstance",
            Constraint::MemberOf { .. } => "memberOf",
        }
    }

    /// ECS's failure reason when no instance satisfies this constraint.
    pub fn failure_reason(&self) -> &'static str {
        match self {
            Constraint::DistinctInstance => "DistinctInstance placement constraint unsatisfied.",
            Constraint::MemberOf { .. } => "MemberOf placement constraint unsatisfied.",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BinpackField {
    Cpu,
    Memory,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "name")]
pub enum SpreadField {
    /// `instanceId` or `host`: one value per instance.
    InstanceId,
    /// `attribute:NAME`.
    Attribute(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Strategy {
    Binpack(BinpackField),
    Spread(SpreadField),
    Random,
}

impl Strategy {
    pub fn type_name(&self) -> &'static str {
        match self {
            Strategy::Binpack(_) => "binpack",
            Strategy::Spread(_) => "spread",
            Strategy::Random => "random",
        }
    }

    /// The `field` as ECS writes it.
    pub fn field(&self) -> Option<String> {
        match self {
            Strategy::Binpack(BinpackField::Cpu) => Some("cpu".into()),
            Strategy::Binpack(BinpackField::Memory) => Some("memory".into()),
            Strategy::Spread(SpreadField::InstanceId) => Some("instanceId".into()),
            Strategy::Spread(SpreadField::Attribute(a)) => Some(format!("attribute:{a}")),
            Strategy::Random => None,
        }
    }

    /// The ECS JSON shape, `{"type": ..., "field": ...}`.
    pub fn to_json(&self) -> serde_json::Value {
        match self.field() {
            Some(field) => serde_json::json!({"type": self.type_name(), "field": field}),
            None => serde_json::json!({"type": self.type_name()}),
        }
    }
}

/// Everything one placement decision needs besides the cluster.
#[derive(Debug, Clone)]
pub struct PlacementRequest {
    pub needs: TaskNeeds,
    pub group: String,
    pub constraints: Vec<Constraint>,
    pub strategies: Vec<Strategy>,
}
