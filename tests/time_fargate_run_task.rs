//! RunTask with launchType FARGATE: no instance to choose, tasks spread over the subnets'
//! Availability Zones, each with its own network interface; ECS's refusals in its words.

mod time_support;

use ecs_playground::sim::time::Simulation;
use serde_json::{json, Value};
use time_support::{fargate_td, run, web_td};

fn subnets(zones: &[&str]) -> Value {
    json!({"awsvpcConfiguration": {"subnets": zones.iter().map(|z| format!("subnet-{z}")).collect::<Vec<_>>()}})
}

fn scenario(requests: Value) -> Value {
    json!({
        "seed": 3,
        "availabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
        "taskDefinitions": [fargate_td("api"), web_td("web")],
        "requests": requests,
    })
}

fn error(out: &Value, i: usize) -> String {
    out["responses"][i]["error"]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("response {i} is not an error: {}", out["responses"][i]))
        .to_string()
}

#[test]
fn fargate_tasks_spread_over_the_subnets_zones_and_run_at_once() {
    let out = run(scenario(json!([
        {"RunTask": {"taskDefinition": "api", "count": 5, "launchType": "FARGATE",
            "networkConfiguration": subnets(&["us-east-1a", "us-east-1b", "us-east-1c"])}}
    ])));
    let tasks = out["responses"][0]["RunTask"]["tasks"].as_array().unwrap();
    let zones: Vec<&str> = tasks
        .iter()
        .map(|t| t["availabilityZone"].as_str().unwrap())
        .collect();
    // Fewest tasks of the group first, ties in the subnets' order.
    assert_eq!(
        zones,
        [
            "us-east-1a",
            "us-east-1b",
            "us-east-1c",
            "us-east-1a",
            "us-east-1b"
        ]
    );
    for t in tasks {
        assert_eq!(t["launchType"], "FARGATE");
        assert_eq!(t["lastStatus"], "RUNNING");
        assert_eq!(t["group"], "family:api");
        assert!(t.get("containerInstanceArn").is_none(), "{t}");
        assert_eq!(t["attachments"][0]["type"], "ElasticNetworkInterface");
        assert!(t.get("startedBy").is_none(), "{t}");
    }
    let ips: std::collections::BTreeSet<&str> = tasks
        .iter()
        .map(|t| t["attachments"][0]["details"][2]["value"].as_str().unwrap())
        .collect();
    assert_eq!(ips.len(), 5, "each task has its own IP: {ips:?}");
    assert_eq!(out["responses"][0]["RunTask"]["failures"], json!([]));
    assert_eq!(out["state"]["tasks"].as_array().unwrap().len(), 5);
}

#[test]
fn ecs_refusals_for_fargate_run_task() {
    let net = subnets(&["us-east-1a"]);
    let out = run(scenario(json!([
        {"RunTask": {"taskDefinition": "web", "launchType": "FARGATE", "networkConfiguration": net}},
        {"RunTask": {"taskDefinition": "api", "launchType": "FARGATE"}},
        {"RunTask": {"taskDefinition": "api", "launchType": "FARGATE", "networkConfiguration": net,
            "placementStrategy": [{"type": "random"}]}},
        {"RunTask": {"taskDefinition": "api", "launchType": "FARGATE", "networkConfiguration": net, "count": 11}},
        {"RunTask": {"taskDefinition": "api", "networkConfiguration": net}}
    ])));
    assert_eq!(
        error(&out, 0),
        "Task definition does not support launch_type FARGATE."
    );
    assert_eq!(
        error(&out, 1),
        "Network Configuration must be provided when networkMode 'awsvpc' is specified."
    );
    assert!(error(&out, 2).contains("aren't supported for tasks using the Fargate launch type"));
    assert!(error(&out, 3).starts_with("count must be between 1 and 10"));
    // Without a launch type RunTask means EC2, which this task definition does not allow.
    assert_eq!(
        error(&out, 4),
        "Task definition does not support launch_type EC2."
    );
}

#[test]
fn a_failed_zone_gets_no_fargate_task() {
    let out = run(scenario(json!([
        {"FailAvailabilityZone": {"availabilityZone": "us-east-1a"}},
        {"RunTask": {"taskDefinition": "api", "count": 2, "launchType": "FARGATE",
            "networkConfiguration": subnets(&["us-east-1a", "us-east-1b"])}},
        {"RunTask": {"taskDefinition": "api", "launchType": "FARGATE",
            "networkConfiguration": subnets(&["us-east-1a"])}}
    ])));
    let zones: Vec<&str> = out["responses"][1]["RunTask"]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["availabilityZone"].as_str().unwrap())
        .collect();
    assert_eq!(zones, ["us-east-1b", "us-east-1b"]);
    let failures = &out["responses"][2]["RunTask"]["failures"];
    assert_eq!(failures.as_array().unwrap().len(), 1, "{failures}");
    assert!(failures[0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("Capacity is unavailable at this time"));
}

#[test]
fn standalone_fargate_tasks_are_billed_while_they_run() {
    // Three 0.25 vCPU / 0.5 GB tasks for an hour: 3 × (0.25 × 0.04048 + 0.5 × 0.004445).
    let out = run(scenario(json!([
        {"RunTask": {"taskDefinition": "api", "count": 3, "launchType": "FARGATE",
            "networkConfiguration": subnets(&["us-east-1a", "us-east-1b"])}},
        {"AdvanceTime": {"seconds": 3600}}
    ])));
    let hour = 3.0 * (0.25 * 0.04048 + 0.5 * 0.004445);
    let fargate = out["cost"]["fargate"].as_f64().unwrap();
    assert!((fargate - hour).abs() < 0.0001, "{fargate} vs {hour}");
    assert_eq!(out["cost"]["ec2"], 0.0);

    // Stopped after half an hour: billed only for the half hour it ran (the meter sees
    // the stop, though it changes no count of tasks or instances).
    let mut sim = Simulation::new(3);
    sim.dispatch("RegisterTaskDefinition", &fargate_td("api"), false);
    let started = sim.dispatch(
        "RunTask",
        &json!({"taskDefinition": "api", "launchType": "FARGATE",
            "networkConfiguration": subnets(&["us-east-1a"])}),
        false,
    );
    let arn = started["RunTask"]["tasks"][0]["taskArn"].clone();
    sim.dispatch("AdvanceTime", &json!({"seconds": 1800}), false);
    let stopped = sim.dispatch("StopTask", &json!({"task": arn}), false);
    assert!(stopped.get("error").is_none(), "{stopped}");
    sim.dispatch("AdvanceTime", &json!({"seconds": 1800}), false);
    let half = (0.25 * 0.04048 + 0.5 * 0.004445) / 2.0;
    assert!(
        (sim.cost.fargate - half).abs() < 1e-9,
        "{} vs {half}",
        sim.cost.fargate
    );
}
