//! The decision panel: plays the placement trace of the last RunTask (or of a service
//! request's immediate placements) phase by phase (the cluster view paints the same phase
//! from `anim::view_at`), lists each instance's verdict,
//! and answers "why not here?" for the selected instance with every check of the trace.
//!
//! The shell owns the state (step, playing, speed, selection); this panel only asks for
//! changes through the callbacks, so the cluster view and the panel never disagree.

mod controls;
mod playback;
mod verdicts;
mod why_not;

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

use crate::ui::anim::{PhaseKind, PhaseView, StepPosition, Story, TaskTrace};

pub use controls::SPEEDS;
pub use playback::{prefers_reduced_motion, tick_ms, MS_PER_PHASE};

#[derive(Properties, PartialEq)]
pub struct DecisionProps {
    /// The last RunTask response (with `trace`), if any.
    pub response: Option<Rc<Value>>,
    /// Current animation step (see `ui::anim`).
    pub step: usize,
    pub playing: bool,
    /// Speed multiplier: 0.5, 1, 2, 4.
    pub speed: f64,
    pub on_step: Callback<usize>,
    pub on_play: Callback<bool>,
    pub on_speed: Callback<f64>,
    /// The instance whose every check is listed ("why not here?"), if one is selected.
    pub selected_instance: Option<String>,
    pub on_select_instance: Callback<Option<String>>,
    /// Predict first: each task's outcome stays hidden until its step.
    #[prop_or_default]
    pub predict: bool,
    /// The learner's guesses: task index -> instance id.
    #[prop_or_default]
    pub guesses: Rc<BTreeMap<usize, String>>,
    #[prop_or_default]
    pub on_predict: Callback<bool>,
}

#[function_component(Decision)]
pub fn decision(props: &DecisionProps) -> Html {
    // Read the response once per response, not once per step.
    let story = use_memo(props.response.clone(), |r| {
        r.as_deref().map(Story::read).unwrap_or_default()
    });
    let count = story.phase_count();
    let step = props.step.min(count.saturating_sub(1));
    playback::use_autoplay(
        props.playing,
        step,
        count,
        props.speed,
        props.on_step.clone(),
        props.on_play.clone(),
    );
    let reduced_motion = playback::use_reduced_motion();
    let heading = use_node_ref();
    use_focus_on_open(props.selected_instance.clone(), heading.clone());

    let view = story.view_at(step);
    let at = story.locate(step);
    let trace = at.and_then(|a| story.tasks.get(a.task));

    let input = controls::ControlsInput {
        step,
        count,
        playing: props.playing,
        speed: props.speed,
        on_step: &props.on_step,
        on_play: &props.on_play,
        on_speed: &props.on_speed,
        predict: props.predict,
        on_predict: &props.on_predict,
    };
    // Predicting: what the learner may see of the outcomes at this step.
    // A task's outcome is hidden until its own outcome step.
    let hidden = |task: usize| {
        props.predict
            && at.is_some_and(|a| task > a.task || (task == a.task && !a.kind.is_outcome()))
    };
    let why_not = props.selected_instance.as_deref().map(|instance| {
        let on_select = props.on_select_instance.clone();
        why_not::why_not(why_not::WhyNotInput {
            trace,
            at,
            instance,
            on_close: Callback::from(move |_: MouseEvent| on_select.emit(None)),
            heading: heading.clone(),
        })
    });

    html! {
        <section
            class={classes!("decision", reduced_motion.then_some("decision--reduced-motion"))}
            aria-labelledby="decision-heading"
        >
            <h2 id="decision-heading" class="decision-heading">{ "Decision" }</h2>
            { controls::controls(&input) }
            { controls::task_list(&story, at, &props.on_step, &hidden) }
            if let Some(at) = at {
                { controls::phase_list(&story, at, &props.on_step, props.predict) }
            }
            <h3 class="decision-title">{ &view.title }</h3>
            // Always in the page, so screen readers hear each new phase (polite: after
            // whatever they are reading).
            <p class="decision-narration" aria-live="polite" aria-atomic="true">{ &view.narration }</p>
            { guess_line(props.predict, at, trace, &props.guesses) }
            { zone_notes(&view) }
            { failure(trace, at) }
            if let Some(trace) = trace {
                { verdicts::verdict_list(trace, &view, props.selected_instance.as_deref(), &props.on_select_instance) }
            }
            { for why_not }
        </section>
    }
}

