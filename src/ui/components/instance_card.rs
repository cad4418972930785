//! One container instance: the heart of the picture. Its CPU and memory bars show each
//! task's reservation (the engine's numbers) with the free part hatched, its tasks are chips
//! named after their family, its attributes are editable tags (that is how memberOf is
//! taught), and the decision animation paints it (candidate, filtered, survivor, chosen).
//! Clicking it, or Enter on it, asks the decision panel "why not here?".

use yew::prelude::*;

use super::cluster_model::{Gauge, InstanceCondition, InstanceModel, TaskChip};
use super::format::{family_class, percent, plural, thousands};
use crate::sim::catalog;
use crate::ui::anim::Mark;
use crate::ui::browser;
use crate::ui::state::Action;

#[derive(Properties, PartialEq)]
pub struct InstanceCardProps {
    pub instance: InstanceModel,
    /// How the current animation step paints this card.
    pub mark: Mark,
    /// The task placed at this step of the decision: its chip flies in.
    #[prop_or_default]
    pub arriving: Option<AttrValue>,
    /// Its tasks that the decision's story has not placed yet at this step (ghosts).
    #[prop_or_default]
    pub pending: Vec<String>,
    pub selected: bool,
    pub on_action: Callback<Action>,
}

#[function_component(InstanceCard)]
pub fn instance_card(props: &InstanceCardProps) -> Html {
    let inst = &props.instance;
    let select = {
        let cb = props.on_action.clone();
        let id = inst.id.clone();
        let selected = props.selected;
        move || {
            cb.emit(Action::SelectInstance(if selected {
                None
            } else {
                Some(id.clone())
            }))
        }
    };
    let onclick = {
        let select = select.clone();
        Callback::from(move |e: MouseEvent| {
            if !browser::from_inner_control(&e) {
                select();
            }
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        // Only when the card itself has focus: Enter on its buttons and fields is theirs.
        let on_card = !browser::from_inner_control(&e);
        if on_card && (e.key() == "Enter" || e.key() == " ") {
            e.prevent_default();
            select();
        }
    });
    let (mark_class, mark_badge) = match &props.mark {
        Mark::Idle => ("", Html::default()),
        Mark::Candidate => (
            "mark-candidate",
            html! { <p class="mark-badge candidate">{ "◌ candidate" }</p> },
        ),
        Mark::Filtered { why } => (
            "mark-filtered",
            html! { <p class="mark-badge filtered">{ "✕ " }{ why }</p> },
        ),
        Mark::Survivor { note } => (
            "mark-survivor",
            html! { <p class="mark-badge survivor">{ "● " }{ note }</p> },
        ),
        Mark::Chosen => (
            "mark-chosen",
            html! { <p class="mark-badge chosen">{ "✓ chosen: the task goes here" }</p> },
        ),
    };
    let condition = inst.condition();
    let status_class = condition.class();
    let unreachable = match condition {
        InstanceCondition::ZoneFailed => Some(format!(
            "{} failed (simulated outage): the instance is unreachable and its agent disconnected{}. Nothing is placed here until the zone is restored.",
            inst.zone,
            match inst.stopped_by_zone_failure {
                0 => String::new(),
                n => format!("; {} stopped", plural(n, "task", "tasks")),
            }
        )),
        InstanceCondition::Disconnected => Some(
            "The ECS agent is disconnected (agentConnected: false): ECS places no task here.".to_string(),
        ),
        InstanceCondition::Active | InstanceCondition::Draining => None,
    };
    let label = format!(
        "{} {}, {}, {}{}{}. Press Enter to see every placement check for it.",
        inst.instance_type,
        inst.id,
        inst.zone,
        inst.status,
        match condition {
            InstanceCondition::ZoneFailed => ", unreachable: its zone failed",
            InstanceCondition::Disconnected => ", agent disconnected",
            InstanceCondition::Active | InstanceCondition::Draining => "",
        },
        if props.selected { ", selected" } else { "" }
    );
    let drain = {
        let cb = props.on_action.clone();
        let id = inst.id.clone();
        let draining = inst.is_draining();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::SetDraining {
                instance: id.clone(),
                draining: !draining,
            })
        })
    };
    let remove = {
        let cb = props.on_action.clone();
        let id = inst.id.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::RemoveInstance(id.clone())))
    };
    html! {
        <article class={classes!("instance-card", mark_class, status_class, props.selected.then_some("selected"))}
            data-instance-id={inst.id.clone()} data-zone={inst.zone.clone()}
            tabindex="0" aria-label={label} {onclick} {onkeydown}>
            <header class="card-head">
                <span class="iid">{ &inst.id }</span>
                <span class="itype">{ &inst.instance_type }</span>
                <span class={classes!("status-badge", status_class)}>{ condition.badge() }</span>
            </header>
            <p class="card-zone">{ &inst.zone }{ if props.selected { " · checks shown in Decision" } else { "" } }</p>
            if let Some(text) = unreachable {
                <p class="unreachable-note">{ text }</p>
            }
            { mark_badge }
            { gauge("CPU", "CPU units", inst.cpu, &inst.tasks, &props.pending, |t| t.cpu) }
            { gauge("Memory", "MiB", inst.memory, &inst.tasks, &props.pending, |t| t.memory) }
            if inst.enis_in_use > 0 {
                <p class="eni-line">{ format!("Task ENIs: {} of {} in use", inst.enis_in_use, inst.eni_capacity) }</p>
                { trunking_button(inst, &props.on_action) }
            }
            if inst.tasks.is_empty() {
                <p class="no-tasks">{ "No tasks running" }</p>
            } else {
                <ul class="chips" aria-label={format!("Tasks on {}", inst.id)}>
                    { for inst.tasks.iter().map(|t| task_chip(t, chip_moment(props, &t.task_arn), &props.on_action)) }
                </ul>
            }
            <Attributes instance={inst.clone()} on_action={props.on_action.clone()} />
            <footer class="card-actions">
                <button type="button" onclick={drain}
                    title={if inst.is_draining() { "UpdateContainerInstancesState ACTIVE" } else { "UpdateContainerInstancesState DRAINING: no new tasks here" }}>
                    { if inst.is_draining() { "Activate" } else { "Drain" } }
                </button>
                <button type="button" class="danger" onclick={remove} title="DeregisterContainerInstance with force: its tasks stop"
                    aria-label={format!("Remove {}", inst.id)}>
                    { "Remove" }
                </button>
            </footer>
        </article>
    }
}

