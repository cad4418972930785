//! Which lines are drawn. Only a window of lines around the visible ones gets colours, line
//! numbers and marks, so that a keystroke in a 5,000-line paste costs the same as one in a
//! 50-line definition. The window moves in steps, and only when the visible lines get near
//! its edge, so ordinary scrolling does not re-render at all.

/// Lines drawn at once: a few screens, whatever the font size.
pub const SPAN: u32 = 400;
/// Lines kept drawn above the first visible one when the window moves.
const MARGIN: u32 = 150;
/// Window starts are multiples of this (plus one), so small scrolls map to the same window.
const STEP: u32 = 50;

/// Lines `first..=last` (1-based) of a text with `line_count` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineWindow {
    pub first: u32,
    pub last: u32,
}

impl LineWindow {
    /// The window starting at `start`, moved up if needed so that it ends at the last line
    /// (a shorter text may have replaced a longer one).
    pub fn new(start: u32, line_count: u32) -> Self {
        let line_count = line_count.max(1);
        let latest_start = line_count.saturating_sub(SPAN - 1).max(1);
        let first = start.clamp(1, latest_start);
        let last = first.saturating_add(SPAN - 1).min(line_count);
        LineWindow { first, last }
    }

    pub fn contains(&self, line: u32) -> bool {
        (self.first..=self.last).contains(&line)
    }
}

/// The window start for a view whose first visible line is `first_visible`.
pub fn start_for(first_visible: u32) -> u32 {
    first_visible.saturating_sub(MARGIN) / STEP * STEP + 1
}

/// Whether the window starting at `start` must move to show `visible` lines from
/// `first_visible` (in a text of `line_count` lines).
pub fn must_move(start: u32, first_visible: u32, visible: u32, line_count: u32) -> bool {
    let window = LineWindow::new(start, line_count);
    let last_visible = first_visible.saturating_add(visible).min(line_count.max(1));
    !window.contains(first_visible.max(1)) || !window.contains(last_visible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_drawn_whole() {
        assert_eq!(LineWindow::new(1, 30), LineWindow { first: 1, last: 30 });
        assert_eq!(LineWindow::new(201, 30), LineWindow { first: 1, last: 30 });
        assert!(!must_move(1, 10, 40, 30));
    }

    #[test]
    fn long_texts_move_the_window_in_steps() {
        assert_eq!(
            LineWindow::new(1, 5000),
            LineWindow {
                first: 1,
                last: 400
            }
        );
        assert!(!must_move(1, 300, 40, 5000));
        assert!(must_move(1, 380, 40, 5000));
        let start = start_for(380);
        assert_eq!(start, 201);
        assert!(!must_move(start, 380, 40, 5000));
        assert_eq!(
            LineWindow::new(4900, 5000),
            LineWindow {
                first: 4601,
                last: 5000
            }
        );
        assert_eq!(LineWindow::new(0, 0), LineWindow { first: 1, last: 1 });
    }
}
