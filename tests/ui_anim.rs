//! The decision animation (`ui::anim`) against real RunTask responses from the engine, and
//! the decision panel rendered natively with yew's server renderer.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use ecs_playground::sim::api;
use ecs_playground::sim::cluster::{Cluster, InstanceSpec};
use ecs_playground::ui::anim::{self, phase_count, thousands, view_at, Mark, PhaseView, Story};
use ecs_playground::ui::components::decision::{Decision, DecisionProps};
use proptest::prelude::*;
use serde_json::{json, Value};
use yew::Callback;

// ---------- a real cluster, driven through the API ----------

/// A cluster from instance specs written as JSON (the scenario file's shape).
fn cluster(seed: u64, specs: Value) -> Cluster {
    let mut c = Cluster::new(seed);
    for spec in specs.as_array().expect("specs are an array") {
        let spec: InstanceSpec = serde_json::from_value(spec.clone()).expect("instance spec");
        c.register_instance(&spec).expect("instance registers");
    }
    c
}

/// Calls an operation and returns its response body (the test fails on an API error).
fn call(c: &mut Cluster, op: &str, body: Value) -> Value {
    let out = api::dispatch(c, op, &body, true);
    assert!(out.get("error").is_none(), "{op} failed: {out}");
    out[op].clone()
}

fn web_task_definition(family: &str, memory: u32) -> Value {
    json!({
        "family": family,
        "containerDefinitions": [{
            "name": "app", "image": "nginx", "cpu": 256, "memory": memory,
            "portMappings": [{"containerPort": 80, "hostPort": 0}]
        }]
    })
}

/// Four instances: i-3 has only 300 MiB, i-4 is a dev instance (ruled out by memberOf),
/// i-2 has less memory than i-1 (binpack prefers it).
fn playground() -> Cluster {
    let mut c = cluster(
        11,
        json!([
            {"ec2InstanceId": "i-1", "availabilityZone": "us-east-1a", "instanceType": "m5.large", "attributes": {"stack": "prod"}},
            {"ec2InstanceId": "i-2", "availabilityZone": "us-east-1b", "registeredResources": {"cpu": 2048, "memory": 4096}, "attributes": {"stack": "prod"}},
            {"ec2InstanceId": "i-3", "availabilityZone": "us-east-1c", "registeredResources": {"cpu": 2048, "memory": 300}, "attributes": {"stack": "prod"}},
            {"ec2InstanceId": "i-4", "availabilityZone": "us-east-1a", "instanceType": "m5.large", "attributes": {"stack": "dev"}}
        ]),
    );
    call(
        &mut c,
        "RegisterTaskDefinition",
        web_task_definition("web", 512),
    );
    call(
        &mut c,
        "RegisterTaskDefinition",
        web_task_definition("big", 9000),
    );
    c
}

/// RunTask of 3 web tasks with spread by AZ then binpack on memory, prod instances only.
fn two_strategy_run() -> Value {
    let mut c = playground();
    call(
        &mut c,
        "RunTask",
        json!({
            "taskDefinition": "web", "count": 3,
            "placementStrategy": [
                {"type": "spread", "field": "attribute:ecs.availability-zone"},
                {"type": "binpack", "field": "memory"}
            ],
            "placementConstraints": [{"type": "memberOf", "expression": "attribute:stack == prod"}]
        }),
    )
}

