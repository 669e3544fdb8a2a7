//! HTML input: a report saved from the government site, exported by Word or WPS, or a
//! CMS editor's content.
//!
//! The page is turned into text much like a browser's copy — paragraphs and headings on
//! lines of their own, a data table's cells separated by tabs, one table row per line —
//! and that text goes through the same pipeline as pasted text. Unlike a browser's
//! copy, a table is laid out on its grid: a cell spanning columns (`colspan`) is
//! followed by empty fields, a column covered by a cell from a row above (`rowspan`)
//! gets an empty field, and every row is as wide as the table, so each field stands in
//! the grid column it is shown in and the table reader can match values to the headers
//! above them ([`crate::tables::rows::header_fields`]).
//!
//! Nothing in the page runs or loads: scripts and styles are dropped, and of all
//! attributes only a cell's `colspan` and `rowspan` numbers are read. Tables that only
//! lay out the page (a cell holding another table) are read as blocks, so the report
//! inside a CMS's layout table is found.

mod article;
mod entities;
mod grid;
mod sniff;
#[cfg(test)]
mod tests;
mod text;
mod tree;

pub use entities::decode_entities;
pub use sniff::{declared_charset, looks_like_html, too_many_tags, MAX_TAGS};

use grid::Grid;
use sniff::find_ignoring_case;
use text::{emit, Lines};
use tree::parse;

/// The page's `<title>`, if it names a report: a saved page's title is often the
/// report's, with the site's name after a separator (`… - 平潭综合实验区`), which is
/// dropped.
pub fn page_title(html: &str) -> Option<String> {
    let lower_start = find_ignoring_case(html.as_bytes(), b"<title")?;
    let open_end = lower_start + html[lower_start..].find('>')? + 1;
    let close = open_end + find_ignoring_case(&html.as_bytes()[open_end..], b"</title")?;
    let title = decode_entities(html.get(open_end..close)?);
    let part = title
        .split(['|', '_', '-', '—', '–'])
        .map(str::trim)
        .find(|p| p.contains("报告") || p.contains("年报"))?;
    (part.chars().count() <= 80).then(|| part.to_owned())
}

/// The text of an HTML page as a browser's copy would give it. A page saved whole from
/// a site is read as the article inside it ([`article`]); when the text read has no
/// title before the report starts, the page's `<title>` (when it names a report) or else
/// the nearest line above the article that does is put first, so that the title and
/// agency come from the report, not from the site around it.
///
/// `section_words` are words of the section titles (the template data's
/// `cues.section_words`): the article is the element whose headings have them.
pub fn to_text(html: &str, section_words: &[String]) -> String {
    to_text_with_rows(html, section_words).0
}

/// [`to_text`], and where each table row went: for the n-th `<tr>` of the page in
/// document order, the line (1-based) its cells were written on, or 0 when it wrote
/// none of its own (a layout row, or a row outside the article). With it a page can
/// find the row of its own table that a cell of the report was read from.
pub fn to_text_with_rows(html: &str, section_words: &[String]) -> (String, Vec<u32>) {
    let tree = parse(html);
    let mut out = Lines {
        mark: article::locate(&tree, section_words),
        ..Lines::default()
    };
    emit(&tree, &mut out, &mut Grid::default());
    out.newline();
    let range = out.marked.clone().unwrap_or(0..out.lines.len());
    let (lines, above) = (&out.lines[range.clone()], &out.lines[..range.start]);
    let text = lines.join("\n");
    let title = if has_title_before_overview(&text) {
        None
    } else {
        page_title(html).or_else(|| {
            above
                .iter()
                .rev()
                .find(|l| names_report(l))
                .map(|l| l.trim().to_owned())
        })
    };
    // Line numbers in the text returned: the article's first line is line 1, after
    // the title when one is put first.
    let first = 1 + usize::from(title.is_some());
    let mut rows = vec![0u32; out.rows_seen];
    for &(row, index) in &out.row_lines {
        if range.contains(&index) {
            rows[row] = u32::try_from(index - range.start + first).unwrap_or(0);
        }
    }
    let text = match title {
        Some(title) => format!("{title}\n{text}"),
        None => text,
    };
    (text, rows)
}

/// Does `text` name its report before `一、总体情况` (or at all, when it has no such
/// heading)?
fn has_title_before_overview(text: &str) -> bool {
    let head = text.find("总体情况").map_or(text, |i| &text[..i]);
    head.lines().any(names_report)
}

/// Is `line` a short line naming an annual report (a title, not a sentence)?
fn names_report(line: &str) -> bool {
    let c = crate::normalize::compact(line);
    (c.contains("年度报告") || c.contains("年报")) && line.chars().count() <= 60
}
