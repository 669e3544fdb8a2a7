//! ## What it checks
//! Numeric cells hold numbers.

use crate::model::{CellState, Finding, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::CellNotNumber,
        severity: Severity::Error,
        title: "单元格不是数字",
        what: "统计表的数据单元格中填写了文字（如“若干”“见附件”）。“/”“—”“无”视为不适用，按0计算，不报此项。",
        why: "国办年度报告格式的统计表为数量统计，文字无法参与合计核对，也无法汇总。",
        bad: "行政许可\t若干",
        good: "行政许可\t0",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (key, cell) in cx.cells.iter() {
        if cell.state == CellState::NotNumber {
            out.push(cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!("{}填写为“{}”，应填写数字", cx.describe(key), cell.raw),
                vec![key.to_owned()],
                cell.line,
            ));
        }
    }
}
