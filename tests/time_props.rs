//! Properties of the time simulation that must hold whatever the settings and the load:
//! Service Auto Scaling keeps the desired count within MinCapacity..MaxCapacity, never scales
//! in inside a scale-in cooldown, and a rolling deployment never has more than
//! floor(desired x maximumPercent / 100) tasks RUNNING or PENDING. And no request, however
//! odd, makes the simulation panic.

use ecs_playground::sim::time::Simulation;
use proptest::prelude::*;
use serde_json::{json, Value};

fn ok(sim: &mut Simulation, op: &str, body: Value) -> Value {
    let out = sim.dispatch(op, &body, false);
    assert!(out.get("error").is_none(), "{op} failed: {out}");
    out
}

fn cluster(seed: u64, instances: usize) -> Simulation {
    let mut sim = Simulation::new(seed);
    for i in 0..instances {
        let az = ["us-east-1a", "us-east-1b", "us-east-1c"][i % 3];
        ok(
            &mut sim,
            "RegisterContainerInstance",
            json!({"ec2InstanceId": format!("i-{i}"), "availabilityZone": az, "instanceType": "m5.xlarge"}),
        );
    }
    for _ in 0..2 {
        ok(
            &mut sim,
            "RegisterTaskDefinition",
            json!({"family": "web", "containerDefinitions": [{"name": "web", "image": "nginx", "cpu": 128, "memory": 256,
            "portMappings": [{"containerPort": 80, "hostPort": 0}]}]}),
        );
    }
    sim
}

