//! Where a service's new tasks go, and which tasks it stops first.
//!
//! Without a placement strategy the documented default logic applies (ECSDG ecs_services):
//! "Sorts the valid container instances. Gives priority to instances that have the fewest
//! number of running tasks for this service in their respective Availability Zone … Places
//! the new service task on a valid container instance in an optimal Availability Zone …
//! Favors container instances with the fewest number of running tasks for this service."
//! That is spread by Availability Zone, then spread by instance, over the service's task
//! group, which is exactly how the placement engine runs those two strategies.
//!
//! Stopping (scale-in): "If a placement strategy is defined, use that strategy to select
//! which tasks to terminate … a task is selected that leaves the remaining tasks with the best
//! spread." Without one: "Give priority to instances that have the largest number of running
//! tasks for this service in their respective Availability Zone … Favoring container
//! instances with the largest number of running tasks for this service."

use std::collections::HashMap;

use rand::RngExt;

use crate::sim::placement::{BinpackField, SpreadField, Strategy};

use super::service::{Launch, Service};
use super::world::World;

pub const AZ_ATTRIBUTE: &str = "ecs.availability-zone";

/// Spread by Availability Zone, then by instance: the service scheduler's default.
pub fn default_strategies() -> Vec<Strategy> {
    vec![
        Strategy::Spread(SpreadField::Attribute(AZ_ATTRIBUTE.into())),
        Strategy::Spread(SpreadField::InstanceId),
    ]
}

/// The strategies a service places (and stops) with.
pub fn strategies_of(service: &Service) -> Vec<Strategy> {
    if service.strategies.is_empty() {
        default_strategies()
    } else {
        service.strategies.clone()
    }
}

