//! The Run panel's settings and the request they make: standalone tasks (RunTask) or a
//! service (CreateService, then UpdateService), with the strategy chain and the constraints;
//! Fargate-only task definitions run on FARGATE without placement rules. Pure Rust.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::sim::taskdef::{read_task_definition, NetworkMode};
use crate::ui::components::format::plural;
use crate::ui::time_view::TimeView;

/// RunTask's own limit ("up to 10 tasks for each call").
pub const MAX_COUNT: u32 = 10;
/// The Run panel's largest desired count for a service (a playground cluster, not a fleet).
pub const MAX_DESIRED: u32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StrategyKind {
    Binpack,
    Spread,
    Random,
}

/// One rule of the placementStrategy chain; `field` is ECS's own (`memory`,
/// `attribute:ecs.availability-zone`, ...), empty for random.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyRule {
    #[serde(rename = "type")]
    pub kind: StrategyKind,
    #[serde(default)]
    pub field: String,
}

impl StrategyRule {
    pub fn binpack(field: &str) -> Self {
        StrategyRule {
            kind: StrategyKind::Binpack,
            field: field.into(),
        }
    }
    pub fn spread(field: &str) -> Self {
        StrategyRule {
            kind: StrategyKind::Spread,
            field: field.into(),
        }
    }
    pub fn random() -> Self {
        StrategyRule {
            kind: StrategyKind::Random,
            field: String::new(),
        }
    }

    /// The field a newly chosen type starts with.
    pub fn of_kind(kind: StrategyKind) -> Self {
        match kind {
            StrategyKind::Binpack => Self::binpack("memory"),
            StrategyKind::Spread => Self::spread("attribute:ecs.availability-zone"),
            StrategyKind::Random => Self::random(),
        }
    }

    /// As RunTask takes it.
    pub fn to_json(&self) -> Value {
        match self.kind {
            StrategyKind::Random => json!({"type": "random"}),
            StrategyKind::Binpack => json!({"type": "binpack", "field": self.field}),
            StrategyKind::Spread => json!({"type": "spread", "field": self.field}),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum ConstraintRule {
    DistinctInstance,
    MemberOf { expression: String },
}

impl ConstraintRule {
    pub fn to_json(&self) -> Value {
        match self {
            ConstraintRule::DistinctInstance => json!({"type": "distinctInstance"}),
            ConstraintRule::MemberOf { expression } => {
                json!({"type": "memberOf", "expression": expression})
            }
        }
    }
}

/// The Run panel's settings (kept with the document in saves and share links).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RunForm {
    pub count: u32,
    /// Empty: ECS's default group, `family:<family>`.
    pub group: String,
    pub strategies: Vec<StrategyRule>,
    pub constraints: Vec<ConstraintRule>,
    /// Run as a service (CreateService, then UpdateService once it exists) instead of
    /// standalone tasks: the same strategies and constraints, `desired` tasks kept running.
    pub as_service: bool,
    /// Empty: the task definition's family.
    pub service_name: String,
    pub desired: u32,
}

impl Default for RunForm {
    fn default() -> Self {
        RunForm {
            count: 3,
            group: String::new(),
            strategies: vec![
                StrategyRule::spread("attribute:ecs.availability-zone"),
                StrategyRule::binpack("memory"),
            ],
            constraints: vec![],
            as_service: false,
            service_name: String::new(),
            desired: 3,
        }
    }
}

/// What the Run button sends for a service: whether it exists, and on which family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceCall {
    Create,
    /// UpdateService; `new_task_definition`: the editor registered a new revision (or another
    /// family), which the update rolls out; `new_constraints`: the form's constraints differ
    /// from the service's (sending them starts a new deployment, so only then).
    Update {
        new_task_definition: bool,
        new_constraints: bool,
    },
}

impl RunForm {
    /// The service's name: the form's, or the family's when left empty.
    pub fn service_name_for(&self, family: &str) -> String {
        match self.service_name.trim() {
            "" => family.to_string(),
            name => name.to_string(),
        }
    }

    /// The request the Run button sends for `target`: `{"RunTask": ...}`, or with `service`
    /// the service call.
    pub fn call(
        &self,
        target: &RunTarget,
        zones: &[String],
        service: Option<ServiceCall>,
    ) -> Value {
        match service {
            Some(call) => self.service_request(target, zones, call),
            None => json!({"RunTask": self.request(target, zones)}),
        }
    }

