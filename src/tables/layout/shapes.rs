//! The text shapes with a rule of their own: one cell per line, a grid of separated
//! fields, and columns aligned by spaces. Each writes the common stream of [`Tok`]s.

use super::*;

fn row_end(toks: &mut Vec<Tok>, line: usize) {
    if !matches!(
        toks.last(),
        Some(Tok {
            kind: TokKind::RowEnd,
            ..
        }) | None
    ) {
        toks.push(Tok {
            kind: TokKind::RowEnd,
            text: String::new(),
            raw: String::new(),
            line,
            col: 0,
            width: 0,
            char_col: 0,
            field: None,
            glued: false,
        });
    }
}

pub(super) fn cell_per_line(
    o: &str,
    f: &str,
    line: usize,
    indented: bool,
    vocab: &Vocab,
    toks: &mut Vec<Tok>,
) {
    if is_rule_line(f) {
        return;
    }
    let text = f.trim();
    if indented {
        if f.trim_end_matches(['\r', ' ']).is_empty() {
            row_end(toks, line);
        } else if f.starts_with('\t') {
            push_cell(toks, text, o, line, vocab);
        } else if let Some(prev) = toks.last_mut().filter(|t| t.kind == TokKind::Text) {
            // A line break inside a cell: the line continues the previous cell.
            prev.text.push_str(text);
            prev.raw.push_str(o.trim());
        } else {
            push_cell(toks, text, o, line, vocab);
        }
    } else if text.is_empty() {
        push(toks, TokKind::Blank, "", "", line, (0, 0));
    } else if text.contains("  ") || text.contains('\t') {
        // A label and its numbers on one line after all: read it word by word, but
        // without a row break (rows are not marked in this shape).
        spaced(o, f, line, vocab, toks);
        if matches!(
            toks.last(),
            Some(Tok {
                kind: TokKind::RowEnd,
                ..
            })
        ) {
            toks.pop();
        }
    } else {
        push_cell(toks, text, o, line, vocab);
    }
}

/// Splits `f` into fields at any of `seps`, returning each field's char range.
fn fields(f: &str, seps: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut n = 0;
    for (i, c) in f.chars().enumerate() {
        if seps.contains(&c) {
            out.push((start, i));
            start = i + 1;
        }
        n = i + 1;
    }
    out.push((start, n.max(start)));
    out
}

/// A line's text by char ranges, each cut in constant time: `o` and `f` (the line as
/// written and folded) have the same chars but not the same bytes, so each keeps
/// where its chars start.
pub(super) struct Chars<'s> {
    text: &'s str,
    /// The byte where each char starts, and the line's length after the last.
    starts: Vec<usize>,
}

impl<'s> Chars<'s> {
    pub(super) fn new(text: &'s str) -> Chars<'s> {
        let mut starts = Vec::with_capacity(text.len() + 1);
        starts.extend(text.char_indices().map(|(i, _)| i));
        starts.push(text.len());
        Chars { text, starts }
    }

    /// Chars `a..b` (clamped to the line).
    pub(super) fn slice(&self, (a, b): (usize, usize)) -> &'s str {
        let last = self.starts.len() - 1;
        let (a, b) = (a.min(last), b.min(last));
        &self.text[self.starts[a]..self.starts[b.max(a)]]
    }
}

pub(super) fn grid(o: &str, f: &str, line: usize, vocab: &Vocab, toks: &mut Vec<Tok>) {
    if is_rule_line(f) {
        return;
    }
    let piped = f.contains(PIPES);
    let (fc, oc) = (Chars::new(f), Chars::new(o));
    let mut ranges = if piped {
        fields(f, &PIPES)
    } else {
        fields(f, &['\t'])
    };
    if piped {
        // The border before the first pipe is not a cell.
        if ranges.len() > 1 && fc.slice(ranges[0]).trim().is_empty() {
            ranges.remove(0);
        }
    }
    // Trailing empty fields are layout gaps (a trailing tab, a closing border), never
    // cells we can place.
    while ranges.len() > 1
        && fc
            .slice(*ranges.last().unwrap())
            .trim_matches(value::is_filler)
            .is_empty()
    {
        ranges.pop();
    }
    if ranges.len() == 1 && fc.slice(ranges[0]).trim().is_empty() {
        row_end(toks, line);
        return;
    }
    if !piped && ranges.len() == 1 {
        // A line without separators inside a grid (a caption, a wrapped label):
        // read it as space-aligned text.
        spaced(o, f, line, vocab, toks);
        return;
    }
    for (field, r) in ranges.into_iter().enumerate() {
        let text = fc.slice(r).trim();
        push(
            toks,
            classify(text, vocab),
            text,
            oc.slice(r),
            line,
            (r.0, r.0),
        );
        if let Some(t) = toks.last_mut() {
            t.field = Some(field);
        }
    }
    row_end(toks, line);
}

