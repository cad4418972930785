//! The simulated clock: Play / Pause, Step (one simulated minute), the speed, and the time.
//! While playing, a timer advances the clock a few times a second by `speed` simulated
//! seconds per real second (whole 5-second ticks of the engine).

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::state::Action;
use crate::ui::time_forms::SPEEDS;

/// How often the playing clock advances, in milliseconds.
pub const FRAME_MS: u32 = 250;

#[derive(Properties, PartialEq)]
pub struct ClockControlsProps {
    pub clock: AttrValue,
    pub playing: bool,
    pub speed: u32,
    pub on_action: Callback<Action>,
}

#[function_component(ClockControls)]
pub fn clock_controls(props: &ClockControlsProps) -> Html {
    {
        let cb = props.on_action.clone();
        use_effect_with((props.playing, props.speed), move |&(playing, speed)| {
            arm_clock(playing, speed, cb)
        });
    }
    let playing = props.playing;
    let toggle = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::SetClockPlaying(!playing)))
    };
    let step = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::StepClock))
    };
    let on_speed = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            if let Ok(v) = browser::event_value(&e).parse::<u32>() {
                cb.emit(Action::SetClockSpeed(v));
            }
        })
    };
    html! {
        <div class="clock-bar" role="group" aria-labelledby="time-title">
            <h2 id="time-title" class="clock-title">{ "Time" }</h2>
            <output class="clock" aria-label="Simulated time">{ props.clock.clone() }</output>
            <button type="button" class={classes!("clock-play", if playing { "playing" } else { "primary" })} onclick={toggle}
                aria-label={if playing { "Pause time" } else { "Play time" }}>
                <span aria-hidden="true">{ if playing { "❚❚ " } else { "▶ " } }</span>
                { if playing { "Pause" } else { "Play" } }
            </button>
            <button type="button" onclick={step} title="Advance one simulated minute">
                { "Step time: 1 min" }
            </button>
            <label class="clock-speed">
                <span>{ "Time speed" }</span>
                <select onchange={on_speed}>
                    { for SPEEDS.iter().map(|(v, label)| html! {
                        <option value={v.to_string()} selected={*v == props.speed}>{ *label }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}

/// Starts the clock's timer while playing; the clean-up stops it.
#[cfg(target_arch = "wasm32")]
fn arm_clock(playing: bool, speed: u32, cb: Callback<Action>) -> impl FnOnce() {
    use crate::ui::time_forms::seconds_for;
    let timer = playing.then(|| {
        let mut carry = 0.0;
        gloo::timers::callback::Interval::new(FRAME_MS, move || {
            let seconds = seconds_for(f64::from(FRAME_MS), speed, &mut carry);
            if seconds > 0 {
                cb.emit(Action::TickClock(seconds));
            }
        })
    });
    move || drop(timer)
}

/// Natively (server rendering) nothing ticks.
#[cfg(not(target_arch = "wasm32"))]
fn arm_clock(_playing: bool, _speed: u32, _cb: Callback<Action>) -> impl FnOnce() {
    || ()
}
