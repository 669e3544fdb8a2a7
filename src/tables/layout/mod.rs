//! Turning the lines of a table region into a stream of cells.
//!
//! Pasted tables reach us in a handful of shapes (spec §7). Each is tokenised by its
//! own rule into one common stream of [`Tok`]s — text, value, blank cell, end of row —
//! so that row reconstruction ([`super::rows`]) does not care where the text came from.

use super::value::{self, Value};
use super::vocab::Vocab;
use crate::normalize::{char_width, display_width};

mod shapes;

use shapes::{cell_per_line, grid, spaced};

/// How the cells of a table are laid out in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One cell per line. `indented`: cells start with a tab and an empty line ends a
    /// row (copied from Word or a web page); otherwise an empty line is an empty cell
    /// (Word's "save as text").
    CellPerLine {
        /// Cells are tab-indented and rows end at empty lines.
        indented: bool,
    },
    /// One row per line, cells separated by tabs, pipes or box-drawing characters;
    /// empty cells show as empty fields.
    Grid,
    /// One row per line, cells separated by runs of spaces (`pdftotext`, lynx,
    /// pandoc); empty cells leave no trace except in the column positions.
    Spaced,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum TokKind {
    /// Label or header text.
    Text,
    /// A cell holding a value.
    Value(Value),
    /// A cell shown as empty.
    Blank,
    /// The end of a row of the layout (not emitted for one-cell-per-line text without
    /// row breaks).
    RowEnd,
}

/// One cell, piece of text or row break.
#[derive(Debug, Clone, PartialEq)]
pub struct Tok {
    /// What it is.
    pub kind: TokKind,
    /// Folded text.
    pub text: String,
    /// Text as written in the input.
    pub raw: String,
    /// 1-based input line.
    pub line: usize,
    /// Display column where it starts (for [`Shape::Spaced`]).
    pub col: usize,
    /// Display width.
    pub width: usize,
    /// Char index in its line where it starts: lynx and `pdftotext -layout` align
    /// columns by character count, not display width.
    pub char_col: usize,
    /// Index of the field in its row, for tab-separated and piped rows
    /// ([`Shape::Grid`]). An HTML table's row is written with one field per grid column
    /// (a cell spanning columns is followed by empty fields), so this is the column
    /// the cell is shown in.
    pub field: Option<usize>,
    /// A value cut out of a word where its digits touch label text
    /// (`数量801000081二、`): the digits of one or several cells printed without a
    /// separator, to be split by [`super::glued`].
    pub glued: bool,
}

/// A tokenised table region.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The detected shape.
    pub shape: Shape,
    /// The tokens in reading order.
    pub toks: Vec<Tok>,
    /// Column extents (display columns) read off a dashed rule line such as pandoc's
    /// `------ ------ ----`, if the region has one.
    pub segments: Vec<(usize, usize)>,
    /// Whether every tab-separated line of the region has the same number of fields:
    /// a table written one field per grid column (an HTML table, its spans laid out),
    /// so that [`Tok::field`] is the column a cell is shown in. A browser's or a PDF's
    /// tabs are not that regular.
    pub uniform_grid: bool,
}

const PIPES: [char; 4] = ['|', '│', '｜', '┃'];

fn is_rule_char(c: char) -> bool {
    matches!(
        c,
        '-' | '─' | '━' | '═' | '=' | '+' | ':' | '_' | ' ' | '\t' | '|' | '│' | '┃' | '｜'
    ) || ('\u{2500}'..='\u{257F}').contains(&c)
}

/// A line drawn only with rule characters: `├──┼──┤`, `------ ----`, ` ______`.
pub fn is_rule_line(line: &str) -> bool {
    // One pass, left at the first char that is not a rule's (the first, on most lines).
    let mut strokes = 0;
    for c in line.trim().chars() {
        if !is_rule_char(c) {
            return false;
        }
        strokes += usize::from(matches!(c, '-' | '─' | '━' | '═' | '=' | '_'));
    }
    strokes >= 3
}

