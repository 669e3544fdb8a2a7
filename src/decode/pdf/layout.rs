//! From characters on a page to lines of text that keep the table's columns.
//!
//! Characters are grouped into lines by their baselines and ordered left to right.
//! Within a line, a gap of about a character or a vertical ruling line between two
//! characters ends a cell; each cell is then placed at the column its x position gives
//! on a grid of half-ideograph steps, every character taking one column as in
//! `pdftotext -layout`, so the table reader finds each value at the character position
//! of its column header. Where a table has ruling lines, a cell's text starts one
//! column after the ruling line on its left: the header and the values of a column
//! then start at the same position whatever their alignment inside the cell.

use super::content::{PageContent, Rule};

/// A cell's text on a line: where it starts on the page, and its text.
struct Piece {
    x: f64,
    text: String,
    /// Its text started after a ruling line at this x.
    rule_x: Option<f64>,
    /// The chars of `text` (by index) the OCR was not sure of.
    doubts: Vec<usize>,
}

/// A page's box: left, bottom, right, top.
pub type PageBox = (f64, f64, f64, f64);

/// Turns a page whose text mostly runs sideways or upside down (a landscape table
/// printed onto a portrait page, rotated by the content rather than by `/Rotate`) so
/// that it reads left to right; the box is turned with it.
pub fn upright(page: &mut PageContent, pbox: &mut PageBox) {
    // Votes per direction: right, up, left, down.
    let mut votes = [0usize; 4];
    for c in &page.chars {
        let (dx, dy) = c.dir;
        let i = if dx.abs() >= dy.abs() {
            if dx >= 0.0 {
                0
            } else {
                2
            }
        } else if dy > 0.0 {
            1
        } else {
            3
        };
        votes[i] += 1;
    }
    let dominant = (0..4)
        .max_by_key(|&i| (votes[i], usize::from(i == 0)))
        .unwrap_or(0);
    // Each turn maps the dominant direction onto (1, 0).
    let turn = |(x, y): (f64, f64)| -> (f64, f64) {
        match dominant {
            1 => (y, -x),
            2 => (-x, -y),
            3 => (-y, x),
            _ => (x, y),
        }
    };
    if dominant == 0 {
        return;
    }
    for c in &mut page.chars {
        (c.x, c.y) = turn((c.x, c.y));
        c.dir = turn(c.dir);
    }
    for r in &mut page.rules {
        let (a, b) = (turn((r.x0, r.y0)), turn((r.x1, r.y1)));
        *r = Rule {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        };
    }
    let (a, b) = (turn((pbox.0, pbox.1)), turn((pbox.2, pbox.3)));
    *pbox = (a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1));
}

