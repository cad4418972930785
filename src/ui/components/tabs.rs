//! Under 800 px the three columns become tabs: Definition, Cluster, Decision.

use yew::prelude::*;

use crate::ui::state::Tab;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub active: Tab,
    pub on_select: Callback<Tab>,
}

pub const TABS: [(Tab, &str, &str); 3] = [
    (Tab::Definition, "Definition", "column-definition"),
    (Tab::Cluster, "Cluster", "column-cluster"),
    (Tab::Decision, "Decision", "column-decision"),
];

#[function_component(Tabs)]
pub fn tabs(props: &TabsProps) -> Html {
    let active = props.active;
    // Arrow keys move between tabs, as the ARIA tabs pattern expects.
    let onkeydown = {
        let cb = props.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = TABS.iter().position(|(t, _, _)| *t == active).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => (i + 1) % TABS.len(),
                "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
                _ => return,
            };
            e.prevent_default();
            cb.emit(TABS[next].0);
        })
    };
    html! {
        <div class="tabs" role="tablist" aria-label="View" {onkeydown}>
            { for TABS.iter().map(|(tab, label, panel)| {
                let selected = *tab == active;
                let cb = props.on_select.clone();
                let tab = *tab;
                html! {
                    <button type="button" role="tab" id={format!("tab-{panel}")} aria-controls={*panel}
                        aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                        onclick={Callback::from(move |_: MouseEvent| cb.emit(tab))}>
                        { *label }
                    </button>
                }
            }) }
        </div>
    }
}