    /// `{"CreateService": ...}` or `{"UpdateService": ...}` with the form's strategies and
    /// constraints (an update sends constraints only when they changed). On Fargate there
    /// is no instance to choose: the launch type is FARGATE and the placement rules stay out.
    fn service_request(&self, target: &RunTarget, zones: &[String], call: ServiceCall) -> Value {
        let family = target.family.as_str();
        let name = self.service_name_for(family);
        let (strategies, constraints) = self.placement(target);
        let desired = self.desired.min(MAX_DESIRED);
        let network = target.awsvpc.then(|| crate::ui::time_forms::subnets(zones));
        match call {
            ServiceCall::Update {
                new_task_definition,
                new_constraints,
            } => {
                let mut body = json!({
                    "cluster": crate::ui::time_forms::CLUSTER,
                    "service": name,
                    "desiredCount": desired,
                });
                if !target.fargate {
                    body["placementStrategy"] = Value::Array(strategies);
                }
                if new_constraints && !target.fargate {
                    body["placementConstraints"] = Value::Array(constraints);
                }
                if new_task_definition {
                    body["taskDefinition"] = json!(family);
                }
                if let Some(n) = network {
                    body["networkConfiguration"] = n;
                }
                json!({ "UpdateService": body })
            }
            ServiceCall::Create => {
                let mut body = json!({
                    "cluster": crate::ui::time_forms::CLUSTER,
                    "serviceName": name,
                    "taskDefinition": family,
                    "desiredCount": desired,
                    "launchType": target.launch_type(),
                });
                if !strategies.is_empty() {
                    body["placementStrategy"] = Value::Array(strategies);
                }
                if !constraints.is_empty() {
                    body["placementConstraints"] = Value::Array(constraints);
                }
                if let Some(n) = network {
                    body["networkConfiguration"] = n;
                }
                json!({ "CreateService": body })
            }
        }
    }

    /// The form's strategies and constraints as JSON; none on Fargate ("task placement
    /// strategies and constraints aren't supported" there).
    fn placement(&self, target: &RunTarget) -> (Vec<Value>, Vec<Value>) {
        if target.fargate {
            return (Vec::new(), Vec::new());
        }
        (
            self.strategies.iter().map(StrategyRule::to_json).collect(),
            self.constraints
                .iter()
                .map(ConstraintRule::to_json)
                .collect(),
        )
    }

    /// The RunTask request body. awsvpc tasks get a subnet in every AZ column (the engine
    /// names an AZ's subnet `subnet-<az>`).
    fn request(&self, target: &RunTarget, zones: &[String]) -> Value {
        let mut body =
            json!({"taskDefinition": target.family, "count": self.count.clamp(1, MAX_COUNT)});
        if target.fargate {
            body["launchType"] = json!("FARGATE");
        }
        if !self.group.trim().is_empty() {
            body["group"] = json!(self.group.trim());
        }
        let (strategies, constraints) = self.placement(target);
        if !strategies.is_empty() {
            body["placementStrategy"] = Value::Array(strategies);
        }
        if !constraints.is_empty() {
            body["placementConstraints"] = Value::Array(constraints);
        }
        if target.awsvpc {
            body["networkConfiguration"] = crate::ui::time_forms::subnets(zones);
        }
        body
    }
}

/// What the Run button runs: the editor's task definition, as far as the request cares.
#[derive(Debug, Clone, PartialEq)]
pub struct RunTarget {
    pub family: String,
    pub awsvpc: bool,
    /// It can run only on Fargate (requiresCompatibilities without EC2): RunTask and
    /// CreateService use launchType FARGATE, which has no instance to choose.
    pub fargate: bool,
}

impl RunTarget {
    pub fn of(td: &crate::sim::taskdef::TaskDefinition) -> RunTarget {
        let compat = &td.requires_compatibilities;
        RunTarget {
            family: td.family.clone(),
            awsvpc: td.network_mode == NetworkMode::Awsvpc,
            fargate: compat.iter().any(|c| c == "FARGATE") && !compat.iter().any(|c| c == "EC2"),
        }
    }

