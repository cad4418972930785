//! What is drawn behind and beside the textarea: the coloured copy of the text (with wavy
//! underlines where problems point), a tinted band on each line with a problem, and the
//! gutter's line numbers with a marker per problem line. Computed from the text, the latest
//! analysis and the window of lines on screen; memoised by the component.

use std::collections::BTreeMap;

use yew::AttrValue;

use super::analysis::Analysis;
use super::position::LineStarts;
use super::window::{LineWindow, SPAN};
use crate::ui::components::editor::highlight::{self, Mark};

/// Above this size the text is shown without colours: building and laying out a few hundred
/// thousand spans on every keystroke would make typing lag. Validation still runs.
pub const HIGHLIGHT_LIMIT: usize = 200 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn class(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The word, so that colour is never the only signal.
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Severity::Error => "✕",
            Severity::Warning => "⚠",
        }
    }
}

/// The worst problem on one line, and how many there are (for the marker's tooltip).
#[derive(Debug, Clone, PartialEq)]
pub struct LineMark {
    pub line: u32,
    pub severity: Severity,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layers {
    pub line_count: usize,
    /// The lines drawn (see `window`): numbers, colours and marks exist for these only.
    pub window: LineWindow,
    /// "41\n42\n43…": the window's line numbers, for the gutter.
    pub numbers: AttrValue,
    /// The window's lines coloured, as HTML, or `None` when the text is too large to colour.
    pub highlight: Option<AttrValue>,
    /// The problem lines inside the window.
    pub marks: Vec<LineMark>,
}

impl Layers {
    /// The layers for `text`, drawing the window that starts at line `window_start`.
    pub fn new(text: &str, analysis: &Analysis, window_start: u32) -> Self {
        let lines = LineStarts::new(text);
        let line_count = lines.count();
        let window = LineWindow::new(window_start, line_count as u32);
        let mut numbers = String::with_capacity(SPAN as usize * 5);
        for n in window.first..=window.last {
            if n > window.first {
                numbers.push('\n');
            }
            numbers.push_str(&n.to_string());
        }
        let bytes = lines.line_range(window.first).start..lines.line_range(window.last).end;

        let report = &analysis.report;
        let problems = report
            .errors
            .iter()
            .map(|d| (Severity::Error, d))
            .chain(report.warnings.iter().map(|d| (Severity::Warning, d)));
        let mut by_line: BTreeMap<u32, (Severity, Vec<String>)> = BTreeMap::new();
        let mut underlines = Vec::new();
        for (severity, d) in problems {
            // The diagnostics may be of an older text; clamp to the lines there are now.
            let line = d.line.clamp(1, line_count as u32);
            if !window.contains(line) {
                continue;
            }
            let entry = by_line.entry(line).or_insert((severity, Vec::new()));
            entry.0 = entry.0.max(severity);
            entry.1.push(format!("{}: {}", severity.word(), d.message));
            let offset = lines.offset(d.line, d.column);
            if bytes.contains(&offset) {
                underlines.push(Mark {
                    offset: offset - bytes.start,
                    class: match severity {
                        Severity::Error => "mark-error",
                        Severity::Warning => "mark-warning",
                    },
                });
            }
        }
        let marks = by_line
            .into_iter()
            .map(|(line, (severity, messages))| LineMark {
                line,
                severity,
                title: messages.join("\n"),
            })
            .collect();
        let highlight = (text.len() <= HIGHLIGHT_LIMIT).then(|| {
            // Strings end at line breaks, so the window can be read on its own.
            let shown = text.get(bytes.clone()).unwrap_or("");
            let tokens = highlight::tokenize(shown);
            // One root element: yew replaces raw HTML node by node.
            let mut html = String::from("<code>");
            html.push_str(&highlight::to_html(shown, &tokens, &underlines));
            html.push_str("</code>");
            AttrValue::from(html)
        });
        Layers {
            line_count,
            window,
            numbers: numbers.into(),
            highlight,
            marks,
        }
    }

    /// Digits in the largest line number, for the gutter's width.
    pub fn digits(&self) -> usize {
        self.line_count.to_string().len()
    }
}
