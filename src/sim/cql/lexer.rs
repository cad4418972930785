//! A character cursor and the low-level scanners the parser calls. CQL is scanned in context
//! (a bare `t2.*` is a value after `==` but would be nonsense as a subject), so there is no
//! separate token stream: the parser asks for "a word", "a value" or "a regex" where it
//! expects one. Positions are character offsets, the unit `CqlError::offset` uses.

use super::error::CqlError;

pub(super) struct Cursor {
    chars: Vec<char>,
    pos: usize,
}

/// A value as written: its text (quotes removed) and where it starts (at the quote, if any).
#[derive(Debug, Clone)]
pub(super) struct RawValue {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub quoted: bool,
}

/// Characters of subjects, attribute names and keywords. Attribute names allow letters,
/// digits, `-`, `_`, `/`, `\` and `.`; `:` joins `attribute:` / `task:` to the rest.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '\\' | '.' | ':')
}

impl Cursor {
    pub fn new(text: &str) -> Self {
        Cursor {
            chars: text.chars().collect(),
            pos: 0,
        }
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn set_pos(&mut self, pos: usize) {
        self.pos = pos.min(self.chars.len());
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    pub fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    pub fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    pub fn bump(&mut self) {
        if self.pos < self.chars.len() {
            self.pos += 1;
        }
    }

    pub fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    pub fn starts_with(&self, s: &str) -> bool {
        let mut rest = self.chars.get(self.pos..).unwrap_or_default().iter();
        s.chars().all(|c| rest.next() == Some(&c))
    }

    /// Consumes `s` if the text continues with it.
    pub fn eat(&mut self, s: &str) -> bool {
        if self.starts_with(s) {
            self.pos += s.chars().count();
            true
        } else {
            false
        }
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        let end = end.min(self.chars.len());
        let start = start.min(end);
        self.chars[start..end].iter().collect()
    }

    /// Consumes a run of word characters (possibly empty) and returns it.
    pub fn word(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_word_char) {
            self.pos += 1;
        }
        self.slice(start, self.pos)
    }

    /// The word at the cursor, without consuming it.
    pub fn peek_word(&mut self) -> String {
        let start = self.pos;
        let w = self.word();
        self.pos = start;
        w
    }

    /// A short rendering of what is at the cursor, for "found ..." in messages.
    pub fn found(&self) -> String {
        match self.peek() {
            None => "the end of the expression".to_string(),
            Some(c) if is_word_char(c) => {
                let mut end = self.pos;
                while self.chars.get(end).copied().is_some_and(is_word_char) && end - self.pos < 40
                {
                    end += 1;
                }
                format!("`{}`", self.slice(self.pos, end))
            }
            Some(c) => format!("`{c}`"),
        }
    }

    fn at_double(&self, c: char) -> bool {
        self.peek() == Some(c) && self.peek_at(1) == Some(c)
    }

    /// A quoted value if the cursor is at `'` or `"`; `Ok(None)` otherwise.
    // Assumption: quoted values have no escape sequences; a value ends at the next quote of
    // the same kind, so `"it's"` holds an apostrophe and `'\d+'` reaches a regex unchanged.
    // (ECS attribute values cannot contain quotes, so nothing is lost.)
    pub fn quoted(&mut self) -> Result<Option<RawValue>, CqlError> {
        let quote = match self.peek() {
            Some(q @ ('\'' | '"')) => q,
            _ => return Ok(None),
        };
        let start = self.pos;
        self.pos += 1;
        let body = self.pos;
        while let Some(c) = self.peek() {
            if c == quote {
                let text = self.slice(body, self.pos);
                self.pos += 1;
                return Ok(Some(RawValue {
                    text,
                    start,
                    end: self.pos,
                    quoted: true,
                }));
            }
            self.pos += 1;
        }
        Err(CqlError::new(
            format!("unterminated quoted value: no closing {quote}"),
            start,
        ))
    }

    /// A bare (unquoted) value such as `t2.small`, `us-east-1a`, `service:web` or
    /// `2018-06-18T22:28:28+00:00`: everything up to whitespace, a bracket, a parenthesis, a
    /// comma, a quote, `&&` or `||`. May be empty; the caller reports that.
    pub fn bare_value(&mut self) -> RawValue {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_whitespace()
                || matches!(c, '(' | ')' | '[' | ']' | ',' | '\'' | '"')
                || self.at_double('&')
                || self.at_double('|')
            {
                break;
            }
            self.pos += 1;
        }
        RawValue {
            text: self.slice(start, self.pos),
            start,
            end: self.pos,
            quoted: false,
        }
    }

    /// A bare regular expression. Unlike other values it may hold balanced parentheses and
    /// bracket classes (`(t2|t3).*`, `m[45]\.large`), so the usual regexes need no quotes;
    /// an unbalanced `)` still closes the enclosing group, as in `not(x =~ t2.*)`. It stops
    /// at whitespace; a regex with spaces must be quoted.
    // Assumption: the docs only show simple bare regexes (`t2.*`, `g2.*`); accepting balanced
    // groups and classes unquoted is our reading, and quoting always works.
    pub fn bare_regex(&mut self) -> RawValue {
        let start = self.pos;
        let mut depth = 0usize;
        let mut in_class = false;
        while let Some(c) = self.peek() {
            if c == '\\' {
                // An escape: the next character is literal for bracket counting too.
                self.pos += 1;
                if self.peek().is_some_and(|n| !n.is_whitespace()) {
                    self.pos += 1;
                }
                continue;
            }
            if c.is_whitespace() {
                break;
            }
            if in_class {
                in_class = c != ']';
                self.pos += 1;
                continue;
            }
            match c {
                '[' => in_class = true,
                '(' => depth += 1,
                ')' if depth == 0 => break,
                ')' => depth -= 1,
                ']' | '\'' | '"' => break,
                _ if depth == 0 && (self.at_double('&') || self.at_double('|')) => break,
                _ => {}
            }
            self.pos += 1;
        }
        RawValue {
            text: self.slice(start, self.pos),
            start,
            end: self.pos,
            quoted: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_value_stops_at_delimiters() {
        for (text, want) in [
            ("t2.* and", "t2.*"),
            ("us-east-1a]", "us-east-1a"),
            ("a,b", "a"),
            ("prod)", "prod"),
            ("1&&x", "1"),
            ("2018-06-18T22:28:28+00:00 ", "2018-06-18T22:28:28+00:00"),
        ] {
            assert_eq!(Cursor::new(text).bare_value().text, want, "{text}");
        }
    }

    #[test]
    fn bare_regex_keeps_balanced_groups() {
        for (text, want) in [
            ("(t2|t3).*)", "(t2|t3).*"),
            ("m[45]\\.large and", "m[45]\\.large"),
            ("a[)]b", "a[)]b"),
            ("\\(x)", "\\(x"),
            ("a{1,3} ", "a{1,3}"),
        ] {
            assert_eq!(Cursor::new(text).bare_regex().text, want, "{text}");
        }
    }

    #[test]
    fn quoted_reports_unterminated_at_the_quote() {
        let mut c = Cursor::new("x 'abc");
        c.bump();
        c.bump();
        assert_eq!(c.quoted().unwrap_err().offset, 2);
        let mut c = Cursor::new("\"it's\"");
        assert_eq!(c.quoted().unwrap().unwrap().text, "it's"); // ok: test
    }
}
