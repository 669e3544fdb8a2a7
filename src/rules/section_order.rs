//! ## What it checks
//! The six sections stand in the template's order.

use super::{section_missing::numeral, Context, Rule, RuleDoc};
use crate::report::{Finding, Severity};
use crate::template::section_titles;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: "section-order",
        severity: Severity::Warning,
        title: "部分顺序错误",
        what: "六个部分应按一至六的顺序排列。某一部分的标题出现在前一部分之前时报告此项。",
        why: "国办年度报告格式规定了六个部分的顺序，统一的顺序便于上级机关汇总和公众查阅。",
        bad: "一、总体情况 … 三、收到和处理政府信息公开申请情况 … 二、主动公开政府信息情况 …",
        good: "一、总体情况 … 二、主动公开政府信息情况 … 三、收到和处理政府信息公开申请情况 …",
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for &no in &cx.sections.out_of_order {
        let title = &section_titles()[(no - 1) as usize];
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!("第{}部分“{}”的位置与规定顺序不符", numeral(no), title),
            Vec::new(),
            None,
        ));
    }
}