fn placed_on(response: &Value) -> Vec<String> {
    response["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["ec2InstanceId"].as_str())
        .map(str::to_string)
        .collect()
}

fn why(view: &PhaseView, id: &str) -> String {
    match view.marks.get(id) {
        Some(Mark::Filtered { why }) => why.clone(),
        other => panic!("{id} should be filtered at '{}', is {other:?}", view.title),
    }
}

fn note(view: &PhaseView, id: &str) -> String {
    match view.marks.get(id) {
        Some(Mark::Survivor { note }) => note.clone(),
        other => panic!(
            "{id} should be a survivor at '{}', is {other:?}",
            view.title
        ),
    }
}

/// The steps at which each task's story ends (its Placed / NotPlaced phase).
fn outcome_steps(response: &Value) -> Vec<usize> {
    let story = Story::read(response);
    let mut ends: Vec<usize> = story
        .task_starts()
        .into_iter()
        .skip(1)
        .map(|s| s - 1)
        .collect();
    ends.push(story.phase_count() - 1);
    ends
}

// ---------- phases of a two-strategy RunTask ----------

#[test]
fn two_strategies_make_six_phases_per_task() {
    let r = two_strategy_run();
    assert_eq!(placed_on(&r).len(), 3, "{r}");
    // Candidates, resources, constraints, spread, binpack, placed; no tie (binpack decides).
    assert_eq!(phase_count(&r), 18);
    let titles: Vec<String> = (0..6).map(|s| view_at(&r, s).title).collect();
    assert_eq!(
        titles,
        [
            "Task 1 of 3 — step 1 of 6: candidates",
            "Task 1 of 3 — step 2 of 6: resources",
            "Task 1 of 3 — step 3 of 6: constraints",
            "Task 1 of 3 — step 4 of 6: spread by attribute:ecs.availability-zone",
            "Task 1 of 3 — step 5 of 6: binpack on memory",
            "Task 1 of 3 — step 6 of 6: placed on i-2",
        ]
    );
    assert_eq!(
        view_at(&r, 8).title,
        "Task 2 of 3 — step 3 of 6: constraints"
    );
    // Clamped to the last step.
    assert_eq!(view_at(&r, 1000), view_at(&r, 17));
    // The dispatcher's wrapper reads the same.
    assert_eq!(phase_count(&json!({"RunTask": r.clone()})), 18);
}

#[test]
fn candidates_phase_outlines_every_instance() {
    let r = two_strategy_run();
    let v = view_at(&r, 0);
    assert_eq!(v.marks.len(), 4);
    assert!(
        v.marks.values().all(|m| *m == Mark::Candidate),
        "{:?}",
        v.marks
    );
    assert!(
        v.narration
            .contains("256 CPU units, 512 MiB and 1 dynamic host port"),
        "{}",
        v.narration
    );
    assert!(v.narration.contains("all 4 instances"), "{}", v.narration);
}

#[test]
fn resources_phase_filters_with_the_memory_numbers() {
    let r = two_strategy_run();
    let v = view_at(&r, 1);
    assert_eq!(why(&v, "i-3"), "memory: needs 512 MiB, 300 MiB free");
    for id in ["i-1", "i-2", "i-4"] {
        assert_eq!(v.marks.get(id), Some(&Mark::Candidate), "{id}");
    }
    assert!(
        v.narration.starts_with("3 instances of 4 have"),
        "{}",
        v.narration
    );
    assert!(
        v.narration
            .contains("Ruled out: i-3 (memory: needs 512 MiB, 300 MiB free)"),
        "{}",
        v.narration
    );
}

#[test]
fn constraints_phase_filters_with_the_cql_explanation() {
    let r = two_strategy_run();
    let v = view_at(&r, 2);
    let w = why(&v, "i-4");
    assert!(w.starts_with("memberOf (attribute:stack == prod): "), "{w}");
    assert!(
        w.contains("dev"),
        "the explanation names the instance's value: {w}"
    );
    // Still greyed from the resources phase.
    assert!(why(&v, "i-3").contains("300 MiB"));
    assert!(
        v.narration
            .contains("2 instances of 3 meet the placement constraints"),
        "{}",
        v.narration
    );
}

#[test]
fn spread_phase_writes_counts_per_zone() {
    let r = two_strategy_run();
    // Task 1: nothing placed yet, both AZs of the candidates have 0 tasks.
    let v = view_at(&r, 3);
    assert_eq!(note(&v, "i-1"), "us-east-1a: 0 tasks of family:web");
    assert_eq!(note(&v, "i-2"), "us-east-1b: 0 tasks of family:web");
    assert_eq!(
        v.zone_notes.get("us-east-1a").map(String::as_str),
        Some("0 tasks of family:web (fewest)")
    );
    assert_eq!(
        v.zone_notes.get("us-east-1b").map(String::as_str),
        Some("0 tasks of family:web (fewest)")
    );
    // us-east-1c's only instance was ruled out before the strategies: no count for it.
    assert!(
        !v.zone_notes.contains_key("us-east-1c"),
        "{:?}",
        v.zone_notes
    );

    // Task 2: task 1 went to us-east-1b, so spread keeps us-east-1a only.
    let first = placed_on(&r)[0].clone();
    assert_eq!(first, "i-2");
    let v = view_at(&r, 9);
    assert!(
        v.title.starts_with("Task 2 of 3 — step 4 of 6: spread"),
        "{}",
        v.title
    );
    assert_eq!(
        v.zone_notes.get("us-east-1a").map(String::as_str),
        Some("0 tasks of family:web (fewest)")
    );
    assert_eq!(
        v.zone_notes.get("us-east-1b").map(String::as_str),
        Some("1 task of family:web")
    );
    assert_eq!(
        why(&v, "i-2"),
        "us-east-1b: 1 task of family:web, more than the fewest (0)"
    );
    assert_eq!(note(&v, "i-1"), "us-east-1a: 0 tasks of family:web");
    assert!(
        v.narration.starts_with(
            "Strategy 1 of 2: Spread by attribute:ecs.availability-zone: us-east-1a has the fewest"
        ),
        "{}",
        v.narration
    );
}

#[test]
fn binpack_phase_shows_memory_left_after_placing() {
    let r = two_strategy_run();
    let scores = &r["trace"][0]["strategies"][1]["scores"];
    let left = |id: &str| {
        scores
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["ec2InstanceId"] == id)
            .and_then(|s| s["score"].as_i64())
            .unwrap()
    };
    let v = view_at(&r, 4);
    assert_eq!(left("i-2"), 4096 - 512);
    assert_eq!(note(&v, "i-2"), "3,584 MiB left after placing (the least)");
    assert_eq!(
        why(&v, "i-1"),
        format!(
            "{} MiB left after placing, more than the least (3,584 MiB)",
            thousands(left("i-1"))
        )
    );
    assert!(
        v.zone_notes.is_empty(),
        "zone notes belong to the spread phase"
    );
}

