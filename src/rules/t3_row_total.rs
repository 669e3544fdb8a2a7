//! ## What it checks
//! In every row of table 3, 总计 equals the sum of the six applicant columns.

use crate::model::{CellState, Finding, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::T3RowTotal,
        severity: Severity::Error,
        title: "表三行合计不符",
        what: "表三每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。六列全部为空的行不作此项核对（另报“单元格为空”）。",
        why: "表三的“总计”列按申请人类型汇总（国办公开办函〔2019〕60号、〔2021〕30号表格式），行合计不等说明某一类申请人的数字漏填或错填，《政府信息公开条例》第五十条要求如实报告收到和处理申请的情况。",
        bad: "二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t7",
        good: "二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t6",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    // One equation per row: the six applicant columns add up to 总计. A row whose six
    // are all blank is cell-blank's, not an arithmetic error.
    for (eq, sum, total) in cx.unbalanced(t, RULE.doc.id.as_str()) {
        let all_blank = eq
            .sum
            .iter()
            .all(|k| cx.cells.get(k).is_some_and(|c| c.state == CellState::Blank));
        if all_blank {
            continue;
        }
        let message = format!(
            "表三“{}”行：六类申请人之和为{}，“总计”填报{}，应为{}",
            t.t3_row_label(&eq.line),
            fmt_num(sum),
            fmt_num(total),
            fmt_num(sum)
        );
        out.push(cx.arith(&RULE.doc, message, eq.cells(), sum, total));
    }
}
