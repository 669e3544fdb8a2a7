//! ## What it checks
//! Sections 二, 三 and 四 each contain their table.

use super::{section_missing::numeral, Context, Rule, RuleDoc};
use crate::report::{Finding, LineNo, Severity};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: "table-missing",
        severity: Severity::Error,
        title: "缺少统计表",
        what: "第二、三、四部分的标题存在，但其中找不到可识别的统计表（例如表格以图片形式粘贴，或只写了文字说明）。",
        why: "国办年度报告格式规定第二、三、四部分以统一表格报告数据，便于汇总和比对；以图片或文字代替表格，数据无法核对。",
        bad: "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生行政复议、行政诉讼。",
        good: "四、政府信息公开行政复议、行政诉讼情况\n（表四：行政复议、行政诉讼各项均填0）",
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
                        numeral(t.section),
                        t.name
                    ),
                    Vec::new(),
                    Some(LineNo::from_index(line)),
                ));
            }
        }
    }
}
