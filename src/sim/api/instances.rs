//! StopTask, UpdateContainerInstancesState, RegisterContainerInstance,
//! DeregisterContainerInstance and PutAttributes.

use serde::Serialize;
use serde_json::{json, Value};

use crate::sim::cluster::{ApiError, Cluster, InstanceSpec};
use crate::sim::instance::{ContainerInstance, InstanceStatus};
use crate::sim::task::Task;

use super::params;

#[derive(Debug, Clone, Serialize)]
pub struct StopTaskResponse {
    pub task: Task,
}

pub fn stop_task(cluster: &mut Cluster, request: &Value) -> Result<StopTaskResponse, ApiError> {
    let p = params::object(request, "StopTask")?;
    params::only_known(p, &["cluster", "task", "reason"])?;
    let task = params::string(p, "task")?
        .ok_or_else(|| ApiError::invalid("task is required: give a task ARN or id."))?;
    let reason = params::string(p, "reason")?.unwrap_or("Task stopped by user");
    Ok(StopTaskResponse {
        task: cluster.stop_task(task, reason)?.clone(),
    })
}

/// Draining stops no standalone task: it only keeps new tasks off the instance (services
/// replace their tasks elsewhere, which the time-based simulation does).
pub fn update_container_instances_state(
    cluster: &mut Cluster,
    request: &Value,
) -> Result<Value, ApiError> {
    let p = params::object(request, "UpdateContainerInstancesState")?;
    params::only_known(p, &["cluster", "containerInstances", "status"])?;
    let status = match params::string(p, "status")? {
        Some("DRAINING") => InstanceStatus::Draining,
        Some("ACTIVE") => InstanceStatus::Active,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "Container instance status '{other}' is not valid; expected ACTIVE or DRAINING."
            )))
        }
        None => {
            return Err(ApiError::invalid(
                "status is required (ACTIVE or DRAINING).",
            ))
        }
    };
    let mut updated = Vec::new();
    let mut failures = Vec::new();
    for item in params::array(p, "containerInstances")? {
        let Some(id) = item.as_str() else {
            return Err(ApiError::invalid(
                "containerInstances must be a list of instance ids or ARNs.",
            ));
        };
        match cluster.instance_index(id) {
            Some(i) => {
                cluster.set_status(i, status);
                updated.push(instance_json(&cluster.instances[i]));
            }
            None => failures.push(json!({"arn": id, "reason": "MISSING"})),
        }
    }
    Ok(json!({"containerInstances": updated, "failures": failures}))
}

pub fn register_container_instance(
    cluster: &mut Cluster,
    request: &Value,
) -> Result<Value, ApiError> {
    let spec: InstanceSpec = serde_json::from_value(request.clone())
        .map_err(|e| ApiError::invalid(format!("RegisterContainerInstance: {e}")))?;
    let i = cluster.register_instance(&spec)?;
    Ok(json!({"containerInstance": instance_json(&cluster.instances[i])}))
}

pub fn deregister_container_instance(
    cluster: &mut Cluster,
    request: &Value,
) -> Result<Value, ApiError> {
    let p = params::object(request, "DeregisterContainerInstance")?;
    params::only_known(p, &["cluster", "containerInstance", "force"])?;
    let id = params::string(p, "containerInstance")?
        .ok_or_else(|| ApiError::invalid("containerInstance is required."))?;
    let i = cluster
        .instance_index(id)
        .ok_or_else(|| ApiError::invalid("The referenced container instance was not found."))?;
    let force = p.get("force").and_then(Value::as_bool).unwrap_or(false);
    if !force && cluster.instances[i].running_tasks_count() > 0 {
        return Err(ApiError::invalid(
            "Found running tasks on the instance. Stop them first or deregister with force (its tasks stop).",
        ));
    }
    let out = instance_json(&cluster.instances[i]);
    cluster.deregister_instance(i);
    Ok(json!({"containerInstance": out}))
}

/// PutAttributes: `{"attributes": [{"name", "value", "targetId"}]}`; a missing value deletes.
pub fn put_attributes(cluster: &mut Cluster, request: &Value) -> Result<Value, ApiError> {
    let p = params::object(request, "PutAttributes")?;
    params::only_known(p, &["cluster", "attributes"])?;
    let attrs = params::array(p, "attributes")?;
    for a in attrs {
        let name = a.get("name").and_then(Value::as_str).unwrap_or("");
        if !valid_attribute_name(name) {
            return Err(ApiError::invalid(format!(
                "Attribute name '{name}' is not valid: 1-128 letters, digits, hyphens, underscores, slashes, backslashes or periods."
            )));
        }
        let value = a.get("value").and_then(Value::as_str);
        if let Some(v) = value {
            if !valid_attribute_value(v) {
                return Err(ApiError::invalid(format!(
                    "Attribute value '{v}' is not valid: 1-128 letters, digits, hyphens, underscores, periods, at signs, slashes, backslashes, colons or spaces, without leading or trailing spaces."
                )));
            }
        }
        let target = a.get("targetId").and_then(Value::as_str).unwrap_or("");
        let i = cluster
            .instance_index(target)
            .ok_or_else(|| ApiError::invalid(format!("Target '{target}' was not found.")))?;
        cluster.set_attribute(i, name, value);
    }
    Ok(json!({"attributes": attrs}))
}

fn valid_attribute_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_/\\.".contains(c))
}

fn valid_attribute_value(value: &str) -> bool {
    (1..=128).contains(&value.len())
        && value.trim() == value
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@/\\: ".contains(c))
}

/// DescribeContainerInstances-like view, plus the simulator's own fields the UI needs.
pub fn instance_json(inst: &ContainerInstance) -> Value {
    json!({
        "ec2InstanceId": inst.ec2_instance_id,
        "containerInstanceArn": inst.container_instance_arn,
        "instanceType": inst.instance_type,
        "availabilityZone": inst.availability_zone,
        "status": inst.status.as_str(),
        "agentConnected": inst.agent_connected,
        "versionInfo": {"agentVersion": inst.agent_version},
        "registeredAt": inst.registered_at,
        "registeredResources": {"cpu": inst.registered.cpu, "memory": inst.registered.memory, "gpu": inst.registered.gpu},
        "remainingResources": {"cpu": inst.remaining.cpu, "memory": inst.remaining.memory, "gpu": inst.remaining.gpu},
        "runningTasksCount": inst.running_tasks_count(),
        "attributes": inst.attributes.iter().map(|(k, v)| if v.is_empty() { json!({"name": k}) } else { json!({"name": k, "value": v}) }).collect::<Vec<_>>(),
        "reservedPorts": inst.ports.reserved,
        "hostPortsInUse": inst.ports.static_in_use.iter().chain(inst.ports.dynamic_in_use.iter()).map(|(proto, port)| format!("{port}/{}", proto.as_str())).collect::<Vec<_>>(),
        "dynamicHostPortRange": format!("{}-{}", inst.ports.dynamic_range.0, inst.ports.dynamic_range.1),
        "eniCapacity": inst.eni_capacity,
        "enisInUse": inst.enis_in_use,
    })
}
