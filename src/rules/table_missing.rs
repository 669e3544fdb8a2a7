//! ## What it checks
//! Sections 二, 三 and 四 each contain their table.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::TableMissing,
        severity: Severity::Error,
        title: "缺少统计表",
        what: "第二、三、四部分的标题存在，但其中找不到可识别的统计表（例如表格以图片形式粘贴，或只写了文字说明）。",
        why: "国办年度报告格式规定第二、三、四部分以统一表格报告数据，便于汇总和比对；以图片或文字代替表格，数据无法核对。",
        bad: "本年度相关情况详见附件。",
        good: "行政复议\t行政诉讼\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n5\t4\t0\t2\t11\t4\t1\t0\t0\t5\t0\t0\t4\t0\t4",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.template.is_none() {
        return;
    }
    for t in cx.tables.iter() {
        if let Some(line) = cx.sections.line(t.section) {
            if !t.rebuilt.found {
                out.push(cx.finding(
                    &RULE.doc,
                    RULE.doc.severity,
                    format!(
                        "第{}部分中未找到可识别的{}（表格可能以图片形式粘贴或被删除）",
                        t.section.numeral(),
                        t.name
                    ),
                    Vec::new(),
                    Some(LineNo::from_index(line)),
                ));
            }
        }
    }
}
