//! The playground's time features, natively: playing the clock moves the live simulation and
//! records one AdvanceTime (so a replay of the document gives exactly what was on screen),
//! the built-in time lessons teach what they say, and the panels' requests are accepted by
//! the engine.

use std::rc::Rc;

use ecs_playground::ui::components::cluster_model::InstanceCondition;
use ecs_playground::ui::doc::Doc;
use ecs_playground::ui::scenarios;
use ecs_playground::ui::state::{Action, State};
use ecs_playground::ui::time_forms::{
    self, LaunchChoice, LoadForm, LoadKind, PolicyChoice, ScalingForm, ServiceForm,
};
use ecs_playground::ui::time_run::{self, Observed};
use ecs_playground::ui::time_view::{self, EventKind, TimeView};
use serde_json::{json, Value};
use yew::Reducible;

fn apply(state: State, actions: impl IntoIterator<Item = Action>) -> State {
    let mut s = Rc::new(state);
    for a in actions {
        s = s.reduce(a);
    }
    Rc::try_unwrap(s).unwrap_or_else(|rc| (*rc).clone())
}

fn lesson(name: &str) -> State {
    let sc = scenarios::get(name).expect("scenario exists");
    State::new(sc.doc, sc.run)
}

/// Plays the clock like the page does: `ticks` advances of `seconds` each.
fn play(state: State, seconds: i64, ticks: usize) -> State {
    let mut actions = vec![Action::SetClockPlaying(true)];
    actions.extend(std::iter::repeat_n(Action::TickClock(seconds), ticks));
    actions.push(Action::SetClockPlaying(false));
    apply(state, actions)
}

/// The whole engine output of a state's live simulation.
fn output(state: &State) -> Value {
    let r = &state.derived.replayed;
    r.sim.borrow().output(r.responses.clone())
}

fn no_errors(state: &State) {
    for (i, r) in state.derived.replayed.responses.iter().enumerate() {
        assert!(
            r.get("error").is_none(),
            "request {i} {}: {r}",
            state.doc.requests[i]
        );
    }
}

/// The time panels' chart `key` ("tasks", "metric", ...).
fn chart<'a>(state: &'a State, key: &str) -> &'a time_view::Chart {
    state
        .derived
        .time
        .charts
        .iter()
        .find(|c| c.key == key)
        .unwrap()
}

fn desired_series(state: &State) -> Vec<f64> {
    let time = &state.derived.time;
    let chart = time.charts.iter().find(|c| c.key == "tasks").unwrap();
    chart.lines[0].points.iter().map(|p| p.1).collect()
}

#[test]
fn every_time_lesson_opens_and_plays_without_an_error() {
    assert_eq!(scenarios::time_lessons().len(), 5);
    for sc in scenarios::time_lessons() {
        assert!(!sc.title.is_empty() && sc.lesson.len() > 200, "{}", sc.name);
        assert!(scenarios::list().iter().any(|(n, _)| *n == sc.name));
        assert!(
            scenarios::is_time_lesson(sc.name),
            "{} is shown by the clock",
            sc.name
        );
        let s = lesson(sc.name);
        no_errors(&s);
        assert!(s.derived.time.used, "{}", sc.name);
        let s = play(s, 600, 12);
        no_errors(&s);
        assert_eq!(s.derived.time.now, 7200, "{}", sc.name);
        assert!(!s.derived.time.charts.is_empty());
        assert!(
            !s.derived.time.events.is_empty(),
            "{}: the timeline",
            sc.name
        );
    }
    for sc in scenarios::all() {
        assert!(!scenarios::is_time_lesson(sc.name), "{}", sc.name);
    }
    for name in [
        "daily-wave",
        "spike-step",
        "scale-from-zero",
        "fargate-spot",
        "az-outage",
    ] {
        assert!(scenarios::get(name).is_some(), "{name}");
    }
}

#[test]
fn playing_records_one_advance_and_a_replay_gives_the_same_simulation() {
    for sc in scenarios::time_lessons() {
        let before = sc.doc.requests.len();
        // Uneven steps, as a real frame rate gives (whole ticks of 5 s, as the page sends).
        let mut s = lesson(sc.name);
        s = apply(s, [Action::SetClockPlaying(true)]);
        for k in 0..60 {
            s = apply(s, [Action::TickClock([5, 15, 60, 300, 35][k % 5])]);
        }
        assert_eq!(
            s.doc.requests.len(),
            before + 1,
            "{}: merged into one request",
            sc.name
        );
        let total: i64 = (0..60).map(|k| [5, 15, 60, 300, 35][k % 5]).sum();
        assert_eq!(
            s.doc.requests.last().unwrap(),
            &json!({"AdvanceTime": {"seconds": total}})
        );
        let replayed = State::new(s.doc.clone(), s.run.clone());
        assert_eq!(
            output(&s),
            output(&replayed),
            "{}: live and replayed differ",
            sc.name
        );
        assert_eq!(
            s.derived.time, replayed.derived.time,
            "{}: views differ",
            sc.name
        );
        // And the export runs the same with ecs-sim.
        let text = serde_json::to_string(&s.doc.to_scenario()).unwrap();
        let scenario = ecs_playground::sim::scenario::read(&text).expect("ecs-sim reads it");
        let cli = ecs_playground::sim::scenario::run(&scenario, false);
        assert_eq!(cli["timeline"], output(&s)["timeline"], "{}", sc.name);
        assert_eq!(cli["state"], output(&s)["state"], "{}", sc.name);
    }
}

