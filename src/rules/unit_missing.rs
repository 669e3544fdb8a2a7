//! ## What it checks
//! 2019 format: 采购总金额 states its unit.

use crate::model::{CellState, Finding, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::template::{CellKey, TableId};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::UnitMissing,
        severity: Severity::Info,
        title: "采购总金额未注明单位",
        what: "2019年格式表二“政府集中采购”的“采购总金额”既未在单元格中、也未在表头中注明单位（元或万元）。",
        why: "国办公开办函〔2019〕60号格式未规定采购总金额的单位，各地有写元的、有写万元的；不注明单位，数额可能相差一万倍，无法汇总比较。",
        bad: "政府集中采购\t0\t1498868",
        good: "政府集中采购\t0\t1498868元",
        example: Example::Text("2019"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let key = CellKey::new(TableId::T2, "procurement", "amount");
    let Some(cell) = cx.cells.get(&key) else {
        return;
    };
    if cell.state == CellState::Number
        && cell.unit.is_none()
        && cell.value.is_some_and(|v| v.0 != 0.0)
    {
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!("政府集中采购总金额“{}”未注明单位（元或万元）", cell.raw),
            [key],
            cell.line,
        ));
    }
}
