//! Task definitions: the model the scheduler uses, and the reader that turns
//! RegisterTaskDefinition JSON (or describe-task-definition output) into it.

pub mod model;
pub mod read;

pub use model::*;
pub use read::{read_task_definition, read_task_definition_json, TaskDefReport};
