//! What the cluster view draws, read from the replayed engine state once per change (not on
//! every render). Every number here is the engine's: registered and remaining resources come
//! from `api::instances::instance_json`, each task's reservation from the task itself.
//! Pure Rust, tested natively.

use serde_json::Value;

use crate::sim::api::instances::instance_json;
use crate::sim::cluster::Cluster;
use crate::sim::task::Task;
use crate::sim::time::sim_requests::zone_failure_reason;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClusterModel {
    /// One column per Availability Zone, in the document's order.
    pub zones: Vec<ZoneModel>,
    /// Task families in order of first appearance: their index picks the colour.
    pub families: Vec<String>,
    /// Custom (non `ecs.`) attribute names on any instance, for the strategy builder.
    pub custom_attributes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ZoneModel {
    pub name: String,
    pub instances: Vec<InstanceModel>,
    /// Fargate tasks in this zone (no instance of the cluster's: AWS runs them).
    pub fargate: Vec<TaskChip>,
    /// The zone failed (the simulator's FailAvailabilityZone) and is not restored yet.
    pub failed: bool,
}

/// Registered and remaining amount of one resource, as the engine reports them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Gauge {
    pub registered: u32,
    pub remaining: u32,
}

impl Gauge {
    pub fn reserved(&self) -> u32 {
        self.registered.saturating_sub(self.remaining)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InstanceModel {
    pub id: String,
    pub instance_type: String,
    pub zone: String,
    /// ACTIVE or DRAINING.
    pub status: String,
    pub agent_connected: bool,
    /// Its Availability Zone failed: the instance is unreachable (agent disconnected).
    pub zone_failed: bool,
    /// Tasks the engine stopped on this instance because its zone failed.
    pub stopped_by_zone_failure: usize,
    pub cpu: Gauge,
    pub memory: Gauge,
    pub tasks: Vec<TaskChip>,
    /// `(name, value)`; built-in `ecs.*` ones first, as the engine lists them.
    pub attributes: Vec<(String, Option<String>)>,
    pub dynamic_port_range: String,
    pub eni_capacity: u32,
    pub enis_in_use: u32,
}

impl InstanceModel {
    pub fn is_draining(&self) -> bool {
        self.status == "DRAINING"
    }

    /// What the card's badge says, as the engine has it: an instance whose agent is
    /// disconnected takes no task, whatever its status.
    pub fn condition(&self) -> InstanceCondition {
        if self.zone_failed {
            InstanceCondition::ZoneFailed
        } else if !self.agent_connected {
            InstanceCondition::Disconnected
        } else if self.is_draining() {
            InstanceCondition::Draining
        } else {
            InstanceCondition::Active
        }
    }

    pub fn custom_attributes(&self) -> impl Iterator<Item = &(String, Option<String>)> {
        self.attributes
            .iter()
            .filter(|(name, _)| !is_builtin_attribute(name))
    }

    pub fn builtin_attributes(&self) -> impl Iterator<Item = &(String, Option<String>)> {
        self.attributes
            .iter()
            .filter(|(name, _)| is_builtin_attribute(name))
    }
}

/// The state an instance card shows, from the engine's status, agent and zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstanceCondition {
    Active,
    Draining,
    /// `agentConnected: false`: ECS places nothing on it.
    Disconnected,
    /// Its zone failed: unreachable, agent disconnected, tasks stopped.
    ZoneFailed,
}

impl InstanceCondition {
    /// The badge's words.
    pub fn badge(self) -> &'static str {
        match self {
            InstanceCondition::Active => "● ACTIVE",
            InstanceCondition::Draining => "⏸ DRAINING",
            InstanceCondition::Disconnected => "⚠ AGENT DISCONNECTED",
            InstanceCondition::ZoneFailed => "✕ UNREACHABLE: ZONE FAILED",
        }
    }

    /// The class of the card and its badge.
    pub fn class(self) -> &'static str {
        match self {
            InstanceCondition::Active => "status-active",
            InstanceCondition::Draining => "status-draining",
            InstanceCondition::Disconnected => "status-disconnected",
            InstanceCondition::ZoneFailed => "status-zone-failed",
        }
    }
}

/// ECS sets `ecs.*` attributes itself; the playground lets people edit only their own.
pub fn is_builtin_attribute(name: &str) -> bool {
    name.starts_with("ecs.")
}

/// One running task on a card.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskChip {
    pub task_arn: String,
    /// The short id (end of the ARN), shortened further for the chip.
    pub short_id: String,
    pub family: String,
    pub revision: String,
    pub group: String,
    /// Index into `ClusterModel::families`.
    pub family_index: usize,
    pub cpu: u32,
    pub memory: u32,
    /// Host ports it holds (bridge/host mode), e.g. "32768", or a range "32768-32777".
    pub host_ports: Vec<String>,
    /// Its own private IP (awsvpc).
    pub private_ip: Option<String>,
    /// `FARGATE_SPOT` and the like, when it runs on a capacity provider.
    pub capacity_provider: Option<String>,
}

/// `arn:...:task-definition/web:3` -> `("web", "3")`.
pub fn family_of(task_definition_arn: &str) -> (String, String) {
    let name = task_definition_arn
        .rsplit('/')
        .next()
        .unwrap_or(task_definition_arn);
    match name.rsplit_once(':') {
        Some((family, revision)) => (family.to_string(), revision.to_string()),
        None => (name.to_string(), String::new()),
    }
}

