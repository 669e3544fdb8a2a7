//! Stage 5 of the pipeline: rebuilding tables 2, 3 and 4 from their text regions.
//!
//! Reconstruction is template-driven: the template says which row labels to look for
//! and how many columns follow each; [`layout`] turns whatever shape the text has into
//! a cell stream; [`rows`] finds the labels and places the values. A value whose column
//! is not certain is left out, and the table reports the key as missing — never a
//! guessed number.

mod cell;
pub mod glued;
pub mod layout;
mod locate;
mod merged;
mod rebuild;
pub mod rows;
pub mod scan;
mod unlabelled;
pub mod value;
pub mod vocab;

use crate::model::{Cell, CellState, Inference, LineNo, Num};
use crate::normalize::{compact, Doc};
use crate::template::{self, CellKey, Cues, TableId, Template};
use glued::{glued_layout, glued_runs, read_glued_rows, Glued, PendingRow, SumGroup};
use layout::{Layout, Shape, Tok, TokKind};
use rows::{collect, find_label, header_fields, label_key, place_checked, Placement, Slot, Stream};
use std::ops::Range;
use value::Value;
use vocab::Vocab;

use cell::{damaged, make_cell, prove_damaged};
pub use locate::{ordered_cells, rebuild_all, TableState};
use merged::read_merged_groups;
pub use merged::MergedGroup;
pub use rebuild::{rebuild_t2, rebuild_t3, rebuild_t4};
use unlabelled::read_unlabelled_rows;

/// Lines of a region read at most: tables are a few hundred lines even one cell per
/// line; a longer region is not a table, and bounding it bounds the work.
const MAX_REGION_LINES: usize = 5000;

/// The result of rebuilding one table.
#[derive(Debug, Clone, Default)]
pub struct Rebuilt {
    /// Was anything of the table recognised (a row label, the table-4 header)?
    pub found: bool,
    /// The cells found, in template order.
    pub cells: Vec<(CellKey, Cell)>,
    /// Keys of the template's cells that were not found.
    pub missing: Vec<CellKey>,
    /// Where the text of each cell read from a token of its own starts: the char index
    /// in its line (a scan's doubtful digit is found in its cell by it; a cell cut
    /// from glued digits has none).
    pub at: Vec<(CellKey, usize)>,
    /// Of `missing`, the keys whose row was found but whose values could not be
    /// placed in columns with certainty.
    pub unplaced: Vec<CellKey>,
    /// 1-based line of the last token read as part of the table.
    pub last_line: Option<LineNo>,
    /// The shape the table was laid out in.
    pub shape: Option<Shape>,
    /// Rows read by position although the header shows their cells in other columns
    /// (a misaligned table): the row's keys and its line.
    pub misaligned: Vec<(Vec<CellKey>, usize)>,
    /// Keys of the cells whose digits were printed glued together and cut by the
    /// table's arithmetic ([`Inference::Split`]).
    pub inferred: Vec<CellKey>,
    /// Rows printed glued whose digits add up under no reading (their keys are also
    /// in `unplaced`).
    pub cannot_add_up: Vec<GluedRow>,
    /// Keys of the cells read from glued rows of several cells (as printed or split).
    pub from_glued: Vec<CellKey>,
    /// A glued row has fewer digits than cells: the text dropped its blank cells
    /// without a trace, so every glued row of the report is read with that
    /// possibility.
    pub dropped_blanks: bool,
    /// Cells left unknown because their text was damaged (`��`) and the arithmetic
    /// leaves them more than one value (their keys are also in `unplaced`).
    pub damaged: Vec<CellKey>,
    /// Groups of rows printed as one row under the group's label (a 2021 table 3 with
    /// the 2019 format's single （六）其他处理 row): their rows' keys are missing, the
    /// values are here.
    pub merged: Vec<MergedGroup>,
}

