//! Rules that look at several fields together: container count and names, essential
//! containers, memory and cpu against each other and against the task, links, dependsOn,
//! and what Fargate requires (ecs-facts §8, §9). Port rules are in ports.rs.

use std::collections::HashMap;

use super::container::ContainerRead;
use super::ctx::{shorten, Ctx};
use super::fargate;
use super::model::NetworkMode;
use super::names::{name_problem, NAME_RULE};
use super::suggest::closest;
use super::task::TaskRead;

/// "Containers per task definition" quota, not adjustable.
const MAX_CONTAINERS: usize = 10;
/// EC2 and external task cpu range (BOTO-ECS RegisterTaskDefinitionRequest.cpu).
const EC2_TASK_CPU: std::ops::RangeInclusive<u32> = 128..=196_608;

pub(crate) fn check(ctx: &mut Ctx, task: &TaskRead) {
    container_count(ctx, task);
    unique_names(ctx, task);
    essential(ctx, task);
    memory(ctx, task);
    cpu(ctx, task);
    links(ctx, task);
    depends_on(ctx, task);
    if task.fargate {
        fargate_rules(ctx, task);
    }
    awsvpc_rules(ctx, task);
    proxy(ctx, task);
}

fn container_count(ctx: &mut Ctx, task: &TaskRead) {
    let Some(at) = &task.containers_at else {
        return;
    };
    if at.value == 0 {
        ctx.error(at.span, &at.path, "Container list cannot be empty. A task definition needs at least one container definition");
    } else if at.value > MAX_CONTAINERS {
        let (span, path) = task
            .containers
            .get(MAX_CONTAINERS)
            .map(|c| (c.span, c.path.clone()))
            .unwrap_or((at.span, at.path.clone()));
        ctx.error(
            span,
            &path,
            format!(
                "Too many containers. ECS allows at most {MAX_CONTAINERS} containers per task definition (a quota that \
                 cannot be raised); this one has {}",
                at.value
            ),
        );
    }
}

fn unique_names(ctx: &mut Ctx, task: &TaskRead) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for c in &task.containers {
        let Some(name) = &c.name else { continue };
        if name.value.is_empty() {
            continue;
        }
        match seen.get(name.value.as_str()) {
            Some(first) => ctx.error(
                name.span,
                &name.path,
                format!(
                    "Container names must be unique within a Task Definition. \"{}\" is already the name of {first}",
                    shorten(&name.value, 60)
                ),
            ),
            None => {
                seen.insert(&name.value, &c.path);
            }
        }
    }
}

fn essential(ctx: &mut Ctx, task: &TaskRead) {
    let Some(at) = &task.containers_at else {
        return;
    };
    if !task.containers.is_empty() && task.containers.iter().all(|c| !c.essential.value) {
        ctx.error(
            at.span,
            &at.path,
            "All tasks must have at least one essential container. Every container here has \"essential\": false; \
             mark the main one essential (or leave essential out, which means true)",
        );
    }
}

fn memory(ctx: &mut Ctx, task: &TaskRead) {
    for c in &task.containers {
        if !task.memory_written && !task.fargate && !c.memory_written {
            ctx.error(
                c.span,
                &c.path,
                format!(
                    "Invalid setting for container '{}'. At least one of 'memory' or 'memoryReservation' must be \
                     specified. With no task-level memory, ECS needs a non-zero memory (hard limit) or \
                     memoryReservation (soft limit), in MiB, for every container",
                    c.label()
                ),
            );
        }
        if let (Some(m), Some(r)) = (&c.memory, &c.memory_reservation) {
            // Assumption: memory equal to memoryReservation is accepted. The API text says
            // memory "must be greater than" memoryReservation; an AWS docs PR (awsdocs/
            // amazon-ecs-developer-guide#242) says "greater than or equal to" is the real rule.
            if m.value < r.value {
                ctx.error(
                    m.span,
                    &m.path,
                    format!(
                        "{} is less than memoryReservation {}; ECS requires memory to be at least memoryReservation \
                         (memory is the hard limit, memoryReservation the soft one)",
                        m.value, r.value
                    ),
                );
            }
        }
        if let (Some(t), Some(m), Some(_)) = (&task.memory, &c.memory, &c.memory_reservation) {
            // Assumption: a container's hard limit may not exceed the task's memory (the
            // container could never use it). Containers without a reservation are covered by
            // the sum below.
            if m.value > t.value {
                ctx.error(
                    m.span,
                    &m.path,
                    format!(
                        "container memory {} MiB is more than the task memory {} MiB; a container's hard limit cannot \
                         exceed the memory of its task",
                        m.value, t.value
                    ),
                );
            }
        }
    }
    if let Some(t) = &task.memory {
        let reserved: u64 = task
            .containers
            .iter()
            .map(|c| {
                c.memory_reservation
                    .as_ref()
                    .or(c.memory.as_ref())
                    .map_or(0, |a| u64::from(a.value))
            })
            .sum();
        // Assumption: a total equal to the task memory is accepted ("cannot be greater than").
        if reserved > u64::from(t.value) {
            ctx.error(
                t.span,
                &t.path,
                format!(
                    "The sum of all container 'memoryReservation' values cannot be greater than the value of the task \
                     'memory'. The containers reserve {reserved} MiB in total (memoryReservation, or memory where no \
                     reservation is given); the task has {} MiB",
                    t.value
                ),
            );
        }
    }
}

