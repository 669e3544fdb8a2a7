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
mod merged;
pub mod rows;
mod unlabelled;
pub mod value;
pub mod vocab;

use crate::normalize::{compact, Doc};
use crate::report::{Cell, CellState, Inference, LineNo, Num};
use crate::template::{self, CellKey, Cues, TableId, Template};
use glued::{glued_layout, glued_runs, read_glued_rows, Glued, PendingRow, SumGroup};
use layout::{Layout, Shape, Tok, TokKind};
use rows::{collect, find_label, header_fields, label_key, place_checked, Placement, Slot, Stream};
use std::ops::Range;
use value::Value;
use vocab::Vocab;

use cell::{damaged, make_cell, prove_damaged};
use merged::read_merged_groups;
pub use merged::MergedGroup;
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

fn region_layout(doc: &Doc, range: Range<usize>) -> Layout {
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
        let row_line = lay.toks[m.end_tok].line;
        match glued_runs(&slots, spec.columns.len(), &spec.sums, all_glued) {
            Glued::No => {}
            Glued::Runs { runs, dropped } => {
                out.dropped_blanks |= dropped;
                out.last_line = out.last_line.max(LineNo::new(row_line));
                if dropped && !drops {
                    // Blanks dropped: the document is read again with that possibility.
                    out.leave_unplaced(keys);
                    continue;
                }
                pending.push(PendingRow {
                    spec: i,
                    keys: keys.collect(),
                    runs,
                    line: row_line,
                    header_unit: header_unit(&lay.toks[..m.start_tok]),
                    next_missing: matches.get(i + 1).is_some_and(Option::is_none),
                });
                continue;
            }
        }
        let fields = grid_header_fields(lay, m.start_tok, &spec.headers);
        let how = Placement {
            columns: spec.columns.len(),
            lone_number_is_last,
            segments: (!lay.segments.is_empty())
                .then(|| (lay.segments.as_slice(), first_segment(lay.segments.len()))),
            anchors,
            fields: fields.as_deref(),
        };
        let placed = place_checked(&slots, how);
        if placed.misaligned {
            out.misaligned.push((keys.clone().collect(), row_line));
        }
        match placed.assign {
            Some(assign) => {
                let header_unit = header_unit(&lay.toks[..m.start_tok]);
                let mut row: Vec<(CellKey, Result<Cell, &Slot<'_>>)> = Vec::new();
                for (column, (c, key)) in spec.columns.iter().zip(keys).enumerate() {
                    let slot = assign[column].map(|s| &slots[s]);
                    let unit = spec
                        .money
                        .iter()
                        .find(|(k, _)| k == c)
                        .map(|(_, fixed)| fixed.or(header_unit));
                    // An empty cell's own slot, where every column has one.
                    let own = (slots.len() == spec.columns.len()).then(|| &slots[column]);
                    row.push(match slot.or(own).filter(|s| damaged(s)) {
                        Some(s) => (key, Err(s)),
                        None => (key, Ok(make_cell(slot, row_line, unit))),
                    });
                }
                for (key, cell) in prove_damaged(row, &spec.sums) {
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
    read_glued_rows(&mut out, pending, specs, (template, table), drops);
    if !out.found {
        if let Some(unlabelled) = read_unlabelled_rows(lay, specs, (template, table)) {
            return unlabelled;
        }
    }
    out
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
    let recent: String = before
        .iter()
        .rev()
        .take(12)
        .filter(|t| t.kind == TokKind::Text)
        .map(|t| compact(&t.text))
        .collect::<Vec<_>>()
        .concat();
    if recent.contains("万元") {
        Some("万元")
    } else if recent.contains('元') {
        Some("元")
    } else {
        None
    }
}

/// Rebuilds table 2 (主动公开) from the lines in `range`. `drops`: the document's
/// text drops blank cells without a trace (see [`Rebuilt::dropped_blanks`]).
pub fn rebuild_t2(doc: &Doc, range: Range<usize>, t: &Template, drops: bool) -> Rebuilt {
    let lay = region_layout(doc, range);
    let layout = t.layout(TableId::T2);
    let specs: Vec<RowSpec<'_>> = layout
        .blocks
        .iter()
        .flat_map(|block| {
            block.rows.iter().map(move |r| RowSpec {
                keys: r.keys.clone(),
                label: r.label,
                variants: r.variants,
                group: None,
                columns: block.columns.iter().map(|c| c.key.as_str()).collect(),
                headers: block.columns.iter().map(|c| c.label.clone()).collect(),
                money: block
                    .columns
                    .iter()
                    .filter(|c| c.label.contains("金额"))
                    .map(|c| (c.key.as_str(), c.label.contains("万元").then_some("万元")))
                    .collect(),
                sums: Vec::new(),
            })
        })
        .collect();
    read_rows(&lay, &specs, false, |_| 1, None, (t, TableId::T2), drops)
}

/// Rebuilds table 3 (依申请) from the lines in `range` (`drops`: as [`rebuild_t2`]'s).
pub fn rebuild_t3(doc: &Doc, range: Range<usize>, t: &Template, drops: bool) -> Rebuilt {
    let lay = region_layout(doc, range);
    let layout = t.layout(TableId::T3);
    let columns: Vec<&str> = t.t3.columns.iter().map(|c| c.key.as_str()).collect();
    let n = columns.len();
    let labels: Vec<String> = t.t3.columns.iter().map(|c| c.label.clone()).collect();
    let sums = t.row_sums(TableId::T3, &columns);
    let specs: Vec<RowSpec<'_>> = layout
        .rows()
        .map(|r| RowSpec {
            keys: r.keys.clone(),
            label: r.label,
            variants: r.variants,
            group: r.group,
            columns: columns.clone(),
            headers: labels.clone(),
            money: Vec::new(),
            sums: sums.clone(),
        })
        .collect();
    let anchors = header_anchors_before_values(doc, &lay, range_start(&lay, doc), &labels);
    read_rows(
        &lay,
        &specs,
        true,
        move |segs| segs.saturating_sub(n),
        anchors.as_deref(),
        (t, TableId::T3),
        drops,
    )
}

/// Rebuilds table 4 (复议、诉讼) from the lines in `range`: one data row of 15 values
/// after the header (`drops`: as [`rebuild_t2`]'s).
pub fn rebuild_t4(doc: &Doc, range: Range<usize>, t: &Template, drops: bool) -> Rebuilt {
    let lay = region_layout(doc, range);
    let keys: Vec<CellKey> = t.layout(TableId::T4).keys().cloned().collect();
    let n = keys.len();
    let header_seen = lay.toks.iter().any(|tok| {
        tok.kind == TokKind::Text && {
            let c = compact(&tok.text);
            Cues::any_in(&template::cues().t4_header_words, &c)
        }
    });
    // The data row is the run of values after the last header text that precedes
    // the last value.
    let last_value = lay
        .toks
        .iter()
        .rposition(|tok| matches!(tok.kind, TokKind::Value(_)))
        .unwrap_or(0);
    let start = lay.toks[..last_value]
        .iter()
        .rposition(|tok| tok.kind == TokKind::Text)
        .map(|i| i + 1)
        .unwrap_or(0);
    let mut slots: Vec<Slot<'_>> = Vec::new();
    for tok in &lay.toks[start..] {
        match tok.kind {
            TokKind::Value(_) => slots.push(Slot { tok, blank: false }),
            TokKind::Blank => slots.push(Slot { tok, blank: true }),
            TokKind::Text => break,
            TokKind::RowEnd => {}
        }
    }
    // Empty cells before the first value are the header's, not the data row's, when
    // there are more cells than columns.
    while slots.len() > n && slots.first().is_some_and(|s| s.blank) {
        slots.remove(0);
    }
    let mut out = Rebuilt {
        shape: Some(lay.shape),
        found: header_seen || !slots.is_empty(),
        ..Rebuilt::default()
    };
    if slots.is_empty() {
        out.missing = keys;
        return out;
    }
    let labels: Vec<String> =
        t.t4.groups
            .iter()
            .flat_map(|_| t.t4.columns.iter().map(|c| c.label.clone()))
            .collect();
    let anchors = header_anchors_before_values(doc, &lay, range_start(&lay, doc), &labels);
    // The header is read above the data row's first token (the row end of the
    // header's last row is not part of the data row).
    let data_row = start
        + lay.toks[start..]
            .iter()
            .take_while(|t| t.kind == TokKind::RowEnd)
            .count();
    let fields = grid_header_fields(&lay, data_row, &labels);
    let how = Placement {
        columns: n,
        lone_number_is_last: false,
        segments: (!lay.segments.is_empty()).then(|| {
            (
                lay.segments.as_slice(),
                lay.segments.len().saturating_sub(n),
            )
        }),
        anchors: anchors.as_deref(),
        fields: fields.as_deref(),
    };
    let row_line = slots
        .iter()
        .find(|s| !s.blank)
        .map(|s| s.tok.line)
        .unwrap_or(slots[0].tok.line);
    // One row of 15 digits printed together: the groups' identities cut it.
    let columns: Vec<&str> = t.t4.columns.iter().map(|c| c.key.as_str()).collect();
    let width = columns.len();
    let sums: Vec<SumGroup> = (0..t.t4.groups.len())
        .flat_map(|g| {
            t.row_sums(TableId::T4, &columns)
                .into_iter()
                .map(move |s| SumGroup {
                    parts: s.parts.iter().map(|p| g * width + p).collect(),
                    total: g * width + s.total,
                })
        })
        .collect();
    let runs = match glued_runs(&slots, n, &sums, glued_layout(&lay)) {
        Glued::No => None,
        Glued::Runs { runs, dropped } => {
            out.dropped_blanks |= dropped;
            if dropped && !drops {
                // Read again with that possibility (the pipeline's second pass).
                out.leave_unplaced(keys);
                out.last_line = LineNo::new(row_line);
                return out;
            }
            Some(runs)
        }
    };
    if let Some(runs) = runs {
        let spec = RowSpec {
            keys: keys.clone(),
            label: "",
            variants: &[],
            group: None,
            columns: keys.iter().map(CellKey::as_str).collect(),
            headers: Vec::new(),
            money: Vec::new(),
            sums,
        };
        let row = PendingRow {
            spec: 0,
            keys: keys.clone(),
            runs,
            line: row_line,
            header_unit: None,
            next_missing: false,
        };
        read_glued_rows(&mut out, vec![row], &[spec], (t, TableId::T4), drops);
        out.last_line = out.last_line.max(LineNo::new(row_line));
        return out;
    }
    let placed = place_checked(&slots, how);
    if placed.misaligned {
        out.misaligned.push((keys.clone(), row_line));
    }
    match placed.assign {
        Some(assign) => {
            for (c, key) in keys.into_iter().enumerate() {
                let slot = assign[c].map(|s| &slots[s]);
                if slot.is_some_and(damaged) {
                    out.leave_unplaced([key]);
                    continue;
                }
                let cell = make_cell(slot, row_line, None);
                out.last_line = out.last_line.max(cell.line);
                out.cells.push((key, cell));
            }
        }
        None => {
            out.leave_unplaced(keys);
            out.last_line = LineNo::new(row_line);
        }
    }
    out
}
