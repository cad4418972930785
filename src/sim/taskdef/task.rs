//! Reading the task-level fields, then running the rules and building the model.

use crate::sim::json::{Json, JsonKind, Span};

use super::constraints::read_constraints;
use super::container::{read_container, required_string, ContainerRead};
use super::ctx::{field, given, item, join, At, Ctx};
use super::fields::{check_members, Kind, Place, TASK_FIELDS};
use super::model::{
    ContainerDefinition, NetworkMode, PortMapping, TaskDefinition, TaskDefinitionConstraint,
};
use super::names::{name_problem, NAME_RULE};
use super::suggest::closest;
use super::tags::check_tags;
use super::units::{parse_cpu, parse_memory};
use super::{ports, rules};

pub(crate) const COMPATIBILITIES: &[&str] = &["EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"];
const NETWORK_MODES: &[&str] = &["bridge", "host", "awsvpc", "none"];

/// The task-level facts the rules need, with positions.
#[derive(Debug, Clone)]
pub(crate) struct TaskRead {
    pub path: String,
    /// The task definition object.
    pub span: Span,
    pub family: Option<String>,
    pub revision: u32,
    /// The network mode the rules apply: the one given, bridge when omitted, `None` when the
    /// given value is not a network mode (already reported).
    pub mode: Option<NetworkMode>,
    /// The networkMode value, when given (not omitted, not null).
    pub mode_at: Option<At<()>>,
    pub compatibilities: Vec<String>,
    pub fargate: bool,
    /// runtimePlatform.operatingSystemFamily is a Windows family.
    pub windows: bool,
    pub cpu: Option<At<u32>>,
    pub memory: Option<At<u32>>,
    /// cpu / memory are written (even if unreadable), so that a bad value is not also reported
    /// as missing.
    pub cpu_written: bool,
    pub memory_written: bool,
    /// The containerDefinitions array and its length.
    pub containers_at: Option<At<usize>>,
    pub containers: Vec<ContainerRead>,
    pub constraints: Vec<TaskDefinitionConstraint>,
    pub ipc_mode: Option<At<String>>,
    pub pid_mode: Option<At<String>>,
    /// proxyConfiguration.containerName, when given.
    pub proxy_container: Option<At<String>>,
}

/// Reads a task definition object (already unwrapped from a describe response). The model is
/// built whenever the data allow it; the caller discards it if there are errors.
pub(crate) fn read_task(ctx: &mut Ctx, obj: &Json, path: &str) -> Option<TaskDefinition> {
    check_members(ctx, obj, path, Place::Task, TASK_FIELDS);

    let family = read_family(ctx, obj, path);
    let revision = read_revision(ctx, obj, path);
    let compatibilities = read_compatibilities(ctx, obj, path);
    let fargate = compatibilities.iter().any(|c| c == "FARGATE");
    let (mode, mode_at) = read_network_mode(ctx, obj, path, fargate);
    let cpu = read_size(ctx, obj, path, "cpu");
    let memory = read_size(ctx, obj, path, "memory");
    let windows = read_runtime_platform(ctx, obj, path);

    let cd_path = join(path, "containerDefinitions");
    let mut containers = Vec::new();
    let mut containers_at = None;
    match given(field(obj, "containerDefinitions")) {
        None => ctx.error(
            obj.span,
            &cd_path,
            "containerDefinitions is required: RegisterTaskDefinition needs a list of container definitions",
        ),
        Some(v) => {
            if let Some(items) = ctx.array(Some(v), &cd_path, "of container definitions") {
                containers_at = Some(At::new(items.len(), v.span, cd_path.clone()));
                for (i, c) in items.iter().enumerate() {
                    if let Some(c) = read_container(ctx, c, item(&cd_path, i)) {
                        containers.push(c);
                    }
                }
            }
        }
    }

    let constraints = read_constraints(ctx, obj, path);
    check_tags(ctx, obj, path);
    let ipc_mode = read_enum(ctx, obj, path, "ipcMode", &["host", "task", "none"]);
    let pid_mode = read_enum(ctx, obj, path, "pidMode", &["host", "task"]);
    read_ephemeral_storage(ctx, obj, path);
    let proxy_container = read_proxy(ctx, obj, path);

    let task = TaskRead {
        path: path.to_string(),
        span: obj.span,
        family,
        revision,
        mode,
        mode_at,
        compatibilities,
        fargate,
        windows,
        cpu,
        memory,
        cpu_written: given(field(obj, "cpu")).is_some(),
        memory_written: given(field(obj, "memory")).is_some(),
        containers_at,
        containers,
        constraints,
        ipc_mode,
        pid_mode,
        proxy_container,
    };
    rules::check(ctx, &task);
    ports::check_ports(ctx, &task.containers, task.mode);
    build(task, obj)
}