impl Rebuilt {
    /// Table 2's keys of rows left out of it (when this is table 2 as rebuilt): absent from the text
    /// (not merely unplaced) while a later row of the table was found.
    pub fn omitted_t2_rows(&self, t: &Template) -> Vec<CellKey> {
        // The template's keys of each row (its layout has them made), and the keys
        // missing but not unplaced, looked up by hash.
        let rows: Vec<&[CellKey]> = t
            .layout(TableId::T2)
            .rows()
            .map(|r| r.keys.as_slice())
            .collect();
        let unplaced: std::collections::HashSet<&CellKey, rustc_hash::FxBuildHasher> =
            self.unplaced.iter().collect();
        let absent_keys: std::collections::HashSet<&CellKey, rustc_hash::FxBuildHasher> = self
            .missing
            .iter()
            .filter(|k| !unplaced.contains(k))
            .collect();
        let absent = |keys: &[CellKey]| keys.iter().all(|k| absent_keys.contains(k));
        let Some(last_found) = rows.iter().rposition(|keys| !absent(keys)) else {
            return Vec::new();
        };
        rows[..last_found]
            .iter()
            .filter(|keys| absent(keys))
            .flat_map(|keys| keys.iter())
            .cloned()
            .collect()
    }

    /// Notes cells whose numbers are in the text but not placed with certainty: they
    /// are missing from the cells, and unplaced (the checker's limit, not the
    /// report's).
    fn leave_unplaced(&mut self, keys: impl IntoIterator<Item = CellKey>) {
        for k in keys {
            self.unplaced.push(k.clone());
            self.missing.push(k);
        }
    }
}

/// A row whose digits were printed without separators.
#[derive(Debug, Clone, PartialEq)]
pub struct GluedRow {
    /// The row's cell keys.
    pub keys: Vec<CellKey>,
    /// Its runs of digits as printed, separated by spaces.
    pub digits: String,
    /// Its line.
    pub line: usize,
}

/// The vocabulary of all templates, built once.
fn vocab() -> &'static Vocab {
    static V: std::sync::OnceLock<Vocab> = std::sync::OnceLock::new();
    V.get_or_init(|| Vocab::new(crate::template::all()))
}

/// Characters of a region read at most (the same reasoning as [`MAX_REGION_LINES`]:
/// a single pasted line of megabytes is not a table row).
const MAX_REGION_CHARS: usize = 300_000;

/// The tokens of lines `range` of a document (bounded: [`MAX_REGION_LINES`],
/// [`MAX_REGION_CHARS`]), which a table is rebuilt from.
pub fn region_layout(doc: &Doc, range: Range<usize>) -> Layout {
    let mut end = range.end.min(range.start + MAX_REGION_LINES).min(doc.len());
    let start = range.start.min(end);
    let mut chars = 0;
    for i in start..end {
        chars += doc.folded[i].len() / 3 + 1;
        if chars > MAX_REGION_CHARS {
            end = i;
            break;
        }
    }
    layout::tokenize(&doc.orig, &doc.folded, start..end, vocab())
}

/// A row of the template to be read: its label, and its columns with their keys.
struct RowSpec<'t> {
    /// The cell keys of the row, one per column.
    keys: Vec<CellKey>,
    label: &'t str,
    /// Other labels agencies print for the row.
    variants: &'t [String],
    /// The group label spanning the row and its siblings (`（六）其他处理`).
    group: Option<&'t str>,
    columns: Vec<&'t str>,
    /// The columns' header labels, to find them in a grid's header.
    headers: Vec<String>,
    /// Keys of money columns, with the unit the template itself fixes, if any.
    money: Vec<(&'t str, Option<&'static str>)>,
    /// The template's identities within the row (cells adding up to another).
    sums: Vec<SumGroup>,
}

