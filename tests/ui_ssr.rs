//! The page rendered on the server (natively, no browser): the main controls are there with
//! their accessible names, and the first visit opens the first lesson.
#![cfg(not(target_arch = "wasm32"))]

use ecs_playground::ui::App;

async fn render() -> String {
    yew::ServerRenderer::<App>::new().render().await
}

#[tokio::test(flavor = "current_thread")]
async fn the_page_has_its_main_controls() {
    let html = render().await;
    assert!(html.contains("ECS Playground"), "title");
    for name in [
        "Run task",
        "Add instance",
        "Share",
        "Undo",
        "Redo",
        "Import",
        "Export",
        "Assumptions",
        "Learn",
        "Presentation",
    ] {
        assert!(html.contains(name), "{name} is missing");
    }
    assert!(html.contains(r#"href="assumptions.html""#));
    assert!(
        html.contains(r#"aria-expanded="false""#),
        "the Learn menu starts closed"
    );
    for tab in ["Definition", "Cluster", "Decision"] {
        assert!(html.contains(&format!(">{tab}</button>")), "tab {tab}");
    }
    assert!(html.contains(r#"role="tablist""#));
    assert!(
        html.contains(r#"id="status""#) && html.contains(r#"aria-live="polite""#),
        "the live region"
    );
}

#[tokio::test(flavor = "current_thread")]
async fn the_first_visit_shows_the_first_lesson_and_its_cluster() {
    let html = render().await;
    assert!(html.contains("Binpack or spread?"), "the lesson");
    for zone in ["us-east-1a", "us-east-1b", "us-east-1c"] {
        assert!(html.contains(zone), "{zone}");
    }
    assert!(html.contains("i-3") && html.contains("t3.medium"));
    assert!(
        html.contains("0 / 2,048 CPU units"),
        "the engine's numbers with units"
    );
    assert!(html.contains("MiB"));
    assert!(html.contains("m5.large"), "palette");
    assert!(html.contains(r#"draggable="true""#), "drag and drop");
}

#[tokio::test(flavor = "current_thread")]
async fn undo_starts_disabled() {
    let html = render().await;
    let undo = html.find(" Undo</span></button>").expect("the Undo button");
    let button_start = html[..undo].rfind("<button").unwrap();
    assert!(
        html[button_start..undo].contains("disabled"),
        "nothing to undo yet"
    );
}

/// A card in a failed zone says so in words (its own badge, no green ACTIVE).
#[tokio::test(flavor = "current_thread")]
async fn an_instance_in_a_failed_zone_is_not_shown_active() {
    use ecs_playground::ui::anim::Mark;
    use ecs_playground::ui::components::cluster_model::InstanceModel;
    use ecs_playground::ui::components::instance_card::{InstanceCard, InstanceCardProps};
    use yew::Callback;

    let instance = |zone_failed: bool, agent_connected: bool| {
        let mut i = card_props(vec![], "m5.large", 0).instance;
        (i.id, i.zone) = ("i-2".into(), "us-east-1b".into());
        (i.agent_connected, i.zone_failed) = (agent_connected, zone_failed);
        i.stopped_by_zone_failure = if zone_failed { 2 } else { 0 };
        i
    };
    let render = |instance: InstanceModel| async move {
        yew::LocalServerRenderer::<InstanceCard>::with_props(InstanceCardProps {
            instance,
            mark: Mark::Idle,
            arriving: None,
            pending: vec![],
            selected: false,
            on_action: Callback::noop(),
        })
        .render()
        .await
    };
    let html = render(instance(true, false)).await;
    assert!(!html.contains("● ACTIVE"), "{html}");
    assert!(html.contains("status-zone-failed"), "{html}");
    assert!(html.contains("UNREACHABLE: ZONE FAILED"), "{html}");
    assert!(
        html.contains("us-east-1b failed (simulated outage)") && html.contains("2 tasks stopped"),
        "{html}"
    );
    let html = render(instance(false, false)).await;
    assert!(
        html.contains("AGENT DISCONNECTED") && !html.contains("● ACTIVE"),
        "{html}"
    );
    let html = render(instance(false, true)).await;
    assert!(html.contains("● ACTIVE"), "{html}");
}

/// The create-service form without a task definition points at a control the page shows
/// then (the Run panel's Run task), not at the deploy button that needs a service.
#[tokio::test(flavor = "current_thread")]
async fn the_create_service_hint_names_a_control_that_is_there() {
    use ecs_playground::ui::components::time::service_panel::NO_TASK_DEFINITION_HINT;
    let html = render().await;
    assert!(
        html.contains("run-button") && html.contains("Run task"),
        "the Run panel's button"
    );
    assert!(NO_TASK_DEFINITION_HINT.contains("Run task"));
    assert!(!NO_TASK_DEFINITION_HINT.to_lowercase().contains("deploy"));
}

/// Layout guards: the instance-type select shows names only (its size written whole under
/// it), chips keep their Stop button on the name's line, long names wrap in panels, and
/// the phone's sticky tab bar does not cover what scrolls into view.
#[tokio::test(flavor = "current_thread")]
async fn long_names_narrow_selects_and_the_tab_bar_fit() {
    let html = render().await;
    assert!(
        !html.contains("vCPU · 8 GiB</option>"),
        "the closed select cut 8 GiB"
    );
    assert!(html.contains(r#"class="type-size hint""#) && html.contains("2 vCPU · 8 GiB"));
    let css = include_str!("../static/styles.css");
    let rule = |selector: &str| {
        let start = css
            .find(&format!("\n{selector} {{"))
            .unwrap_or_else(|| panic!("no rule {selector}"));
        css[start..].split('}').next().unwrap().to_string()
    };
    assert!(rule(".chip").contains("flex-wrap: nowrap"));
    assert!(rule(".chip-body").contains("flex-wrap: wrap"));
    assert!(rule(".chip-family").contains("text-overflow: ellipsis"));
    assert!(css.contains(".panel,\n.zone,\n.lesson,\n.notice {\n  overflow-wrap: anywhere;"));
    assert!(css.contains("scroll-padding-top: 3.5rem"));
}

/// "Why not here?" names where each constraint came from without doubling a word ("from
/// the the request" once).
#[tokio::test(flavor = "current_thread")]
async fn why_not_here_names_the_source_of_a_constraint_once() {
    use ecs_playground::ui::components::decision::DecisionProps;
    use ecs_playground::ui::scenarios;
    use ecs_playground::ui::state::{Action, ConstraintRule, State, OUTCOME_STEP};
    use std::rc::Rc;
    use yew::Reducible;

    let sc = scenarios::get("binpack-vs-spread").unwrap();
    let mut s = Rc::new(State::new(sc.doc, sc.run));
    for a in [
        Action::AddConstraint(ConstraintRule::DistinctInstance),
        Action::Run,
    ] {
        s = s.reduce(a);
    }
    let response = s.derived.decision.clone().expect("a decision");
    let instance = s.derived.cluster.instances().next().unwrap().id.clone();
    let html = render_decision(DecisionProps {
        selected_instance: Some(instance),
        ..decision_props(response, OUTCOME_STEP)
    })
    .await;
    assert!(html.contains("from the request"), "{html}");
    let words: Vec<&str> = html
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let doubled: Vec<_> = words
        .windows(2)
        .filter(|w| w[0] == w[1] && w[0].chars().all(char::is_alphabetic) && w[0].len() > 2)
        .collect();
    assert!(
        doubled.iter().all(|w| w[0] != "the"),
        "doubled words: {doubled:?}"
    );
}

/// Predict first: before a task's outcome step the panel names no instance for it (the
/// pills say "to predict", the phase strip "outcome") and says how to guess; at the
/// outcome it compares the guess with ECS's choice.
#[tokio::test(flavor = "current_thread")]
async fn predict_first_hides_each_outcome_until_its_step() {
    use ecs_playground::ui::components::decision::{Decision, DecisionProps};
    use ecs_playground::ui::scenarios;
    use ecs_playground::ui::state::{Action, State, OUTCOME_STEP};
    use std::collections::BTreeMap;
    use std::rc::Rc;
    use yew::Reducible;

    let sc = scenarios::get("binpack-vs-spread").unwrap();
    let s = Rc::new(State::new(sc.doc, sc.run)).reduce(Action::Run);
    let response = s.derived.decision.clone().unwrap();
    let chosen = response["tasks"][0]["ec2InstanceId"]
        .as_str()
        .unwrap()
        .to_string();
    let render = |step: usize, guess: &str| {
        let props = DecisionProps {
            predict: true,
            guesses: Rc::new(BTreeMap::from([(0, guess.to_string())])),
            ..decision_props(response.clone(), step)
        };
        async move {
            yew::LocalServerRenderer::<Decision>::with_props(props)
                .render()
                .await
        }
    };
    let first = render(0, "i-1").await;
    assert!(
        first.contains("to predict") && !first.contains(&format!("on {chosen}")),
        "{first}"
    );
    assert!(first.contains(">outcome<"), "{first}");
    assert!(first.contains("Your guess for task 1: i-1"), "{first}");
    let end = render(OUTCOME_STEP, &chosen).await;
    assert!(end.contains(&format!("on {chosen}")), "{end}");
    let wrong = render(4, "i-1").await;
    if chosen != "i-1" {
        assert!(
            wrong.contains(&format!("You guessed i-1; ECS chose {chosen}")),
            "{wrong}"
        );
    }
}

/// A memory failure names one closest match; when others fall short the same way the panel
/// says that ECS names the first it looked at (not the one with the most room).
#[tokio::test(flavor = "current_thread")]
async fn the_closest_match_explains_ecs_tie_break() {
    use ecs_playground::ui::scenarios;
    use ecs_playground::ui::state::{Action, State, OUTCOME_STEP};
    use std::rc::Rc;
    use yew::Reducible;

    let sc = scenarios::get("binpack-vs-spread").unwrap();
    let big = sc
        .doc
        .task_definition_text
        .replace("\"memory\": 512", "\"memory\": 9000");
    assert_ne!(big, sc.doc.task_definition_text);
    let mut s = Rc::new(State::new(sc.doc, sc.run));
    for a in [
        Action::EditTaskDefinition(big),
        Action::SetCountText("1".into()),
        Action::Run,
    ] {
        s = s.reduce(a);
    }
    let response = s.derived.decision.clone().expect("a decision");
    assert_eq!(
        response["failures"][0]["reason"], "RESOURCE:MEMORY",
        "{response}"
    );
    let html = render_decision(decision_props(response, OUTCOME_STEP)).await;
    assert!(
        html.contains("Even the closest match, i-1, falls short")
            && html.contains(
                "2 other instances fall short the same way; ECS names the first one it looked at"
            ),
        "{html}"
    );
}

/// The Learn menu groups its lessons under Placement and Time, each with "N of M tried",
/// and marks each tried lesson "✓ tried".
#[tokio::test(flavor = "current_thread")]
async fn the_learn_menu_groups_lessons_and_shows_what_was_tried() {
    use ecs_playground::ui::components::header::{LessonGroups, LessonGroupsProps};
    use ecs_playground::ui::scenarios;
    use std::rc::Rc;
    use yew::Callback;

    let tried = vec!["member-of-cql".to_string(), "daily-wave".to_string()];
    let html = yew::LocalServerRenderer::<LessonGroups>::with_props(LessonGroupsProps {
        tried: Rc::new(tried),
        on_choose: Callback::noop(),
    })
    .render()
    .await;
    let placement = html.find(">Placement").expect("the Placement heading");
    let time = html.find(">Time").expect("the Time heading");
    assert!(placement < time, "{html}");
    let (placement_html, time_html) = (&html[placement..time], &html[time..]);
    for sc in scenarios::all() {
        assert!(
            placement_html.contains(sc.title),
            "{} under Placement",
            sc.name
        );
    }
    for sc in scenarios::time_lessons() {
        assert!(time_html.contains(sc.title), "{} under Time", sc.name);
    }
    assert!(placement_html.contains(&format!("1 of {} tried", scenarios::all().len())));
    assert!(time_html.contains(&format!("1 of {} tried", scenarios::time_lessons().len())));
    assert_eq!(html.matches("✓ tried").count(), 2, "{html}");
    let marked = html.find("✓ tried").unwrap();
    let title = html
        .find("Choosing instances with memberOf and CQL")
        .unwrap();
    assert!(
        title < marked && html[title..marked].find("</li>").is_none(),
        "beside its lesson"
    );
    // Nothing tried yet.
    let fresh = yew::LocalServerRenderer::<LessonGroups>::with_props(LessonGroupsProps {
        tried: Rc::new(vec![]),
        on_choose: Callback::noop(),
    })
    .render()
    .await;
    assert!(!fresh.contains("✓ tried") && fresh.contains("0 of "));
}

fn card_props(
    attributes: Vec<(String, Option<String>)>,
    instance_type: &str,
    enis_in_use: u32,
) -> ecs_playground::ui::components::instance_card::InstanceCardProps {
    use ecs_playground::ui::anim::Mark;
    use ecs_playground::ui::components::cluster_model::{Gauge, InstanceModel};
    ecs_playground::ui::components::instance_card::InstanceCardProps {
        instance: InstanceModel {
            id: "i-3".into(),
            instance_type: instance_type.into(),
            zone: "us-east-1c".into(),
            status: "ACTIVE".into(),
            agent_connected: true,
            zone_failed: false,
            stopped_by_zone_failure: 0,
            cpu: Gauge {
                registered: 2048,
                remaining: 2048,
            },
            memory: Gauge {
                registered: 7680,
                remaining: 7680,
            },
            tasks: vec![],
            attributes,
            dynamic_port_range: "32768-60999".into(),
            eni_capacity: 2,
            enis_in_use,
        },
        mark: Mark::Idle,
        arriving: None,
        pending: vec![],
        selected: false,
        on_action: yew::Callback::noop(),
    }
}

/// A custom attribute's value can be changed in place: a visible "Change" button with a
/// name that says which attribute of which instance (the memberOf lesson names it).
#[tokio::test(flavor = "current_thread")]
async fn a_custom_attribute_has_a_labelled_change_control() {
    use ecs_playground::ui::components::instance_card::InstanceCard;
    let props = card_props(
        vec![
            ("stack".into(), Some("dev".into())),
            ("ecs.instance-type".into(), Some("m5.large".into())),
        ],
        "m5.large",
        0,
    );
    let html = yew::LocalServerRenderer::<InstanceCard>::with_props(props)
        .render()
        .await;
    assert!(html.contains("stack=dev"), "{html}");
    assert!(
        html.contains(r#"aria-label="Change the value of stack on i-3""#),
        "{html}"
    );
    assert!(html.contains(">Change</button>"), "a visible label: {html}");
    assert!(
        !html.contains("Change the value of ecs.instance-type"),
        "built-in attributes are the agent's"
    );
    let lesson = ecs_playground::ui::scenarios::get("member-of-cql")
        .unwrap()
        .lesson;
    assert!(lesson.contains("press Change beside stack=dev"));
}

/// A card with awsvpc tasks on a type that supports trunking offers "Relaunch with ENI
/// trunking" (the awsvpc lesson names it); one without awsvpc tasks, or a type without
/// trunking, does not.
#[tokio::test(flavor = "current_thread")]
async fn a_card_with_awsvpc_tasks_offers_relaunch_with_eni_trunking() {
    use ecs_playground::ui::components::instance_card::InstanceCard;
    let render = |t: &str, enis: u32| {
        let props = card_props(vec![], t, enis);
        async move {
            yew::LocalServerRenderer::<InstanceCard>::with_props(props)
                .render()
                .await
        }
    };
    let html = render("c5.large", 2).await;
    assert!(html.contains("Relaunch with ENI trunking"), "{html}");
    assert!(html.contains("Task ENIs: 2 of 2 in use"));
    assert!(!render("c5.large", 0)
        .await
        .contains("Relaunch with ENI trunking"));
    assert!(!render("t3.medium", 2)
        .await
        .contains("Relaunch with ENI trunking"));
}

/// The decision panel's props for `response` at `step`, nothing selected or predicted.
fn decision_props(
    response: std::rc::Rc<serde_json::Value>,
    step: usize,
) -> ecs_playground::ui::components::decision::DecisionProps {
    use yew::Callback;
    ecs_playground::ui::components::decision::DecisionProps {
        response: Some(response),
        step,
        playing: false,
        speed: 1.0,
        on_step: Callback::noop(),
        on_play: Callback::noop(),
        on_speed: Callback::noop(),
        selected_instance: None,
        on_select_instance: Callback::noop(),
        predict: false,
        guesses: Default::default(),
        on_predict: Callback::noop(),
    }
}

async fn render_decision(props: ecs_playground::ui::components::decision::DecisionProps) -> String {
    yew::LocalServerRenderer::<ecs_playground::ui::components::decision::Decision>::with_props(
        props,
    )
    .render()
    .await
}
