//! Every documented Service Auto Scaling example, as a test: step scaling, target tracking and
//! scheduled actions (ecs-facts.md §6).

use ecs_playground::sim::autoscaling::calendar::DateTime;
use ecs_playground::sim::autoscaling::policy::{
    PolicyKind, PutScalingPolicyRequest, PutScheduledActionRequest, RegisterScalableTargetRequest,
    StepAdjustment, StepScalingPolicyConfiguration, TargetTrackingScalingPolicyConfiguration,
};
use ecs_playground::sim::autoscaling::schedule::{
    apply_scheduled_action, parse_timezone, CapacityChange, Schedule, ScheduledAction,
};
use ecs_playground::sim::autoscaling::step::{
    capacity_change, evaluate_step_policy, percent_of_capacity, select_step,
    validate_step_adjustments, AdjustmentType, BreachSide, ComparisonOperator, MetricAggregation,
    StepAlarm, StepInput, StepPolicy, StepPolicyState,
};
use ecs_playground::sim::autoscaling::target_tracking::{
    evaluate_target_tracking, proportional_capacity, propose, CooldownState, Proposal,
    ScalingContext, TargetTrackingPolicy,
};
use ecs_playground::sim::autoscaling::{
    CapacityLimits, Direction, EpochSeconds, Suspensions, DEFAULT_COOLDOWN_SECONDS,
};

// ---------------------------------------------------------------------------------------------
// Helpers

fn adj(lower: Option<f64>, upper: Option<f64>, scaling: i64) -> StepAdjustment {
    StepAdjustment {
        metric_interval_lower_bound: lower,
        metric_interval_upper_bound: upper,
        scaling_adjustment: Some(scaling),
    }
}

fn step_policy(adjustment_type: &str, steps: Vec<StepAdjustment>) -> StepPolicy {
    StepPolicy::from_config(&StepScalingPolicyConfiguration {
        adjustment_type: Some(adjustment_type.to_string()),
        step_adjustments: Some(steps),
        ..Default::default()
    })
    .expect("valid policy")
}

fn limits(min: i64, max: i64) -> CapacityLimits {
    CapacityLimits::new(min, max).expect("valid limits")
}

fn step_input(
    now: EpochSeconds,
    metric: f64,
    alarm: StepAlarm,
    running: u32,
    desired: u32,
) -> StepInput {
    StepInput {
        now,
        metric,
        alarm,
        running_count: running,
        desired_count: desired,
        limits: limits(0, 100),
        suspensions: Suspensions::default(),
    }
}

const ABOVE_50: StepAlarm = StepAlarm {
    threshold: 50.0,
    comparison: ComparisonOperator::GreaterThanOrEqualToThreshold,
};
const BELOW_50: StepAlarm = StepAlarm {
    threshold: 50.0,
    comparison: ComparisonOperator::LessThanOrEqualToThreshold,
};

/// The worked example's policies (AAS step scaling guide): threshold 50%, PercentChangeInCapacity.
fn worked_example_policies() -> (StepPolicy, StepPolicy) {
    let out = step_policy(
        "PercentChangeInCapacity",
        vec![
            adj(Some(0.0), Some(10.0), 0),
            adj(Some(10.0), Some(20.0), 10),
            adj(Some(20.0), None, 30),
        ],
    );
    let scale_in = step_policy(
        "PercentChangeInCapacity",
        vec![
            adj(Some(-10.0), Some(0.0), 0),
            adj(Some(-20.0), Some(-10.0), -10),
            adj(None, Some(-20.0), -30),
        ],
    );
    (out, scale_in)
}

