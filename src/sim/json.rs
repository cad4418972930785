//! JSON with positions.
//!
//! ECS users paste JSON by hand, so every message must point at a line and column.
//! `jsonc-parser` (strict options: plain JSON only) gives us an AST with byte ranges;
//! this module turns it into a small owned tree that the readers walk, and converts
//! byte offsets into 1-based line:column pairs.

use jsonc_parser::ast;
use serde::Serialize;

/// Byte range of a value in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A JSON value with the span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    pub kind: JsonKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number as written, so that `1.0` and `1e3` can be told from integers.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<Member>),
}

/// One `"key": value` pair of an object, in source order.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Json,
}

/// A syntax error, positioned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyntaxError {
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Parses strict JSON (no comments, no trailing commas, no single quotes).
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let hint = match e.kind() {
            jsonc_parser::errors::ParseErrorKind::TrailingCommasNotAllowed => {
                " (JSON does not allow a comma before a closing bracket or brace)"
            }
            jsonc_parser::errors::ParseErrorKind::CommentsNotAllowed => " (JSON has no comments)",
            jsonc_parser::errors::ParseErrorKind::UnexpectedWord => {
                " (is this a template placeholder? Replace it with a real value)"
            }
            _ => "",
        };
        SyntaxError {
            message: format!("invalid JSON: {}{hint}", e.kind()),
            line: e.line_display() as u32,
            column: e.column_display() as u32,
            offset: e.range().start,
        }
    })?;
    match parsed.value {
        Some(v) => Ok(convert(&v)),
        None => Err(SyntaxError {
            message: "invalid JSON: the text is empty; expected a JSON object".into(),
            line: 1,
            column: 1,
            offset: 0,
        }),
    }
}

fn span(r: jsonc_parser::common::Range) -> Span {
    Span {
        start: r.start,
        end: r.end,
    }
}

fn convert(v: &ast::Value) -> Json {
    match v {
        ast::Value::StringLit(s) => Json {
            kind: JsonKind::String(s.value.to_string()),
            span: span(s.range),
        },
        ast::Value::NumberLit(n) => Json {
            kind: JsonKind::Number(n.value.to_string()),
            span: span(n.range),
        },
        ast::Value::BooleanLit(b) => Json {
            kind: JsonKind::Bool(b.value),
            span: span(b.range),
        },
        ast::Value::NullKeyword(n) => Json {
            kind: JsonKind::Null,
            span: span(n.range),
        },
        ast::Value::Array(a) => Json {
            kind: JsonKind::Array(a.elements.iter().map(convert).collect()),
            span: span(a.range),
        },
        ast::Value::Object(o) => Json {
            kind: JsonKind::Object(
                o.properties
                    .iter()
                    .map(|p| {
                        let (key, key_range) = match &p.name {
                            ast::ObjectPropName::String(s) => (s.value.to_string(), s.range),
                            ast::ObjectPropName::Word(w) => (w.value.to_string(), w.range),
                        };
                        Member {
                            key,
                            key_span: span(key_range),
                            value: convert(&p.value),
                        }
                    })
                    .collect(),
            ),
            span: span(o.range),
        },
    }
}

impl Json {
    /// The first member called `key`, if this is an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        self.member(key).map(|m| &m.value)
    }

    pub fn member(&self, key: &str) -> Option<&Member> {
        match &self.kind {
            JsonKind::Object(members) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member] {
        match &self.kind {
            JsonKind::Object(members) => members,
            _ => &[],
        }
    }

    pub fn elements(&self) -> &[Json] {
        match &self.kind {
            JsonKind::Array(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.kind {
            JsonKind::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match &self.kind {
            JsonKind::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    /// A whole number written without fraction or exponent (`5`, not `5.0`).
    pub fn as_i64(&self) -> Option<i64> {
        match &self.kind {
            JsonKind::Number(n) => n.parse().ok(),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.kind, JsonKind::Object(_))
    }

    pub fn is_array(&self) -> bool {
        matches!(self.kind, JsonKind::Array(_))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, JsonKind::Null)
    }

    /// What kind of value this is, in words for messages ("a string", "an object").
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "a boolean",
            JsonKind::Number(_) => "a number",
            JsonKind::String(_) => "a string",
            JsonKind::Array(_) => "an array",
            JsonKind::Object(_) => "an object",
        }
    }

    /// The same value without positions, for code that only needs the data.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            JsonKind::Null => Value::Null,
            JsonKind::Bool(b) => Value::Bool(*b),
            JsonKind::Number(n) => serde_json::from_str(n).unwrap_or(Value::Null),
            JsonKind::String(s) => Value::String(s.clone()),
            JsonKind::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            JsonKind::Object(members) => {
                // Inserted one by one: collecting into the map would sort first, and each
                // sort is more code in the wasm. (A repeated key keeps its last value either
                // way.)
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_value());
                }
                Value::Object(map)
            }
        }
    }
}

/// Converts byte offsets into 1-based line and column (columns count characters).
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        // Line breaks as the JSON parser counts them: \n, \r\n, and a lone \r.
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            let lone_cr = *b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if *b == b'\n' || lone_cr {
                line_starts.push(i + 1);
            }
        }
        LineIndex { text, line_starts }
    }

    /// (line, column), both starting at 1.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1, // ok: line_starts[0] == 0 <= offset, so i >= 1
        };
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        (line as u32 + 1, column as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_comma_is_positioned() {
        let err = parse("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
        assert!(err.message.contains("comma"), "{}", err.message);
    }

    #[test]
    fn placeholder_is_positioned() {
        let err = parse("{\"cpu\": ${CPU}}").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.column >= 9, "{err:?}");
    }

    #[test]
    fn spans_map_to_lines() {
        let text = "{\n  \"family\": \"web\"\n}";
        let json = parse(text).unwrap(); // ok: test
        let idx = LineIndex::new(text);
        let family = json.member("family").unwrap(); // ok: test
        assert_eq!(idx.position(family.key_span.start), (2, 3));
        assert_eq!(idx.position(family.value.span.start), (2, 13));
        assert_eq!(json.get("family").and_then(Json::as_str), Some("web"));
    }

    #[test]
    fn lone_carriage_return_is_a_line_break() {
        let text = "{\r\"a\": 1,\r\n\"b\": 2}";
        let json = parse(text).unwrap(); // ok: test
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.position(json.member("a").unwrap().key_span.start), // ok: test
            (2, 1)
        );
        assert_eq!(
            idx.position(json.member("b").unwrap().key_span.start), // ok: test
            (3, 1)
        );
    }

    #[test]
    fn empty_text_is_an_error() {
        assert!(parse("   ").is_err());
    }
}
