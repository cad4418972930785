//! The simulated clock: whole seconds since the simulation started, plus the wall-clock date
//! that second 0 stands for (cron schedules and event timestamps need a date).

use crate::sim::autoscaling::calendar::DateTime;
use crate::sim::autoscaling::EpochSeconds;

/// 2024-01-01T00:00:00Z, a Monday: the default date of second 0.
// Assumption: a scenario without `startTime` starts at 2024-01-01T00:00:00Z (any fixed date
// would do; a Monday at midnight makes cron examples easy to follow).
pub const DEFAULT_START_EPOCH: EpochSeconds = 1_704_067_200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Seconds since the simulation started.
    pub now: i64,
    /// The epoch second that `now == 0` stands for.
    pub start_epoch: EpochSeconds,
}

impl Default for Clock {
    fn default() -> Self {
        Clock {
            now: 0,
            start_epoch: DEFAULT_START_EPOCH,
        }
    }
}

impl Clock {
    pub fn new(start_epoch: EpochSeconds) -> Self {
        Clock {
            now: 0,
            start_epoch,
        }
    }

    /// Seconds since 1970 of simulated second `t`.
    pub fn epoch_of(&self, t: i64) -> EpochSeconds {
        self.start_epoch.saturating_add(t)
    }

    pub fn epoch(&self) -> EpochSeconds {
        self.epoch_of(self.now)
    }

    /// `2024-01-01T00:05:00Z` for simulated second `t`.
    pub fn iso(&self, t: i64) -> String {
        iso8601(self.epoch_of(t))
    }

    pub fn now_iso(&self) -> String {
        self.iso(self.now)
    }
}

/// An epoch second as ISO 8601 UTC, the way ECS timestamps read in JSON.
pub fn iso8601(t: EpochSeconds) -> String {
    let d = DateTime::from_epoch(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year, d.month, d.day, d.hour, d.minute, d.second
    )
}
