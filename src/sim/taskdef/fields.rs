//! The field names ECS knows, and the checks every object gets: duplicate keys, unknown keys
//! (a warning with "did you mean"), read-only describe fields (a warning), and the JSON type
//! of fields the reader does not otherwise look into.
//!
//! Names and types come from botocore's ECS model (RegisterTaskDefinitionRequest,
//! TaskDefinition, ContainerDefinition, PortMapping).

use crate::sim::json::Json;

use std::collections::HashSet;

use super::ctx::{describe, join, shorten, Ctx};
use super::suggest::closest;

/// The JSON type a field takes. `Detail` fields are read (and type-checked) by the reader
/// itself; the others are only type-checked here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Detail,
    Str,
    Int,
    Bool,
    Array,
    Object,
}

/// RegisterTaskDefinitionRequest members.
pub(crate) const TASK_FIELDS: &[(&str, Kind)] = &[
    ("family", Kind::Detail),
    ("taskRoleArn", Kind::Str),
    ("executionRoleArn", Kind::Str),
    ("networkMode", Kind::Detail),
    ("containerDefinitions", Kind::Detail),
    ("volumes", Kind::Array),
    ("placementConstraints", Kind::Detail),
    ("requiresCompatibilities", Kind::Detail),
    ("cpu", Kind::Detail),
    ("memory", Kind::Detail),
    ("tags", Kind::Detail),
    ("pidMode", Kind::Detail),
    ("ipcMode", Kind::Detail),
    ("proxyConfiguration", Kind::Detail),
    ("inferenceAccelerators", Kind::Array),
    ("ephemeralStorage", Kind::Detail),
    ("runtimePlatform", Kind::Detail),
    ("enableFaultInjection", Kind::Bool),
];

/// TaskDefinition members that describe-task-definition returns but RegisterTaskDefinition
/// does not take.
pub(crate) const READ_ONLY_FIELDS: &[&str] = &[
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
    "deleteRequestedAt",
];

/// ContainerDefinition members.
pub(crate) const CONTAINER_FIELDS: &[(&str, Kind)] = &[
    ("name", Kind::Detail),
    ("image", Kind::Detail),
    ("repositoryCredentials", Kind::Object),
    ("cpu", Kind::Detail),
    ("memory", Kind::Detail),
    ("memoryReservation", Kind::Detail),
    ("links", Kind::Detail),
    ("portMappings", Kind::Detail),
    ("essential", Kind::Detail),
    ("restartPolicy", Kind::Object),
    ("entryPoint", Kind::Array),
    ("command", Kind::Array),
    ("environment", Kind::Array),
    ("environmentFiles", Kind::Array),
    ("mountPoints", Kind::Array),
    ("volumesFrom", Kind::Array),
    ("linuxParameters", Kind::Object),
    ("secrets", Kind::Array),
    ("dependsOn", Kind::Detail),
    ("startTimeout", Kind::Int),
    ("stopTimeout", Kind::Int),
    ("versionConsistency", Kind::Str),
    ("hostname", Kind::Detail),
    ("user", Kind::Str),
    ("workingDirectory", Kind::Str),
    ("disableNetworking", Kind::Bool),
    ("privileged", Kind::Bool),
    ("readonlyRootFilesystem", Kind::Bool),
    ("dnsServers", Kind::Array),
    ("dnsSearchDomains", Kind::Array),
    ("extraHosts", Kind::Array),
    ("dockerSecurityOptions", Kind::Array),
    ("interactive", Kind::Bool),
    ("pseudoTerminal", Kind::Bool),
    ("dockerLabels", Kind::Object),
    ("ulimits", Kind::Array),
    ("logConfiguration", Kind::Object),
    ("healthCheck", Kind::Detail),
    ("systemControls", Kind::Array),
    ("resourceRequirements", Kind::Detail),
    ("firelensConfiguration", Kind::Object),
    ("credentialSpecs", Kind::Array),
];

/// PortMapping members.
pub(crate) const PORT_MAPPING_FIELDS: &[(&str, Kind)] = &[
    ("containerPort", Kind::Detail),
    ("hostPort", Kind::Detail),
    ("protocol", Kind::Detail),
    ("name", Kind::Str),
    ("appProtocol", Kind::Detail),
    ("containerPortRange", Kind::Detail),
];

