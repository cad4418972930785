//! The page's state and every change to it, as one reducer (modelled on yew's
//! function_todomvc example). Changes to the cluster are ECS requests appended to the
//! document; the engine replays them and the views read the result, so no ECS rule lives
//! here. Pure Rust (no browser calls): tested natively in tests/ui_state.rs.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use yew::Reducible;

use crate::sim::catalog;
use crate::sim::cql;
use crate::sim::taskdef::read_task_definition;
use crate::ui::components::cluster_model::ClusterModel;
use crate::ui::components::event_log::{self, LogEntry};
use crate::ui::components::load_balancer::{target_groups, TargetGroup};
use crate::ui::doc::{Doc, Replayed};
use crate::ui::import::{file_kind, FileKind};
use crate::ui::time_forms::{self, DEFAULT_SPEED, STEP_SECONDS};
use crate::ui::time_run;
use crate::ui::time_view::TimeView;
use crate::ui::{scenarios, share};

use crate::ui::run_form::service_call;
pub use crate::ui::run_form::{
    active_services, run_request_for, ActiveService, ConstraintRule, RunForm, RunTarget,
    ServiceCall, StrategyKind, StrategyRule, MAX_COUNT, MAX_DESIRED,
};

/// Undo keeps this many steps: plenty for a lesson, bounded for memory.
pub const UNDO_LIMIT: usize = 100;
/// "You can specify a maximum of 5 strategy rules."
pub const MAX_STRATEGIES: usize = 5;
/// At most 10 constraints per task.
pub const MAX_CONSTRAINTS: usize = 10;
/// AZ letters the "+ AZ" button offers (regions have 2 to 6 zones).
pub const ZONE_LETTERS: &str = "abcdef";
/// The decision panel's step that shows the outcome (the panel clamps it to its last
/// step): what a reload, an Undo or an opened lesson shows of tasks that already run.
pub const OUTCOME_STEP: usize = usize::MAX;

/// The three views phones switch between (desktop shows all three side by side).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Tab {
    Definition,
    #[default]
    Cluster,
    Decision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Error,
}

/// The banner under the header: what just happened or what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// A link to show and select (the share link).
    pub link: Option<String>,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Info,
            text: text.into(),
            link: None,
        }
    }
    pub fn success(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Success,
            text: text.into(),
            link: None,
        }
    }
    pub fn error(text: impl Into<String>) -> Notice {
        Notice {
            kind: NoticeKind::Error,
            text: text.into(),
            link: None,
        }
    }
}

/// The lesson of the built-in scenario on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub name: String,
    pub title: String,
    pub text: String,
}

/// One undo step: the document as it was, with the lesson and Run settings it was shown
/// with, so an Undo across a lesson switch or an import brings all three back together.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub doc: Doc,
    pub lesson: Option<Lesson>,
    pub run: RunForm,
    /// The step replaced the whole document (a lesson, an import, a share link): undoing
    /// it restores the lesson and the Run settings too. Other steps keep the Run settings
    /// the learner has now.
    pub whole: bool,
}

/// What the page reads from the browser before the first render.
#[derive(Debug, Clone, Default)]
pub struct Startup {
    /// The document saved in localStorage, as JSON.
    pub saved_doc: Option<String>,
    /// The saved run settings and lesson ([`Extras`] as JSON).
    pub saved_extras: Option<String>,
    /// `location.hash` (`#s=...` opens a shared document).
    pub fragment: String,
    /// `?scenario=NAME`.
    pub scenario: Option<String>,
    /// `?embed=1`.
    pub embed: bool,
}

/// Saved next to the document: what a reload should keep besides it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Extras {
    pub run_form: Option<RunForm>,
    pub lesson: Option<String>,
    /// The learner closed the lesson card (the header's Lesson button brings it back).
    pub lesson_hidden: bool,
    /// A teacher who turned on Presentation keeps it across reloads.
    pub presentation: bool,
    /// Predict first: a decision's outcome stays hidden until its step.
    pub predict: bool,
    /// The lessons the learner opened and ran something in (the Learn menu's "✓ tried").
    pub tried_lessons: Vec<String>,
}

/// Everything derived from replaying the document, rebuilt only when the requests change.
pub struct Derived {
    pub replayed: Rc<Replayed>,
    pub cluster: Rc<ClusterModel>,
    pub log: Rc<Vec<LogEntry>>,
    pub targets: Rc<Vec<TargetGroup>>,
    /// The body of the last RunTask response when the last request (time advances aside)
    /// was a RunTask (only that request is traced).
    pub decision: Option<Rc<Value>>,
    /// The clock, services, scaling, charts, timeline and cost.
    pub time: Rc<TimeView>,
}

impl Derived {
    pub fn of(doc: &Doc) -> Derived {
        Derived::read(doc, doc.replay(), None)
    }

    /// The views of a replayed (or played-forward) simulation. `selected`: the service the
    /// time panels show.
    fn read(doc: &Doc, replayed: Replayed, selected: Option<&str>) -> Derived {
        let (cluster, targets, time) = {
            let sim = replayed.sim.borrow();
            (
                ClusterModel::build(&sim.cluster, &doc.availability_zones),
                target_groups(&sim.cluster),
                TimeView::build(&sim, &replayed.observed, selected),
            )
        };
        let log = event_log::entries(&doc.container_instances, &doc.requests, &replayed.responses);
        let decision = time_run::traced_index(&doc.requests)
            .and_then(|i| replayed.responses.get(i))
            .and_then(decision_of)
            .map(|body| Rc::new(body.clone()));
        Derived {
            replayed: Rc::new(replayed),
            cluster: Rc::new(cluster),
            log: Rc::new(log),
            targets: Rc::new(targets),
            decision,
            time: Rc::new(time),
        }
    }

