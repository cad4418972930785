//! CloudWatch metric alarms (`PutMetricAlarm`) on the simulator's metrics, and their states.
//!
//! An alarm looks at its metric over `EvaluationPeriods` periods of `Period` seconds and goes to
//! ALARM when at least `DatapointsToAlarm` of them breach the threshold (CloudWatch "M out of
//! N"). Its `AlarmActions` may name a scaling policy by ARN or by PolicyName; while the alarm is
//! in ALARM the policy is invoked once per period.
// Assumption: a step scaling policy is invoked at every evaluation while its alarm stays in
// ALARM (not only on the transition), as Application Auto Scaling does for step scaling; the
// policy's cooldown decides whether anything changes.

use serde_json::{json, Map, Value};

use crate::sim::autoscaling::step::{ComparisonOperator, StepAlarm};
use crate::sim::cluster::ApiError;

use super::metrics::{MetricKind, MinutePoint};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistic {
    Average,
    Minimum,
    Maximum,
    Sum,
    SampleCount,
}

impl Statistic {
    fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "Average" => Self::Average,
            "Minimum" => Self::Minimum,
            "Maximum" => Self::Maximum,
            "Sum" => Self::Sum,
            "SampleCount" => Self::SampleCount,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Average => "Average",
            Self::Minimum => "Minimum",
            Self::Maximum => "Maximum",
            Self::Sum => "Sum",
            Self::SampleCount => "SampleCount",
        }
    }

    // Assumption: each one-minute datapoint is one sample (the service-level value), so over a
    // 60-second period every statistic but SampleCount equals the datapoint.
    fn of(self, values: &[f64]) -> Option<f64> {
        if values.is_empty() {
            return None;
        }
        let n = values.len() as f64;
        Some(match self {
            Self::Average => values.iter().sum::<f64>() / n,
            Self::Minimum => values.iter().copied().fold(f64::INFINITY, f64::min),
            Self::Maximum => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            Self::Sum => values.iter().sum(),
            Self::SampleCount => n,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlarmState {
    Ok,
    Alarm,
    InsufficientData,
}

impl AlarmState {
    pub fn as_str(self) -> &'static str {
        match self {
            AlarmState::Ok => "OK",
            AlarmState::Alarm => "ALARM",
            AlarmState::InsufficientData => "INSUFFICIENT_DATA",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreatMissing {
    Missing,
    Breaching,
    NotBreaching,
    Ignore,
}

/// What the alarm watches: a service (AWS/ECS, dimension ServiceName) or a target group
/// (AWS/ApplicationELB, dimension TargetGroup `targetgroup/<name>/<id>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlarmSubject {
    Service(String),
    TargetGroup(String),
}

#[derive(Debug, Clone)]
pub struct MetricAlarm {
    pub name: String,
    pub arn: String,
    pub subject: AlarmSubject,
    pub metric: MetricKind,
    pub statistic: Statistic,
    pub period_minutes: u32,
    pub evaluation_periods: u32,
    pub datapoints_to_alarm: u32,
    pub alarm: StepAlarm,
    pub treat_missing: TreatMissing,
    pub actions: Vec<String>,
    pub state: AlarmState,
    pub reason: String,
    /// The latest period's value (what a step policy compares with the threshold).
    pub last_value: Option<f64>,
    pub request: Value,
}

fn missing(name: &str) -> ApiError {
    ApiError {
        code: "MissingParameter",
        message: format!("The parameter {name} is required."),
    }
}

fn bad(message: String) -> ApiError {
    ApiError {
        code: "InvalidParameterValue",
        message,
    }
}

impl MetricAlarm {
    /// Reads a `PutMetricAlarm` request.
    pub fn from_request(body: &Value, region: &str) -> Result<MetricAlarm, ApiError> {
        let p: &Map<String, Value> = body
            .as_object()
            .ok_or_else(|| bad("PutMetricAlarm expects a JSON object of parameters.".into()))?;
        let text = |k: &str| p.get(k).and_then(Value::as_str);
        let name = text("AlarmName")
            .filter(|s| !s.is_empty())
            .ok_or_else(|| missing("AlarmName"))?;
        if name.chars().count() > 255 {
            return Err(bad("AlarmName must be at most 255 characters.".into()));
        }
        if p.contains_key("Metrics") {
            return Err(bad("Metric math alarms (Metrics) are not simulated; give MetricName, Namespace, Dimensions and Statistic.".into()));
        }
        let metric_name = text("MetricName").ok_or_else(|| missing("MetricName"))?;
        let namespace = text("Namespace").ok_or_else(|| missing("Namespace"))?;
        if p.contains_key("ExtendedStatistic") {
            return Err(bad(
                "ExtendedStatistic (percentiles) is not simulated; use Statistic.".into(),
            ));
        }
        let stat_text = text("Statistic").ok_or_else(|| missing("Statistic"))?;
        let statistic = Statistic::parse(stat_text)
            .ok_or_else(|| bad(format!("Statistic '{stat_text}' must be one of SampleCount, Average, Sum, Minimum, Maximum.")))?;
        let int = |k: &str| p.get(k).and_then(Value::as_i64);
        let period = int("Period").ok_or_else(|| missing("Period"))?;
        if period < 60 || period % 60 != 0 || period > 86_400 {
            return Err(bad(format!("Period {period} is not simulated: use a multiple of 60 seconds up to 86400 (the simulator's datapoints are one minute apart).")));
        }
        let evaluation_periods =
            int("EvaluationPeriods").ok_or_else(|| missing("EvaluationPeriods"))?;
        if !(1..=1440).contains(&evaluation_periods) || period * evaluation_periods > 7 * 86_400 {
            return Err(bad("EvaluationPeriods must be at least 1, and Period x EvaluationPeriods at most 7 days.".into()));
        }
        let datapoints = int("DatapointsToAlarm").unwrap_or(evaluation_periods);
        if !(1..=evaluation_periods).contains(&datapoints) {
            return Err(bad(format!("DatapointsToAlarm {datapoints} must be between 1 and EvaluationPeriods ({evaluation_periods}).")));
        }
        let threshold = p
            .get("Threshold")
            .and_then(Value::as_f64)
            .ok_or_else(|| missing("Threshold"))?;
        let op_text = text("ComparisonOperator").ok_or_else(|| missing("ComparisonOperator"))?;
        let comparison: ComparisonOperator = serde_json::from_value(Value::String(op_text.to_string())).map_err(|_| {
            bad(format!("ComparisonOperator '{op_text}' must be GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold or LessThanOrEqualToThreshold."))
        })?;
        let dims: Vec<(&str, &str)> = p
            .get("Dimensions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|d| Some((d.get("Name")?.as_str()?, d.get("Value")?.as_str()?)))
                    .collect()
            })
            .unwrap_or_default();
        let dim = |n: &str| dims.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
        let (metric, subject) = match (namespace, metric_name) {
            ("AWS/ECS", "CPUUtilization") => (MetricKind::Cpu, None),
            ("AWS/ECS", "MemoryUtilization") => (MetricKind::Memory, None),
            ("AWS/ApplicationELB", "RequestCount") => (MetricKind::RequestCount, Some(())),
            ("AWS/ApplicationELB", "RequestCountPerTarget") => (MetricKind::RequestCountPerTarget, Some(())),
            (ns, m) => {
                return Err(bad(format!(
                    "The playground has no data for {ns} {m}: alarm on AWS/ECS CPUUtilization or MemoryUtilization (dimension ServiceName), or AWS/ApplicationELB RequestCount or RequestCountPerTarget (dimension TargetGroup)."
                )))
            }
        };
        let subject = match subject {
            None => AlarmSubject::Service(
                dim("ServiceName").ok_or_else(|| bad(format!("{namespace} {metric_name}: give the dimension ServiceName (and ClusterName).")))?.to_string(),
            ),
            Some(()) => AlarmSubject::TargetGroup(
                dim("TargetGroup").ok_or_else(|| bad(format!("{namespace} {metric_name}: give the dimension TargetGroup (targetgroup/<name>/<id>).")))?.to_string(),
            ),
        };
        let treat_missing = match text("TreatMissingData").unwrap_or("missing") {
            "missing" => TreatMissing::Missing,
            "breaching" => TreatMissing::Breaching,
            "notBreaching" => TreatMissing::NotBreaching,
            "ignore" => TreatMissing::Ignore,
            other => {
                return Err(bad(format!(
                "TreatMissingData '{other}' must be breaching, notBreaching, ignore or missing."
            )))
            }
        };
        let actions: Vec<String> = p
            .get("AlarmActions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        // ok: every number was range-checked above.
        Ok(MetricAlarm {
            name: name.to_string(),
            arn: format!(
                "arn:aws:cloudwatch:{region}:{}:alarm:{name}",
                crate::sim::cluster::ACCOUNT
            ),
            subject,
            metric,
            statistic,
            period_minutes: (period / 60) as u32,
            evaluation_periods: evaluation_periods as u32,
            datapoints_to_alarm: datapoints as u32,
            alarm: StepAlarm {
                threshold,
                comparison,
            },
            treat_missing,
            actions,
            state: AlarmState::InsufficientData,
            reason: "Unchecked: Initial alarm creation".into(),
            last_value: None,
            request: body.clone(),
        })
    }

    /// Evaluates the alarm at the end of minute `minute` (minutes since the simulation
    /// started) on its subject's one-minute points. Returns whether it is evaluated now.
    pub fn evaluate(&mut self, minute: i64, points: Option<&[MinutePoint]>) -> bool {
        let period = i64::from(self.period_minutes.max(1));
        if minute % period != 0 {
            return false;
        }
        let points = points.unwrap_or(&[]);
        // Period values, oldest first; `None` when the period has no datapoint.
        let mut values = Vec::with_capacity(self.evaluation_periods as usize);
        for k in (0..i64::from(self.evaluation_periods)).rev() {
            let end = minute - k * period;
            let start = end - period;
            let in_period: Vec<f64> = points
                .iter()
                .filter(|p| p.time > start * 60 && p.time <= end * 60)
                .filter_map(|p| self.metric.value(p))
                .collect();
            values.push(self.statistic.of(&in_period));
        }
        self.last_value = values.last().copied().flatten();
        let present = values.iter().filter(|v| v.is_some()).count();
        let breaching = values
            .iter()
            .filter(|v| match v {
                Some(x) => self.alarm.is_breached(*x),
                None => self.treat_missing == TreatMissing::Breaching,
            })
            .count();
        let needed = self.datapoints_to_alarm as usize;
        let (state, reason) = if breaching >= needed {
            (AlarmState::Alarm, format!("Threshold Crossed: {breaching} out of the last {} datapoints were breaching the threshold ({}).", values.len(), self.alarm.threshold))
        } else if present == 0 && self.treat_missing == TreatMissing::Missing {
            (
                AlarmState::InsufficientData,
                "Insufficient Data: no datapoints were received for the evaluation periods."
                    .to_string(),
            )
        } else if present == 0 && self.treat_missing == TreatMissing::Ignore {
            (self.state, self.reason.clone())
        } else {
            (AlarmState::Ok, format!("Threshold Crossed: {breaching} out of the last {} datapoints were breaching the threshold, {needed} needed.", values.len()))
        };
        self.state = state;
        self.reason = reason;
        true
    }

    /// DescribeAlarms' shape.
    pub fn to_json(&self) -> Value {
        let mut v = self.request.clone();
        if let Some(o) = v.as_object_mut() {
            o.insert("AlarmArn".into(), json!(self.arn));
            o.insert("StateValue".into(), json!(self.state.as_str()));
            o.insert("StateReason".into(), json!(self.reason));
            o.insert("Statistic".into(), json!(self.statistic.as_str()));
        }
        v
    }
}
