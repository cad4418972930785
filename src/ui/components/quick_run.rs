//! The Run button again, at the top of the cluster, under the lesson that says "press Run
//! task": the Run panel sits below the editor (on phones, on another tab), often a screen or
//! two away from the cluster it changes. It sends the very request the Run panel shows (one
//! line says what it runs) and offers the way to change it.

use yew::prelude::*;

use super::run_panel::{run_once, RunPreview};
use crate::ui::run_form::run_button_label;
use crate::ui::state::{Action, Tab};

#[derive(Properties, PartialEq)]
pub struct QuickRunProps {
    pub preview: Result<RunPreview, AttrValue>,
    pub on_action: Callback<Action>,
}

#[function_component(QuickRun)]
pub fn quick_run(props: &QuickRunProps) -> Html {
    let run = run_once(&props.on_action);
    let change = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::SetTab(Tab::Definition));
            // Side by side (wide screens) the Run panel is further down its column.
            crate::ui::browser::bring_into_view("#run-title", true);
        })
    };
    // Like the Run panel's button it is never disabled: with no request to send, Run
    // explains why in a notice (and the line beside it already says).
    let (label, outline) = match &props.preview {
        Ok(p) => (run_button_label(&p.operation), p.outline.clone()),
        Err(why) => ("Run task", why.clone()),
    };
    html! {
        <section class="quick-run" aria-label="Start tasks from the cluster">
            <button type="button" class="primary" onclick={run}>
                <span aria-hidden="true">{ "▶ " }</span>{ label }
            </button>
            <p class="quick-run-outline">{ outline }</p>
            <button type="button" class="link-button" onclick={change}>{ "Change what runs" }</button>
        </section>
    }
}