const RESOURCE: &str = "service/default/web";

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn scaling_keeps_desired_within_limits_and_respects_the_scale_in_cooldown(
        seed in 0u64..1000,
        min in 0u32..4,
        span in 0u32..10,
        initial in 0u32..16,
        target in 20u32..80,
        scale_in_cooldown in prop::sample::select(vec![0i64, 60, 120, 300, 600]),
        scale_out_cooldown in prop::sample::select(vec![0i64, 60, 300]),
        with_step in any::<bool>(),
        step_cooldown in prop::sample::select(vec![0i64, 60, 180]),
        load in prop::collection::vec((0u32..=100, 1i64..8), 1..8),
    ) {
        let max = min + span;
        let mut sim = cluster(seed, 6);
        ok(&mut sim, "CreateService", json!({"serviceName": "web", "taskDefinition": "web:1", "desiredCount": initial}));
        ok(&mut sim, "RegisterScalableTarget", json!({"ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": min, "MaxCapacity": max}));
        ok(&mut sim, "PutScalingPolicy", json!({"PolicyName": "tt", "ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount",
            "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": {"TargetValue": target, "ScaleInCooldown": scale_in_cooldown,
            "ScaleOutCooldown": scale_out_cooldown, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}));
        if with_step {
            ok(&mut sim, "PutScalingPolicy", json!({"PolicyName": "step-in", "ServiceNamespace": "ecs", "ResourceId": RESOURCE, "ScalableDimension": "ecs:service:DesiredCount",
                "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": {"AdjustmentType": "ChangeInCapacity", "Cooldown": step_cooldown,
                "StepAdjustments": [{"MetricIntervalUpperBound": 0, "ScalingAdjustment": -1}]}}));
            ok(&mut sim, "PutMetricAlarm", json!({"AlarmName": "low", "Namespace": "AWS/ECS", "MetricName": "CPUUtilization",
                "Dimensions": [{"Name": "ServiceName", "Value": "web"}], "Statistic": "Average", "Period": 60, "EvaluationPeriods": 2,
                "Threshold": 15, "ComparisonOperator": "LessThanThreshold", "AlarmActions": ["step-in"]}));
        }
        for (cpu, minutes) in load {
            ok(&mut sim, "SetLoad", json!({"service": "web", "CPUUtilization": cpu}));
            for _ in 0..minutes {
                ok(&mut sim, "AdvanceTime", json!({"seconds": 60}));
                let d = sim.services[0].desired_count;
                prop_assert!(min <= d && d <= max, "desired {} outside {}..={} at t={}", d, min, max, sim.clock.now);
            }
        }
        // Scale-ins by the target tracking policy (its low alarm) are a cooldown apart, unless a
        // scale-out came between them; scale-ins by the step policy are its cooldown apart.
        let acts = &sim.scaling.activities;
        let mut last_tt_in: Option<i64> = None;
        let mut last_step_in: Option<i64> = None;
        for a in acts {
            let n: u32 = a.description.trim_start_matches("Setting desired count to ").trim_end_matches('.').parse().unwrap_or(u32::MAX);
            let scale_in = a.cause.contains("AlarmLow") || a.cause.contains("policy step-in");
            if a.cause.contains("AlarmHigh") {
                last_tt_in = None;
            }
            if scale_in && a.cause.contains("AlarmLow") {
                if let Some(prev) = last_tt_in {
                    prop_assert!(a.at - prev >= scale_in_cooldown, "target tracking scaled in at {} and {} (cooldown {})", prev, a.at, scale_in_cooldown);
                }
                last_tt_in = Some(a.at);
            }
            if scale_in && a.cause.contains("policy step-in") {
                if let Some(prev) = last_step_in {
                    prop_assert!(a.at - prev >= step_cooldown, "step policy scaled in at {} and {} (cooldown {})", prev, a.at, step_cooldown);
                }
                last_step_in = Some(a.at);
            }
            prop_assert!(n <= max);
        }
    }

    #[test]
    fn a_deployment_never_exceeds_maximum_percent(
        seed in 0u64..1000,
        desired in 1u32..9,
        min_healthy in 0u32..=100,
        max_percent in 100u32..=200,
        instances in 1usize..7,
        grace in prop::sample::select(vec![0i64, 60]),
        slow in any::<bool>(),
    ) {
        let mut sim = cluster(seed, instances);
        ok(&mut sim, "CreateService", json!({"serviceName": "web", "taskDefinition": "web:1", "desiredCount": desired,
            "healthCheckGracePeriodSeconds": grace,
            "deploymentConfiguration": {"minimumHealthyPercent": min_healthy, "maximumPercent": max_percent}}));
        ok(&mut sim, "AdvanceTime", json!({"seconds": 120}));
        if slow {
            ok(&mut sim, "SetAppHealth", json!({"taskDefinition": "web:2", "startupSeconds": 45}));
        }
        ok(&mut sim, "UpdateService", json!({"service": "web", "taskDefinition": "web:2"}));
        let ceiling = (desired * max_percent / 100) as usize;
        for _ in 0..150 {
            let live = sim.cluster.tasks.iter().filter(|t| t.group == "service:web" && t.last_status != "STOPPED").count();
            let waiting = sim.services[0].provisioning.len();
            prop_assert!(live + waiting <= ceiling.max(desired as usize),
                "{} RUNNING/PENDING > floor({} x {} / 100) = {} at t={}", live + waiting, desired, max_percent, ceiling, sim.clock.now);
            ok(&mut sim, "AdvanceTime", json!({"seconds": 5}));
        }
    }

    #[test]
    fn no_request_makes_the_simulation_panic(
        seed in 0u64..100,
        steps in prop::collection::vec((0usize..14, any::<i32>(), 0usize..6, any::<bool>()), 1..25),
    ) {
        let mut sim = cluster(seed, 3);
        ok(&mut sim, "RegisterTaskDefinition", json!({"family": "fg", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
            "containerDefinitions": [{"name": "a", "image": "a", "portMappings": [{"containerPort": 80}]}]}));
        let names = ["web", "fg", "ghost", "", "web:2", "FARGATE_SPOT"];
        const ZONES: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];
        for (op, n, k, flag) in steps {
            let name = names[k];
            let small = i64::from(n.rem_euclid(12)) - 1;
            let body = match op {
                0 => json!({"CreateService": {"serviceName": name, "taskDefinition": if flag { "web" } else { "fg" }, "desiredCount": small,
                    "schedulingStrategy": if k == 4 { "DAEMON" } else { "REPLICA" },
                    "capacityProviderStrategy": if flag { json!(null) } else { json!([{"capacityProvider": "FARGATE", "base": small}, {"capacityProvider": "FARGATE_SPOT", "weight": small}]) },
                    "networkConfiguration": if flag { json!(null) } else { json!({"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a", "subnet-x"]}}) }}}),
                1 => json!({"UpdateService": {"service": name, "desiredCount": small, "taskDefinition": if flag { "web:2" } else { "web:1" },
                    "deploymentConfiguration": {"maximumPercent": n.rem_euclid(300), "minimumHealthyPercent": n.rem_euclid(150)}}}),
                2 => json!({"DeleteService": {"service": name, "force": flag}}),
                3 => json!({"AdvanceTime": {"seconds": i64::from(n.rem_euclid(900)) - 10}}),
                4 => json!({"SetLoad": {"service": name, "CPUUtilization": small * 10, "requestsPerMinute": if flag { json!({"spike": {"base": 1, "peak": n.rem_euclid(9999), "at": 60, "duration": 60}}) } else { json!(n) }}}),
                5 => json!({"RegisterScalableTarget": {"ServiceNamespace": "ecs", "ResourceId": format!("service/default/{name}"), "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": small, "MaxCapacity": small * 2}}),
                6 => json!({"PutScalingPolicy": {"PolicyName": "p", "ServiceNamespace": "ecs", "ResourceId": format!("service/default/{name}"), "ScalableDimension": "ecs:service:DesiredCount",
                    "PolicyType": if flag { "TargetTrackingScaling" } else { "StepScaling" },
                    "TargetTrackingScalingPolicyConfiguration": {"TargetValue": small, "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget", "ResourceLabel": "app/a/b/targetgroup/c/d"}},
                    "StepScalingPolicyConfiguration": {"AdjustmentType": "ExactCapacity", "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": small}]}}}),
                7 => json!({"PutMetricAlarm": {"AlarmName": name, "Namespace": "AWS/ECS", "MetricName": "MemoryUtilization", "Dimensions": [{"Name": "ServiceName", "Value": name}],
                    "Statistic": "Maximum", "Period": 60 * (small.max(1)), "EvaluationPeriods": small, "Threshold": n, "ComparisonOperator": "GreaterThanThreshold", "AlarmActions": ["p"]}}),
                8 => json!({"FailAvailabilityZone": {"availabilityZone": ZONES[k % 3]}}),
                9 => json!({"RestoreAvailabilityZone": {"availabilityZone": "us-east-1a"}}),
                10 => json!({"InterruptSpot": {"count": small}}),
                11 => json!({"PutClusterCapacityProviders": {"capacityProviders": if flag { json!(["FARGATE", "FARGATE_SPOT", "cp"]) } else { json!([]) }}}),
                12 => json!({"CreateCapacityProvider": {"name": "cp", "autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED", "targetCapacity": small * 10},
                    "managedTerminationProtection": if flag { "ENABLED" } else { "DISABLED" },
                    "autoScalingGroup": {"instanceType": "t3.micro", "availabilityZones": ["us-east-1a", "us-east-1b"], "maxSize": small.max(0), "desiredCapacity": 0}}}}),
                _ => json!({"UpdateContainerInstancesState": {"containerInstances": [format!("i-{}", k % 3)], "status": if flag { "DRAINING" } else { "ACTIVE" }}}),
            };
            let (op, body) = body.as_object().unwrap().iter().next().map(|(o, b)| (o.clone(), b.clone())).unwrap();
            let out = sim.dispatch(&op, &body, false);
            prop_assert!(out.get(&op).is_some() || out["error"]["code"].is_string(), "{out}");
        }
        let out = sim.output(vec![]);
        prop_assert!(serde_json::to_string(&out).is_ok());
    }
}
