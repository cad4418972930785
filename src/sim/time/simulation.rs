//! The simulation: a cluster plus services, scalable targets, policies, alarms, capacity
//! providers and load models, moved forward by a clock.
//!
//! Time advances in ticks of [`TICK_SECONDS`]. Every tick: instances the Auto Scaling groups
//! launched register, drained instances terminate, and the service scheduler runs for every
//! service. At the end of every simulated minute: one datapoint per service, alarms, step
//! scaling, target tracking, scheduled actions, Spot interruptions, managed scaling of the
//! capacity providers, the scheduler again (so that a new desired count acts at once), and
//! one timeline entry. Requests run at the current second and move nothing but the clock's
//! consequences of what they change.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::sim::api;
use crate::sim::cluster::{ApiError, Cluster};
use crate::sim::rng::{seeded, SimRng};

use super::alarms::MetricAlarm;
use super::capacity_runner::{self, CapacityState};
use super::clock::{Clock, DEFAULT_START_EPOCH};
use super::cost::CostMeter;
use super::health::AppBehaviour;
use super::metrics;
use super::scaling_runner::{self, ScalingState};
use super::scheduler;
use super::service::Service;
use super::service_api;
use super::sim_requests;
use super::spot;
use super::timeline::{self, TimelineEntry};
use super::world::World;

/// The scheduler's step. Every documented delay used here (30 s to RUNNING, 40 s to count as
/// healthy, 30 s health check intervals, the two-minute Spot warning) is a multiple of it.
// Assumption: the service scheduler, task state changes and instance registrations are
// evaluated every 5 simulated seconds.
pub const TICK_SECONDS: i64 = 5;

/// The most one AdvanceTime may move the clock.
pub const MAX_ADVANCE_SECONDS: i64 = 7 * 86_400;

/// Requests carried out by the simulation rather than by the cluster alone.
pub const OPERATIONS: &[&str] = &[
    "CreateService",
    "UpdateService",
    "DeleteService",
    "CreateCapacityProvider",
    "PutClusterCapacityProviders",
    "RegisterScalableTarget",
    "PutScalingPolicy",
    "PutScheduledAction",
    "PutMetricAlarm",
    "AdvanceTime",
    "FailAvailabilityZone",
    "RestoreAvailabilityZone",
    "SetLoad",
    "SetAppHealth",
    "InterruptSpot",
    "SetSpotInterruptionRate",
];

pub struct Simulation {
    pub cluster: Cluster,
    pub clock: Clock,
    pub services: Vec<Service>,
    pub scaling: ScalingState,
    pub alarms: Vec<MetricAlarm>,
    pub capacity: CapacityState,
    /// `SetAppHealth`: how the application of a task definition (by index) behaves.
    pub apps: BTreeMap<usize, AppBehaviour>,
    pub daemon_groups: BTreeSet<String>,
    pub timeline: Vec<TimelineEntry>,
    pub cost: CostMeter,
    /// Randomness of the simulation itself (noise, Spot, ids), apart from the cluster's.
    pub rng: SimRng,
    pub fargate_enis: u32,
    /// A time request or a service was seen: the output grows the time sections.
    pub used_time: bool,
    pub deployments_created: u64,
    /// The cost meter's last rates and what they were computed from.
    pub cost_rates: Option<(super::cost::RatesKey, super::cost::Rates)>,
    /// The cluster changed (a request, an instance registered, drained or gone): every
    /// service gets a scheduler pass, quiet or not.
    pub dirty_all: bool,
}

impl Simulation {
    pub fn new(seed: u64) -> Self {
        Self::starting_at(seed, DEFAULT_START_EPOCH)
    }

