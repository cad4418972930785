//! Load models: what a service is asked to do each minute, and the CPU and memory
//! utilisation that follows. Set with the simulator's own request
//! `{"SetLoad": {"service": NAME, ...}}`.
//!
//! Two ways to drive a service:
//! - pinned averages, `"CPUUtilization": 60, "MemoryUtilization": 30`: the service's average
//!   holds that value whatever the task count (handy for teaching target tracking);
//! - a request rate, `"requestsPerMinute"`: a number, `{"constant": N}`, `{"daily": {"min",
//!   "max", "peakHour"}}` or `{"spike": {"base", "peak", "at", "duration"}}`. Requests are
//!   shared by the tasks that take traffic; a task's CPU is its share divided by
//!   `taskCapacity`, the requests per minute one task serves at 100% CPU.

use serde_json::{Map, Value};

use crate::sim::cluster::ApiError;

/// Requests per minute one task serves at 100% CPU when `taskCapacity` is not given.
// Assumption: 1,000 requests per minute per task at full CPU (any number would do; it only
// sets the scale of `requestsPerMinute`).
pub const DEFAULT_TASK_CAPACITY: f64 = 1000.0;
/// Memory an idle task uses, in percent of its reservation.
// Assumption: an idle task uses 20% of its memory and memory grows by a quarter of the CPU
// percentage (memory follows load loosely, as in most web services).
pub const DEFAULT_MEMORY_BASELINE: f64 = 20.0;
pub const DEFAULT_MEMORY_PER_CPU: f64 = 0.25;

/// Requests per minute over time.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestModel {
    Constant(f64),
    /// A cosine wave over the UTC day: `max` at `peak_hour`, `min` twelve hours away.
    Daily {
        min: f64,
        max: f64,
        peak_hour: f64,
    },
    /// `base`, then `peak` from simulated second `at` for `duration` seconds.
    Spike {
        base: f64,
        peak: f64,
        at: i64,
        duration: i64,
    },
}

impl RequestModel {
    /// The rate during the minute that ends at simulated second `t` (`utc_seconds_of_day` of
    /// that moment, for the daily wave).
    pub fn rate(&self, t: i64, utc_seconds_of_day: i64) -> f64 {
        match *self {
            RequestModel::Constant(r) => r,
            RequestModel::Daily {
                min,
                max,
                peak_hour,
            } => {
                let hour = utc_seconds_of_day as f64 / 3600.0;
                let phase = (hour - peak_hour) / 24.0 * std::f64::consts::TAU;
                min + (max - min) * (1.0 + phase.cos()) / 2.0
            }
            RequestModel::Spike {
                base,
                peak,
                at,
                duration,
            } => {
                // The minute (t-60, t] overlaps the spike window [at, at + duration).
                if t > at && t - 60 < at.saturating_add(duration) {
                    peak
                } else {
                    base
                }
            }
        }
    }
}

/// A service's load.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadModel {
    pub cpu_pinned: Option<f64>,
    pub memory_pinned: Option<f64>,
    pub requests: Option<RequestModel>,
    pub task_capacity: f64,
    pub memory_baseline: f64,
    pub memory_per_cpu: f64,
    /// ± this percentage of uniform noise on the request rate, drawn from the seed.
    pub noise_percent: f64,
}

impl Default for LoadModel {
    fn default() -> Self {
        LoadModel {
            cpu_pinned: None,
            memory_pinned: None,
            requests: None,
            task_capacity: DEFAULT_TASK_CAPACITY,
            memory_baseline: DEFAULT_MEMORY_BASELINE,
            memory_per_cpu: DEFAULT_MEMORY_PER_CPU,
            noise_percent: 0.0,
        }
    }
}

/// What the tasks of a service did in one minute.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Utilisation {
    /// Average over RUNNING tasks, percent (`None`: no running task, so no datapoint).
    pub cpu: Option<f64>,
    pub memory: Option<f64>,
    /// Requests that arrived in the minute (`None`: no request model).
    pub requests: Option<f64>,
    /// Requests per target that takes traffic.
    pub requests_per_target: Option<f64>,
}

impl LoadModel {
    /// The utilisation for one minute, given the request rate already drawn (noise applied),
    /// the RUNNING tasks and how many of them take traffic.
    ///
    /// Without a load balancer every RUNNING task takes traffic. With one, only healthy
    /// targets do; when none is healthy the load balancer "fails open" to every registered
    /// target, and when none is registered the requests fail.
    // Assumption: with no target at all, RequestCountPerTarget is the whole request count (as
    // if one target), which is what lets ALBRequestCountPerTarget scale a service up from zero.
    pub fn utilisation(&self, rate: Option<f64>, running: u32, serving: u32) -> Utilisation {
        let per_target = rate.map(|r| r / f64::from(serving.max(1)));
        let cpu_from_requests = |r: f64| {
            if running == 0 {
                return None;
            }
            let per_task_cpu =
                (r / f64::from(serving.max(1)) / self.task_capacity * 100.0).min(100.0);
            Some(per_task_cpu * f64::from(serving.min(running)) / f64::from(running))
        };
        let cpu = match (self.cpu_pinned, rate) {
            (Some(p), _) => (running > 0).then_some(p),
            (None, Some(r)) => cpu_from_requests(r),
            (None, None) => (running > 0).then_some(0.0),
        };
        let memory = match self.memory_pinned {
            Some(p) => (running > 0).then_some(p),
            None => cpu.map(|c| (self.memory_baseline + c * self.memory_per_cpu).min(100.0)),
        };
        Utilisation {
            cpu,
            memory,
            requests: rate,
            requests_per_target: per_target,
        }
    }

