//! The playground's reducer, share links and built-in scenarios, natively: every change is
//! an ECS request the engine replays, so these tests check the requests and what the engine
//! made of them.

use std::rc::Rc;

use ecs_playground::ui::doc::Doc;
use ecs_playground::ui::scenarios;
use ecs_playground::ui::share;
use ecs_playground::ui::state::{
    Action, ConstraintRule, NoticeKind, RunForm, Startup, State, StrategyRule, Tab,
};
use serde_json::{json, Value};
use yew::Reducible;

fn apply(state: State, actions: impl IntoIterator<Item = Action>) -> State {
    let mut s = Rc::new(state);
    for a in actions {
        s = s.reduce(a);
    }
    Rc::try_unwrap(s).unwrap_or_else(|rc| (*rc).clone())
}

fn scenario_state(name: &str) -> State {
    let sc = scenarios::get(name).expect("scenario exists");
    State::new(sc.doc, sc.run)
}

fn ops(state: &State) -> Vec<String> {
    state
        .doc
        .requests
        .iter()
        .map(|r| r.as_object().unwrap().keys().next().unwrap().clone())
        .collect()
}

fn last_run(state: &State) -> Value {
    state
        .derived
        .replayed
        .responses
        .last()
        .and_then(|r| r.get("RunTask"))
        .cloned()
        .expect("a RunTask response")
}

fn placed_on(state: &State) -> Vec<String> {
    last_run(state)["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ec2InstanceId"].as_str().unwrap().to_string())
        .collect()
}

fn failure_reasons(state: &State) -> Vec<String> {
    last_run(state)["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["reason"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_scenario_replays_and_runs_without_an_error() {
    assert!(scenarios::all().len() >= 5);
    for required in [
        "binpack-vs-spread",
        "dynamic-ports-alb",
        "distinct-instance",
        "member-of-cql",
        "port-conflict",
    ] {
        assert!(scenarios::get(required).is_some(), "{required} is missing");
    }
    for sc in scenarios::all() {
        assert!(
            !sc.title.is_empty() && sc.lesson.len() > 80,
            "{}: title and lesson",
            sc.name
        );
        let state = State::new(sc.doc.clone(), sc.run.clone());
        for r in &state.derived.replayed.responses {
            assert!(r.get("error").is_none(), "{}: {r}", sc.name);
        }
        let state = apply(state, [Action::Run]);
        assert!(state.notice.is_none(), "{}: {:?}", sc.name, state.notice);
        for r in &state.derived.replayed.responses {
            assert!(r.get("error").is_none(), "{}: {r}", sc.name);
        }
        assert!(
            state.derived.decision.is_some(),
            "{}: the run has a decision to show",
            sc.name
        );
        assert!(
            state.playing && state.step == 0,
            "{}: the animation starts",
            sc.name
        );
    }
}

#[test]
fn scenarios_teach_what_their_lessons_say() {
    let s = apply(scenario_state("binpack-vs-spread"), [Action::Run]);
    assert_eq!(
        placed_on(&s),
        ["i-3", "i-3", "i-3"],
        "binpack memory fills the t3.medium"
    );
    let s = apply(
        s,
        [
            Action::Undo,
            Action::SetStrategy(0, StrategyRule::spread("attribute:ecs.availability-zone")),
            Action::Run,
        ],
    );
    let mut zones = placed_on(&s);
    zones.sort();
    assert_eq!(
        zones,
        ["i-1", "i-2", "i-3"],
        "spread puts one task in each zone"
    );

    let s = apply(scenario_state("distinct-instance"), [Action::Run]);
    assert_eq!(placed_on(&s).len(), 3);
    assert_eq!(failure_reasons(&s).len(), 1);
    assert!(
        failure_reasons(&s)[0].starts_with("DistinctInstance"),
        "{:?}",
        failure_reasons(&s)
    );

    let s = apply(scenario_state("member-of-cql"), [Action::Run]);
    assert_eq!(placed_on(&s), ["i-1", "i-1"]);

    let s = apply(scenario_state("port-conflict"), [Action::Run]);
    assert_eq!(placed_on(&s).len(), 2);
    assert_eq!(failure_reasons(&s), ["RESOURCE:PORTS"]);

    let s = scenario_state("dynamic-ports-alb");
    let targets: Vec<String> = s.derived.targets[0]
        .targets
        .iter()
        .map(|t| t.label.clone())
        .collect();
    assert_eq!(targets.len(), 4);
    assert!(
        targets.contains(&"i-1:32768".to_string()) && targets.contains(&"i-1:32769".to_string()),
        "{targets:?}"
    );
    assert_eq!(s.derived.targets[0].ports_to_allow, "32768-60999");

    let s = apply(scenario_state("awsvpc-eni"), [Action::Run]);
    assert_eq!(placed_on(&s).len(), 4);
    assert_eq!(failure_reasons(&s), ["RESOURCE:ENI"]);
    assert_eq!(s.derived.targets[0].target_type, "ip");
    assert!(s.derived.targets[0].targets[0].label.ends_with(":8080"));
}

#[test]
fn run_registers_the_task_definition_once_then_runs() {
    let s = apply(scenario_state("binpack-vs-spread"), [Action::Run]);
    assert_eq!(ops(&s), ["RegisterTaskDefinition", "RunTask"]);
    let s = apply(s, [Action::Run]);
    assert_eq!(
        ops(&s),
        ["RegisterTaskDefinition", "RunTask", "RunTask"],
        "same text: no new revision"
    );
    let text = s
        .doc
        .task_definition_text
        .replace("\"memory\": 512", "\"memory\": 256");
    let s = apply(s, [Action::EditTaskDefinition(text), Action::Run]);
    assert_eq!(
        ops(&s),
        [
            "RegisterTaskDefinition",
            "RunTask",
            "RunTask",
            "RegisterTaskDefinition",
            "RunTask"
        ]
    );
    let run = s.doc.requests.last().unwrap();
    assert_eq!(run["RunTask"]["taskDefinition"], "web");
    assert_eq!(run["RunTask"]["count"], 3);
    assert_eq!(
        run["RunTask"]["placementStrategy"],
        json!([{"type": "binpack", "field": "memory"}])
    );
    assert!(run["RunTask"].get("networkConfiguration").is_none());
}

#[test]
fn run_with_a_broken_task_definition_keeps_everything_and_says_so() {
    let s = scenario_state("binpack-vs-spread");
    let s = apply(
        s,
        [
            Action::EditTaskDefinition("{ \"family\": ".into()),
            Action::Run,
        ],
    );
    assert!(s.doc.requests.is_empty(), "nothing was sent");
    assert_eq!(
        s.doc.task_definition_text, "{ \"family\": ",
        "the text is kept"
    );
    let notice = s.notice.expect("a notice");
    assert_eq!(notice.kind, NoticeKind::Error);
    assert!(
        notice.text.contains("Fix the task definition"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("line 1"), "{}", notice.text);
}

#[test]
fn awsvpc_runs_get_a_subnet_per_zone() {
    let s = apply(scenario_state("awsvpc-eni"), [Action::Run]);
    let run = s.doc.requests.last().unwrap();
    assert_eq!(
        run["RunTask"]["networkConfiguration"],
        json!({"awsvpcConfiguration": {"subnets": ["subnet-us-east-1a", "subnet-us-east-1b"]}})
    );
}

#[test]
fn a_bad_cql_expression_stops_the_run_with_its_column() {
    let s = scenario_state("member-of-cql");
    let s = apply(
        s,
        [
            Action::SetConstraint(
                0,
                ConstraintRule::MemberOf {
                    expression: "attribute:stack ==".into(),
                },
            ),
            Action::Run,
        ],
    );
    assert!(s.doc.requests.is_empty());
    let text = s.notice.unwrap().text;
    assert!(text.contains("column"), "{text}");
}

#[test]
fn building_the_cluster_appends_requests() {
    let s = State::new(
        Doc {
            task_definition_text: scenarios::STARTER_TASK_DEFINITION.into(),
            ..Doc::default()
        },
        RunForm::default(),
    );
    let s = apply(
        s,
        [
            Action::AddInstance {
                zone: "us-east-1a".into(),
                instance_type: "m5.large".into(),
            },
            Action::AddInstance {
                zone: "us-east-1b".into(),
                instance_type: "t3.micro".into(),
            },
            Action::AddZone,
        ],
    );
    assert_eq!(
        s.doc.availability_zones,
        ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"]
    );
    assert_eq!(
        s.doc.requests[0]["RegisterContainerInstance"]["ec2InstanceId"],
        "i-1"
    );
    assert_eq!(
        s.doc.requests[1]["RegisterContainerInstance"]["ec2InstanceId"],
        "i-2"
    );
    let i1 = s.derived.cluster.instance("i-1").unwrap();
    assert_eq!(
        (i1.cpu.registered, i1.memory.registered),
        (2048, 7985),
        "the engine's catalog numbers"
    );

    let s = apply(
        s,
        [
            Action::PutAttribute {
                instance: "i-1".into(),
                name: "stack".into(),
                value: "prod".into(),
            },
            Action::SetDraining {
                instance: "i-2".into(),
                draining: true,
            },
            Action::Run,
        ],
    );
    let i1 = s.derived.cluster.instance("i-1").unwrap();
    assert!(i1
        .custom_attributes()
        .any(|(k, v)| k == "stack" && v.as_deref() == Some("prod")));
    assert!(s.derived.cluster.instance("i-2").unwrap().is_draining());
    assert_eq!(
        placed_on(&s),
        ["i-1", "i-1", "i-1"],
        "the draining instance gets nothing"
    );
    let chip = &s.derived.cluster.instance("i-1").unwrap().tasks[0];
    assert_eq!(chip.family, "web");
    assert_eq!((chip.cpu, chip.memory), (256, 512));
    assert_eq!(chip.host_ports, ["32768"]);

    let arn = chip.task_arn.clone();
    let s = apply(
        s,
        [
            Action::StopTask(arn),
            Action::RemoveAttribute {
                instance: "i-1".into(),
                name: "stack".into(),
            },
        ],
    );
    let i1 = s.derived.cluster.instance("i-1").unwrap();
    assert_eq!(i1.tasks.len(), 2);
    assert_eq!(i1.custom_attributes().count(), 0);

    let s = apply(
        s,
        [
            Action::RemoveInstance("i-1".into()),
            Action::AddInstance {
                zone: "us-east-1a".into(),
                instance_type: "c5.large".into(),
            },
        ],
    );
    assert!(s.derived.cluster.instance("i-1").is_none());
    assert!(
        s.derived.cluster.instance("i-3").is_some(),
        "ids are never reused"
    );
}

#[test]
fn zones_with_instances_are_not_removed() {
    let s = scenario_state("binpack-vs-spread");
    let s = apply(s, [Action::RemoveZone("us-east-1a".into())]);
    assert_eq!(s.doc.availability_zones.len(), 3);
    assert_eq!(s.notice.unwrap().kind, NoticeKind::Error);
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [Action::AddZone, Action::RemoveZone("us-east-1d".into())],
    );
    assert_eq!(s.doc.availability_zones.len(), 3);
    assert!(s.notice.is_none());
}

#[test]
fn an_unknown_instance_type_is_refused_with_a_notice() {
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [Action::AddInstance {
            zone: "us-east-1a".into(),
            instance_type: "x9.huge".into(),
        }],
    );
    assert!(s.doc.requests.is_empty());
    assert_eq!(s.notice.unwrap().kind, NoticeKind::Error);
}

