//! A data table laid out on its grid: spans become empty fields, so that each field
//! stands in the column it is shown in.

use super::tree::{Node, Span};

pub(super) fn contains_table(children: &[Node]) -> bool {
    children.iter().any(|n| match n {
        Node::Element { tag, children, .. } => tag == "table" || contains_table(children),
        Node::Text(_) => false,
    })
}

/// The cells of a table row with their spans (looking through wrapper elements some
/// editors add).
pub(super) fn cells(children: &[Node]) -> Vec<(&[Node], Span)> {
    let mut out = Vec::new();
    for n in children {
        if let Node::Element {
            tag,
            span,
            children,
        } = n
        {
            if tag == "td" || tag == "th" {
                out.push((children.as_slice(), *span));
            } else if !matches!(tag.as_str(), "tr" | "table") {
                out.extend(cells(children));
            }
        }
    }
    out
}

/// Rows still covered by cells spanning down, per grid column: the state of one table
/// while its rows are written.
#[derive(Default)]
pub(super) struct Grid {
    pub(super) covered: Vec<usize>,
    /// The output lines holding this table's rows, and the widest row.
    pub(super) lines: Vec<usize>,
    width: usize,
    /// Empty fields written so far for spans.
    padded: usize,
}

/// The widest grid built (HTML allows 1000 columns a cell).
const MAX_GRID_COLUMNS: usize = 1000;

/// The most empty fields a table's spans may add: a report's tables add a few hundred;
/// beyond this a table (a hostile one) is written without them.
const MAX_PADDING: usize = 200_000;

impl Grid {
    /// Lays one row's cells onto the grid: a cell spanning columns is followed by empty
    /// fields, and a column still covered by a cell from a row above gets an empty
    /// field, so every field of the line is in its grid column. Rows are written to
    /// the full width of the table (see [`Grid::widen`]).
    pub(super) fn row(&mut self, cells: Vec<(String, Span)>) -> Vec<String> {
        if self.padded > MAX_PADDING {
            // A hostile table of huge spans: its cells are written as they come.
            return cells.into_iter().map(|(text, _)| text).collect();
        }
        let before = self.padded;
        let mut fields = Vec::new();
        let mut col = 0;
        let take_covered = |covered: &mut Vec<usize>, col: usize| -> bool {
            match covered.get_mut(col) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            }
        };
        for (text, span) in cells {
            while take_covered(&mut self.covered, col) {
                fields.push(String::new());
                col += 1;
            }
            let cols = span.cols.min(MAX_GRID_COLUMNS.saturating_sub(col)).max(1);
            fields.push(text);
            fields.extend(std::iter::repeat_n(String::new(), cols - 1));
            if self.covered.len() < col + cols {
                self.covered.resize(col + cols, 0);
            }
            for c in col..col + cols {
                self.covered[c] = span.rows - 1;
            }
            col += cols;
        }
        // Columns after the last cell that are covered from above.
        while col < self.covered.len() {
            take_covered(&mut self.covered, col);
            fields.push(String::new());
            col += 1;
        }
        self.padded = before + fields.iter().filter(|f| f.is_empty()).count();
        self.width = self.width.max(fields.len());
        fields
    }

    /// Pads every row of the table to its full width, so that all its lines have the
    /// same number of fields (the table reader takes that as the sign of a grid);
    /// `lines` are the lines written so far, this table's among them.
    pub(super) fn widen(&self, lines: &mut [String]) {
        if self.padded + self.width * self.lines.len() > 4 * MAX_PADDING {
            return;
        }
        crate::decode::pad_table_rows(lines, &self.lines, self.width);
    }
}