fn utc(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> EpochSeconds {
    DateTime::new(year, month, day, hour, minute, 0)
        .expect("valid date")
        .to_epoch()
}

fn text(t: EpochSeconds) -> String {
    DateTime::from_epoch(t).to_string()
}

// ---------------------------------------------------------------------------------------------
// Step scaling

#[test]
fn worked_example_chain_10_11_14_13_10() {
    let (out, scale_in) = worked_example_policies();
    let (mut out_state, mut in_state) = (StepPolicyState::default(), StepPolicyState::default());
    let mut desired = 10;
    let mut now = 0;
    // Each alarm comes well after the previous cooldown, and the tasks are running by then.
    for (metric, expected) in [(60.0, 11), (70.0, 14), (40.0, 13), (30.0, 10)] {
        now += 1_000;
        let (policy, state, alarm) = if metric >= 50.0 {
            (&out, &mut out_state, ABOVE_50)
        } else {
            (&scale_in, &mut in_state, BELOW_50)
        };
        let decision = evaluate_step_policy(
            policy,
            state,
            &step_input(now, metric, alarm, desired, desired),
        );
        assert_eq!(
            decision.new_desired_count,
            Some(expected),
            "metric {metric}: {}",
            decision.explanation
        );
        *state = decision.next_state;
        desired = expected;
    }
}

#[test]
fn worked_example_explanations_show_the_arithmetic() {
    let (out, scale_in) = worked_example_policies();
    let d = evaluate_step_policy(
        &out,
        &StepPolicyState::default(),
        &step_input(0, 70.0, ABOVE_50, 11, 11),
    );
    // "add 30 percent of 11, 3.3, rounded down to 3"
    assert!(
        d.explanation.contains("+30% of running count 11 = +3"),
        "{}",
        d.explanation
    );
    assert!(
        d.explanation.ends_with("desired 11 -> 14"),
        "{}",
        d.explanation
    );
    let d = evaluate_step_policy(
        &scale_in,
        &StepPolicyState::default(),
        &step_input(0, 30.0, BELOW_50, 13, 13),
    );
    // "remove 30 percent of 13, 3.9, rounded down to 3"
    assert!(
        d.explanation.contains("-30% of running count 13 = -3"),
        "{}",
        d.explanation
    );
    assert!(
        d.explanation.ends_with("desired 13 -> 10"),
        "{}",
        d.explanation
    );
}

#[test]
fn worked_example_unchanged_between_40_and_60_exclusive() {
    let (out, scale_in) = worked_example_policies();
    for metric in [40.01, 45.0, 49.99, 50.0, 55.0, 59.99] {
        let (policy, alarm) = if metric >= 50.0 {
            (&out, ABOVE_50)
        } else {
            (&scale_in, BELOW_50)
        };
        let d = evaluate_step_policy(
            policy,
            &StepPolicyState::default(),
            &step_input(0, metric, alarm, 10, 10),
        );
        assert_eq!(
            d.new_desired_count, None,
            "metric {metric}: {}",
            d.explanation
        );
    }
    // At exactly 60 and 40 the next steps apply (lower bound inclusive above, upper bound inclusive below).
    let d = evaluate_step_policy(
        &out,
        &StepPolicyState::default(),
        &step_input(0, 60.0, ABOVE_50, 10, 10),
    );
    assert_eq!(d.step_index, Some(1));
    let d = evaluate_step_policy(
        &scale_in,
        &StepPolicyState::default(),
        &step_input(0, 40.0, BELOW_50, 10, 10),
    );
    assert_eq!(d.step_index, Some(1));
}

#[test]
fn boto_bound_examples_threshold_50() {
    // "metric is greater than or equal to 50 and less than 60, specify a lower bound of 0 and an upper bound of 10"
    let above =
        validate_step_adjustments(&[adj(Some(0.0), Some(10.0), 1), adj(Some(10.0), None, 2)])
            .unwrap();
    assert_eq!(select_step(&above, 50.0 - 50.0, BreachSide::Above), Some(0));
    assert_eq!(select_step(&above, 59.9 - 50.0, BreachSide::Above), Some(0));
    assert_eq!(select_step(&above, 60.0 - 50.0, BreachSide::Above), Some(1));
    // "greater than 40 and less than or equal to 50, specify a lower bound of -10 and an upper bound of 0"
    let below =
        validate_step_adjustments(&[adj(Some(-10.0), Some(0.0), -1), adj(None, Some(-10.0), -2)])
            .unwrap();
    assert_eq!(select_step(&below, 50.0 - 50.0, BreachSide::Below), Some(0));
    assert_eq!(select_step(&below, 40.1 - 50.0, BreachSide::Below), Some(0));
    assert_eq!(select_step(&below, 40.0 - 50.0, BreachSide::Below), Some(1));
}

#[test]
fn alarm_must_be_in_breach() {
    let (out, _) = worked_example_policies();
    let strictly_above = StepAlarm {
        threshold: 50.0,
        comparison: ComparisonOperator::GreaterThanThreshold,
    };
    let d = evaluate_step_policy(
        &out,
        &StepPolicyState::default(),
        &step_input(0, 50.0, strictly_above, 10, 10),
    );
    assert_eq!((d.new_desired_count, d.step_index), (None, None));
    assert!(
        d.explanation.contains("does not breach"),
        "{}",
        d.explanation
    );
}

#[test]
fn percent_rounding_cases() {
    // 12.7 -> 12
    assert_eq!(percent_of_capacity(127, 10), 12);
    // .67 -> 1
    assert_eq!(percent_of_capacity(67, 1), 1);
    // -.58 -> -1
    assert_eq!(percent_of_capacity(58, -1), -1);
    // -6.67 -> -6
    assert_eq!(percent_of_capacity(667, -1), -6);
    // Whole results stay whole; nothing from nothing.
    assert_eq!(percent_of_capacity(10, 10), 1);
    assert_eq!(percent_of_capacity(10, -10), -1);
    assert_eq!(percent_of_capacity(0, 50), 0);
    assert_eq!(percent_of_capacity(10, 0), 0);
}

#[test]
fn adjustment_type_examples() {
    // ChangeInCapacity: current 3, adjustment 5 -> 8.
    assert_eq!(
        3 + capacity_change(AdjustmentType::ChangeInCapacity, 3, 5, None),
        8
    );
    // ExactCapacity: current 3, adjustment 5 -> 5.
    assert_eq!(
        3 + capacity_change(AdjustmentType::ExactCapacity, 3, 5, None),
        5
    );
    // PercentChangeInCapacity: current 10, +10% -> 11.
    assert_eq!(
        10 + capacity_change(AdjustmentType::PercentChangeInCapacity, 10, 10, None),
        11
    );
    // MinAdjustmentMagnitude: 25% of 4 is 1, magnitude 2 -> +2.
    assert_eq!(
        capacity_change(AdjustmentType::PercentChangeInCapacity, 4, 25, None),
        1
    );
    assert_eq!(
        capacity_change(AdjustmentType::PercentChangeInCapacity, 4, 25, Some(2)),
        2
    );
    assert_eq!(
        capacity_change(AdjustmentType::PercentChangeInCapacity, 4, -25, Some(2)),
        -2
    );
    assert_eq!(
        capacity_change(AdjustmentType::PercentChangeInCapacity, 40, 25, Some(2)),
        10
    );
}

#[test]
fn adjustment_types_through_a_policy() {
    let exact = step_policy("ExactCapacity", vec![adj(Some(0.0), None, 5)]);
    let d = evaluate_step_policy(
        &exact,
        &StepPolicyState::default(),
        &step_input(0, 70.0, ABOVE_50, 3, 3),
    );
    assert_eq!(d.new_desired_count, Some(5));
    let change = step_policy("ChangeInCapacity", vec![adj(Some(0.0), None, 5)]);
    let d = evaluate_step_policy(
        &change,
        &StepPolicyState::default(),
        &step_input(0, 70.0, ABOVE_50, 3, 3),
    );
    assert_eq!(d.new_desired_count, Some(8));
    let config = StepScalingPolicyConfiguration {
        adjustment_type: Some("PercentChangeInCapacity".into()),
        step_adjustments: Some(vec![adj(Some(0.0), None, 25)]),
        min_adjustment_magnitude: Some(2),
        ..Default::default()
    };
    let percent = StepPolicy::from_config(&config).unwrap();
    let d = evaluate_step_policy(
        &percent,
        &StepPolicyState::default(),
        &step_input(0, 70.0, ABOVE_50, 4, 4),
    );
    assert_eq!(d.new_desired_count, Some(6));
}

#[test]
fn cooldown_plus_two_then_plus_three_adds_one() {
    let policy = step_policy(
        "ChangeInCapacity",
        vec![adj(Some(0.0), Some(10.0), 2), adj(Some(10.0), None, 3)],
    );
    assert_eq!(
        policy.cooldown_seconds, 300,
        "If not specified, the default value is 300."
    );
    // +2: 10 -> 12; cooldown starts.
    let d1 = evaluate_step_policy(
        &policy,
        &StepPolicyState::default(),
        &step_input(0, 55.0, ABOVE_50, 10, 10),
    );
    assert_eq!(d1.new_desired_count, Some(12));
    // During the cooldown a more aggressive step of +3 triggers: "the previous increase of 2 is
    // considered part of the current capacity. Therefore, only 1 is added". The new tasks are
    // not running yet (running still 10).
    let d2 = evaluate_step_policy(
        &policy,
        &d1.next_state,
        &step_input(60, 65.0, ABOVE_50, 10, 12),
    );
    assert_eq!(d2.new_desired_count, Some(13), "{}", d2.explanation);
    assert!(d2.explanation.contains("only 1 more"), "{}", d2.explanation);
    // The same alarm again in the cooldown adds nothing.
    let d3 = evaluate_step_policy(
        &policy,
        &d2.next_state,
        &step_input(120, 65.0, ABOVE_50, 12, 13),
    );
    assert_eq!(d3.new_desired_count, None, "{}", d3.explanation);
    // A smaller step in the cooldown adds nothing either.
    let d4 = evaluate_step_policy(
        &policy,
        &d2.next_state,
        &step_input(180, 55.0, ABOVE_50, 12, 13),
    );
    assert_eq!(d4.new_desired_count, None, "{}", d4.explanation);
    // After the cooldown the running count is the base again: 13 + 3 = 16.
    let d5 = evaluate_step_policy(
        &policy,
        &d2.next_state,
        &step_input(300, 65.0, ABOVE_50, 13, 13),
    );
    assert_eq!(d5.new_desired_count, Some(16), "{}", d5.explanation);
}

#[test]
fn scale_in_cooldown_blocks_the_next_scale_in() {
    let policy = step_policy("ChangeInCapacity", vec![adj(None, Some(0.0), -1)]);
    let d1 = evaluate_step_policy(
        &policy,
        &StepPolicyState::default(),
        &step_input(0, 30.0, BELOW_50, 10, 10),
    );
    assert_eq!(d1.new_desired_count, Some(9));
    let d2 = evaluate_step_policy(
        &policy,
        &d1.next_state,
        &step_input(299, 30.0, BELOW_50, 9, 9),
    );
    assert_eq!(d2.new_desired_count, None);
    assert!(
        d2.explanation.contains("scale-in cooldown"),
        "{}",
        d2.explanation
    );
    let d3 = evaluate_step_policy(
        &policy,
        &d1.next_state,
        &step_input(300, 30.0, BELOW_50, 9, 9),
    );
    assert_eq!(d3.new_desired_count, Some(8));
}

#[test]
fn running_count_is_the_starting_point() {
    // Desired 10 but only 8 running: +10% of 8 (=1) gives 9, which does not lower desired 10.
    let (out, _) = worked_example_policies();
    let d = evaluate_step_policy(
        &out,
        &StepPolicyState::default(),
        &step_input(0, 60.0, ABOVE_50, 8, 10),
    );
    assert_eq!(d.new_desired_count, None, "{}", d.explanation);
    // +30% of 8 = 2 gives 10: still nothing. With 9 running, +30% of 9 = 2 gives 11.
    let d = evaluate_step_policy(
        &out,
        &StepPolicyState::default(),
        &step_input(0, 70.0, ABOVE_50, 9, 10),
    );
    assert_eq!(d.new_desired_count, Some(11), "{}", d.explanation);
}

#[test]
fn min_and_max_capacity_rules() {
    let out = step_policy("ChangeInCapacity", vec![adj(Some(0.0), None, 1)]);
    let scale_in = step_policy("ChangeInCapacity", vec![adj(None, Some(0.0), -1)]);
    let with_limits = |metric: f64, alarm, running, desired, min, max| StepInput {
        limits: limits(min, max),
        ..step_input(0, metric, alarm, running, desired)
    };
    let state = StepPolicyState::default();
    // Below the minimum, a scale-out goes (at least) to the minimum.
    let d = evaluate_step_policy(&out, &state, &with_limits(70.0, ABOVE_50, 1, 1, 3, 10));
    assert_eq!(d.new_desired_count, Some(3), "{}", d.explanation);
    // Below the minimum, a scale-in does nothing.
    let d = evaluate_step_policy(&scale_in, &state, &with_limits(30.0, BELOW_50, 1, 1, 3, 10));
    assert_eq!(d.new_desired_count, None, "{}", d.explanation);
    // Above the maximum, a scale-in goes (at most) to the maximum; a scale-out does nothing.
    let d = evaluate_step_policy(
        &scale_in,
        &state,
        &with_limits(30.0, BELOW_50, 12, 12, 3, 10),
    );
    assert_eq!(d.new_desired_count, Some(10), "{}", d.explanation);
    let d = evaluate_step_policy(&out, &state, &with_limits(70.0, ABOVE_50, 12, 12, 3, 10));
    assert_eq!(d.new_desired_count, None, "{}", d.explanation);
    // Within range the result is clamped to the range.
    let d = evaluate_step_policy(&out, &state, &with_limits(70.0, ABOVE_50, 10, 10, 3, 10));
    assert_eq!(d.new_desired_count, None);
    assert!(
        d.explanation
            .ends_with("desired stays 10 (held by MaxCapacity 10)"),
        "{}",
        d.explanation
    );
    let d = evaluate_step_policy(&scale_in, &state, &with_limits(30.0, BELOW_50, 3, 3, 3, 10));
    assert_eq!(d.new_desired_count, None);
}

#[test]
fn scale_in_is_turned_off_during_a_deployment_but_scale_out_goes_on() {
    let out = step_policy("ChangeInCapacity", vec![adj(Some(0.0), None, 1)]);
    let scale_in = step_policy("ChangeInCapacity", vec![adj(None, Some(0.0), -1)]);
    let deploying = Suspensions {
        deployment_in_progress: true,
        ..Default::default()
    };
    let input = |metric, alarm| StepInput {
        suspensions: deploying,
        ..step_input(0, metric, alarm, 5, 5)
    };
    let d = evaluate_step_policy(
        &scale_in,
        &StepPolicyState::default(),
        &input(30.0, BELOW_50),
    );
    assert_eq!(d.new_desired_count, None);
    assert!(d.explanation.contains("deployment"), "{}", d.explanation);
    let d = evaluate_step_policy(&out, &StepPolicyState::default(), &input(70.0, ABOVE_50));
    assert_eq!(d.new_desired_count, Some(6));
}

#[test]
fn step_validation_rules() {
    let err =
        |steps: Vec<StepAdjustment>| validate_step_adjustments(&steps).unwrap_err().to_string();
    assert!(err(vec![]).contains("At least one step adjustment"));
    assert!(err(vec![adj(None, None, 1)]).contains("can't both be null"));
    assert!(err(vec![
        adj(Some(10.0), Some(5.0), 1),
        adj(Some(10.0), None, 1)
    ])
    .contains("must be greater than"));
    assert!(err(vec![
        adj(Some(10.0), Some(10.0), 1),
        adj(Some(10.0), None, 1)
    ])
    .contains("must be greater than"));
    assert!(
        err(vec![adj(None, Some(0.0), 1), adj(None, Some(-10.0), 1)])
            .contains("At most one step adjustment can have a null lower bound")
    );
    assert!(err(vec![adj(Some(0.0), None, 1), adj(Some(10.0), None, 1)])
        .contains("At most one step adjustment can have a null upper bound"));
    assert!(err(vec![adj(Some(-10.0), Some(0.0), 1)]).contains("negative lower bound"));
    assert!(err(vec![adj(Some(0.0), Some(10.0), 1)]).contains("positive upper bound"));
    assert!(err(vec![
        adj(Some(0.0), Some(20.0), 1),
        adj(Some(10.0), None, 2)
    ])
    .contains("overlap"));
    assert!(err(vec![
        adj(Some(0.0), Some(10.0), 1),
        adj(Some(20.0), None, 2)
    ])
    .contains("gap"));
    let missing = StepAdjustment {
        metric_interval_lower_bound: Some(0.0),
        metric_interval_upper_bound: None,
        scaling_adjustment: None,
    };
    assert!(err(vec![missing]).contains("ScalingAdjustment is required"));
    // The error names the step in AWS's field names.
    let e = validate_step_adjustments(&[adj(Some(0.0), Some(10.0), 1), adj(Some(20.0), None, 2)])
        .unwrap_err();
    assert_eq!(e.path, "StepScalingPolicyConfiguration.StepAdjustments[1]");
    assert!(e.to_string().starts_with("ValidationException: "));
    // Valid sets: in any order, one-sided or spanning the threshold.
    assert!(
        validate_step_adjustments(&[adj(Some(20.0), None, 3), adj(Some(0.0), Some(20.0), 1)])
            .is_ok()
    );
    assert!(validate_step_adjustments(&[
        adj(None, Some(-10.0), -2),
        adj(Some(-10.0), Some(10.0), 0),
        adj(Some(10.0), None, 2)
    ])
    .is_ok());
    assert!(validate_step_adjustments(&[adj(None, Some(0.0), -1)]).is_ok());
}

#[test]
fn step_policy_configuration_rules() {
    let config = |t: &str, magnitude: Option<i64>, scaling: i64| StepScalingPolicyConfiguration {
        adjustment_type: Some(t.into()),
        step_adjustments: Some(vec![adj(Some(0.0), None, scaling)]),
        min_adjustment_magnitude: magnitude,
        ..Default::default()
    };
    let e = StepPolicy::from_config(&config("ChangeInCapacity", Some(2), 1)).unwrap_err();
    assert!(
        e.message
            .contains("only valid with AdjustmentType PercentChangeInCapacity"),
        "{e}"
    );
    let e = StepPolicy::from_config(&config("ExactCapacity", None, -1)).unwrap_err();
    assert!(e.message.contains("non-negative"), "{e}");
    let e = StepPolicy::from_config(&config("Percent", None, 1)).unwrap_err();
    assert!(
        e.message
            .contains("ChangeInCapacity, PercentChangeInCapacity, ExactCapacity"),
        "{e}"
    );
    let e = StepPolicy::from_config(&StepScalingPolicyConfiguration::default()).unwrap_err();
    assert!(e.message.contains("AdjustmentType is required"), "{e}");
    let p = StepPolicy::from_config(&config("PercentChangeInCapacity", Some(2), 25)).unwrap();
    assert_eq!(
        (
            p.cooldown_seconds,
            p.aggregation,
            p.min_adjustment_magnitude
        ),
        (300, MetricAggregation::Average, Some(2))
    );
    assert_eq!(
        MetricAggregation::Maximum.aggregate(&[1.0, 5.0, 3.0]),
        Some(5.0)
    );
    assert_eq!(
        MetricAggregation::Average.aggregate(&[1.0, 5.0, 3.0]),
        Some(3.0)
    );
    assert_eq!(MetricAggregation::Minimum.aggregate(&[]), None);
}

#[test]
fn put_scaling_policy_from_aws_json() {
    // The shape `aws application-autoscaling put-scaling-policy --cli-input-json` takes.
    let json = r#"{
        "PolicyName": "cpu-step-out",
        "ServiceNamespace": "ecs",
        "ResourceId": "service/default/web",
        "ScalableDimension": "ecs:service:DesiredCount",
        "PolicyType": "StepScaling",
        "StepScalingPolicyConfiguration": {
            "AdjustmentType": "PercentChangeInCapacity",
            "StepAdjustments": [
                {"MetricIntervalLowerBound": 0.0, "MetricIntervalUpperBound": 10.0, "ScalingAdjustment": 0},
                {"MetricIntervalLowerBound": 10.0, "MetricIntervalUpperBound": 20.0, "ScalingAdjustment": 10},
                {"MetricIntervalLowerBound": 20.0, "ScalingAdjustment": 30}
            ],
            "Cooldown": 60,
            "MetricAggregationType": "Average",
            "MinAdjustmentMagnitude": 1
        }
    }"#;
    let request: PutScalingPolicyRequest = serde_json::from_str(json).unwrap();
    let policy = request.resolve().unwrap();
    assert_eq!(policy.resource.resource_id(), "service/default/web");
    let PolicyKind::Step(step) = policy.kind else {
        panic!("step policy expected")
    };
    assert_eq!((step.steps.len(), step.cooldown_seconds), (3, 60));

    let bad = json.replace("service/default/web", "web");
    let e = serde_json::from_str::<PutScalingPolicyRequest>(&bad)
        .unwrap()
        .resolve()
        .unwrap_err();
    assert_eq!(e.path, "ResourceId");
    let bad = json.replace("\"ecs\"", "\"dynamodb\"");
    assert_eq!(
        serde_json::from_str::<PutScalingPolicyRequest>(&bad)
            .unwrap()
            .resolve()
            .unwrap_err()
            .path,
        "ServiceNamespace"
    );
}

