//! Service events in ECS's own wording (what `aws ecs describe-services` shows). ECS writes
//! the plural whatever the count: "has started 1 tasks".

use crate::sim::instance::ContainerInstance;

pub fn started(service: &str, task_ids: &[String]) -> String {
    format!(
        "(service {service}) has started {} tasks: {}.",
        task_ids.len(),
        task_list(task_ids)
    )
}

pub fn stopped(service: &str, task_ids: &[String]) -> String {
    format!(
        "(service {service}) has stopped {} running tasks: {}.",
        task_ids.len(),
        task_list(task_ids)
    )
}

pub fn steady_state(service: &str) -> String {
    format!("(service {service}) has reached a steady state.")
}

pub fn deployment_completed(service: &str, deployment_id: &str) -> String {
    format!("(service {service}) (deployment {deployment_id}) deployment completed.")
}

pub fn registered_targets(service: &str, n: usize, target_group_arn: &str) -> String {
    format!("(service {service}) registered {n} targets in (target-group {target_group_arn})")
}

pub fn deregistered_targets(service: &str, n: usize, target_group_arn: &str) -> String {
    format!("(service {service}) deregistered {n} targets in (target-group {target_group_arn})")
}

pub fn failed_container_health_checks(service: &str, task_id: &str) -> String {
    format!("(service {service}) (task {task_id}) failed container health checks.")
}

pub fn unhealthy_target(service: &str, target: &str, port: u16, target_group_arn: &str) -> String {
    format!(
        "(service {service}) ({target}) (port {port}) is unhealthy in (target-group {target_group_arn}) due to (reason Health checks failed)."
    )
}

/// "(service web) was unable to place a task because no container instance met all of its
/// requirements. The closest matching (container-instance i-3) has insufficient memory
/// available. For more information, see the Troubleshooting section."
pub fn unable_to_place(service: &str, closest: Option<&ContainerInstance>, reason: &str) -> String {
    const HEAD: &str =
        "was unable to place a task because no container instance met all of its requirements.";
    const TAIL: &str = "For more information, see the Troubleshooting section.";
    let Some(inst) = closest else {
        return format!("(service {service}) {HEAD} Reason: No Container Instances were found in your cluster. {TAIL}");
    };
    let what = crate::sim::placement::closest_shortfall(reason);
    format!(
        "(service {service}) {HEAD} The closest matching (container-instance {}) {what}. {TAIL}",
        inst.ec2_instance_id
    )
}

/// A Fargate task that has no Availability Zone to go to.
pub fn no_fargate_zone(service: &str) -> String {
    format!(
        "(service {service}) was unable to place a task. Reason: none of the Availability Zones of the service's subnets is available. For more information, see the Troubleshooting section."
    )
}

fn task_list(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("(task {id})"))
        .collect::<Vec<_>>()
        .join(" ")
}
