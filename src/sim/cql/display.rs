//! The normalised rendering of an expression: symbol operators, `and`/`or`/`not(...)`,
//! single spaces, parentheses only where needed, and values quoted only when a bare word
//! would not read back the same. `parse(&expr.to_string())` gives an equivalent expression
//! (an expression whose normalised form would pass the 2000-character limit prints as written).

use std::fmt::{self, Display, Formatter, Write};

use super::ast::{Condition, Expr, Node, Subject, Test, Value};
use super::parser::MAX_LENGTH;

impl Expr {
    /// Wraps a parsed tree, keeping `text` only if the normalised rendering would exceed
    /// [`MAX_LENGTH`] and so could not be parsed again.
    pub(super) fn new(root: Node, text: &str) -> Expr {
        let mut len = CharCount(0);
        // Counting cannot fail.
        let _ = write!(len, "{root}");
        let as_written = (len.0 > MAX_LENGTH).then(|| text.trim().into());
        Expr { root, as_written }
    }
}

/// The normalised rendering, or, when that would be longer than ECS's [`MAX_LENGTH`]
/// characters, the expression as written (trimmed), which is within the limit.
// Assumption: a round trip through Display matters more than normalising the rare
// expression whose normalised form is too long to parse again.
impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.as_written {
            Some(text) => f.write_str(text),
            None => self.root.fmt(f),
        }
    }
}

/// Counts the characters written to it.
struct CharCount(usize);

impl Write for CharCount {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.chars().count();
        Ok(())
    }
}

impl Display for Node {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Node::And(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" and ")?;
                    }
                    // `or` binds looser than `and`, so an `or` inside needs parentheses.
                    if matches!(item, Node::Or(_)) {
                        write!(f, "({item})")?;
                    } else {
                        item.fmt(f)?;
                    }
                }
                Ok(())
            }
            Node::Or(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" or ")?;
                    }
                    item.fmt(f)?;
                }
                Ok(())
            }
            Node::Not(inner) => write!(f, "not({inner})"),
            Node::Cond(c) => c.fmt(f),
        }
    }
}

impl Display for Subject {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Attribute(name) => write!(f, "attribute:{name}"),
            other => f.write_str(other.keyword()),
        }
    }
}

impl Display for Condition {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.subject)?;
        self.test.fmt(f)
    }
}

/// The operator and argument, e.g. `!= prod`, `in [a, b]`, `exists`.
impl Display for Test {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Test::Exists { negated } => f.write_str(if *negated { "!exists" } else { "exists" }),
            Test::Compare { cmp, value } => write!(f, "{} {value}", cmp.symbol()),
            Test::In { negated, values } => {
                f.write_str(if *negated { "!in [" } else { "in [" })?;
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    v.fmt(f)?;
                }
                f.write_char(']')
            }
            Test::Matches { negated, pattern } => {
                write!(f, "{} ", if *negated { "!~" } else { "=~" })?;
                write_text(f, &pattern.source)
            }
        }
    }
}

impl Display for Value {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_text(f, &self.text)
    }
}

/// Writes a value bare when every character is one the bare scanners always keep
/// (`t2.*`, `us-east-1a`, `service:web`, `2018-06-18T22:28:28+00:00`), quoted otherwise.
/// There are no escapes, so a text holding both quote kinds cannot be quoted; the parser
/// only yields one from a bare regex with quotes inside a class (`y['a"]d`), which reads
/// back the same when written bare again.
pub(super) fn write_text(f: &mut impl Write, text: &str) -> fmt::Result {
    let bare_ok = !text.is_empty()
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | ':' | '/' | '\\' | '@' | '+' | '*')
        });
    if bare_ok {
        f.write_str(text)
    } else if !text.contains('\'') {
        write!(f, "'{text}'")
    } else if !text.contains('"') {
        write!(f, "\"{text}\"")
    } else {
        f.write_str(text)
    }
}
