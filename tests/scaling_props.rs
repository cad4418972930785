//! Properties of the scaling, deployment and capacity provider arithmetic that must hold for
//! every input, not only the documented examples.

use proptest::prelude::*;

use ecs_playground::sim::autoscaling::cron::CronExpression;
use ecs_playground::sim::autoscaling::policy::StepAdjustment;
use ecs_playground::sim::autoscaling::step::{
    evaluate_step_policy, percent_of_capacity, validate_step_adjustments, AdjustmentType,
    ComparisonOperator, MetricAggregation, StepActivity, StepAlarm, StepInput, StepPolicy,
    StepPolicyState,
};
use ecs_playground::sim::autoscaling::target_tracking::{
    evaluate_target_tracking, AlarmShape, CooldownState, EcsMetric, PredefinedMetric,
    ScalingContext, TargetTrackingPolicy,
};
use ecs_playground::sim::autoscaling::{CapacityLimits, Direction, Suspensions};
use ecs_playground::sim::capacity::strategy_split::{
    CapacityProviderStrategy, CapacityProviderStrategyItem,
};
use ecs_playground::sim::deployment::{plan_deployment_step, DeploymentCounts, DeploymentLimits};

// ---------------------------------------------------------------------------------------------
// Generators

/// A valid set of steps: contiguous ranges between sorted breakpoints, open at both ends, or
/// starting at 0 above the threshold.
fn step_adjustments() -> impl Strategy<Value = (Vec<StepAdjustment>, bool)> {
    (
        prop::collection::btree_set(-50i32..50, 1..4),
        prop::collection::vec(-60i64..60, 5),
        any::<bool>(),
    )
        .prop_map(|(breakpoints, adjustments, from_zero)| {
            let mut points: Vec<f64> = breakpoints.into_iter().map(f64::from).collect();
            let above_only = from_zero && points[0] >= 0.0;
            if above_only && points[0] > 0.0 {
                points.insert(0, 0.0);
            }
            let mut bounds: Vec<Option<f64>> = points.iter().copied().map(Some).collect();
            if !above_only {
                bounds.insert(0, None);
            }
            bounds.push(None);
            let steps = bounds
                .windows(2)
                .enumerate()
                .map(|(i, w)| StepAdjustment {
                    metric_interval_lower_bound: w[0],
                    metric_interval_upper_bound: w[1],
                    scaling_adjustment: Some(adjustments[i % adjustments.len()]),
                })
                .collect();
            (steps, above_only)
        })
}

fn adjustment_type() -> impl Strategy<Value = AdjustmentType> {
    prop_oneof![
        Just(AdjustmentType::ChangeInCapacity),
        Just(AdjustmentType::PercentChangeInCapacity),
        Just(AdjustmentType::ExactCapacity),
    ]
}

fn comparison() -> impl Strategy<Value = ComparisonOperator> {
    prop_oneof![
        Just(ComparisonOperator::GreaterThanOrEqualToThreshold),
        Just(ComparisonOperator::GreaterThanThreshold),
        Just(ComparisonOperator::LessThanThreshold),
        Just(ComparisonOperator::LessThanOrEqualToThreshold),
    ]
}

fn step_policy() -> impl Strategy<Value = StepPolicy> {
    (
        step_adjustments(),
        adjustment_type(),
        prop::option::of(0u32..5),
        0u32..600,
    )
        .prop_map(|((adjustments, _), adjustment_type, magnitude, cooldown)| {
            let mut steps =
                validate_step_adjustments(&adjustments).expect("generated steps are valid");
            if adjustment_type == AdjustmentType::ExactCapacity {
                for s in &mut steps {
                    s.adjustment = s.adjustment.abs();
                }
            }
            StepPolicy {
                adjustment_type,
                steps,
                min_adjustment_magnitude: magnitude
                    .filter(|_| adjustment_type == AdjustmentType::PercentChangeInCapacity),
                cooldown_seconds: cooldown,
                aggregation: MetricAggregation::Average,
            }
        })
}

/// Limits, and a desired count inside them, and a running count anywhere near.
fn counts_in_range() -> impl Strategy<Value = (CapacityLimits, u32, u32)> {
    (0u32..20, 0u32..30).prop_flat_map(|(min, extra)| {
        let max = min + extra;
        (
            Just(CapacityLimits::new(i64::from(min), i64::from(max)).expect("min <= max")),
            min..=max,
            0..=max + 5,
        )
    })
}

fn suspensions() -> impl Strategy<Value = Suspensions> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(i, o, d)| Suspensions {
        dynamic_scaling_in: i,
        dynamic_scaling_out: o,
        scheduled_scaling: false,
        deployment_in_progress: d,
    })
}

fn step_state() -> impl Strategy<Value = StepPolicyState> {
    prop::option::of((0i64..1_000, any::<bool>(), 0u32..40, 0u32..40)).prop_map(|last| {
        StepPolicyState {
            last_activity: last.map(|(at, out, before, after)| StepActivity {
                at,
                direction: if out {
                    Direction::ScaleOut
                } else {
                    Direction::ScaleIn
                },
                capacity_before: before,
                desired_after: after,
            }),
        }
    })
}