#[test]
fn refused_requests_become_error_notices() {
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [Action::PutAttribute {
            instance: "i-1".into(),
            name: "bad name!".into(),
            value: "x".into(),
        }],
    );
    let n = s.notice.unwrap();
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(n.text.contains("PutAttributes"), "{}", n.text);
}

#[test]
fn undo_and_redo_walk_the_document_history() {
    let s = scenario_state("binpack-vs-spread");
    let original = s.doc.clone();
    assert!(!s.can_undo());
    let s = apply(s, [Action::AddZone, Action::Run]);
    assert_eq!(s.undo.len(), 2, "a run is one step even with two requests");
    let s = apply(s, [Action::Undo]);
    assert!(s.doc.requests.is_empty());
    assert!(s.can_redo());
    let s = apply(s, [Action::Undo]);
    assert_eq!(s.doc, original);
    let s = apply(s, [Action::Redo, Action::Redo]);
    assert_eq!(s.doc.requests.len(), 2);
    let s = apply(s, [Action::Undo, Action::AddZone]);
    assert!(!s.can_redo(), "a new change forgets the redo steps");
}

#[test]
fn typing_in_the_editor_is_one_undo_step() {
    let s = scenario_state("binpack-vs-spread");
    let before = s.doc.task_definition_text.clone();
    let s = apply(
        s,
        [
            Action::EditTaskDefinition(format!("{before} ")),
            Action::EditTaskDefinition(format!("{before}  ")),
        ],
    );
    assert_eq!(s.undo.len(), 1);
    let s = apply(s, [Action::Undo]);
    assert_eq!(s.doc.task_definition_text, before);
}

