//! A table whose rows lost their labels (a converter kept only the numbers), read only
//! where the table's arithmetic confirms the one way to place them.

use super::*;

/// A table whose rows lost their labels (a converter kept only the numbers): its rows
/// of numbers, one per template row in the template's order, read only when there are
/// exactly as many as the template has, each with a number or a blank in every column,
/// and every identity of the table holds with them placed so — the one way to place
/// them that the arithmetic confirms. Three or more rows of numbers that cannot be
/// placed so: the table, every cell unknown (the reader's limit, not a missing table).
/// Fewer: `None`.
pub(super) fn read_unlabelled_rows(
    lay: &Layout,
    specs: &[RowSpec<'_>],
    (template, table): (&Template, TableId),
) -> Option<Rebuilt> {
    if lay.shape != Shape::Grid || specs.is_empty() {
        return None;
    }
    let columns = specs[0].columns.len();
    if specs.iter().any(|s| s.columns.len() != columns) {
        return None;
    }
    // The grid's rows of numbers (a header row of words is not one).
    let mut rows: Vec<Vec<&Tok>> = Vec::new();
    let mut row: Vec<&Tok> = Vec::new();
    // A row of numbers (and blanks) only is kept.
    fn flush<'t>(row: &mut Vec<&'t Tok>, rows: &mut Vec<Vec<&'t Tok>>) {
        let numbers = row
            .iter()
            .all(|t| matches!(t.kind, TokKind::Value(_) | TokKind::Blank))
            && row.iter().any(|t| matches!(t.kind, TokKind::Value(_)));
        let taken = std::mem::take(row);
        if numbers {
            rows.push(taken);
        }
    }
    for t in &lay.toks {
        if t.kind == TokKind::RowEnd {
            flush(&mut row, &mut rows);
        } else {
            row.push(t);
        }
    }
    flush(&mut row, &mut rows);
    // Rows of numbers that cannot be placed: the table is there, unread.
    let unread = || {
        let mut out = Rebuilt {
            shape: Some(lay.shape),
            found: true,
            ..Rebuilt::default()
        };
        out.leave_unplaced(specs.iter().flat_map(|s| s.keys.iter().cloned()));
        out.last_line = rows
            .last()
            .and_then(|r| r.last())
            .and_then(|t| LineNo::new(t.line));
        out
    };
    if rows.len() < 3 {
        return None;
    }
    if rows.len() != specs.len() || rows.iter().any(|r| r.len() != columns) {
        return Some(unread());
    }
    let mut out = Rebuilt {
        shape: Some(lay.shape),
        found: true,
        ..Rebuilt::default()
    };
    for (spec, cells) in specs.iter().zip(&rows) {
        for (key, tok) in spec.keys.iter().zip(cells) {
            let slot = Slot {
                tok,
                blank: tok.kind == TokKind::Blank,
            };
            let mut cell = make_cell(Some(&slot), tok.line, None);
            if cell.state == CellState::NotNumber {
                return Some(unread());
            }
            cell.inferred = Some(Inference::Order);
            out.last_line = out.last_line.max(cell.line);
            out.inferred.push(key.clone());
            out.at.push((key.clone(), tok.char_col));
            out.cells.push((key.clone(), cell));
        }
    }
    let value = |k: &CellKey| {
        out.cells
            .iter()
            .find(|(c, _)| c == k)
            .and_then(|(_, c)| c.as_count())
    };
    let holds = template
        .equations()
        .iter()
        .filter(|e| e.sum.iter().chain(&e.equals).all(|k| k.table() == table))
        .all(|e| {
            let side = |keys: &[CellKey]| keys.iter().map(value).sum::<Option<f64>>();
            matches!((side(&e.sum), side(&e.equals)), (Some(a), Some(b)) if (a - b).abs() < 1e-9)
        });
    Some(if holds { out } else { unread() })
}
