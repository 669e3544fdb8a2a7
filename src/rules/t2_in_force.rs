//! ## What it checks
//! 2021 format: 现行有效件数 is at least 本年制发件数 − 本年废止件数.

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};
use crate::template::{CellKey, TableId};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::T2InForce,
        severity: Severity::Warning,
        title: "现行有效件数偏少",
        what: "2021年格式表二中，规章、行政规范性文件的“现行有效件数”小于“本年制发件数”减“本年废止件数”。",
        why: "本年制发的文件（减去本年废止的）在年末仍然有效，应计入现行有效件数（国办公开办函〔2021〕30号表二）。现行有效件数偏少，通常是漏计或把本年制发与现行有效填反。",
        bad: "规章\t5\t0\t3",
        good: "规章\t5\t0\t321",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (row, name) in [("rules", "规章"), ("normative", "行政规范性文件")] {
        let k = |c: &str| CellKey::new(TableId::T2, row, c);
        let (Some(issued), Some(repealed), Some(in_force)) = (
            cx.cells.count(&k("issued")),
            cx.cells.count(&k("repealed")),
            cx.cells.count(&k("in_force")),
        ) else {
            continue;
        };
        if in_force < issued - repealed {
            let mut f = cx.arith(
                &RULE.doc,
                format!(
                    "表二“{name}”：现行有效件数{}小于本年制发件数{}减本年废止件数{}（{}），请核实",
                    fmt_num(in_force),
                    fmt_num(issued),
                    fmt_num(repealed),
                    fmt_num(issued - repealed)
                ),
                vec![k("issued"), k("repealed"), k("in_force")],
                issued - repealed,
                in_force,
            );
            f.severity = RULE.doc.severity;
            out.push(f);
        }
    }
}