#[test]
fn one_play_is_one_undo_step_and_step_is_one_minute() {
    let s = lesson("daily-wave");
    let doc0 = s.doc.clone();
    let s = play(s, 300, 10);
    assert_eq!(s.derived.time.now, 3000);
    let s = apply(s, [Action::StepClock]);
    assert_eq!(s.derived.time.now, 3060);
    assert_eq!(
        s.doc.requests.last().unwrap(),
        &json!({"AdvanceTime": {"seconds": 3060}})
    );
    let s = apply(s, [Action::Undo]);
    assert_eq!(s.derived.time.now, 3000, "Step was its own undo step");
    let s = apply(s, [Action::Undo]);
    assert_eq!(s.doc, doc0, "the whole Play was one undo step");
    assert_eq!(s.derived.time.now, 0);
    let s = apply(s, [Action::Redo]);
    assert_eq!(s.derived.time.now, 3000);
}

#[test]
fn an_old_state_acted_on_again_replays_instead_of_reusing_the_moved_simulation() {
    let s = lesson("spike-step");
    let a = apply(s.clone(), [Action::TickClock(600)]);
    let b = apply(s.clone(), [Action::TickClock(120)]);
    assert_eq!(a.derived.time.now, 600);
    assert_eq!(b.derived.time.now, 120);
    let fresh = State::new(b.doc.clone(), b.run.clone());
    assert_eq!(output(&b), output(&fresh));
    // The newest state still moves on in place.
    let b2 = apply(b, [Action::TickClock(60)]);
    assert_eq!(b2.derived.time.now, 180);
}

#[test]
fn daily_wave_scales_out_in_the_morning_and_in_at_night() {
    let s = play(lesson("daily-wave"), 3600, 24);
    no_errors(&s);
    let desired = desired_series(&s);
    let peak = desired.iter().cloned().fold(0.0, f64::max);
    assert!(peak >= 10.0, "about 12 tasks at noon: {peak}");
    assert!(
        *desired.last().unwrap() <= 4.0,
        "back down at midnight: {desired:?}"
    );
    let web = &s.derived.time.services[0];
    let scaling = web.scaling.as_ref().unwrap();
    assert_eq!((scaling.min, scaling.max), (2, 16));
    assert_eq!(scaling.policies[0].kind, "Target tracking");
    assert!(scaling.policies[0].summary.contains("average CPU at 50%"));
    // Each activity explains itself: datapoints against the target, and the new count.
    let out = scaling
        .activities
        .iter()
        .find(|a| a.cause.contains("AlarmHigh"))
        .expect("a scale-out");
    assert!(
        out.details.contains("target 50%") && out.details.contains("->"),
        "{}",
        out.details
    );
    assert!(scaling
        .activities
        .iter()
        .any(|a| a.cause.contains("AlarmLow")));
    let metric = chart(&s, "metric");
    assert!(metric.title.contains("CPUUtilization"));
    assert!(metric.lines.iter().any(|l| l.label == "target 50"));
    assert!(metric.caption.contains("target 50"), "{}", metric.caption);
    let events = &s.derived.time.events;
    assert!(events.iter().any(|e| e.kind == EventKind::Scaling));
    assert!(events
        .iter()
        .any(|e| e.kind == EventKind::Service && e.text.contains("has started")));
    assert!(
        events.windows(2).all(|w| w[0].at >= w[1].at),
        "newest first"
    );
}

#[test]
fn spike_step_alarms_go_to_alarm_and_steps_add_tasks() {
    let s = play(lesson("spike-step"), 60, 60);
    no_errors(&s);
    let observed = &s.derived.replayed.observed;
    assert!(observed.iter().any(|o| matches!(o, Observed::Alarm { name, to: "ALARM", at, .. } if name == "web-cpu-high" && *at > 600)), "{observed:?}");
    let desired = desired_series(&s);
    assert_eq!(desired[5], 3.0);
    assert!(
        desired.iter().cloned().fold(0.0, f64::max) >= 9.0,
        "{desired:?}"
    );
    assert!(
        *desired.last().unwrap() < 9.0,
        "scales in after the spike: {desired:?}"
    );
    let scaling = s.derived.time.services[0].scaling.clone().unwrap();
    assert_eq!(scaling.alarms.len(), 2);
    assert!(scaling.alarms[0].summary.contains("CPUUtilization >= 60"));
    let a = scaling
        .activities
        .iter()
        .find(|a| a.cause.contains("web-cpu-high"))
        .unwrap();
    assert!(!a.details.is_empty());
    assert!(s
        .derived
        .time
        .events
        .iter()
        .any(|e| e.kind == EventKind::Alarm && e.text.contains("to ALARM")));
}

