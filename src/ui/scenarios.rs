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
            lesson: "Three web tasks, binpack on memory: which instance do they land on? Guess first (with Predict first, in the Decision panel, you click your guess on a card), then press Run task and step through. Binpack picks the instance with the least memory left that still fits the task, so it fills one instance before starting the next and fewer instances are needed; the binpack step shows each card's MiB left after placing. Now press Undo, and in the Run panel's Placement strategy change binpack to spread (its field shows Availability Zone, attribute:ecs.availability-zone) and press Run task again: one task lands in each Availability Zone, so losing a zone loses only a third of the tasks. Chaining spread first and binpack second gives you both: press + Add strategy, which adds binpack on memory after the spread.",
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
            run: RunForm { count: 3, group: String::new(), strategies: vec![StrategyRule::binpack("memory")], constraints: vec![], ..RunForm::default() },
        },
        Scenario {
            name: "dynamic-ports-alb",
            title: "Dynamic host ports behind a load balancer",
            lesson: "Each web task maps container port 80 to hostPort 0, so Docker picks a free host port from 32768-60999: two tasks on one instance get :32768 and :32769 and never clash. The load balancer registers each task as instance:port in its target group, and round-robins requests across them. Switch off \"Security group allows the ALB\" under Load balancer: an instance security group that only opens port 80 blocks the health checks, and every target turns unhealthy. Press Run task (Count is 2) to run two more tasks and watch the new ports appear.",
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
            run: RunForm { count: 2, group: String::new(), strategies: vec![StrategyRule::spread("instanceId")], constraints: vec![], ..RunForm::default() },
        },
        Scenario {
            name: "distinct-instance",
            title: "One task per instance: distinctInstance",
            lesson: "The distinctInstance constraint places each task of the group on a different container instance. Press Run task to run four tasks (Count is 4) on three instances: three are placed, one per instance, and the fourth fails — ECS reports it as \"DistinctInstance placement constraint unsatisfied\". Drag an instance type from Instance types into any zone (or press Add instance under a zone), then set Count to 1 and press Run task: the new task is placed on the new instance, the only one without a task of the group. Constraints are hard rules; strategies are only preferences.",
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
                ..RunForm::default()
            },
        },
        Scenario {
            name: "member-of-cql",
            title: "Choosing instances with memberOf and CQL",
            lesson: "memberOf keeps tasks on the instances that match a Cluster Query Language expression. Only i-1 is both stack=prod and an m5, so both tasks land there even though the strategy asks to spread across zones: constraints filter first, strategies only choose among the survivors. On i-3's card press Change beside stack=dev, type prod, press Set and press Run task again: i-3 qualifies now, so spread sends a new task to its zone. Or make a typo in the memberOf expression under Placement constraints to see the parser point at the character.",
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
                ..RunForm::default()
            },
        },
        Scenario {
            name: "port-conflict",
            title: "A static host port: one task per instance",
            lesson: "The api task asks for host port 8080 on the instance. Press Run task: a host port can be bound only once per instance, so two instances hold two tasks and the third fails with RESOURCE:PORTS although CPU and memory are plentiful. In the task definition editor, change \"hostPort\": 8080 to 0 (a dynamic port) and press Run task again: all three new tasks fit, each on a dynamic port, and a load balancer finds them there.",
            doc: doc(
                &["us-east-1a", "us-east-1b"],
                vec![instance("i-1", "us-east-1a", "m5.large", &[]), instance("i-2", "us-east-1b", "m5.large", &[])],
                vec![],
                STATIC_PORT_TASK_DEFINITION,
            ),
            run: RunForm { count: 3, group: String::new(), strategies: vec![StrategyRule::spread("instanceId")], constraints: vec![], ..RunForm::default() },
        },
        Scenario {
            name: "awsvpc-eni",
            title: "awsvpc: a network interface per task",
            lesson: "In awsvpc mode every task gets its own elastic network interface (ENI) and private IP, and the load balancer targets that IP (target type ip). A c5.large has 3 ENIs and keeps one for itself, so it runs only 2 awsvpc tasks however much CPU and memory it has left: press Run task, and of five tasks on two instances the fifth fails with RESOURCE:ENI. Larger types have more ENIs. ENI trunking, the account setting awsvpcTrunking (PutAccountSetting), raises the limit on supported types, but only for instances launched after it is on: press Relaunch with ENI trunking on i-1's card (a new c5.large replaces it and i-1's tasks stop), then Run task again: the new instance takes up to 10 awsvpc tasks.",
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
                ..RunForm::default()
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

/// The time lessons' requests after registering their task definition, as JSON text (far
/// smaller in the wasm than the same requests built with `json!`).
const TIME_REQUESTS: &str = r#"{
  "az-outage": [
    {"CreateService": {"desiredCount": 6, "serviceName": "web", "taskDefinition": "web"}},
    {"SetLoad": {"requestsPerMinute": 3000, "service": "web", "taskCapacity": 1000}}
  ],
  "daily-wave": [
    {"CreateService": {"desiredCount": 2, "serviceName": "web", "taskDefinition": "web"}},
    {"SetLoad": {"noisePercent": 5, "requestsPerMinute": {"daily": {"max": 6000, "min": 400, "peakHour": 12}}, "service": "web", "taskCapacity": 1000}},
    {"RegisterScalableTarget": {"MaxCapacity": 16, "MinCapacity": 2, "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ServiceNamespace": "ecs"}},
    {"PutScalingPolicy": {"PolicyName": "web-cpu-target", "PolicyType": "TargetTrackingScaling", "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ServiceNamespace": "ecs", "TargetTrackingScalingPolicyConfiguration": {"PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}, "TargetValue": 50}}}
  ],
  "fargate-spot": [
    {"PutClusterCapacityProviders": {"capacityProviders": ["FARGATE", "FARGATE_SPOT"], "cluster": "default", "defaultCapacityProviderStrategy": []}},
    {"CreateService": {"capacityProviderStrategy": [{"base": 2, "capacityProvider": "FARGATE", "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 3}], "desiredCount": 10, "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a", "subnet-us-east-1b", "subnet-us-east-1c"]}}, "serviceName": "app", "taskDefinition": "app"}},
    {"SetLoad": {"CPUUtilization": 40, "service": "app"}},
    {"SetSpotInterruptionRate": {"perTaskPerHour": 0.25}}
  ],
  "scale-from-zero": [
    {"CreateCapacityProvider": {"autoScalingGroupProvider": {"autoScalingGroup": {"availabilityZones": ["us-east-1a", "us-east-1b"], "desiredCapacity": 0, "instanceType": "m5.large", "maxSize": 10, "minSize": 0}, "managedScaling": {"status": "ENABLED", "targetCapacity": 100}, "managedTerminationProtection": "ENABLED"}, "name": "cp-web"}},
    {"PutClusterCapacityProviders": {"capacityProviders": ["cp-web"], "cluster": "default", "defaultCapacityProviderStrategy": [{"capacityProvider": "cp-web", "weight": 1}]}},
    {"CreateService": {"desiredCount": 6, "placementStrategy": [{"field": "memory", "type": "binpack"}], "serviceName": "web", "taskDefinition": "web"}},
    {"RegisterScalableTarget": {"MaxCapacity": 20, "MinCapacity": 6, "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ServiceNamespace": "ecs"}},
    {"PutScheduledAction": {"ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ScalableTargetAction": {"MinCapacity": 12}, "Schedule": "cron(0 1 * * ? *)", "ScheduledActionName": "morning", "ServiceNamespace": "ecs"}},
    {"PutScheduledAction": {"ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ScalableTargetAction": {"MaxCapacity": 6, "MinCapacity": 6}, "Schedule": "cron(0 3 * * ? *)", "ScheduledActionName": "night", "ServiceNamespace": "ecs"}}
  ],
  "spike-step": [
    {"CreateService": {"desiredCount": 3, "serviceName": "web", "taskDefinition": "web"}},
    {"SetLoad": {"requestsPerMinute": {"spike": {"at": 600, "base": 1200, "duration": 1500, "peak": 6000}}, "service": "web", "taskCapacity": 1000}},
    {"RegisterScalableTarget": {"MaxCapacity": 15, "MinCapacity": 3, "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ServiceNamespace": "ecs"}},
    {"PutScalingPolicy": {"PolicyName": "web-step-out", "PolicyType": "StepScaling", "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ServiceNamespace": "ecs", "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": 60, "MetricAggregationType": "Average", "StepAdjustments": [{"MetricIntervalLowerBound": 0, "MetricIntervalUpperBound": 20, "ScalingAdjustment": 1}, {"MetricIntervalLowerBound": 20, "ScalingAdjustment": 3}]}}},
    {"PutScalingPolicy": {"PolicyName": "web-step-in", "PolicyType": "StepScaling", "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "ServiceNamespace": "ecs", "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": 60, "MetricAggregationType": "Average", "StepAdjustments": [{"MetricIntervalUpperBound": 0, "ScalingAdjustment": -1}]}}},
    {"PutMetricAlarm": {"AlarmActions": ["web-step-out"], "AlarmName": "web-cpu-high", "ComparisonOperator": "GreaterThanOrEqualToThreshold", "DatapointsToAlarm": 1, "Dimensions": [{"Name": "ClusterName", "Value": "default"}, {"Name": "ServiceName", "Value": "web"}], "EvaluationPeriods": 1, "MetricName": "CPUUtilization", "Namespace": "AWS/ECS", "Period": 60, "Statistic": "Average", "Threshold": 60.0}},
    {"PutMetricAlarm": {"AlarmActions": ["web-step-in"], "AlarmName": "web-cpu-low", "ComparisonOperator": "LessThanThreshold", "DatapointsToAlarm": 3, "Dimensions": [{"Name": "ClusterName", "Value": "default"}, {"Name": "ServiceName", "Value": "web"}], "EvaluationPeriods": 3, "MetricName": "CPUUtilization", "Namespace": "AWS/ECS", "Period": 60, "Statistic": "Average", "Threshold": 30.0}}
  ]
}"#;

/// A time lesson's requests: its task definition registered, then the lesson's own.
fn requests(name: &str, task_definition: &str) -> Vec<Value> {
    let mut all = vec![json!({"RegisterTaskDefinition": parse(task_definition)})];
    if let Some(list) = parse(TIME_REQUESTS).get(name).and_then(Value::as_array) {
        all.extend(list.iter().cloned());
    }
    all
}

/// The lessons about time: services, load, Service Auto Scaling and capacity providers. Each
/// starts at 00:00 on a Monday; Play time runs it (tests/ui_time.rs plays each).
pub fn time_lessons() -> Vec<Scenario> {
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    let three = || {
        vec![
            instance("i-1", "us-east-1a", "m5.large", &[]),
            instance("i-2", "us-east-1b", "m5.large", &[]),
            instance("i-3", "us-east-1c", "m5.large", &[]),
        ]
    };
    let six = || {
        vec![
            instance("i-1", "us-east-1a", "m5.large", &[]),
            instance("i-2", "us-east-1a", "m5.large", &[]),
            instance("i-3", "us-east-1b", "m5.large", &[]),
            instance("i-4", "us-east-1b", "m5.large", &[]),
            instance("i-5", "us-east-1c", "m5.large", &[]),
            instance("i-6", "us-east-1c", "m5.large", &[]),
        ]
    };
    vec![
        Scenario {
            name: "daily-wave",
            title: "A daily traffic wave with target tracking",
            lesson: "Set Time speed to 1 hour per second and press ▶ Play beside the clock to watch a whole day in 24 seconds. Requests follow a daily wave, 400 a minute at midnight and 6,000 at noon, and a target tracking policy keeps the service's average CPU at 50%. When 3 one-minute datapoints in a row are above 50% it scales out in proportion at once; it scales in only after 15 datapoints below 45%. So each step up comes 3 minutes after the CPU line crosses 50%, while each step down waits until it has stayed under 45% for 15 minutes: set Time speed to 5 minutes per second around 08:00 or 18:00 to see the lag. The wave itself rises and falls over hours, and its noise can make the count step back once on the way. Every entry under Scaling activities says which datapoints caused it.",
            doc: doc(
                &zones,
                three(),
                requests("daily-wave", SERVICE_TASK_DEFINITION),
                SERVICE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "spike-step",
            title: "A traffic spike with step scaling",
            lesson: "At 00:10 the request rate jumps from 1,200 to 6,000 a minute for 25 minutes. Step scaling does not aim at a target: a CloudWatch alarm (CPU at or above 60% for one minute) invokes the policy, and the step that matches how far the metric is above the threshold applies: one more task within 20 points of it, three more beyond. Set Time speed to 1 minute per second, press ▶ Play beside the clock and watch web-cpu-high go to ALARM (its line on the CPU chart is the red dotted one, the low alarm's the grey dashed one) (the alarms are listed under Auto scaling of web), the desired count climb a step per cooldown, and after the spike the low alarm (CPU under 30% for 3 minutes) remove one task at a time.",
            doc: doc(
                &zones,
                three(),
                requests("spike-step", SERVICE_TASK_DEFINITION),
                SERVICE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "scale-from-zero",
            title: "Cluster auto scaling from zero instances",
            lesson: "The cluster starts with no container instance at all; press ▶ Play beside the clock. The service's six tasks wait in PROVISIONING, so the capacity provider's CapacityProviderReservation is 200% and managed scaling launches two instances (from zero ECS always scales out to 200%). They register a minute later and take three tasks each, and the reservation settles at 100%. At 01:00 a scheduled action raises the minimum to 12 tasks: the reservation goes over 100% again and two more instances launch. At 03:00 another brings the service back to 6 tasks; after 15 minutes below the target, managed scaling removes the empty instances (termination protection keeps those with tasks).",
            doc: doc(
                &["us-east-1a", "us-east-1b"],
                vec![],
                requests("scale-from-zero", LARGE_TASK_DEFINITION),
                LARGE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "fargate-spot",
            title: "Fargate and Fargate Spot: base, weight and an interruption",
            lesson: "No EC2 instances here: the app service runs on the FARGATE and FARGATE_SPOT capacity providers. Its strategy puts the base of 2 tasks on FARGATE and splits the rest 1:3 by weight, so 4 of its 10 tasks run on FARGATE and 6 on FARGATE_SPOT, which costs about 65% less at the example prices here (AWS says up to 70%). AWS can take Spot capacity back: the task gets a two-minute warning, the service starts a replacement at once, and the warned task stops. Press ▶ Play beside the clock: interruptions come at random here (about one an hour for every four Spot tasks), or press Interrupt a Spot task in the Service panel. Compare the Fargate and Fargate Spot rows of Cost so far.",
            doc: doc(
                &zones,
                vec![],
                requests("fargate-spot", FARGATE_TASK_DEFINITION),
                FARGATE_TASK_DEFINITION,
            ),
            run: RunForm::default(),
        },
        Scenario {
            name: "az-outage",
            title: "An Availability Zone outage",
            lesson: "Six web tasks run two per zone: by default the service scheduler spreads a service's tasks across Availability Zones. Press ▶ Play beside the clock, then in the Service panel choose us-east-1b as the Availability Zone and press Fail zone us-east-1b. Its instances disconnect and their tasks stop; the service sees 4 of 6 running and starts replacements in the zones that are left, with the same spread, so us-east-1a and us-east-1c get one each. A replacement starts in 30 seconds here, before the minute's datapoint is taken, so the CPU chart stays at 50% (6 tasks share 3,000 requests a minute): the timeline shows the stops and the starts in the same minute. Press Restore us-east-1b: here the running tasks stay where they are, as services did before 2025. Today a new service has AvailabilityZoneRebalancing turned on by default, and ECS would start tasks in the emptied zone and stop some in the fuller ones until the zones are even again; the playground does not simulate that yet.",
            doc: doc(
                &zones,
                six(),
                requests("az-outage", SERVICE_TASK_DEFINITION),
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
