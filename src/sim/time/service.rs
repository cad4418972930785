//! A service as the scheduler keeps it: its deployments, its tasks (by position in the
//! cluster's task list), the tasks still waiting for capacity, its events and its metrics.

use serde_json::{json, Value};

use crate::sim::capacity::strategy_split::CapacityProviderStrategy;
use crate::sim::deployment::{DeploymentLimits, SchedulingStrategy};
use crate::sim::placement::{Constraint, Strategy};

use super::clock::Clock;
use super::health::HealthPlan;
use super::load::LoadModel;
use super::load_balancer::ServiceLoadBalancer;
use super::metrics::MinutePoint;

/// ECS keeps "a maximum of 100 of the latest events" (BOTO-ECS `Service.events`).
pub const MAX_EVENTS: usize = 100;

/// How a service's tasks get capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    Ec2,
    Fargate,
    Providers(CapacityProviderStrategy),
}

impl Launch {
    pub fn launch_type(&self) -> Option<&'static str> {
        match self {
            Launch::Ec2 => Some("EC2"),
            Launch::Fargate => Some("FARGATE"),
            Launch::Providers(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rollout {
    InProgress,
    Completed,
}

/// One deployment: a task definition and how to launch it. The first of a service's list is
/// the PRIMARY one; the others are ACTIVE until their last task stops.
#[derive(Debug, Clone)]
pub struct Deployment {
    pub seq: u32,
    /// `ecs-svc/` and 19 digits, as ECS names deployments.
    pub id: String,
    pub td_index: usize,
    pub launch: Launch,
    /// The service's constraints plus the task definition's, parsed once.
    pub constraints: Vec<Constraint>,
    pub created_at: i64,
    pub rollout: Rollout,
    pub stuck_reported: bool,
}

/// Which capacity a task runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capacity {
    Ec2,
    Fargate,
    FargateSpot,
}

/// A task the service started, as the scheduler tracks it.
#[derive(Debug, Clone)]
pub struct ServiceTask {
    /// Position in `Cluster::tasks` (tasks are never removed from that list).
    pub pos: usize,
    pub id: String,
    pub deployment: u32,
    pub capacity: Capacity,
    pub provider: Option<String>,
    pub availability_zone: String,
    /// The EC2 instance it runs on (`None` on Fargate).
    pub instance: Option<String>,
    pub started_at: i64,
    pub running_at: i64,
    pub health: HealthPlan,
    /// A Spot interruption warning was given: the task stops at this time.
    pub interrupted_at: Option<i64>,
    /// Registered with the service's target groups.
    pub registered: bool,
}

impl ServiceTask {
    pub fn is_running(&self, now: i64) -> bool {
        now >= self.running_at
    }
}

/// A task that waits for an Auto Scaling group capacity provider to grow (PROVISIONING).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provisioning {
    pub deployment: u32,
    pub provider: String,
    pub since: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceEvent {
    pub id: String,
    pub at: i64,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceStatus {
    Active,
    Draining,
    Inactive,
}

impl ServiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Active => "ACTIVE",
            ServiceStatus::Draining => "DRAINING",
            ServiceStatus::Inactive => "INACTIVE",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Service {
    pub name: String,
    pub arn: String,
    pub status: ServiceStatus,
    pub scheduling: SchedulingStrategy,
    pub desired_count: u32,
    /// PRIMARY first.
    pub deployments: Vec<Deployment>,
    pub limits: DeploymentLimits,
    /// As given in the request, for the service's JSON.
    pub deployment_configuration: Value,
    pub health_check_grace_seconds: i64,
    /// Given strategies; empty means the documented default.
    pub strategies: Vec<Strategy>,
    pub constraints_json: Vec<Value>,
    pub network_configuration: Option<Value>,
    /// The AZs of the awsvpc subnets (Fargate tasks go there).
    pub subnet_azs: Vec<String>,
    pub load_balancers: Vec<ServiceLoadBalancer>,
    pub tasks: Vec<ServiceTask>,
    pub provisioning: Vec<Provisioning>,
    pub events: Vec<ServiceEvent>,
    pub load: LoadModel,
    /// One point per simulated minute since the service was created.
    pub metrics: Vec<MinutePoint>,
    pub created_at: i64,
    /// The last event said the service reached a steady state.
    pub steady: bool,
    /// The last "unable to place" message and when it was posted (repeats are throttled).
    pub last_unplaced: Option<(String, i64)>,
    pub next_seq: u32,
    pub events_posted: u64,
    /// The last pass left the service settled: until something changes (`dirty`), nothing
    /// happens to it with time alone, so the scheduler skips it.
    pub quiet: bool,
    /// Something outside the service changed it (desired count, a Spot warning).
    pub dirty: bool,
}

impl Service {
    pub fn group(&self) -> String {
        format!("service:{}", self.name)
    }

    pub fn primary(&self) -> Option<&Deployment> {
        self.deployments.first()
    }

    pub fn primary_seq(&self) -> u32 {
        self.primary().map(|d| d.seq).unwrap_or(0)
    }

    pub fn is_active(&self) -> bool {
        self.status == ServiceStatus::Active
    }

    /// An ECS deployment is under way: tasks of an older deployment remain, or the primary
    /// one has not completed yet (the first deployment of a new service included).
    // Assumption: a deployment is in progress, for Application Auto Scaling's scale-in pause,
    // until its rolloutState is COMPLETED (the service reached a steady state), including the
    // service's first deployment.
    pub fn deployment_in_progress(&self) -> bool {
        self.deployments.len() > 1
            || self
                .primary()
                .is_some_and(|d| d.rollout == Rollout::InProgress)
    }

    pub fn running_count(&self, now: i64) -> u32 {
        count(self.tasks.iter().filter(|t| t.is_running(now)))
    }

    /// PENDING tasks, plus those waiting for capacity (PROVISIONING).
    // Assumption: a PROVISIONING task counts in pendingCount (it is neither RUNNING nor STOPPED).
    pub fn pending_count(&self, now: i64) -> u32 {
        count(self.tasks.iter().filter(|t| !t.is_running(now)))
            .saturating_add(count(self.provisioning.iter()))
    }

    pub fn post(&mut self, now: i64, message: String) {
        self.events_posted += 1;
        let id = event_id(&self.name, self.events_posted);
        self.events.push(ServiceEvent {
            id,
            at: now,
            message,
        });
        if self.events.len() > 2 * MAX_EVENTS {
            self.events.drain(..self.events.len() - MAX_EVENTS);
        }
    }

    pub fn deployment(&self, seq: u32) -> Option<&Deployment> {
        self.deployments.iter().find(|d| d.seq == seq)
    }

    /// DescribeServices' shape (the fields the simulator fills in).
    pub fn to_json(
        &self,
        clock: &Clock,
        cluster_arn: &str,
        td_arn: &dyn Fn(usize) -> String,
    ) -> Value {
        let now = clock.now;
        let primary = self.primary();
        let deployments: Vec<Value> = self
            .deployments
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mine = |t: &&ServiceTask| t.deployment == d.seq;
                let running = count(self.tasks.iter().filter(mine).filter(|t| t.is_running(now)));
                let pending = count(self.tasks.iter().filter(mine).filter(|t| !t.is_running(now)))
                    + count(self.provisioning.iter().filter(|p| p.deployment == d.seq));
                let mut v = json!({
                    "id": d.id,
                    "status": if i == 0 { "PRIMARY" } else { "ACTIVE" },
                    "taskDefinition": td_arn(d.td_index),
                    "desiredCount": if i == 0 { self.desired_count } else { 0 },
                    "runningCount": running,
                    "pendingCount": pending,
                    "createdAt": clock.iso(d.created_at),
                    "rolloutState": match d.rollout { Rollout::InProgress => "IN_PROGRESS", Rollout::Completed => "COMPLETED" },
                });
                launch_fields(&mut v, &d.launch);
                v
            })
            .collect();
        let mut v = json!({
            "serviceArn": self.arn,
            "serviceName": self.name,
            "clusterArn": cluster_arn,
            "status": self.status.as_str(),
            "schedulingStrategy": match self.scheduling { SchedulingStrategy::Replica => "REPLICA", SchedulingStrategy::Daemon => "DAEMON" },
            "desiredCount": self.desired_count,
            "runningCount": self.running_count(now),
            "pendingCount": self.pending_count(now),
            "taskDefinition": primary.map(|d| td_arn(d.td_index)),
            "deploymentConfiguration": {
                "maximumPercent": self.limits.maximum_percent,
                "minimumHealthyPercent": self.limits.minimum_healthy_percent,
            },
            "deployments": deployments,
            "events": self.events.iter().rev().take(MAX_EVENTS).map(|e| json!({
                "id": e.id, "createdAt": clock.iso(e.at), "message": e.message,
            })).collect::<Vec<_>>(),
            "createdAt": clock.iso(self.created_at),
            "placementConstraints": self.constraints_json,
            "placementStrategy": self.strategies.iter().map(Strategy::to_json).collect::<Vec<_>>(),
            "loadBalancers": self.load_balancers.iter().map(ServiceLoadBalancer::to_json).collect::<Vec<_>>(),
            "healthCheckGracePeriodSeconds": self.health_check_grace_seconds,
        });
        if let Some(d) = primary {
            launch_fields(&mut v, &d.launch);
        }
        if let Some(nc) = &self.network_configuration {
            v["networkConfiguration"] = nc.clone();
        }
        v
    }
}

fn launch_fields(v: &mut Value, launch: &Launch) {
    match launch {
        Launch::Providers(s) => {
            v["capacityProviderStrategy"] = s
                .items()
                .iter()
                .map(|i| json!({"capacityProvider": i.capacity_provider, "weight": i.weight, "base": i.base}))
                .collect::<Vec<_>>()
                .into();
        }
        other => v["launchType"] = other.launch_type().into(),
    }
}

fn count<T>(items: impl Iterator<Item = T>) -> u32 {
    u32::try_from(items.count()).unwrap_or(u32::MAX)
}

/// A UUID-shaped event id, derived from the service name and the event's number so that it
/// is the same on every run.
fn event_id(service: &str, n: u64) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in service.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let a = splitmix(h ^ n);
    let b = splitmix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0xfff,
        b & 0xffff_ffff_ffff
    )
}

pub fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}