#[test]
fn the_chosen_instance_is_the_one_each_task_runs_on() {
    let r = two_strategy_run();
    let placed = placed_on(&r);
    let ends = outcome_steps(&r);
    assert_eq!(ends, [5, 11, 17]);
    for (k, (step, id)) in ends.iter().zip(&placed).enumerate() {
        let v = view_at(&r, *step);
        let chosen: Vec<&String> = v
            .marks
            .iter()
            .filter(|(_, m)| **m == Mark::Chosen)
            .map(|(id, _)| id)
            .collect();
        assert_eq!(chosen, [id], "task {}", k + 1);
        let az = r["tasks"][k]["availabilityZone"].as_str().unwrap();
        assert_eq!(
            v.narration,
            format!("Task {} placed on {id} in {az}.", k + 1)
        );
        // Everyone else carries a reason.
        assert!(
            v.marks
                .values()
                .all(|m| matches!(m, Mark::Chosen | Mark::Filtered { .. })),
            "{:?}",
            v.marks
        );
    }
}

#[test]
fn each_placed_step_flies_in_its_own_task_and_no_other_step_does() {
    let r = two_strategy_run();
    let ends = outcome_steps(&r);
    for step in 0..phase_count(&r) {
        let arriving = view_at(&r, step).arriving;
        match ends.iter().position(|&e| e == step) {
            Some(k) => assert_eq!(
                arriving.as_deref(),
                r["tasks"][k]["taskArn"].as_str(),
                "step {step}: task {}",
                k + 1
            ),
            None => assert_eq!(arriving, None, "step {step}"),
        }
    }
}

#[test]
fn tasks_not_placed_yet_in_the_story_are_pending_until_their_placed_step() {
    let r = two_strategy_run();
    let arn = |k: usize| r["tasks"][k]["taskArn"].as_str().unwrap().to_string();
    let ends = outcome_steps(&r);
    let pending = |step: usize| view_at(&r, step).pending.into_iter().collect::<Vec<_>>();
    let mut all = vec![arn(0), arn(1), arn(2)];
    all.sort();
    assert_eq!(pending(0), all, "before anything is placed");
    // At task 1's placed step it arrives; tasks 2 and 3 are still to come.
    let mut rest = vec![arn(1), arn(2)];
    rest.sort();
    assert_eq!(pending(ends[0]), rest);
    assert_eq!(pending(ends[0] + 1), rest, "task 2's first step");
    assert_eq!(pending(ends[2]), Vec::<String>::new(), "the last step");
}

