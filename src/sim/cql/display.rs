//! The normalised rendering of an expression: symbol operators, `and`/`or`/`not(...)`,
//! single spaces, parentheses only where needed, and values quoted only when a bare word
//! would not read back the same. `parse(&expr.to_string())` gives an equivalent expression.

use std::fmt::{self, Display, Formatter, Write};

use super::ast::{Condition, Expr, Node, Subject, Test, Value};

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.root.fmt(f)
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
pub(super) fn write_text(f: &mut impl Write, text: &str) -> fmt::Result {
    let bare_ok = !text.is_empty()
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '-' | '_' | '.' | ':' | '/' | '\\' | '@' | '+' | '*')
        });
    if bare_ok {
        f.write_str(text)
    } else if text.contains('\'') {
        // The parser never yields a value holding both quote kinds.
        write!(f, "\"{text}\"")
    } else {
        write!(f, "'{text}'")
    }
}
