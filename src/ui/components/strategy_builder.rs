//! The placementStrategy chain: up to five rules, applied in order; each narrows the
//! instances the previous one left. Reorder with the arrows, remove with ✕.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::state::{Action, StrategyKind, StrategyRule, MAX_STRATEGIES};

/// The spread fields every cluster has.
const SPREAD_FIELDS: &[(&str, &str)] = &[
    ("attribute:ecs.availability-zone", "Availability Zone"),
    ("instanceId", "instance (instanceId)"),
    ("host", "host (same as instanceId)"),
    ("attribute:ecs.instance-type", "instance type"),
];
/// The select's value for "an attribute I type".
const OTHER: &str = "other";

#[derive(Properties, PartialEq)]
pub struct StrategyBuilderProps {
    pub rules: Vec<StrategyRule>,
    /// Custom attribute names in the cluster, offered as spread fields.
    pub custom_attributes: Rc<Vec<String>>,
    pub on_action: Callback<Action>,
}

#[function_component(StrategyBuilder)]
pub fn strategy_builder(props: &StrategyBuilderProps) -> Html {
    let add = {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::AddStrategy))
    };
    let n = props.rules.len();
    html! {
        <fieldset class="builder strategy-builder">
            <legend>{ "Placement strategy" }<span class="hint">{ format!(" applied in order · {n} of {MAX_STRATEGIES}") }</span></legend>
            if props.rules.is_empty() {
                <p class="hint">{ "No strategy: ECS places standalone tasks at random (the default)." }</p>
            } else {
                <ol class="rules">
                    { for props.rules.iter().enumerate().map(|(i, rule)| view_rule(i, n, rule, props)) }
                </ol>
            }
            <button type="button" class="link-button" onclick={add} disabled={n >= MAX_STRATEGIES}>{ "+ Add strategy" }</button>
        </fieldset>
    }
}

fn view_rule(i: usize, n: usize, rule: &StrategyRule, props: &StrategyBuilderProps) -> Html {
    let cb = &props.on_action;
    let number = i + 1;
    let on_kind = {
        let cb = cb.clone();
        Callback::from(move |e: Event| {
            let kind = match browser::event_value(&e).as_str() {
                "binpack" => StrategyKind::Binpack,
                "spread" => StrategyKind::Spread,
                _ => StrategyKind::Random,
            };
            cb.emit(Action::SetStrategy(i, StrategyRule::of_kind(kind)))
        })
    };
    let on_field = {
        let (cb, kind) = (cb.clone(), rule.kind);
        Callback::from(move |e: Event| {
            let value = browser::event_value(&e);
            let field = if value == OTHER {
                "attribute:".to_string()
            } else {
                value
            };
            cb.emit(Action::SetStrategy(i, StrategyRule { kind, field }))
        })
    };
    let on_custom = {
        let cb = cb.clone();
        Callback::from(move |e: InputEvent| {
            let name = browser::event_value(&e);
            cb.emit(Action::SetStrategy(
                i,
                StrategyRule::spread(&format!("attribute:{}", name.trim())),
            ))
        })
    };
    let mover = |up: bool| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::MoveStrategy { index: i, up }))
    };
    let remove = {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::RemoveStrategy(i)))
    };
    // The spread fields on offer: the usual ones, the cluster's custom attributes, "other".
    let mut spread_fields: Vec<(String, String)> = SPREAD_FIELDS
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect();
    for name in props.custom_attributes.iter() {
        spread_fields.push((format!("attribute:{name}"), format!("attribute {name}")));
    }
    let known = spread_fields.iter().any(|(v, _)| *v == rule.field);
    let kind_value = match rule.kind {
        StrategyKind::Binpack => "binpack",
        StrategyKind::Spread => "spread",
        StrategyKind::Random => "random",
    };
    let custom_name = rule
        .field
        .strip_prefix("attribute:")
        .unwrap_or("")
        .to_string();
    html! {
        <li class="rule">
            <span class="rule-number" aria-hidden="true">{ number }</span>
            <select aria-label={format!("Strategy {number} type")} onchange={on_kind}>
                { for ["binpack", "spread", "random"].iter().map(|k| html! {
                    <option value={*k} selected={*k == kind_value}>{ *k }</option>
                }) }
            </select>
            { match rule.kind {
                StrategyKind::Binpack => html! {
                    <select aria-label={format!("Strategy {number} field")} onchange={on_field}>
                        <option value="memory" selected={rule.field == "memory"}>{ "memory" }</option>
                        <option value="cpu" selected={rule.field == "cpu"}>{ "cpu" }</option>
                    </select>
                },
                StrategyKind::Spread => html! {
                    <>
                        <select aria-label={format!("Strategy {number} field")} onchange={on_field}>
                            { for spread_fields.iter().map(|(v, l)| html! {
                                <option value={v.clone()} selected={*v == rule.field}>{ l }</option>
                            }) }
                            <option value={OTHER} selected={!known}>{ "other attribute…" }</option>
                        </select>
                        if !known {
                            <input type="text" class="mono" placeholder="attribute name" value={custom_name.clone()}
                                aria-label={format!("Strategy {number} attribute name")} oninput={on_custom}
                                aria-invalid={custom_name.is_empty().to_string()} />
                        }
                    </>
                },
                StrategyKind::Random => html! { <span class="hint">{ "any instance" }</span> },
            } }
            <span class="rule-buttons">
                <button type="button" class="icon-button" onclick={mover(true)} disabled={i == 0}
                    aria-label={format!("Move strategy {number} up")}>{ "↑" }</button>
                <button type="button" class="icon-button" onclick={mover(false)} disabled={i + 1 >= n}
                    aria-label={format!("Move strategy {number} down")}>{ "↓" }</button>
                <button type="button" class="icon-button" onclick={remove}
                    aria-label={format!("Remove strategy {number}")}>{ "✕" }</button>
            </span>
            <p class="rule-explain">{ explain(rule) }</p>
        </li>
    }
}

/// One line of what the rule does, for students.
fn explain(rule: &StrategyRule) -> String {
    match rule.kind {
        StrategyKind::Binpack => format!(
            "fewest {} left after placing: fill an instance before using another",
            if rule.field == "cpu" {
                "CPU units"
            } else {
                "MiB"
            }
        ),
        StrategyKind::Spread if rule.field == "attribute:ecs.availability-zone" => {
            "the zone with fewest tasks of the group".into()
        }
        StrategyKind::Spread if rule.field == "instanceId" || rule.field == "host" => {
            "the instance with fewest tasks of the group".into()
        }
        StrategyKind::Spread => {
            format!("the value of {} with fewest tasks of the group", rule.field)
        }
        StrategyKind::Random => {
            "any of the remaining instances, at random (seeded, so it replays)".into()
        }
    }
}
