//! The time panels' forms and the requests they send, in the AWS APIs' own JSON shapes
//! (CreateService, UpdateService, RegisterScalableTarget, PutScalingPolicy, PutMetricAlarm)
//! and the simulator's own (SetLoad, FailAvailabilityZone, InterruptSpot). Pure Rust (no
//! yew), tested natively in tests/ui_time.rs.

use serde_json::{json, Value};

use crate::sim::time::simulation::TICK_SECONDS;

/// The cluster every playground resource lives in.
pub const CLUSTER: &str = "default";

/// ECS's resource id for a service's desired count.
pub fn resource_id(service: &str) -> String {
    format!("service/{CLUSTER}/{service}")
}

/// The load model picker's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadKind {
    Constant,
    Daily,
    Spike,
    PinnedCpu,
}

impl LoadKind {
    pub const ALL: [LoadKind; 4] = [
        LoadKind::Constant,
        LoadKind::Daily,
        LoadKind::Spike,
        LoadKind::PinnedCpu,
    ];

    pub fn key(self) -> &'static str {
        match self {
            LoadKind::Constant => "constant",
            LoadKind::Daily => "daily",
            LoadKind::Spike => "spike",
            LoadKind::PinnedCpu => "cpu",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LoadKind::Constant => "Constant requests",
            LoadKind::Daily => "Daily wave",
            LoadKind::Spike => "Spike",
            LoadKind::PinnedCpu => "Pinned CPU %",
        }
    }

    pub fn from_key(key: &str) -> Option<LoadKind> {
        LoadKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// What the load picker holds. Rates are requests per minute.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadForm {
    pub kind: LoadKind,
    pub constant: f64,
    pub daily_min: f64,
    pub daily_max: f64,
    /// UTC hour of the daily peak.
    pub peak_hour: f64,
    pub spike_base: f64,
    pub spike_peak: f64,
    /// The spike starts this many simulated minutes after now.
    pub spike_in_minutes: f64,
    pub spike_minutes: f64,
    pub cpu: f64,
    /// Requests per minute one task serves at 100% CPU.
    pub task_capacity: f64,
    /// The running spike's own start (simulated second), kept while "Starts in" is not
    /// edited: setting the load unedited must not move the spike.
    pub spike_at: Option<i64>,
    /// What the service's load model sets that the picker has no field for (noise, the
    /// memory model): sent again so "Set load" keeps it.
    pub kept: serde_json::Map<String, Value>,
}

impl Default for LoadForm {
    fn default() -> Self {
        LoadForm {
            kind: LoadKind::Daily,
            constant: 2000.0,
            daily_min: 500.0,
            daily_max: 5000.0,
            peak_hour: 12.0,
            spike_base: 1000.0,
            spike_peak: 6000.0,
            spike_in_minutes: 5.0,
            spike_minutes: 20.0,
            cpu: 70.0,
            task_capacity: 1000.0,
            spike_at: None,
            kept: serde_json::Map::new(),
        }
    }
}

impl LoadForm {
    /// The form as the service's load model is now (at simulated second `now`), so the
    /// picker shows what runs and "Set load" unedited changes nothing.
    pub fn of(model: &crate::sim::time::load::LoadModel, now: i64) -> LoadForm {
        use crate::sim::time::load::RequestModel;
        use crate::sim::time::load::{DEFAULT_MEMORY_BASELINE, DEFAULT_MEMORY_PER_CPU};
        let mut f = LoadForm {
            task_capacity: model.task_capacity,
            ..LoadForm::default()
        };
        let mut keep = |key: &str, value: f64, default: f64| {
            if value != default {
                f.kept.insert(key.into(), json!(value));
            }
        };
        keep("noisePercent", model.noise_percent, 0.0);
        keep(
            "memoryBaseline",
            model.memory_baseline,
            DEFAULT_MEMORY_BASELINE,
        );
        keep("memoryPerCpu", model.memory_per_cpu, DEFAULT_MEMORY_PER_CPU);
        if let Some(memory) = model.memory_pinned {
            f.kept.insert("MemoryUtilization".into(), json!(memory));
        }
        match (&model.requests, model.cpu_pinned) {
            (_, Some(cpu)) => {
                f.kind = LoadKind::PinnedCpu;
                f.cpu = cpu;
            }
            (Some(RequestModel::Constant(r)), None) => {
                f.kind = LoadKind::Constant;
                f.constant = *r;
            }
            (
                Some(RequestModel::Daily {
                    min,
                    max,
                    peak_hour,
                }),
                None,
            ) => {
                f.kind = LoadKind::Daily;
                (f.daily_min, f.daily_max, f.peak_hour) = (*min, *max, *peak_hour);
            }
            (
                Some(RequestModel::Spike {
                    base,
                    peak,
                    at,
                    duration,
                }),
                None,
            ) => {
                f.kind = LoadKind::Spike;
                (f.spike_base, f.spike_peak) = (*base, *peak);
                f.spike_in_minutes = ((*at - now) as f64 / 60.0).max(0.0).round();
                f.spike_minutes = (*duration as f64 / 60.0).round().max(1.0);
                f.spike_at = Some(*at);
            }
            // No load set yet: the form's own suggestion.
            (None, None) => f.kind = LoadForm::default().kind,
        }
        f
    }
}

