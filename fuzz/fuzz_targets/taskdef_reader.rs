//! The task-definition reader must never panic, whatever the text: every problem is a
//! positioned diagnostic, and a definition comes back only when there are no errors.
#![no_main]

use ecs_playground::sim::taskdef::read_task_definition;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = read_task_definition(text);

    assert!(
        report.task_definition.is_none() || report.errors.is_empty(),
        "a task definition came back together with errors: {:?}",
        report.errors
    );
    // Diagnostics point into the text: 1-based, and no further down than its last line.
    // Lines are counted generously (a lone '\r' also ends a line, as in a browser's
    // textarea), so this only catches positions that are wrong under every convention.
    let lone_cr = text.matches('\r').count() - text.matches("\r\n").count();
    let last_line = text.matches('\n').count() + lone_cr + 1;
    for d in report.errors.iter().chain(report.warnings.iter()) {
        assert!(d.line >= 1 && d.column >= 1, "not 1-based: {d:?}");
        assert!(d.line as usize <= last_line, "line {} past the end ({last_line} lines): {d:?}", d.line);
    }
});
