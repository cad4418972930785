//! Capacity over time: an Auto Scaling group capacity provider scaled by managed scaling
//! (CapacityProviderReservation 200 from zero instances, 15 minutes below target to scale in,
//! managed termination protection), Fargate and Fargate Spot with base and weight, Spot
//! interruptions with their two-minute warning, and the cost meter.

mod time_support;

use std::collections::BTreeMap;

use ecs_playground::sim::time::Simulation;
use serde_json::{json, Value};
use time_support::*;

fn asg_td() -> Value {
    json!({"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "cpu": 512, "memory": 2048,
        "portMappings": [{"containerPort": 80, "hostPort": 0}]}]})
}

fn provider(name: &str, protection: &str, desired: u32) -> Value {
    json!({"CreateCapacityProvider": {"name": name, "autoScalingGroupProvider": {
        "managedScaling": {"status": "ENABLED", "targetCapacity": 100},
        "managedTerminationProtection": protection,
        "autoScalingGroup": {"instanceType": "m5.large", "availabilityZones": ["us-east-1a", "us-east-1b"], "minSize": 0, "maxSize": 10, "desiredCapacity": desired}}}})
}

fn asg_scenario(more: Vec<Value>) -> Value {
    let mut requests = vec![
        provider("cp-web", "ENABLED", 0),
        json!({"PutClusterCapacityProviders": {"cluster": "default", "capacityProviders": ["cp-web"],
            "defaultCapacityProviderStrategy": [{"capacityProvider": "cp-web", "weight": 1}]}}),
        // binpack: scale-in empties the least packed instance, which managed scaling can then remove.
        json!({"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 6,
            "placementStrategy": [{"type": "binpack", "field": "memory"}]}}),
    ];
    requests.extend(more);
    json!({"seed": 5, "taskDefinitions": [asg_td()], "requests": requests})
}

