//! The tree written out as a browser's copy gives it: blocks on lines of their own, a
//! data row's cells on one line, separated by tabs.

use super::grid::{cells, contains_table, Grid};
use super::tree::{Node, Span, BLOCK};

/// Lines of text being written out.
#[derive(Default)]
pub(super) struct Lines {
    pub(super) lines: Vec<String>,
    pub(super) cur: String,
    /// The element whose lines are noted in `marked` (the article; compared by
    /// address, never dereferenced).
    pub(super) mark: Option<*const Node>,
    /// The lines the marked element filled.
    pub(super) marked: Option<std::ops::Range<usize>>,
    /// The last table, when its row spans reach past its end (a table cut in two by a
    /// page break), with the number of lines written when it ended.
    pub(super) cut_table: Option<(Grid, usize)>,
    /// `<tr>` elements met so far, in document order.
    pub(super) rows_seen: usize,
    /// Each data row's ordinal among the `<tr>` elements, and the index of its line.
    pub(super) row_lines: Vec<(usize, usize)>,
}

impl Lines {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
            }
        }
    }

    pub(super) fn newline(&mut self) {
        let line = self.cur.trim().to_owned();
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.cur.clear();
    }
}

pub(super) fn emit(nodes: &[Node], out: &mut Lines, grid: &mut Grid) {
    for n in nodes {
        if out.mark.is_some_and(|m| std::ptr::eq(m, n)) {
            // The article: note the lines it fills.
            out.newline();
            let start = out.lines.len();
            out.mark = None;
            emit(std::slice::from_ref(n), out, grid);
            out.newline();
            out.marked = Some(start..out.lines.len());
            continue;
        }
        match n {
            Node::Text(t) => out.text(t),
            Node::Element { tag, children, .. } => match tag.as_str() {
                "br" => out.newline(),
                "table" => {
                    // Each table has its own grid — except the rest of a table that a
                    // page break cut in two: a table right after one whose row spans
                    // reach past its end (nothing but empty lines between) continues
                    // its grid, so its rows take the columns the spans cover.
                    out.newline();
                    let mut table = match out.cut_table.take() {
                        Some((grid, lines)) if lines == out.lines.len() => grid,
                        _ => Grid::default(),
                    };
                    emit(children, out, &mut table);
                    table.widen(&mut out.lines);
                    out.newline();
                    if table.covered.iter().any(|&n| n > 0) {
                        out.cut_table = Some((table, out.lines.len()));
                    }
                }
                "tr" if !contains_table(children) => {
                    out.rows_seen += 1;
                    out.newline();
                    let row: Vec<(String, Span)> = cells(children)
                        .into_iter()
                        .map(|(cell, span)| {
                            let mut inner = Lines::default();
                            emit(cell, &mut inner, &mut Grid::default());
                            inner.newline();
                            (inner.lines.join(" ").replace('\t', " "), span)
                        })
                        .collect();
                    let fields = grid.row(row);
                    out.lines.push(fields.join("\t"));
                    grid.lines.push(out.lines.len() - 1);
                    out.row_lines.push((out.rows_seen - 1, out.lines.len() - 1));
                }
                "tr" | "td" | "th" => {
                    // A layout row: its cells hold blocks, not values.
                    out.rows_seen += usize::from(tag == "tr");
                    out.newline();
                    emit(children, out, grid);
                    out.newline();
                }
                t if BLOCK.contains(&t) => {
                    out.newline();
                    emit(children, out, grid);
                    out.newline();
                }
                _ => emit(children, out, grid),
            },
        }
    }
}