#[test]
fn register_scalable_target() {
    let json = r#"{"ServiceNamespace": "ecs", "ResourceId": "service/default/web",
                   "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 0, "MaxCapacity": 10}"#;
    let request: RegisterScalableTargetRequest = serde_json::from_str(json).unwrap();
    let target = request.resolve(None).unwrap();
    assert_eq!((target.limits.min(), target.limits.max()), (0, 10));
    // An update keeps what it does not set.
    let update: RegisterScalableTargetRequest = serde_json::from_str(
        r#"{"ServiceNamespace": "ecs", "ResourceId": "service/default/web",
            "ScalableDimension": "ecs:service:DesiredCount", "MaxCapacity": 20,
            "SuspendedState": {"DynamicScalingInSuspended": true}}"#,
    )
    .unwrap();
    assert!(update
        .resolve(None)
        .unwrap_err()
        .message
        .contains("required when registering a new scalable target"));
    let updated = update.resolve(Some(&target)).unwrap();
    assert_eq!((updated.limits.min(), updated.limits.max()), (0, 20));
    assert!(updated.suspensions(false).dynamic_scaling_in);
    let e = CapacityLimits::new(5, 2).unwrap_err();
    assert!(
        e.message
            .contains("Minimum capacity cannot be greater than maximum capacity"),
        "{e}"
    );
    assert!(CapacityLimits::new(-1, 2).is_err());
}