/// Appends the text of one page to `out`. The page's box tells running page numbers
/// (near its top or bottom edge) and text off the page. `doubtful`, when given, gets
/// the 0-based line of `out` and the char index in it of each character the OCR was
/// not sure of.
pub fn page_text(
    page: &PageContent,
    pbox: PageBox,
    out: &mut String,
    mut doubtful: Option<&mut Vec<(usize, usize)>>,
) {
    let (top, bottom) = (pbox.3, pbox.1);
    // Text off the page is not shown (and a damaged file's absurd coordinates must not
    // become millions of spaces).
    let height = (top - bottom).abs().max(1.0);
    let width = (pbox.2 - pbox.0).abs().max(1.0);
    let on_page = |c: &&super::content::Char| {
        c.size.is_finite()
            && c.size > 0.5
            && c.size < height
            && (pbox.0 - 0.5 * width..pbox.2 + 0.5 * width).contains(&c.x)
            && (bottom - 0.1 * height..top + 0.1 * height).contains(&c.y)
    };
    let mut chars: Vec<&super::content::Char> = page.chars.iter().filter(on_page).collect();
    if chars.is_empty() {
        return;
    }
    // The grid unit: half the size of the smaller text on the page, so that even a
    // table set smaller than the body never runs into the next column.
    let mut sizes: Vec<f64> = chars.iter().map(|c| c.size).collect();
    sizes.sort_by(f64::total_cmp);
    let unit = (sizes[sizes.len() / 10] / 2.0).max(1.0);
    // Columns count from the page's left edge, so that a table continued on the next
    // page keeps its columns even when that page's text starts further in.
    let left = pbox
        .0
        .min(chars.iter().map(|c| c.x).fold(f64::MAX, f64::min));
    let verticals: Vec<&Rule> = page.rules.iter().filter(|r| r.x0 == r.x1).collect();

    // Lines: baselines within a third of the font size.
    chars.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&super::content::Char>> = Vec::new();
    for c in chars {
        match lines.last_mut() {
            Some(line) if (line[0].y - c.y).abs() <= 0.35 * line[0].size.max(c.size) => {
                line.push(c)
            }
            _ => lines.push(vec![c]),
        }
    }
    // Baselines of the lines, to tell a running page number (set apart from the text)
    // from a value that happens to stand alone near the page's edge.
    let baselines: Vec<f64> = lines.iter().map(|l| l[0].y).collect();
    let n_lines = lines.len();
    for (index, mut line) in lines.into_iter().enumerate() {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let y = line[0].y;
        let size = line.iter().map(|c| c.size).fold(0.0, f64::max);
        // The vertical rules this line crosses.
        let crossing: Vec<f64> = verticals
            .iter()
            .filter(|r| r.y0 - 1.0 <= y + size * 0.3 && y + size * 0.3 <= r.y1 + 1.0)
            .map(|r| r.x0)
            .collect();
        let rule_between = |a: f64, b: f64| crossing.iter().any(|&x| a - 1.0 <= x && x <= b + 1.0);
        let mut pieces: Vec<Piece> = Vec::new();
        let mut prev_end = f64::MIN;
        let mut last: Option<&super::content::Char> = None;
        for c in &line {
            // "Fake bold": the same text drawn again a fraction of a point away.
            if last.is_some_and(|l| {
                l.text == c.text
                    && (c.x - l.x).abs() < 0.25 * c.size
                    && (c.y - l.y).abs() < 0.25 * c.size
            }) {
                continue;
            }
            last = Some(c);
            let gap = c.x - prev_end;
            let starts_cell = pieces.is_empty()
                || gap > 0.9 * c.size
                || rule_between(prev_end - c.size * 0.1, c.x + c.size * 0.1);
            if starts_cell {
                let rule_x = crossing
                    .iter()
                    .copied()
                    .filter(|&x| x <= c.x + 1.0)
                    .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
                pieces.push(Piece {
                    x: c.x,
                    text: String::new(),
                    doubts: Vec::new(),
                    rule_x,
                });
            } else if gap > 0.15 * c.size && !pieces.last().is_some_and(|p| p.text.ends_with(' ')) {
                if let Some(p) = pieces.last_mut() {
                    p.text.push(' ');
                }
            }
            if let Some(p) = pieces.last_mut() {
                if c.doubt {
                    let at = p.text.chars().count();
                    p.doubts.extend(at..at + c.text.chars().count());
                }
                p.text.push_str(&c.text);
            }
            prev_end = prev_end.max(c.x + c.width);
        }
        let text_only: String = pieces.iter().map(|p| p.text.as_str()).collect();
        // A running page number: alone on the first or last line of the page, near
        // its edge, outside any ruled table, and set apart from the next line.
        let apart = |other: Option<&f64>| other.is_none_or(|o| (o - y).abs() > 2.0 * size);
        let page_number = pieces.len() == 1
            && pieces[0].rule_x.is_none()
            && ((index == 0 && (top - y) < 0.07 * height && apart(baselines.get(1)))
                || (index + 1 == n_lines
                    && (y - bottom) < 0.1 * height
                    && apart(index.checked_sub(1).and_then(|i| baselines.get(i)))))
            && is_page_number(&text_only);
        if page_number {
            continue;
        }
        let mut col = 0usize;
        let mut line_out = String::new();
        for (i, p) in pieces.iter().enumerate() {
            let target = match p.rule_x {
                Some(rx) => ((rx - left) / unit).round().max(0.0) as usize + 1,
                None => ((p.x - left) / unit).round().max(0.0) as usize,
            };
            // Text cells need two spaces between them (one space joins words); a
            // number is a cell of its own after one space, which keeps a number that
            // fills a narrow column from pushing the next one out of its column.
            let numeric = |t: &str| t.starts_with(|c: char| c.is_ascii_digit());
            let sep = if i > 0 && (numeric(&p.text) || numeric(&pieces[i - 1].text)) {
                1
            } else {
                2
            };
            let min = if i == 0 { 0 } else { col + sep };
            // A line is never wider than the page allows (cells may overflow a little).
            let start = target.max(min).min(col + 400);
            if let Some(d) = doubtful.as_deref_mut() {
                if !p.doubts.is_empty() {
                    let line_no = out.matches('\n').count();
                    d.extend(p.doubts.iter().map(|k| (line_no, start + k)));
                }
            }
            line_out.extend(std::iter::repeat_n(' ', start - col));
            line_out.push_str(&p.text);
            // Every character takes one column, wide or not, as in `pdftotext -layout`:
            // the table reader aligns header words and values by character position.
            col = start + p.text.chars().count();
        }
        out.push_str(line_out.trim_end());
        out.push('\n');
    }
}

/// A running page number: `3`, `- 3 -`, `— 3 —`, `第3页`, `3/12`, `第 3 页 共 12 页`.
fn is_page_number(text: &str) -> bool {
    let core = text
        .trim()
        .trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '－') || c.is_whitespace());
    // Digits apart (`3 0 0`) are values, not a page number.
    if core.chars().any(char::is_whitespace) && !core.contains('页') {
        return false;
    }
    let t: String = core.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.as_str();
    let digits_only =
        |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits_only(a) && digits_only(b);
    }
    let stripped: String = core
        .chars()
        .filter(|c| !matches!(c, '第' | '页' | '共'))
        .collect();
    core.contains('页') && stripped.chars().all(|c| c.is_ascii_digit()) && !stripped.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 12 页", "3/12"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["12345", "3 0 0", "第三页", "规章 3", "- 3 0 -"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
