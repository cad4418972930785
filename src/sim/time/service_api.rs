//! CreateService, UpdateService and DeleteService, in ECS's request shapes and error words.

use serde_json::{json, Map, Value};

use crate::sim::api::params;
use crate::sim::api::placement_params::{parse_constraints, parse_strategies};
use crate::sim::cluster::{ApiError, ACCOUNT};
use crate::sim::deployment::{DeploymentConfiguration, DeploymentLimits, SchedulingStrategy};
use crate::sim::placement::Constraint;
use crate::sim::taskdef::NetworkMode;

use super::fargate::{self, FARGATE, FARGATE_SPOT};
use super::load::LoadModel;
use super::load_balancer::parse_load_balancers;
use super::service::{splitmix, Deployment, Launch, Rollout, Service, ServiceStatus};
use super::simulation::Simulation;

/// "tasks per service 5,000" (service quotas).
pub const MAX_DESIRED_COUNT: i64 = 5_000;
/// The longest health check grace period the API takes.
pub const MAX_GRACE_SECONDS: i64 = 2_147_483_647;

const CREATE_KNOWN: &[&str] = &[
    "cluster",
    "serviceName",
    "taskDefinition",
    "availabilityZoneRebalancing",
    "loadBalancers",
    "serviceRegistries",
    "desiredCount",
    "clientToken",
    "launchType",
    "capacityProviderStrategy",
    "platformVersion",
    "role",
    "deploymentConfiguration",
    "placementConstraints",
    "placementStrategy",
    "networkConfiguration",
    "healthCheckGracePeriodSeconds",
    "schedulingStrategy",
    "deploymentController",
    "tags",
    "enableECSManagedTags",
    "propagateTags",
    "enableExecuteCommand",
    "serviceConnectConfiguration",
    "volumeConfigurations",
    "vpcLatticeConfigurations",
    "monitoring",
];

const UPDATE_KNOWN: &[&str] = &[
    "cluster",
    "service",
    "desiredCount",
    "taskDefinition",
    "capacityProviderStrategy",
    "deploymentConfiguration",
    "availabilityZoneRebalancing",
    "networkConfiguration",
    "placementConstraints",
    "placementStrategy",
    "platformVersion",
    "forceNewDeployment",
    "healthCheckGracePeriodSeconds",
    "deploymentController",
    "enableExecuteCommand",
    "enableECSManagedTags",
    "loadBalancers",
    "propagateTags",
    "serviceRegistries",
    "serviceConnectConfiguration",
    "volumeConfigurations",
    "vpcLatticeConfigurations",
    "monitoring",
];

fn not_found() -> ApiError {
    ApiError {
        code: "ServiceNotFoundException",
        message: "Service not found.".into(),
    }
}

fn desired_count(p: &Map<String, Value>) -> Result<Option<u32>, ApiError> {
    match params::integer(p, "desiredCount")? {
        None => Ok(None),
        Some(n) if (0..=MAX_DESIRED_COUNT).contains(&n) => Ok(Some(n as u32)),
        Some(n) => Err(ApiError::invalid(format!("desiredCount must be from 0 to {MAX_DESIRED_COUNT} (the tasks-per-service quota); got {n}."))),
    }
}

fn grace(p: &Map<String, Value>) -> Result<Option<i64>, ApiError> {
    match params::integer(p, "healthCheckGracePeriodSeconds")? {
        Some(n) if !(0..=MAX_GRACE_SECONDS).contains(&n) => Err(ApiError::invalid(format!(
            "healthCheckGracePeriodSeconds must be from 0 to {MAX_GRACE_SECONDS}; got {n}."
        ))),
        other => Ok(other),
    }
}

