//! The only place that talks to the browser: localStorage, the URL, the clipboard, file
//! download and upload, drag-and-drop data and document-wide listeners. Every call is
//! behind `cfg(target_arch = "wasm32")` with a native no-op twin, so `cargo test` and the
//! server-side render compile and run natively. Nothing here may panic: the browser can
//! refuse storage (private mode), the clipboard (permissions) or a file, and each refusal
//! becomes a return value the page turns into a notice.

/// localStorage keys. The `v1` is there so a future format can move on without choking
/// on an old save.
pub const DOC_KEY: &str = "ecs-playground.doc.v1";
pub const EXTRAS_KEY: &str = "ecs-playground.extras.v1";

/// The value of `name` in a query string (`?scenario=x&embed=1`), percent-decoded.
pub fn query_value(search: &str, name: &str) -> Option<String> {
    search.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(key) == name).then(|| percent_decode(value))
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push(high * 16 + low);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// True for `?embed=1` (or `true`).
pub fn is_embed(search: &str) -> bool {
    matches!(
        query_value(search, "embed").as_deref(),
        Some("1") | Some("true") | Some("")
    )
}

pub use imp::*;

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::RefCell;

    use gloo::events::EventListener;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use yew::prelude::*;

    use super::{is_embed, query_value, DOC_KEY, EXTRAS_KEY};
    use crate::ui::state::Startup;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    fn storage() -> Option<web_sys::Storage> {
        window()?.local_storage().ok().flatten()
    }

    /// Everything the first state needs from the page.
    pub fn startup() -> Startup {
        let location = window().map(|w| w.location());
        let search = location
            .as_ref()
            .and_then(|l| l.search().ok())
            .unwrap_or_default();
        let embed = is_embed(&search);
        let store = storage();
        Startup {
            // An embedded page neither reads nor writes the visitor's own saved work.
            saved_doc: if embed {
                None
            } else {
                store
                    .as_ref()
                    .and_then(|s| s.get_item(DOC_KEY).ok().flatten())
            },
            saved_extras: if embed {
                None
            } else {
                store
                    .as_ref()
                    .and_then(|s| s.get_item(EXTRAS_KEY).ok().flatten())
            },
            fragment: location
                .as_ref()
                .and_then(|l| l.hash().ok())
                .unwrap_or_default(),
            scenario: query_value(&search, "scenario"),
            embed,
        }
    }

    /// Saves the document; `Err` when the browser refuses (private mode, quota).
    pub fn save(doc_json: &str, extras_json: &str) -> Result<(), String> {
        let store = storage()
            .ok_or_else(|| "this browser does not allow local storage here".to_string())?;
        store
            .set_item(DOC_KEY, doc_json)
            .and_then(|_| store.set_item(EXTRAS_KEY, extras_json))
            .map_err(|_| "the browser refused to store it (storage full or disabled)".to_string())
    }

    /// The page's address without its fragment.
    fn base_url() -> Option<String> {
        let location = window()?.location();
        Some(format!(
            "{}{}{}",
            location.origin().ok()?,
            location.pathname().ok()?,
            location.search().ok()?
        ))
    }

    fn replace_url(url: &str) {
        if let Some(history) = window().and_then(|w| w.history().ok()) {
            // replaceState: no new history entry and no hashchange event.
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
        }
    }

    pub fn current_fragment() -> String {
        window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    /// Puts `fragment` (`#s=...`) in the address bar and returns the full link.
    pub fn set_fragment(fragment: &str) -> String {
        let url = format!("{}{fragment}", base_url().unwrap_or_default());
        replace_url(&url);
        url
    }

    /// Removes the fragment, and `?scenario=` unless `keep_scenario`, so a reload restores
    /// the saved work rather than reopening the link.
    pub fn tidy_url(keep_scenario: bool) {
        let Some(location) = window().map(|w| w.location()) else {
            return;
        };
        let (Ok(origin), Ok(path), Ok(search)) =
            (location.origin(), location.pathname(), location.search())
        else {
            return;
        };
        let search = if keep_scenario {
            search
        } else {
            let kept: Vec<&str> = search
                .trim_start_matches('?')
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("scenario="))
                .collect();
            if kept.is_empty() {
                String::new()
            } else {
                format!("?{}", kept.join("&"))
            }
        };
        replace_url(&format!("{origin}{path}{search}"));
    }

    /// Copies `text`; `done(true)` once it is on the clipboard, `done(false)` when the
    /// browser refuses (no secure context, no permission in an iframe).
    pub fn copy_to_clipboard(text: &str, done: Callback<bool>) {
        let Some(w) = window() else {
            return done.emit(false);
        };
        // navigator.clipboard exists only in secure contexts; calling it elsewhere throws.
        if !w.is_secure_context() {
            return done.emit(false);
        }
        let promise = w.navigator().clipboard().write_text(text);
        let ok = {
            let done = done.clone();
            Closure::once(move |_: JsValue| done.emit(true))
        };
        let refused = Closure::once(move |_: JsValue| done.emit(false));
        let _ = promise.then2(&ok, &refused);
        // Both closures must outlive the promise; one small leak per click.
        ok.forget();
        refused.forget();
    }

    /// Offers `text` as a file download named `file_name`.
    pub fn download(file_name: &str, text: &str) -> Result<(), String> {
        let document = window().and_then(|w| w.document()).ok_or("no document")?;
        let blob = gloo::file::Blob::new_with_options(text, Some("application/json"));
        let url = gloo::file::ObjectUrl::from(blob);
        let anchor: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(|_| "could not create a download link".to_string())?
            .dyn_into()
            .map_err(|_| "could not create a download link".to_string())?;
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
        // Revoke the object URL only after the browser has started the download.
        gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
        Ok(())
    }

    thread_local! {
        /// The file being read: dropping a reader aborts it, so it lives here until done.
        static READER: RefCell<Option<gloo::file::callbacks::FileReader>> = const { RefCell::new(None) };
    }

    /// Reads the file chosen in the `<input type=file>` that fired `event`:
    /// `done(name, Ok(text))` or `done(name, Err(why))`.
    pub fn read_chosen_file(event: &Event, done: Callback<(String, Result<String, String>)>) {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // Let the same file be chosen again later (change fires only on a new value).
        input.set_value("");
        let file = gloo::file::File::from(file);
        let name = file.name();
        let reader = gloo::file::callbacks::read_as_text(&file, move |result| {
            done.emit((name, result.map_err(|e| e.to_string())));
            READER.with(|r| r.borrow_mut().take());
        });
        READER.with(|r| *r.borrow_mut() = Some(reader));
    }

    /// The palette puts the instance type on the drag.
    pub fn set_drag_text(event: &DragEvent, text: &str) {
        if let Some(dt) = event.data_transfer() {
            let _ = dt.set_data("text/plain", text);
            dt.set_effect_allowed("copy");
        }
    }

    pub fn drag_text(event: &DragEvent) -> Option<String> {
        event
            .data_transfer()
            .and_then(|dt| dt.get_data("text/plain").ok())
            .filter(|t| !t.is_empty())
    }

    /// Keeps a document-wide listener alive; dropping it removes the listener.
    pub struct Listener(#[allow(dead_code)] Option<EventListener>);

    /// Ctrl+Z and friends, anywhere on the page.
    pub fn on_keydown(callback: Callback<KeyboardEvent>) -> Listener {
        Listener(window().and_then(|w| w.document()).map(|doc| {
            // Not passive: the shortcut calls preventDefault to keep the browser's own undo out.
            let options = gloo::events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&doc, "keydown", options, move |e| {
                if let Some(e) = e.dyn_ref::<KeyboardEvent>() {
                    callback.emit(e.clone());
                }
            })
        }))
    }

    /// A link pasted into the address bar of the open page changes only the fragment.
    pub fn on_fragment_change(callback: Callback<String>) -> Listener {
        Listener(window().map(|w| {
            EventListener::new(&w, "hashchange", move |_| callback.emit(current_fragment()))
        }))
    }

    /// The value of the input, select or textarea that fired `event`.
    pub fn event_value(event: &Event) -> String {
        let Some(target) = event.target() else {
            return String::new();
        };
        if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
            input.value()
        } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
            select.value()
        } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.value()
        } else {
            String::new()
        }
    }

    /// Whether the checkbox that fired `event` is now checked.
    pub fn event_checked(event: &Event) -> bool {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.checked())
            .unwrap_or(false)
    }

    /// Selects the text of the input that got focus (the share link, ready to copy).
    pub fn select_focused_text(event: &FocusEvent) {
        if let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.select();
        }
    }

    /// True when the event started on (or inside) a control of its own: a click on a
    /// card's button must not also select the card.
    pub fn from_inner_control(event: &Event) -> bool {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| {
                el.closest("button, input, select, textarea, summary, a, label, details")
                    .ok()
                    .flatten()
            })
            .is_some()
    }

    /// True when the user is typing in a text field (shortcuts then belong to the field).
    pub fn is_typing(event: &KeyboardEvent) -> bool {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .map(|el| {
                matches!(
                    el.tag_name().to_ascii_uppercase().as_str(),
                    "TEXTAREA" | "INPUT" | "SELECT"
                ) || el.closest("[contenteditable]").ok().flatten().is_some()
            })
            .unwrap_or(false)
    }

    /// The key went to a widget that moves with arrow keys itself (tabs, menus, sliders).
    pub fn in_arrow_widget(event: &KeyboardEvent) -> bool {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| {
                el.closest(
                    "[role=tablist], [role=listbox], [role=menu], [role=slider], [role=radiogroup]",
                )
                .ok()
                .flatten()
            })
            .is_some()
    }

    /// Presentation mode enlarges the root font size, so every rem grows with it.
    pub fn set_presentation(on: bool) {
        if let Some(root) = window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = if on {
                root.set_attribute("data-presentation", "on")
            } else {
                root.remove_attribute("data-presentation")
            };
        }
    }

    /// Scrolls the page just enough that the first element matching `selector` is in view
    /// (nothing moves when it already is): `smooth` unless the reader asked for less
    /// motion, else at once.
    pub fn bring_into_view(selector: &str, smooth: bool) {
        let Some(w) = window() else { return };
        let Some(el) = w
            .document()
            .and_then(|d| d.query_selector(selector).ok().flatten())
        else {
            return;
        };
        let reduced = w
            .match_media("(prefers-reduced-motion: reduce)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        options.set_behavior(if reduced || !smooth {
            web_sys::ScrollBehavior::Auto
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }

    /// The tabbed layout (phones, embeds): one column shows at a time.
    pub fn is_narrow() -> bool {
        window()
            .and_then(|w| w.match_media("(max-width: 800px)").ok().flatten())
            .is_some_and(|m| m.matches())
    }

    /// On a phone, a tab switched by the page (Run shows the Cluster tab) starts at its top
    /// rather than wherever the previous tab was scrolled to.
    pub fn reveal_tab_panel() {
        let Some(w) = window() else { return };
        let narrow = w
            .match_media("(max-width: 800px)")
            .ok()
            .flatten()
            .map(|m| m.matches())
            .unwrap_or(false);
        let columns = w
            .document()
            .and_then(|d| d.query_selector(".columns").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let (true, Some(columns), Ok(scrolled)) = (narrow, columns, w.scroll_y()) {
            // the sticky tab bar is about 3 rem tall
            let top = f64::from(columns.offset_top()) - 48.0;
            if scrolled > top {
                w.scroll_to_with_x_and_y(0.0, top.max(0.0));
            }
        }
    }
}

/// Native stand-ins: tests and the server-side render have no browser.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use yew::prelude::*;

    use crate::ui::state::Startup;

    pub fn startup() -> Startup {
        Startup::default()
    }
    pub fn save(_doc_json: &str, _extras_json: &str) -> Result<(), String> {
        Ok(())
    }
    pub fn current_fragment() -> String {
        String::new()
    }
    pub fn set_fragment(fragment: &str) -> String {
        fragment.to_string()
    }
    pub fn tidy_url(_keep_scenario: bool) {}
    pub fn copy_to_clipboard(_text: &str, done: Callback<bool>) {
        done.emit(false)
    }
    pub fn download(_file_name: &str, _text: &str) -> Result<(), String> {
        Err("downloads need a browser".into())
    }
    pub fn read_chosen_file(_event: &Event, _done: Callback<(String, Result<String, String>)>) {}
    pub fn set_drag_text(_event: &DragEvent, _text: &str) {}
    pub fn drag_text(_event: &DragEvent) -> Option<String> {
        None
    }
    pub struct Listener;
    pub fn on_keydown(_callback: Callback<KeyboardEvent>) -> Listener {
        Listener
    }
    pub fn on_fragment_change(_callback: Callback<String>) -> Listener {
        Listener
    }
    pub fn event_value(_event: &Event) -> String {
        String::new()
    }
    pub fn event_checked(_event: &Event) -> bool {
        false
    }
    pub fn select_focused_text(_event: &FocusEvent) {}
    pub fn from_inner_control(_event: &Event) -> bool {
        false
    }
    pub fn is_typing(_event: &KeyboardEvent) -> bool {
        false
    }
    pub fn in_arrow_widget(_event: &KeyboardEvent) -> bool {
        false
    }
    pub fn set_presentation(_on: bool) {}
    pub fn reveal_tab_panel() {}
    pub fn bring_into_view(_selector: &str, _smooth: bool) {}
    pub fn is_narrow() -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values() {
        assert_eq!(
            query_value("?scenario=port-conflict&embed=1", "scenario").as_deref(),
            Some("port-conflict")
        );
        assert_eq!(
            query_value("?a=1&scenario=member%2Dof-cql", "scenario").as_deref(),
            Some("member-of-cql")
        );
        assert_eq!(query_value("?a=1", "scenario"), None);
        assert_eq!(query_value("", "scenario"), None);
        assert_eq!(query_value("?x=%zz%", "x").as_deref(), Some("%zz%"));
        assert!(is_embed("?embed=1"));
        assert!(!is_embed("?embed=0"));
    }
}
