//! ## What it checks
//! Nothing in the report: it says that the file was damaged where it was read.
//!
//! A text file with a few byte sequences that are not valid in its encoding (a bad
//! byte in a GB18030 file, a character cut in half at its end) is read all the same,
//! each damaged sequence as `�`; this finding says how many there were, so that a cell
//! or a label with a `�` is understood as the file's damage.

use crate::model::{Finding, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::InputDamaged,
        severity: Severity::Warning,
        title: "文件有损坏的字节",
        what: "文本文件中有少量字节不符合其编码（如 GB18030 文件中的坏字节、末尾被截断的半个汉字），已按“�”读取其余内容。提示损坏的处数。",
        why: "损坏处的文字无法还原，涉及的标签或数字可能读不出；重新导出或另存文件可消除损坏。",
        bad: "健全信息发布�核制度。",
        good: "健全信息发布审核制度。",
        example: Example::DamagedFile("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(n) = cx.source.damaged_bytes {
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!(
                "文件中有{n}处字节不符合{}编码，已按“�”读取其余内容；如相关文字或数字读不出，请重新导出或另存文件",
                cx.source.encoding
            ),
            Vec::new(),
            None,
        ));
    }
}
