//! Which cells of a scan are read: the tables' identities decide what the OCR read.
//!
//! A digit the OCR misread breaks a row or a column sum, so a cell read from a scan is
//! taken only when every identity of the template that touches it holds with it (and
//! at least one does): it is then marked [`Inference::Ocr`]. A blank is never taken:
//! where nothing was read, a digit may have been missed. A cell no identity
//! covers (table 2 has none), or one in an identity that fails, is not taken: it is
//! left out of the cells, and [`ScanCheck::unconfirmed`] keeps what the OCR read for
//! the finding that says so (`scan-unconfirmed`). An identity that fails is the
//! report's error only when every cell in it was read with no doubtful digit: those
//! cells are kept as read, and the rules report the identity as they do for any report.

use super::TableState;
use crate::model::{Cell, CellState, Cells, Inference, LineNo};
use crate::template::{CellKey, Template};
use rustc_hash::FxBuildHasher;
use std::collections::HashMap;
use std::ops::Range;

/// A cell the OCR read that the identities could not confirm.
#[derive(Debug, Clone, PartialEq)]
pub struct Unconfirmed {
    /// Its key.
    pub key: CellKey,
    /// What the OCR read there (empty: nothing).
    pub read: String,
    /// Its line in the document.
    pub line: Option<LineNo>,
    /// Why it was not taken.
    pub why: Why,
}

/// Why a cell read from a scan was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// No identity of the template covers it (table 2's cells).
    NoIdentity,
    /// An identity that touches it fails with what was read, and a digit in it was
    /// doubtful: the OCR, not the report, may be wrong.
    Fails,
    /// The identities that touch it could not be worked out (a cell in them was not
    /// read).
    Unchecked,
    /// Nothing was read where it is: a digit the OCR missed looks the same.
    Blank,
}

/// What the identities decided about a scan's cells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanCheck {
    /// The cells not taken, in template order.
    pub unconfirmed: Vec<Unconfirmed>,
}

/// Decides which of a scan's `cells` are read. `doubtful(line, chars)`: does the line
/// hold a digit the OCR was not sure of in the char range `chars` (`None`: anywhere
/// in it)? `tables` tell where each cell's text starts ([`Rebuilt::at`]). Cells not
/// taken are removed from `cells`.
pub fn confirm(
    cells: &mut Cells,
    template: &Template,
    tables: &[TableState; 3],
    doubtful: impl Fn(LineNo, Option<Range<usize>>) -> bool,
) -> ScanCheck {
    let at: HashMap<&CellKey, usize, FxBuildHasher> = tables
        .iter()
        .flat_map(|t| t.rebuilt.at.iter().map(|(k, c)| (k, *c)))
        .collect();
    // A cell is sure when no digit of it was doubtful; a cell not read from a token of
    // its own is sure only when its line has no doubtful digit at all.
    let sure = |key: &CellKey, cell: &Cell| {
        cell.line.is_some_and(|line| {
            let chars = at.get(key).map(|&c| c..c + cell.raw.chars().count().max(1));
            !doubtful(line, chars)
        })
    };
    #[derive(Clone, Copy, PartialEq)]
    enum Holds {
        Yes,
        No { certain: bool },
        Unknown,
    }
    // A blank is no reading: a digit the OCR missed is blank too, and blanks that
    // add up to nothing on both sides of a sum would confirm any missed digits.
    let count = |k: &CellKey| {
        cells
            .get(k)
            .filter(|c| c.state != CellState::Blank)
            .and_then(Cell::as_count)
    };
    let eqs: Vec<(Vec<CellKey>, Holds)> = template
        .equations()
        .iter()
        .map(|eq| {
            let side =
                |keys: &[CellKey]| -> Option<f64> { keys.iter().map(count).sum::<Option<f64>>() };
            let keys = eq.cells();
            let holds = match (side(&eq.sum), side(&eq.equals)) {
                (Some(a), Some(b)) if (a - b).abs() < 1e-6 => Holds::Yes,
                (Some(_), Some(_)) => Holds::No {
                    certain: keys
                        .iter()
                        .all(|k| cells.get(k).is_some_and(|c| sure(k, c))),
                },
                _ => Holds::Unknown,
            };
            (keys, holds)
        })
        .collect();
    let mut check = ScanCheck::default();
    let mut kept = Vec::new();
    for (key, cell) in cells.iter() {
        let touching: Vec<Holds> = eqs
            .iter()
            .filter(|(keys, _)| keys.contains(key))
            .map(|(_, h)| *h)
            .collect();
        let certain_failure = touching.contains(&Holds::No { certain: true });
        let failing = touching.iter().any(|h| matches!(h, Holds::No { .. }));
        let why = if cell.state == CellState::Blank {
            Some(Why::Blank)
        } else if touching.is_empty() {
            Some(Why::NoIdentity)
        } else if certain_failure {
            // The report's own error: kept as read, for the rules to report.
            None
        } else if failing {
            Some(Why::Fails)
        } else if !touching.contains(&Holds::Yes) || cell.as_count().is_none() {
            Some(Why::Unchecked)
        } else {
            None
        };
        match why {
            Some(why) => check.unconfirmed.push(Unconfirmed {
                key: key.clone(),
                read: cell.raw.clone(),
                line: cell.line,
                why,
            }),
            None => {
                let mut cell: Cell = cell.clone();
                if !certain_failure && cell.state == CellState::Number {
                    cell.inferred.get_or_insert(Inference::Ocr);
                }
                kept.push((key.clone(), cell));
            }
        }
    }
    *cells = Cells::new(kept);
    check
}
