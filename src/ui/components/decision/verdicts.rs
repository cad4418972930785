//! The instances of the current task with their verdict at the current phase, each with a
//! "Why not here?" button. Verdicts are symbol plus words, never colour alone.

use yew::prelude::*;

use crate::ui::anim::{Mark, PhaseView, TaskTrace};

/// "✗" + "Ruled out" + the reason, for one mark.
pub fn verdict_words(mark: &Mark) -> (&'static str, &'static str, String, &'static str) {
    match mark {
        Mark::Idle => ("·", "Waiting", String::new(), "idle"),
        Mark::Candidate => ("○", "In the running", String::new(), "candidate"),
        Mark::Filtered { why } => ("✗", "Ruled out", why.clone(), "filtered"),
        Mark::Survivor { note } => ("✓", "Kept", note.clone(), "survivor"),
        Mark::Chosen => ("★", "Chosen", "the task goes here".into(), "chosen"),
    }
}

pub fn verdict_list(
    trace: &TaskTrace,
    view: &PhaseView,
    selected: Option<&str>,
    on_select: &Callback<Option<String>>,
) -> Html {
    if trace.instances.is_empty() {
        return html! { <p class="decision-none">{ "No container instance was registered for this decision." }</p> };
    }
    html! {
        <ul class="decision-verdicts" aria-label="Instances at this step">
            { for trace.instances.iter().map(|inst| {
                let mark = view.marks.get(&inst.id).cloned().unwrap_or(Mark::Idle);
                let (symbol, mut word, detail, kind) = verdict_words(&mark);
                // Strategies rank, they don't disqualify: an instance that met every
                // requirement was passed over, not ruled out.
                if kind == "filtered" && inst.first_problem().is_none() {
                    word = "Passed over";
                }
                let is_selected = selected == Some(inst.id.as_str());
                let question = if mark == Mark::Chosen { "Why here?" } else { "Why not here?" };
                let id = inst.id.clone();
                let on_select = on_select.clone();
                // A second press closes the section again.
                let toggle = Callback::from(move |_: MouseEvent| {
                    on_select.emit(if is_selected { None } else { Some(id.clone()) })
                });
                html! {
                    <li class={classes!("decision-verdict", format!("decision-verdict--{kind}"), is_selected.then_some("decision-verdict--selected"))}>
                        <div class="decision-verdict-head">
                            <span class="decision-verdict-id">{ &inst.id }</span>
                            if !inst.az.is_empty() {
                                <span class="decision-verdict-az">{ &inst.az }</span>
                            }
                        </div>
                        <div class="decision-verdict-text">
                            <span class="decision-symbol" aria-hidden="true">{ symbol }</span>
                            <strong>{ word }</strong>
                            if !detail.is_empty() {
                                { format!(": {detail}") }
                            }
                        </div>
                        <button type="button" class="decision-why"
                            aria-label={format!("{question} {}", inst.id)}
                            aria-expanded={is_selected.to_string()}
                            aria-controls={is_selected.then_some("decision-why-not")}
                            onclick={toggle}>
                            { question }
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}
