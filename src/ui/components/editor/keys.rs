//! Keyboard rules of the editor. Tab indents (what people expect in a code editor), but a
//! keyboard user must still be able to leave: Escape, then Tab, moves focus on as usual.
//! Shift+Tab is never taken over, so it always moves focus backwards. Enter keeps the
//! current line's indentation (one step more after `{` or `[`), as code editors do.

/// What a keydown in the textarea should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Insert two spaces instead of moving focus.
    Indent,
    /// A line break that keeps the indentation (see `newline_with_indent`).
    Newline,
    /// Escape: the next Tab leaves the editor.
    ArmEscape,
    /// Let the browser handle the key; any pending Escape is forgotten.
    Native,
}

/// `escape_armed`: Escape was the previous key. Keys that are part of an IME composition
/// must be passed as Native by the caller.
pub fn key_action(key: &str, shift: bool, other_modifier: bool, escape_armed: bool) -> KeyAction {
    match key {
        "Escape" => KeyAction::ArmEscape,
        "Tab" if !shift && !other_modifier && !escape_armed => KeyAction::Indent,
        "Enter" if !shift && !other_modifier => KeyAction::Newline,
        _ => KeyAction::Native,
    }
}

/// What Enter inserts, given the text before the caret: a line break and the current line's
/// leading spaces and tabs, plus one indent after an opening `{` or `[`.
pub fn newline_with_indent(before_caret: &str) -> String {
    let line = before_caret.rsplit('\n').next().unwrap_or("");
    let indent: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let opens = matches!(line.trim_end().chars().last(), Some('{' | '['));
    let mut inserted = String::with_capacity(1 + indent.len() + INDENT.len());
    inserted.push('\n');
    inserted.push_str(&indent);
    if opens {
        inserted.push_str(INDENT);
    }
    inserted
}

/// Two spaces: the indent the Format button writes too.
pub const INDENT: &str = "  ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_indents_unless_escaped_or_shifted() {
        assert_eq!(key_action("Tab", false, false, false), KeyAction::Indent);
        assert_eq!(key_action("Tab", false, false, true), KeyAction::Native);
        assert_eq!(key_action("Tab", true, false, false), KeyAction::Native);
        assert_eq!(key_action("Tab", false, true, false), KeyAction::Native);
        assert_eq!(
            key_action("Escape", false, false, false),
            KeyAction::ArmEscape
        );
        assert_eq!(key_action("a", false, false, true), KeyAction::Native);
        assert_eq!(key_action("Enter", false, false, false), KeyAction::Newline);
        assert_eq!(key_action("Enter", true, false, false), KeyAction::Native);
    }

    #[test]
    fn enter_keeps_the_indentation() {
        assert_eq!(newline_with_indent(""), "\n");
        assert_eq!(newline_with_indent("{"), "\n  ");
        assert_eq!(newline_with_indent("{\n  \"a\": 1,"), "\n  ");
        assert_eq!(newline_with_indent("x\n    \"b\": ["), "\n      ");
        assert_eq!(newline_with_indent("\t\"c\": {  "), "\n\t  ");
    }
}
