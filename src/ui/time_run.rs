//! Moving the playground's simulation forward. Pure Rust (no yew), tested natively in
//! tests/ui_time.rs.
//!
//! The page keeps one live [`Simulation`] and plays it a few seconds at a time; the document
//! records the same time as one `AdvanceTime` request (consecutive advances are merged), so a
//! share link, an undo or a reload replays to exactly what was on screen. That holds because
//! advancing `a` then `b` seconds leaves the simulation where advancing `a + b` does (the
//! engine moves tick by tick either way; tests/ui_time.rs checks it).
//!
//! While time moves, this module also watches what the engine keeps only as current state:
//! CloudWatch alarm states and the capacity providers' desired capacity. Their changes become
//! timeline events. Time is moved a simulated minute at a time for that, which is the same
//! as moving it all at once.

use serde_json::{json, Value};

use crate::sim::capacity::reservation::reservation_special_case;
use crate::sim::time::alarms::AlarmState;
use crate::sim::time::simulation::MAX_ADVANCE_SECONDS;
use crate::sim::time::Simulation;

/// Something the engine changed without writing an event about it.
#[derive(Debug, Clone, PartialEq)]
pub enum Observed {
    /// A CloudWatch alarm (`PutMetricAlarm`) changed state.
    Alarm {
        at: i64,
        name: String,
        from: &'static str,
        to: &'static str,
        reason: String,
    },
    /// A request that changes what happens over time (a zone failure, a new load, a new
    /// desired count...), worded for the timeline.
    Request { at: i64, text: String },
    /// A Fargate Spot task got its two-minute warning, or stopped when it ran out.
    Spot { at: i64, text: String },
    /// Managed scaling changed an Auto Scaling group's desired capacity.
    Capacity {
        at: i64,
        provider: String,
        from: u32,
        to: u32,
        why: String,
    },
}

impl Observed {
    pub fn at(&self) -> i64 {
        match self {
            Observed::Alarm { at, .. }
            | Observed::Capacity { at, .. }
            | Observed::Spot { at, .. }
            | Observed::Request { at, .. } => *at,
        }
    }
}

/// Requests the timeline lists among the events, at the second they were made.
const TIMELINE_REQUESTS: &[&str] = &[
    "CreateService",
    "UpdateService",
    "DeleteService",
    "SetLoad",
    "FailAvailabilityZone",
    "RestoreAvailabilityZone",
    "RegisterScalableTarget",
    "PutScalingPolicy",
    "PutMetricAlarm",
];

/// Carries out one request of a document on the simulation. `AdvanceTime` goes through
/// [`advance`] so that alarm and capacity changes are seen; everything else is the engine's
/// own `dispatch`.
pub fn dispatch(
    sim: &mut Simulation,
    request: &Value,
    trace: bool,
    seen: &mut Vec<Observed>,
) -> Value {
    match request.as_object().and_then(|o| o.iter().next()) {
        Some((op, body)) if op == "AdvanceTime" => match advance_seconds(body) {
            Some(seconds) => advance(sim, seconds, seen),
            None => sim.dispatch(op, body, trace),
        },
        Some((op, body)) => {
            // InterruptSpot (and anything else that warns a Spot task) is on the timeline
            // through its warnings, one per task.
            let warned = spot_warnings(sim);
            let response = sim.dispatch(op, body, trace);
            note_spot(sim, &warned, &spot_warnings(sim), seen);
            if TIMELINE_REQUESTS.contains(&op.as_str()) {
                if let Some(text) = response
                    .get(op)
                    .and_then(|r| crate::ui::time_view::request_summary(op, body, r))
                {
                    seen.push(Observed::Request {
                        at: sim.clock.now,
                        text,
                    });
                }
            }
            response
        }
        None => {
            json!({"error": {"code": "InvalidParameterException", "message": "empty request"}})
        }
    }
}

/// The seconds of a well-formed `AdvanceTime` body (`{"seconds": N}`, N from 1 to 7 days);
/// anything else is left to the engine, which explains what is wrong.
pub fn advance_seconds(body: &Value) -> Option<i64> {
    let o = body.as_object()?;
    if o.len() != 1 {
        return None;
    }
    o.get("seconds")?
        .as_i64()
        .filter(|s| (1..=MAX_ADVANCE_SECONDS).contains(s))
}

