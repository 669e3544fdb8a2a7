//! ## What it checks
//! A section whose table is there but whose heading is not.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::template::section_titles;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::SectionTitleMissing,
        severity: Severity::Warning,
        title: "部分标题缺失",
        what: "找到了第二、三或四部分的表格，但没有找到该部分的标题。常见于从PDF复制时标题丢失，也可能是起草时漏写。",
        why: "年度报告格式要求六个部分各有标题（《政府信息公开条例》第五十条及国办年度报告格式），标题缺失会使读者难以找到相应内容。",
        bad: "行政复议\t行政诉讼",
        good: "四、政府信息公开行政复议、行政诉讼情况\n行政复议\t行政诉讼",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for t in cx.tables.iter() {
        if cx.sections.line(t.section).is_none()
            && !cx.sections.out_of_order.contains(&t.section)
            && t.rebuilt.found
        {
            let title = &section_titles()[t.section.index()];
            let line = t.region.as_ref().map(|r| LineNo::from_index(r.start));
            out.push(cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!(
                    "未找到第{}部分标题“{}、{}”，但找到了{}",
                    t.section.numeral(),
                    t.section.numeral(),
                    title,
                    t.name
                ),
                Vec::new(),
                line,
            ));
        }
    }
}
