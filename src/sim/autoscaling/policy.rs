//! Application Auto Scaling request shapes, with AWS's own field names (PascalCase), as a
//! scenario file or the UI writes them (the JSON that `aws application-autoscaling
//! --cli-input-json` takes). Only the fields an ECS service uses are modelled; other fields are
//! ignored. Numbers are read wide (`i64`/`f64`) and checked afterwards so that a bad value gets
//! a `ValidationException`-style message rather than a JSON type error.
//!
//! Source: botocore `application-autoscaling/2016-02-06/service-2.json` (BOTO-AAS).

use serde::{Deserialize, Deserializer};

use super::calendar::parse_iso8601;
use super::error::ValidationError;
use super::limits::CapacityLimits;
use super::{EpochSeconds, Suspensions};

/// The only namespace and dimension the playground simulates.
pub const ECS_NAMESPACE: &str = "ecs";
pub const ECS_DESIRED_COUNT: &str = "ecs:service:DesiredCount";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RegisterScalableTargetRequest {
    pub service_namespace: Option<String>,
    pub resource_id: Option<String>,
    pub scalable_dimension: Option<String>,
    pub min_capacity: Option<i64>,
    pub max_capacity: Option<i64>,
    #[serde(rename = "RoleARN")]
    pub role_arn: Option<String>,
    pub suspended_state: Option<SuspendedState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SuspendedState {
    pub dynamic_scaling_in_suspended: Option<bool>,
    pub dynamic_scaling_out_suspended: Option<bool>,
    pub scheduled_scaling_suspended: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutScalingPolicyRequest {
    pub policy_name: Option<String>,
    pub service_namespace: Option<String>,
    pub resource_id: Option<String>,
    pub scalable_dimension: Option<String>,
    pub policy_type: Option<String>,
    pub step_scaling_policy_configuration: Option<StepScalingPolicyConfiguration>,
    pub target_tracking_scaling_policy_configuration:
        Option<TargetTrackingScalingPolicyConfiguration>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StepScalingPolicyConfiguration {
    pub adjustment_type: Option<String>,
    pub step_adjustments: Option<Vec<StepAdjustment>>,
    pub min_adjustment_magnitude: Option<i64>,
    pub cooldown: Option<i64>,
    pub metric_aggregation_type: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StepAdjustment {
    /// "A null value indicates negative infinity."
    pub metric_interval_lower_bound: Option<f64>,
    /// "A null value indicates positive infinity."
    pub metric_interval_upper_bound: Option<f64>,
    /// Required by the API; `None` is reported by validation.
    pub scaling_adjustment: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetTrackingScalingPolicyConfiguration {
    pub target_value: Option<f64>,
    pub predefined_metric_specification: Option<PredefinedMetricSpecification>,
    /// Not simulated; kept so that validation can say so.
    pub customized_metric_specification: Option<serde_json::Value>,
    pub scale_out_cooldown: Option<i64>,
    pub scale_in_cooldown: Option<i64>,
    pub disable_scale_in: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PredefinedMetricSpecification {
    pub predefined_metric_type: Option<String>,
    pub resource_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutScheduledActionRequest {
    pub service_namespace: Option<String>,
    pub schedule: Option<String>,
    pub timezone: Option<String>,
    pub scheduled_action_name: Option<String>,
    pub resource_id: Option<String>,
    pub scalable_dimension: Option<String>,
    pub start_time: Option<Timestamp>,
    pub end_time: Option<Timestamp>,
    pub scalable_target_action: Option<ScalableTargetAction>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScalableTargetAction {
    pub min_capacity: Option<i64>,
    pub max_capacity: Option<i64>,
}

/// An AWS `timestamp`: epoch seconds as a JSON number (what the SDKs send), or an ISO 8601
/// string (what people write in `--cli-input-json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp(pub EpochSeconds);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Seconds(f64),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            // Sub-second parts are dropped: the schedule's resolution is one minute.
            Raw::Seconds(s) if s.is_finite() => Ok(Timestamp(s.floor() as EpochSeconds)),
            Raw::Seconds(_) => Err(serde::de::Error::custom(
                "a timestamp must be a finite number of seconds",
            )),
            Raw::Text(text) => parse_iso8601(&text)
                .map(Timestamp)
                .map_err(|e| serde::de::Error::custom(format!("invalid timestamp: {e}"))),
        }
    }
}

/// An ECS service named by a `ResourceId` of the form `service/<cluster>/<service>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceResource {
    pub cluster: String,
    pub service: String,
}

impl ServiceResource {
    pub fn resource_id(&self) -> String {
        format!("service/{}/{}", self.cluster, self.service)
    }
}

/// A registered scalable target: which service, its capacity limits and its suspensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScalableTarget {
    pub resource: ServiceResource,
    pub limits: CapacityLimits,
    pub suspended: SuspendedState,
}

impl ScalableTarget {
    /// The suspensions to pass to a policy evaluation, with whether a deployment is running.
    pub fn suspensions(&self, deployment_in_progress: bool) -> Suspensions {
        Suspensions {
            dynamic_scaling_in: self.suspended.dynamic_scaling_in_suspended.unwrap_or(false),
            dynamic_scaling_out: self
                .suspended
                .dynamic_scaling_out_suspended
                .unwrap_or(false),
            scheduled_scaling: self.suspended.scheduled_scaling_suspended.unwrap_or(false),
            deployment_in_progress,
        }
    }
}

impl RegisterScalableTargetRequest {
    /// Checks the request and gives the target it registers. `existing` is the target already
    /// registered for the same resource, if any: "MinCapacity and MaxCapacity are required when
    /// registering a new scalable target", and an update keeps what it does not set.
    pub fn resolve(
        &self,
        existing: Option<&ScalableTarget>,
    ) -> Result<ScalableTarget, ValidationError> {
        let resource = check_ecs_target(
            self.service_namespace.as_deref(),
            self.resource_id.as_deref(),
            self.scalable_dimension.as_deref(),
        )?;
        let (min, max) = match (self.min_capacity, self.max_capacity, existing) {
            (Some(min), Some(max), _) => (min, max),
            (min, max, Some(old)) => (
                min.unwrap_or(i64::from(old.limits.min())),
                max.unwrap_or(i64::from(old.limits.max())),
            ),
            (None, _, None) => return Err(ValidationError::new(
                "MinCapacity",
                "MinCapacity and MaxCapacity are required when registering a new scalable target",
            )),
            (_, None, None) => return Err(ValidationError::new(
                "MaxCapacity",
                "MinCapacity and MaxCapacity are required when registering a new scalable target",
            )),
        };
        let limits = CapacityLimits::new(min, max)?;
        let suspended = match (self.suspended_state, existing) {
            (Some(s), _) => s,
            (None, Some(old)) => old.suspended,
            (None, None) => SuspendedState::default(),
        };
        Ok(ScalableTarget {
            resource,
            limits,
            suspended,
        })
    }
}

/// Checks `ServiceNamespace`, `ResourceId` and `ScalableDimension` name an ECS service's
/// desired count (the only scalable target the playground simulates).
pub fn check_ecs_target(
    namespace: Option<&str>,
    resource_id: Option<&str>,
    dimension: Option<&str>,
) -> Result<ServiceResource, ValidationError> {
    let namespace = required("ServiceNamespace", namespace)?;
    if namespace != ECS_NAMESPACE {
        return Err(ValidationError::new(
            "ServiceNamespace",
            format!("ServiceNamespace '{namespace}' is not simulated here: the playground scales ECS services only (use 'ecs')"),
        ));
    }
    let dimension = required("ScalableDimension", dimension)?;
    if dimension != ECS_DESIRED_COUNT {
        return Err(ValidationError::new(
            "ScalableDimension",
            format!("Unsupported scalable dimension '{dimension}' for service namespace ecs: use '{ECS_DESIRED_COUNT}'"),
        ));
    }
    let resource_id = required("ResourceId", resource_id)?;
    parse_service_resource_id(resource_id)
}

/// `service/<cluster>/<service>` ("ECS service - The resource type is service and the unique
/// identifier is the cluster name and service name", BOTO-AAS `ResourceId`).
pub fn parse_service_resource_id(resource_id: &str) -> Result<ServiceResource, ValidationError> {
    let parts: Vec<&str> = resource_id.split('/').collect();
    match parts.as_slice() {
        ["service", cluster, service] if !cluster.is_empty() && !service.is_empty() => {
            Ok(ServiceResource { cluster: (*cluster).to_string(), service: (*service).to_string() })
        }
        _ => Err(ValidationError::new(
            "ResourceId",
            format!(
                "Unsupported resource type or malformed resource id '{resource_id}': an ECS service is \
                 'service/<cluster-name>/<service-name>', e.g. service/my-cluster/my-service"
            ),
        )),
    }
}

pub(crate) fn required<'a>(
    field: &str,
    value: Option<&'a str>,
) -> Result<&'a str, ValidationError> {
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(ValidationError::new(
            field,
            format!("Missing required parameter {field}"),
        )),
    }
}

