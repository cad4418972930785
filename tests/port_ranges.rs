//! containerPortRange on EC2: in bridge mode the agent binds each range to as many
//! contiguous host ports from the dynamic range (next-fit from the last port it assigned,
//! after the task's single dynamic ports); DescribeTasks shows `containerPortRange` and
//! `hostPortRange` instead of `containerPort` and `hostPort`. A range that cannot be had
//! whole fails with RESOURCE:PORTS. awsvpc tasks have the range on their own interface.

mod common;

use common::*;
use ecs_playground::sim::cluster::InstanceSpec;
use serde_json::{json, Value};

/// Registers a task definition from RegisterTaskDefinition JSON, as a learner pastes it.
fn register(c: &mut ecs_playground::sim::cluster::Cluster, td: Value) {
    ok(c, "RegisterTaskDefinition", td);
}

fn media_server(mode: &str) -> Value {
    json!({
        "family": "media",
        "networkMode": mode,
        "requiresCompatibilities": ["EC2"],
        "cpu": "256", "memory": "512",
        "containerDefinitions": [{
            "name": "rtp", "image": "media:1", "essential": true,
            "portMappings": [
                {"containerPort": 80},
                {"containerPortRange": "10000-10009", "protocol": "udp"}
            ]
        }]
    })
}

fn bindings(task: &Value) -> Vec<Value> {
    task["containers"][0]["networkBindings"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_bridge_range_gets_contiguous_dynamic_host_ports_after_the_single_ones() {
    let mut c = cluster(1, &[("i-1", "us-east-1a", "m5.large")]);
    register(&mut c, media_server("bridge"));
    let r = run(&mut c, json!({"taskDefinition": "media", "count": 2}));
    assert_eq!(reasons(&r), Vec::<String>::new());
    let tasks = r["tasks"].as_array().unwrap();
    assert_eq!(
        bindings(&tasks[0]),
        vec![
            json!({"bindIP": "0.0.0.0", "containerPort": 80, "hostPort": 32768, "protocol": "tcp"}),
            json!({"bindIP": "0.0.0.0", "containerPortRange": "10000-10009", "hostPortRange": "32769-32778", "protocol": "udp"}),
        ]
    );
    // Next-fit: the second task's ports follow the first task's.
    assert_eq!(bindings(&tasks[1])[0]["hostPort"], 32779);
    assert_eq!(bindings(&tasks[1])[1]["hostPortRange"], "32780-32789");

    // Stopping a task gives back all eleven of its ports: the other task's eleven remain.
    let arn = tasks[0]["taskArn"].as_str().unwrap().to_string();
    ok(&mut c, "StopTask", json!({"task": arn}));
    let inst = &c.instances[0];
    assert_eq!(inst.ports.dynamic_in_use.len(), 11);
}

#[test]
fn a_range_that_cannot_be_had_whole_is_resource_ports_with_the_longest_free_run() {
    let mut c = cluster(1, &[]);
    // A dynamic range of 15 ports: the first task takes 1 + 10, leaving a run of 4.
    c.register_instance(&InstanceSpec {
        ec2_instance_id: "i-1".into(),
        availability_zone: "us-east-1a".into(),
        instance_type: Some("m5.large".into()),
        dynamic_host_port_range: Some("40000-40014".into()),
        ..Default::default()
    })
    .unwrap();
    register(&mut c, media_server("bridge"));
    let r = run(&mut c, json!({"taskDefinition": "media", "count": 2}));
    assert_eq!(placed_on(&r), vec!["i-1"]);
    assert_eq!(reasons(&r), vec!["RESOURCE:PORTS"]);
    assert_eq!(bindings(&r["tasks"][0])[1]["hostPortRange"], "40001-40010");

    // The trace says why, with numbers: 10 contiguous ports wanted, the longest run is 4.
    let second = &r["trace"][1]["instances"][0]["checks"];
    let check = second
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "dynamicPortRanges")
        .expect("a dynamicPortRanges check");
    assert_eq!(check["requested"], 10);
    assert_eq!(check["available"], 4);
    assert_eq!(check["ok"], false);
}

#[test]
fn an_awsvpc_range_is_on_the_tasks_own_interface_and_takes_no_host_port() {
    let mut c = cluster(1, &[("i-1", "us-east-1a", "m5.large")]);
    let mut td = media_server("awsvpc");
    td["containerDefinitions"][0]["portMappings"][0] = json!({"containerPort": 80});
    register(&mut c, td);
    let r = run(
        &mut c,
        json!({"taskDefinition": "media", "networkConfiguration":
            {"awsvpcConfiguration": {"subnets": ["subnet-a"]}}}),
    );
    assert_eq!(placed_on(&r), vec!["i-1"]);
    assert_eq!(bindings(&r["tasks"][0]), Vec::<Value>::new());
    assert!(c.instances[0].ports.dynamic_in_use.is_empty());
}
