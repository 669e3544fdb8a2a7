//! ## What it checks
//! Section 五 names both the problems and the improvements.

use crate::model::{Finding, LineNo, RuleId, SectionNo, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::normalize::compact;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::ProblemsWithoutMeasures,
        severity: Severity::Warning,
        title: "问题与改进措施不全",
        what: "“五、存在的主要问题及改进情况”应既写存在的问题，也写改进措施（或上年问题的整改情况）；只写其一时报告此项。",
        why: "《政府信息公开条例》第五十条第（四）项要求年度报告包括“存在的主要问题及改进情况”。",
        bad: "五、存在的主要问题及改进情况\n（一）存在的主要问题。信息公开的及时性有待提高。",
        good: "五、存在的主要问题及改进情况\n（一）存在的主要问题。信息公开的及时性有待提高。\n（二）改进措施。下一步将完善审核发布机制。",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(text) = cx.section_text(SectionNo::PROBLEMS) else {
        return;
    };
    let text = compact(&text);
    let problems = ["问题", "不足", "差距", "薄弱", "有待", "不够"]
        .iter()
        .any(|w| text.contains(w));
    let measures = ["改进", "措施", "下一步", "整改", "加强", "完善", "提升"]
        .iter()
        .any(|w| text.contains(w));
    let missing = match (problems, measures) {
        (true, true) => return,
        (false, true) => "存在的问题",
        (true, false) => "改进措施",
        (false, false) => "存在的问题和改进措施",
    };
    out.push(cx.finding(
        &RULE.doc,
        RULE.doc.severity,
        format!("“五、存在的主要问题及改进情况”未写明{missing}"),
        Vec::new(),
        cx.sections.line(SectionNo::PROBLEMS).map(LineNo::from_index),
    ));
}
