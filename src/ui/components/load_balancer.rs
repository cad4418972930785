//! The Application Load Balancer panel: one target group per task family that exposes a
//! port, its targets (`i-1:32768` for bridge/host tasks, `10.0.1.4:80` for awsvpc tasks),
//! requests flowing round-robin as dots, and the security-group lesson: the instance's group
//! must let the ALB in on the dynamic port range, or every target fails its health check.

use std::rc::Rc;

use yew::prelude::*;

use super::cluster_model::family_of;
use super::format::plural;
use crate::sim::api::instances::instance_json;
use crate::sim::cluster::Cluster;
use crate::sim::taskdef::NetworkMode;

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// `i-1:32768` or `10.0.1.4:80`.
    pub label: String,
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroup {
    /// Named after the task family.
    pub name: String,
    /// `instance` (bridge/host: instance id + host port) or `ip` (awsvpc: the task's own IP).
    pub target_type: &'static str,
    pub targets: Vec<Target>,
    /// The port rule the instance (or task) security group needs, e.g. `32768-60999`.
    pub ports_to_allow: String,
    /// Why those ports, in one sentence.
    pub rule_reason: String,
}

/// The target groups an ALB would have for the running tasks, from the engine's state.
pub fn target_groups(cluster: &Cluster) -> Vec<TargetGroup> {
    let mut groups: Vec<TargetGroup> = Vec::new();
    for task in cluster.running_tasks() {
        let Some(td) = cluster
            .find_task_definition(&task.task_definition_arn)
            .and_then(|i| cluster.task_definitions.get(i))
        else {
            continue;
        };
        let (family, _) = family_of(&task.task_definition_arn);
        // A target group forwards to one port: the first mapping of the task's first
        // container that has one.
        let Some(mapping) = td
            .container_definitions
            .iter()
            .flat_map(|c| c.port_mappings.iter())
            .next()
        else {
            continue;
        };
        let (target_type, label, ports_to_allow, rule_reason) = if td.network_mode
            == NetworkMode::Awsvpc
        {
            let Some(ip) = task
                .containers
                .iter()
                .flat_map(|c| c.network_interfaces.iter())
                .map(|n| n.private_ipv4_address.clone())
                .next()
            else {
                continue;
            };
            (
                "ip",
                format!("{ip}:{}", mapping.container_port),
                mapping.container_port.to_string(),
                "awsvpc: each task has its own network interface and security group, so the task's group must allow the container port.".to_string(),
            )
        } else {
            let Some(binding) = task
                .containers
                .iter()
                .flat_map(|c| c.network_bindings.iter())
                .find(|b| b.container_port == mapping.container_port)
            else {
                continue;
            };
            let label = format!("{}:{}", task.ec2_instance_id, binding.host_port);
            match mapping.static_host_port(td.network_mode) {
                Some(port) => (
                    "instance",
                    label,
                    port.to_string(),
                    format!("host port {port} is fixed in the task definition, so the instance's group must allow exactly that port."),
                ),
                None => {
                    let range = cluster
                        .instances
                        .iter()
                        .find(|i| i.ec2_instance_id == task.ec2_instance_id)
                        .and_then(|i| instance_json(i).get("dynamicHostPortRange").and_then(|r| r.as_str()).map(str::to_string))
                        .unwrap_or_else(|| "32768-60999".into());
                    (
                        "instance",
                        label,
                        range.clone(),
                        format!("hostPort 0 lets Docker pick any free port in {range}, so the instance's group must allow the whole range from the ALB."),
                    )
                }
            }
        };
        let target = Target {
            label,
            zone: task.availability_zone.clone(),
        };
        match groups.iter_mut().find(|g| g.name == family) {
            Some(g) => g.targets.push(target),
            None => groups.push(TargetGroup {
                name: family,
                target_type,
                targets: vec![target],
                ports_to_allow,
                rule_reason,
            }),
        }
    }
    groups
}

#[derive(Properties, PartialEq)]
pub struct LoadBalancerProps {
    pub groups: Rc<Vec<TargetGroup>>,
    /// The lesson's toggle: does the security group let the ALB in?
    pub security_group_open: bool,
    pub on_security_group: Callback<bool>,
}