fn cpu(ctx: &mut Ctx, task: &TaskRead) {
    let Some(t) = &task.cpu else { return };
    if !task.fargate && !EC2_TASK_CPU.contains(&t.value) {
        ctx.error(
            t.span,
            &t.path,
            format!(
                "task cpu {} is out of range: for EC2 and external instances ECS accepts 128 to 196608 CPU units \
                 (0.125 to 192 vCPU)",
                t.value
            ),
        );
    }
    let total: u64 = task
        .containers
        .iter()
        .map(|c| c.cpu.as_ref().map_or(0, |a| u64::from(a.value)))
        .sum();
    // Assumption: a total equal to the task cpu is accepted; the docs say "lower than", but
    // definitions whose single container takes the whole task cpu register fine.
    if total > u64::from(t.value) {
        ctx.error(
            t.span,
            &t.path,
            format!(
                "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'. The \
                 containers ask for {total} CPU units in total; the task has {}",
                t.value
            ),
        );
    }
}

/// The containers by name (the first of each name), for links, dependsOn and the proxy.
fn by_name(task: &TaskRead) -> HashMap<&str, &ContainerRead> {
    let mut map = HashMap::new();
    for c in &task.containers {
        if let Some(n) = &c.name {
            map.entry(n.value.as_str()).or_insert(c);
        }
    }
    map
}

/// The container names for a message, at most ten of them.
fn names_list(task: &TaskRead) -> String {
    let names: Vec<String> = task
        .containers
        .iter()
        .filter_map(|c| c.name.as_ref().map(|n| shorten(&n.value, 40)))
        .collect();
    if names.len() > 10 {
        format!("{}, ...", names[..10].join(", ")) // ok: len > 10
    } else {
        names.join(", ")
    }
}

fn links(ctx: &mut Ctx, task: &TaskRead) {
    let names = by_name(task);
    let mut list: Option<String> = None; // names_list, built once when first needed
    for c in &task.containers {
        if c.links.is_empty() {
            continue;
        }
        if let (Some(mode), Some(at)) = (task.mode, &c.links_at) {
            if mode != NetworkMode::Bridge {
                let reach = if mode == NetworkMode::None {
                    "have no network to reach each other on"
                } else {
                    "reach each other on localhost"
                };
                ctx.error(
                    at.span,
                    &at.path,
                    format!(
                        "Links are not supported when networkMode={mode}. Links work only in bridge \
                         mode; in {mode} mode the containers of a task {reach}",
                        mode = mode.as_str()
                    ),
                );
            }
        }
        let own = c.name.as_ref().map(|n| n.value.as_str());
        for link in &c.links {
            // "name" or "name:alias", like Docker's --link.
            let (target, alias) = match link.value.split_once(':') {
                Some((t, a)) => (t, Some(a)),
                None => (link.value.as_str(), None),
            };
            let shown = shorten(target, 60);
            if target.is_empty() || alias == Some("") {
                ctx.error(
                    link.span,
                    &link.path,
                    "invalid link: a link is \"name\" or \"name:alias\", with neither part empty",
                );
            } else if let Some(problem) =
                name_problem(target).or_else(|| alias.and_then(name_problem))
            {
                ctx.error(
                    link.span,
                    &link.path,
                    format!("invalid link: {problem}; a link is \"name\" or \"name:alias\", each part {NAME_RULE}"),
                );
            } else if Some(target) == own {
                ctx.error(
                    link.span,
                    &link.path,
                    format!("container '{shown}' links to itself; links name other containers of the task"),
                );
            } else if !names.contains_key(target) {
                ctx.error(
                    link.span,
                    &link.path,
                    format!(
                        "link \"{}\" refers to container '{shown}', which is not in this task \
                         definition (its containers: {})",
                        shorten(&link.value, 60),
                        list.get_or_insert_with(|| names_list(task))
                    ),
                );
            }
        }
    }
}

