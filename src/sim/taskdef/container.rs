//! Reading one container definition: each field's type and range. Rules that involve other
//! containers or the task (memory totals, links, ports by network mode) are in rules.rs and
//! ports.rs, which work on what this file returns.

use crate::sim::json::{Json, Span};

use super::ctx::{field, given, item, join, shorten, At, Ctx};
use super::fields::{check_members, Kind, Place, CONTAINER_FIELDS};
use super::names::{name_problem, NAME_RULE};
use super::ports::{read_port_mapping, PortRead};

/// The API's Integer type is a signed 32-bit number.
pub(crate) const INT_MAX: i64 = i32::MAX as i64;

/// Docker 20.10 and later reserve at least this much memory per container (BOTO-ECS
/// ContainerDefinition.memory).
const DOCKER_MIN_MIB: u32 = 6;

/// A container as read, with positions for the cross-field rules.
#[derive(Debug, Clone)]
pub(crate) struct ContainerRead {
    pub path: String,
    /// The container's object.
    pub span: Span,
    /// The name as written (even if ECS would refuse its characters), for links and messages.
    pub name: Option<At<String>>,
    pub image: Option<String>,
    pub cpu: Option<At<u32>>,
    pub memory: Option<At<u32>>,
    pub memory_reservation: Option<At<u32>>,
    /// memory or memoryReservation is written (even if unreadable), so that a bad value is not
    /// also reported as missing.
    pub memory_written: bool,
    pub essential: At<bool>,
    /// The portMappings array itself, when given.
    pub port_mappings_at: Option<At<()>>,
    pub ports: Vec<PortRead>,
    /// The links array itself, when given.
    pub links_at: Option<At<()>>,
    pub links: Vec<At<String>>,
    pub gpu: u32,
    /// The GPU entry of resourceRequirements, when given.
    pub gpu_at: Option<At<()>>,
    pub depends_on: Vec<DependRead>,
    pub has_health_check: bool,
    pub hostname: Option<At<()>>,
}

impl ContainerRead {
    /// How ECS names the container in messages: its name, or its path when it has none.
    pub fn label(&self) -> String {
        match &self.name {
            Some(n) if !n.value.is_empty() => shorten(&n.value, 60),
            _ => self.path.clone(),
        }
    }
}

/// One dependsOn entry.
#[derive(Debug, Clone)]
pub(crate) struct DependRead {
    pub container: At<String>,
    pub condition: Option<At<String>>,
}

/// Reads `containerDefinitions[i]`. `None` when it is not an object (reported).
pub(crate) fn read_container(ctx: &mut Ctx, obj: &Json, path: String) -> Option<ContainerRead> {
    ctx.object(obj, &path, "a container definition")?;
    check_members(ctx, obj, &path, Place::Container, CONTAINER_FIELDS);

    let name = read_name(ctx, obj, &path);
    let label = match &name {
        Some(n) if !n.value.is_empty() => shorten(&n.value, 60),
        _ => path.clone(),
    };
    let image = read_image(ctx, obj, &path);

    let cpu_path = join(&path, "cpu");
    let cpu = given(field(obj, "cpu")).and_then(|v| {
        let n = ctx.integer(Some(v), &cpu_path, 0, INT_MAX)?;
        Some(At::new(u32::try_from(n).ok()?, v.span, cpu_path.clone()))
    });
    let memory = read_memory(ctx, obj, &path, "memory");
    let memory_reservation = read_memory(ctx, obj, &path, "memoryReservation");
    let memory_written =
        given(field(obj, "memory")).is_some() || given(field(obj, "memoryReservation")).is_some();

    let essential_path = join(&path, "essential");
    let essential = match given(field(obj, "essential")) {
        Some(v) => At::new(
            ctx.boolean(Some(v), &essential_path).unwrap_or(true),
            v.span,
            essential_path,
        ),
        // ECS: "If this parameter is omitted, a container is assumed to be essential."
        None => At::new(true, obj.span, essential_path),
    };

    let pm_path = join(&path, "portMappings");
    let pm_value = given(field(obj, "portMappings"));
    let port_mappings_at = pm_value.map(|v| At::new((), v.span, pm_path.clone()));
    let mut ports = Vec::new();
    if let Some(items) = ctx.array(pm_value, &pm_path, "of port mappings") {
        for (i, m) in items.iter().enumerate() {
            if let Some(p) = read_port_mapping(ctx, m, item(&pm_path, i), &label) {
                ports.push(p);
            }
        }
    }

    let links_path = join(&path, "links");
    let links_value = given(field(obj, "links"));
    let links_at = links_value.map(|v| At::new((), v.span, links_path.clone()));
    let mut links = Vec::new();
    if let Some(items) = ctx.array(links_value, &links_path, "of container names") {
        for (i, l) in items.iter().enumerate() {
            let p = item(&links_path, i);
            if let Some(s) = ctx.string(Some(l), &p) {
                links.push(At::new(s.to_string(), l.span, p));
            }
        }
    }

    let (gpu, gpu_at) = read_resource_requirements(ctx, obj, &path);
    let depends_on = read_depends_on(ctx, obj, &path);

    let hc_path = join(&path, "healthCheck");
    let has_health_check = match given(field(obj, "healthCheck")) {
        Some(v) => ctx
            .object(v, &hc_path, "a HealthCheck with at least \"command\"")
            .is_some(),
        None => false,
    };
    let hn_path = join(&path, "hostname");
    let hostname = given(field(obj, "hostname")).and_then(|v| {
        ctx.string(Some(v), &hn_path)?;
        Some(At::new((), v.span, hn_path.clone()))
    });

    Some(ContainerRead {
        path,
        span: obj.span,
        name,
        image,
        cpu,
        memory,
        memory_reservation,
        memory_written,
        essential,
        port_mappings_at,
        ports,
        links_at,
        links,
        gpu,
        gpu_at,
        depends_on,
        has_health_check,
        hostname,
    })
}