fn deployment_configuration(
    p: &Map<String, Value>,
    strategy: SchedulingStrategy,
    current: Option<DeploymentLimits>,
) -> Result<Option<DeploymentLimits>, ApiError> {
    let Some(v) = p.get("deploymentConfiguration").filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let mut config: DeploymentConfiguration = serde_json::from_value(v.clone())
        .map_err(|e| ApiError::invalid(format!("deploymentConfiguration: {e}")))?;
    // UpdateService keeps what it does not set.
    if let Some(c) = current {
        config.maximum_percent = config
            .maximum_percent
            .or(Some(i64::from(c.maximum_percent)));
        config.minimum_healthy_percent = config
            .minimum_healthy_percent
            .or(Some(i64::from(c.minimum_healthy_percent)));
    }
    DeploymentLimits::resolve(Some(&config), strategy)
        .map(Some)
        .map_err(|e| ApiError::invalid(e.message))
}

/// How tasks will launch: launchType, capacityProviderStrategy, or the cluster's default.
fn launch_of(sim: &Simulation, p: &Map<String, Value>) -> Result<Option<Launch>, ApiError> {
    let items = params::array(p, "capacityProviderStrategy")?;
    match (params::string(p, "launchType")?, items.is_empty()) {
        (Some(_), false) => Err(ApiError::invalid("Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.")),
        (Some("EC2"), true) => Ok(Some(Launch::Ec2)),
        (Some("FARGATE"), true) => Ok(Some(Launch::Fargate)),
        (Some(other @ ("EXTERNAL" | "MANAGED_INSTANCES")), true) => Err(ApiError::invalid(format!("launchType {other} is not simulated; use EC2, FARGATE or a capacity provider strategy."))),
        (Some(other), true) => Err(ApiError::invalid(format!("launchType '{other}' is not valid; expected EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES."))),
        (None, false) => Ok(Some(Launch::Providers(sim.capacity.check_strategy(items, &sim.capacity.associated)?))),
        (None, true) => Ok(None),
    }
}

fn uses_fargate(launch: &Launch) -> bool {
    match launch {
        Launch::Fargate => true,
        Launch::Ec2 => false,
        Launch::Providers(s) => s
            .items()
            .iter()
            .any(|i| i.capacity_provider == FARGATE || i.capacity_provider == FARGATE_SPOT),
    }
}

/// Everything a new deployment needs, checked against its task definition.
struct DeploymentPlan {
    td_index: usize,
    launch: Launch,
    constraints: Vec<Constraint>,
}

fn plan_deployment(
    sim: &Simulation,
    td_index: usize,
    launch: Launch,
    scheduling: SchedulingStrategy,
    constraints_json: &[Value],
    has_strategies: bool,
    network: Option<&Value>,
) -> Result<DeploymentPlan, ApiError> {
    let td = &sim.cluster.task_definitions[td_index];
    let fargate = uses_fargate(&launch);
    if fargate {
        fargate::check_task_definition(td)?;
        if has_strategies || !constraints_json.is_empty() {
            return Err(ApiError::invalid(
                "Task placement strategies and constraints are not supported for tasks on Fargate.",
            ));
        }
    } else if !td.requires_compatibilities.is_empty()
        && !td.requires_compatibilities.iter().any(|c| c == "EC2")
    {
        return Err(ApiError::client(
            "Task definition does not support launch_type EC2.",
        ));
    }
    if scheduling == SchedulingStrategy::Daemon {
        if launch != Launch::Ec2 {
            return Err(ApiError::invalid("The DAEMON scheduling strategy supports only the EC2 launch type (not Fargate or capacity provider strategies)."));
        }
        if has_strategies {
            return Err(ApiError::invalid(
                "Placement strategies are not supported with the DAEMON scheduling strategy.",
            ));
        }
    }
    match (td.network_mode, network) {
        (NetworkMode::Awsvpc, None) => {
            return Err(ApiError::invalid(
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
            ))
        }
        (NetworkMode::Awsvpc, Some(nc)) => {
            let subnets = nc
                .pointer("/awsvpcConfiguration/subnets")
                .and_then(Value::as_array);
            if subnets.is_none_or(|s| s.is_empty() || s.len() > 16) {
                return Err(ApiError::invalid(
                    "networkConfiguration.awsvpcConfiguration.subnets must list 1 to 16 subnets.",
                ));
            }
        }
        (_, Some(_)) => return Err(ApiError::invalid(
            "Network Configuration is not valid for the given networkMode of this task definition.",
        )),
        _ => {}
    }
    let constraints = parse_constraints(constraints_json, td)?;
    Ok(DeploymentPlan {
        td_index,
        launch,
        constraints,
    })
}

