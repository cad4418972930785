//! The time section: the simulated clock, charts, services, scaling, the event timeline and
//! the cost meter. The view models come from `crate::ui::time_view` (pure, tested natively);
//! these components only draw them and send requests through the reducer.

pub mod charts;
pub mod clock_controls;
pub mod cost_meter;
pub mod scaling_editor;
pub mod service_panel;
pub mod timeline_log;

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::lesson::LessonCard;
use crate::ui::state::{Action, Lesson};
use crate::ui::time_view::TimeView;

use charts::Charts;
use clock_controls::ClockControls;
use cost_meter::CostMeter;
use scaling_editor::ScalingEditor;
use service_panel::ServicePanel;
use timeline_log::TimelineLog;

#[derive(Properties, PartialEq)]
pub struct TimeSectionProps {
    pub time: Rc<TimeView>,
    pub playing: bool,
    pub speed: u32,
    /// Presentation mode (the charts are drawn again at the larger size).
    pub presentation: bool,
    /// The document's Availability Zone columns (subnets of new awsvpc services).
    pub zones: Rc<Vec<String>>,
    /// A time lesson is open: shown here, next to the clock it is about.
    pub lesson: Option<Lesson>,
    /// The learner closed the lesson card.
    #[prop_or_default]
    pub lesson_hidden: bool,
    pub on_action: Callback<Action>,
}

#[function_component(TimeSection)]
pub fn time_section(props: &TimeSectionProps) -> Html {
    let t = &props.time;
    let service = t.selected_service().cloned();
    html! {
        <section class={classes!("time-section", (!t.used).then_some("time-idle"))} aria-labelledby="time-title">
            <ClockControls clock={AttrValue::from(t.clock.clone())} playing={props.playing} speed={props.speed}
                on_action={props.on_action.clone()} />
            if let Some(lesson) = &props.lesson {
                <LessonCard lesson={lesson.clone()} hidden={props.lesson_hidden} on_action={props.on_action.clone()} />
            }
            if t.used {
                <div class="time-grid">
                    <div class="time-main">
                        <Charts time={t.clone()} presentation={props.presentation} />
                        <TimelineLog time={t.clone()} />
                    </div>
                    <div class="time-side">
                        <ServicePanel time={t.clone()} zones={props.zones.clone()} on_action={props.on_action.clone()} />
                        <ScalingEditor service={service} on_action={props.on_action.clone()} />
                        <CostMeter cost={t.cost.clone()} />
                    </div>
                </div>
            } else {
                <div class="time-grid time-grid-idle">
                    <p class="hint">{ "Nothing changes with time yet: placement alone is instant. Create a service below (or open a time lesson from the Scenario list) and press Play time to watch ECS keep it running, scale it and bill it." }</p>
                    <ServicePanel time={t.clone()} zones={props.zones.clone()} on_action={props.on_action.clone()} />
                </div>
            }
        </section>
    }
}
