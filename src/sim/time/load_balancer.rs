//! Load balancers: the target groups a service registers its tasks with, the targets' health,
//! and how requests are shared.
//!
//! "When a task from this service is placed on a container instance, the container instance
//! and port combination is registered as a target in the target group specified." With awsvpc
//! the target is the task's IP address ("you must choose ip as the target type"). Requests go
//! to healthy targets only; `ALBRequestCountPerTarget` is the requests of a minute divided by
//! the targets that took them.

use serde_json::{json, Value};

use crate::sim::cluster::ApiError;
use crate::sim::task::Task;
use crate::sim::taskdef::TaskDefinition;

use super::service::ServiceTask;

/// "At most 5 target groups per service" (ECSDG load-balancer-types).
pub const MAX_TARGET_GROUPS: usize = 5;

/// One entry of a service's `loadBalancers`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceLoadBalancer {
    pub target_group_arn: String,
    pub container_name: String,
    pub container_port: u16,
}

impl ServiceLoadBalancer {
    pub fn to_json(&self) -> Value {
        json!({"targetGroupArn": self.target_group_arn, "containerName": self.container_name, "containerPort": self.container_port})
    }

    /// `targetgroup/<name>/<id>`: the part of the ARN that a `ResourceLabel` or a CloudWatch
    /// `TargetGroup` dimension ends with.
    pub fn target_group_suffix(&self) -> &str {
        self.target_group_arn
            .find("targetgroup/")
            .map(|i| &self.target_group_arn[i..])
            .unwrap_or(&self.target_group_arn)
    }

    /// The target a task registers: `(id, port)`: the instance and host port (bridge, host)
    /// or the task's IP address and container port (awsvpc).
    pub fn target_of(&self, task: &Task) -> (String, u16) {
        let container = task
            .containers
            .iter()
            .find(|c| c.name == self.container_name);
        if let Some(nic) = container.and_then(|c| c.network_interfaces.first()) {
            return (nic.private_ipv4_address.clone(), self.container_port);
        }
        let host_port = container
            .and_then(|c| {
                c.network_bindings
                    .iter()
                    .find(|b| b.container_port == self.container_port)
            })
            .map(|b| b.host_port)
            .unwrap_or(self.container_port);
        (task.ec2_instance_id.clone(), host_port)
    }
}

/// Reads `loadBalancers` of CreateService against the task definition.
pub fn parse_load_balancers(
    items: &[Value],
    td: &TaskDefinition,
) -> Result<Vec<ServiceLoadBalancer>, ApiError> {
    if items.len() > MAX_TARGET_GROUPS {
        return Err(ApiError::invalid(format!(
            "A service can have at most {MAX_TARGET_GROUPS} target groups; {} were given.",
            items.len()
        )));
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("loadBalancers[{i}]");
        let arn = item
            .get("targetGroupArn")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty());
        let Some(arn) = arn else {
            if item.get("loadBalancerName").is_some() {
                return Err(ApiError::invalid(format!(
                    "{at}: Classic Load Balancers are not simulated; give the targetGroupArn of an Application or Network Load Balancer."
                )));
            }
            return Err(ApiError::invalid(format!(
                "{at}: targetGroupArn is required."
            )));
        };
        let name = item
            .get("containerName")
            .and_then(Value::as_str)
            .unwrap_or("");
        let port = item.get("containerPort").and_then(Value::as_u64);
        let Some(container) = td.container_definitions.iter().find(|c| c.name == name) else {
            return Err(ApiError::invalid(format!(
                "{at}: The container {name} does not exist in the task definition."
            )));
        };
        let Some(port) = port.and_then(|p| u16::try_from(p).ok()) else {
            return Err(ApiError::invalid(format!(
                "{at}: containerPort is required (a port of container {name})."
            )));
        };
        if !container
            .port_mappings
            .iter()
            .any(|m| m.container_port == port)
        {
            return Err(ApiError::invalid(format!(
                "{at}: The container {name} did not have a container port {port} defined."
            )));
        }
        out.push(ServiceLoadBalancer {
            target_group_arn: arn.to_string(),
            container_name: name.to_string(),
            container_port: port,
        });
    }
    Ok(out)
}

/// ELB's target health for a registered task at `now`.
pub fn target_health(task: &ServiceTask, now: i64) -> &'static str {
    if task.interrupted_at.is_some() {
        "draining"
    } else if task.health.is_healthy(now) {
        "healthy"
    } else if task.health.is_unhealthy(now) {
        "unhealthy"
    } else {
        "initial"
    }
}

/// How many of the RUNNING tasks take requests: the healthy targets, or every registered one
/// when none is healthy (fail open), or every RUNNING task when there is no load balancer.
// Assumption: ELB's fail-open rule ("if no targets are healthy, route to all") is applied to
// the whole target group.
pub fn serving_tasks(tasks: &[ServiceTask], has_load_balancer: bool, now: i64) -> u32 {
    let running = tasks.iter().filter(|t| t.is_running(now));
    if !has_load_balancer {
        return u32::try_from(running.count()).unwrap_or(u32::MAX);
    }
    let registered: Vec<&ServiceTask> = running
        .filter(|t| t.registered && t.interrupted_at.is_none())
        .collect();
    let healthy = registered
        .iter()
        .filter(|t| t.health.is_healthy(now))
        .count();
    let n = if healthy > 0 {
        healthy
    } else {
        registered.len()
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}