// ---------- failures, drained instances, random and ties ----------

#[test]
fn failure_phase_speaks_ecs_reason() {
    let mut c = playground();
    let r = call(&mut c, "RunTask", json!({"taskDefinition": "big"}));
    assert_eq!(r["failures"][0]["reason"], "RESOURCE:MEMORY", "{r}");
    let last = phase_count(&r) - 1;
    assert_eq!(last, 3, "candidates, resources, constraints, not placed");
    let v = view_at(&r, last);
    assert_eq!(v.title, "Task 1 of 1 — step 4 of 4: not placed");
    assert!(
        v.narration.starts_with("Task 1 not placed. No instance met all requirements: closest i-1, RESOURCE:MEMORY (memory: needs 9,000 MiB,"),
        "{}",
        v.narration
    );
    assert!(
        why(&v, "i-1").starts_with("closest match — memory: needs 9,000 MiB"),
        "{}",
        why(&v, "i-1")
    );
    // Every instance is greyed with its own numbers.
    assert_eq!(why(&v, "i-3"), "memory: needs 9,000 MiB, 300 MiB free");
}

#[test]
fn constraint_failure_names_the_memberof_reason() {
    let mut c = playground();
    let r = call(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "web", "placementConstraints": [{"type": "memberOf", "expression": "attribute:stack == qa"}]}),
    );
    let v = view_at(&r, phase_count(&r) - 1);
    assert!(
        v.narration
            .contains("MemberOf placement constraint unsatisfied"),
        "{}",
        v.narration
    );
    assert!(v.narration.contains("closest i-1"), "{}", v.narration);
}

#[test]
fn draining_instance_is_filtered_by_the_status_check() {
    let mut c = playground();
    call(
        &mut c,
        "UpdateContainerInstancesState",
        json!({"containerInstances": ["i-1"], "status": "DRAINING"}),
    );
    let r = call(&mut c, "RunTask", json!({"taskDefinition": "web"}));
    let v = view_at(&r, 1);
    let w = why(&v, "i-1");
    assert!(w.starts_with("status: ") && w.contains("DRAINING"), "{w}");
}

#[test]
fn default_random_strategy_and_tie_break_have_their_own_words() {
    // No strategy given: ECS's default for RunTask is random.
    let mut c = playground();
    let r = call(&mut c, "RunTask", json!({"taskDefinition": "web"}));
    let v = view_at(&r, 3);
    assert!(v.title.ends_with("random"), "{}", v.title);
    let chosen = placed_on(&r)[0].clone();
    assert_eq!(note(&v, &chosen), "picked at random (seeded)");
    assert!(v.marks.values().any(|m| *m
        == Mark::Filtered {
            why: "not picked at random (seeded)".into()
        }));

    // Spread by AZ over three empty AZs: a three-way tie, broken at random.
    let mut c = cluster(
        3,
        json!([
            {"ec2InstanceId": "i-a", "availabilityZone": "us-east-1a", "instanceType": "m5.large"},
            {"ec2InstanceId": "i-b", "availabilityZone": "us-east-1b", "instanceType": "m5.large"},
            {"ec2InstanceId": "i-c", "availabilityZone": "us-east-1c", "instanceType": "m5.large"}
        ]),
    );
    call(
        &mut c,
        "RegisterTaskDefinition",
        web_task_definition("web", 512),
    );
    let r = call(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "web", "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}]}),
    );
    assert_eq!(
        phase_count(&r),
        6,
        "candidates, resources, constraints, spread, tie-break, placed"
    );
    let v = view_at(&r, 4);
    assert_eq!(v.title, "Task 1 of 1 — step 5 of 6: tie-break");
    assert!(
        v.narration
            .starts_with("Still tied after the strategies: i-a, i-b, i-c."),
        "{}",
        v.narration
    );
    let v = view_at(&r, 5);
    let losers: Vec<_> = v
        .marks
        .values()
        .filter(|m| matches!(m, Mark::Filtered { why } if why.contains("tie-break")))
        .collect();
    assert_eq!(losers.len(), 2, "{:?}", v.marks);
}