impl ClusterModel {
    /// Reads the cluster. `zones` are the document's AZ columns; an instance in another zone
    /// (an imported scenario) gets a column of its own rather than vanishing.
    pub fn build(cluster: &Cluster, zones: &[String]) -> ClusterModel {
        let mut families: Vec<String> = Vec::new();
        for task in cluster.running_tasks() {
            let (family, _) = family_of(&task.task_definition_arn);
            if !families.contains(&family) {
                families.push(family);
            }
        }
        let mut model = ClusterModel {
            zones: zones
                .iter()
                .map(|z| ZoneModel {
                    name: z.clone(),
                    instances: Vec::new(),
                    fargate: Vec::new(),
                    failed: cluster.failed_azs.contains(z),
                })
                .collect(),
            families,
            custom_attributes: Vec::new(),
        };
        for inst in &cluster.instances {
            let json = instance_json(inst);
            // The engine's stoppedReason for the tasks its zone's failure stopped.
            let zone_failed = cluster
                .failed_azs
                .contains(&inst.availability_zone)
                .then(|| zone_failure_reason(&inst.availability_zone));
            let tasks = cluster
                .running_tasks()
                .filter(|t| t.ec2_instance_id == inst.ec2_instance_id)
                .map(|t| model.chip(t))
                .collect();
            let instance = InstanceModel {
                id: inst.ec2_instance_id.clone(),
                instance_type: str_at(&json, "/instanceType").unwrap_or_else(|| "custom".into()),
                zone: inst.availability_zone.clone(),
                status: str_at(&json, "/status").unwrap_or_default(),
                agent_connected: json
                    .get("agentConnected")
                    .and_then(Value::as_bool)
                    .unwrap_or(true),
                zone_failed: zone_failed.is_some(),
                stopped_by_zone_failure: zone_failed.map_or(0, |reason| {
                    cluster
                        .tasks
                        .iter()
                        .filter(|t| {
                            t.ec2_instance_id == inst.ec2_instance_id
                                && t.stopped_reason.as_deref() == Some(reason.as_str())
                        })
                        .count()
                }),
                cpu: gauge(&json, "cpu"),
                memory: gauge(&json, "memory"),
                tasks,
                attributes: json
                    .get("attributes")
                    .and_then(Value::as_array)
                    .map(|list| {
                        list.iter()
                            .filter_map(|a| {
                                let name = a.get("name")?.as_str()?.to_string();
                                Some((
                                    name,
                                    a.get("value").and_then(Value::as_str).map(str::to_string),
                                ))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                dynamic_port_range: str_at(&json, "/dynamicHostPortRange").unwrap_or_default(),
                eni_capacity: u32_at(&json, "/eniCapacity"),
                enis_in_use: u32_at(&json, "/enisInUse"),
            };
            for (name, _) in instance.custom_attributes() {
                if !model.custom_attributes.contains(name) {
                    model.custom_attributes.push(name.clone());
                }
            }
            match model.zones.iter_mut().find(|z| z.name == instance.zone) {
                Some(zone) => zone.instances.push(instance),
                None => model.zones.push(ZoneModel {
                    failed: cluster.failed_azs.contains(&instance.zone),
                    name: instance.zone.clone(),
                    instances: vec![instance],
                    fargate: Vec::new(),
                }),
            }
        }
        for task in cluster
            .running_tasks()
            .filter(|t| t.ec2_instance_id.is_empty())
        {
            let chip = model.chip(task);
            match model
                .zones
                .iter_mut()
                .find(|z| z.name == task.availability_zone)
            {
                Some(zone) => zone.fargate.push(chip),
                None => model.zones.push(ZoneModel {
                    name: task.availability_zone.clone(),
                    instances: Vec::new(),
                    fargate: vec![chip],
                    failed: cluster.failed_azs.contains(&task.availability_zone),
                }),
            }
        }
        crate::sim::sorting::sort(&mut model.custom_attributes);
        model
    }

    fn chip(&self, task: &Task) -> TaskChip {
        let (family, revision) = family_of(&task.task_definition_arn);
        let id = task.id();
        TaskChip {
            task_arn: task.task_arn.clone(),
            short_id: id.chars().take(6).collect(),
            family_index: self.families.iter().position(|f| *f == family).unwrap_or(0),
            family,
            revision,
            group: task.group.clone(),
            cpu: task.reserved.cpu,
            memory: task.reserved.memory,
            host_ports: task
                .containers
                .iter()
                .flat_map(|c| c.network_bindings.iter().map(|b| b.host_port_text()))
                .collect(),
            private_ip: task
                .containers
                .iter()
                .flat_map(|c| c.network_interfaces.iter())
                .map(|n| n.private_ipv4_address.clone())
                .next(),
            capacity_provider: task.capacity_provider_name.clone(),
        }
    }

    pub fn instances(&self) -> impl Iterator<Item = &InstanceModel> {
        self.zones.iter().flat_map(|z| z.instances.iter())
    }

    pub fn instance(&self, id: &str) -> Option<&InstanceModel> {
        self.instances().find(|i| i.id == id)
    }
}

fn str_at(json: &Value, pointer: &str) -> Option<String> {
    json.pointer(pointer)
        .and_then(Value::as_str)
        .map(str::to_string)
}

fn u32_at(json: &Value, pointer: &str) -> u32 {
    json.pointer(pointer)
        .and_then(Value::as_u64)
        .map(|n| n.min(u64::from(u32::MAX)) as u32)
        .unwrap_or(0)
}

fn gauge(json: &Value, resource: &str) -> Gauge {
    Gauge {
        registered: u32_at(json, &format!("/registeredResources/{resource}")),
        remaining: u32_at(json, &format!("/remainingResources/{resource}")),
    }
}
