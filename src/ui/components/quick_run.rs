//! The Run button again, at the top of the Cluster tab on narrow screens (phones, embeds in
//! a docs page): there the Run panel sits on the Definition tab, but the lessons say "press
//! Run task" while the cluster is what is on screen. It sends the very request the Run
//! panel shows (one line says what it runs) and offers the way to change it. Wide layouts,
//! which show the Run panel beside the cluster, hide it (static/styles.css).

use yew::prelude::*;

use super::run_panel::RunPreview;
use crate::ui::run_form::run_button_label;
use crate::ui::state::{Action, Tab};

#[derive(Properties, PartialEq)]
pub struct QuickRunProps {
    pub preview: Result<RunPreview, AttrValue>,
    pub on_action: Callback<Action>,
}

#[function_component(QuickRun)]
pub fn quick_run(props: &QuickRunProps) -> Html {
    let run = props.on_action.reform(|_: MouseEvent| Action::Run);
    let change = props
        .on_action
        .reform(|_: MouseEvent| Action::SetTab(Tab::Definition));
    // Like the Run panel's button it is never disabled: with no request to send, Run
    // explains why in a notice (and the line beside it already says).
    let (label, outline) = match &props.preview {
        Ok(p) => (run_button_label(&p.operation), p.outline.clone()),
        Err(why) => ("Run task", why.clone()),
    };
    html! {
        <section class="quick-run" aria-label="Run">
            <button type="button" class="primary" onclick={run}>
                <span aria-hidden="true">{ "▶ " }</span>{ label }
            </button>
            <p class="quick-run-outline">{ outline }</p>
            <button type="button" class="link-button" onclick={change}>{ "Change what runs" }</button>
        </section>
    }
}
