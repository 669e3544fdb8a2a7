//! ## What it checks
//! Nothing in the report: it says where the checker could not read a table.
//!
//! The numbers of a row are in the text, but the columns they belong to cannot be
//! known with certainty — cells lost their separators (glued digits that several
//! splits fit and the table's arithmetic does not decide), or a text dump lost the
//! column positions. The values are not guessed; the cells are listed, and the user
//! is told how to give the checker a readable copy. This is the checker's limit, not
//! the report's fault, so it is a warning, never an error.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{table_incomplete::rows_named, Context, Example, Rule, RuleDoc};
use crate::template::CellKey;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::TableUnreadable,
        severity: Severity::Warning,
        title: "表格数字无法确定所在列",
        what: "原文中有该行的数字，但无法确定各数字属于哪一列（例如网页抓取、PDF 复制的文字中单元格之间没有分隔，数字连在一起且有多种拆分方式，表格的勾稽关系也无法确定；或文字版丢失了列的位置）。本工具不猜测数值，列出这些单元格。这是本工具的读取限制，不表示报告有误。",
        why: "核对必须以确定的数值为准：把数字填进猜测的列，可能把正确的报告判为错误，或放过真正的错误。从原始网页复制表格、或直接使用原始文件（.docx、PDF、网页），单元格的边界即可保留。",
        bad: "行政规范性文件3980",
        good: "行政规范性文件\t0\t398\t0",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    for table in cx.tables.iter() {
        let r = &table.rebuilt;
        let keys: Vec<CellKey> = r
            .unplaced
            .iter()
            .filter(|k| !r.cannot_add_up.iter().any(|row| row.keys.contains(k)))
            .cloned()
            .collect();
        if keys.is_empty() {
            continue;
        }
        let line = r
            .last_line
            .or(table.region.as_ref().map(|g| LineNo::from_index(g.start)));
        let why = if keys.iter().all(|k| r.damaged.contains(k)) {
            "原文中这些单元格的文字已损坏（显示为“�”，多为转换工具截断了汉字或把行名挤入了数据格），表格的勾稽关系也不能确定其数值"
        } else if r.dropped_blanks {
            "原文中单元格之间没有分隔，且空白单元格没有留下任何痕迹（有的行数字个数少于单元格数），连在一起的数字无法确定各自所在的列"
        } else {
            "无法确定各自所在的列"
        };
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!(
                "{}{}的数字在原文中，但{why}（{}个单元格），未予读取；这是本工具的读取限制，不表示报告有误。请从原始网页复制表格后粘贴，或直接拖入原始文件（.docx、PDF、网页）再检查",
                table.name,
                rows_named(t, table.name, &keys),
                keys.len()
            ),
            keys,
            line,
        ));
    }
}
