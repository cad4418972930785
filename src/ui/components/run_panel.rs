//! The Run panel: what the Run task button will ask ECS for. Count, group, the strategy
//! chain and the constraints build one RunTask request (shown as JSON under "Request");
//! the reducer registers the editor's task definition first when it changed.

use std::rc::Rc;

use yew::prelude::*;

use super::constraint_builder::ConstraintBuilder;
use super::format::thousands;
use super::strategy_builder::StrategyBuilder;
use crate::sim::placement::TaskNeeds;
use crate::sim::taskdef::read_task_definition;
use crate::ui::browser;
use crate::ui::state::{Action, RunForm, MAX_COUNT};

#[derive(Properties, PartialEq)]
pub struct RunPanelProps {
    pub form: RunForm,
    /// The editor's text (read here to say what will run).
    pub task_definition_text: AttrValue,
    /// The RunTask request the button sends, pretty JSON, or why there is none.
    pub preview: Result<AttrValue, AttrValue>,
    pub custom_attributes: Rc<Vec<String>>,
    pub on_action: Callback<Action>,
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
                Ok(format!(
                    "{} · {} mode · each task reserves {} CPU units and {} MiB",
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
    let on_count = {
        let cb = cb.clone();
        Callback::from(move |e: InputEvent| {
            if let Ok(n) = browser::event_value(&e).trim().parse::<u32>() {
                cb.emit(Action::SetCount(n));
            }
        })
    };
    let on_group = {
        let cb = cb.clone();
        Callback::from(move |e: InputEvent| cb.emit(Action::SetGroup(browser::event_value(&e))))
    };
    let run = {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Run))
    };
    html! {
        <section class="panel run-panel" aria-labelledby="run-title">
            <h2 id="run-title">{ "Run" }</h2>
            { match &*summary {
                Ok(text) => html! { <p class="td-summary"><span class="tag">{ "task definition" }</span>{ " " }{ text }</p> },
                Err(text) => html! { <p class="td-summary error">{ "! " }{ text }</p> },
            } }
            <div class="field-row">
                <label class="field count-field">
                    <span>{ "Count" }</span>
                    <input type="number" min="1" max={MAX_COUNT.to_string()} value={props.form.count.to_string()} oninput={on_count} />
                </label>
                <label class="field group-field">
                    <span>{ "Group" }<span class="hint">{ " optional" }</span></span>
                    <input type="text" placeholder="family:<family> (the default)" value={props.form.group.clone()} oninput={on_group} />
                </label>
            </div>
            <StrategyBuilder rules={props.form.strategies.clone()} custom_attributes={props.custom_attributes.clone()} on_action={cb.clone()} />
            <ConstraintBuilder rules={props.form.constraints.clone()} on_action={cb.clone()} />
            <button type="button" class="primary run-button" onclick={run}>
                <span aria-hidden="true">{ "▶ " }</span>{ "Run task" }
            </button>
            <details class="request-preview">
                <summary>{ "Request" }<span class="hint">{ " the RunTask call this sends" }</span></summary>
                { match &props.preview {
                    Ok(json) => html! { <pre class="json">{ json.clone() }</pre> },
                    Err(why) => html! { <p class="hint">{ why.clone() }</p> },
                } }
            </details>
        </section>
    }
}
