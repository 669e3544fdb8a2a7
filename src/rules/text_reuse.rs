//! # text-reuse
//!
//! ## What it checks
//! Of two reports of one agency for consecutive years, checked together: how much of
//! the prose of this year's 一、总体情况 and 五、存在的主要问题及改进情况 repeats last
//! year's report word for word. A sentence counts when it is at least
//! [`MIN_SENTENCE`] characters long (shorter ones are headings such as （一）主动公开情况)
//! and stands, word for word (spaces aside, full-width forms folded), in last year's
//! 一 or 五.

use super::{Example, Pair, PairRule, Prose, RuleDoc};
use crate::model::{Finding, RuleId, SectionNo, Severity};
use std::collections::HashSet;

/// The rule: its documentation and its check.
pub(super) static RULE: PairRule = PairRule {
    doc: RuleDoc {
        id: RuleId::TextReuse,
        severity: Severity::Warning,
        title: "文字与上年报告雷同",
        what: "同一机关相邻两年的年度报告一并检查时，本年“一、总体情况”“五、存在的主要问题及改进情况”中与上年报告逐字相同的句子所占比例。某一部分一半以上的文字与上年相同时提示；“五、存在的主要问题及改进情况”一半以上与上年相同时为警告。",
        why: "年度报告应当反映本年度的工作（《政府信息公开条例》第四十九条、第五十条）。“存在的主要问题及改进情况”一半以上照抄上年，说明上年的问题既未解决也未重新查找，改进措施也未更新，属于应当修改的问题（警告）；“总体情况”多有固定表述，照抄只作提示。判断以句为单位、逐字比对，年份或数字不同的句子不算相同，因此不会把正常的固定表述之外的内容误判为照抄。",
        bad: "（一）存在的主要问题。政策解读的形式还比较单一。\n（二）改进措施。下一步将丰富政策解读的形式。",
        good: "（一）存在的主要问题。信息公开的及时性有待提高。\n（二）改进措施。下一步将完善审核发布机制。",
        example: Example::FollowsYear("2021"),
    },
    check,
};

/// Sentences shorter than this (in characters) are not compared.
pub const MIN_SENTENCE: usize = 8;

/// The share of a section repeated word for word from which the rule reports it.
const REPORTED_SHARE: f64 = 0.5;

/// The sentences of `text` (width-folded already) worth comparing, without their
/// spaces. Digits and punctuation stay: a sentence with another year or number is not
/// the same sentence.
fn sentences(text: &str) -> Vec<String> {
    text.split(['。', '；', '！', '？', ';', '!', '?', '\n'])
        .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|s| s.chars().count() >= MIN_SENTENCE)
        .collect()
}

/// A sentence of this year's 一 or 五 that stands word for word in last year's report
/// (as this rule counts it), and where: what the page highlights under the finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The section: 一、总体情况 or 五、存在的主要问题及改进情况.
    pub section: SectionNo,
    /// Its line in this year's text.
    pub line: crate::model::LineNo,
    /// The sentence, width-folded and without spaces.
    pub text: String,
}

/// The sentences of last year's 一 and 五 (every one worth comparing).
fn sentences_of(prose: &Prose) -> HashSet<String> {
    prose
        .sections()
        .flat_map(|(_, lines)| lines)
        .flat_map(|(_, folded)| sentences(folded))
        .collect()
}

/// The sentences of `this` year's 一 and 五 repeated word for word from `last` year's,
/// in order.
pub fn repeated_passages(this: &Prose, last: &Prose) -> Vec<Passage> {
    let before = sentences_of(last);
    let mut out = Vec::new();
    for (section, lines) in this.sections() {
        for (line, folded) in lines {
            for text in sentences(folded) {
                if before.contains(&text) {
                    out.push(Passage {
                        section,
                        line: *line,
                        text,
                    });
                }
            }
        }
    }
    out
}

fn check(pair: &Pair<'_>, out: &mut Vec<Finding>) {
    let before = sentences_of(pair.last_prose);
    if before.is_empty() {
        return;
    }
    // For 一 and 五: (characters repeated, characters in all, the longest repeated).
    let mut shares = Vec::new();
    for (no, lines) in pair.this_prose.sections() {
        let all: Vec<String> = lines.iter().flat_map(|(_, l)| sentences(l)).collect();
        let total: usize = all.iter().map(|s| s.chars().count()).sum();
        let repeated: Vec<&String> = all.iter().filter(|s| before.contains(*s)).collect();
        let same: usize = repeated.iter().map(|s| s.chars().count()).sum();
        if total > 0 {
            let longest = repeated
                .iter()
                .max_by_key(|s| s.chars().count())
                .map(|s| s.to_string());
            shares.push((no, same as f64 / total as f64, longest));
        }
    }
    let reported: Vec<_> = shares
        .iter()
        .filter(|(_, share, _)| *share >= REPORTED_SHARE)
        .collect();
    if reported.is_empty() {
        return;
    }
    let name = |no: SectionNo| {
        if no == SectionNo::OVERVIEW {
            "一、总体情况"
        } else {
            "五、存在的主要问题及改进情况"
        }
    };
    let said: Vec<String> = reported
        .iter()
        .map(|(no, share, _)| format!("“{}”{:.0}%", name(*no), share * 100.0))
        .collect();
    let example = reported
        .iter()
        .rev()
        .find_map(|(_, _, longest)| longest.clone())
        .map(|s| format!("，如“{s}”"))
        .unwrap_or_default();
    let severity = if reported.iter().any(|(no, ..)| *no == SectionNo::PROBLEMS) {
        Severity::Warning
    } else {
        Severity::Info
    };
    let first = reported[0].0;
    let line = pair
        .this
        .sections
        .iter()
        .find(|s| s.no == first)
        .and_then(|s| s.line);
    out.push(Finding {
        rule: RULE.doc.id,
        severity,
        message: format!(
            "{}的文字与{}逐字相同{example}；请按本年度情况撰写",
            said.join("、"),
            pair.last_named()
        ),
        cells: Vec::new(),
        line,
        expected: None,
        actual: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repeated_sentences_are_found_where_they_are() {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/examples/");
        let last = std::fs::read_to_string(format!("{examples}2021-previous.txt")).unwrap();
        let this = std::fs::read_to_string(format!("{examples}2021.txt")).unwrap();
        let five = |t: &str| {
            t[t.find("五、存在的主要问题及改进情况\n").unwrap()
                ..t.find("六、其他需要报告的事项").unwrap()]
                .to_owned()
        };
        let in_five = |this: &str| -> Vec<Passage> {
            let prose = |t: &str| crate::pipeline::prose(t);
            repeated_passages(&prose(this), &prose(&last))
                .into_iter()
                .filter(|p| p.section == SectionNo::PROBLEMS)
                .collect()
        };
        // Untouched, the two years' 五 share only a heading.
        let texts = |found: &[Passage]| found.iter().map(|p| p.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&in_five(&this)), ["(一)存在的主要问题"]);
        // 五 copied from last year: each of its sentences, on its line.
        let copied = this.replace(&five(&this), &five(&last));
        let found = in_five(&copied);
        assert_eq!(
            texts(&found),
            [
                "(一)存在的主要问题",
                "政策解读的形式还比较单一",
                "下一步将丰富政策解读的形式"
            ]
        );
        let lines: Vec<&str> = copied.lines().collect();
        for p in &found {
            let on_line: String = lines[p.line.index()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(crate::normalize::fold_char)
                .collect();
            assert!(
                on_line.contains(&p.text),
                "{p:?} is on line {}",
                p.line.get()
            );
        }
    }
}