fn depends_on(ctx: &mut Ctx, task: &TaskRead) {
    let names = by_name(task);
    for c in &task.containers {
        for d in &c.depends_on {
            let shown = shorten(&d.container.value, 60);
            let Some(target) = names.get(d.container.value.as_str()).copied() else {
                ctx.error(
                    d.container.span,
                    &d.container.path,
                    format!(
                        "dependsOn names container '{shown}', which is not in this task definition"
                    ),
                );
                continue;
            };
            if std::ptr::eq(target, c) {
                ctx.error(
                    d.container.span,
                    &d.container.path,
                    format!("container '{shown}' depends on itself"),
                );
                continue;
            }
            let Some(cond) = &d.condition else { continue };
            match cond.value.as_str() {
                "START" => {}
                "COMPLETE" | "SUCCESS" => {
                    if target.essential.value {
                        ctx.error(
                            cond.span,
                            &cond.path,
                            format!(
                                "A dependency container with SUCCESS or COMPLETE condition cannot be an \
                                 essential container. '{shown}' is essential (essential is true or \
                                 omitted); mark it \"essential\": false"
                            ),
                        );
                    }
                }
                "HEALTHY" => {
                    // Assumption: a warning, not an error: the docs say HEALTHY "requires" a
                    // health check but not that RegisterTaskDefinition checks it.
                    if !target.has_health_check {
                        ctx.warn(
                            cond.span,
                            &cond.path,
                            format!(
                                "HEALTHY requires that the dependent container has health checks \
                                 configured, and '{shown}' has no healthCheck"
                            ),
                        );
                    }
                }
                other => {
                    let hint = closest(other, &["START", "COMPLETE", "SUCCESS", "HEALTHY"])
                        .map(|h| format!(" (did you mean \"{h}\"?)"))
                        .unwrap_or_default();
                    ctx.error(
                        cond.span,
                        &cond.path,
                        format!(
                            "\"{}\" is not a dependency condition{hint}; use START, COMPLETE, SUCCESS \
                             or HEALTHY",
                            shorten(other, 40)
                        ),
                    );
                }
            }
        }
    }
}

fn fargate_rules(ctx: &mut Ctx, task: &TaskRead) {
    let cpu_path = super::ctx::join(&task.path, "cpu");
    let memory_path = super::ctx::join(&task.path, "memory");
    if !task.cpu_written {
        ctx.error(
            task.span,
            &cpu_path,
            "Fargate requires that 'cpu' be defined at the task level. requiresCompatibilities includes FARGATE, \
             so give a task cpu such as \"256\" or \"1 vCPU\"",
        );
    }
    if !task.memory_written {
        ctx.error(
            task.span,
            &memory_path,
            "Fargate requires that 'memory' be defined at the task level. requiresCompatibilities includes FARGATE, \
             so give a task memory such as \"512\" or \"2GB\"",
        );
    }
    match (&task.mode_at, task.mode) {
        (None, _) => ctx.error(
            task.span,
            &super::ctx::join(&task.path, "networkMode"),
            "Fargate only supports network mode 'awsvpc'. networkMode is omitted, which means bridge; add \
             \"networkMode\": \"awsvpc\"",
        ),
        (Some(at), Some(mode)) if mode != NetworkMode::Awsvpc => ctx.error(
            at.span,
            &at.path,
            format!("Fargate only supports network mode 'awsvpc'. This definition asks for {}", mode.as_str()),
        ),
        _ => {}
    }
    if let (Some(cpu), Some(memory)) = (&task.cpu, &task.memory) {
        if let Err((message, at_cpu)) = fargate::check(cpu.value, memory.value, task.windows) {
            let at = if at_cpu { cpu } else { memory };
            ctx.error(at.span, &at.path, message);
        }
    }
    if let Some(ipc) = &task.ipc_mode {
        ctx.error(
            ipc.span,
            &ipc.path,
            "Tasks using the Fargate launch type do not support ipcMode.",
        );
    }
    if let Some(pid) = task.pid_mode.as_ref().filter(|p| p.value == "host") {
        ctx.error(
            pid.span,
            &pid.path,
            "Tasks using the Fargate launch type support pidMode \"task\" only, not \"host\"",
        );
    }
    for c in &task.containers {
        if let Some(g) = &c.gpu_at {
            ctx.error(g.span, &g.path, "GPUs are not available on Fargate; a GPU resource requirement needs the EC2 launch type");
        }
    }
}

fn awsvpc_rules(ctx: &mut Ctx, task: &TaskRead) {
    if task.mode != Some(NetworkMode::Awsvpc) {
        return;
    }
    for c in &task.containers {
        if let Some(h) = &c.hostname {
            ctx.error(
                h.span,
                &h.path,
                "hostname is not supported on container when networkMode=awsvpc. The task's network interface sets \
                 the host name; remove hostname",
            );
        }
    }
}

fn proxy(ctx: &mut Ctx, task: &TaskRead) {
    let Some(p) = &task.proxy_container else {
        return;
    };
    if !task
        .containers
        .iter()
        .any(|c| c.name.as_ref().is_some_and(|n| n.value == p.value))
    {
        // Assumption: ECS rejects a proxy configuration whose container is not in the task
        // (the agent could not start the proxy); the exact wording is not known.
        ctx.error(
            p.span,
            &p.path,
            format!(
                "proxyConfiguration names container '{}', which is not in this task definition",
                shorten(&p.value, 60)
            ),
        );
    }
}