// ---------------------------------------------------------------------------------------------
// Target tracking

fn cpu_policy(target: f64) -> TargetTrackingPolicy {
    TargetTrackingPolicy::from_config(&serde_json::from_str(&format!(
        r#"{{"TargetValue": {target}, "PredefinedMetricSpecification": {{"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}}"#
    ))
    .unwrap())
    .unwrap()
}

fn ctx(now: EpochSeconds, running: u32, desired: u32, min: i64, max: i64) -> ScalingContext {
    ScalingContext {
        now,
        running_count: running,
        desired_count: desired,
        limits: limits(min, max),
        suspensions: Suspensions::default(),
    }
}

fn series(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().map(|v| Some(*v)).collect()
}

#[test]
fn target_tracking_scale_out_explanation() {
    let policy = cpu_policy(50.0);
    let p = propose(
        &policy,
        &series(&[82.0, 82.0, 82.0]),
        &CooldownState::default(),
        &ctx(0, 4, 4, 1, 10),
    );
    assert_eq!(p.proposal, Proposal::ScaleOut(7));
    assert_eq!(
        p.explanation,
        "CPU 82% > target 50% for 3 datapoints: desired 4 -> 7"
    );
}

#[test]
fn target_tracking_needs_three_datapoints_above() {
    let policy = cpu_policy(50.0);
    let p = propose(
        &policy,
        &series(&[40.0, 82.0, 82.0]),
        &CooldownState::default(),
        &ctx(0, 4, 4, 1, 10),
    );
    assert_eq!(p.proposal, Proposal::Hold);
    assert_eq!(
        p.explanation,
        "CPU 82% > target 50% for 2 of 3 datapoints: waiting"
    );
    // A missing datapoint breaks the run; missing latest data means no action at all.
    let gap = vec![Some(82.0), None, Some(82.0), Some(82.0)];
    assert_eq!(
        propose(
            &policy,
            &gap,
            &CooldownState::default(),
            &ctx(0, 4, 4, 1, 10)
        )
        .proposal,
        Proposal::Hold
    );
    let missing = vec![Some(82.0), Some(82.0), Some(82.0), None];
    let p = propose(
        &policy,
        &missing,
        &CooldownState::default(),
        &ctx(0, 4, 4, 1, 10),
    );
    assert_eq!(p.proposal, Proposal::Hold);
    assert!(
        p.explanation.contains("insufficient data"),
        "{}",
        p.explanation
    );
    // Exactly at the target is not above it.
    assert_eq!(
        propose(
            &policy,
            &series(&[50.0; 3]),
            &CooldownState::default(),
            &ctx(0, 4, 4, 1, 10)
        )
        .proposal,
        Proposal::Hold
    );
}

