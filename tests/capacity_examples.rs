//! Cluster capacity providers: the documented examples (ecs-facts.md §7).

use ecs_playground::sim::capacity::instances_needed::{instances_needed, ExistingInstance};
use ecs_playground::sim::capacity::managed_scaling::{
    evaluate_managed_scaling, instances_in_warmup, AsgProviderSettings, AutoScalingGroupProvider,
    ManagedScaling, ManagedScalingAction, ManagedScalingInput, ManagedScalingSettings,
    ReservationAlarms,
};
use ecs_playground::sim::capacity::reservation::{
    capacity_provider_reservation, describe_reservation, desired_instance_count,
};
use ecs_playground::sim::capacity::strategy_split::{
    CapacityProviderStrategy, CapacityProviderStrategyItem,
};
use ecs_playground::sim::capacity::termination_protection::{
    instances_to_terminate, ScaleInCandidate,
};
use ecs_playground::sim::capacity::Resources;

fn enabled(target_capacity: u32) -> ManagedScalingSettings {
    ManagedScalingSettings {
        enabled: true,
        target_capacity,
        ..Default::default()
    }
}

fn input(m: u32, n: u32, history: &[f64]) -> ManagedScalingInput<'_> {
    ManagedScalingInput {
        needed_instances: m,
        running_instances: n,
        reservation_history: history,
        instances_in_warmup: 0,
        group_min_size: 0,
        group_max_size: 100,
    }
}

// ---------------------------------------------------------------------------------------------
// CapacityProviderReservation

#[test]
fn reservation_formula_and_special_cases() {
    assert_eq!(capacity_provider_reservation(0, 0), 100.0);
    assert_eq!(capacity_provider_reservation(3, 0), 200.0);
    assert_eq!(capacity_provider_reservation(4, 2), 200.0);
    assert_eq!(capacity_provider_reservation(2, 4), 50.0);
    assert_eq!(capacity_provider_reservation(3, 3), 100.0);
    assert_eq!(
        describe_reservation(4, 2),
        "CapacityProviderReservation 200% (M 4 needed / N 2 running)"
    );
    assert_eq!(
        describe_reservation(1, 3),
        "CapacityProviderReservation 33.3% (M 1 needed / N 3 running)"
    );
}

#[test]
fn workshop_example_scale_out_by_two_then_in_to_two() {
    // TC=100, N=2, M=4 -> CPR 200 -> scale out by M-N=2 -> CPR 100.
    let settings = enabled(100);
    let alarms = ReservationAlarms::default();
    let d = evaluate_managed_scaling(&settings, &alarms, &input(4, 2, &[200.0]));
    assert_eq!(d.reservation, 200.0);
    assert_eq!(
        d.action,
        ManagedScalingAction::ScaleOut {
            from: 2,
            to: 4,
            launch: 2
        }
    );
    assert_eq!(
        d.explanation,
        "CapacityProviderReservation 200% (M 4 needed / N 2 running) > target 100%: needs 4 instance(s), 2 more: instances 2 -> 4"
    );
    assert_eq!(capacity_provider_reservation(4, 4), 100.0);
    assert_eq!(
        evaluate_managed_scaling(&settings, &alarms, &input(4, 4, &[100.0])).action,
        ManagedScalingAction::NoChange
    );
    // Then M=2, N=4 -> CPR 50 -> scale in to 2 after 15 minutes.
    let fourteen = [50.0; 14];
    let d = evaluate_managed_scaling(&settings, &alarms, &input(2, 4, &fourteen));
    assert_eq!(d.action, ManagedScalingAction::NoChange);
    assert!(
        d.explanation.contains("below target for 14 of 15 minutes"),
        "{}",
        d.explanation
    );
    let fifteen = [50.0; 15];
    let d = evaluate_managed_scaling(&settings, &alarms, &input(2, 4, &fifteen));
    assert_eq!(d.action, ManagedScalingAction::ScaleIn { from: 4, to: 2 });
    // A minute at the target in between restarts the count.
    let mut broken = [50.0; 15];
    broken[3] = 100.0;
    assert_eq!(
        evaluate_managed_scaling(&settings, &alarms, &input(2, 4, &broken)).action,
        ManagedScalingAction::NoChange
    );
}