#[test]
fn scale_from_zero_launches_instances_and_reports_the_reservation() {
    // The first minute: no instance (N 0), tasks waiting (M > 0): the caption next to the
    // 200% says it is ECS's defined value, not a division by zero.
    let first = play(lesson("scale-from-zero"), 60, 1);
    let caption = &first
        .derived
        .time
        .charts
        .iter()
        .find(|c| c.key == "reservation")
        .unwrap()
        .caption;
    assert!(
        caption.contains("200%")
            && caption.contains("ECS defines CapacityProviderReservation as 200% here"),
        "{caption}"
    );
    let s = play(lesson("scale-from-zero"), 300, 48);
    no_errors(&s);
    let chart = |key: &str| {
        s.derived
            .time
            .charts
            .iter()
            .find(|c| c.key == key)
            .unwrap()
            .clone()
    };
    let cpr = chart("reservation");
    assert!(
        cpr.lines[0].points.iter().any(|p| p.1 == 200.0),
        "CPR 200 from zero"
    );
    let instances: Vec<f64> = chart("instances").lines[0]
        .points
        .iter()
        .map(|p| p.1)
        .collect();
    assert_eq!(instances[0], 0.0);
    assert!(
        instances.contains(&2.0) && instances.contains(&4.0),
        "{instances:?}"
    );
    let from_zero = s
        .derived
        .time
        .events
        .iter()
        .find(|e| e.kind == EventKind::Capacity && e.text.contains("from 0 to 2"))
        .expect("the scale-out from zero is on the timeline");
    // 200% with N 0 is ECS's defined value, not M ÷ N: the detail says so.
    let why = from_zero.detail.as_deref().unwrap_or_default();
    assert!(
        why.contains("/ N 0 running")
            && why.contains("ECS defines CapacityProviderReservation as 200% here, not M ÷ N"),
        "{why}"
    );
    assert!(s.derived.time.cost.ec2 > 0.0);
    assert_eq!(s.derived.time.cost.by_type[0].0, "m5.large");
}

#[test]
fn fargate_spot_splits_by_base_and_weight_and_replaces_interrupted_tasks() {
    let s = lesson("fargate-spot");
    let s = play(s, 60, 2);
    let app = &s.derived.time.services[0];
    assert_eq!(app.running, 10);
    assert_eq!(app.spot_tasks, 6);
    assert_eq!(app.launch, "FARGATE base 2 weight 1, FARGATE_SPOT weight 3");
    let s = apply(
        s,
        [Action::Send(vec![time_forms::interrupt_spot("app", 1)])],
    );
    assert!(s.notice.is_none(), "{:?}", s.notice);
    let s = play(s, 60, 4);
    let app = &s.derived.time.services[0];
    assert_eq!(app.running, 10, "the service replaced the Spot task");
    let interrupted = s
        .derived
        .replayed
        .sim
        .borrow()
        .cluster
        .tasks
        .iter()
        .filter(|t| t.lifecycle.stop_code.as_deref() == Some("SpotInterruption"))
        .count();
    assert!(interrupted >= 1, "{interrupted}");
    // The cluster draws the Fargate tasks in their zones' lanes, Spot ones marked.
    let lanes: Vec<usize> = s
        .derived
        .cluster
        .zones
        .iter()
        .map(|z| z.fargate.len())
        .collect();
    assert_eq!(lanes.iter().sum::<usize>(), 10, "{lanes:?}");
    assert!(
        lanes.iter().all(|&n| n >= 3),
        "spread over the zones: {lanes:?}"
    );
    let spot = s
        .derived
        .cluster
        .zones
        .iter()
        .flat_map(|z| &z.fargate)
        .filter(|t| t.capacity_provider.as_deref() == Some("FARGATE_SPOT"))
        .count();
    assert_eq!(spot, 6);
    let cost = &s.derived.time.cost;
    assert!(cost.fargate > 0.0 && cost.fargate_spot > 0.0 && cost.ec2 == 0.0);
    assert!(
        cost.rate_fargate_spot < cost.rate_fargate * 1.5 * 0.5,
        "Spot is cheaper per task"
    );
}

/// A filter that hides every event says so (and names itself), rather than "no events".
#[test]
fn the_timeline_filter_says_what_it_hides() {
    use ecs_playground::ui::components::time::timeline_log::empty_message;
    let fresh = lesson("fargate-spot");
    let s = play(fresh, 60, 2);
    let time = &s.derived.time;
    assert!(!time.events.is_empty());
    assert!(time.events.iter().all(|e| e.kind != EventKind::Capacity));
    let text = empty_message(time, Some(EventKind::Capacity));
    assert!(
        text.starts_with("No Capacity event yet.")
            && text.contains("\"Show: Capacity\" filter hides the other"),
        "{text}"
    );
    assert!(!text.contains("Press Play"), "{text}");
    let before = lesson("az-outage");
    assert!(before.derived.time.now == 0);
    if before.derived.time.events.is_empty() {
        assert_eq!(
            empty_message(&before.derived.time, None),
            "No events yet. Press Play time."
        );
    }
}

