//! Built-in teaching scenarios: each is a document (cluster + task definition), the Run
//! panel's settings for its first run, and a one-paragraph lesson. `?scenario=NAME` opens
//! one. Pure Rust; tests/ui_state.rs replays each and runs it once without an error.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::sim::cluster::InstanceSpec;
use crate::ui::doc::Doc;
use crate::ui::state::{ConstraintRule, Lesson, RunForm, StrategyRule};

/// Opened on the very first visit.
pub const DEFAULT: &str = "binpack-vs-spread";

pub struct Scenario {
    pub name: &'static str,
    pub title: &'static str,
    pub lesson: &'static str,
    pub doc: Doc,
    pub run: RunForm,
}

impl Scenario {
    pub fn lesson(&self) -> Lesson {
        Lesson {
            name: self.name.into(),
            title: self.title.into(),
            text: self.lesson.into(),
        }
    }
}

/// The starter task definition: nginx in bridge mode with a dynamic host port.
pub const STARTER_TASK_DEFINITION: &str = r#"{
  "family": "web",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "nginx:1.25",
      "cpu": 256,
      "memory": 512,
      "essential": true,
      "portMappings": [
        { "containerPort": 80, "hostPort": 0, "protocol": "tcp" }
      ]
    }
  ]
}"#;

const STATIC_PORT_TASK_DEFINITION: &str = r#"{
  "family": "api",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "api",
      "image": "example/api:2.1",
      "cpu": 256,
      "memory": 512,
      "essential": true,
      "portMappings": [
        { "containerPort": 8080, "hostPort": 8080, "protocol": "tcp" }
      ]
    }
  ]
}"#;

const AWSVPC_TASK_DEFINITION: &str = r#"{
  "family": "api",
  "networkMode": "awsvpc",
  "containerDefinitions": [
    {
      "name": "api",
      "image": "example/api:2.1",
      "cpu": 256,
      "memory": 512,
      "essential": true,
      "portMappings": [
        { "containerPort": 8080, "protocol": "tcp" }
      ]
    }
  ]
}"#;

/// The names and titles, in the order the picker lists them: placement, then time.
pub fn list() -> Vec<(&'static str, &'static str)> {
    all()
        .into_iter()
        .chain(time_lessons())
        .map(|s| (s.name, s.title))
        .collect()
}

/// Whether `name` is one of the time lessons (shown next to the clock).
pub fn is_time_lesson(name: &str) -> bool {
    matches!(
        name,
        "daily-wave" | "spike-step" | "scale-from-zero" | "fargate-spot" | "az-outage"
    )
}

/// A placement or time lesson by name (`?scenario=NAME`).
pub fn get(name: &str) -> Option<Scenario> {
    all()
        .into_iter()
        .chain(time_lessons())
        .find(|s| s.name == name)
}

