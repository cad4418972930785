//! Reading RegisterTaskDefinition JSON (and describe-task-definition output).
//! STUB: replaced by the full reader.

use crate::sim::diagnostic::Diagnostic;
use crate::sim::json::{Json, LineIndex};

use super::model::TaskDefinition;

/// What reading a task definition found: the definition (only when there are no errors),
/// every error, and every warning, each positioned.
#[derive(Debug, Clone, Default)]
pub struct TaskDefReport {
    pub task_definition: Option<TaskDefinition>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads a task definition from text.
pub fn read_task_definition(text: &str) -> TaskDefReport {
    let _ = text;
    TaskDefReport::default()
}

/// Reads a task definition that sits inside a larger document (a scenario file).
/// `path_prefix` is the JSON path of `json` in that document (e.g. `taskDefinitions[0]`),
/// and `index` maps the document's offsets to lines.
pub fn read_task_definition_json(json: &Json, index: &LineIndex, path_prefix: &str) -> TaskDefReport {
    let _ = (json, index, path_prefix);
    TaskDefReport::default()
}