#[test]
fn the_run_form_is_bounded() {
    let s = scenario_state("binpack-vs-spread");
    let s = apply(s, [Action::SetCount(0)]);
    assert_eq!(s.run.count, 1);
    let s = apply(s, [Action::SetCount(99)]);
    assert_eq!(s.run.count, 10);
    let s = apply(s, (0..8).map(|_| Action::AddStrategy));
    assert_eq!(s.run.strategies.len(), 5);
    let s = apply(
        s,
        [
            Action::MoveStrategy { index: 1, up: true },
            Action::MoveStrategy { index: 0, up: true },
            Action::RemoveStrategy(9),
        ],
    );
    assert_eq!(
        s.run.strategies[0],
        StrategyRule::spread("attribute:ecs.availability-zone")
    );
    assert_eq!(s.run.strategies.len(), 5);
}

#[test]
fn share_links_round_trip_and_broken_ones_keep_the_work() {
    let s = apply(scenario_state("member-of-cql"), [Action::Run]);
    let link = share::encode(&s.doc, &s.run);
    assert!(link.starts_with("#s="));
    assert!(
        link[3..]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "URL-safe"
    );
    let (doc, run) = share::decode(&link).unwrap();
    assert_eq!(doc, s.doc);
    assert_eq!(run.as_ref(), Some(&s.run));

    let opened = apply(
        scenario_state("binpack-vs-spread"),
        [Action::OpenShared(link.clone())],
    );
    assert_eq!(opened.doc, s.doc);
    assert!(opened.can_undo(), "what was there before is one Undo away");

    let cut = &link[..link.len() / 2];
    let kept = apply(
        scenario_state("binpack-vs-spread"),
        [Action::OpenShared(cut.to_string())],
    );
    assert_eq!(kept.doc, scenario_state("binpack-vs-spread").doc);
    let n = kept.notice.unwrap();
    assert_eq!(n.kind, NoticeKind::Error);
    assert!(n.text.contains("unchanged"), "{}", n.text);
    assert!(share::decode("#s=ab$cd")
        .unwrap_err()
        .0
        .contains("character 3"));
}

#[test]
fn base64url_matches_rfc_4648() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(share::base64url_encode(plain.as_bytes()), encoded);
        assert_eq!(share::base64url_decode(encoded).unwrap(), plain.as_bytes());
    }
    assert_eq!(share::base64url_encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(share::base64url_decode("+/8=").unwrap(), [0xfb, 0xff]);
}

#[test]
fn import_reads_scenario_files_and_reports_positions() {
    let text = std::fs::read_to_string("tests/scenarios/three-azs-spread.json").unwrap();
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [Action::Import {
            file_name: "three.json".into(),
            text,
        }],
    );
    assert_eq!(s.notice.as_ref().unwrap().kind, NoticeKind::Success);
    assert_eq!(s.derived.cluster.instances().count(), 3);
    assert!(s.doc.task_definition_text.contains("\"web\""));

    let before = scenario_state("binpack-vs-spread");
    let s = apply(
        before.clone(),
        [Action::Import {
            file_name: "bad.json".into(),
            text: "{\n  \"seed\": 1,\n  oops\n}".into(),
        }],
    );
    assert_eq!(s.doc, before.doc, "current work never replaced on error");
    let text = s.notice.unwrap().text;
    assert!(
        text.contains("bad.json") && text.contains("line 3"),
        "{text}"
    );
}

#[test]
fn export_then_import_gives_the_same_document() {
    let s = apply(
        scenario_state("dynamic-ports-alb"),
        [Action::Run, Action::SetGroup("api".into())],
    );
    let exported = s.export_text();
    // ecs-sim's own reader takes it (the playground's extras are ignored there)
    let scenario =
        ecs_playground::sim::scenario::read(&exported).expect("ecs-sim reads the export");
    assert_eq!(scenario.requests.len(), s.doc.requests.len());
    let t = apply(
        scenario_state("binpack-vs-spread"),
        [Action::Import {
            file_name: "x.json".into(),
            text: exported,
        }],
    );
    assert_eq!(t.doc, s.doc);
    assert_eq!(t.run, s.run, "the run settings come back too");
}

#[test]
fn startup_prefers_links_and_survives_bad_input() {
    let first = State::start(Startup::default());
    assert_eq!(first.lesson.as_ref().unwrap().name, scenarios::DEFAULT);
    assert!(first.notice.is_none());

    let saved = serde_json::to_string(&scenario_state("port-conflict").doc).unwrap();
    let restored = State::start(Startup {
        saved_doc: Some(saved.clone()),
        ..Startup::default()
    });
    assert_eq!(restored.doc, scenario_state("port-conflict").doc);

    let broken = State::start(Startup {
        saved_doc: Some("{not json".into()),
        ..Startup::default()
    });
    assert_eq!(broken.notice.unwrap().kind, NoticeKind::Error);

    let by_name = State::start(Startup {
        saved_doc: Some(saved.clone()),
        scenario: Some("member-of-cql".into()),
        ..Startup::default()
    });
    assert_eq!(by_name.doc, scenario_state("member-of-cql").doc);
    assert!(by_name.can_undo(), "the saved work is one Undo away");

    let unknown = State::start(Startup {
        saved_doc: Some(saved.clone()),
        scenario: Some("nope".into()),
        ..Startup::default()
    });
    assert_eq!(unknown.doc, scenario_state("port-conflict").doc);
    assert_eq!(unknown.notice.unwrap().kind, NoticeKind::Error);

    let bad_link = State::start(Startup {
        saved_doc: Some(saved),
        fragment: "#s=%%%".into(),
        ..Startup::default()
    });
    assert_eq!(bad_link.doc, scenario_state("port-conflict").doc);
    assert_eq!(bad_link.notice.unwrap().kind, NoticeKind::Error);

    let embedded = State::start(Startup {
        embed: true,
        ..Startup::default()
    });
    assert!(embedded.embed);
}

#[test]
fn the_event_log_speaks_plain_words_and_ecs_failures() {
    let s = apply(scenario_state("port-conflict"), [Action::Run]);
    let last = s.derived.log.last().unwrap();
    assert!(
        last.summary.starts_with("Placed 2 of 3 tasks of api"),
        "{}",
        last.summary
    );
    assert_eq!(last.failures.len(), 1);
    assert_eq!(last.failures[0].reason, "RESOURCE:PORTS");
    assert!(
        last.failures[0].detail.contains("Unable to place a task"),
        "{}",
        last.failures[0].detail
    );
    assert!(
        last.narration.contains("Task 1 placed on"),
        "{}",
        last.narration
    );
    assert!(
        last.narration
            .ends_with("A task could not be placed: RESOURCE:PORTS."),
        "{}",
        last.narration
    );
    // ECS's constraint reason ends its own sentence: no second full stop.
    let distinct = apply(scenario_state("distinct-instance"), [Action::Run]);
    let said = &distinct.derived.log.last().unwrap().narration;
    assert!(
        said.ends_with(
            "A task could not be placed: DistinctInstance placement constraint unsatisfied."
        ),
        "{said}"
    );
    let first = &s.derived.log[0];
    assert!(
        first.summary.contains("starts with 2 container instances"),
        "{}",
        first.summary
    );
}

