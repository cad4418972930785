//! Converting between the positions the editor deals in: diagnostics give 1-based line and
//! column (columns count characters, lines end at `\n`, as in `sim::json::LineIndex`), Rust
//! slices use byte offsets, and the browser's textarea selection counts UTF-16 code units.
//! Every conversion clamps to the text instead of panicking: diagnostics may be a few
//! keystrokes older than the text (validation is debounced).

/// Where each line starts, for repeated line:column lookups in one text.
#[derive(Debug, Clone)]
pub struct LineStarts<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineStarts<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts { text, starts }
    }

    /// Number of lines (an empty text has one, empty, line).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of 1-based `line`, without its line break (clamped to the text).
    pub fn line_range(&self, line: u32) -> std::ops::Range<usize> {
        let index = (line.max(1) - 1) as usize;
        let Some(&start) = self.starts.get(index) else {
            return self.text.len()..self.text.len();
        };
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        start..end
    }

    /// The byte offset of 1-based (line, column). A line past the end gives the end of the
    /// text; a column past the end of its line gives the end of that line.
    pub fn offset(&self, line: u32, column: u32) -> usize {
        let std::ops::Range { start, end } = self.line_range(line);
        let Some(line_text) = self.text.get(start..end) else {
            return self.text.len();
        };
        let skip = (column.max(1) - 1) as usize;
        line_text
            .char_indices()
            .nth(skip)
            .map_or(end, |(i, _)| start + i)
    }
}

/// The UTF-16 offset (what `selectionStart` counts) of a byte offset.
pub fn utf16_offset(text: &str, byte: usize) -> u32 {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1; // ok: 0 is a boundary, so this stops
    }
    text[..byte].encode_utf16().count() as u32
}

/// The byte offset of a UTF-16 offset (rounded down to a character boundary, clamped).
pub fn byte_offset_of_utf16(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (i, c) in text.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16() as u32;
        if seen > units {
            return i; // inside a surrogate pair: round down
        }
    }
    text.len()
}

/// The text with `inserted` replacing the UTF-16 selection `start..end` (as the browser
/// reports it), and the UTF-16 caret position just after the insertion.
pub fn replace_selection(text: &str, start: u32, end: u32, inserted: &str) -> (String, u32) {
    let a = byte_offset_of_utf16(text, start.min(end));
    let b = byte_offset_of_utf16(text, start.max(end));
    let mut out = String::with_capacity(text.len() + inserted.len());
    out.push_str(&text[..a]);
    out.push_str(inserted);
    out.push_str(&text[b..]);
    let caret = utf16_offset(&out, a + inserted.len());
    (out, caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_to_byte() {
        let text = "ab\né€x\n";
        let lines = LineStarts::new(text);
        assert_eq!(lines.count(), 3);
        assert_eq!(lines.offset(1, 1), 0);
        assert_eq!(lines.offset(2, 3), "ab\né€".len());
        assert_eq!(lines.offset(2, 99), "ab\né€x".len());
        assert_eq!(lines.offset(3, 1), text.len());
        assert_eq!(lines.offset(40, 1), text.len());
        assert_eq!(lines.offset(0, 0), 0);
    }

    #[test]
    fn utf16_round_trip() {
        let text = "a😀b";
        assert_eq!(utf16_offset(text, text.len()), 4);
        assert_eq!(utf16_offset(text, 2), 1); // inside the emoji: rounded down
        assert_eq!(byte_offset_of_utf16(text, 3), 5);
        assert_eq!(byte_offset_of_utf16(text, 2), 1);
        assert_eq!(byte_offset_of_utf16(text, 99), text.len());
    }

    #[test]
    fn tab_replaces_the_selection() {
        assert_eq!(
            replace_selection("{x}", 1, 2, "  "),
            ("{  }".to_string(), 3)
        );
        assert_eq!(replace_selection("é", 9, 9, "  "), ("é  ".to_string(), 3));
    }
}