#[test]
fn rejected_and_empty_responses_have_no_phases_but_say_why() {
    let mut c = playground();
    let rejected = api::dispatch(&mut c, "RunTask", &json!({"taskDefinition": "nope"}), true);
    assert_eq!(phase_count(&rejected), 0);
    let v = view_at(&rejected, 0);
    assert_eq!(v.title, "RunTask was rejected");
    assert!(
        v.narration.contains("TaskDefinition not found"),
        "{}",
        v.narration
    );
    assert_eq!(view_at(&Value::Null, 3).title, "No decision yet");
}

// ---------- never panic ----------

#[test]
fn odd_json_never_panics() {
    let odd = [
        json!(null),
        json!(42),
        json!("trace"),
        json!([]),
        json!({"trace": 5}),
        json!({"trace": [1, "x", null, [], true]}),
        json!({"trace": [{}]}),
        json!({"RunTask": {"trace": [{"instances": "x", "strategies": {}, "chosen": 7, "failure": "f"}]}}),
        json!({"trace": [{"instances": [{"ec2InstanceId": 9}, {"ec2InstanceId": "i-1", "checks": [{"ok": false}], "constraints": [{"ok": "no"}]}]}]}),
        json!({"trace": [{"instances": [{"ec2InstanceId": "i-1", "checks": [{"name": "memory", "unit": "MiB", "requested": 1e300, "available": -5, "ok": false}]}]}]}),
        json!({"trace": [{"strategies": [{"type": "spread", "scores": [{"ec2InstanceId": "i-1"}], "survivors": ["i-9", 3], "counts": {"a": "b"}}, {"type": 5}, {"type": "binpack", "field": "cpu", "scores": [{"ec2InstanceId": "i-1", "score": i64::MIN}]}], "tieBreak": ["i-1", "i-2"], "chosen": "i-zz"}]}),
        json!({"trace": [{"failure": {"ec2InstanceId": "ghost", "reason": "."}, "requested": {"staticPorts": [[1], ["tcp", -1], "x"], "dynamicPorts": "x", "cpu": "1"}}]}),
        json!({"error": 3}),
        json!({"error": {"code": 1}}),
    ];
    for v in &odd {
        exercise(v);
    }
    assert_eq!(phase_count(&json!({"trace": [{}]})), 4);
    assert_eq!(thousands(i64::MIN), "-9,223,372,036,854,775,808");
}

/// Every public entry point on every step, plus a few past the end.
fn exercise(v: &Value) {
    let n = phase_count(v);
    for step in (0..n + 2).chain([usize::MAX]) {
        let view = view_at(v, step);
        assert!(!view.title.is_empty(), "empty title for {v} at {step}");
    }
    let story = Story::read(v);
    let _ = story.task_starts();
    for t in &story.tasks {
        let _ = t.failure_words();
        for s in &t.strategies {
            let _ = s.sentence(&t.group);
        }
        for i in &t.instances {
            let _ = (i.resource_words(), i.constraint_words());
        }
    }
}

