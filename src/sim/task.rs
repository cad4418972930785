//! A task as DescribeTasks shows it (the fields the simulator fills in).

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// One host binding of a container. For a `containerPortRange`, `container_port` and
/// `host_port` are the first ports of the two ranges, and `range_len` says how many.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkBinding {
    pub bind_ip: String,
    pub container_port: u16,
    pub host_port: u16,
    pub protocol: &'static str,
    /// `Some(n)`: a port range of n ports (`containerPortRange` / `hostPortRange`).
    pub range_len: Option<u16>,
}

impl NetworkBinding {
    /// Every host port this binding holds.
    pub fn host_ports(&self) -> impl Iterator<Item = u16> {
        let (first, len) = (self.host_port, self.range_len.unwrap_or(1));
        (0..len).map(move |k| first.saturating_add(k))
    }

    /// "32768" or, for a range, "32768-32777".
    pub fn host_port_text(&self) -> String {
        match self.range_len {
            Some(n) => span(self.host_port, n),
            None => self.host_port.to_string(),
        }
    }
}

fn span(first: u16, len: u16) -> String {
    format!("{first}-{}", first.saturating_add(len.saturating_sub(1)))
}

/// DescribeTasks' shape: a single port has containerPort and hostPort; a range has
/// containerPortRange and hostPortRange instead.
impl Serialize for NetworkBinding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("NetworkBinding", 4)?;
        s.serialize_field("bindIP", &self.bind_ip)?;
        match self.range_len {
            Some(n) => {
                s.serialize_field("containerPortRange", &span(self.container_port, n))?;
                s.serialize_field("hostPortRange", &span(self.host_port, n))?;
            }
            None => {
                s.serialize_field("containerPort", &self.container_port)?;
                s.serialize_field("hostPort", &self.host_port)?;
            }
        }
        s.serialize_field("protocol", self.protocol)?;
        s.end()
    }
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
    /// Empty for a Fargate task (it has no container instance), and then left out.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub container_instance_arn: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ec2_instance_id: String,
    pub availability_zone: String,
    pub group: String,
    pub last_status: String,
    pub desired_status: String,
    pub launch_type: String,
    /// The capacity provider the task runs on, when it was launched through one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity_provider_name: Option<String>,
    pub cpu: String,
    pub memory: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_reason: Option<String>,
    pub containers: Vec<Container>,
    pub attachments: Vec<Attachment>,
    /// Timestamps and codes the time simulation fills in (left out otherwise).
    #[serde(flatten)]
    pub lifecycle: TaskLifecycle,
    /// Position in the cluster's instance list (not an ECS field).
    #[serde(skip)]
    pub instance_index: usize,
    /// What it reserved, to give back on stop (not ECS fields).
    #[serde(skip)]
    pub reserved: crate::sim::instance::Resources,
    #[serde(skip)]
    pub uses_eni: bool,
}

/// The parts of a task that only exist once time passes (service tasks): when it was created
/// and started, why it stops, its health. Every field is left out when not set.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskLifecycle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopping_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_status: Option<String>,
}

/// `instance_index` of a task that runs on no container instance (Fargate).
pub const NO_INSTANCE: usize = usize::MAX;

impl Task {
    pub fn is_running(&self) -> bool {
        self.last_status != "STOPPED"
    }

    /// The short id at the end of the ARN.
    pub fn id(&self) -> &str {
        self.task_arn.rsplit('/').next().unwrap_or(&self.task_arn)
    }
}
