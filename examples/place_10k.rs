//! Places the benchmark's 10,000 tasks once (for instruction counting with
//! `valgrind --tool=callgrind`, which is steady even on a busy machine).
//! cargo run --release --example place_10k [-- trace]

use std::collections::BTreeMap;

use ecs_playground::sim::api::run_task;
use ecs_playground::sim::cluster::{Cluster, InstanceSpec};
use ecs_playground::sim::taskdef::TaskDefinition;
use serde_json::json;

fn main() {
    let trace = std::env::args().any(|a| a == "trace");
    // `setup-only` builds the cluster and stops: `perf stat` on both runs gives the CPU time
    // of the placement alone, whatever else the machine is doing.
    let calls = if std::env::args().any(|a| a == "setup-only") {
        0
    } else {
        1000
    };
    let mut c = Cluster::new(42);
    for n in 0..1000 {
        let mut attributes = BTreeMap::new();
        if n % 3 != 2 {
            attributes.insert("tier".to_string(), "app".to_string());
        }
        let spec = InstanceSpec {
            ec2_instance_id: format!("i-{n:05}"),
            availability_zone: ["us-east-1a", "us-east-1b", "us-east-1c"][n % 3].into(),
            instance_type: Some("m5.large".into()),
            attributes,
            ..Default::default()
        };
        if let Err(e) = c.register_instance(&spec) {
            eprintln!("{e}");
            return;
        }
    }
    c.register_task_definition(TaskDefinition::simple("web", 128, 256, &[(80, 0)]));
    let request = json!({
        "taskDefinition": "web", "count": 10,
        "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}, {"type": "binpack", "field": "memory"}],
        "placementConstraints": [{"type": "memberOf", "expression": "attribute:tier == app"}]
    });
    let start = std::time::Instant::now();
    let mut placed = 0;
    for _ in 0..calls {
        match run_task(&mut c, &request, trace) {
            Ok(r) => placed += r.tasks.len(),
            Err(e) => eprintln!("{e}"),
        }
    }
    println!("placed {placed} tasks in {:?}", start.elapsed());
}
