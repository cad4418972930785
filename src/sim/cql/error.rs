//! The syntax error `parse` returns: a message and the character it points at.

/// A CQL syntax error: what is wrong and the character it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CqlError {
    /// What is wrong and, where it helps, what was expected (without the position).
    pub message: String,
    /// 0-based character offset into the expression (not a byte offset), so an editor can
    /// underline the character whatever the text's encoding. Equal to the expression's length
    /// when the problem is that the text ends too early.
    pub offset: usize,
}

impl CqlError {
    pub(super) fn new(message: impl Into<String>, offset: usize) -> Self {
        CqlError {
            message: message.into(),
            offset,
        }
    }

    /// 1-based column of the offending character (expressions are a single line).
    pub fn column(&self) -> usize {
        self.offset + 1
    }
}

/// A value as quoted in a message, cut to 40 characters so a long regex does not drown it.
pub(super) fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        // ok: `cut` comes from char_indices, so it is a char boundary.
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

impl std::fmt::Display for CqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at column {}", self.message, self.column())
    }
}

impl std::error::Error for CqlError {}
