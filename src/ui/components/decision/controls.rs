//! Back / Play-Pause / Step, the speed, and where we are (overall progress, the tasks, the
//! phases of the current task). Every control is a native button or select, so it is
//! reachable by keyboard and named by its visible text.

use yew::prelude::*;

use crate::ui::anim::{phase_label, PhaseKind, StepPosition, Story};

/// The speeds offered, with their labels.
pub const SPEEDS: [(f64, &str); 4] = [(0.5, "0.5x"), (1.0, "1x"), (2.0, "2x"), (4.0, "4x")];

pub struct ControlsInput<'a> {
    pub step: usize,
    pub count: usize,
    pub playing: bool,
    pub speed: f64,
    pub on_step: &'a Callback<usize>,
    pub on_play: &'a Callback<bool>,
    pub on_speed: &'a Callback<f64>,
    pub predict: bool,
    pub on_predict: &'a Callback<bool>,
}

pub fn controls(input: &ControlsInput) -> Html {
    let ControlsInput {
        step,
        count,
        playing,
        speed,
        ..
    } = *input;
    let nothing = count == 0;
    let at_end = step + 1 >= count;

    let at_start = step == 0;
    let back = {
        let (on_step, on_play) = (input.on_step.clone(), input.on_play.clone());
        // Going back while playing would be undone by the next tick: pause first.
        Callback::from(move |_: MouseEvent| {
            if !at_start {
                on_play.emit(false);
                on_step.emit(step - 1);
            }
        })
    };
    let forward = {
        let on_step = input.on_step.clone();
        Callback::from(move |_: MouseEvent| {
            if !at_end {
                on_step.emit(step + 1)
            }
        })
    };
    let play_pause = {
        let (on_step, on_play) = (input.on_step.clone(), input.on_play.clone());
        Callback::from(move |_: MouseEvent| {
            if playing {
                on_play.emit(false);
            } else {
                // Play at the end starts over.
                if at_end {
                    on_step.emit(0);
                }
                on_play.emit(true);
            }
        })
    };
    let toggle_predict = {
        let (on_predict, predict) = (input.on_predict.clone(), input.predict);
        Callback::from(move |_: Event| on_predict.emit(!predict))
    };
    let change_speed = {
        let on_speed = input.on_speed.clone();
        Callback::from(move |e: Event| {
            if let Some(speed) = selected_speed(&e) {
                on_speed.emit(speed);
            }
        })
    };

    html! {
        <div class="decision-controls">
            <div class="decision-buttons" role="group" aria-label="Playback">
                // At either end a button says it is unavailable but keeps the focus
                // (`aria-disabled`): a disabled one would drop it to the page, where Space
                // then scrolls the board away.
                <button type="button" class="decision-back" onclick={back} disabled={nothing}
                    aria-disabled={(!nothing && at_start).then_some("true")} title="Back (←)">
                    { icon(Icon::Back) }
                    <span>{ "Back" }</span>
                </button>
                <button type="button" class="decision-play" onclick={play_pause} disabled={nothing} title="Play or pause (P)">
                    { icon(if playing { Icon::Pause } else { Icon::Play }) }
                    <span>{ if playing { "Pause" } else { "Play" } }</span>
                </button>
                <button type="button" class="decision-step" onclick={forward} disabled={nothing}
                    aria-disabled={(!nothing && at_end).then_some("true")} title="Step (→)">
                    { icon(Icon::Step) }
                    <span>{ "Step" }</span>
                </button>
                <label class="decision-speed">
                    <span>{ "Speed" }</span>
                    <select onchange={change_speed}>
                        { for SPEEDS.iter().map(|(value, label)| html! {
                            <option value={value.to_string()} selected={(value - speed).abs() < 1e-9}>{ *label }</option>
                        }) }
                    </select>
                </label>
            </div>
            <label class="check decision-predict">
                <input type="checkbox" checked={input.predict} onchange={toggle_predict} />
                <span>{ "Predict first" }<span class="hint">{ " each outcome stays hidden until its step; click a card to guess" }</span></span>
            </label>
            if !nothing {
                <p class="decision-keys hint">
                    { "Keys: " }<kbd>{ "←" }</kbd>{ " back · " }<kbd>{ "P" }</kbd>{ " play or pause · " }
                    <kbd>{ "→" }</kbd>{ " step · " }<kbd>{ "Home" }</kbd>{ " first step · " }<kbd>{ "End" }</kbd>{ " outcome" }
                </p>
                <div class="decision-progress">
                    <progress max={count.to_string()} value={(step + 1).min(count).to_string()} aria-label="Decision progress"></progress>
                    <span class="decision-progress-text">{ format!("Step {} of {}", (step + 1).min(count), count) }</span>
                </div>
            }
        </div>
    }
}

