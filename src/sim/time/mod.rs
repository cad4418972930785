//! Time: services, load, auto scaling and capacity providers, simulated second by second.
//!
//! [`Simulation`] wraps the placement engine's [`Cluster`](crate::sim::cluster::Cluster) with a
//! clock. The arithmetic (deployment limits, scaling policies, managed scaling, base/weight)
//! lives in `sim::deployment`, `sim::autoscaling` and `sim::capacity`; this folder runs it over
//! time:
//!
//! - `clock`: seconds since the start and the date they stand for.
//! - `simulation`: the whole state, requests, ticks and minutes.
//! - `service`, `service_api`: services and CreateService / UpdateService / DeleteService.
//! - `scheduler`, `deployment_runner`, `daemon`: one scheduler pass (REPLICA and DAEMON).
//! - `service_placement`, `launch`, `fargate`: where tasks go, which they stop, Fargate tasks.
//! - `health`, `load_balancer`: when tasks count as healthy; target groups.
//! - `load`, `metrics`, `alarms`: load models, one-minute datapoints, CloudWatch alarms.
//! - `scaling_runner`: Application Auto Scaling targets, policies and scheduled actions.
//! - `asg_provider`, `capacity_runner`, `spot`: capacity providers and Spot interruptions.
//! - `cost`, `timeline`: the cost meter and the per-minute timeline.
//! - `sim_requests`: the simulator's own requests (AdvanceTime, FailAvailabilityZone, ...).

//!
//! ## Requests (a scenario's `requests`, or [`Simulation::dispatch`])
//!
//! In the AWS APIs' own JSON shapes:
//! - ECS: `CreateService`, `UpdateService`, `DeleteService` (REPLICA or DAEMON; `launchType`
//!   EC2 or FARGATE, or a `capacityProviderStrategy`; `placementStrategy`,
//!   `placementConstraints`, `deploymentConfiguration`, `loadBalancers`,
//!   `healthCheckGracePeriodSeconds`, `networkConfiguration`, `forceNewDeployment`);
//!   `CreateCapacityProvider` (an Auto Scaling group provider, whose group the simulator's own
//!   `autoScalingGroupProvider.autoScalingGroup` object describes: `instanceType`,
//!   `availabilityZones`, `minSize`, `maxSize`, `desiredCapacity`);
//!   `PutClusterCapacityProviders` (FARGATE, FARGATE_SPOT and created providers, and the
//!   default strategy).
//! - Application Auto Scaling: `RegisterScalableTarget`, `PutScalingPolicy` (StepScaling,
//!   TargetTrackingScaling), `PutScheduledAction` (`at`, `rate`, `cron`).
//! - CloudWatch: `PutMetricAlarm` on AWS/ECS CPUUtilization or MemoryUtilization (dimension
//!   ServiceName) or AWS/ApplicationELB RequestCount or RequestCountPerTarget (dimension
//!   TargetGroup); `AlarmActions` name a scaling policy by ARN or PolicyName.
//!
//! The simulator's own:
//! - `{"AdvanceTime": {"seconds": N}}` (1 s to 7 days);
//! - `{"FailAvailabilityZone": {"availabilityZone": AZ}}`, `{"RestoreAvailabilityZone": ...}`;
//! - `{"SetLoad": {"service": NAME, "CPUUtilization": 60, "MemoryUtilization": 30}}` (pinned
//!   averages) or `{"SetLoad": {"service": NAME, "requestsPerMinute": N | {"constant": N} |
//!   {"daily": {"min", "max", "peakHour"}} | {"spike": {"base", "peak", "at", "duration"}},
//!   "taskCapacity": 1000, "memoryBaseline": 20, "memoryPerCpu": 0.25, "noisePercent": 0}}`;
//! - `{"SetAppHealth": {"taskDefinition": "web:2", "startupSeconds": 90, "healthy": true}}`;
//! - `{"InterruptSpot": {"service": NAME, "count": N}}` and
//!   `{"SetSpotInterruptionRate": {"perTaskPerHour": R}}`.
//!
//! ## Output
//! `scenario::run` adds `timeline` (one entry per simulated minute: `time`, `services`
//! {NAME: `desiredCount`, `runningCount`, `pendingCount`, `metrics`}, `instances`,
//! `capacityProviderReservation`, `costUsd`) and `state.services` (DescribeServices' shape,
//! events newest first); once time is used, also `cost`, `state.time`, and, when not empty,
//! `state.capacityProviders`, `scalableTargets`, `scalingPolicies`, `scheduledActions`,
//! `scalingActivities`, `metricAlarms`, `targetGroups`, `failedAvailabilityZones`.

pub mod alarms;
pub mod asg_provider;
pub mod capacity_runner;
pub mod clock;
pub mod cost;
pub mod daemon;
pub mod deployment_runner;
pub mod fargate;
pub mod fargate_run_task;
pub mod health;
pub mod launch;
pub mod load;
pub mod load_balancer;
pub mod metrics;
pub mod scaling_runner;
pub mod scheduler;
pub mod service;
pub mod service_api;
pub mod service_events;
pub mod service_placement;
pub mod sim_requests;
pub mod simulation;
pub mod spot;
pub mod timeline;
pub mod world;

pub use simulation::{Simulation, OPERATIONS};
