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

/// The names and titles, in the order the picker lists them.
pub fn list() -> Vec<(&'static str, &'static str)> {
    all().into_iter().map(|s| (s.name, s.title)).collect()
}

pub fn get(name: &str) -> Option<Scenario> {
    all().into_iter().find(|s| s.name == name)
}

pub fn all() -> Vec<Scenario> {
    vec![
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