#[test]
fn target_capacity_keeps_spare_instances() {
    // "if you want the capacity provider to maintain 10% spare capacity … use a targetCapacity of 90."
    assert_eq!(desired_instance_count(9, 9, 90), 10);
    assert_eq!(capacity_provider_reservation(9, 10), 90.0);
    let d = evaluate_managed_scaling(
        &enabled(90),
        &ReservationAlarms::default(),
        &input(9, 9, &[100.0]),
    );
    assert_eq!(
        d.action,
        ManagedScalingAction::ScaleOut {
            from: 9,
            to: 10,
            launch: 1
        }
    );
    // At 90% with target 90: steady.
    let d = evaluate_managed_scaling(
        &enabled(90),
        &ReservationAlarms::default(),
        &input(9, 10, &[90.0; 20]),
    );
    assert_eq!(d.action, ManagedScalingAction::NoChange);
    assert_eq!(desired_instance_count(18, 20, 90), 20);
    assert_eq!(desired_instance_count(50, 10, 50), 100);
}

#[test]
fn from_zero_instances_scales_to_two() {
    // "Amazon ECS always scales-out to 200% (two instances)"; the target tracking special case
    // treats the current capacity as one.
    assert_eq!(desired_instance_count(5, 0, 100), 2);
    assert_eq!(desired_instance_count(0, 0, 100), 0);
    let d = evaluate_managed_scaling(
        &enabled(100),
        &ReservationAlarms::default(),
        &input(5, 0, &[]),
    );
    assert_eq!(
        d.action,
        ManagedScalingAction::ScaleOut {
            from: 0,
            to: 2,
            launch: 2
        }
    );
    // No instances and nothing to run: CPR 100, nothing happens.
    let d = evaluate_managed_scaling(
        &enabled(100),
        &ReservationAlarms::default(),
        &input(0, 0, &[]),
    );
    assert_eq!(d.action, ManagedScalingAction::NoChange);
}

#[test]
fn step_sizes() {
    let settings = ManagedScalingSettings {
        minimum_scaling_step_size: 3,
        maximum_scaling_step_size: 5,
        ..enabled(100)
    };
    // Computed 1 < minimum 3: launch 3.
    assert_eq!(settings.launch_step(1), 3);
    // Computed 4: launch 4; computed 9: capped at 5.
    assert_eq!(settings.launch_step(4), 4);
    assert_eq!(settings.launch_step(9), 5);
    let d = evaluate_managed_scaling(
        &settings,
        &ReservationAlarms::default(),
        &input(3, 2, &[150.0]),
    );
    assert_eq!(
        d.action,
        ManagedScalingAction::ScaleOut {
            from: 2,
            to: 5,
            launch: 3
        }
    );
    let d = evaluate_managed_scaling(
        &settings,
        &ReservationAlarms::default(),
        &input(20, 2, &[1000.0]),
    );
    assert_eq!(
        d.action,
        ManagedScalingAction::ScaleOut {
            from: 2,
            to: 7,
            launch: 5
        }
    );
    // Defaults: 1 and 10000.
    let defaults = ManagedScalingSettings::default();
    assert_eq!(
        (
            defaults.minimum_scaling_step_size,
            defaults.maximum_scaling_step_size,
            defaults.instance_warmup_seconds
        ),
        (1, 10_000, 300)
    );
    // The group's MaxSize caps the launch; scale-in stops at MinSize.
    let capped = ManagedScalingInput {
        group_max_size: 3,
        ..input(20, 2, &[1000.0])
    };
    assert_eq!(
        evaluate_managed_scaling(&enabled(100), &ReservationAlarms::default(), &capped).action,
        ManagedScalingAction::ScaleOut {
            from: 2,
            to: 3,
            launch: 1
        }
    );
    let history = [25.0; 15];
    let floor = ManagedScalingInput {
        group_min_size: 3,
        ..input(1, 4, &history)
    };
    assert_eq!(
        evaluate_managed_scaling(&enabled(100), &ReservationAlarms::default(), &floor).action,
        ManagedScalingAction::ScaleIn { from: 4, to: 3 }
    );
}

