//! The few things the editor must do to the DOM directly: read values from events, keep the
//! drawn layers and the gutter scrolled with the textarea, insert text at the caret, and
//! move the caret to a problem. Browser only; native builds (tests, server rendering) get
//! no-ops, since there is no DOM there.

pub use imp::*;

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::prelude::*;
    use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};
    use yew::prelude::*;

    use super::super::position::{byte_offset_of_utf16, replace_selection};

    #[wasm_bindgen]
    extern "C" {
        /// `document.execCommand("insertText", ...)`: deprecated but still the only way to
        /// insert text that joins the browser's own undo stack (Ctrl+Z keeps working after
        /// Tab). It fires the `input` event itself.
        #[wasm_bindgen(catch, js_namespace = document, js_name = execCommand)]
        fn exec_command(command: &str, show_ui: bool, value: &str) -> Result<bool, JsValue>;
    }

    /// The textarea's text after an `input` event.
    pub fn input_value(e: &InputEvent) -> Option<String> {
        e.target_dyn_into::<HtmlTextAreaElement>()
            .map(|t| t.value())
    }

    /// The value chosen in a `<select>`.
    pub fn select_value(e: &Event) -> Option<String> {
        e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value())
    }

    /// Shows `value` as the select's choice (the editor's text decides which template, if
    /// any, is showing; the option's `selected` attribute cannot, once the user has chosen).
    pub fn show_select_value(select: &NodeRef, value: &str) {
        if let Some(select) = select.cast::<HtmlSelectElement>() {
            if select.value() != value {
                select.set_value(value);
            }
        }
    }

    /// Moves the drawn layers to where the textarea is scrolled: the text both ways, the
    /// line bands and the gutter only vertically. A transform, so that scrolling never
    /// makes the browser lay the layers out again.
    pub fn follow_scroll(textarea: &NodeRef, text: &NodeRef, bands: &NodeRef, gutter: &NodeRef) {
        let Some(ta) = textarea.cast::<Element>() else {
            return;
        };
        let (top, left) = (ta.scroll_top(), ta.scroll_left());
        let place = |layer: &NodeRef, x: i32, y: i32| {
            if let Some(el) = layer.cast::<Element>() {
                let _ = el.set_attribute(
                    "style",
                    &format!("transform: translate({}px, {}px)", -x, -y),
                );
            }
        };
        place(text, left, top);
        place(bands, 0, top);
        place(gutter, 0, top);
    }

    /// False while the element is not laid out (`display: none` on it or a parent).
    pub fn is_shown(element: &NodeRef) -> bool {
        element
            .cast::<Element>()
            .map(|el| el.client_height() > 0 || el.client_width() > 0)
            .unwrap_or(false)
    }

    /// The first line in view (1-based) and how many lines fit in the view, estimated from
    /// the scroll metrics (lines never wrap, so every line is equally tall).
    pub fn visible_lines(textarea: &NodeRef, line_count: usize) -> Option<(u32, u32)> {
        let ta = textarea.cast::<Element>()?;
        let line_height = f64::from(ta.scroll_height()) / line_count.max(1) as f64;
        if line_height <= 0.0 {
            return None;
        }
        let first = (f64::from(ta.scroll_top()) / line_height) as u32 + 1;
        let visible = (f64::from(ta.client_height()) / line_height).ceil() as u32 + 1;
        Some((first, visible))
    }

    /// Inserts `inserted` over the selection. Returns the new text when it had to be done by
    /// hand (no `input` event then: the caller reports it); `None` when the browser did it.
    pub fn insert_at_selection(textarea: &NodeRef, inserted: &str) -> Option<String> {
        let ta = textarea.cast::<HtmlTextAreaElement>()?;
        if exec_command("insertText", false, inserted) == Ok(true) {
            return None;
        }
        let start = ta.selection_start().ok().flatten()?;
        let end = ta.selection_end().ok().flatten()?;
        let (text, caret) = replace_selection(&ta.value(), start, end, inserted);
        ta.set_value(&text);
        let _ = ta.set_selection_range(caret, caret);
        Some(text)
    }

    /// The textarea's text before the caret (before the selection, if there is one).
    pub fn text_before_caret(textarea: &NodeRef) -> Option<String> {
        let ta = textarea.cast::<HtmlTextAreaElement>()?;
        let start = ta.selection_start().ok().flatten()?;
        let text = ta.value();
        let end = byte_offset_of_utf16(&text, start);
        Some(text[..end].to_string())
    }

    /// Focuses the textarea with the caret at `utf16` (a UTF-16 offset) and scrolls so that
    /// `line` (1-based, of `line_count`) is in the middle of the view.
    pub fn move_caret(textarea: &NodeRef, utf16: u32, line: u32, line_count: usize) {
        let Some(ta) = textarea.cast::<HtmlTextAreaElement>() else {
            return;
        };
        let _ = ta.set_selection_range(utf16, utf16);
        // Browsers do not reliably scroll a textarea to a caret set from script, so centre
        // the line ourselves. Lines never wrap (wrap="off"), so the line height is the
        // scroll height over the line count (the padding makes this a hair too large).
        let line_height = f64::from(ta.scroll_height()) / line_count.max(1) as f64;
        let top = (f64::from(line) - 1.0) * line_height - f64::from(ta.client_height()) / 2.0;
        ta.set_scroll_top(top.max(0.0) as i32);
        // Focus last, so that the page scrolls to the textarea as it now is.
        let _ = ta.focus();
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use yew::prelude::*;

    pub fn input_value(_: &InputEvent) -> Option<String> {
        None
    }

    pub fn select_value(_: &Event) -> Option<String> {
        None
    }

    pub fn show_select_value(_: &NodeRef, _: &str) {}

    pub fn follow_scroll(_: &NodeRef, _: &NodeRef, _: &NodeRef, _: &NodeRef) {}

    pub fn is_shown(_: &NodeRef) -> bool {
        false
    }

    pub fn visible_lines(_: &NodeRef, _: usize) -> Option<(u32, u32)> {
        None
    }

    pub fn insert_at_selection(_: &NodeRef, _: &str) -> Option<String> {
        None
    }

    pub fn text_before_caret(_: &NodeRef) -> Option<String> {
        None
    }

    pub fn move_caret(_: &NodeRef, _: u32, _: u32, _: usize) {}
}
