//! Stage 3 of the pipeline: finding the six sections.
//!
//! Both templates have the same six sections in the same order. Inside 一、总体情况
//! many reports number their own sub-items `一、二、三…`, so the report is split on the
//! six known titles, in order — never on any `X、` line (spec §2).

use crate::model::SectionNo;
use crate::normalize::{chinese_numeral, compact, is_ideograph, Doc};

/// One of the six sections, with what identifies its heading.
struct SectionDef {
    no: SectionNo,
    /// The heading has a word of each of these groups (compact form).
    words: &'static [&'static [&'static str]],
}

const DEFS: [SectionDef; 6] = [
    SectionDef {
        no: SectionNo::OVERVIEW,
        words: &[&["总体情况"]],
    },
    SectionDef {
        no: SectionNo::PROACTIVE,
        words: &[&["主动公开"], &["情况"]],
    },
    SectionDef {
        no: SectionNo::REQUESTS,
        words: &[&["申请"], &["收到", "处理", "受理"]],
    },
    SectionDef {
        no: SectionNo::APPEALS,
        words: &[&["复议"], &["诉讼"]],
    },
    // Agencies write this title their own way: 存在的主要问题及改进情况 (the template),
    // 存在的主要问题及明年工作计划, 存在的不足及下一步工作打算, 存在的问题和改进措施 …
    SectionDef {
        no: SectionNo::PROBLEMS,
        words: &[
            &["问题", "不足"],
            &[
                "改进", "整改", "措施", "计划", "打算", "思路", "安排", "方向",
            ],
        ],
    },
    SectionDef {
        no: SectionNo::OTHER,
        words: &[&["其他"], &["报告", "事项"]],
    },
];

/// A section heading found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    /// Which section.
    pub no: SectionNo,
    /// 0-based line index.
    pub line: usize,
}

/// Where the six sections are.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    /// `headings[no.index()]` is the heading of section `no`, if found.
    pub headings: [Option<Heading>; 6],
    /// Sections whose headings stand out of order in the text (section-order).
    pub out_of_order: Vec<SectionNo>,
}

impl Sections {
    /// 0-based line index of the heading of section `no`.
    pub fn line(&self, no: SectionNo) -> Option<usize> {
        self.headings[no.index()].map(|h| h.line)
    }

    /// Line range of the body of section `no`: after its heading, up to the next
    /// heading found (or `end`).
    pub fn body(&self, no: SectionNo, end: usize) -> Option<std::ops::Range<usize>> {
        let start = self.line(no)? + 1;
        let stop = self.headings[no.index() + 1..]
            .iter()
            .flatten()
            .map(|h| h.line)
            .next()
            .unwrap_or(end);
        Some(start..stop.max(start))
    }

    /// How many of the six were found.
    pub fn found(&self) -> usize {
        self.headings.iter().flatten().count()
    }
}

/// The heading text of a line with decorations removed: Markdown `#`/`**`,
/// html2text's `*****`, surrounding spaces, a trailing `。`.
fn heading_text(folded: &str) -> String {
    let t = folded
        .trim()
        .trim_matches(|c: char| c == '#' || c == '*' || c == ' ' || c == '=');
    let t = t.trim_end_matches(['。', '.', ':', '：']);
    t.replace("**", "")
}

/// What a line would be as a section heading, whatever the section: its number (a
/// Chinese numeral followed by `、` or the like), and its title's ideographs after the
/// number. `None` when it is no heading of any section. Worked out once a line and
/// matched with each section ([`Candidate::is_heading_of`]).
struct Candidate {
    number: Option<u8>,
    body: String,
}

impl Candidate {
    fn of(line: &str) -> Option<Candidate> {
        // A heading has ideographs; a blank or ASCII line (millions of them in a hostile
        // text) is rejected without building its heading text.
        if line.is_ascii() {
            return None;
        }
        let t = heading_text(line);
        if t.is_empty() || t.chars().count() > 40 {
            return None;
        }
        // A sentence is not a heading: a sub-item such as 一、主动公开情况。本机关……
        if t.contains('。') || t.contains('；') || t.contains(';') {
            return None;
        }
        let first = t.chars().next().unwrap_or(' ');
        if first == '(' || first == '（' || first.is_ascii_digit() {
            return None;
        }
        let number = chinese_numeral(first);
        if number.is_some() {
            let after = t.chars().nth(1).unwrap_or(' ');
            if !matches!(after, '、' | '.' | ' ' | ',' | '，') {
                return None;
            }
        }
        let c = compact(&t);
        let body: String = if number.is_some() {
            c.chars().skip(1).collect()
        } else {
            c
        };
        if body.chars().count() > 30 {
            return None;
        }
        // Without its number, a heading must read like a title (…情况, …事项), so that a
        // table header such as `行政复议 行政诉讼` is not taken for one.
        let reads_like_title = body.ends_with("情况") || body.ends_with("事项");
        if number.is_none() && !reads_like_title {
            return None;
        }
        Some(Candidate { number, body })
    }