#[test]
fn warm_up_blocks_scale_out() {
    let warming = ManagedScalingInput {
        instances_in_warmup: 2,
        ..input(6, 4, &[150.0])
    };
    let d = evaluate_managed_scaling(&enabled(100), &ReservationAlarms::default(), &warming);
    assert_eq!(d.action, ManagedScalingAction::NoChange);
    assert!(d.explanation.contains("warm-up"), "{}", d.explanation);
    // instanceWarmupPeriod defaults to 300 s.
    let settings = enabled(100);
    assert_eq!(instances_in_warmup(&[0, 100, 250], 350, &settings), 2);
    assert_eq!(instances_in_warmup(&[0, 100, 250], 550, &settings), 0);
}

#[test]
fn disabled_managed_scaling_does_nothing() {
    let d = evaluate_managed_scaling(
        &ManagedScalingSettings::default(),
        &ReservationAlarms::default(),
        &input(6, 4, &[150.0]),
    );
    assert_eq!(d.action, ManagedScalingAction::NoChange);
    assert!(d.explanation.contains("DISABLED"));
}

#[test]
fn managed_scaling_settings_from_ecs_json() {
    let m: ManagedScaling = serde_json::from_str(
        r#"{"status": "ENABLED", "targetCapacity": 90, "minimumScalingStepSize": 2, "maximumScalingStepSize": 50, "instanceWarmupPeriod": 120}"#,
    )
    .unwrap();
    let s = ManagedScalingSettings::from_config(&m).unwrap();
    assert_eq!(
        s,
        ManagedScalingSettings {
            enabled: true,
            target_capacity: 90,
            minimum_scaling_step_size: 2,
            maximum_scaling_step_size: 50,
            instance_warmup_seconds: 120
        }
    );
    for (json, path) in [
        (
            r#"{"status": "ENABLED", "targetCapacity": 0}"#,
            "managedScaling.targetCapacity",
        ),
        (
            r#"{"status": "ENABLED", "targetCapacity": 101}"#,
            "managedScaling.targetCapacity",
        ),
        (
            r#"{"status": "ENABLED", "maximumScalingStepSize": 10001}"#,
            "managedScaling.maximumScalingStepSize",
        ),
        (
            r#"{"status": "ENABLED", "instanceWarmupPeriod": -1}"#,
            "managedScaling.instanceWarmupPeriod",
        ),
        (
            r#"{"status": "ENABLED", "minimumScalingStepSize": 5, "maximumScalingStepSize": 2}"#,
            "managedScaling.minimumScalingStepSize",
        ),
    ] {
        let e =
            ManagedScalingSettings::from_config(&serde_json::from_str(json).unwrap()).unwrap_err();
        assert_eq!(e.path, path, "{json}");
        assert!(e.to_string().starts_with("InvalidParameterException: "));
    }
    let provider: AutoScalingGroupProvider = serde_json::from_str(
        r#"{"autoScalingGroupArn": "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/asg",
            "managedScaling": {"status": "DISABLED"}, "managedTerminationProtection": "ENABLED"}"#,
    )
    .unwrap();
    let p = AsgProviderSettings::from_config(&provider).unwrap();
    // "When using managed termination protection, managed scaling must also be used otherwise
    // managed termination protection doesn't work."
    assert!(!p.managed_termination_protection);
    assert_eq!(p.notes.len(), 1);
    assert!(AsgProviderSettings::from_config(&AutoScalingGroupProvider::default()).is_err());
}

// ---------------------------------------------------------------------------------------------
// M by binpacking

const INSTANCE: Resources = Resources::new(2048, 4096);