fn dash_segments(line: &str) -> Option<Vec<(usize, usize)>> {
    let t = line.trim_end();
    if !t.bytes().all(|b| b == b'-' || b == b' ') || !t.contains("---") {
        return None;
    }
    let mut segs = Vec::new();
    let mut start = None;
    for (i, c) in t.chars().chain(std::iter::once(' ')).enumerate() {
        match (c, start) {
            ('-', None) => start = Some(i),
            (' ', Some(s)) => {
                segs.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    (segs.len() >= 2).then_some(segs)
}

fn classify(text: &str, vocab: &Vocab) -> TokKind {
    match value::parse(text) {
        Value::Blank => TokKind::Blank,
        Value::Text => match value::leading_number(text) {
            Some((n, rest)) if vocab.is_labelish(rest) => TokKind::Value(Value::Number(n, None)),
            _ => TokKind::Text,
        },
        v => TokKind::Value(v),
    }
}

/// Tokenises lines `range` of a document. `orig` and `folded` are the document's lines
/// before and after folding (the same number of chars per line).
pub fn tokenize(
    orig: &[String],
    folded: &[String],
    range: std::ops::Range<usize>,
    vocab: &Vocab,
) -> Layout {
    let shape = detect_shape(&folded[range.clone()], vocab);
    let mut widths = folded[range.clone()]
        .iter()
        .filter(|f| f.contains('\t') && !f.contains(PIPES))
        .map(|f| f.matches('\t').count());
    let uniform_grid = match widths.next() {
        Some(w) => widths.all(|x| x == w),
        None => false,
    };
    // A line gives a cell or a few and a row end: room for most regions at once.
    let mut toks = Vec::with_capacity(range.len() * 2);
    let mut segments = Vec::new();
    for i in range {
        let (o, f) = (&orig[i], &folded[i]);
        let line = i + 1;
        if segments.is_empty() {
            if let Some(s) = dash_segments(f) {
                segments = s;
            }
        }
        match shape {
            Shape::CellPerLine { indented } => {
                cell_per_line(o, f, line, indented, vocab, &mut toks)
            }
            Shape::Grid => grid(o, f, line, vocab, &mut toks),
            Shape::Spaced => spaced(o, f, line, vocab, &mut toks),
        }
    }
    Layout {
        shape,
        toks,
        segments,
        uniform_grid,
    }
}

fn push(
    toks: &mut Vec<Tok>,
    kind: TokKind,
    text: &str,
    raw: &str,
    line: usize,
    (col, char_col): (usize, usize),
) {
    let glued = matches!(kind, TokKind::Value(_)) && leading_zero_run(text.trim());
    toks.push(Tok {
        kind,
        text: text.to_owned(),
        raw: raw.trim().to_owned(),
        line,
        col,
        width: display_width(text.trim()),
        char_col,
        field: None,
        // `0000000`, `023`: no cell is written with a leading zero, so these are the
        // digits of several cells printed together, whatever the shape.
        glued,
    });
}

/// Is `s` a run of two or more digits starting with `0`?
fn leading_zero_run(s: &str) -> bool {
    s.len() >= 2 && s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit())
}

/// The kind of a piece of glued digits: a value (its number matters only as a sign
/// that it is one; [`super::glued`] splits it into cells).
fn glued_kind(text: &str) -> TokKind {
    match value::parse(text) {
        v @ Value::Number(..) => TokKind::Value(v),
        _ => TokKind::Value(Value::Number(0.0, None)),
    }
}

/// Pushes one cell of a one-cell-per-line layout; a cell whose digits touch label
/// text (a PDF viewer's copy: `行政强制` on one line, `0-1418` on the next, or
/// `…数量801000081`) is cut into its pieces as in [`spaced`].
fn push_cell(toks: &mut Vec<Tok>, text: &str, raw: &str, line: usize, vocab: &Vocab) {
    // Most cells are a label without digits or a number alone, which are never cut
    // ([`glued_pieces`]): said without taking their chars apart.
    let bytes = text.as_bytes();
    let whole_number = !bytes.is_empty()
        && bytes.iter().all(u8::is_ascii_digit)
        && !(bytes.len() >= 2 && bytes[0] == b'0');
    if whole_number || !bytes.iter().any(u8::is_ascii_digit) {
        push(toks, classify(text, vocab), text, raw, line, (0, 0));
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let raw_chars: Vec<char> = raw.trim().chars().collect();
    let pieces = (!text.contains(char::is_whitespace) && raw_chars.len() == chars.len())
        .then(|| glued_pieces(&chars))
        .flatten();
    let Some(pieces) = pieces else {
        push(toks, classify(text, vocab), text, raw, line, (0, 0));
        return;
    };
    for (a, b, is_number) in pieces {
        let piece: String = chars[a..b].iter().collect();
        let raw_piece: String = raw_chars[a..b].iter().collect();
        let kind = if is_number {
            glued_kind(&piece)
        } else {
            classify(&piece, vocab)
        };
        push(toks, kind, &piece, &raw_piece, line, (0, a));
        if let Some(t) = toks.last_mut() {
            t.glued |= is_number;
        }
    }
}

fn display_offset(chars: &[char]) -> usize {
    chars.iter().copied().map(char_width).sum()
}

/// Cuts a word (folded chars, no whitespace) whose digits touch label text into its
/// pieces: `(start, end, is_number)` char ranges. `None` when the word is not glued:
/// it has no run of digits that follows text directly (`数量640020470`), runs into
/// the next label (`…023四、结转…`, `…21（二）部分公开`) or into its outline number
/// (`…00000002.其他法律…`, whose `2` is the label's). A number piece is its digits
/// with the decimal point, thousands commas, a leading sign (which also cuts: `35+156`
/// is 35 and +156) and a unit after it (`13575394432.52元`).
pub fn glued_pieces(chars: &[char]) -> Option<Vec<(usize, usize, bool)>> {
    if !chars.iter().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let ideograph = |i: usize| {
        chars
            .get(i)
            .copied()
            .is_some_and(crate::normalize::is_ideograph)
    };
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    let mut glued = false;
    let mut i = 0;
    let mut text_start = 0;
    while i < chars.len() {
        let signed = matches!(chars[i], '+' | '-') && digit(i + 1);
        if !(digit(i) || signed) {
            i += 1;
            continue;
        }
        // `35+156`: a sign right after digits starts the next cell.
        if signed && i > 0 && digit(i - 1) {
            glued = true;
        }
        let start = i;
        i += 1;
        while i < chars.len()
            && (digit(i) || (matches!(chars[i], '.' | ',') && digit(i + 1) && digit(i - 1)))
        {
            i += 1;
        }
        let mut end = i;
        // `…00000002.其他`: the last digit is the next row's outline number.
        if matches!(chars.get(end), Some('.' | '、')) && ideograph(end + 1) && digit(end - 1) {
            let number_start = end - 1;
            glued = true;
            if number_start == start || !digit(number_start - 1) {
                // Nothing but the outline number (`1.属于国家秘密`): text.
                continue;
            }
            end = number_start;
            i = number_start;
        } else {
            if let Some(unit) = value::UNITS.iter().find(|u| {
                let u: Vec<char> = u.chars().collect();
                chars[end..].starts_with(&u)
            }) {
                end += unit.chars().count();
            }
            i = end;
        }
        if start > text_start {
            let before = chars[start - 1];
            if !before.is_ascii_digit() && !matches!(before, '+' | '-' | '.' | ',') {
                glued = true;
            }
            pieces.push((text_start, start, false));
        }
        // `…023四、结转…`: digits running into the next label; `00`: no cell is
        // written with a leading zero, so this is two cells or more.
        if end < chars.len() || (chars[start] == '0' && digit(start + 1)) {
            glued = true;
        }
        pieces.push((start, end, true));
        text_start = end;
    }
    if text_start < chars.len() {
        pieces.push((text_start, chars.len(), false));
    }
    glued.then_some(pieces)
}

/// Column positions (char indices) read off header lines: the start of every word that
/// begins one of `labels` (`自然` of 自然人, `总` of 总计). Lynx and `pdftotext -layout`
/// put each header word exactly over its column, so when there are as many positions
/// as columns they say where a value belongs.
pub fn header_anchors(folded: &[String], labels: &[String]) -> Option<Vec<usize>> {
    let keys: Vec<String> = labels
        .iter()
        .map(|l| crate::normalize::compact(l))
        .collect();
    let mut xs = Vec::new();
    for line in folded {
        let mut start = None;
        for (i, c) in line.chars().chain(std::iter::once(' ')).enumerate() {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let word: String = line.chars().skip(s).take(i - s).collect();
                    let c = crate::normalize::compact(&word);
                    if !c.is_empty() && keys.iter().any(|k| k.starts_with(&c)) {
                        xs.push(s);
                    }
                    start = None;
                }
                _ => {}
            }
        }
    }
    xs.sort_unstable();
    xs.dedup();
    (xs.len() == labels.len()).then_some(xs)
}

/// Recognises the shape of a region from its lines.
pub fn detect_shape(folded: &[String], vocab: &Vocab) -> Shape {
    let mut piped = 0;
    let mut tab_cell = 0;
    let mut tab_grid = 0;
    let mut value_lines = 0;
    let mut lone_value_lines = 0;
    let mut lines = 0;
    for f in folded {
        if f.trim().is_empty() && !f.contains('\t') {
            continue;
        }
        lines += 1;
        if is_rule_line(f) {
            continue;
        }
        if f.chars().filter(|c| PIPES.contains(c)).count() >= 2 {
            piped += 1;
            continue;
        }
        let inner_tabs = f.trim_start_matches('\t').trim_end().matches('\t').count();
        if f.starts_with('\t') && inner_tabs == 0 {
            tab_cell += 1;
        } else if inner_tabs > 0 || f.trim_end().ends_with('\t') {
            tab_grid += 1;
        }
        // Whether the line holds a value, and whether it is its only word.
        let (mut words, mut has_value) = (0, false);
        for w in f.split_whitespace() {
            words += 1;
            has_value = has_value || matches!(classify(w, vocab), TokKind::Value(_));
        }
        if has_value {
            value_lines += 1;
            if words == 1 {
                lone_value_lines += 1;
            }
        }
    }
    // A pipe table of two rows (a header and table 4's one data row) is a grid too,
    // where pipes are most of what the region holds.
    if piped >= 3 || (piped == 2 && piped * 2 >= lines) {
        Shape::Grid
    } else if tab_cell + tab_grid >= 3
        || (tab_cell + tab_grid >= 1 && (tab_cell + tab_grid) * 2 >= lines)
    {
        if tab_cell > tab_grid {
            Shape::CellPerLine { indented: true }
        } else {
            Shape::Grid
        }
    } else if value_lines >= 3 && lone_value_lines * 10 >= value_lines * 9 {
        Shape::CellPerLine { indented: false }
    } else {
        Shape::Spaced
    }
}
