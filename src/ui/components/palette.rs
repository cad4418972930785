//! The instance-type palette: drag a type into an Availability Zone column to register an
//! instance of it there. Figures come from the engine's catalog.

use yew::prelude::*;

use crate::sim::catalog::{lookup, InstanceType};
use crate::ui::browser;

/// What a new column's "Add instance" offers first.
pub const DEFAULT_TYPE: &str = "m5.large";

/// The types a lesson needs; the "Add instance" lists have them all.
pub const PALETTE: &[&str] = &[
    "t3.micro",
    "t3.medium",
    "m5.large",
    "m5.xlarge",
    "c5.large",
    "r5.large",
    "m6g.large",
    "g4dn.xlarge",
];

#[function_component(Palette)]
pub fn palette() -> Html {
    html! {
        <section class="palette" aria-labelledby="palette-title">
            <h3 id="palette-title">{ "Instance types" }<span class="hint">{ " drag one into a zone" }</span></h3>
            <ul class="palette-items">
                { for PALETTE.iter().filter_map(|name| lookup(name)).map(item) }
            </ul>
        </section>
    }
}

fn item(t: &'static InstanceType) -> Html {
    let ondragstart = Callback::from(move |e: DragEvent| browser::set_drag_text(&e, t.name));
    let memory = if t.memory_gib.fract() == 0.0 {
        format!("{}", t.memory_gib as u32)
    } else {
        format!("{}", t.memory_gib)
    };
    html! {
        <li class="palette-item" draggable="true" {ondragstart}
            title={format!("{}: registers {} CPU units and {} MiB; {} network interfaces", t.name, t.cpu_units(), t.registered_memory_mib(), t.max_enis)}>
            <span class="grip" aria-hidden="true">{ "⠿" }</span>
            <span class="ptype">{ t.name }</span>
            <span class="pspec">{ format!("{} vCPU · {memory} GiB{}", t.vcpu, if t.gpus > 0 { " · GPU" } else { "" }) }</span>
        </li>
    }
}