/// "Relaunch with ENI trunking" on an instance whose type supports trunking and that was
/// launched without it: ECS turns trunking on (the awsvpcTrunking account setting) only for
/// instances launched afterwards, so a new one replaces it.
fn trunking_button(inst: &InstanceModel, on_action: &Callback<Action>) -> Html {
    let Some(limit) = catalog::lookup(&inst.instance_type)
        .and_then(|t| t.trunk_task_limit)
        .filter(|l| *l > inst.eni_capacity)
    else {
        return Html::default();
    };
    let relaunch = {
        let (cb, id) = (on_action.clone(), inst.id.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Action::RelaunchWithTrunking(id.clone())))
    };
    html! {
        <p class="trunking-line">
            <button type="button" class="link-button" onclick={relaunch}
                title={format!("awsvpcTrunking: a new {} launched with ENI trunking replaces {} (its tasks stop) and runs up to {limit} awsvpc tasks", inst.instance_type, inst.id)}>
                { "Relaunch with ENI trunking" }
            </button>
        </p>
    }
}

/// The numbers in words ("1,536 / 2,048 CPU units", which also names the resource) over a
/// bar with one segment per task in its family's colour and the free part hatched.
/// `pending`: tasks the decision's story has not placed yet at this step; until then their
/// reservation counts as free (the numbers match what the strategies saw) and their
/// segments are ghosts.
fn gauge(
    name: &str,
    unit: &str,
    g: Gauge,
    tasks: &[TaskChip],
    pending: &[String],
    amount: fn(&TaskChip) -> u32,
) -> Html {
    let is_pending = |t: &TaskChip| pending.contains(&t.task_arn);
    let later: u32 = tasks.iter().filter(|t| is_pending(t)).map(amount).sum();
    let g = Gauge {
        registered: g.registered,
        remaining: g.remaining.saturating_add(later).min(g.registered),
    };
    let text = format!(
        "{} / {} {unit}",
        thousands(g.reserved()),
        thousands(g.registered)
    );
    let free = format!("{} {unit} free", thousands(g.remaining));
    html! {
        <div class="gauge">
            <span class="gauge-text" title={free.clone()}>{ text.clone() }</span>
            <div class="bar" role="img" aria-label={format!("{name}: {text} reserved, {free}")}>
                { for tasks.iter().map(|t| html! {
                    <span class={classes!("segment", family_class(t.family_index), is_pending(t).then_some("pending"))}
                        style={format!("width: {:.2}%", percent(amount(t), g.registered))}
                        title={format!("{} ({}): {} {unit}", t.family, t.short_id, thousands(amount(t)))}></span>
                }) }
                <span class="free" style={format!("width: {:.2}%", percent(g.remaining, g.registered))} title={free}></span>
            </div>
        </div>
    }
}

