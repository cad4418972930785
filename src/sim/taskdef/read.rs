//! Reading RegisterTaskDefinition JSON, and describe-task-definition output (plain, or the
//! whole response `{"taskDefinition": {...}, "tags": [...]}`).
//!
//! Every problem is collected, not just the first: errors (ECS would refuse the definition)
//! and warnings (it loads, but something deserves a note), each with its JSON path and the
//! line and column where the offending value, or the object missing a field, starts.

use crate::sim::diagnostic::Diagnostic;
use crate::sim::json::{parse, Json, JsonKind, LineIndex};

use super::ctx::{field, join, Ctx};
use super::fields::{check_members, Kind, Place};
use super::model::TaskDefinition;
use super::tags::check_tags;
use super::task::read_task;

/// RegisterTaskDefinition's limit on a task definition's size.
const MAX_SIZE: usize = 64 * 1024;

/// What reading a task definition found: the definition (only when there are no errors),
/// every error, and every warning, each positioned.
#[derive(Debug, Clone, Default)]
pub struct TaskDefReport {
    pub task_definition: Option<TaskDefinition>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads a task definition from text. Invalid JSON gives one error at the syntax error.
pub fn read_task_definition(text: &str) -> TaskDefReport {
    let index = LineIndex::new(text);
    let json = match parse(text) {
        Ok(json) => json,
        Err(e) => {
            return TaskDefReport {
                task_definition: None,
                errors: vec![Diagnostic {
                    path: String::new(),
                    message: e.message,
                    line: e.line,
                    column: e.column,
                }],
                warnings: Vec::new(),
            }
        }
    };
    let mut report = read_task_definition_json(&json, &index, "");
    // Assumption: the 64 KiB limit is measured on the text as pasted (whitespace included),
    // so it is only a warning.
    if text.len() > MAX_SIZE {
        report.warnings.insert(
            0,
            Diagnostic {
                path: String::new(),
                message: format!(
                    "this text is {} KiB; ECS limits a task definition to 64 KiB, so it may be refused as too large",
                    text.len() / 1024
                ),
                line: 1,
                column: 1,
            },
        );
    }
    report
}

/// Reads a task definition that sits inside a larger document (a scenario file).
/// `path_prefix` is the JSON path of `json` in that document (e.g. `taskDefinitions[0]`),
/// and `index` maps the document's offsets to lines.
pub fn read_task_definition_json(
    json: &Json,
    index: &LineIndex,
    path_prefix: &str,
) -> TaskDefReport {
    let mut ctx = Ctx::new(index);
    let definition = read_document(&mut ctx, json, path_prefix);
    let Ctx {
        mut errors,
        mut warnings,
        ..
    } = ctx;
    // In reading order within each line; the sort is stable, so messages about the same
    // value keep the order the rules produced them in.
    crate::sim::sorting::sort_by_key(&mut errors, |d| (d.line, d.column));
    crate::sim::sorting::sort_by_key(&mut warnings, |d| (d.line, d.column));
    let task_definition = if errors.is_empty() { definition } else { None };
    TaskDefReport {
        task_definition,
        errors,
        warnings,
    }
}

fn read_document(ctx: &mut Ctx, json: &Json, path: &str) -> Option<TaskDefinition> {
    match &json.kind {
        JsonKind::Object(_) => {}
        JsonKind::Array(items)
            if items
                .iter()
                .any(|i| field(i, "image").is_some() || field(i, "name").is_some()) =>
        {
            ctx.error(
                json.span,
                path,
                "this is a list of container definitions, not a task definition; wrap it: \
                 {\"family\": \"my-app\", \"containerDefinitions\": [ ... ]}",
            );
            return None;
        }
        _ => {
            ctx.wrong_type(
                json,
                path,
                "a JSON object (a task definition with \"family\" and \"containerDefinitions\")",
            );
            return None;
        }
    }
    match wrapped(json) {
        Some(inner) => {
            // The whole describe-task-definition response: only "taskDefinition" and "tags".
            const KNOWN: &[(&str, Kind)] =
                &[("taskDefinition", Kind::Detail), ("tags", Kind::Detail)];
            check_members(
                ctx,
                json,
                path,
                Place::Other("the DescribeTaskDefinition response"),
                KNOWN,
            );
            check_tags(ctx, json, path);
            read_task(ctx, inner, &join(path, "taskDefinition"))
        }
        None => read_task(ctx, json, path),
    }
}

/// The inner definition of `{"taskDefinition": {...}}`, when `json` is such a wrapper and not
/// itself a definition.
fn wrapped(json: &Json) -> Option<&Json> {
    let inner = field(json, "taskDefinition").filter(|v| v.is_object())?;
    let looks_like_definition =
        field(json, "containerDefinitions").is_some() || field(json, "family").is_some();
    (!looks_like_definition).then_some(inner)
}
