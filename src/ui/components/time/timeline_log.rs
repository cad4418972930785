//! The event timeline: ECS service events, scaling activities, alarm state changes and
//! managed scaling, newest first, in ECS's own wording. Each entry names its kind in words.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::components::format::plural;
use crate::ui::time_view::{EventKind, TimeView};

#[derive(Properties, PartialEq)]
pub struct TimelineLogProps {
    pub time: Rc<TimeView>,
}

const KINDS: [EventKind; 5] = [
    EventKind::Request,
    EventKind::Service,
    EventKind::Scaling,
    EventKind::Alarm,
    EventKind::Capacity,
];

/// What the timeline says when it lists nothing: no event at all (before time has moved:
/// press Play), or none of the kind the filter shows while others are hidden.
pub fn empty_message(time: &TimeView, filter: Option<EventKind>) -> String {
    let hidden = time.events.len();
    match filter {
        Some(kind) if hidden > 0 => format!(
            "No {} event yet. The \"Show: {}\" filter hides the other {}; choose Everything to see them.",
            kind.label(),
            kind.label(),
            plural(hidden, "event", "events"),
        ),
        Some(kind) if time.now > 0 => format!(
            "No {} event yet, and no event of any other kind either.",
            kind.label()
        ),
        None if time.now > 0 => "No events yet: nothing has happened since time started.".to_string(),
        _ => "No events yet. Press Play time.".to_string(),
    }
}

#[function_component(TimelineLog)]
pub fn timeline_log(props: &TimelineLogProps) -> Html {
    let filter = use_state(|| None::<EventKind>);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = browser::event_value(&e);
            filter.set(KINDS.into_iter().find(|k| k.label() == v));
        })
    };
    let shown: Vec<_> = props
        .time
        .events
        .iter()
        .filter(|e| filter.is_none_or(|k| e.kind == k))
        .take(120)
        .collect();
    html! {
        <section class="panel timeline-log" aria-labelledby="timeline-title">
            <div class="panel-head">
                <h3 id="timeline-title">{ "Timeline" }<span class="muted">{ " newest first" }</span></h3>
                <label class="field inline">
                    <span>{ "Show" }</span>
                    <select onchange={on_filter}>
                        <option value="" selected={filter.is_none()}>{ "Everything" }</option>
                        { for KINDS.iter().map(|k| html! {
                            <option value={k.label()} selected={*filter == Some(*k)}>{ k.label() }</option>
                        }) }
                    </select>
                </label>
            </div>
            if shown.is_empty() {
                <p class="hint">{ empty_message(&props.time, *filter) }</p>
            } else {
                // It scrolls: focusable, so the keyboard can scroll it too (arrow keys).
                <ol class="events" tabindex="0" aria-labelledby="timeline-title">
                    { for shown.iter().map(|e| html! {
                        <li class={e.kind.class()}>
                            <time>{ &e.time }</time>
                            <span class="kind">{ e.kind.label() }</span>
                            <span class="text">{ &e.text }</span>
                            if let Some(d) = &e.detail { <span class="detail">{ d }</span> }
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
