//! ## What it checks
//! 2019 format: 本年新公开数量 does not exceed 对外公开总数量.

use crate::model::{Finding, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};
use crate::template::{CellKey, TableId};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::T2PublishedExceedsTotal,
        severity: Severity::Warning,
        title: "本年新公开数量超过对外公开总数量",
        what: "2019年格式表二中，规章、规范性文件的“本年新公开数量”大于“对外公开总数量”。",
        why: "对外公开总数量是截至年底累计对外公开的数量，应包含本年新公开的部分（国办公开办函〔2019〕60号表二）。",
        bad: "规范性文件\t12\t341\t340",
        good: "规范性文件\t12\t0\t340",
        example: Example::Text("2019"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (row, name) in [("rules", "规章"), ("normative", "规范性文件")] {
        let published = CellKey::new(TableId::T2, row, "new_published");
        let total = CellKey::new(TableId::T2, row, "total_published");
        let (Some(p), Some(t)) = (cx.cells.count(&published), cx.cells.count(&total)) else {
            continue;
        };
        if p > t {
            let mut f = cx.arith(
                &RULE.doc,
                format!("表二“{name}”：本年新公开数量{}大于对外公开总数量{}，总数量应包含本年新公开的部分", fmt_num(p), fmt_num(t)),
                vec![published, total],
                p,
                t,
            );
            f.severity = RULE.doc.severity;
            out.push(f);
        }
    }
}
