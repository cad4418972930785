//! The reader's working state: where diagnostics go, how paths are spelled, and typed access
//! to JSON values that reports a wrong type in ECS's terms instead of failing.
//!
//! Every getter treats JSON `null` as "not given": old SDKs wrote describe-task-definition
//! output with explicit nulls (`"networkMode": null`), and users paste it as it is.

use crate::sim::diagnostic::Diagnostic;
use crate::sim::json::{Json, JsonKind, LineIndex, Member, Span};

/// Collects errors and warnings, each positioned in the whole document.
pub(crate) struct Ctx<'a, 'src> {
    index: &'a LineIndex<'src>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl<'a, 'src> Ctx<'a, 'src> {
    pub fn new(index: &'a LineIndex<'src>) -> Self {
        Ctx {
            index,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn error(&mut self, span: Span, path: &str, message: impl Into<String>) {
        self.errors
            .push(Diagnostic::at(self.index, span, path, message));
    }

    pub fn warn(&mut self, span: Span, path: &str, message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::at(self.index, span, path, message));
    }

    /// A string value; `None` when absent, null, or of the wrong type (reported).
    pub fn string<'j>(&mut self, value: Option<&'j Json>, path: &str) -> Option<&'j str> {
        let v = given(value)?;
        match &v.kind {
            JsonKind::String(s) => Some(s),
            _ => {
                self.wrong_type(v, path, "a string");
                None
            }
        }
    }

    /// A boolean value; `"true"`/`"yes"` in quotes are reported, as the SDKs reject them.
    pub fn boolean(&mut self, value: Option<&Json>, path: &str) -> Option<bool> {
        let v = given(value)?;
        match v.kind {
            JsonKind::Bool(b) => Some(b),
            _ => {
                self.wrong_type(v, path, "a boolean (true or false, without quotes)");
                None
            }
        }
    }

    /// A whole number within `min..=max`. Reports a string that holds a number, a fraction,
    /// and an out-of-range value, each with what ECS expects.
    pub fn integer(&mut self, value: Option<&Json>, path: &str, min: i64, max: i64) -> Option<i64> {
        let v = given(value)?;
        let n = self.whole_number(v, path)?;
        if n < min || n > max {
            self.error(
                v.span,
                path,
                format!("{n} is out of range; ECS expects a whole number from {min} to {max}"),
            );
            return None;
        }
        Some(n)
    }

    /// A whole number with no range check beyond i64.
    pub fn whole_number(&mut self, v: &Json, path: &str) -> Option<i64> {
        match &v.kind {
            JsonKind::Number(text) => match v.as_i64() {
                Some(n) => Some(n),
                None => {
                    let why = if text.contains(['.', 'e', 'E']) {
                        "ECS expects a whole number (an integer, written without a fraction or exponent)"
                    } else {
                        "the number is too large"
                    };
                    self.error(v.span, path, format!("{text}: {why}"));
                    None
                }
            },
            // Assumption: a container-level number written as a string ("memory": "256") is
            // rejected, as the AWS CLI and SDKs reject it ("Invalid type for parameter ...,
            // valid types: <class 'int'>"), even though some consoles coerce it.
            JsonKind::String(s) if s.trim().parse::<i64>().is_ok() => {
                self.error(
                    v.span,
                    path,
                    format!(
                        "expected a number, got the string \"{s}\"; the API takes this field as a JSON \
                         number: write {} without quotes",
                        s.trim()
                    ),
                );
                None
            }
            _ => {
                self.wrong_type(v, path, "a whole number");
                None
            }
        }
    }

    /// The elements of an array; `None` when absent, null, or not an array (reported).
    pub fn array<'j>(
        &mut self,
        value: Option<&'j Json>,
        path: &str,
        what: &str,
    ) -> Option<&'j [Json]> {
        let v = given(value)?;
        match &v.kind {
            JsonKind::Array(items) => Some(items),
            _ => {
                self.wrong_type(v, path, &format!("an array ({what})"));
                None
            }
        }
    }

    /// The members of an object; `None` when null or not an object (reported).
    pub fn object<'j>(&mut self, value: &'j Json, path: &str, what: &str) -> Option<&'j [Member]> {
        match &value.kind {
            JsonKind::Object(members) => Some(members),
            JsonKind::Null => None,
            _ => {
                self.wrong_type(value, path, &format!("an object ({what})"));
                None
            }
        }
    }

    pub fn wrong_type(&mut self, v: &Json, path: &str, expected: &str) {
        let got = describe(v);
        self.error(v.span, path, format!("expected {expected}, got {got}"));
    }
}

/// The value unless it is absent or JSON null.
// Assumption: JSON null means "not given" for every optional field (old SDKs' describe output
// writes `"networkMode": null`, `"memory": null` ...), so it loads like an omitted field.
pub(crate) fn given(value: Option<&Json>) -> Option<&Json> {
    value.filter(|v| !v.is_null())
}

/// The value of the LAST member called `key`. Duplicates are warned about in fields.rs.
// Assumption: with a duplicate key the last value wins, as in Python's JSON reader (the AWS
// CLI) and Jackson's default; ECS's own handling is not documented.
pub(crate) fn field<'j>(obj: &'j Json, key: &str) -> Option<&'j Json> {
    obj.members()
        .iter()
        .rev()
        .find(|m| m.key == key)
        .map(|m| &m.value)
}

/// `prefix.key`, or `key` at the top.
pub(crate) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// `prefix[i]`.
pub(crate) fn item(prefix: &str, i: usize) -> String {
    format!("{prefix}[{i}]")
}

/// A value in words for messages: `the string "abc"`, `the number 1.5`, `an object`.
pub(crate) fn describe(v: &Json) -> String {
    match &v.kind {
        JsonKind::String(s) => format!("the string \"{}\"", shorten(s, 40)),
        JsonKind::Number(n) => format!("the number {}", shorten(n, 40)),
        JsonKind::Bool(b) => format!("the boolean {b}"),
        _ => v.type_name().to_string(),
    }
}

/// At most `max` characters, with an ellipsis when cut (on a character boundary).
pub(crate) fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}...")
    }
}

/// A value read from the document, with where it was and its path, for rules that look at
/// several fields together.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct At<T> {
    pub value: T,
    pub span: Span,
    pub path: String,
}

impl<T> At<T> {
    pub fn new(value: T, span: Span, path: impl Into<String>) -> Self {
        At {
            value,
            span,
            path: path.into(),
        }
    }
}
