//! The decision panel: plays the placement trace step by step, and "why not here?".
//! STUB: replaced by the full panel with the same props.

use std::rc::Rc;

use serde_json::Value;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DecisionProps {
    /// The last RunTask response (with `trace`), if any.
    pub response: Option<Rc<Value>>,
    /// Current animation step (see `ui::anim`).
    pub step: usize,
    pub playing: bool,
    /// Speed multiplier: 0.5, 1, 2, 4.
    pub speed: f64,
    pub on_step: Callback<usize>,
    pub on_play: Callback<bool>,
    pub on_speed: Callback<f64>,
    /// The instance whose every check is listed ("why not here?"), if one is selected.
    pub selected_instance: Option<String>,
    pub on_select_instance: Callback<Option<String>>,
}

#[function_component(Decision)]
pub fn decision(props: &DecisionProps) -> Html {
    let _ = props;
    html! { <section class="decision" aria-label="Decision"></section> }
}