    /// `doc` is the document this was read from plus `new` requests at its end: they are
    /// carried out on the live simulation instead of replaying everything (a replay when
    /// this state is not the live one).
    fn extended(&self, doc: &Doc, new: &[Value], selected: Option<&str>) -> Derived {
        let traced = time_run::traced_index(&doc.requests);
        let first = doc.requests.len() - new.len();
        let moved = self.replayed.moved(|sim, responses, observed| {
            for (k, request) in new.iter().enumerate() {
                let trace = Some(first + k) == traced;
                responses.push(time_run::dispatch(sim, request, trace, observed));
            }
        });
        Derived::read(doc, moved.unwrap_or_else(|| doc.replay()), selected)
    }

    /// `doc` is this one's document with `seconds` more of time at its end: `merged`, the
    /// last AdvanceTime grew (its response is replaced) rather than a new one being added.
    fn advanced(&self, doc: &Doc, seconds: i64, merged: bool, selected: Option<&str>) -> Derived {
        let moved = self.replayed.moved(|sim, responses, observed| {
            let response = time_run::advance(sim, seconds, observed);
            if merged {
                responses.pop();
            }
            responses.push(response);
        });
        match moved {
            Some(replayed) => {
                let mut d = Derived::read(doc, replayed, selected);
                // The decision panel keeps what it shows while time moves.
                d.decision = self.decision.clone();
                d
            }
            None => Derived::read(doc, doc.replay(), selected),
        }
    }

    /// Only the selected service changed.
    fn reselected(&self, selected: Option<&str>) -> Derived {
        let time = TimeView::build(
            &self.replayed.sim.borrow(),
            &self.replayed.observed,
            selected,
        );
        Derived {
            replayed: self.replayed.clone(),
            cluster: self.cluster.clone(),
            log: self.log.clone(),
            targets: self.targets.clone(),
            decision: self.decision.clone(),
            time: Rc::new(time),
        }
    }
}

#[derive(Clone)]
pub struct State {
    pub doc: Doc,
    pub undo: Vec<Rc<Snapshot>>,
    pub redo: Vec<Rc<Snapshot>>,
    pub derived: Rc<Derived>,
    /// Animation step of the decision panel, and whether it plays.
    pub step: usize,
    pub playing: bool,
    pub speed: f64,
    /// The card whose checks the decision panel lists ("why not here?").
    pub selected_instance: Option<String>,
    pub notice: Option<Notice>,
    pub tab: Tab,
    pub run: RunForm,
    pub lesson: Option<Lesson>,
    /// The lesson card is closed; the lesson stays (for Reset lesson and reopening it).
    pub lesson_hidden: bool,
    pub presentation: bool,
    pub embed: bool,
    /// The load-balancer lesson's toggle.
    pub security_group_open: bool,
    /// What is wrong with the count the learner typed (Count or Desired count), shown under
    /// the field; Run refuses until it is fixed rather than run the previous count.
    pub count_error: Option<String>,
    /// How many times Run sent a request: the page brings the decision into view after each.
    pub runs: u32,
    /// Predict first: Run does not play the decision, and its outcome (ghost tasks, the
    /// tasks' results, the event) stays hidden until each task's step; a click on a card
    /// before then is the learner's guess.
    pub predict: bool,
    /// The learner's guesses for the decision on screen: task index -> instance id.
    pub guesses: Rc<BTreeMap<usize, String>>,
    /// True while consecutive editor changes are merged into one undo step.
    editing_text: bool,
    /// The simulated clock plays (the page advances it a little every frame).
    pub clock_playing: bool,
    /// Simulated seconds per real second.
    pub clock_speed: u32,
    /// The service the time panels show (`None`: the first one).
    pub time_service: Option<String>,
    /// True while the clock's advances since Play share one undo step.
    time_burst: bool,
    /// The lessons the learner ran something in (see [`Extras::tried_lessons`]).
    pub tried_lessons: Vec<String>,
}

/// The decision player's keys: ← back, P play or pause, → step, Home first step, End outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKey {
    Back,
    PlayPause,
    Forward,
    First,
    Outcome,
}

impl DecisionKey {
    /// The key's name as `KeyboardEvent.key` gives it.
    pub fn of(key: &str) -> Option<DecisionKey> {
        Some(match key {
            "ArrowLeft" => DecisionKey::Back,
            "ArrowRight" => DecisionKey::Forward,
            "p" | "P" => DecisionKey::PlayPause,
            "Home" => DecisionKey::First,
            "End" => DecisionKey::Outcome,
            _ => return None,
        })
    }
}

/// Every change the page can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    // The document (each one is an undo step)
    EditTaskDefinition(String),
    AddZone,
    RemoveZone(String),
    AddInstance {
        zone: String,
        instance_type: String,
    },
    RemoveInstance(String),
    SetDraining {
        instance: String,
        draining: bool,
    },
    PutAttribute {
        instance: String,
        name: String,
        value: String,
    },
    RemoveAttribute {
        instance: String,
        name: String,
    },
    StopTask(String),
    /// Registers the editor's task definition if it changed, then RunTask with the form.
    Run,
    OpenScenario(String),
    /// A scenario file's text and its name (Import).
    Import {
        file_name: String,
        text: String,
    },
    /// A `#s=...` fragment (a share link).
    OpenShared(String),
    Undo,
    Redo,
    // The Run panel
    SetCount(u32),
    /// What the learner typed in Count (or Desired count for a service): kept when it is a
    /// count ECS takes, else explained under the field.
    SetCountText(String),
    SetGroup(String),
    /// Standalone tasks (false) or a service (true).
    SetRunAsService(bool),
    SetServiceName(String),
    SetDesired(u32),
    AddStrategy,
    SetStrategy(usize, StrategyRule),
    MoveStrategy {
        index: usize,
        up: bool,
    },
    RemoveStrategy(usize),
    AddConstraint(ConstraintRule),
    SetConstraint(usize, ConstraintRule),
    RemoveConstraint(usize),
    // The decision animation
    SetStep(usize),
    SetPlaying(bool),
    /// A key of the decision player (the page's shortcuts).
    DecisionKey(DecisionKey),
    /// Predict first on or off.
    SetPredict(bool),
    SetSpeed(f64),
    SelectInstance(Option<String>),
    // The page
    Notify(Notice),
    DismissNotice,
    SetTab(Tab),
    SetPresentation(bool),
    SetSecurityGroupOpen(bool),
    DismissLesson,
    ShowLesson,
    /// Opens the lesson on screen again from its start (one undo step).
    ResetLesson,
    // Time
    /// The playing clock moved this many simulated seconds (merged into one undo step per
    /// Play).
    TickClock(i64),
    /// Step: one simulated minute, an undo step of its own.
    StepClock,
    SetClockPlaying(bool),
    SetClockSpeed(u32),
    SelectService(Option<String>),
    /// Requests from the time panels (CreateService, SetLoad, ...), one undo step.
    Send(Vec<Value>),
    /// Registers the editor's task definition as a new revision and rolls `service` onto it.
    DeployRevision(String),
    /// Replaces a container instance by a new one of its type and zone launched with ENI
    /// trunking (awsvpcTrunking applies to instances launched after it is turned on).
    RelaunchWithTrunking(String),
}