#[test]
fn m_counts_busy_instances_and_new_ones() {
    let busy = ExistingInstance {
        free: Resources::new(1024, 2048),
        runs_non_daemon_tasks: true,
    };
    let empty = ExistingInstance {
        free: INSTANCE,
        runs_non_daemon_tasks: false,
    };
    // No provisioning tasks: M = instances running non-daemon tasks.
    let r = instances_needed(INSTANCE, &[busy, empty, empty], &[]);
    assert_eq!((r.needed, r.new_instances), (1, 0));
    // Two 1024/2048 tasks: one fits the busy instance, one goes to an empty one.
    let task = Resources::new(1024, 2048);
    let r = instances_needed(INSTANCE, &[busy, empty, empty], &[task, task]);
    assert_eq!((r.needed, r.busy_existing, r.new_instances), (2, 2, 0));
    // Seven such tasks: 1 on the busy one, 2 + 2 on the empty ones, 2 more need 1 new instance.
    let r = instances_needed(INSTANCE, &[busy, empty, empty], &[task; 7]);
    assert_eq!((r.needed, r.new_instances), (4, 1));
    // With 4 running instances all busy and 4 more tasks of a full instance each: M = 8, CPR 200.
    let full = ExistingInstance {
        free: Resources::new(0, 0),
        runs_non_daemon_tasks: true,
    };
    let r = instances_needed(INSTANCE, &[full; 4], &[INSTANCE; 4]);
    assert_eq!(r.needed, 8);
    assert_eq!(capacity_provider_reservation(r.needed, 4), 200.0);
}

#[test]
fn m_groups_identical_tasks_and_packs_largest_first() {
    // Given in the order 4, 4, 6, 6 (tenths of an instance), packing in that order needs three
    // instances; grouping and packing the larger group first needs two (6 + 4 twice).
    let instance = Resources::new(1000, 1000);
    let small = Resources::new(400, 400);
    let large = Resources::new(600, 600);
    let r = instances_needed(instance, &[], &[small, small, large, large]);
    assert_eq!(r.new_instances, 2);
}

#[test]
fn m_leaves_out_tasks_too_large_for_the_instance_type() {
    let huge = Resources::new(4096, 1024);
    let task = Resources::new(512, 512);
    let r = instances_needed(INSTANCE, &[], &[huge, task]);
    assert_eq!((r.needed, r.excluded_tasks), (1, 1));
    // When no task fits, CPR stays at 100%: M = N.
    let busy = ExistingInstance {
        free: INSTANCE,
        runs_non_daemon_tasks: true,
    };
    let idle = ExistingInstance {
        free: INSTANCE,
        runs_non_daemon_tasks: false,
    };
    let r = instances_needed(INSTANCE, &[busy, idle], &[huge, huge]);
    assert_eq!((r.needed, r.excluded_tasks), (2, 2));
    assert_eq!(capacity_provider_reservation(r.needed, 2), 100.0);
}

// ---------------------------------------------------------------------------------------------
// Managed termination protection

#[test]
fn protection_keeps_instances_with_tasks() {
    let with_tasks = ScaleInCandidate {
        runs_non_daemon_tasks: true,
    };
    let empty = ScaleInCandidate {
        runs_non_daemon_tasks: false,
    };
    let group = [with_tasks, empty, with_tasks, empty];
    assert_eq!(instances_to_terminate(&group, 2, true), vec![1, 3]);
    assert_eq!(instances_to_terminate(&group, 3, true), vec![1, 3]);
    // Without protection the group takes them in its own order, tasks or not.
    assert_eq!(instances_to_terminate(&group, 2, false), vec![0, 1]);
}

// ---------------------------------------------------------------------------------------------
// Base and weight

fn strategy(json: &str) -> CapacityProviderStrategy {
    let items: Vec<CapacityProviderStrategyItem> = serde_json::from_str(json).unwrap();
    CapacityProviderStrategy::from_items(&items).unwrap()
}

fn strategy_error(json: &str) -> String {
    let items: Vec<CapacityProviderStrategyItem> = serde_json::from_str(json).unwrap();
    CapacityProviderStrategy::from_items(&items)
        .unwrap_err()
        .to_string()
}

#[test]
fn one_to_four_ten_tasks() {
    // "for every 1 task on A, 4 tasks will run on B"
    let s = strategy(
        r#"[{"capacityProvider": "A", "weight": 1}, {"capacityProvider": "B", "weight": 4}]"#,
    );
    assert_eq!(s.split(&[0, 0], 10).unwrap(), vec![2, 8]);
    assert_eq!(
        s.assign(&[0, 0], 10).unwrap(),
        vec![1, 1, 0, 1, 1, 1, 1, 0, 1, 1]
    );
    assert_eq!(s.split(&[0, 0], 5).unwrap(), vec![1, 4]);
    // Tasks already running count: with 0 on A and 8 on B, the next two go to A.
    assert_eq!(s.split(&[0, 8], 2).unwrap(), vec![2, 0]);
    assert_eq!(s.describe_split(&[2, 8]), "A 2 (weight 1), B 8 (weight 4)");
}

