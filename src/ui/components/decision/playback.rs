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
            #[cfg(target_arch = "wasm32")]
            let timer = (playing && !at_end).then(|| {
                gloo::timers::callback::Timeout::new(tick_ms(f64::from_bits(bits)), move || {
                    on_step.emit(step + 1)
                })
            });
            #[cfg(not(target_arch = "wasm32"))]
            let timer = {
                let _ = (bits, on_step);
                NoTimer
            };
            move || drop(timer)
        },
    );
}

/// Natively nothing ticks; this stands in for the browser's timer.
#[cfg(not(target_arch = "wasm32"))]
struct NoTimer;

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