/// JSON values built from the trace's own keys, so the fuzzing reaches the readers.
fn trace_like() -> impl Strategy<Value = Value> {
    let keys = prop::sample::select(vec![
        "trace",
        "instances",
        "ec2InstanceId",
        "checks",
        "constraints",
        "name",
        "requested",
        "available",
        "unit",
        "ok",
        "message",
        "passedResources",
        "passedConstraints",
        "strategies",
        "type",
        "field",
        "scores",
        "value",
        "score",
        "counts",
        "survivors",
        "tieBreak",
        "chosen",
        "failure",
        "reason",
        "group",
        "memory",
        "cpu",
        "staticPorts",
        "dynamicPorts",
        "availabilityZone",
        "expression",
        "error",
        "RunTask",
    ]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        prop::sample::select(vec![
            "i-1",
            "i-2",
            "spread",
            "binpack",
            "random",
            "memory",
            "cpu",
            "MiB",
            "",
            "attribute:ecs.availability-zone"
        ])
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6).prop_map(|m| Value::Object(
                m.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_json_never_panics(v in trace_like()) {
        exercise(&v);
        exercise(&json!({"trace": [v.clone()]}));
        exercise(&json!({"trace": [{"instances": [v.clone()], "strategies": [v]}]}));
    }
}

// ---------- the panel, rendered natively ----------

fn props(
    response: Option<Value>,
    step: usize,
    playing: bool,
    selected: Option<&str>,
) -> DecisionProps {
    DecisionProps {
        response: response.map(Rc::new),
        step,
        playing,
        speed: 1.0,
        on_step: Callback::noop(),
        on_play: Callback::noop(),
        on_speed: Callback::noop(),
        selected_instance: selected.map(str::to_string),
        on_select_instance: Callback::noop(),
        predict: false,
        guesses: Default::default(),
        on_predict: Callback::noop(),
    }
}

async fn render(
    response: Option<Value>,
    step: usize,
    playing: bool,
    selected: Option<&'static str>,
) -> String {
    yew::ServerRenderer::<Decision>::with_props(move || props(response, step, playing, selected))
        .render()
        .await
}

#[tokio::test]
async fn panel_has_controls_narration_and_verdicts() {
    let r = two_strategy_run();
    let html = render(Some(r.clone()), 1, false, None).await;
    for needle in [
        "<span>Play</span>",
        "<span>Step</span>",
        "<span>Back</span>",
        "0.5x",
        "4x",
        "Step 2 of 18",
        "aria-live=\"polite\"",
        "Task 1 of 3 — step 2 of 6: resources",
        "memory: needs 512 MiB, 300 MiB free",
        "Why not here?",
        "aria-label=\"Why not here? i-3\"",
    ] {
        assert!(html.contains(needle), "missing {needle:?} in {html}");
    }
    assert!(!html.contains("<table"), "why-not-here is closed");
    let playing = render(Some(r), 1, true, None).await;
    assert!(
        playing.contains("<span>Pause</span>") && !playing.contains("<span>Play</span>"),
        "{playing}"
    );
}

#[tokio::test]
async fn why_not_here_lists_every_check_of_the_instance() {
    let r = two_strategy_run();
    let html = render(Some(r), 4, false, Some("i-3")).await;
    for needle in [
        "Why not here? i-3 (task 1 of 3)",
        // i-1 lost to binpack: a strategy passes it over, it was not ruled out.
        "<strong>Passed over</strong>: 7,473 MiB left after placing",
        "<table",
        "Resource checks (step 1)",
        ">status<",
        ">cpu<",
        ">memory<",
        ">dynamicPorts<",
        "512 MiB",
        "300 MiB",
        "✗",
        "fails",
        "passes",
        "Placement constraints (step 2)",
        "attribute:stack == prod",
        "not compared: ruled out before",
        "Close",
    ] {
        assert!(html.contains(needle), "missing {needle:?} in {html}");
    }
    // The Needs and Free columns say it with separators; the engine's plain sentence
    // ("memory: needs 512 MiB, only 300 free") is not repeated beside them.
    assert!(!html.contains("only 300 free"), "{html}");
}

#[tokio::test]
async fn why_not_here_counts_the_free_static_ports() {
    let mut c = playground();
    call(
        &mut c,
        "RegisterTaskDefinition",
        json!({"family": "fixed", "containerDefinitions": [{
            "name": "app", "image": "nginx", "cpu": 128, "memory": 128,
            "portMappings": [{"containerPort": 8080, "hostPort": 8080}]
        }]}),
    );
    call(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "fixed", "placementConstraints": [{"type": "memberOf", "expression": "ec2InstanceId == i-1"}]}),
    );
    let r = call(&mut c, "RunTask", json!({"taskDefinition": "fixed"}));
    let html = render(Some(r), 1, false, Some("i-1")).await;
    for needle in [
        ">ports<",
        ">1 host port<",
        ">0 of 1<",
        "host port 8080/tcp is already used by a running task",
    ] {
        assert!(html.contains(needle), "missing {needle:?} in {html}");
    }
}