/// Reads rows in order from a tokenised region.
fn read_rows(
    lay: &Layout,
    specs: &[RowSpec<'_>],
    lone_number_is_last: bool,
    first_segment: impl Fn(usize) -> usize,
    anchors: Option<&[usize]>,
    (template, table): (&Template, TableId),
    drops: bool,
) -> Rebuilt {
    let stream = Stream::new(&lay.toks);
    let v = vocab();
    let mut matches = Vec::with_capacity(specs.len());
    let mut cursor = 0;
    for spec in specs {
        // The template's label or a variant, whichever stands first — not in a row of
        // column headings (`| 自然人 | … | 总计 |` is the header, not the row 总计).
        let m = std::iter::once(spec.label)
            .chain(spec.variants.iter().map(String::as_str))
            .filter_map(|label| {
                let key = label_key(label);
                let mut from = cursor;
                loop {
                    let m = find_label(&stream, &key, from)?;
                    if !in_header_row(lay, m.start_tok, &spec.headers) {
                        return Some(m);
                    }
                    from = m.next;
                }
            })
            .min_by_key(|m| (m.start_tok, std::cmp::Reverse(m.next)));
        if let Some(m) = m {
            cursor = m.next;
        }
        matches.push(m);
    }
    let mut out = Rebuilt {
        shape: Some(lay.shape),
        ..Rebuilt::default()
    };
    read_merged_groups(lay, specs, &matches, &stream, &mut out);
    let mut pending: Vec<PendingRow<'_>> = Vec::new();
    let all_glued = glued_layout(lay);
    for (i, spec) in specs.iter().enumerate() {
        let keys = spec.keys.iter().cloned();
        let Some(m) = matches[i] else {
            out.missing.extend(keys);
            continue;
        };
        out.found = true;
        let limit = matches[i + 1..]
            .iter()
            .flatten()
            .map(|n| n.start_tok)
            .next()
            .unwrap_or(lay.toks.len());
        let slots = collect(&lay.toks, m, limit, lay.shape, v);
        let row = Row {
            spec: i,
            slots,
            line: lay.toks[m.end_tok].line,
            how: Placement {
                columns: spec.columns.len(),
                lone_number_is_last,
                segments: (!lay.segments.is_empty())
                    .then(|| (lay.segments.as_slice(), first_segment(lay.segments.len()))),
                anchors,
                fields: None,
            },
            header: (m.start_tok, &spec.headers),
            header_unit: header_unit(&lay.toks[..m.start_tok]),
            next_missing: matches.get(i + 1).is_some_and(Option::is_none),
        };
        read_row(&mut out, lay, specs, row, (all_glued, drops), &mut pending);
    }
    read_glued_rows(&mut out, pending, specs, (template, table), drops);
    if !out.found {
        if let Some(unlabelled) = read_unlabelled_rows(lay, specs, (template, table)) {
            return unlabelled;
        }
    }
    out
}

/// One row found in a table, its values still to be placed: by its label (tables 2
/// and 3), or as the run of values after the header (table 4).
struct Row<'a, 's> {
    /// Its row of the template (an index into the specs).
    spec: usize,
    /// Its values and empty cells, in order.
    slots: Vec<Slot<'a>>,
    /// The line it stands on (its label's, or its first value's).
    line: usize,
    /// How its values are placed in columns (but for the grid's header fields, read
    /// only when the row is placed: see `header`).
    how: Placement<'s>,
    /// Where a grid's header is read for the value columns' fields: above this token,
    /// by these column labels.
    header: (usize, &'s [String]),
    /// The money unit stated in the header above it.
    header_unit: Option<&'static str>,
    /// The next row's label was not found: its digits may have run into this row's.
    next_missing: bool,
}

/// Reads one row into `out`, the same way in every table: digits printed glued are
/// set aside for the search across the table's rows (`pending`; with `drops`, the
/// document drops blank cells, see [`Rebuilt::dropped_blanks`]); otherwise each value
/// is placed in its column when that is certain, and a damaged one proved by the row's
/// identities or left unknown.
fn read_row<'a>(
    out: &mut Rebuilt,
    lay: &Layout,
    specs: &[RowSpec<'_>],
    row: Row<'a, '_>,
    (all_glued, drops): (bool, bool),
    pending: &mut Vec<PendingRow<'a>>,
) {
    let spec = &specs[row.spec];
    let (slots, row_line) = (&row.slots, row.line);
    let keys = spec.keys.iter().cloned();
    match glued_runs(slots, spec.columns.len(), &spec.sums, all_glued) {
        Glued::No => {}
        Glued::Runs { runs, dropped } => {
            out.dropped_blanks |= dropped;
            out.last_line = out.last_line.max(LineNo::new(row_line));
            if dropped && !drops {
                // Blanks dropped: the document is read again with that possibility.
                out.leave_unplaced(keys);
                return;
            }
            pending.push(PendingRow {
                spec: row.spec,
                keys: keys.collect(),
                runs,
                line: row_line,
                header_unit: row.header_unit,
                next_missing: row.next_missing,
            });
            return;
        }
    }
    // A glued row is cut by the arithmetic, not placed under the header.
    let fields = grid_header_fields(lay, row.header.0, row.header.1);
    let how = Placement {
        fields: fields.as_deref(),
        ..row.how
    };
    let placed = place_checked(slots, how);
    if placed.misaligned {
        out.misaligned.push((keys.clone().collect(), row_line));
    }
    match placed.assign {
        Some(assign) => {
            let mut cells: Vec<(CellKey, Result<Cell, &Slot<'_>>)> = Vec::new();
            for (column, (c, key)) in spec.columns.iter().zip(keys).enumerate() {
                let slot = assign[column].map(|s| &slots[s]);
                let unit = spec
                    .money
                    .iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, fixed)| fixed.or(row.header_unit));
                // An empty cell's own slot, where every column has one.
                let own = (slots.len() == spec.columns.len()).then(|| &slots[column]);
                if let Some(s) = slot.filter(|s| !s.blank) {
                    out.at.push((key.clone(), s.tok.char_col));
                }
                cells.push(match slot.or(own).filter(|s| damaged(s)) {
                    Some(s) => (key, Err(s)),
                    None => (key, Ok(make_cell(slot, row_line, unit))),
                });
            }
            for (key, cell) in prove_damaged(cells, &spec.sums) {
                match cell {
                    Some(cell) => {
                        out.last_line = out.last_line.max(cell.line);
                        out.cells.push((key, cell));
                    }
                    None => {
                        out.damaged.push(key.clone());
                        out.leave_unplaced([key]);
                    }
                }
            }
        }
        None => {
            out.leave_unplaced(keys);
            out.last_line = out
                .last_line
                .max(slots.last().and_then(|s| LineNo::new(s.tok.line)));
        }
    }
    out.last_line = out.last_line.max(LineNo::new(row_line));
}

/// Is token `at` in a row of a grid that holds two or more of the table's column
/// headings (`headers`)? Such a row is the table's header.
fn in_header_row(lay: &Layout, at: usize, headers: &[String]) -> bool {
    if lay.shape != Shape::Grid || headers.len() < 2 {
        return false;
    }
    let row_start = lay.toks[..at]
        .iter()
        .rposition(|t| t.kind == TokKind::RowEnd)
        .map_or(0, |i| i + 1);
    let row_end = lay.toks[at..]
        .iter()
        .position(|t| t.kind == TokKind::RowEnd)
        .map_or(lay.toks.len(), |i| at + i);
    let keys: Vec<String> = headers.iter().map(|h| compact(h)).collect();
    lay.toks[row_start..row_end]
        .iter()
        .filter(|t| t.kind == TokKind::Text && keys.contains(&compact(&t.text)))
        .count()
        >= 2
}

/// In a grid written one field per column (an HTML or .docx table), the fields where
/// the columns `labels` start, read off the header rows above token `before`.
fn grid_header_fields(lay: &Layout, before: usize, labels: &[String]) -> Option<Vec<usize>> {
    (lay.shape == Shape::Grid && lay.uniform_grid)
        .then(|| header_fields(&lay.toks, before, labels))
        .flatten()
}

/// The first input line (0-based) of a tokenised region.
fn range_start(lay: &Layout, doc: &Doc) -> usize {
    lay.toks.first().map(|t| t.line - 1).unwrap_or(doc.len())
}

/// Column anchors from the header lines of a space-aligned region: the lines before
/// the first value.
fn header_anchors_before_values(
    doc: &Doc,
    lay: &Layout,
    start: usize,
    labels: &[String],
) -> Option<Vec<usize>> {
    if lay.shape != Shape::Spaced || !lay.segments.is_empty() {
        return None;
    }
    let first_value = lay
        .toks
        .iter()
        .find(|t| matches!(t.kind, TokKind::Value(_)))?
        .line
        - 1;
    layout::header_anchors(&doc.folded[start.min(first_value)..first_value], labels)
}

/// The money unit stated in the header text just above a row (`（单位：万元）`).
fn header_unit(before: &[Tok]) -> Option<&'static str> {
    let words = || {
        before
            .iter()
            .rev()
            .take(12)
            .filter(|t| t.kind == TokKind::Text)
    };
    // Most rows have no 元 above them: said without compacting every word.
    if !words().any(|t| t.text.contains('元')) {
        return None;
    }
    let recent: String = words().map(|t| compact(&t.text)).collect();
    if recent.contains("万元") {
        Some("万元")
    } else if recent.contains('元') {
        Some("元")
    } else {
        None
    }
}
