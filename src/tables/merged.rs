//! Rows of the template printed as one row under their group label (the 2019 format's
//! single （六）其他处理 in a 2021 table 3).

use super::*;

/// Rows of the template printed as one row under their group label.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedGroup {
    /// The group label as the template prints it (`（六）其他处理`).
    pub group: String,
    /// The keys of the group's rows, which the report does not have.
    pub keys: Vec<CellKey>,
    /// The one row's cells, in column order.
    pub cells: Vec<Cell>,
    /// Their keys in the format that prints the group as one row (`t3.other.*`, the
    /// 2019 format's), one per column; empty when no format does.
    pub as_keys: Vec<CellKey>,
    /// Its line.
    pub line: usize,
}

/// Finds groups none of whose rows were found, printed as one row under the group's
/// label with a value in every column (the 2019 format's single （六）其他处理 in a 2021
/// table 3), and keeps their values in [`Rebuilt::merged`].
pub(super) fn read_merged_groups(
    lay: &Layout,
    specs: &[RowSpec<'_>],
    matches: &[Option<rows::LabelMatch>],
    stream: &Stream,
    out: &mut Rebuilt,
) {
    let mut i = 0;
    while i < specs.len() {
        let Some(group) = specs[i].group.filter(|_| matches[i].is_none()) else {
            i += 1;
            continue;
        };
        let run_end = i + specs[i..]
            .iter()
            .zip(&matches[i..])
            .take_while(|(s, m)| s.group == Some(group) && m.is_none())
            .count();
        let whole_group = specs.iter().filter(|s| s.group == Some(group)).count() == run_end - i;
        let from = matches[..i].iter().flatten().last().map_or(0, |m| m.next);
        let limit = matches[run_end..]
            .iter()
            .flatten()
            .next()
            .map_or(lay.toks.len(), |m| m.start_tok);
        let columns = specs[i].columns.len();
        let found = find_label(stream, &label_key(group), from).filter(|m| m.end_tok < limit);
        if let (true, Some(m)) = (whole_group, found) {
            let slots = collect(&lay.toks, m, limit, lay.shape, vocab());
            let filled = slots.iter().filter(|s| !s.blank).count();
            let values = slots
                .iter()
                .filter(|s| matches!(s.tok.kind, TokKind::Value(Value::Number(..))) && !s.tok.glued)
                .count();
            if slots.len() == columns && filled == columns && values == columns {
                let line = lay.toks[m.end_tok].line;
                // The row of the format that prints the group this way.
                let one_row = crate::template::all().iter().find_map(|t| {
                    t.layout(TableId::T3)
                        .rows()
                        .find(|r| r.group.is_none() && label_key(r.label) == label_key(group))
                        .map(|r| r.keys.clone())
                });
                let as_keys = one_row
                    .filter(|keys| keys.len() == columns)
                    .unwrap_or_default();
                out.merged.push(MergedGroup {
                    as_keys,
                    group: group.to_owned(),
                    keys: specs[i..run_end]
                        .iter()
                        .flat_map(|s| s.keys.iter().cloned())
                        .collect(),
                    cells: slots
                        .iter()
                        .map(|s| make_cell(Some(s), line, None))
                        .collect(),
                    line,
                });
            }
        }
        i = run_end;
    }
}
