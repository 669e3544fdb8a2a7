//! ## What it checks
//! Counts are not negative (only 2019's 本年增/减 may be).

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::CellNegative,
        severity: Severity::Error,
        title: "数量为负数",
        what: "件数、数量、金额等单元格为负数。2019年格式的“本年增/减”一栏可以为负，不报此项。",
        why: "国办年度报告格式中除增减栏外各栏均为非负的数量或金额，负数说明填写有误。",
        bad: "行政处罚\t-11",
        good: "行政处罚\t11",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (key, cell) in cx.cells.iter() {
        if key.ends_with(".change") {
            continue;
        }
        if let Some(v) = cell.value.filter(|v| v.0 < 0.0) {
            out.push(cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!(
                    "{}为负数（{}），数量不能为负",
                    cx.describe(key),
                    fmt_num(v.0)
                ),
                vec![key.to_owned()],
                cell.line,
            ));
        }
    }
}
