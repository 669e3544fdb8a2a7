//! # t2-in-force-continuity
//!
//! ## What it checks
//! Of two reports of one agency for consecutive years in the 2021 format, checked
//! together: this year's 现行有效件数 equals last year's 现行有效件数 plus this year's
//! 本年制发件数 minus 本年废止件数, for 规章 and for 行政规范性文件.

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Example, Pair, PairRule, RuleDoc};
use crate::template::{CellKey, TableId};

/// The rule: its documentation and its check.
pub(super) static RULE: PairRule = PairRule {
    doc: RuleDoc {
        id: RuleId::T2InForceContinuity,
        severity: Severity::Warning,
        title: "现行有效件数与上年不衔接",
        what: "同一机关相邻两年的2021年格式年度报告一并检查时，本年表二规章、行政规范性文件的“现行有效件数”应等于上年报告的现行有效件数加本年制发件数、减本年废止件数。",
        why: "现行有效件数是存量，本年的存量等于上年的存量加本年新增、减本年废止（国办公开办函〔2021〕30号表二）。不衔接通常是漏计、错填，或上年报告的数字有误；也可能是文件因有效期届满而失效，须核实并在报告中说明。",
        bad: "规章\t5\t0\t320",
        good: "规章\t5\t0\t321",
        example: Example::FollowsYear("2021"),
    },
    check,
};

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    for (row, name) in [("rules", "规章"), ("normative", "行政规范性文件")] {
        let k = |c: &str| CellKey::new(TableId::T2, row, c);
        // Both years' formats must have the stock (the 2021 format's 现行有效件数); the
        // 2019 format counts documents published, which carry over no stock.
        let has_stock =
            |r: &crate::model::Report| r.template().is_some_and(|t| t.cell_keys.contains(&k("in_force")));
        if !has_stock(pair.this) || !has_stock(pair.last) {
            return;
        }
        let (Some(before), Some(issued), Some(repealed), Some(in_force)) = (
            pair.last.cells.count(&k("in_force")),
            pair.this.cells.count(&k("issued")),
            pair.this.cells.count(&k("repealed")),
            pair.this.cells.count(&k("in_force")),
        ) else {
            continue;
        };
        let expected = before + issued - repealed;
        if expected < 0.0 {
            // More repealed than there were: no count can be right, so none is named
            // as the one expected.
            out.push(pair.finding(
                &RULE.doc,
                format!(
                    "表二“{name}”：本年废止{}件，多于{}的现行有效件数{}加本年制发{}，两年的数字无法衔接，请核实",
                    fmt_num(repealed),
                    pair.last_named(),
                    fmt_num(before),
                    fmt_num(issued),
                ),
                vec![k("repealed"), k("in_force")],
            ));
        } else if (in_force - expected).abs() > 1e-9 {
            out.push(pair.arith(
                &RULE.doc,
                format!(
                    "表二“{name}”：现行有效件数{}，而{}的现行有效件数{}加本年制发{}、减本年废止{}应为{}，请核实",
                    fmt_num(in_force),
                    pair.last_named(),
                    fmt_num(before),
                    fmt_num(issued),
                    fmt_num(repealed),
                    fmt_num(expected)
                ),
                vec![k("in_force")],
                expected,
                in_force,
            ));
        }
    }
}