/// The placement lessons (each is taught by pressing Run task).
pub fn all() -> Vec<Scenario> {
    [
        Scenario {
            name: "binpack-vs-spread",
            title: "Binpack or spread?",
            lesson: "Press Run task: binpack on memory puts all three web tasks on i-3, the small t3.medium, because it has the least memory left that still fits — binpack fills one instance before starting the next, so fewer instances are needed. Now press Undo, change the strategy to spread on attribute:ecs.availability-zone and run again: one task lands in each Availability Zone, so losing a zone loses only a third of the tasks. Chaining spread first and binpack second gives you both.",
            doc: doc(
                &["us-east-1a", "us-east-1b", "us-east-1c"],
                vec![
                    instance("i-1", "us-east-1a", "m5.large", &[]),
                    instance("i-2", "us-east-1b", "m5.large", &[]),
                    instance("i-3", "us-east-1c", "t3.medium", &[]),
                ],
                vec![],
                STARTER_TASK_DEFINITION,
            ),
            run: RunForm { count: 3, group: String::new(), strategies: vec![StrategyRule::binpack("memory")], constraints: vec![] },
        },
        Scenario {
            name: "dynamic-ports-alb",
            title: "Dynamic host ports behind a load balancer",
            lesson: "Each web task maps container port 80 to hostPort 0, so Docker picks a free host port from 32768-60999: two tasks on one instance get :32768 and :32769 and never clash. The load balancer registers each task as instance:port in its target group, and round-robins requests across them. Switch off \"Security group allows the ALB\": an instance security group that only opens port 80 blocks the health checks, and every target turns unhealthy. Run two more tasks and watch the new ports appear.",
            doc: doc(
                &["us-east-1a", "us-east-1b"],
                vec![instance("i-1", "us-east-1a", "m5.large", &[]), instance("i-2", "us-east-1b", "m5.large", &[])],
                vec![
                    json!({"RegisterTaskDefinition": parse(STARTER_TASK_DEFINITION)}),
                    json!({"RunTask": {"taskDefinition": "web", "count": 4,
                        "placementStrategy": [{"type": "spread", "field": "instanceId"}]}}),
                ],
                STARTER_TASK_DEFINITION,
            ),
            run: RunForm { count: 2, group: String::new(), strategies: vec![StrategyRule::spread("instanceId")], constraints: vec![] },
        },
        Scenario {
            name: "distinct-instance",
            title: "One task per instance: distinctInstance",
            lesson: "The distinctInstance constraint places each task of the group on a different container instance. Run four tasks on three instances: three are placed, one per instance, and the fourth fails — ECS reports it as \"DistinctInstance placement constraint unsatisfied\". Drag another instance from the palette into any zone (or use Add instance) and run one more: now it fits. Constraints are hard rules; strategies are only preferences.",
            doc: doc(
                &["us-east-1a", "us-east-1b"],
                vec![
                    instance("i-1", "us-east-1a", "m5.large", &[]),
                    instance("i-2", "us-east-1a", "m5.large", &[]),
                    instance("i-3", "us-east-1b", "c5.large", &[]),
                ],
                vec![],
                STARTER_TASK_DEFINITION,
            ),
            run: RunForm {
                count: 4,
                group: String::new(),
                strategies: vec![StrategyRule::spread("attribute:ecs.availability-zone")],
                constraints: vec![ConstraintRule::DistinctInstance],
            },
        },
        Scenario {
            name: "member-of-cql",
            title: "Choosing instances with memberOf and CQL",
            lesson: "memberOf keeps tasks on the instances that match a Cluster Query Language expression. Only i-1 is both stack=prod and an m5, so both tasks land there even though the strategy asks to spread across zones: constraints filter first, strategies only choose among the survivors. Change i-3's stack attribute to prod and run again, or make a typo in the expression to see the parser point at the character.",
            doc: doc(
                &["us-east-1a", "us-east-1b", "us-east-1c"],
                vec![
                    instance("i-1", "us-east-1a", "m5.large", &[("stack", "prod")]),
                    instance("i-2", "us-east-1b", "t3.medium", &[("stack", "prod")]),
                    instance("i-3", "us-east-1c", "m5.large", &[("stack", "dev")]),
                ],
                vec![],
                STARTER_TASK_DEFINITION,
            ),
            run: RunForm {
                count: 2,
                group: String::new(),
                strategies: vec![StrategyRule::spread("attribute:ecs.availability-zone")],
                constraints: vec![ConstraintRule::MemberOf {
                    expression: "attribute:stack == prod and attribute:ecs.instance-type =~ m5.*".into(),
                }],
            },
        },
        Scenario {
            name: "port-conflict",
            title: "A static host port: one task per instance",
            lesson: "The api task asks for host port 8080 on the instance. A host port can be bound only once per instance, so two instances hold two tasks and the third fails with RESOURCE:PORTS although CPU and memory are plentiful. In the editor, set \"hostPort\" to 0 (a dynamic port) and run again: all three fit, and a load balancer finds them on their dynamic ports.",
            doc: doc(
                &["us-east-1a", "us-east-1b"],
                vec![instance("i-1", "us-east-1a", "m5.large", &[]), instance("i-2", "us-east-1b", "m5.large", &[])],
                vec![],
                STATIC_PORT_TASK_DEFINITION,
            ),
            run: RunForm { count: 3, group: String::new(), strategies: vec![StrategyRule::spread("instanceId")], constraints: vec![] },
        },
        Scenario {
            name: "awsvpc-eni",
            title: "awsvpc: a network interface per task",
            lesson: "In awsvpc mode every task gets its own elastic network interface (ENI) and private IP, and the load balancer targets that IP (target type ip). A c5.large has 3 ENIs and keeps one for itself, so it runs only 2 awsvpc tasks however much CPU and memory it has left: of five tasks on two instances, the fifth fails with RESOURCE:ENI. Larger types have more ENIs, and ENI trunking raises the limit.",
            doc: doc(
                &["us-east-1a", "us-east-1b"],
                vec![instance("i-1", "us-east-1a", "c5.large", &[]), instance("i-2", "us-east-1b", "c5.large", &[])],
                vec![],
                AWSVPC_TASK_DEFINITION,
            ),
            run: RunForm {
                count: 5,
                group: String::new(),
                strategies: vec![StrategyRule::spread("attribute:ecs.availability-zone")],
                constraints: vec![],
            },
        },
    ]
    .into()
}

