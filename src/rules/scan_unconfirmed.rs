//! # scan-unconfirmed
//!
//! ## What it checks
//! A scan's cells that OCR read but the tables' identities could not confirm: no
//! identity covers them (table 2), an identity that touches them fails where a digit
//! was doubtful, or one could not be worked out. They are not taken as numbers; the
//! finding gives what was read, so that the user can check it against the scan.
//!
//! ## Why
//! A misread digit looks like any other digit. The template's arithmetic (row totals,
//! 总计, the balance of table 3, table 4's groups) is the only proof a scan's numbers
//! carry, so a number it does not confirm is unknown, never a value in the table
//! (nor an error of the report: the OCR may be what is wrong).

use super::{Context, Example, Rule, RuleDoc};
use crate::model::{Finding, RuleId, Severity};
use crate::tables::scan::Why;
use crate::template::TableId;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::ScanUnconfirmed,
        severity: Severity::Warning,
        title: "扫描件数字无法核实",
        what: "扫描件经文字识别读出的数字，凡表内勾稽关系不能证实的（表二没有勾稽关系；或相关勾稽关系不成立且识别结果存疑），一律不采用，列出识别结果供对照原件核对。",
        why: "识别错一个数字与正确的数字看上去并无二致；表格自身的勾稽关系（行合计、总计、表三收结平衡、表四分组合计）是扫描件数字唯一的证明。不能证实的数字只能作“未知”处理，既不填入表格，也不据以认定报告有误。",
        bad: "一、本年新收政府信息公开申请数量\t326\t16\t467\t34\t218\t380\t1447",
        good: "一、本年新收政府信息公开申请数量\t326\t16\t467\t34\t218\t380\t1441",
        example: Example::Scan("2021"),
    },
    check,
};

/// Cells named in one finding at most; the rest are counted.
const NAMED: usize = 8;

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let (Some(scan), Some(t)) = (cx.scan, cx.template) else {
        return;
    };
    for (table, id) in cx.tables.iter().zip([TableId::T2, TableId::T3, TableId::T4]) {
        let cells: Vec<_> = scan
            .unconfirmed
            .iter()
            .filter(|u| u.key.table() == id)
            .collect();
        let Some(first) = cells.first() else { continue };
        let named: Vec<String> = cells
            .iter()
            .take(NAMED)
            .map(|u| {
                let read = if u.read.is_empty() {
                    "空白".to_owned()
                } else {
                    u.read.clone()
                };
                format!("{}识别为 {read}", t.describe_cell(u.key.as_str()))
            })
            .collect();
        let more = if cells.len() > NAMED {
            format!("等{}个单元格", cells.len())
        } else {
            String::new()
        };
        let why = if cells.iter().all(|u| u.why == Why::NoIdentity) {
            "该表没有勾稽关系可供核实"
        } else {
            "相关勾稽关系不成立或无法核对，而识别结果存疑"
        };
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!(
                "{}：{}{more}，无法用表内勾稽关系核实（{why}），未采用；请对照原件核对",
                table.name,
                named.join("；"),
            ),
            cells.iter().map(|u| u.key.clone()),
            first.line,
        ));
    }
}
