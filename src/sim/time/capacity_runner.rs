//! Capacity providers over time: the cluster's providers and default strategy
//! (`PutClusterCapacityProviders`), Auto Scaling groups that launch and register instances,
//! managed scaling from CapacityProviderReservation, and scale-in with managed termination
//! protection and managed draining.

use serde_json::{json, Value};

use crate::sim::capacity::instances_needed::{instances_needed, ExistingInstance};
use crate::sim::capacity::managed_scaling::{
    evaluate_managed_scaling, instances_in_warmup, ManagedScalingAction, ManagedScalingInput,
    ReservationAlarms,
};
use crate::sim::capacity::strategy_split::{
    CapacityProviderStrategy, CapacityProviderStrategyItem,
};
use crate::sim::capacity::termination_protection::{instances_to_terminate, ScaleInCandidate};
use crate::sim::capacity::Resources;
use crate::sim::cluster::{ApiError, InstanceSpec};
use crate::sim::instance::InstanceStatus;
use crate::sim::placement::TaskNeeds;

use rand::RngExt;

use super::asg_provider::{AsgInstance, AsgProvider, PROVIDER_ATTRIBUTE};
use super::fargate::{FARGATE, FARGATE_SPOT};
use super::simulation::Simulation;

/// Seconds from an Auto Scaling group launching an instance to its agent registering it.
// Assumption: 60 s (boot and agent start); the instance warm-up (default 300 s) counts from
// the launch.
pub const INSTANCE_REGISTER_SECONDS: i64 = 60;

/// CapacityProviderReservation values kept per provider (the alarms need 15).
const HISTORY: usize = 60;

#[derive(Debug, Clone, Default)]
pub struct CapacityState {
    pub providers: Vec<AsgProvider>,
    /// The cluster's capacity providers (`PutClusterCapacityProviders`).
    pub associated: Vec<String>,
    pub default_strategy: Option<CapacityProviderStrategy>,
    /// Spot interruptions per Fargate Spot task per hour (`SetSpotInterruptionRate`).
    pub spot_rate_per_task_hour: f64,
}

impl CapacityState {
    pub fn provider_index(&self, name: &str) -> Option<usize> {
        self.providers
            .iter()
            .position(|p| p.name == name || p.arn == name)
    }

    /// Checks a capacity provider strategy for a service or as the cluster default.
    pub fn check_strategy(
        &self,
        items: &[Value],
        associated: &[String],
    ) -> Result<CapacityProviderStrategy, ApiError> {
        let parsed: Vec<CapacityProviderStrategyItem> = items
            .iter()
            .map(|v| serde_json::from_value(v.clone()))
            .collect::<Result<_, _>>()
            .map_err(|e| ApiError::invalid(format!("capacityProviderStrategy: {e}")))?;
        let strategy = CapacityProviderStrategy::from_items(&parsed)
            .map_err(|e| ApiError::invalid(e.message))?;
        let mut fargate = false;
        let mut asg = false;
        for item in strategy.items() {
            let name = &item.capacity_provider;
            if !associated.contains(name) {
                return Err(ApiError::invalid(
                    "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. \
                     Associate the capacity provider with the cluster or specify a valid capacity provider and try again.",
                ));
            }
            if name == FARGATE || name == FARGATE_SPOT {
                fargate = true;
            } else {
                asg = true;
            }
        }
        if fargate && asg {
            return Err(ApiError::invalid(
                "The specified capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. \
                 Specify one or the other and try again.",
            ));
        }
        Ok(strategy)
    }

    pub fn to_json(&self) -> Value {
        let mut out: Vec<Value> = self.providers.iter().map(AsgProvider::to_json).collect();
        for name in [FARGATE, FARGATE_SPOT] {
            if self.associated.iter().any(|a| a == name) {
                out.push(json!({"name": name, "status": "ACTIVE"}));
            }
        }
        out.into()
    }
}

fn strategy_json(s: &CapacityProviderStrategy) -> Value {
    s.items()
        .iter()
        .map(|i| json!({"capacityProvider": i.capacity_provider, "weight": i.weight, "base": i.base}))
        .collect::<Vec<_>>()
        .into()
}

