//! A cell made from the text the row reader placed in it: a number, a blank, 不适用, or
//! text; and a cell whose text the decoding damaged, given the value its row's
//! identities leave it.

use super::*;

/// A row's cells, those whose text was damaged ([`damaged`]) given the value the
/// row's identities `sums` leave them, where they leave one, else `None` (unknown).
pub(super) fn prove_damaged(
    row: Vec<(CellKey, Result<Cell, &Slot<'_>>)>,
    sums: &[SumGroup],
) -> Vec<(CellKey, Option<Cell>)> {
    let value = |c: usize| row[c].1.as_ref().ok().and_then(Cell::as_count);
    let mut proved: Vec<Option<f64>> = vec![None; row.len()];
    for g in sums {
        let in_group = g.parts.iter().chain([&g.total]);
        if in_group.clone().any(|&c| c >= row.len()) {
            continue;
        }
        let unknown: Vec<usize> = in_group.copied().filter(|&c| value(c).is_none()).collect();
        let known_parts: f64 = g.parts.iter().filter_map(|&c| value(c)).sum();
        // Every unknown a damaged cell (a part left blank counts 0 and is known).
        if unknown.iter().any(|&c| row[c].1.is_ok()) {
            continue;
        }
        match value(g.total) {
            // The parts read already make the total: the others are 0.
            Some(total) if (total - known_parts).abs() < 1e-9 => {
                for &c in &unknown {
                    proved[c] = Some(0.0);
                }
            }
            // The total is the sum of parts all read.
            None if unknown == [g.total] => proved[g.total] = Some(known_parts),
            _ => {}
        }
    }
    row.into_iter()
        .zip(proved)
        .map(|((key, cell), proved)| {
            let cell = match (cell, proved) {
                (Ok(cell), _) => Some(cell),
                (Err(slot), Some(v)) => Some(Cell {
                    value: Some(Num(v)),
                    raw: slot.tok.raw.clone(),
                    unit: None,
                    line: LineNo::new(slot.tok.line),
                    inferred: Some(Inference::Damaged),
                    state: CellState::Number,
                }),
                (Err(_), None) => None,
            };
            (key, cell)
        })
        .collect()
}

/// Is a cell's text text only because the decoding damaged it (`�__`, a converter's
/// or an encoding's loss)? Then its value is unknown, not the report's text where a
/// number belongs.
pub(super) fn damaged(slot: &Slot<'_>) -> bool {
    !matches!(slot.tok.kind, TokKind::Value(_)) && slot.tok.raw.contains('\u{FFFD}')
}

pub(super) fn make_cell(
    slot: Option<&Slot<'_>>,
    row_line: usize,
    unit: Option<Option<&'static str>>,
) -> Cell {
    let Some(slot) = slot.filter(|s| !s.blank) else {
        return Cell {
            value: None,
            raw: String::new(),
            unit: None,
            line: LineNo::new(slot.map_or(row_line, |s| s.tok.line)),
            inferred: None,
            state: CellState::Blank,
        };
    };
    let t = slot.tok;
    let (value, state, cell_unit) = match &t.kind {
        TokKind::Value(Value::Number(n, u)) => (Some(Num(*n)), CellState::Number, *u),
        TokKind::Value(Value::NotApplicable) => (Some(Num(0.0)), CellState::NotApplicable, None),
        _ => (None, CellState::NotNumber, None),
    };
    let unit = unit.and_then(|header_unit| match cell_unit {
        Some(u @ ("元" | "万元")) => Some(u.to_owned()),
        _ => header_unit.map(str::to_owned),
    });
    Cell {
        value,
        raw: t.raw.clone(),
        unit,
        line: LineNo::new(t.line),
        inferred: None,
        state,
    }
}