/// Chooses `n` of `candidates` (indexes into `service.tasks`) to stop, one at a time, each
/// choice seeing the tasks that remain.
///
// Assumption: where AWS is silent, tasks not yet RUNNING go first (they serve nothing); for a
// capacity provider strategy, a task of a provider above its base/weight share goes first;
// binpack stops tasks on the instance with the most of the resource left (the least packed);
// ties go to the seeded random generator, as in placement.
pub fn choose_tasks_to_stop(
    service: &Service,
    candidates: &[usize],
    n: usize,
    w: &mut World,
) -> Vec<usize> {
    let now = w.now();
    let strategies = strategies_of(service);
    // Each task's value for every spread field, and its instance's free resources.
    let index_of: HashMap<&str, usize> = w
        .cluster
        .instances
        .iter()
        .enumerate()
        .map(|(i, inst)| (inst.ec2_instance_id.as_str(), i))
        .collect();
    let value = |t: usize, field: &SpreadField| -> Option<String> {
        let task = &service.tasks[t];
        match field {
            SpreadField::InstanceId => {
                Some(task.instance.clone().unwrap_or_else(|| task.id.clone()))
            }
            SpreadField::Attribute(a) if a == AZ_ATTRIBUTE => Some(task.availability_zone.clone()),
            SpreadField::Attribute(a) => {
                let i = task.instance.as_deref().and_then(|id| index_of.get(id))?;
                w.cluster.instances[*i].attribute(a).map(str::to_string)
            }
        }
    };
    let values: Vec<Vec<Option<String>>> = (0..service.tasks.len())
        .map(|t| {
            strategies
                .iter()
                .map(|s| match s {
                    Strategy::Spread(f) => value(t, f),
                    _ => None,
                })
                .collect()
        })
        .collect();
    // Each task's instance, and each instance's free CPU and memory, updated as tasks are
    // chosen: "the container instance that has the most available resources left after task
    // termination has that task terminated", so each stop counts toward the next (a
    // scale-in by binpack empties instances one by one).
    let task_instance: Vec<Option<usize>> = service
        .tasks
        .iter()
        .map(|t| {
            t.instance
                .as_deref()
                .and_then(|id| index_of.get(id))
                .copied()
        })
        .collect();
    let mut instance_free: Vec<[i64; 2]> = w
        .cluster
        .instances
        .iter()
        .map(|i| [i64::from(i.remaining.cpu), i64::from(i.remaining.memory)])
        .collect();

    let mut remaining: Vec<bool> = vec![true; service.tasks.len()];
    let mut pool: Vec<usize> = candidates.to_vec();
    let mut chosen = Vec::new();
    while chosen.len() < n && !pool.is_empty() {
        let mut keep: Vec<usize> = pool.clone();
        let not_running: Vec<usize> = keep
            .iter()
            .copied()
            .filter(|&t| !service.tasks[t].is_running(now))
            .collect();
        if !not_running.is_empty() {
            keep = not_running;
        }
        if let Some(over) = providers_over_share(service, &remaining) {
            let filtered: Vec<usize> = keep
                .iter()
                .copied()
                .filter(|&t| {
                    service.tasks[t]
                        .provider
                        .as_deref()
                        .is_some_and(|p| over.contains(&p))
                })
                .collect();
            if !filtered.is_empty() {
                keep = filtered;
            }
        }
        for (k, strategy) in strategies.iter().enumerate() {
            if keep.len() <= 1 {
                break;
            }
            match strategy {
                Strategy::Spread(_) => {
                    let mut per_value: HashMap<&str, usize> = HashMap::new();
                    for (t, alive) in remaining.iter().enumerate() {
                        if let (true, Some(v)) = (*alive, values[t][k].as_deref()) {
                            *per_value.entry(v).or_default() += 1;
                        }
                    }
                    let score = |t: usize| {
                        values[t][k]
                            .as_deref()
                            .and_then(|v| per_value.get(v))
                            .copied()
                            .unwrap_or(0)
                    };
                    let best = keep.iter().map(|&t| score(t)).max().unwrap_or(0);
                    keep.retain(|&t| score(t) == best);
                }
                Strategy::Binpack(field) => {
                    let slot = usize::from(*field == BinpackField::Memory);
                    let free = |t: usize| task_instance[t].map_or(0, |i| instance_free[i][slot]);
                    let best = keep.iter().map(|&t| free(t)).max().unwrap_or(0);
                    keep.retain(|&t| free(t) == best);
                }
                Strategy::Random => {
                    let pick = keep[w.rng.random_range(0..keep.len())];
                    keep = vec![pick];
                }
            }
        }
        let pick = if keep.len() == 1 {
            keep[0]
        } else {
            keep[w.rng.random_range(0..keep.len())]
        };
        chosen.push(pick);
        remaining[pick] = false;
        pool.retain(|&t| t != pick);
        // The stopped task's reservation is free on its instance for the next choice.
        if let (Some(i), Some(task)) = (
            task_instance[pick],
            w.cluster.tasks.get(service.tasks[pick].pos),
        ) {
            instance_free[i][0] += i64::from(task.reserved.cpu);
            instance_free[i][1] += i64::from(task.reserved.memory);
        }
    }
    chosen
}

/// With a capacity provider strategy, the providers whose tasks exceed what base and weight
/// give them for one task fewer than now.
fn providers_over_share<'a>(service: &'a Service, remaining: &[bool]) -> Option<Vec<&'a str>> {
    let Launch::Providers(strategy) = &service.primary()?.launch else {
        return None;
    };
    let items = strategy.items();
    if items.len() < 2 {
        return None;
    }
    let counts: Vec<u32> = items
        .iter()
        .map(|item| {
            let n = service
                .tasks
                .iter()
                .enumerate()
                .filter(|(t, task)| {
                    remaining[*t]
                        && task.provider.as_deref() == Some(item.capacity_provider.as_str())
                })
                .count();
            u32::try_from(n).unwrap_or(u32::MAX)
        })
        .collect();
    let total: u32 = counts.iter().sum();
    let share = strategy
        .split(&vec![0; items.len()], total.saturating_sub(1))
        .ok()?;
    Some(
        items
            .iter()
            .zip(counts.iter().zip(&share))
            .filter(|(_, (c, s))| c > s)
            .map(|(i, _)| i.capacity_provider.as_str())
            .collect(),
    )
}