    pub fn starting_at(seed: u64, start_epoch: i64) -> Self {
        Simulation {
            cluster: Cluster::new(seed),
            clock: Clock::new(start_epoch),
            services: Vec::new(),
            scaling: ScalingState::default(),
            alarms: Vec::new(),
            capacity: CapacityState::default(),
            apps: BTreeMap::new(),
            daemon_groups: BTreeSet::new(),
            timeline: Vec::new(),
            cost: CostMeter::default(),
            rng: seeded(seed ^ 0x7469_6d65_5f73_696d),
            fargate_enis: 0,
            used_time: false,
            deployments_created: 0,
            cost_rates: None,
            dirty_all: false,
        }
    }

    /// Carries out one request: `{"<Operation>": response}` or `{"error": {"code", "message"}}`.
    pub fn dispatch(&mut self, operation: &str, body: &Value, detail: bool) -> Value {
        // A traced service request answers with the decision of every task its scheduler
        // placed right away, like RunTask's `trace` (later placements happen as time moves).
        let traced_service = detail && matches!(operation, "CreateService" | "UpdateService");
        if traced_service {
            self.cluster.trace_sink = Some(Vec::new());
        }
        let result: Result<Value, ApiError> = match operation {
            "CreateService" => service_api::create_service(self, body),
            "UpdateService" => service_api::update_service(self, body),
            "DeleteService" => service_api::delete_service(self, body),
            "CreateCapacityProvider" => capacity_runner::create_capacity_provider(self, body),
            "PutClusterCapacityProviders" => {
                capacity_runner::put_cluster_capacity_providers(self, body)
            }
            "RegisterScalableTarget" => scaling_runner::register_scalable_target(self, body),
            "PutScalingPolicy" => scaling_runner::put_scaling_policy(self, body),
            "PutScheduledAction" => scaling_runner::put_scheduled_action(self, body),
            "PutMetricAlarm" => scaling_runner::put_metric_alarm(self, body),
            "AdvanceTime" => sim_requests::advance_time(self, body),
            "FailAvailabilityZone" => sim_requests::fail_availability_zone(self, body),
            "RestoreAvailabilityZone" => sim_requests::restore_availability_zone(self, body),
            "SetLoad" => sim_requests::set_load(self, body),
            "SetAppHealth" => sim_requests::set_app_health(self, body),
            "InterruptSpot" => spot::interrupt_spot(self, body),
            "SetSpotInterruptionRate" => spot::set_rate(self, body),
            // Fargate has no instance to place on: carried out here, not by the cluster.
            "RunTask" if super::fargate_run_task::is_fargate(body) => {
                return super::fargate_run_task::run_task(self, body, detail);
            }
            _ => {
                // The cluster's own operations; services react to what they changed.
                let out = api::dispatch(&mut self.cluster, operation, body, detail);
                if !self.services.is_empty() {
                    self.dirty_all = true;
                    self.schedule_all();
                }
                return out;
            }
        };
        self.used_time = true;
        let out = match result {
            Ok(mut response) => {
                self.dirty_all = true;
                self.schedule_all();
                if let (Some(trace), Some(object)) =
                    (self.cluster.trace_sink.take(), response.as_object_mut())
                {
                    object.insert("trace".into(), Value::Array(trace));
                }
                json!({ operation: response })
            }
            Err(e) => json!({"error": {"code": e.code, "message": e.message}}),
        };
        self.cluster.trace_sink = None;
        out
    }

    /// The scheduler's view, borrowed apart from the services.
    pub fn split(&mut self) -> (&mut Vec<Service>, World<'_>) {
        (
            &mut self.services,
            World {
                cluster: &mut self.cluster,
                clock: self.clock,
                providers: &self.capacity.providers,
                apps: &self.apps,
                daemon_groups: &self.daemon_groups,
                rng: &mut self.rng,
                fargate_enis: &mut self.fargate_enis,
            },
        )
    }

    /// One scheduler pass over every service, at the current second.
    /// Services that are settled and untouched are skipped: time alone changes nothing for
    /// them (every task RUNNING and healthy, as many as desired, no deployment under way).
    pub fn schedule_all(&mut self) {
        let everything = std::mem::take(&mut self.dirty_all);
        let (services, mut world) = self.split();
        for service in services.iter_mut() {
            if everything || service.dirty || !service.quiet {
                service.dirty = false;
                scheduler::run_service(service, &mut world);
            }
        }
    }

