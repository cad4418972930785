//! The ECS API operations the simulator understands, in ECS's request and response shapes.

pub mod instances;
pub mod params;
pub mod placement_params;
pub mod run_task;

use serde_json::{json, Value};

use crate::sim::cluster::{ApiError, Cluster};
use crate::sim::taskdef;

pub use run_task::{run_task, Failure, RunTaskResponse};

/// Every operation a scenario's `requests` may name.
pub const OPERATIONS: &[&str] = &[
    "RunTask",
    "StopTask",
    "UpdateContainerInstancesState",
    "RegisterContainerInstance",
    "DeregisterContainerInstance",
    "PutAttributes",
    "RegisterTaskDefinition",
];

/// Every request a scenario's `requests` may name: the cluster's operations above, then those
/// the time simulation carries out (services, scaling, capacity providers, the clock).
pub fn all_operations() -> Vec<&'static str> {
    OPERATIONS
        .iter()
        .chain(crate::sim::time::OPERATIONS)
        .copied()
        .collect()
}

/// Carries out one request. The answer is `{"<Operation>": response}` or
/// `{"error": {"code", "message"}}`: failures are data, never a crash.
pub fn dispatch(cluster: &mut Cluster, operation: &str, body: &Value, detail: bool) -> Value {
    let result: Result<Value, ApiError> = match operation {
        "RunTask" => run_task(cluster, body, detail).map(|r| json!(r)),
        "StopTask" => instances::stop_task(cluster, body).map(|r| json!(r)),
        "UpdateContainerInstancesState" => instances::update_container_instances_state(cluster, body),
        "RegisterContainerInstance" => instances::register_container_instance(cluster, body),
        "DeregisterContainerInstance" => instances::deregister_container_instance(cluster, body),
        "PutAttributes" => instances::put_attributes(cluster, body),
        "RegisterTaskDefinition" => register_task_definition(cluster, body),
        other if crate::sim::time::OPERATIONS.contains(&other) => Err(ApiError::invalid(format!(
            "{other} needs simulated time: carry it out with sim::time::Simulation::dispatch (ecs-sim run does)."
        ))),
        other => Err(ApiError::invalid(format!("Unknown operation {other}; expected one of {}.", all_operations().join(", ")))),
    };
    match result {
        Ok(response) => json!({ operation: response }),
        Err(e) => json!({"error": {"code": e.code, "message": e.message}}),
    }
}

fn register_task_definition(cluster: &mut Cluster, body: &Value) -> Result<Value, ApiError> {
    let text = serde_json::to_string_pretty(body).unwrap_or_default();
    let report = taskdef::read_task_definition(&text);
    match report.task_definition {
        Some(td) => {
            let i = cluster.register_task_definition(td);
            Ok(json!({"taskDefinition": task_definition_json(cluster, i)}))
        }
        None => Err(ApiError::client(
            report
                .errors
                .iter()
                .map(|d| format!("{}: {}", d.path, d.message))
                .collect::<Vec<_>>()
                .join("; "),
        )),
    }
}

/// The registered task definition, briefly, with its ARN and the resources it reserves.
pub fn task_definition_json(cluster: &Cluster, index: usize) -> Value {
    let Some(td) = cluster.task_definitions.get(index) else {
        return Value::Null;
    };
    let needs = crate::sim::placement::TaskNeeds::of(td);
    json!({
        "taskDefinitionArn": cluster.task_definition_arn(td),
        "family": td.family,
        "revision": td.revision,
        "networkMode": td.network_mode.as_str(),
        "requiresCompatibilities": td.requires_compatibilities,
        "cpu": td.cpu.map(|c| c.to_string()),
        "memory": td.memory.map(|m| m.to_string()),
        "containerDefinitions": td.container_definitions,
        "reserves": {"cpu": needs.cpu, "memory": needs.memory, "gpu": needs.gpu},
    })
}

/// The cluster as the scenario output's `state` shows it.
pub fn state_json(cluster: &Cluster) -> Value {
    json!({
        "clusterArn": cluster.cluster_arn(),
        "containerInstances": cluster.instances.iter().map(instances::instance_json).collect::<Vec<_>>(),
        "tasks": cluster.running_tasks().collect::<Vec<_>>(),
        "taskDefinitions": (0..cluster.task_definitions.len()).map(|i| task_definition_json(cluster, i)).collect::<Vec<_>>(),
    })
}
