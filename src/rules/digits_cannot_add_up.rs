//! ## What it checks
//! A row whose digits were printed without separators can be divided into its cells
//! so that the row adds up (table 3: the six applicant columns = 总计; table 4: each
//! group's four results = its 总计). In a scan it is a warning: the OCR may have
//! misread or missed a digit.
//!
//! Glued digits (`801000081`) are split by the table's own arithmetic
//! (`crate::tables::glued`). When several splits fit the digits but none of them adds
//! up, a number or the row's total is wrong in the report itself, whichever split the
//! agency meant: that is an error. The row's values stay unknown (no split is chosen)
//! and the finding quotes the digits.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{table_incomplete::rows_named, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::DigitsCannotAddUp,
        severity: Severity::Error,
        title: "连写数字无论如何拆分都不平衡",
        what: "某行的数字在原文中连在一起（没有单元格分隔），能拆成该行各单元格的方式有多种，但没有一种满足表格自身的勾稽关系（表三：六类申请人之和等于总计；表四：各项结果之和等于总计）。无论原意是哪种拆分，该行都有数字或合计填错。",
        why: "国办年度报告格式规定表三各行“总计”等于各类申请人之和、表四各组“总计”等于各项结果之和；任何拆分都不能平衡，说明报告本身有误。",
        bad: "二、上年结转政府信息公开申请数量801000082",
        good: "二、上年结转政府信息公开申请数量\t4\t0\t0\t0\t2\t0\t6",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    for table in cx.tables.iter() {
        for row in &table.rebuilt.cannot_add_up {
            let rows = rows_named(t, table.name, &row.keys);
            // In a scan, digits that run together and add up under no cut are as likely
            // the OCR's misreading or missing digits as the report's error.
            let (severity, message) = if cx.scan.is_some() {
                (
                    Severity::Warning,
                    format!(
                        "{}{rows}行在扫描件中识别出的数字（“{}”）无法拆分为{}个合计平衡的单元格，可能是文字识别有误或遗漏，也可能是报告填错；未读取该行数值，请对照原件核对",
                        table.name,
                        row.digits,
                        row.keys.len()
                    ),
                )
            } else {
                (
                    RULE.doc.severity,
                    format!(
                        "{}{rows}行的数字连在一起（“{}”），无论怎样拆分为{}个单元格，合计都不平衡：该行有数字或合计填错，请核对原表后改正（本工具未读取该行数值）",
                        table.name,
                        row.digits,
                        row.keys.len()
                    ),
                )
            };
            out.push(cx.finding(&RULE.doc, severity, message, row.keys.clone(), LineNo::new(row.line)));
        }
    }
}
