//! The page header: title, scenario picker, Undo/Redo, Share, Import, Export, the
//! presentation toggle and the links. Every control has a visible text name.

use yew::prelude::*;

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
                <LearnMenu on_scenario={props.on_scenario.clone()} />
            </div>
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct LearnMenuProps {
    on_scenario: Callback<String>,
}

/// "Learn": the built-in lessons, each with what it teaches, one click from opening.
#[function_component(LearnMenu)]
fn learn_menu(props: &LearnMenuProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    html! {
        <span class="learn" {onkeydown}>
            <button type="button" aria-expanded={open.to_string()} aria-controls="learn-panel" onclick={toggle}>
                { "Learn" }
            </button>
            if *open {
                <div class="learn-panel" id="learn-panel" role="region" aria-label="Lessons">
                    <p class="hint">{ "Each lesson opens a ready-made cluster. Placement lessons: press Run task and watch ECS decide. Time lessons: press Play time." }</p>
                    <ol>
                        { for scenarios::all().into_iter().chain(scenarios::time_lessons()).map(|sc| {
                            let (cb, open, name) = (props.on_scenario.clone(), open.clone(), sc.name.to_string());
                            let choose = Callback::from(move |_: MouseEvent| {
                                open.set(false);
                                cb.emit(name.clone());
                            });
                            let first_sentence = sc.lesson.split_inclusive(". ").next().unwrap_or(sc.lesson).trim().to_string();
                            html! {
                                <li>
                                    <button type="button" class="learn-item" onclick={choose}>
                                        <strong>{ sc.title }</strong>
                                        <span>{ first_sentence }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                </div>
            }
        </span>
    }
}
