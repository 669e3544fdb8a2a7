//! A batch as an Excel workbook, for the reviewer's spreadsheet (`nianbao summary
//! --format xlsx`): a sheet 汇总 with one row per report, then a sheet per report with
//! its three tables in the template's own layout — header cells merged as printed,
//! numbers as numbers, each faulty cell filled in its worst finding's colour with the
//! messages as a cell note — and its findings below them. Written with rust_xlsxwriter
//! into bytes (no file is touched here); native builds only, so the page does not carry it.

use crate::model::{CellState, Report, Severity};
use crate::report::marks::CellMarks;
use crate::report::summary::SummaryRow;
use crate::template::{CellKey, Span, TableId};
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};
use std::borrow::Cow;
use std::collections::HashSet;

/// The fill of a cell whose worst finding has this severity (the page's colours).
fn fill(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::RGB(0xFDE7E6),
        Severity::Warning => Color::RGB(0xFFF4D6),
        Severity::Info => Color::RGB(0xE6F0FB),
    }
}

/// The most UTF-16 units Excel keeps in a cell.
const CELL_MAX: usize = 32_767;
/// The most a note may hold (rust_xlsxwriter keeps 54 units of a note for itself).
const NOTE_MAX: usize = CELL_MAX - 54;

/// Excel refuses, or calls the file damaged for, what XML 1.0 cannot hold: U+FFFE,
/// U+FFFF and the other noncharacters. (Control characters rust_xlsxwriter escapes.)
fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

/// Report text as a cell or note holds it: noncharacters dropped, and cut (saying so)
/// where it is longer than `max` UTF-16 units, so that one long text (a sentence of
/// 40,000 characters quoted by a finding) never costs the whole workbook.
fn text(s: &str, max: usize) -> Cow<'_, str> {
    const CUT: &str = "……（过长，已截断）";
    let clean = if s.chars().any(is_noncharacter) {
        Cow::Owned(s.chars().filter(|&c| !is_noncharacter(c)).collect())
    } else {
        Cow::Borrowed(s)
    };
    if clean.encode_utf16().count() <= max {
        return clean;
    }
    let room = max - CUT.encode_utf16().count();
    let mut units = 0;
    let mut out: String = clean
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= room
        })
        .collect();
    out.push_str(CUT);
    Cow::Owned(out)
}

/// Sheet names Excel keeps for itself (in any letter case).
const RESERVED_SHEET_NAMES: [&str; 2] = ["history", "汇总"];

/// A sheet's name: at most 31 UTF-16 units, none of `[]:*?/\'`, no control character
/// or noncharacter, not reserved, and unique in the workbook as Excel compares names
/// (without regard to letter case).
fn sheet_name(file: &str, taken: &mut HashSet<String>) -> String {
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = stem.rsplit_once('.').map_or(stem, |(s, _)| s);
    let clean = |max_units: usize| -> String {
        let mut units = 0;
        stem.chars()
            .filter(|&c| !"[]:*?/\\'".contains(c) && !c.is_control() && !is_noncharacter(c))
            .take_while(|c| {
                units += c.len_utf16();
                units <= max_units
            })
            .collect::<String>()
            .trim()
            .to_owned()
    };
    let base = Some(clean(28)).filter(|b| !b.is_empty());
    let base = base.unwrap_or_else(|| "报告".to_owned());
    let free = |name: &str, taken: &HashSet<String>| {
        let folded = name.to_lowercase();
        !taken.contains(&folded) && !RESERVED_SHEET_NAMES.contains(&folded.as_str())
    };
    let mut name = base.clone();
    let mut n = 2;
    while !free(&name, taken) {
        let suffix = format!("~{n}");
        let short = Some(clean(31 - suffix.len())).filter(|b| !b.is_empty());
        name = format!("{}{suffix}", short.unwrap_or_else(|| "报告".to_owned()));
        n += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

/// The workbook of `rows` (the 汇总 sheet) and `reports` (a sheet each, named after
/// its file), as the bytes of an .xlsx file.
pub fn workbook(rows: &[SummaryRow], reports: &[(&str, &Report)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = BatchWorkbook::new(rows)?;
    for (file, report) in reports {
        book.add(file, report)?;
    }
    book.finish()
}

/// A batch's workbook written a report at a time ([`workbook`] all at once): the
/// command line adds each report's sheet as it reads the report again, so that it
/// never holds every report of a batch.
pub struct BatchWorkbook {
    book: Workbook,
    taken: HashSet<String>,
}

impl BatchWorkbook {
    /// A workbook whose first sheet, 汇总, has `rows`.
    pub fn new(rows: &[SummaryRow]) -> Result<BatchWorkbook, XlsxError> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let summary = book.add_worksheet().set_name("汇总")?;
        for (c, h) in SummaryRow::HEADINGS.iter().enumerate() {
            summary.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, field) in row.fields().iter().enumerate() {
                let c = c as u16;
                // Year and counts as numbers.
                match field.parse::<f64>() {
                    Ok(n) if matches!(c, 2 | 6 | 7 | 8) => summary.write_number(r, c, n)?,
                    _ => summary.write_string(r, c, text(field, CELL_MAX))?,
                };
            }
        }
        summary.set_column_width(0, 40)?;
        summary.set_column_width(1, 28)?;
        summary.set_column_width(9, 48)?;
        Ok(BatchWorkbook {
            book,
            taken: HashSet::new(),
        })
    }

    /// Adds `report`'s sheet, named after its `file`.
    pub fn add(&mut self, file: &str, report: &Report) -> Result<(), XlsxError> {
        let sheet = self
            .book
            .add_worksheet()
            .set_name(sheet_name(file, &mut self.taken))?;
        report_sheet(sheet, file, report)
    }

    /// The bytes of the .xlsx file.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        self.book.save_to_buffer()
    }
}