    /// Moves the clock forward by `seconds`, tick by tick.
    pub fn advance(&mut self, seconds: i64) {
        let target = self
            .clock
            .now
            .saturating_add(seconds.clamp(0, MAX_ADVANCE_SECONDS));
        while self.clock.now < target {
            let next = ((self.clock.now.div_euclid(TICK_SECONDS) + 1) * TICK_SECONDS).min(target);
            let rates = super::cost::current_rates(self);
            self.cost.add(&rates, next - self.clock.now);
            self.clock.now = next;
            self.tick();
            if next % 60 == 0 {
                self.minute();
            }
        }
    }

    fn tick(&mut self) {
        capacity_runner::tick(self);
        self.schedule_all();
    }

    fn minute(&mut self) {
        let now = self.clock.now;
        let seconds_of_day = self.clock.epoch().rem_euclid(86_400);
        for service in self.services.iter_mut().filter(|s| s.is_active()) {
            let point = metrics::datapoint(service, now, seconds_of_day, &mut self.rng);
            service.metrics.push(point);
        }
        scaling_runner::minute(self);
        spot::minute(self);
        capacity_runner::minute(self);
        self.schedule_all();
        let entry = timeline::entry(self);
        self.timeline.push(entry);
    }

    pub fn service_index(&self, name_or_arn: &str) -> Option<usize> {
        let name = name_or_arn.rsplit('/').next().unwrap_or(name_or_arn);
        // The newest service of that name (an INACTIVE one may share it).
        self.services
            .iter()
            .rposition(|s| s.name == name || s.arn == name_or_arn)
    }

    /// The task definition ARN of index `i`, for JSON.
    pub fn td_arn(&self, i: usize) -> String {
        self.cluster
            .task_definitions
            .get(i)
            .map(|td| self.cluster.task_definition_arn(td))
            .unwrap_or_default()
    }

    /// The scenario output's `state`: the cluster as before, plus the services and, once used,
    /// the capacity providers, scaling and alarms.
    pub fn state_json(&self) -> Value {
        let mut state = api::state_json(&self.cluster);
        let cluster_arn = self.cluster.cluster_arn();
        let td_arn = |i: usize| self.td_arn(i);
        state["services"] = self
            .services
            .iter()
            .map(|s| s.to_json(&self.clock, &cluster_arn, &td_arn))
            .collect::<Vec<_>>()
            .into();
        if !self.used_time {
            return state;
        }
        state["time"] = json!({"seconds": self.clock.now, "at": self.clock.now_iso()});
        let mut extra = |key: &str, v: Value| {
            if v.as_array().is_some_and(|a| !a.is_empty()) {
                state[key] = v;
            }
        };
        extra("capacityProviders", self.capacity.to_json());
        extra("scalableTargets", self.scaling.targets_json());
        extra("scalingPolicies", self.scaling.policies_json());
        extra("scheduledActions", self.scaling.scheduled_json(&self.clock));
        extra(
            "scalingActivities",
            self.scaling.activities_json(&self.clock),
        );
        extra(
            "metricAlarms",
            self.alarms
                .iter()
                .map(MetricAlarm::to_json)
                .collect::<Vec<_>>()
                .into(),
        );
        extra("targetGroups", timeline::target_groups_json(self));
        if !self.cluster.failed_azs.is_empty() {
            state["failedAvailabilityZones"] = json!(self.cluster.failed_azs);
        }
        state
    }

    /// The whole scenario output: responses, state, timeline and (once time was used) cost.
    pub fn output(&self, responses: Vec<Value>) -> Value {
        let mut out = json!({
            "responses": responses,
            "state": self.state_json(),
            "timeline": self.timeline.iter().map(|e| e.to_json(&self.services)).collect::<Vec<_>>(),
        });
        if self.used_time {
            out["cost"] = self.cost.to_json();
        }
        out
    }
}
