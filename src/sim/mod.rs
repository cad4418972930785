//! The ECS engine. Pure Rust: no browser crates below this folder, all randomness from one
//! seed, so the same scenario gives the same decisions natively and in the browser.

pub mod api;
pub mod autoscaling;
pub mod capacity;
pub mod catalog;
pub mod cluster;
pub mod cql;
pub mod deployment;
pub mod diagnostic;
pub mod instance;
pub mod json;
pub mod placement;
pub mod ports;
pub mod rng;
pub mod scenario;
pub mod sorting;
pub mod task;
pub mod taskdef;
pub mod time;
