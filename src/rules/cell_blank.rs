//! ## What it checks
//! Numeric cells are filled in (a zero is written as 0).

use crate::model::{CellState, Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::template::CellKey;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::CellBlank,
        severity: Severity::Warning,
        title: "单元格为空",
        what: "统计表的数据单元格为空。核对合计时按0计算，但应填写数字（没有发生的填0）。每一行（表四为每一组）合并报告一次。",
        why: "国办年度报告格式要求各栏如实填报；空白单元格无法区分“没有发生”和“漏填”。常见情形是表三只填“总计”列、各类申请人列空白。",
        bad: "3.其他\t\t\t\t\t\t\t0",
        good: "3.其他\t0\t0\t0\t0\t0\t0\t0",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Group consecutive blank cells of one row (t2/t3) or group (t4).
    let mut group: Vec<(CellKey, Option<LineNo>)> = Vec::new();
    let mut group_row = None;
    let flush = |group: &mut Vec<(CellKey, Option<LineNo>)>, out: &mut Vec<Finding>| {
        if group.is_empty() {
            return;
        }
        // The row in words once; each cell's column label.
        let first = &group[0].0;
        let row = cx
            .template
            .and_then(|t| t.cell_parts(first))
            .map_or_else(|| first.to_string(), |(row, _)| row);
        let cols: Vec<&str> = group
            .iter()
            .map(|(k, _)| {
                cx.template
                    .and_then(|t| t.cell_labels(k))
                    .map_or("", |(_, column)| column)
            })
            .collect();
        let message = format!(
            "{}：{}共{}个单元格为空（核对时按0计算），应填写数字",
            row,
            cols.join("、"),
            group.len()
        );
        let line = group.iter().filter_map(|(_, l)| *l).min();
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            message,
            group.drain(..).map(|(k, _)| k),
            line,
        ));
    };
    for (key, cell) in cx.cells.iter() {
        let row = Some((key.table(), key.row()));
        if row != group_row {
            flush(&mut group, out);
            group_row = row;
        }
        if cell.state == CellState::Blank {
            group.push((key.clone(), cell.line));
        }
    }
    flush(&mut group, out);
}
