use super::{fmt_num, Context, Rule, RuleDoc};
use crate::report::{Finding, Severity};

/// ## What it checks
/// Counts are not negative (only 2019's 本年增/减 may be).
///
/// See [`DOC`] for the why and the examples.
pub struct CellNegative;

/// Documentation of `cell-negative`.
pub const DOC: RuleDoc = RuleDoc {
    id: "cell-negative",
    severity: Severity::Error,
    title: "数量为负数",
    what: "件数、数量、金额等单元格为负数。2019年格式的“本年增/减”一栏可以为负，不报此项。",
    why: "国办年度报告格式中除增减栏外各栏均为非负的数量或金额，负数说明填写有误。",
    bad: "行政处罚 | 处理决定数量 -3",
    good: "行政处罚 | 处理决定数量 3",
};

impl Rule for CellNegative {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (key, cell) in cx.cells.iter() {
            if key.ends_with(".change") {
                continue;
            }
            if let Some(v) = cell.value.filter(|v| v.0 < 0.0) {
                out.push(cx.finding(
                    &DOC,
                    DOC.severity,
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
}
