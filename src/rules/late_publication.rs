//! ## What it checks
//! The report was published by the statutory deadline.

use crate::model::{AgencyKind, Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::meta::Date;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::LatePublication,
        severity: Severity::Error,
        title: "逾期公布",
        what: "落款日期晚于法定期限：县级以上人民政府部门应于次年1月31日前公布，县级以上人民政府（本级政府年度报告）应于次年3月31日前公布；乡镇人民政府、街道办事处晚于1月31日给予警告，晚于3月31日视为错误。",
        why: "《政府信息公开条例》第四十九条：县级以上人民政府部门应当在每年1月31日前公布本机关上一年度政府信息公开工作年度报告；县级以上地方人民政府应当在每年3月31日前公布本级政府上一年度年度报告。乡镇、街道无法定日期，一般由县级政府在1、2月确定。",
        bad: "丰乐市东湖街道办事处\n2023年4月19日",
        good: "丰乐市东湖街道办事处\n2023年1月19日",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (Some(year), Some(d)) = (cx.year(), cx.meta.published) else {
        return;
    };
    let next = year + 1;
    let jan31 = Date {
        year: next,
        month: 1,
        day: 31,
    };
    let mar31 = Date {
        year: next,
        month: 3,
        day: 31,
    };
    let date = format!("{}年{}月{}日", d.year, d.month, d.day);
    let line = cx.meta.published_line.map(LineNo::from_index);
    let (severity, message) = match cx.meta.agency_kind {
        Some(AgencyKind::Department) if d > jan31 => (
            Severity::Error,
            format!("落款日期{date}晚于法定期限{next}年1月31日（县级以上人民政府部门）"),
        ),
        Some(AgencyKind::Government) if d > mar31 => (
            Severity::Error,
            format!("落款日期{date}晚于法定期限{next}年3月31日（县级以上人民政府）"),
        ),
        Some(AgencyKind::Township) | None if d > mar31 => (
            Severity::Error,
            format!("落款日期{date}晚于{next}年3月31日"),
        ),
        Some(AgencyKind::Township) if d > jan31 => (
            Severity::Warning,
            format!(
                "落款日期{date}晚于{next}年1月31日；乡镇、街道的公布期限以县级政府要求为准，请核实"
            ),
        ),
        None if d > jan31 => (
            Severity::Warning,
            format!("落款日期{date}晚于{next}年1月31日；若为政府部门则已逾期，请核实"),
        ),
        _ => return,
    };
    out.push(cx.finding(&RULE.doc, severity, message, Vec::new(), line));
}
