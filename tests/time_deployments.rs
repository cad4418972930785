//! Rolling deployments over time: maximumPercent (rounded down) caps RUNNING + PENDING tasks,
//! minimumHealthyPercent (rounded up) keeps healthy tasks, the documented stuck case posts
//! ECS's event, and health checks with healthCheckGracePeriodSeconds decide which tasks stay.

mod time_support;

use ecs_playground::sim::deployment::stuck_event_message;
use ecs_playground::sim::time::Simulation;
use serde_json::{json, Value};
use time_support::*;

fn ok(sim: &mut Simulation, op: &str, body: Value) -> Value {
    let out = sim.dispatch(op, &body, false);
    assert!(out.get("error").is_none(), "{op} failed: {out}");
    out[op].clone()
}

/// Six instances, web:1 and web:2 registered, a service of `desired` tasks at steady state.
fn deployed(desired: u32, config: Value) -> Simulation {
    let mut sim = Simulation::new(4);
    for (id, az) in [
        ("i-a1", "us-east-1a"),
        ("i-a2", "us-east-1a"),
        ("i-b1", "us-east-1b"),
        ("i-b2", "us-east-1b"),
        ("i-c1", "us-east-1c"),
        ("i-c2", "us-east-1c"),
    ] {
        ok(
            &mut sim,
            "RegisterContainerInstance",
            json!({"ec2InstanceId": id, "availabilityZone": az, "instanceType": "m5.large"}),
        );
    }
    ok(&mut sim, "RegisterTaskDefinition", web_td("web"));
    ok(&mut sim, "RegisterTaskDefinition", web_td("web"));
    ok(
        &mut sim,
        "CreateService",
        json!({"serviceName": "web", "taskDefinition": "web:1", "desiredCount": desired, "deploymentConfiguration": config}),
    );
    ok(&mut sim, "AdvanceTime", json!({"seconds": 120}));
    assert_eq!(sim.services[0].running_count(sim.clock.now), desired);
    sim
}

/// Tasks of the service that are not STOPPED (RUNNING or PENDING), by revision.
fn live(sim: &Simulation) -> (usize, usize) {
    let tasks = sim
        .cluster
        .tasks
        .iter()
        .filter(|t| t.group == "service:web" && t.last_status != "STOPPED");
    tasks.fold((0, 0), |(old, new), t| {
        if t.task_definition_arn.ends_with(":1") {
            (old + 1, new)
        } else {
            (old, new + 1)
        }
    })
}

fn healthy(sim: &Simulation) -> usize {
    sim.services[0]
        .tasks
        .iter()
        .filter(|t| t.health.is_healthy(sim.clock.now))
        .count()
}

#[test]
fn a_rolling_deployment_stays_within_maximum_and_minimum_healthy_percent() {
    for (desired, min, max) in [
        (4u32, 50u32, 150u32),
        (4, 100, 200),
        (4, 0, 100),
        (3, 50, 100),
        (5, 75, 125),
        (6, 34, 117),
    ] {
        let mut sim = deployed(
            desired,
            json!({"minimumHealthyPercent": min, "maximumPercent": max}),
        );
        let ceiling = (desired * max / 100) as usize;
        let floor = (desired * min).div_ceil(100) as usize;
        ok(
            &mut sim,
            "UpdateService",
            json!({"service": "web", "taskDefinition": "web:2"}),
        );
        for _ in 0..120 {
            let (old, new) = live(&sim);
            assert!(old + new <= ceiling, "{desired}/{min}/{max}: {old} old + {new} new > floor(desired x maximumPercent / 100) = {ceiling} at t={}", sim.clock.now);
            assert!(
                healthy(&sim) >= floor.min(desired as usize),
                "{desired}/{min}/{max}: fewer than {floor} healthy at t={}",
                sim.clock.now
            );
            ok(&mut sim, "AdvanceTime", json!({"seconds": 5}));
        }
        assert_eq!(
            live(&sim),
            (0, desired as usize),
            "{desired}/{min}/{max}: the deployment completes"
        );
        let s = &sim.services[0];
        assert_eq!(s.deployments.len(), 1);
        let messages: Vec<&str> = s.events.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("(service web) (deployment ecs-svc/")
                    && m.ends_with(") deployment completed.")),
            "{messages:?}"
        );
        assert_eq!(
            *messages.last().unwrap(),
            "(service web) has reached a steady state."
        );
    }
}

#[test]
fn the_documented_stuck_configuration_posts_the_stuck_event() {
    // "min 75%, desired 2 -> the scheduler can't stop any tasks" and max 125% of 2 is 2: it
    // can't start one either.
    let mut sim = deployed(
        2,
        json!({"minimumHealthyPercent": 75, "maximumPercent": 125}),
    );
    ok(
        &mut sim,
        "UpdateService",
        json!({"service": "web", "taskDefinition": "web:2"}),
    );
    ok(&mut sim, "AdvanceTime", json!({"seconds": 300}));
    assert_eq!(live(&sim), (2, 0), "nothing moved");
    let stuck = stuck_event_message("web");
    let count = sim.services[0]
        .events
        .iter()
        .filter(|e| e.message == stuck)
        .count();
    assert_eq!(count, 1, "posted once");
    assert_eq!(
        stuck,
        "(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again."
    );
    // Raising maximumPercent unsticks it.
    ok(
        &mut sim,
        "UpdateService",
        json!({"service": "web", "deploymentConfiguration": {"maximumPercent": 200}}),
    );
    ok(&mut sim, "AdvanceTime", json!({"seconds": 300}));
    assert_eq!(live(&sim), (0, 2));
}

