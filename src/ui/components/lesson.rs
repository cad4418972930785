//! The open scenario's lesson: what to try and what to notice.

use yew::prelude::*;

use crate::ui::state::Lesson;

#[derive(Properties, PartialEq)]
pub struct LessonCardProps {
    pub lesson: Lesson,
    pub on_dismiss: Callback<()>,
}

#[function_component(LessonCard)]
pub fn lesson_card(props: &LessonCardProps) -> Html {
    let dismiss = {
        let cb = props.on_dismiss.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    // In the tabbed layout (phones, embeds) the text is cut to three lines until asked for;
    // wider screens show it whole and never show the button (CSS).
    let expanded = use_state(|| false);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    html! {
        <aside class="lesson" aria-labelledby="lesson-title">
            <div class="lesson-head">
                <h2 id="lesson-title"><span class="tag">{ "Lesson" }</span>{ " " }{ &props.lesson.title }</h2>
                <button type="button" class="icon-button" onclick={dismiss} aria-label="Hide the lesson">{ "✕" }</button>
            </div>
            <p class={classes!("lesson-text", (!*expanded).then_some("clamped"))}>{ &props.lesson.text }</p>
            <button type="button" class="lesson-more secondary" aria-expanded={expanded.to_string()} onclick={toggle}>
                { if *expanded { "Show less" } else { "Read the whole lesson" } }
            </button>
        </aside>
    }
}
