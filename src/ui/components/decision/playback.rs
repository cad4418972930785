//! Playing the decision on its own: one phase per tick, and the reduced-motion preference.
//! Timers and media queries exist only in the browser; natively (server rendering in tests)
//! these hooks do nothing.

use yew::prelude::*;

/// Milliseconds per phase at 1x: the design asks for 250-400 ms.
pub const MS_PER_PHASE: f64 = 350.0;

/// The delay between two phases at `speed` (a bad speed counts as 1x).
pub fn tick_ms(speed: f64) -> u32 {
    let speed = if speed.is_finite() && speed > 0.0 {
        speed
    } else {
        1.0
    };
    (MS_PER_PHASE / speed).clamp(40.0, 10_000.0) as u32
}

/// While `playing`, asks for the next step after one tick; at the last step, stops playing.
/// The timer is re-armed whenever the step changes (a manual Step restarts the tick) and
/// dropped (cancelled) when the panel re-renders with other values or unmounts.
#[hook]
pub fn use_autoplay(
    playing: bool,
    step: usize,
    count: usize,
    speed: f64,
    on_step: Callback<usize>,
    on_play: Callback<bool>,
) {
    use_effect_with(
        (playing, step, count, speed.to_bits()),
        move |&(playing, step, count, bits)| {
            let at_end = step + 1 >= count;
            if playing && at_end {
                on_play.emit(false);
            }
            let ms = tick_ms(f64::from_bits(bits));
            arm_tick(playing && !at_end, ms, move || on_step.emit(step + 1))
        },
    );
}

/// Starts a one-shot timer when `on`; the returned clean-up cancels it (dropping a gloo
/// Timeout clears it), so a stale tick never lands after a pause or a new step.
#[cfg(target_arch = "wasm32")]
fn arm_tick(on: bool, ms: u32, tick: impl FnOnce() + 'static) -> impl FnOnce() {
    let timer = on.then(|| gloo::timers::callback::Timeout::new(ms, tick));
    move || drop(timer)
}

/// Natively (server rendering) nothing ticks.
#[cfg(not(target_arch = "wasm32"))]
fn arm_tick(_on: bool, _ms: u32, _tick: impl FnOnce() + 'static) -> impl FnOnce() {
    || ()
}

/// `prefers-reduced-motion: reduce`, read once when the panel mounts.
#[hook]
pub fn use_reduced_motion() -> bool {
    *use_state(prefers_reduced_motion)
}

/// True when the user asked the system for less motion: states then change instantly, and
/// the chip does not travel into its card.
pub fn prefers_reduced_motion() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| {
                w.match_media("(prefers-reduced-motion: reduce)")
                    .ok()
                    .flatten()
            })
            .map(|m| m.matches())
            .unwrap_or(false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}
