//! Service Auto Scaling over time: scalable targets, step and target tracking policies,
//! scheduled actions and the CloudWatch alarms that invoke step policies, evaluated at the end
//! of every simulated minute with the arithmetic of `sim::autoscaling`.

use serde_json::{json, Value};

use crate::sim::autoscaling::policy::{
    PolicyKind, PutScalingPolicyRequest, PutScheduledActionRequest, RegisterScalableTargetRequest,
    ScalableTarget, ScalingPolicy, ServiceResource,
};
use crate::sim::autoscaling::schedule::{apply_scheduled_action, ScheduledAction};
use crate::sim::autoscaling::step::{evaluate_step_policy, StepInput, StepPolicyState};
use crate::sim::autoscaling::target_tracking::{
    evaluate_target_tracking, CooldownState, EcsMetric, ScalingContext,
};
use crate::sim::autoscaling::ValidationError;
use crate::sim::cluster::{ApiError, ACCOUNT};

use super::alarms::{AlarmState, AlarmSubject, MetricAlarm};
use super::metrics::{series, MetricKind};
use super::service::splitmix;
use super::simulation::Simulation;

#[derive(Debug, Clone)]
pub struct TargetState {
    pub target: ScalableTarget,
    pub cooldown: CooldownState,
}

#[derive(Debug, Clone)]
pub struct PolicyState {
    pub policy: ScalingPolicy,
    pub arn: String,
    pub step_state: StepPolicyState,
    /// The alarms AWS creates for a target tracking policy (names only).
    pub alarm_names: Vec<String>,
}

/// A DescribeScalingActivities entry.
#[derive(Debug, Clone)]
pub struct Activity {
    pub at: i64,
    pub resource_id: String,
    pub description: String,
    pub cause: String,
    pub details: String,
}

#[derive(Debug, Clone, Default)]
pub struct ScalingState {
    pub targets: Vec<TargetState>,
    pub policies: Vec<PolicyState>,
    pub scheduled: Vec<ScheduledAction>,
    pub activities: Vec<Activity>,
}

fn validation(e: ValidationError) -> ApiError {
    ApiError {
        code: "ValidationException",
        message: e.message,
    }
}

fn parse<T: serde::de::DeserializeOwned>(body: &Value, operation: &str) -> Result<T, ApiError> {
    serde_json::from_value(body.clone()).map_err(|e| ApiError {
        code: "ValidationException",
        message: format!("{operation}: {e}"),
    })
}

fn not_registered(resource: &ServiceResource) -> ApiError {
    ApiError {
        code: "ObjectNotFoundException",
        message: format!(
            "No scalable target registered for service namespace: ecs, resource ID: {}, scalable dimension: ecs:service:DesiredCount",
            resource.resource_id()
        ),
    }
}

