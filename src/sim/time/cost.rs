//! A cost meter: EC2 instances by type, Fargate and Fargate Spot by vCPU-hour and GB-hour.
//!
//! Example prices only (us-east-1, Linux/x86, on demand): EC2 from `sim::catalog`; Fargate
//! $0.04048 per vCPU-hour and $0.004445 per GB-hour, Fargate Spot $0.0140264 and $0.0015402
//! (third-party transcriptions; AWS renders its price page dynamically, D16). Fargate is
//! "billed … from the time you start to download your container image until the Amazon ECS
//! Task … terminates, rounded up to the nearest second".
// Assumption: billed per simulated second from placement (PENDING) to STOPPED, without
// Fargate's one-minute minimum; EC2 instances from launch to termination, per second; an
// instance given as registeredResources without an instanceType costs nothing.

use serde_json::{json, Value};

use crate::sim::catalog;

use super::fargate::{
    FARGATE_GB_HOUR, FARGATE_SPOT, FARGATE_SPOT_GB_HOUR, FARGATE_SPOT_VCPU_HOUR, FARGATE_VCPU_HOUR,
};
use super::service::Capacity;
use super::simulation::Simulation;
use crate::sim::task::NO_INSTANCE;

/// USD per hour of what runs now.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rates {
    pub ec2: f64,
    pub fargate: f64,
    pub fargate_spot: f64,
}

/// Money spent so far, USD.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CostMeter {
    pub ec2: f64,
    pub fargate: f64,
    pub fargate_spot: f64,
}

impl CostMeter {
    pub fn add(&mut self, rates: &Rates, seconds: i64) {
        let hours = seconds as f64 / 3600.0;
        self.ec2 += rates.ec2 * hours;
        self.fargate += rates.fargate * hours;
        self.fargate_spot += rates.fargate_spot * hours;
    }

    pub fn total(&self) -> f64 {
        self.ec2 + self.fargate + self.fargate_spot
    }

    pub fn to_json(&self) -> Value {
        json!({
            "currency": "USD",
            "ec2": round4(self.ec2),
            "fargate": round4(self.fargate),
            "fargateSpot": round4(self.fargate_spot),
            "total": round4(self.total()),
            "note": "Example prices (us-east-1, Linux/x86, on demand): EC2 by instance type; Fargate 0.04048 USD per vCPU-hour and 0.004445 per GB-hour; Fargate Spot 0.0140264 and 0.0015402. Real prices vary by Region and over time.",
        })
    }
}

/// What decides the rates: instances, launching instances, tasks started, service tasks,
/// tasks stopped (a standalone Fargate task stopped by StopTask changes no other count).
pub type RatesKey = (usize, usize, usize, usize, usize);

fn rates_key(sim: &Simulation) -> RatesKey {
    (
        sim.cluster.instances.len(),
        sim.capacity
            .providers
            .iter()
            .map(|p| p.instances.iter().filter(|i| !i.registered).count())
            .sum(),
        sim.cluster.tasks.len(),
        sim.services.iter().map(|s| s.tasks.len()).sum(),
        sim.cluster.stopped_task_count(),
    )
}

/// The rates, recomputed only when what they depend on changed (they are needed every tick).
pub fn current_rates(sim: &mut Simulation) -> Rates {
    let key = rates_key(sim);
    if let Some((k, r)) = sim.cost_rates {
        if k == key {
            return r;
        }
    }
    let r = hourly_rates(sim);
    sim.cost_rates = Some((key, r));
    r
}

/// What the cluster costs per hour right now.
pub fn hourly_rates(sim: &Simulation) -> Rates {
    let mut r = Rates::default();
    let price = |t: Option<&str>| {
        t.and_then(catalog::lookup)
            .map(|t| t.usd_per_hour)
            .unwrap_or(0.0)
    };
    for inst in &sim.cluster.instances {
        r.ec2 += price(inst.instance_type.as_deref());
    }
    // Instances an Auto Scaling group launched that have not registered yet are billed too.
    for p in &sim.capacity.providers {
        let launching = p.instances.iter().filter(|i| !i.registered).count();
        r.ec2 += launching as f64 * price(Some(&p.instance_type));
    }
    for s in &sim.services {
        for t in &s.tasks {
            let (vcpu_rate, gb_rate, slot) = match t.capacity {
                Capacity::Ec2 => continue,
                Capacity::Fargate => (FARGATE_VCPU_HOUR, FARGATE_GB_HOUR, &mut r.fargate),
                Capacity::FargateSpot => (
                    FARGATE_SPOT_VCPU_HOUR,
                    FARGATE_SPOT_GB_HOUR,
                    &mut r.fargate_spot,
                ),
            };
            let Some(task) = sim.cluster.tasks.get(t.pos) else {
                continue;
            };
            let vcpu = f64::from(task.reserved.cpu) / 1024.0;
            let gb = f64::from(task.reserved.memory) / 1024.0;
            *slot += vcpu * vcpu_rate + gb * gb_rate;
        }
    }
    // Standalone Fargate tasks (RunTask, no service) are billed the same way while they
    // run: the running Fargate tasks of the cluster that no service keeps a record of.
    let mut of_a_service = vec![false; sim.cluster.tasks.len()];
    for t in sim.services.iter().flat_map(|s| &s.tasks) {
        if let Some(seen) = of_a_service.get_mut(t.pos) {
            *seen = true;
        }
    }
    let standalone = sim
        .cluster
        .tasks
        .iter()
        .zip(of_a_service)
        .filter(|(t, of_a_service)| {
            !of_a_service && t.instance_index == NO_INSTANCE && t.is_running()
        });
    for (task, _) in standalone {
        let (vcpu_rate, gb_rate, slot) =
            if task.capacity_provider_name.as_deref() == Some(FARGATE_SPOT) {
                (
                    FARGATE_SPOT_VCPU_HOUR,
                    FARGATE_SPOT_GB_HOUR,
                    &mut r.fargate_spot,
                )
            } else {
                (FARGATE_VCPU_HOUR, FARGATE_GB_HOUR, &mut r.fargate)
            };
        let vcpu = f64::from(task.reserved.cpu) / 1024.0;
        let gb = f64::from(task.reserved.memory) / 1024.0;
        *slot += vcpu * vcpu_rate + gb * gb_rate;
    }
    r
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The total so far, to a hundredth of a cent, for the timeline.
pub fn total_rounded(meter: &CostMeter) -> f64 {
    round4(meter.total())
}
