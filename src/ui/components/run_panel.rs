//! The Run panel: what the Run button will ask ECS for. Standalone tasks (count, group) or
//! a service (name, desired count); the strategy chain and the constraints apply to either.
//! The request is shown as JSON under "Request" (RunTask, CreateService or, once the service
//! exists, UpdateService); the reducer registers the editor's task definition first when it
//! changed.

use std::rc::Rc;

use yew::prelude::*;

use super::constraint_builder::ConstraintBuilder;
use super::format::thousands;
use super::strategy_builder::StrategyBuilder;
use crate::sim::placement::TaskNeeds;
use crate::sim::taskdef::read_task_definition;
use crate::ui::browser;
use crate::ui::run_form::run_button_label;
use crate::ui::state::{Action, RunForm, RunTarget, MAX_COUNT, MAX_DESIRED};

#[derive(Properties, PartialEq)]
pub struct RunPanelProps {
    pub form: RunForm,
    /// The editor's text (read here to say what will run).
    pub task_definition_text: AttrValue,
    /// The request the button sends, or why there is none.
    pub preview: Result<RunPreview, AttrValue>,
    pub custom_attributes: Rc<Vec<String>>,
    /// What is wrong with the typed count, if anything (shown under the field).
    #[prop_or_default]
    pub count_error: Option<AttrValue>,
    pub on_action: Callback<Action>,
}

/// The request the Run button sends, as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RunPreview {
    /// "RunTask", "CreateService" or "UpdateService".
    pub operation: AttrValue,
    /// The request, pretty JSON.
    pub json: AttrValue,
    /// One line: what it runs (`run_form::request_outline`).
    pub outline: AttrValue,
}

#[function_component(RunPanel)]
pub fn run_panel(props: &RunPanelProps) -> Html {
    let cb = &props.on_action;
    // Reading the task definition is the engine's job; memoised on the text.
    let summary = use_memo(props.task_definition_text.clone(), |text| {
        let report = read_task_definition(text);
        match (report.task_definition, report.errors.first()) {
            (Some(td), None) => {
                let needs = TaskNeeds::of(&td);
                let fargate = if RunTarget::of(&td).fargate {
                    " · Fargate only: it runs on FARGATE, where there is no instance to choose, so the strategies and constraints below don't apply"
                } else {
                    ""
                };
                Ok(format!(
                    "{} · {} mode · each task reserves {} CPU units and {} MiB{fargate}",
                    td.family,
                    td.network_mode.as_str(),
                    thousands(needs.cpu),
                    thousands(needs.memory)
                ))
            }
            (_, Some(e)) => Err(format!(
                "The task definition has {} — the first at line {}, column {}. Fix it in the editor before running.",
                if report.errors.len() == 1 { "an error".to_string() } else { format!("{} errors", report.errors.len()) },
                e.line,
                e.column
            )),
            (None, None) => Err("Write a task definition in the editor first.".to_string()),
        }
    });
    // Count and Desired count: the reducer keeps a count ECS takes and explains any other.
    let on_count = {
        let cb = cb.clone();
        Callback::from(move |e: InputEvent| cb.emit(Action::SetCountText(browser::event_value(&e))))
    };
    let on_group = {
        let cb = cb.clone();
        Callback::from(move |e: InputEvent| cb.emit(Action::SetGroup(browser::event_value(&e))))
    };
    let run = run_once(cb);
    let mode = |service: bool| {
        let cb = cb.clone();
        Callback::from(move |_: Event| cb.emit(Action::SetRunAsService(service)))
    };
    let on_name = {
        let cb = cb.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(Action::SetServiceName(browser::event_value(&e)))
        })
    };
    let form = &props.form;
    let operation = match &props.preview {
        Ok(p) => p.operation.to_string(),
        Err(_) if form.as_service => "CreateService".into(),
        Err(_) => "RunTask".into(),
    };
    let button = run_button_label(&operation);
    html! {
        <section class="panel run-panel" aria-labelledby="run-title">
            <h2 id="run-title">{ "Run" }</h2>
            { match &*summary {
                Ok(text) => html! { <p class="td-summary"><span class="tag">{ "task definition" }</span>{ " " }{ text }</p> },
                Err(text) => html! { <p class="td-summary error">{ "! " }{ text }</p> },
            } }
            <fieldset class="run-mode">
                <legend>{ "Run as" }</legend>
                <label class="check">
                    <input type="radio" name="run-mode" checked={!form.as_service} onchange={mode(false)} />
                    <span>{ "Standalone tasks" }<span class="hint mode-hint">{ "RunTask: count tasks, once" }</span></span>
                </label>
                <label class="check">
                    <input type="radio" name="run-mode" checked={form.as_service} onchange={mode(true)} />
                    <span>{ "A service" }<span class="hint mode-hint">{ "CreateService: keeps the desired count running" }</span></span>
                </label>
            </fieldset>
            if form.as_service {
                <div class="field-row">
                    <label class="field count-field">
                        <span>{ "Desired count" }</span>
                        <input type="number" min="0" max={MAX_DESIRED.to_string()} value={form.desired.to_string()} oninput={on_count.clone()}
                            aria-invalid={props.count_error.is_some().to_string()} aria-describedby="count-error" />
                    </label>
                    <label class="field group-field">
                        <span>{ "Service name" }<span class="hint">{ " optional" }</span></span>
                        <input type="text" placeholder="the family's name" value={form.service_name.clone()} oninput={on_name} />
                    </label>
                </div>
                <p class="hint">{ "The service's tasks are its own group (service:<name>), which spread counts. Once the service exists, the button updates it: a new desired count, strategies or constraints, or a new revision from the editor." }</p>
            } else {
                <div class="field-row">
                    <label class="field count-field">
                        <span>{ "Count" }</span>
                        <input type="number" min="1" max={MAX_COUNT.to_string()} value={form.count.to_string()} oninput={on_count}
                            aria-invalid={props.count_error.is_some().to_string()} aria-describedby="count-error" />
                    </label>
                    <label class="field group-field">
                        <span>{ "Group" }<span class="hint">{ " optional" }</span></span>
                        <input type="text" placeholder="family:<family> (the default)" value={form.group.clone()} oninput={on_group} />
                    </label>
                </div>
            }
            <p id="count-error" class="field-error" role="status">{ props.count_error.clone().unwrap_or_default() }</p>
            <StrategyBuilder rules={props.form.strategies.clone()} custom_attributes={props.custom_attributes.clone()} on_action={cb.clone()} />
            <ConstraintBuilder rules={props.form.constraints.clone()} on_action={cb.clone()} />
            <button type="button" class="primary run-button" onclick={run}>
                <span aria-hidden="true">{ "▶ " }</span>{ button }
            </button>
            <details class="request-preview">
                <summary>{ "Request" }<span class="hint">{ format!(" the {operation} call this sends") }</span></summary>
                { match &props.preview {
                    Ok(p) => html! { <pre class="json">{ p.json.clone() }</pre> },
                    Err(why) => html! { <p class="hint">{ why.clone() }</p> },
                } }
            </details>
        </section>
    }
}

/// The Run button's click: a double click runs once (the second click of a pair has
/// `detail` 2); the keyboard's Enter and Space have `detail` 0.
pub fn run_once(on_action: &Callback<Action>) -> Callback<MouseEvent> {
    let cb = on_action.clone();
    Callback::from(move |e: MouseEvent| {
        if e.detail() <= 1 {
            cb.emit(Action::Run)
        }
    })
}