fn new_deployment(sim: &mut Simulation, service_seq: u32, plan: DeploymentPlan) -> Deployment {
    sim.deployments_created += 1;
    let digits = splitmix(sim.deployments_created ^ 0xec5) % 10_000_000_000_000_000_000;
    Deployment {
        seq: service_seq,
        id: format!("ecs-svc/{digits:019}"),
        td_index: plan.td_index,
        launch: plan.launch,
        constraints: plan.constraints,
        created_at: sim.clock.now,
        rollout: Rollout::InProgress,
        stuck_reported: false,
    }
}

fn service_json(sim: &Simulation, s: usize) -> Value {
    let cluster_arn = sim.cluster.cluster_arn();
    let td_arn = |i: usize| sim.td_arn(i);
    json!({"service": sim.services[s].to_json(&sim.clock, &cluster_arn, &td_arn)})
}

pub fn create_service(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let p = params::object(body, "CreateService")?;
    params::only_known(p, CREATE_KNOWN)?;
    let name = params::string(p, "serviceName")?
        .ok_or_else(|| ApiError::invalid("serviceName is required."))?;
    if !(1..=255).contains(&name.len())
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ApiError::invalid("serviceName must have 1-255 letters (uppercase and lowercase), numbers, underscores and hyphens."));
    }
    if sim
        .services
        .iter()
        .any(|s| s.name == name && s.status != ServiceStatus::Inactive)
    {
        return Err(ApiError::invalid("Creation of service was not idempotent."));
    }
    let scheduling = match params::string(p, "schedulingStrategy")? {
        None | Some("REPLICA") => SchedulingStrategy::Replica,
        Some("DAEMON") => SchedulingStrategy::Daemon,
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "schedulingStrategy '{other}' is not valid; expected REPLICA or DAEMON."
            )))
        }
    };
    if let Some(kind) = p
        .get("deploymentController")
        .and_then(|d| d.get("type"))
        .and_then(Value::as_str)
    {
        if kind != "ECS" {
            return Err(ApiError::invalid(format!(
                "deploymentController {kind} is not simulated; only ECS rolling deployments are."
            )));
        }
    }
    let reference = params::string(p, "taskDefinition")?.ok_or_else(|| {
        ApiError::invalid("taskDefinition is required: give a family, family:revision or ARN.")
    })?;
    let td_index = sim
        .cluster
        .find_task_definition(reference)
        .ok_or_else(|| ApiError::client("TaskDefinition not found."))?;
    let desired = match (scheduling, desired_count(p)?) {
        (SchedulingStrategy::Replica, Some(n)) => n,
        (SchedulingStrategy::Replica, None) => {
            return Err(ApiError::invalid(
                "desiredCount is required when schedulingStrategy is REPLICA.",
            ))
        }
        (SchedulingStrategy::Daemon, _) => 0,
    };
    let launch = match launch_of(sim, p)? {
        Some(l) => l,
        None => match &sim.capacity.default_strategy {
            Some(s) if scheduling == SchedulingStrategy::Replica => Launch::Providers(s.clone()),
            _ => Launch::Ec2,
        },
    };
    let strategies = parse_strategies(params::array(p, "placementStrategy")?)?;
    let constraints_json = params::array(p, "placementConstraints")?.to_vec();
    let network = p
        .get("networkConfiguration")
        .filter(|v| !v.is_null())
        .cloned();
    let plan = plan_deployment(
        sim,
        td_index,
        launch,
        scheduling,
        &constraints_json,
        !strategies.is_empty(),
        network.as_ref(),
    )?;
    let limits = deployment_configuration(p, scheduling, None)?
        .unwrap_or_else(|| DeploymentLimits::default_for(scheduling));
    let load_balancers = parse_load_balancers(
        params::array(p, "loadBalancers")?,
        &sim.cluster.task_definitions[td_index],
    )?;
    let grace_seconds = grace(p)?.unwrap_or(0);
    let subnet_azs = fargate::subnet_azs(network.as_ref(), &sim.cluster);
    let region = sim.cluster.region();
    let deployment = new_deployment(sim, 1, plan);
    let service = Service {
        name: name.to_string(),
        arn: format!(
            "arn:aws:ecs:{region}:{ACCOUNT}:service/{}/{name}",
            sim.cluster.name
        ),
        status: ServiceStatus::Active,
        scheduling,
        desired_count: desired,
        deployments: vec![deployment],
        limits,
        deployment_configuration: p
            .get("deploymentConfiguration")
            .cloned()
            .unwrap_or(Value::Null),
        health_check_grace_seconds: grace_seconds,
        strategies,
        constraints_json,
        network_configuration: network,
        subnet_azs,
        load_balancers,
        tasks: Vec::new(),
        provisioning: Vec::new(),
        events: Vec::new(),
        load: LoadModel::default(),
        metrics: Vec::new(),
        created_at: sim.clock.now,
        steady: false,
        last_unplaced: None,
        next_seq: 2,
        events_posted: 0,
        quiet: false,
        dirty: true,
    };
    if scheduling == SchedulingStrategy::Daemon {
        sim.daemon_groups.insert(service.group());
    }
    sim.services.push(service);
    Ok(service_json(sim, sim.services.len() - 1))
}