fn read_family(ctx: &mut Ctx, obj: &Json, path: &str) -> Option<String> {
    let p = join(path, "family");
    let Some(v) = given(field(obj, "family")) else {
        ctx.error(
            obj.span,
            &p,
            format!(
                "family is required: you must specify a family for a task definition ({NAME_RULE})"
            ),
        );
        return None;
    };
    let family = ctx.string(Some(v), &p)?;
    if family.is_empty() {
        ctx.error(v.span, &p, format!("family is empty; {NAME_RULE}"));
        return None;
    }
    if let Some(problem) = name_problem(family) {
        ctx.error(
            v.span,
            &p,
            format!("invalid family name: {problem}; {NAME_RULE}"),
        );
        return None;
    }
    Some(family.to_string())
}

/// describe output carries the revision; a fresh definition is revision 1.
fn read_revision(ctx: &mut Ctx, obj: &Json, path: &str) -> u32 {
    let p = join(path, "revision");
    let Some(v) = given(field(obj, "revision")) else {
        return 1;
    };
    match v
        .as_i64()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| *n >= 1)
    {
        Some(n) => n,
        None => {
            // Read-only, so a bad value is not an error: it is not what the user registers.
            ctx.warn(
                v.span,
                &p,
                "revision is not a whole number from 1 up; using revision 1",
            );
            1
        }
    }
}

fn read_compatibilities(ctx: &mut Ctx, obj: &Json, path: &str) -> Vec<String> {
    let p = join(path, "requiresCompatibilities");
    let mut out = Vec::new();
    let Some(items) = ctx.array(
        given(field(obj, "requiresCompatibilities")),
        &p,
        "of launch types such as [\"FARGATE\"]",
    ) else {
        return out;
    };
    for (i, v) in items.iter().enumerate() {
        let ip = item(&p, i);
        let Some(s) = ctx.string(Some(v), &ip) else {
            continue;
        };
        if COMPATIBILITIES.contains(&s) {
            out.push(s.to_string());
        } else {
            let hint = closest(s, COMPATIBILITIES)
                .map(|c| format!(" (did you mean \"{c}\"?)"))
                .unwrap_or_default();
            ctx.error(v.span, &ip, format!("\"{}\" is not a compatibility ECS knows{hint}; use EC2, FARGATE, EXTERNAL or MANAGED_INSTANCES", super::ctx::shorten(s, 40)));
        }
    }
    out
}

fn read_network_mode(
    ctx: &mut Ctx,
    obj: &Json,
    path: &str,
    fargate: bool,
) -> (Option<NetworkMode>, Option<At<()>>) {
    let p = join(path, "networkMode");
    let Some(v) = given(field(obj, "networkMode")) else {
        // Omitted: ECS's default is bridge. A Fargate definition must say awsvpc (reported
        // by the rules); its port rules are then checked as awsvpc, the mode it needs.
        return (
            Some(if fargate {
                NetworkMode::Awsvpc
            } else {
                NetworkMode::Bridge
            }),
            None,
        );
    };
    let at = At::new((), v.span, p.clone());
    let Some(s) = ctx.string(Some(v), &p) else {
        return (None, Some(at));
    };
    let mode = match s {
        "bridge" => NetworkMode::Bridge,
        "host" => NetworkMode::Host,
        "awsvpc" => NetworkMode::Awsvpc,
        "none" => NetworkMode::None,
        other => {
            let hint = closest(other, NETWORK_MODES)
                .map(|c| format!(" (did you mean \"{c}\"?)"))
                .unwrap_or_default();
            let extra = if other == "default" {
                " (\"default\" is the Windows name for the default mode: omit networkMode instead)"
            } else {
                ""
            };
            ctx.error(
                v.span,
                &p,
                format!("\"{}\" is not a network mode{hint}{extra}; ECS accepts bridge, host, awsvpc or none", super::ctx::shorten(other, 60)),
            );
            return (None, Some(at));
        }
    };
    (Some(mode), Some(at))
}

