//! The page shell: one reducer holds the state (see `state.rs`); this file lays out the
//! header, the three columns (tabs under 800 px) and wires the browser effects: saving,
//! share links, import/export, keyboard shortcuts.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::anim;
use crate::ui::browser;
use crate::ui::components::cluster_view::ClusterView;
use crate::ui::components::decision::Decision;
use crate::ui::components::editor::Editor;
use crate::ui::components::event_log::EventLog;
use crate::ui::components::header::Header;
use crate::ui::components::lesson::LessonCard;
use crate::ui::components::load_balancer::LoadBalancer;
use crate::ui::components::notice::NoticeBar;
use crate::ui::components::quick_run::QuickRun;
use crate::ui::components::run_panel::{RunPanel, RunPreview};
use crate::ui::components::tabs::Tabs;
use crate::ui::components::time::TimeSection;
use crate::ui::run_form::request_outline;
use crate::ui::state::{
    active_services, run_request_for, Action, DecisionKey, Notice, NoticeKind, State, Tab,
};
use crate::ui::{scenarios, share};

/// The file Export writes (an `ecs-sim` scenario).
pub const EXPORT_FILE_NAME: &str = "ecs-playground-scenario.json";

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::start(browser::startup()));
    // One callback for the page's whole life: a new one each render would make every
    // child's props differ and re-render the whole tree on each animation step.
    let on_action: Callback<Action> = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a| dispatcher.dispatch(a)))).clone()
    };
    use_browser_effects(&state, &on_action);

    let emit = |action: Action| {
        let cb = on_action.clone();
        Callback::from(move |_| cb.emit(action.clone()))
    };
    let on_share = {
        let (cb, state) = (on_action.clone(), state.clone());
        Callback::from(move |_| share_link(&state.doc, &state.run, &cb))
    };
    let on_export = {
        let (cb, state) = (on_action.clone(), state.clone());
        Callback::from(move |_| {
            match browser::download(EXPORT_FILE_NAME, &state.export_text()) {
                Ok(()) => cb.emit(Action::Notify(Notice::success(format!(
                    "Downloaded {EXPORT_FILE_NAME}. Import it here later, or run it with: ecs-sim run {EXPORT_FILE_NAME}"
                )))),
                Err(why) => cb.emit(Action::Notify(Notice::error(format!("Export failed: {why}.")))),
            }
        })
    };
    let on_import = {
        let cb = on_action.clone();
        Callback::from(move |e: Event| {
            let cb = cb.clone();
            browser::read_chosen_file(
                &e,
                Callback::from(
                    move |(file_name, result): (String, Result<String, String>)| match result {
                        Ok(text) => cb.emit(Action::Import { file_name, text }),
                        Err(why) => cb.emit(Action::Notify(Notice::error(format!(
                        "{file_name} could not be read ({why}). Your current work is unchanged."
                    )))),
                    },
                ),
            )
        })
    };

    let s = &*state;
    // The trace is read once per response, not once per step.
    let story = use_memo(s.derived.decision.clone(), |r| {
        r.as_deref().map(anim::Story::read).unwrap_or_default()
    });
    let phase = s
        .derived
        .decision
        .as_ref()
        .map(|_| story.view_at(s.step))
        .unwrap_or_default();
    let marks: Rc<BTreeMap<String, anim::Mark>> = Rc::new(phase.marks);
    let zone_notes = Rc::new(phase.zone_notes);
    let arriving = phase.arriving.map(AttrValue::from);
    use_bring_into_view(s.runs, arriving.clone().filter(|_| !s.playing));
    let pending = Rc::new(phase.pending);
    // Predict first, before the decision's last step: nothing on the page may tell the
    // outcome (ghost tasks are hidden by the `predicting` class, the last event and the
    // status line wait).
    let predicting =
        s.predict && s.derived.decision.is_some() && s.step < story.phase_count().saturating_sub(1);
    // The playing clock's AdvanceTime is not news for the live region (it changes every frame).
    let narration = if predicting {
        "The decision waits for your prediction: click the card where the task will go, then step through it (→).".to_string()
    } else {
        s.derived
            .log
            .iter()
            .rev()
            .find(|e| e.operation != "AdvanceTime")
            .map(|e| e.narration.clone())
            .unwrap_or_else(|| "Ready.".into())
    };
    // Predicting, the newest entry (the run's result) waits for the decision's end.
    let log = use_memo((s.derived.log.clone(), predicting), |(log, predicting)| {
        if *predicting {
            Rc::new(log[..log.len().saturating_sub(1)].to_vec())
        } else {
            log.clone()
        }
    });
    // Memoised: the decision's playback re-renders the page several times a second.
    let preview = use_memo(
        (
            s.doc.task_definition_text.clone(),
            s.run.clone(),
            s.doc.availability_zones.clone(),
            active_services(&s.derived.time),
        ),
        |(text, run, zones, services)| {
            run_request_for(text, run, zones, services)
                .map(|v| RunPreview {
                    operation: AttrValue::from(
                        v.as_object()
                            .and_then(|o| o.keys().next().cloned())
                            .unwrap_or_default(),
                    ),
                    outline: AttrValue::from(request_outline(&v)),
                    json: AttrValue::from(serde_json::to_string_pretty(&v).unwrap_or_default()),
                })
                .map_err(|e| AttrValue::from(format!("No request yet: {e}.")))
        },
    );
    let custom_attributes = use_memo(s.derived.cluster.clone(), |c| c.custom_attributes.clone());
    let tab_class = match s.tab {
        Tab::Definition => "show-definition",
        Tab::Cluster => "show-cluster",
        Tab::Decision => "show-decision",
    };
    let on_text = {
        let cb = on_action.clone();
        (*use_memo((), move |_| {
            Callback::from(move |text: String| cb.emit(Action::EditTaskDefinition(text)))
        }))
        .clone()
    };
    let selected = s.selected_instance.clone().map(AttrValue::from);
    // Read again only when the text or the requests change (not on animation steps).
    let registration = {
        let state = state.clone();
        use_memo(
            (
                s.doc.task_definition_text.clone(),
                Rc::as_ptr(&s.derived) as usize,
            ),
            move |_| state.registration_note(),
        )
    };
    // Once time is in play (the clock moved, scaling, capacity providers, load...) the time
    // section leads the page; before that it waits under the placement columns (compact
    // until a service exists), so a service made from the Run panel keeps the page still.
    let time_used = time_leads(&s.doc.requests);
    let time_section = html! {
        <TimeSection time={s.derived.time.clone()} playing={s.clock_playing} speed={s.clock_speed}
            presentation={s.presentation}
            zones={Rc::new(s.doc.availability_zones.clone())}
            lesson={s.lesson.clone().filter(|l| scenarios::is_time_lesson(&l.name))}
            lesson_hidden={s.lesson_hidden} on_action={on_action.clone()} />
    };

    html! {
        <div class={classes!("app", tab_class, s.embed.then_some("embed"), s.presentation.then_some("presentation"), predicting.then_some("predicting"))}>
            <a class="skip-link" href="#column-cluster">{ "Skip to the cluster" }</a>
            // Run to Step was about 30 Tab presses: the decision's player is one link away
            // (and its keys work from anywhere).
            <a class="skip-link" href="#column-decision">{ "Skip to the decision" }</a>
            if s.embed {
                <div class="embed-bar">
                    <h1>{ "ECS Playground" }</h1>
                    <a href={embed_full_link(s)} target="_blank" rel="noopener">{ "Open the full playground ↗" }</a>
                </div>
            } else {
                <Header
                    scenario={s.lesson.as_ref().map(|l| AttrValue::from(l.name.clone()))}
                    can_undo={s.can_undo()} can_redo={s.can_redo()} presentation={s.presentation}
                    on_scenario={on_action.reform(Action::OpenScenario)}
                    on_undo={emit(Action::Undo)} on_redo={emit(Action::Redo)}
                    on_share={on_share} on_import={on_import} on_export={on_export}
                    on_presentation={on_action.reform(Action::SetPresentation)}
                    tried_lessons={Some(Rc::new(s.tried_lessons.clone()))} />
            }
            <NoticeBar notice={s.notice.clone()} on_dismiss={emit(Action::DismissNotice)} />
            if time_used { { time_section.clone() } }
            <Tabs active={s.tab} on_select={on_action.reform(Action::SetTab)} />
            <main class="columns">
                // The live region sits outside the tab panels so it is seen (and heard) on
                // every tab.
                <p id="status" class="status-line" role="status" aria-live="polite">
                    <span class="status-label">{ "Last: " }</span>{ narration }
                </p>
                <div class="column column-definition" id="column-definition" role="tabpanel" aria-labelledby="tab-column-definition">
                    <section class="panel editor-panel" aria-labelledby="editor-title">
                        // The editor labels itself visibly; the heading is for screen-reader navigation.
                        <h2 id="editor-title" class="visually-hidden">{ "Task definition" }</h2>
                        <Editor text={AttrValue::from(s.doc.task_definition_text.clone())} on_change={on_text}
                            registration={(*registration).clone().map(AttrValue::from)} />
                    </section>
                    <RunPanel form={s.run.clone()} task_definition_text={AttrValue::from(s.doc.task_definition_text.clone())}
                        preview={(*preview).clone()} custom_attributes={custom_attributes}
                        count_error={s.count_error.clone().map(AttrValue::from)}
                        on_action={on_action.clone()} />
                </div>
                <div class="column column-cluster" id="column-cluster" role="tabpanel" aria-labelledby="tab-column-cluster">
                    if let Some(lesson) = s.lesson.as_ref().filter(|l| !scenarios::is_time_lesson(&l.name)) {
                        <LessonCard lesson={lesson.clone()} hidden={s.lesson_hidden} on_action={on_action.clone()} />
                    }
                    <QuickRun preview={(*preview).clone()} on_action={on_action.clone()} />
                    <ClusterView cluster={s.derived.cluster.clone()} marks={marks} zone_notes={zone_notes}
                        arriving={arriving} pending={pending} selected={selected} on_action={on_action.clone()} />
                    <LoadBalancer groups={s.derived.targets.clone()} security_group_open={s.security_group_open}
                        on_security_group={on_action.reform(Action::SetSecurityGroupOpen)} />
                </div>
                <div class="column column-decision" id="column-decision" role="tabpanel" aria-labelledby="tab-column-decision">
                    <div class="panel decision-panel">
                        <Decision response={s.derived.decision.clone()} step={s.step} playing={s.playing} speed={s.speed}
                            on_step={on_action.reform(Action::SetStep)} on_play={on_action.reform(Action::SetPlaying)}
                            on_speed={on_action.reform(Action::SetSpeed)}
                            selected_instance={s.selected_instance.clone()}
                            on_select_instance={on_action.reform(Action::SelectInstance)}
                            predict={s.predict} guesses={s.guesses.clone()}
                            on_predict={on_action.reform(Action::SetPredict)} />
                    </div>
                    <EventLog entries={(*log).clone()} />
                </div>
            </main>
            if !time_used { { time_section } }
        </div>
    }
}

