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

/// Which port one target needs let in, and why: read from the task definition revision the
/// running task was started from and the port the engine bound for it.
#[derive(Debug, Clone, PartialEq)]
enum PortRule {
    /// awsvpc: the container port on the task's own interface.
    Container(u16),
    /// bridge/host with a fixed host port.
    Fixed(u16),
    /// hostPort 0 (or none) in bridge mode: the instance's dynamic range.
    Dynamic(String),
}

impl PortRule {
    fn ports(&self) -> String {
        match self {
            PortRule::Container(p) | PortRule::Fixed(p) => p.to_string(),
            PortRule::Dynamic(range) => range.clone(),
        }
    }
}

/// A port rule and the task definition revisions (`web:2`) whose targets need it.
type RuleUse = (PortRule, Vec<String>);

/// The target groups an ALB would have for the running tasks, from the engine's state.
/// The security-group rule covers what is registered: each target's own task definition
/// revision and bound port (during a switch from a fixed host port to hostPort 0, tasks of
/// both revisions are targets at once, and the rule must let both in).
pub fn target_groups(cluster: &Cluster) -> Vec<TargetGroup> {
    // Per group: the rules seen, each with the revisions that need it.
    let mut groups: Vec<(TargetGroup, Vec<RuleUse>)> = Vec::new();
    for task in cluster.running_tasks() {
        let Some(td) = cluster
            .find_task_definition(&task.task_definition_arn)
            .and_then(|i| cluster.task_definitions.get(i))
        else {
            continue;
        };
        let (family, revision) = family_of(&task.task_definition_arn);
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
        let (target_type, label, rule) = if td.network_mode == NetworkMode::Awsvpc {
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
                PortRule::Container(mapping.container_port),
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
            let rule = match mapping.static_host_port(td.network_mode) {
                Some(_) => PortRule::Fixed(binding.host_port),
                None => PortRule::Dynamic(
                    cluster
                        .instances
                        .iter()
                        .find(|i| i.ec2_instance_id == task.ec2_instance_id)
                        .and_then(|i| {
                            instance_json(i)
                                .get("dynamicHostPortRange")
                                .and_then(|r| r.as_str())
                                .map(str::to_string)
                        })
                        .unwrap_or_else(|| "32768-60999".into()),
                ),
            };
            ("instance", label, rule)
        };
        let target = Target {
            label,
            zone: task.availability_zone.clone(),
        };
        let index = match groups
            .iter()
            .position(|(g, _)| g.name == family && g.target_type == target_type)
        {
            Some(i) => i,
            None => {
                groups.push((
                    TargetGroup {
                        name: family.clone(),
                        target_type,
                        targets: Vec::new(),
                        ports_to_allow: String::new(),
                        rule_reason: String::new(),
                    },
                    Vec::new(),
                ));
                groups.len() - 1
            }
        };
        let (group, rules) = &mut groups[index];
        group.targets.push(target);
        let revision = if revision.is_empty() {
            family.clone()
        } else {
            format!("{family}:{revision}")
        };
        match rules.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, revisions)) if revisions.contains(&revision) => {}
            Some((_, revisions)) => revisions.push(revision),
            None => rules.push((rule, vec![revision])),
        }
    }
    groups
        .into_iter()
        .map(|(mut group, rules)| {
            group.ports_to_allow = rules
                .iter()
                .map(|(r, _)| r.ports())
                .collect::<Vec<_>>()
                .join(", ");
            group.rule_reason = rule_reason(&rules);
            group
        })
        .collect()
}

/// Why the rule lets in those ports: one sentence per port rule, naming the task
/// definition revisions whose running targets need it.
fn rule_reason(rules: &[RuleUse]) -> String {
    let sentences: Vec<String> = rules
        .iter()
        .map(|(rule, revisions)| {
            let who = revisions.join(" and ");
            match rule {
                PortRule::Container(p) => format!(
                    "awsvpc ({who}): each task has its own network interface and security group, so the task's group must allow the container port {p}."
                ),
                PortRule::Fixed(p) => format!(
                    "{who} fixes host port {p}, so the instance's group must allow exactly that port."
                ),
                PortRule::Dynamic(range) => format!(
                    "{who} uses hostPort 0: Docker picks any free port in {range}, so the instance's group must allow the whole range from the ALB."
                ),
            }
        })
        .collect();
    if sentences.len() > 1 {
        format!(
            "Running targets come from task definitions that need different ports, so the rule must let in every one of them. {}",
            sentences.join(" ")
        )
    } else {
        sentences.concat()
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::doc::Doc;
    use serde_json::{json, Value};

    fn web(host_port: u16) -> Value {
        json!({"RegisterTaskDefinition": {
            "family": "web", "networkMode": "bridge",
            "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 256, "cpu": 256,
                "portMappings": [{"containerPort": 80, "hostPort": host_port}]}]}})
    }

    fn groups(requests: Vec<Value>) -> Vec<TargetGroup> {
        let doc = Doc {
            container_instances: serde_json::from_value(json!([
                {"ec2InstanceId": "i-1", "availabilityZone": "us-east-1a", "instanceType": "m5.large"},
                {"ec2InstanceId": "i-2", "availabilityZone": "us-east-1b", "instanceType": "m5.large"}
            ]))
            .unwrap(), // ok: test fixture
            requests,
            ..Doc::default()
        };
        let replayed = doc.replay();
        for r in &replayed.responses {
            assert!(r.get("error").is_none(), "{r}");
        }
        let sim = replayed.sim.borrow();
        target_groups(&sim.cluster)
    }

    #[test]
    fn the_rule_follows_the_revision_the_targets_run_not_the_first_one() {
        // web:1 fixed host port 8080; the learner switches to hostPort 0 (web:2) and runs
        // two more: the :32768 and :32769 targets need the dynamic range.
        let run = |td: &str, count: u32| json!({"RunTask": {"taskDefinition": td, "count": count}});
        let g = groups(vec![web(8080), run("web:1", 1), web(0), run("web:2", 2)]);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].targets.len(), 3);
        assert_eq!(g[0].ports_to_allow, "8080, 32768-60999");
        assert!(
            g[0].rule_reason.contains("web:1 fixes host port 8080"),
            "{}",
            g[0].rule_reason
        );
        assert!(
            g[0].rule_reason.contains("web:2 uses hostPort 0"),
            "{}",
            g[0].rule_reason
        );

        // Only web:2 runs: nothing says 8080 any more.
        let g = groups(vec![web(8080), web(0), run("web:2", 2)]);
        assert_eq!(g[0].ports_to_allow, "32768-60999");
        assert!(!g[0].rule_reason.contains("8080"), "{}", g[0].rule_reason);
        assert!(g[0].targets.iter().all(|t| !t.label.ends_with(":8080")));
        assert!(
            g[0].rule_reason.starts_with("web:2 uses hostPort 0"),
            "{}",
            g[0].rule_reason
        );

        // And the other way round: the fixed port of the revision that runs.
        let g = groups(vec![web(0), web(8080), run("web:2", 1)]);
        assert_eq!(g[0].ports_to_allow, "8080");
        assert!(
            g[0].rule_reason.starts_with("web:2 fixes host port 8080"),
            "{}",
            g[0].rule_reason
        );
    }
}