fn cpr(out: &Value, t: i64) -> f64 {
    let e = out["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["time"] == t)
        .unwrap();
    e["capacityProviderReservation"]["cp-web"].as_f64().unwrap()
}

fn instances_at(out: &Value, t: i64) -> u64 {
    out["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["time"] == t)
        .unwrap()["instances"]
        .as_u64()
        .unwrap()
}

#[test]
fn managed_scaling_launches_instances_from_zero() {
    let out = run(asg_scenario(vec![json!({"AdvanceTime": {"seconds": 600}})]));
    no_errors(&out);
    // No instance and six tasks waiting (PROVISIONING): M > 0, N = 0, so CPR = 200.
    assert_eq!(cpr(&out, 60), 200.0);
    assert_eq!(service(&out, "web")["pendingCount"], 0);
    assert_eq!(
        series(&out, "web", "pendingCount")[0],
        (60, 6.0),
        "the tasks wait for capacity"
    );
    // "always scales-out to 200% (two instances)"; they register a minute later and take
    // three tasks each (2048 MiB of about 7.8 GiB), so M = N = 2 and CPR is back at 100.
    assert_eq!(instances_at(&out, 60), 0);
    assert_eq!(instances_at(&out, 120), 2);
    assert_eq!(cpr(&out, 120), 100.0);
    let s = service(&out, "web");
    assert_eq!(s["runningCount"], 6);
    let tasks = tasks_of(&out, "service:web");
    assert!(tasks
        .iter()
        .all(|t| t["capacityProviderName"] == "cp-web" && t["launchType"] == "EC2"));
    let cp = &out["state"]["capacityProviders"][0];
    assert_eq!(
        cp["autoScalingGroupProvider"]["autoScalingGroup"]["desiredCapacity"],
        2
    );
    let zones: Vec<&str> = out["state"]["containerInstances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["availabilityZone"].as_str().unwrap())
        .collect();
    assert_eq!(zones.len(), 2);
    assert_ne!(zones[0], zones[1], "the group balances its zones");
    let attrs = &out["state"]["containerInstances"][0]["attributes"];
    assert!(attrs
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["name"] == "playground.capacity-provider" && a["value"] == "cp-web"));
}

#[test]
fn managed_scaling_scales_in_after_fifteen_minutes_below_target() {
    let out = run(asg_scenario(vec![
        json!({"AdvanceTime": {"seconds": 300}}),
        json!({"UpdateService": {"service": "web", "desiredCount": 2}}),
        json!({"AdvanceTime": {"seconds": 1500}}),
    ]));
    no_errors(&out);
    // binpack stops the tasks of the least packed instance: the two left share one instance,
    // M = 1 of N = 2, CPR 50 from minute 6.
    let t = out["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["capacityProviderReservation"]["cp-web"] == 50.0)
        .unwrap()["time"]
        .as_i64()
        .unwrap();
    assert_eq!(
        instances_at(&out, t + 13 * 60),
        2,
        "14 datapoints below target: no change"
    );
    assert_eq!(
        instances_at(&out, t + 14 * 60),
        1,
        "the 15th datapoint scales in"
    );
    assert_eq!(cpr(&out, t + 15 * 60), 100.0);
    assert_eq!(service(&out, "web")["runningCount"], 2);
}

#[test]
fn managed_termination_protection_spares_instances_with_tasks() {
    let mut sim = Simulation::new(7);
    let ok = |sim: &mut Simulation, op: &str, body: Value| {
        let out = sim.dispatch(op, &body, false);
        assert!(out.get("error").is_none(), "{op}: {out}");
        out
    };
    ok(&mut sim, "RegisterTaskDefinition", asg_td());
    ok(
        &mut sim,
        "RegisterTaskDefinition",
        json!({"family": "tiny", "containerDefinitions": [{"name": "t", "image": "t", "cpu": 10, "memory": 64}]}),
    );
    // Four instances already running; a standalone task keeps one of them busy.
    ok(
        &mut sim,
        "CreateCapacityProvider",
        provider("cp-web", "ENABLED", 4)["CreateCapacityProvider"].clone(),
    );
    ok(
        &mut sim,
        "PutClusterCapacityProviders",
        json!({"capacityProviders": ["cp-web"], "defaultCapacityProviderStrategy": [{"capacityProvider": "cp-web", "weight": 1}]}),
    );
    assert_eq!(sim.cluster.instances.len(), 4);
    ok(
        &mut sim,
        "RunTask",
        json!({"taskDefinition": "tiny", "count": 3, "placementStrategy": [{"type": "spread", "field": "instanceId"}]}),
    );
    ok(&mut sim, "AdvanceTime", json!({"seconds": 1200}));
    // M = 3 busy of N = 4: CPR 75 for 15 minutes, scale in to 3: only the empty instance goes.
    assert_eq!(sim.cluster.instances.len(), 3);
    assert!(sim
        .cluster
        .instances
        .iter()
        .all(|i| i.running_tasks_count() == 1));
    assert_eq!(sim.cluster.running_tasks().count(), 3);
}

fn fargate_scenario(desired: u32, more: Vec<Value>) -> Value {
    let mut requests = vec![
        json!({"PutClusterCapacityProviders": {"capacityProviders": ["FARGATE", "FARGATE_SPOT"], "defaultCapacityProviderStrategy": []}}),
        json!({"CreateService": {"serviceName": "app", "taskDefinition": "app", "desiredCount": desired,
            "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "base": 2, "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 4}],
            "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a", "subnet-us-east-1b", "subnet-us-east-1c"]}}}}),
    ];
    requests.extend(more);
    json!({"seed": 5, "taskDefinitions": [fargate_td("app")], "requests": requests})
}