#[test]
fn selecting_a_card_shows_its_checks_on_a_phone() {
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [
            Action::Run,
            Action::SetTab(Tab::Cluster),
            Action::SelectInstance(Some("i-2".into())),
        ],
    );
    assert_eq!(s.selected_instance.as_deref(), Some("i-2"));
    assert_eq!(s.tab, Tab::Decision);
}

// ---------- the Run panel as a service ----------

/// Tasks per zone on the cluster, as drawn.
fn tasks_per_zone(s: &State) -> Vec<(String, usize)> {
    s.derived
        .cluster
        .zones
        .iter()
        .map(|z| {
            (
                z.name.clone(),
                z.instances.iter().map(|i| i.tasks.len()).sum(),
            )
        })
        .collect()
}

#[test]
fn run_as_a_service_creates_it_with_the_builders_then_updates_it() {
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [
            Action::SetStrategy(0, StrategyRule::spread("attribute:ecs.availability-zone")),
            Action::AddConstraint(ConstraintRule::DistinctInstance),
            Action::SetRunAsService(true),
            Action::SetDesired(3),
            Action::Run,
        ],
    );
    assert_eq!(ops(&s), ["RegisterTaskDefinition", "CreateService"]);
    let create = &s.doc.requests[1]["CreateService"];
    assert_eq!(create["serviceName"], "web", "the family's name by default");
    assert_eq!(create["desiredCount"], 3);
    assert_eq!(create["launchType"], "EC2");
    assert_eq!(
        create["placementStrategy"],
        json!([{"type": "spread", "field": "attribute:ecs.availability-zone"}])
    );
    assert_eq!(
        create["placementConstraints"],
        json!([{"type": "distinctInstance"}])
    );
    assert!(
        s.derived.replayed.responses[1].get("error").is_none(),
        "{}",
        s.derived.replayed.responses[1]
    );
    // The decision panel plays the service scheduler's decisions, one per task, each naming
    // the task it started.
    let decision = s.derived.decision.clone().expect("a decision to play");
    let story = ecs_playground::ui::anim::Story::read(&decision);
    assert_eq!(story.tasks.len(), 3);
    let mut chosen: Vec<String> = story
        .tasks
        .iter()
        .filter_map(|t| t.chosen.clone())
        .collect();
    chosen.sort();
    assert_eq!(chosen, ["i-1", "i-2", "i-3"]);
    assert!(story
        .tasks
        .iter()
        .all(|t| t.task_arn.is_some() && t.group == "service:web"));
    assert!(s.playing, "it plays at once, like a RunTask");
    // Spread by zone: one task in each of the three zones.
    assert_eq!(
        tasks_per_zone(&s),
        [
            ("us-east-1a".to_string(), 1),
            ("us-east-1b".to_string(), 1),
            ("us-east-1c".to_string(), 1)
        ]
    );

    // The same button now updates the service: no new revision, so no taskDefinition.
    let s = apply(s, [Action::SetDesired(2), Action::Run]);
    assert_eq!(
        ops(&s),
        ["RegisterTaskDefinition", "CreateService", "UpdateService"]
    );
    let update = &s.doc.requests[2]["UpdateService"];
    assert_eq!(update["service"], "web");
    assert_eq!(update["desiredCount"], 2);
    assert!(update.get("taskDefinition").is_none(), "{update}");
    assert!(
        update.get("placementConstraints").is_none(),
        "unchanged constraints are not sent (they would start a new deployment): {update}"
    );
    assert_eq!(s.derived.time.services[0].desired, 2);
    let left: usize = tasks_per_zone(&s).iter().map(|(_, n)| n).sum();
    assert_eq!(left, 2, "{:?}", tasks_per_zone(&s));

    // Changed constraints are sent.
    let s = apply(s, [Action::RemoveConstraint(0), Action::Run]);
    let update = &s.doc.requests.last().unwrap()["UpdateService"];
    assert_eq!(update["placementConstraints"], json!([]), "{update}");

    // A changed task definition is registered and rolled out by the update.
    let text = s
        .doc
        .task_definition_text
        .replace("\"memory\": 512", "\"memory\": 256");
    let s = apply(s, [Action::EditTaskDefinition(text), Action::Run]);
    let last = s.doc.requests.last().unwrap();
    assert_eq!(last["UpdateService"]["taskDefinition"], "web");
    assert_eq!(
        ops(&s)[4..],
        [
            "RegisterTaskDefinition".to_string(),
            "UpdateService".to_string()
        ]
    );

    // Back to standalone tasks: RunTask again.
    let s = apply(s, [Action::SetRunAsService(false), Action::Run]);
    assert_eq!(ops(&s).last().unwrap(), "RunTask");
}

#[test]
fn the_run_preview_names_the_call_the_button_makes() {
    let s = scenario_state("binpack-vs-spread");
    assert!(s.run_request_preview().unwrap().get("RunTask").is_some());
    let s = apply(s, [Action::SetRunAsService(true)]);
    let preview = s.run_request_preview().unwrap();
    assert_eq!(preview["CreateService"]["desiredCount"], 3);
    let s = apply(s, [Action::Run]);
    assert!(s
        .run_request_preview()
        .unwrap()
        .get("UpdateService")
        .is_some());
}

#[test]
fn a_port_range_template_runs_and_its_card_shows_the_host_port_range() {
    let text = ecs_playground::ui::templates::template("udp-port-range")
        .expect("the port range template")
        .text
        .to_string();
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [Action::EditTaskDefinition(text), Action::Run],
    );
    // binpack on memory: all three on i-3; the agent's next-fit gives each task its single
    // port, then 20 contiguous ports for the range.
    let chips = &s.derived.cluster.instance("i-3").unwrap().tasks;
    let ports: Vec<Vec<String>> = chips.iter().map(|c| c.host_ports.clone()).collect();
    assert_eq!(
        ports,
        [
            ["32768", "32769-32788"],
            ["32789", "32790-32809"],
            ["32810", "32811-32830"]
        ]
    );
}

