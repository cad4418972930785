//! "Why not here?": every check of one instance for the current task, passed and failed,
//! with the numbers, then each strategy's view of it and the outcome. The engine runs every
//! check on every instance, so nothing here is guessed.
//!
//! Tables have few columns and stack into labelled rows on a narrow screen (decision.css),
//! so they stay readable at 390 px.

use yew::prelude::*;

use crate::ui::anim::{amount, CheckView, ConstraintView, InstanceEval, StepPosition, TaskTrace};

pub struct WhyNotInput<'a> {
    pub trace: Option<&'a TaskTrace>,
    pub at: Option<StepPosition>,
    pub instance: &'a str,
    pub on_close: Callback<MouseEvent>,
    /// Focus lands on the heading when the section opens.
    pub heading: NodeRef,
}

pub fn why_not(input: WhyNotInput) -> Html {
    let WhyNotInput {
        trace,
        at,
        instance,
        on_close,
        heading,
    } = input;
    let task = at
        .map(|a| format!(" (task {} of {})", a.task + 1, a.tasks))
        .unwrap_or_default();
    let chosen = trace.and_then(|t| t.chosen.as_deref()) == Some(instance);
    let question = if chosen { "Why here?" } else { "Why not here?" };
    let body = match trace.and_then(|t| t.instance(instance).map(|i| (t, i))) {
        Some((trace, inst)) => details(trace, inst),
        None if trace.is_some() => html! {
            <p>{ format!("{instance} was not part of this decision: it was registered after it, or it is not in the cluster.") }</p>
        },
        None => html! { <p>{ "There is no decision to explain yet: run a task first." }</p> },
    };
    html! {
        <section id="decision-why-not" class="decision-why-not" aria-labelledby="decision-why-not-title">
            <div class="decision-why-not-head">
                <h3 id="decision-why-not-title" tabindex="-1" ref={heading}>{ format!("{question} {instance}{task}") }</h3>
                <button type="button" class="decision-close" onclick={on_close} aria-label={format!("Close {question} {instance}")}>
                    <span aria-hidden="true">{ "✕ " }</span>{ "Close" }
                </button>
            </div>
            { body }
        </section>
    }
}

fn details(trace: &TaskTrace, inst: &InstanceEval) -> Html {
    html! {
        <>
            <p class="decision-why-not-outcome">{ outcome(trace, inst) }</p>
            { checks_table(&inst.checks) }
            { constraints_table(&inst.constraints) }
            { strategies_table(trace, inst) }
        </>
    }
}

/// One sentence: what happened to this instance in this task's decision.
fn outcome(trace: &TaskTrace, inst: &InstanceEval) -> String {
    let id = &inst.id;
    if trace.chosen.as_deref() == Some(id.as_str()) {
        return format!(
            "{id} passed every check and the strategies chose it: the task was placed here."
        );
    }
    let closest = trace.failure.as_ref().and_then(|f| f.instance.as_deref()) == Some(id.as_str());
    let closest_note = if closest {
        " ECS named it the closest matching instance."
    } else {
        ""
    };
    if !inst.passed_resources {
        return format!(
            "{id} was ruled out at the resource checks: {}.{closest_note}",
            inst.resource_words()
        );
    }
    if !inst.passed_constraints {
        return format!(
            "{id} was ruled out by a placement constraint: {}.{closest_note}",
            inst.constraint_words()
        );
    }
    if let Some(s) = trace
        .strategies
        .iter()
        .find(|s| s.score_of(id).is_some() && !s.survivors.contains(id))
    {
        return format!(
            "{id} met every requirement, but {} preferred other instances: {}.",
            s.label(),
            s.loss_note(id, &trace.group)
        );
    }
    if trace.tie_break.contains(id) {
        return format!("{id} met every requirement and was tied with others; the random tie-break picked another.");
    }
    format!("{id} met every requirement, but the task went elsewhere.")
}

/// "✓ passes" / "✗ fails": the symbol is hidden from screen readers, the word is read.
fn verdict(ok: bool) -> Html {
    let (symbol, word, class) = if ok {
        ("✓", "passes", "ok")
    } else {
        ("✗", "fails", "fail")
    };
    html! {
        <span class={format!("decision-verdict-mark decision-verdict-mark--{class}")}>
            <span aria-hidden="true">{ symbol }</span>{ " " }{ word }
        </span>
    }
}

fn quantity(check: &CheckView, n: Option<i64>, needed: bool) -> String {
    match n {
        // Status is yes or no: the task needs an ACTIVE instance with its agent connected.
        _ if check.name == "status" && needed => "ACTIVE".into(),
        Some(n) if check.name == "status" => if n > 0 { "yes" } else { "no" }.into(),
        _ if check.unit.is_empty() => "—".into(),
        // Static host ports: how many of the ports the task names are free here.
        Some(n) if check.name == "ports" && !needed => match check.requested {
            Some(all) if n >= all => "all".into(),
            Some(all) => format!("{n} of {all}"),
            None => amount(n, &check.unit),
        },
        Some(n) => amount(n, &check.unit),
        None => "—".into(),
    }
}