impl State {
    pub fn new(doc: Doc, run: RunForm) -> State {
        State {
            derived: Rc::new(Derived::of(&doc)),
            doc,
            undo: vec![],
            redo: vec![],
            step: OUTCOME_STEP,
            playing: false,
            speed: 1.0,
            selected_instance: None,
            notice: None,
            tab: Tab::default(),
            run,
            lesson: None,
            lesson_hidden: false,
            presentation: false,
            embed: false,
            security_group_open: true,
            count_error: None,
            runs: 0,
            predict: false,
            guesses: Rc::default(),
            editing_text: false,
            clock_playing: false,
            clock_speed: DEFAULT_SPEED,
            time_service: None,
            time_burst: false,
            tried_lessons: vec![],
        }
    }

    /// The first state: a share link, else `?scenario=`, else the saved work, else the
    /// first lesson. Whatever a link replaces stays one Undo away; a broken link only adds a
    /// notice.
    pub fn start(startup: Startup) -> State {
        // Read as a Value first: one text parser for every shape keeps the wasm smaller
        // than a parser per type.
        let extras: Extras = startup
            .saved_extras
            .as_deref()
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default();
        let mut notice = None;
        let saved = startup
            .saved_doc
            .as_deref()
            .map(|t| serde_json::from_str::<Value>(t).and_then(serde_json::from_value::<Doc>));
        let mut state = match saved {
            Some(Ok(doc)) => {
                let mut s = State::new(doc, extras.run_form.clone().unwrap_or_default());
                s.lesson = extras
                    .lesson
                    .as_deref()
                    .and_then(scenarios::get)
                    .map(|sc| sc.lesson());
                s.lesson_hidden = s.lesson.is_some() && extras.lesson_hidden;
                s
            }
            other => {
                if let Some(Err(e)) = other {
                    notice = Some(Notice::error(format!(
                        "Your saved work could not be read ({e}), so the first lesson is open instead."
                    )));
                }
                State::from_scenario(scenarios::DEFAULT)
            }
        };
        state.embed = startup.embed;
        state.presentation = extras.presentation;
        state.predict = extras.predict;
        state.tried_lessons = extras.tried_lessons;
        state.notice = notice;
        if let Some(name) = startup.scenario.as_deref().filter(|n| !n.is_empty()) {
            if state.lesson.as_ref().map(|l| l.name.as_str()) != Some(name) {
                state.open_scenario(name);
            }
        }
        if share::is_share_fragment(&startup.fragment) {
            state.open_shared(&startup.fragment);
        }
        state
    }

    fn from_scenario(name: &str) -> State {
        match scenarios::get(name) {
            Some(sc) => {
                let mut s = State::new(sc.doc.clone(), sc.run.clone());
                s.lesson = Some(sc.lesson());
                s
            }
            None => State::new(Doc::default(), RunForm::default()),
        }
    }

    /// What saves and share links keep besides the document.
    pub fn extras(&self) -> Extras {
        Extras {
            run_form: Some(self.run.clone()),
            lesson: self.lesson.as_ref().map(|l| l.name.clone()),
            lesson_hidden: self.lesson_hidden,
            presentation: self.presentation,
            predict: self.predict,
            tried_lessons: self.tried_lessons.clone(),
        }
    }

