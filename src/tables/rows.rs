//! Finding the template's row labels in a token stream and placing the values that
//! follow each label into the template's columns.
//!
//! Labels are matched on their compact keys (ideographs only), in template order,
//! each after the previous one, so that `1.` under 不予公开 is never confused with `1.`
//! under 无法提供. A label may be cut short by the dump (`规范性�`), have a typo
//! (`其他法律法规禁止公开`), or be interrupted by the group label beside it; all of
//! these still match. Values are placed only when their columns are certain.

use super::layout::{Shape, Tok, TokKind};
use super::value::Value;
use super::vocab::Vocab;
use crate::normalize::{compact, strip_numbering};

/// The compact text of all [`TokKind::Text`] tokens, with each char's token.
pub struct Stream {
    chars: Vec<char>,
    tok: Vec<usize>,
    /// `numbered[p]`: char `p` starts a numbered label in its text (`3.其他`,
    /// `（七）总计`, `四、结转`): where a glued label begins.
    numbered: Vec<bool>,
}

impl Stream {
    /// Builds the stream of `toks`.
    pub fn new(toks: &[Tok]) -> Stream {
        let mut chars = Vec::new();
        let mut tok = Vec::new();
        let mut numbered = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if t.kind == TokKind::Text {
                // Each char with the two before it and the one after it.
                let mut text = t.text.chars().peekable();
                let (mut before1, mut before2) = (None, None);
                while let Some(c) = text.next() {
                    let after = text.peek().copied();
                    if crate::normalize::is_ideograph(crate::normalize::fold_char(c)) {
                        let after_outline_number = matches!(before1, Some('.' | '、' | '．'))
                            && before2.is_some_and(|d: char| d.is_ascii_digit());
                        let numeral = crate::normalize::chinese_numeral(c).is_some();
                        let parenthesised_numeral = numeral && matches!(before1, Some('(' | '（'));
                        let numeral_heading = numeral && after == Some('、');
                        chars.push(c);
                        tok.push(i);
                        numbered
                            .push(after_outline_number || parenthesised_numeral || numeral_heading);
                    }
                    (before2, before1) = (before1, Some(c));
                }
            }
        }
        Stream {
            chars,
            tok,
            numbered,
        }
    }
}

/// Where a label was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelMatch {
    /// Token holding the first char of the label.
    pub start_tok: usize,
    /// Token holding the last matched char of the label.
    pub end_tok: usize,
    /// Stream position just after the match: where the next label is searched from.
    pub next: usize,
}

/// The compact key a row label is searched by: its text without outline number.
pub fn label_key(label: &str) -> Vec<char> {
    compact(strip_numbering(label)).chars().collect()
}

