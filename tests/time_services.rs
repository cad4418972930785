//! Services over time: desired count, the documented default placement (AZ balance, then the
//! fewest tasks per instance), draining, a failed Availability Zone, DAEMON services, events in
//! ECS's wording, errors in ECS's terms, and the ecs-sim contract with time.

mod time_support;

use std::collections::BTreeMap;

use serde_json::{json, Value};
use time_support::*;

fn per_az(tasks: &[&Value]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for t in tasks {
        *m.entry(t["availabilityZone"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    m
}

fn per_instance(tasks: &[&Value]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for t in tasks {
        *m.entry(t["ec2InstanceId"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    m
}

fn web_scenario(desired: u32, more: Vec<Value>) -> Value {
    let mut requests = vec![
        json!({"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": desired}}),
    ];
    requests.extend(more);
    json!({"seed": 11, "containerInstances": six_instances(), "taskDefinitions": [web_td("web")], "requests": requests})
}

#[test]
fn a_service_keeps_its_desired_count_spread_across_azs_then_instances() {
    let out = run(web_scenario(
        6,
        vec![json!({"AdvanceTime": {"seconds": 120}})],
    ));
    no_errors(&out);
    let s = service(&out, "web");
    assert_eq!(
        (
            s["desiredCount"].as_u64(),
            s["runningCount"].as_u64(),
            s["pendingCount"].as_u64()
        ),
        (Some(6), Some(6), Some(0))
    );
    let tasks = tasks_of(&out, "service:web");
    assert_eq!(tasks.len(), 6);
    assert!(
        per_az(&tasks).values().all(|n| *n == 2),
        "two per AZ: {:?}",
        per_az(&tasks)
    );
    assert!(
        per_instance(&tasks).values().all(|n| *n == 1),
        "then one per instance: {:?}",
        per_instance(&tasks)
    );
    for t in &tasks {
        assert_eq!(t["lastStatus"], "RUNNING");
        assert_eq!(t["launchType"], "EC2");
        assert!(t["startedBy"].as_str().unwrap().starts_with("ecs-svc/"));
        assert!(t.get("capacityProviderName").is_none());
    }
    let ev = events(&out, "web");
    assert!(
        ev[0].starts_with("(service web) has started 6 tasks: (task "),
        "{ev:?}"
    );
    assert_eq!(ev[0].matches("(task ").count(), 6);
    assert!(
        ev.contains(&"(service web) has reached a steady state.".to_string()),
        "{ev:?}"
    );
}

#[test]
fn tasks_are_pending_for_30_seconds_then_running() {
    let out = run(web_scenario(
        3,
        vec![json!({"AdvanceTime": {"seconds": 25}})],
    ));
    let s = service(&out, "web");
    assert_eq!(
        (s["runningCount"].as_u64(), s["pendingCount"].as_u64()),
        (Some(0), Some(3))
    );
    assert!(tasks_of(&out, "service:web")
        .iter()
        .all(|t| t["lastStatus"] == "PENDING"));
    let out = run(web_scenario(
        3,
        vec![json!({"AdvanceTime": {"seconds": 30}})],
    ));
    assert_eq!(service(&out, "web")["runningCount"], 3);
}

#[test]
fn the_timeline_has_one_entry_per_simulated_minute() {
    let out = run(web_scenario(
        2,
        vec![
            json!({"AdvanceTime": {"seconds": 90}}),
            json!({"AdvanceTime": {"seconds": 30}}),
            json!({"AdvanceTime": {"seconds": 600}}),
        ],
    ));
    let times: Vec<i64> = out["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["time"].as_i64().unwrap())
        .collect();
    assert_eq!(times, (1..=12).map(|m| m * 60).collect::<Vec<_>>());
    let e = &out["timeline"][0];
    for key in [
        "time",
        "services",
        "instances",
        "capacityProviderReservation",
    ] {
        assert!(e.get(key).is_some(), "entry lacks {key}: {e}");
    }
    let web = &e["services"]["web"];
    for key in ["desiredCount", "runningCount", "pendingCount", "metrics"] {
        assert!(web.get(key).is_some(), "service point lacks {key}: {web}");
    }
    assert_eq!(e["instances"], 6);
}

#[test]
fn a_stopped_task_is_replaced() {
    let first = run(web_scenario(
        3,
        vec![json!({"AdvanceTime": {"seconds": 60}})],
    ));
    let victim = tasks_of(&first, "service:web")[0]["taskArn"]
        .as_str()
        .unwrap()
        .to_string();
    let out = run(web_scenario(
        3,
        vec![
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"StopTask": {"task": victim}}),
            json!({"AdvanceTime": {"seconds": 60}}),
        ],
    ));
    no_errors(&out);
    assert_eq!(service(&out, "web")["runningCount"], 3);
    assert!(tasks_of(&out, "service:web")
        .iter()
        .all(|t| t["taskArn"] != victim.as_str()));
    assert!(
        events(&out, "web")
            .iter()
            .any(|e| e.starts_with("(service web) has started 1 tasks: (task ")),
        "{:?}",
        events(&out, "web")
    );
}

#[test]
fn draining_an_instance_moves_the_service_tasks_within_the_deployment_limits() {
    let out = run(web_scenario(
        6,
        vec![
            json!({"AdvanceTime": {"seconds": 120}}),
            json!({"UpdateContainerInstancesState": {"containerInstances": ["i-a1"], "status": "DRAINING"}}),
            json!({"AdvanceTime": {"seconds": 300}}),
        ],
    ));
    no_errors(&out);
    let tasks = tasks_of(&out, "service:web");
    assert_eq!(tasks.len(), 6);
    assert!(
        tasks.iter().all(|t| t["ec2InstanceId"] != "i-a1"),
        "nothing left on the draining instance"
    );
    assert_eq!(service(&out, "web")["runningCount"], 6);
    // minimumHealthyPercent 100: the replacement starts (and becomes healthy) before the old task stops.
    let ev = events(&out, "web");
    let started = ev
        .iter()
        .position(|e| e.starts_with("(service web) has started 1 tasks"))
        .expect("a replacement");
    let stopped = ev
        .iter()
        .position(|e| e.starts_with("(service web) has stopped 1 running tasks"))
        .expect("the old task stops");
    assert!(started < stopped, "{ev:?}");
    // Never fewer than desired RUNNING along the way.
    assert!(series(&out, "web", "runningCount")
        .iter()
        .all(|(_, n)| *n >= 6.0));
}

#[test]
fn a_failed_availability_zone_moves_the_tasks_to_the_others() {
    let out = run(web_scenario(
        6,
        vec![
            json!({"AdvanceTime": {"seconds": 120}}),
            json!({"FailAvailabilityZone": {"availabilityZone": "us-east-1a"}}),
            json!({"AdvanceTime": {"seconds": 120}}),
        ],
    ));
    no_errors(&out);
    let r = &out["responses"][2]["FailAvailabilityZone"];
    assert_eq!(r["tasksStopped"], 2);
    let tasks = tasks_of(&out, "service:web");
    assert_eq!(tasks.len(), 6);
    let az = per_az(&tasks);
    assert_eq!(az.get("us-east-1a"), None, "{az:?}");
    assert_eq!(
        (az["us-east-1b"], az["us-east-1c"]),
        (3, 3),
        "balanced over the zones left"
    );
    let a1 = out["state"]["containerInstances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ec2InstanceId"] == "i-a1")
        .unwrap();
    assert_eq!(a1["agentConnected"], false);
    assert_eq!(
        out["state"]["failedAvailabilityZones"],
        json!(["us-east-1a"])
    );

    // Restored: the zone takes tasks again (scale out to see it).
    let out = run(web_scenario(
        6,
        vec![
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"FailAvailabilityZone": {"availabilityZone": "us-east-1a"}}),
            json!({"AdvanceTime": {"seconds": 60}}),
            json!({"RestoreAvailabilityZone": {"availabilityZone": "us-east-1a"}}),
            json!({"UpdateService": {"service": "web", "desiredCount": 9}}),
            json!({"AdvanceTime": {"seconds": 60}}),
        ],
    ));
    no_errors(&out);
    let az = per_az(&tasks_of(&out, "service:web"));
    assert_eq!(
        az["us-east-1a"], 3,
        "the new tasks go to the emptiest zone: {az:?}"
    );
}

#[test]
fn unable_to_place_is_reported_in_ecs_words() {
    let out = run(json!({
        "containerInstances": [
            {"ec2InstanceId": "i-1", "availabilityZone": "us-east-1a", "registeredResources": {"cpu": 1024, "memory": 1000}},
            {"ec2InstanceId": "i-3", "availabilityZone": "us-east-1b", "registeredResources": {"cpu": 1024, "memory": 1200}}
        ],
        "taskDefinitions": [{"family": "big", "containerDefinitions": [{"name": "a", "image": "a", "cpu": 128, "memory": 700}]}],
        "requests": [
            {"CreateService": {"serviceName": "web", "taskDefinition": "big", "desiredCount": 3}},
            {"AdvanceTime": {"seconds": 60}}
        ]
    }));
    no_errors(&out);
    assert_eq!(service(&out, "web")["runningCount"], 2);
    let ev = events(&out, "web");
    let expected = "(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance i-1) has insufficient memory available. For more information, see the Troubleshooting section.";
    assert!(ev.iter().any(|e| e == expected), "{ev:?}");
    // Repeats of the same message are throttled.
    assert_eq!(ev.iter().filter(|e| *e == expected).count(), 1);

    let out = run(json!({
        "taskDefinitions": [web_td("web")],
        "requests": [{"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}]
    }));
    assert!(
        events(&out, "web")[0]
            .contains("Reason: No Container Instances were found in your cluster."),
        "{:?}",
        events(&out, "web")
    );
}

#[test]
fn a_service_scales_in_from_the_fullest_zone_first() {
    let out = run(web_scenario(
        6,
        vec![
            json!({"AdvanceTime": {"seconds": 120}}),
            json!({"UpdateService": {"service": "web", "desiredCount": 3}}),
            json!({"AdvanceTime": {"seconds": 60}}),
        ],
    ));
    no_errors(&out);
    let tasks = tasks_of(&out, "service:web");
    assert_eq!(tasks.len(), 3);
    assert!(
        per_az(&tasks).values().all(|n| *n == 1),
        "one per zone left: {:?}",
        per_az(&tasks)
    );
    assert!(events(&out, "web")
        .iter()
        .any(|e| e.starts_with("(service web) has stopped 3 running tasks:")));
}

#[test]
fn placement_strategies_given_to_the_service_are_used() {
    let out = run(json!({
        "seed": 5,
        "containerInstances": six_instances(),
        "taskDefinitions": [web_td("web")],
        "requests": [
            {"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 4,
                "placementStrategy": [{"type": "binpack", "field": "memory"}],
                "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.availability-zone == us-east-1b"}]}},
            {"AdvanceTime": {"seconds": 60}}
        ]
    }));
    no_errors(&out);
    let tasks = tasks_of(&out, "service:web");
    assert_eq!(tasks.len(), 4);
    assert_eq!(
        per_instance(&tasks).len(),
        1,
        "binpack keeps them on one instance: {:?}",
        per_instance(&tasks)
    );
    assert!(tasks.iter().all(|t| t["availabilityZone"] == "us-east-1b"));
}