/// Saving, URL tidying, shortcuts and presentation mode: everything that touches the
/// browser after a render.
#[hook]
fn use_browser_effects(state: &UseReducerHandle<State>, on_action: &Callback<Action>) {
    // Once: a link's fragment or ?scenario= has been read into the state; take it out of
    // the address bar so a reload restores the saved work instead of reopening the link.
    {
        let (embed, cb) = (state.embed, on_action.clone());
        use_effect_with((), move |_| {
            browser::tidy_url(embed);
            let keys = browser::on_keydown(shortcuts(cb.clone()));
            let links = browser::on_fragment_change(Callback::from(move |fragment: String| {
                if share::is_share_fragment(&fragment) {
                    cb.emit(Action::OpenShared(fragment));
                    browser::tidy_url(true);
                }
            }));
            // The listeners live until the page goes away; clean-up removes them.
            move || {
                let _listeners = (keys, links);
            }
        });
    }
    // Every change is saved (an embedded page leaves the visitor's own work alone).
    {
        let (embed, cb) = (state.embed, on_action.clone());
        let warned = use_mut_ref(|| false);
        use_effect_with((state.doc.clone(), state.extras()), move |(doc, extras)| {
            if !embed {
                // Through a Value, like the share link: one serializer per type, not two.
                let text = |v: Result<serde_json::Value, serde_json::Error>| {
                    v.map(|v| v.to_string()).map_err(|e| e.to_string())
                };
                let saved = text(serde_json::to_value(doc))
                    .and_then(within_save_limit)
                    .and_then(|d| text(serde_json::to_value(extras)).map(|x| (d, x)))
                    .and_then(|(d, x)| browser::save(&d, &x));
                if let Err(why) = saved {
                    if !*warned.borrow() {
                        *warned.borrow_mut() = true;
                        cb.emit(Action::Notify(Notice::error(format!(
                            "Your work is not being saved in this browser: {why}. Use Export to keep it."
                        ))));
                    }
                }
            }
            // A share link left in the address bar would reopen older work on reload.
            let fragment = browser::current_fragment();
            if share::is_share_fragment(&fragment) {
                if let Some(run) = &extras.run_form {
                    if fragment != share::encode(doc, run) {
                        browser::tidy_url(true);
                    }
                }
            }
        });
    }
    use_effect_with(state.presentation, |on| browser::set_presentation(*on));
    use_effect_with(state.tab, |_| browser::reveal_tab_panel());
}

