//! Port mappings: reading one mapping, and the rules that depend on the network mode or on
//! the other mappings of the task (ecs-facts §4.3; BOTO-ECS PortMapping).

use std::collections::HashMap;

use crate::sim::json::Json;

use super::container::ContainerRead;
use super::ctx::{field, given, join, shorten, At, Ctx};
use super::fields::{check_members, Place, PORT_MAPPING_FIELDS};
use super::model::{NetworkMode, Protocol};
use super::suggest::closest;

/// Host ports every container instance reserves by default (BOTO-ECS PortMapping.hostPort:
/// "22 for SSH, the Docker ports 2375 and 2376, and the Amazon ECS container agent ports
/// 51678-51680").
// Assumption: the documented list (with 51680) is used for this warning; the agent's code
// reserves 51680 only with Prometheus metrics on (ecs-facts D2).
const RESERVED_PORTS: &[(u16, &str)] = &[
    (22, "SSH"),
    (2375, "the Docker daemon"),
    (2376, "the Docker daemon (TLS)"),
    (51678, "the ECS container agent"),
    (51679, "the ECS container agent"),
    (51680, "the ECS container agent"),
];

/// A port mapping as read.
#[derive(Debug, Clone)]
pub(crate) struct PortRead {
    pub path: String,
    pub container_port: Option<At<u16>>,
    pub host_port: Option<At<u16>>,
    pub protocol: Protocol,
    /// The protocol value, when written.
    pub protocol_at: Option<At<()>>,
    pub range: Option<At<(u16, u16)>>,
}

/// Reads one element of portMappings. `container` names the container for ECS's messages.
pub(crate) fn read_port_mapping(
    ctx: &mut Ctx,
    obj: &Json,
    path: String,
    container: &str,
) -> Option<PortRead> {
    ctx.object(obj, &path, "a port mapping such as {\"containerPort\": 80}")?;
    check_members(ctx, obj, &path, Place::PortMapping, PORT_MAPPING_FIELDS);

    let cp_path = join(&path, "containerPort");
    let container_port = given(field(obj, "containerPort")).and_then(|v| {
        let n = ctx.whole_number(v, &cp_path)?;
        match u16::try_from(n) {
            Ok(p) if p >= 1 => Some(At::new(p, v.span, cp_path.clone())),
            _ => {
                ctx.error(
                    v.span,
                    &cp_path,
                    format!("Invalid 'containerPort' setting for container '{container}'. {n} is not a port; ECS expects 1 to 65535"),
                );
                None
            }
        }
    });

    let hp_path = join(&path, "hostPort");
    let host_port = given(field(obj, "hostPort")).and_then(|v| {
        let n = ctx.whole_number(v, &hp_path)?;
        match u16::try_from(n) {
            Ok(p) => Some(At::new(p, v.span, hp_path.clone())),
            Err(_) => {
                ctx.error(
                    v.span,
                    &hp_path,
                    format!("{n} is not a port; ECS expects a hostPort from 0 to 65535 (0 or omitted asks for a dynamic port in bridge mode)"),
                );
                None
            }
        }
    });

    let pr_path = join(&path, "protocol");
    let mut protocol = Protocol::Tcp; // ECS's default
    let mut protocol_at = None;
    if let Some(v) = given(field(obj, "protocol")) {
        if let Some(s) = ctx.string(Some(v), &pr_path) {
            match s {
                "tcp" => protocol = Protocol::Tcp,
                "udp" => protocol = Protocol::Udp,
                other => {
                    let hint = closest(other, &["tcp", "udp"])
                        .map(|c| format!(" (did you mean \"{c}\"?)"))
                        .unwrap_or_default();
                    ctx.error(v.span, &pr_path, format!("\"{}\" is not a protocol ECS accepts{hint}; use \"tcp\" or \"udp\" (lower case)", shorten(other, 40)));
                }
            }
            protocol_at = Some(At::new((), v.span, pr_path.clone()));
        }
    }

    let ap_path = join(&path, "appProtocol");
    if let Some(v) = given(field(obj, "appProtocol")) {
        if let Some(s) = ctx.string(Some(v), &ap_path) {
            if !["http", "http2", "grpc"].contains(&s) {
                let hint = closest(s, &["http", "http2", "grpc"])
                    .map(|c| format!(" (did you mean \"{c}\"?)"))
                    .unwrap_or_default();
                ctx.error(v.span, &ap_path, format!("\"{}\" is not an application protocol ECS accepts{hint}; use http, http2 or grpc", shorten(s, 40)));
            }
        }
    }

    let range = read_range(ctx, obj, &path);
    if range.is_some() {
        if let Some(h) = &host_port {
            ctx.error(
                h.span,
                &h.path,
                "with containerPortRange, leave hostPort out: ECS sets the host ports itself (the same ports in awsvpc mode, dynamic ones in bridge mode)",
            );
        }
    } else if container_port.is_none() && given(field(obj, "containerPort")).is_none() {
        ctx.error(
            obj.span,
            &cp_path,
            format!("Invalid 'containerPort' setting for container '{container}'. A port mapping needs a containerPort (or a containerPortRange)"),
        );
    }

    Some(PortRead {
        path,
        container_port,
        host_port,
        protocol,
        protocol_at,
        range,
    })
}

