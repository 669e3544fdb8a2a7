//! The tables as CSV, for a reviewer's spreadsheet. Pure: the page offers the text as a
//! download.

use crate::report::Report;
use crate::template::Template;

/// The tables as CSV, one line per cell of the template (found or not), with a BOM
/// so that spreadsheet programs read the Chinese correctly.
pub fn tables_csv(report: &Report, template: &Template) -> String {
    let mut out = String::from("\u{FEFF}单元格,表格,行,列,原文,数值,单位,来源行,状态\r\n");
    for key in &template.cell_keys {
        let (row, col) = template.cell_parts(key).unwrap_or_default();
        let table = &row[..row.find('“').unwrap_or(row.len())];
        let row_label = row.trim_start_matches(table).trim_matches(['“', '”', '行']);
        let (raw, value, unit, line, state) = match report.cells.get(key) {
            Some(c) => (
                c.raw.clone(),
                c.value.map(|v| v.to_string()).unwrap_or_default(),
                c.unit.clone().unwrap_or_default(),
                c.line.map(|l| l.to_string()).unwrap_or_default(),
                match c.state {
                    crate::report::CellState::Number => "数字",
                    crate::report::CellState::Blank => "空白",
                    crate::report::CellState::NotApplicable => "不适用",
                    crate::report::CellState::NotNumber => "非数字",
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
            &col,
            &raw,
            &value,
            &unit,
            &line,
            state,
        ];
        out += &fields
            .iter()
            .map(|f| csv_field(f))
            .collect::<Vec<_>>()
            .join(",");
        out += "\r\n";
    }
    out
}

/// One CSV field: quoted when it must be, and a text that a spreadsheet would run as
/// a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, a leading tab or CR) neutralised with a
/// leading `'` — a number such as `-3` or `+156` stays a number.
fn csv_field(s: &str) -> String {
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
        r.cells = crate::Cells::new(
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
}
