//! What an imported file is, before anything on the board changes: a scenario (it replaces
//! the board), a task definition (it goes to the editor; the cluster stays), or something
//! else (refused with the reason, nothing changes). Pure: tested natively.

use serde_json::Value;

/// The members only an `ecs-sim` scenario (or the playground's Export) has.
const SCENARIO_KEYS: [&str; 5] = [
    "containerInstances",
    "requests",
    "taskDefinitions",
    "availabilityZones",
    "playground",
];

/// The members of a RegisterTaskDefinition body, or of describe-task-definition's output
/// (`{"taskDefinition": {...}}`), which the editor's reader also takes.
const TASK_DEFINITION_KEYS: [&str; 3] = ["containerDefinitions", "taskDefinition", "family"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    Scenario,
    TaskDefinition,
    /// Valid JSON that is neither: why, in words the learner can act on.
    Other(String),
    /// Not JSON at all: the scenario reader's positioned errors say where.
    Unreadable,
}

/// Reads only the top-level shape: the scenario or task definition readers give the
/// positioned errors once the kind is known.
pub fn file_kind(text: &str) -> FileKind {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return FileKind::Unreadable;
    };
    let Some(object) = value.as_object() else {
        return FileKind::Other(format!(
            "it holds a JSON {}, where a scenario or a task definition is a JSON object",
            kind_name(&value)
        ));
    };
    if SCENARIO_KEYS.iter().any(|k| object.contains_key(*k)) {
        FileKind::Scenario
    } else if TASK_DEFINITION_KEYS.iter().any(|k| object.contains_key(*k)) {
        FileKind::TaskDefinition
    } else {
        let mut keys: Vec<&str> = object.keys().map(String::as_str).take(4).collect();
        if object.len() > keys.len() {
            keys.push("…");
        }
        FileKind::Other(format!(
            "it is neither an ecs-sim scenario (with containerInstances or requests) nor a task definition (with containerDefinitions); its members are: {}",
            if keys.is_empty() { "none".to_string() } else { keys.join(", ") }
        ))
    }
}

fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Array(_) => "array",
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Null => "null",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_kinds_apart() {
        assert_eq!(
            file_kind(r#"{"seed": 1, "requests": []}"#),
            FileKind::Scenario
        );
        assert_eq!(
            file_kind(r#"{"family": "web", "containerDefinitions": []}"#),
            FileKind::TaskDefinition
        );
        assert_eq!(
            file_kind(r#"{"taskDefinition": {"family": "web"}}"#),
            FileKind::TaskDefinition
        );
        assert_eq!(file_kind("{\n oops"), FileKind::Unreadable);
        let FileKind::Other(why) =
            file_kind(r#"{"Resources": {}, "AWSTemplateFormatVersion": "x"}"#)
        else {
            panic!("a CloudFormation template is neither") // ok: test
        };
        assert!(
            why.contains("Resources") && why.contains("containerDefinitions"),
            "{why}"
        );
        let FileKind::Other(why) = file_kind("[1, 2]") else {
            panic!("an array is neither") // ok: test
        };
        assert!(why.contains("JSON array"), "{why}");
    }
}
