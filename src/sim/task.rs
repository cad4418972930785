//! A task as DescribeTasks shows it (the fields the simulator fills in).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkBinding {
    #[serde(rename = "bindIP")]
    pub bind_ip: String,
    pub container_port: u16,
    pub host_port: u16,
    pub protocol: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkInterface {
    pub attachment_id: String,
    pub private_ipv4_address: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub container_arn: String,
    pub task_arn: String,
    pub name: String,
    pub image: String,
    pub last_status: String,
    pub network_bindings: Vec<NetworkBinding>,
    pub network_interfaces: Vec<NetworkInterface>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachmentDetail {
    pub name: &'static str,
    pub value: String,
}

/// awsvpc: the task's own elastic network interface.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attachment {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub status: &'static str,
    pub details: Vec<AttachmentDetail>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub task_arn: String,
    pub cluster_arn: String,
    pub task_definition_arn: String,
    pub container_instance_arn: String,
    pub ec2_instance_id: String,
    pub availability_zone: String,
    pub group: String,
    pub last_status: String,
    pub desired_status: String,
    pub launch_type: String,
    pub cpu: String,
    pub memory: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_reason: Option<String>,
    pub containers: Vec<Container>,
    pub attachments: Vec<Attachment>,
    /// Position in the cluster's instance list (not an ECS field).
    #[serde(skip)]
    pub instance_index: usize,
    /// What it reserved, to give back on stop (not ECS fields).
    #[serde(skip)]
    pub reserved: crate::sim::instance::Resources,
    #[serde(skip)]
    pub uses_eni: bool,
}

impl Task {
    pub fn is_running(&self) -> bool {
        self.last_status != "STOPPED"
    }

    /// The short id at the end of the ARN.
    pub fn id(&self) -> &str {
        self.task_arn.rsplit('/').next().unwrap_or(&self.task_arn)
    }
}