fn clean(x: f64, lo: f64, hi: f64) -> f64 {
    if x.is_finite() {
        x.clamp(lo, hi)
    } else {
        lo
    }
}

impl LoadForm {
    /// The SetLoad request for `service` at simulated second `now`.
    pub fn request(&self, service: &str, now: i64) -> Value {
        let rate = |x: f64| clean(x, 0.0, 1e9).round();
        let body = match self.kind {
            LoadKind::PinnedCpu => {
                json!({"service": service, "CPUUtilization": clean(self.cpu, 0.0, 100.0)})
            }
            LoadKind::Constant => {
                json!({"service": service, "requestsPerMinute": {"constant": rate(self.constant)}})
            }
            LoadKind::Daily => {
                let (a, b) = (rate(self.daily_min), rate(self.daily_max));
                json!({"service": service, "requestsPerMinute": {"daily": {
                    "min": a.min(b), "max": a.max(b), "peakHour": clean(self.peak_hour, 0.0, 23.0).round()
                }}})
            }
            LoadKind::Spike => {
                let at = self.spike_at.unwrap_or_else(|| {
                    now + (clean(self.spike_in_minutes, 0.0, 10_080.0) * 60.0).round() as i64
                });
                let duration = (clean(self.spike_minutes, 1.0, 10_080.0) * 60.0).round() as i64;
                json!({"service": service, "requestsPerMinute": {"spike": {
                    "base": rate(self.spike_base), "peak": rate(self.spike_peak), "at": at, "duration": duration
                }}})
            }
        };
        let mut body = body;
        if self.kind != LoadKind::PinnedCpu {
            body["taskCapacity"] = json!(clean(self.task_capacity, 1.0, 1e9).round());
        }
        for (key, value) in &self.kept {
            body[key] = value.clone();
        }
        json!({ "SetLoad": body })
    }
}

/// How a new service gets capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LaunchChoice {
    Ec2,
    Fargate,
    /// FARGATE with a base, and FARGATE_SPOT, by weight.
    FargateAndSpot,
    /// An Auto Scaling group capacity provider, by name.
    Provider(String),
}

impl LaunchChoice {
    pub fn key(&self) -> String {
        match self {
            LaunchChoice::Ec2 => "ec2".into(),
            LaunchChoice::Fargate => "fargate".into(),
            LaunchChoice::FargateAndSpot => "fargate-spot".into(),
            LaunchChoice::Provider(name) => format!("cp:{name}"),
        }
    }