#[test]
fn the_run_outline_says_what_the_request_runs() {
    use ecs_playground::ui::run_form::{request_outline, run_button_label};
    // The lesson's own request: binpack on memory, three tasks.
    let s = scenario_state("binpack-vs-spread");
    let preview = s.run_request_preview().unwrap();
    assert_eq!(request_outline(&preview), "3 tasks · binpack(memory)");
    assert_eq!(run_button_label("RunTask"), "Run task");

    // A service with a chain and both constraints, in ECS's order.
    let s = apply(
        s,
        [
            Action::SetRunAsService(true),
            Action::SetDesired(6),
            Action::SetStrategy(0, StrategyRule::spread("attribute:ecs.availability-zone")),
            Action::AddStrategy,
            Action::SetStrategy(1, StrategyRule::binpack("cpu")),
            Action::AddConstraint(ConstraintRule::DistinctInstance),
            Action::AddConstraint(ConstraintRule::MemberOf {
                expression: "attribute:stack == prod".into(),
            }),
        ],
    );
    assert_eq!(
        request_outline(&s.run_request_preview().unwrap()),
        "6 desired · spread(attribute:ecs.availability-zone) then binpack(cpu) · \
         distinctInstance and memberOf(attribute:stack == prod)"
    );
    assert_eq!(run_button_label("CreateService"), "Create service");

    // One task on Fargate, no rules; and nothing to say about a request that is not one.
    assert_eq!(
        request_outline(&json!({"RunTask": {"count": 1, "launchType": "FARGATE"}})),
        "1 task on FARGATE"
    );
    assert_eq!(request_outline(&json!("not a request")), "");
}

#[test]
fn a_fargate_only_task_definition_runs_on_fargate_without_placement_rules() {
    let fargate = ecs_playground::ui::templates::template("fargate-awsvpc")
        .expect("the Fargate template")
        .text
        .to_string();
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [
            Action::EditTaskDefinition(fargate),
            Action::AddConstraint(ConstraintRule::DistinctInstance),
            Action::Run,
        ],
    );
    let run = &s.doc.requests.last().unwrap()["RunTask"];
    assert_eq!(run["launchType"], "FARGATE");
    assert!(run.get("placementStrategy").is_none(), "{run}");
    assert!(run.get("placementConstraints").is_none(), "{run}");
    assert_eq!(
        run["networkConfiguration"]["awsvpcConfiguration"]["subnets"],
        json!([
            "subnet-us-east-1a",
            "subnet-us-east-1b",
            "subnet-us-east-1c"
        ])
    );
    let response = s.derived.replayed.responses.last().unwrap();
    assert!(response.get("error").is_none(), "{response}");
    // Three tasks, one in each zone's Fargate lane; no instance took any.
    let lanes: Vec<usize> = s
        .derived
        .cluster
        .zones
        .iter()
        .map(|z| z.fargate.len())
        .collect();
    assert_eq!(lanes, [1, 1, 1]);
    assert!(s.derived.cluster.instances().all(|i| i.tasks.is_empty()));
    assert!(
        s.derived
            .log
            .last()
            .unwrap()
            .summary
            .starts_with("Placed 3 tasks of api: Fargate (us-east-1"),
        "{}",
        s.derived.log.last().unwrap().summary
    );
    // The decision panel says why there is nothing to choose.
    let story = ecs_playground::ui::anim::Story::read(s.derived.decision.as_ref().unwrap());
    let view = story.view_at(0);
    assert_eq!(view.title, "Fargate: no instance to choose");
    assert!(
        view.narration.contains("us-east-1a: 1 task"),
        "{}",
        view.narration
    );

    // As a service: CreateService on FARGATE.
    let s = apply(s, [Action::SetRunAsService(true), Action::Run]);
    let create = &s.doc.requests.last().unwrap()["CreateService"];
    assert_eq!(create["launchType"], "FARGATE");
    assert!(create.get("placementConstraints").is_none(), "{create}");
    let response = s.derived.replayed.responses.last().unwrap();
    assert!(response.get("error").is_none(), "{response}");
}

#[test]
fn importing_a_task_definition_fills_the_editor_and_keeps_the_cluster() {
    let before = apply(scenario_state("binpack-vs-spread"), [Action::Run]);
    let text = r#"{"family": "imported", "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}"#;
    let s = apply(
        before.clone(),
        [Action::Import {
            file_name: "td.json".into(),
            text: text.into(),
        }],
    );
    assert_eq!(
        s.doc.requests, before.doc.requests,
        "the board is untouched"
    );
    assert_eq!(s.doc.container_instances, before.doc.container_instances);
    assert_eq!(s.doc.task_definition_text, text);
    assert_eq!(s.lesson, before.lesson, "the lesson stays");
    let notice = s.notice.clone().unwrap();
    assert_eq!(notice.kind, NoticeKind::Success);
    assert!(
        notice.text.contains("td.json") && notice.text.contains("cluster is unchanged"),
        "{}",
        notice.text
    );
    let undone = apply(s, [Action::Undo]);
    assert_eq!(undone.doc, before.doc, "one Undo gives the old text back");

    // describe-task-definition's output is a task definition too
    let described = r#"{"taskDefinition": {"family": "x", "containerDefinitions": []}}"#;
    let s = apply(
        before.clone(),
        [Action::Import {
            file_name: "described.json".into(),
            text: described.into(),
        }],
    );
    assert_eq!(s.doc.requests, before.doc.requests);
    assert_eq!(s.doc.task_definition_text, described);
}

#[test]
fn importing_something_else_changes_nothing_and_says_why() {
    let before = apply(scenario_state("binpack-vs-spread"), [Action::Run]);
    for (name, text, expected) in [
        (
            "template.json",
            r#"{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}"#,
            "Resources",
        ),
        ("list.json", "[1, 2, 3]", "JSON array"),
    ] {
        let s = apply(
            before.clone(),
            [Action::Import {
                file_name: name.into(),
                text: text.into(),
            }],
        );
        assert_eq!(s.doc, before.doc, "{name}: nothing changes");
        assert!(
            !s.can_undo() || s.undo.len() == before.undo.len(),
            "{name}: no undo step"
        );
        let notice = s.notice.unwrap();
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(
            notice.text.contains(name)
                && notice.text.contains(expected)
                && notice.text.contains("unchanged"),
            "{}",
            notice.text
        );
    }
}

#[test]
fn importing_a_scenario_says_it_replaced_the_board() {
    let text = std::fs::read_to_string("tests/scenarios/three-azs-spread.json").unwrap();
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [Action::Import {
            file_name: "three.json".into(),
            text,
        }],
    );
    let notice = s.notice.unwrap().text;
    assert!(
        notice.contains("replaced the board") && notice.contains("3 container instances"),
        "{notice}"
    );
}