    /// The Export file: the `ecs-sim` scenario (`ecs-sim run` replays it), with the Run
    /// panel's settings beside the editor text so Import restores them too.
    pub fn export_text(&self) -> String {
        let mut scenario = self.doc.to_scenario();
        scenario["playground"]["runForm"] = serde_json::to_value(&self.run).unwrap_or_default();
        serde_json::to_string_pretty(&scenario).unwrap_or_default()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The request the Run button would send (for the preview), or why there is none.
    pub fn run_request_preview(&self) -> Result<Value, String> {
        run_request_for(
            &self.doc.task_definition_text,
            &self.run,
            &self.doc.availability_zones,
            &active_services(&self.derived.time),
        )
    }

    /// The RegisterTaskDefinition body of the editor's text (the reader's object, or the text
    /// itself when the reader kept none).
    fn registration_body(&self, td: &crate::sim::taskdef::TaskDefinition) -> Value {
        if td.raw.is_null() {
            serde_json::from_str(&self.doc.task_definition_text).unwrap_or(Value::Null)
        } else {
            td.raw.clone()
        }
    }

    /// Which revision of the editor's family the cluster has and what Run would register:
    /// the text itself has no revision (ECS numbers them as it registers them).
    pub fn registration_note(&self) -> Option<String> {
        let report = read_task_definition(&self.doc.task_definition_text);
        let td = report
            .task_definition
            .filter(|_| report.errors.is_empty())?;
        let latest = self
            .derived
            .replayed
            .cluster()
            .task_definitions
            .iter()
            .filter(|t| t.family == td.family)
            .map(|t| t.revision)
            .max();
        let family = &td.family;
        let body = self.registration_body(&td);
        Some(match latest {
            None => format!("Not registered yet: Run task registers it as {family}:1."),
            Some(n) if latest_registration(&self.doc, family) == Some(&body) => {
                format!("Registered as {family}:{n} (this text).")
            }
            Some(n) => format!(
                "{family}:{n} is registered; Run task registers this text as {family}:{}.",
                n + 1
            ),
        })
    }

    // ----- document changes -----

    /// Replaces the document, remembering the old one for Undo. Consecutive editor changes
    /// (`typing`) share one undo step.
    fn change_doc(&mut self, doc: Doc, typing: bool) {
        if doc == self.doc {
            return;
        }
        if !(typing && self.editing_text) {
            self.remember(false);
        }
        self.editing_text = typing;
        self.redo.clear();
        self.set_doc(doc);
    }

    /// What is on screen now, as an undo step.
    fn snapshot(&self, whole: bool) -> Rc<Snapshot> {
        Rc::new(Snapshot {
            doc: self.doc.clone(),
            lesson: self.lesson.clone(),
            run: self.run.clone(),
            whole,
        })
    }

    /// Pushes what is on screen onto the undo stack (bounded).
    fn remember(&mut self, whole: bool) {
        self.undo.push(self.snapshot(whole));
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
    }

    /// Sets the document and rebuilds what depends on the requests, only if they changed
    /// (typing in the editor must stay cheap).
    fn set_doc(&mut self, doc: Doc) {
        let replay_changed = doc.seed != self.doc.seed
            || doc.requests != self.doc.requests
            || doc.container_instances != self.doc.container_instances
            || doc.availability_zones != self.doc.availability_zones;
        let grew = doc.seed == self.doc.seed
            && doc.container_instances == self.doc.container_instances
            && doc.requests.len() > self.doc.requests.len()
            && doc.requests[..self.doc.requests.len()] == self.doc.requests[..];
        let before = self.doc.requests.len();
        self.doc = doc;
        if replay_changed {
            self.time_burst = false;
            self.derived = Rc::new(if grew {
                // Only new requests at the end: carried out on the live simulation.
                self.derived.extended(
                    &self.doc,
                    &self.doc.requests[before..],
                    self.time_service.as_deref(),
                )
            } else {
                let replayed = self.doc.replay();
                Derived::read(&self.doc, replayed, self.time_service.as_deref())
            });
            // Tasks that run already are shown placed: only Run plays a decision from its
            // first step.
            self.step = OUTCOME_STEP;
            self.playing = false;
            self.guesses = Rc::default();
            if let Some(id) = &self.selected_instance {
                if self.derived.cluster.instance(id).is_none() {
                    self.selected_instance = None;
                }
            }
        }
    }

    /// Appends requests as one undo step, and turns a refused last request into a notice.
    fn append(&mut self, requests: Vec<Value>) {
        let mut doc = self.doc.clone();
        doc.requests.extend(requests);
        self.change_doc(doc, false);
        self.notice = self
            .derived
            .replayed
            .responses
            .last()
            .and_then(|r| r.get("error"))
            .map(|e| {
                let op = self
                    .doc
                    .requests
                    .last()
                    .and_then(|r| r.as_object())
                    .and_then(|o| o.keys().next().cloned());
                Notice::error(format!(
                    "ECS refused {}: {} ({})",
                    op.unwrap_or_else(|| "the request".into()),
                    e.get("message").and_then(Value::as_str).unwrap_or(""),
                    e.get("code").and_then(Value::as_str).unwrap_or("error")
                ))
            });
    }

    /// Loads a whole new document (scenario, import, share link); the old one is one Undo away.
    fn load(&mut self, doc: Doc, run: Option<RunForm>) {
        let replaced = doc != self.doc;
        self.change_doc(doc, false);
        if replaced {
            if let Some(top) = self.undo.last_mut() {
                Rc::make_mut(top).whole = true;
            }
        }
        if let Some(run) = run {
            self.run = run;
        }
        self.selected_instance = None;
        self.lesson_hidden = false;
    }

    fn open_scenario(&mut self, name: &str) {
        match scenarios::get(name) {
            Some(sc) => {
                self.load(sc.doc.clone(), Some(sc.run.clone()));
                self.lesson = Some(sc.lesson());
                self.notice = None;
            }
            None => {
                self.notice = Some(Notice::error(format!(
                    "There is no built-in scenario called \"{name}\". Pick one from the Scenario list; your current work is unchanged."
                )))
            }
        }
    }

    fn open_shared(&mut self, fragment: &str) {
        match share::decode(fragment) {
            Ok((doc, run)) => {
                let had_work = !self.doc.requests.is_empty() || self.doc != doc;
                self.load(doc, run);
                self.lesson = None;
                self.notice = Some(Notice::success(if had_work && self.can_undo() {
                    "Opened the shared scenario. Undo brings back what you had before."
                } else {
                    "Opened the shared scenario."
                }));
            }
            Err(e) => {
                self.notice = Some(Notice::error(format!(
                    "This share link could not be opened: {e}. Your current work is unchanged."
                )))
            }
        }
    }

    /// A file is what it is: a task definition goes to the editor (the cluster stays), a
    /// scenario replaces the board and says so, anything else is refused with the reason.
    fn import(&mut self, file_name: &str, text: &str) {
        match file_kind(text) {
            FileKind::TaskDefinition => return self.import_task_definition(file_name, text),
            FileKind::Other(why) => {
                self.notice = Some(Notice::error(format!(
                    "{file_name} was not imported: {why}. Your current work is unchanged."
                )));
                return;
            }
            FileKind::Scenario | FileKind::Unreadable => {}
        }
        match Doc::from_scenario_text(text) {
            Ok(doc) => {
                let run = serde_json::from_str::<Value>(text)
                    .ok()
                    .and_then(|v| v.pointer("/playground/runForm").cloned())
                    .and_then(|r| serde_json::from_value(r).ok());
                let (instances, requests) = (
                    doc.container_instances.len()
                        + count_of(&doc.requests, "RegisterContainerInstance"),
                    doc.requests.len(),
                );
                self.load(doc, run);
                self.lesson = None;
                self.notice = Some(Notice::success(format!(
                    "Imported the scenario {file_name}: it replaced the board ({}, {}). Undo brings back what you had before.",
                    crate::ui::components::format::plural(instances, "container instance", "container instances"),
                    crate::ui::components::format::plural(requests, "request", "requests"),
                )));
            }
            Err(diagnostics) => {
                let shown: Vec<String> = diagnostics
                    .iter()
                    .take(3)
                    .map(|d| format!("line {}, column {}: {}", d.line, d.column, d.message))
                    .collect();
                let more = diagnostics.len().saturating_sub(3);
                self.notice = Some(Notice::error(format!(
                    "{file_name} could not be imported — {}{}. Your current work is unchanged.",
                    shown.join("; "),
                    if more > 0 {
                        format!(" (and {more} more)")
                    } else {
                        String::new()
                    }
                )));
            }
        }
    }

    /// A task definition file (RegisterTaskDefinition JSON or describe-task-definition's
    /// output) replaces the editor's text only: one undo step, the board untouched.
    fn import_task_definition(&mut self, file_name: &str, text: &str) {
        let mut doc = self.doc.clone();
        doc.task_definition_text = text.to_string();
        self.change_doc(doc, false);
        let report = read_task_definition(text);
        let verdict = if report.errors.is_empty() {
            "Run task registers it".to_string()
        } else {
            format!(
                "the editor lists its {} to fix before it can run",
                crate::ui::components::format::plural(report.errors.len(), "error", "errors")
            )
        };
        self.notice = Some(Notice::success(format!(
            "Loaded the task definition {file_name} into the editor; the cluster is unchanged, and {verdict}. Undo brings back your previous text."
        )));
        self.tab = Tab::Definition;
    }

    fn add_zone(&mut self) {
        let zones = &self.doc.availability_zones;
        // The region is the first zone's name without its letter (us-east-1a -> us-east-1).
        let region = zones
            .first()
            .map(|z| {
                z.trim_end_matches(|c: char| c.is_ascii_lowercase())
                    .to_string()
            })
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "us-east-1".into());
        match ZONE_LETTERS
            .chars()
            .map(|c| format!("{region}{c}"))
            .find(|z| !zones.contains(z))
        {
            Some(zone) => {
                let mut doc = self.doc.clone();
                doc.availability_zones.push(zone);
                self.change_doc(doc, false);
            }
            None => {
                self.notice = Some(Notice::info(format!(
                    "{region} has {} zones here; that is the most a region offers.",
                    ZONE_LETTERS.len()
                )))
            }
        }
    }

