//! RunTask on the EC2 launch type: validate like ECS, then place `count` tasks one after the
//! other (each sees the ones before it), returning `tasks`, `failures` and the decision trace.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::sim::cluster::{ApiError, Cluster};
use crate::sim::placement::{self, PlacementRequest, PlacementTrace, Strategy, TaskNeeds};
use crate::sim::task::Task;
use crate::sim::taskdef::NetworkMode;

use super::params;
use super::placement_params::{parse_constraints, parse_strategies};

pub const KNOWN: &[&str] = &[
    "capacityProviderStrategy",
    "cluster",
    "count",
    "enableECSManagedTags",
    "enableExecuteCommand",
    "group",
    "launchType",
    "networkConfiguration",
    "overrides",
    "placementConstraints",
    "placementStrategy",
    "platformVersion",
    "propagateTags",
    "referenceId",
    "startedBy",
    "tags",
    "taskDefinition",
    "clientToken",
    "volumeConfigurations",
];

/// One task that could not be placed, as ECS reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub arn: String,
    pub reason: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct RunTaskResponse {
    pub tasks: Vec<Task>,
    pub failures: Vec<Failure>,
    /// One decision per task asked for (left out with --no-trace).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<Vec<PlacementTrace>>,
}

/// The documented default for standalone tasks: "distribute tasks randomly".
pub fn default_strategies() -> Vec<Strategy> {
    vec![Strategy::Random]
}

/// RunTask's `taskDefinition`: a family, family:revision or ARN of a registered one.
pub fn task_definition_index(cluster: &Cluster, p: &Map<String, Value>) -> Result<usize, ApiError> {
    let reference = params::string(p, "taskDefinition")?.ok_or_else(|| {
        ApiError::invalid("taskDefinition is required: give a family, family:revision or ARN.")
    })?;
    cluster
        .find_task_definition(reference)
        .ok_or_else(|| ApiError::client("TaskDefinition not found."))
}

/// RunTask's `count`: 1 (the default) to 10.
pub fn count(p: &Map<String, Value>) -> Result<i64, ApiError> {
    let count = params::integer(p, "count")?.unwrap_or(1);
    if !(1..=10).contains(&count) {
        return Err(ApiError::invalid(format!("count must be between 1 and 10 (you can specify up to 10 tasks for each call); got {count}.")));
    }
    Ok(count)
}

/// RunTask's `group`: 1 to 255 characters, `family:<family>` by default.
pub fn group(p: &Map<String, Value>, family: &str) -> Result<String, ApiError> {
    match params::string(p, "group")? {
        Some(g) if g.is_empty() || g.len() > 255 => {
            Err(ApiError::invalid("group must have 1 to 255 characters."))
        }
        Some(g) => Ok(g.to_string()),
        None => Ok(format!("family:{family}")),
    }
}

pub fn run_task(
    cluster: &mut Cluster,
    request: &Value,
    detail: bool,
) -> Result<RunTaskResponse, ApiError> {
    let p = params::object(request, "RunTask")?;
    params::only_known(p, KNOWN)?;
    let td_index = task_definition_index(cluster, p)?;
    let td = &cluster.task_definitions[td_index];
    let count = count(p)?;
    match params::string(p, "launchType")? {
        None | Some("EC2") => {}
        Some(other @ ("FARGATE" | "EXTERNAL" | "MANAGED_INSTANCES")) => {
            return Err(ApiError::invalid(format!(
                "launchType {other} is not simulated by RunTask here; this playground places EC2 tasks on container instances."
            )))
        }
        Some(other) => return Err(ApiError::invalid(format!("launchType '{other}' is not valid; expected EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES."))),
    }
    if !params::array(p, "capacityProviderStrategy")?.is_empty() {
        return Err(ApiError::invalid(
            "capacityProviderStrategy is not simulated by RunTask yet; use launchType EC2.",
        ));
    }
    if !td.requires_compatibilities.is_empty()
        && !td.requires_compatibilities.iter().any(|c| c == "EC2")
    {
        return Err(ApiError::client(
            "Task definition does not support launch_type EC2.",
        ));
    }
    let network_configuration = p.get("networkConfiguration").filter(|v| !v.is_null());
    match (td.network_mode, network_configuration) {
        (NetworkMode::Awsvpc, None) => {
            return Err(ApiError::invalid(
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
            ))
        }
        (NetworkMode::Awsvpc, Some(nc)) => {
            let subnets = nc
                .pointer("/awsvpcConfiguration/subnets")
                .and_then(Value::as_array);
            if subnets.map(|s| s.is_empty()).unwrap_or(true) {
                return Err(ApiError::invalid("networkConfiguration.awsvpcConfiguration.subnets must list at least one subnet."));
            }
        }
        (_, Some(_)) => return Err(ApiError::invalid(
            "Network Configuration is not valid for the given networkMode of this task definition.",
        )),
        _ => {}
    }
    let group = group(p, &td.family)?;
    let started_by = params::string(p, "startedBy")?.map(str::to_string);
    let strategies = match params::array(p, "placementStrategy")? {
        [] => default_strategies(),
        items => parse_strategies(items)?,
    };
    let constraints = parse_constraints(params::array(p, "placementConstraints")?, td)?;
    if !cluster.instances.iter().any(|i| i.is_active()) {
        return Err(ApiError::invalid(
            "No Container Instances were found in your cluster.",
        ));
    }

    let request = PlacementRequest {
        needs: TaskNeeds::of(td),
        group: group.clone(),
        constraints,
        strategies,
    };
    let mut response = RunTaskResponse {
        trace: detail.then(Vec::new),
        ..Default::default()
    };
    let mut carry = None;
    for _ in 0..count {
        let mut outcome = cluster.decide_after(&request, detail, carry.as_ref());
        carry = outcome.carry.take();
        if let (Some(traces), Some(t)) = (response.trace.as_mut(), outcome.trace) {
            traces.push(t);
        }
        match outcome.chosen {
            Ok(index) => {
                if let Some(task) =
                    cluster.start_task(td_index, index, &group, started_by.clone(), "EC2")
                {
                    response.tasks.push(task.clone());
                }
            }
            Err(f) => {
                let inst = f.instance.and_then(|i| cluster.instances.get(i));
                response.failures.push(Failure {
                    arn: inst
                        .map(|i| i.container_instance_arn.clone())
                        .unwrap_or_else(|| cluster.cluster_arn()),
                    detail: placement::failure_message(inst, &f.reason),
                    reason: f.reason,
                });
            }
        }
    }
    Ok(response)
}