/// containerPortRange: "first-last", 1..=65535, first < last.
fn read_range(ctx: &mut Ctx, obj: &Json, path: &str) -> Option<At<(u16, u16)>> {
    let p = join(path, "containerPortRange");
    let v = given(field(obj, "containerPortRange"))?;
    let s = ctx.string(Some(v), &p)?;
    let parsed = s
        .split_once('-')
        .and_then(|(a, b)| Some((a.trim().parse::<u16>().ok()?, b.trim().parse::<u16>().ok()?)));
    match parsed {
        Some((a, b)) if a >= 1 && a < b => Some(At::new((a, b), v.span, p)),
        Some((a, b)) if a >= b => {
            ctx.error(v.span, &p, format!("\"{s}\": the first port in the range must be less than the last port ({a} is not less than {b})"));
            None
        }
        _ => {
            ctx.error(v.span, &p, format!("\"{}\" is not a port range ECS can read; write \"first-last\" with ports from 1 to 65535, e.g. \"8000-8010\"", shorten(s, 40)));
            None
        }
    }
}

/// The rules that need the network mode and every container. `mode` is `None` when the
/// networkMode value was invalid (already reported): mode-dependent rules are then skipped.
pub(crate) fn check_ports(ctx: &mut Ctx, containers: &[ContainerRead], mode: Option<NetworkMode>) {
    let Some(mode) = mode else { return };
    let mut taken: HashMap<(u16, Protocol), String> = HashMap::new();
    for c in containers {
        let label = c.label();
        if mode == NetworkMode::None {
            if let (Some(at), false) = (&c.port_mappings_at, c.ports.is_empty()) {
                ctx.error(
                    at.span,
                    &at.path,
                    "port mappings are not allowed when networkMode=none: ECS does not let you specify \
                     port mappings in this mode, and the containers have no external connectivity. \
                     Remove portMappings or choose another network mode",
                );
            }
            continue;
        }
        // One protocol per container port, within the container.
        let mut protocols: HashMap<u16, (Protocol, String)> = HashMap::new();
        for p in &c.ports {
            if let Some(r) = &p.range {
                if !matches!(mode, NetworkMode::Bridge | NetworkMode::Awsvpc) {
                    ctx.error(r.span, &r.path, format!("containerPortRange needs the bridge or awsvpc network mode; this task uses {}", mode.as_str()));
                }
            }
            let Some(cp) = &p.container_port else {
                continue;
            };
            match protocols.get(&cp.value) {
                Some((proto, first)) if *proto != p.protocol => {
                    let at = p
                        .protocol_at
                        .as_ref()
                        .map(|a| (a.span, a.path.clone()))
                        .unwrap_or((cp.span, cp.path.clone()));
                    ctx.error(
                        at.0,
                        &at.1,
                        format!(
                            "You can't expose the same container port for multiple protocols. Container port {} \
                             is already exposed as {} by {first}",
                            cp.value,
                            proto.as_str()
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    protocols.insert(cp.value, (p.protocol, p.path.clone()));
                }
            }

            // Assumption: in host and awsvpc modes, hostPort 0 counts as "left blank" (ECS fills
            // in containerPort), like an omitted hostPort.
            let host = p.host_port.as_ref().filter(|h| h.value != 0);
            if let (Some(h), NetworkMode::Host | NetworkMode::Awsvpc) = (host, mode) {
                if h.value != cp.value {
                    // ECS's wording is documented for awsvpc; for host mode the same sentence
                    // is used by analogy (Assumption: the real host-mode wording is unknown).
                    ctx.error(
                        h.span,
                        &h.path,
                        format!(
                            "When networkMode={}, the host ports and container ports in port mappings must match. \
                             hostPort {} differs from containerPort {}: leave hostPort out or set it to {}",
                            mode.as_str(),
                            h.value,
                            cp.value,
                            cp.value
                        ),
                    );
                    continue;
                }
            }
            // The port this mapping takes on the host (bridge, host) or on the task's network
            // interface (awsvpc): each can be taken once per task.
            let (port, at) = match (mode, host) {
                (NetworkMode::Bridge, Some(h)) => (h.value, h),
                (NetworkMode::Bridge, None) => continue, // dynamic
                (_, Some(h)) => (h.value, h),
                (_, None) => (cp.value, cp),
            };
            if mode != NetworkMode::Awsvpc {
                if let Some((_, what)) = RESERVED_PORTS.iter().find(|(r, _)| *r == port) {
                    ctx.warn(
                        at.span,
                        &at.path,
                        format!(
                            "host port {port} is reserved on every container instance ({what}); ECS can never \
                             place a task that asks for it"
                        ),
                    );
                }
            }
            // Assumption: tcp and udp host ports are separate (the agent keeps separate tcp
            // and udp reserved-port lists), so 53/tcp and 53/udp may both be mapped.
            let key = (port, p.protocol);
            match taken.get(&key) {
                Some(first) => {
                    let place = if mode == NetworkMode::Awsvpc {
                        "in awsvpc mode all containers share the task's network interface, so each port can be used once per task"
                    } else {
                        "a task can bind each host port only once"
                    };
                    ctx.error(
                        at.span,
                        &at.path,
                        format!(
                            "{} port {port}/{} is already mapped by {first}; {place}",
                            if mode == NetworkMode::Awsvpc {
                                "the"
                            } else {
                                "host"
                            },
                            p.protocol.as_str()
                        ),
                    );
                }
                None => {
                    taken.insert(key, format!("{} (container '{label}')", p.path));
                }
            }
        }
    }
}