    fn remove_zone(&mut self, zone: &str) {
        let occupied = self
            .derived
            .cluster
            .zones
            .iter()
            .any(|z| z.name == zone && !z.instances.is_empty());
        if occupied {
            self.notice = Some(Notice::error(format!(
                "{zone} still has container instances: remove them first."
            )));
        } else if self.doc.availability_zones.len() <= 1 {
            self.notice = Some(Notice::error(
                "A cluster needs at least one Availability Zone column.",
            ));
        } else {
            let mut doc = self.doc.clone();
            doc.availability_zones.retain(|z| z != zone);
            self.change_doc(doc, false);
        }
    }

    fn add_instance(&mut self, zone: &str, instance_type: &str) {
        if catalog::lookup(instance_type).is_none() {
            self.notice = Some(Notice::error(format!(
                "\"{instance_type}\" is not an instance type the playground knows."
            )));
            return;
        }
        let id = format!("i-{}", next_instance_number(&self.doc));
        let mut request = json!({"RegisterContainerInstance": {
            "ec2InstanceId": id, "availabilityZone": zone, "instanceType": instance_type
        }});
        if !self.doc.availability_zones.iter().any(|z| z == zone) {
            // A drop on a zone the document does not list yet (an imported column).
            let mut doc = self.doc.clone();
            doc.availability_zones.push(zone.to_string());
            doc.requests.push(request.take());
            self.change_doc(doc, false);
            return;
        }
        self.append(vec![request]);
    }

    fn service_call(&self, family: &str, registered: bool) -> Option<ServiceCall> {
        service_call(
            &self.run,
            family,
            registered,
            &active_services(&self.derived.time),
        )
    }

    fn run(&mut self) {
        let report = read_task_definition(&self.doc.task_definition_text);
        let td = match (report.task_definition, report.errors.first()) {
            (Some(td), None) => td,
            (_, first) => {
                let where_ = first
                    .map(|e| {
                        format!(
                            " The first is at line {}, column {}: {}.",
                            e.line, e.column, e.message
                        )
                    })
                    .unwrap_or_default();
                self.notice = Some(Notice::error(format!(
                    "Fix the task definition first: it has {}.{where_} Nothing was run, and nothing is lost.",
                    crate::ui::components::format::plural(report.errors.len().max(1), "error", "errors")
                )));
                self.tab = Tab::Definition;
                return;
            }
        };
        if let Some(why) = &self.count_error {
            self.notice = Some(Notice::error(format!(
                "Fix the count first: {why} Nothing was run."
            )));
            return;
        }
        for rule in &self.run.constraints {
            if let ConstraintRule::MemberOf { expression } = rule {
                if let Err(e) = cql::parse(expression) {
                    self.notice = Some(Notice::error(format!(
                        "Fix the memberOf expression first: {} (column {}). Nothing was run.",
                        e.message,
                        e.column()
                    )));
                    return;
                }
            }
        }
        let body = self.registration_body(&td);
        let mut requests = Vec::new();
        if latest_registration(&self.doc, &td.family) != Some(&body) {
            requests.push(json!({"RegisterTaskDefinition": body}));
        }
        let registered = !requests.is_empty();
        let service = self.service_call(&td.family, registered);
        requests.push(
            self.run
                .call(&RunTarget::of(&td), &self.doc.availability_zones, service),
        );
        self.append(requests);
        self.runs += 1;
        self.mark_tried();
        self.step = 0;
        // Predicting, the learner guesses before anything moves.
        self.playing = self.derived.decision.is_some() && !self.predict;
        self.selected_instance = None;
        if self.tab == Tab::Definition {
            self.tab = Tab::Cluster;
        }
    }