fn uuid(seed: u64) -> String {
    let a = splitmix(seed);
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

impl ScalingState {
    fn target_index(&self, resource: &ServiceResource) -> Option<usize> {
        // Assumption: the playground has one cluster, so targets are matched by service name.
        self.targets
            .iter()
            .position(|t| t.target.resource.service == resource.service)
    }

    pub fn targets_json(&self) -> Value {
        self.targets
            .iter()
            .map(|t| {
                json!({
                    "ServiceNamespace": "ecs",
                    "ResourceId": t.target.resource.resource_id(),
                    "ScalableDimension": "ecs:service:DesiredCount",
                    "MinCapacity": t.target.limits.min(),
                    "MaxCapacity": t.target.limits.max(),
                    "SuspendedState": {
                        "DynamicScalingInSuspended": t.target.suspended.dynamic_scaling_in_suspended.unwrap_or(false),
                        "DynamicScalingOutSuspended": t.target.suspended.dynamic_scaling_out_suspended.unwrap_or(false),
                        "ScheduledScalingSuspended": t.target.suspended.scheduled_scaling_suspended.unwrap_or(false),
                    },
                })
            })
            .collect::<Vec<_>>()
            .into()
    }

    pub fn policies_json(&self) -> Value {
        self.policies
            .iter()
            .map(|p| {
                json!({
                    "PolicyARN": p.arn,
                    "PolicyName": p.policy.name,
                    "ServiceNamespace": "ecs",
                    "ResourceId": p.policy.resource.resource_id(),
                    "PolicyType": match p.policy.kind { PolicyKind::Step(_) => "StepScaling", PolicyKind::TargetTracking(_) => "TargetTrackingScaling" },
                    "Alarms": p.alarm_names.iter().map(|n| json!({"AlarmName": n})).collect::<Vec<_>>(),
                })
            })
            .collect::<Vec<_>>()
            .into()
    }

    pub fn scheduled_json(&self, clock: &super::clock::Clock) -> Value {
        self.scheduled
            .iter()
            .map(|a| {
                json!({
                    "ScheduledActionName": a.name,
                    "ResourceId": a.resource.resource_id(),
                    "ScalableTargetAction": {"MinCapacity": a.change.min_capacity, "MaxCapacity": a.change.max_capacity},
                    "NextRun": a.next_run_after(clock.epoch()).map(super::clock::iso8601),
                })
            })
            .collect::<Vec<_>>()
            .into()
    }

    pub fn activities_json(&self, clock: &super::clock::Clock) -> Value {
        self.activities
            .iter()
            .rev()
            .enumerate()
            .map(|(i, a)| {
                json!({
                    "ActivityId": uuid(a.at as u64 ^ ((self.activities.len() - i) as u64) << 40),
                    "ServiceNamespace": "ecs",
                    "ResourceId": a.resource_id,
                    "ScalableDimension": "ecs:service:DesiredCount",
                    "Description": a.description,
                    "Cause": a.cause,
                    "StartTime": clock.iso(a.at),
                    "EndTime": clock.iso(a.at),
                    "StatusCode": "Successful",
                    "Details": a.details,
                })
            })
            .collect::<Vec<_>>()
            .into()
    }
}

/// RegisterScalableTarget: also moves the desired count into the new range ("it changes the
/// resource's current capacity to a value that is inside of this range").
pub fn register_scalable_target(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let request: RegisterScalableTargetRequest = parse(body, "RegisterScalableTarget")?;
    let resource = crate::sim::autoscaling::policy::check_ecs_target(
        request.service_namespace.as_deref(),
        request.resource_id.as_deref(),
        request.scalable_dimension.as_deref(),
    )
    .map_err(validation)?;
    let existing = sim.scaling.target_index(&resource);
    let target = request
        .resolve(existing.map(|i| &sim.scaling.targets[i].target))
        .map_err(validation)?;
    let Some(s) = sim
        .service_index(&resource.service)
        .filter(|&s| sim.services[s].is_active())
    else {
        return Err(ApiError {
            code: "ValidationException",
            message: format!("ECS service doesn't exist: {}", resource.resource_id()),
        });
    };
    let region = sim.cluster.region();
    let arn = format!(
        "arn:aws:application-autoscaling:{region}:{ACCOUNT}:scalable-target/{}",
        &uuid(s as u64 ^ 0xa5a5)[..8]
    );
    let limits = target.limits;
    match existing {
        Some(i) => sim.scaling.targets[i].target = target,
        None => sim.scaling.targets.push(TargetState {
            target,
            cooldown: CooldownState::default(),
        }),
    }
    let desired = sim.services[s].desired_count;
    let clamped = limits.clamp(i64::from(desired));
    if clamped != desired {
        set_desired(
            sim,
            s,
            clamped,
            &resource,
            "RegisterScalableTarget".into(),
            format!(
                "desired count {desired} is outside MinCapacity {} / MaxCapacity {}",
                limits.min(),
                limits.max()
            ),
        );
    }
    Ok(json!({"ScalableTargetARN": arn}))
}

pub fn put_scaling_policy(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let request: PutScalingPolicyRequest = parse(body, "PutScalingPolicy")?;
    let policy = request.resolve().map_err(validation)?;
    if sim.scaling.target_index(&policy.resource).is_none() {
        return Err(not_registered(&policy.resource));
    }
    let region = sim.cluster.region();
    let id = uuid(sim.scaling.policies.len() as u64 ^ 0x5ca1e);
    let arn = format!(
        "arn:aws:autoscaling:{region}:{ACCOUNT}:scalingPolicy:{id}:resource/ecs/{}:policyName/{}",
        policy.resource.resource_id(),
        policy.name
    );
    let alarm_names = match policy.kind {
        PolicyKind::TargetTracking(_) => vec![
            format!(
                "TargetTracking-{}-AlarmHigh-{}",
                policy.resource.resource_id(),
                &id[..8]
            ),
            format!(
                "TargetTracking-{}-AlarmLow-{}",
                policy.resource.resource_id(),
                &id[9..13]
            ),
        ],
        PolicyKind::Step(_) => vec![],
    };
    let state = PolicyState {
        policy,
        arn: arn.clone(),
        step_state: StepPolicyState::default(),
        alarm_names: alarm_names.clone(),
    };
    match sim.scaling.policies.iter().position(|p| {
        p.policy.name == state.policy.name && p.policy.resource == state.policy.resource
    }) {
        // "an update keeps the policy's ARN".
        Some(i) => {
            let arn = sim.scaling.policies[i].arn.clone();
            sim.scaling.policies[i] = PolicyState {
                arn: arn.clone(),
                ..state
            };
            return Ok(
                json!({"PolicyARN": arn, "Alarms": sim.scaling.policies[i].alarm_names.iter().map(|n| json!({"AlarmName": n})).collect::<Vec<_>>()}),
            );
        }
        None => sim.scaling.policies.push(state),
    }
    let alarms: Vec<Value> = alarm_names
        .iter()
        .map(|n| json!({"AlarmName": n, "AlarmARN": format!("arn:aws:cloudwatch:{region}:{ACCOUNT}:alarm:{n}")}))
        .collect();
    Ok(json!({"PolicyARN": arn, "Alarms": alarms}))
}

pub fn put_scheduled_action(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let request: PutScheduledActionRequest = parse(body, "PutScheduledAction")?;
    let action = ScheduledAction::from_request(&request, sim.clock.epoch()).map_err(validation)?;
    if sim.scaling.target_index(&action.resource).is_none() {
        return Err(not_registered(&action.resource));
    }
    let region = sim.cluster.region();
    let arn = format!(
        "arn:aws:autoscaling:{region}:{ACCOUNT}:scheduledAction:{}:resource/ecs/{}:scheduledActionName/{}",
        uuid(sim.scaling.scheduled.len() as u64 ^ 0x5c4ed),
        action.resource.resource_id(),
        action.name
    );
    // "Action names are unique per scalable target": putting the same name replaces it.
    match sim
        .scaling
        .scheduled
        .iter()
        .position(|a| a.name == action.name && a.resource == action.resource)
    {
        Some(i) => sim.scaling.scheduled[i] = action,
        None => sim.scaling.scheduled.push(action),
    }
    Ok(json!({"ScheduledActionARN": arn}))
}

pub fn put_metric_alarm(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let alarm = MetricAlarm::from_request(body, &sim.cluster.region())?;
    match sim.alarms.iter().position(|a| a.name == alarm.name) {
        Some(i) => sim.alarms[i] = alarm,
        None => sim.alarms.push(alarm),
    }
    Ok(json!({}))
}

fn set_desired(
    sim: &mut Simulation,
    s: usize,
    n: u32,
    resource: &ServiceResource,
    cause: String,
    details: String,
) {
    let service = &mut sim.services[s];
    if service.desired_count == n {
        return;
    }
    service.desired_count = n;
    service.dirty = true;
    service.steady = false;
    sim.scaling.activities.push(Activity {
        at: sim.clock.now,
        resource_id: resource.resource_id(),
        description: format!("Setting desired count to {n}."),
        cause,
        details,
    });
}

/// The service a subject names (an alarm's ServiceName or TargetGroup dimension).
fn subject_service(sim: &Simulation, subject: &AlarmSubject) -> Option<usize> {
    match subject {
        AlarmSubject::Service(name) => sim
            .service_index(name)
            .filter(|&s| sim.services[s].is_active()),
        AlarmSubject::TargetGroup(tg) => sim.services.iter().position(|s| {
            s.is_active()
                && s.load_balancers
                    .iter()
                    .any(|lb| lb.target_group_suffix() == tg || lb.target_group_arn == *tg)
        }),
    }
}

/// The end of a simulated minute: alarms and step policies, target tracking, scheduled actions.
pub fn minute(sim: &mut Simulation) {
    let minute = sim.clock.now / 60;
    let epoch = sim.clock.epoch();

    // Alarms, then the step policies of those in ALARM.
    let mut invoked: Vec<(usize, usize)> = Vec::new();
    for a in 0..sim.alarms.len() {
        let service = subject_service(sim, &sim.alarms[a].subject);
        let points = service.map(|s| sim.services[s].metrics.as_slice());
        let evaluated = sim.alarms[a].evaluate(minute, points);
        if evaluated && sim.alarms[a].state == AlarmState::Alarm {
            for action in &sim.alarms[a].actions {
                if let Some(p) = sim
                    .scaling
                    .policies
                    .iter()
                    .position(|p| p.arn == *action || p.policy.name == *action)
                {
                    invoked.push((p, a));
                }
            }
        }
    }
    for (p, a) in invoked {
        step_policy(sim, p, a, epoch);
    }

    for t in 0..sim.scaling.targets.len() {
        target_tracking(sim, t, epoch);
    }

    for k in 0..sim.scaling.scheduled.len() {
        let runs = sim.scaling.scheduled[k].runs_between(epoch - 60, epoch, 1);
        if !runs.is_empty() {
            scheduled_action(sim, k);
        }
    }
}

fn step_policy(sim: &mut Simulation, p: usize, a: usize, epoch: i64) {
    let PolicyKind::Step(policy) = &sim.scaling.policies[p].policy.kind else {
        return;
    };
    let policy = policy.clone();
    let resource = sim.scaling.policies[p].policy.resource.clone();
    let Some(metric) = sim.alarms[a].last_value else {
        return;
    };
    let Some(t) = sim.scaling.target_index(&resource) else {
        return;
    };
    let Some(s) = sim
        .service_index(&resource.service)
        .filter(|&s| sim.services[s].is_active())
    else {
        return;
    };
    let service = &sim.services[s];
    let target = &sim.scaling.targets[t].target;
    let input = StepInput {
        now: epoch,
        metric,
        alarm: sim.alarms[a].alarm,
        running_count: service.running_count(sim.clock.now),
        desired_count: service.desired_count,
        limits: target.limits,
        suspensions: target.suspensions(service.deployment_in_progress()),
    };
    let decision = evaluate_step_policy(&policy, &sim.scaling.policies[p].step_state, &input);
    sim.scaling.policies[p].step_state = decision.next_state;
    if let Some(n) = decision.new_desired_count {
        let cause = format!(
            "monitor alarm {} in state ALARM triggered policy {}",
            sim.alarms[a].name, sim.scaling.policies[p].policy.name
        );
        set_desired(sim, s, n, &resource, cause, decision.explanation);
    }
}

fn target_tracking(sim: &mut Simulation, t: usize, epoch: i64) {
    let resource = sim.scaling.targets[t].target.resource.clone();
    let Some(s) = sim
        .service_index(&resource.service)
        .filter(|&s| sim.services[s].is_active())
    else {
        return;
    };
    let policies: Vec<usize> = (0..sim.scaling.policies.len())
        .filter(|&p| {
            sim.scaling.policies[p].policy.resource == resource
                && matches!(
                    sim.scaling.policies[p].policy.kind,
                    PolicyKind::TargetTracking(_)
                )
        })
        .collect();
    if policies.is_empty() {
        return;
    }
    let service = &sim.services[s];
    let mut inputs = Vec::new();
    for &p in &policies {
        if let PolicyKind::TargetTracking(tt) = &sim.scaling.policies[p].policy.kind {
            let kind = match tt.metric.metric {
                EcsMetric::Cpu => MetricKind::Cpu,
                EcsMetric::Memory => MetricKind::Memory,
                EcsMetric::AlbRequestCountPerTarget => MetricKind::RequestCountPerTarget,
            };
            let n = tt
                .alarms
                .scale_out_datapoints
                .max(tt.alarms.scale_in_datapoints);
            inputs.push((tt, series(&service.metrics, kind, n)));
        }
    }
    let target = &sim.scaling.targets[t];
    let ctx = ScalingContext {
        now: epoch,
        running_count: service.running_count(sim.clock.now),
        desired_count: service.desired_count,
        limits: target.target.limits,
        suspensions: target.target.suspensions(service.deployment_in_progress()),
    };
    let refs: Vec<(&_, &[Option<f64>])> = inputs.iter().map(|(p, d)| (*p, d.as_slice())).collect();
    let decision = evaluate_target_tracking(&refs, &target.cooldown, &ctx);
    let next = decision.next_state;
    let deciding = decision.direction.map(|d| {
        let i = decision
            .proposals
            .iter()
            .position(|pr| pr.explanation == decision.explanation)
            .unwrap_or(0);
        let p = &sim.scaling.policies[policies.get(i).copied().unwrap_or(policies[0])];
        let high_low = match d {
            crate::sim::autoscaling::Direction::ScaleOut => 0,
            crate::sim::autoscaling::Direction::ScaleIn => 1,
        };
        (
            p.alarm_names.get(high_low).cloned().unwrap_or_default(),
            p.policy.name.clone(),
        )
    });
    sim.scaling.targets[t].cooldown = next;
    if let (Some(n), Some((alarm, policy))) = (decision.new_desired_count, deciding) {
        let cause = format!("monitor alarm {alarm} in state ALARM triggered policy {policy}");
        set_desired(sim, s, n, &resource, cause, decision.explanation);
    }
}

fn scheduled_action(sim: &mut Simulation, k: usize) {
    let action = sim.scaling.scheduled[k].clone();
    let Some(t) = sim.scaling.target_index(&action.resource) else {
        return;
    };
    let Some(s) = sim
        .service_index(&action.resource.service)
        .filter(|&s| sim.services[s].is_active())
    else {
        return;
    };
    let service = &sim.services[s];
    let target = &sim.scaling.targets[t].target;
    let suspensions = target.suspensions(service.deployment_in_progress());
    let Ok(outcome) = apply_scheduled_action(
        &action.change,
        target.limits,
        service.desired_count,
        &suspensions,
    ) else {
        return;
    };
    sim.scaling.targets[t].target.limits = outcome.limits;
    let cause = format!("scheduled action name {} was triggered", action.name);
    if outcome.desired_count != sim.services[s].desired_count {
        set_desired(
            sim,
            s,
            outcome.desired_count,
            &action.resource,
            cause,
            outcome.explanation,
        );
    } else {
        sim.scaling.activities.push(Activity {
            at: sim.clock.now,
            resource_id: action.resource.resource_id(),
            description: format!(
                "Setting min capacity to {} and max capacity to {}.",
                outcome.limits.min(),
                outcome.limits.max()
            ),
            cause,
            details: outcome.explanation,
        });
    }
}
