//! Starting a service's tasks: which capacity each one uses (launch type, or the capacity
//! provider strategy's base and weight), where it goes, and its PENDING -> RUNNING timing.

use crate::sim::placement::{PlacementRequest, PlacementTrace, TaskNeeds};
use serde_json::Value;

use super::fargate::{self, FARGATE, FARGATE_SPOT};
use super::health::{self, ContainerCheck};
use super::service::{Capacity, Deployment, Launch, Provisioning, Service, ServiceTask};
use super::service_events;
use super::service_placement::strategies_of;
use super::world::World;

/// Seconds from placement to RUNNING (image pull and container start).
// Assumption: every service task takes 30 s from PENDING to RUNNING. Standalone RunTask tasks
// are RUNNING at once, as before time existed in the playground.
pub const TASK_START_SECONDS: i64 = 30;

/// The same "unable to place" message is posted again only after this long.
// Assumption: ECS repeats the event while the task stays unplaceable; the playground repeats
// an identical message at most every 5 minutes.
pub const UNPLACED_REPEAT_SECONDS: i64 = 300;

/// What became of one task the scheduler wanted to start.
enum Outcome {
    Started(ServiceTask),
    Provisioning(Provisioning),
    Unplaced(String),
}

/// Starts up to `n` tasks of the primary deployment. Returns the ids of the tasks started
/// (tasks waiting for capacity are added to `service.provisioning`). Stops at the first task
/// that cannot be placed, posting ECS's event for it.
pub fn launch_tasks(service: &mut Service, n: u32, w: &mut World) -> Vec<String> {
    let Some(dep) = service.primary().cloned() else {
        return Vec::new();
    };
    let providers: Vec<Option<String>> = match &dep.launch {
        Launch::Providers(strategy) => {
            let items = strategy.items();
            let running: Vec<u32> = items
                .iter()
                .map(|item| {
                    let name = item.capacity_provider.as_str();
                    let tasks = service
                        .tasks
                        .iter()
                        .filter(|t| t.deployment == dep.seq && t.provider.as_deref() == Some(name))
                        .count();
                    let waiting = service
                        .provisioning
                        .iter()
                        .filter(|p| p.deployment == dep.seq && p.provider == name)
                        .count();
                    u32::try_from(tasks + waiting).unwrap_or(u32::MAX)
                })
                .collect();
            match strategy.assign(&running, n) {
                Ok(order) => order
                    .into_iter()
                    .map(|i| Some(items[i].capacity_provider.clone()))
                    .collect(),
                Err(_) => Vec::new(),
            }
        }
        _ => (0..n).map(|_| None).collect(),
    };
    let mut started = Vec::new();
    for provider in providers {
        match launch_one(service, &dep, provider.as_deref(), w) {
            Outcome::Started(task) => {
                started.push(task.id.clone());
                service.tasks.push(task);
            }
            Outcome::Provisioning(p) => service.provisioning.push(p),
            Outcome::Unplaced(message) => {
                post_unplaced(service, message, w.now());
                break;
            }
        }
    }
    started
}

/// Tries to place the tasks waiting for capacity (PROVISIONING) now that instances may have
/// joined. Returns the ids of those that started.
pub fn place_provisioning(service: &mut Service, w: &mut World) -> Vec<String> {
    let mut started = Vec::new();
    let waiting = std::mem::take(&mut service.provisioning);
    let mut still = Vec::new();
    let mut blocked: Vec<String> = Vec::new();
    for p in waiting {
        // Once one task of a provider did not fit, the same kind of task won't either.
        let dep = service.deployment(p.deployment).cloned();
        match dep {
            Some(dep) if !blocked.contains(&p.provider) => {
                match launch_one(service, &dep, Some(&p.provider), w) {
                    Outcome::Started(task) => {
                        started.push(task.id.clone());
                        service.tasks.push(task);
                    }
                    Outcome::Provisioning(_) | Outcome::Unplaced(_) => {
                        blocked.push(p.provider.clone());
                        still.push(p);
                    }
                }
            }
            Some(_) => still.push(p),
            // Its deployment is gone: the task is simply not started.
            None => {}
        }
    }
    service.provisioning = still;
    started
}

fn post_unplaced(service: &mut Service, message: String, now: i64) {
    let repeat = match &service.last_unplaced {
        Some((last, at)) => *last != message || now - at >= UNPLACED_REPEAT_SECONDS,
        None => true,
    };
    if repeat {
        service.last_unplaced = Some((message.clone(), now));
        service.post(now, message);
        service.steady = false;
    }
}

/// Keeps a placement's decision for the traced request under way (see `Cluster::trace_sink`).
fn record_trace(w: &mut World, trace: Option<PlacementTrace>, task_arn: Option<String>) {
    let (Some(sink), Some(trace)) = (w.cluster.trace_sink.as_mut(), trace) else {
        return;
    };
    let mut entry = serde_json::to_value(&trace).unwrap_or(Value::Null);
    if let (Some(object), Some(arn)) = (entry.as_object_mut(), task_arn) {
        object.insert("taskArn".into(), Value::String(arn));
    }
    sink.push(entry);
}

