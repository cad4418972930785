//! The task-definition editor: a plain `<textarea>` (native caret, selection, undo, IME and
//! screen-reader support) with transparent text, laid over a `<pre>` that shows the same
//! text coloured (`surface`). Both use the same font metrics and never wrap lines, and the
//! coloured lines, line bands and gutter follow the textarea's scrolling, so the caret sits
//! on the coloured characters. Only the lines around the view are drawn (`window`), so a
//! huge paste stays as quick to edit as a small one.
//!
//! Every keystroke goes straight up through `on_change` (nothing is ever lost); validation
//! with the task-definition reader runs once typing pauses (250 ms), and its errors are
//! marked at their lines and listed below, each a button that puts the caret there.

// The pure helpers (no yew) live in `crate::ui`; re-exported here for the editor's parts.
pub use crate::ui::{format, highlight, templates};

mod analysis;
mod dom;
mod keys;
mod layers;
mod position;
mod problems;
mod surface;
mod window;

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

pub use analysis::{problem_text, summary, Analysis};
pub use keys::{key_action, KeyAction};
pub use layers::{Layers, Severity, HIGHLIGHT_LIMIT};
pub use position::{byte_offset_of_utf16, replace_selection, utf16_offset, LineStarts};

use format::format_json;
use problems::Problems;
use surface::Surface;
use templates::{template, TEMPLATES};

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The text to show (the editor reports every change through `on_change`).
    pub text: AttrValue,
    pub on_change: Callback<String>,
    /// How long typing must pause before the text is validated.
    #[prop_or(250)]
    pub debounce_ms: u32,
    /// Prefix of the element ids (the label, hint and summary point at them by id); only
    /// needed when a page shows two editors.
    #[prop_or(AttrValue::Static("taskdef-editor"))]
    pub id: AttrValue,
    /// What the cluster has registered of this family, and what Run would register.
    #[prop_or_default]
    pub registration: Option<AttrValue>,
}

/// A message about the last Format or Templates action. It belongs to the text it produced
/// and disappears as soon as the text changes again.
#[derive(Debug, Clone, PartialEq)]
struct Notice {
    for_text: AttrValue,
    is_error: bool,
    message: String,
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let text = props.text.clone();
    // The first analysis is immediate (also in server rendering, where effects never run);
    // later ones wait for a pause in typing.
    let analysis = use_state(|| Rc::new(Analysis::new(text.clone())));
    {
        let analysis = analysis.clone();
        let delay = props.debounce_ms;
        use_effect_with(text.clone(), move |text| {
            let pending = schedule_analysis(text.clone(), analysis, delay);
            // A newer keystroke runs this cleanup, dropping (cancelling) the pending timer.
            move || {
                let _cancelled = pending;
            }
        });
    }
    let notice = use_state(|| None::<Notice>);
    // Escape was the last key: the next Tab leaves the editor. A ref, not state: it only
    // steers the next keydown and must not re-render.
    let escape_armed = use_mut_ref(|| false);
    let textarea = use_node_ref();

    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(value) = dom::input_value(&e) {
                on_change.emit(value);
            }
        })
    };
    let onkeydown = on_keydown(&escape_armed, &textarea, &props.on_change);
    let onformat = {
        let (text, notice, on_change) = (text.clone(), notice.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| format_clicked(&text, &notice, &on_change))
    };
    // The menu shows the template the text is (so arrow keys on the closed menu step
    // through the templates), or its prompt once the text is the user's own.
    let template_menu = use_node_ref();
    {
        let menu = template_menu.clone();
        use_effect_with(text.clone(), move |text| {
            let showing = TEMPLATES.iter().find(|t| t.text == text.as_str());
            dom::show_select_value(&menu, showing.map_or("", |t| t.name));
        });
    }
    let ontemplate = {
        let (notice, on_change) = (notice.clone(), props.on_change.clone());
        Callback::from(move |e: Event| {
            let Some(chosen) = dom::select_value(&e).as_deref().and_then(template) else {
                return;
            };
            notice.set(Some(Notice {
                for_text: AttrValue::Static(chosen.text),
                is_error: false,
                message: format!(
                    "Loaded the template “{}”. Undo brings back your previous text.",
                    chosen.title
                ),
            }));
            on_change.emit(chosen.text.to_string());
        })
    };
    let on_jump = {
        let (text, textarea) = (text.clone(), textarea.clone());
        Callback::from(move |(line, column): (u32, u32)| {
            let lines = LineStarts::new(&text);
            let byte = lines.offset(line, column);
            dom::move_caret(&textarea, utf16_offset(&text, byte), line, lines.count());
        })
    };

    let id = &props.id;
    let input_id = format!("{id}-input");
    let hint_id = format!("{id}-hint");
    let summary_id = format!("{id}-summary");
    let valid = analysis.is_valid();
    let checking = analysis.text != text;
    let too_big = text.len() > HIGHLIGHT_LIMIT;
    let notice_view = notice.as_ref().filter(|n| n.for_text == text).map(|n| {
        let class = classes!("editor-notice", n.is_error.then_some("editor-notice-error"));
        html! { <p class={class} role="status">{ &n.message }</p> }
    });

    html! {
        <div class="editor">
            <div class="editor-toolbar">
                <label class="editor-label" for={input_id.clone()}>{ "Task definition JSON" }</label>
                <div class="editor-actions">
                    <select
                        ref={template_menu}
                        class="editor-templates"
                        aria-label="Templates"
                        onchange={ontemplate}
                    >
                        <option value="" selected=true>{ "Templates…" }</option>
                        { for TEMPLATES.iter().map(|t| html! {
                            <option value={t.name}>{ t.title }</option>
                        }) }
                    </select>
                    <button type="button" class="editor-button" onclick={onformat}>{ "Format" }</button>
                </div>
            </div>
            <Surface
                text={text.clone()}
                analysis={(*analysis).clone()}
                {textarea}
                input_id={input_id}
                described_by={format!("{summary_id} {hint_id}")}
                {oninput}
                {onkeydown}
            />
            <p id={hint_id.clone()} class="editor-hint">
                { "Tab inserts two spaces. To leave the editor with the keyboard, press Escape, then Tab." }
            </p>
            if too_big {
                <p class="editor-note">
                    { format!(
                        "This text is {} KB, so colouring is switched off (above {} KB) to keep typing fast. Validation still runs.",
                        text.len() / 1024,
                        HIGHLIGHT_LIMIT / 1024
                    ) }
                </p>
            }
            <p
                id={summary_id.clone()}
                class={classes!("editor-summary", if valid { "valid" } else { "invalid" })}
                role="status"
                aria-busy={if checking { "true" } else { "false" }}
            >
                <span class="editor-summary-icon" aria-hidden="true">{ if valid { "✓" } else { "✕" } }</span>
                { " " }{ analysis.summary.clone() }
            </p>
            if let Some(note) = &props.registration {
                <p class="editor-registration">{ note.clone() }</p>
            }
            { notice_view.unwrap_or_default() }
            <Problems report={(*analysis).clone()} {on_jump} />
        </div>
    }
}

