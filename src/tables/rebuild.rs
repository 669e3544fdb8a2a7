//! Each statutory table rebuilt from the lines of its region: the rows read by
//! [`read_rows`](super::read_rows) under the template's layout, then the cells the
//! table's identities prove.

use super::*;

/// Rebuilds table 2 (主动公开) from its region's tokens `lay` ([`region_layout`]).
/// `drops`: the document's text drops blank cells without a trace (see
/// [`Rebuilt::dropped_blanks`]).
pub fn rebuild_t2(lay: &Layout, t: &Template, drops: bool) -> Rebuilt {
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
    read_rows(lay, &specs, false, |_| 1, None, (t, TableId::T2), drops)
}

/// Rebuilds table 3 (依申请) from its region's tokens `lay` (`drops`: as [`rebuild_t2`]'s).
pub fn rebuild_t3(doc: &Doc, lay: &Layout, t: &Template, drops: bool) -> Rebuilt {
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
    let anchors = header_anchors_before_values(doc, lay, range_start(lay, doc), &labels);
    read_rows(
        lay,
        &specs,
        true,
        move |segs| segs.saturating_sub(n),
        anchors.as_deref(),
        (t, TableId::T3),
        drops,
    )
}

/// Rebuilds table 4 (复议、诉讼) from its region's tokens `lay`: one data row of 15 values
/// after the header, found by its place (it has no label) and read by the same row
/// reader as the other tables' rows ([`read_row`]; `drops`: as [`rebuild_t2`]'s).
pub fn rebuild_t4(doc: &Doc, lay: &Layout, t: &Template, drops: bool) -> Rebuilt {
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
    let anchors = header_anchors_before_values(doc, lay, range_start(lay, doc), &labels);
    // The header is read above the data row's first token (the row end of the
    // header's last row is not part of the data row).
    let data_row = start
        + lay.toks[start..]
            .iter()
            .take_while(|t| t.kind == TokKind::RowEnd)
            .count();
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
        fields: None,
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
    let row = Row {
        spec: 0,
        slots,
        line: row_line,
        how,
        header: (data_row, &labels),
        header_unit: None,
        next_missing: false,
    };
    let specs = [spec];
    let mut pending = Vec::new();
    read_row(
        &mut out,
        lay,
        &specs,
        row,
        (glued_layout(lay), drops),
        &mut pending,
    );
    read_glued_rows(&mut out, pending, &specs, (t, TableId::T4), drops);
    out
}
