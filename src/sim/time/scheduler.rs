//! One pass of the service scheduler over one service, at the current simulated second:
//! the tasks' lifecycle first (PENDING -> RUNNING, Spot interruptions, health checks), then
//! the REPLICA or DAEMON scheduler's decisions, then the service's events.

use std::collections::BTreeMap;

use crate::sim::deployment::SchedulingStrategy;

use super::daemon;
use super::deployment_runner;
use super::load_balancer::ServiceLoadBalancer;
use super::service::{Rollout, Service, ServiceStatus, ServiceTask};
use super::service_events;
use super::world::World;

/// Why ECS stops a task (`stoppedReason`) and its `stopCode`.
pub const REASON_SCALE_IN: &str = "Scaling activity initiated by (deployment {id})";
pub const REASON_SPOT: &str = "Your Spot Task was interrupted.";
pub const REASON_UNHEALTHY: &str = "Task failed ELB health checks in (target-group {tg})";
pub const REASON_CONTAINER_UNHEALTHY: &str = "Task failed container health checks";

/// Runs the scheduler for one service.
pub fn run_service(service: &mut Service, w: &mut World) {
    if service.status == ServiceStatus::Inactive {
        return;
    }
    let mut pass = Pass::default();
    lifecycle(service, w, &mut pass);
    if service.status == ServiceStatus::Draining {
        // DeleteService: every task stops, then the service is INACTIVE.
        service.provisioning.clear();
        let reason = REASON_SCALE_IN.replace(
            "{id}",
            service.primary().map(|d| d.id.as_str()).unwrap_or(""),
        );
        while !service.tasks.is_empty() {
            stop_task(
                service,
                service.tasks.len() - 1,
                w,
                &mut pass,
                &reason,
                "ServiceSchedulerInitiated",
            );
        }
    } else {
        match service.scheduling {
            SchedulingStrategy::Replica => deployment_runner::replica_pass(service, w, &mut pass),
            SchedulingStrategy::Daemon => daemon::daemon_pass(service, w, &mut pass),
        }
    }
    finish(service, w, pass);
}

/// What one pass did, for its events.
#[derive(Default)]
pub struct Pass {
    pub started: Vec<String>,
    pub stopped: Vec<String>,
    /// Targets registered / deregistered per target group.
    pub registered: BTreeMap<String, usize>,
    pub deregistered: BTreeMap<String, usize>,
    /// Health events, posted before the stop event.
    pub health_events: Vec<String>,
}

/// Stops `service.tasks[idx]` and forgets it.
pub fn stop_task(
    service: &mut Service,
    idx: usize,
    w: &mut World,
    pass: &mut Pass,
    reason: &str,
    stop_code: &str,
) {
    if idx >= service.tasks.len() {
        return;
    }
    let t = service.tasks.remove(idx);
    let now_iso = w.clock.now_iso();
    if let Some(task) = w.cluster.tasks.get(t.pos) {
        let arn = task.task_arn.clone();
        let _ = w.cluster.stop_task(&arn, reason);
        if let Some(task) = w.cluster.tasks.get_mut(t.pos) {
            task.lifecycle.stopped_at = Some(now_iso);
            task.lifecycle.stop_code = Some(stop_code.to_string());
        }
    }
    if t.registered {
        for lb in &service.load_balancers {
            *pass
                .deregistered
                .entry(lb.target_group_arn.clone())
                .or_default() += 1;
        }
    }
    pass.stopped.push(t.id);
}

