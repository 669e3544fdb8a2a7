//! ## What it checks
//! The title year, the statistics period, the body and the signature agree.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::YearMismatch,
        severity: Severity::Error,
        title: "年度不一致",
        what: "标题中的年度、统计期限的年度、正文所述年度应一致（报告年度Y），落款日期应在Y+1年。",
        why: "年度报告是对上一年度政府信息公开工作的报告（《政府信息公开条例》第四十九条、第五十条），统计期限为Y年1月1日至12月31日，于Y+1年公布。年度写错会使报告与统计数据对不上。",
        bad: "统计期限自2021年1月1日起至2021年12月31日止",
        good: "统计期限自2022年1月1日起至2022年12月31日止",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let m = cx.meta;
    let Some(year) = m.year else { return };
    let line = |l: Option<usize>| l.map(LineNo::from_index);
    if let Some(ty) = m.title_year.filter(|&ty| ty != year) {
        let basis = if m.stats_year.is_some() {
            "统计期限"
        } else {
            "正文"
        };
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!("标题年度为{ty}年，但{basis}所述为{year}年"),
            Vec::new(),
            line(m.title_line),
        ));
    }
    if let (Some(sy), Some(by)) = (m.stats_year, m.body_year) {
        if sy != by {
            out.push(cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!("统计期限为{sy}年，但正文主要叙述{by}年的情况"),
                Vec::new(),
                line(m.stats_line),
            ));
        }
    }
    if let Some(d) = m.published {
        if d.year != year + 1 {
            out.push(cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!(
                    "落款日期为{}年{}月{}日，{}年度报告应于{}年公布",
                    d.year,
                    d.month,
                    d.day,
                    year,
                    year + 1
                ),
                Vec::new(),
                line(m.published_line),
            ));
        }
    }
}