/// The lesson's "about N% less" is the discount of the prices the cost meter uses.
#[test]
fn the_fargate_spot_lesson_states_the_engines_discount() {
    use ecs_playground::sim::time::fargate::{
        FARGATE_GB_HOUR, FARGATE_SPOT_GB_HOUR, FARGATE_SPOT_VCPU_HOUR, FARGATE_VCPU_HOUR,
    };
    let vcpu = 100.0 * (1.0 - FARGATE_SPOT_VCPU_HOUR / FARGATE_VCPU_HOUR);
    let gb = 100.0 * (1.0 - FARGATE_SPOT_GB_HOUR / FARGATE_GB_HOUR);
    assert_eq!(vcpu.round(), gb.round(), "one discount for both units");
    let text = scenarios::get("fargate-spot").unwrap().lesson;
    let said = format!("about {}% less", vcpu.round());
    assert!(text.contains(&said), "{said} not in: {text}");
}

#[test]
fn an_az_outage_moves_the_tasks_to_the_other_zones() {
    let s = play(lesson("az-outage"), 60, 3);
    let zones = &s.derived.time.zones;
    assert_eq!(zones.len(), 3);
    let s = apply(
        s,
        [Action::Send(vec![time_forms::zone_request(
            "us-east-1b",
            true,
        )])],
    );
    assert!(s.notice.is_none(), "{:?}", s.notice);
    assert!(s
        .derived
        .time
        .zones
        .iter()
        .any(|(z, failed)| z == "us-east-1b" && *failed));
    let s = play(s, 60, 3);
    assert_eq!(s.derived.time.services[0].running, 6);
    let sim = s.derived.replayed.sim.borrow();
    let by_zone = |z: &str| {
        sim.cluster
            .running_tasks()
            .filter(|t| t.availability_zone == z)
            .count()
    };
    assert_eq!(by_zone("us-east-1b"), 0);
    assert_eq!((by_zone("us-east-1a"), by_zone("us-east-1c")), (3, 3));
    drop(sim);
    // The cluster view says what the engine says of the zone and its instances: failed,
    // unreachable (agent disconnected), tasks stopped; never a plain ACTIVE.
    let cluster = &s.derived.cluster;
    let failed = cluster
        .zones
        .iter()
        .find(|z| z.name == "us-east-1b")
        .unwrap();
    assert!(failed.failed);
    assert!(!failed.instances.is_empty());
    for i in &failed.instances {
        assert!(i.zone_failed && !i.agent_connected, "{i:?}");
        assert_eq!(i.condition(), InstanceCondition::ZoneFailed);
        assert_ne!(i.condition().badge(), "● ACTIVE");
    }
    assert_eq!(
        failed
            .instances
            .iter()
            .map(|i| i.stopped_by_zone_failure)
            .sum::<usize>(),
        2
    );
    for z in cluster.zones.iter().filter(|z| z.name != "us-east-1b") {
        assert!(!z.failed);
        assert!(z
            .instances
            .iter()
            .all(|i| i.condition() == InstanceCondition::Active));
    }
    let failure = s
        .derived
        .time
        .events
        .iter()
        .find(|e| e.kind == EventKind::Request)
        .expect("the failure is on the timeline");
    assert_eq!(failure.at, 180);
    assert!(
        failure
            .text
            .starts_with("us-east-1b failed (simulated outage): 2 tasks stopped"),
        "{}",
        failure.text
    );
}

#[test]
fn the_load_picker_builds_requests_the_engine_accepts() {
    for kind in LoadKind::ALL {
        assert_eq!(LoadKind::from_key(kind.key()), Some(kind));
        let form = LoadForm {
            kind,
            ..LoadForm::default()
        };
        let request = form.request("web", 600);
        let s = apply(lesson("az-outage"), [Action::Send(vec![request.clone()])]);
        assert!(s.notice.is_none(), "{kind:?}: {:?}", s.notice);
        let load = &s.derived.time.services[0].load;
        match kind {
            LoadKind::PinnedCpu => {
                assert_eq!(request["SetLoad"]["CPUUtilization"], 70.0);
                assert!(load.contains("CPU pinned at 70%"), "{load}");
            }
            LoadKind::Constant => assert!(load.contains("constant 2,000 requests/min"), "{load}"),
            LoadKind::Daily => assert!(load.contains("daily wave of 500 to 5,000"), "{load}"),
            LoadKind::Spike => {
                assert_eq!(request["SetLoad"]["requestsPerMinute"]["spike"]["at"], 900);
                assert!(
                    load.contains("spike to 6,000 at 00:15:00 for 20 min"),
                    "{load}"
                );
            }
        }
    }
    // Out-of-range numbers are clamped to what SetLoad accepts.
    let form = LoadForm {
        kind: LoadKind::PinnedCpu,
        cpu: 250.0,
        ..LoadForm::default()
    };
    assert_eq!(form.request("web", 0)["SetLoad"]["CPUUtilization"], 100.0);
}