#[tokio::test]
async fn why_here_shows_the_strategy_scores_of_the_chosen_instance() {
    let r = two_strategy_run();
    let html = render(Some(r), 5, false, Some("i-2")).await;
    for needle in [
        "spread by attribute:ecs.availability-zone",
        "us-east-1b: 0 tasks of family:web",
        "3,584 MiB left after placing",
        "Why here? i-2 (task 1 of 3)",
        "kept",
        "chosen: the task goes here",
    ] {
        assert!(html.contains(needle), "missing {needle:?} in {html}");
    }
}

#[tokio::test]
async fn panel_shows_ecs_reason_and_message_for_an_unplaced_task() {
    let mut c = playground();
    let r = call(&mut c, "RunTask", json!({"taskDefinition": "big"}));
    let message = r["trace"][0]["failure"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    let html = render(Some(r), 3, false, None).await;
    assert!(
        html.contains("<code class=\"decision-reason\">RESOURCE:MEMORY</code>"),
        "{html}"
    );
    assert!(
        html.contains(&message),
        "the service-event message, verbatim: {html}"
    );
}

#[tokio::test]
async fn panel_without_response_invites_a_run() {
    let html = render(None, 0, false, None).await;
    assert!(html.contains("No decision yet"), "{html}");
    assert!(
        html.contains("disabled"),
        "controls are disabled without a decision: {html}"
    );
    let odd = render(
        Some(json!({"trace": [7, {"instances": 3}]})),
        99,
        true,
        Some("i-1"),
    )
    .await;
    assert!(odd.contains("Why not here? i-1"), "{odd}");
}

#[test]
fn anim_helpers_write_units() {
    assert_eq!(anim::amount(1, "CPU units"), "1 CPU unit");
    assert_eq!(anim::amount(2048, "CPU units"), "2,048 CPU units");
    assert_eq!(anim::amount(0, "MiB"), "0 MiB");
    assert_eq!(anim::list(&["a".into(), "b".into()]), "a, b");
}

// ---------- the instance card as of the step on show ----------

#[tokio::test]
async fn a_card_counts_tasks_not_placed_yet_as_free_and_draws_them_as_ghosts() {
    use ecs_playground::ui::components::cluster_model::ClusterModel;
    use ecs_playground::ui::components::instance_card::{InstanceCard, InstanceCardProps};

    let mut c = cluster(
        3,
        json!([{"ec2InstanceId": "i-1", "availabilityZone": "us-east-1a", "registeredResources": {"cpu": 2048, "memory": 4096}}]),
    );
    call(
        &mut c,
        "RegisterTaskDefinition",
        web_task_definition("web", 512),
    );
    let r = call(
        &mut c,
        "RunTask",
        json!({"taskDefinition": "web", "count": 2}),
    );
    let model = ClusterModel::build(&c, &["us-east-1a".to_string()]);
    let instance = model.instance("i-1").expect("i-1 is drawn").clone();
    let card = |pending: Vec<String>| {
        let instance = instance.clone();
        yew::ServerRenderer::<InstanceCard>::with_props(move || InstanceCardProps {
            instance,
            mark: Mark::Idle,
            arriving: None,
            pending,
            selected: false,
            on_action: Callback::noop(),
        })
        .render()
    };
    let second = r["tasks"][1]["taskArn"].as_str().unwrap().to_string();

    let after = card(Vec::new()).await;
    assert!(after.contains("1,024 / 4,096 MiB"), "{after}");
    assert!(after.contains("512 / 2,048 CPU units"), "{after}");
    assert!(!after.contains("pending"), "{after}");

    // While the story has placed only the first task, the second one's share is still free.
    let during = card(vec![second]).await;
    assert!(during.contains("512 / 4,096 MiB"), "{during}");
    assert!(during.contains("256 / 2,048 CPU units"), "{during}");
    assert_eq!(
        during.matches("segment family-0 pending").count(),
        2,
        "{during}"
    );
    assert_eq!(
        during.matches("chip family-0 pending").count(),
        1,
        "{during}"
    );
}
