//! A scenario file (what `ecs-sim run` and the page's Import read, and what a share link
//! carries) must never panic anywhere: not while it is read, not while every request in it
//! is carried out by the engine (placement, services, scaling, time), not while a share
//! link made of the same text is decoded.
#![no_main]

use ecs_playground::sim::scenario;
use ecs_playground::ui::share;
use libfuzzer_sys::fuzz_target;

/// Simulated time per input, at most: a week of one-minute ticks is slow for a fuzzer, and
/// time is not where reading goes wrong.
const MAX_SECONDS: i64 = 6 * 3600;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = share::decode(text);
    let Ok(sc) = scenario::read(text) else {
        return;
    };
    let seconds: i64 = sc
        .requests
        .iter()
        .filter(|(op, _)| op == "AdvanceTime")
        .filter_map(|(_, body)| body.get("seconds").and_then(|s| s.as_i64()))
        .map(|s| s.max(0))
        .fold(0i64, |a, s| a.saturating_add(s));
    if seconds > MAX_SECONDS || sc.requests.len() > 64 {
        return;
    }
    let out = scenario::run(&sc, true);
    assert!(
        out.get("responses").is_some() || out.get("error").is_some(),
        "a run answers with responses or an error: {out}"
    );
});