/// The web service's task definition in the time scenarios (a quarter vCPU, half a GiB).
const SERVICE_TASK_DEFINITION: &str = STARTER_TASK_DEFINITION;

/// A larger task for cluster auto scaling: three fit on an m5.large by memory.
const LARGE_TASK_DEFINITION: &str = r#"{
  "family": "web",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "web",
      "image": "nginx:1.25",
      "cpu": 512,
      "memory": 2048,
      "essential": true,
      "portMappings": [
        { "containerPort": 80, "hostPort": 0, "protocol": "tcp" }
      ]
    }
  ]
}"#;

const FARGATE_TASK_DEFINITION: &str = r#"{
  "family": "app",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "example/app:1.0",
      "essential": true,
      "portMappings": [
        { "containerPort": 8080, "protocol": "tcp" }
      ]
    }
  ]
}"#;

const RESOURCE: &str = "service/default/web";

fn scalable_target(min: u32, max: u32) -> Value {
    json!({"RegisterScalableTarget": {"ServiceNamespace": "ecs", "ResourceId": RESOURCE,
        "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": min, "MaxCapacity": max}})
}

fn step_policy(name: &str, cooldown: u32, steps: Value) -> Value {
    json!({"PutScalingPolicy": {"PolicyName": name, "ServiceNamespace": "ecs", "ResourceId": RESOURCE,
        "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "StepScaling",
        "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": cooldown,
            "MetricAggregationType": "Average", "StepAdjustments": steps}}})
}

fn cpu_alarm(name: &str, threshold: f64, op: &str, periods: u32, policy: &str) -> Value {
    json!({"PutMetricAlarm": {"AlarmName": name, "Namespace": "AWS/ECS", "MetricName": "CPUUtilization",
        "Dimensions": [{"Name": "ClusterName", "Value": "default"}, {"Name": "ServiceName", "Value": "web"}],
        "Statistic": "Average", "Period": 60, "EvaluationPeriods": periods, "DatapointsToAlarm": periods,
        "Threshold": threshold, "ComparisonOperator": op, "AlarmActions": [policy]}})
}