#[derive(Clone, Copy)]
enum Icon {
    Back,
    Play,
    Pause,
    Step,
}

/// Drawn, not typed: the media-control characters (U+23EE...) are missing from many fonts.
/// Hidden from assistive technology; the button's text names it.
fn icon(which: Icon) -> Html {
    let path = match which {
        Icon::Back => "M3 2h2v12H3zM14 2v12L6 8z",
        Icon::Play => "M4 2v12l10-6z",
        Icon::Pause => "M3 2h4v12H3zM9 2h4v12H9z",
        Icon::Step => "M11 2h2v12h-2zM2 2v12l8-6z",
    };
    html! {
        <svg class="decision-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path d={path} fill="currentColor" />
        </svg>
    }
}

/// The tasks of the response, each with its outcome, as buttons that jump to its first step.
/// `hidden(task)`: predicting, that task's outcome is not shown yet.
pub fn task_list(
    story: &Story,
    at: Option<StepPosition>,
    on_step: &Callback<usize>,
    hidden: &dyn Fn(usize) -> bool,
) -> Html {
    if story.tasks.len() < 2 {
        return Html::default();
    }
    let starts = story.task_starts();
    html! {
        <ol class="decision-tasks" aria-label="Tasks in this decision">
            { for story.tasks.iter().enumerate().map(|(i, trace)| {
                let current = at.map(|a| a.task == i).unwrap_or(false);
                let start = starts.get(i).copied().unwrap_or(0);
                let on_step = on_step.clone();
                let (symbol, outcome) = match &trace.chosen {
                    _ if hidden(i) => ("?", "to predict".to_string()),
                    Some(id) => ("✓", format!("on {id}")),
                    None => ("✗", "not placed".to_string()),
                };
                let failed = trace.chosen.is_none() && !hidden(i);
                html! {
                    <li class={classes!("decision-task", failed.then_some("decision-task--failed"))}>
                        <button type="button" aria-current={current.then_some("step")}
                            onclick={Callback::from(move |_: MouseEvent| on_step.emit(start))}>
                            { format!("Task {} ", i + 1) }
                            <span aria-hidden="true">{ symbol }</span>
                            { format!(" {outcome}") }
                        </button>
                    </li>
                }
            }) }
        </ol>
    }
}

/// The phases of the current task; the current one is marked (text and aria-current).
/// `predict`: the outcome phase is named "outcome" until it is reached.
pub fn phase_list(
    story: &Story,
    at: StepPosition,
    on_step: &Callback<usize>,
    predict: bool,
) -> Html {
    let Some(trace) = story.tasks.get(at.task) else {
        return Html::default();
    };
    let first = story.task_starts().get(at.task).copied().unwrap_or(0);
    html! {
        <ol class="decision-phases" aria-label={format!("Phases of task {}", at.task + 1)}>
            { for trace.phases().into_iter().enumerate().map(|(i, kind)| {
                let state = match i.cmp(&at.phase) {
                    std::cmp::Ordering::Less => "done",
                    std::cmp::Ordering::Equal => "current",
                    std::cmp::Ordering::Greater => "ahead",
                };
                let on_step = on_step.clone();
                html! {
                    <li class={format!("decision-phase decision-phase--{state}")}>
                        <button type="button" aria-current={(state == "current").then_some("step")}
                            onclick={Callback::from(move |_: MouseEvent| on_step.emit(first + i))}>
                            { if predict && state == "ahead" && kind.is_outcome() { "outcome".to_string() } else { short_label(trace, kind) } }
                        </button>
                    </li>
                }
            }) }
        </ol>
    }
}

/// A compact phase name for the phase strip ("spread", "binpack", "placed").
fn short_label(trace: &crate::ui::anim::TaskTrace, kind: PhaseKind) -> String {
    match kind {
        PhaseKind::Strategy(k) => trace
            .strategies
            .get(k)
            .map(|s| s.kind.clone())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "strategy".into()),
        PhaseKind::Placed => "placed".into(),
        other => phase_label(trace, other),
    }
}

#[cfg(target_arch = "wasm32")]
fn selected_speed(e: &Event) -> Option<f64> {
    use yew::TargetCast;
    let select: web_sys::HtmlSelectElement = e.target_dyn_into()?;
    select.value().parse().ok()
}

/// Natively (server rendering) no event is ever delivered.
#[cfg(not(target_arch = "wasm32"))]
fn selected_speed(_: &Event) -> Option<f64> {
    None
}