    /// Is it the heading of section `def`? The number must be this section's (the
    /// heading may have been renumbered only when a section is dropped; then the title
    /// decides, below), and the title must have a word of each of its groups.
    fn is_heading_of(&self, def: &SectionDef) -> bool {
        self.number.is_none_or(|n| n == def.no.get())
            && def
                .words
                .iter()
                .all(|group| group.iter().any(|w| self.body.contains(w)))
    }
}

/// Lines shorter than this are never cut: a heading glued into the text around it
/// happens when a whole report was crawled or pasted as one long line.
const GLUED_LINE_CHARS: usize = 80;

/// Ideographs after a heading's number compared with its titles.
const TITLE_WINDOW: usize = 40;

/// Candidate headings compared with the titles in a whole document, at most: a report
/// has six headings; a hostile text of `四、政府四、政府…` must not cost more.
const TITLE_COMPARISONS: usize = 2000;

/// Cuts long lines before and after every section heading glued into them
/// (`…取得了一定的成效。二、主动公开政府信息情况第二十条…`), so that each heading
/// stands on a line of its own as in a well-formed report. A heading is recognised by
/// its number and a known title of that section (the template's
/// [`section_titles`](crate::template::section_titles) and
/// [`section_variants`](crate::template::section_variants)), compared by similarity —
/// one ideograph wrong, missing or added is tolerated in titles of six or more
/// (`行政法复议`) — not by any `X、`. A title followed by `、` or `，` is an item of a
/// list in the prose, not a heading.
pub fn split_glued(doc: &mut Doc) {
    let titles: Vec<Vec<Vec<char>>> = crate::template::section_titles()
        .iter()
        .zip(crate::template::section_variants())
        .map(|(t, vs)| {
            std::iter::once(t)
                .chain(vs)
                .map(|v| compact(v).chars().collect())
                .collect()
        })
        .collect();
    let mut budget = TITLE_COMPARISONS;
    let mut i = 0;
    while i < doc.len() {
        let cuts = glued_heading_cuts(&doc.folded[i], &titles, &mut budget);
        doc.split_line(i, &cuts);
        i += cuts.len() + 1;
    }
}

/// Levenshtein distance of two short char strings.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(x != y))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Where the title of a heading numbered at `chars[p]` ends, if one of `variants`
/// follows: the ideographs after the number, read up to the title's last ideograph.
fn title_end(chars: &[char], p: usize, variants: &[Vec<char>]) -> Option<usize> {
    let ideos: Vec<(char, usize)> = chars
        .iter()
        .enumerate()
        .skip(p + 2)
        .filter(|(_, c)| is_ideograph(**c))
        .take(TITLE_WINDOW)
        .map(|(i, &c)| (c, i))
        .collect();
    let body: Vec<char> = ideos.iter().map(|(c, _)| *c).collect();
    let mut best: Option<usize> = None;
    for v in variants {
        if v.len() < 2 || body.len() < 2 || body[..2] != v[..2] {
            continue;
        }
        let slack = usize::from(v.len() >= 6);
        for k in v.len().saturating_sub(slack)..=(v.len() + slack).min(body.len()) {
            if k == 0 || body[k - 1] != v[v.len() - 1] {
                continue;
            }
            if edit_distance(&body[..k], v) <= slack {
                let end = ideos[k - 1].1 + 1;
                best = Some(best.map_or(end, |b| b.min(end)));
                break;
            }
        }
    }
    best
}

/// Where line `folded` is to be cut around the headings glued into it.
fn glued_heading_cuts(folded: &str, titles: &[Vec<Vec<char>>], budget: &mut usize) -> Vec<usize> {
    // Most long lines are prose without a numbered heading: look for `一、` … `六、`
    // before collecting chars.
    let numbered = |(i, _): (usize, &str)| {
        folded[..i]
            .chars()
            .next_back()
            .and_then(chinese_numeral)
            .is_some_and(|n| n <= 6)
    };
    if folded.len() < GLUED_LINE_CHARS
        || !(folded.match_indices('、').any(numbered) || folded.match_indices('.').any(numbered))
    {
        return Vec::new();
    }
    let chars: Vec<char> = folded.chars().collect();
    if chars.len() < GLUED_LINE_CHARS {
        return Vec::new();
    }
    let text_start = chars.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
    let mut cuts = Vec::new();
    for p in 0..chars.len().saturating_sub(2) {
        let Some(no) = chinese_numeral(chars[p]).filter(|&n| n <= 6) else {
            continue;
        };
        if !matches!(chars[p + 1], '、' | '.') || *budget == 0 {
            continue;
        }
        *budget -= 1;
        let Some(end) = title_end(&chars, p, &titles[no as usize - 1]) else {
            continue;
        };
        if chars
            .get(end)
            .is_some_and(|c| matches!(c, '、' | '，' | ',' | '等' | '和' | '及'))
        {
            continue;
        }
        if p > text_start && cuts.last().is_none_or(|&l| l < p) {
            cuts.push(p);
        }
        if end < chars.len() {
            cuts.push(end);
        }
    }
    cuts
}

