//! The editor's Format button: pretty-prints JSON with 2-space indents, keys in the order the
//! user wrote them. (serde_json's `Value` would sort the keys, and a task definition whose
//! `containerDefinitions` jumped above `family` would no longer look like the user's own.)
//! Numbers stay as written (`1.0` stays `1.0`). Pure Rust: tested natively.

use crate::sim::json::{parse, Json, JsonKind, SyntaxError};

const INDENT: &str = "  ";

/// The text pretty-printed, or the syntax error that stops it (the caller changes nothing).
pub fn format_json(text: &str) -> Result<String, SyntaxError> {
    let json = parse(text)?;
    let mut out = String::with_capacity(text.len());
    write_value(&mut out, &json, 0);
    Ok(out)
}

/// Writes one value at `depth`. Recursion depth equals the nesting depth, which the parser
/// has already walked with its own recursion, so a value that parsed also formats.
fn write_value(out: &mut String, json: &Json, depth: usize) {
    match &json.kind {
        JsonKind::Null => out.push_str("null"),
        JsonKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        JsonKind::Number(n) => out.push_str(n),
        JsonKind::String(s) => write_string(out, s),
        JsonKind::Array(items) if items.is_empty() => out.push_str("[]"),
        JsonKind::Object(members) if members.is_empty() => out.push_str("{}"),
        JsonKind::Array(items) if fits_on_one_line(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, depth + 1);
            }
            out.push(']');
        }
        JsonKind::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(out, i, depth + 1);
                write_value(out, item, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        JsonKind::Object(members) => {
            out.push('{');
            for (i, member) in members.iter().enumerate() {
                separator(out, i, depth + 1);
                write_string(out, &member.key);
                out.push_str(": ");
                write_value(out, &member.value, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

/// Short lists of plain values stay on one line (`"requiresCompatibilities": ["FARGATE"]`),
/// as AWS's own examples write them; anything with objects, arrays or length goes one item
/// per line.
fn fits_on_one_line(items: &[Json]) -> bool {
    const MAX_WIDTH: usize = 60;
    let mut width = 2;
    for item in items {
        width += 2 + match &item.kind {
            JsonKind::String(s) => s.len() + 2,
            JsonKind::Number(n) => n.len(),
            JsonKind::Bool(_) | JsonKind::Null => 5,
            JsonKind::Array(_) | JsonKind::Object(_) => return false,
        };
        if width > MAX_WIDTH {
            return false;
        }
    }
    true
}

fn separator(out: &mut String, index: usize, depth: usize) {
    if index > 0 {
        out.push(',');
    }
    newline(out, depth);
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str(INDENT);
    }
}

/// A string with JSON's escapes. serde_json escapes exactly what JSON requires (quote,
/// backslash, control characters) and leaves other characters as they are.
fn write_string(out: &mut String, s: &str) {
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        // Serialising a &str cannot fail; fall back to a plain quote rather than panic.
        Err(_) => {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_indents_by_two() {
        let text = r#"{"z":1,"a":[1.0,{"k":"v\n"}],"e":{},"f":[],"g":["x", 2,true]}"#;
        assert_eq!(
            format_json(text).unwrap(), // ok: test
            "{\n  \"z\": 1,\n  \"a\": [\n    1.0,\n    {\n      \"k\": \"v\\n\"\n    }\n  ],\n  \"e\": {},\n  \"f\": [],\n  \"g\": [\"x\", 2, true]\n}"
        );
    }

    #[test]
    fn invalid_json_gives_the_syntax_error() {
        let err = format_json("{\"a\": 1,}").unwrap_err();
        assert_eq!(err.line, 1);
    }
}