#[test]
fn the_service_panel_creates_updates_and_deploys() {
    // EC2 with the lesson's instances.
    let s = lesson("az-outage");
    let form = ServiceForm {
        name: "api".into(),
        family: "web".into(),
        desired: 2,
        ..ServiceForm::default()
    };
    let zones = s.doc.availability_zones.clone();
    let s = apply(s, [Action::Send(vec![form.request(&zones, false)])]);
    assert!(s.notice.is_none(), "{:?}", s.notice);
    let s = play(s, 60, 2);
    let api = s
        .derived
        .time
        .services
        .iter()
        .find(|x| x.name == "api")
        .unwrap();
    assert_eq!((api.desired, api.running), (2, 2));
    let s = apply(
        s,
        [Action::Send(vec![time_forms::update_desired("api", 4)])],
    );
    let s = play(s, 60, 1);
    let api = s
        .derived
        .time
        .services
        .iter()
        .find(|x| x.name == "api")
        .unwrap();
    assert_eq!(api.running, 4);
    // A new revision from the editor: a rolling deployment.
    let mut text: Value = serde_json::from_str(&s.doc.task_definition_text).unwrap();
    text["containerDefinitions"][0]["image"] = json!("nginx:1.27");
    let s = apply(
        s,
        [
            Action::EditTaskDefinition(serde_json::to_string_pretty(&text).unwrap()),
            Action::DeployRevision("api".into()),
        ],
    );
    assert!(s.notice.is_none(), "{:?}", s.notice);
    let api = s
        .derived
        .time
        .services
        .iter()
        .find(|x| x.name == "api")
        .unwrap();
    assert_eq!(api.task_definition, "web:2");
    assert!(
        api.deployments.len() == 2 && api.deployments[0].starts_with("PRIMARY web:2"),
        "{:?}",
        api.deployments
    );
    let s = play(s, 60, 5);
    let api = s
        .derived
        .time
        .services
        .iter()
        .find(|x| x.name == "api")
        .unwrap();
    assert_eq!(api.deployments.len(), 1, "{:?}", api.deployments);
    assert!(s
        .derived
        .time
        .events
        .iter()
        .any(|e| e.text.contains("deployment completed")));

    // Fargate, Fargate and Spot, and a capacity provider.
    for (lesson_name, launch, family) in [
        ("fargate-spot", LaunchChoice::Fargate, "app"),
        ("fargate-spot", LaunchChoice::FargateAndSpot, "app"),
        (
            "scale-from-zero",
            LaunchChoice::Provider("cp-web".into()),
            "web",
        ),
    ] {
        let s = lesson(lesson_name);
        let form = ServiceForm {
            name: "extra".into(),
            family: family.into(),
            desired: 4,
            launch: launch.clone(),
            ..ServiceForm::default()
        };
        assert_eq!(LaunchChoice::from_key(&launch.key()), launch);
        let awsvpc = family == "app";
        let zones = s.doc.availability_zones.clone();
        let s = apply(s, [Action::Send(vec![form.request(&zones, awsvpc)])]);
        assert!(s.notice.is_none(), "{launch:?}: {:?}", s.notice);
        let s = play(s, 300, 2);
        let extra = s
            .derived
            .time
            .services
            .iter()
            .find(|x| x.name == "extra")
            .unwrap();
        assert_eq!(extra.running, 4, "{launch:?}");
    }
}