fn target_policy() -> impl Strategy<Value = TargetTrackingPolicy> {
    (1u32..200, 0u32..600, 0u32..600, any::<bool>(), 0usize..3).prop_map(
        |(target, out_cd, in_cd, disable, metric)| TargetTrackingPolicy {
            metric: PredefinedMetric {
                metric: [
                    EcsMetric::Cpu,
                    EcsMetric::Memory,
                    EcsMetric::AlbRequestCountPerTarget,
                ][metric],
                high_resolution: false,
                resource_label: None,
            },
            target_value: f64::from(target),
            scale_out_cooldown_seconds: out_cd,
            scale_in_cooldown_seconds: in_cd,
            disable_scale_in: disable,
            alarms: AlarmShape::default(),
        },
    )
}

fn datapoints() -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(prop::option::weighted(0.9, 0.0f64..400.0), 0..25)
}

fn cooldown_state() -> impl Strategy<Value = CooldownState> {
    (prop::option::of(0i64..2_000), prop::option::of(0i64..2_000)).prop_map(
        |(scale_out_until, scale_in_until)| CooldownState {
            scale_out_until,
            scale_in_until,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #[test]
    fn step_policy_keeps_desired_within_limits(
        policy in step_policy(),
        state in step_state(),
        (limits, desired, running) in counts_in_range(),
        metric in -100.0f64..200.0,
        threshold in -50.0f64..150.0,
        comparison in comparison(),
        suspensions in suspensions(),
        now in 0i64..2_000,
    ) {
        let input = StepInput {
            now, metric, alarm: StepAlarm { threshold, comparison }, running_count: running, desired_count: desired, limits, suspensions,
        };
        let decision = evaluate_step_policy(&policy, &state, &input);
        let after = decision.new_desired_count.unwrap_or(desired);
        prop_assert!(limits.contains(after), "{} not in {}..{}: {}", after, limits.min(), limits.max(), decision.explanation);
    }

    #[test]
    fn step_policy_never_scales_in_during_its_scale_in_cooldown(
        policy in step_policy(),
        (limits, desired, running) in counts_in_range(),
        metric in -100.0f64..200.0,
        comparison in comparison(),
        since in 0u32..600,
    ) {
        let last = StepActivity { at: 1_000, direction: Direction::ScaleIn, capacity_before: running, desired_after: desired };
        let state = StepPolicyState { last_activity: Some(last) };
        let now = 1_000 + i64::from(since);
        let input = StepInput {
            now, metric, alarm: StepAlarm { threshold: 50.0, comparison }, running_count: running, desired_count: desired, limits,
            suspensions: Suspensions::default(),
        };
        let decision = evaluate_step_policy(&policy, &state, &input);
        if since < policy.cooldown_seconds {
            prop_assert!(decision.new_desired_count.is_none_or(|n| n >= desired), "{}", decision.explanation);
        }
    }

    #[test]
    fn target_tracking_keeps_desired_within_limits(
        policies in prop::collection::vec((target_policy(), datapoints()), 1..4),
        state in cooldown_state(),
        (limits, desired, running) in counts_in_range(),
        suspensions in suspensions(),
        now in 0i64..2_000,
    ) {
        let pairs: Vec<(&TargetTrackingPolicy, &[Option<f64>])> = policies.iter().map(|(p, d)| (p, d.as_slice())).collect();
        let ctx = ScalingContext { now, running_count: running, desired_count: desired, limits, suspensions };
        let decision = evaluate_target_tracking(&pairs, &state, &ctx);
        let after = decision.new_desired_count.unwrap_or(desired);
        prop_assert!(limits.contains(after), "{} not in {}..{}: {}", after, limits.min(), limits.max(), decision.explanation);
        match decision.direction {
            Some(Direction::ScaleOut) => prop_assert!(after > desired),
            Some(Direction::ScaleIn) => prop_assert!(after < desired),
            None => prop_assert!(decision.new_desired_count.is_none()),
        }
    }

    #[test]
    fn target_tracking_never_scales_in_during_a_scale_in_cooldown(
        policies in prop::collection::vec((target_policy(), datapoints()), 1..4),
        (limits, desired, running) in counts_in_range(),
        now in 0i64..2_000,
        remaining in 1i64..600,
    ) {
        let pairs: Vec<(&TargetTrackingPolicy, &[Option<f64>])> = policies.iter().map(|(p, d)| (p, d.as_slice())).collect();
        let state = CooldownState { scale_out_until: None, scale_in_until: Some(now + remaining) };
        let ctx = ScalingContext { now, running_count: running, desired_count: desired, limits, suspensions: Suspensions::default() };
        let decision = evaluate_target_tracking(&pairs, &state, &ctx);
        prop_assert_ne!(decision.direction, Some(Direction::ScaleIn), "{}", decision.explanation);
    }

    #[test]
    fn deployment_step_respects_both_limits(
        desired in 0u32..50,
        old_running in 0u32..60,
        new_running in 0u32..60,
        old_unhealthy in 0u32..10,
        new_unhealthy in 0u32..10,
        maximum_percent in 0u32..400,
        minimum_healthy_percent in 0u32..=100,
    ) {
        let counts = DeploymentCounts {
            desired,
            old_running,
            new_running,
            old_healthy: old_running.saturating_sub(old_unhealthy),
            new_healthy: new_running.saturating_sub(new_unhealthy),
        };
        let limits = DeploymentLimits { maximum_percent, minimum_healthy_percent };
        let step = plan_deployment_step(&counts, &limits);
        let max_tasks = desired * maximum_percent / 100;
        let min_healthy = (desired * minimum_healthy_percent).div_ceil(100);
        let total_after = counts.total() - step.stop_old() + step.start_new;
        let healthy_after = counts.healthy() - step.stop_old_healthy;
        prop_assert!(step.stop_old() <= old_running);
        if counts.total() <= max_tasks {
            prop_assert!(total_after <= max_tasks, "{:?} {:?}", counts, step);
        } else {
            prop_assert_eq!(step.start_new, 0);
        }
        if counts.healthy() >= min_healthy {
            prop_assert!(healthy_after >= min_healthy, "{:?} {:?}", counts, step);
        } else {
            prop_assert_eq!(step.stop_old_healthy, 0);
        }
    }

    #[test]
    fn strategy_split_assigns_exactly_n_and_weight_zero_only_to_fill_bases(
        weights in prop::collection::vec(0u32..5, 1..6),
        base_at in prop::option::of((0usize..6, 1u32..6)),
        running in prop::collection::vec(0u32..10, 6),
        new_tasks in 0u32..60,
    ) {
        let mut raw: Vec<CapacityProviderStrategyItem> = weights
            .iter()
            .enumerate()
            .map(|(i, weight)| CapacityProviderStrategyItem {
                capacity_provider: Some(format!("cp{i}")),
                weight: Some(i64::from(*weight)),
                base: None,
            })
            .collect();
        if let Some((at, base)) = base_at {
            let at = at % raw.len();
            raw[at].base = Some(i64::from(base));
        }
        let Ok(strategy) = CapacityProviderStrategy::from_items(&raw) else {
            // Only the all-zero-weights case with several providers is rejected here.
            prop_assert!(raw.len() > 1 && raw.iter().all(|r| r.weight == Some(0)));
            return Ok(());
        };
        let running = &running[..raw.len()];
        let assignment = strategy.assign(running, new_tasks).expect("matching lengths");
        prop_assert_eq!(assignment.len(), new_tasks as usize);
        let mut counts = running.to_vec();
        let single = raw.len() == 1;
        for i in assignment {
            let item = &strategy.items()[i];
            if item.weight == 0 && !single {
                prop_assert!(counts[i] < item.base, "weight-0 provider {} got a task beyond its base", i);
            }
            counts[i] += 1;
        }
    }

    #[test]
    fn percent_rounding_matches_the_documented_rule(capacity in 0u32..10_000, percent in -300i64..300) {
        let exact = f64::from(capacity) * percent as f64 / 100.0;
        let expected = if !(-1.0..=1.0).contains(&exact) {
            exact.trunc() as i64
        } else if exact > 0.0 {
            1
        } else if exact < 0.0 {
            -1
        } else {
            0
        };
        // Exact at whole numbers: 1.0 -> 1 and -1.0 -> -1 either way.
        prop_assert_eq!(percent_of_capacity(capacity, percent), expected);
    }

    #[test]
    fn cron_next_is_later_matching_and_has_nothing_in_between(
        minute in prop_oneof![Just("*".to_string()), (0u32..60).prop_map(|m| m.to_string()), (1u32..30).prop_map(|s| format!("0/{s}"))],
        hour in prop_oneof![Just("*".to_string()), (0u32..24).prop_map(|h| h.to_string()), Just("8-17".to_string())],
        day in prop_oneof![
            Just(("*".to_string(), "?".to_string())),
            Just(("?".to_string(), "MON-FRI".to_string())),
            (1u32..32).prop_map(|d| (d.to_string(), "?".to_string())),
            Just(("L".to_string(), "?".to_string())),
            Just(("?".to_string(), "6L".to_string())),
            Just(("?".to_string(), "2#3".to_string())),
        ],
        t in 0i64..2_000_000_000,
    ) {
        let expression = format!("{minute} {hour} {} * {} *", day.0, day.1);
        let cron = CronExpression::parse(&expression).expect("generated expressions are valid");
        if let Some(next) = cron.next_after(t) {
            prop_assert!(next > t);
            prop_assert_eq!(next % 60, 0);
            // Asking again from one second before gives the same time: nothing was skipped
            // between t and next only if next_after is consistent from every start in between.
            prop_assert_eq!(cron.next_after(next - 1), Some(next));
            let halfway = t + (next - t) / 2;
            prop_assert_eq!(cron.next_after(halfway.min(next - 1)), Some(next));
        }
    }
}