    /// Moves the live simulation `seconds` forward and records it in the document, merged
    /// into the last AdvanceTime. `burst`: the clock plays, and every advance since Play is one
    /// undo step.
    fn advance_clock(&mut self, seconds: i64, burst: bool) {
        if seconds <= 0 {
            return;
        }
        let mut doc = self.doc.clone();
        let last_ok = self
            .derived
            .replayed
            .responses
            .last()
            .is_some_and(|r| r.get("AdvanceTime").is_some());
        let merged = time_run::record_advance(&mut doc.requests, last_ok, seconds);
        if !(burst && self.time_burst) {
            self.remember(false);
        }
        self.redo.clear();
        self.editing_text = false;
        self.derived =
            Rc::new(
                self.derived
                    .advanced(&doc, seconds, merged, self.time_service.as_deref()),
            );
        self.doc = doc;
        self.time_burst = burst;
        self.mark_tried();
    }

    /// Requests from the time panels, as one undo step; a refused one becomes a notice.
    fn send(&mut self, requests: Vec<Value>) {
        if requests.is_empty() {
            return;
        }
        let before = self.doc.requests.len();
        let mut doc = self.doc.clone();
        doc.requests.extend(requests);
        self.change_doc(doc, false);
        self.mark_tried_if_started(before);
        let refused = self
            .doc
            .requests
            .iter()
            .zip(self.derived.replayed.responses.iter())
            .skip(before)
            .find_map(|(request, response)| {
                let error = response.get("error")?;
                let op = request.as_object()?.keys().next()?.clone();
                Some(Notice::error(format!(
                    "ECS refused {op}: {} ({})",
                    error.get("message").and_then(Value::as_str).unwrap_or(""),
                    error.get("code").and_then(Value::as_str).unwrap_or("error")
                )))
            });
        self.notice = refused;
    }

    /// Registers the editor's task definition (a new revision of its family) and updates the
    /// service to it: ECS starts a rolling deployment.
    fn deploy_revision(&mut self, service: &str) {
        let report = read_task_definition(&self.doc.task_definition_text);
        let Some(td) = report.task_definition.filter(|_| report.errors.is_empty()) else {
            self.notice = Some(Notice::error(
                "Fix the task definition in the editor first: a deployment registers it as a new revision.",
            ));
            return;
        };
        let body = self.registration_body(&td);
        self.send(vec![
            json!({"RegisterTaskDefinition": body}),
            time_forms::update_task_definition(service, &td.family),
        ]);
    }

    /// Predicting, the task of the decision on screen whose outcome step is not reached yet
    /// (a click on a card is then a guess for it).
    pub fn undecided_task(&self) -> Option<usize> {
        if !self.predict {
            return None;
        }
        let story = crate::ui::anim::Story::read(self.derived.decision.as_ref()?);
        let at = story.locate(self.step)?;
        (!at.kind.is_outcome()).then_some(at.task)
    }

    /// Moves the decision player as its buttons would (the same bounds, play at the end
    /// starts over).
    fn decision_key(&mut self, key: DecisionKey) {
        let Some(response) = &self.derived.decision else {
            return;
        };
        let count = crate::ui::anim::Story::read(response).phase_count();
        let Some(last) = count.checked_sub(1) else {
            return;
        };
        let step = self.step.min(last);
        match key {
            DecisionKey::Back => {
                self.playing = false;
                self.step = step.saturating_sub(1);
            }
            DecisionKey::Forward => self.step = (step + 1).min(last),
            DecisionKey::PlayPause if self.playing => self.playing = false,
            DecisionKey::PlayPause => {
                if step == last {
                    self.step = 0;
                }
                self.playing = true;
            }
            DecisionKey::First => {
                self.playing = false;
                self.step = 0;
            }
            DecisionKey::Outcome => {
                self.playing = false;
                self.step = last;
            }
        }
    }

    fn undo(&mut self) {
        if let Some(previous) = self.undo.pop() {
            let current = self.snapshot(previous.whole);
            self.redo.push(current);
            self.restore(&previous);
        }
    }

    fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            let current = self.snapshot(next.whole);
            self.undo.push(current);
            self.restore(&next);
        }
    }

    /// Puts an undo step back on screen: the document, and with a whole-document step the
    /// lesson and Run settings that went with it.
    fn restore(&mut self, snapshot: &Snapshot) {
        self.editing_text = false;
        self.set_doc(snapshot.doc.clone());
        if snapshot.whole || snapshot.lesson != self.lesson {
            self.lesson = snapshot.lesson.clone();
            self.lesson_hidden = false;
            self.run = snapshot.run.clone();
        }
        self.selected_instance = None;
    }
}

/// The response body the decision panel plays: a RunTask's, or a service request's whose
/// scheduler placed (or failed to place) tasks at once.
fn decision_of(response: &Value) -> Option<&Value> {
    if let Some(body) = response.get("RunTask") {
        return Some(body);
    }
    ["CreateService", "UpdateService"]
        .iter()
        .filter_map(|op| response.get(*op))
        .find(|body| {
            body.get("trace")
                .and_then(Value::as_array)
                .is_some_and(|t| !t.is_empty())
        })
}