#[test]
fn the_scaling_editor_builds_target_tracking_and_step_policies() {
    for choice in [PolicyChoice::TargetTracking, PolicyChoice::Step] {
        let s = apply(
            lesson("az-outage"),
            [Action::Send(vec![LoadForm {
                kind: LoadKind::PinnedCpu,
                cpu: 90.0,
                ..LoadForm::default()
            }
            .request("web", 0)])],
        );
        let form = ScalingForm {
            choice,
            min: 6,
            max: 12,
            ..ScalingForm::default()
        };
        let requests = form.requests("web");
        assert_eq!(
            requests.len(),
            if choice == PolicyChoice::Step { 5 } else { 2 }
        );
        let s = apply(s, [Action::Send(requests)]);
        assert!(s.notice.is_none(), "{choice:?}: {:?}", s.notice);
        let s = play(s, 60, 6);
        let scaling = s.derived.time.services[0].scaling.clone().unwrap();
        let activity = scaling.activities.last().expect("a scale-out");
        assert!(
            activity.description.starts_with("Setting desired count to"),
            "{activity:?}"
        );
        assert!(!activity.details.is_empty());
        assert!(s.derived.time.services[0].desired > 6, "{choice:?}");
    }
    // A refused request becomes a notice and changes nothing else.
    let s = apply(
        lesson("az-outage"),
        [Action::Send(vec![
            json!({"PutScalingPolicy": {"PolicyName": "x", "ServiceNamespace": "ecs",
            "ResourceId": "service/default/web", "ScalableDimension": "ecs:service:DesiredCount",
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingScalingPolicyConfiguration": {"TargetValue": 50,
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"}}}}),
        ])],
    );
    let notice = s.notice.expect("refused");
    assert!(
        notice.text.contains("ObjectNotFoundException"),
        "{}",
        notice.text
    );
}

#[test]
fn advances_merge_within_seven_days() {
    let mut requests = vec![json!({"RunTask": {}})];
    assert!(!time_run::record_advance(&mut requests, true, 60));
    assert!(time_run::record_advance(&mut requests, true, 60));
    assert_eq!(requests[1], json!({"AdvanceTime": {"seconds": 120}}));
    assert!(
        !time_run::record_advance(&mut requests, false, 60),
        "not after a refused one"
    );
    assert!(!time_run::record_advance(&mut requests, true, 7 * 86_400));
    assert_eq!(requests.len(), 4);
    assert_eq!(time_run::traced_index(&requests), Some(0));
    assert_eq!(time_run::advance_seconds(&json!({"seconds": 0})), None);
    assert_eq!(
        time_run::advance_seconds(&json!({"seconds": 5, "x": 1})),
        None
    );
}

#[test]
fn the_clock_carries_fractions_of_a_second() {
    let mut carry = 0.0;
    let at_1x: Vec<i64> = (0..40)
        .map(|_| time_forms::seconds_for(250.0, 1, &mut carry))
        .collect();
    assert_eq!(
        at_1x.iter().sum::<i64>(),
        10,
        "40 frames of 250 ms at 1x are 10 s"
    );
    assert!(
        at_1x.iter().all(|s| s % 5 == 0),
        "whole ticks only: {at_1x:?}"
    );
    let mut carry = 0.0;
    assert_eq!(time_forms::seconds_for(250.0, 3600, &mut carry), 900);
    assert_eq!(time_forms::seconds_for(f64::NAN, 3600, &mut carry), 0);
    assert_eq!(
        time_forms::seconds_for(60_000.0, 60, &mut carry),
        60,
        "a stalled tab does not jump"
    );
    assert!(time_forms::SPEEDS.iter().any(|(s, _)| *s == 3600));
    let s = apply(lesson("daily-wave"), [Action::SetClockSpeed(3600)]);
    assert_eq!(s.clock_speed, 3600);
    let s = apply(s, [Action::SetClockSpeed(7)]);
    assert_eq!(s.clock_speed, time_forms::DEFAULT_SPEED);
}

#[test]
fn words_and_numbers() {
    assert_eq!(time_view::clock_text(0), "Day 1 · 00:00:00");
    assert_eq!(time_view::clock_text(86_400 + 3723), "Day 2 · 01:02:03");
    assert_eq!(time_view::event_time(3723), "01:02:03");
    assert_eq!(time_view::event_time(86_400), "Day 2 00:00:00");
    assert_eq!(time_view::duration_text(3600 + 120), "1 h 2 min");
    assert_eq!(time_view::duration_text(0), "0 s");
    assert_eq!(time_view::num(1234567.0), "1,234,567");
    assert_eq!(time_view::num(12.34), "12.3");
    assert_eq!(time_view::usd(1.234), "$1.23");
    assert_eq!(time_view::usd(0.00123), "$0.0012");
}

#[test]
fn a_placement_document_has_no_time_panels_to_fill() {
    let doc = Doc::default();
    let view = {
        let r = doc.replay();
        let sim = r.sim.borrow();
        TimeView::build(&sim, &r.observed, None)
    };
    assert!(!view.used);
    assert!(view.services.is_empty() && view.events.is_empty());
    assert_eq!(view.clock, "Day 1 · 00:00:00");
}

#[test]
fn selecting_a_service_changes_what_the_charts_show() {
    let s = lesson("az-outage");
    let form = ServiceForm {
        name: "api".into(),
        family: "web".into(),
        desired: 1,
        ..ServiceForm::default()
    };
    let zones = s.doc.availability_zones.clone();
    let s = apply(s, [Action::Send(vec![form.request(&zones, false)])]);
    let s = play(s, 60, 2);
    assert!(s.derived.time.charts[0].title.contains("web"));
    let s = apply(s, [Action::SelectService(Some("api".into()))]);
    assert_eq!(s.derived.time.selected_service().unwrap().name, "api");
    assert!(s.derived.time.charts[0].title.contains("api"));
    assert!(
        s.derived.time.charts[0]
            .caption
            .contains("desired 1, running 1"),
        "{}",
        s.derived.time.charts[0].caption
    );
}

#[test]
fn chart_axes_have_round_ticks_and_short_labels() {
    use ecs_playground::ui::components::time::charts::{
        minute_label, tick_step, value_label, y_ticks,
    };
    assert_eq!(y_ticks(5.0, true), vec![0.0, 2.0, 4.0]);
    assert_eq!(y_ticks(10.0, true), vec![0.0, 5.0, 10.0]);
    assert_eq!(y_ticks(100.0, false), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
    let small = y_ticks(0.1, false);
    assert_eq!(small.len(), 5);
    assert!((small[3] - 0.075).abs() < 1e-12);
    assert_eq!(value_label(0.025, "USD"), "$0.025");
    assert_eq!(value_label(2.0, "USD"), "$2");
    assert_eq!(value_label(7.5, "tasks"), "7.5");
    assert_eq!(minute_label(90.0), "01:30");
    assert_eq!(minute_label(1440.0 + 360.0), "D2 06:00");
    assert_eq!(tick_step(60.0, 5.0), 15.0);
    assert_eq!(tick_step(1440.0, 6.0), 360.0);
}

/// A service's load model, the scaling policies (name and kind) and the alarms.
type WhatRuns = (
    Option<ecs_playground::sim::time::load::LoadModel>,
    Vec<(String, String)>,
    Vec<String>,
);

fn what_runs(sim: &ecs_playground::sim::time::Simulation, service: &str) -> WhatRuns {
    let load = sim
        .services
        .iter()
        .find(|x| x.name == service)
        .map(|x| x.load.clone());
    let policies = sim
        .scaling
        .policies
        .iter()
        .map(|p| {
            (
                p.policy.name.clone(),
                format!("{:?}", std::mem::discriminant(&p.policy.kind)),
            )
        })
        .collect();
    let alarms = sim.alarms.iter().map(|a| a.name.clone()).collect();
    (load, policies, alarms)
}

/// The load picker and the scaling editor start from what the service runs: sending them
/// unedited keeps the load model and adds no policy or alarm (a lesson's spike stayed a
/// spike, and "Save scaling policy" no longer added a third policy).
#[test]
fn the_time_forms_show_what_runs_and_saving_them_unedited_changes_nothing() {
    for sc in scenarios::time_lessons() {
        let s = play(lesson(sc.name), 60, 30);
        let services = s.derived.time.services.clone();
        assert!(!services.is_empty(), "{}", sc.name);
        for service in services {
            let before = what_runs(&s.derived.replayed.sim.borrow(), &service.name);
            // A service with no load yet shows the picker's suggestion: sending it sets one.
            let has_load = before
                .0
                .as_ref()
                .is_some_and(|l| l.requests.is_some() || l.cpu_pinned.is_some());
            let mut requests = Vec::new();
            if has_load {
                requests.push(service.load_form.request(&service.name, s.derived.time.now));
            }
            if service
                .scaling
                .as_ref()
                .is_some_and(|sc| !sc.policies.is_empty())
            {
                requests.extend(service.scaling_form.requests(&service.name));
            }
            let t = apply(s.clone(), [Action::Send(requests)]);
            no_errors(&t);
            let after = what_runs(&t.derived.replayed.sim.borrow(), &service.name);
            assert_eq!(
                after.0, before.0,
                "{}: {} load unchanged",
                sc.name, service.name
            );
            assert_eq!(after.1, before.1, "{}: the same policies", sc.name);
            assert_eq!(after.2, before.2, "{}: the same alarms", sc.name);
        }
    }
}

/// The daily wave's lesson, on the engine's own minute-by-minute timeline: each step up
/// follows 3 minutes of average CPU above 50%, each step down at least 15 minutes below 45%
/// (quick out, cautious in), and the count follows the wave up in the morning and down in
/// the evening.
#[test]
fn daily_wave_scales_out_quickly_and_in_cautiously_as_its_lesson_says() {
    let s = play(lesson("daily-wave"), 3600, 24);
    let sim = s.derived.replayed.sim.borrow();
    let points: Vec<(i64, u32, f64)> = sim
        .timeline
        .iter()
        .filter_map(|e| {
            let p = e.services.first()?;
            Some((e.time, p.desired, p.metrics.cpu?))
        })
        .collect();
    assert!(
        points.len() > 1000,
        "a minute-by-minute day: {}",
        points.len()
    );
    let (mut ups, mut downs) = (0, 0);
    for k in 15..points.len() {
        let (at, desired, _) = points[k];
        let before = points[k - 1].1;
        if desired > before {
            ups += 1;
            // The minute's own datapoint is the third (the alarm reads the minute that ended).
            assert!(
                points[k - 2..=k].iter().all(|p| p.2 > 50.0),
                "a step up at {at} without 3 datapoints above 50%: {:?}",
                &points[k - 2..=k]
            );
        } else if desired < before {
            downs += 1;
            assert!(
                points[k - 14..=k].iter().all(|p| p.2 < 45.0),
                "a step down at {at} without 15 datapoints below 45%"
            );
        }
    }
    assert!(
        ups >= 3 && downs >= 3,
        "it scales both ways: {ups} up, {downs} down"
    );
    let lesson = scenarios::get("daily-wave").unwrap().lesson;
    assert!(
        lesson.contains("3 one-minute datapoints") && lesson.contains("15 datapoints below 45%"),
        "{lesson}"
    );
}

/// Scale from zero, as its lesson says: at 03:00 the service goes back from 12 tasks to 6;
/// binpack picks the tasks to stop on the instances with the most left after each stop,
/// so two instances empty out (not 2-1-2-1), the reservation drops and managed scaling
/// removes them.
#[test]
fn scale_from_zero_scales_in_by_emptying_instances() {
    let s = play(lesson("scale-from-zero"), 300, 60);
    no_errors(&s);
    let sim = s.derived.replayed.sim.borrow();
    let at = |minute: i64| {
        sim.timeline
            .iter()
            .find(|e| e.time == minute * 60)
            .map(|e| (e.instances, e.services.first().map_or(0, |p| p.running)))
            .unwrap()
    };
    assert_eq!(at(150), (4, 12), "12 tasks on 4 instances before 03:00");
    assert_eq!(at(240), (2, 6), "6 tasks on 2 instances an hour later");
    let tasks: Vec<usize> = s
        .derived
        .cluster
        .instances()
        .map(|i| i.tasks.len())
        .collect();
    assert_eq!(
        tasks,
        vec![3, 3],
        "the instances left are full, the others emptied and went"
    );
    assert!(
        s.derived
            .time
            .events
            .iter()
            .any(|e| e.kind == EventKind::Capacity && e.text.contains("from 4 to 2")),
        "the capacity event says so"
    );
}

/// The zone outage, as its lesson says: the stops and the replacements' start are in the
/// same minute of the timeline, and the CPU datapoints stay at 50% (a replacement starts in
/// 30 seconds, before the minute's datapoint); the lesson says so and names today's
/// AvailabilityZoneRebalancing, which the playground does not simulate.
#[test]
fn an_az_outage_shows_what_its_lesson_says() {
    let s = play(lesson("az-outage"), 60, 3);
    let s = apply(
        s,
        [Action::Send(vec![time_forms::zone_request(
            "us-east-1b",
            true,
        )])],
    );
    let s = play(s, 60, 5);
    let events = &s.derived.time.events;
    let failed_at = events
        .iter()
        .find(|e| e.text.contains("us-east-1b failed"))
        .unwrap()
        .at;
    assert!(events
        .iter()
        .any(|e| e.at == failed_at && e.text.contains("has started 2 tasks")));
    let sim = s.derived.replayed.sim.borrow();
    assert!(sim
        .timeline
        .iter()
        .all(|e| e.services[0].metrics.cpu == Some(50.0)));
    let lesson = scenarios::get("az-outage").unwrap().lesson;
    assert!(
        lesson.contains("the CPU chart stays at 50%")
            && lesson.contains("AvailabilityZoneRebalancing"),
        "{lesson}"
    );
}

/// Spike with step scaling: the lesson names the speed to watch at, and the chart draws
/// the scale-out alarm's threshold apart from the scale-in one (colour, dash, words).
#[test]
fn spike_step_thresholds_are_drawn_apart_and_the_speed_is_named() {
    let s = play(lesson("spike-step"), 60, 20);
    let metric = chart(&s, "metric");
    let high = metric
        .lines
        .iter()
        .find(|l| l.label.starts_with("web-cpu-high"))
        .unwrap();
    let low = metric
        .lines
        .iter()
        .find(|l| l.label.starts_with("web-cpu-low"))
        .unwrap();
    assert!(
        high.label.contains("scale out above 60") && low.label.contains("scale in below 30"),
        "{} / {}",
        high.label,
        low.label
    );
    assert_ne!((high.color, &high.style), (low.color, &low.style));
    let lesson = scenarios::get("spike-step").unwrap().lesson;
    assert!(
        lesson.contains("1 minute per second") && lesson.contains("red dotted"),
        "{lesson}"
    );
    assert!(time_forms::SPEEDS
        .iter()
        .any(|(_, name)| *name == "1 minute per second"));
}

/// Fargate + Spot, as its lesson says: every interruption shows its two-minute warning and
/// its stop on the timeline (random ones too), and the service panel counts tasks per
/// provider (4 FARGATE, 6 FARGATE_SPOT) so the split is read, not counted from badges.
#[test]
fn fargate_spot_shows_every_warning_and_stop_and_the_split() {
    let s = play(lesson("fargate-spot"), 60, 2);
    let web = &s.derived.time.services[0];
    assert_eq!(
        web.by_provider,
        vec![("FARGATE".to_string(), 4), ("FARGATE_SPOT".to_string(), 6)]
    );
    let s = apply(
        s,
        [Action::Send(vec![time_forms::interrupt_spot("app", 1)])],
    );
    assert_eq!(s.derived.time.services[0].warned, 1);
    let s = play(s, 60, 4);
    let events = &s.derived.time.events;
    let warning = events
        .iter()
        .find(|e| e.text.contains("gets the two-minute warning"))
        .expect("the warning");
    let stop = events
        .iter()
        .find(|e| {
            e.text
                .contains("stopped: \"Your Spot Task was interrupted.\"")
        })
        .expect("the stop");
    assert_eq!(
        stop.at - warning.at,
        120,
        "{} / {}",
        warning.text,
        stop.text
    );
    // The random ones (about one an hour per four Spot tasks): each warned task stops too.
    let s = play(s, 600, 36);
    let events = &s.derived.time.events;
    let warnings = events
        .iter()
        .filter(|e| e.text.contains("gets the two-minute warning"))
        .count();
    let stops = events
        .iter()
        .filter(|e| e.text.contains("Your Spot Task was interrupted"))
        .count();
    assert!(
        warnings >= 3,
        "random interruptions over 6 hours: {warnings}"
    );
    assert!(
        stops + 1 >= warnings && stops <= warnings,
        "{warnings} warnings, {stops} stops"
    );
}
