//! CloudWatch-style one-minute datapoints of each service.
//!
//! "Amazon ECS sends metrics at 1-minute intervals" (ECSDG service-auto-scaling). The
//! playground computes one datapoint per service at the end of every simulated minute, from
//! the service's load model and its tasks at that moment.
// Assumption: a datapoint describes the minute that just ended, is computed from the tasks
// at its end, and is visible to alarms and policies at once (CloudWatch's publishing delay
// of a minute or two is not modelled).

use rand::RngExt;

use crate::sim::rng::SimRng;

use super::load::LoadModel;
use super::load_balancer::serving_tasks;
use super::service::Service;

/// One service's datapoint for the minute ending at `time`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MinutePoint {
    pub time: i64,
    /// `AWS/ECS CPUUtilization` (the service average), percent.
    pub cpu: Option<f64>,
    /// `AWS/ECS MemoryUtilization`, percent.
    pub memory: Option<f64>,
    /// `AWS/ApplicationELB RequestCount` of the service's traffic.
    pub requests: Option<f64>,
    /// `RequestCountPerTarget` (the `ALBRequestCountPerTarget` of target tracking).
    pub requests_per_target: Option<f64>,
    pub running: u32,
}

/// The metrics the simulator produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    Cpu,
    Memory,
    RequestCount,
    RequestCountPerTarget,
}

impl MetricKind {
    pub fn value(self, p: &MinutePoint) -> Option<f64> {
        match self {
            MetricKind::Cpu => p.cpu,
            MetricKind::Memory => p.memory,
            MetricKind::RequestCount => p.requests,
            MetricKind::RequestCountPerTarget => p.requests_per_target,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MetricKind::Cpu => "CPUUtilization",
            MetricKind::Memory => "MemoryUtilization",
            MetricKind::RequestCount => "RequestCount",
            MetricKind::RequestCountPerTarget => "RequestCountPerTarget",
        }
    }

    pub fn namespace(self) -> &'static str {
        match self {
            MetricKind::Cpu | MetricKind::Memory => "AWS/ECS",
            _ => "AWS/ApplicationELB",
        }
    }
}

/// The service's datapoint for the minute ending at `now`. `utc_seconds_of_day` drives the
/// daily wave; noise comes from the simulation's generator.
pub fn datapoint(
    service: &Service,
    now: i64,
    utc_seconds_of_day: i64,
    rng: &mut SimRng,
) -> MinutePoint {
    let load: &LoadModel = &service.load;
    let rate = load.requests.as_ref().map(|m| {
        let r = m.rate(now, utc_seconds_of_day);
        if load.noise_percent > 0.0 {
            let k: f64 = rng.random_range(-1.0..=1.0);
            (r * (1.0 + k * load.noise_percent / 100.0)).max(0.0)
        } else {
            r
        }
    });
    let running = service.running_count(now);
    let serving = serving_tasks(&service.tasks, !service.load_balancers.is_empty(), now);
    let u = load.utilisation(rate, running, serving);
    MinutePoint {
        time: now,
        cpu: u.cpu.map(round2),
        memory: u.memory.map(round2),
        requests: u.requests.map(round2),
        requests_per_target: u.requests_per_target.map(round2),
        running,
    }
}

/// The last `n` values of `kind`, oldest first, one per minute (`None` = no datapoint).
pub fn series(points: &[MinutePoint], kind: MetricKind, n: usize) -> Vec<Option<f64>> {
    points[points.len().saturating_sub(n)..]
        .iter()
        .map(|p| kind.value(p))
        .collect()
}

/// Two decimals: what a chart shows, and stable text in the JSON output.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
