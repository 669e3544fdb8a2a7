//! ## What it checks
//! 2021 format onwards: section 六 reports the 信息处理费 charged.

use crate::model::{Finding, LineNo, RuleId, SectionNo, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::normalize::compact;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::FeeNotReported,
        severity: Severity::Warning,
        title: "未报告信息处理费收取情况",
        what: "2021年度及以后的报告，“六、其他需要报告的事项”未提及信息处理费的收取情况（未收取的也应写明）。",
        why: "国办公开办函〔2021〕30号格式要求在“其他需要报告的事项”中报告依据《政府信息公开信息处理费管理办法》收取信息处理费的情况。",
        bad: "六、其他需要报告的事项\n无。",
        good: "六、其他需要报告的事项\n本年度未收取信息处理费。",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.year().is_none_or(|y| y < 2021) {
        return;
    }
    let Some(text) = cx.section_text(SectionNo::OTHER) else {
        return;
    };
    if !compact(&text).contains("处理费") {
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            "“六、其他需要报告的事项”未说明信息处理费的收取情况（未收取的也应写明）".to_owned(),
            Vec::new(),
            cx.sections.line(SectionNo::OTHER).map(LineNo::from_index),
        ));
    }
}