fn checks_table(checks: &[CheckView]) -> Html {
    if checks.is_empty() {
        return html! { <p>{ "The trace has no resource checks for this instance." }</p> };
    }
    html! {
        <table class="decision-table">
            <caption>{ "Resource checks (step 1)" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Check" }</th>
                    <th scope="col">{ "Needs" }</th>
                    <th scope="col">{ "Free" }</th>
                    <th scope="col">{ "Result" }</th>
                </tr>
            </thead>
            <tbody>
                { for checks.iter().map(|c| html! {
                    <tr class={if c.ok { "decision-row--ok" } else { "decision-row--fail" }}>
                        <th scope="row" data-label="Check">{ &c.name }</th>
                        <td data-label="Needs">{ quantity(c, c.requested, true) }</td>
                        <td data-label="Free">{ quantity(c, c.available, false) }</td>
                        <td data-label="Result">
                            { verdict(c.ok) }
                            // An amount's sentence only repeats the two columns before it.
                            if !c.message.is_empty() && !c.is_amount() {
                                <span class="decision-message">{ &c.message }</span>
                            }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn constraints_table(constraints: &[ConstraintView]) -> Html {
    if constraints.is_empty() {
        return html! { <p class="decision-none">{ "Placement constraints (step 2): none were given." }</p> };
    }
    html! {
        <table class="decision-table">
            <caption>{ "Placement constraints (step 2)" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Constraint" }</th>
                    <th scope="col">{ "Expression" }</th>
                    <th scope="col">{ "Result" }</th>
                </tr>
            </thead>
            <tbody>
                { for constraints.iter().map(|c| html! {
                    <tr class={if c.ok { "decision-row--ok" } else { "decision-row--fail" }}>
                        <th scope="row" data-label="Constraint">
                            { &c.kind }
                            if !c.source.is_empty() {
                                <span class="decision-source">{ format!("from the {}", source_words(&c.source)) }</span>
                            }
                        </th>
                        <td data-label="Expression"><code>{ c.expression.as_deref().unwrap_or("—") }</code></td>
                        <td data-label="Result">
                            { verdict(c.ok) }
                            if !c.message.is_empty() {
                                <span class="decision-message">{ &c.message }</span>
                            }
                        </td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn source_words(source: &str) -> &str {
    match source {
        "taskDefinition" => "task definition",
        // RunTask or the service (CreateService / UpdateService).
        "request" => "request",
        other => other,
    }
}

/// Each strategy's view of this instance, then the tie-break and the outcome.
fn strategies_table(trace: &TaskTrace, inst: &InstanceEval) -> Html {
    let id = inst.id.as_str();
    let mut rows: Vec<Html> = Vec::new();
    let mut out_before = inst.first_problem().is_some();
    for s in &trace.strategies {
        let (view, result) = match s.score_of(id) {
            None if out_before => (
                "—".to_string(),
                html! { { "not compared: ruled out before" } },
            ),
            None => ("—".to_string(), html! { { "not compared" } }),
            Some(_) => {
                let kept = s.survivors.iter().any(|x| x == id);
                let view = s.view_of(id, &trace.group).unwrap_or_else(|| "—".into());
                // The view has its own column; the result says only what it adds.
                let words = match (kept, view.as_str()) {
                    (false, _) => s.loss_note(id, &trace.group),
                    (true, "—") => s.survivor_note(id, &trace.group),
                    (true, _) => String::new(),
                };
                out_before |= !kept;
                (
                    view,
                    html! { <>{ verdict_kept(kept) }if !words.is_empty() { <span class="decision-message">{ words }</span> }</> },
                )
            }
        };
        rows.push(html! {
            <tr>
                <th scope="row" data-label="Strategy">{ s.label() }</th>
                <td data-label="Its view">{ view }</td>
                <td data-label="Result">{ result }</td>
            </tr>
        });
    }
    if trace.tie_break.len() > 1 && trace.tie_break.iter().any(|x| x == id) {
        let won = trace.chosen.as_deref() == Some(id);
        rows.push(html! {
            <tr>
                <th scope="row" data-label="Strategy">{ "tie-break" }</th>
                <td data-label="Its view">{ format!("tied with {} others", trace.tie_break.len() - 1) }</td>
                <td data-label="Result">{ verdict_kept(won) }<span class="decision-message">{ if won { "picked at random (seeded)" } else { "not picked" } }</span></td>
            </tr>
        });
    }
    let chosen = trace.chosen.as_deref() == Some(id);
    html! {
        <table class="decision-table">
            <caption>{ "Placement strategies (step 3) and the choice" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Strategy" }</th>
                    <th scope="col">{ "Its view" }</th>
                    <th scope="col">{ "Result" }</th>
                </tr>
            </thead>
            <tbody>
                if rows.is_empty() {
                    <tr><td colspan="3" data-label="Strategies">{ "No strategy ran: no instance passed steps 1 and 2." }</td></tr>
                }
                { for rows }
                <tr class="decision-row--outcome">
                    <th scope="row" data-label="Strategy">{ "outcome" }</th>
                    <td data-label="Its view">{ "—" }</td>
                    <td data-label="Result">
                        <span class={if chosen { "decision-verdict-mark decision-verdict-mark--ok" } else { "decision-verdict-mark" }}>
                            <span aria-hidden="true">{ if chosen { "★ " } else { "– " } }</span>
                            { if chosen { "chosen: the task goes here" } else { "not chosen" } }
                        </span>
                    </td>
                </tr>
            </tbody>
        </table>
    }
}

fn verdict_kept(kept: bool) -> Html {
    let (symbol, word, class) = if kept {
        ("✓", "kept", "ok")
    } else {
        ("✗", "dropped", "fail")
    };
    html! {
        <span class={format!("decision-verdict-mark decision-verdict-mark--{class}")}>
            <span aria-hidden="true">{ symbol }</span>{ " " }{ word }
        </span>
    }
}
