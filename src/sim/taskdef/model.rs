//! A task definition as the scheduler sees it: already validated, units resolved.
//!
//! `raw` keeps what the user wrote so that responses and the UI can echo it back.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkMode {
    Bridge,
    Host,
    Awsvpc,
    None,
}

impl NetworkMode {
    pub fn as_str(self) -> &'static str {
        match self {
            NetworkMode::Bridge => "bridge",
            NetworkMode::Host => "host",
            NetworkMode::Awsvpc => "awsvpc",
            NetworkMode::None => "none",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Tcp,
    Udp,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PortMapping {
    /// For a `containerPortRange`, its first port.
    pub container_port: u16,
    /// `None` (omitted) or `Some(0)` in bridge mode means a dynamic host port.
    pub host_port: Option<u16>,
    pub protocol: Protocol,
    /// `containerPortRange` (first, last): in bridge mode the agent binds as many contiguous
    /// dynamic host ports; in awsvpc mode the task's own interface has these very ports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_port_range: Option<(u16, u16)>,
}

impl PortMapping {
    /// How many ports a `containerPortRange` covers (`None` for a single port).
    pub fn range_len(&self) -> Option<u16> {
        self.container_port_range
            .map(|(first, last)| last.saturating_sub(first).saturating_add(1))
    }

    /// The host port this mapping needs on the instance, once the network mode is known:
    /// `None` when the agent assigns one (bridge, hostPort 0 or omitted) or when the task has
    /// its own network interface (awsvpc).
    pub fn static_host_port(&self, mode: NetworkMode) -> Option<u16> {
        match mode {
            NetworkMode::Bridge => self.host_port.filter(|p| *p != 0),
            NetworkMode::Host => Some(
                self.host_port
                    .filter(|p| *p != 0)
                    .unwrap_or(self.container_port),
            ),
            NetworkMode::Awsvpc | NetworkMode::None => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDefinition {
    pub name: String,
    pub image: String,
    /// CPU units; 0 when not given.
    pub cpu: u32,
    /// Hard limit in MiB.
    pub memory: Option<u32>,
    /// Soft limit in MiB.
    pub memory_reservation: Option<u32>,
    pub essential: bool,
    pub port_mappings: Vec<PortMapping>,
    pub links: Vec<String>,
    /// GPUs reserved through resourceRequirements.
    pub gpu: u32,
}

impl ContainerDefinition {
    /// The memory counted against the instance: memoryReservation if set, otherwise memory.
    pub fn reserved_memory(&self) -> u32 {
        self.memory_reservation.or(self.memory).unwrap_or(0)
    }
}

/// A task-definition placement constraint (memberOf only, by ECS's rules).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskDefinitionConstraint {
    pub expression: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinition {
    pub family: String,
    pub revision: u32,
    pub network_mode: NetworkMode,
    pub requires_compatibilities: Vec<String>,
    /// Task-level CPU units, string units ("1 vCPU") already converted.
    pub cpu: Option<u32>,
    /// Task-level memory in MiB, string units ("2GB") already converted.
    pub memory: Option<u32>,
    pub container_definitions: Vec<ContainerDefinition>,
    pub placement_constraints: Vec<TaskDefinitionConstraint>,
    #[serde(skip)]
    pub raw: serde_json::Value,
}

impl TaskDefinition {
    /// CPU units the task reserves on an instance: the task-level value if set, else the
    /// sum of the containers' values.
    pub fn cpu_reservation(&self) -> u32 {
        self.cpu
            .unwrap_or_else(|| self.container_definitions.iter().map(|c| c.cpu).sum())
    }

    /// MiB the task reserves: the task-level value if set, else the sum over containers of
    /// memoryReservation (or memory where no reservation is given).
    pub fn memory_reservation(&self) -> u32 {
        self.memory.unwrap_or_else(|| {
            self.container_definitions
                .iter()
                .map(|c| c.reserved_memory())
                .sum()
        })
    }

    pub fn gpu_reservation(&self) -> u32 {
        self.container_definitions.iter().map(|c| c.gpu).sum()
    }

    /// Every port mapping of every container, with the container's name.
    pub fn port_mappings(&self) -> impl Iterator<Item = (&str, &PortMapping)> {
        self.container_definitions
            .iter()
            .flat_map(|c| c.port_mappings.iter().map(move |p| (c.name.as_str(), p)))
    }

    /// `family:revision`, as ECS writes it.
    pub fn family_revision(&self) -> String {
        format!("{}:{}", self.family, self.revision)
    }

    /// A minimal bridge-mode definition, for tests and starter scenarios.
    pub fn simple(family: &str, cpu: u32, memory: u32, ports: &[(u16, u16)]) -> Self {
        TaskDefinition {
            family: family.to_string(),
            revision: 1,
            network_mode: NetworkMode::Bridge,
            requires_compatibilities: vec![],
            cpu: None,
            memory: None,
            container_definitions: vec![ContainerDefinition {
                name: family.to_string(),
                image: "nginx".into(),
                cpu,
                memory: Some(memory),
                memory_reservation: None,
                essential: true,
                port_mappings: ports
                    .iter()
                    .map(|(c, h)| PortMapping {
                        container_port: *c,
                        host_port: Some(*h),
                        protocol: Protocol::Tcp,
                        container_port_range: None,
                    })
                    .collect(),
                links: vec![],
                gpu: 0,
            }],
            placement_constraints: vec![],
            raw: serde_json::Value::Null,
        }
    }
}
