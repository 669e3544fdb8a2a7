//! ## What it checks
//! Nothing in the report: it says which cells were read by the table's arithmetic.
//!
//! When a row's digits were printed without separators and several splits fit them,
//! the one split that keeps the template's identities is taken, and its cells are
//! marked `"inferred": "split"`. This finding says so once, listing those cells, so
//! that the user can check them against the original table.

use crate::model::{Finding, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::template::CellKey;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::DigitsSplit,
        severity: Severity::Info,
        title: "连写数字已按勾稽关系拆分",
        what: "原文中某些行的数字连在一起（网页抓取、PDF 复制的文字常见），本工具按表格自身的勾稽关系找到唯一成立的拆分并读取，这些单元格在表中另有标记。仅有一种拆分方式的行按原样读取，不作此标记。",
        why: "连写的数字有多种读法；只有满足国办格式勾稽关系（六类申请人之和等于总计，一＋二＝（七）＋四，各项办理结果之和等于总计，表四各组之和）的唯一读法才被采用，其余一律不填。",
        bad: "二、上年结转政府信息公开申请数量801000081",
        good: "二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t6",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let keys: Vec<CellKey> = cx
        .tables
        .iter()
        .flat_map(|t| t.rebuilt.inferred.iter().cloned())
        .collect();
    if keys.is_empty() {
        return;
    }
    let line = keys
        .iter()
        .filter_map(|k| cx.cells.get(k).and_then(|c| c.line))
        .min();
    out.push(cx.finding(
        &RULE.doc,
        RULE.doc.severity,
        format!(
            "{}个单元格的数字在原文中连在一起，已按表格自身的勾稽关系唯一拆分读取（表中以虚线框标出），请与原表核对",
            keys.len()
        ),
        keys,
        line,
    ));
}