fn by(tasks: &[&Value], key: &str) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for t in tasks {
        *m.entry(t[key].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    m
}

#[test]
fn fargate_and_fargate_spot_split_by_base_then_weight() {
    let out = run(fargate_scenario(
        12,
        vec![json!({"AdvanceTime": {"seconds": 60}})],
    ));
    no_errors(&out);
    let tasks = tasks_of(&out, "service:app");
    assert_eq!(tasks.len(), 12);
    // Base 2 on FARGATE, then the other 10 at 1:4: 2 more on FARGATE, 8 on FARGATE_SPOT.
    let split = by(&tasks, "capacityProviderName");
    assert_eq!((split["FARGATE"], split["FARGATE_SPOT"]), (4, 8));
    assert!(
        by(&tasks, "availabilityZone").values().all(|n| *n == 4),
        "balanced over the subnets' zones: {:?}",
        by(&tasks, "availabilityZone")
    );
    let mut ips = std::collections::BTreeSet::new();
    for t in &tasks {
        assert_eq!(t["launchType"], "FARGATE");
        assert!(t.get("containerInstanceArn").is_none() && t.get("ec2InstanceId").is_none());
        let eni = &t["attachments"][0];
        assert_eq!(eni["type"], "ElasticNetworkInterface");
        let ip = eni["details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == "privateIPv4Address")
            .unwrap()["value"]
            .as_str()
            .unwrap();
        assert!(ips.insert(ip.to_string()), "one IP per task");
        let subnet = eni["details"][0]["value"].as_str().unwrap();
        assert_eq!(
            subnet,
            format!("subnet-{}", t["availabilityZone"].as_str().unwrap())
        );
    }
    // Scaling in keeps the base: from 12 to 3 leaves 2 on FARGATE (base) and 1 more by weight.
    let out = run(fargate_scenario(
        12,
        vec![
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"UpdateService": {"service": "app", "desiredCount": 3}}),
            json!({"AdvanceTime": {"seconds": 60}}),
        ],
    ));
    let split = by(&tasks_of(&out, "service:app"), "capacityProviderName");
    assert_eq!(split.get("FARGATE"), Some(&2), "{split:?}");
    assert_eq!(split.get("FARGATE_SPOT"), Some(&1), "{split:?}");
}