    fn launch_type(&self) -> &'static str {
        if self.fargate {
            "FARGATE"
        } else {
            "EC2"
        }
    }
}

/// A service the Run panel can update: its name, family and placement constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveService {
    pub name: String,
    pub family: String,
    pub constraints: Vec<Value>,
}

/// The ACTIVE services.
pub fn active_services(time: &TimeView) -> Vec<ActiveService> {
    time.services
        .iter()
        .filter(|s| s.status == "ACTIVE")
        .map(|s| ActiveService {
            name: s.name.clone(),
            family: s.family.clone(),
            constraints: s.placement_constraints.clone(),
        })
        .collect()
}

/// In service mode: create the service, or update it when it is already there.
/// `registered`: the editor's task definition was just registered as a new revision.
pub(crate) fn service_call(
    run: &RunForm,
    family: &str,
    registered: bool,
    active: &[ActiveService],
) -> Option<ServiceCall> {
    if !run.as_service {
        return None;
    }
    let name = run.service_name_for(family);
    let constraints: Vec<Value> = run
        .constraints
        .iter()
        .map(ConstraintRule::to_json)
        .collect();
    Some(match active.iter().find(|s| s.name == name) {
        Some(current) => ServiceCall::Update {
            new_task_definition: registered || current.family != family,
            new_constraints: current.constraints != constraints,
        },
        None => ServiceCall::Create,
    })
}

/// The request the Run button sends for the editor's text, the run settings, the AZ columns
/// and the services there are: `{"RunTask": ...}`, `{"CreateService": ...}` or
/// `{"UpdateService": ...}`; or why there is none (the task definition's first error, from
/// the engine's reader). A new revision's registration, sent first, is not part of it.
pub fn run_request_for(
    text: &str,
    run: &RunForm,
    zones: &[String],
    active: &[ActiveService],
) -> Result<Value, String> {
    let report = read_task_definition(text);
    match (report.task_definition, report.errors.first()) {
        (Some(td), None) => Ok(run.call(
            &RunTarget::of(&td),
            zones,
            service_call(run, &td.family, false, active),
        )),
        (_, Some(e)) => Err(format!(
            "line {}, column {}: {}",
            e.line, e.column, e.message
        )),
        (None, None) => Err("the task definition is empty".into()),
    }
}

/// The Run button's words for the request it sends.
pub fn run_button_label(operation: &str) -> &'static str {
    match operation {
        "CreateService" => "Create service",
        "UpdateService" => "Update service",
        _ => "Run task",
    }
}

/// One line that says what a request from `run_request_for` will run, read from the
/// request itself: "3 tasks · spread(attribute:ecs.availability-zone) then binpack(memory)",
/// "6 desired · distinctInstance", "1 task on FARGATE".
pub fn request_outline(request: &Value) -> String {
    let Some(body) = request.as_object().and_then(|o| o.values().next()) else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(n) = body.get("count").and_then(Value::as_u64) {
        parts.push(plural(n as usize, "task", "tasks"));
    } else if let Some(n) = body.get("desiredCount").and_then(Value::as_u64) {
        parts.push(format!("{n} desired"));
    }
    // EC2 is what the page is about; only another launch type is worth a word.
    if let Some(launch) = body
        .get("launchType")
        .and_then(Value::as_str)
        .filter(|l| *l != "EC2")
    {
        if let Some(first) = parts.first_mut() {
            first.push_str(&format!(" on {launch}"));
        }
    }
    let rules = |key: &str| -> Vec<String> {
        body.get(key)
            .and_then(Value::as_array)
            .map(|rules| {
                rules
                    .iter()
                    .map(|r| {
                        let kind = r.get("type").and_then(Value::as_str).unwrap_or("?");
                        match r
                            .get("field")
                            .or_else(|| r.get("expression"))
                            .and_then(Value::as_str)
                        {
                            Some(arg) => format!("{kind}({arg})"),
                            None => kind.to_string(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let strategies = rules("placementStrategy");
    if !strategies.is_empty() {
        parts.push(strategies.join(" then "));
    }
    let constraints = rules("placementConstraints");
    if !constraints.is_empty() {
        parts.push(constraints.join(" and "));
    }
    parts.join(" · ")
}