/// The most of the browser's storage (5 M characters for the whole site in most
/// browsers) one saved document may take.
pub const SAVE_LIMIT_CHARS: usize = 1 << 20;

/// A document too large to keep is not written (the last one that fitted stays saved).
fn within_save_limit(doc_json: String) -> Result<String, String> {
    if doc_json.len() <= SAVE_LIMIT_CHARS {
        return Ok(doc_json);
    }
    Err(format!(
        "it is {:.1} MB, more than the {} MB this page keeps in the browser (the last version under that stays saved)",
        doc_json.len() as f64 / 1e6,
        SAVE_LIMIT_CHARS >> 20
    ))
}

/// After Run the decision comes into view (the Run panel can be a screen or two away from
/// it), and the card a task lands on does when the learner steps to it or the playback
/// stops there (a large cluster is taller than the screen). Not while it plays: a scroll
/// per task brings new cards to lay out each time and costs the animation its frames.
#[hook]
fn use_bring_into_view(runs: u32, arriving: Option<AttrValue>) {
    use_effect_with(runs, |runs| {
        // The tabbed layout shows the Cluster tab after Run instead.
        if *runs > 0 && !browser::is_narrow() {
            browser::bring_into_view("#decision-heading", true);
        }
    });
    use_effect_with(arriving, |arn| {
        if let Some(arn) = arn {
            browser::bring_into_view(
                &format!("[data-instance-id]:has([data-task-arn=\"{arn}\"])"),
                false,
            );
        }
    });
}

/// Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo (Cmd on a Mac), except while typing in a
/// field, where the field's own undo applies. Without a modifier, the decision player's
/// keys (← P → Home End), except in a field or a widget that uses arrows itself (tabs).
fn shortcuts(cb: Callback<Action>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if browser::is_typing(&e) || e.alt_key() {
            return;
        }
        if !(e.ctrl_key() || e.meta_key()) {
            if e.shift_key() || browser::in_arrow_widget(&e) {
                return;
            }
            if let Some(key) = DecisionKey::of(&e.key()) {
                e.prevent_default();
                cb.emit(Action::DecisionKey(key));
            }
            return;
        }
        let action = match e.key().to_ascii_lowercase().as_str() {
            "z" if e.shift_key() => Action::Redo,
            "z" => Action::Undo,
            "y" => Action::Redo,
            _ => return,
        };
        e.prevent_default();
        cb.emit(action);
    })
}

/// Puts the document in the address bar, copies the link when the browser allows, and
/// shows it in a notice either way.
fn share_link(doc: &crate::ui::doc::Doc, run: &crate::ui::state::RunForm, cb: &Callback<Action>) {
    let url = browser::set_fragment(&share::encode(doc, run));
    let cb = cb.clone();
    let link = url.clone();
    browser::copy_to_clipboard(
        &url,
        Callback::from(move |copied: bool| {
            let text = if copied {
                "Link copied. Whoever opens it gets exactly this cluster, task definition and run settings:"
            } else {
                "Copy this link to share exactly this cluster, task definition and run settings:"
            };
            cb.emit(Action::Notify(Notice {
                kind: NoticeKind::Success,
                text: text.into(),
                link: Some(link.clone()),
            }))
        }),
    );
}

/// The embedded page links out to the full playground on the same lesson.
fn embed_full_link(s: &State) -> String {
    match &s.lesson {
        Some(l) => format!("./?scenario={}", l.name),
        None => "./".into(),
    }
}

/// Whether any request of the document is about time rather than placement: anything but
/// the cluster's own operations and the service calls the Run panel makes.
fn time_leads(requests: &[serde_json::Value]) -> bool {
    const PLACEMENT: [&str; 10] = [
        "RegisterTaskDefinition",
        "RunTask",
        "StopTask",
        "RegisterContainerInstance",
        "DeregisterContainerInstance",
        "UpdateContainerInstancesState",
        "PutAttributes",
        "CreateService",
        "UpdateService",
        "DeleteService",
    ];
    requests.iter().any(|r| {
        r.as_object()
            .and_then(|o| o.keys().next())
            .is_some_and(|op| !PLACEMENT.contains(&op.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_over_the_save_limit_is_refused_with_its_size() {
        assert!(within_save_limit("x".repeat(SAVE_LIMIT_CHARS)).is_ok());
        let why = within_save_limit("x".repeat(2_400_000)).unwrap_err();
        assert!(why.contains("2.4 MB") && why.contains("1 MB"), "{why}");
    }
}