#[test]
fn undo_across_a_lesson_switch_brings_back_the_lesson_and_its_run_settings() {
    let first = State::start(Startup::default());
    let first_lesson = first.lesson.clone().unwrap();
    let s = apply(
        first.clone(),
        [
            Action::Run,
            Action::OpenScenario("dynamic-ports-alb".into()),
        ],
    );
    assert_eq!(s.lesson.as_ref().unwrap().name, "dynamic-ports-alb");
    let before_switch = apply(first.clone(), [Action::Run]);
    let undone = apply(s.clone(), [Action::Undo]);
    assert_eq!(
        undone.lesson.as_ref(),
        Some(&first_lesson),
        "the lesson comes back with its board"
    );
    assert_eq!(undone.run, before_switch.run, "and its Run settings");
    assert_eq!(undone.doc, before_switch.doc);
    let redone = apply(undone, [Action::Redo]);
    assert_eq!(redone.lesson, s.lesson);
    assert_eq!(redone.run, s.run);
    assert_eq!(redone.doc, s.doc);
}

#[test]
fn undo_and_opened_lessons_show_running_tasks_placed_not_a_rewound_decision() {
    let ran = apply(scenario_state("binpack-vs-spread"), [Action::Run]);
    assert_eq!(ran.step, 0, "Run plays its decision from the first step");
    assert!(ran.playing);
    let more = apply(ran.clone(), [Action::Run, Action::Undo]);
    assert!(more.derived.decision.is_some());
    assert!(!more.playing);
    assert_eq!(
        more.step,
        ecs_playground::ui::state::OUTCOME_STEP,
        "Undo shows the outcome"
    );
    let reloaded = State::start(Startup {
        saved_doc: Some(serde_json::to_string(&ran.doc).unwrap()),
        ..Startup::default()
    });
    assert_eq!(
        reloaded.step,
        ecs_playground::ui::state::OUTCOME_STEP,
        "a reload too"
    );
}

#[test]
fn a_closed_lesson_comes_back_and_reset_lesson_starts_it_again() {
    let first = State::start(Startup::default());
    let name = first.lesson.as_ref().unwrap().name.clone();
    let s = apply(first.clone(), [Action::Run, Action::DismissLesson]);
    assert!(
        s.lesson_hidden && s.lesson.is_some(),
        "closing keeps the lesson"
    );
    assert!(s.extras().lesson_hidden, "and a reload keeps it closed");
    let s = apply(s, [Action::ShowLesson]);
    assert!(!s.lesson_hidden);
    let reset = apply(s.clone(), [Action::ResetLesson]);
    assert_eq!(
        reset.doc,
        scenarios::get(&name).unwrap().doc,
        "the lesson's first board"
    );
    assert_eq!(reset.lesson.as_ref().unwrap().name, name);
    let back = apply(reset, [Action::Undo]);
    assert_eq!(back.doc, s.doc, "Undo brings back the learner's board");
}

#[test]
fn a_count_ecs_would_refuse_is_explained_and_never_run_as_the_old_one() {
    let s = scenario_state("binpack-vs-spread");
    let old = s.run.count;
    for (typed, expected) in [
        ("20", "RunTask starts at most 10 tasks per call"),
        ("-3", "whole number from 1 to 10"),
        ("2.5", "whole number from 1 to 10"),
        ("", "Count is empty"),
        ("0", "whole number from 1 to 10"),
    ] {
        let t = apply(s.clone(), [Action::SetCountText(typed.into())]);
        let why = t.count_error.clone().unwrap_or_default();
        assert!(why.contains(expected), "{typed:?}: {why}");
        assert_eq!(
            t.run.count, old,
            "{typed:?}: the form keeps its last good count"
        );
        let ran = apply(t, [Action::Run]);
        assert_eq!(ran.doc.requests, s.doc.requests, "{typed:?}: nothing runs");
        let notice = ran.notice.unwrap().text;
        assert!(
            notice.contains("Fix the count first") && notice.contains(expected),
            "{notice}"
        );
    }
    let t = apply(
        s.clone(),
        [
            Action::SetCountText("20".into()),
            Action::SetCountText(" 7 ".into()),
        ],
    );
    assert_eq!((t.run.count, t.count_error.clone()), (7, None));
    let t = apply(
        t,
        [
            Action::SetRunAsService(true),
            Action::SetCountText("0".into()),
        ],
    );
    assert_eq!(
        (t.run.desired, t.count_error.clone()),
        (0, None),
        "a service may be scaled to 0"
    );
    let t = apply(t, [Action::SetCountText("5000".into())]);
    assert!(t.count_error.unwrap().contains("1,000"));
}

#[test]
fn the_decision_players_keys_move_it_within_its_steps() {
    use ecs_playground::ui::state::DecisionKey;
    let s = apply(scenario_state("binpack-vs-spread"), [Action::Run]);
    let count =
        ecs_playground::ui::anim::Story::read(s.derived.decision.as_ref().unwrap()).phase_count();
    assert!(count > 3);
    let s = apply(s, [Action::DecisionKey(DecisionKey::PlayPause)]);
    assert!(!s.playing, "P pauses a playing decision");
    let s = apply(
        s,
        [
            Action::DecisionKey(DecisionKey::Forward),
            Action::DecisionKey(DecisionKey::Forward),
        ],
    );
    assert_eq!(s.step, 2);
    let s = apply(s, [Action::DecisionKey(DecisionKey::Back)]);
    assert_eq!(s.step, 1);
    let s = apply(
        s,
        [
            Action::DecisionKey(DecisionKey::Outcome),
            Action::DecisionKey(DecisionKey::Forward),
        ],
    );
    assert_eq!(s.step, count - 1, "→ stops at the last step");
    let s = apply(s, [Action::DecisionKey(DecisionKey::PlayPause)]);
    assert!(
        s.playing && s.step == 0,
        "P at the end plays from the start"
    );
    let s = apply(
        s,
        [
            Action::DecisionKey(DecisionKey::First),
            Action::DecisionKey(DecisionKey::Back),
        ],
    );
    assert!(!s.playing && s.step == 0, "← stops at the first step");
    assert_eq!(DecisionKey::of("ArrowRight"), Some(DecisionKey::Forward));
    assert_eq!(
        DecisionKey::of(" "),
        None,
        "Space stays the focused button's"
    );
}

#[test]
fn the_editor_says_which_revision_the_cluster_has_and_what_run_registers() {
    let s = scenario_state("binpack-vs-spread");
    let family = ecs_playground::sim::taskdef::read_task_definition(&s.doc.task_definition_text)
        .task_definition
        .unwrap()
        .family;
    let note = s.registration_note().unwrap();
    assert!(note.contains(&format!("{family}:1")), "{note}");
    let ran = apply(s, [Action::Run]);
    assert_eq!(
        ran.registration_note().unwrap(),
        format!("Registered as {family}:1 (this text).")
    );
    let edited = ran
        .doc
        .task_definition_text
        .replacen("\"memory\"", "\"memoryReservation\"", 1);
    let changed = apply(ran, [Action::EditTaskDefinition(edited)]);
    let note = changed.registration_note().unwrap();
    assert_eq!(
        note,
        format!("{family}:1 is registered; Run task registers this text as {family}:2.")
    );
    let ran2 = apply(changed, [Action::Run]);
    assert_eq!(
        ran2.registration_note().unwrap(),
        format!("Registered as {family}:2 (this text).")
    );
}

