//! M, the number of instances needed: the instances already running non-daemon tasks, plus
//! what the provisioning tasks need, by binpacking.
//!
//! "Amazon ECS calculates the number of instances that are required to run the unplaced tasks.
//! This calculation uses a binpack strategy. This strategy accounts for the vCPU, memory,
//! elastic network interfaces (ENI), ports, and GPUs requirements of the tasks. It also accounts
//! for the resource availability of the Amazon EC2 instances." The provisioning tasks are
//! grouped by identical resource needs. Tasks that fit no instance of the provider's type are
//! left out, and "When all the tasks aren't compatible with the smallest instance type, cluster
//! Auto Scaling stops and the CapacityProviderReservation value remains at 100%."
//! (ECSDG cluster-auto-scaling / managed-scaling-behavior)
//!
//! Assumption: only CPU and memory are packed (ENIs, ports and GPUs are not modelled here);
//! the groups are packed one after another, largest memory need first (then CPU), each task
//! onto the fitting instance with the least free memory (then CPU), existing instances before
//! new ones; one instance type per capacity provider.

use super::Resources;

/// An instance of the capacity provider's Auto Scaling group as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExistingInstance {
    /// Resources not reserved by tasks (daemon tasks included).
    pub free: Resources,
    /// "A container instance is considered empty even when daemon tasks are running."
    pub runs_non_daemon_tasks: bool,
}

/// The result of the M computation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstancesNeeded {
    /// M.
    pub needed: u32,
    /// Existing instances that are (or would become) busy.
    pub busy_existing: u32,
    /// Instances of the provider's type to add for the tasks that fit nowhere now.
    pub new_instances: u32,
    /// Provisioning tasks too large for an empty instance of the type, left out.
    pub excluded_tasks: usize,
}

/// Computes M for a capacity provider whose instances are all of type `instance_type`
/// (its registered CPU and memory).
pub fn instances_needed(
    instance_type: Resources,
    existing: &[ExistingInstance],
    provisioning_tasks: &[Resources],
) -> InstancesNeeded {
    let mut free: Vec<Resources> = existing.iter().map(|i| i.free).collect();
    let mut busy: Vec<bool> = existing.iter().map(|i| i.runs_non_daemon_tasks).collect();
    let mut new_free: Vec<Resources> = Vec::new();

    // Group identical needs, largest first.
    let mut groups: Vec<(Resources, usize)> = Vec::new();
    for need in provisioning_tasks {
        match groups.iter_mut().find(|(r, _)| r == need) {
            Some((_, count)) => *count += 1,
            None => groups.push((*need, 1)),
        }
    }
    crate::sim::sorting::sort_by_key(&mut groups, |(need, _)| {
        std::cmp::Reverse((need.memory_mib, need.cpu))
    });

    let mut excluded = 0;
    for (need, count) in groups {
        if !need.fits_in(&instance_type) {
            excluded += count;
            continue;
        }
        for _ in 0..count {
            if let Some(i) = tightest_fit(&free, &need) {
                free[i] = free[i].minus(&need);
                busy[i] = true;
            } else if let Some(i) = tightest_fit(&new_free, &need) {
                new_free[i] = new_free[i].minus(&need);
            } else {
                new_free.push(instance_type.minus(&need));
            }
        }
    }
    let busy_existing = u32::try_from(busy.iter().filter(|b| **b).count()).unwrap_or(u32::MAX);
    let new_instances = u32::try_from(new_free.len()).unwrap_or(u32::MAX);
    let running = u32::try_from(existing.len()).unwrap_or(u32::MAX);
    // "When all the tasks aren't compatible … the CapacityProviderReservation value remains at
    // 100%": M = N.
    let needed = if !provisioning_tasks.is_empty() && excluded == provisioning_tasks.len() {
        running
    } else {
        busy_existing.saturating_add(new_instances)
    };
    InstancesNeeded {
        needed,
        busy_existing,
        new_instances,
        excluded_tasks: excluded,
    }
}

/// The index of the instance with the least free memory (then CPU, then lowest index) that
/// still fits `need`.
fn tightest_fit(free: &[Resources], need: &Resources) -> Option<usize> {
    free.iter()
        .enumerate()
        .filter(|(_, f)| need.fits_in(f))
        .min_by_key(|(i, f)| (f.memory_mib, f.cpu, *i))
        .map(|(i, _)| i)
}
