//! The DAEMON scheduler: "deploys exactly one task on each active container instance that
//! meets all of the task placement constraints … will stop tasks that don't meet the
//! placement constraints". It places no tasks on DRAINING instances, and the daemon task is
//! "the first task to launch on the instances and the last task to stop". Its deployments use
//! maximumPercent 100 and minimumHealthyPercent 0: the old task stops, then the new one starts.

use crate::sim::instance::InstanceStatus;
use crate::sim::placement::checks::check_resources;
use crate::sim::placement::constraints::satisfies;
use crate::sim::placement::{Constraint, TaskNeeds};

use super::launch::start_on_instance;
use super::scheduler::{stop_task, Pass};
use super::service::Service;
use super::service_events;
use super::world::World;

const REASON: &str = "Scaling activity initiated by (deployment {id})";

pub fn daemon_pass(service: &mut Service, w: &mut World, pass: &mut Pass) {
    let Some(dep) = service.primary().cloned() else {
        return;
    };
    let Some(td) = w.cluster.task_definitions.get(dep.td_index) else {
        return;
    };
    let needs = TaskNeeds::of(td);
    let eligible: Vec<bool> = w
        .cluster
        .instances
        .iter()
        // distinctInstance says nothing more for a daemon: it runs one task per instance.
        .map(|inst| {
            inst.is_active()
                && dep
                    .constraints
                    .iter()
                    .filter(|c| !matches!(c, Constraint::DistinctInstance))
                    .all(|c| satisfies(c, inst, 0, None))
        })
        .collect();
    service.desired_count =
        u32::try_from(eligible.iter().filter(|e| **e).count()).unwrap_or(u32::MAX);
    let reason = REASON.replace("{id}", &dep.id);

    // Stop what must go: older deployments, ineligible instances, and (last of all) the
    // daemon task of a DRAINING instance once its other tasks are gone.
    let mut i = service.tasks.len();
    while i > 0 {
        i -= 1;
        let t = &service.tasks[i];
        let index = w
            .cluster
            .tasks
            .get(t.pos)
            .map(|task| task.instance_index)
            .unwrap_or(usize::MAX);
        let draining = w
            .cluster
            .instances
            .get(index)
            .is_some_and(|inst| inst.status == InstanceStatus::Draining);
        let go = if t.deployment != dep.seq {
            true
        } else if draining {
            w.non_daemon_tasks_on(index) == 0
        } else {
            !eligible.get(index).copied().unwrap_or(false)
        };
        if go {
            stop_task(service, i, w, pass, &reason, "ServiceSchedulerInitiated");
        }
    }

    // One task on each eligible instance that has none.
    let mut unplaced: Option<String> = None;
    for (index, ok) in eligible.iter().enumerate() {
        if !ok {
            continue;
        }
        let id = &w.cluster.instances[index].ec2_instance_id;
        if service
            .tasks
            .iter()
            .any(|t| t.instance.as_deref() == Some(id.as_str()))
        {
            continue;
        }
        let (failed, _) = check_resources(&w.cluster.instances[index], &needs, false);
        if !failed.none() {
            unplaced.get_or_insert_with(|| {
                service_events::unable_to_place(
                    &service.name,
                    w.cluster.instances.get(index),
                    failed.reason(),
                )
            });
            continue;
        }
        if let Some(task) = start_on_instance(service, index, w) {
            pass.started.push(task.id.clone());
            service.tasks.push(task);
        }
    }
    if let Some(message) = unplaced {
        let now = w.now();
        let repeat = service.last_unplaced.as_ref().is_none_or(|(m, at)| {
            *m != message || now - at >= super::launch::UNPLACED_REPEAT_SECONDS
        });
        if repeat {
            service.last_unplaced = Some((message.clone(), now));
            service.post(now, message);
        }
    }
}
