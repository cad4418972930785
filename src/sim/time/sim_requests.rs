//! The simulator's own requests (not AWS operations): moving the clock, failing an
//! Availability Zone, setting a service's load and how an application answers health checks.

use serde_json::{json, Value};

use crate::sim::api::params;
use crate::sim::cluster::ApiError;

use super::capacity_runner;
use super::health::AppBehaviour;
use super::load::LoadModel;
use super::service::Capacity;
use super::simulation::{Simulation, MAX_ADVANCE_SECONDS};

/// `{"AdvanceTime": {"seconds": N}}`.
pub fn advance_time(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let p = params::object(body, "AdvanceTime")?;
    params::only_known(p, &["seconds"])?;
    let seconds = params::integer(p, "seconds")?
        .ok_or_else(|| ApiError::invalid("AdvanceTime needs seconds, e.g. {\"seconds\": 600}."))?;
    if !(1..=MAX_ADVANCE_SECONDS).contains(&seconds) {
        return Err(ApiError::invalid(format!(
            "AdvanceTime: seconds must be from 1 to {MAX_ADVANCE_SECONDS} (7 days); got {seconds}."
        )));
    }
    sim.used_time = true;
    sim.advance(seconds);
    Ok(json!({"time": sim.clock.now, "at": sim.clock.now_iso()}))
}

fn zone_of(body: &Value, operation: &str) -> Result<String, ApiError> {
    let p = params::object(body, operation)?;
    params::only_known(p, &["availabilityZone"])?;
    params::string(p, "availabilityZone")?
        .filter(|z| !z.is_empty())
        .map(str::to_string)
        .ok_or_else(|| ApiError::invalid(format!("{operation} needs availabilityZone, e.g. {{\"availabilityZone\": \"us-east-1a\"}}.")))
}

/// The stoppedReason of a task stopped because its zone failed.
pub fn zone_failure_reason(zone: &str) -> String {
    format!("Task stopped because Availability Zone {zone} failed (simulated outage).")
}

/// `{"FailAvailabilityZone": {"availabilityZone": AZ}}`: the zone goes dark. Its instances'
/// agents disconnect and their tasks stop; Auto Scaling groups lose their instances there and
/// launch replacements in their other zones; Fargate tasks there stop; nothing new is placed
/// there until it is restored. Services replace their tasks elsewhere.
// Assumption: an outage is total and immediate: every task in the zone stops at once.
pub fn fail_availability_zone(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let zone = zone_of(body, "FailAvailabilityZone")?;
    sim.cluster.failed_azs.insert(zone.clone());
    capacity_runner::fail_zone(sim, &zone);
    let reason = zone_failure_reason(&zone);
    let mut lost = Vec::new();
    for i in 0..sim.cluster.instances.len() {
        if sim.cluster.instances[i].availability_zone != zone {
            continue;
        }
        lost.push(sim.cluster.instances[i].ec2_instance_id.clone());
        sim.cluster.instances[i].agent_connected = false;
        let status = sim.cluster.instances[i].status;
        // Refreshes the placement view of the instance.
        sim.cluster.set_status(i, status);
    }
    let doomed: Vec<String> = sim
        .cluster
        .running_tasks()
        .filter(|t| t.availability_zone == zone)
        .map(|t| t.task_arn.clone())
        .collect();
    for arn in &doomed {
        let _ = sim.cluster.stop_task(arn, &reason);
    }
    // Fargate tasks were among them; their records go on the next scheduler pass.
    let fargate = sim
        .services
        .iter()
        .flat_map(|s| &s.tasks)
        .filter(|t| t.capacity != Capacity::Ec2 && t.availability_zone == zone)
        .count();
    Ok(
        json!({"availabilityZone": zone, "instancesDisconnected": lost, "tasksStopped": doomed.len(), "fargateTasksStopped": fargate}),
    )
}

/// `{"RestoreAvailabilityZone": {"availabilityZone": AZ}}`: the zone is back; its instances'
/// agents reconnect (empty: their tasks were lost).
pub fn restore_availability_zone(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let zone = zone_of(body, "RestoreAvailabilityZone")?;
    sim.cluster.failed_azs.remove(&zone);
    let mut back = Vec::new();
    for i in 0..sim.cluster.instances.len() {
        if sim.cluster.instances[i].availability_zone == zone
            && !sim.cluster.instances[i].agent_connected
        {
            sim.cluster.instances[i].agent_connected = true;
            let status = sim.cluster.instances[i].status;
            sim.cluster.set_status(i, status);
            back.push(sim.cluster.instances[i].ec2_instance_id.clone());
        }
    }
    Ok(json!({"availabilityZone": zone, "instancesReconnected": back}))
}

/// `{"SetLoad": {"service": NAME, ...}}`: replaces the service's load model (see `load`).
pub fn set_load(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let p = params::object(body, "SetLoad")?;
    params::only_known(
        p,
        &[
            "service",
            "CPUUtilization",
            "MemoryUtilization",
            "requestsPerMinute",
            "taskCapacity",
            "memoryBaseline",
            "memoryPerCpu",
            "noisePercent",
        ],
    )?;
    let name = params::string(p, "service")?
        .ok_or_else(|| ApiError::invalid("SetLoad needs service, the service's name."))?;
    let s = sim.service_index(name).ok_or_else(|| ApiError {
        code: "ServiceNotFoundException",
        message: "Service not found.".into(),
    })?;
    sim.services[s].load = LoadModel::from_request(p)?;
    Ok(json!({"service": sim.services[s].name, "time": sim.clock.now}))
}

/// `{"SetAppHealth": {"taskDefinition": "web:2", "startupSeconds": 90, "healthy": true}}`: how
/// the application of a task definition answers its health checks, for tasks started from now.
pub fn set_app_health(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let p = params::object(body, "SetAppHealth")?;
    params::only_known(p, &["taskDefinition", "startupSeconds", "healthy"])?;
    let reference = params::string(p, "taskDefinition")?.ok_or_else(|| {
        ApiError::invalid("SetAppHealth needs taskDefinition (family, family:revision or ARN).")
    })?;
    let td = sim
        .cluster
        .find_task_definition(reference)
        .ok_or_else(|| ApiError::client("TaskDefinition not found."))?;
    let startup = params::integer(p, "startupSeconds")?.unwrap_or(0);
    if !(0..=86_400).contains(&startup) {
        return Err(ApiError::invalid(
            "SetAppHealth: startupSeconds must be from 0 to 86400.",
        ));
    }
    let healthy = match p.get("healthy") {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "Invalid type for parameter healthy, value: {other}, valid types: boolean"
            )))
        }
    };
    sim.apps.insert(
        td,
        AppBehaviour {
            startup_seconds: startup,
            healthy,
        },
    );
    Ok(json!({"taskDefinitionArn": sim.td_arn(td), "startupSeconds": startup, "healthy": healthy}))
}
