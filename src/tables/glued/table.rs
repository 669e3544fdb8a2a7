//! A table's glued rows read: which rows are glued, each cut by itself, then those still
//! ambiguous decided across the table's rows, and their cells put in the table.

use super::across::{self, Undecided};
use super::row::{self, RowReading};
use super::{Piece, Run, SumGroup};
use crate::model::{Cell, CellState, Inference, LineNo, Num};
use crate::tables::layout::{Layout, TokKind};
use crate::tables::rows::Slot;
use crate::tables::value::Value;
use crate::tables::{GluedRow, Rebuilt, RowSpec};
use crate::template::{CellKey, Each, TableId, Template};

/// What the values after a label are, as glued digits.
pub(in crate::tables) enum Glued<'a> {
    /// Not glued: cells with separators, read as any other row.
    No,
    /// The row's runs of digits; `dropped`: fewer digits than cells, so blank cells
    /// were dropped without a trace.
    Runs { runs: Vec<Run<'a>>, dropped: bool },
}

/// Is a region's text glued as a whole: three or more values, and at least a third of
/// them, cut out of words where they touched text? Then every row of it is read as
/// glued digits, also a row whose digits happen to stand apart (`  22`: blank cells
/// dropped, not a lone 总计).
pub(in crate::tables) fn glued_layout(lay: &Layout) -> bool {
    let values = lay
        .toks
        .iter()
        .filter(|t| matches!(t.kind, TokKind::Value(_)));
    let (all, glued) = values.fold((0, 0), |(a, g), t| (a + 1, g + usize::from(t.glued)));
    glued >= 3 && glued * 3 >= all
}

/// Reads the values after a label as glued digits, when they are: a value was cut out
/// of label text (or has a leading zero), the region is glued as a whole, or a lone
/// bare run is as long as the row; and every cell read is a number. A glued row with
/// fewer digits than cells cannot be complete: its blanks were dropped.
pub(in crate::tables) fn glued_runs<'a>(
    slots: &[Slot<'a>],
    n: usize,
    sums: &[SumGroup],
    all_glued: bool,
) -> Glued<'a> {
    // A row of a table with row identities (3, 4) whose only value is a bare run of
    // at least as many digits as the row has cells (`1000001` on the line after its
    // label, as PDF viewers copy a table) is glued too: no agency counts a million
    // applications, and reading it as the 总计 would write a wrong number.
    let mut filled = slots.iter().filter(|s| !s.blank);
    let lone_run = match (filled.next(), filled.next()) {
        (Some(s), None) => {
            !sums.is_empty()
                && n >= 7
                && s.tok.text.trim().len() >= n
                && s.tok.text.trim().bytes().all(|b| b.is_ascii_digit())
        }
        _ => false,
    };
    let any_value = slots
        .iter()
        .any(|s| !s.blank && matches!(s.tok.kind, TokKind::Value(_)));
    let glued = lone_run || slots.iter().any(|s| s.tok.glued) || (all_glued && any_value);
    if !glued {
        return Glued::No;
    }
    let runs: Option<Vec<Run<'a>>> = slots
        .iter()
        .filter(|s| !s.blank)
        .map(|s| match s.tok.kind {
            TokKind::Value(Value::Number(..)) => Some(Run::new(s.tok)),
            _ => None,
        })
        .collect();
    match runs {
        None => Glued::No,
        Some(runs) => Glued::Runs {
            dropped: runs.iter().map(Run::len).sum::<usize>() < n,
            runs,
        },
    }
}

/// A cell cut from a glued row.
fn glued_cell(
    piece: &Piece,
    runs: &[Run<'_>],
    unit: Option<Option<&'static str>>,
    inferred: bool,
) -> Cell {
    let money_unit = piece.unit.filter(|u| matches!(*u, "元" | "万元"));
    let unit = unit.and_then(|header_unit| money_unit.or(header_unit).map(str::to_owned));
    if piece.is_blank() {
        // A blank cell the text dropped: blank, as the report printed it.
        return Cell {
            value: None,
            raw: String::new(),
            unit: None,
            line: LineNo::new(runs[piece.run].tok.line),
            inferred: inferred.then_some(Inference::Split),
            state: CellState::Blank,
        };
    }
    Cell {
        value: Some(Num(piece.value)),
        raw: format!("{}{}", piece.text, piece.unit.unwrap_or("")),
        unit,
        line: LineNo::new(runs[piece.run].tok.line),
        inferred: inferred.then_some(Inference::Split),
        state: CellState::Number,
    }
}

/// A glued row waiting for the rows after it (the column identities need them all).
pub(in crate::tables) struct PendingRow<'a> {
    pub(in crate::tables) spec: usize,
    pub(in crate::tables) keys: Vec<CellKey>,
    pub(in crate::tables) runs: Vec<Run<'a>>,
    pub(in crate::tables) line: usize,
    /// The money unit stated in the header above the row.
    pub(in crate::tables) header_unit: Option<&'static str>,
    /// The next row's label was not found: its digits may have run into this row's.
    pub(in crate::tables) next_missing: bool,
}