/// Longest common subsequence of `key` and `window`: its length, and the length of
/// the shortest prefix of `window` that already holds it (where the match ends).
fn lcs(key: &[char], window: &[char]) -> (usize, usize) {
    // prev[i] = LCS of key[..i] and the window prefix read so far.
    let mut prev = vec![0usize; key.len() + 1];
    let mut cur = vec![0usize; key.len() + 1];
    let mut best = (0, 0);
    for (j, &y) in window.iter().enumerate() {
        for (i, &x) in key.iter().enumerate() {
            cur[i + 1] = if x == y {
                prev[i] + 1
            } else {
                prev[i + 1].max(cur[i])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
        if prev[key.len()] > best.0 {
            best = (prev[key.len()], j + 1);
        }
    }
    best
}

/// Finds the label `key` in `s` at or after stream position `from`.
///
/// A candidate starts where the key's first char stands. It is taken when the whole
/// key follows; or when the text token ends after at least three chars of the key (the
/// cell was cut short); or, for keys of six chars or more, when three quarters of the
/// key follow in order within a short window (a typo or an interleaved group label).
pub fn find_label(s: &Stream, key: &[char], from: usize) -> Option<LabelMatch> {
    let first = *key.first()?;
    let mut p = from;
    while p < s.chars.len() {
        if s.chars[p] == first {
            let m = key
                .iter()
                .zip(&s.chars[p..])
                .take_while(|(a, b)| a == b)
                .count();
            let end = p + m;
            let token_ends = end == s.chars.len() || s.tok[end] != s.tok[end - 1];
            let span = if m == key.len() {
                // A key of one or two ideographs (`其他`, `规章`) must end its cell
                // or be followed by the next numbered label (`3.其他（七）总计` in
                // glued text): `其他` of 3.其他 is not the start of `其他处`, a piece
                // of the group label （六）其他处理 wrapped beside another row.
                (key.len() > 2 || token_ends || s.numbered.get(end) == Some(&true)).then_some(m)
            } else if m >= 3 && token_ends {
                // A label cut short at the end of its cell (`规范性�`, `2.其他法律行政`).
                Some(m)
            } else if key.len() >= 6 && m >= 2 {
                // A typo or an interleaved group label: most of the key, in order.
                let window = &s.chars[p..(p + key.len() + 3).min(s.chars.len())];
                let (common, span) = lcs(key, window);
                (common * 4 >= key.len() * 3).then_some(span)
            } else {
                None
            };
            if let Some(span) = span {
                return Some(LabelMatch {
                    start_tok: s.tok[p],
                    end_tok: s.tok[p + span - 1],
                    next: p + span,
                });
            }
        }
        p += 1;
    }
    None
}

/// One cell position read after a label.
#[derive(Debug, Clone, Copy)]
pub struct Slot<'a> {
    /// The token the cell was read from.
    pub tok: &'a Tok,
    /// The cell is empty (an empty field, or a fragment of a label spilled into it).
    pub blank: bool,
}

/// Reads the cells that follow a label: from the label's first token up to `limit`
/// (the next label), stopping at the end of the layout row once a cell has been read.
/// Values inside the label's own span count (a PDF may print the number beside the
/// middle line of a wrapped label); empty fields only after it.
pub fn collect<'a>(
    toks: &'a [Tok],
    m: LabelMatch,
    limit: usize,
    shape: Shape,
    vocab: &Vocab,
) -> Vec<Slot<'a>> {
    let delimited = !matches!(
        shape,
        Shape::Spaced | Shape::CellPerLine { indented: false }
    );
    let label_line = toks[m.end_tok].line;
    let mut out: Vec<Slot<'a>> = Vec::new();
    for (i, t) in toks.iter().enumerate().take(limit).skip(m.start_tok) {
        let after = i > m.end_tok;
        match &t.kind {
            TokKind::RowEnd => {
                if after && !out.is_empty() {
                    break;
                }
            }
            TokKind::Blank => {
                if after {
                    out.push(Slot {
                        tok: t,
                        blank: true,
                    });
                }
            }
            TokKind::Value(_) => out.push(Slot {
                tok: t,
                blank: false,
            }),
            TokKind::Text => {
                if !after {
                    continue;
                }
                // `| 类别 | 80 | 1 | …` under a header naming the row: the first field
                // is the row's heading, not a cell.
                if delimited && t.field == Some(0) && is_row_head(&t.text) {
                    continue;
                }
                if vocab.is_labelish(&t.text) {
                    if delimited {
                        out.push(Slot {
                            tok: t,
                            blank: true,
                        });
                    }
                } else if delimited
                    || t.line == label_line
                    || out.iter().any(|s| s.tok.line == t.line)
                {
                    out.push(Slot {
                        tok: t,
                        blank: false,
                    });
                } else if !out.is_empty() {
                    break;
                }
            }
        }
    }
    out
}

/// Is `text` what converters print at the head of a first column (`类别`)?
fn is_row_head(text: &str) -> bool {
    crate::template::cues()
        .row_head_words
        .contains(&compact(text))
}