pub fn update_service(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let p = params::object(body, "UpdateService")?;
    params::only_known(p, UPDATE_KNOWN)?;
    let name = params::string(p, "service")?
        .ok_or_else(|| ApiError::invalid("service is required: the service's name or ARN."))?;
    let s = sim.service_index(name).ok_or_else(not_found)?;
    if !sim.services[s].is_active() {
        return Err(ApiError {
            code: "ServiceNotActiveException",
            message: "Service was not ACTIVE.".into(),
        });
    }
    if params::string(p, "launchType")?.is_some() {
        return Err(ApiError::invalid(
            "launchType can't be changed by UpdateService.",
        ));
    }
    let scheduling = sim.services[s].scheduling;
    let desired = desired_count(p)?;
    if desired.is_some() && scheduling == SchedulingStrategy::Daemon {
        return Err(ApiError::invalid(
            "The desired count of a DAEMON service can't be set: it runs one task per instance.",
        ));
    }
    let limits = deployment_configuration(p, scheduling, Some(sim.services[s].limits))?;
    let grace_seconds = grace(p)?;
    let td_index = match params::string(p, "taskDefinition")? {
        Some(r) => Some(
            sim.cluster
                .find_task_definition(r)
                .ok_or_else(|| ApiError::client("TaskDefinition not found."))?,
        ),
        None => None,
    };
    let launch = launch_of(sim, p)?;
    let strategies = match p.get("placementStrategy").filter(|v| !v.is_null()) {
        Some(_) => Some(parse_strategies(params::array(p, "placementStrategy")?)?),
        None => None,
    };
    let constraints_json = p
        .get("placementConstraints")
        .filter(|v| !v.is_null())
        .map(|_| params::array(p, "placementConstraints").map(<[Value]>::to_vec))
        .transpose()?;
    let network = p
        .get("networkConfiguration")
        .filter(|v| !v.is_null())
        .cloned();
    let force = p
        .get("forceNewDeployment")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let lbs = p
        .get("loadBalancers")
        .filter(|v| !v.is_null())
        .map(|_| params::array(p, "loadBalancers"))
        .transpose()?;

    let svc = &sim.services[s];
    let Some(current) = svc.primary().cloned() else {
        return Err(not_found());
    };
    // Assumption: a new task definition, capacity provider strategy, network configuration,
    // placement constraints or load balancers (or forceNewDeployment) start a new deployment;
    // desiredCount, deploymentConfiguration, placementStrategy and the grace period apply to
    // the current one.
    let new_deployment_needed = force
        || td_index.is_some_and(|t| t != current.td_index)
        || launch.is_some()
        || constraints_json.is_some()
        || network.is_some()
        || lbs.is_some();
    let plan = if new_deployment_needed {
        let td = td_index.unwrap_or(current.td_index);
        let has_strategies = strategies
            .as_ref()
            .map(|v| !v.is_empty())
            .unwrap_or(!svc.strategies.is_empty());
        let constraints = constraints_json
            .clone()
            .unwrap_or_else(|| svc.constraints_json.clone());
        let net = network
            .clone()
            .or_else(|| svc.network_configuration.clone());
        Some(plan_deployment(
            sim,
            td,
            launch.unwrap_or(current.launch.clone()),
            scheduling,
            &constraints,
            has_strategies,
            net.as_ref(),
        )?)
    } else {
        None
    };
    let load_balancers = match lbs {
        Some(items) => Some(parse_load_balancers(
            items,
            &sim.cluster.task_definitions[td_index.unwrap_or(current.td_index)],
        )?),
        None => None,
    };

    // Every check passed: apply.
    let subnet_azs = network
        .as_ref()
        .map(|nc| fargate::subnet_azs(Some(nc), &sim.cluster));
    let deployment = plan.map(|plan| {
        let seq = sim.services[s].next_seq;
        new_deployment(sim, seq, plan)
    });
    let svc = &mut sim.services[s];
    if let Some(n) = desired {
        svc.desired_count = n;
    }
    if let Some(l) = limits {
        svc.limits = l;
        svc.deployment_configuration = p
            .get("deploymentConfiguration")
            .cloned()
            .unwrap_or(Value::Null);
    }
    if let Some(g) = grace_seconds {
        svc.health_check_grace_seconds = g;
    }
    if let Some(st) = strategies {
        svc.strategies = st;
    }
    if let Some(c) = constraints_json {
        svc.constraints_json = c;
    }
    if let Some(nc) = network {
        svc.network_configuration = Some(nc);
    }
    if let Some(z) = subnet_azs {
        svc.subnet_azs = z;
    }
    if let Some(l) = load_balancers {
        svc.load_balancers = l;
    }
    if let Some(d) = deployment {
        svc.next_seq += 1;
        svc.deployments.insert(0, d);
        svc.steady = false;
    }
    if desired.is_some() {
        svc.steady = false;
    }
    Ok(service_json(sim, s))
}

pub fn delete_service(sim: &mut Simulation, body: &Value) -> Result<Value, ApiError> {
    let p = params::object(body, "DeleteService")?;
    params::only_known(p, &["cluster", "service", "force"])?;
    let name = params::string(p, "service")?
        .ok_or_else(|| ApiError::invalid("service is required: the service's name or ARN."))?;
    let s = sim.service_index(name).ok_or_else(not_found)?;
    let force = p.get("force").and_then(Value::as_bool).unwrap_or(false);
    let svc = &mut sim.services[s];
    if svc.status != ServiceStatus::Active {
        return Err(ApiError {
            code: "ServiceNotActiveException",
            message: "Service was not ACTIVE.".into(),
        });
    }
    if svc.scheduling == SchedulingStrategy::Replica && svc.desired_count > 0 && !force {
        return Err(ApiError::invalid(
            "The service cannot be stopped while it is scaled above 0.",
        ));
    }
    svc.desired_count = 0;
    svc.status = ServiceStatus::Draining;
    Ok(service_json(sim, s))
}
