//! The banner under the header: what just happened, or what went wrong and that nothing
//! was lost. Errors are announced at once (role alert); the rest politely (role status).

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::state::{Notice, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let Some(notice) = &props.notice else {
        // The live region stays in the page so the next notice is announced.
        return html! { <div class="notice-slot" role="status" aria-live="polite"></div> };
    };
    let (class, icon, role, label) = match notice.kind {
        NoticeKind::Info => ("info", "ℹ", "status", "Note"),
        NoticeKind::Success => ("success", "✓", "status", "Done"),
        NoticeKind::Error => ("error", "!", "alert", "Problem"),
    };
    let dismiss = {
        let cb = props.on_dismiss.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let select_all = Callback::from(|e: FocusEvent| browser::select_focused_text(&e));
    html! {
        <div class="notice-slot">
            <div class={classes!("notice", class)} role={role}>
                <span class="notice-icon" aria-hidden="true">{ icon }</span>
                <div class="notice-body">
                    <strong class="visually-hidden">{ format!("{label}: ") }</strong>
                    <span>{ &notice.text }</span>
                    if let Some(link) = &notice.link {
                        <input class="notice-link" type="text" readonly=true value={link.clone()}
                            aria-label="Share link" onfocus={select_all} />
                    }
                </div>
                <button type="button" class="icon-button" onclick={dismiss} aria-label="Dismiss message">{ "✕" }</button>
            </div>
        </div>
    }
}