    pub fn from_key(key: &str) -> LaunchChoice {
        match key {
            "fargate" => LaunchChoice::Fargate,
            "fargate-spot" => LaunchChoice::FargateAndSpot,
            k => match k.strip_prefix("cp:") {
                Some(name) => LaunchChoice::Provider(name.to_string()),
                None => LaunchChoice::Ec2,
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceForm {
    pub name: String,
    pub family: String,
    pub desired: u32,
    pub launch: LaunchChoice,
    /// FARGATE's base, and the two weights.
    pub base: u32,
    pub fargate_weight: u32,
    pub spot_weight: u32,
    /// Spread across Availability Zones, then binpack on memory (else binpack only).
    pub spread: bool,
}

impl Default for ServiceForm {
    fn default() -> Self {
        ServiceForm {
            name: "web".into(),
            family: String::new(),
            desired: 3,
            launch: LaunchChoice::Ec2,
            base: 1,
            fargate_weight: 1,
            spot_weight: 3,
            spread: true,
        }
    }
}

/// The awsvpc configuration: a subnet in every zone (the engine names a zone's subnet
/// `subnet-<az>`).
pub fn subnets(zones: &[String]) -> Value {
    json!({"awsvpcConfiguration": {"subnets": zones.iter().map(|z| format!("subnet-{z}")).collect::<Vec<_>>()}})
}

impl ServiceForm {
    /// The CreateService request. `awsvpc`: the task definition's network mode needs subnets.
    pub fn request(&self, zones: &[String], awsvpc: bool) -> Value {
        let mut body = json!({
            "cluster": CLUSTER,
            "serviceName": self.name.trim(),
            "taskDefinition": self.family,
            "desiredCount": self.desired.min(1000),
        });
        let ec2 = match &self.launch {
            LaunchChoice::Ec2 => {
                body["launchType"] = json!("EC2");
                true
            }
            LaunchChoice::Fargate => {
                body["launchType"] = json!("FARGATE");
                false
            }
            LaunchChoice::FargateAndSpot => {
                body["capacityProviderStrategy"] = json!([
                    {"capacityProvider": "FARGATE", "base": self.base.min(100_000), "weight": self.fargate_weight.min(1000)},
                    {"capacityProvider": "FARGATE_SPOT", "weight": self.spot_weight.min(1000)}
                ]);
                false
            }
            LaunchChoice::Provider(name) => {
                body["capacityProviderStrategy"] = json!([{"capacityProvider": name, "weight": 1}]);
                true
            }
        };
        if ec2 {
            body["placementStrategy"] = if self.spread {
                json!([{"type": "spread", "field": "attribute:ecs.availability-zone"}, {"type": "binpack", "field": "memory"}])
            } else {
                json!([{"type": "binpack", "field": "memory"}])
            };
        }
        if awsvpc || !ec2 {
            body["networkConfiguration"] = subnets(zones);
        }
        json!({ "CreateService": body })
    }
}

/// `UpdateService` with a new desired count.
pub fn update_desired(service: &str, desired: u32) -> Value {
    json!({"UpdateService": {"cluster": CLUSTER, "service": service, "desiredCount": desired.min(1000)}})
}

/// `UpdateService` to the latest revision of `family`: a rolling deployment.
pub fn update_task_definition(service: &str, family: &str) -> Value {
    json!({"UpdateService": {"cluster": CLUSTER, "service": service, "taskDefinition": family}})
}

/// The scaling editor's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyChoice {
    TargetTracking,
    Step,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackedMetric {
    Cpu,
    Memory,
}

impl TrackedMetric {
    pub fn predefined(self) -> &'static str {
        match self {
            TrackedMetric::Cpu => "ECSServiceAverageCPUUtilization",
            TrackedMetric::Memory => "ECSServiceAverageMemoryUtilization",
        }
    }

    pub fn cloudwatch(self) -> &'static str {
        match self {
            TrackedMetric::Cpu => "CPUUtilization",
            TrackedMetric::Memory => "MemoryUtilization",
        }
    }

    fn short(self) -> &'static str {
        match self {
            TrackedMetric::Cpu => "cpu",
            TrackedMetric::Memory => "memory",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScalingForm {
    pub min: u32,
    pub max: u32,
    pub choice: PolicyChoice,
    pub metric: TrackedMetric,
    /// Target tracking: the target value (percent).
    pub target: f64,
    /// Step scaling: the high alarm's threshold and what the steps add above it.
    pub high: f64,
    pub add_small: i64,
    /// Above `high + big_above`, add `add_big` instead.
    pub big_above: f64,
    pub add_big: i64,
    /// The low alarm's threshold (3 datapoints below it remove `remove` tasks).
    pub low: f64,
    pub remove: i64,
    pub cooldown: u32,
    /// The names the service's policies and alarms already have: saving the form puts
    /// them again (PutScalingPolicy and PutMetricAlarm replace by name) instead of adding
    /// more beside them.
    pub names: PolicyNames,
}

/// The existing names a saved form reuses; `None`: the form's own name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyNames {
    pub target: Option<String>,
    pub step_out: Option<String>,
    pub step_in: Option<String>,
    pub high_alarm: Option<String>,
    pub low_alarm: Option<String>,
}

impl Default for ScalingForm {
    fn default() -> Self {
        ScalingForm {
            min: 2,
            max: 12,
            choice: PolicyChoice::TargetTracking,
            metric: TrackedMetric::Cpu,
            target: 50.0,
            high: 60.0,
            add_small: 1,
            big_above: 20.0,
            add_big: 3,
            low: 30.0,
            remove: 1,
            cooldown: 60,
            names: PolicyNames::default(),
        }
    }
}

impl ScalingForm {
    /// The form as the service's scaling is now: its scalable target, and its target
    /// tracking policy (or its step policies and their alarms), with their names.
    pub fn of(sim: &crate::sim::time::Simulation, service: &str) -> ScalingForm {
        use crate::sim::autoscaling::policy::PolicyKind;
        use crate::sim::autoscaling::target_tracking::EcsMetric;
        use crate::sim::time::metrics::MetricKind;
        let mut f = ScalingForm::default();
        if let Some(t) = sim
            .scaling
            .targets
            .iter()
            .find(|t| t.target.resource.service == service)
        {
            (f.min, f.max) = (t.target.limits.min(), t.target.limits.max());
        }
        let policies: Vec<_> = sim
            .scaling
            .policies
            .iter()
            .filter(|p| p.policy.resource.service == service)
            .collect();
        let alarm_for = |p: &crate::sim::time::scaling_runner::PolicyState| {
            sim.alarms
                .iter()
                .find(|a| a.actions.iter().any(|x| *x == p.arn || *x == p.policy.name))
        };
        if let Some((p, tt)) = policies.iter().find_map(|p| match &p.policy.kind {
            PolicyKind::TargetTracking(tt) => Some((p, tt)),
            PolicyKind::Step(_) => None,
        }) {
            f.choice = PolicyChoice::TargetTracking;
            f.metric = match tt.metric.metric {
                EcsMetric::Memory => TrackedMetric::Memory,
                _ => TrackedMetric::Cpu,
            };
            f.target = tt.target_value;
            f.names.target = Some(p.policy.name.clone());
            return f;
        }
        for p in policies {
            let PolicyKind::Step(step) = &p.policy.kind else {
                continue;
            };
            f.choice = PolicyChoice::Step;
            f.cooldown = step.cooldown_seconds;
            let alarm = alarm_for(p);
            if let Some(a) = alarm {
                if a.metric == MetricKind::Memory {
                    f.metric = TrackedMetric::Memory;
                }
            }
            let removes = step.steps.iter().all(|st| st.adjustment <= 0);
            if removes {
                f.remove = step.steps.first().map_or(f.remove, |st| -st.adjustment);
                f.names.step_in = Some(p.policy.name.clone());
                if let Some(a) = alarm {
                    f.low = a.alarm.threshold;
                    f.names.low_alarm = Some(a.name.clone());
                }
            } else {
                if let Some(first) = step.steps.first() {
                    f.add_small = first.adjustment;
                    if let Some(upper) = first.upper {
                        f.big_above = upper;
                    }
                }
                if let Some(second) = step.steps.get(1) {
                    f.add_big = second.adjustment;
                }
                f.names.step_out = Some(p.policy.name.clone());
                if let Some(a) = alarm {
                    f.high = a.alarm.threshold;
                    f.names.high_alarm = Some(a.name.clone());
                }
            }
        }
        f
    }
}

impl ScalingForm {
    /// RegisterScalableTarget, then the policy (and, for step scaling, the two CloudWatch
    /// alarms that invoke it).
    pub fn requests(&self, service: &str) -> Vec<Value> {
        let rid = resource_id(service);
        let (min, max) = (self.min.min(self.max), self.max.max(self.min).max(1));
        let mut out = vec![json!({"RegisterScalableTarget": {
            "ServiceNamespace": "ecs", "ResourceId": rid, "ScalableDimension": "ecs:service:DesiredCount",
            "MinCapacity": min, "MaxCapacity": max
        }})];
        let base = json!({"ServiceNamespace": "ecs", "ResourceId": rid, "ScalableDimension": "ecs:service:DesiredCount"});
        let with = |mut v: Value, extra: Value| {
            if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
                for (k, x) in e {
                    o.insert(k.clone(), x.clone());
                }
            }
            v
        };
        match self.choice {
            PolicyChoice::TargetTracking => {
                out.push(json!({"PutScalingPolicy": with(base, json!({
                    "PolicyName": self.names.target.clone().unwrap_or_else(|| format!("{service}-{}-target", self.metric.short())),
                    "PolicyType": "TargetTrackingScaling",
                    "TargetTrackingScalingPolicyConfiguration": {
                        "TargetValue": clean(self.target, 1.0, 100.0),
                        "PredefinedMetricSpecification": {"PredefinedMetricType": self.metric.predefined()}
                    }
                }))}));
            }
            PolicyChoice::Step => {
                let big_above = clean(self.big_above, 1.0, 100.0);
                let out_name = self
                    .names
                    .step_out
                    .clone()
                    .unwrap_or_else(|| format!("{service}-step-out"));
                let in_name = self
                    .names
                    .step_in
                    .clone()
                    .unwrap_or_else(|| format!("{service}-step-in"));
                out.push(json!({"PutScalingPolicy": with(base.clone(), json!({
                    "PolicyName": out_name,
                    "PolicyType": "StepScaling",
                    "StepScalingPolicyConfiguration": {
                        "AdjustmentType": "ChangeInCapacity", "Cooldown": self.cooldown.min(86_400), "MetricAggregationType": "Average",
                        "StepAdjustments": [
                            {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": big_above, "ScalingAdjustment": self.add_small.clamp(0, 1000)},
                            {"MetricIntervalLowerBound": big_above, "ScalingAdjustment": self.add_big.clamp(0, 1000)}
                        ]
                    }
                }))}));
                out.push(json!({"PutScalingPolicy": with(base, json!({
                    "PolicyName": in_name,
                    "PolicyType": "StepScaling",
                    "StepScalingPolicyConfiguration": {
                        "AdjustmentType": "ChangeInCapacity", "Cooldown": self.cooldown.min(86_400), "MetricAggregationType": "Average",
                        "StepAdjustments": [
                            {"MetricIntervalUpperBound": 0, "ScalingAdjustment": -self.remove.clamp(0, 1000)}
                        ]
                    }
                }))}));
                let alarm = |name: String, threshold: f64, op: &str, periods: u32, policy: &str| {
                    json!({"PutMetricAlarm": {
                        "AlarmName": name, "Namespace": "AWS/ECS", "MetricName": self.metric.cloudwatch(),
                        "Dimensions": [{"Name": "ClusterName", "Value": CLUSTER}, {"Name": "ServiceName", "Value": service}],
                        "Statistic": "Average", "Period": 60, "EvaluationPeriods": periods, "DatapointsToAlarm": periods,
                        "Threshold": clean(threshold, 0.0, 100.0), "ComparisonOperator": op, "AlarmActions": [policy]
                    }})
                };
                out.push(alarm(
                    self.names
                        .high_alarm
                        .clone()
                        .unwrap_or_else(|| format!("{service}-{}-high", self.metric.short())),
                    self.high,
                    "GreaterThanOrEqualToThreshold",
                    1,
                    &out_name,
                ));
                out.push(alarm(
                    self.names
                        .low_alarm
                        .clone()
                        .unwrap_or_else(|| format!("{service}-{}-low", self.metric.short())),
                    self.low,
                    "LessThanThreshold",
                    3,
                    &in_name,
                ));
            }
        }
        out
    }
}

/// `{"FailAvailabilityZone": ...}` or `{"RestoreAvailabilityZone": ...}`.
pub fn zone_request(zone: &str, fail: bool) -> Value {
    let op = if fail {
        "FailAvailabilityZone"
    } else {
        "RestoreAvailabilityZone"
    };
    json!({ op: {"availabilityZone": zone} })
}

/// `{"InterruptSpot": {"service": NAME, "count": N}}`.
pub fn interrupt_spot(service: &str, count: u32) -> Value {
    json!({"InterruptSpot": {"service": service, "count": count.max(1)}})
}

/// The speeds the clock offers: simulated seconds per real second, and their names.
pub const SPEEDS: [(u32, &str); 6] = [
    (1, "1x (real time)"),
    (10, "10x"),
    (60, "1 minute per second"),
    (300, "5 minutes per second"),
    (900, "15 minutes per second"),
    (3600, "1 hour per second"),
];

/// The default speed: 5 simulated minutes per second.
pub const DEFAULT_SPEED: u32 = 300;

/// How far Step moves the clock: one minute (one datapoint, one timeline entry).
pub const STEP_SECONDS: i64 = 60;

/// Simulated seconds to advance for `elapsed_ms` of real time at `speed`, in whole ticks of
/// the engine (5 s), carrying the rest in `carry` (so 1x advances 5 s every 5 real seconds
/// however often it is called). Whole ticks keep the live simulation bit for bit equal to a
/// replay of the merged AdvanceTime. A stalled tab counts at most one second.
pub fn seconds_for(elapsed_ms: f64, speed: u32, carry: &mut f64) -> i64 {
    let tick = TICK_SECONDS as f64;
    let elapsed = if elapsed_ms.is_finite() {
        elapsed_ms.clamp(0.0, 1000.0)
    } else {
        0.0
    };
    let total = *carry + elapsed / 1000.0 * f64::from(speed);
    let whole = (total / tick).floor() * tick;
    *carry = total - whole;
    whole as i64
}