/// Finds the six section headings of `doc`, each after the previous one found.
pub fn find(doc: &Doc) -> Sections {
    // Each line's candidate, worked out the first time a search reaches it.
    let mut candidates: Vec<Option<Option<Candidate>>> = Vec::new();
    candidates.resize_with(doc.len(), || None);
    let mut is_heading = |i: usize, def: &SectionDef| {
        candidates[i]
            .get_or_insert_with(|| Candidate::of(&doc.folded[i]))
            .as_ref()
            .is_some_and(|c| c.is_heading_of(def))
    };
    let mut s = Sections::default();
    let mut from = 0;
    for def in &DEFS {
        if let Some(i) = (from..doc.len()).find(|&i| is_heading(i, def)) {
            s.headings[def.no.index()] = Some(Heading {
                no: def.no,
                line: i,
            });
            from = i + 1;
        }
    }
    // Headings that exist but were skipped by the in-order search stand out of order.
    for def in &DEFS {
        if s.headings[def.no.index()].is_none() && (0..doc.len()).any(|i| is_heading(i, def)) {
            s.out_of_order.push(def.no);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variants_and_skips_sub_items() {
        let text = "标题\n一、总体情况\n一、主动公开情况。我局……\n二、依申请公开工作。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况。\n三、本年度办理结果\n四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n## 五、存在问题及改进情况\n***** 六、其他需要报告的事项 *****\n";
        let s = find(&Doc::new(text));
        let lines: Vec<_> = SectionNo::ALL.iter().map(|&n| s.line(n)).collect();
        assert_eq!(
            lines,
            [Some(1), Some(4), Some(5), Some(7), Some(8), Some(9)]
        );
        assert!(s.out_of_order.is_empty());
    }

    #[test]
    fn section_five_as_agencies_title_it() {
        for title in [
            "五、存在的主要问题及明年工作计划",
            "五、存在的不足及下一步工作打算",
            "五、存在的问题和改进措施",
            "五、存在的主要问题及改进情况",
        ] {
            let text = format!("一、总体情况\n正文\n{title}\n正文\n六、其他需要报告的事项\n无");
            let s = find(&Doc::new(&text));
            assert_eq!(s.line(SectionNo::PROBLEMS), Some(2), "{title}");
        }
        // A sub-item of 一 that speaks of problems is not the section.
        let s = find(&Doc::new(
            "一、总体情况\n二、问题\n三、收到和处理政府信息公开申请情况",
        ));
        assert_eq!(s.line(SectionNo::PROBLEMS), None);
    }

    #[test]
    fn reports_missing_and_out_of_order() {
        let text = "一、总体情况\n三、收到和处理政府信息公开申请情况\n二、主动公开政府信息情况\n五、存在的主要问题及改进情况";
        let s = find(&Doc::new(text));
        assert_eq!(s.line(SectionNo::PROACTIVE), Some(2));
        assert_eq!(s.line(SectionNo::REQUESTS), None);
        assert_eq!(s.out_of_order, vec![SectionNo::REQUESTS]);
        assert_eq!(s.found(), 3);
    }

    /// A report crawled as one line: each heading is cut out onto a line of its own,
    /// and a list of the titles in the prose is left alone.
    #[test]
    fn headings_glued_into_one_line_are_cut_out() {
        let text = "标题\n本报告包括一、总体情况、二、主动公开政府信息情况等六个部分，统计期限为2020年。一、总体情况2020年，我区认真贯彻落实《条例》。二、主动公开政府信息情况 第二十条第（一）项规章000三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和）一、本年新收政府信息公开申请数量230四、政府信息公开行政法复议、行政诉讼情况行政复议000五、存在的主要问题及改进措施全面审视六、其他需要报告的事项无\n尾";
        let mut doc = Doc::new(text);
        split_glued(&mut doc);
        let s = find(&doc);
        let heads: Vec<&str> = SectionNo::ALL
            .iter()
            .map(|&n| doc.orig[s.line(n).unwrap()].as_str())
            .collect();
        assert_eq!(
            heads,
            [
                "一、总体情况",
                "二、主动公开政府信息情况",
                "三、收到和处理政府信息公开申请情况",
                "四、政府信息公开行政法复议、行政诉讼情况",
                "五、存在的主要问题及改进措施",
                "六、其他需要报告的事项"
            ]
        );
        assert!(doc.orig[1].starts_with("本报告包括一、总体情况、二、"));
        assert_eq!(doc.orig.last().unwrap(), "尾");
        let line = |n: usize| crate::model::LineNo::new(n).unwrap();
        assert_eq!(doc.input_line(line(doc.len())), line(3));
        assert_eq!(
            doc.input_line(line(s.line(SectionNo::OTHER).unwrap() + 1)),
            line(2)
        );
    }

    #[test]
    fn a_table_header_is_not_a_heading() {
        let s = find(&Doc::new("三、收到和处理政府信息公开申请情况\n行政复议\t行政诉讼\n五、存在的主要问题及改进情况\n"));
        assert_eq!(s.line(SectionNo::APPEALS), None);
        let s = find(&Doc::new("政府信息公开行政复议、行政诉讼情况\n"));
        assert_eq!(s.line(SectionNo::APPEALS), Some(0));
    }
}