/// Reads the glued rows of a table: each by itself, then those still ambiguous by the
/// column identities of `table` across all rows. A row still ambiguous gives the
/// cells all its remaining readings agree on. `drops`: the document's text drops blank
/// cells without a trace ([`Rebuilt::dropped_blanks`]), so every row is read with that
/// possibility.
pub(in crate::tables) fn read_glued_rows(
    out: &mut Rebuilt,
    pending: Vec<PendingRow<'_>>,
    specs: &[RowSpec<'_>],
    (template, table): (&Template, TableId),
    drops: bool,
) {
    let mut undecided: Vec<(PendingRow<'_>, Vec<Vec<Piece>>)> = Vec::new();
    for row in pending {
        let spec = &specs[row.spec];
        // With the next row's label not found, this row's digits may run on into that
        // row's (`5` and `0000000` read as 50, 0, …): no reading is certain, and none
        // that fails to add up is the report's fault.
        if row.next_missing && spec.columns.len() > 1 {
            out.leave_unplaced(row.keys);
            continue;
        }
        let reading = row::read_row(&row.runs, spec.columns.len(), &spec.sums, drops);
        let (pieces, inferred) = match reading {
            RowReading::Printed(p) => (p, false),
            RowReading::Inferred(p) => (p, true),
            RowReading::Ambiguous(candidates) if !candidates.is_empty() => {
                undecided.push((row, candidates));
                continue;
            }
            RowReading::CannotAddUp => {
                out.cannot_add_up.push(GluedRow {
                    keys: row.keys.clone(),
                    digits: row
                        .runs
                        .iter()
                        .map(|r| r.tok.raw.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                    line: row.line,
                });
                out.leave_unplaced(row.keys);
                continue;
            }
            RowReading::Ambiguous(_) | RowReading::Unreadable => {
                out.leave_unplaced(row.keys);
                continue;
            }
        };
        let pieces: Vec<Option<&Piece>> = pieces.iter().map(Some).collect();
        push_glued(out, &row, spec, &pieces, inferred);
    }
    if undecided.is_empty() {
        return;
    }
    let equations: Vec<_> = template
        .equations()
        .iter()
        .filter(|e| e.each == Each::Column && e.sum.iter().all(|k| k.table() == table))
        .collect();
    let rows: Vec<Undecided> = undecided
        .iter()
        .map(|(row, candidates)| Undecided {
            keys: row.keys.clone(),
            candidates: candidates
                .iter()
                .map(|c| c.iter().map(|p| p.value).collect())
                .collect(),
        })
        .collect();
    let known: std::collections::HashMap<&str, f64> = out
        .cells
        .iter()
        .filter_map(|(k, c)| Some((k.as_str(), c.as_count()?)))
        .collect();
    let decided = across::decide_across_rows(&rows, &equations, &|k| known.get(k).copied());
    for ((row, candidates), kept) in undecided.into_iter().zip(decided) {
        // The readings left: those the columns keep (all of the row's own when the
        // search across rows ran out of steps).
        let left: Vec<&[Piece]> = match kept {
            Some(kept) => kept.iter().map(|&i| candidates[i].as_slice()).collect(),
            None => candidates.iter().map(Vec::as_slice).collect(),
        };
        let cells = across::agreed(&left);
        if cells.iter().all(Option::is_none) {
            out.leave_unplaced(row.keys);
            continue;
        }
        let spec = &specs[row.spec];
        push_glued(out, &row, spec, &cells, true);
    }
}

/// Puts a glued row's cells: each column's piece, or unknown where there is none.
fn push_glued(
    out: &mut Rebuilt,
    row: &PendingRow<'_>,
    spec: &RowSpec<'_>,
    pieces: &[Option<&Piece>],
    inferred: bool,
) {
    for ((c, key), piece) in spec.columns.iter().zip(&row.keys).zip(pieces) {
        let Some(piece) = piece else {
            out.leave_unplaced([key.clone()]);
            continue;
        };
        let unit = spec
            .money
            .iter()
            .find(|(k, _)| k == c)
            .map(|(_, fixed)| fixed.or(row.header_unit));
        let cell = glued_cell(piece, &row.runs, unit, inferred);
        if inferred {
            out.inferred.push(key.clone());
        }
        // A row of one cell is certain whatever the text dropped: its digits are it.
        if spec.columns.len() > 1 {
            out.from_glued.push(key.clone());
        }
        out.last_line = out.last_line.max(cell.line);
        out.cells.push((key.clone(), cell));
    }
}