/// One report as a workbook (the page's 导出 Excel of the shown report): the sheet
/// 统计表 with its three tables in the template's layout, and the sheet 问题清单 with
/// its findings.
pub fn report_workbook(file: &str, report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    tables_on(book.add_worksheet().set_name("统计表")?, file, report)?;
    let findings = book.add_worksheet().set_name("问题清单")?;
    findings.set_column_width(1, 28)?;
    findings.set_column_width(2, 80)?;
    findings_on(findings, 0, report)?;
    book.save_to_buffer()
}

/// One report's sheet in a batch: its title, its three tables, its findings.
fn report_sheet(sheet: &mut Worksheet, file: &str, report: &Report) -> Result<(), XlsxError> {
    let row = tables_on(sheet, file, report)?;
    findings_on(sheet, row, report)
}

/// Writes the report's title and its three tables; returns the first row after them.
fn tables_on(sheet: &mut Worksheet, file: &str, report: &Report) -> Result<u32, XlsxError> {
    let bold = Format::new().set_bold();
    let cell = Format::new().set_border(FormatBorder::Thin);
    let head = cell
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let title = report.meta.title.clone().unwrap_or_else(|| file.to_owned());
    sheet.write_string_with_format(0, 0, text(&title, CELL_MAX), &bold)?;
    sheet.set_column_width(0, 24)?;
    sheet.set_column_width(1, 24)?;
    let marks = CellMarks::of(report);
    let mut row = 2u32;
    if let Some(template) = report.template() {
        for table in TableId::ALL {
            let layout = template.layout(table);
            sheet.write_string_with_format(row, 0, &layout.title, &bold)?;
            row += 1;
            let mut grid = Grid::default();
            for block in &layout.blocks {
                if let Some(caption) = block.caption {
                    sheet.write_string_with_format(row, 0, caption, &bold)?;
                    row += 1;
                }
                for spans in &block.header {
                    grid.place(sheet, row, spans, &head)?;
                    row += 1;
                }
                for (labels, keys) in &block.body {
                    let first_value = grid.place(sheet, row, labels, &cell)?;
                    for (i, key) in keys.iter().enumerate() {
                        let col = (first_value + i) as u16;
                        value_cell(sheet, row, col, report, key, &marks, &cell)?;
                    }
                    row += 1;
                }
            }
            row += 1;
        }
    } else {
        sheet.write_string(row, 0, "未能识别报告使用的表格格式，没有重建统计表。")?;
        row += 2;
    }
    Ok(row)
}

/// Writes the findings from sheet row `row`: a heading, then one row each.
fn findings_on(sheet: &mut Worksheet, mut row: u32, report: &Report) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(row, 0, "发现的问题", &bold)?;
    row += 1;
    for (c, h) in ["级别", "规则", "说明", "行号", "单元格"]
        .iter()
        .enumerate()
    {
        sheet.write_string_with_format(row, c as u16, *h, &bold)?;
    }
    for f in &report.findings {
        row += 1;
        sheet.write_string(row, 0, f.severity.label_zh())?;
        sheet.write_string(row, 1, f.rule.as_str())?;
        sheet.write_string(row, 2, text(&f.message, CELL_MAX))?;
        if let Some(line) = f.line {
            sheet.write_number(row, 3, line.get() as f64)?;
        }
        sheet.write_string(row, 4, f.cells.join(" "))?;
    }
    Ok(())
}