#[test]
fn predict_first_waits_for_a_guess_and_then_says_whether_ecs_agreed() {
    use ecs_playground::ui::state::DecisionKey;
    let s = apply(
        scenario_state("binpack-vs-spread"),
        [Action::SetPredict(true), Action::Run],
    );
    assert!(!s.playing, "predicting, Run does not play the decision");
    assert_eq!(s.step, 0);
    assert_eq!(s.undecided_task(), Some(0));
    let chosen = last_run(&s)["tasks"][0]["ec2InstanceId"]
        .as_str()
        .unwrap()
        .to_string();
    let other = s
        .derived
        .cluster
        .instances()
        .map(|i| i.id.clone())
        .find(|id| *id != chosen)
        .unwrap();
    let s = apply(s, [Action::SelectInstance(Some(other.clone()))]);
    assert_eq!(
        s.guesses.get(&0),
        Some(&other),
        "a click before the outcome is the guess"
    );
    assert_eq!(s.selected_instance, None, "not a why-not-here selection");
    let count =
        ecs_playground::ui::anim::Story::read(s.derived.decision.as_ref().unwrap()).phase_count();
    let s = apply(s, [Action::DecisionKey(DecisionKey::Outcome)]);
    assert_eq!(s.step, count - 1);
    assert_eq!(
        s.undecided_task(),
        None,
        "every outcome is shown at the end"
    );
    let s = apply(s, [Action::SelectInstance(Some(other.clone()))]);
    assert_eq!(
        s.selected_instance.as_deref(),
        Some(other.as_str()),
        "after it, a click asks why not here"
    );
    assert!(s.extras().predict, "a reload keeps predicting");

    // Turning it on over a decision starts that decision over with its outcome hidden.
    let ran = apply(
        scenario_state("binpack-vs-spread"),
        [Action::Run, Action::DecisionKey(DecisionKey::Outcome)],
    );
    let on = apply(ran, [Action::SetPredict(true)]);
    assert_eq!((on.step, on.playing), (0, false));
    let off = apply(on, [Action::SetPredict(false), Action::Run]);
    assert!(off.playing, "without it, Run plays as before");
}