/// Where an object sits, for the wording of unknown-field warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Task,
    Container,
    PortMapping,
    /// Any other object: `what` names its API shape.
    Other(&'static str),
}

impl Place {
    fn shape(self) -> &'static str {
        match self {
            Place::Task => "RegisterTaskDefinition",
            Place::Container => "ContainerDefinition",
            Place::PortMapping => "PortMapping",
            Place::Other(shape) => shape,
        }
    }
}

/// Warns about duplicate and unknown keys of `obj`, and type-checks the simple fields.
/// `known` lists the fields this object may have.
pub(crate) fn check_members(
    ctx: &mut Ctx,
    obj: &Json,
    path: &str,
    place: Place,
    known: &[(&str, Kind)],
) {
    let mut seen: HashSet<&str> = HashSet::new();
    for m in obj.members() {
        let key_path = join(path, &m.key);
        if !seen.insert(m.key.as_str()) {
            ctx.warn(
                m.key_span,
                &key_path,
                format!(
                    "\"{}\" appears more than once in this object; the last value is used, as the \
                     AWS CLI's JSON reader does",
                    shorten(&m.key, 60)
                ),
            );
            // The type check below still applies to the value that wins (the last one).
        }
        if place == Place::Task && READ_ONLY_FIELDS.contains(&m.key.as_str()) {
            ctx.warn(m.key_span, &key_path, read_only_message(&m.key));
            continue;
        }
        match known.iter().find(|(name, _)| *name == m.key) {
            Some((_, kind)) => check_kind(ctx, &m.value, &key_path, *kind),
            None => ctx.warn(m.key_span, &key_path, unknown_message(&m.key, place, known)),
        }
    }
}

fn read_only_message(key: &str) -> String {
    let kept = if key == "revision" {
        " The value is kept as this definition's revision."
    } else {
        " It is ignored here."
    };
    format!(
        "\"{key}\" is a read-only field of describe-task-definition output; RegisterTaskDefinition \
         would not accept it (the AWS CLI reports \"Unknown parameter in input\"). Remove it before \
         registering.{kept}"
    )
}

fn unknown_message(key: &str, place: Place, known: &[(&str, Kind)]) -> String {
    let shown = shorten(key, 60);
    let names: Vec<&str> = known.iter().map(|(n, _)| *n).collect();
    let base = format!(
        "unknown field \"{shown}\": {} has no such parameter, so it is ignored here (the AWS CLI and \
         SDKs reject unknown parameters)",
        place.shape()
    );
    let is = |list: &[(&str, Kind)]| list.iter().any(|(n, _)| *n == key);
    let hint = if place == Place::Task && is(CONTAINER_FIELDS) {
        Some(format!(
            "\"{key}\" is a container field: move it into an entry of containerDefinitions"
        ))
    } else if place == Place::Container && is(TASK_FIELDS) {
        Some(format!(
            "\"{key}\" is a task-level field: move it out of the container definition"
        ))
    } else if place == Place::Container && key.eq_ignore_ascii_case("gpu") {
        Some("GPUs are reserved with \"resourceRequirements\": [{\"type\": \"GPU\", \"value\": \"1\"}]".into())
    } else if place == Place::Task && key == "taskDefinition" {
        Some(
            "a describe-task-definition response wraps the definition in \"taskDefinition\"; \
              paste either the whole response or only the inner object"
                .into(),
        )
    } else {
        closest(key, &names).map(|c| format!("did you mean \"{c}\"?"))
    };
    match hint {
        Some(h) => format!("{base}; {h}"),
        None => base,
    }
}

fn check_kind(ctx: &mut Ctx, v: &Json, path: &str, kind: Kind) {
    if v.is_null() {
        return;
    }
    let ok = match kind {
        Kind::Detail => true,
        Kind::Str => v.as_str().is_some(),
        Kind::Int => v.as_i64().is_some(),
        Kind::Bool => v.as_bool().is_some(),
        Kind::Array => v.is_array(),
        Kind::Object => v.is_object(),
    };
    if !ok {
        let expected = match kind {
            Kind::Str => "a string",
            Kind::Int => "a whole number",
            Kind::Bool => "a boolean (true or false, without quotes)",
            Kind::Array => "an array",
            _ => "an object",
        };
        ctx.error(
            v.span,
            path,
            format!("expected {expected}, got {}", describe(v)),
        );
    }
}