#[function_component(LoadBalancer)]
pub fn load_balancer(props: &LoadBalancerProps) -> Html {
    let open = props.security_group_open;
    let toggle = {
        let cb = props.on_security_group.clone();
        Callback::from(move |_| cb.emit(!open))
    };
    html! {
        <section class="panel load-balancer" aria-labelledby="lb-title">
            <h2 id="lb-title">{ "Load balancer" }</h2>
            if props.groups.is_empty() {
                <p class="empty">
                    { "No target yet. Run a task whose container maps a port (the starter web task maps port 80) and it is registered here as a target." }
                </p>
            } else {
                { for props.groups.iter().map(|g| view_group(g, open)) }
                <label class="switch">
                    <input type="checkbox" role="switch" checked={open} onchange={toggle} />
                    <span>{ "Security group allows the ALB" }</span>
                </label>
            }
        </section>
    }
}

/// Targets listed before "Show all": a big cluster registers hundreds, and a page of rows
/// (each with a moving dot) tells a learner less than the first few and a count.
const SHOWN_TARGETS: usize = 12;

/// Seconds between two requests for the round-robin dots: a request every 1.2 s when there
/// are a few targets, faster as they grow, so one full round stays under a minute or two.
fn request_interval(targets: usize) -> f64 {
    (1.2 * 12.0 / targets.max(12) as f64).max(0.1)
}

#[derive(Properties, PartialEq)]
struct GroupProps {
    group: TargetGroup,
    open: bool,
}

fn view_group(group: &TargetGroup, open: bool) -> Html {
    html! { <GroupView group={group.clone()} {open} /> }
}

#[function_component(GroupView)]
fn group_view(props: &GroupProps) -> Html {
    let (group, open) = (&props.group, props.open);
    let show_all = use_state(|| false);
    let n = group.targets.len().max(1);
    // One dot per target, each starting when the previous one arrives: round robin over
    // every registered target (the unlisted ones take their turns off screen). The keyframes
    // depend on the number of targets, so they are written here. The dot moves by transform
    // (the compositor's work), never by `left`, which would lay the page out every frame.
    let step = 100.0 / n as f64;
    let keyframes = format!(
        "@keyframes rr-{n} {{ 0% {{ transform: translateX(0); opacity: 1; }} {:.3}% {{ transform: translateX(calc(100% - 0.6rem)); opacity: 1; }} {:.3}% {{ opacity: 0; }} 100% {{ opacity: 0; }} }}",
        step * 0.9,
        step
    );
    let interval = request_interval(n);
    let who = if group.target_type == "ip" {
        "task's"
    } else {
        "instance's"
    };
    let shown = if *show_all {
        group.targets.len()
    } else {
        group.targets.len().min(SHOWN_TARGETS)
    };
    let hidden = group.targets.len() - shown;
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_| show_all.set(!*show_all))
    };
    html! {
        <div class={classes!("target-group", (!open).then_some("blocked"))}>
            <style>{ keyframes }</style>
            <h3>
                { format!("Target group \"{}\" ", group.name) }
                <span class="tag">{ format!("target type: {}", group.target_type) }</span>
                <span class="tag">{ format!("{} registered", plural(group.targets.len(), "target", "targets")) }</span>
            </h3>
            <ul class="targets">
                { for group.targets.iter().take(shown).enumerate().map(|(i, t)| html! {
                    <li class="target">
                        <span class="alb" aria-hidden="true">{ "ALB" }</span>
                        <span class="track" aria-hidden="true">
                            if open {
                                <span class="dot" style={format!(
                                    "animation: rr-{n} {:.2}s linear {:.2}s infinite;", interval * n as f64, interval * i as f64
                                )}></span>
                            } else {
                                <span class="wall">{ "✕" }</span>
                            }
                        </span>
                        <code class="target-id">{ &t.label }</code>
                        <span class="zone-tag">{ &t.zone }</span>
                        if open {
                            <span class="health healthy">{ "✓ healthy" }</span>
                        } else {
                            <span class="health unhealthy">{ "✕ unhealthy (blocked by security group)" }</span>
                        }
                    </li>
                }) }
            </ul>
            if hidden > 0 || *show_all && group.targets.len() > SHOWN_TARGETS {
                <button type="button" class="secondary show-targets" onclick={toggle}>
                    { if *show_all {
                        format!("Show the first {SHOWN_TARGETS} only")
                    } else {
                        format!("Show all {} targets ({hidden} more)", group.targets.len())
                    } }
                </button>
            }
            <p class="sg-rule">
                <span class="sg-label">{ format!("Inbound rule on the {who} security group: ") }</span>
                <code>{ format!("TCP {} from the ALB's security group", group.ports_to_allow) }</code>
                { if open { " — allowed" } else { " — missing" } }
            </p>
            <p class="hint">{ &group.rule_reason }</p>
        </div>
    }
}