/// Moves keyboard focus to the "why not here?" heading when an instance gets selected, so
/// keyboard and screen-reader users land on the answer.
#[hook]
fn use_focus_on_open(selected: Option<String>, heading: NodeRef) {
    use_effect_with(selected, move |selected| {
        #[cfg(target_arch = "wasm32")]
        if selected.is_some() {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (selected, heading);
    });
}

/// Predicting: what to do, the guess for the task on screen, and at its outcome whether
/// ECS agreed.
fn guess_line(
    predict: bool,
    at: Option<StepPosition>,
    trace: Option<&TaskTrace>,
    guesses: &BTreeMap<usize, String>,
) -> Html {
    let (true, Some(at), Some(trace)) = (predict, at, trace) else {
        return Html::default();
    };
    let guess = guesses.get(&at.task);
    let text = match (at.kind.is_outcome(), guess, &trace.chosen) {
        (false, None, _) => format!(
            "Predict: click the instance card where you think task {} will go, then step on (→).",
            at.task + 1
        ),
        (false, Some(g), _) => format!(
            "Your guess for task {}: {g}. Step on (→) to see what ECS decides.",
            at.task + 1
        ),
        (true, Some(g), Some(chosen)) if g == chosen => {
            format!("You guessed {g}: right, ECS chose it too.")
        }
        (true, Some(g), Some(chosen)) => {
            format!("You guessed {g}; ECS chose {chosen}. The checks above say why.")
        }
        (true, Some(g), None) => {
            format!("You guessed {g}; ECS placed the task nowhere. The checks above say why.")
        }
        (true, None, _) => "No guess for this task.".to_string(),
    };
    html! { <p class="decision-guess" role="status">{ text }</p> }
}

/// Spread by AZ: the count per AZ (the cluster view also shows them above its columns).
fn zone_notes(view: &PhaseView) -> Html {
    if view.zone_notes.is_empty() {
        return Html::default();
    }
    html! {
        <ul class="decision-zones" aria-label="Tasks of the group per Availability Zone">
            { for view.zone_notes.iter().map(|(az, note)| html! {
                <li><strong>{ az }</strong>{ format!(": {note}") }</li>
            }) }
        </ul>
    }
}

/// At the end of a task that could not be placed: ECS's reason code and its message.
fn failure(trace: Option<&TaskTrace>, at: Option<StepPosition>) -> Html {
    let (
        Some(trace),
        Some(StepPosition {
            kind: PhaseKind::NotPlaced,
            ..
        }),
    ) = (trace, at)
    else {
        return Html::default();
    };
    let Some(f) = &trace.failure else {
        return Html::default();
    };
    html! {
        <div class="decision-failure">
            <p><span aria-hidden="true">{ "✗ " }</span><strong>{ "Not placed." }</strong>{ " " }{ plain_failure(trace, f) }</p>
            if !f.reason.is_empty() {
                <p>{ "ECS reports this as " }<code class="decision-reason">{ &f.reason }</code></p>
            }
            if !f.message.is_empty() {
                <p class="decision-event-label">{ "The service event, in ECS's words:" }</p>
                <blockquote class="decision-event">{ &f.message }</blockquote>
            }
        </div>
    }
}

/// The plain sentence before ECS's terms: what fell short, with the numbers.
fn plain_failure(trace: &TaskTrace, f: &crate::ui::anim::FailureView) -> String {
    let closest = f.instance.as_deref().and_then(|id| trace.instance(id));
    match closest.and_then(|i| i.first_problem().map(|p| (i, p))) {
        Some((inst, problem)) => {
            // ECS names one closest match: among instances that fall short the same way,
            // the first it looked at, which need not be the one with the most room.
            let same = trace
                .instances
                .iter()
                .filter(|other| other.id != inst.id && other.shortfall() == inst.shortfall())
                .count();
            let tie = if same > 0 {
                format!(
                    " ({} other {} short the same way; ECS names the first one it looked at, not the one with the most room)",
                    same,
                    if same == 1 { "instance falls" } else { "instances fall" }
                )
            } else {
                String::new()
            };
            format!(
                "No instance met all of the task's requirements. Even the closest match, {}, falls short: {problem}{tie}.",
                inst.id
            )
        }
        None if trace.instances.is_empty() => {
            "There was no container instance to place it on.".into()
        }
        None => "No instance met all of the task's requirements.".into(),
    }
}
