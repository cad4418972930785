//! The cluster: one column per Availability Zone, painted by the decision animation, with
//! the palette to add instances and the "+ AZ" button.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use yew::prelude::*;

use super::cluster_model::ClusterModel;
use super::palette::Palette;
use super::zone_column::ZoneColumn;
use crate::ui::anim::Mark;
use crate::ui::state::{Action, ZONE_LETTERS};

#[derive(Properties, PartialEq)]
pub struct ClusterViewProps {
    pub cluster: Rc<ClusterModel>,
    pub marks: Rc<BTreeMap<String, Mark>>,
    pub zone_notes: Rc<BTreeMap<String, String>>,
    /// The task whose chip flies into the chosen card at this step.
    pub arriving: Option<AttrValue>,
    /// Tasks the decision's story has not placed yet at this step.
    pub pending: Rc<BTreeSet<String>>,
    pub selected: Option<AttrValue>,
    pub on_action: Callback<Action>,
}

#[function_component(ClusterView)]
pub fn cluster_view(props: &ClusterViewProps) -> Html {
    let add_zone = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::AddZone))
    };
    let zones = &props.cluster.zones;
    let instances: usize = zones.iter().map(|z| z.instances.len()).sum();
    html! {
        <section class="panel cluster" aria-labelledby="cluster-title">
            <div class="panel-head">
                <h2 id="cluster-title">{ "Cluster " }<code>{ "default" }</code>
                    <span class="hint">{ format!(" {} in {} zone{}", if instances == 1 { "1 instance".to_string() } else { format!("{instances} instances") }, zones.len(), if zones.len() == 1 { "" } else { "s" }) }</span>
                </h2>
                <button type="button" onclick={add_zone} disabled={zones.len() >= ZONE_LETTERS.len()}
                    title="Add an Availability Zone column">{ "+ AZ" }</button>
            </div>
            <div class="zones">
                { for zones.iter().map(|z| html! {
                    <ZoneColumn key={z.name.clone()} zone={z.clone()}
                        note={props.zone_notes.get(&z.name).map(|n| AttrValue::from(n.clone()))}
                        marks={props.marks.clone()} arriving={props.arriving.clone()} pending={props.pending.clone()} selected={props.selected.clone()}
                        can_remove={zones.len() > 1} on_action={props.on_action.clone()} />
                }) }
            </div>
            <Palette />
        </section>
    }
}
