//! RunTask with `launchType: FARGATE`: standalone tasks on capacity AWS runs.
//!
//! There is no instance to choose, so there is no placement decision: "Task placement
//! strategies and constraints aren't supported for tasks using the Fargate launch type.
//! Fargate tasks are spread across Availability Zones." Each task goes to the zone of the
//! request's subnets with the fewest running tasks of its group, gets its own network
//! interface and IP there, and runs at once (like RunTask on EC2 here, without a clock).

use serde_json::{json, Map, Value};

use crate::sim::api::params;
use crate::sim::api::run_task::{self, KNOWN};
use crate::sim::cluster::ApiError;
use crate::sim::taskdef::TaskDefinition;

use super::fargate;
use super::simulation::Simulation;

/// Whether a RunTask request asks for Fargate (it is carried out here, not by the cluster).
pub fn is_fargate(body: &Value) -> bool {
    body.get("launchType").and_then(Value::as_str) == Some(fargate::FARGATE)
}

/// `{"RunTask": {"tasks", "failures"[, "trace": []]}}` or `{"error": {...}}`.
pub fn run_task(sim: &mut Simulation, body: &Value, detail: bool) -> Value {
    match run(sim, body) {
        Ok(mut response) => {
            if detail {
                // No instance was chosen: an empty decision trace, like a RunTask that
                // placed nothing, so a reader never mistakes it for a missing one.
                response.insert("trace".into(), Value::Array(Vec::new()));
            }
            json!({ "RunTask": response })
        }
        Err(e) => json!({"error": {"code": e.code, "message": e.message}}),
    }
}

/// The request's checks in ECS's words, then one task at a time.
fn run(sim: &mut Simulation, body: &Value) -> Result<Map<String, Value>, ApiError> {
    let p = params::object(body, "RunTask")?;
    params::only_known(p, KNOWN)?;
    let td_index = run_task::task_definition_index(&sim.cluster, p)?;
    let td: &TaskDefinition = &sim.cluster.task_definitions[td_index];
    fargate::check_task_definition(td)?;
    let count = run_task::count(p)?;
    if !params::array(p, "capacityProviderStrategy")?.is_empty() {
        return Err(ApiError::invalid(
            "Specifying both a launch type and capacity provider strategy is not supported.",
        ));
    }
    // Assumption: ECS refuses rather than ignores them (the documentation says only that
    // they "aren't supported" on Fargate).
    if !params::array(p, "placementConstraints")?.is_empty()
        || !params::array(p, "placementStrategy")?.is_empty()
    {
        return Err(ApiError::invalid("Task placement strategies and constraints aren't supported for tasks using the Fargate launch type."));
    }
    let network = p.get("networkConfiguration").filter(|v| !v.is_null());
    let Some(network) = network else {
        return Err(ApiError::invalid(
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
        ));
    };
    let zones = fargate::subnet_azs(Some(network), &sim.cluster);
    if zones.is_empty() {
        return Err(ApiError::invalid(
            "networkConfiguration.awsvpcConfiguration.subnets must list at least one subnet.",
        ));
    }
    let group = run_task::group(p, &td.family)?;
    let started_by = params::string(p, "startedBy")?.map(str::to_string);

    let (_, mut w) = sim.split();
    let mut tasks = Vec::new();
    let mut failures = Vec::new();
    for _ in 0..count {
        let in_zone = |z: &str| {
            w.cluster
                .running_tasks()
                .filter(|t| t.group == group && t.availability_zone == z)
                .count()
        };
        let failed = |z: &str| w.cluster.failed_azs.contains(z);
        let Some(az) = fargate::choose_az(&zones, in_zone, &failed).cloned() else {
            failures.push(json!({
                "arn": w.cluster.cluster_arn(),
                "reason": "Capacity is unavailable at this time. Please try again later or in a different availability zone",
            }));
            continue;
        };
        let Some(pos) = fargate::start_task(&mut w, td_index, &az, &group, String::new(), None)
        else {
            continue;
        };
        let task = &mut w.cluster.tasks[pos];
        task.started_by = started_by.clone();
        task.last_status = "RUNNING".into();
        for c in &mut task.containers {
            c.last_status = "RUNNING".into();
        }
        tasks.push(serde_json::to_value(&*task).unwrap_or(Value::Null));
    }
    let mut response = Map::new();
    response.insert("tasks".into(), Value::Array(tasks));
    response.insert("failures".into(), Value::Array(failures));
    Ok(response)
}
