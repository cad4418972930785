//! Rolling deployment arithmetic: the documented examples (ecs-facts.md §5).

use ecs_playground::sim::deployment::{
    describe_step, plan_deployment_step, stuck_event_message, DeploymentConfiguration,
    DeploymentCounts, DeploymentLimits, DeploymentStatus, SchedulingStrategy,
};

fn limits(maximum_percent: u32, minimum_healthy_percent: u32) -> DeploymentLimits {
    DeploymentLimits {
        maximum_percent,
        minimum_healthy_percent,
    }
}

/// A deployment that has just begun: every task is old and healthy.
fn start_of_deployment(desired: u32) -> DeploymentCounts {
    DeploymentCounts {
        desired,
        old_running: desired,
        new_running: 0,
        old_healthy: desired,
        new_healthy: 0,
    }
}

#[test]
fn defaults() {
    assert_eq!(
        DeploymentLimits::resolve(None, SchedulingStrategy::Replica).unwrap(),
        limits(200, 100)
    );
    assert_eq!(
        DeploymentLimits::resolve(None, SchedulingStrategy::Daemon).unwrap(),
        limits(100, 0)
    );
    let partial: DeploymentConfiguration =
        serde_json::from_str(r#"{"minimumHealthyPercent": 50}"#).unwrap();
    assert_eq!(
        DeploymentLimits::resolve(Some(&partial), SchedulingStrategy::Replica).unwrap(),
        limits(200, 50)
    );
}

#[test]
fn validation() {
    let daemon: DeploymentConfiguration =
        serde_json::from_str(r#"{"maximumPercent": 200}"#).unwrap();
    let e = DeploymentLimits::resolve(Some(&daemon), SchedulingStrategy::Daemon).unwrap_err();
    assert_eq!(e.path, "deploymentConfiguration.maximumPercent");
    assert!(
        e.to_string().starts_with("InvalidParameterException: "),
        "{e}"
    );
    assert!(e.message.contains("must be 100"), "{e}");
    let negative: DeploymentConfiguration =
        serde_json::from_str(r#"{"minimumHealthyPercent": -5}"#).unwrap();
    assert!(DeploymentLimits::resolve(Some(&negative), SchedulingStrategy::Replica).is_err());
    // Unknown members of the ECS shape are ignored.
    let full: DeploymentConfiguration = serde_json::from_str(
        r#"{"deploymentCircuitBreaker": {"enable": true, "rollback": true}, "maximumPercent": 150, "minimumHealthyPercent": 50}"#,
    )
    .unwrap();
    assert_eq!(
        DeploymentLimits::resolve(Some(&full), SchedulingStrategy::Replica).unwrap(),
        limits(150, 50)
    );
}

#[test]
fn rounding_directions() {
    // maximumPercent rounds down, minimumHealthyPercent rounds up.
    assert_eq!(limits(125, 100).max_tasks(3), 3); // 3.75 -> 3
    assert_eq!(limits(150, 100).max_tasks(3), 4); // 4.5 -> 4
    assert_eq!(limits(199, 100).max_tasks(1), 1); // 1.99 -> 1
    assert_eq!(limits(200, 75).min_healthy_tasks(2), 2); // 1.5 -> 2
    assert_eq!(limits(200, 50).min_healthy_tasks(3), 2); // 1.5 -> 2
    assert_eq!(limits(200, 1).min_healthy_tasks(1), 1); // 0.01 -> 1
    assert_eq!(limits(200, 0).min_healthy_tasks(10), 0);
    assert_eq!(limits(200, 100).max_tasks(0), 0);
}

#[test]
fn min_50_desired_4_stops_two_before_starting_two() {
    // "the scheduler can stop two existing tasks before starting two new tasks" (with no
    // headroom above desired: maximumPercent 100).
    let l = limits(100, 50);
    let step = plan_deployment_step(&start_of_deployment(4), &l);
    assert_eq!(
        (step.min_healthy_tasks, step.stop_old(), step.start_new),
        (2, 2, 0)
    );
    assert_eq!(step.status, DeploymentStatus::InProgress);
    // After stopping two, there is room to start two.
    let after = DeploymentCounts {
        desired: 4,
        old_running: 2,
        new_running: 0,
        old_healthy: 2,
        new_healthy: 0,
    };
    let step = plan_deployment_step(&after, &l);
    assert_eq!((step.start_new, step.stop_old()), (2, 0));
}

#[test]
fn min_75_desired_2_cannot_stop_any() {
    // "the scheduler can't stop any tasks due to the resulting value also being two"
    let step = plan_deployment_step(&start_of_deployment(2), &limits(200, 75));
    assert_eq!((step.min_healthy_tasks, step.stop_old()), (2, 0));
    // With the default maximum it can still start two first.
    assert_eq!(step.start_new, 2);
    // With maximumPercent 100 it can do neither: stuck.
    let step = plan_deployment_step(&start_of_deployment(2), &limits(100, 75));
    assert_eq!(
        (step.start_new, step.stop_old(), step.status),
        (0, 0, DeploymentStatus::Stuck)
    );
}

#[test]
fn max_200_desired_4_starts_four_before_stopping_four() {
    // "the scheduler can start four new tasks before stopping four existing tasks"
    let l = limits(200, 100);
    let step = plan_deployment_step(&start_of_deployment(4), &l);
    assert_eq!((step.max_tasks, step.start_new, step.stop_old()), (8, 4, 0));
    // The four new tasks are pending: wait for them to become healthy.
    let pending = DeploymentCounts {
        desired: 4,
        old_running: 4,
        new_running: 4,
        old_healthy: 4,
        new_healthy: 0,
    };
    let step = plan_deployment_step(&pending, &l);
    assert_eq!(
        (step.start_new, step.stop_old(), step.status),
        (0, 0, DeploymentStatus::WaitingForHealthyTasks)
    );
    // Once healthy, the four old tasks can stop.
    let healthy = DeploymentCounts {
        new_healthy: 4,
        ..pending
    };
    let step = plan_deployment_step(&healthy, &l);
    assert_eq!((step.start_new, step.stop_old()), (0, 4));
    let done = DeploymentCounts {
        desired: 4,
        old_running: 0,
        new_running: 4,
        old_healthy: 0,
        new_healthy: 4,
    };
    assert_eq!(
        plan_deployment_step(&done, &l).status,
        DeploymentStatus::Completed
    );
}

#[test]
fn max_125_desired_3_cannot_start_any() {
    // "the scheduler can't start any tasks due to the resulting value also being three"
    let step = plan_deployment_step(&start_of_deployment(3), &limits(125, 100));
    assert_eq!((step.max_tasks, step.start_new), (3, 0));
    // With the default minimum (100%) it can't stop any either: stuck, with the documented event.
    assert_eq!((step.stop_old(), step.status), (0, DeploymentStatus::Stuck));
    assert_eq!(
        stuck_event_message("web"),
        "(service web) was unable to stop or start tasks during a deployment because of the service deployment \
         configuration. Update the minimumHealthyPercent or maximumPercent value and try again."
    );
}

#[test]
fn unhealthy_old_tasks_stop_first() {
    // Desired 4, min 100%, max 100%: nothing healthy may go, but an unhealthy old task may.
    let counts = DeploymentCounts {
        desired: 4,
        old_running: 4,
        new_running: 0,
        old_healthy: 3,
        new_healthy: 0,
    };
    let step = plan_deployment_step(&counts, &limits(100, 75));
    assert_eq!(
        (
            step.stop_old_unhealthy,
            step.stop_old_healthy,
            step.start_new
        ),
        (1, 0, 0)
    );
    assert_eq!(
        describe_step(&counts, &limits(100, 75), &step),
        "desired 4, min healthy 3 (75%), max 4 (100%): 4 old + 0 new, 3 healthy: start 0, stop 1"
    );
}

#[test]
fn daemon_default_stops_then_starts() {
    // Per instance a daemon service wants one task: max 100% leaves no room to start first,
    // min 0% lets the old one stop.
    let l = DeploymentLimits::DAEMON_DEFAULT;
    let step = plan_deployment_step(&start_of_deployment(1), &l);
    assert_eq!((step.start_new, step.stop_old()), (0, 1));
}

#[test]
fn a_whole_rolling_update_completes() {
    // Default limits, desired 3: walk the deployment with tasks becoming healthy at once.
    let l = DeploymentLimits::REPLICA_DEFAULT;
    let mut c = start_of_deployment(3);
    for _ in 0..10 {
        let step = plan_deployment_step(&c, &l);
        if step.status == DeploymentStatus::Completed {
            break;
        }
        assert_ne!(step.status, DeploymentStatus::Stuck);
        c.old_healthy -= step.stop_old_healthy;
        c.old_running -= step.stop_old();
        c.new_running += step.start_new;
        c.new_healthy = c.new_running;
    }
    assert_eq!(
        plan_deployment_step(&c, &l).status,
        DeploymentStatus::Completed
    );
    assert_eq!((c.old_running, c.new_running), (0, 3));
}