/// Where a chip stands in the decision's story: placed at this step, not placed yet, or neither.
fn chip_moment(props: &InstanceCardProps, arn: &str) -> Option<&'static str> {
    if props.arriving.as_deref() == Some(arn) {
        Some("arriving")
    } else if props.pending.iter().any(|p| p == arn) {
        Some("pending")
    } else {
        None
    }
}

/// One task as a chip (family colour and name, host ports or IP, Stop); `moment`: its place
/// in the decision's story ("arriving", "pending") if any.
pub fn task_chip(t: &TaskChip, moment: Option<&'static str>, on_action: &Callback<Action>) -> Html {
    let stop = {
        let cb = on_action.clone();
        let arn = t.task_arn.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::StopTask(arn.clone())))
    };
    html! {
        <li class={classes!("chip", family_class(t.family_index), moment)} key={t.task_arn.clone()} data-task-arn={t.task_arn.clone()}
            title={format!("task {} of {}:{} (group {}): {} CPU units, {} MiB{}", t.short_id, t.family, t.revision, t.group, t.cpu, t.memory,
                if moment == Some("pending") { " (not placed yet at this step of the decision)" } else { "" })}>
            <span class="swatch" aria-hidden="true"></span>
            // Name and pills wrap inside their own box; the Stop button stays on the right.
            <span class="chip-body">
                <span class="chip-family" title={t.family.clone()}>{ &t.family }</span>
                { for t.host_ports.iter().map(|p| html! { <span class="port-pill">{ format!(":{p}") }</span> }) }
                if let Some(ip) = &t.private_ip {
                    <span class="port-pill ip">{ ip }</span>
                }
                if t.capacity_provider.as_deref() == Some("FARGATE_SPOT") {
                    <span class="port-pill spot" title="Fargate Spot: AWS may reclaim it with a two-minute warning">{ "Spot" }</span>
                }
            </span>
            <button type="button" class="chip-stop" onclick={stop}
                aria-label={format!("Stop task {} of {}", t.short_id, t.family)} title="StopTask">{ "✕" }</button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct AttributesProps {
    instance: InstanceModel,
    on_action: Callback<Action>,
}

/// Custom attributes as removable `key=value` tags with an add form; the built-in `ecs.*`
/// ones folded away (they matter for CQL, but they are many).
#[function_component(Attributes)]
fn attributes(props: &AttributesProps) -> Html {
    let adding = use_state(|| false);
    // The custom attribute whose value is being changed, and the value typed so far.
    let editing = use_state(|| None::<String>);
    let edit_value = use_state(String::new);
    let name = use_state(String::new);
    let value = use_state(String::new);
    let inst = &props.instance;
    let custom: Vec<_> = inst.custom_attributes().cloned().collect();
    let builtin: Vec<_> = inst.builtin_attributes().cloned().collect();
    let open_form = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(true))
    };
    let cancel = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(false))
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(browser::event_value(&e)))
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(browser::event_value(&e)))
    };
    let submit = {
        let (adding, name, value) = (adding.clone(), name.clone(), value.clone());
        let cb = props.on_action.clone();
        let id = inst.id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if name.trim().is_empty() {
                return;
            }
            cb.emit(Action::PutAttribute {
                instance: id.clone(),
                name: (*name).clone(),
                value: (*value).clone(),
            });
            name.set(String::new());
            value.set(String::new());
            adding.set(false);
        })
    };
    html! {
        <div class="attributes">
            <ul class="attr-tags" aria-label={format!("Custom attributes of {}", inst.id)}>
                { for custom.iter().map(|(k, v)| {
                    let cb = props.on_action.clone();
                    let (id, key) = (inst.id.clone(), k.clone());
                    let remove = Callback::from(move |_: MouseEvent| cb.emit(Action::RemoveAttribute { instance: id.clone(), name: key.clone() }));
                    let text = match v { Some(v) => format!("{k}={v}"), None => k.clone() };
                    if editing.as_deref() == Some(k.as_str()) {
                        let (cb, id, key) = (props.on_action.clone(), inst.id.clone(), k.clone());
                        let (editing_s, value_s) = (editing.clone(), edit_value.clone());
                        let set = Callback::from(move |e: SubmitEvent| {
                            e.prevent_default();
                            cb.emit(Action::PutAttribute { instance: id.clone(), name: key.clone(), value: (*value_s).clone() });
                            editing_s.set(None);
                        });
                        let value_s = edit_value.clone();
                        let on_input = Callback::from(move |e: InputEvent| value_s.set(browser::event_value(&e)));
                        let editing_s = editing.clone();
                        let cancel = Callback::from(move |_: MouseEvent| editing_s.set(None));
                        let field = format!("attr-{}-{k}", inst.id);
                        return html! {
                            <li class="attr-tag custom editing">
                                <form class="attr-edit" onsubmit={set}>
                                    <label for={field.clone()}><code>{ format!("{k} =") }</code></label>
                                    <input id={field} type="text" value={(*edit_value).clone()} oninput={on_input}
                                        aria-label={format!("New value of {k} on {}", inst.id)} />
                                    <button type="submit">{ "Set" }</button>
                                    <button type="button" class="link-button" onclick={cancel}>{ "Cancel" }</button>
                                </form>
                            </li>
                        };
                    }
                    let change = {
                        let (editing, edit_value, key, value) = (editing.clone(), edit_value.clone(), k.clone(), v.clone().unwrap_or_default());
                        Callback::from(move |_: MouseEvent| {
                            edit_value.set(value.clone());
                            editing.set(Some(key.clone()));
                        })
                    };
                    html! {
                        <li class="attr-tag custom">
                            <code>{ &text }</code>
                            <button type="button" class="tag-change link-button" onclick={change}
                                aria-label={format!("Change the value of {k} on {}", inst.id)} title="PutAttributes with a new value">{ "Change" }</button>
                            <button type="button" class="tag-remove" onclick={remove} aria-label={format!("Remove attribute {k} from {}", inst.id)}>{ "✕" }</button>
                        </li>
                    }
                }) }
                if !*adding {
                    <li>
                        <button type="button" class="link-button" onclick={open_form}
                            aria-label={format!("Add an attribute to {}", inst.id)}>{ "+ attribute" }</button>
                    </li>
                }
            </ul>
            if *adding {
                <form class="attr-form" onsubmit={submit}>
                    <input type="text" placeholder="name, e.g. stack" aria-label="Attribute name" value={(*name).clone()} oninput={on_name} />
                    <span aria-hidden="true">{ "=" }</span>
                    <input type="text" placeholder="value, e.g. prod" aria-label="Attribute value" value={(*value).clone()} oninput={on_value} />
                    <button type="submit">{ "Set" }</button>
                    <button type="button" class="link-button" onclick={cancel}>{ "Cancel" }</button>
                </form>
            }
            <details class="builtin-attrs">
                <summary>{ format!("{} built-in attributes", builtin.len()) }</summary>
                <ul class="attr-tags">
                    { for builtin.iter().map(|(k, v)| html! {
                        <li class="attr-tag"><code>{ match v { Some(v) => format!("{k}={v}"), None => k.clone() } }</code></li>
                    }) }
                </ul>
            </details>
        </div>
    }
}
