use super::{section_missing::numeral, Context, Rule, RuleDoc};
use crate::report::{Finding, Severity};
use crate::template::section_titles;

/// ## What it checks
/// The six sections stand in the template's order.
///
/// See [`DOC`] for the why and the examples.
pub struct SectionOrder;

/// Documentation of `section-order`.
pub const DOC: RuleDoc = RuleDoc {
    id: "section-order",
    severity: Severity::Warning,
    title: "部分顺序错误",
    what: "六个部分应按一至六的顺序排列。某一部分的标题出现在前一部分之前时报告此项。",
    why: "国办年度报告格式规定了六个部分的顺序，统一的顺序便于上级机关汇总和公众查阅。",
    bad: "一、总体情况 … 三、收到和处理政府信息公开申请情况 … 二、主动公开政府信息情况 …",
    good: "一、总体情况 … 二、主动公开政府信息情况 … 三、收到和处理政府信息公开申请情况 …",
};

impl Rule for SectionOrder {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for &no in &cx.sections.out_of_order {
            let title = &section_titles()[(no - 1) as usize];
            out.push(cx.finding(
                &DOC,
                DOC.severity,
                format!("第{}部分“{}”的位置与规定顺序不符", numeral(no), title),
                Vec::new(),
                None,
            ));
        }
    }
}
