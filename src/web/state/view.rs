//! How the page shows what it holds: a place in the input to scroll to, and the batch
//! summary's order, filter and page.

use super::SummaryColumn;
use crate::model::LineNo;

/// A place in the input to show: a line, with a counter so that clicking the same
/// finding twice scrolls again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    /// The line.
    pub line: LineNo,
    /// Bumped on every request (0: nothing asked yet).
    pub seq: u32,
}

impl Default for Focus {
    fn default() -> Self {
        Focus {
            line: LineNo::FIRST,
            seq: 0,
        }
    }
}

/// How the batch summary is shown: its order and its filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryView {
    /// The column it is sorted by.
    pub by: SummaryColumn,
    /// Largest (or last) first.
    pub descending: bool,
    /// Only the reports with errors (and the files that could not be read).
    pub only_errors: bool,
    /// The page of rows shown ([`crate::report::summary::Page`]), from 0: a batch of a
    /// thousand does not lay out a thousand rows each time some are checked.
    pub page: usize,
}

impl Default for SummaryView {
    fn default() -> Self {
        SummaryView {
            by: SummaryColumn::File,
            descending: false,
            only_errors: false,
            page: 0,
        }
    }
}
