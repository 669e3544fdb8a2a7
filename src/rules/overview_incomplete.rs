//! ## What it checks
//! Section 一 covers the five topics of the template.

use crate::model::{Finding, LineNo, RuleId, SectionNo, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::normalize::compact;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::OverviewIncomplete,
        severity: Severity::Warning,
        title: "总体情况内容不全",
        what: "“一、总体情况”应概述主动公开、依申请公开、政府信息管理、平台建设、监督保障五方面工作，缺少其中某一方面时报告此项。",
        why: "国办年度报告格式对“总体情况”的说明要求分别概述这五方面的工作（国办公开办函〔2019〕60号、〔2021〕30号）。",
        bad: "（三）平台建设情况。持续优化政府网站。",
        good: "（三）政府信息管理情况。健全信息发布审核制度。\n（四）平台建设情况。持续优化政府网站。",
        example: Example::Text("2021"),
    },
    check,
};

const TOPICS: [(&str, &[&str]); 5] = [
    ("主动公开", &["主动公开"]),
    ("依申请公开", &["依申请", "申请公开"]),
    ("政府信息管理", &["信息管理", "信息资源管理"]),
    ("平台建设", &["平台"]),
    ("监督保障", &["监督", "保障"]),
];

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(text) = cx.section_text(SectionNo::OVERVIEW) else {
        return;
    };
    let text = compact(&text);
    let missing: Vec<&str> = TOPICS
        .iter()
        .filter(|(_, words)| !words.iter().any(|w| text.contains(w)))
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!("“一、总体情况”未涉及：{}", missing.join("、")),
            Vec::new(),
            cx.sections.line(SectionNo::OVERVIEW).map(LineNo::from_index),
        ));
    }
}