fn lifecycle(service: &mut Service, w: &mut World, pass: &mut Pass) {
    let now = w.now();
    // Tasks stopped outside the scheduler (StopTask, a deregistered or failed instance).
    let mut i = 0;
    while i < service.tasks.len() {
        let t = &service.tasks[i];
        if w.cluster
            .tasks
            .get(t.pos)
            .is_some_and(|task| task.is_running())
        {
            i += 1;
            continue;
        }
        let t = service.tasks.remove(i);
        if t.registered {
            for lb in &service.load_balancers {
                *pass
                    .deregistered
                    .entry(lb.target_group_arn.clone())
                    .or_default() += 1;
            }
        }
    }
    // Spot interruptions whose two minutes are up.
    while let Some(idx) = service
        .tasks
        .iter()
        .position(|t| t.interrupted_at.is_some_and(|at| at <= now))
    {
        stop_task(service, idx, w, pass, REASON_SPOT, "SpotInterruption");
        // Assumption: tasks reclaimed by Spot are not listed in a "has stopped" event (the
        // scheduler did not stop them); their stopCode says why.
        pass.stopped.pop();
    }
    // PENDING -> RUNNING, registering load balancer targets.
    let clock = w.clock;
    let mut started_iso: Option<String> = None;
    for t in service.tasks.iter_mut() {
        if !t.is_running(now) {
            continue;
        }
        let Some(task) = w.cluster.tasks.get_mut(t.pos) else {
            continue;
        };
        if task.last_status == "PENDING" {
            task.last_status = "RUNNING".into();
            for c in &mut task.containers {
                c.last_status = "RUNNING".into();
            }
            task.lifecycle.started_at =
                Some(started_iso.get_or_insert_with(|| clock.now_iso()).clone());
        }
        if !t.registered && t.interrupted_at.is_none() && !service.load_balancers.is_empty() {
            t.registered = true;
            for lb in &service.load_balancers {
                *pass
                    .registered
                    .entry(lb.target_group_arn.clone())
                    .or_default() += 1;
            }
        }
        if task.lifecycle.health_status.is_some() {
            let status = if t.health.is_healthy(now) {
                "HEALTHY"
            } else if t.health.is_unhealthy(now) && t.health.container_verdict {
                "UNHEALTHY"
            } else {
                "UNKNOWN"
            };
            task.lifecycle.health_status = Some(status.into());
        }
    }
    // Unhealthy tasks past the grace period are stopped (and replaced by the pass below).
    // Assumption: an unhealthy task is stopped at once rather than start-first within
    // maximumPercent; it is not healthy, so stopping it never lowers the healthy count.
    let grace = service.health_check_grace_seconds;
    while let Some(idx) = service.tasks.iter().position(|t| {
        t.interrupted_at.is_none()
            && t.health
                .replace_at(t.running_at, grace)
                .is_some_and(|at| at <= now)
    }) {
        let t = &service.tasks[idx];
        let (message, reason) = unhealthy_words(&service.name, t, &service.load_balancers, w);
        pass.health_events.push(message);
        stop_task(service, idx, w, pass, &reason, "ServiceSchedulerInitiated");
    }
}

fn unhealthy_words(
    service: &str,
    t: &ServiceTask,
    lbs: &[ServiceLoadBalancer],
    w: &World,
) -> (String, String) {
    match lbs.first() {
        Some(lb) if !t.health.container_verdict => {
            let (target, port) = w
                .cluster
                .tasks
                .get(t.pos)
                .map(|task| lb.target_of(task))
                .unwrap_or_default();
            let who = if target.starts_with("i-") {
                format!("instance {target}")
            } else {
                format!("task {}", t.id)
            };
            (
                service_events::unhealthy_target(service, &who, port, &lb.target_group_arn),
                REASON_UNHEALTHY.replace("{tg}", &lb.target_group_arn),
            )
        }
        _ => (
            service_events::failed_container_health_checks(service, &t.id),
            REASON_CONTAINER_UNHEALTHY.to_string(),
        ),
    }
}

/// Posts the pass's events in ECS's order and notes the steady state.
fn finish(service: &mut Service, w: &mut World, pass: Pass) {
    let now = w.now();
    for message in &pass.health_events {
        service.post(now, message.clone());
    }
    if !pass.started.is_empty() {
        service.post(now, service_events::started(&service.name, &pass.started));
    }
    if !pass.stopped.is_empty() {
        service.post(now, service_events::stopped(&service.name, &pass.stopped));
    }
    for (tg, n) in &pass.deregistered {
        service.post(
            now,
            service_events::deregistered_targets(&service.name, *n, tg),
        );
    }
    for (tg, n) in &pass.registered {
        service.post(
            now,
            service_events::registered_targets(&service.name, *n, tg),
        );
    }
    if !pass.started.is_empty() || !pass.stopped.is_empty() {
        service.steady = false;
    }
    // Older deployments end with their last task.
    let primary = service.primary_seq();
    let tasks = &service.tasks;
    service
        .deployments
        .retain(|d| d.seq == primary || tasks.iter().any(|t| t.deployment == d.seq));

    let settled = service.deployments.len() == 1
        && service.provisioning.is_empty()
        && service.tasks.len() == service.desired_count as usize
        && service
            .tasks
            .iter()
            .all(|t| t.is_running(now) && t.health.is_healthy(now) && t.interrupted_at.is_none());
    service.quiet = settled && service.status == ServiceStatus::Active;
    if settled {
        if let Some(d) = service.deployments.first_mut() {
            if d.rollout == Rollout::InProgress {
                d.rollout = Rollout::Completed;
                let id = d.id.clone();
                service.post(
                    now,
                    service_events::deployment_completed(&service.name, &id),
                );
            }
        }
        if !service.steady {
            service.steady = true;
            service.post(now, service_events::steady_state(&service.name));
        }
    }
    if service.status == ServiceStatus::Draining
        && service.tasks.is_empty()
        && service.provisioning.is_empty()
    {
        service.status = ServiceStatus::Inactive;
    }
}