/// A validation waiting for typing to pause; dropping it cancels it.
#[cfg(target_arch = "wasm32")]
type Pending = Option<gloo::timers::callback::Timeout>;
#[cfg(not(target_arch = "wasm32"))]
type Pending = Option<()>;

/// Validates `text` after `delay_ms`, unless the analysis already has it.
#[cfg(target_arch = "wasm32")]
fn schedule_analysis(
    text: AttrValue,
    analysis: UseStateHandle<Rc<Analysis>>,
    delay_ms: u32,
) -> Pending {
    if analysis.text == text {
        return None;
    }
    Some(gloo::timers::callback::Timeout::new(delay_ms, move || {
        analysis.set(Rc::new(Analysis::new(text)));
    }))
}

/// Natively there are no timers (and effects only run in a browser anyway): validate now.
#[cfg(not(target_arch = "wasm32"))]
fn schedule_analysis(
    text: AttrValue,
    analysis: UseStateHandle<Rc<Analysis>>,
    _delay_ms: u32,
) -> Pending {
    if analysis.text != text {
        analysis.set(Rc::new(Analysis::new(text)));
    }
    None
}

fn on_keydown(
    escape_armed: &Rc<RefCell<bool>>,
    textarea: &NodeRef,
    on_change: &Callback<String>,
) -> Callback<KeyboardEvent> {
    let (escape_armed, textarea, on_change) =
        (escape_armed.clone(), textarea.clone(), on_change.clone());
    Callback::from(move |e: KeyboardEvent| {
        let other_modifier = e.ctrl_key() || e.alt_key() || e.meta_key();
        let armed = *escape_armed.borrow();
        let action = if e.is_composing() {
            KeyAction::Native // an IME owns these keys
        } else {
            key_action(&e.key(), e.shift_key(), other_modifier, armed)
        };
        *escape_armed.borrow_mut() = action == KeyAction::ArmEscape;
        let inserted = match action {
            KeyAction::Indent => keys::INDENT.to_string(),
            KeyAction::Newline => match dom::text_before_caret(&textarea) {
                Some(before) => keys::newline_with_indent(&before),
                None => return, // let the browser insert a plain line break
            },
            KeyAction::ArmEscape | KeyAction::Native => return,
        };
        e.prevent_default();
        // Usually the browser inserts and fires `input`; if it could not, report here.
        if let Some(new_text) = dom::insert_at_selection(&textarea, &inserted) {
            on_change.emit(new_text);
        }
    })
}

fn format_clicked(
    text: &AttrValue,
    notice: &UseStateHandle<Option<Notice>>,
    on_change: &Callback<String>,
) {
    match format_json(text) {
        Ok(formatted) => {
            notice.set(Some(Notice {
                for_text: AttrValue::from(formatted.clone()),
                is_error: false,
                message: "Formatted: two-space indents, keys in your order.".into(),
            }));
            if formatted != text.as_str() {
                on_change.emit(formatted);
            }
        }
        Err(e) => notice.set(Some(Notice {
            for_text: text.clone(),
            is_error: true,
            message: format!(
                "Format needs valid JSON, so nothing was changed. line {}, column {} — {}",
                e.line, e.column, e.message
            ),
        })),
    }
}
