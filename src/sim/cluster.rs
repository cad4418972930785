//! The cluster's state: container instances, tasks, registered task definitions, and the
//! seeded random generator that every random choice comes from.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::rng::{seeded, SimRng};
use rand::RngExt;
use serde::{Deserialize, Serialize};

use super::catalog;
use super::instance::{ContainerInstance, InstanceStatus, Resources};
use super::placement::capacity::Capacity;
use super::placement::{self, ClusterView, PlacementCache, PlacementOutcome, PlacementRequest};
use super::ports::HostPorts;
use super::task::{
    Attachment, AttachmentDetail, Container, NetworkBinding, NetworkInterface, Task,
};
use super::taskdef::{NetworkMode, TaskDefinition};

pub const ACCOUNT: &str = "123456789012";

/// How a container instance is described in a scenario file or by the UI.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InstanceSpec {
    pub ec2_instance_id: String,
    pub availability_zone: String,
    #[serde(default)]
    pub instance_type: Option<String>,
    /// Overrides the catalog: `{"cpu": 2048, "memory": 3000}` (and optionally `gpu`).
    #[serde(default)]
    pub registered_resources: Option<RegisteredResources>,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    #[serde(default)]
    pub agent_version: Option<String>,
    #[serde(default)]
    pub agent_connected: Option<bool>,
    #[serde(default)]
    pub registered_at: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    /// Replaces the default reserved ports (22, 2375, 2376, 51678-51680).
    #[serde(default)]
    pub reserved_ports: Option<Vec<u16>>,
    /// `"32768-60999"` by default.
    #[serde(default)]
    pub dynamic_host_port_range: Option<String>,
    /// ENI trunking (awsvpc density) where the instance type supports it.
    #[serde(default)]
    pub eni_trunking: bool,
    #[serde(default)]
    pub os_type: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegisteredResources {
    pub cpu: u32,
    pub memory: u32,
    #[serde(default)]
    pub gpu: Option<u32>,
}