#[test]
fn a_spot_interruption_gives_two_minutes_and_the_service_replaces_the_task() {
    let mut sim = Simulation::new(5);
    let scenario = fargate_scenario(6, vec![]);
    sim.dispatch("RegisterTaskDefinition", &fargate_td("app"), false);
    for r in scenario["requests"].as_array().unwrap() {
        let (op, body) = r.as_object().unwrap().iter().next().unwrap();
        let out = sim.dispatch(op, body, false);
        assert!(out.get("error").is_none(), "{out}");
    }
    sim.dispatch("AdvanceTime", &json!({"seconds": 60}), false);
    let out = sim.dispatch(
        "InterruptSpot",
        &json!({"service": "app", "count": 2}),
        false,
    );
    let warned: Vec<String> = out["InterruptSpot"]["interrupted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["taskArn"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(warned.len(), 2);
    assert_eq!(
        out["InterruptSpot"]["interrupted"][0]["stopsAt"],
        "2024-01-01T00:03:00Z"
    );
    // The replacements start at the warning; the warned tasks still run.
    sim.dispatch("AdvanceTime", &json!({"seconds": 5}), false);
    let live = |sim: &Simulation| {
        sim.cluster
            .tasks
            .iter()
            .filter(|t| t.group == "service:app" && t.last_status != "STOPPED")
            .count()
    };
    assert_eq!(live(&sim), 8);
    let task = |sim: &Simulation, arn: &str| {
        sim.cluster
            .tasks
            .iter()
            .find(|t| t.task_arn == arn)
            .unwrap()
            .clone()
    };
    assert_eq!(task(&sim, &warned[0]).desired_status, "STOPPED");
    assert_eq!(task(&sim, &warned[0]).last_status, "RUNNING");
    sim.dispatch("AdvanceTime", &json!({"seconds": 115}), false);
    let t = task(&sim, &warned[0]);
    assert_eq!(t.last_status, "STOPPED");
    assert_eq!(
        t.stopped_reason.as_deref(),
        Some("Your Spot Task was interrupted.")
    );
    assert_eq!(t.lifecycle.stop_code.as_deref(), Some("SpotInterruption"));
    assert_eq!(
        t.lifecycle.stopped_at.as_deref(),
        Some("2024-01-01T00:03:00Z")
    );
    assert_eq!(live(&sim), 6);
    assert_eq!(sim.services[0].running_count(sim.clock.now), 6);

    // A seeded rate interrupts some tasks every hour, and the service keeps its count.
    sim.dispatch(
        "SetSpotInterruptionRate",
        &json!({"perTaskPerHour": 2.0}),
        false,
    );
    sim.dispatch("AdvanceTime", &json!({"seconds": 3600}), false);
    let stopped = sim
        .cluster
        .tasks
        .iter()
        .filter(|t| t.lifecycle.stop_code.as_deref() == Some("SpotInterruption"))
        .count();
    assert!(stopped > 2, "{stopped}");
    assert_eq!(
        sim.services[0]
            .tasks
            .iter()
            .filter(|t| t.interrupted_at.is_none())
            .count(),
        6
    );
}

#[test]
fn the_cost_meter_counts_instance_hours_and_fargate_vcpu_and_gb_hours() {
    let out = run(fargate_scenario(
        5,
        vec![json!({"AdvanceTime": {"seconds": 3600}})],
    ));
    no_errors(&out);
    let per_task_hour = 0.25 * 0.04048 + 0.5 * 0.004445;
    let spot_task_hour = 0.25 * 0.0140264 + 0.5 * 0.0015402;
    // 2 base + 1 by weight on FARGATE, 2 on FARGATE_SPOT, billed from placement for an hour.
    let cost = &out["cost"];
    assert!(
        (cost["fargate"].as_f64().unwrap() - 3.0 * per_task_hour).abs() < 1e-4,
        "{cost}"
    );
    assert!(
        (cost["fargateSpot"].as_f64().unwrap() - 2.0 * spot_task_hour).abs() < 1e-4,
        "{cost}"
    );
    assert_eq!(cost["ec2"], 0.0);
    assert!(cost["note"].as_str().unwrap().contains("Example prices"));

    let out = run(
        json!({"containerInstances": instances(&[("i-1", "us-east-1a", "m5.large"), ("i-2", "us-east-1b", "c5.large")]), "requests": [{"AdvanceTime": {"seconds": 7200}}]}),
    );
    assert!(
        (out["cost"]["ec2"].as_f64().unwrap() - 2.0 * (0.096 + 0.085)).abs() < 1e-4,
        "{}",
        out["cost"]
    );
    let costs: Vec<f64> = out["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["costUsd"].as_f64().unwrap())
        .collect();
    assert!(costs.windows(2).all(|w| w[0] <= w[1]), "cumulative");
}

#[test]
fn capacity_provider_requests_are_checked() {
    let out = run(json!({
        "taskDefinitions": [fargate_td("app"), {"family": "odd", "networkMode": "awsvpc", "cpu": "256", "memory": "512",
            "containerDefinitions": [{"name": "a", "image": "a"}]}],
        "requests": [
            {"CreateCapacityProvider": {"name": "fargate-x", "autoScalingGroupProvider": {}}},
            {"CreateCapacityProvider": {"name": "cp", "autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED"}}}},
            {"CreateCapacityProvider": {"name": "cp", "autoScalingGroupProvider": {"autoScalingGroup": {"instanceType": "m9.huge", "availabilityZones": ["us-east-1a"], "maxSize": 2}}}},
            {"CreateCapacityProvider": {"name": "cp", "autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED", "targetCapacity": 0},
                "autoScalingGroup": {"instanceType": "m5.large", "availabilityZones": ["us-east-1a"], "maxSize": 2}}}},
            {"CreateCapacityProvider": {"name": "cp", "autoScalingGroupProvider": {"autoScalingGroup": {"instanceType": "m5.large", "availabilityZones": ["us-east-1a"], "maxSize": 2}}}},
            {"PutClusterCapacityProviders": {"capacityProviders": ["nope"]}},
            {"PutClusterCapacityProviders": {"capacityProviders": ["cp", "FARGATE"], "defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1}, {"capacityProvider": "cp", "weight": 1}]}},
            {"PutClusterCapacityProviders": {"capacityProviders": ["cp", "FARGATE"]}},
            {"CreateService": {"serviceName": "odd", "taskDefinition": "odd", "desiredCount": 1, "launchType": "FARGATE",
                "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a"]}}}},
            {"CreateService": {"serviceName": "app", "taskDefinition": "app", "desiredCount": 1,
                "capacityProviderStrategy": [{"capacityProvider": "FARGATE", "base": 1}, {"capacityProvider": "FARGATE_SPOT", "base": 1, "weight": 1}],
                "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a"]}}}}
        ]
    }));
    let r = out["responses"].as_array().unwrap();
    let message = |i: usize| {
        r[i]["error"]["message"]
            .as_str()
            .unwrap_or("(ok)")
            .to_string()
    };
    assert_eq!(
        message(0),
        "The capacity provider name can't be prefixed with 'aws', 'ecs', or 'fargate'."
    );
    assert!(message(1).contains("autoScalingGroup is required by the simulator"));
    assert!(message(2).contains("'m9.huge' is not known"));
    assert!(
        message(3).contains("targetCapacity must be between 1 and 100"),
        "{}",
        message(3)
    );
    assert!(r[4].get("CreateCapacityProvider").is_some());
    assert_eq!(message(5), "The specified capacity provider does not exist. Specify a valid name or ARN and try again.");
    assert!(message(6).contains("cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers"));
    assert!(r[7].get("PutClusterCapacityProviders").is_some());
    assert_eq!(
        message(8),
        "Task definition does not support launch_type FARGATE."
    );
    assert!(
        message(9).contains(
            "Only one capacity provider in a capacity provider strategy can have a base defined"
        ),
        "{}",
        message(9)
    );
}

