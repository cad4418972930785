//! The REPLICA scheduler's decisions for one service: keep `desiredCount` tasks, roll out a
//! new deployment, and replace tasks that must go (on a DRAINING instance, or warned of a
//! Spot interruption), all within `maximumPercent` and `minimumHealthyPercent`.
//!
//! "Service tasks on the container instance that are in the RUNNING state are stopped and
//! replaced according to the service's deployment configuration parameters,
//! minimumHealthyPercent and maximumPercent" (ECSDG container-instance-draining). So the
//! tasks to replace are treated like those of an older deployment, and
//! `deployment::plan_deployment_step` decides how many tasks start and stop now.

use crate::sim::deployment::{
    plan_deployment_step, stuck_event_message, DeploymentCounts, DeploymentStatus,
};
use crate::sim::instance::InstanceStatus;
use crate::sim::task::NO_INSTANCE;

use super::launch::{launch_tasks, place_provisioning};
use super::scheduler::{stop_task, Pass, REASON_SCALE_IN};
use super::service::{Service, ServiceTask};
use super::service_placement::choose_tasks_to_stop;
use super::world::World;

/// Whether the task must be replaced: it belongs to an older deployment, it runs on a
/// DRAINING instance, or its Spot capacity is being reclaimed.
fn to_replace(t: &ServiceTask, primary: u32, w: &World) -> bool {
    if t.deployment != primary || t.interrupted_at.is_some() {
        return true;
    }
    let index = w
        .cluster
        .tasks
        .get(t.pos)
        .map(|task| task.instance_index)
        .unwrap_or(NO_INSTANCE);
    w.cluster
        .instances
        .get(index)
        .is_some_and(|i| i.status == InstanceStatus::Draining)
}

pub fn replica_pass(service: &mut Service, w: &mut World, pass: &mut Pass) {
    let now = w.now();
    let primary = service.primary_seq();
    // Tasks still waiting for capacity: an older deployment's are dropped, the others retried.
    service.provisioning.retain(|p| p.deployment == primary);
    let placed = place_provisioning(service, w);
    pass.started.extend(placed);

    // Built only when a task stops (most passes stop none).
    let reason_for = |s: &Service| {
        REASON_SCALE_IN.replace("{id}", s.primary().map(|d| d.id.as_str()).unwrap_or(""))
    };
    let desired = service.desired_count;
    // Which tasks must be replaced, computed once (and again after tasks stop).
    let flags = |s: &Service, w: &World| -> Vec<bool> {
        s.tasks.iter().map(|t| to_replace(t, primary, w)).collect()
    };
    let new_count = |s: &Service, replace: &[bool]| -> u32 {
        to_u32(replace.iter().filter(|r| !**r).count() + s.provisioning.len())
    };
    let mut replace = flags(service, w);

    // Too many tasks of the current deployment (desiredCount went down): scale in first.
    let current = new_count(service, &replace);
    if current > desired {
        let mut excess = (current - desired) as usize;
        // Tasks that never got capacity go first.
        let drop = excess.min(service.provisioning.len());
        service
            .provisioning
            .truncate(service.provisioning.len() - drop);
        excess -= drop;
        if excess > 0 {
            let candidates: Vec<usize> =
                (0..service.tasks.len()).filter(|&i| !replace[i]).collect();
            let reason = reason_for(service);
            stop_chosen(service, &candidates, excess, w, pass, &reason);
            replace = flags(service, w);
        }
    }

    let old: Vec<usize> = (0..service.tasks.len()).filter(|&i| replace[i]).collect();
    if old.is_empty() {
        let current = new_count(service, &replace);
        if current < desired {
            let started = launch_tasks(service, desired - current, w);
            pass.started.extend(started);
        }
        if let Some(d) = service.deployments.first_mut() {
            d.stuck_reported = false;
        }
        return;
    }

    let reason = reason_for(service);
    let healthy = |t: &ServiceTask| t.interrupted_at.is_none() && t.health.is_healthy(now);
    let old_healthy = old.iter().filter(|&&i| healthy(&service.tasks[i])).count();
    let new_healthy = (0..service.tasks.len())
        .filter(|&i| !replace[i] && healthy(&service.tasks[i]))
        .count();
    let counts = DeploymentCounts {
        desired,
        old_running: to_u32(old.len()),
        new_running: new_count(service, &replace),
        old_healthy: to_u32(old_healthy),
        new_healthy: to_u32(new_healthy),
    };
    let step = plan_deployment_step(&counts, &service.limits);
    if step.start_new > 0 {
        let started = launch_tasks(service, step.start_new, w);
        pass.started.extend(started);
    }
    // Old tasks that are not healthy go first (Spot-warned ones stop on their own).
    let unhealthy: Vec<String> = old
        .iter()
        .map(|&i| &service.tasks[i])
        .filter(|t| !healthy(t) && t.interrupted_at.is_none())
        .take(step.stop_old_unhealthy as usize)
        .map(|t| t.id.clone())
        .collect();
    for id in unhealthy {
        if let Some(idx) = service.tasks.iter().position(|t| t.id == id) {
            stop_task(service, idx, w, pass, &reason, "ServiceSchedulerInitiated");
        }
    }
    if step.stop_old_healthy > 0 {
        let candidates: Vec<usize> = (0..service.tasks.len())
            .filter(|&i| to_replace(&service.tasks[i], primary, w) && healthy(&service.tasks[i]))
            .collect();
        stop_chosen(
            service,
            &candidates,
            step.stop_old_healthy as usize,
            w,
            pass,
            &reason,
        );
    }
    // Assumption: the stuck event is posted once each time a deployment becomes stuck.
    let stuck = step.status == DeploymentStatus::Stuck;
    let mut report = false;
    if let Some(d) = service.deployments.first_mut() {
        report = stuck && !d.stuck_reported;
        d.stuck_reported = stuck;
    }
    if report {
        let message = stuck_event_message(&service.name);
        service.post(now, message);
    }
}

/// Stops `n` of `candidates`, chosen by the service's scale-in rule.
fn stop_chosen(
    service: &mut Service,
    candidates: &[usize],
    n: usize,
    w: &mut World,
    pass: &mut Pass,
    reason: &str,
) {
    let chosen = choose_tasks_to_stop(service, candidates, n, w);
    let ids: Vec<String> = chosen
        .iter()
        .map(|&i| service.tasks[i].id.clone())
        .collect();
    for id in ids {
        if let Some(idx) = service.tasks.iter().position(|t| t.id == id) {
            stop_task(service, idx, w, pass, reason, "ServiceSchedulerInitiated");
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