/// The body of the family's latest RegisterTaskDefinition in the document: registering
/// the same text again would only make a new revision.
fn latest_registration<'a>(doc: &'a Doc, family: &str) -> Option<&'a Value> {
    doc.requests
        .iter()
        .rev()
        .filter_map(|r| r.get("RegisterTaskDefinition"))
        .find(|body| body.get("family").and_then(Value::as_str) == Some(family))
}

/// A typed count, as RunTask (1 to 10 per call) or a service's desired count (0 to the
/// playground's bound) takes it, or what is wrong with it.
pub fn count_from_text(text: &str, service: bool) -> Result<u32, String> {
    let (lowest, highest): (u32, u32) = if service {
        (0, MAX_DESIRED)
    } else {
        (1, MAX_COUNT)
    };
    let field = if service { "Desired count" } else { "Count" };
    let whole = || {
        format!(
            "{field} is a whole number from {lowest} to {}.",
            crate::ui::components::format::thousands(i64::from(highest))
        )
    };
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if text.is_empty() {
            format!("{field} is empty. {}", whole())
        } else {
            format!("\"{text}\" is not a count. {}", whole())
        });
    }
    match text.parse::<u64>() {
        Ok(n) if n < u64::from(lowest) => Err(whole()),
        Ok(n) if n <= u64::from(highest) => Ok(n as u32),
        _ if service => Err(format!(
            "the playground keeps a service to {} tasks. {}",
            crate::ui::components::format::thousands(i64::from(highest)),
            whole()
        )),
        _ => Err(format!(
            "RunTask starts at most {highest} tasks per call (its count is 1 to {highest}). Run it again for more, or run a service."
        )),
    }
}

/// How many requests of the document are `operation`.
fn count_of(requests: &[Value], operation: &str) -> usize {
    requests
        .iter()
        .filter(|r| r.get(operation).is_some())
        .count()
}

/// `i-N` numbers are never reused, even after a deregistration, so the log stays clear.
pub fn next_instance_number(doc: &Doc) -> u64 {
    let from_specs = doc
        .container_instances
        .iter()
        .map(|s| s.ec2_instance_id.as_str());
    let from_requests = doc.requests.iter().filter_map(|r| {
        r.pointer("/RegisterContainerInstance/ec2InstanceId")
            .and_then(Value::as_str)
    });
    from_specs
        .chain(from_requests)
        .filter_map(|id| id.strip_prefix("i-").and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(0)
        + 1
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        // Any document change ends a typing burst except typing itself.
        if !matches!(action, Action::EditTaskDefinition(_)) {
            s.editing_text = false;
        }
        // Undo and loading another document stop the clock.
        if matches!(
            action,
            Action::Undo
                | Action::Redo
                | Action::OpenScenario(_)
                | Action::Import { .. }
                | Action::OpenShared(_)
        ) {
            s.clock_playing = false;
        }
        match action {
            Action::EditTaskDefinition(text) => {
                let mut doc = s.doc.clone();
                doc.task_definition_text = text;
                s.change_doc(doc, true);
            }
            Action::AddZone => s.add_zone(),
            Action::RemoveZone(zone) => s.remove_zone(&zone),
            Action::AddInstance { zone, instance_type } => s.add_instance(&zone, &instance_type),
            Action::RemoveInstance(id) => {
                s.append(vec![json!({"DeregisterContainerInstance": {"containerInstance": id, "force": true}})])
            }
            Action::SetDraining { instance, draining } => s.append(vec![json!({"UpdateContainerInstancesState": {
                "containerInstances": [instance], "status": if draining { "DRAINING" } else { "ACTIVE" }
            }})]),
            Action::PutAttribute { instance, name, value } => s.append(vec![json!({"PutAttributes": {
                "attributes": [{"name": name.trim(), "value": value.trim(), "targetId": instance}]
            }})]),
            Action::RemoveAttribute { instance, name } => {
                s.append(vec![json!({"PutAttributes": {"attributes": [{"name": name, "targetId": instance}]}})])
            }
            Action::StopTask(arn) => {
                s.append(vec![json!({"StopTask": {"task": arn, "reason": "Stopped in the playground"}})])
            }
            Action::Run => s.run(),
            Action::OpenScenario(name) => s.open_scenario(&name),
            Action::Import { file_name, text } => s.import(&file_name, &text),
            Action::OpenShared(fragment) => s.open_shared(&fragment),
            Action::Undo => s.undo(),
            Action::Redo => s.redo(),
            Action::SetCount(n) => s.run.count = n.clamp(1, MAX_COUNT),
            Action::SetCountText(text) => match count_from_text(&text, s.run.as_service) {
                Ok(n) if s.run.as_service => {
                    s.run.desired = n;
                    s.count_error = None;
                }
                Ok(n) => {
                    s.run.count = n;
                    s.count_error = None;
                }
                Err(why) => s.count_error = Some(why),
            },
            Action::SetGroup(g) => s.run.group = g,
            Action::SetRunAsService(on) => {
                s.run.as_service = on;
                s.count_error = None; // the other field shows its own (valid) number
            }
            Action::SetServiceName(name) => s.run.service_name = name,
            Action::SetDesired(n) => s.run.desired = n.min(MAX_DESIRED),
            Action::AddStrategy => {
                if s.run.strategies.len() < MAX_STRATEGIES {
                    let next = if s.run.strategies.iter().any(|r| r.kind == StrategyKind::Spread) {
                        StrategyRule::binpack("memory")
                    } else {
                        StrategyRule::spread("attribute:ecs.availability-zone")
                    };
                    s.run.strategies.push(next);
                }
            }
            Action::SetStrategy(i, rule) => {
                if let Some(r) = s.run.strategies.get_mut(i) {
                    *r = rule;
                }
            }
            Action::MoveStrategy { index, up } => {
                let other = if up { index.checked_sub(1) } else { Some(index + 1) };
                if let Some(other) = other.filter(|o| *o < s.run.strategies.len() && index < s.run.strategies.len()) {
                    s.run.strategies.swap(index, other);
                }
            }
            Action::RemoveStrategy(i) => {
                if i < s.run.strategies.len() {
                    s.run.strategies.remove(i);
                }
            }
            Action::AddConstraint(rule) => {
                if s.run.constraints.len() < MAX_CONSTRAINTS {
                    s.run.constraints.push(rule);
                }
            }
            Action::SetConstraint(i, rule) => {
                if let Some(r) = s.run.constraints.get_mut(i) {
                    *r = rule;
                }
            }
            Action::RemoveConstraint(i) => {
                if i < s.run.constraints.len() {
                    s.run.constraints.remove(i);
                }
            }
            Action::SetStep(step) => s.step = step,
            Action::SetPlaying(playing) => s.playing = playing,
            Action::DecisionKey(key) => s.decision_key(key),
            Action::SetPredict(on) => {
                s.predict = on;
                if on && s.derived.decision.is_some() {
                    // Start the decision on screen over, its outcome hidden again.
                    s.step = 0;
                    s.playing = false;
                    s.guesses = Rc::default();
                }
            }
            Action::SetSpeed(speed) => s.speed = if speed.is_finite() { speed.clamp(0.25, 8.0) } else { 1.0 },
            Action::SelectInstance(Some(id)) if s.undecided_task().is_some() => {
                // Predicting: a card clicked before the task's outcome is the guess.
                if let Some(task) = s.undecided_task() {
                    Rc::make_mut(&mut s.guesses).insert(task, id);
                }
            }
            Action::SelectInstance(id) => {
                // On a phone the checks are on the Decision tab: go there to show them.
                if id.is_some() && s.derived.decision.is_some() {
                    s.tab = Tab::Decision;
                }
                s.selected_instance = id;
            }
            Action::Notify(notice) => s.notice = Some(notice),
            Action::DismissNotice => s.notice = None,
            Action::SetTab(tab) => s.tab = tab,
            Action::SetPresentation(on) => s.presentation = on,
            Action::SetSecurityGroupOpen(open) => s.security_group_open = open,
            Action::DismissLesson => s.lesson_hidden = true,
            Action::ShowLesson => s.lesson_hidden = false,
            Action::ResetLesson => {
                if let Some(name) = s.lesson.as_ref().map(|l| l.name.clone()) {
                    s.clock_playing = false;
                    s.open_scenario(&name);
                    s.notice = Some(Notice::info(
                        "The lesson starts again from its first board. Undo brings back where you were.",
                    ));
                }
            }
            Action::TickClock(seconds) => s.advance_clock(seconds, true),
            Action::StepClock => {
                s.clock_playing = false;
                s.advance_clock(STEP_SECONDS, false);
            }
            Action::SetClockPlaying(on) => {
                s.clock_playing = on;
                s.time_burst = false;
            }
            Action::SetClockSpeed(speed) => {
                s.clock_speed = if time_forms::SPEEDS.iter().any(|(v, _)| *v == speed) {
                    speed
                } else {
                    DEFAULT_SPEED
                }
            }
            Action::SelectService(name) => {
                s.time_service = name;
                s.derived = Rc::new(s.derived.reselected(s.time_service.as_deref()));
            }
            Action::Send(requests) => s.send(requests),
            Action::DeployRevision(service) => s.deploy_revision(&service),
            Action::RelaunchWithTrunking(id) => s.relaunch_with_trunking(&id),
        }
        Rc::new(s)
    }
}

