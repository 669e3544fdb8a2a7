//! ## What it checks
//! In every column of table 3, 一 + 二 = （七）总计 + 四: the identity printed in the
//! table's own top-left cell.

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::T3Balance,
        severity: Severity::Error,
        title: "表三勾稽关系不平",
        what: "表三每一列应满足：“一、本年新收”加“二、上年结转”之和，等于“（七）总计”加“四、结转下年度继续办理”之和。",
        why: "这是表三左上角注明的勾稽关系（“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”），国办公开办函〔2019〕60号、〔2021〕30号表格式均有此要求：收到的申请要么办结，要么结转下年。",
        bad: "四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3",
        good: "四、结转下年度继续办理\t3\t0\t0\t0\t0\t1\t4",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    // One equation per column: 一 + 二 = 三（七）+ 四.
    for (eq, left, right) in cx.unbalanced(t, RULE.doc.id.as_str()) {
        let message = format!(
            "第一项加第二项之和（{}）不等于第三项加第四项之和（{}）：{}列",
            fmt_num(left),
            fmt_num(right),
            t.t3_column_label(&eq.line)
        );
        out.push(cx.arith(&RULE.doc, message, eq.cells(), left, right));
    }
}
