//! Turns a RunTask response's decision trace into animation phases. Pure (no yew): the
//! cluster view paints `marks`, the decision panel shows `title` and `narration`.
//! STUB: the full version replaces it with the same API.

use std::collections::BTreeMap;

use serde_json::Value;

/// How one instance looks in the current phase.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Not part of this decision's story yet.
    Idle,
    /// Being considered.
    Candidate,
    /// Ruled out, with the reason in words and numbers ("memory: needs 512 MiB, 300 free").
    Filtered { why: String },
    /// Still in the running after a strategy, with that strategy's view ("2 tasks in us-east-1a").
    Survivor { note: String },
    /// Chosen: the task goes here.
    Chosen,
}

/// What the page shows at one step of the animation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PhaseView {
    pub title: String,
    pub narration: String,
    pub marks: BTreeMap<String, Mark>,
    /// Per Availability Zone notes (spread counts), shown above the AZ columns.
    pub zone_notes: BTreeMap<String, String>,
}

/// Number of steps in the animation of `response` (a RunTask response with `trace`).
pub fn phase_count(response: &Value) -> usize {
    let _ = response;
    0
}

/// The view at `step` (0-based, clamped to the last step).
pub fn view_at(response: &Value, step: usize) -> PhaseView {
    let _ = (response, step);
    PhaseView::default()
}