/// `{"AdvanceTime": {"seconds": N}}` on the simulation, a minute at a time, noting alarm and
/// capacity changes. Gives the same simulation and response as the engine's dispatch.
pub fn advance(sim: &mut Simulation, seconds: i64, seen: &mut Vec<Observed>) -> Value {
    let seconds = seconds.clamp(1, MAX_ADVANCE_SECONDS);
    sim.used_time = true;
    let target = sim.clock.now.saturating_add(seconds);
    let mut alarms = alarm_states(sim);
    let mut capacity = capacity_states(sim);
    let mut warned = spot_warnings(sim);
    while sim.clock.now < target {
        let next_minute = (sim.clock.now.div_euclid(60) + 1) * 60;
        let end = next_minute.min(target);
        sim.advance(end - sim.clock.now);
        if sim.clock.now % 60 == 0 {
            let now = sim.clock.now;
            let after = alarm_states(sim);
            for (name, to, reason) in &after {
                let from = alarms
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, s, _)| *s);
                if from != Some(*to) {
                    seen.push(Observed::Alarm {
                        at: now,
                        name: name.clone(),
                        from: from.map(AlarmState::as_str).unwrap_or("INSUFFICIENT_DATA"),
                        to: to.as_str(),
                        reason: reason.clone(),
                    });
                }
            }
            alarms = after;
            let after = capacity_states(sim);
            for (name, to, why) in &after {
                let from = capacity
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map(|(_, d, _)| *d);
                if let Some(from) = from.filter(|f| f != to) {
                    seen.push(Observed::Capacity {
                        at: now,
                        provider: name.clone(),
                        from,
                        to: *to,
                        why: why.clone(),
                    });
                }
            }
            capacity = after;
            let after = spot_warnings(sim);
            note_spot(sim, &warned, &after, seen);
            warned = after;
        }
    }
    // What the engine's dispatch does after every successful request.
    sim.dirty_all = true;
    sim.schedule_all();
    json!({"AdvanceTime": {"time": sim.clock.now, "at": sim.clock.now_iso()}})
}

/// Fargate Spot tasks warned of an interruption: (service, task id, when they stop).
fn spot_warnings(sim: &Simulation) -> Vec<(String, String, i64)> {
    sim.services
        .iter()
        .flat_map(|s| {
            s.tasks
                .iter()
                .filter_map(move |t| Some((s.name.clone(), t.id.clone(), t.interrupted_at?)))
        })
        .collect()
}

/// Every warning and every stop of a Spot interruption, on the timeline at its own time.
fn note_spot(
    sim: &Simulation,
    before: &[(String, String, i64)],
    after: &[(String, String, i64)],
    seen: &mut Vec<Observed>,
) {
    let short = |id: &str| id.chars().take(8).collect::<String>();
    for (service, id, stops) in after.iter().filter(|w| !before.contains(w)) {
        seen.push(Observed::Spot {
            at: stops - crate::sim::time::spot::WARNING_SECONDS,
            text: format!(
                "AWS reclaims Fargate Spot capacity: task {} of {service} gets the two-minute warning and stops at {}; the service starts a replacement now.",
                short(id),
                crate::ui::time_view::event_time(*stops)
            ),
        });
    }
    for (service, id, stops) in before.iter().filter(|w| !after.contains(w)) {
        seen.push(Observed::Spot {
            at: (*stops).min(sim.clock.now),
            text: format!(
                "Task {} of {service} stopped: \"{}\" (stopCode SpotInterruption).",
                short(id),
                crate::sim::time::scheduler::REASON_SPOT
            ),
        });
    }
}

fn alarm_states(sim: &Simulation) -> Vec<(String, AlarmState, String)> {
    sim.alarms
        .iter()
        .map(|a| (a.name.clone(), a.state, a.reason.clone()))
        .collect()
}

fn capacity_states(sim: &Simulation) -> Vec<(String, u32, String)> {
    sim.capacity
        .providers
        .iter()
        .map(|p| {
            let mut why = p.last_explanation.clone();
            if let Some(note) = p
                .last_needed_running
                .and_then(|(m, n)| reservation_special_case(m, n))
            {
                why = format!("{why}. {note}.");
            }
            (p.name.clone(), p.desired, why)
        })
        .collect()
}

/// Records `seconds` more of simulated time at the end of `requests`: added to the last
/// request when that is an `AdvanceTime` that succeeded (`last_ok`) and the sum stays within
/// the 7-day limit of one request, else as a new request. Returns whether it was merged.
pub fn record_advance(requests: &mut Vec<Value>, last_ok: bool, seconds: i64) -> bool {
    if let Some(last) = requests.last_mut() {
        let before = last.get("AdvanceTime").and_then(advance_seconds);
        if let Some(before) = before.filter(|_| last_ok) {
            if before + seconds <= MAX_ADVANCE_SECONDS {
                *last = json!({"AdvanceTime": {"seconds": before + seconds}});
                return true;
            }
        }
    }
    requests.push(json!({"AdvanceTime": {"seconds": seconds}}));
    false
}

/// Index of the request the decision panel traces: the last one that is not an
/// `AdvanceTime` (playing the clock after Run task keeps the decision on screen).
pub fn traced_index(requests: &[Value]) -> Option<usize> {
    requests
        .iter()
        .rposition(|r| r.get("AdvanceTime").is_none())
}
