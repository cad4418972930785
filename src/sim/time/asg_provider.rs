//! An Auto Scaling group capacity provider: the group's instances (the simulator launches and
//! registers them), its managed scaling settings, and its CapacityProviderReservation history.
//!
//! `CreateCapacityProvider` takes ECS's own shape. A real `autoScalingGroupArn` names a group
//! the simulator cannot see, so the group is described in the simulator's own object inside
//! `autoScalingGroupProvider`:
//! `"autoScalingGroup": {"instanceType": "m5.large", "availabilityZones": ["us-east-1a"],
//! "minSize": 0, "maxSize": 10, "desiredCapacity": 2}`.

use serde_json::{json, Value};

use crate::sim::capacity::managed_scaling::{
    AsgProviderSettings, AutoScalingGroupProvider, ManagedStatus,
};
use crate::sim::capacity::Resources;
use crate::sim::catalog;
use crate::sim::cluster::{ApiError, ACCOUNT};
use crate::sim::cql;
use crate::sim::placement::{Constraint, ConstraintSource};

/// The attribute the simulator gives the instances of a group, so that tasks of a capacity
/// provider can be kept on them (ECS knows the group of each instance; here it is visible).
pub const PROVIDER_ATTRIBUTE: &str = "playground.capacity-provider";

/// The most instances one simulated group may have.
pub const MAX_GROUP_SIZE: u32 = 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsgInstance {
    pub ec2_instance_id: String,
    pub availability_zone: String,
    pub launched_at: i64,
    /// When the instance's agent registers it with the cluster.
    pub registers_at: i64,
    pub registered: bool,
    /// Chosen for scale-in: DRAINING until its non-daemon tasks are gone, then terminated.
    pub terminating: bool,
}

#[derive(Debug, Clone)]
pub struct AsgProvider {
    pub name: String,
    pub arn: String,
    pub settings: AsgProviderSettings,
    pub managed_draining: bool,
    pub instance_type: String,
    /// What one instance of the type registers (the unit of M).
    pub resources: Resources,
    pub availability_zones: Vec<String>,
    pub min_size: u32,
    pub max_size: u32,
    /// The group's DesiredCapacity: managed scaling changes it, the group launches to it.
    pub desired: u32,
    pub instances: Vec<AsgInstance>,
    /// CapacityProviderReservation, one value per minute, newest last.
    pub history: Vec<f64>,
    pub last_reservation: Option<f64>,
    /// M (instances needed) and N (instances running) behind `last_reservation`.
    pub last_needed_running: Option<(u32, u32)>,
    pub last_explanation: String,
    /// memberOf: keeps the provider's tasks on the provider's instances.
    pub member_of: Constraint,
    pub request: Value,
}