fn read_name(ctx: &mut Ctx, obj: &Json, path: &str) -> Option<At<String>> {
    let p = join(path, "name");
    let value = given(field(obj, "name"));
    let Some(v) = value else {
        ctx.error(
            obj.span,
            &p,
            format!("Container.name should not be null or empty. Every container needs a name: {NAME_RULE}"),
        );
        return None;
    };
    let name = ctx.string(Some(v), &p)?;
    if name.is_empty() {
        ctx.error(
            v.span,
            &p,
            format!("Container.name should not be null or empty. {NAME_RULE}"),
        );
    } else if let Some(problem) = name_problem(name) {
        ctx.error(
            v.span,
            &p,
            format!("Container.name contains invalid characters. {problem}; {NAME_RULE}"),
        );
    }
    Some(At::new(name.to_string(), v.span, p))
}

fn read_image(ctx: &mut Ctx, obj: &Json, path: &str) -> Option<String> {
    let p = join(path, "image");
    let Some(v) = given(field(obj, "image")) else {
        ctx.error(
            obj.span,
            &p,
            "Container.image should not be null or empty. Give the image to run, e.g. \"nginx:latest\" \
             or a repository URI",
        );
        return None;
    };
    let image = ctx.string(Some(v), &p)?;
    if image.trim().is_empty() {
        ctx.error(
            v.span,
            &p,
            "Container.image should not be null or empty. (A CI pipeline may fill this in later; \
             ECS needs a real image reference to register the definition)",
        );
        return None;
    }
    Some(image.to_string())
}

/// memory or memoryReservation: a non-zero whole number of MiB.
fn read_memory(ctx: &mut Ctx, obj: &Json, path: &str, key: &str) -> Option<At<u32>> {
    let p = join(path, key);
    let v = given(field(obj, key))?;
    let n = ctx.integer(Some(v), &p, 0, INT_MAX)?;
    let mib = u32::try_from(n).ok()?;
    if mib == 0 {
        ctx.error(
            v.span,
            &p,
            format!("{key} is 0; ECS requires a non-zero number of MiB"),
        );
        return None;
    }
    if mib < DOCKER_MIN_MIB {
        ctx.warn(
            v.span,
            &p,
            format!(
                "{mib} MiB is below the minimum Docker 20.10 and later reserve for a container \
                 ({DOCKER_MIN_MIB} MiB); ECS advises not to specify less"
            ),
        );
    }
    Some(At::new(mib, v.span, p))
}