/// The lessons about time: services, load, Service Auto Scaling and capacity providers. Each
/// starts at 00:00 on a Monday; Play time runs it (tests/ui_time.rs plays each).
pub fn time_lessons() -> Vec<Scenario> {
    let three = || {
        vec![
            instance("i-1", "us-east-1a", "m5.large", &[]),
            instance("i-2", "us-east-1b", "m5.large", &[]),
            instance("i-3", "us-east-1c", "m5.large", &[]),
        ]
    };
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    let register = |text: &str| json!({"RegisterTaskDefinition": parse(text)});
    vec![
        Scenario {
            name: "daily-wave",
            title: "A daily traffic wave with target tracking",
            lesson: "Press Play time and choose 1 hour per second to watch a whole day in 24 seconds. Requests follow a daily wave, 400 a minute at midnight and 6,000 at noon, and a target tracking policy keeps the service's average CPU at 50%. When 3 one-minute datapoints in a row are above 50% it scales out in proportion at once; it scales in only after 15 datapoints below 45%, and never during a deployment. So the desired count climbs quickly in the morning and comes down slowly in the evening. Every scaling activity in the timeline says which datapoints caused it.",
            doc: doc(
                &zones,
                three(),
                vec![
                    register(SERVICE_TASK_DEFINITION),
                    json!({"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2}}),
                    json!({"SetLoad": {"service": "web", "requestsPerMinute": {"daily": {"min": 400, "max": 6000, "peakHour": 12}}, "taskCapacity": 1000, "noisePercent": 5}}),
                    scalable_target(2, 16),
                    json!({"PutScalingPolicy": {"PolicyName": "web-cpu-target", "ServiceNamespace": "ecs", "ResourceId": RESOURCE,
                        "ScalableDimension": "ecs:service:DesiredCount", "PolicyType": "TargetTrackingScaling",
                        "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50,
                            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}}),
                ],
                SERVICE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "spike-step",
            title: "A traffic spike with step scaling",
            lesson: "At 00:10 the request rate jumps from 1,200 to 6,000 a minute for 25 minutes. Step scaling does not aim at a target: a CloudWatch alarm (CPU at or above 60% for one minute) invokes the policy, and the step that matches how far the metric is above the threshold applies: one more task within 20 points of it, three more beyond. Press Play time and watch web-cpu-high go to ALARM, the desired count climb a step per cooldown, and after the spike the low alarm (CPU under 30% for 3 minutes) remove one task at a time.",
            doc: doc(
                &zones,
                three(),
                vec![
                    register(SERVICE_TASK_DEFINITION),
                    json!({"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 3}}),
                    json!({"SetLoad": {"service": "web", "requestsPerMinute": {"spike": {"base": 1200, "peak": 6000, "at": 600, "duration": 1500}}, "taskCapacity": 1000}}),
                    scalable_target(3, 15),
                    step_policy("web-step-out", 60, json!([
                        {"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 20, "ScalingAdjustment": 1},
                        {"MetricIntervalLowerBound": 20, "ScalingAdjustment": 3}
                    ])),
                    step_policy("web-step-in", 60, json!([{"MetricIntervalUpperBound": 0, "ScalingAdjustment": -1}])),
                    cpu_alarm("web-cpu-high", 60.0, "GreaterThanOrEqualToThreshold", 1, "web-step-out"),
                    cpu_alarm("web-cpu-low", 30.0, "LessThanThreshold", 3, "web-step-in"),
                ],
                SERVICE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "scale-from-zero",
            title: "Cluster auto scaling from zero instances",
            lesson: "The cluster starts with no container instance at all. The service's six tasks wait in PROVISIONING, so the capacity provider's CapacityProviderReservation is 200% and managed scaling launches two instances (from zero ECS always scales out to 200%). They register a minute later and take three tasks each, and the reservation settles at 100%. At 01:00 a scheduled action raises the minimum to 12 tasks: the reservation goes over 100% again and two more instances launch. At 03:00 another brings the service back to 6 tasks; after 15 minutes below the target, managed scaling removes the empty instances (termination protection keeps those with tasks).",
            doc: doc(
                &["us-east-1a", "us-east-1b"],
                vec![],
                vec![
                    register(LARGE_TASK_DEFINITION),
                    json!({"CreateCapacityProvider": {"name": "cp-web", "autoScalingGroupProvider": {
                        "managedScaling": {"status": "ENABLED", "targetCapacity": 100},
                        "managedTerminationProtection": "ENABLED",
                        "autoScalingGroup": {"instanceType": "m5.large", "availabilityZones": ["us-east-1a", "us-east-1b"], "minSize": 0, "maxSize": 10, "desiredCapacity": 0}}}}),
                    json!({"PutClusterCapacityProviders": {"cluster": "default", "capacityProviders": ["cp-web"],
                        "defaultCapacityProviderStrategy": [{"capacityProvider": "cp-web", "weight": 1}]}}),
                    json!({"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 6,
                        "placementStrategy": [{"type": "binpack", "field": "memory"}]}}),
                    scalable_target(6, 20),
                    json!({"PutScheduledAction": {"ServiceNamespace": "ecs", "ScheduledActionName": "morning", "ResourceId": RESOURCE,
                        "ScalableDimension": "ecs:service:DesiredCount", "Schedule": "cron(0 1 * * ? *)", "ScalableTargetAction": {"MinCapacity": 12}}}),
                    json!({"PutScheduledAction": {"ServiceNamespace": "ecs", "ScheduledActionName": "night", "ResourceId": RESOURCE,
                        "ScalableDimension": "ecs:service:DesiredCount", "Schedule": "cron(0 3 * * ? *)", "ScalableTargetAction": {"MinCapacity": 6, "MaxCapacity": 6}}}),
                ],
                LARGE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "fargate-spot",
            title: "Fargate and Fargate Spot: base, weight and an interruption",
            lesson: "No EC2 instances here: the app service runs on the FARGATE and FARGATE_SPOT capacity providers. Its strategy puts the base of 2 tasks on FARGATE and splits the rest 1:3 by weight, so 4 of its 10 tasks run on FARGATE and 6 on FARGATE_SPOT, which costs about 70% less. AWS can take Spot capacity back: the task gets a two-minute warning, the service starts a replacement at once, and the warned task stops. Press Play time: interruptions come at random here (about one an hour for every four Spot tasks), or press Interrupt a Spot task. Compare Fargate and Fargate Spot on the cost meter.",
            doc: doc(
                &zones,
                vec![],
                vec![
                    register(FARGATE_TASK_DEFINITION),
                    json!({"PutClusterCapacityProviders": {"cluster": "default", "capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}}),
                    json!({"CreateService": {"serviceName": "app", "taskDefinition": "app", "desiredCount": 10,
                        "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "base": 2, "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 3}],
                        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a", "subnet-us-east-1b", "subnet-us-east-1c"]}}}}),
                    json!({"SetLoad": {"service": "app", "CPUUtilization": 40}}),
                    json!({"SetSpotInterruptionRate": {"perTaskPerHour": 0.25}}),
                ],
                FARGATE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "az-outage",
            title: "An Availability Zone outage",
            lesson: "Six web tasks run two per zone: by default the service scheduler spreads a service's tasks across Availability Zones. Press Play time, then Fail zone us-east-1b in the service panel. Its instances disconnect and their tasks stop; the service sees 4 of 6 running and starts replacements in the zones that are left, with the same spread, so us-east-1a and us-east-1c get one each. With 6 tasks sharing 3,000 requests a minute, the others run hotter until the replacements start. Restore the zone: ECS does not move running tasks back, but the next tasks it starts go there first.",
            doc: doc(
                &zones,
                vec![
                    instance("i-1", "us-east-1a", "m5.large", &[]),
                    instance("i-2", "us-east-1a", "m5.large", &[]),
                    instance("i-3", "us-east-1b", "m5.large", &[]),
                    instance("i-4", "us-east-1b", "m5.large", &[]),
                    instance("i-5", "us-east-1c", "m5.large", &[]),
                    instance("i-6", "us-east-1c", "m5.large", &[]),
                ],
                vec![
                    register(SERVICE_TASK_DEFINITION),
                    json!({"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 6}}),
                    json!({"SetLoad": {"service": "web", "requestsPerMinute": 3000, "taskCapacity": 1000}}),
                ],
                SERVICE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
    ]
}

fn doc(zones: &[&str], instances: Vec<InstanceSpec>, requests: Vec<Value>, text: &str) -> Doc {
    Doc {
        seed: 1,
        availability_zones: zones.iter().map(|z| z.to_string()).collect(),
        container_instances: instances,
        requests,
        task_definition_text: text.to_string(),
    }
}

fn instance(
    id: &str,
    zone: &str,
    instance_type: &str,
    attributes: &[(&str, &str)],
) -> InstanceSpec {
    InstanceSpec {
        ec2_instance_id: id.into(),
        availability_zone: zone.into(),
        instance_type: Some(instance_type.into()),
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        ..InstanceSpec::default()
    }
}

/// The built-in texts above are valid JSON (a test replays every scenario).
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}