#[test]
fn base_first_then_weights() {
    let s = strategy(
        r#"[{"capacityProvider": "FARGATE", "base": 2, "weight": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 3}]"#,
    );
    // 2 on FARGATE for the base, then 8 split 1:3.
    assert_eq!(s.split(&[0, 0], 10).unwrap(), vec![4, 6]);
    assert_eq!(&s.assign(&[0, 0], 10).unwrap()[..2], &[0, 0]);
    // Fewer tasks than the base: all on the base provider.
    assert_eq!(s.split(&[0, 0], 1).unwrap(), vec![1, 0]);
    // Base already met by running tasks: straight to weights.
    assert_eq!(s.split(&[2, 0], 4).unwrap(), vec![1, 3]);
    assert_eq!(
        s.describe_split(&[4, 6]),
        "FARGATE 4 (base 2, weight 1), FARGATE_SPOT 6 (weight 3)"
    );
}

#[test]
fn weight_zero_providers_get_only_their_base() {
    let s = strategy(
        r#"[{"capacityProvider": "A", "base": 3}, {"capacityProvider": "B", "weight": 1}]"#,
    );
    assert_eq!(s.split(&[0, 0], 10).unwrap(), vec![3, 7]);
    let s = strategy(
        r#"[{"capacityProvider": "A", "weight": 0}, {"capacityProvider": "B", "weight": 1}]"#,
    );
    assert_eq!(s.split(&[0, 0], 5).unwrap(), vec![0, 5]);
    // A single provider takes everything, whatever its weight.
    let s = strategy(r#"[{"capacityProvider": "FARGATE"}]"#);
    assert_eq!(s.split(&[0], 4).unwrap(), vec![4]);
}

#[test]
fn strategy_validation_errors() {
    let e = strategy_error(
        r#"[{"capacityProvider": "A", "weight": 0}, {"capacityProvider": "B", "weight": 0}]"#,
    );
    assert!(e.starts_with("InvalidParameterException: "), "{e}");
    assert!(
        e.contains(
            "at least one of the capacity providers must have a weight value greater than zero"
        ),
        "{e}"
    );
    let e = strategy_error(
        r#"[{"capacityProvider": "A", "base": 1, "weight": 1}, {"capacityProvider": "B", "base": 2, "weight": 1}]"#,
    );
    assert!(
        e.contains(
            "Only one capacity provider in a capacity provider strategy can have a base defined"
        ),
        "{e}"
    );
    let e = strategy_error(r#"[{"capacityProvider": "A", "weight": 1001}]"#);
    assert!(e.contains("between 0 and 1000"), "{e}");
    let e = strategy_error(r#"[{"capacityProvider": "A", "base": 100001}]"#);
    assert!(e.contains("between 0 and 100000"), "{e}");
    let e = strategy_error(
        r#"[{"capacityProvider": "A", "weight": 1}, {"capacityProvider": "A", "weight": 1}]"#,
    );
    assert!(e.contains("duplicate"), "{e}");
    let e = strategy_error(r#"[{"weight": 1}]"#);
    assert!(e.contains("capacityProvider is required"), "{e}");
    assert!(strategy_error("[]").contains("at least one"));
    let many: Vec<String> = (0..21)
        .map(|i| format!(r#"{{"capacityProvider": "cp{i}", "weight": 1}}"#))
        .collect();
    let e = strategy_error(&format!("[{}]", many.join(",")));
    assert!(e.contains("maximum of 20"), "{e}");
    let twenty: Vec<String> = (0..20)
        .map(|i| format!(r#"{{"capacityProvider": "cp{i}", "weight": 1}}"#))
        .collect();
    assert_eq!(
        strategy(&format!("[{}]", twenty.join(","))).items().len(),
        20
    );
    // Running counts must match the strategy.
    let s = strategy(r#"[{"capacityProvider": "A", "weight": 1}]"#);
    assert!(s.assign(&[0, 0], 1).is_err());
}