/// Task-level cpu or memory: a string with or without units, or a JSON number.
fn read_size(ctx: &mut Ctx, obj: &Json, path: &str, key: &str) -> Option<At<u32>> {
    let p = join(path, key);
    let v = given(field(obj, key))?;
    let parsed = match &v.kind {
        JsonKind::String(s) => {
            if key == "cpu" {
                parse_cpu(s)
            } else {
                parse_memory(s)
            }
        }
        JsonKind::Number(_) => {
            let n = ctx.whole_number(v, &p)?;
            u32::try_from(n).map_err(|_| format!("{n} is not a {key} value ECS accepts"))
        }
        _ => {
            let expected = if key == "cpu" {
                "CPU units or vCPUs, as a string (\"1024\", \"1 vCPU\") or a number"
            } else {
                "MiB or GB, as a string (\"2048\", \"2GB\") or a number"
            };
            ctx.wrong_type(v, &p, expected);
            return None;
        }
    };
    match parsed {
        Ok(0) => {
            ctx.error(
                v.span,
                &p,
                format!("task {key} is 0; leave it out or give a positive value"),
            );
            None
        }
        Ok(n) => Some(At::new(n, v.span, p)),
        Err(message) => {
            ctx.error(v.span, &p, message);
            None
        }
    }
}

/// Checks runtimePlatform; returns whether it names a Windows family.
fn read_runtime_platform(ctx: &mut Ctx, obj: &Json, path: &str) -> bool {
    let p = join(path, "runtimePlatform");
    let Some(v) = given(field(obj, "runtimePlatform")) else {
        return false;
    };
    if ctx
        .object(
            v,
            &p,
            "{\"cpuArchitecture\": ..., \"operatingSystemFamily\": ...}",
        )
        .is_none()
    {
        return false;
    }
    const KNOWN: &[(&str, Kind)] = &[
        ("cpuArchitecture", Kind::Detail),
        ("operatingSystemFamily", Kind::Detail),
    ];
    check_members(ctx, v, &p, Place::Other("RuntimePlatform"), KNOWN);
    read_enum(ctx, v, &p, "cpuArchitecture", &["X86_64", "ARM64"]);
    const FAMILIES: &[&str] = &[
        "LINUX",
        "WINDOWS_SERVER_2016_FULL",
        "WINDOWS_SERVER_2019_FULL",
        "WINDOWS_SERVER_2019_CORE",
        "WINDOWS_SERVER_2004_CORE",
        "WINDOWS_SERVER_20H2_CORE",
        "WINDOWS_SERVER_2022_FULL",
        "WINDOWS_SERVER_2022_CORE",
        "WINDOWS_SERVER_2025_FULL",
        "WINDOWS_SERVER_2025_CORE",
    ];
    read_enum(ctx, v, &p, "operatingSystemFamily", FAMILIES)
        .is_some_and(|f| f.value.starts_with("WINDOWS"))
}

/// A string member that must be one of `values`.
fn read_enum(
    ctx: &mut Ctx,
    obj: &Json,
    path: &str,
    key: &str,
    values: &[&str],
) -> Option<At<String>> {
    let p = join(path, key);
    let v = given(field(obj, key))?;
    let s = ctx.string(Some(v), &p)?;
    if values.contains(&s) {
        return Some(At::new(s.to_string(), v.span, p));
    }
    let hint = closest(s, values)
        .map(|c| format!(" (did you mean \"{c}\"?)"))
        .unwrap_or_default();
    ctx.error(
        v.span,
        &p,
        format!(
            "\"{}\" is not a valid {key}{hint}; ECS accepts {}",
            super::ctx::shorten(s, 60),
            values.join(", ")
        ),
    );
    None
}

