//! ## What it checks
//! Table 2 keeps every row of the template, also rows the agency has nothing to
//! report in.
//!
//! Most county-level agencies issue no 规章 and simply leave the row out. That is a
//! departure from the format, not a truncated table: the finding names the row and
//! asks for it with 0s. A row is taken as left out when a later row of table 2 was
//! found; rows missing at the end are a truncated table (`table-incomplete`).

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{table_incomplete::rows_named, Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::T2RowOmitted,
        severity: Severity::Warning,
        title: "表二缺少格式规定的行",
        what: "表二中缺少国办格式规定的某一行（如“规章”），而其后的行都在：多为本机关没有该类事项而省略了该行。提示按格式保留该行并填写0。",
        why: "国办公开办函〔2021〕30号（2019年为〔2019〕60号）规定的表二各行均应列出；没有的事项填0，读者才能区分“没有”与“漏报”。",
        bad: "行政规范性文件",
        good: "规章\t5\t0\t321\n行政规范性文件",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(t) = cx.template else { return };
    let table = &cx.tables[0];
    if !table.rebuilt.found {
        return;
    }
    let keys = table.rebuilt.omitted_t2_rows(t);
    if keys.is_empty() {
        return;
    }
    out.push(cx.finding(
        &RULE.doc,
        RULE.doc.severity,
        format!(
            "表二缺少{}行：本机关可能没有该类事项，但按国办格式应保留该行并填写0",
            rows_named(t, table.name, &keys)
        ),
        keys,
        table.region.as_ref().map(|r| LineNo::from_index(r.start)),
    ));
}
