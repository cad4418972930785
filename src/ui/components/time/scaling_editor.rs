//! The scaling-policy editor: Service Auto Scaling for the selected service. It registers the
//! scalable target (MinCapacity, MaxCapacity) and puts a target tracking policy or a step
//! scaling policy with its two CloudWatch alarms; below, the policies and alarms in force and
//! every scaling activity they caused, each with the engine's explanation ("CPU 82% > target
//! 50% for 3 datapoints: desired 4 -> 7").

use yew::prelude::*;

use super::service_panel::number_field;
use crate::ui::browser;
use crate::ui::state::Action;
use crate::ui::time_forms::{PolicyChoice, ScalingForm, TrackedMetric};
use crate::ui::time_view::ServiceView;

#[derive(Properties, PartialEq)]
pub struct ScalingEditorProps {
    pub service: Option<ServiceView>,
    pub on_action: Callback<Action>,
}

#[function_component(ScalingEditor)]
pub fn scaling_editor(props: &ScalingEditorProps) -> Html {
    // Untouched, the form shows the service's scaling as it is (target, policy, alarms,
    // their names), so saving it unedited changes nothing.
    let edited = use_state(|| None::<ScalingForm>);
    let Some(service) = &props.service else {
        return html! {};
    };
    let f = (*edited)
        .clone()
        .unwrap_or_else(|| service.scaling_form.clone());
    let form = (edited.clone(), f.clone());
    let set = |apply: fn(&mut ScalingForm, f64)| {
        let (edited, f) = form.clone();
        Callback::from(move |v: f64| {
            let mut next = f.clone();
            apply(&mut next, v);
            edited.set(Some(next));
        })
    };
    let on_choice = {
        let (edited, f) = form.clone();
        Callback::from(move |e: Event| {
            let mut next = f.clone();
            next.choice = if browser::event_value(&e) == "step" {
                PolicyChoice::Step
            } else {
                PolicyChoice::TargetTracking
            };
            edited.set(Some(next));
        })
    };
    let on_metric = {
        let (edited, f) = form.clone();
        Callback::from(move |e: Event| {
            let mut next = f.clone();
            next.metric = if browser::event_value(&e) == "memory" {
                TrackedMetric::Memory
            } else {
                TrackedMetric::Cpu
            };
            edited.set(Some(next));
        })
    };
    let submit = {
        let (cb, f, name) = (props.on_action.clone(), f.clone(), service.name.clone());
        let edited = edited.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit(Action::Send(f.requests(&name)));
            edited.set(None);
        })
    };
    let fields = match f.choice {
        PolicyChoice::TargetTracking => html! { <>
            { number_field("Target value (%)", f.target, 1.0, 100.0, set(|f, v| f.target = v)) }
        </> },
        PolicyChoice::Step => html! { <>
            { number_field("High alarm: metric ≥ (%)", f.high, 0.0, 100.0, set(|f, v| f.high = v)) }
            { number_field("Add tasks", f.add_small as f64, 0.0, 1000.0, set(|f, v| f.add_small = v.round() as i64)) }
            { number_field("…or when this far above it", f.big_above, 1.0, 100.0, set(|f, v| f.big_above = v)) }
            { number_field("add tasks", f.add_big as f64, 0.0, 1000.0, set(|f, v| f.add_big = v.round() as i64)) }
            { number_field("Low alarm: metric < (%), 3 min", f.low, 0.0, 100.0, set(|f, v| f.low = v)) }
            { number_field("Remove tasks", f.remove as f64, 0.0, 1000.0, set(|f, v| f.remove = v.round() as i64)) }
            { number_field("Cooldown (s)", f64::from(f.cooldown), 0.0, 3600.0, set(|f, v| f.cooldown = v.round() as u32)) }
        </> },
    };
    let scaling = service.scaling.as_ref();
    html! {
        <section class="panel scaling-editor" aria-labelledby="scaling-title">
            <h3 id="scaling-title">{ "Auto scaling of " }<code>{ &service.name }</code></h3>
            <form class="scaling-form" onsubmit={submit} aria-label="Scaling policy">
                <div class="fields">
                    { number_field("Min tasks", f64::from(f.min), 0.0, 1000.0, set(|f, v| f.min = v.round() as u32)) }
                    { number_field("Max tasks", f64::from(f.max), 1.0, 1000.0, set(|f, v| f.max = v.round() as u32)) }
                    <label class="field"><span>{ "Policy" }</span>
                        <select onchange={on_choice}>
                            <option value="target" selected={f.choice == PolicyChoice::TargetTracking}>{ "Target tracking" }</option>
                            <option value="step" selected={f.choice == PolicyChoice::Step}>{ "Step scaling" }</option>
                        </select></label>
                    <label class="field"><span>{ "Metric" }</span>
                        <select onchange={on_metric}>
                            <option value="cpu" selected={f.metric == TrackedMetric::Cpu}>{ "Average CPU" }</option>
                            <option value="memory" selected={f.metric == TrackedMetric::Memory}>{ "Average memory" }</option>
                        </select></label>
                    { fields }
                </div>
                <button type="submit">{ "Save scaling policy" }</button>
            </form>
            if let Some(sc) = scaling {
                <p class="scaling-range">{ format!("Scalable target: {} to {} tasks.", sc.min, sc.max) }</p>
                <ul class="policies">
                    { for sc.policies.iter().map(|p| html! {
                        <li><strong>{ &p.name }</strong>{ " · " }<span class="tag">{ p.kind }</span><p>{ &p.summary }</p></li>
                    }) }
                    { for sc.alarms.iter().map(|a| html! {
                        <li>
                            <strong>{ &a.name }</strong>{ " " }
                            <span class={classes!("alarm-state", format!("alarm-{}", a.state.to_ascii_lowercase()))}>{ a.state }</span>
                            <p>{ &a.summary }</p>
                        </li>
                    }) }
                </ul>
                <h4>{ "Scaling activities" }<span class="muted">{ " newest first" }</span></h4>
                if sc.activities.is_empty() {
                    <p class="hint">{ "None yet. Play time: each activity appears here with why it happened." }</p>
                } else {
                    <ol class="activities">
                        { for sc.activities.iter().map(|a| html! {
                            <li>
                                <time>{ &a.time }</time>{ " " }<strong>{ &a.description }</strong>
                                if !a.details.is_empty() { <p class="why">{ &a.details }</p> }
                                <p class="cause">{ format!("Cause: {}", a.cause) }</p>
                            </li>
                        }) }
                    </ol>
                }
            } else {
                <p class="hint">{ "No scalable target yet: the desired count changes only when you update the service." }</p>
            }
        </section>
    }
}
