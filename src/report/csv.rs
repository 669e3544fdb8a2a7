//! The tables as CSV, for a reviewer's spreadsheet. Pure: the page offers the text as a
//! download.

use crate::model::Report;
use crate::template::{short_label, CellKey, TableId, Template};

/// The tables as CSV, one line per cell of the template (found or not), with a BOM
/// so that spreadsheet programs read the Chinese correctly.
pub fn tables_csv(report: &Report, template: &Template) -> String {
    let mut out = String::from("\u{FEFF}单元格,表格,行,列,原文,数值,单位,来源行,状态\r\n");
    for table in TableId::ALL {
        let layout = template.layout(table);
        for block in &layout.blocks {
            for row in &block.rows {
                let row_label = short_label(row.label);
                for (key, column) in row.keys.iter().zip(block.columns) {
                    out += &csv_line(report, key, table.label_zh(), &row_label, &column.label);
                }
            }
        }
    }
    out
}

/// One cell's line.
fn csv_line(report: &Report, key: &CellKey, table: &str, row_label: &str, col: &str) -> String {
    let (raw, value, unit, line, state) = match report.cells.get(key) {
        Some(c) => (
            c.raw.clone(),
            c.value.map(|v| v.to_string()).unwrap_or_default(),
            c.unit.clone().unwrap_or_default(),
            c.line.map(|l| l.to_string()).unwrap_or_default(),
            match c.state {
                crate::model::CellState::Number => "数字",
                crate::model::CellState::Blank => "空白",
                crate::model::CellState::NotApplicable => "不适用",
                crate::model::CellState::NotNumber => "非数字",
            },
        ),
        None => (
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "未找到",
        ),
    };
    let fields = [
        key.as_str(),
        table,
        row_label,
        col,
        &raw,
        &value,
        &unit,
        &line,
        state,
    ];
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line += "\r\n";
    line
}

/// One CSV field: quoted when it must be, and a text that a spreadsheet would run as
/// a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, a leading tab or CR) neutralised with a
/// leading `'` — a number such as `-3` or `+156` stays a number.
pub(crate) fn csv_field(s: &str) -> String {
    let formula =
        s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.trim().parse::<f64>().is_err();
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_kept() {
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("-cmd|' /C calc'!A0"), "'-cmd|' /C calc'!A0");
        assert_eq!(csv_field("\tx"), "'\tx");
        assert_eq!(csv_field("-3"), "-3");
        assert_eq!(csv_field("+156"), "+156");
        assert_eq!(csv_field("4168558 元"), "4168558 元");
    }

    #[test]
    fn a_cell_with_a_formula_is_exported_as_text() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/corpus/004_1feac183b5673ebd.txt"
        ))
        .unwrap();
        let mut r = crate::check_text(&text, "x.txt");
        // A cell whose text is a formula, as a hostile paste could carry.
        r.cells = crate::model::Cells::new(
            r.cells
                .iter()
                .map(|(k, c)| {
                    let mut c = c.clone();
                    if k == "t2.normative.new_made" {
                        c.raw = "=1+1".into();
                    }
                    (k.to_owned(), c)
                })
                .collect(),
        );
        let t = crate::template::by_id("2019").unwrap();
        let csv = tables_csv(&r, t);
        assert!(csv.starts_with("\u{FEFF}单元格,"));
        assert!(!csv
            .lines()
            .any(|l| l.split(',').any(|f| f.starts_with('='))));
        assert!(csv.contains(",'=1+1,"), "{csv}");
        assert_eq!(csv.lines().count(), t.cell_keys.len() + 1);
    }

    #[test]
    fn every_line_names_its_table_row_and_column_as_the_template_prints_them() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/corpus/004_1feac183b5673ebd.txt"
        ))
        .unwrap();
        let r = crate::check_text(&text, "x.txt");
        let csv = tables_csv(&r, crate::template::by_id("2019").unwrap());
        let line = |key: &str| {
            csv.lines()
                .find(|l| l.starts_with(&format!("{key},")))
                .unwrap_or_else(|| panic!("{key}"))
                .split(',')
                .take(4)
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(
            line("t2.rules.new_made"),
            "t2.rules.new_made,表二,规章,本年新制作数量"
        );
        assert_eq!(
            line("t3.partial.legal"),
            "t3.partial.legal,表三,（二）部分公开,法律服务机构"
        );
        assert_eq!(
            line("t4.suit_direct.pending"),
            "t4.suit_direct.pending,表四,未经复议直接起诉,尚未审结"
        );
    }
}
