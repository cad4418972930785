//! A message about the user's input, anchored to where it is.

use serde::Serialize;

use super::json::{LineIndex, Span};

/// One error or warning: the JSON path (`containerDefinitions[0].memory`), what ECS expects,
/// and the 1-based line and column where the offending value starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub message: String,
    pub line: u32,
    pub column: u32,
}

impl Diagnostic {
    pub fn at(
        index: &LineIndex,
        span: Span,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = index.position(span.start);
        Diagnostic {
            path: path.into(),
            message: message.into(),
            line,
            column,
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}:{}: {}", self.line, self.column, self.message)
        } else {
            write!(
                f,
                "{}:{}: {}: {}",
                self.line, self.column, self.path, self.message
            )
        }
    }
}
