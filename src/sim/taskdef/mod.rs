//! Task definitions: the model the scheduler uses, and the reader that turns
//! RegisterTaskDefinition JSON (or describe-task-definition output) into it.
//!
//! Reading happens in layers: `read` (entry points, describe-output wrapper), `task` (task
//! fields), `container` and `ports` (per-object fields), then `rules` and `ports` (fields
//! taken together), with `units` and `fargate` holding ECS's tables.

mod constraints;
mod container;
mod ctx;
pub mod fargate;
mod fields;
pub mod model;
mod names;
mod ports;
pub mod read;
mod rules;
mod suggest;
mod tags;
mod task;
pub mod units;

pub use model::*;
pub use read::{read_task_definition, read_task_definition_json, TaskDefReport};
