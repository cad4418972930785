//! Fargate tasks: no container instance, one elastic network interface and private IP each,
//! in a subnet of the service's `awsvpcConfiguration`, balanced across Availability Zones.
//!
//! "the service scheduler attempts to maintain a balance across Availability Zones" (best
//! attempt). Valid sizes are the documented CPU/memory table (`taskdef::fargate`).

use serde_json::Value;

use crate::sim::cluster::{ApiError, Cluster, ACCOUNT};
use crate::sim::instance::Resources;
use crate::sim::task::{
    Attachment, AttachmentDetail, Container, NetworkInterface, Task, TaskLifecycle, NO_INSTANCE,
};
use crate::sim::taskdef::{fargate, NetworkMode, TaskDefinition};

use rand::RngExt;

use super::world::World;

pub const FARGATE: &str = "FARGATE";
pub const FARGATE_SPOT: &str = "FARGATE_SPOT";

/// USD per vCPU-hour and per GB-hour, Linux/x86, us-east-1 (example prices).
pub const FARGATE_VCPU_HOUR: f64 = 0.04048;
pub const FARGATE_GB_HOUR: f64 = 0.004445;
pub const FARGATE_SPOT_VCPU_HOUR: f64 = 0.0140264;
pub const FARGATE_SPOT_GB_HOUR: f64 = 0.0015402;

/// The checks ECS makes before a task definition runs on Fargate.
pub fn check_task_definition(td: &TaskDefinition) -> Result<(), ApiError> {
    if !td.requires_compatibilities.iter().any(|c| c == "FARGATE") {
        return Err(ApiError::client(
            "Task definition does not support launch_type FARGATE.",
        ));
    }
    if td.network_mode != NetworkMode::Awsvpc {
        return Err(ApiError::client(
            "Fargate only supports network mode 'awsvpc'.",
        ));
    }
    let (Some(cpu), Some(memory)) = (td.cpu, td.memory) else {
        return Err(ApiError::client("Task-level cpu and memory are required on Fargate (a valid pair from the Fargate table)."));
    };
    fargate::check(cpu, memory, false).map_err(|(message, _)| ApiError::client(message))
}