/// A piece of a space-aligned line: words merged, or one word.
struct Piece {
    /// Char start, char end, display column.
    word: (usize, usize, usize),
    /// A value (a number, with its unit if merged with it).
    is_value: bool,
    /// Cut out of a word where its digits touched text.
    is_glued: bool,
    /// A piece of one word keeps the kind it was classified with, not to be
    /// classified again.
    kind: Option<TokKind>,
}

pub(super) fn spaced(o: &str, f: &str, line: usize, vocab: &Vocab, toks: &mut Vec<Tok>) {
    if is_rule_line(f) {
        return;
    }
    // Words with their char ranges and display columns.
    let mut words: Vec<(usize, usize, usize)> = Vec::new(); // (char start, char end, display col)
    let mut col = 0;
    let mut start: Option<(usize, usize)> = None;
    let chars: Vec<char> = f.chars().collect();
    // Widths come from the original characters: folding turns the wide `（` into `(`.
    for (i, (&c, w)) in chars.iter().zip(o.chars().map(char_width)).enumerate() {
        if c.is_whitespace() {
            if let Some((s, sc)) = start.take() {
                words.push((s, i, sc));
            }
            col += if c == '\t' { 8 - col % 8 } else { 1 };
        } else {
            if start.is_none() {
                start = Some((i, col));
            }
            col += w;
        }
    }
    if let Some((s, sc)) = start {
        words.push((s, chars.len(), sc));
    }
    // Words whose digits touch label text are cut into their pieces (glued text).
    let mut glued: Vec<bool> = Vec::with_capacity(words.len());
    let mut pieces = Vec::with_capacity(words.len());
    for (a, b, c) in words {
        match glued_pieces(&chars[a..b]) {
            Some(cut) => {
                for (pa, pb, is_number) in cut {
                    pieces.push((a + pa, a + pb, c + display_offset(&chars[a..a + pa])));
                    glued.push(is_number);
                }
            }
            None => {
                pieces.push((a, b, c));
                glued.push(false);
            }
        }
    }
    let words = pieces;
    let (fc, oc) = (Chars::new(f), Chars::new(o));
    // A word's text, bold markers (`**`) left out: borrowed unless it has some.
    let word_text = |(a, b, _): (usize, usize, usize)| -> std::borrow::Cow<'_, str> {
        let text = fc.slice((a, b));
        if text.contains("**") {
            text.replace("**", "").into()
        } else {
            text.into()
        }
    };
    // Merge: text words one space apart are one piece of text; a unit after a number
    // belongs to the number. Each word is classified once and a merged piece keeps its
    // kind (text stays text, a number with its unit stays a number), so a long line
    // costs linear time.
    let mut merged: Vec<Piece> = Vec::new();
    for (w, is_glued) in words.into_iter().zip(glued) {
        let this_text = word_text(w);
        let kind = (!is_glued).then(|| classify(&this_text, vocab));
        let this_is_value = is_glued || matches!(kind, Some(TokKind::Value(_)));
        if let Some(last) = merged.last_mut() {
            let gap = w.0 - last.word.1;
            let is_unit = matches!(&*this_text, "元" | "万元" | "件" | "条" | "个" | "项");
            if gap <= 1
                && !is_glued
                && ((!last.is_value && !this_is_value) || (last.is_value && is_unit))
            {
                last.word.1 = w.1;
                last.kind = None;
                continue;
            }
        }
        merged.push(Piece {
            word: w,
            is_value: this_is_value,
            is_glued,
            kind,
        });
    }
    if merged.is_empty() {
        row_end(toks, line);
        return;
    }
    for Piece {
        word: w,
        is_glued,
        kind,
        ..
    } in merged
    {
        let text = word_text(w);
        let kind = match kind {
            _ if is_glued => glued_kind(&text),
            Some(kind) => kind,
            None => classify(&text, vocab),
        };
        push(toks, kind, &text, oc.slice((w.0, w.1)), line, (w.2, w.0));
        if let Some(t) = toks.last_mut() {
            // Glued by its word, or already by a leading zero (`push`).
            t.glued |= is_glued;
        }
    }
    row_end(toks, line);
}
