//! From the OCR's text boxes to lines of text that keep the table's columns: the
//! boxes' characters are laid out by the PDF reader's own layout
//! ([`crate::decode::pdf::page_text`]), as if they were a text layer's characters, so
//! that a scan's tables reach the table reader as a PDF's do.

use super::ocr::{Glyph, TextLine};
use crate::decode::pdf::{page_text, Char, PageContent};

/// Letters a recogniser reads for a digit in a box of digits (`o` for `0`).
fn digit_for(c: &str) -> Option<&'static str> {
    Some(match c {
        "o" | "O" | "〇" => "0",
        "l" | "I" | "|" => "1",
        _ => return None,
    })
}

fn is_digit(s: &str) -> bool {
    s.len() == 1 && s.as_bytes()[0].is_ascii_digit()
}

/// Is the model not sure of the digit `digit` it read as `g`: is another digit nearly as
/// likely, or did it give the digit (with the letter that stands for it, `o` for 0)
/// less than even odds? (A letter that means the same digit is no doubt: only digits
/// stand in a table's cells.)
fn doubtful(g: &Glyph, digit: &str) -> bool {
    fn means(s: &str) -> Option<&str> {
        if is_digit(s) {
            Some(s)
        } else {
            digit_for(s)
        }
    }
    let (alt, alt_p) = match &g.alt {
        Some((alt, p)) => (means(alt), *p),
        None => (None, 0.0),
    };
    let same = alt == Some(digit);
    (alt.is_some() && !same && alt_p > 0.1) || g.p + if same { alt_p } else { 0.0 } < 0.5
}

/// The characters of a box as the layout takes them, in page space (y up, `height`
/// the page's), each marked when the OCR was not sure of it.
fn chars_of(line: &TextLine, row_y: f32, height: f32) -> Vec<Char> {
    let b = line.bounds;
    let size = f64::from((b.y1 - b.y0) * 0.6);
    let y = f64::from(height - row_y);
    // A box of digits (letters read for digits allowed; a box of its own holding
    // only `o` is a zero): a number.
    let numeric = line.glyphs.iter().all(|g| {
        is_digit(&g.text)
            || digit_for(&g.text).is_some()
            || matches!(g.text.as_str(), "," | "." | "-")
    }) && line
        .glyphs
        .iter()
        .any(|g| is_digit(&g.text) || digit_for(&g.text).is_some());
    let glyphs = &line.glyphs;
    // A box is one run of text: each character reaches half-way to its neighbours, so
    // that the layout sees no gap inside a box (a recognised space is a space).
    let edge = |i: usize| -> f32 {
        match i {
            0 => b.x0,
            i if i == glyphs.len() => b.x1,
            i => (glyphs[i - 1].x + glyphs[i].x) / 2.0,
        }
    };
    glyphs
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let mapped = numeric.then(|| digit_for(&g.text)).flatten();
            let text = mapped.map_or_else(|| g.text.clone(), str::to_owned);
            let (left, right) = (edge(i), edge(i + 1));
            Char {
                x: f64::from(left),
                y,
                width: f64::from((right - left).max(1.0)),
                size,
                dir: (1.0, 0.0),
                doubt: is_digit(&text) && doubtful(g, &text),
                text,
            }
        })
        .collect()
}

/// The vertical centre of the row each box is on. Boxes of one table row differ in
/// height (a `0` is shorter than a label), so their centres differ by a few pixels;
/// each box takes the mean centre of the boxes within half a box height of it, taken
/// top to bottom, and the layout sees one baseline a row.
fn row_centres(lines: &[TextLine]) -> Vec<f32> {
    let mut heights: Vec<f32> = lines.iter().map(|l| l.bounds.y1 - l.bounds.y0).collect();
    heights.sort_by(f32::total_cmp);
    let Some(&median) = heights.get(heights.len() / 2) else {
        return Vec::new();
    };
    let tolerance = 0.45 * median;
    let centre = |l: &TextLine| (l.bounds.y0 + l.bounds.y1) / 2.0;
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| centre(&lines[a]).total_cmp(&centre(&lines[b])));
    let mut out = vec![0.0; lines.len()];
    let mut row: Vec<usize> = Vec::new();
    let mut sum = 0.0;
    let mut close = |row: &mut Vec<usize>, sum: &mut f32| {
        let mean = *sum / row.len().max(1) as f32;
        for &i in row.iter() {
            out[i] = mean;
        }
        row.clear();
        *sum = 0.0;
    };
    for i in order {
        let c = centre(&lines[i]);
        if !row.is_empty() && (c - sum / row.len() as f32).abs() > tolerance {
            close(&mut row, &mut sum);
        }
        row.push(i);
        sum += c;
    }
    close(&mut row, &mut sum);
    out
}

/// Appends a page's text to `out`, its boxes laid out in lines and columns; pushes
/// where each digit the OCR was not sure of is (the 0-based line of `out`, the char
/// index in it) to `doubtful`.
pub fn layout(
    lines: &[TextLine],
    width: usize,
    height: usize,
    out: &mut String,
    doubtful: &mut Vec<(usize, usize)>,
) {
    let h = height as f32;
    let rows = row_centres(lines);
    let content = PageContent {
        chars: lines
            .iter()
            .zip(rows)
            .flat_map(|(l, y)| chars_of(l, y, h))
            .collect(),
        rules: Vec::new(),
    };
    page_text(
        &content,
        (0.0, 0.0, width as f64, height as f64),
        out,
        Some(doubtful),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::scan::ocr::TextBox;

    fn glyphs(text: &str, x0: f32, p: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x0 + 10.0 + 20.0 * i as f32,
                p,
                alt: None,
            })
            .collect()
    }

    fn line(text: &str, x0: f32, y0: f32, p: f32) -> TextLine {
        TextLine {
            bounds: TextBox {
                x0,
                y0,
                x1: x0 + 20.0 * text.chars().count() as f32,
                y1: y0 + 30.0,
            },
            glyphs: glyphs(text, x0, p),
        }
    }

    #[test]
    fn boxes_on_a_row_are_one_line_in_columns() {
        let mut boxes = [
            line("本年新收", 100.0, 100.0, 0.99),
            line("1o", 600.0, 102.0, 0.4),
            line("3o", 800.0, 99.0, 0.8),
            line("总计", 100.0, 200.0, 0.99),
        ];
        // `o` or `0`, it is 0: no doubt. A 6 nearly as likely as the `o`: doubt.
        boxes[1].glyphs[1].alt = Some(("0".to_owned(), 0.3));
        boxes[1].glyphs[0].p = 0.99;
        boxes[2].glyphs[1].alt = Some(("6".to_owned(), 0.15));
        let (mut out, mut doubtful) = (String::new(), Vec::new());
        layout(&boxes, 1000, 1400, &mut out, &mut doubtful);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        let cells: Vec<&str> = lines[0].split_whitespace().collect();
        // `3o` in a box of digits is 30.
        assert_eq!(cells, ["本年新收", "10", "30"]);
        // The `o` read for 0 is doubtful, and only it: the line's last char.
        let at = lines[0].chars().count() - 1;
        assert_eq!(doubtful, [(0, at)]);
        assert_eq!(lines[1].trim(), "总计");
    }
}
