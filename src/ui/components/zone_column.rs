//! One Availability Zone column: its instances, a drop target for the palette, and an
//! "Add instance" control for keyboard users (drag and drop is not the only way).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use yew::prelude::*;

use super::cluster_model::ZoneModel;
use super::format::plural;
use super::instance_card::{task_chip, InstanceCard};
use super::palette::DEFAULT_TYPE;
use crate::sim::catalog::INSTANCE_TYPES;
use crate::ui::anim::Mark;
use crate::ui::browser;
use crate::ui::state::Action;

#[derive(Properties, PartialEq)]
pub struct ZoneColumnProps {
    pub zone: ZoneModel,
    /// The animation's note for this zone (spread counts), if any.
    pub note: Option<AttrValue>,
    pub marks: Rc<BTreeMap<String, Mark>>,
    pub arriving: Option<AttrValue>,
    pub pending: Rc<BTreeSet<String>>,
    pub selected: Option<AttrValue>,
    pub can_remove: bool,
    pub on_action: Callback<Action>,
}

#[function_component(ZoneColumn)]
pub fn zone_column(props: &ZoneColumnProps) -> Html {
    let chosen_type = use_state(|| DEFAULT_TYPE.to_string());
    let drag_over = use_state(|| false);
    let zone = props.zone.name.clone();

    let on_type = {
        let chosen_type = chosen_type.clone();
        Callback::from(move |e: Event| chosen_type.set(browser::event_value(&e)))
    };
    let add = {
        let (cb, zone, chosen_type) = (props.on_action.clone(), zone.clone(), chosen_type.clone());
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::AddInstance {
                zone: zone.clone(),
                instance_type: (*chosen_type).clone(),
            })
        })
    };
    let ondragover = {
        let drag_over = drag_over.clone();
        Callback::from(move |e: DragEvent| {
            // Accepting the drop needs preventDefault on every dragover.
            e.prevent_default();
            if !*drag_over {
                drag_over.set(true);
            }
        })
    };
    let ondragleave = {
        let drag_over = drag_over.clone();
        Callback::from(move |_: DragEvent| drag_over.set(false))
    };
    let ondrop = {
        let (cb, zone, drag_over) = (props.on_action.clone(), zone.clone(), drag_over.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            drag_over.set(false);
            if let Some(instance_type) = browser::drag_text(&e) {
                cb.emit(Action::AddInstance {
                    zone: zone.clone(),
                    instance_type,
                });
            }
        })
    };
    let remove_zone = {
        let (cb, zone) = (props.on_action.clone(), zone.clone());
        Callback::from(move |_: MouseEvent| cb.emit(Action::RemoveZone(zone.clone())))
    };
    let count = props.zone.instances.len();
    let heading_id = format!("zone-{zone}");
    html! {
        <section class={classes!("zone", (*drag_over).then_some("drag-over"), props.zone.failed.then_some("zone-failed"))} aria-labelledby={heading_id.clone()}
            data-zone={zone.clone()}
            {ondragover} {ondragleave} {ondrop}>
            <header class="zone-head">
                <h3 id={heading_id}>{ &zone }</h3>
                if props.zone.failed {
                    <span class="zone-failed-tag">{ "✕ zone failed" }</span>
                }
                <span class="zone-count">{ format!("{count} instance{}", if count == 1 { "" } else { "s" }) }</span>
                if props.can_remove && count == 0 && props.zone.fargate.is_empty() {
                    <button type="button" class="icon-button" onclick={remove_zone}
                        aria-label={format!("Remove Availability Zone {zone}")} title="Remove this empty zone">{ "✕" }</button>
                }
            </header>
            if let Some(note) = &props.note {
                <p class="zone-note">{ note.clone() }</p>
            }
            <div class="zone-instances">
                // The cards are a list of their own (a fragment): siblings after them (the
                // drop hint, the Fargate lane) would make the element's children an unkeyed
                // list, diffed by position from the end, and a new card would re-create every
                // card before it.
                <>{ for props.zone.instances.iter().map(|inst| {
                    let mark = props.marks.get(&inst.id).cloned().unwrap_or(Mark::Idle);
                    // Only the chosen card hears of the arriving task: the others keep equal
                    // props and are not rendered again.
                    let arriving = (mark == Mark::Chosen).then(|| props.arriving.clone()).flatten();
                    let pending: Vec<String> = inst.tasks.iter()
                        .filter(|t| props.pending.contains(&t.task_arn))
                        .map(|t| t.task_arn.clone())
                        .collect();
                    html! {
                    <InstanceCard key={inst.id.clone()} instance={inst.clone()} {mark} {arriving} {pending}
                        selected={props.selected.as_deref() == Some(inst.id.as_str())}
                        on_action={props.on_action.clone()} />
                    }
                }) }</>
                if count == 0 {
                    <p class="drop-hint">{ "Drop an instance type here, or add one below." }</p>
                }
                if !props.zone.fargate.is_empty() {
                    <div class="fargate-lane">
                        <h4>{ "Fargate" }<span class="hint">{ format!(" {} · capacity AWS runs, no instance of yours", plural(props.zone.fargate.len(), "task", "tasks")) }</span></h4>
                        <ul class="chips" aria-label={format!("Fargate tasks in {zone}")}>
                            // No placement decision on Fargate, so never arriving or pending.
                            { for props.zone.fargate.iter().map(|t| task_chip(t, None, &props.on_action)) }
                        </ul>
                    </div>
                }
            </div>
            <div class="add-instance">
                // The closed select shows only the type's name (a narrow column cut "8 GiB"
                // to "8 Gil"); its size is written under it, whole.
                <label>
                    <span class="visually-hidden">{ format!("Instance type for {zone}") }</span>
                    <select onchange={on_type} aria-describedby={format!("type-size-{zone}")}>
                        { for INSTANCE_TYPES.iter().map(|t| html! {
                            <option value={t.name} selected={*chosen_type == t.name}>{ t.name }</option>
                        }) }
                    </select>
                </label>
                <span class="type-size hint" id={format!("type-size-{zone}")}>
                    { INSTANCE_TYPES.iter().find(|t| t.name == chosen_type.as_str())
                        .map(|t| format!("{} vCPU · {} GiB", t.vcpu, t.memory_gib))
                        .unwrap_or_default() }
                </span>
                <button type="button" onclick={add}>{ "Add instance" }</button>
            </div>
        </section>
    }
}
