//! Invariants that must hold for any cluster and any sequence of RunTask/StopTask calls:
//! no over-commit, no host port used twice on an instance, constraints always hold, and
//! spread keeps the per-value counts within one of each other where every value can take more.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use ecs_playground::sim::cluster::Cluster;
use ecs_playground::sim::taskdef::{PortMapping, Protocol, TaskDefinition};
use proptest::prelude::*;
use serde_json::{json, Value};

const TYPES: &[&str] = &["t3.micro", "t3.medium", "m5.large", "c5.large", "r5.large"];
const AZS: &[&str] = &["us-east-1a", "us-east-1b", "us-east-1c"];

fn build(instances: &[(usize, usize, bool)], seed: u64) -> Cluster {
    let mut c = Cluster::new(seed);
    for (n, (t, az, prod)) in instances.iter().enumerate() {
        let mut attributes = BTreeMap::new();
        if *prod {
            attributes.insert("stack".to_string(), "prod".to_string());
        }
        c.register_instance(&ecs_playground::sim::cluster::InstanceSpec {
            ec2_instance_id: format!("i-{n}"),
            availability_zone: AZS[*az].into(),
            instance_type: Some(TYPES[*t].into()),
            attributes,
            ..Default::default()
        })
        .unwrap();
    }
    // Three families: dynamic ports, a static host port, and a udp+tcp mix with a
    // containerPortRange of 100 ports (100 contiguous dynamic host ports per task).
    c.register_task_definition(TaskDefinition::simple("dyn", 256, 300, &[(80, 0)]));
    c.register_task_definition(TaskDefinition::simple("static", 128, 200, &[(80, 8080)]));
    let mut mixed = TaskDefinition::simple("mixed", 512, 700, &[(53, 5353)]);
    mixed.container_definitions[0]
        .port_mappings
        .push(PortMapping {
            container_port: 53,
            host_port: Some(5353),
            protocol: Protocol::Udp,
            container_port_range: None,
        });
    mixed.container_definitions[0]
        .port_mappings
        .push(PortMapping {
            container_port: 9000,
            host_port: None,
            protocol: Protocol::Tcp,
            container_port_range: None,
        });
    mixed.container_definitions[0]
        .port_mappings
        .push(PortMapping {
            container_port: 7000,
            host_port: None,
            protocol: Protocol::Tcp,
            container_port_range: Some((7000, 7099)),
        });
    c.register_task_definition(mixed);
    c
}

#[derive(Debug, Clone)]
enum Op {
    Run {
        family: usize,
        count: i64,
        strategy: usize,
        distinct: bool,
        prod_only: bool,
    },
    Stop(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 1..=10i64, 0..5usize, any::<bool>(), any::<bool>())
            .prop_map(|(family, count, strategy, distinct, prod_only)| Op::Run { family, count, strategy, distinct, prod_only }),
        1 => (0..1000usize).prop_map(Op::Stop),
    ]
}

fn strategies(i: usize) -> Value {
    match i {
        0 => json!([]),
        1 => json!([spread_az()]),
        2 => json!([{"type": "binpack", "field": "memory"}]),
        3 => json!([spread_az(), {"type": "binpack", "field": "cpu"}]),
        _ => json!([{"type": "spread", "field": "instanceId"}]),
    }
}