    /// Reads the body of a `SetLoad` request (everything but `service`).
    pub fn from_request(p: &Map<String, Value>) -> Result<LoadModel, ApiError> {
        let mut m = LoadModel::default();
        let percent = |key: &str| -> Result<Option<f64>, ApiError> {
            match p.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => match v.as_f64() {
                    Some(x) if (0.0..=100.0).contains(&x) => Ok(Some(x)),
                    _ => Err(ApiError::invalid(format!(
                        "SetLoad: {key} must be a percentage from 0 to 100; got {v}."
                    ))),
                },
            }
        };
        m.cpu_pinned = percent("CPUUtilization")?;
        m.memory_pinned = percent("MemoryUtilization")?;
        m.memory_baseline = percent("memoryBaseline")?.unwrap_or(DEFAULT_MEMORY_BASELINE);
        m.noise_percent = percent("noisePercent")?.unwrap_or(0.0);
        if let Some(v) = p.get("memoryPerCpu").filter(|v| !v.is_null()) {
            m.memory_per_cpu = non_negative(v, "memoryPerCpu")?;
        }
        if let Some(v) = p.get("taskCapacity").filter(|v| !v.is_null()) {
            m.task_capacity = non_negative(v, "taskCapacity")?;
            if m.task_capacity <= 0.0 {
                return Err(ApiError::invalid("SetLoad: taskCapacity (requests per minute one task serves at 100% CPU) must be above 0."));
            }
        }
        if let Some(v) = p.get("requestsPerMinute").filter(|v| !v.is_null()) {
            m.requests = Some(request_model(v)?);
        }
        Ok(m)
    }
}

fn non_negative(v: &Value, key: &str) -> Result<f64, ApiError> {
    match v.as_f64() {
        Some(x) if x >= 0.0 && x.is_finite() && x <= 1e12 => Ok(x),
        _ => Err(ApiError::invalid(format!(
            "SetLoad: {key} must be a number from 0 to 10^12; got {v}."
        ))),
    }
}

fn request_model(v: &Value) -> Result<RequestModel, ApiError> {
    const SHAPES: &str = "a number, {\"constant\": N}, {\"daily\": {\"min\", \"max\", \"peakHour\"}} or {\"spike\": {\"base\", \"peak\", \"at\", \"duration\"}}";
    if v.is_number() {
        return Ok(RequestModel::Constant(non_negative(
            v,
            "requestsPerMinute",
        )?));
    }
    let Some(obj) = v.as_object().filter(|o| o.len() == 1) else {
        return Err(ApiError::invalid(format!(
            "SetLoad: requestsPerMinute must be {SHAPES}."
        )));
    };
    let field = |o: &Value, key: &str| -> Result<f64, ApiError> {
        o.get(key)
            .ok_or_else(|| ApiError::invalid(format!("SetLoad: requestsPerMinute needs {key}.")))
            .and_then(|x| non_negative(x, key))
    };
    let (kind, body) = obj
        .iter()
        .next()
        .map(|(k, b)| (k.as_str(), b))
        .unwrap_or(("", &Value::Null));
    match kind {
        "constant" => Ok(RequestModel::Constant(non_negative(body, "constant")?)),
        "daily" => {
            let (min, max) = (field(body, "min")?, field(body, "max")?);
            let peak_hour = body
                .get("peakHour")
                .map(|h| non_negative(h, "peakHour"))
                .transpose()?
                .unwrap_or(12.0);
            if min > max || peak_hour >= 24.0 {
                return Err(ApiError::invalid(
                    "SetLoad: daily needs min <= max and peakHour from 0 to 23.99 (UTC).",
                ));
            }
            Ok(RequestModel::Daily {
                min,
                max,
                peak_hour,
            })
        }
        "spike" => {
            let (base, peak) = (field(body, "base")?, field(body, "peak")?);
            let (at, duration) = (field(body, "at")?, field(body, "duration")?);
            // ok: both were checked to be between 0 and 10^12.
            Ok(RequestModel::Spike {
                base,
                peak,
                at: at as i64,
                duration: duration as i64,
            })
        }
        other => Err(ApiError::invalid(format!(
            "SetLoad: requestsPerMinute model '{other}' is not known; use {SHAPES}."
        ))),
    }
}
