//! Keyboard rules of the editor. Tab indents (what people expect in a code editor), but a
//! keyboard user must still be able to leave: Escape, then Tab, moves focus on as usual.
//! Shift+Tab is never taken over, so it always moves focus backwards.

/// What a keydown in the textarea should do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Insert two spaces instead of moving focus.
    Indent,
    /// Escape: the next Tab leaves the editor.
    ArmEscape,
    /// Let the browser handle the key; any pending Escape is forgotten.
    Native,
}

/// `escape_armed`: Escape was the previous key.
pub fn key_action(key: &str, shift: bool, other_modifier: bool, escape_armed: bool) -> KeyAction {
    match key {
        "Escape" => KeyAction::ArmEscape,
        "Tab" if !shift && !other_modifier && !escape_armed => KeyAction::Indent,
        _ => KeyAction::Native,
    }
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
    }
}
