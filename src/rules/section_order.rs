//! ## What it checks
//! The six sections stand in the template's order.

use crate::model::{Finding, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::template::section_titles;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::SectionOrder,
        severity: Severity::Warning,
        title: "部分顺序错误",
        what: "六个部分应按一至六的顺序排列。某一部分的标题出现在前一部分之前时报告此项。",
        why: "国办年度报告格式规定了六个部分的顺序，统一的顺序便于上级机关汇总和公众查阅。",
        bad: "六、其他需要报告的事项\n本年度未收取信息处理费。\n五、存在的主要问题及改进情况\n（一）存在的主要问题。信息公开的及时性有待提高。\n（二）改进措施。下一步将完善审核发布机制。",
        good: "五、存在的主要问题及改进情况\n（一）存在的主要问题。信息公开的及时性有待提高。\n（二）改进措施。下一步将完善审核发布机制。\n六、其他需要报告的事项\n本年度未收取信息处理费。",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for &no in &cx.sections.out_of_order {
        let title = &section_titles()[no.index()];
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!("第{}部分“{}”的位置与规定顺序不符", no.numeral(), title),
            Vec::new(),
            None,
        ));
    }
}
