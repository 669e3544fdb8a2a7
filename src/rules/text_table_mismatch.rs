//! ## What it checks
//! Numbers stated in the prose agree with the tables.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{fmt_num, Context, Example, Rule, RuleDoc};
use crate::template::{CellKey, TableId};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::TextTableMismatch,
        severity: Severity::Warning,
        title: "正文与表格不一致",
        what: "正文中写明的数字与统计表不一致：“收到申请N件”“依申请公开N条”与表三“一、本年新收政府信息公开申请数量”的总计；“未收到申请”而表三有新收申请或表四有复议、诉讼案件；“行政复议N件”“行政诉讼N件”与表四的总计。",
        why: "年度报告的文字说明和统计表应当一致（《政府信息公开条例》第五十条），不一致时公众无从判断哪一个是准确的，也是上级审核中最常见的退改原因之一。",
        bad: "（二）依申请公开情况。本年共收到政府信息公开申请1442件，均按规定的程序和时限办理。",
        good: "（二）依申请公开情况。严格按照条例规定的程序和时限办理政府信息公开申请。",
        example: Example::Text("2021"),
    },
    check,
};

/// What a clause of the prose says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Claim {
    Received(f64),
    NoneReceived,
    Review(f64),
    Suit(f64),
}

const COUNT_UNITS: [char; 6] = ['件', '条', '个', '份', '起', '宗'];

