//! Fargate Spot interruptions. "When tasks using Fargate Spot capacity are stopped due to a
//! Spot interruption, a two-minute warning is sent before a task is stopped." The service
//! scheduler starts a replacement at the warning; the task stops two minutes later with
//! stopCode SpotInterruption.
//!
//! Interruptions come from the simulator's own requests: `{"InterruptSpot": {"service": NAME,
//! "count": N}}` now, or `{"SetSpotInterruptionRate": {"perTaskPerHour": R}}`, a seeded rate
//! checked every minute.

use rand::RngExt;
use serde_json::{json, Value};

use crate::sim::cluster::ApiError;

use super::service::Capacity;
use super::simulation::Simulation;

pub const WARNING_SECONDS: i64 = 120;

/// Warns the task `(service, index)` of its interruption.
fn interrupt(sim: &mut Simulation, s: usize, k: usize) -> Value {
    let now = sim.clock.now;
    let at = now + WARNING_SECONDS;
    let stops_at = sim.clock.iso(at);
    let t = &mut sim.services[s].tasks[k];
    t.interrupted_at = Some(at);
    sim.services[s].dirty = true;
    let t = &sim.services[s].tasks[k];
    let pos = t.pos;
    if let Some(task) = sim.cluster.tasks.get_mut(pos) {
        task.desired_status = "STOPPED".into();
        task.lifecycle.stopping_at = Some(stops_at.clone());
        json!({"taskArn": task.task_arn, "service": sim.services[s].name, "stopsAt": stops_at})
    } else {
        Value::Null
    }
}

fn spot_tasks(sim: &Simulation, only: Option<usize>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (s, service) in sim.services.iter().enumerate() {
        if only.is_some_and(|o| o != s) || !service.is_active() {
            continue;
        }
        for (k, t) in service.tasks.iter().enumerate() {
            if t.capacity == Capacity::FargateSpot && t.interrupted_at.is_none() {
                out.push((s, k));
            }
        }
    }
    out
}

/// `{"InterruptSpot": {"service"?: NAME, "count"?: N}}`: warns N Fargate Spot tasks (default
/// 1), chosen with the seeded generator.
pub fn interrupt_spot(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let p = body.as_object().ok_or_else(|| {
        ApiError::invalid("InterruptSpot expects an object: {\"service\": NAME, \"count\": N}.")
    })?;
    crate::sim::api::params::only_known(p, &["service", "count"])?;
    let only = match p.get("service").and_then(Value::as_str) {
        Some(name) => Some(sim.service_index(name).ok_or_else(|| ApiError {
            code: "ServiceNotFoundException",
            message: "Service not found.".into(),
        })?),
        None => None,
    };
    let count = match p.get("count") {
        None => 1,
        Some(v) => v.as_u64().filter(|n| *n <= 10_000).ok_or_else(|| {
            ApiError::invalid("InterruptSpot: count must be a whole number from 0 to 10000.")
        })? as usize,
    };
    let mut pool = spot_tasks(sim, only);
    let mut out = Vec::new();
    while out.len() < count && !pool.is_empty() {
        let (s, k) = pool.remove(sim.rng.random_range(0..pool.len()));
        out.push(interrupt(sim, s, k));
    }
    Ok(json!({"interrupted": out}))
}

/// `{"SetSpotInterruptionRate": {"perTaskPerHour": R}}`.
pub fn set_rate(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let rate = body
        .get("perTaskPerHour")
        .and_then(Value::as_f64)
        .filter(|r| (0.0..=60.0).contains(r));
    let Some(rate) = rate else {
        return Err(ApiError::invalid("SetSpotInterruptionRate: perTaskPerHour must be a number from 0 to 60 (interruptions per Fargate Spot task per hour)."));
    };
    sim.capacity.spot_rate_per_task_hour = rate;
    Ok(json!({"perTaskPerHour": rate}))
}

/// Every minute: each Fargate Spot task is interrupted with probability rate / 60.
pub fn minute(sim: &mut Simulation) {
    let rate = sim.capacity.spot_rate_per_task_hour;
    if rate <= 0.0 {
        return;
    }
    for (s, k) in spot_tasks(sim, None) {
        let draw: f64 = sim.rng.random_range(0.0..1.0);
        if draw < rate / 60.0 {
            interrupt(sim, s, k);
        }
    }
}
