//! ## What it checks
//! A table that was found has all its rows and cells. In a scan it is a warning: what
//! the OCR did not read may be in the original.

use crate::model::{Finding, LineNo, RuleId, SectionNo, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::template::CellKey;
use crate::template::{short_label, Template};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::TableIncomplete,
        severity: Severity::Error,
        title: "统计表不完整",
        what: "找到了统计表，但原文中缺少部分行或单元格（常见于表格被截断、跨页丢失）。列出缺少的单元格，不估算、不补填任何数值。原文有数字而本工具无法确定其所在列的，由“表格数字无法确定所在列”（table-unreadable）提示，不在此列；表二中省略的行由 t2-row-omitted 提示；按旧格式合为一行填报的（如2021年格式表三只有一行“（六）其他处理”）由 template-mixed 提示。",
        why: "国办年度报告格式的表格各行各列均为必填项；缺行缺格的表格无法核对勾稽关系，也不符合格式要求。",
        bad: "2.重复申请\t0\t0\t0\t0\t0\t0\t0",
        good: "2.重复申请\t0\t0\t0\t0\t0\t0\t0\n3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0",
        example: Example::Text("2021"),
    },
    check,
};

/// The row part of a cell key (`t3.denied.secret.natural` → `denied.secret`).
fn row_label(t: &Template, table: &str, row: &str) -> String {
    match table {
        "表二" => {
            t.t2.iter()
                .flat_map(|s| &s.rows)
                .find(|r| r.key == row)
                .map(|r| r.label.clone())
        }
        "表三" => t.t3.rows.iter().find(|r| r.key == row).map(|r| {
            let label = short_label(&r.label);
            match &r.group {
                Some(g) if g.starts_with('（') => format!("{}{}", short_label(g), label),
                _ => label,
            }
        }),
        _ => {
            t.t4.groups
                .iter()
                .find(|g| g.key == row)
                .map(|g| g.label.clone())
        }
    }
    .unwrap_or_else(|| row.to_owned())
}

/// Names the rows of `keys`, in order, without repeats.
pub(super) fn rows_named(t: &Template, table: &str, keys: &[CellKey]) -> String {
    let mut rows: Vec<&str> = Vec::new();
    for k in keys {
        let r = k.row();
        if rows.last() != Some(&r) && !rows.contains(&r) {
            rows.push(r);
        }
    }
    rows.iter()
        .map(|r| format!("“{}”", row_label(t, table, r)))
        .collect::<Vec<_>>()
        .join("、")
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    for table in cx.tables.iter() {
        let r = &table.rebuilt;
        if !r.found || r.missing.is_empty() {
            continue;
        }
        // Cells whose numbers are in the text but could not be placed are the
        // checker's limit (table-unreadable, digits-cannot-add-up); table-2 rows
        // the agency left out are t2-row-omitted. What is left is really absent.
        let omitted = if table.section == SectionNo::PROACTIVE {
            r.omitted_t2_rows(t)
        } else {
            Vec::new()
        };
        // Rows printed as one under their group label are template-mixed.
        let merged = |k: &CellKey| r.merged.iter().any(|g| g.keys.contains(k));
        let absent: Vec<CellKey> = r
            .missing
            .iter()
            .filter(|k| !r.unplaced.contains(k) && !omitted.contains(k) && !merged(k))
            .cloned()
            .collect();
        if absent.is_empty() {
            continue;
        }
        let line = r
            .last_line
            .or(table.region.as_ref().map(|g| LineNo::from_index(g.start)));
        // In a scan, what the OCR did not read may be there: the scan's limit, not
        // the report's fault, unless the original says so.
        let (severity, message) = if cx.scan.is_some() {
            (
                Severity::Warning,
                format!(
                    "{}：扫描件中未识别出{}（{}个单元格），可能是文字识别遗漏，也可能是原件缺少；请对照原件核对",
                    table.name,
                    rows_named(t, table.name, &absent),
                    absent.len()
                ),
            )
        } else {
            (
                RULE.doc.severity,
                format!(
                    "{}不完整：缺少{}（{}个单元格），表格可能被截断；请补全，本工具不估算缺失数值",
                    table.name,
                    rows_named(t, table.name, &absent),
                    absent.len()
                ),
            )
        };
        out.push(cx.finding(&RULE.doc, severity, message, absent, line));
    }
}
