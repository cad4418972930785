//! The Cluster Query Language parser must never panic, and what it prints (Display) must
//! read back as the same expression: parse(to_string(e)) prints the same text again.
#![no_main]

use ecs_playground::sim::cql::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(expr) = parse(text) else {
        return;
    };
    let printed = expr.to_string();
    let reparsed = match parse(&printed) {
        Ok(e) => e,
        Err(err) => panic!("{text:?} parsed, but its printed form {printed:?} does not: {err:?}"),
    };
    assert_eq!(
        reparsed.to_string(),
        printed,
        "printing is not stable: {text:?} -> {printed:?} -> {:?}",
        reparsed.to_string()
    );
});