/// A request the cluster could not carry out, in ECS's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn invalid(message: impl Into<String>) -> Self {
        ApiError {
            code: "InvalidParameterException",
            message: message.into(),
        }
    }
    pub fn client(message: impl Into<String>) -> Self {
        ApiError {
            code: "ClientException",
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

#[derive(Debug, Clone)]
pub struct Cluster {
    pub name: String,
    pub instances: Vec<ContainerInstance>,
    /// What each instance has free, mirrored for the hot loop of placement.
    capacity: Vec<Capacity>,
    pub tasks: Vec<Task>,
    pub task_definitions: Vec<TaskDefinition>,
    /// Tasks of each group per instance (index as in `instances`), kept up to date so that
    /// spread and distinctInstance don't recount every task.
    group_counts: HashMap<String, Vec<u32>>,
    generation: u64,
    cache: PlacementCache,
    pub rng: SimRng,
    eni_counter: u32,
    /// While a traced service request is carried out: the decision of every task its
    /// scheduler places (or fails to place), each with the `taskArn` it started.
    pub trace_sink: Option<Vec<serde_json::Value>>,
    /// Availability Zones that failed (the simulator's FailAvailabilityZone): nothing is
    /// placed there, and their instances' agents are disconnected until it is restored.
    pub failed_azs: BTreeSet<String>,
    /// How many tasks were stopped so far (tasks are never removed from `tasks`): what
    /// depends on which tasks run (the cost meter's rates) knows when to look again.
    stopped_tasks: usize,
}

impl Cluster {
    pub fn new(seed: u64) -> Self {
        Cluster {
            name: "default".into(),
            instances: Vec::new(),
            capacity: Vec::new(),
            tasks: Vec::new(),
            task_definitions: Vec::new(),
            group_counts: HashMap::new(),
            generation: 0,
            cache: PlacementCache::default(),
            rng: seeded(seed),
            eni_counter: 0,
            trace_sink: None,
            failed_azs: BTreeSet::new(),
            stopped_tasks: 0,
        }
    }

    /// The region of the first instance's Availability Zone (us-east-1 without instances).
    pub fn region(&self) -> String {
        self.instances
            .first()
            .map(|i| region_of(&i.availability_zone))
            .unwrap_or_else(|| "us-east-1".into())
    }

    /// `arn:aws:ecs:<region>:<account>:`, the start of every ARN in the cluster.
    fn arn_prefix(&self) -> String {
        concat(&["arn:aws:ecs:", &self.region(), ":", ACCOUNT, ":"])
    }

    pub fn cluster_arn(&self) -> String {
        format!(
            "arn:aws:ecs:{}:{ACCOUNT}:cluster/{}",
            self.region(),
            self.name
        )
    }

    pub fn instance_index(&self, id_or_arn: &str) -> Option<usize> {
        self.instances
            .iter()
            .position(|i| i.ec2_instance_id == id_or_arn || i.container_instance_arn == id_or_arn)
            .or_else(|| {
                self.instances
                    .iter()
                    .position(|i| i.container_instance_arn.ends_with(&format!("/{id_or_arn}")))
            })
    }

    /// An instance was added, removed or changed in a way that cached per-instance answers
    /// (attributes, status) may depend on.
    fn changed(&mut self) {
        self.generation += 1;
        self.capacity = self.instances.iter().map(Capacity::of).collect();
    }

    fn refresh_capacity(&mut self, index: usize) {
        if let (Some(c), Some(inst)) = (self.capacity.get_mut(index), self.instances.get(index)) {
            *c = Capacity::of(inst);
        }
    }

    /// 32 hex digits, like the ids in ECS ARNs. Written by hand: `format!` is a measurable
    /// part of placing 10,000 tasks.
    fn hex_id(&mut self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let (a, b): (u64, u64) = (self.rng.random(), self.rng.random());
        let mut id = String::with_capacity(32);
        for word in [a, b] {
            for shift in (0..16).rev() {
                id.push(DIGITS[((word >> (shift * 4)) & 0xf) as usize] as char);
            }
        }
        id
    }

    /// RegisterContainerInstance, from a spec.
    pub fn register_instance(&mut self, spec: &InstanceSpec) -> Result<usize, ApiError> {
        if spec.ec2_instance_id.trim().is_empty() {
            return Err(ApiError::invalid("ec2InstanceId must not be empty."));
        }
        if self.instance_index(&spec.ec2_instance_id).is_some() {
            return Err(ApiError::invalid(format!(
                "Container instance {} is already registered.",
                spec.ec2_instance_id
            )));
        }
        if spec.availability_zone.trim().is_empty() {
            return Err(ApiError::invalid(
                "availabilityZone must not be empty (for example us-east-1a).",
            ));
        }
        let itype =
            match &spec.instance_type {
                Some(name) => Some(catalog::lookup(name).ok_or_else(|| {
                    ApiError::invalid(format!(
                    "Unknown instance type '{name}'. Known types: {}; or give registeredResources.",
                    catalog::INSTANCE_TYPES.iter().map(|t| t.name).collect::<Vec<_>>().join(", ")
                ))
                })?),
                None => None,
            };
        let registered = match (spec.registered_resources, itype) {
            (Some(r), t) => Resources {
                cpu: r.cpu,
                memory: r.memory,
                gpu: r.gpu.unwrap_or(t.map(|t| t.gpus).unwrap_or(0)),
            },
            (None, Some(t)) => Resources {
                cpu: t.cpu_units(),
                memory: t.registered_memory_mib(),
                gpu: t.gpus,
            },
            (None, None) => {
                return Err(ApiError::invalid(format!(
                    "Container instance {} needs an instanceType or registeredResources.",
                    spec.ec2_instance_id
                )))
            }
        };
        let status = match spec.status.as_deref() {
            None | Some("ACTIVE") => InstanceStatus::Active,
            Some("DRAINING") => InstanceStatus::Draining,
            Some(other) => {
                return Err(ApiError::invalid(format!(
                    "status '{other}' is not valid; expected ACTIVE or DRAINING."
                )))
            }
        };
        let mut ports = HostPorts::default();
        if let Some(reserved) = &spec.reserved_ports {
            if reserved.len() > crate::sim::ports::RESERVED_PORT_LIMIT {
                return Err(ApiError::invalid(
                    "A container instance can have up to 100 reserved ports.",
                ));
            }
            ports.reserved = reserved.clone();
        }
        if let Some(range) = &spec.dynamic_host_port_range {
            ports.dynamic_range = parse_range(range).ok_or_else(|| {
                ApiError::invalid(format!("dynamicHostPortRange '{range}' is not valid; expected FROM-TO, for example 32768-60999."))
            })?;
        }
        let region = region_of(&spec.availability_zone);
        let hex = self.hex_id();
        let mut attributes = BTreeMap::new();
        let os_type = spec.os_type.clone().unwrap_or_else(|| "linux".into());
        attributes.insert(
            "ecs.availability-zone".into(),
            spec.availability_zone.clone(),
        );
        attributes.insert("ecs.os-type".into(), os_type.clone());
        attributes.insert(
            "ecs.os-family".into(),
            if os_type == "windows" {
                "WINDOWS_SERVER_2022_FULL"
            } else {
                "LINUX"
            }
            .into(),
        );
        attributes.insert(
            "ecs.cpu-architecture".into(),
            itype.map(|t| t.architecture).unwrap_or("x86_64").into(),
        );
        attributes.insert("ecs.ami-id".into(), "ami-0ecs0playground0".into());
        attributes.insert("ecs.vpc-id".into(), "vpc-0playground".into());
        attributes.insert(
            "ecs.subnet-id".into(),
            format!("subnet-{}", spec.availability_zone),
        );
        attributes.insert("ecs.capability.task-eni".into(), String::new());
        if let Some(t) = &spec.instance_type {
            attributes.insert("ecs.instance-type".into(), t.clone());
        }
        for (k, v) in &spec.attributes {
            attributes.insert(k.clone(), v.clone());
        }
        let eni_capacity = itype
            .map(|t| t.task_eni_limit(spec.eni_trunking))
            .unwrap_or(2);
        self.instances.push(ContainerInstance {
            ec2_instance_id: spec.ec2_instance_id.clone(),
            container_instance_arn: format!(
                "arn:aws:ecs:{region}:{ACCOUNT}:container-instance/{}/{hex}",
                self.name
            ),
            instance_type: spec.instance_type.clone(),
            availability_zone: spec.availability_zone.clone(),
            registered,
            remaining: registered,
            attributes,
            status,
            agent_connected: spec.agent_connected.unwrap_or(true),
            agent_version: spec
                .agent_version
                .clone()
                .unwrap_or_else(|| "1.80.0".into()),
            registered_at: spec
                .registered_at
                .clone()
                .unwrap_or_else(|| "2024-01-01T00:00:00Z".into()),
            ports,
            eni_capacity,
            enis_in_use: 0,
            task_groups: Vec::new(),
        });
        for counts in self.group_counts.values_mut() {
            counts.push(0);
        }
        // Only the new instance's capacity is new; cached per-instance answers are stale.
        self.generation += 1;
        let i = self.instances.len() - 1;
        self.capacity.push(Capacity::of(&self.instances[i]));
        Ok(i)
    }

    /// DeregisterContainerInstance with force: its tasks stop first.
    pub fn deregister_instance(&mut self, index: usize) {
        if index >= self.instances.len() {
            return;
        }
        let arns: Vec<String> = self
            .tasks
            .iter()
            .filter(|t| t.is_running() && t.instance_index == index)
            .map(|t| t.task_arn.clone())
            .collect();
        for arn in arns {
            let _ = self.stop_task(&arn, "Container instance deregistered");
        }
        self.instances.remove(index);
        for counts in self.group_counts.values_mut() {
            if index < counts.len() {
                counts.remove(index);
            }
        }
        for t in &mut self.tasks {
            if t.instance_index > index {
                t.instance_index -= 1;
            }
        }
        self.changed();
    }

    pub fn set_status(&mut self, index: usize, status: InstanceStatus) {
        if let Some(inst) = self.instances.get_mut(index) {
            inst.status = status;
            self.changed();
        }
    }

    /// PutAttributes / DeleteAttributes on one instance (`None` deletes).
    pub fn set_attribute(&mut self, index: usize, name: &str, value: Option<&str>) {
        if let Some(inst) = self.instances.get_mut(index) {
            match value {
                Some(v) => inst.attributes.insert(name.to_string(), v.to_string()),
                None => inst.attributes.remove(name),
            };
            self.changed();
        }
    }

    /// RegisterTaskDefinition: the next revision of the family. Returns its index.
    pub fn register_task_definition(&mut self, mut td: TaskDefinition) -> usize {
        td.revision = self
            .task_definitions
            .iter()
            .filter(|t| t.family == td.family)
            .map(|t| t.revision)
            .max()
            .unwrap_or(0)
            + 1;
        self.task_definitions.push(td);
        self.task_definitions.len() - 1
    }

    pub fn task_definition_arn(&self, td: &TaskDefinition) -> String {
        format!(
            "arn:aws:ecs:{}:{ACCOUNT}:task-definition/{}:{}",
            self.region(),
            td.family,
            td.revision
        )
    }

    /// `family`, `family:revision` or a full ARN; a bare family means its latest revision.
    pub fn find_task_definition(&self, reference: &str) -> Option<usize> {
        let name = reference
            .rsplit_once(":task-definition/")
            .map(|(_, n)| n)
            .unwrap_or(reference);
        match name.rsplit_once(':') {
            Some((family, rev)) => {
                let rev: u32 = rev.parse().ok()?;
                self.task_definitions
                    .iter()
                    .position(|t| t.family == family && t.revision == rev)
            }
            None => self
                .task_definitions
                .iter()
                .enumerate()
                .filter(|(_, t)| t.family == name)
                .max_by_key(|(_, t)| t.revision)
                .map(|(i, _)| i),
        }
    }

    pub fn group_counts(&self, group: &str) -> &[u32] {
        self.group_counts
            .get(group)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Decides where one task goes, without changing anything but the random generator.
    pub fn decide(&mut self, request: &PlacementRequest, detail: bool) -> PlacementOutcome {
        self.decide_after(request, detail, None)
    }

    /// Like `decide`, for the next task of the same request: `carry` is the previous
    /// outcome's, so only the instance that just took a task is checked again.
    pub fn decide_after(
        &mut self,
        request: &PlacementRequest,
        detail: bool,
        carry: Option<&placement::Carry>,
    ) -> PlacementOutcome {
        let counts = self
            .group_counts
            .get(&request.group)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let view = ClusterView {
            instances: &self.instances,
            capacity: &self.capacity,
            group_counts: counts,
            generation: self.generation,
        };
        placement::place(
            &view,
            request,
            &mut self.cache,
            &mut self.rng,
            detail,
            carry,
        )
    }

    /// Starts a task of `td_index` on instance `index`: reserves resources, hands out host
    /// ports and (awsvpc) an ENI. The placement decision has already checked that they exist.
    pub fn start_task(
        &mut self,
        td_index: usize,
        index: usize,
        group: &str,
        started_by: Option<String>,
        launch_type: &str,
    ) -> Option<&Task> {
        let task_hex = self.hex_id();
        let prefix = self.arn_prefix();
        let cluster_arn = concat(&[&prefix, "cluster/", &self.name]);
        // Borrow the definition (fields are disjoint from `instances`): cloning it per task
        // would copy its raw JSON every time.
        let td = self.task_definitions.get(td_index)?;
        let needs = placement::TaskNeeds::of(td);
        let td_arn = concat(&[
            &prefix,
            "task-definition/",
            &td.family,
            ":",
            &td.revision.to_string(),
        ]);
        let eni = if needs.eni {
            self.eni_counter += 1;
            Some(self.eni_counter)
        } else {
            None
        };
        let inst = self.instances.get_mut(index)?;
        inst.remaining.cpu = inst.remaining.cpu.saturating_sub(needs.cpu);
        inst.remaining.memory = inst.remaining.memory.saturating_sub(needs.memory);
        inst.remaining.gpu = inst.remaining.gpu.saturating_sub(needs.gpu);
        let task_arn = concat(&[&prefix, "task/", &self.name, "/", &task_hex]);
        let ip = eni.map(|n| private_ip(&inst.availability_zone, n));
        // (In awsvpc mode a range is on the task's own interface: no host ports.)
        let bridge = td.network_mode == NetworkMode::Bridge;
        let mut containers = Vec::new();
        for c in &td.container_definitions {
            let mut bindings = Vec::new();
            for m in &c.port_mappings {
                // Ranges are bound after every single port (below), as placement checked.
                if bridge && m.container_port_range.is_some() {
                    continue;
                }
                let host_port = match (td.network_mode, m.static_host_port(td.network_mode)) {
                    (_, Some(p)) => {
                        inst.ports.take_static(p, m.protocol);
                        Some(p)
                    }
                    (NetworkMode::Bridge, None) => {
                        let p = inst.ports.next_dynamic(m.protocol)?;
                        inst.ports.take_dynamic(p, m.protocol);
                        Some(p)
                    }
                    _ => None,
                };
                if let Some(host_port) = host_port {
                    bindings.push(NetworkBinding {
                        bind_ip: "0.0.0.0".into(),
                        container_port: m.container_port,
                        host_port,
                        protocol: m.protocol.as_str(),
                        range_len: None,
                    });
                }
            }
            containers.push(Container {
                container_arn: concat(&[
                    &prefix,
                    "container/",
                    &self.name,
                    "/",
                    &task_hex,
                    "/",
                    &c.name,
                ]),
                task_arn: task_arn.clone(),
                name: c.name.clone(),
                image: c.image.clone(),
                last_status: "RUNNING".into(),
                network_bindings: bindings,
                network_interfaces: match (&ip, eni) {
                    (Some(ip), Some(n)) => vec![NetworkInterface {
                        attachment_id: attachment_id(n),
                        private_ipv4_address: ip.clone(),
                    }],
                    _ => vec![],
                },
            });
        }
        // Assumption: the agent binds a containerPortRange to as many contiguous host ports
        // from the dynamic range, next-fit from the last port it assigned (agent source).
        for (c, container) in td.container_definitions.iter().zip(&mut containers) {
            let ranges = c.port_mappings.iter().filter(|_| bridge);
            for (m, len) in ranges.filter_map(|m| Some((m, m.range_len()?))) {
                let first = inst.ports.next_dynamic_run(m.protocol, len)?;
                inst.ports.take_dynamic_run(first, len, m.protocol);
                container.network_bindings.push(NetworkBinding {
                    bind_ip: "0.0.0.0".into(),
                    container_port: m.container_port,
                    host_port: first,
                    protocol: m.protocol.as_str(),
                    range_len: Some(len),
                });
            }
        }
        if needs.eni {
            inst.enis_in_use += 1;
        }
        inst.task_groups.push(group.to_string());
        let attachments = match (ip, eni) {
            (Some(ip), Some(n)) => vec![Attachment {
                id: attachment_id(n),
                kind: "ElasticNetworkInterface",
                status: "ATTACHED",
                details: vec![
                    AttachmentDetail {
                        name: "subnetId",
                        value: format!("subnet-{}", inst.availability_zone),
                    },
                    AttachmentDetail {
                        name: "networkInterfaceId",
                        value: format!("eni-{n:08x}"),
                    },
                    AttachmentDetail {
                        name: "privateIPv4Address",
                        value: ip,
                    },
                ],
            }],
            _ => vec![],
        };
        let task = Task {
            task_arn,
            cluster_arn,
            task_definition_arn: td_arn,
            container_instance_arn: inst.container_instance_arn.clone(),
            ec2_instance_id: inst.ec2_instance_id.clone(),
            availability_zone: inst.availability_zone.clone(),
            group: group.to_string(),
            last_status: "RUNNING".into(),
            desired_status: "RUNNING".into(),
            launch_type: launch_type.into(),
            capacity_provider_name: None,
            cpu: needs.cpu.to_string(),
            memory: needs.memory.to_string(),
            started_by,
            stopped_reason: None,
            containers,
            attachments,
            lifecycle: Default::default(),
            instance_index: index,
            reserved: Resources {
                cpu: needs.cpu,
                memory: needs.memory,
                gpu: needs.gpu,
            },
            uses_eni: needs.eni,
        };
        let n = self.instances.len();
        let counts = self
            .group_counts
            .entry(group.to_string())
            .or_insert_with(|| vec![0; n]);
        if let Some(c) = counts.get_mut(index) {
            *c += 1;
        }
        self.cache.on_task_change(group, index, true);
        self.tasks.push(task);
        self.refresh_capacity(index);
        self.tasks.last()
    }

    /// StopTask: gives back resources, ports and the ENI.
    pub fn stop_task(&mut self, task: &str, reason: &str) -> Result<&Task, ApiError> {
        let pos = self
            .tasks
            .iter()
            .position(|t| t.task_arn == task || t.id() == task)
            .ok_or_else(|| ApiError::invalid("The referenced task was not found."))?;
        if self.tasks[pos].is_running() {
            self.stopped_tasks += 1;
            let t = &mut self.tasks[pos];
            t.last_status = "STOPPED".into();
            t.desired_status = "STOPPED".into();
            t.stopped_reason = Some(reason.to_string());
            for c in &mut t.containers {
                c.last_status = "STOPPED".into();
            }
            let (index, group, reserved, eni) =
                (t.instance_index, t.group.clone(), t.reserved, t.uses_eni);
            let bindings: Vec<(u16, &str)> = t
                .containers
                .iter()
                .flat_map(|c| c.network_bindings.iter())
                .flat_map(|b| b.host_ports().map(move |p| (p, b.protocol)))
                .collect();
            if let Some(inst) = self.instances.get_mut(index) {
                inst.remaining.cpu = (inst.remaining.cpu + reserved.cpu).min(inst.registered.cpu);
                inst.remaining.memory =
                    (inst.remaining.memory + reserved.memory).min(inst.registered.memory);
                inst.remaining.gpu = (inst.remaining.gpu + reserved.gpu).min(inst.registered.gpu);
                for (port, proto) in bindings {
                    let proto = if proto == "udp" {
                        super::taskdef::Protocol::Udp
                    } else {
                        super::taskdef::Protocol::Tcp
                    };
                    inst.ports.release(port, proto);
                }
                if eni {
                    inst.enis_in_use = inst.enis_in_use.saturating_sub(1);
                }
                if let Some(k) = inst.task_groups.iter().position(|g| *g == group) {
                    inst.task_groups.remove(k);
                }
            }
            if let Some(c) = self
                .group_counts
                .get_mut(&group)
                .and_then(|v| v.get_mut(index))
            {
                *c = c.saturating_sub(1);
            }
            self.cache.on_task_change(&group, index, false);
            self.refresh_capacity(index);
        }
        Ok(&self.tasks[pos])
    }

    /// Tasks stopped so far, one count per StopTask that stopped a running task.
    pub fn stopped_task_count(&self) -> usize {
        self.stopped_tasks
    }

    pub fn running_tasks(&self) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(|t| t.is_running())
    }
}

/// The parts joined, in one allocation.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// `us-east-1a` -> `us-east-1`.
pub fn region_of(az: &str) -> String {
    az.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .to_string()
}

fn parse_range(text: &str) -> Option<(u16, u16)> {
    let (a, b) = text.split_once('-')?;
    let (a, b): (u16, u16) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a <= b && a > 0).then_some((a, b))
}

fn attachment_id(n: u32) -> String {
    format!("attachment-{n:08x}")
}

/// A private address in the AZ's subnet: 10.0.<zone>.<n>, deterministic.
fn private_ip(az: &str, n: u32) -> String {
    let zone = az
        .chars()
        .last()
        .map(|c| (c as u32).saturating_sub('a' as u32))
        .unwrap_or(0)
        % 16;
    format!("10.0.{}.{}", zone * 16 + (n / 250) % 16, n % 250 + 4)
}