/// A table cell: the number as a number (as written when it is not one), filled and
/// noted when a finding is on it.
fn value_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    report: &Report,
    key: &CellKey,
    marks: &CellMarks,
    base: &Format,
) -> Result<(), XlsxError> {
    let format = match marks.worst(key.as_str()) {
        Some(severity) => base.clone().set_background_color(fill(severity)),
        None => base.clone(),
    };
    match report.cells.get(key) {
        Some(c) if c.state == CellState::Number && c.value.is_some() => {
            let value = c.value.map_or(0.0, |v| v.0);
            sheet.write_number_with_format(row, col, value, &format)?;
        }
        Some(c) => {
            sheet.write_string_with_format(row, col, text(&c.raw, CELL_MAX), &format)?;
        }
        None => {
            sheet.write_string_with_format(row, col, "缺", &format)?;
        }
    }
    let messages = marks.messages(key.as_str());
    if !messages.is_empty() {
        let messages: Vec<&str> = messages.iter().map(|(_, m)| m.as_str()).collect();
        let joined = messages.join("\n");
        let note = text(&joined, NOTE_MAX);
        sheet.insert_note(row, col, &Note::new(note).set_author("年报体检"))?;
    }
    Ok(())
}

/// Which cells of a table's rows are taken by cells spanning from rows above, so that
/// each span is placed in the first free column, as a browser lays out a table.
#[derive(Default)]
struct Grid {
    taken: HashSet<(u32, usize)>,
}

impl Grid {
    /// Writes `spans` on sheet row `row`, merging the spanning ones; returns the first
    /// free column after them.
    fn place(
        &mut self,
        sheet: &mut Worksheet,
        row: u32,
        spans: &[Span],
        format: &Format,
    ) -> Result<usize, XlsxError> {
        let mut col = 0;
        for span in spans {
            while self.taken.contains(&(row, col)) {
                col += 1;
            }
            let (rows, cols) = (span.rowspan.max(1) as u32, span.colspan.max(1));
            for r in row..row + rows {
                for c in col..col + cols {
                    self.taken.insert((r, c));
                }
            }
            if rows > 1 || cols > 1 {
                sheet.merge_range(
                    row,
                    col as u16,
                    row + rows - 1,
                    (col + cols - 1) as u16,
                    &text(&span.text, CELL_MAX),
                    format,
                )?;
            } else {
                sheet.write_string_with_format(
                    row,
                    col as u16,
                    text(&span.text, CELL_MAX),
                    format,
                )?;
            }
            col += cols;
        }
        while self.taken.contains(&(row, col)) {
            col += 1;
        }
        Ok(col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts_and_distinct_as_it_compares() {
        let mut taken = HashSet::new();
        let names: Vec<String> = [
            "a/Report.txt",
            "b/report.txt",
            "History.txt",
            &"𠀀".repeat(20),
            "控制\u{1}字符\u{FFFE}\u{FFFF}.txt",
            "汇总.txt",
            "[]:*?'.txt",
        ]
        .iter()
        .map(|f| sheet_name(f, &mut taken))
        .collect();
        assert_eq!(names[0], "Report");
        assert_eq!(names[1], "report~2");
        assert_eq!(names[2], "History~2");
        assert_eq!(names[4], "控制字符");
        assert_eq!(names[5], "汇总~2");
        assert_eq!(names[6], "报告");
        let mut folded: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), names.len(), "{names:?}");
        for n in &names {
            assert!(n.encode_utf16().count() <= 31, "{n}");
        }
    }

    #[test]
    fn long_texts_are_cut_to_what_a_cell_holds_and_say_so() {
        let long = "长".repeat(40_000);
        let cut = text(&long, CELL_MAX);
        assert_eq!(cut.encode_utf16().count(), CELL_MAX);
        assert!(cut.ends_with("（过长，已截断）"));
        // Characters outside the BMP count two units each, as Excel counts them.
        let astral = "𠀀".repeat(20_000);
        assert!(text(&astral, CELL_MAX).encode_utf16().count() <= CELL_MAX);
        assert_eq!(text("甲\u{FFFE}乙\u{FDD0}", CELL_MAX), "甲乙");
        assert!(matches!(text("平常的文字", CELL_MAX), Cow::Borrowed(_)));
    }

    #[test]
    fn a_batch_of_hostile_names_and_texts_makes_a_workbook() {
        let sample = include_str!("../../tests/fixtures/corpus/003_12bbc16d07ceb1d3.txt");
        let long_line = format!("{}\n{sample}", "长".repeat(40_000));
        let reports: Vec<(String, Report)> = [
            ("Report.txt", sample.to_owned()),
            ("report.txt", sample.to_owned()),
            ("控制\u{1}\u{FFFE}.txt", long_line),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_owned(), crate::check_text(&t, n)))
        .collect();
        let rows: Vec<SummaryRow> = reports.iter().map(|(n, r)| SummaryRow::of(n, r)).collect();
        let pairs: Vec<(&str, &Report)> = reports.iter().map(|(n, r)| (n.as_str(), r)).collect();
        assert!(workbook(&rows, &pairs).is_ok());
    }
}