#[test]
fn target_tracking_scale_out_is_capped_by_max_capacity() {
    let policy = cpu_policy(50.0);
    let p = propose(
        &policy,
        &series(&[100.0; 3]),
        &CooldownState::default(),
        &ctx(0, 4, 4, 1, 6),
    );
    assert_eq!(p.proposal, Proposal::ScaleOut(6));
    assert_eq!(
        p.explanation,
        "CPU 100% > target 50% for 3 datapoints: wants 8, held to MaxCapacity 6: desired 4 -> 6"
    );
}

#[test]
fn target_tracking_scale_in_after_fifteen_datapoints_below_ninety_percent() {
    let policy = cpu_policy(50.0);
    // 44.9 < 45 (90% of 50) for 14 datapoints: not yet.
    let p = propose(
        &policy,
        &series(&[20.0; 14]),
        &CooldownState::default(),
        &ctx(0, 10, 10, 1, 20),
    );
    assert_eq!(p.proposal, Proposal::Hold);
    assert!(
        p.explanation.contains("for 14 of 15 datapoints: waiting"),
        "{}",
        p.explanation
    );
    let p = propose(
        &policy,
        &series(&[20.0; 15]),
        &CooldownState::default(),
        &ctx(0, 10, 10, 1, 20),
    );
    // ceil(10 x 20 / 50) = 4
    assert_eq!(p.proposal, Proposal::ScaleIn(4));
    assert_eq!(
        p.explanation,
        "CPU 20% < 45% (90% of target 50%) for 15 datapoints: desired 10 -> 4"
    );
    // Between 45 and 50: nothing.
    let p = propose(
        &policy,
        &series(&[46.0; 20]),
        &CooldownState::default(),
        &ctx(0, 10, 10, 1, 20),
    );
    assert_eq!(p.proposal, Proposal::Hold);
    // Never below MinCapacity.
    let p = propose(
        &policy,
        &series(&[1.0; 15]),
        &CooldownState::default(),
        &ctx(0, 10, 10, 3, 20),
    );
    assert_eq!(p.proposal, Proposal::ScaleIn(3));
}

#[test]
fn target_tracking_disable_scale_in_and_deployments() {
    let mut policy = cpu_policy(50.0);
    policy.disable_scale_in = true;
    let p = propose(
        &policy,
        &series(&[10.0; 15]),
        &CooldownState::default(),
        &ctx(0, 10, 10, 1, 20),
    );
    assert_eq!(p.proposal, Proposal::Hold);
    assert!(
        p.explanation.contains("DisableScaleIn"),
        "{}",
        p.explanation
    );

    let policy = cpu_policy(50.0);
    let deploying = ScalingContext {
        suspensions: Suspensions {
            deployment_in_progress: true,
            ..Default::default()
        },
        ..ctx(0, 10, 10, 1, 20)
    };
    let p = propose(
        &policy,
        &series(&[10.0; 15]),
        &CooldownState::default(),
        &deploying,
    );
    assert_eq!(p.proposal, Proposal::Hold);
    assert!(
        p.explanation.contains("deployment is in progress"),
        "{}",
        p.explanation
    );
    let p = propose(
        &policy,
        &series(&[90.0; 3]),
        &CooldownState::default(),
        &deploying,
    );
    assert_eq!(p.proposal, Proposal::ScaleOut(18));
}

