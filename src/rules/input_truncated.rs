//! ## What it checks
//! Nothing in the report: it says that the checker read only the start of the input.
//!
//! A report has a few thousand lines at most and a handful of pages. An input of more
//! than [`MAX_LINES`] lines (a file of line breaks, a whole website pasted) is read up
//! to that line, and a PDF of more than
//! [`MAX_PAGES`](crate::decode::pdf::MAX_PAGES) pages up to that page, and no further,
//! so that no input can freeze the page; every finding then speaks of the part read
//! only, and this one says which part was not read.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::normalize::MAX_LINES;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::InputTruncated,
        severity: Severity::Warning,
        title: "输入过长，只检查了前一部分",
        what: "输入的文字超过20万行（一份年度报告通常只有几千行），或 PDF 超过2000页，本工具只读取了前一部分，其后的内容未检查，相关结论只针对已读取的部分。",
        why: "为避免异常输入导致页面长时间无响应，读取设有上限；超出部分既未核对也未判断缺失。",
        bad: "只粘贴年度报告正文（标题至落款）",
        good: "年度报告之后又粘贴了20万行以上的其他文字（如整个网站的内容）",
        example: Example::TooLong("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(total) = cx.source.pages_total {
        let read = crate::decode::pdf::MAX_PAGES;
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!("PDF 共{total}页，只读取了前{read}页，第{}至{total}页未读取、未检查；请只提供年度报告本身", read + 1),
            Vec::new(),
            None,
        ));
    }
    if cx.doc.truncated {
        out.push(cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!("输入超过{MAX_LINES}行，只检查了前{MAX_LINES}行，其后的内容未检查；请只粘贴年度报告正文"),
            Vec::new(),
            LineNo::new(cx.doc.len()),
        ));
    }
}
