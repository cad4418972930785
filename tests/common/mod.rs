//! Helpers shared by the engine's integration tests.
#![allow(dead_code)]

use ecs_playground::sim::api;
use ecs_playground::sim::cluster::{Cluster, InstanceSpec};
use ecs_playground::sim::taskdef::TaskDefinition;
use serde_json::{json, Value};

/// A cluster with `(id, az, type)` instances.
pub fn cluster(seed: u64, instances: &[(&str, &str, &str)]) -> Cluster {
    let mut c = Cluster::new(seed);
    for (id, az, itype) in instances {
        let spec = InstanceSpec {
            ec2_instance_id: id.to_string(),
            availability_zone: az.to_string(),
            instance_type: Some(itype.to_string()),
            ..Default::default()
        };
        c.register_instance(&spec).expect("instance registers");
    }
    c
}

pub fn with_td(mut c: Cluster, td: TaskDefinition) -> Cluster {
    c.register_task_definition(td);
    c
}

/// Calls an operation; returns the response body or panics with the error.
pub fn ok(c: &mut Cluster, op: &str, body: Value) -> Value {
    let out = api::dispatch(c, op, &body, true);
    assert!(out.get("error").is_none(), "{op} failed: {out}");
    out[op].clone()
}

pub fn err(c: &mut Cluster, op: &str, body: Value) -> (String, String) {
    let out = api::dispatch(c, op, &body, true);
    let e = out
        .get("error")
        .unwrap_or_else(|| panic!("{op} should fail: {out}"));
    (
        e["code"].as_str().unwrap().to_string(),
        e["message"].as_str().unwrap().to_string(),
    )
}

pub fn run(c: &mut Cluster, body: Value) -> Value {
    ok(c, "RunTask", body)
}

/// ec2InstanceId of each placed task, in order.
pub fn placed_on(resp: &Value) -> Vec<String> {
    resp["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ec2InstanceId"].as_str().unwrap().to_string())
        .collect()
}

pub fn reasons(resp: &Value) -> Vec<String> {
    resp["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap().to_string())
        .collect()
}

pub fn count_by<'a>(
    items: impl Iterator<Item = &'a str>,
) -> std::collections::BTreeMap<String, usize> {
    let mut m = std::collections::BTreeMap::new();
    for i in items {
        *m.entry(i.to_string()).or_insert(0) += 1;
    }
    m
}

pub fn spread_az() -> Value {
    json!({"type": "spread", "field": "attribute:ecs.availability-zone"})
}