/// The Availability Zone of each subnet of an `awsvpcConfiguration`, in order.
///
/// The simulator names subnets `subnet-<az>` (see the instances' `ecs.subnet-id`).
// Assumption: a subnet whose name does not end in an Availability Zone is placed in the
// cluster's Availability Zones in turn (those of its instances, else us-east-1a, b, c).
pub fn subnet_azs(network_configuration: Option<&Value>, cluster: &Cluster) -> Vec<String> {
    let subnets: Vec<&str> = network_configuration
        .and_then(|nc| nc.pointer("/awsvpcConfiguration/subnets"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut known: Vec<String> = Vec::new();
    for i in &cluster.instances {
        if !known.contains(&i.availability_zone) {
            known.push(i.availability_zone.clone());
        }
    }
    if known.is_empty() {
        known = ["us-east-1a", "us-east-1b", "us-east-1c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
    }
    let mut out: Vec<String> = Vec::new();
    for (i, s) in subnets.iter().enumerate() {
        let rest = s.strip_prefix("subnet-").unwrap_or(s);
        let az = if looks_like_az(rest) {
            rest.to_string()
        } else {
            known[i % known.len()].clone()
        };
        if !out.contains(&az) {
            out.push(az);
        }
    }
    out
}

/// `us-east-1a`, `eu-west-3c`: letters and dashes, a number, one letter.
fn looks_like_az(s: &str) -> bool {
    let Some(last) = s.chars().last() else {
        return false;
    };
    let body = &s[..s.len() - 1];
    last.is_ascii_lowercase()
        && body.ends_with(|c: char| c.is_ascii_digit())
        && body.contains('-')
        && body
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The zone for the next task: the one with the fewest of the service's tasks, first in the
/// subnet order on a tie; zones that failed are skipped.
// Assumption: AWS's "best attempt" at balance is read as fewest tasks first, ties broken by
// the order of the subnets.
pub fn choose_az<'a>(
    zones: &'a [String],
    tasks_per_zone: impl Fn(&str) -> usize,
    failed: &dyn Fn(&str) -> bool,
) -> Option<&'a String> {
    zones
        .iter()
        .filter(|z| !failed(z))
        .min_by_key(|z| tasks_per_zone(z))
}

/// Starts a Fargate task in `az`; returns its position in the cluster's task list.
pub fn start_task(
    w: &mut World,
    td_index: usize,
    az: &str,
    group: &str,
    started_by: String,
    provider: Option<&str>,
) -> Option<usize> {
    let td = w.cluster.task_definitions.get(td_index)?;
    let (cpu, memory) = (td.cpu.unwrap_or(0), td.memory.unwrap_or(0));
    let region = w.cluster.region();
    let cluster_name = w.cluster.name.clone();
    let hex: String = (0..32)
        .map(|_| char::from_digit(w.rng.random_range(0..16u32), 16).unwrap_or('0'))
        .collect();
    *w.fargate_enis += 1;
    let n = *w.fargate_enis;
    let ip = fargate_ip(az, n);
    let attachment_id = format!("attachment-f{n:07x}");
    let task_arn = format!("arn:aws:ecs:{region}:{ACCOUNT}:task/{cluster_name}/{hex}");
    let containers = td
        .container_definitions
        .iter()
        .map(|c| Container {
            container_arn: format!(
                "arn:aws:ecs:{region}:{ACCOUNT}:container/{cluster_name}/{hex}/{}",
                c.name
            ),
            task_arn: task_arn.clone(),
            name: c.name.clone(),
            image: c.image.clone(),
            last_status: "PENDING".into(),
            network_bindings: vec![],
            network_interfaces: vec![NetworkInterface {
                attachment_id: attachment_id.clone(),
                private_ipv4_address: ip.clone(),
            }],
        })
        .collect();
    let task = Task {
        task_arn,
        cluster_arn: w.cluster.cluster_arn(),
        task_definition_arn: w.cluster.task_definition_arn(td),
        container_instance_arn: String::new(),
        ec2_instance_id: String::new(),
        availability_zone: az.to_string(),
        group: group.to_string(),
        last_status: "PENDING".into(),
        desired_status: "RUNNING".into(),
        launch_type: "FARGATE".into(),
        capacity_provider_name: provider.map(str::to_string),
        cpu: cpu.to_string(),
        memory: memory.to_string(),
        started_by: Some(started_by),
        stopped_reason: None,
        containers,
        attachments: vec![Attachment {
            id: attachment_id,
            kind: "ElasticNetworkInterface",
            status: "ATTACHED",
            details: vec![
                AttachmentDetail {
                    name: "subnetId",
                    value: format!("subnet-{az}"),
                },
                AttachmentDetail {
                    name: "networkInterfaceId",
                    value: format!("eni-f{n:07x}"),
                },
                AttachmentDetail {
                    name: "privateIPv4Address",
                    value: ip,
                },
            ],
        }],
        lifecycle: TaskLifecycle::default(),
        instance_index: NO_INSTANCE,
        reserved: Resources {
            cpu,
            memory,
            gpu: 0,
        },
        uses_eni: false,
    };
    w.cluster.tasks.push(task);
    Some(w.cluster.tasks.len() - 1)
}

/// 10.0.<zone block + 8..15>.<host>: the upper half of the AZ's block, apart from the
/// addresses the cluster gives awsvpc tasks on instances.
fn fargate_ip(az: &str, n: u32) -> String {
    let zone = az
        .chars()
        .last()
        .map(|c| (c as u32).saturating_sub('a' as u32))
        .unwrap_or(0)
        % 16;
    format!("10.0.{}.{}", zone * 16 + 8 + (n / 250) % 8, n % 250 + 4)
}
