//! What the time panels draw, read from the live simulation once per change: the clock, the
//! services, their scaling, the chart series (one point per simulated minute, from the
//! engine's timeline), the merged event timeline and the cost meter. Every number is the
//! engine's; this only arranges and words them. Pure Rust (no yew), tested natively in
//! tests/ui_time.rs.

use crate::sim::autoscaling::policy::PolicyKind;
use crate::sim::autoscaling::step::{AdjustmentType, BreachSide, ComparisonOperator};
use crate::sim::autoscaling::target_tracking::EcsMetric;
use crate::sim::capacity::reservation::reservation_special_case;
use crate::sim::catalog;
use crate::sim::taskdef::NetworkMode;
use crate::sim::time::alarms::{AlarmSubject, MetricAlarm};
use crate::sim::time::cost;
use crate::sim::time::load::{LoadModel, RequestModel};
use crate::sim::time::metrics::MetricKind;
use crate::sim::time::service::{Capacity, Launch, Rollout, Service, ServiceStatus};
use crate::sim::time::Simulation;
use crate::ui::components::format::sentence;
use crate::ui::time_run::Observed;

/// At most this many points per chart line (a canvas is a few hundred pixels wide).
pub const MAX_POINTS: usize = 720;
/// At most this many timeline events are listed.
pub const MAX_EVENTS: usize = 200;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeView {
    /// Simulated seconds since the start.
    pub now: i64,
    /// "Day 1 · 02:15:00".
    pub clock: String,
    /// A service exists or a time request was made.
    pub used: bool,
    pub services: Vec<ServiceView>,
    /// Index into `services` of the one the charts and editors show.
    pub selected: Option<usize>,
    pub charts: Vec<Chart>,
    /// Newest first.
    pub events: Vec<TimeEvent>,
    pub cost: CostView,
    /// Every Availability Zone the simulation knows, and whether it is failed.
    pub zones: Vec<(String, bool)>,
    /// Registered task definition families, for CreateService, and whether their latest
    /// revision uses the awsvpc network mode (it needs subnets).
    pub families: Vec<(String, bool)>,
    /// Capacity providers associated with the cluster (FARGATE, FARGATE_SPOT, Auto Scaling
    /// group providers).
    pub providers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceView {
    pub name: String,
    pub status: &'static str,
    pub desired: u32,
    pub running: u32,
    pub pending: u32,
    /// `web:2`.
    pub task_definition: String,
    pub family: String,
    /// "EC2 launch type", "FARGATE base 2 weight 1, FARGATE_SPOT weight 4", ...
    pub launch: String,
    /// One line per deployment: "PRIMARY web:2 IN_PROGRESS: 3 running".
    pub deployments: Vec<String>,
    /// As the service was created or last updated (the Run panel sends them again only
    /// when they change: new constraints start a new deployment).
    pub placement_constraints: Vec<serde_json::Value>,
    pub spot_tasks: usize,
    /// Its tasks per capacity provider ("FARGATE", 4), not counting those warned of a Spot
    /// interruption, which are `warned`.
    pub by_provider: Vec<(String, usize)>,
    pub warned: usize,
    pub load: String,
    /// The load picker as the service's load is now (what "Set load" sends unedited).
    pub load_form: crate::ui::time_forms::LoadForm,
    pub scaling: Option<ScalingView>,
    /// The scaling editor as the service's target and policies are now.
    pub scaling_form: crate::ui::time_forms::ScalingForm,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScalingView {
    pub min: u32,
    pub max: u32,
    pub policies: Vec<PolicyView>,
    pub alarms: Vec<AlarmView>,
    /// Newest first.
    pub activities: Vec<ActivityView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyView {
    pub name: String,
    pub kind: &'static str,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlarmView {
    pub name: String,
    pub state: &'static str,
    /// "CPUUtilization >= 60 for 1 of 1 periods of 60 s -> policy out".
    pub summary: String,
    pub reason: String,
}

/// A DescribeScalingActivities entry, with the engine's explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityView {
    pub at: i64,
    pub time: String,
    pub description: String,
    pub cause: String,
    /// "CPU 82% > target 50% for 3 datapoints: desired 4 -> 7".
    pub details: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineStyle {
    Solid,
    Dashed,
    Dotted,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub label: String,
    /// `(minutes since the start, value)`.
    pub points: Vec<(f64, f64)>,
    pub style: LineStyle,
    /// Index into the chart palette.
    pub color: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Stable id (`tasks`, `metric`, `instances`, `reservation`, `cost`).
    pub key: &'static str,
    pub title: String,
    /// Unit of the y axis ("tasks", "%", "USD").
    pub unit: String,
    pub y_max: f64,
    pub x_end: f64,
    pub lines: Vec<Line>,
    /// The text alternative: what the chart shows now.
    pub caption: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// A request made in the playground (a zone failure, a new load, ...).
    Request,
    Service,
    Scaling,
    Alarm,
    Capacity,
}

impl EventKind {
    /// Written on each entry, so colour is not the only signal.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Request => "Request",
            EventKind::Service => "Service",
            EventKind::Scaling => "Scaling",
            EventKind::Alarm => "Alarm",
            EventKind::Capacity => "Capacity",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            EventKind::Request => "ev-request",
            EventKind::Service => "ev-service",
            EventKind::Scaling => "ev-scaling",
            EventKind::Alarm => "ev-alarm",
            EventKind::Capacity => "ev-capacity",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimeEvent {
    pub at: i64,
    /// "00:12:30" (with the day after the first).
    pub time: String,
    pub kind: EventKind,
    pub text: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CostView {
    pub total: f64,
    pub ec2: f64,
    pub fargate: f64,
    pub fargate_spot: f64,
    /// USD per hour right now.
    pub rate_ec2: f64,
    pub rate_fargate: f64,
    pub rate_fargate_spot: f64,
    /// EC2 instances running now, by type: `(type, count, USD per hour each)`.
    pub by_type: Vec<(String, usize, f64)>,
}

/// The example-price note shown under the meter (the engine's prices).
pub const PRICE_NOTE: &str = "Example prices (us-east-1, Linux/x86, on demand): EC2 by instance type; Fargate $0.04048 per vCPU-hour and $0.004445 per GB-hour; Fargate Spot $0.0140264 and $0.0015402. Real prices vary by Region and over time.";

/// "Day 1 · 02:15:00" for simulated second `t`.
pub fn clock_text(t: i64) -> String {
    format!("Day {} · {}", t.div_euclid(86_400) + 1, hms(t))
}

/// "02:15:00" of the day, with "Day N " in front after the first day.
pub fn event_time(t: i64) -> String {
    let day = t.div_euclid(86_400);
    if day == 0 {
        hms(t)
    } else {
        format!("Day {} {}", day + 1, hms(t))
    }
}

fn hms(t: i64) -> String {
    let s = t.rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// "2 h 15 min", "45 s": a length of simulated time.
pub fn duration_text(seconds: i64) -> String {
    let (d, h, m, s) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} d"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

/// A number as people write it: 1,234 or 12.5.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    let rounded = (x * 10.0).round() / 10.0;
    let whole = rounded.trunc() as i64;
    let frac = ((rounded - whole as f64).abs() * 10.0).round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// "$1.23" (4 decimals under a cent).
pub fn usd(x: f64) -> String {
    if x.abs() < 0.01 && x != 0.0 {
        format!("${x:.4}")
    } else {
        format!("${x:.2}")
    }
}

impl TimeView {
    /// Reads the simulation. `selected` names the service the charts show (the first active
    /// one when it is `None` or gone).
    pub fn build(sim: &Simulation, observed: &[Observed], selected: Option<&str>) -> TimeView {
        let now = sim.clock.now;
        let services: Vec<ServiceView> = sim
            .services
            .iter()
            .filter(|s| s.status != ServiceStatus::Inactive)
            .map(|s| service_view(sim, s))
            .collect();
        let selected_index = selected
            .and_then(|name| services.iter().position(|s| s.name == name))
            .or_else(|| services.iter().position(|s| s.status == "ACTIVE"))
            .or(if services.is_empty() { None } else { Some(0) });
        let sim_index = selected_index.and_then(|i| sim.service_index(&services[i].name));
        let mut zones: Vec<(String, bool)> = Vec::new();
        let mut add_zone = |z: &str| {
            if !z.is_empty() && !zones.iter().any(|(n, _)| n == z) {
                zones.push((z.to_string(), sim.cluster.failed_azs.contains(z)));
            }
        };
        for i in &sim.cluster.instances {
            add_zone(&i.availability_zone);
        }
        for p in &sim.capacity.providers {
            for z in &p.availability_zones {
                add_zone(z);
            }
        }
        for s in &sim.services {
            for z in &s.subnet_azs {
                add_zone(z);
            }
        }
        for z in &sim.cluster.failed_azs {
            add_zone(z);
        }
        crate::sim::sorting::sort(&mut zones);
        let mut families: Vec<(String, bool)> = Vec::new();
        for td in &sim.cluster.task_definitions {
            let awsvpc = td.network_mode == NetworkMode::Awsvpc;
            match families.iter_mut().find(|(f, _)| *f == td.family) {
                Some(entry) => entry.1 = awsvpc,
                None => families.push((td.family.clone(), awsvpc)),
            }
        }
        TimeView {
            now,
            clock: clock_text(now),
            used: sim.used_time || !sim.services.is_empty(),
            charts: charts(sim, sim_index),
            events: events(sim, observed),
            cost: cost_view(sim),
            selected: selected_index,
            services,
            zones,
            families,
            providers: sim.capacity.associated.clone(),
        }
    }

    pub fn selected_service(&self) -> Option<&ServiceView> {
        self.selected.and_then(|i| self.services.get(i))
    }
}

fn td_name(sim: &Simulation, index: usize) -> (String, String) {
    sim.cluster
        .task_definitions
        .get(index)
        .map(|td| (format!("{}:{}", td.family, td.revision), td.family.clone()))
        .unwrap_or_default()
}

fn launch_text(launch: &Launch) -> String {
    match launch {
        Launch::Ec2 => "EC2 launch type".into(),
        Launch::Fargate => "FARGATE launch type".into(),
        Launch::Providers(strategy) => strategy
            .items()
            .iter()
            .map(|i| {
                let mut s = i.capacity_provider.clone();
                if i.base > 0 {
                    s.push_str(&format!(" base {}", i.base));
                }
                s.push_str(&format!(" weight {}", i.weight));
                s
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The load model in words.
pub fn load_text(load: &LoadModel) -> String {
    let mut parts = Vec::new();
    if let Some(cpu) = load.cpu_pinned {
        parts.push(format!("CPU pinned at {}%", num(cpu)));
    }
    if let Some(mem) = load.memory_pinned {
        parts.push(format!("memory pinned at {}%", num(mem)));
    }
    match &load.requests {
        Some(RequestModel::Constant(r)) => {
            parts.push(format!("a constant {} requests/min", num(*r)))
        }
        Some(RequestModel::Daily {
            min,
            max,
            peak_hour,
        }) => parts.push(format!(
            "a daily wave of {} to {} requests/min, peak at {:02}:00 UTC",
            num(*min),
            num(*max),
            peak_hour.round() as i64
        )),
        Some(RequestModel::Spike {
            base,
            peak,
            at,
            duration,
        }) => parts.push(format!(
            "{} requests/min with a spike to {} at {} for {}",
            num(*base),
            num(*peak),
            event_time(*at),
            duration_text(*duration)
        )),
        None => {}
    }
    if load.requests.is_some() {
        parts.push(format!(
            "one task serves {} requests/min at 100% CPU",
            num(load.task_capacity)
        ));
    }
    if parts.is_empty() {
        "No load set: the tasks idle.".into()
    } else {
        let mut text = parts.join("; ");
        if let Some(first) = text.get(..1) {
            text = first.to_uppercase() + &text[1..];
        }
        text + "."
    }
}

fn service_view(sim: &Simulation, s: &Service) -> ServiceView {
    let now = sim.clock.now;
    let (task_definition, family) = s
        .primary()
        .map(|d| td_name(sim, d.td_index))
        .unwrap_or_default();
    let deployments = s
        .deployments
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let running = s
                .tasks
                .iter()
                .filter(|t| t.deployment == d.seq && t.is_running(now))
                .count();
            format!(
                "{} {} {}: {} running",
                if i == 0 { "PRIMARY" } else { "ACTIVE" },
                td_name(sim, d.td_index).0,
                match d.rollout {
                    Rollout::InProgress => "IN_PROGRESS",
                    Rollout::Completed => "COMPLETED",
                },
                running
            )
        })
        .collect();
    ServiceView {
        name: s.name.clone(),
        status: s.status.as_str(),
        desired: s.desired_count,
        running: s.running_count(now),
        pending: s.pending_count(now),
        task_definition,
        family,
        placement_constraints: s.constraints_json.clone(),
        launch: s
            .primary()
            .map(|d| launch_text(&d.launch))
            .unwrap_or_default(),
        deployments,
        spot_tasks: s
            .tasks
            .iter()
            .filter(|t| t.capacity == Capacity::FargateSpot && t.interrupted_at.is_none())
            .count(),
        by_provider: by_provider(s),
        warned: s
            .tasks
            .iter()
            .filter(|t| t.interrupted_at.is_some())
            .count(),
        load: load_text(&s.load),
        load_form: crate::ui::time_forms::LoadForm::of(&s.load, now),
        scaling: scaling_view(sim, s),
        scaling_form: crate::ui::time_forms::ScalingForm::of(sim, &s.name),
    }
}

/// Tasks per capacity provider, in the order the providers first appear.
fn by_provider(s: &Service) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for t in s.tasks.iter().filter(|t| t.interrupted_at.is_none()) {
        let Some(p) = t.provider.as_deref() else {
            continue;
        };
        match out.iter_mut().find(|(name, _)| name == p) {
            Some((_, n)) => *n += 1,
            None => out.push((p.to_string(), 1)),
        }
    }
    out
}

fn comparison_text(op: ComparisonOperator) -> &'static str {
    match op {
        ComparisonOperator::GreaterThanOrEqualToThreshold => ">=",
        ComparisonOperator::GreaterThanThreshold => ">",
        ComparisonOperator::LessThanThreshold => "<",
        ComparisonOperator::LessThanOrEqualToThreshold => "<=",
    }
}

fn alarm_watches(alarm: &MetricAlarm, service: &Service) -> bool {
    match &alarm.subject {
        AlarmSubject::Service(name) => *name == service.name,
        AlarmSubject::TargetGroup(tg) => service
            .load_balancers
            .iter()
            .any(|lb| lb.target_group_suffix() == *tg || lb.target_group_arn == *tg),
    }
}

fn metric_label(metric: EcsMetric) -> &'static str {
    match metric {
        EcsMetric::Cpu => "average CPU",
        EcsMetric::Memory => "average memory",
        EcsMetric::AlbRequestCountPerTarget => "requests per target",
    }
}

fn scaling_view(sim: &Simulation, s: &Service) -> Option<ScalingView> {
    let target = sim
        .scaling
        .targets
        .iter()
        .find(|t| t.target.resource.service == s.name)?;
    let resource_id = target.target.resource.resource_id();
    let policies = sim
        .scaling
        .policies
        .iter()
        .filter(|p| p.policy.resource.service == s.name)
        .map(|p| match &p.policy.kind {
            PolicyKind::TargetTracking(tt) => {
                let unit = if tt.metric.metric == EcsMetric::AlbRequestCountPerTarget {
                    ""
                } else {
                    "%"
                };
                let low = tt.target_value * tt.alarms.scale_in_fraction_of_target;
                PolicyView {
                    name: p.policy.name.clone(),
                    kind: "Target tracking",
                    summary: format!(
                        "Keeps {} at {}{unit}: scales out after {} datapoints above {}{unit}, {} after {} datapoints below {}{unit}. Cooldowns: {} s out, {} s in.",
                        metric_label(tt.metric.metric),
                        num(tt.target_value),
                        tt.alarms.scale_out_datapoints,
                        num(tt.target_value),
                        if tt.disable_scale_in { "never scales in (DisableScaleIn)" } else { "scales in" },
                        tt.alarms.scale_in_datapoints,
                        num(low),
                        tt.scale_out_cooldown_seconds,
                        tt.scale_in_cooldown_seconds
                    ),
                }
            }
            PolicyKind::Step(step) => {
                let adjust = |a: i64| match step.adjustment_type {
                    AdjustmentType::ChangeInCapacity => format!("{a:+} tasks"),
                    AdjustmentType::PercentChangeInCapacity => format!("{a:+}%"),
                    AdjustmentType::ExactCapacity => format!("set to {a}"),
                };
                let side = if step.steps.iter().all(|st| st.upper.is_some_and(|u| u <= 0.0)) {
                    BreachSide::Below
                } else {
                    BreachSide::Above
                };
                let steps: Vec<String> = step
                    .steps
                    .iter()
                    .map(|st| format!("{} {}", st.describe(side), adjust(st.adjustment)))
                    .collect();
                let alarms: Vec<&str> = sim
                    .alarms
                    .iter()
                    .filter(|a| a.actions.iter().any(|x| *x == p.arn || *x == p.policy.name))
                    .map(|a| a.name.as_str())
                    .collect();
                PolicyView {
                    name: p.policy.name.clone(),
                    kind: "Step scaling",
                    summary: format!(
                        "Steps from the alarm threshold: {}. Cooldown {} s. Invoked by {}.",
                        steps.join(", "),
                        step.cooldown_seconds,
                        if alarms.is_empty() {
                            "no alarm yet (add one with PutMetricAlarm)".to_string()
                        } else {
                            alarms.join(", ")
                        }
                    ),
                }
            }
        })
        .collect();
    let alarms = sim
        .alarms
        .iter()
        .filter(|a| alarm_watches(a, s))
        .map(|a| AlarmView {
            name: a.name.clone(),
            state: a.state.as_str(),
            summary: format!(
                "{} {} {} for {} of {} periods of {} s{}",
                a.metric.name(),
                comparison_text(a.alarm.comparison),
                num(a.alarm.threshold),
                a.datapoints_to_alarm,
                a.evaluation_periods,
                a.period_minutes * 60,
                if a.actions.is_empty() {
                    String::new()
                } else {
                    format!(
                        " -> {}",
                        a.actions
                            .iter()
                            .map(|x| x.rsplit('/').next().unwrap_or(x))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ),
            reason: a.reason.clone(),
        })
        .collect();
    let activities = sim
        .scaling
        .activities
        .iter()
        .rev()
        .filter(|a| a.resource_id == resource_id)
        .take(50)
        .map(|a| ActivityView {
            at: a.at,
            time: event_time(a.at),
            description: a.description.clone(),
            cause: a.cause.clone(),
            details: a.details.clone(),
        })
        .collect();
    Some(ScalingView {
        min: target.target.limits.min(),
        max: target.target.limits.max(),
        policies,
        alarms,
        activities,
    })
}

/// Every `stride`-th entry and always the last, so a long run keeps its shape.
fn sampled<T>(items: &[T]) -> impl Iterator<Item = &T> {
    let stride = items.len().div_ceil(MAX_POINTS).max(1);
    let last = items.len().saturating_sub(1);
    items
        .iter()
        .enumerate()
        .filter(move |(i, _)| i % stride == 0 || *i == last)
        .map(|(_, x)| x)
}

fn minutes(t: i64) -> f64 {
    t as f64 / 60.0
}

/// The metric the charts show for a service: the first target tracking policy's, else the
/// first alarm's, else CPU (or requests when only they are known).
/// A threshold line: its label, value, and whether crossing it upwards scales out (drawn in
/// its own colour and dash, apart from the scale-in ones).
type Threshold = (String, f64, bool);

fn chart_metric(sim: &Simulation, s: &Service) -> (MetricKind, Option<f64>, Vec<Threshold>) {
    let mut thresholds = Vec::new();
    let mut target = None;
    let mut kind = None;
    for p in sim
        .scaling
        .policies
        .iter()
        .filter(|p| p.policy.resource.service == s.name)
    {
        if let PolicyKind::TargetTracking(tt) = &p.policy.kind {
            let k = match tt.metric.metric {
                EcsMetric::Cpu => MetricKind::Cpu,
                EcsMetric::Memory => MetricKind::Memory,
                EcsMetric::AlbRequestCountPerTarget => MetricKind::RequestCountPerTarget,
            };
            if kind.is_none() {
                kind = Some(k);
                target = Some(tt.target_value);
                thresholds.push((
                    format!(
                        "AlarmLow {}",
                        num(tt.target_value * tt.alarms.scale_in_fraction_of_target)
                    ),
                    tt.target_value * tt.alarms.scale_in_fraction_of_target,
                    false,
                ));
            }
        }
    }
    for a in sim.alarms.iter().filter(|a| alarm_watches(a, s)) {
        if kind.is_none() {
            kind = Some(a.metric);
        }
        if Some(a.metric) == kind {
            let high = matches!(
                a.alarm.comparison,
                ComparisonOperator::GreaterThanOrEqualToThreshold
                    | ComparisonOperator::GreaterThanThreshold
            );
            thresholds.push((
                format!(
                    "{} (scale {} {})",
                    a.name,
                    if high { "out above" } else { "in below" },
                    num(a.alarm.threshold)
                ),
                a.alarm.threshold,
                high,
            ));
        }
    }
    let kind = kind.unwrap_or_else(|| {
        let has_cpu = s.metrics.iter().any(|p| p.cpu.is_some());
        if !has_cpu && s.metrics.iter().any(|p| p.requests.is_some()) {
            MetricKind::RequestCount
        } else {
            MetricKind::Cpu
        }
    });
    (kind, target, thresholds)
}

fn unit_of(kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::Cpu | MetricKind::Memory => "%",
        MetricKind::RequestCount => "requests/min",
        MetricKind::RequestCountPerTarget => "requests/target",
    }
}

fn nice_max(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= x {
            return m * p;
        }
    }
    10.0 * p
}

fn charts(sim: &Simulation, service: Option<usize>) -> Vec<Chart> {
    let timeline = &sim.timeline;
    let x_end = minutes(sim.clock.now).max(10.0);
    let at = event_time(sim.clock.now);
    let mut out = Vec::new();
    if let Some(si) = service {
        let s = &sim.services[si];
        let name = &s.name;
        let snap = |e: &crate::sim::time::timeline::TimelineEntry| {
            e.services.iter().find(|x| x.service == si).cloned()
        };
        let mut desired = Vec::new();
        let mut running = Vec::new();
        let mut pending = Vec::new();
        for e in sampled(timeline) {
            if let Some(x) = snap(e) {
                let t = minutes(e.time);
                desired.push((t, f64::from(x.desired)));
                running.push((t, f64::from(x.running)));
                pending.push((t, f64::from(x.pending)));
            }
        }
        let top = desired
            .iter()
            .chain(running.iter())
            .chain(pending.iter())
            .map(|p| p.1)
            .fold(f64::from(s.desired_count), f64::max);
        out.push(Chart {
            key: "tasks",
            title: format!("Tasks of {name}: desired and running"),
            unit: "tasks".into(),
            y_max: nice_max(top.max(4.0) * 1.1),
            x_end,
            caption: format!(
                "At {at}: desired {}, running {}, pending {}.",
                s.desired_count,
                s.running_count(sim.clock.now),
                s.pending_count(sim.clock.now)
            ),
            lines: vec![
                Line {
                    label: "desired".into(),
                    points: desired,
                    style: LineStyle::Solid,
                    color: 0,
                },
                Line {
                    label: "running".into(),
                    points: running,
                    style: LineStyle::Dashed,
                    color: 1,
                },
                Line {
                    label: "pending".into(),
                    points: pending,
                    style: LineStyle::Dotted,
                    color: 2,
                },
            ],
        });

        let (kind, target, thresholds) = chart_metric(sim, s);
        let values: Vec<(f64, f64)> = sampled(&s.metrics)
            .filter_map(|p| kind.value(p).map(|v| (minutes(p.time), v)))
            .collect();
        let latest = s.metrics.last().and_then(|p| kind.value(p));
        let unit = unit_of(kind);
        let mut top = values.iter().map(|p| p.1).fold(0.0, f64::max);
        for (_, v, _) in &thresholds {
            top = top.max(*v);
        }
        if let Some(t) = target {
            top = top.max(t);
        }
        let y_max = if unit == "%" && top <= 100.0 {
            100.0
        } else {
            nice_max(top * 1.1)
        };
        let mut lines = vec![Line {
            label: kind.name().into(),
            points: values,
            style: LineStyle::Solid,
            color: 0,
        }];
        let x0 = minutes(s.created_at);
        if let Some(t) = target {
            lines.push(Line {
                label: format!("target {}", num(t)),
                points: vec![(x0, t), (x_end, t)],
                style: LineStyle::Dashed,
                color: 3,
            });
        }
        for (label, v, high) in &thresholds {
            // Scale-out thresholds red and dotted, scale-in ones grey and dashed.
            lines.push(Line {
                label: label.clone(),
                points: vec![(x0, *v), (x_end, *v)],
                style: if *high {
                    LineStyle::Dotted
                } else {
                    LineStyle::Dashed
                },
                color: if *high { 4 } else { 2 },
            });
        }
        let mut caption = match latest {
            Some(v) => format!(
                "At {at}: {} {}{}",
                kind.name(),
                num(v),
                if unit == "%" { "%" } else { "" }
            ),
            None => format!(
                "At {at}: no {} datapoint yet (no running task or no load)",
                kind.name()
            ),
        };
        if let Some(t) = target {
            caption.push_str(&format!("; target {}", num(t)));
        }
        if !thresholds.is_empty() {
            caption.push_str(&format!(
                "; thresholds: {}",
                thresholds
                    .iter()
                    .map(|(l, _, _)| l.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        caption.push('.');
        out.push(Chart {
            key: "metric",
            title: format!("{} of {name} ({unit})", kind.name()),
            unit: unit.into(),
            y_max,
            x_end,
            lines,
            caption,
        });
    }

    let instances: Vec<(f64, f64)> = sampled(timeline)
        .map(|e| (minutes(e.time), e.instances as f64))
        .collect();
    let top = instances
        .iter()
        .map(|p| p.1)
        .fold(sim.cluster.instances.len() as f64, f64::max);
    out.push(Chart {
        key: "instances",
        title: "Container instances".into(),
        unit: "instances".into(),
        y_max: nice_max(top.max(4.0) * 1.1),
        x_end,
        caption: format!(
            "At {at}: {} container instances registered.",
            sim.cluster.instances.len()
        ),
        lines: vec![Line {
            label: "instances".into(),
            points: instances,
            style: LineStyle::Solid,
            color: 0,
        }],
    });

    if !sim.capacity.providers.is_empty() {
        let mut lines = Vec::new();
        let mut top: f64 = 100.0;
        let mut caption = Vec::new();
        for (i, p) in sim.capacity.providers.iter().enumerate() {
            let points: Vec<(f64, f64)> = sampled(timeline)
                .filter_map(|e| {
                    e.reservation
                        .iter()
                        .find(|(n, _)| *n == p.name)
                        .map(|(_, v)| (minutes(e.time), *v))
                })
                .collect();
            top = points.iter().map(|x| x.1).fold(top, f64::max);
            caption.push(format!(
                "{} {}% (target {}%, {} instances desired{})",
                p.name,
                p.last_reservation.map(num).unwrap_or_else(|| "-".into()),
                p.settings.managed_scaling.target_capacity,
                p.desired,
                p.last_needed_running
                    .and_then(|(m, n)| reservation_special_case(m, n))
                    .map(|note| format!("; {note}"))
                    .unwrap_or_default()
            ));
            lines.push(Line {
                label: p.name.clone(),
                points,
                style: LineStyle::Solid,
                color: i % 3,
            });
            let target = f64::from(p.settings.managed_scaling.target_capacity);
            lines.push(Line {
                label: format!("target {}%", p.settings.managed_scaling.target_capacity),
                points: vec![(0.0, target), (x_end, target)],
                style: LineStyle::Dashed,
                color: 3,
            });
        }
        out.push(Chart {
            key: "reservation",
            title: "CapacityProviderReservation (%)".into(),
            unit: "%".into(),
            y_max: nice_max(top * 1.05),
            x_end,
            caption: format!("At {at}: {}.", caption.join("; ")),
            lines,
        });
    }

    let cost: Vec<(f64, f64)> = sampled(timeline)
        .map(|e| (minutes(e.time), e.cost_usd))
        .collect();
    let total = sim.cost.total();
    out.push(Chart {
        key: "cost",
        title: "Cost so far (USD, example prices)".into(),
        unit: "USD".into(),
        y_max: nice_max(cost.iter().map(|p| p.1).fold(total, f64::max).max(0.01) * 1.1),
        x_end,
        caption: format!(
            "After {}: {} in total (EC2 {}, Fargate {}, Fargate Spot {}).",
            duration_text(sim.clock.now),
            usd(total),
            usd(sim.cost.ec2),
            usd(sim.cost.fargate),
            usd(sim.cost.fargate_spot)
        ),
        lines: vec![Line {
            label: "total".into(),
            points: cost,
            style: LineStyle::Solid,
            color: 0,
        }],
    });
    out
}

fn events(sim: &Simulation, observed: &[Observed]) -> Vec<TimeEvent> {
    let mut all: Vec<TimeEvent> = Vec::new();
    for s in &sim.services {
        for e in s.events.iter().rev().take(MAX_EVENTS) {
            all.push(TimeEvent {
                at: e.at,
                time: String::new(),
                kind: EventKind::Service,
                text: e.message.clone(),
                detail: None,
            });
        }
    }
    for a in sim.scaling.activities.iter().rev().take(MAX_EVENTS) {
        let service = a.resource_id.rsplit('/').next().unwrap_or(&a.resource_id);
        all.push(TimeEvent {
            at: a.at,
            time: String::new(),
            kind: EventKind::Scaling,
            text: format!(
                "(service {service}) {} Cause: {}",
                a.description,
                sentence(&a.cause)
            ),
            detail: Some(a.details.clone()).filter(|d| !d.is_empty()),
        });
    }
    for o in observed.iter().rev().take(MAX_EVENTS) {
        all.push(match o {
            Observed::Alarm { at, name, from, to, reason } => TimeEvent {
                at: *at,
                time: String::new(),
                kind: EventKind::Alarm,
                text: format!("Alarm {name} changed from {from} to {to}."),
                detail: Some(reason.clone()).filter(|r| !r.is_empty()),
            },
            Observed::Request { at, text } => TimeEvent {
                at: *at,
                time: String::new(),
                kind: EventKind::Request,
                text: text.clone(),
                detail: None,
            },
            Observed::Spot { at, text } => TimeEvent {
                at: *at,
                time: String::new(),
                kind: EventKind::Service,
                text: text.clone(),
                detail: None,
            },
            Observed::Capacity { at, provider, from, to, why } => TimeEvent {
                at: *at,
                time: String::new(),
                kind: EventKind::Capacity,
                text: format!(
                    "Managed scaling set the desired capacity of {provider}'s Auto Scaling group from {from} to {to}."
                ),
                detail: Some(why.clone()).filter(|w| !w.is_empty()),
            },
        });
    }
    // Newest first; at the same second, the order they were written in, last first.
    crate::sim::sorting::sort_by_key(&mut all, |e| std::cmp::Reverse(e.at));
    all.truncate(MAX_EVENTS);
    for e in &mut all {
        e.time = event_time(e.at);
    }
    all
}

fn cost_view(sim: &Simulation) -> CostView {
    let rates = cost::hourly_rates(sim);
    let mut by_type: Vec<(String, usize, f64)> = Vec::new();
    for i in &sim.cluster.instances {
        let name = i.instance_type.clone().unwrap_or_else(|| "custom".into());
        match by_type.iter_mut().find(|(n, _, _)| *n == name) {
            Some(entry) => entry.1 += 1,
            None => {
                let price = catalog::lookup(&name)
                    .map(|t| t.usd_per_hour)
                    .unwrap_or(0.0);
                by_type.push((name, 1, price));
            }
        }
    }
    crate::sim::sorting::sort_by(&mut by_type, |a, b| a.0.cmp(&b.0));
    CostView {
        total: sim.cost.total(),
        ec2: sim.cost.ec2,
        fargate: sim.cost.fargate,
        fargate_spot: sim.cost.fargate_spot,
        rate_ec2: rates.ec2,
        rate_fargate: rates.fargate,
        rate_fargate_spot: rates.fargate_spot,
        by_type,
    }
}

/// The event log's words for the time requests (the placement ones are worded there).
pub fn request_summary(
    operation: &str,
    body: &serde_json::Value,
    response: &serde_json::Value,
) -> Option<String> {
    let text = |v: &serde_json::Value, k: &str| {
        v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string()
    };
    let int = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_i64()).unwrap_or(0);
    Some(match operation {
        "CreateService" => format!(
            "Created service {} with {} desired tasks of {}.",
            text(body, "serviceName"),
            int(body, "desiredCount"),
            text(body, "taskDefinition")
        ),
        "UpdateService" => {
            let name = text(body, "service");
            match (body.get("desiredCount"), body.get("taskDefinition")) {
                (_, Some(td)) => format!(
                    "Updated service {name} to task definition {}: a rolling deployment starts.",
                    td.as_str().unwrap_or("")
                ),
                (Some(n), None) => format!("Updated service {name}: desired count {n}."),
                _ => format!("Updated service {name}."),
            }
        }
        "DeleteService" => format!("Deleted service {}: its tasks stop.", text(body, "service")),
        "AdvanceTime" => {
            let t = response.get("time").and_then(|x| x.as_i64()).unwrap_or(0);
            format!(
                "The clock moved forward {} to {}.",
                duration_text(int(body, "seconds")),
                clock_text(t)
            )
        }
        "SetLoad" => format!("Set the load of {}.", text(body, "service")),
        "RegisterScalableTarget" => format!(
            "Registered {} as a scalable target: {} to {} tasks.",
            text(body, "ResourceId"),
            int(body, "MinCapacity"),
            int(body, "MaxCapacity")
        ),
        "PutScalingPolicy" => format!(
            "Put scaling policy {} ({}).",
            text(body, "PolicyName"),
            text(body, "PolicyType")
        ),
        "PutScheduledAction" => format!(
            "Put scheduled action {} ({}).",
            text(body, "ScheduledActionName"),
            text(body, "Schedule")
        ),
        "PutMetricAlarm" => format!(
            "Put CloudWatch alarm {} on {}.",
            text(body, "AlarmName"),
            text(body, "MetricName")
        ),
        "CreateCapacityProvider" => format!("Created capacity provider {}.", text(body, "name")),
        "PutClusterCapacityProviders" => format!(
            "The cluster's capacity providers: {}.",
            body.get("capacityProviders")
                .and_then(|v| v.as_array())
                .map(|a| a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default()
        ),
        "FailAvailabilityZone" => format!(
            "{} failed (simulated outage): {} tasks stopped.",
            text(body, "availabilityZone"),
            int(response, "tasksStopped") + int(response, "fargateTasksStopped")
        ),
        "RestoreAvailabilityZone" => format!("{} is back.", text(body, "availabilityZone")),
        "SetSpotInterruptionRate" => "Set how often Spot tasks are interrupted.".to_string(),
        "SetAppHealth" => format!(
            "Set how {} answers health checks.",
            text(body, "taskDefinition")
        ),
        _ => return None,
    })
}
