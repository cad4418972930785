//! The ECS engine. Pure Rust: no browser crates below this folder, all randomness from one
//! seed, so the same scenario gives the same decisions natively and in the browser.

pub mod autoscaling;
pub mod capacity;
pub mod cql;
pub mod deployment;
pub mod diagnostic;
pub mod json;
pub mod taskdef;
pub mod catalog;
pub mod instance;
pub mod placement;
pub mod ports;
pub mod cluster;
pub mod task;
pub mod rng;
pub mod api;
pub mod scenario;
pub mod time;
