//! A container instance: what it registered, what is left, its attributes and its ports.

use std::collections::BTreeMap;

use serde::Serialize;

use super::cql::CqlSubject;
use super::ports::HostPorts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum InstanceStatus {
    Active,
    Draining,
}

impl InstanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Active => "ACTIVE",
            InstanceStatus::Draining => "DRAINING",
        }
    }
}

/// CPU units, MiB of memory, GPUs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Resources {
    pub cpu: u32,
    pub memory: u32,
    pub gpu: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerInstance {
    pub ec2_instance_id: String,
    pub container_instance_arn: String,
    pub instance_type: Option<String>,
    pub availability_zone: String,
    pub registered: Resources,
    pub remaining: Resources,
    /// Built-in (`ecs.*`) and custom attributes.
    pub attributes: BTreeMap<String, String>,
    pub status: InstanceStatus,
    pub agent_connected: bool,
    pub agent_version: String,
    pub registered_at: String,
    pub ports: HostPorts,
    /// awsvpc tasks this instance can hold (ENIs other than the primary one).
    pub eni_capacity: u32,
    pub enis_in_use: u32,
    /// Group of each running task, one entry per task (a group may repeat).
    pub task_groups: Vec<String>,
}

impl ContainerInstance {
    pub fn running_tasks_count(&self) -> u32 {
        self.task_groups.len() as u32
    }

    pub fn is_active(&self) -> bool {
        self.status == InstanceStatus::Active && self.agent_connected
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }
}

impl CqlSubject for ContainerInstance {
    fn attribute(&self, name: &str) -> Option<&str> {
        ContainerInstance::attribute(self, name)
    }
    fn ec2_instance_id(&self) -> &str {
        &self.ec2_instance_id
    }
    fn agent_connected(&self) -> bool {
        self.agent_connected
    }
    fn agent_version(&self) -> &str {
        &self.agent_version
    }
    fn registered_at(&self) -> &str {
        &self.registered_at
    }
    fn running_tasks_count(&self) -> u32 {
        ContainerInstance::running_tasks_count(self)
    }
    fn task_groups(&self) -> Vec<&str> {
        self.task_groups.iter().map(String::as_str).collect()
    }
}
