//! The list of errors and warnings below the editor. Each item is a button ("line 12,
//! column 5 — containerDefinitions[0].memory: …") that puts the caret there; errors and
//! warnings differ by icon and word, not only by colour.

use std::rc::Rc;

use yew::prelude::*;

use super::analysis::{problem_text, Analysis};
use super::layers::Severity;

/// More items than anyone reads; the summary line still gives the full counts.
const MAX_ITEMS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub report: Rc<Analysis>,
    /// Called with (line, column) when an item is chosen.
    pub on_jump: Callback<(u32, u32)>,
}

#[function_component(Problems)]
pub fn problems(props: &ProblemsProps) -> Html {
    let report = &props.report.report;
    let all: Vec<_> = report
        .errors
        .iter()
        .map(|d| (Severity::Error, d))
        .chain(report.warnings.iter().map(|d| (Severity::Warning, d)))
        .collect();
    if all.is_empty() {
        return html! {};
    }
    let hidden = all.len().saturating_sub(MAX_ITEMS);
    html! {
        <ul class="editor-problems" aria-label="Problems">
            { for all.iter().take(MAX_ITEMS).map(|(severity, d)| {
                let (line, column) = (d.line, d.column);
                let on_jump = props.on_jump.clone();
                html! {
                    <li class={classes!("editor-problem", severity.class())}>
                        <button type="button" onclick={move |_: MouseEvent| on_jump.emit((line, column))}>
                            <span class="editor-problem-icon" aria-hidden="true">{ severity.icon() }</span>
                            <span class="editor-problem-word">{ severity.word() }</span>
                            { " " }
                            <span class="editor-problem-text">{ problem_text(d) }</span>
                        </button>
                    </li>
                }
            }) }
            if hidden > 0 {
                <li class="editor-problem-more">{ format!("… and {hidden} more") }</li>
            }
        </ul>
    }
}
