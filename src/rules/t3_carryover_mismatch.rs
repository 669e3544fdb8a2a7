//! # t3-carryover-mismatch
//!
//! ## What it checks
//! Of two reports of one agency for consecutive years, checked together: each column of
//! this year's 表三 row 二、上年结转政府信息公开申请数量 equals the same column of last
//! year's row 四、结转下年度继续办理.

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Example, Pair, PairRule, RuleDoc};
use crate::template::{CellKey, TableId};

/// The rule: its documentation and its check.
pub(super) static RULE: PairRule = PairRule {
    doc: RuleDoc {
        id: RuleId::T3CarryoverMismatch,
        severity: Severity::Error,
        title: "上年结转与上年报告不符",
        what: "同一机关相邻两年的年度报告一并检查时，本年表三“二、上年结转政府信息公开申请数量”各列应等于上年报告表三“四、结转下年度继续办理”的同一列。",
        why: "上年结转下年度继续办理的申请，就是本年的上年结转申请，两者是同一批申请（国办公开办函〔2021〕30号表三的勾稽关系跨年度延续）。不一致说明其中一年的数字有误。",
        bad: "二、上年结转政府信息公开申请数量\t5\t0\t0\t0\t2\t0\t7",
        good: "二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t6",
        example: Example::FollowsYear("2021"),
    },
    check,
};

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let Some(template) = pair
        .this.template()
    else {
        return;
    };
    let layout = template.layout(TableId::T3);
    let Some(columns) = layout.blocks.first().map(|b| b.columns) else {
        return;
    };
    let mut differ = Vec::new();
    for column in columns {
        let this_key = CellKey::new(TableId::T3, "carried", &column.key);
        let last_key = CellKey::new(TableId::T3, "carry_forward", &column.key);
        let (Some(this), Some(last)) = (
            pair.this.cells.count(&this_key),
            pair.last.cells.count(&last_key),
        ) else {
            continue;
        };
        if (this - last).abs() > 1e-9 {
            differ.push((this_key, column.label.as_str(), this, last));
        }
    }
    if differ.is_empty() {
        return;
    }
    let said: Vec<String> = differ
        .iter()
        .map(|(_, label, this, last)| {
            format!("{label}本年填{}、上年为{}", fmt_num(*this), fmt_num(*last))
        })
        .collect();
    out.push(pair.finding(
        &RULE.doc,
        format!(
            "表三“二、上年结转政府信息公开申请数量”与{}“四、结转下年度继续办理”不符：{}",
            pair.last_named(),
            said.join("；")
        ),
        differ.into_iter().map(|(key, ..)| key).collect(),
    ));
}
