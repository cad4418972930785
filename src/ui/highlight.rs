//! JSON syntax colouring for the editor.
//!
//! The coloured layer sits under a transparent textarea, so it must show the text exactly as
//! typed, character for character, whether or not it is valid JSON (the user is mid-edit most
//! of the time). `tokenize` therefore never fails: it splits any text into tokens that cover
//! it without gaps or overlaps, and `to_html` turns them into escaped `<span>`s.
//! Pure Rust, no yew: tested natively.

/// What a run of text is, for colouring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A string followed by `:` (an object key).
    Key,
    String,
    Number,
    /// `true`, `false`, `null`.
    Literal,
    /// `{ } [ ] : ,`
    Punctuation,
    Whitespace,
    /// Anything JSON does not allow here: a bare word, a stray character.
    Invalid,
}

impl TokenKind {
    /// The CSS class of the span (`None`: plain text, no span needed).
    pub fn class(self) -> Option<&'static str> {
        match self {
            TokenKind::Key => Some("tok-key"),
            TokenKind::String => Some("tok-string"),
            TokenKind::Number => Some("tok-number"),
            TokenKind::Literal => Some("tok-literal"),
            // Brackets and commas in the text colour: fewer spans for the browser to lay
            // out on every keystroke, and the structure still reads clearly.
            TokenKind::Punctuation | TokenKind::Whitespace => None,
            TokenKind::Invalid => Some("tok-invalid"),
        }
    }
}

/// A byte range of the text and its kind. Ranges always fall on character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// Characters that end a bare word or a run of invalid text. All ASCII, so stopping at one
/// of them (or at the end) always lands on a character boundary.
fn is_delimiter(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"') || is_space(b)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Splits `text` into tokens covering it exactly. Linear time, no recursion (a pasted file
/// may be megabytes or a thousand brackets deep).
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let kind = if is_space(b) {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            TokenKind::Whitespace
        } else if matches!(b, b'{' | b'}' | b'[' | b']' | b':' | b',') {
            i += 1;
            TokenKind::Punctuation
        } else if b == b'"' {
            i = string_end(bytes, i);
            if followed_by_colon(bytes, i) {
                TokenKind::Key
            } else {
                TokenKind::String
            }
        } else if b == b'-' || b.is_ascii_digit() {
            while i < bytes.len()
                && matches!(bytes[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
            {
                i += 1;
            }
            TokenKind::Number
        } else {
            while i < bytes.len() && !is_delimiter(bytes[i]) {
                i += 1;
            }
            match &text[start..i] {
                "true" | "false" | "null" => TokenKind::Literal,
                _ => TokenKind::Invalid,
            }
        };
        tokens.push(Token {
            start,
            end: i,
            kind,
        });
    }
    tokens
}

/// The end of the string starting at `start` (a `"`): after the closing quote, or, for an
/// unterminated string, before the line break (strings cannot span lines in JSON, so the
/// next line is coloured on its own). Only ASCII bytes stop the scan, so the end is always
/// a character boundary even when an escape is followed by a multi-byte character.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return i + 1,
            b'\n' | b'\r' => return i,
            // An escape: skip the backslash and the next byte (so `\"` does not end the
            // string), unless that byte is a line break.
            b'\\' if matches!(bytes.get(i + 1), Some(c) if !matches!(c, b'\n' | b'\r')) => i += 2,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn followed_by_colon(bytes: &[u8], mut i: usize) -> bool {
    while i < bytes.len() && is_space(bytes[i]) {
        i += 1;
    }
    bytes.get(i) == Some(&b':')
}

/// A byte offset to underline (where an error or warning points), with the CSS class to add
/// to the token that contains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub offset: usize,
    pub class: &'static str,
}

/// The tokens as HTML: one `<span class="tok-…">` per coloured token, text escaped, plain
/// text (whitespace, punctuation) as text. A token containing a mark's offset gets the mark's class too (the
/// first mark wins, so pass errors before warnings).
pub fn to_html(text: &str, tokens: &[Token], marks: &[Mark]) -> String {
    let mut marks: Vec<Mark> = marks.to_vec();
    crate::sim::sorting::sort_by_key(&mut marks, |m| m.offset); // stable: errors stay before warnings at one offset
    let mut next_mark = 0;
    let mut html = String::with_capacity(text.len() + text.len() / 2);
    for token in tokens {
        let Some(piece) = text.get(token.start..token.end) else {
            continue; // not produced by `tokenize` for this text; skip rather than panic
        };
        // Marks before this token were in a token already passed (or out of range).
        while next_mark < marks.len() && marks[next_mark].offset < token.start {
            next_mark += 1;
        }
        let mark = marks
            .get(next_mark)
            .filter(|m| m.offset < token.end)
            .map(|m| m.class);
        match (token.kind.class(), mark) {
            (None, None) => escape_into(&mut html, piece),
            (class, mark) => {
                html.push_str("<span class=\"");
                let classes: Vec<&str> = class.into_iter().chain(mark).collect();
                html.push_str(&classes.join(" "));
                html.push_str("\">");
                escape_into(&mut html, piece);
                html.push_str("</span>");
            }
        }
    }
    html
}

/// Escapes text for HTML element content (and attribute values, for safety).
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn keys_values_and_punctuation() {
        use TokenKind::*;
        assert_eq!(
            kinds(r#"{"cpu": 256, "x": "a\"b", "ok": true}"#),
            vec![
                ("{", Punctuation),
                ("\"cpu\"", Key),
                (":", Punctuation),
                (" ", Whitespace),
                ("256", Number),
                (",", Punctuation),
                (" ", Whitespace),
                ("\"x\"", Key),
                (":", Punctuation),
                (" ", Whitespace),
                ("\"a\\\"b\"", String),
                (",", Punctuation),
                (" ", Whitespace),
                ("\"ok\"", Key),
                (":", Punctuation),
                (" ", Whitespace),
                ("true", Literal),
                ("}", Punctuation),
            ]
        );
    }

    #[test]
    fn unterminated_string_stops_at_the_line_break() {
        let k = kinds("\"abc\n1");
        assert_eq!(k[0], ("\"abc", TokenKind::String));
        assert_eq!(k[2], ("1", TokenKind::Number));
    }

    #[test]
    fn placeholders_and_stray_text_are_invalid() {
        let k = kinds("{\"cpu\": ${CPU}}");
        assert!(k.contains(&("$", TokenKind::Invalid)), "{k:?}");
        assert!(k.contains(&("CPU", TokenKind::Invalid)), "{k:?}");
    }

    #[test]
    fn html_is_escaped_and_marked() {
        let text = "{\"a\": \"<b>\"}";
        let tokens = tokenize(text);
        let html = to_html(
            text,
            &tokens,
            &[Mark {
                offset: 6,
                class: "mark-error",
            }],
        );
        assert!(
            html.contains("<span class=\"tok-string mark-error\">&quot;&lt;b&gt;&quot;</span>"),
            "{html}"
        );
    }
}
