//! The open scenario's lesson: what to try and what to notice, with Reset lesson (its first
//! board again, one Undo away from the learner's) and a way back after closing it.

use yew::prelude::*;

use crate::ui::state::{Action, Lesson};

#[derive(Properties, PartialEq)]
pub struct LessonCardProps {
    pub lesson: Lesson,
    /// Closed by the learner: only a one-line bar that opens it again is shown.
    #[prop_or_default]
    pub hidden: bool,
    pub on_action: Callback<Action>,
}

#[function_component(LessonCard)]
pub fn lesson_card(props: &LessonCardProps) -> Html {
    let send = |action: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
    };
    // In the tabbed layout (phones, embeds) the text is cut to three lines until asked for;
    // wider screens show it whole and never show the button (CSS).
    let expanded = use_state(|| false);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    if props.hidden {
        return html! {
            <aside class="lesson lesson--closed" aria-label="Lesson (closed)">
                <span class="tag">{ "Lesson" }</span>{ " " }
                <span class="lesson-closed-title">{ &props.lesson.title }</span>
                <button type="button" class="secondary" onclick={send(Action::ShowLesson)}>{ "Show the lesson" }</button>
            </aside>
        };
    }
    html! {
        <aside class="lesson" aria-labelledby="lesson-title">
            <div class="lesson-head">
                <h2 id="lesson-title"><span class="tag">{ "Lesson" }</span>{ " " }{ &props.lesson.title }</h2>
                <button type="button" class="icon-button" onclick={send(Action::DismissLesson)} aria-label="Hide the lesson">{ "✕" }</button>
            </div>
            <p class={classes!("lesson-text", (!*expanded).then_some("clamped"))}>{ &props.lesson.text }</p>
            <div class="lesson-actions">
                <button type="button" class="lesson-more secondary" aria-expanded={expanded.to_string()} onclick={toggle}>
                    { if *expanded { "Show less" } else { "Read the whole lesson" } }
                </button>
                <button type="button" class="lesson-reset secondary" onclick={send(Action::ResetLesson)}
                    title="Open this lesson's first board again (Undo brings back yours)">{ "Reset lesson" }</button>
            </div>
        </aside>
    }
}