/// CreateCapacityProvider (Auto Scaling group providers; FARGATE and FARGATE_SPOT exist
/// already).
pub fn create_capacity_provider(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let name = body.get("name").and_then(Value::as_str).unwrap_or("");
    let valid = (1..=255).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !valid {
        return Err(ApiError::invalid(
            "The capacity provider name must have 1-255 letters, numbers, underscores or hyphens.",
        ));
    }
    let lower = name.to_ascii_lowercase();
    if ["aws", "ecs", "fargate"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Err(ApiError::invalid(
            "The capacity provider name can't be prefixed with 'aws', 'ecs', or 'fargate'.",
        ));
    }
    if sim.capacity.provider_index(name).is_some() {
        return Err(ApiError::invalid(
            "The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.",
        ));
    }
    let region = sim.cluster.region();
    let provider = AsgProvider::from_request(name, body, &region)?;
    sim.capacity.providers.push(provider);
    let pi = sim.capacity.providers.len() - 1;
    // Assumption: the group's initial DesiredCapacity instances are already running and
    // registered when the provider is created.
    maintain(sim, pi, true);
    Ok(json!({"capacityProvider": sim.capacity.providers[pi].to_json()}))
}

/// PutClusterCapacityProviders: the providers the cluster may use and its default strategy.
pub fn put_cluster_capacity_providers(
    sim: &mut Simulation,
    body: &Value,
) -> Result<Value, ApiError> {
    let p = body.as_object().ok_or_else(|| {
        ApiError::invalid("PutClusterCapacityProviders expects a JSON object of parameters.")
    })?;
    crate::sim::api::params::only_known(
        p,
        &[
            "cluster",
            "capacityProviders",
            "defaultCapacityProviderStrategy",
        ],
    )?;
    let Some(list) = p.get("capacityProviders").and_then(Value::as_array) else {
        return Err(ApiError::invalid(
            "capacityProviders is required (a list, possibly empty).",
        ));
    };
    let mut names = Vec::new();
    for v in list {
        let Some(name) = v.as_str() else {
            return Err(ApiError::invalid(
                "capacityProviders must be a list of names.",
            ));
        };
        let name = match sim.capacity.provider_index(name) {
            Some(i) => sim.capacity.providers[i].name.clone(),
            None if name == FARGATE || name == FARGATE_SPOT => name.to_string(),
            None => return Err(ApiError::invalid("The specified capacity provider does not exist. Specify a valid name or ARN and try again.")),
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    for s in sim.services.iter().filter(|s| s.is_active()) {
        for d in &s.deployments {
            if let super::service::Launch::Providers(strategy) = &d.launch {
                if let Some(item) = strategy
                    .items()
                    .iter()
                    .find(|i| !names.contains(&i.capacity_provider))
                {
                    return Err(ApiError::invalid(format!(
                        "The specified capacity provider {} is in use and cannot be removed.",
                        item.capacity_provider
                    )));
                }
            }
        }
    }
    let default_items = p
        .get("defaultCapacityProviderStrategy")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let default_strategy = if default_items.is_empty() {
        None
    } else {
        Some(sim.capacity.check_strategy(&default_items, &names)?)
    };
    sim.capacity.associated = names;
    sim.capacity.default_strategy = default_strategy;
    Ok(json!({"cluster": {
        "clusterArn": sim.cluster.cluster_arn(),
        "clusterName": sim.cluster.name,
        "status": "ACTIVE",
        "capacityProviders": sim.capacity.associated,
        "defaultCapacityProviderStrategy": sim.capacity.default_strategy.as_ref().map(strategy_json).unwrap_or_else(|| json!([])),
    }}))
}

/// Every tick: instances register, drained instances terminate, groups launch to their size.
pub fn tick(sim: &mut Simulation) {
    for pi in 0..sim.capacity.providers.len() {
        maintain(sim, pi, false);
    }
}

/// Brings group `pi` to its desired size and carries its instances' lifecycle forward.
/// `at_once`: launched instances register now (the group's starting instances).
fn maintain(sim: &mut Simulation, pi: usize, at_once: bool) {
    let now = sim.clock.now;
    // Terminate drained instances, register arrived ones.
    let mut k = 0;
    while k < sim.capacity.providers[pi].instances.len() {
        let inst = &sim.capacity.providers[pi].instances[k];
        // Most instances are in service and registered: nothing to do (and no lookup).
        if !inst.terminating && (inst.registered || inst.registers_at > now) {
            k += 1;
            continue;
        }
        let inst = inst.clone();
        let index = sim.cluster.instance_index(&inst.ec2_instance_id);
        if inst.terminating {
            let busy = index.map(|i| non_daemon_tasks(sim, i)).unwrap_or(0);
            if busy == 0 {
                if let Some(i) = index {
                    sim.cluster.deregister_instance(i);
                    sim.dirty_all = true;
                }
                sim.capacity.providers[pi].instances.remove(k);
                continue;
            }
        } else if !inst.registered && inst.registers_at <= now {
            let p = &sim.capacity.providers[pi];
            let mut attributes = std::collections::BTreeMap::new();
            attributes.insert(PROVIDER_ATTRIBUTE.to_string(), p.name.clone());
            let spec = InstanceSpec {
                ec2_instance_id: inst.ec2_instance_id.clone(),
                availability_zone: inst.availability_zone.clone(),
                instance_type: Some(p.instance_type.clone()),
                attributes,
                registered_at: Some(sim.clock.now_iso()),
                ..Default::default()
            };
            sim.dirty_all = true;
            if sim.cluster.register_instance(&spec).is_ok() {
                sim.capacity.providers[pi].instances[k].registered = true;
            } else {
                sim.capacity.providers[pi].instances.remove(k);
                continue;
            }
        }
        k += 1;
    }
    // Launch up to the desired size, balancing the group's zones that are up.
    let p = &sim.capacity.providers[pi];
    let missing = (p.desired as usize).saturating_sub(p.in_service().count());
    for _ in 0..missing {
        let p = &sim.capacity.providers[pi];
        let zone = p
            .availability_zones
            .iter()
            .filter(|z| !sim.cluster.failed_azs.contains(*z))
            .min_by_key(|z| {
                p.in_service()
                    .filter(|i| &i.availability_zone == *z)
                    .count()
            })
            .cloned();
        let Some(zone) = zone else { break };
        let hex: String = (0..17)
            .map(|_| char::from_digit(sim.rng.random_range(0..16u32), 16).unwrap_or('0'))
            .collect();
        let registers_at = if at_once {
            now
        } else {
            now + INSTANCE_REGISTER_SECONDS
        };
        sim.capacity.providers[pi].instances.push(AsgInstance {
            ec2_instance_id: format!("i-{hex}"),
            availability_zone: zone,
            launched_at: if at_once { now - 3600 } else { now },
            registers_at,
            registered: false,
            terminating: false,
        });
    }
    if at_once && missing > 0 {
        maintain(sim, pi, false);
    }
}

fn non_daemon_tasks(sim: &Simulation, index: usize) -> usize {
    sim.cluster
        .instances
        .get(index)
        .map(|inst| {
            inst.task_groups
                .iter()
                .filter(|g| !sim.daemon_groups.contains(*g))
                .count()
        })
        .unwrap_or(0)
}

/// Every minute: CapacityProviderReservation and managed scaling of each group.
// Assumption: CapacityProviderReservation is computed (and shown) only for providers with
// managed scaling ENABLED, as ECS publishes the metric only for them.
pub fn minute(sim: &mut Simulation) {
    for pi in 0..sim.capacity.providers.len() {
        if sim.capacity.providers[pi].settings.managed_scaling.enabled {
            managed_scaling(sim, pi);
        }
    }
}

fn managed_scaling(sim: &mut Simulation, pi: usize) {
    let now = sim.clock.now;
    let name = sim.capacity.providers[pi].name.clone();
    let p = &sim.capacity.providers[pi];
    let index_of: std::collections::HashMap<&str, usize> = sim
        .cluster
        .instances
        .iter()
        .enumerate()
        .map(|(i, inst)| (inst.ec2_instance_id.as_str(), i))
        .collect();
    let existing: Vec<ExistingInstance> = p
        .in_service()
        .map(|i| {
            match index_of
                .get(i.ec2_instance_id.as_str())
                .copied()
                .filter(|_| i.registered)
            {
                Some(index) => {
                    let r = sim.cluster.instances[index].remaining;
                    ExistingInstance {
                        free: Resources::new(r.cpu, r.memory),
                        runs_non_daemon_tasks: non_daemon_tasks(sim, index) > 0,
                    }
                }
                None => ExistingInstance {
                    free: p.resources,
                    runs_non_daemon_tasks: false,
                },
            }
        })
        .collect();
    let mut provisioning = Vec::new();
    for s in &sim.services {
        for waiting in s.provisioning.iter().filter(|w| w.provider == name) {
            if let Some(td) = s
                .deployment(waiting.deployment)
                .and_then(|d| sim.cluster.task_definitions.get(d.td_index))
            {
                let needs = TaskNeeds::of(td);
                provisioning.push(Resources::new(needs.cpu, needs.memory));
            }
        }
    }
    // Assumption: instances still launching count in N and, empty, in M's binpacking (so a
    // scale-out is not asked for twice while they boot).
    let m = instances_needed(p.resources, &existing, &provisioning);
    let n = u32::try_from(existing.len()).unwrap_or(u32::MAX);
    let cpr = crate::sim::capacity::reservation::capacity_provider_reservation(m.needed, n);
    let launch_times: Vec<i64> = p.in_service().map(|i| i.launched_at).collect();
    let warming = instances_in_warmup(&launch_times, now, &p.settings.managed_scaling);
    let settings = p.settings.managed_scaling;
    let (min_size, max_size) = (p.min_size, p.max_size);
    let p = &mut sim.capacity.providers[pi];
    p.history.push(cpr);
    if p.history.len() > HISTORY {
        p.history.drain(..p.history.len() - HISTORY);
    }
    let input = ManagedScalingInput {
        needed_instances: m.needed,
        running_instances: n,
        reservation_history: &p.history,
        instances_in_warmup: warming,
        group_min_size: min_size,
        group_max_size: max_size,
    };
    let decision = evaluate_managed_scaling(&settings, &ReservationAlarms::default(), &input);
    p.last_reservation = Some((decision.reservation * 100.0).round() / 100.0);
    p.last_needed_running = Some((m.needed, n));
    p.last_explanation = decision.explanation;
    match decision.action {
        ManagedScalingAction::ScaleOut { to, .. } => {
            p.desired = to.min(max_size);
            maintain(sim, pi, false);
        }
        ManagedScalingAction::ScaleIn { from, to } => {
            scale_in(sim, pi, (from - to) as usize);
            // Assumption: after a scale-in the low alarm needs 15 new datapoints.
            sim.capacity.providers[pi].history.clear();
        }
        ManagedScalingAction::NoChange => {}
    }
}

/// Takes `count` instances out of group `pi`.
// Assumption: the group's default termination policy is approximated as: the Availability
// Zone with the most instances first, then the oldest instance.
fn scale_in(sim: &mut Simulation, pi: usize, count: usize) {
    let p = &sim.capacity.providers[pi];
    let mut order: Vec<usize> = (0..p.instances.len())
        .filter(|&k| !p.instances[k].terminating)
        .collect();
    let mut zone_sizes: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for i in p.in_service() {
        *zone_sizes.entry(i.availability_zone.as_str()).or_default() += 1;
    }
    let per_zone = |z: &str| zone_sizes.get(z).copied().unwrap_or(0);
    crate::sim::sorting::sort_by(&mut order, |&a, &b| {
        let (ia, ib) = (&p.instances[a], &p.instances[b]);
        per_zone(&ib.availability_zone)
            .cmp(&per_zone(&ia.availability_zone))
            .then(ia.launched_at.cmp(&ib.launched_at))
            .then(a.cmp(&b))
    });
    let index_of: std::collections::HashMap<&str, usize> = sim
        .cluster
        .instances
        .iter()
        .enumerate()
        .map(|(i, inst)| (inst.ec2_instance_id.as_str(), i))
        .collect();
    let candidates: Vec<ScaleInCandidate> = order
        .iter()
        .map(|&k| {
            let busy = index_of
                .get(p.instances[k].ec2_instance_id.as_str())
                .map(|&i| non_daemon_tasks(sim, i) > 0)
                .unwrap_or(false);
            ScaleInCandidate {
                runs_non_daemon_tasks: busy,
            }
        })
        .collect();
    let victims: Vec<usize> = instances_to_terminate(
        &candidates,
        count,
        p.settings.managed_termination_protection,
    )
    .into_iter()
    .map(|c| order[c])
    .collect();
    let draining = p.managed_draining;
    for k in &victims {
        let id = sim.capacity.providers[pi].instances[*k]
            .ec2_instance_id
            .clone();
        sim.capacity.providers[pi].instances[*k].terminating = true;
        if let Some(i) = sim.cluster.instance_index(&id) {
            if draining {
                sim.cluster.set_status(i, InstanceStatus::Draining);
                sim.dirty_all = true;
            } else {
                // Without managed draining the group terminates the instance with its tasks.
                sim.cluster.deregister_instance(i);
                sim.dirty_all = true;
            }
        }
    }
    let p = &mut sim.capacity.providers[pi];
    p.desired = p
        .desired
        .saturating_sub(u32::try_from(victims.len()).unwrap_or(u32::MAX))
        .max(p.min_size);
    maintain(sim, pi, false);
}

/// An Availability Zone failed: the groups lose their instances there (and launch
/// replacements elsewhere on the next ticks).
// Assumption: an Auto Scaling group treats its instances in a failed zone as terminated and
// keeps its DesiredCapacity by launching in its other zones (plain container instances of
// the scenario stay registered with their agent disconnected).
pub fn fail_zone(sim: &mut Simulation, zone: &str) {
    for pi in 0..sim.capacity.providers.len() {
        let lost: Vec<String> = sim.capacity.providers[pi]
            .instances
            .iter()
            .filter(|i| i.availability_zone == zone)
            .map(|i| i.ec2_instance_id.clone())
            .collect();
        for id in lost {
            if let Some(i) = sim.cluster.instance_index(&id) {
                sim.cluster.deregister_instance(i);
                sim.dirty_all = true;
            }
            sim.capacity.providers[pi]
                .instances
                .retain(|x| x.ec2_instance_id != id);
        }
    }
}
