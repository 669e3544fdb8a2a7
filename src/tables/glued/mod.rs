//! Rows whose digits were printed without separators ("glued" text).
//!
//! A crawler's or a PDF viewer's text of a table often loses the cell borders:
//! `一、本年新收政府信息公开申请数量801000081` is 80, 1, 0, 0, 0, 0, 81. The runs of
//! digits of such a row (the digits between two spaces, two labels or a sign) are cut
//! into the row's cells:
//!
//! - a cell has no leading zero (a lone `0` is a cell), a space or a sign always cuts,
//!   and a decimal point or a thousands comma stays inside its cell;
//! - when the runs can be cut in only one way, the row is read as printed, with no
//!   arithmetic assumed, so that the rules still find an error the report printed;
//! - otherwise the cuts are enumerated and only those that keep the template's own
//!   identities survive: first the row's own (six applicants = 总计; each group of
//!   table 4), then, for rows still ambiguous, the column identities across rows
//!   (一 + 二 = （七） + 四, the outcome rows = （七）). A row is read only when exactly
//!   one cut survives, and its cells say they were inferred;
//! - when no cut keeps the row's own identity, the row cannot add up under any reading:
//!   a number or the arithmetic is wrong, and the report is told so.
//!
//! Every search is bounded ([`STEP_BUDGET`]); a row past the bound stays unknown.

mod across;
mod row;
mod table;
#[cfg(test)]
mod tests;

pub use across::{agreed, decide_across_rows, Undecided};
pub use row::{cuts, read_row, readings_with_blanks, RowReading};
pub(super) use table::{glued_layout, glued_runs, read_glued_rows, Glued, PendingRow};

use super::layout::Tok;

/// Steps of the search for one row, at most. A row of a real report takes tens to a
/// few thousand; past this the row is left unknown rather than searched further.
pub const STEP_BUDGET: u32 = 60_000;

/// Steps of the search across rows (column identities), at most.
pub const JOINT_BUDGET: u32 = 200_000;

/// Cuts of one row kept at most: more than this is "ambiguous" whatever comes next.
const MAX_CANDIDATES: usize = 48;

/// One printed run of digits; it holds one cell or several.
#[derive(Debug, Clone)]
pub struct Run<'a> {
    /// The token it was read from.
    pub tok: &'a Tok,
    chars: Vec<char>,
    unit: Option<&'static str>,
}

impl<'a> Run<'a> {
    /// The run of a value token: its folded text without a money unit after it.
    pub fn new(tok: &'a Tok) -> Run<'a> {
        let text: String = tok.text.chars().filter(|c| !c.is_whitespace()).collect();
        let (body, unit) = super::value::UNITS
            .iter()
            .find_map(|u| Some((text.strip_suffix(u)?, Some(*u))))
            .unwrap_or((text.as_str(), None));
        Run {
            tok,
            chars: body.chars().collect(),
            unit,
        }
    }

    /// The number of digits (and points) in the run.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Is the run empty?
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }
}

/// A cell cut from a run, or a blank cell the text dropped (no text, counted 0).
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Index of the run it was cut from (a dropped blank: the run it stands in or
    /// before).
    pub run: usize,
    /// Its text (digits, a sign, a point); empty for a dropped blank.
    pub text: String,
    /// Its value.
    pub value: f64,
    /// The unit printed after the run, on the run's last cell.
    pub unit: Option<&'static str>,
}

impl Piece {
    /// Is it a blank cell the text dropped?
    pub fn is_blank(&self) -> bool {
        self.text.is_empty()
    }
}

/// A row identity ([`crate::template::Template::row_sums`]).
pub use crate::template::SumGroup;

/// The cuts of a row that were found (at most a few dozen), or `None` when the search
/// ran out of steps.
pub type Cuts = Option<Vec<Vec<Piece>>>;