#[test]
fn scale_out_waits_for_the_instance_warm_up() {
    let out = run(asg_scenario(vec![
        json!({"AdvanceTime": {"seconds": 180}}),
        json!({"UpdateService": {"service": "web", "desiredCount": 12}}),
        json!({"AdvanceTime": {"seconds": 420}}),
    ]));
    no_errors(&out);
    // Launched at minute 1; the six new tasks need two more instances from minute 4 (CPR
    // 200), but "scale-out is blocked while instances are within warm-up" (300 s): the
    // group grows at minute 6 and the instances register a minute later.
    assert_eq!(cpr(&out, 240), 200.0);
    let decision = out["state"]["capacityProviders"][0]["managedScalingDecision"]
        .as_str()
        .unwrap();
    assert!(!decision.is_empty());
    assert_eq!(instances_at(&out, 300), 2);
    assert_eq!(instances_at(&out, 360), 2);
    assert_eq!(instances_at(&out, 420), 4);
    assert_eq!(service(&out, "web")["runningCount"], 12);
}

#[test]
fn fargate_launch_type_tasks_leave_a_failed_zone() {
    let out = run(json!({
        "seed": 1,
        "taskDefinitions": [fargate_td("app")],
        "requests": [
            {"CreateService": {"serviceName": "app", "taskDefinition": "app", "desiredCount": 6, "launchType": "FARGATE",
                "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a", "subnet-us-east-1b", "subnet-us-east-1c"]}}}},
            {"AdvanceTime": {"seconds": 60}},
            {"FailAvailabilityZone": {"availabilityZone": "us-east-1c"}},
            {"AdvanceTime": {"seconds": 60}}
        ]
    }));
    no_errors(&out);
    let tasks = tasks_of(&out, "service:app");
    assert_eq!(tasks.len(), 6);
    assert!(tasks
        .iter()
        .all(|t| t["launchType"] == "FARGATE" && t.get("capacityProviderName").is_none()));
    let zones = by(&tasks, "availabilityZone");
    assert_eq!(
        (
            zones.get("us-east-1a"),
            zones.get("us-east-1b"),
            zones.get("us-east-1c")
        ),
        (Some(&3), Some(&3), None)
    );
    assert_eq!(
        out["responses"][2]["FailAvailabilityZone"]["tasksStopped"],
        2
    );
}
