//! The timeline: one entry per simulated minute, what the charts draw. Also the target
//! groups' view for the state.

use serde_json::{json, Map, Value};

use super::cost;
use super::load_balancer::target_health;
use super::metrics::MinutePoint;
use super::service::{Service, ServiceStatus};
use super::simulation::Simulation;

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceSnapshot {
    /// Index into the simulation's services.
    pub service: usize,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    pub metrics: MinutePoint,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub time: i64,
    pub services: Vec<ServiceSnapshot>,
    pub instances: usize,
    pub reservation: Vec<(String, f64)>,
    pub cost_usd: f64,
}

/// The entry for the minute that just ended.
pub fn entry(sim: &Simulation) -> TimelineEntry {
    let now = sim.clock.now;
    let services = sim
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.status != ServiceStatus::Inactive)
        .map(|(i, s)| ServiceSnapshot {
            service: i,
            desired: s.desired_count,
            running: s.running_count(now),
            pending: s.pending_count(now),
            metrics: s
                .metrics
                .last()
                .filter(|p| p.time == now)
                .copied()
                .unwrap_or_default(),
        })
        .collect();
    TimelineEntry {
        time: now,
        services,
        instances: sim.cluster.instances.len(),
        reservation: sim
            .capacity
            .providers
            .iter()
            .filter_map(|p| p.last_reservation.map(|r| (p.name.clone(), r)))
            .collect(),
        cost_usd: cost::total_rounded(&sim.cost),
    }
}

impl TimelineEntry {
    pub fn to_json(&self, services: &[Service]) -> Value {
        let mut by_name = Map::new();
        for s in &self.services {
            let Some(service) = services.get(s.service) else {
                continue;
            };
            let mut metrics = Map::new();
            let m = &s.metrics;
            for (key, value) in [
                ("CPUUtilization", m.cpu),
                ("MemoryUtilization", m.memory),
                ("RequestCount", m.requests),
                ("RequestCountPerTarget", m.requests_per_target),
            ] {
                if let Some(v) = value {
                    metrics.insert(key.into(), json!(v));
                }
            }
            by_name.insert(
                service.name.clone(),
                json!({"desiredCount": s.desired, "runningCount": s.running, "pendingCount": s.pending, "metrics": metrics}),
            );
        }
        json!({
            "time": self.time,
            "services": by_name,
            "instances": self.instances,
            "capacityProviderReservation": self.reservation.iter().map(|(k, v)| (k.clone(), json!(v))).collect::<Map<_, _>>(),
            "costUsd": self.cost_usd,
        })
    }
}

/// Every target group a service uses, with its targets and their health.
pub fn target_groups_json(sim: &Simulation) -> Value {
    let now = sim.clock.now;
    let mut groups: Vec<Value> = Vec::new();
    for s in sim.services.iter().filter(|s| s.is_active()) {
        for lb in &s.load_balancers {
            let targets: Vec<Value> = s
                .tasks
                .iter()
                .filter(|t| t.registered)
                .filter_map(|t| {
                    let task = sim.cluster.tasks.get(t.pos)?;
                    let (id, port) = lb.target_of(task);
                    Some(json!({"id": id, "port": port, "taskId": t.id, "health": target_health(t, now)}))
                })
                .collect();
            groups.push(json!({"targetGroupArn": lb.target_group_arn, "service": s.name, "targets": targets}));
        }
    }
    groups.into()
}
