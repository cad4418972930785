//! The page header: title, scenario picker, Undo/Redo, Share, Import, Export, the
//! presentation toggle and the links. Every control has a visible text name.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::state::Extras;
use crate::ui::{browser, scenarios};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The open built-in scenario, if any (the picker shows it).
    pub scenario: Option<AttrValue>,
    pub can_undo: bool,
    pub can_redo: bool,
    pub presentation: bool,
    pub on_scenario: Callback<String>,
    pub on_undo: Callback<()>,
    pub on_redo: Callback<()>,
    pub on_share: Callback<()>,
    /// The file input's change event (the page reads the file).
    pub on_import: Callback<Event>,
    pub on_export: Callback<()>,
    pub on_presentation: Callback<bool>,
    /// The lessons the learner ran something in (`State::tried_lessons`). Without it the
    /// Learn menu reads them from the browser's saved copy when it opens.
    #[prop_or_default]
    pub tried_lessons: Option<Rc<Vec<String>>>,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let on_scenario = {
        let cb = props.on_scenario.clone();
        Callback::from(move |e: Event| {
            let name = browser::event_value(&e);
            if !name.is_empty() {
                cb.emit(name);
            }
        })
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let presentation = props.presentation;
    let on_presentation = {
        let cb = props.on_presentation.clone();
        Callback::from(move |_: MouseEvent| cb.emit(!presentation))
    };
    let current = props.scenario.clone().unwrap_or_default();
    html! {
        <header class="app-header">
            <h1><span class="logo" aria-hidden="true">{ "▦" }</span>{ "ECS Playground" }</h1>
            <nav class="toolbar" aria-label="Playground">
                <label class="scenario-picker">
                    <span class="visually-hidden">{ "Scenario" }</span>
                    <select onchange={on_scenario} title="Open a built-in scenario">
                        <option value="" selected={current.is_empty()}>{ "Scenario…" }</option>
                        { for scenarios::list().into_iter().map(|(name, title)| html! {
                            <option value={name} selected={current == name}>{ title }</option>
                        }) }
                    </select>
                </label>
                <span class="group">
                    <button type="button" onclick={click(&props.on_undo)} disabled={!props.can_undo} title="Undo (Ctrl+Z)">
                        <span aria-hidden="true">{ "↶" }</span><span class="narrow-hidden">{ " Undo" }</span>
                    </button>
                    <button type="button" onclick={click(&props.on_redo)} disabled={!props.can_redo} title="Redo (Ctrl+Shift+Z)">
                        <span aria-hidden="true">{ "↷" }</span><span class="narrow-hidden">{ " Redo" }</span>
                    </button>
                </span>
                <span class="group">
                    <button type="button" onclick={click(&props.on_share)} title="Put this exact cluster in a link">{ "Share" }</button>
                    <label class="button file-button" title="Open an ecs-sim scenario file">
                        { "Import" }
                        <input type="file" accept=".json,application/json" onchange={props.on_import.clone()} />
                    </label>
                    <button type="button" onclick={click(&props.on_export)} title="Download this scenario (runs with ecs-sim too)">{ "Export" }</button>
                </span>
                <span class="group presentation-toggle">
                    <button type="button" aria-pressed={presentation.to_string()} onclick={on_presentation} title="Larger text for a projector">
                        { "Presentation" }
                    </button>
                </span>
            </nav>
            // Outside the toolbar so that a phone can keep them beside the title.
            <div class="header-links">
                <a href="assumptions.html">{ "Assumptions" }</a>
                <LearnMenu on_scenario={props.on_scenario.clone()} tried={props.tried_lessons.clone()} />
            </div>
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct LearnMenuProps {
    on_scenario: Callback<String>,
    tried: Option<Rc<Vec<String>>>,
}

/// The tried lessons as the page last saved them (the reducer keeps them in `Extras`).
fn saved_tried_lessons() -> Rc<Vec<String>> {
    let extras: Extras = browser::startup()
        .saved_extras
        .as_deref()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    Rc::new(extras.tried_lessons)
}

/// "Learn": the built-in lessons, each with what it teaches, one click from opening.
#[function_component(LearnMenu)]
fn learn_menu(props: &LearnMenuProps) -> Html {
    let open = use_state(|| false);
    // Read when the menu opens, when the page did not pass the tried lessons.
    let saved = use_state(|| Rc::new(Vec::new()));
    let toggle = {
        let (open, saved, given) = (open.clone(), saved.clone(), props.tried.is_some());
        Callback::from(move |_: MouseEvent| {
            if !*open && !given {
                saved.set(saved_tried_lessons());
            }
            open.set(!*open)
        })
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let on_choose = {
        let (cb, open) = (props.on_scenario.clone(), open.clone());
        Callback::from(move |name: String| {
            open.set(false);
            cb.emit(name);
        })
    };
    let tried = props.tried.clone().unwrap_or_else(|| (*saved).clone());
    html! {
        <span class="learn" {onkeydown}>
            <button type="button" aria-expanded={open.to_string()} aria-controls="learn-panel" onclick={toggle}>
                { "Learn" }
            </button>
            if *open {
                <div class="learn-panel" id="learn-panel" role="region" aria-label="Lessons">
                    <p class="hint">{ "Each lesson opens a ready-made cluster. A lesson counts as tried once you run something in it." }</p>
                    <LessonGroups {tried} {on_choose} />
                </div>
            }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct LessonGroupsProps {
    /// Names of the lessons the learner ran something in.
    pub tried: Rc<Vec<String>>,
    pub on_choose: Callback<String>,
}

/// The Learn menu's lessons in two groups, Placement and Time, each with its progress
/// ("2 of 6 tried") and "✓ tried" beside each lesson tried.
#[function_component(LessonGroups)]
pub fn lesson_groups(props: &LessonGroupsProps) -> Html {
    let groups = [
        (
            "placement",
            "Placement",
            "Press Run task and watch ECS decide.",
            scenarios::all(),
        ),
        (
            "time",
            "Time",
            "Press ▶ Play beside the clock and watch services scale.",
            scenarios::time_lessons(),
        ),
    ];
    html! {
        <>
            { for groups.into_iter().map(|(id, heading, how, lessons)| {
                let done = lessons.iter().filter(|sc| props.tried.iter().any(|t| t == sc.name)).count();
                let heading_id = format!("learn-{id}");
                html! {
                    <section class="learn-group" aria-labelledby={heading_id.clone()}>
                        <h3 class="learn-group-head" id={heading_id}>
                            { heading }
                            <span class="learn-progress">{ format!("{done} of {} tried", lessons.len()) }</span>
                        </h3>
                        <p class="hint">{ how }</p>
                        <ol>
                            { for lessons.iter().map(|sc| {
                                let (cb, name) = (props.on_choose.clone(), sc.name.to_string());
                                let choose = Callback::from(move |_: MouseEvent| cb.emit(name.clone()));
                                let tried = props.tried.iter().any(|t| t == sc.name);
                                let first_sentence = sc.lesson.split_inclusive(". ").next().unwrap_or(sc.lesson).trim().to_string();
                                html! {
                                    <li>
                                        <button type="button" class={classes!("learn-item", tried.then_some("tried"))} onclick={choose}>
                                            <strong>
                                                { sc.title }
                                                if tried {
                                                    <span class="tried-mark">{ " ✓ tried" }</span>
                                                }
                                            </strong>
                                            <span>{ first_sentence }</span>
                                        </button>
                                    </li>
                                }
                            }) }
                        </ol>
                    </section>
                }
            }) }
        </>
    }
}