/// resourceRequirements: GPUs are counted; the other types are only checked.
fn read_resource_requirements(ctx: &mut Ctx, obj: &Json, path: &str) -> (u32, Option<At<()>>) {
    let p = join(path, "resourceRequirements");
    let mut gpu = 0;
    let mut gpu_at: Option<At<()>> = None;
    let Some(items) = ctx.array(
        given(field(obj, "resourceRequirements")),
        &p,
        "of {\"type\", \"value\"} objects",
    ) else {
        return (0, None);
    };
    const KNOWN: &[(&str, Kind)] = &[("type", Kind::Detail), ("value", Kind::Detail)];
    for (i, r) in items.iter().enumerate() {
        let rp = item(&p, i);
        if ctx
            .object(r, &rp, "{\"type\": \"GPU\", \"value\": \"1\"}")
            .is_none()
        {
            continue;
        }
        check_members(ctx, r, &rp, Place::Other("ResourceRequirement"), KNOWN);
        let tp = join(&rp, "type");
        let vp = join(&rp, "value");
        let Some(kind) = required_string(ctx, r, "type", &tp, "ResourceRequirement") else {
            continue;
        };
        let Some(value_json) = given(field(r, "value")) else {
            ctx.error(r.span, &vp, "value is required in a resource requirement (for a GPU: the number of GPUs, as a string such as \"1\")");
            continue;
        };
        let value = match &value_json.kind {
            crate::sim::json::JsonKind::String(s) => s.as_str(),
            _ => {
                ctx.wrong_type(
                    value_json,
                    &vp,
                    "a string (the API takes the GPU count as a string, e.g. \"1\")",
                );
                continue;
            }
        };
        match kind {
            "GPU" => {
                if let Some(previous) = &gpu_at {
                    ctx.error(
                        r.span,
                        &rp,
                        format!(
                            "a second GPU requirement; the container already has one at {}",
                            previous.path
                        ),
                    );
                    continue;
                }
                let count = if value == "ALL" {
                    // Assumption: "ALL" (every GPU of the instance) is counted as one GPU, since
                    // the simulator reserves a number before it knows the instance.
                    ctx.warn(value_json.span, &vp, "\"ALL\" takes every GPU of the instance; the simulator reserves 1 GPU for it");
                    1
                } else {
                    match value.trim().parse::<u32>() {
                        Ok(n) if n >= 1 => n,
                        _ => {
                            ctx.error(value_json.span, &vp, format!("\"{}\" is not a GPU count; ECS expects a whole number of GPUs of at least 1 (e.g. \"1\") or \"ALL\"", shorten(value, 40)));
                            continue;
                        }
                    }
                };
                gpu = count;
                gpu_at = Some(At::new((), r.span, rp.clone()));
            }
            "InferenceAccelerator" | "NeuronDevice" => {}
            other => {
                let hint = super::suggest::closest(
                    other,
                    &["GPU", "InferenceAccelerator", "NeuronDevice"],
                )
                .map(|c| format!(" (did you mean \"{c}\"?)"))
                .unwrap_or_default();
                let span = field(r, "type").map(|t| t.span).unwrap_or(r.span);
                ctx.error(span, &tp, format!("\"{}\" is not a resource type ECS knows{hint}; use GPU, InferenceAccelerator or NeuronDevice", shorten(other, 40)));
            }
        }
    }
    (gpu, gpu_at)
}

fn read_depends_on(ctx: &mut Ctx, obj: &Json, path: &str) -> Vec<DependRead> {
    let p = join(path, "dependsOn");
    let mut out = Vec::new();
    let Some(items) = ctx.array(
        given(field(obj, "dependsOn")),
        &p,
        "of {\"containerName\", \"condition\"} objects",
    ) else {
        return out;
    };
    const KNOWN: &[(&str, Kind)] = &[("containerName", Kind::Detail), ("condition", Kind::Detail)];
    for (i, d) in items.iter().enumerate() {
        let dp = item(&p, i);
        if ctx.object(d, &dp, "a container dependency").is_none() {
            continue;
        }
        check_members(ctx, d, &dp, Place::Other("ContainerDependency"), KNOWN);
        let cp = join(&dp, "containerName");
        let Some(name) = required_string(ctx, d, "containerName", &cp, "ContainerDependency")
        else {
            continue;
        };
        let span = field(d, "containerName").map(|v| v.span).unwrap_or(d.span);
        let container = At::new(name.to_string(), span, cp);
        let condp = join(&dp, "condition");
        let condition = match given(field(d, "condition")) {
            Some(v) => ctx
                .string(Some(v), &condp)
                .map(|s| At::new(s.to_string(), v.span, condp.clone())),
            None => {
                ctx.error(
                    d.span,
                    &condp,
                    "condition is required: START, COMPLETE, SUCCESS or HEALTHY",
                );
                None
            }
        };
        out.push(DependRead {
            container,
            condition,
        });
    }
    out
}

/// A required string member; reports it missing (at the object) or of the wrong type.
pub(crate) fn required_string<'j>(
    ctx: &mut Ctx,
    obj: &'j Json,
    key: &str,
    path: &str,
    shape: &str,
) -> Option<&'j str> {
    match given(field(obj, key)) {
        Some(v) => ctx.string(Some(v), path),
        None => {
            ctx.error(obj.span, path, format!("{key} is required in a {shape}"));
            None
        }
    }
}
