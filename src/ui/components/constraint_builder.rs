//! placementConstraints: distinctInstance, and memberOf with a Cluster Query Language
//! expression checked as you type by the engine's own parser, which points at the
//! offending character.

use yew::prelude::*;

use crate::sim::cql;
use crate::ui::browser;
use crate::ui::state::{Action, ConstraintRule, MAX_CONSTRAINTS};

#[derive(Properties, PartialEq)]
pub struct ConstraintBuilderProps {
    pub rules: Vec<ConstraintRule>,
    pub on_action: Callback<Action>,
}

#[function_component(ConstraintBuilder)]
pub fn constraint_builder(props: &ConstraintBuilderProps) -> Html {
    let cb = &props.on_action;
    let has_distinct = props.rules.contains(&ConstraintRule::DistinctInstance);
    let full = props.rules.len() >= MAX_CONSTRAINTS;
    let add_distinct = {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::AddConstraint(ConstraintRule::DistinctInstance))
        })
    };
    let add_member_of = {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| {
            cb.emit(Action::AddConstraint(ConstraintRule::MemberOf {
                expression: "attribute:ecs.instance-type =~ m5.*".into(),
            }))
        })
    };
    html! {
        <fieldset class="builder constraint-builder">
            <legend>{ "Placement constraints" }<span class="hint">{ " hard rules, checked before any strategy" }</span></legend>
            if props.rules.is_empty() {
                <p class="hint">{ "None: every instance with room is a candidate." }</p>
            } else {
                <ul class="rules">
                    { for props.rules.iter().enumerate().map(|(i, rule)| view_rule(i, rule, cb)) }
                </ul>
            }
            <div class="builder-add">
                <button type="button" class="link-button" onclick={add_distinct} disabled={has_distinct || full}>{ "+ distinctInstance" }</button>
                <button type="button" class="link-button" onclick={add_member_of} disabled={full}>{ "+ memberOf" }</button>
            </div>
        </fieldset>
    }
}

fn view_rule(i: usize, rule: &ConstraintRule, cb: &Callback<Action>) -> Html {
    let remove = {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::RemoveConstraint(i)))
    };
    let number = i + 1;
    let remove_button = html! {
        <button type="button" class="icon-button" onclick={remove} aria-label={format!("Remove constraint {number}")}>{ "✕" }</button>
    };
    match rule {
        ConstraintRule::DistinctInstance => html! {
            <li class="rule">
                <code class="rule-type">{ "distinctInstance" }</code>
                <span class="rule-explain-inline">{ "each task of the group on a different instance" }</span>
                { remove_button }
            </li>
        },
        ConstraintRule::MemberOf { expression } => {
            let on_input = {
                let cb = cb.clone();
                Callback::from(move |e: InputEvent| {
                    cb.emit(Action::SetConstraint(
                        i,
                        ConstraintRule::MemberOf {
                            expression: browser::event_value(&e),
                        },
                    ))
                })
            };
            let error = cql::parse(expression).err();
            let error_id = format!("cql-error-{i}");
            html! {
                <li class="rule member-of">
                    <code class="rule-type">{ "memberOf" }</code>
                    <span class="rule-explain-inline">{ "only instances matching" }</span>
                    { remove_button }
                    <input type="text" class={classes!("mono", "cql-input", error.is_some().then_some("invalid"))} value={expression.clone()}
                        spellcheck="false" autocomplete="off" aria-label={format!("Constraint {number}: memberOf expression (Cluster Query Language)")}
                        aria-invalid={error.is_some().to_string()} aria-describedby={error.as_ref().map(|_| error_id.clone())}
                        placeholder="attribute:ecs.instance-type =~ t3.*" oninput={on_input} />
                    if let Some(e) = error {
                        <div class="cql-error" id={error_id}>
                            <pre class="cql-pointer" aria-hidden="true">{ pointed(expression, e.offset) }</pre>
                            <p>{ format!("Column {}: {}", e.column(), e.message) }</p>
                        </div>
                    } else {
                        <p class="cql-ok">{ "✓ valid expression" }</p>
                    }
                </li>
            }
        }
    }
}

/// The expression with the character at `offset` (a character index) marked; past the end
/// a marked space shows where something is missing.
fn pointed(expression: &str, offset: usize) -> Html {
    let before: String = expression.chars().take(offset).collect();
    let at: String = expression
        .chars()
        .nth(offset)
        .map(String::from)
        .unwrap_or_else(|| " ".into());
    let after: String = expression.chars().skip(offset + 1).collect();
    html! { <code>{ before }<mark>{ at }</mark>{ after }</code> }
}
