//! Managed termination protection: which instances a scale-in may take.
//!
//! "When managed termination protection is on, Amazon ECS prevents the Amazon EC2 instances in
//! an Auto Scaling group that contain tasks from being terminated during a scale-in action."
//! (BOTO-ECS `AutoScalingGroupProvider.managedTerminationProtection`) "Amazon ECS only
//! terminates EC2 instances that don't any have running Amazon ECS tasks … When all non-daemon
//! tasks are stopped on an instance, Amazon ECS initiates the scale-in process and turns off
//! scale-in protection." (ECSDG cluster-auto-scaling)

/// An instance that a scale-in might terminate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleInCandidate {
    /// Daemon tasks don't count: an instance running only daemon tasks is empty.
    pub runs_non_daemon_tasks: bool,
}

/// The instances (indexes into `candidates`) a scale-in of `count` instances terminates.
///
/// With protection on, only empty instances go, so fewer than `count` may be returned.
/// Assumption: `candidates` is already in the order of the group's termination policy; with
/// protection off, the group takes them in that order whether or not they run tasks (the
/// group does not know about tasks), which is the risk the protection exists for.
pub fn instances_to_terminate(
    candidates: &[ScaleInCandidate],
    count: usize,
    managed_termination_protection: bool,
) -> Vec<usize> {
    candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| !managed_termination_protection || !c.runs_non_daemon_tasks)
        .map(|(i, _)| i)
        .take(count)
        .collect()
}