fn check_invariants(c: &Cluster) -> Result<(), TestCaseError> {
    for (i, inst) in c.instances.iter().enumerate() {
        let tasks: Vec<_> = c
            .running_tasks()
            .filter(|t| t.instance_index == i)
            .collect();
        let cpu: u32 = tasks.iter().map(|t| t.reserved.cpu).sum();
        let mem: u32 = tasks.iter().map(|t| t.reserved.memory).sum();
        prop_assert!(
            cpu <= inst.registered.cpu,
            "cpu over-committed on {}",
            inst.ec2_instance_id
        );
        prop_assert!(
            mem <= inst.registered.memory,
            "memory over-committed on {}",
            inst.ec2_instance_id
        );
        prop_assert_eq!(inst.remaining.cpu, inst.registered.cpu - cpu);
        prop_assert_eq!(inst.remaining.memory, inst.registered.memory - mem);
        let mut seen = BTreeSet::new();
        for t in &tasks {
            for b in t.containers.iter().flat_map(|c| c.network_bindings.iter()) {
                for port in b.host_ports() {
                    prop_assert!(
                        seen.insert((port, b.protocol)),
                        "host port {}/{} twice on {}",
                        port,
                        b.protocol,
                        inst.ec2_instance_id
                    );
                    prop_assert!(
                        !(b.protocol == "tcp" && inst.ports.reserved.contains(&port)),
                        "reserved port used"
                    );
                }
            }
        }
        // The instance's port book holds exactly the ports its running tasks are bound to
        // (a stopped task gives every port of its ranges back).
        let held: BTreeSet<(u16, &str)> = inst
            .ports
            .static_in_use
            .iter()
            .chain(inst.ports.dynamic_in_use.iter())
            .map(|(proto, port)| (*port, proto.as_str()))
            .collect();
        prop_assert_eq!(held, seen);
        prop_assert!(inst.ports.reserved_count() <= 100);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn invariants_hold_for_any_sequence(
        instances in prop::collection::vec((0..TYPES.len(), 0..AZS.len(), any::<bool>()), 1..8),
        ops in prop::collection::vec(op(), 1..25),
        seed in any::<u64>(),
    ) {
        let mut c = build(&instances, seed);
        for op in ops {
            match op {
                Op::Run { family, count, strategy, distinct, prod_only } => {
                    let family_name = ["dyn", "static", "mixed"][family];
                    let mut constraints = vec![];
                    if distinct { constraints.push(json!({"type": "distinctInstance"})); }
                    if prod_only { constraints.push(json!({"type": "memberOf", "expression": "attribute:stack == prod"})); }
                    let group = format!("family:{family_name}");
                    let before: BTreeMap<usize, u32> = (0..c.instances.len()).map(|i| (i, c.group_counts(&group).get(i).copied().unwrap_or(0))).collect();
                    let r = ecs_playground::sim::api::dispatch(&mut c, "RunTask", &json!({
                        "taskDefinition": family_name, "count": count,
                        "placementStrategy": strategies(strategy), "placementConstraints": constraints,
                    }), false);
                    let r = &r["RunTask"];
                    let placed = r["tasks"].as_array().map(Vec::len).unwrap_or(0);
                    let failed = r["failures"].as_array().map(Vec::len).unwrap_or(0);
                    prop_assert_eq!(placed + failed, count as usize, "one task or one failure per task asked for");
                    for t in r["tasks"].as_array().into_iter().flatten() {
                        let id = t["ec2InstanceId"].as_str().unwrap();
                        let i = c.instance_index(id).unwrap();
                        if prod_only {
                            prop_assert_eq!(c.instances[i].attribute("stack"), Some("prod"), "memberOf violated");
                        }
                        if distinct {
                            prop_assert_eq!(before[&i], 0, "distinctInstance violated: group already on {}", id);
                        }
                    }
                    if distinct {
                        let ids: Vec<_> = r["tasks"].as_array().into_iter().flatten().map(|t| t["ec2InstanceId"].as_str().unwrap().to_string()).collect();
                        let unique: BTreeSet<_> = ids.iter().collect();
                        prop_assert_eq!(unique.len(), ids.len(), "distinctInstance violated within one call");
                    }
                }
                Op::Stop(k) => {
                    let running: Vec<String> = c.running_tasks().map(|t| t.task_arn.clone()).collect();
                    if !running.is_empty() {
                        let arn = running[k % running.len()].clone();
                        c.stop_task(&arn, "test").unwrap();
                    }
                }
            }
            check_invariants(&c)?;
        }
    }

    /// With room everywhere, spread by AZ keeps every AZ within one task of the others.
    #[test]
    fn spread_by_az_stays_balanced(per_az in 1..4usize, tasks in 1..40usize, seed in any::<u64>()) {
        let mut specs = vec![];
        for az in 0..3 { for _ in 0..per_az { specs.push((4usize /* r5.large */, az, false)); } }
        let mut c = build(&specs, seed);
        c.register_task_definition(TaskDefinition::simple("tiny", 1, 1, &[]));
        let mut left = tasks;
        while left > 0 {
            let n = left.min(10);
            ecs_playground::sim::api::dispatch(&mut c, "RunTask", &json!({"taskDefinition": "tiny", "count": n, "placementStrategy": [spread_az()]}), false);
            left -= n;
        }
        let per: Vec<usize> = AZS.iter().map(|az| c.running_tasks().filter(|t| t.availability_zone == *az).count()).collect();
        let (lo, hi) = (per.iter().min().unwrap(), per.iter().max().unwrap());
        prop_assert!(hi - lo <= 1, "{:?}", per);
    }
}
