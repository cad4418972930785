//! Placement against the documented ECS behaviour (ecs-facts.md sections 1, 2 and 4).

mod common;

use common::*;
use ecs_playground::sim::cluster::{Cluster, InstanceSpec};
use ecs_playground::sim::taskdef::{NetworkMode, Protocol, TaskDefinition};
use serde_json::json;

fn three_azs() -> ecs_playground::sim::cluster::Cluster {
    cluster(
        1,
        &[
            ("i-a1", "us-east-1a", "m5.large"),
            ("i-b1", "us-east-1b", "m5.large"),
            ("i-c1", "us-east-1c", "m5.large"),
        ],
    )
}

#[test]
fn spread_by_az_puts_two_tasks_in_each_of_three_azs() {
    let mut c = with_td(
        three_azs(),
        TaskDefinition::simple("web", 256, 512, &[(80, 0)]),
    );
    let r = run(
        &mut c,
        json!({"taskDefinition": "web", "count": 6, "placementStrategy": [spread_az()]}),
    );
    let per_az = count_by(
        r["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["availabilityZone"].as_str().unwrap()),
    );
    assert_eq!(
        per_az.values().copied().collect::<Vec<_>>(),
        vec![2, 2, 2],
        "{per_az:?}"
    );
}

#[test]
fn spread_by_az_then_binpack_memory_fills_one_instance_per_az_first() {
    // "distributes tasks evenly across Availability Zones and then bin packs tasks based on
    // memory within each Availability Zone."
    let mut c = cluster(
        3,
        &[
            ("i-a1", "us-east-1a", "m5.large"),
            ("i-a2", "us-east-1a", "m5.large"),
            ("i-b1", "us-east-1b", "m5.large"),
            ("i-b2", "us-east-1b", "m5.large"),
        ],
    );
    c.register_task_definition(TaskDefinition::simple("web", 128, 1024, &[]));
    // Make i-a2 and i-b2 fuller so binpack prefers them.
    run(
        &mut c,
        json!({"taskDefinition": "web", "count": 2, "placementStrategy": [spread_az(), {"type": "binpack", "field": "memory"}]}),
    );
    let r = run(
        &mut c,
        json!({"taskDefinition": "web", "count": 4, "placementStrategy": [spread_az(), {"type": "binpack", "field": "memory"}]}),
    );
    let state = ecs_playground::sim::api::state_json(&c);
    let counts: Vec<u64> = state["containerInstances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["runningTasksCount"].as_u64().unwrap())
        .collect();
    // 6 tasks, 3 per AZ, all on one instance per AZ (binpack) -> one instance has 3, its neighbour 0.
    let mut per_az = [counts[0] + counts[1], counts[2] + counts[3]];
    per_az.sort();
    assert_eq!(per_az, [3, 3], "{counts:?}");
    assert!(
        counts[0] == 0 || counts[1] == 0,
        "binpack should keep one instance per AZ empty: {counts:?}"
    );
    assert!(counts[2] == 0 || counts[3] == 0, "{counts:?}");
    assert_eq!(r["trace"][0]["strategies"][0]["type"], "spread");
    assert_eq!(r["trace"][0]["strategies"][1]["type"], "binpack");
}

#[test]
fn spread_by_az_then_instance_id_balances_both() {
    let mut c = cluster(
        5,
        &[
            ("i-a1", "us-east-1a", "m5.large"),
            ("i-a2", "us-east-1a", "m5.large"),
            ("i-b1", "us-east-1b", "m5.large"),
            ("i-b2", "us-east-1b", "m5.large"),
        ],
    );
    c.register_task_definition(TaskDefinition::simple("web", 128, 256, &[]));
    let r = run(
        &mut c,
        json!({"taskDefinition": "web", "count": 8, "placementStrategy": [spread_az(), {"type": "spread", "field": "instanceId"}]}),
    );
    let per_instance = count_by(placed_on(&r).iter().map(String::as_str));
    assert_eq!(
        per_instance.values().copied().collect::<Vec<_>>(),
        vec![2, 2, 2, 2],
        "{per_instance:?}"
    );
}

#[test]
fn binpack_memory_fills_one_instance_before_the_next() {
    let mut c = with_td(three_azs(), TaskDefinition::simple("web", 0, 2000, &[]));
    let r = run(
        &mut c,
        json!({"taskDefinition": "web", "count": 3, "placementStrategy": [{"type": "binpack", "field": "memory"}]}),
    );
    let on = placed_on(&r);
    assert!(
        on.iter().all(|i| *i == on[0]),
        "all three on one instance: {on:?}"
    );
    // m5.large registers 7985 MiB: a fourth 2000 MiB task no longer fits there.
    let r = run(
        &mut c,
        json!({"taskDefinition": "web", "count": 1, "placementStrategy": [{"type": "binpack", "field": "memory"}]}),
    );
    assert_ne!(placed_on(&r)[0], on[0]);
}

#[test]
fn memory_that_fits_nowhere_fails_with_resource_memory() {
    let mut c = with_td(three_azs(), TaskDefinition::simple("big", 0, 9000, &[]));
    let r = run(&mut c, json!({"taskDefinition": "big", "count": 2}));
    assert_eq!(reasons(&r), vec!["RESOURCE:MEMORY", "RESOURCE:MEMORY"]);
    assert!(r["failures"][0]["arn"]
        .as_str()
        .unwrap()
        .contains(":container-instance/"));
    let trace = &r["trace"][0];
    let checks = trace["instances"][0]["checks"].as_array().unwrap();
    let memory = checks.iter().find(|c| c["name"] == "memory").unwrap();
    assert_eq!(
        (
            memory["requested"].as_i64(),
            memory["available"].as_i64(),
            memory["ok"].as_bool()
        ),
        (Some(9000), Some(7985), Some(false))
    );
}

#[test]
fn every_check_is_recorded_not_only_the_first_failure() {
    let mut td = TaskDefinition::simple("huge", 99999, 99999, &[(22, 22)]);
    td.container_definitions[0].port_mappings[0].host_port = Some(22);
    let mut c = with_td(three_azs(), td);
    let r = run(&mut c, json!({"taskDefinition": "huge"}));
    assert_eq!(reasons(&r), vec!["RESOURCE:CPU"]);
    let checks = r["trace"][0]["instances"][0]["checks"].as_array().unwrap();
    let failed: Vec<&str> = checks
        .iter()
        .filter(|c| c["ok"] == false)
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(failed, vec!["cpu", "memory", "ports"]);
}

#[test]
fn static_host_port_conflict_is_resource_ports() {
    let mut c = with_td(
        cluster(
            1,
            &[
                ("i-1", "us-east-1a", "m5.large"),
                ("i-2", "us-east-1b", "m5.large"),
            ],
        ),
        TaskDefinition::simple("web", 128, 128, &[(80, 8080)]),
    );
    let r = run(&mut c, json!({"taskDefinition": "web", "count": 3}));
    assert_eq!(
        r["tasks"].as_array().unwrap().len(),
        2,
        "one task per instance with a static host port"
    );
    assert_eq!(reasons(&r), vec!["RESOURCE:PORTS"]);
    let on = placed_on(&r);
    assert_ne!(on[0], on[1]);
    let msg = r["trace"][2]["instances"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "ports")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("8080/tcp is already used"), "{msg}");
}

#[test]
fn reserved_port_22_cannot_be_a_host_port() {
    let mut c = with_td(
        three_azs(),
        TaskDefinition::simple("ssh", 128, 128, &[(22, 22)]),
    );
    let r = run(&mut c, json!({"taskDefinition": "ssh"}));
    assert_eq!(reasons(&r), vec!["RESOURCE:PORTS"]);
    let checks = r["trace"][0]["instances"][0]["checks"].as_array().unwrap();
    assert!(
        checks
            .iter()
            .any(|c| c["message"].as_str().unwrap().contains("reserved")),
        "{checks:?}"
    );
}

#[test]
fn dynamic_host_ports_are_distinct_and_come_from_the_ephemeral_range() {
    let mut c = with_td(
        cluster(1, &[("i-1", "us-east-1a", "m5.large")]),
        TaskDefinition::simple("web", 64, 64, &[(80, 0)]),
    );
    let r = run(&mut c, json!({"taskDefinition": "web", "count": 10}));
    let ports: Vec<u64> = r["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            t["containers"][0]["networkBindings"][0]["hostPort"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(
        ports,
        (32768..32778).collect::<Vec<u64>>(),
        "sequential next-fit from the range start"
    );
    assert!(r["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["containers"][0]["networkBindings"][0]["containerPort"] == 80));
}

#[test]
fn distinct_instance_allows_one_task_per_instance() {
    let mut c = with_td(three_azs(), TaskDefinition::simple("db", 128, 128, &[]));
    let r = run(
        &mut c,
        json!({"taskDefinition": "db", "count": 4, "placementConstraints": [{"type": "distinctInstance"}]}),
    );
    assert_eq!(r["tasks"].as_array().unwrap().len(), 3);
    assert_eq!(
        reasons(&r),
        vec!["DistinctInstance placement constraint unsatisfied."]
    );
    let on = placed_on(&r);
    assert_eq!(count_by(on.iter().map(String::as_str)).len(), 3);
}

#[test]
fn distinct_instance_takes_no_expression() {
    let mut c = with_td(three_azs(), TaskDefinition::simple("db", 128, 128, &[]));
    let (code, msg) = err(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "db", "placementConstraints": [{"type": "distinctInstance", "expression": "x"}]}),
    );
    assert_eq!(code, "InvalidParameterException");
    assert!(msg.contains("can't specify an expression"), "{msg}");
}

#[test]
fn draining_instance_gets_no_new_tasks() {
    let mut c = with_td(
        cluster(
            1,
            &[
                ("i-1", "us-east-1a", "m5.large"),
                ("i-2", "us-east-1b", "m5.large"),
            ],
        ),
        TaskDefinition::simple("web", 64, 64, &[]),
    );
    ok(
        &mut c,
        "UpdateContainerInstancesState",
        json!({"containerInstances": ["i-1"], "status": "DRAINING"}),
    );
    let r = run(&mut c, json!({"taskDefinition": "web", "count": 5}));
    assert!(placed_on(&r).iter().all(|i| i == "i-2"));
    let status = r["trace"][0]["instances"][0]["checks"][0].clone();
    assert_eq!(
        (status["name"].as_str(), status["ok"].as_bool()),
        (Some("status"), Some(false))
    );
}

#[test]
fn stop_task_gives_back_resources_and_ports() {
    let mut c = with_td(
        cluster(1, &[("i-1", "us-east-1a", "m5.large")]),
        TaskDefinition::simple("web", 1024, 4000, &[(80, 8080)]),
    );
    let r = run(&mut c, json!({"taskDefinition": "web"}));
    let arn = r["tasks"][0]["taskArn"].as_str().unwrap().to_string();
    assert_eq!(c.instances[0].remaining.memory, 7985 - 4000);
    let s = ok(&mut c, "StopTask", json!({"task": arn}));
    assert_eq!(s["task"]["lastStatus"], "STOPPED");
    assert_eq!(c.instances[0].remaining.memory, 7985);
    assert_eq!(c.instances[0].remaining.cpu, 2048);
    let r = run(&mut c, json!({"taskDefinition": "web"}));
    assert_eq!(
        r["tasks"].as_array().unwrap().len(),
        1,
        "port 8080 is free again"
    );
    let (code, _) = err(&mut c, "StopTask", json!({"task": "nope"}));
    assert_eq!(code, "InvalidParameterException");
}

#[test]
fn awsvpc_tasks_need_an_eni_each() {
    // "a c5.large instance might have only up to three ENIs ... you can attach an additional two"
    let mut td = TaskDefinition::simple("api", 64, 64, &[(8080, 8080)]);
    td.network_mode = NetworkMode::Awsvpc;
    let mut c = with_td(cluster(1, &[("i-1", "us-east-1a", "c5.large")]), td);
    let nc = json!({"awsvpcConfiguration": {"subnets": ["subnet-1"]}});
    let r = run(
        &mut c,
        json!({"taskDefinition": "api", "count": 3, "networkConfiguration": nc}),
    );
    assert_eq!(r["tasks"].as_array().unwrap().len(), 2);
    assert_eq!(reasons(&r), vec!["RESOURCE:ENI"]);
    let ips: Vec<&str> = r["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            t["containers"][0]["networkInterfaces"][0]["privateIpv4Address"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_ne!(ips[0], ips[1]);
    assert_eq!(
        r["tasks"][0]["attachments"][0]["type"],
        "ElasticNetworkInterface"
    );
    let (_, msg) = err(&mut c, "RunTask", json!({"taskDefinition": "api"}));
    assert!(
        msg.contains("Network Configuration must be provided"),
        "{msg}"
    );
}

#[test]
fn host_mode_runs_one_copy_per_instance() {
    let mut td = TaskDefinition::simple("agent", 64, 64, &[(9000, 9000)]);
    td.network_mode = NetworkMode::Host;
    td.container_definitions[0].port_mappings[0].host_port = None;
    let mut c = with_td(cluster(1, &[("i-1", "us-east-1a", "m5.large")]), td);
    let r = run(&mut c, json!({"taskDefinition": "agent", "count": 2}));
    assert_eq!(r["tasks"].as_array().unwrap().len(), 1);
    assert_eq!(
        r["tasks"][0]["containers"][0]["networkBindings"][0]["hostPort"],
        9000
    );
    assert_eq!(reasons(&r), vec!["RESOURCE:PORTS"]);
}

#[test]
fn reserved_port_limit_of_100_is_enforced() {
    let mut td = TaskDefinition::simple("many", 1, 1, &[]);
    td.container_definitions[0].port_mappings = (0..95u16)
        .map(|i| ecs_playground::sim::taskdef::PortMapping {
            container_port: 1000 + i,
            host_port: Some(1000 + i),
            protocol: Protocol::Tcp,
            container_port_range: None,
        })
        .collect();
    let mut c = with_td(cluster(1, &[("i-1", "us-east-1a", "m5.large")]), td);
    // 6 default reserved ports + 95 = 101 > 100
    let r = run(&mut c, json!({"taskDefinition": "many"}));
    assert_eq!(reasons(&r), vec!["RESOURCE:PORTS"]);
    let checks = r["trace"][0]["instances"][0]["checks"].as_array().unwrap();
    let limit = checks
        .iter()
        .find(|c| c["name"] == "reservedPortLimit")
        .unwrap();
    assert_eq!(limit["ok"], false);
    assert_eq!(limit["available"], 94);
}

#[test]
fn runtask_limits_and_defaults() {
    let mut c = with_td(three_azs(), TaskDefinition::simple("web", 64, 64, &[]));
    let (code, _) = err(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "web", "count": 11}),
    );
    assert_eq!(code, "InvalidParameterException");
    let six = vec![spread_az(); 6];
    let (_, msg) = err(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "web", "placementStrategy": six}),
    );
    assert!(msg.contains("maximum of 5"), "{msg}");
    let (code, msg) = err(&mut c, "RunTask", json!({"taskDefinition": "nope"}));
    assert_eq!(
        (code.as_str(), msg.as_str()),
        ("ClientException", "TaskDefinition not found.")
    );
    let (_, msg) = err(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "web", "colour": "red"}),
    );
    assert!(
        msg.contains("Unknown parameter in input: \"colour\""),
        "{msg}"
    );
    // Default group is family:<name>; default strategy for RunTask is random.
    let r = run(&mut c, json!({"taskDefinition": "web"}));
    assert_eq!(r["tasks"][0]["group"], "family:web");
    assert_eq!(r["trace"][0]["strategies"][0]["type"], "random");
    assert!(r["tasks"][0]["taskDefinitionArn"]
        .as_str()
        .unwrap()
        .ends_with(":task-definition/web:1"));
}

