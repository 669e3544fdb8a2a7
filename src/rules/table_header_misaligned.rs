//! ## What it checks
//! In a table read as a grid (an HTML page, a rich paste), each row's values stand
//! under the column headers they are counted in.
//!
//! A row's values are read by position (the n-th value after the label is the n-th
//! column) and, where the grid is known, by the header each value is shown under.
//! When the two disagree, the table is misaligned — typically a header cell merged
//! across two columns above rows that have only one, or a missing cell — and what a
//! reader sees under a header is not what the row says. The finding names the rows;
//! values that position alone decides are kept, others are listed by
//! `table-unreadable`, never guessed.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{table_incomplete::rows_named, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::TableHeaderMisaligned,
        severity: Severity::Warning,
        title: "表头与数据错位",
        what: "网页或富文本表格中，某行数值按顺序对应的列与其在表格中所处表头下的列不一致（常见于表头单元格合并了两列而数据行只有一列，或数据行缺少单元格）。按顺序能确定时按顺序读取并提示核对；不能确定时不填数，由“表格数字无法确定所在列”列出。",
        why: "国办年度报告格式规定了各表的列；公开后读者按表头读取数值，表头与数据错位会使读者把数值读入错误的列，也使勾稽关系无从核对。",
        bad: "<tr><td colspan=\"2\">信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>",
        good: "<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>",
        example: Example::Html("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    for table in cx.tables.iter() {
        for (keys, line) in &table.rebuilt.misaligned {
            let unplaced = keys.iter().any(|k| table.rebuilt.missing.contains(k));
            let how = if unplaced {
                "无法确定各数值所属的列，未读取"
            } else {
                "已按顺序读取，请核对各数值是否填在对应表头之下"
            };
            out.push(cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!(
                    "{}{}行：数值按顺序对应的列与所在表头不一致（表头合并单元格或缺格造成错位），{how}",
                    table.name,
                    rows_named(t, table.name, keys)
                ),
                keys.clone(),
                LineNo::new(*line),
            ));
        }
    }
}
