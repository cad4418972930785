//! The service panel: the selected service (desired, running, pending, deployments, load),
//! UpdateService (desired count; the editor's task definition as a new revision, a rolling
//! deployment), the load model picker (SetLoad), zone failures and Spot interruptions, and a
//! CreateService form (desired count, launch type or capacity provider strategy, placement).

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::browser;
use crate::ui::state::Action;
use crate::ui::time_forms::{self, LaunchChoice, LoadForm, LoadKind, ServiceForm};
use crate::ui::time_view::TimeView;

/// The create form with no task definition registered yet. "Deploy the editor's task
/// definition" only appears once a service exists, so the way in is the Run panel's button,
/// which registers the editor's task definition before it runs anything.
pub const NO_TASK_DEFINITION_HINT: &str = "No task definition is registered yet. Press the Run panel's ▶ button (Run task): it registers the task definition in the editor, then runs it, and its family appears in this list.";

#[derive(Properties, PartialEq)]
pub struct ServicePanelProps {
    pub time: Rc<TimeView>,
    pub zones: Rc<Vec<String>>,
    pub on_action: Callback<Action>,
}

/// A labelled number input that reports parsed values.
pub fn number_field(label: &str, value: f64, min: f64, max: f64, on: Callback<f64>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        if let Ok(v) = browser::event_value(&e).trim().parse::<f64>() {
            if v.is_finite() {
                on.emit(v.clamp(min, max));
            }
        }
    });
    html! {
        <label class="field">
            <span>{ label.to_string() }</span>
            <input type="number" inputmode="decimal" value={crate::ui::time_view::num(value).replace(',', "")}
                min={min.to_string()} max={max.to_string()} {oninput} />
        </label>
    }
}