#[test]
fn eleven_constraints_are_too_many() {
    let mut c = with_td(three_azs(), TaskDefinition::simple("web", 64, 64, &[]));
    let cons = vec![json!({"type": "distinctInstance"}); 11];
    let (_, msg) = err(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "web", "placementConstraints": cons}),
    );
    assert!(msg.contains("at most 10"), "{msg}");
}

#[test]
fn no_instances_is_an_error() {
    let mut c = with_td(cluster(1, &[]), TaskDefinition::simple("web", 64, 64, &[]));
    let (code, msg) = err(&mut c, "RunTask", json!({"taskDefinition": "web"}));
    assert_eq!(
        (code.as_str(), msg.as_str()),
        (
            "InvalidParameterException",
            "No Container Instances were found in your cluster."
        )
    );
}

#[test]
fn same_seed_same_decisions() {
    let go = || {
        let mut c = with_td(
            three_azs(),
            TaskDefinition::simple("web", 64, 64, &[(80, 0)]),
        );
        (0..5)
            .map(|_| placed_on(&run(&mut c, json!({"taskDefinition": "web", "count": 3}))))
            .collect::<Vec<_>>()
    };
    assert_eq!(go(), go());
}

#[test]
fn spread_on_a_missing_attribute_treats_none_as_a_value() {
    // Assumption (see docs/assumptions.html): instances without the attribute form a value of
    // their own, "(none)".
    let mut c = cluster(
        2,
        &[
            ("i-1", "us-east-1a", "m5.large"),
            ("i-2", "us-east-1a", "m5.large"),
            ("i-3", "us-east-1a", "m5.large"),
        ],
    );
    c.register_task_definition(TaskDefinition::simple("web", 64, 64, &[]));
    let i1 = c.instance_index("i-1").unwrap();
    c.set_attribute(i1, "rack", Some("r1"));
    let r = run(
        &mut c,
        json!({"taskDefinition": "web", "count": 2, "placementStrategy": [{"type": "spread", "field": "attribute:rack"}]}),
    );
    let on = placed_on(&r);
    // One task on the r1 instance, one on an instance without the attribute.
    assert_eq!(on.iter().filter(|i| *i == "i-1").count(), 1, "{on:?}");
    // Before the second task, one of the two values holds one task and the other none.
    let counts = &r["trace"][1]["strategies"][0]["counts"];
    let mut seen = vec![
        counts["r1"].as_u64().unwrap(),
        counts["(none)"].as_u64().unwrap(),
    ];
    seen.sort();
    assert_eq!(seen, vec![0, 1]);
}

#[test]
fn a_disconnected_agent_is_reported_as_agent() {
    let mut c = Cluster::new(1);
    c.register_instance(&InstanceSpec {
        ec2_instance_id: "i-1".into(),
        availability_zone: "us-east-1a".into(),
        instance_type: Some("m5.large".into()),
        agent_connected: Some(false),
        ..Default::default()
    })
    .unwrap();
    c.register_instance(&InstanceSpec {
        ec2_instance_id: "i-2".into(),
        availability_zone: "us-east-1a".into(),
        instance_type: Some("t3.micro".into()),
        ..Default::default()
    })
    .unwrap();
    c.register_task_definition(TaskDefinition::simple("big", 64, 4000, &[]));
    let r = run(&mut c, json!({"taskDefinition": "big"}));
    // The connected t3.micro is the closest match: it is available, only short of memory.
    assert_eq!(reasons(&r), vec!["RESOURCE:MEMORY"]);
    let status = &r["trace"][0]["instances"][0]["checks"][0];
    assert_eq!(status["ok"], false);
    assert!(status["message"].as_str().unwrap().contains("disconnected"));
}
