//! 24 simulated hours at one-minute resolution: 20 services on 200 instances of an Auto
//! Scaling group capacity provider with managed scaling, each service with a daily request
//! wave and a target tracking policy on CPU.
//!
//! cargo bench --bench time

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ecs_playground::sim::time::Simulation;
use serde_json::json;

const SERVICES: usize = 20;

pub fn setup() -> Simulation {
    let mut sim = Simulation::new(42);
    let mut ok = |op: &str, body: serde_json::Value| {
        let out = sim.dispatch(op, &body, false);
        assert!(out.get("error").is_none(), "{op}: {out}");
    };
    ok(
        "CreateCapacityProvider",
        json!({"name": "cp-main", "autoScalingGroupProvider": {
        "managedScaling": {"status": "ENABLED", "targetCapacity": 100},
        "managedTerminationProtection": "ENABLED",
        "autoScalingGroup": {"instanceType": "m5.xlarge", "availabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
                             "minSize": 20, "maxSize": 300, "desiredCapacity": 200}}}),
    );
    ok(
        "PutClusterCapacityProviders",
        json!({"capacityProviders": ["cp-main"], "defaultCapacityProviderStrategy": [{"capacityProvider": "cp-main", "weight": 1}]}),
    );
    for s in 0..SERVICES {
        let name = format!("svc{s:02}");
        ok(
            "RegisterTaskDefinition",
            json!({"family": name, "containerDefinitions": [{"name": "app", "image": "app", "cpu": 256, "memory": 512,
            "portMappings": [{"containerPort": 8080, "hostPort": 0}]}]}),
        );
        ok(
            "CreateService",
            json!({"serviceName": name, "taskDefinition": name, "desiredCount": 10}),
        );
        let resource = format!("service/default/{name}");
        ok(
            "RegisterScalableTarget",
            json!({"ServiceNamespace": "ecs", "ResourceId": resource, "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 4, "MaxCapacity": 80}),
        );
        ok(
            "PutScalingPolicy",
            json!({"PolicyName": "cpu50", "ServiceNamespace": "ecs", "ResourceId": resource, "ScalableDimension": "ecs:service:DesiredCount",
            "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50, "ScaleOutCooldown": 60,
            "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}),
        );
        ok(
            "SetLoad",
            json!({"service": name, "taskCapacity": 1000, "noisePercent": 5,
            "requestsPerMinute": {"daily": {"min": 2000, "max": 30000, "peakHour": (s % 24) as f64}}}),
        );
    }
    sim
}

fn day(mut sim: Simulation) -> Simulation {
    let out = sim.dispatch("AdvanceTime", &json!({"seconds": 86_400}), false);
    assert!(out.get("error").is_none(), "{out}");
    sim
}

fn bench(cr: &mut Criterion) {
    // Sanity: a day has 1,440 minutes and the services scaled.
    let sim = day(setup());
    assert_eq!(sim.timeline.len(), 1440);
    let changes = sim.scaling.activities.len();
    assert!(
        changes > SERVICES,
        "target tracking acted ({changes} activities)"
    );
    eprintln!(
        "one day: {} scaling activities, {} tasks started, {} instances at the end",
        changes,
        sim.cluster.tasks.len(),
        sim.cluster.instances.len()
    );
    let mut group = cr.benchmark_group("one_day_20_services_200_instances");
    group.sample_size(10);
    group.bench_function("advance_24h", |b| {
        b.iter_batched(setup, day, BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