#[function_component(ServicePanel)]
pub fn service_panel(props: &ServicePanelProps) -> Html {
    let t = &props.time;
    let cb = props.on_action.clone();
    let service = t.selected_service().cloned();
    let desired = use_state(|| None::<u32>);
    // Untouched (None), the load picker shows the service's load as it is.
    let load = use_state(|| None::<LoadForm>);
    let create = use_state(|| None::<ServiceForm>);
    let zone = use_state(String::new);

    let emit = |a: Action| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(a.clone()))
    };
    let on_select = {
        let cb = cb.clone();
        Callback::from(move |e: Event| {
            let name = browser::event_value(&e);
            cb.emit(Action::SelectService(Some(name).filter(|n| !n.is_empty())));
        })
    };

    let service_html = match &service {
        None => html! { <p class="hint">{ "No service yet." }</p> },
        Some(s) => {
            let name = s.name.clone();
            let want = desired.unwrap_or(s.desired);
            let on_desired = {
                let desired = desired.clone();
                Callback::from(move |v: f64| desired.set(Some(v.round() as u32)))
            };
            let update = {
                let (cb, desired, name) = (cb.clone(), desired.clone(), name.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    cb.emit(Action::Send(vec![time_forms::update_desired(&name, want)]));
                    desired.set(None);
                })
            };
            let l = (*load).clone().unwrap_or_else(|| s.load_form.clone());
            let load_kind = {
                let (load, l) = (load.clone(), l.clone());
                Callback::from(move |e: Event| {
                    if let Some(kind) = LoadKind::from_key(&browser::event_value(&e)) {
                        load.set(Some(LoadForm { kind, ..l.clone() }));
                    }
                })
            };
            let set = |f: fn(&mut LoadForm, f64)| {
                let (load, l) = (load.clone(), l.clone());
                Callback::from(move |v: f64| {
                    let mut next = l.clone();
                    f(&mut next, v);
                    load.set(Some(next));
                })
            };
            let fields = match l.kind {
                LoadKind::Constant => html! { <>
                    { number_field("Requests per minute", l.constant, 0.0, 1e7, set(|l, v| l.constant = v)) }
                </> },
                LoadKind::Daily => html! { <>
                    { number_field("Lowest (requests/min)", l.daily_min, 0.0, 1e7, set(|l, v| l.daily_min = v)) }
                    { number_field("Highest (requests/min)", l.daily_max, 0.0, 1e7, set(|l, v| l.daily_max = v)) }
                    { number_field("Peak hour (UTC)", l.peak_hour, 0.0, 23.0, set(|l, v| l.peak_hour = v)) }
                </> },
                LoadKind::Spike => html! { <>
                    { number_field("Base (requests/min)", l.spike_base, 0.0, 1e7, set(|l, v| l.spike_base = v)) }
                    { number_field("Peak (requests/min)", l.spike_peak, 0.0, 1e7, set(|l, v| l.spike_peak = v)) }
                    { number_field("Starts in (min)", l.spike_in_minutes, 0.0, 10_080.0, set(|l, v| { l.spike_in_minutes = v; l.spike_at = None; })) }
                    { number_field("Lasts (min)", l.spike_minutes, 1.0, 10_080.0, set(|l, v| l.spike_minutes = v)) }
                </> },
                LoadKind::PinnedCpu => html! { <>
                    { number_field("Average CPU %", l.cpu, 0.0, 100.0, set(|l, v| l.cpu = v)) }
                </> },
            };
            let capacity_field = if l.kind == LoadKind::PinnedCpu {
                html! {}
            } else {
                number_field(
                    "One task serves (requests/min at 100% CPU)",
                    l.task_capacity,
                    1.0,
                    1e7,
                    set(|l, v| l.task_capacity = v),
                )
            };
            let apply_load = {
                let (cb, name, now) = (cb.clone(), name.clone(), t.now);
                let (form, load) = (l.clone(), load.clone());
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    cb.emit(Action::Send(vec![form.request(&name, now)]));
                    load.set(None); // the picker follows the service's load again
                })
            };
            html! {
                <>
                    <p class="service-counts" aria-label={format!("{}: desired {}, running {}, pending {}", s.name, s.desired, s.running, s.pending)}>
                        <span class="count"><strong>{ s.desired }</strong>{ " desired" }</span>
                        <span class="count"><strong>{ s.running }</strong>{ " running" }</span>
                        <span class="count"><strong>{ s.pending }</strong>{ " pending" }</span>
                    </p>
                    <dl class="facts">
                        <dt>{ "Task definition" }</dt><dd><code>{ &s.task_definition }</code></dd>
                        <dt>{ "Capacity" }</dt><dd>{ &s.launch }</dd>
                        if !s.by_provider.is_empty() {
                            <dt>{ "Tasks by capacity provider" }</dt>
                            <dd>{ provider_counts(&s.by_provider, s.warned) }</dd>
                        }
                        <dt>{ "Deployments" }</dt>
                        <dd><ul class="plain">{ for s.deployments.iter().map(|d| html! { <li>{ d }</li> }) }</ul></dd>
                        <dt>{ "Load" }</dt><dd>{ &s.load }</dd>
                    </dl>
                    <form class="row-form" onsubmit={update}>
                        { number_field("Desired count", f64::from(want), 0.0, 1000.0, on_desired) }
                        <button type="submit">{ "Update service" }</button>
                    </form>
                    <button type="button" class="secondary" onclick={emit(Action::DeployRevision(name.clone()))}
                        title="Registers the editor's task definition as a new revision and updates the service to it">
                        { "Deploy the editor's task definition" }
                    </button>
                    <form class="load-form" onsubmit={apply_load} aria-label="Load model">
                        <h4>{ "Load" }</h4>
                        <label class="field">
                            <span>{ "Load model" }</span>
                            <select onchange={load_kind}>
                                { for LoadKind::ALL.iter().map(|k| html! {
                                    <option value={k.key()} selected={*k == l.kind}>{ k.label() }</option>
                                }) }
                            </select>
                        </label>
                        <div class="fields">{ fields }{ capacity_field }</div>
                        <button type="submit">{ "Set load" }</button>
                    </form>
                    if s.spot_tasks > 0 {
                        <button type="button" class="secondary" onclick={emit(Action::Send(vec![time_forms::interrupt_spot(&name, 1)]))}>
                            { "Interrupt a Spot task" }
                        </button>
                    }
                </>
            }
        }
    };

    // Zones: fail or restore one.
    let zones_html = if t.zones.is_empty() {
        html! {}
    } else {
        let chosen = if t.zones.iter().any(|(z, _)| **zone == *z) {
            (*zone).clone()
        } else {
            t.zones[0].0.clone()
        };
        let failed = t.zones.iter().any(|(z, f)| *z == chosen && *f);
        let on_zone = {
            let zone = zone.clone();
            Callback::from(move |e: Event| zone.set(browser::event_value(&e)))
        };
        html! {
            <div class="zone-control">
                <label class="field">
                    <span>{ "Availability Zone" }</span>
                    <select onchange={on_zone}>
                        { for t.zones.iter().map(|(z, f)| html! {
                            <option value={z.clone()} selected={*z == chosen}>{ if *f { format!("{z} (failed)") } else { z.clone() } }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class={classes!((!failed).then_some("danger"))}
                    onclick={emit(Action::Send(vec![time_forms::zone_request(&chosen, !failed)]))}>
                    { if failed { format!("Restore {chosen}") } else { format!("Fail zone {chosen}") } }
                </button>
            </div>
        }
    };

    // CreateService.
    let create_html = {
        let open = create.is_some();
        let mut form = (*create).clone().unwrap_or_else(|| ServiceForm {
            family: t
                .families
                .first()
                .map(|(f, _)| f.clone())
                .unwrap_or_default(),
            name: next_name(t),
            ..ServiceForm::default()
        });
        if !t.families.iter().any(|(f, _)| *f == form.family) {
            form.family = t
                .families
                .first()
                .map(|(f, _)| f.clone())
                .unwrap_or_default();
        }
        let toggle = {
            let (create, form) = (create.clone(), form.clone());
            Callback::from(move |_: MouseEvent| {
                create.set(if open { None } else { Some(form.clone()) })
            })
        };
        let edit = |f: fn(&mut ServiceForm, String)| {
            let (create, form) = (create.clone(), form.clone());
            Callback::from(move |e: Event| {
                let mut next = form.clone();
                f(&mut next, browser::event_value(&e));
                create.set(Some(next));
            })
        };
        let edit_num = |f: fn(&mut ServiceForm, f64)| {
            let (create, form) = (create.clone(), form.clone());
            Callback::from(move |v: f64| {
                let mut next = form.clone();
                f(&mut next, v);
                create.set(Some(next));
            })
        };
        let on_name = {
            let (create, form) = (create.clone(), form.clone());
            Callback::from(move |e: InputEvent| {
                let mut next = form.clone();
                next.name = browser::event_value(&e);
                create.set(Some(next));
            })
        };
        let on_spread = {
            let (create, form) = (create.clone(), form.clone());
            Callback::from(move |e: Event| {
                let mut next = form.clone();
                next.spread = browser::event_checked(&e);
                create.set(Some(next));
            })
        };
        let submit = {
            let (cb, create, form, zones) = (
                cb.clone(),
                create.clone(),
                form.clone(),
                props.zones.clone(),
            );
            let awsvpc = t.families.iter().any(|(f, a)| *f == form.family && *a);
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                cb.emit(Action::Send(vec![form.request(&zones, awsvpc)]));
                create.set(None);
            })
        };
        let mut launches = vec![
            (LaunchChoice::Ec2, "EC2 launch type".to_string()),
            (LaunchChoice::Fargate, "FARGATE launch type".to_string()),
        ];
        if t.providers.iter().any(|p| p == "FARGATE")
            && t.providers.iter().any(|p| p == "FARGATE_SPOT")
        {
            launches.push((
                LaunchChoice::FargateAndSpot,
                "FARGATE + FARGATE_SPOT (base, weight)".to_string(),
            ));
        }
        for p in t.providers.iter().filter(|p| !p.starts_with("FARGATE")) {
            launches.push((
                LaunchChoice::Provider(p.clone()),
                format!("Capacity provider {p}"),
            ));
        }
        let ec2 = matches!(form.launch, LaunchChoice::Ec2 | LaunchChoice::Provider(_));
        html! {
            <div class="create-service">
                <button type="button" class="secondary" aria-expanded={open.to_string()} onclick={toggle}>
                    { if open { "Cancel" } else { "Create a service…" } }
                </button>
                if open {
                    <form class="create-form" onsubmit={submit} aria-label="Create service">
                        <label class="field"><span>{ "Service name" }</span>
                            <input type="text" value={form.name.clone()} oninput={on_name} required=true /></label>
                        <label class="field"><span>{ "Task definition" }</span>
                            <select onchange={edit(|f, v| f.family = v)}>
                                { for t.families.iter().map(|(f, _)| html! {
                                    <option value={f.clone()} selected={*f == form.family}>{ f }</option>
                                }) }
                            </select></label>
                        { number_field("Desired count", f64::from(form.desired), 0.0, 1000.0, edit_num(|f, v| f.desired = v.round() as u32)) }
                        <label class="field"><span>{ "Capacity" }</span>
                            <select onchange={edit(|f, v| f.launch = LaunchChoice::from_key(&v))}>
                                { for launches.iter().map(|(l, label)| html! {
                                    <option value={l.key()} selected={*l == form.launch}>{ label }</option>
                                }) }
                            </select></label>
                        if form.launch == LaunchChoice::FargateAndSpot {
                            <div class="fields">
                                { number_field("FARGATE base", f64::from(form.base), 0.0, 100_000.0, edit_num(|f, v| f.base = v.round() as u32)) }
                                { number_field("FARGATE weight", f64::from(form.fargate_weight), 0.0, 1000.0, edit_num(|f, v| f.fargate_weight = v.round() as u32)) }
                                { number_field("FARGATE_SPOT weight", f64::from(form.spot_weight), 0.0, 1000.0, edit_num(|f, v| f.spot_weight = v.round() as u32)) }
                            </div>
                        }
                        if ec2 {
                            <label class="check"><input type="checkbox" checked={form.spread} onchange={on_spread} />
                                { " Spread across Availability Zones, then binpack on memory" }</label>
                        }
                        if t.families.is_empty() {
                            <p class="hint">{ NO_TASK_DEFINITION_HINT }</p>
                        }
                        <button type="submit" disabled={t.families.is_empty()}>{ "Create service" }</button>
                    </form>
                }
            </div>
        }
    };

    html! {
        <section class="panel service-panel" aria-labelledby="service-panel-title">
            <h3 id="service-panel-title">{ "Service" }</h3>
            if t.services.len() > 1 {
                <label class="field">
                    <span>{ "Show service" }</span>
                    <select onchange={on_select}>
                        { for t.services.iter().enumerate().map(|(i, s)| html! {
                            <option value={s.name.clone()} selected={t.selected == Some(i)}>{ format!("{} ({})", s.name, s.status) }</option>
                        }) }
                    </select>
                </label>
            } else if let Some(s) = &service {
                <p class="service-name"><code>{ &s.name }</code>{ format!(" · {}", s.status) }</p>
            }
            { service_html }
            { zones_html }
            { create_html }
        </section>
    }
}

/// A service name not taken yet: web, web-2, ...
fn next_name(t: &TimeView) -> String {
    let taken = |n: &str| t.services.iter().any(|s| s.name == n);
    if !taken("web") {
        return "web".into();
    }
    (2..)
        .map(|i| format!("web-{i}"))
        .find(|n| !taken(n))
        .unwrap_or_default()
}

/// "FARGATE 4, FARGATE_SPOT 6; 1 warned of a Spot interruption".
pub fn provider_counts(by_provider: &[(String, usize)], warned: usize) -> String {
    let mut text = by_provider
        .iter()
        .map(|(p, n)| format!("{p} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    if warned > 0 {
        text.push_str(&format!("; {warned} warned of a Spot interruption"));
    }
    text
}