/// A cooldown field in seconds: absent means the ECS default of 300; negative is rejected.
pub(crate) fn cooldown_seconds(path: &str, value: Option<i64>) -> Result<u32, ValidationError> {
    match value {
        None => Ok(super::DEFAULT_COOLDOWN_SECONDS),
        Some(v) if v < 0 => Err(ValidationError::new(
            path,
            format!("{path} must be greater than or equal to 0 (got {v})"),
        )),
        Some(v) => u32::try_from(v)
            .map_err(|_| ValidationError::new(path, format!("{path} {v} is too large"))),
    }
}

/// A checked scaling policy.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalingPolicy {
    pub name: String,
    pub resource: ServiceResource,
    pub kind: PolicyKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PolicyKind {
    Step(super::step::StepPolicy),
    TargetTracking(super::target_tracking::TargetTrackingPolicy),
}

impl PutScalingPolicyRequest {
    /// Checks the request the way `PutScalingPolicy` does and gives the policy it creates.
    pub fn resolve(&self) -> Result<ScalingPolicy, ValidationError> {
        let resource = check_ecs_target(
            self.service_namespace.as_deref(),
            self.resource_id.as_deref(),
            self.scalable_dimension.as_deref(),
        )?;
        let name = required("PolicyName", self.policy_name.as_deref())?;
        if name.chars().count() > 256 || name.chars().any(|c| c.is_control()) {
            return Err(ValidationError::new(
                "PolicyName",
                "PolicyName must be 1 to 256 printable characters",
            ));
        }
        // "The scaling policy type. This parameter is required if you are creating a policy."
        let policy_type = required("PolicyType", self.policy_type.as_deref())?;
        let kind = match policy_type {
            "StepScaling" => {
                let Some(config) = &self.step_scaling_policy_configuration else {
                    return Err(ValidationError::new(
                        "StepScalingPolicyConfiguration",
                        "StepScalingPolicyConfiguration is required when PolicyType is StepScaling",
                    ));
                };
                PolicyKind::Step(super::step::StepPolicy::from_config(config)?)
            }
            "TargetTrackingScaling" => {
                let Some(config) = &self.target_tracking_scaling_policy_configuration else {
                    return Err(ValidationError::new(
                        "TargetTrackingScalingPolicyConfiguration",
                        "TargetTrackingScalingPolicyConfiguration is required when PolicyType is TargetTrackingScaling",
                    ));
                };
                PolicyKind::TargetTracking(super::target_tracking::TargetTrackingPolicy::from_config(config)?)
            }
            "PredictiveScaling" => {
                return Err(ValidationError::new(
                    "PolicyType",
                    "PredictiveScaling is not simulated by the playground: use StepScaling or TargetTrackingScaling",
                ))
            }
            other => {
                return Err(ValidationError::new(
                    "PolicyType",
                    format!("PolicyType '{other}' must be one of StepScaling, TargetTrackingScaling, PredictiveScaling"),
                ))
            }
        };
        Ok(ScalingPolicy {
            name: name.to_string(),
            resource,
            kind,
        })
    }
}