impl AsgProvider {
    /// Reads a `CreateCapacityProvider` request (name already checked by the caller).
    pub fn from_request(name: &str, body: &Value, region: &str) -> Result<AsgProvider, ApiError> {
        let Some(asg_provider) = body
            .get("autoScalingGroupProvider")
            .filter(|v| v.is_object())
        else {
            if body.get("managedInstancesProvider").is_some() {
                return Err(ApiError::invalid(
                    "managedInstancesProvider is not simulated; give an autoScalingGroupProvider.",
                ));
            }
            return Err(ApiError::invalid("autoScalingGroupProvider is required."));
        };
        let Some(group) = asg_provider
            .get("autoScalingGroup")
            .filter(|v| v.is_object())
        else {
            return Err(ApiError::invalid(
                "autoScalingGroupProvider.autoScalingGroup is required by the simulator: it describes the group, e.g. \
                 {\"instanceType\": \"m5.large\", \"availabilityZones\": [\"us-east-1a\", \"us-east-1b\"], \"minSize\": 0, \"maxSize\": 10, \"desiredCapacity\": 0}.",
            ));
        };
        let mut config: AutoScalingGroupProvider = serde_json::from_value(asg_provider.clone())
            .map_err(|e| ApiError::invalid(format!("autoScalingGroupProvider: {e}")))?;
        let arn = config.auto_scaling_group_arn.clone().unwrap_or_else(|| {
            format!("arn:aws:autoscaling:{region}:{ACCOUNT}:autoScalingGroup:00000000-0000-4000-8000-000000000000:autoScalingGroupName/{name}-asg")
        });
        config.auto_scaling_group_arn = Some(arn);
        let settings =
            AsgProviderSettings::from_config(&config).map_err(|e| ApiError::invalid(e.message))?;
        // Current ECS turns managed draining on unless it is DISABLED.
        // Assumption: managedDraining defaults to ENABLED (the API text gives no default;
        // the console and CloudFormation enable it).
        let managed_draining = config.managed_draining != Some(ManagedStatus::Disabled);

        let itype = group
            .get("instanceType")
            .and_then(Value::as_str)
            .unwrap_or("");
        let t = catalog::lookup(itype).ok_or_else(|| {
            ApiError::invalid(format!(
                "autoScalingGroup.instanceType '{itype}' is not known. Known types: {}.",
                catalog::INSTANCE_TYPES
                    .iter()
                    .map(|t| t.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let azs: Vec<String> = group
            .get("availabilityZones")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|z| z.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if azs.is_empty() || azs.iter().any(|z| z.trim().is_empty()) {
            return Err(ApiError::invalid("autoScalingGroup.availabilityZones must list at least one Availability Zone, e.g. [\"us-east-1a\"]."));
        }
        let size = |key: &str, default: Option<u32>| -> Result<u32, ApiError> {
            match group.get(key) {
                None | Some(Value::Null) => default.ok_or_else(|| ApiError::invalid(format!("autoScalingGroup.{key} is required."))),
                Some(v) => v
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| *n <= MAX_GROUP_SIZE)
                    .ok_or_else(|| ApiError::invalid(format!("autoScalingGroup.{key} must be a whole number from 0 to {MAX_GROUP_SIZE}; got {v}."))),
            }
        };
        let min_size = size("minSize", Some(0))?;
        let max_size = size("maxSize", None)?;
        let desired = match group.get("desiredCapacity") {
            Some(_) => size("desiredCapacity", None)?,
            None => size("desiredSize", Some(min_size))?,
        };
        if !(min_size <= desired && desired <= max_size) {
            return Err(ApiError::invalid(format!(
                "autoScalingGroup: minSize ({min_size}) <= desiredCapacity ({desired}) <= maxSize ({max_size}) must hold."
            )));
        }
        let expression = format!("attribute:{PROVIDER_ATTRIBUTE} == {name}");
        let expr = cql::parse(&expression).map_err(|e| {
            ApiError::invalid(format!(
                "capacity provider name {name} can't be used in a placement expression: {}",
                e.message
            ))
        })?;
        Ok(AsgProvider {
            name: name.to_string(),
            arn: format!("arn:aws:ecs:{region}:{ACCOUNT}:capacity-provider/{name}"),
            settings,
            managed_draining,
            instance_type: t.name.to_string(),
            resources: Resources::new(t.cpu_units(), t.registered_memory_mib()),
            availability_zones: azs,
            min_size,
            max_size,
            desired,
            instances: Vec::new(),
            history: Vec::new(),
            last_reservation: None,
            last_needed_running: None,
            last_explanation: String::new(),
            member_of: Constraint::MemberOf {
                expression,
                expr,
                source: ConstraintSource::Request,
            },
            request: body.clone(),
        })
    }

    /// Instances that count toward the group's size (not on their way out).
    pub fn in_service(&self) -> impl Iterator<Item = &AsgInstance> {
        self.instances.iter().filter(|i| !i.terminating)
    }

    pub fn to_json(&self) -> Value {
        let ms = &self.settings.managed_scaling;
        json!({
            "capacityProviderArn": self.arn,
            "name": self.name,
            "status": "ACTIVE",
            "autoScalingGroupProvider": {
                "autoScalingGroupArn": self.settings.auto_scaling_group_arn,
                "managedScaling": {
                    "status": if ms.enabled { "ENABLED" } else { "DISABLED" },
                    "targetCapacity": ms.target_capacity,
                    "minimumScalingStepSize": ms.minimum_scaling_step_size,
                    "maximumScalingStepSize": ms.maximum_scaling_step_size,
                    "instanceWarmupPeriod": ms.instance_warmup_seconds,
                },
                "managedTerminationProtection": if self.settings.managed_termination_protection { "ENABLED" } else { "DISABLED" },
                "managedDraining": if self.managed_draining { "ENABLED" } else { "DISABLED" },
                "autoScalingGroup": {
                    "instanceType": self.instance_type,
                    "availabilityZones": self.availability_zones,
                    "minSize": self.min_size,
                    "maxSize": self.max_size,
                    "desiredCapacity": self.desired,
                    "instances": self.instances.iter().map(|i| json!({
                        "instanceId": i.ec2_instance_id,
                        "availabilityZone": i.availability_zone,
                        "lifecycleState": if i.terminating { "Terminating" } else if i.registered { "InService" } else { "Pending" },
                    })).collect::<Vec<_>>(),
                },
            },
            "capacityProviderReservation": self.last_reservation,
            "managedScalingDecision": self.last_explanation,
            "notes": self.settings.notes,
        })
    }
}