#[test]
fn a_daemon_service_runs_one_task_per_active_instance() {
    let out = run(json!({
        "seed": 2,
        "containerInstances": six_instances(),
        "taskDefinitions": [web_td("agent"), web_td("web")],
        "requests": [
            {"UpdateContainerInstancesState": {"containerInstances": ["i-c2"], "status": "DRAINING"}},
            {"CreateService": {"serviceName": "agent", "taskDefinition": "agent", "schedulingStrategy": "DAEMON"}},
            {"AdvanceTime": {"seconds": 60}},
            {"RegisterContainerInstance": {"ec2InstanceId": "i-new", "availabilityZone": "us-east-1b", "instanceType": "m5.large"}},
            {"AdvanceTime": {"seconds": 60}}
        ]
    }));
    no_errors(&out);
    let s = service(&out, "agent");
    assert_eq!(s["schedulingStrategy"], "DAEMON");
    assert_eq!(
        s["desiredCount"], 6,
        "five active instances plus the new one"
    );
    let tasks = tasks_of(&out, "service:agent");
    let on = per_instance(&tasks);
    assert_eq!(on.len(), 6);
    assert!(on.values().all(|n| *n == 1));
    assert!(!on.contains_key("i-c2"), "none on the DRAINING instance");
    assert!(on.contains_key("i-new"));
}