/// How to read a row whose cells do not line up one to one.
#[derive(Debug, Clone, Copy)]
pub struct Placement<'s> {
    /// Number of columns.
    pub columns: usize,
    /// A lone number is the last column (table 3: "when only one number follows a
    /// label, it is the 总计", spec §7).
    pub lone_number_is_last: bool,
    /// Column extents of a space-aligned layout, if known, and the index of the
    /// segment of the first value column.
    pub segments: Option<(&'s [(usize, usize)], usize)>,
    /// Char positions of the value columns read off the header, if known.
    pub anchors: Option<&'s [usize]>,
    /// Grid fields where the value columns start, read off the header rows of a
    /// tab-separated table (see [`header_fields`]), if known.
    pub fields: Option<&'s [usize]>,
}

/// Where the values of a row go, and whether the header disagreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// `v[c]`: the slot of column `c`, or `None` for an empty cell; `None` when the
    /// values cannot be placed with certainty.
    pub assign: Option<Vec<Option<usize>>>,
    /// The row was read by position (its cells line up one to one with the columns),
    /// but the header puts its cells in other columns: the table is misaligned, and
    /// the user is told.
    pub misaligned: bool,
}

/// Places a row's values by position and by the header's grid columns together.
///
/// In a grid whose header is known ([`Placement::fields`]), a cell belongs to the
/// column whose header it is shown under. When the row's cells line up one to one
/// with the columns, position decides, as for every other shape; if the header then
/// says otherwise, [`Placed::misaligned`] is set. When position cannot decide (empty
/// cells, a label cell spanning columns), the header does.
pub fn place_checked(slots: &[Slot<'_>], how: Placement<'_>) -> Placed {
    let Some(fields) = how
        .fields
        .filter(|f| f.len() == how.columns && !f.is_empty())
    else {
        return Placed {
            assign: place(slots, how),
            misaligned: false,
        };
    };
    // Empty fields before the first value column pad a label cell that spans
    // columns: they are not value cells, unless something is written there.
    let first = fields[0];
    let in_label_area = |s: &Slot<'_>| s.tok.field.is_some_and(|f| f < first);
    let label_area_filled = slots.iter().any(|s| in_label_area(s) && !s.blank);
    let kept: Vec<usize> = (0..slots.len())
        .filter(|&i| label_area_filled || !in_label_area(&slots[i]))
        .collect();
    let value_slots: Vec<Slot<'_>> = kept.iter().map(|&i| slots[i]).collect();
    let by_count = place_by_count(&value_slots, how.columns).map(|v| {
        v.into_iter()
            .map(|s| s.map(|i| kept[i]))
            .collect::<Vec<_>>()
    });
    match (by_count, place_by_fields(slots, fields)) {
        (Some(p), ByFields::Placed(f)) if p == f => Placed {
            assign: Some(p),
            misaligned: false,
        },
        (Some(p), ByFields::Placed(_) | ByFields::Conflict) => Placed {
            assign: Some(p),
            misaligned: true,
        },
        (Some(p), ByFields::Unknown) => Placed {
            assign: Some(p),
            misaligned: false,
        },
        (None, ByFields::Placed(f)) => Placed {
            assign: Some(f),
            misaligned: false,
        },
        (None, ByFields::Conflict) => Placed {
            assign: None,
            misaligned: true,
        },
        (None, ByFields::Unknown) => Placed {
            assign: place(slots, how),
            misaligned: false,
        },
    }
}

/// What the header's grid columns say about a row.
enum ByFields {
    /// Every value is under exactly one column's header.
    Placed(Vec<Option<usize>>),
    /// A value is under no column (in the label area) or two share a column.
    Conflict,
    /// A cell has no grid field: the header cannot say.
    Unknown,
}

fn place_by_fields(slots: &[Slot<'_>], fields: &[usize]) -> ByFields {
    let mut v = vec![None; fields.len()];
    for (i, s) in slots.iter().enumerate() {
        let Some(f) = s.tok.field else {
            return ByFields::Unknown;
        };
        if s.blank {
            continue;
        }
        // The column whose header starts at or before the field, and whose next
        // column starts after it.
        let Some(c) = fields.iter().rposition(|&start| start <= f) else {
            return ByFields::Conflict;
        };
        if v[c].is_some() {
            return ByFields::Conflict;
        }
        v[c] = Some(i);
    }
    ByFields::Placed(v)
}

/// The grid fields of the value columns, read off the header rows above a row: for
/// each label, the field of the header cell that holds exactly that label. Header
/// rows are the rows of text without values nearest above `before` that hold column
/// labels (data rows in between, with values or all empty, are passed over, so table
/// 3's rows all find the header at its top). All
/// `labels` must be found, each at its own field, in order.
pub fn header_fields(toks: &[Tok], before: usize, labels: &[String]) -> Option<Vec<usize>> {
    let keys: Vec<String> = labels.iter().map(|l| compact(l)).collect();
    let matches = |text: &str| -> bool {
        let c = compact(text);
        !c.is_empty()
            && keys.iter().any(|k| {
                c == *k || (c.starts_with(k.as_str()) && c.chars().count() <= k.chars().count() + 4)
            })
    };
    let mut found: Vec<usize> = Vec::new();
    let mut in_header = false;
    let mut rows_seen = 0;
    // Start above the row `before` is in (its own cells before it, such as a group
    // label spanning rows, are not header).
    let before = before.min(toks.len());
    let mut end = toks[..before]
        .iter()
        .rposition(|t| t.kind == TokKind::RowEnd)?;
    while end > 0 && rows_seen < 80 {
        // The row ending just before `end`.
        let start = toks[..end]
            .iter()
            .rposition(|t| t.kind == TokKind::RowEnd)
            .map_or(0, |i| i + 1);
        let row = &toks[start..end];
        end = start.saturating_sub(1);
        rows_seen += 1;
        if row.is_empty() {
            continue;
        }
        let has_value = row.iter().any(|t| matches!(t.kind, TokKind::Value(_)));
        if has_value {
            if in_header {
                break;
            }
            continue;
        }
        // A row without values is header only if it holds a column label: the rows
        // of labels with empty cells between two data rows are not.
        for t in row {
            if let (TokKind::Text, Some(f)) = (&t.kind, t.field) {
                if matches(&t.text) && !found.contains(&f) {
                    found.push(f);
                    in_header = true;
                }
            }
        }
        if found.len() == labels.len() {
            found.sort_unstable();
            return Some(found);
        }
    }
    None
}

/// Decides which slot goes to which column. `Some(v)`: `v[c]` is the slot of column
/// `c`, or `None` for an empty cell. `None`: the values cannot be placed with
/// certainty, and nothing is guessed.
pub fn place(slots: &[Slot<'_>], how: Placement<'_>) -> Option<Vec<Option<usize>>> {
    let n = how.columns;
    if let Some(v) = place_by_count(slots, n) {
        return Some(v);
    }
    let filled: Vec<usize> = (0..slots.len()).filter(|&i| !slots[i].blank).collect();
    if how.lone_number_is_last
        && filled.len() == 1
        && matches!(slots[filled[0]].tok.kind, TokKind::Value(Value::Number(..)))
    {
        let mut v = vec![None; n];
        v[n - 1] = Some(filled[0]);
        return Some(v);
    }
    if let Some((segs, first)) = how.segments {
        return place_by_columns(slots, &filled, segs, first, n);
    }
    if let Some(anchors) = how.anchors.filter(|a| a.len() == n) {
        return place_by_anchors(slots, &filled, anchors);
    }
    None
}

/// The placements that follow from counting alone: as many cells as columns, as many
/// values as columns, extra cells that are all empty at the end, or no value at all.
fn place_by_count(slots: &[Slot<'_>], n: usize) -> Option<Vec<Option<usize>>> {
    let filled: Vec<usize> = (0..slots.len()).filter(|&i| !slots[i].blank).collect();
    if slots.len() == n {
        return Some((0..n).map(|i| (!slots[i].blank).then_some(i)).collect());
    }
    if filled.len() == n {
        return Some(filled.into_iter().map(Some).collect());
    }
    if slots.len() > n && slots[n..].iter().all(|s| s.blank) {
        return Some((0..n).map(|i| (!slots[i].blank).then_some(i)).collect());
    }
    if filled.is_empty() {
        return Some(vec![None; n]);
    }
    None
}

/// Places values by their display columns within the rule-line segments.
fn place_by_columns(
    slots: &[Slot<'_>],
    filled: &[usize],
    segs: &[(usize, usize)],
    first: usize,
    n: usize,
) -> Option<Vec<Option<usize>>> {
    if segs.len() < first + n {
        return None;
    }
    let data = &segs[first..first + n];
    let mut v = vec![None; n];
    let mut last: Option<usize> = None;
    for &i in filled {
        let t = slots[i].tok;
        let centre = t.col + t.width / 2;
        let c = data.iter().position(|&(a, b)| centre >= a && centre <= b)?;
        if last.is_some_and(|l| c <= l) {
            return None;
        }
        last = Some(c);
        v[c] = Some(i);
    }
    Some(v)
}

/// Places values at the header positions they stand under: within one character of
/// exactly one header word (lynx and pdftotext put them at the same position).
fn place_by_anchors(
    slots: &[Slot<'_>],
    filled: &[usize],
    anchors: &[usize],
) -> Option<Vec<Option<usize>>> {
    let mut v = vec![None; anchors.len()];
    let mut last: Option<usize> = None;
    for &i in filled {
        let x = slots[i].tok.char_col;
        let mut near = anchors
            .iter()
            .enumerate()
            .filter(|(_, &a)| a.abs_diff(x) <= 1);
        let (c, _) = near.next()?;
        if near.next().is_some() || last.is_some_and(|l| c <= l) {
            return None;
        }
        last = Some(c);
        v[c] = Some(i);
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Tok {
        Tok {
            kind: TokKind::Text,
            text: t.into(),
            raw: t.into(),
            line: 1,
            col: 0,
            width: 0,
            char_col: 0,
            field: None,
            glued: false,
        }
    }

    #[test]
    fn finds_exact_cut_and_misspelt_labels() {
        let toks = vec![
            text("（三）不予公开"),
            text("1.属于国家秘密"),
            text("2.其他法律法规禁止公开"),
            text("规范性\u{FFFD}"),
            text("行政许可"),
        ];
        let s = Stream::new(&toks);
        let m = find_label(&s, &label_key("1.属于国家秘密"), 0).unwrap();
        assert_eq!(m.start_tok, 1);
        let m = find_label(&s, &label_key("2.其他法律行政法规禁止公开"), m.next).unwrap();
        assert_eq!(m.start_tok, 2);
        let m = find_label(&s, &label_key("规范性文件"), m.next).unwrap();
        assert_eq!(m.start_tok, 3);
        assert!(find_label(&s, &label_key("7.属于行政执法案卷"), 0).is_none());
    }

    /// A PDF wraps the group label （六）其他处理 beside the lines of 2.申请人逾期…;
    /// its piece `其他处` is not the row 3.其他, which comes after.
    #[test]
    fn a_short_label_must_end_its_cell() {
        let toks = vec![
            text("2.申请人逾期未按收费通"),
            text("其他处"),
            text("知要求缴纳费用、行政机"),
            text("理"),
            text("3.其他"),
        ];
        let s = Stream::new(&toks);
        let m = find_label(&s, &label_key("3.其他"), 0).unwrap();
        assert_eq!(m.start_tok, 4);
        // Glued text: the short label runs straight into the next numbered label.
        let toks = vec![text("2.申请人逾期未按收费通知要求缴纳费用3.其他(七)总计")];
        let s = Stream::new(&toks);
        assert!(find_label(&s, &label_key("3.其他"), 0).is_some());
        let toks = vec![text("规章制度"), text("规章")];
        let s = Stream::new(&toks);
        assert_eq!(find_label(&s, &label_key("规章"), 0).unwrap().start_tok, 1);
    }

    #[test]
    fn does_not_take_a_sibling_for_a_missing_row() {
        let toks = vec![text("8.属于行政查询事项")];
        let s = Stream::new(&toks);
        assert!(find_label(&s, &label_key("7.属于行政执法案卷"), 0).is_none());
    }
}
