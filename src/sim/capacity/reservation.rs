//! CapacityProviderReservation (CPR) and the instance count it asks for.
//!
//! "CapacityProviderReservation = (number of instances needed) / (number of running instances)
//! x 100" (ECSDG cluster-auto-scaling), with M = "Number of instances needed for existing and
//! new tasks to placed in an ASG" and N = "Number of instances (where existing tasks are
//! placed) already running in an ASG" (AWS workshop, quoting the Deep Dive blog).
//!
//! Assumption: CPR is M/N × 100 on scale-in as well (2 needed of 4 → 50), not the archived
//! "100 minus the number of empty instances" (2 empty → 98) that conflicts with it (D9).

/// CPR in percent.
///
/// "If M and N are both zero, meaning no instances, no running tasks, and no provisioning
/// tasks, then CapacityProviderReservation = 100. If M > 0 and N = 0, meaning no instances, no
/// running tasks, but at least one provisioning task, then CapacityProviderReservation = 200."
pub fn capacity_provider_reservation(needed_m: u32, running_n: u32) -> f64 {
    match (needed_m, running_n) {
        (0, 0) => 100.0,
        (_, 0) => 200.0,
        (m, n) => f64::from(m) * 100.0 / f64::from(n),
    }
}

/// When CPR is not M/N × 100 but one of ECS's two documented fixed values (N = 0), the
/// words that say so: a learner seeing "200%" with "N 0" would otherwise read a division by
/// zero.
pub fn reservation_special_case(needed_m: u32, running_n: u32) -> Option<&'static str> {
    match (needed_m, running_n) {
        (0, 0) => Some(
            "N = 0 and M = 0 (no instance, no task waiting): ECS defines CapacityProviderReservation as 100% here, not M ÷ N",
        ),
        (_, 0) => Some(
            "N = 0 and M > 0 (no instance yet, tasks waiting for one): ECS defines CapacityProviderReservation as 200% here, not M ÷ N, so managed scaling launches from zero",
        ),
        _ => None,
    }
}

/// The instance count the capacity provider's target tracking policy asks for, given M, N and
/// `targetCapacity`: the count that brings CPR back to the target, ceil(N × CPR / target)
/// = ceil(M × 100 / target).
///
/// Assumption: proportional target tracking rounded up, as for services (AWS gives only the
/// workshop example: TC 100, N 2, M 4 → 4 instances; M 2, N 4 → 2).
///
/// From zero instances: "Target tracking scaling has a special case for scaling from zero
/// capacity, where it assumes for the purposes of scaling that the current capacity is one and
/// not zero", so the count is ceil(1 × 200 / target) — two instances at target 100 ("Amazon
/// ECS always scales-out to 200% (two instances)").
pub fn desired_instance_count(needed_m: u32, running_n: u32, target_capacity: u32) -> u32 {
    let target = u64::from(target_capacity.max(1));
    let percent_instances = match (needed_m, running_n) {
        (0, 0) => return 0,
        (_, 0) => 200,
        (m, _) => u64::from(m) * 100,
    };
    // ok: at most u32::MAX × 100 / 1, which saturates below.
    u32::try_from(percent_instances.div_ceil(target)).unwrap_or(u32::MAX)
}

/// `CPR 200% (M 4 / N 2)`: the metric as the UI shows it.
pub fn describe_reservation(needed_m: u32, running_n: u32) -> String {
    let cpr = capacity_provider_reservation(needed_m, running_n);
    let cpr = if cpr.fract() == 0.0 {
        format!("{cpr:.0}")
    } else {
        format!("{cpr:.1}")
    };
    format!("CapacityProviderReservation {cpr}% (M {needed_m} needed / N {running_n} running)")
}
