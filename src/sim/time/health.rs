//! When a service task counts as healthy, and when its health checks call it unhealthy.
//!
//! Documented: "If a service has no load balancer and no essential container with a health
//! check, the service scheduler will wait for 40 seconds after a task reaches a RUNNING state
//! before the task is counted towards the minimum healthy percent total." With health checks
//! the scheduler waits for healthy; with a load balancer also for the target group's check.
//! `healthCheckGracePeriodSeconds` makes the scheduler ignore unhealthy checks for a while.
//! The check timings below are the documented defaults of each check; how the playground
//! lines them up is an assumption, marked where it is made.

use serde_json::Value;

use crate::sim::taskdef::TaskDefinition;

/// "wait for 40 seconds after a task reaches a RUNNING state" (BOTO-ECS DeploymentConfiguration).
pub const WAIT_WITHOUT_CHECKS: i64 = 40;

/// Application Load Balancer target group defaults: HealthCheckIntervalSeconds 30,
/// HealthyThresholdCount 5, UnhealthyThresholdCount 2 (ELBv2 CreateTargetGroup).
pub const LB_INTERVAL: i64 = 30;
pub const LB_HEALTHY_THRESHOLD: i64 = 5;
pub const LB_UNHEALTHY_THRESHOLD: i64 = 2;

/// A container `healthCheck`: interval (default 30 s), retries (default 3), startPeriod
/// (default 0, "failed checks don't count … during the start period").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContainerCheck {
    pub interval: i64,
    pub retries: i64,
    pub start_period: i64,
}

impl ContainerCheck {
    /// The first essential container's health check, read from what the user wrote.
    pub fn of(td: &TaskDefinition) -> Option<ContainerCheck> {
        let containers = td.raw.get("containerDefinitions")?.as_array()?;
        containers.iter().find_map(|c| {
            let essential = c.get("essential").and_then(Value::as_bool).unwrap_or(true);
            let hc = c.get("healthCheck")?;
            if !essential || !hc.is_object() {
                return None;
            }
            // The API's ranges: interval 5-300 s, retries 1-10, startPeriod 0-300 s.
            let int = |key: &str, default: i64, min: i64, max: i64| {
                hc.get(key)
                    .and_then(Value::as_i64)
                    .unwrap_or(default)
                    .clamp(min, max)
            };
            Some(ContainerCheck {
                interval: int("interval", 30, 5, 300),
                retries: int("retries", 3, 1, 10),
                start_period: int("startPeriod", 0, 0, 300),
            })
        })
    }
}

/// How the application inside a task behaves (the simulator's own `SetAppHealth` request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppBehaviour {
    /// Seconds after RUNNING before the application answers its health checks.
    pub startup_seconds: i64,
    /// `false`: the application never passes a health check (a broken release).
    pub healthy: bool,
}

impl Default for AppBehaviour {
    fn default() -> Self {
        AppBehaviour {
            startup_seconds: 0,
            healthy: true,
        }
    }
}

/// The health of one task over time, fixed when it reaches RUNNING.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HealthPlan {
    /// From when the task counts as healthy (`None`: never).
    pub healthy_at: Option<i64>,
    /// From when a health check calls it unhealthy (`None`: never), until `healthy_at`.
    pub unhealthy_at: Option<i64>,
    /// Whether a check watches the task at all (container or load balancer).
    pub checked: bool,
    /// Whether the unhealthy verdict comes from the container check (else the target group).
    pub container_verdict: bool,
}

impl HealthPlan {
    pub fn is_healthy(&self, t: i64) -> bool {
        self.healthy_at.is_some_and(|h| t >= h)
    }

    pub fn is_unhealthy(&self, t: i64) -> bool {
        self.unhealthy_at.is_some_and(|u| t >= u) && !self.is_healthy(t)
    }

    /// When the scheduler stops the task as unhealthy, if ever: once a check says unhealthy
    /// and the grace period is over, while the task is still not healthy.
    // Assumption: the grace period counts from the moment the task reaches RUNNING ("after a
    // task has first started").
    pub fn replace_at(&self, running_at: i64, grace_seconds: i64) -> Option<i64> {
        let unhealthy = self.unhealthy_at?;
        let at = unhealthy.max(running_at.saturating_add(grace_seconds));
        match self.healthy_at {
            Some(h) if h <= at => None,
            _ => Some(at),
        }
    }
}

/// Plans a task's health from the moment it reaches RUNNING.
///
/// Assumption: checks run every interval starting one interval after RUNNING (the target is
/// registered at RUNNING). A container check passes once the application is up; it is
/// unhealthy after `retries` failures counted after `startPeriod`. A target is healthy after
/// 5 consecutive passes and unhealthy after 2 consecutive failures. A task is healthy when
/// every check watching it is; it is unhealthy as soon as one check says so.
pub fn plan(
    running_at: i64,
    container: Option<ContainerCheck>,
    load_balancer: bool,
    app: AppBehaviour,
) -> HealthPlan {
    if container.is_none() && !load_balancer {
        return HealthPlan {
            healthy_at: Some(running_at + WAIT_WITHOUT_CHECKS),
            unhealthy_at: None,
            checked: false,
            container_verdict: false,
        };
    }
    let up_at = app.healthy.then(|| running_at + app.startup_seconds.max(0));
    // The first check (k >= 1) at or after the application is up.
    let first_pass =
        |interval: i64| up_at.map(|up| ((up - running_at + interval - 1) / interval).max(1));
    let mut healthy_at = Some(running_at);
    let mut unhealthy: Option<(i64, bool)> = None;
    let mut note_unhealthy = |at: i64, container: bool| {
        if unhealthy.is_none_or(|(u, _)| at < u) {
            unhealthy = Some((at, container));
        }
    };
    if let Some(c) = container {
        let pass_k = first_pass(c.interval);
        let healthy = pass_k.map(|k| running_at + k * c.interval);
        let first_counted = c.start_period / c.interval + 1;
        let fail_k = first_counted + c.retries - 1;
        if pass_k.is_none_or(|k| k > fail_k) {
            note_unhealthy(running_at + fail_k * c.interval, true);
        }
        healthy_at = max_opt(healthy_at, healthy);
    }
    if load_balancer {
        let pass_k = first_pass(LB_INTERVAL);
        let healthy = pass_k.map(|k| running_at + (k + LB_HEALTHY_THRESHOLD - 1) * LB_INTERVAL);
        if pass_k.is_none_or(|k| k > LB_UNHEALTHY_THRESHOLD) {
            note_unhealthy(running_at + LB_UNHEALTHY_THRESHOLD * LB_INTERVAL, false);
        }
        healthy_at = max_opt(healthy_at, healthy);
    }
    HealthPlan {
        healthy_at,
        unhealthy_at: unhealthy.map(|(u, _)| u),
        checked: true,
        container_verdict: unhealthy.is_some_and(|(_, c)| c),
    }
}

fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    }
}
