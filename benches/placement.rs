//! 10,000 tasks placed 10 per RunTask onto 1,000 instances in 3 AZs with
//! [spread(attribute:ecs.availability-zone), binpack(memory)] and a memberOf constraint,
//! with and without the decision trace.
//!
//! cargo bench --bench placement

use std::collections::BTreeMap;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use ecs_playground::sim::api::run_task;
use ecs_playground::sim::cluster::{Cluster, InstanceSpec};
use ecs_playground::sim::taskdef::TaskDefinition;
use serde_json::json;

const AZS: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];

fn cluster() -> Cluster {
    let mut c = Cluster::new(42);
    for n in 0..1000 {
        let mut attributes = BTreeMap::new();
        // Two instances in three carry tier=app: the memberOf constraint keeps 667 of 1,000.
        if n % 3 != 2 {
            attributes.insert("tier".to_string(), "app".to_string());
        }
        c.register_instance(&InstanceSpec {
            ec2_instance_id: format!("i-{n:05}"),
            availability_zone: AZS[n % 3].into(),
            instance_type: Some("m5.large".into()),
            attributes,
            ..Default::default()
        })
        .expect("bench instance");
    }
    c.register_task_definition(TaskDefinition::simple("web", 128, 256, &[(80, 0)]));
    c
}

fn place_all(c: &mut Cluster, trace: bool) -> usize {
    let request = json!({
        "taskDefinition": "web",
        "count": 10,
        "placementStrategy": [
            {"type": "spread", "field": "attribute:ecs.availability-zone"},
            {"type": "binpack", "field": "memory"}
        ],
        "placementConstraints": [{"type": "memberOf", "expression": "attribute:tier == app"}]
    });
    let mut placed = 0;
    for _ in 0..1000 {
        let r = run_task(c, &request, trace).expect("valid request");
        placed += r.tasks.len();
    }
    placed
}

fn bench(cr: &mut Criterion) {
    // Sanity: every task fits.
    assert_eq!(place_all(&mut cluster(), false), 10_000);
    let mut group = cr.benchmark_group("place_10k_tasks_on_1k_instances");
    group.sample_size(10);
    // The cluster is returned so that freeing it happens outside the timed part.
    let run = |trace: bool| {
        move |mut c: Cluster| {
            place_all(&mut c, trace);
            c
        }
    };
    group.bench_function("without_trace", |b| {
        b.iter_batched(cluster, run(false), BatchSize::LargeInput)
    });
    group.bench_function("with_trace", |b| {
        b.iter_batched(cluster, run(true), BatchSize::LargeInput)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