fn launch_one(
    service: &Service,
    dep: &Deployment,
    provider: Option<&str>,
    w: &mut World,
) -> Outcome {
    let now = w.now();
    let group = service.group();
    match provider {
        Some(name @ (FARGATE | FARGATE_SPOT)) => start_fargate(service, dep, Some(name), w),
        None if dep.launch == Launch::Fargate => start_fargate(service, dep, None, w),
        _ => {
            let Some(td) = w.cluster.task_definitions.get(dep.td_index) else {
                return Outcome::Unplaced(format!(
                    "(service {}) was unable to place a task: its task definition is gone.",
                    service.name
                ));
            };
            let mut constraints = dep.constraints.clone();
            if let Some(p) = provider.and_then(|name| w.provider(name)) {
                constraints.push(p.member_of.clone());
            }
            let request = PlacementRequest {
                needs: TaskNeeds::of(td),
                group: group.clone(),
                constraints,
                strategies: strategies_of(service),
            };
            let outcome = w.cluster.decide(&request, w.cluster.trace_sink.is_some());
            match outcome.chosen {
                Ok(index) => {
                    if w.cluster
                        .start_task(dep.td_index, index, &group, Some(dep.id.clone()), "EC2")
                        .is_none()
                    {
                        return Outcome::Unplaced(format!(
                            "(service {}) was unable to start a task.",
                            service.name
                        ));
                    }
                    let pos = w.cluster.tasks.len() - 1;
                    let arn = w.cluster.tasks[pos].task_arn.clone();
                    record_trace(w, outcome.trace, Some(arn));
                    let instance = w
                        .cluster
                        .instances
                        .get(index)
                        .map(|i| i.ec2_instance_id.clone());
                    Outcome::Started(track(
                        service,
                        dep,
                        pos,
                        Capacity::Ec2,
                        provider,
                        instance,
                        w,
                    ))
                }
                Err(_) if provider.is_some() => {
                    record_trace(w, outcome.trace, None);
                    Outcome::Provisioning(Provisioning {
                        deployment: dep.seq,
                        provider: provider.unwrap_or_default().to_string(),
                        since: now,
                    })
                }
                Err(f) => {
                    record_trace(w, outcome.trace, None);
                    let closest = f.instance.and_then(|i| w.cluster.instances.get(i));
                    Outcome::Unplaced(service_events::unable_to_place(
                        &service.name,
                        closest,
                        &f.reason,
                    ))
                }
            }
        }
    }
}

fn start_fargate(
    service: &Service,
    dep: &Deployment,
    provider: Option<&str>,
    w: &mut World,
) -> Outcome {
    // Tasks warned of a Spot interruption are leaving: they don't hold their zone.
    let per_zone = |z: &str| {
        service
            .tasks
            .iter()
            .filter(|t| t.availability_zone == z && t.interrupted_at.is_none())
            .count()
    };
    let failed = |z: &str| w.cluster.failed_azs.contains(z);
    let Some(az) = fargate::choose_az(&service.subnet_azs, per_zone, &failed).cloned() else {
        return Outcome::Unplaced(service_events::no_fargate_zone(&service.name));
    };
    let Some(pos) = fargate::start_task(
        w,
        dep.td_index,
        &az,
        &service.group(),
        dep.id.clone(),
        provider,
    ) else {
        return Outcome::Unplaced(format!(
            "(service {}) was unable to start a task.",
            service.name
        ));
    };
    let capacity = if provider == Some(FARGATE_SPOT) {
        Capacity::FargateSpot
    } else {
        Capacity::Fargate
    };
    Outcome::Started(track(service, dep, pos, capacity, provider, None, w))
}

/// Marks the new cluster task PENDING and builds the scheduler's record of it.
fn track(
    service: &Service,
    dep: &Deployment,
    pos: usize,
    capacity: Capacity,
    provider: Option<&str>,
    instance: Option<String>,
    w: &mut World,
) -> ServiceTask {
    let now = w.now();
    let running_at = now + TASK_START_SECONDS;
    let check = w
        .cluster
        .task_definitions
        .get(dep.td_index)
        .and_then(ContainerCheck::of);
    let plan = health::plan(
        running_at,
        check,
        !service.load_balancers.is_empty(),
        w.app(dep.td_index),
    );
    let created = w.clock.iso(now);
    let task = &mut w.cluster.tasks[pos];
    task.last_status = "PENDING".into();
    for c in &mut task.containers {
        c.last_status = "PENDING".into();
    }
    task.capacity_provider_name = provider.map(str::to_string);
    task.lifecycle.created_at = Some(created);
    if check.is_some() {
        task.lifecycle.health_status = Some("UNKNOWN".into());
    }
    ServiceTask {
        pos,
        id: task.id().to_string(),
        deployment: dep.seq,
        capacity,
        provider: provider.map(str::to_string),
        availability_zone: task.availability_zone.clone(),
        instance,
        started_at: now,
        running_at,
        health: plan,
        interrupted_at: None,
        registered: false,
    }
}

/// Starts a task of the primary deployment on instance `index` (the DAEMON scheduler's
/// choice, already checked).
pub fn start_on_instance(service: &Service, index: usize, w: &mut World) -> Option<ServiceTask> {
    let dep = service.primary()?.clone();
    w.cluster.start_task(
        dep.td_index,
        index,
        &service.group(),
        Some(dep.id.clone()),
        "EC2",
    )?;
    let pos = w.cluster.tasks.len() - 1;
    let instance = w
        .cluster
        .instances
        .get(index)
        .map(|i| i.ec2_instance_id.clone());
    Some(track(service, &dep, pos, Capacity::Ec2, None, instance, w))
}