#[test]
fn target_tracking_from_zero_capacity() {
    let policy = TargetTrackingPolicy::from_config(
        &serde_json::from_str(
            r#"{"TargetValue": 100, "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget",
                "ResourceLabel": "app/my-alb/778d41231b141a0f/targetgroup/my-tg/943f017f100becff"}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    // One datapoint showing demand is enough, and it scales out by the minimum: to 1.
    let p = propose(
        &policy,
        &series(&[500.0]),
        &CooldownState::default(),
        &ctx(0, 0, 0, 0, 10),
    );
    assert_eq!(p.proposal, Proposal::ScaleOut(1));
    assert_eq!(
        p.explanation,
        "Requests per target 500 with 0 running tasks (1 datapoint): desired 0 -> 1"
    );
    let p = propose(
        &policy,
        &series(&[0.0]),
        &CooldownState::default(),
        &ctx(0, 0, 0, 0, 10),
    );
    assert_eq!(p.proposal, Proposal::Hold);
}

#[test]
fn target_tracking_cooldowns() {
    let policy = cpu_policy(50.0);
    assert_eq!(
        (
            policy.scale_out_cooldown_seconds,
            policy.scale_in_cooldown_seconds
        ),
        (300, 300)
    );
    assert_eq!(DEFAULT_COOLDOWN_SECONDS, 300);
    let low = series(&[10.0; 15]);
    let high = series(&[90.0; 3]);
    let policies = [(&policy, low.as_slice())];
    // Scale in at t=0: 10 -> 2, starting a 300 s scale-in cooldown.
    let d = evaluate_target_tracking(&policies, &CooldownState::default(), &ctx(0, 10, 10, 1, 20));
    assert_eq!(
        (d.new_desired_count, d.direction),
        (Some(2), Some(Direction::ScaleIn))
    );
    let state = d.next_state;
    assert_eq!(state.scale_in_until, Some(300));
    // Still low at t=60 with 4 running: blocked by the scale-in cooldown.
    let d = evaluate_target_tracking(&policies, &state, &ctx(60, 4, 3, 1, 20));
    assert_eq!(d.new_desired_count, None);
    assert!(
        d.explanation.contains("scale-in cooldown"),
        "{}",
        d.explanation
    );
    // A scale-out during the scale-in cooldown happens at once and ends the scale-in cooldown.
    let d = evaluate_target_tracking(
        &[(&policy, high.as_slice())],
        &state,
        &ctx(120, 3, 3, 1, 20),
    );
    assert_eq!(d.new_desired_count, Some(6));
    assert_eq!(
        d.next_state,
        CooldownState {
            scale_out_until: Some(420),
            scale_in_until: None
        }
    );
    // During the scale-out cooldown, capacity already added counts: running 3 at 90% wants 6,
    // which desired 6 already covers.
    let d = evaluate_target_tracking(
        &[(&policy, high.as_slice())],
        &d.next_state,
        &ctx(180, 3, 6, 1, 20),
    );
    assert_eq!(d.new_desired_count, None);
    assert!(
        d.explanation
            .contains("scale-out cooldown already covers it"),
        "{}",
        d.explanation
    );
    // A larger scale-out still goes ahead in the cooldown.
    let higher = series(&[150.0; 3]);
    let d = evaluate_target_tracking(
        &[(&policy, higher.as_slice())],
        &CooldownState {
            scale_out_until: Some(420),
            scale_in_until: None,
        },
        &ctx(240, 3, 6, 1, 20),
    );
    assert_eq!(d.new_desired_count, Some(9));
}

#[test]
fn several_policies_out_if_any_in_only_if_all() {
    let cpu = cpu_policy(50.0);
    let memory = TargetTrackingPolicy::from_config(
        &serde_json::from_str(r#"{"TargetValue": 60, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageMemoryUtilization"}, "DisableScaleIn": true}"#)
            .unwrap(),
    )
    .unwrap();
    let requests = TargetTrackingPolicy::from_config(
        &serde_json::from_str(
            r#"{"TargetValue": 100, "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget",
                "ResourceLabel": "app/a/1/targetgroup/t/2"}}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let context = ctx(0, 10, 10, 1, 40);
    // CPU wants 20, requests wants 15: the largest wins.
    let cpu_high = series(&[100.0; 3]);
    let req_high = series(&[150.0; 3]);
    let d = evaluate_target_tracking(
        &[(&cpu, &cpu_high), (&requests, &req_high)],
        &CooldownState::default(),
        &context,
    );
    assert_eq!(d.new_desired_count, Some(20));
    // One policy wanting out is enough even if another wants in.
    let req_low = series(&[10.0; 15]);
    let d = evaluate_target_tracking(
        &[(&cpu, &cpu_high), (&requests, &req_low)],
        &CooldownState::default(),
        &context,
    );
    assert_eq!(d.new_desired_count, Some(20));
    // Scale in only if every policy with scale-in enabled is ready; memory (DisableScaleIn) has no vote.
    let cpu_low = series(&[20.0; 15]);
    let mem_mid = series(&[55.0; 15]);
    let req_mid = series(&[95.0; 15]);
    let d = evaluate_target_tracking(
        &[(&cpu, &cpu_low), (&requests, &req_mid)],
        &CooldownState::default(),
        &context,
    );
    assert_eq!(d.new_desired_count, None);
    assert!(
        d.explanation.contains("not every policy"),
        "{}",
        d.explanation
    );
    let d = evaluate_target_tracking(
        &[(&cpu, &cpu_low), (&memory, &mem_mid), (&requests, &req_low)],
        &CooldownState::default(),
        &context,
    );
    // CPU wants ceil(10 x 20 / 50) = 4, requests ceil(10 x 10 / 100) = 1: the largest, 4.
    assert_eq!(
        (d.new_desired_count, d.direction),
        (Some(4), Some(Direction::ScaleIn))
    );
}

#[test]
fn target_tracking_validation() {
    let from = |json: &str| {
        TargetTrackingPolicy::from_config(
            &serde_json::from_str::<TargetTrackingScalingPolicyConfiguration>(json).unwrap(),
        )
    };
    let e = from(r#"{"TargetValue": 100, "PredefinedMetricSpecification": {"PredefinedMetricType": "ALBRequestCountPerTarget"}}"#).unwrap_err();
    assert!(e.message.contains("needs a ResourceLabel"), "{e}");
    let e = from(r#"{"TargetValue": 50, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization", "ResourceLabel": "app/a/1/targetgroup/t/2"}}"#).unwrap_err();
    assert!(
        e.message.contains("only with ALBRequestCountPerTarget"),
        "{e}"
    );
    let e = from(r#"{"TargetValue": 50, "PredefinedMetricSpecification": {"PredefinedMetricType": "DynamoDBReadCapacityUtilization"}}"#).unwrap_err();
    assert!(
        e.message.contains("does not apply to an ECS service"),
        "{e}"
    );
    let e = from(r#"{"TargetValue": 50, "CustomizedMetricSpecification": {"MetricName": "x"}}"#)
        .unwrap_err();
    assert!(e.message.contains("not simulated"), "{e}");
    let e = from(r#"{"PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}"#).unwrap_err();
    assert!(e.message.contains("TargetValue is required"), "{e}");
    let e = from(r#"{"TargetValue": 50, "ScaleInCooldown": -1, "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}"#).unwrap_err();
    assert_eq!(
        e.path,
        "TargetTrackingScalingPolicyConfiguration.ScaleInCooldown"
    );
    for kind in [
        "ECSServiceAverageCPUUtilizationHighResolution",
        "ECSServiceAverageMemoryUtilizationHighResolution",
    ] {
        let p = from(&format!(r#"{{"TargetValue": 50, "PredefinedMetricSpecification": {{"PredefinedMetricType": "{kind}"}}}}"#)).unwrap();
        assert!(p.metric.high_resolution);
        assert_eq!(p.metric.metric_type(), kind);
    }
    let p = from(r#"{"TargetValue": 70, "ScaleOutCooldown": 60, "ScaleInCooldown": 600, "DisableScaleIn": true,
                     "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageMemoryUtilization"}}"#)
    .unwrap();
    assert_eq!(
        (
            p.scale_out_cooldown_seconds,
            p.scale_in_cooldown_seconds,
            p.disable_scale_in
        ),
        (60, 600, true)
    );
}

#[test]
fn proportional_capacity_rounds_up_without_float_noise() {
    assert_eq!(proportional_capacity(4, 82.0, 50.0), 7);
    assert_eq!(proportional_capacity(4, 75.0, 50.0), 6);
    assert_eq!(proportional_capacity(3, 70.0, 70.0), 3);
    assert_eq!(proportional_capacity(10, 0.1, 50.0), 1);
    assert_eq!(proportional_capacity(10, 0.0, 50.0), 0);
}

// ---------------------------------------------------------------------------------------------
// Scheduled actions

fn cron(expression: &str) -> Schedule {
    Schedule::parse(expression).unwrap_or_else(|e| panic!("{expression}: {e}"))
}

fn action(
    schedule: &str,
    start: Option<EpochSeconds>,
    end: Option<EpochSeconds>,
) -> ScheduledAction {
    ScheduledAction {
        name: "a".into(),
        resource: ecs_playground::sim::autoscaling::policy::parse_service_resource_id(
            "service/c/s",
        )
        .unwrap(),
        schedule: cron(schedule),
        utc_offset_seconds: 0,
        start_time: start,
        end_time: end,
        created_at: utc(2024, 1, 1, 0, 0),
        change: CapacityChange {
            min_capacity: Some(1),
            max_capacity: None,
        },
    }
}

fn runs(schedule: &str, from: EpochSeconds, until: EpochSeconds) -> Vec<String> {
    action(schedule, None, None)
        .runs_between(from, until, 10_000)
        .into_iter()
        .map(text)
        .collect()
}

#[test]
fn cron_daily_at_nine() {
    // cron(0 9 * * ? *)
    let r = runs(
        "cron(0 9 * * ? *)",
        utc(2024, 1, 1, 9, 0),
        utc(2024, 1, 4, 0, 0),
    );
    assert_eq!(r, ["2024-01-02T09:00:00", "2024-01-03T09:00:00"]);
    // 0 10 * * ? *: 10:00 UTC every day.
    let r = runs(
        "cron(0 10 * * ? *)",
        utc(2024, 1, 1, 0, 0),
        utc(2024, 1, 3, 0, 0),
    );
    assert_eq!(r, ["2024-01-01T10:00:00", "2024-01-02T10:00:00"]);
}

#[test]
fn cron_weekdays_at_six_pm() {
    // cron(0 18 ? * MON-FRI *): from Friday 2024-01-05 18:30 the next is Monday 18:00.
    let a = action("cron(0 18 ? * MON-FRI *)", None, None);
    assert_eq!(a.next_run_after(1_704_479_400), Some(1_704_736_800));
    let r = runs(
        "cron(0 18 ? * MON-FRI *)",
        utc(2024, 1, 1, 0, 0),
        utc(2024, 1, 8, 0, 0),
    );
    assert_eq!(r.len(), 5);
    assert_eq!(r[0], "2024-01-01T18:00:00");
    assert_eq!(r[4], "2024-01-05T18:00:00");
}

#[test]
fn cron_every_fifteen_minutes() {
    let r = runs(
        "cron(0/15 * * * ? *)",
        utc(2024, 1, 1, 0, 0),
        utc(2024, 1, 1, 1, 0),
    );
    assert_eq!(
        r,
        [
            "2024-01-01T00:15:00",
            "2024-01-01T00:30:00",
            "2024-01-01T00:45:00",
            "2024-01-01T01:00:00"
        ]
    );
}

#[test]
fn cron_every_five_minutes_business_hours() {
    // 0/5 8-17 ? * MON-FRI *: every 5 minutes Monday to Friday, 08:00 to 17:55 UTC.
    let r = runs(
        "cron(0/5 8-17 ? * MON-FRI *)",
        utc(2024, 1, 5, 0, 0),
        utc(2024, 1, 9, 0, 0),
    );
    // Friday the 5th and Monday the 8th, 10 hours x 12 each; none on the weekend.
    assert_eq!(r.len(), 240);
    assert_eq!(r[0], "2024-01-05T08:00:00");
    assert_eq!(r[119], "2024-01-05T17:55:00");
    assert_eq!(r[120], "2024-01-08T08:00:00");
    assert_eq!(r[239], "2024-01-08T17:55:00");
}

#[test]
fn cron_day_of_week_numbering_one_is_sunday() {
    // Assumption (see schedule docs): AWS numbers days 1 = SUN … 7 = SAT, so 2 is Monday. The
    // archived guide's `30 6 * * 2 *` "every Tuesday" is wrong on both counts; the live page now
    // reads `30 6 ? * MON *` "every Monday at 6:30 AM".
    let monday = runs(
        "cron(30 6 ? * MON *)",
        utc(2024, 1, 1, 0, 0),
        utc(2024, 1, 15, 0, 0),
    );
    assert_eq!(monday, ["2024-01-01T06:30:00", "2024-01-08T06:30:00"]);
    assert_eq!(
        runs(
            "cron(30 6 ? * 2 *)",
            utc(2024, 1, 1, 0, 0),
            utc(2024, 1, 15, 0, 0)
        ),
        monday
    );
    let e = Schedule::parse("cron(30 6 * * 2 *)").unwrap_err();
    assert!(
        e.message
            .contains("can't specify both Day-of-month ('*') and Day-of-week ('2')"),
        "{e}"
    );
    assert!(e.message.contains("e.g. '30 6 ? * 2 *'"), "{e}");
}

#[test]
fn cron_l_w_and_hash() {
    // Last day of the month (2024 is a leap year).
    assert_eq!(
        runs("cron(0 0 L 2 ? 2024)", 0, utc(2025, 1, 1, 0, 0)),
        ["2024-02-29T00:00:00"]
    );
    // 15W: 2024-06-15 is a Saturday, so Friday the 14th.
    assert_eq!(
        runs("cron(0 0 15W 6 ? 2024)", 0, utc(2025, 1, 1, 0, 0)),
        ["2024-06-14T00:00:00"]
    );
    // LW: 2024-03-31 is a Sunday, so Friday the 29th.
    assert_eq!(
        runs("cron(0 0 LW 3 ? 2024)", 0, utc(2025, 1, 1, 0, 0)),
        ["2024-03-29T00:00:00"]
    );
    // 6L: the last Friday of January 2024.
    assert_eq!(
        runs("cron(15 10 ? 1 6L 2024)", 0, utc(2025, 1, 1, 0, 0)),
        ["2024-01-26T10:15:00"]
    );
    // 3#2: "the second Tuesday of the month".
    assert_eq!(
        runs("cron(0 12 ? 1 3#2 2024)", 0, utc(2025, 1, 1, 0, 0)),
        ["2024-01-09T12:00:00"]
    );
    // Names, lists and year ranges.
    assert_eq!(
        runs("cron(0 0 1 JAN,JUL ? 2024-2025)", 0, utc(2030, 1, 1, 0, 0)),
        [
            "2024-01-01T00:00:00",
            "2024-07-01T00:00:00",
            "2025-01-01T00:00:00",
            "2025-07-01T00:00:00"
        ]
    );
    // A year in the past never fires again.
    assert_eq!(
        action("cron(0 0 1 1 ? 2020)", None, None).next_run_after(utc(2024, 1, 1, 0, 0)),
        None
    );
}

#[test]
fn rate_and_at_expressions() {
    // rate(5 hours) from creation (2024-01-01T00:00).
    let a = action("rate(5 hours)", None, None);
    let r: Vec<String> = a
        .runs_between(0, utc(2024, 1, 1, 15, 0), 10)
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        r,
        [
            "2024-01-01T05:00:00",
            "2024-01-01T10:00:00",
            "2024-01-01T15:00:00"
        ]
    );
    // With a StartTime it runs then, then every period.
    let a = action(
        "rate(1 day)",
        Some(utc(2024, 2, 1, 8, 0)),
        Some(utc(2024, 2, 3, 8, 0)),
    );
    let r: Vec<String> = a
        .runs_between(0, utc(2025, 1, 1, 0, 0), 10)
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        r,
        [
            "2024-02-01T08:00:00",
            "2024-02-02T08:00:00",
            "2024-02-03T08:00:00"
        ]
    );
    assert_eq!(cron("rate(1 minutes)"), cron("rate(1 minute)"));
    // at(2021-03-31T22:00:00)
    let a = action("at(2021-03-31T22:00:00)", None, None);
    assert_eq!(a.next_run_after(0), Some(1_617_228_000));
    assert_eq!(a.next_run_after(1_617_228_000), None);
}

#[test]
fn cron_start_and_end_time() {
    // "If you specify a start time, Application Auto Scaling performs the action at this time,
    // and then performs the action based on the specified recurrence."
    let a = action(
        "cron(0 9 * * ? *)",
        Some(utc(2024, 1, 1, 12, 0)),
        Some(utc(2024, 1, 3, 12, 0)),
    );
    let r: Vec<String> = a
        .runs_between(0, utc(2025, 1, 1, 0, 0), 10)
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        r,
        [
            "2024-01-01T12:00:00",
            "2024-01-02T09:00:00",
            "2024-01-03T09:00:00"
        ]
    );
}

#[test]
fn time_zones() {
    // Etc/GMT+9 is nine hours behind UTC: 09:00 there is 18:00 UTC.
    let mut a = action("cron(0 9 * * ? *)", None, None);
    a.utc_offset_seconds = parse_timezone(Some("Etc/GMT+9")).unwrap();
    assert_eq!(
        a.next_run_after(utc(2024, 1, 1, 0, 0)).map(text).as_deref(),
        Some("2024-01-01T18:00:00")
    );
    assert_eq!(parse_timezone(None).unwrap(), 0);
    assert_eq!(parse_timezone(Some("UTC")).unwrap(), 0);
    assert_eq!(parse_timezone(Some("Etc/GMT-14")).unwrap(), 14 * 3600);
    let e = parse_timezone(Some("Pacific/Tahiti")).unwrap_err();
    assert!(e.message.contains("not supported by the playground"), "{e}");
    assert!(parse_timezone(Some("Etc/GMT+13")).is_err());
}

#[test]
fn invalid_schedules_say_why() {
    let e = |s: &str| Schedule::parse(s).unwrap_err().message;
    assert!(e("cron(0 9 * * ?)").contains("six fields"));
    assert!(e("cron(60 9 * * ? *)").contains("Minutes value '60' is out of range 0-59"));
    assert!(e("cron(0 24 * * ? *)").contains("Hours value '24' is out of range 0-23"));
    assert!(e("cron(0 9 ? * ? *)").contains("can't both be '?'"));
    assert!(e("cron(0 9 * * MON *)").contains("can't specify both"));
    assert!(e("cron(0 9 ? * 0 *)").contains("Day-of-week value '0' is out of range 1-7"));
    assert!(e("cron(0 9 ? * FUN *)").contains("not a number (1-7) or a name (SUN-SAT)"));
    assert!(e("cron(0 9 ? * 1#6 *)").contains("1 to 5"));
    assert!(e("cron(0 9 ? * 1#1,2#2 *)").contains("one expression"));
    assert!(e("cron(0 9 ? * 1/2 *)").contains("/ wildcard is not allowed"));
    assert!(e("cron(0 9 1 * ? 2200)").contains("Year value '2200' is out of range 1970-2199"));
    assert!(e("cron(0 9 32 * ? *)").contains("out of range 1-31"));
    assert!(e("cron(0 9 1 13 ? *)").contains("Month value '13'"));
    assert!(e("cron(0/0 9 1 * ? *)").contains("positive whole number"));
    assert!(e("cron(? 9 1 * ? *)").contains("? is allowed only"));
    assert!(e("rate(0 minutes)").contains("positive integer"));
    assert!(e("rate(-5 minutes)").contains("positive integer"));
    assert!(e("rate(5 weeks)").contains("minute, minutes, hour, hours, day or days"));
    assert!(e("rate(5)").contains("rate(value unit)"));
    assert!(e("at(2021-02-30T22:00:00)").contains("day 30"));
    assert!(e("at(2021-03-31 22:00:00)").contains("at(yyyy-mm-ddThh:mm:ss)"));
    assert!(e("every day").contains("not a schedule expression"));
    // The seven-field form with seconds is accepted (seconds ignored).
    assert_eq!(cron("cron(0 0 9 * * ? *)"), cron("cron(0 9 * * ? *)"));
}

#[test]
fn put_scheduled_action_from_aws_json() {
    let json = r#"{
        "ServiceNamespace": "ecs",
        "ScheduledActionName": "scale-out-mornings",
        "ResourceId": "service/default/web",
        "ScalableDimension": "ecs:service:DesiredCount",
        "Schedule": "cron(0 9 ? * MON-FRI *)",
        "StartTime": "2024-01-01T00:00:00Z",
        "EndTime": 1735689600,
        "ScalableTargetAction": {"MinCapacity": 4, "MaxCapacity": 10}
    }"#;
    let request: PutScheduledActionRequest = serde_json::from_str(json).unwrap();
    let a = ScheduledAction::from_request(&request, 0).unwrap();
    assert_eq!(a.start_time, Some(utc(2024, 1, 1, 0, 0)));
    assert_eq!(a.end_time, Some(utc(2025, 1, 1, 0, 0)));
    assert_eq!(
        a.change,
        CapacityChange {
            min_capacity: Some(4),
            max_capacity: Some(10)
        }
    );
    let bad = json.replace("\"MaxCapacity\": 10", "\"MaxCapacity\": 2");
    let e = ScheduledAction::from_request(&serde_json::from_str(&bad).unwrap(), 0).unwrap_err();
    assert!(
        e.message
            .contains("Minimum capacity cannot be greater than maximum capacity"),
        "{e}"
    );
    let bad = json.replace("scale-out-mornings", "a/b");
    assert_eq!(
        ScheduledAction::from_request(&serde_json::from_str(&bad).unwrap(), 0)
            .unwrap_err()
            .path,
        "ScheduledActionName"
    );
    let bad = json.replace("\"Schedule\": \"cron(0 9 ? * MON-FRI *)\",", "");
    assert!(
        ScheduledAction::from_request(&serde_json::from_str(&bad).unwrap(), 0)
            .unwrap_err()
            .message
            .contains("Missing required parameter Schedule")
    );
    let bad = json.replace(
        "\"ScalableTargetAction\": {\"MinCapacity\": 4, \"MaxCapacity\": 10}",
        "\"ScalableTargetAction\": {}",
    );
    assert!(ScheduledAction::from_request(&serde_json::from_str(&bad).unwrap(), 0).is_err());
    let bad = json.replace("\"EndTime\": 1735689600", "\"EndTime\": 1704067200");
    assert_eq!(
        ScheduledAction::from_request(&serde_json::from_str(&bad).unwrap(), 0)
            .unwrap_err()
            .path,
        "EndTime"
    );
}

#[test]
fn scheduled_action_sets_limits_and_moves_desired_into_them() {
    let none = Suspensions::default();
    // Below the new minimum: scale out to it.
    let o = apply_scheduled_action(
        &CapacityChange {
            min_capacity: Some(5),
            max_capacity: None,
        },
        limits(1, 10),
        2,
        &none,
    )
    .unwrap();
    assert_eq!(
        (o.limits.min(), o.limits.max(), o.desired_count),
        (5, 10, 5)
    );
    assert!(
        o.explanation.contains("scale out to 5"),
        "{}",
        o.explanation
    );
    // Above the new maximum: scale in to it.
    let o = apply_scheduled_action(
        &CapacityChange {
            min_capacity: None,
            max_capacity: Some(3),
        },
        limits(1, 10),
        8,
        &none,
    )
    .unwrap();
    assert_eq!((o.limits.min(), o.limits.max(), o.desired_count), (1, 3, 3));
    // Inside: only the limits change.
    let o = apply_scheduled_action(
        &CapacityChange {
            min_capacity: Some(2),
            max_capacity: Some(20),
        },
        limits(1, 10),
        8,
        &none,
    )
    .unwrap();
    assert_eq!(
        (o.limits.min(), o.limits.max(), o.desired_count),
        (2, 20, 8)
    );
    // A new minimum above the old maximum fails.
    assert!(apply_scheduled_action(
        &CapacityChange {
            min_capacity: Some(12),
            max_capacity: None
        },
        limits(1, 10),
        8,
        &none
    )
    .is_err());
    // ScheduledScalingSuspended: nothing happens.
    let suspended = Suspensions {
        scheduled_scaling: true,
        ..Default::default()
    };
    let o = apply_scheduled_action(
        &CapacityChange {
            min_capacity: Some(5),
            max_capacity: None,
        },
        limits(1, 10),
        2,
        &suspended,
    )
    .unwrap();
    assert_eq!((o.limits.min(), o.desired_count), (1, 2));
}
