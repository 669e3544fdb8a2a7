//! ## What it checks
//! In every column of table 3, （七）总计 equals the sum of all outcome rows.

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::T3OutcomeTotal,
        severity: Severity::Error,
        title: "表三办理结果合计不符",
        what: "表三每一列的“（七）总计”应等于“三、本年度办理结果”下各行之和：予以公开、部分公开、不予公开8项、无法提供3项、不予处理5项和其他处理（2021年格式为3项）。",
        why: "“（七）总计”是本年度办理结果的合计（国办公开办函〔2019〕60号、〔2021〕30号表格式）。合计与分项不符，说明某一办理结果漏报或重复统计。",
        bad: "（七）总计\t328\t16\t467\t34\t220\t379\t1444",
        good: "（七）总计\t327\t16\t467\t34\t220\t379\t1443",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    // One equation per column: the outcome rows add up to （七）总计.
    for (eq, sum, total) in cx.unbalanced(t, RULE.doc.id.as_str()) {
        let message = format!(
            "表三“{}”列：各项办理结果之和为{}，“（七）总计”填报{}，应为{}",
            t.t3_column_label(&eq.line),
            fmt_num(sum),
            fmt_num(total),
            fmt_num(sum)
        );
        out.push(cx.arith(&RULE.doc, message, eq.cells(), sum, total));
    }
}
