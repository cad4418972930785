//! Helpers shared by the time tests (`mod time_support;` in each `tests/time_*.rs`).
#![allow(dead_code)]

use ecs_playground::sim::scenario;
use serde_json::{json, Value};

/// Reads and runs a scenario given as JSON (no decision traces).
pub fn run(s: Value) -> Value {
    let text = serde_json::to_string(&s).unwrap();
    let sc = scenario::read(&text).unwrap_or_else(|e| panic!("scenario reads: {e:?}"));
    scenario::run(&sc, false)
}

/// `(id, az, type)` instances as a scenario's `containerInstances`.
pub fn instances(list: &[(&str, &str, &str)]) -> Value {
    list.iter()
        .map(|(id, az, t)| json!({"ec2InstanceId": id, "availabilityZone": az, "instanceType": t}))
        .collect::<Vec<_>>()
        .into()
}

/// Six m5.large instances, two in each of three AZs: i-a1, i-a2, i-b1, ...
pub fn six_instances() -> Value {
    instances(&[
        ("i-a1", "us-east-1a", "m5.large"),
        ("i-a2", "us-east-1a", "m5.large"),
        ("i-b1", "us-east-1b", "m5.large"),
        ("i-b2", "us-east-1b", "m5.large"),
        ("i-c1", "us-east-1c", "m5.large"),
        ("i-c2", "us-east-1c", "m5.large"),
    ])
}

/// A bridge-mode web task definition: 256 CPU units, 512 MiB, port 80 on a dynamic host port.
pub fn web_td(family: &str) -> Value {
    json!({"family": family, "containerDefinitions": [{"name": "web", "image": "nginx", "cpu": 256, "memory": 512,
        "portMappings": [{"containerPort": 80, "hostPort": 0}]}]})
}

/// A Fargate task definition: 0.25 vCPU, 512 MiB, awsvpc.
pub fn fargate_td(family: &str) -> Value {
    json!({"family": family, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
        "containerDefinitions": [{"name": "app", "image": "app", "portMappings": [{"containerPort": 8080}]}]})
}

pub fn service<'a>(out: &'a Value, name: &str) -> &'a Value {
    out["state"]["services"]
        .as_array()
        .and_then(|a| a.iter().rev().find(|s| s["serviceName"] == name))
        .unwrap_or_else(|| panic!("no service {name} in {}", out["state"]["services"]))
}

/// The service's event messages, oldest first.
pub fn events(out: &Value, name: &str) -> Vec<String> {
    let mut v: Vec<String> = service(out, name)["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect();
    v.reverse();
    v
}

/// `(time, value)` of one field of one service along the timeline.
pub fn series(out: &Value, name: &str, field: &str) -> Vec<(i64, f64)> {
    out["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| Some((e["time"].as_i64()?, e["services"][name][field].as_f64()?)))
        .collect()
}

/// The desired count at simulated second `t` (from the timeline).
pub fn desired_at(out: &Value, name: &str, t: i64) -> u64 {
    out["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["time"] == t)
        .unwrap_or_else(|| panic!("no timeline entry at {t}"))["services"][name]["desiredCount"]
        .as_u64()
        .unwrap()
}

/// Running tasks of a group (`service:NAME`) in the final state.
pub fn tasks_of<'a>(out: &'a Value, group: &str) -> Vec<&'a Value> {
    out["state"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["group"] == group)
        .collect()
}

pub fn no_errors(out: &Value) {
    for (i, r) in out["responses"].as_array().unwrap().iter().enumerate() {
        assert!(r.get("error").is_none(), "request {i} failed: {r}");
    }
}