/// The first `N件` (or 条, 个 …) in `s` after char offset `from`.
fn count_after(s: &[char], from: usize) -> Option<f64> {
    let mut i = from;
    while i < s.len() {
        if s[i].is_ascii_digit() && (i == 0 || !s[i - 1].is_ascii_digit()) {
            let start = i;
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
            let mut j = i;
            while j < s.len() && s[j] == ' ' {
                j += 1;
            }
            if s.get(j).is_some_and(|c| COUNT_UNITS.contains(c)) {
                return s[start..i].iter().collect::<String>().parse().ok();
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Char offset of `word` in `clause`.
fn find(clause: &str, word: &str) -> Option<usize> {
    clause.find(word).map(|b| clause[..b].chars().count())
}

/// The claims a clause makes.
fn claims(clause: &str) -> Vec<Claim> {
    // Every claim names 申请, 复议 or 诉讼: other clauses (and empty lines, however
    // many) cost one search.
    if !(clause.contains("申请") || clause.contains("复议") || clause.contains("诉讼")) {
        return Vec::new();
    }
    let c: Vec<char> = clause.chars().collect();
    let mut out = Vec::new();
    let negated = [
        "未收到",
        "没有收到",
        "没有接收到",
        "未接收到",
        "未接到",
        "没有接到",
        "未受理",
        "无人申请",
    ]
    .iter()
    .any(|w| clause.contains(w));
    if clause.contains("申请") && !clause.contains("复议") && !clause.contains("诉讼") {
        if negated {
            out.push(Claim::NoneReceived);
        } else if let Some(k) = ["收到", "受理", "接收", "依申请"]
            .iter()
            .filter_map(|w| find(clause, w))
            .min()
        {
            if let Some(n) = count_after(&c, k) {
                out.push(Claim::Received(n));
            }
        }
    }
    let none_happened = ["未发生", "没有发生", "未收到", "没有", "无"]
        .iter()
        .any(|w| clause.contains(w));
    if let Some(k) = find(clause, "行政复议") {
        match count_after(&c, k) {
            Some(n) => out.push(Claim::Review(n)),
            None if none_happened && !clause.contains("情况") => out.push(Claim::Review(0.0)),
            None => {}
        }
    }
    if let Some(k) = find(clause, "行政诉讼").or_else(|| find(clause, "起诉")) {
        match count_after(&c, k) {
            Some(n) => out.push(Claim::Suit(n)),
            None if none_happened && !clause.contains("情况") => out.push(Claim::Suit(0.0)),
            None => {}
        }
    }
    out
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut seen: Vec<std::mem::Discriminant<Claim>> = Vec::new();
    // The index of the line after the title.
    let first_line = cx.meta.title_line.map_or(0, |l| l + 1);
    for i in first_line..cx.doc.len() {
        if cx.in_table(i) {
            continue;
        }
        let line = &cx.doc.folded[i];
        for clause in line.split(['。', ';', '；', ',', '，', '！', '!']) {
            for claim in claims(clause) {
                let d = std::mem::discriminant(&claim);
                if seen.contains(&d) {
                    continue;
                }
                seen.push(d);
                if let Some(f) = compare(cx, claim, LineNo::from_index(i)) {
                    out.push(f);
                }
            }
        }
    }
}

fn compare(cx: &Context<'_>, claim: Claim, line: LineNo) -> Option<Finding> {
    let t4_keys = ["review", "suit_direct", "suit_after_review"]
        .map(|group| CellKey::new(TableId::T4, group, "total"));
    let mismatch = |message: String, cells: Vec<CellKey>, table: f64, prose: f64| {
        let mut f = cx.finding(&RULE.doc, RULE.doc.severity, message, cells, Some(line));
        f.expected = Some(crate::model::Num(table));
        f.actual = Some(crate::model::Num(prose));
        f
    };
    match claim {
        Claim::Received(n) => {
            let key = CellKey::new(TableId::T3, "new", "total");
            let table = cx.cells.count(&key)?;
            (table != n).then(|| mismatch(format!("正文称收到（依申请公开）政府信息公开申请{}件，表三“一、本年新收政府信息公开申请数量”总计为{}", fmt_num(n), fmt_num(table)), vec![key], table, n))
        }
        Claim::NoneReceived => {
            let key = CellKey::new(TableId::T3, "new", "total");
            if let Some(table) = cx.cells.count(&key).filter(|&v| v > 0.0) {
                return Some(mismatch(format!("正文称未收到政府信息公开申请，但表三“一、本年新收政府信息公开申请数量”总计为{}", fmt_num(table)), vec![key], table, 0.0));
            }
            let cases = cx.sum(&t4_keys).filter(|&v| v > 0.0)?;
            Some(mismatch(
                format!("正文称未收到政府信息公开申请，但表四有政府信息公开行政复议、行政诉讼案件{}件，请核实申请情况的表述", fmt_num(cases)),
                t4_keys.to_vec(),
                cases,
                0.0,
            ))
        }
        Claim::Review(n) => {
            let key = t4_keys[0].clone();
            let table = cx.cells.count(&key)?;
            (table != n).then(|| {
                mismatch(
                    format!(
                        "正文称行政复议{}件，表四“行政复议”总计为{}",
                        fmt_num(n),
                        fmt_num(table)
                    ),
                    vec![key],
                    table,
                    n,
                )
            })
        }
        Claim::Suit(n) => {
            let keys = t4_keys[1..].to_vec();
            let table = cx.sum(&keys)?;
            (table != n).then(|| {
                mismatch(
                    format!(
                        "正文称行政诉讼{}件，表四行政诉讼（未经复议直接起诉与复议后起诉）总计为{}",
                        fmt_num(n),
                        fmt_num(table)
                    ),
                    keys,
                    table,
                    n,
                )
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_claims() {
        assert_eq!(
            claims("2019年，龙泉镇共收到政府信息公开申请109件"),
            vec![Claim::Received(109.0)]
        );
        assert_eq!(claims("依申请公开 6 条"), vec![Claim::Received(6.0)]);
        assert_eq!(
            claims("我镇共完成依申请信息公开4条"),
            vec![Claim::Received(4.0)]
        );
        assert_eq!(
            claims("我镇没有接收到书面或其它形式要求公开政府信息的申请"),
            vec![Claim::NoneReceived]
        );
        assert_eq!(claims("（二）依申请公开情况"), vec![]);
        assert_eq!(
            claims("本年度发生政府信息公开行政复议2件"),
            vec![Claim::Review(2.0)]
        );
        assert_eq!(claims("四、政府信息公开行政复议、行政诉讼情况"), vec![]);
    }
}
