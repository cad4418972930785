//! Task definitions: the model the scheduler uses, and the reader that turns
//! RegisterTaskDefinition JSON (or describe-task-definition output) into it.

pub mod model;

pub use model::*;