/// A lesson counts as tried once something ran in it (Run task, or time moved) while it was
/// open; the set is saved with the extras and read back on the next visit.
#[test]
fn a_lesson_counts_as_tried_once_something_runs_in_it_and_the_set_is_saved() {
    let first = State::start(Startup::default());
    assert!(first.tried_lessons.is_empty());
    let s = apply(
        first,
        [Action::SetCountText("2".into()), Action::AddStrategy],
    );
    assert!(
        s.tried_lessons.is_empty(),
        "changing settings is not trying"
    );
    let s = apply(s, [Action::Run]);
    assert_eq!(s.tried_lessons, vec![scenarios::DEFAULT.to_string()]);
    let s = apply(
        s,
        [
            Action::OpenScenario("daily-wave".into()),
            Action::SetClockPlaying(true),
        ],
    );
    assert_eq!(
        s.tried_lessons.len(),
        1,
        "opening a lesson is not trying it"
    );
    let s = apply(
        s,
        [Action::OpenScenario("daily-wave".into()), Action::StepClock],
    );
    assert_eq!(
        s.tried_lessons,
        vec![scenarios::DEFAULT.to_string(), "daily-wave".to_string()]
    );
    let s = apply(
        s,
        [
            Action::OpenScenario("az-outage".into()),
            Action::TickClock(30),
        ],
    );
    assert!(
        s.tried_lessons.contains(&"az-outage".to_string()),
        "a playing clock counts"
    );
    // A service created from the time panels counts too.
    let s = apply(s, [Action::OpenScenario("member-of-cql".into())]);
    let create = json!({"CreateService": {"serviceName": "extra", "taskDefinition": "web", "desiredCount": 1}});
    let s = apply(
        s,
        [
            Action::Run,
            Action::OpenScenario("port-conflict".into()),
            Action::Send(vec![
                json!({"RegisterTaskDefinition": serde_json::from_str::<Value>(&scenarios::get("port-conflict").unwrap().doc.task_definition_text).unwrap()}),
                create,
            ]),
        ],
    );
    assert!(
        s.tried_lessons.contains(&"port-conflict".to_string()),
        "{:?}",
        s.tried_lessons
    );
    // Saved and read back.
    let extras = serde_json::to_string(&s.extras()).unwrap();
    assert!(extras.contains("\"triedLessons\""), "{extras}");
    let back = State::start(Startup {
        saved_doc: Some(serde_json::to_string(&s.doc).unwrap()),
        saved_extras: Some(extras),
        ..Startup::default()
    });
    assert_eq!(back.tried_lessons, s.tried_lessons);
    // Extras saved before the field existed still read.
    let old = State::start(Startup {
        saved_doc: Some(serde_json::to_string(&s.doc).unwrap()),
        saved_extras: Some(r#"{"lesson":"port-conflict","presentation":true}"#.into()),
        ..Startup::default()
    });
    assert!(old.tried_lessons.is_empty() && old.presentation);
    // Work that is no lesson (a share link) marks nothing.
    let shared = apply(
        State::new(Doc::default(), RunForm::default()),
        [
            Action::EditTaskDefinition(scenarios::STARTER_TASK_DEFINITION.into()),
            Action::Run,
        ],
    );
    assert!(shared.lesson.is_none() && shared.tried_lessons.is_empty());
}

/// The memberOf lesson's "Change i-3's stack attribute to prod" is the card's Change
/// control: a PutAttributes with the new value, after which i-3 qualifies and Run task
/// places a task there.
#[test]
fn changing_i3s_stack_to_prod_lets_member_of_place_a_task_there() {
    let lesson = scenarios::get("member-of-cql").unwrap().lesson;
    assert!(
        lesson.contains("press Change beside stack=dev") && lesson.contains("Set"),
        "the lesson names the card's control: {lesson}"
    );
    let s = apply(scenario_state("member-of-cql"), [Action::Run]);
    assert_eq!(placed_on(&s), vec!["i-1", "i-1"]);
    let s = apply(
        s,
        [
            Action::PutAttribute {
                instance: "i-3".into(),
                name: "stack".into(),
                value: "prod".into(),
            },
            Action::Run,
        ],
    );
    let i3 = s.derived.cluster.instance("i-3").unwrap();
    assert!(
        i3.custom_attributes()
            .any(|(k, v)| k == "stack" && v.as_deref() == Some("prod")),
        "changed, not added beside: {:?}",
        i3.attributes
    );
    assert_eq!(i3.custom_attributes().count(), 1);
    assert!(
        placed_on(&s).contains(&"i-3".to_string()),
        "{:?}",
        placed_on(&s)
    );
    assert_eq!(ops(&s).iter().filter(|o| *o == "PutAttributes").count(), 1);
}

/// The distinctInstance lesson, followed word for word: Run task (Count 4) places three and
/// fails one; Add instance; set Count to 1 and Run task: the new task is placed, on the new
/// instance.
#[test]
fn the_distinct_instance_lesson_followed_literally_places_the_new_task() {
    let lesson = scenarios::get("distinct-instance").unwrap().lesson;
    assert!(
        lesson.contains("set Count to 1 and press Run task"),
        "{lesson}"
    );
    let s = apply(scenario_state("distinct-instance"), [Action::Run]);
    assert_eq!(placed_on(&s).len(), 3);
    assert_eq!(
        failure_reasons(&s),
        vec!["DistinctInstance placement constraint unsatisfied."]
    );
    let s = apply(
        s,
        [
            Action::AddInstance {
                zone: "us-east-1b".into(),
                instance_type: "m5.large".into(),
            },
            Action::SetCountText("1".into()),
            Action::Run,
        ],
    );
    assert_eq!(placed_on(&s), vec!["i-4"]);
    assert!(failure_reasons(&s).is_empty());
}

/// The awsvpc lesson's ENI trunking: Relaunch with ENI trunking replaces i-1 by a c5.large
/// launched with trunking (up to 10 awsvpc tasks), and Run task again places all five.
#[test]
fn relaunching_with_eni_trunking_raises_the_awsvpc_limit() {
    let lesson = scenarios::get("awsvpc-eni").unwrap().lesson;
    assert!(
        lesson.contains("awsvpcTrunking") && lesson.contains("Relaunch with ENI trunking"),
        "{lesson}"
    );
    let s = apply(scenario_state("awsvpc-eni"), [Action::Run]);
    assert_eq!(placed_on(&s).len(), 4);
    assert!(
        failure_reasons(&s)[0].contains("RESOURCE:ENI"),
        "{:?}",
        failure_reasons(&s)
    );
    let s = apply(s, [Action::RelaunchWithTrunking("i-1".into())]);
    assert!(s.derived.cluster.instance("i-1").is_none(), "i-1 is gone");
    let new = s.derived.cluster.instance("i-3").expect("its replacement");
    assert_eq!(
        (new.zone.as_str(), new.instance_type.as_str()),
        ("us-east-1a", "c5.large")
    );
    assert_eq!(new.eni_capacity, 10);
    assert_eq!(s.notice.as_ref().unwrap().kind, NoticeKind::Success);
    let s = apply(s, [Action::Run]);
    assert_eq!(placed_on(&s), vec!["i-3"; 5]);
    // A type without trunking is refused in words, and nothing changes.
    let t3 = apply(
        State::new(Doc::default(), RunForm::default()),
        [Action::AddInstance {
            zone: "us-east-1a".into(),
            instance_type: "t3.medium".into(),
        }],
    );
    let requests = t3.doc.requests.len();
    let t3 = apply(t3, [Action::RelaunchWithTrunking("i-1".into())]);
    assert_eq!(t3.doc.requests.len(), requests);
    assert_eq!(t3.notice.as_ref().unwrap().kind, NoticeKind::Error);
}

/// Each lesson names the page's controls in the page's words.
#[test]
fn lesson_texts_name_the_controls_the_page_shows() {
    for sc in scenarios::all() {
        assert!(sc.lesson.contains("Run task"), "{}", sc.name);
    }
    for sc in scenarios::time_lessons() {
        assert!(
            sc.lesson.contains("▶ Play"),
            "{}: the clock's button reads ▶ Play",
            sc.name
        );
    }
    for sc in scenarios::all()
        .into_iter()
        .chain(scenarios::time_lessons())
    {
        for gone in [
            "Play time",
            "cost meter",
            "use Add instance",
            "ENI trunking raises the limit",
        ] {
            assert!(
                !sc.lesson.contains(gone),
                "{}: \"{gone}\" names no control",
                sc.name
            );
        }
    }
}

/// The binpack and static-port lessons, followed word for word, show what they promise.
#[test]
fn the_binpack_and_static_port_lessons_followed_literally_show_their_point() {
    let s = apply(scenario_state("binpack-vs-spread"), [Action::Run]);
    assert_eq!(placed_on(&s), vec!["i-3"; 3]);
    let s = apply(
        s,
        [
            Action::Undo,
            Action::SetStrategy(
                0,
                StrategyRule::of_kind(ecs_playground::ui::state::StrategyKind::Spread),
            ),
            Action::Run,
        ],
    );
    let mut on = placed_on(&s);
    on.sort();
    assert_eq!(on, vec!["i-1", "i-2", "i-3"], "one per zone");
    let s = apply(s, [Action::AddStrategy]);
    assert_eq!(s.run.strategies[1], StrategyRule::binpack("memory"));

    let s = apply(scenario_state("port-conflict"), [Action::Run]);
    assert_eq!(placed_on(&s).len(), 2);
    assert!(failure_reasons(&s)[0].contains("RESOURCE:PORTS"));
    let text = s
        .doc
        .task_definition_text
        .replace("\"hostPort\": 8080", "\"hostPort\": 0");
    let s = apply(s, [Action::EditTaskDefinition(text), Action::Run]);
    assert_eq!(placed_on(&s).len(), 3, "{:?}", failure_reasons(&s));
}

/// The first lesson asks for a prediction and never names the instance binpack chooses
/// (the Learn menu shows its first sentence, and a class predicts from the card).
#[test]
fn the_first_lesson_does_not_give_the_answer_away() {
    let sc = scenarios::get(scenarios::DEFAULT).unwrap();
    let s = apply(State::new(sc.doc.clone(), sc.run.clone()), [Action::Run]);
    let chosen = placed_on(&s);
    assert!(
        chosen.iter().all(|id| id == &chosen[0]),
        "binpack fills one instance: {chosen:?}"
    );
    assert!(!sc.lesson.contains(chosen[0].as_str()), "{}", sc.lesson);
    assert!(
        sc.lesson.contains("Guess first") && sc.lesson.contains("Predict first"),
        "{}",
        sc.lesson
    );
}