#[test]
fn bad_requests_get_ecs_errors() {
    let out = run(json!({
        "containerInstances": six_instances(),
        "taskDefinitions": [web_td("web"), fargate_td("fg")],
        "requests": [
            {"CreateService": {"serviceName": "web", "taskDefinition": "web"}},
            {"CreateService": {"serviceName": "web", "taskDefinition": "nope", "desiredCount": 1}},
            {"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}},
            {"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}},
            {"CreateService": {"serviceName": "x", "taskDefinition": "web", "desiredCount": 1, "launchType": "EC2",
                "capacityProviderStrategy": [{"capacityProvider": "FARGATE"}]}},
            {"DeleteService": {"service": "web"}},
            {"UpdateService": {"service": "ghost", "desiredCount": 1}},
            {"CreateService": {"serviceName": "fg", "taskDefinition": "fg", "desiredCount": 1, "launchType": "FARGATE"}},
            {"CreateService": {"serviceName": "y", "taskDefinition": "web", "desiredCount": 1, "bogus": true}},
            {"AdvanceTime": {"seconds": -5}},
            {"CreateService": {"serviceName": "z", "taskDefinition": "web", "desiredCount": 1,
                "capacityProviderStrategy": [{"capacityProvider": "FARGATE"}]}},
            {"DeleteService": {"service": "web", "force": true}}
        ]
    }));
    let r = out["responses"].as_array().unwrap();
    let code = |i: usize| r[i]["error"]["code"].as_str().unwrap_or("(ok)").to_string();
    let message = |i: usize| r[i]["error"]["message"].as_str().unwrap_or("").to_string();
    assert_eq!(code(0), "InvalidParameterException");
    assert!(message(0).contains("desiredCount"));
    assert_eq!(code(1), "ClientException");
    assert!(r[2].get("CreateService").is_some());
    assert_eq!(message(3), "Creation of service was not idempotent.");
    assert_eq!(message(4), "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
    assert_eq!(
        message(5),
        "The service cannot be stopped while it is scaled above 0."
    );
    assert_eq!(code(6), "ServiceNotFoundException");
    assert_eq!(
        message(7),
        "Network Configuration must be provided when networkMode 'awsvpc' is specified."
    );
    assert!(message(8).starts_with("Unknown parameter in input: \"bogus\""));
    assert_eq!(code(9), "InvalidParameterException");
    assert!(
        message(10).contains("not associated with the cluster"),
        "{}",
        message(10)
    );
    assert_eq!(r[11]["DeleteService"]["service"]["status"], "DRAINING");
    assert_eq!(service(&out, "web")["status"], "INACTIVE");
    assert!(tasks_of(&out, "service:web").is_empty());
}

#[test]
fn without_time_the_output_is_what_the_cluster_alone_gives() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/three-azs-spread.json"
    ))
    .unwrap();
    let sc = ecs_playground::sim::scenario::read(&text).unwrap();
    let out = ecs_playground::sim::scenario::run(&sc, true);
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["responses", "state", "timeline"]);
    assert_eq!(out["timeline"], json!([]));
    let state_keys: Vec<&String> = out["state"].as_object().unwrap().keys().collect();
    assert_eq!(
        state_keys,
        [
            "clusterArn",
            "containerInstances",
            "services",
            "taskDefinitions",
            "tasks"
        ]
    );
    assert_eq!(out["state"]["services"], json!([]));
    // The same as the cluster API's own state.
    let mut cluster = ecs_playground::sim::cluster::Cluster::new(sc.seed);
    for spec in &sc.instances {
        cluster.register_instance(spec).unwrap();
    }
    for td in &sc.task_definitions {
        cluster.register_task_definition(td.clone());
    }
    let responses: Vec<Value> = sc
        .requests
        .iter()
        .map(|(op, body)| ecs_playground::sim::api::dispatch(&mut cluster, op, body, true))
        .collect();
    assert_eq!(out["responses"], Value::from(responses));
    let mut state = ecs_playground::sim::api::state_json(&cluster);
    state["services"] = json!([]);
    assert_eq!(out["state"], state);
}

#[test]
fn the_cli_runs_a_time_scenario() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/time-web-service.json"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ecs-sim"))
        .args(["run", "--no-trace", path])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    no_errors(&v);
    assert_eq!(v["timeline"].as_array().unwrap().len(), 15);
    let web = service(&v, "web");
    assert_eq!(web["desiredCount"], 6);
    assert_eq!(web["runningCount"], 6);
    assert!(v["cost"]["total"].as_f64().unwrap() > 0.0);
    // A typo in a time request is caught when reading, with its position.
    let bad = r#"{"requests": [{"AdvanceTme": {"seconds": 1}}]}"#;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ecs-sim"))
        .args(["run", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(bad.as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown request 'AdvanceTme'"));
}
