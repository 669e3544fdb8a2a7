//! ## What it checks
//! In each group of table 4, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::T4GroupTotal,
        severity: Severity::Error,
        title: "表四合计不符",
        what: "表四行政复议、未经复议直接起诉、复议后起诉三组中，每组的“总计”应等于结果维持、结果纠正、其他结果、尚未审结四项之和。",
        why: "《政府信息公开条例》第五十条要求报告因政府信息公开工作被申请行政复议、提起行政诉讼的情况；表四格式（国办公开办函〔2019〕60号、〔2021〕30号）中“总计”为四种结果之和。",
        bad: "5\t4\t0\t2\t12\t4\t1\t0\t0\t5\t0\t0\t4\t0\t4",
        good: "5\t4\t0\t2\t11\t4\t1\t0\t0\t5\t0\t0\t4\t0\t4",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    // One equation per group: its four results add up to its 总计.
    for (eq, sum, total) in cx.unbalanced(t, RULE.doc.id.as_str()) {
        let message = format!(
            "表四“{}”：结果维持、结果纠正、其他结果、尚未审结之和为{}，“总计”填报{}，应为{}",
            t.t4_group_label(&eq.line),
            fmt_num(sum),
            fmt_num(total),
            fmt_num(sum)
        );
        out.push(cx.arith(&RULE.doc, message, eq.cells(), sum, total));
    }
}