/// ephemeralStorage.sizeInGiB: 21 to 200 (BOTO-ECS EphemeralStorage; 20 GiB is the default
/// you get without the parameter).
fn read_ephemeral_storage(ctx: &mut Ctx, obj: &Json, path: &str) {
    let p = join(path, "ephemeralStorage");
    let Some(v) = given(field(obj, "ephemeralStorage")) else {
        return;
    };
    if ctx.object(v, &p, "{\"sizeInGiB\": 21..200}").is_none() {
        return;
    }
    const KNOWN: &[(&str, Kind)] = &[("sizeInGiB", Kind::Detail)];
    check_members(ctx, v, &p, Place::Other("EphemeralStorage"), KNOWN);
    let sp = join(&p, "sizeInGiB");
    match given(field(v, "sizeInGiB")) {
        None => ctx.error(
            v.span,
            &sp,
            "sizeInGiB is required in ephemeralStorage (21 to 200 GiB)",
        ),
        Some(s) => {
            if let Some(n) = ctx.whole_number(s, &sp) {
                if !(21..=200).contains(&n) {
                    ctx.error(
                        s.span,
                        &sp,
                        format!("{n} GiB is out of range; the minimum supported value is 21 GiB and the maximum 200 GiB (20 GiB is the default without this parameter)"),
                    );
                }
            }
        }
    }
}

/// proxyConfiguration: returns the proxy container's name, for the rules.
fn read_proxy(ctx: &mut Ctx, obj: &Json, path: &str) -> Option<At<String>> {
    let p = join(path, "proxyConfiguration");
    let v = given(field(obj, "proxyConfiguration"))?;
    ctx.object(v, &p, "a ProxyConfiguration")?;
    const KNOWN: &[(&str, Kind)] = &[
        ("type", Kind::Detail),
        ("containerName", Kind::Detail),
        ("properties", Kind::Array),
    ];
    check_members(ctx, v, &p, Place::Other("ProxyConfiguration"), KNOWN);
    read_enum(ctx, v, &p, "type", &["APPMESH"]);
    let cp = join(&p, "containerName");
    let name = required_string(ctx, v, "containerName", &cp, "ProxyConfiguration")?;
    let span = field(v, "containerName").map(|c| c.span).unwrap_or(v.span);
    Some(At::new(name.to_string(), span, cp))
}

/// The model, from what was read. Never fails on missing pieces: the caller keeps it only
/// when no error was reported, in which case every required piece is present.
fn build(task: TaskRead, obj: &Json) -> Option<TaskDefinition> {
    let mode = task.mode?;
    let containers = task
        .containers
        .iter()
        .map(|c| {
            Some(ContainerDefinition {
                name: c.name.as_ref()?.value.clone(),
                image: c.image.clone()?,
                cpu: c.cpu.as_ref().map_or(0, |a| a.value),
                memory: c.memory.as_ref().map(|a| a.value),
                memory_reservation: c.memory_reservation.as_ref().map(|a| a.value),
                essential: c.essential.value,
                port_mappings: c
                    .ports
                    .iter()
                    .filter_map(|p| {
                        let range = p.range.as_ref().map(|r| r.value);
                        Some(PortMapping {
                            container_port: match &p.container_port {
                                Some(port) => port.value,
                                None => range?.0,
                            },
                            host_port: p.host_port.as_ref().map(|h| h.value),
                            protocol: p.protocol,
                            container_port_range: range,
                        })
                    })
                    .collect(),
                links: c.links.iter().map(|l| l.value.clone()).collect(),
                gpu: c.gpu,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(TaskDefinition {
        family: task.family?,
        revision: task.revision,
        network_mode: mode,
        requires_compatibilities: task.compatibilities,
        cpu: task.cpu.map(|a| a.value),
        memory: task.memory.map(|a| a.value),
        container_definitions: containers,
        placement_constraints: task.constraints,
        raw: obj.to_value(),
    })
}