#[test]
fn a_deployment_pauses_target_tracking_scale_in() {
    let mut sim = deployed(
        4,
        json!({"minimumHealthyPercent": 100, "maximumPercent": 200}),
    );
    ok(
        &mut sim,
        "RegisterScalableTarget",
        json!({"ServiceNamespace": "ecs", "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 1, "MaxCapacity": 10}),
    );
    ok(
        &mut sim,
        "PutScalingPolicy",
        json!({"PolicyName": "cpu50", "ServiceNamespace": "ecs", "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount",
        "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}),
    );
    ok(
        &mut sim,
        "SetLoad",
        json!({"service": "web", "CPUUtilization": 10}),
    );
    // A broken revision keeps the deployment in progress.
    ok(
        &mut sim,
        "SetAppHealth",
        json!({"taskDefinition": "web:2", "healthy": false}),
    );
    let mut td = web_td("web");
    td["containerDefinitions"][0]["healthCheck"] =
        json!({"command": ["CMD-SHELL", "curl -f localhost || exit 1"]});
    ok(&mut sim, "RegisterTaskDefinition", td);
    ok(
        &mut sim,
        "SetAppHealth",
        json!({"taskDefinition": "web:3", "healthy": false}),
    );
    ok(
        &mut sim,
        "UpdateService",
        json!({"service": "web", "taskDefinition": "web:3"}),
    );
    ok(&mut sim, "AdvanceTime", json!({"seconds": 1800}));
    assert_eq!(
        sim.services[0].desired_count, 4,
        "no scale-in during the deployment"
    );
    assert!(sim.scaling.activities.is_empty());
    let messages: Vec<&str> = sim.services[0]
        .events
        .iter()
        .map(|e| e.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.ends_with(") failed container health checks.")),
        "{messages:?}"
    );
    // The old tasks kept serving (minimumHealthyPercent 100).
    assert_eq!(live(&sim).0, 4);
    // Rolling back ends the deployment; scale-in resumes after 15 low minutes.
    ok(
        &mut sim,
        "UpdateService",
        json!({"service": "web", "taskDefinition": "web:1"}),
    );
    ok(&mut sim, "AdvanceTime", json!({"seconds": 1200}));
    assert!(
        sim.services[0].desired_count < 4,
        "scale-in resumed: {}",
        sim.services[0].desired_count
    );
}

fn lb_scenario(grace: i64) -> Value {
    json!({
        "seed": 8,
        "containerInstances": six_instances(),
        "taskDefinitions": [web_td("web")],
        "requests": [
            {"SetAppHealth": {"taskDefinition": "web", "startupSeconds": 120}},
            {"CreateService": {"serviceName": "web", "taskDefinition": "web", "desiredCount": 2, "healthCheckGracePeriodSeconds": grace,
                "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067",
                                   "containerName": "web", "containerPort": 80}]}},
            {"AdvanceTime": {"seconds": 600}}
        ]
    })
}

#[test]
fn the_grace_period_keeps_slow_starting_tasks_alive() {
    // Without a grace period: the target group calls the task unhealthy (two failed checks,
    // 60 s after RUNNING) before the application is up at 120 s, and the scheduler replaces it.
    let out = run(lb_scenario(0));
    no_errors(&out);
    let ev = events(&out, "web");
    let unhealthy: Vec<&String> = ev
        .iter()
        .filter(|e| e.contains("is unhealthy in (target-group arn:aws:elasticloadbalancing"))
        .collect();
    assert!(!unhealthy.is_empty(), "{ev:?}");
    assert!(
        unhealthy[0].starts_with("(service web) (instance i-")
            && unhealthy[0].ends_with("due to (reason Health checks failed)."),
        "{}",
        unhealthy[0]
    );
    assert!(
        ev.iter().any(|e| e.starts_with(
            "(service web) registered 2 targets in (target-group arn:aws:elasticloadbalancing"
        )),
        "{ev:?}"
    );
    assert!(ev
        .iter()
        .any(|e| e.starts_with("(service web) has stopped ")));

    // With 300 s of grace the checks pass at 120 s and the target is healthy after five passes.
    let out = run(lb_scenario(300));
    no_errors(&out);
    let ev = events(&out, "web");
    assert!(!ev.iter().any(|e| e.contains("is unhealthy")), "{ev:?}");
    assert_eq!(
        ev.iter()
            .filter(|e| e.starts_with("(service web) has started"))
            .count(),
        1
    );
    let tg = &out["state"]["targetGroups"][0];
    assert_eq!(tg["targets"].as_array().unwrap().len(), 2);
    assert!(
        tg["targets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["health"] == "healthy"),
        "{tg}"
    );
    assert!(
        tg["targets"][0]["port"].as_u64().unwrap() >= 32768,
        "instance and dynamic host port: {tg}"
    );
}

#[test]
fn load_balancer_settings_are_checked() {
    let out = run(json!({
        "containerInstances": six_instances(),
        "taskDefinitions": [web_td("web")],
        "requests": [
            {"CreateService": {"serviceName": "a", "taskDefinition": "web", "desiredCount": 1,
                "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1", "containerName": "nope", "containerPort": 80}]}},
            {"CreateService": {"serviceName": "b", "taskDefinition": "web", "desiredCount": 1,
                "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/t/1", "containerName": "web", "containerPort": 81}]}},
            {"CreateService": {"serviceName": "c", "taskDefinition": "web", "desiredCount": 1, "deploymentConfiguration": {"maximumPercent": -1}}}
        ]
    }));
    let r = out["responses"].as_array().unwrap();
    assert_eq!(
        r[0]["error"]["message"],
        "loadBalancers[0]: The container nope does not exist in the task definition."
    );
    assert_eq!(
        r[1]["error"]["message"],
        "loadBalancers[0]: The container web did not have a container port 81 defined."
    );
    assert_eq!(r[2]["error"]["code"], "InvalidParameterException");
}