/// Lesson progress and ENI trunking (kept apart from the reducer's older helpers).
impl State {
    /// Counts the open lesson as tried: the learner ran something in it (RunTask, a
    /// service, or time).
    fn mark_tried(&mut self) {
        if let Some(lesson) = &self.lesson {
            if !self.tried_lessons.contains(&lesson.name) {
                self.tried_lessons.push(lesson.name.clone());
            }
        }
    }

    /// [`State::mark_tried`] when the requests from `from` on start tasks (a time panel's
    /// CreateService).
    fn mark_tried_if_started(&mut self, from: usize) {
        let started = self.doc.requests.iter().skip(from).any(|r| {
            ["RunTask", "CreateService"]
                .iter()
                .any(|op| r.get(*op).is_some())
        });
        if started {
            self.mark_tried();
        }
    }

    /// Deregisters `id` (its tasks stop) and registers a new instance of its type in its
    /// zone with ENI trunking on: ECS turns trunking on only for instances launched after
    /// the awsvpcTrunking account setting, never for a running one.
    fn relaunch_with_trunking(&mut self, id: &str) {
        let Some((zone, instance_type)) = self
            .derived
            .cluster
            .instance(id)
            .map(|i| (i.zone.clone(), i.instance_type.clone()))
        else {
            return;
        };
        let Some(limit) = catalog::lookup(&instance_type).and_then(|t| t.trunk_task_limit) else {
            self.notice = Some(Notice::error(format!(
                "{instance_type} does not support ENI trunking: a larger type has more ENIs."
            )));
            return;
        };
        let new_id = format!("i-{}", next_instance_number(&self.doc));
        self.append(vec![
            json!({"DeregisterContainerInstance": {"containerInstance": id, "force": true}}),
            json!({"RegisterContainerInstance": {
                "ec2InstanceId": new_id, "availabilityZone": zone,
                "instanceType": instance_type, "eniTrunking": true
            }}),
        ]);
        if self.notice.is_none() {
            self.notice = Some(Notice::success(format!(
                "{id} was deregistered (its tasks stopped) and {new_id}, a {instance_type} launched with ENI trunking, registered in {zone}: it can run {limit} awsvpc tasks."
            )));
        }
    }
}
