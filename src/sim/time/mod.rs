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

pub mod alarms;
pub mod asg_provider;
pub mod capacity_runner;
pub mod clock;
pub mod cost;
pub mod daemon;
pub mod deployment_runner;
pub mod fargate;
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
