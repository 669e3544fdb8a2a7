//! Exports: the report as JSON (the output contract), the tables as CSV, all made in
//! the browser and saved through a download link — nothing is sent anywhere.

use crate::template::Template;
use crate::Report;
use wasm_bindgen::JsCast;

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
                    crate::CellState::Number => "数字",
                    crate::CellState::Blank => "空白",
                    crate::CellState::NotApplicable => "不适用",
                    crate::CellState::NotNumber => "非数字",
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

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A file name for exports of `report`: the agency and year, else the source name.
pub fn base_name(report: &Report) -> String {
    match (&report.meta.agency, report.meta.year) {
        (Some(a), Some(y)) => format!("{a}{y}年报体检"),
        _ => format!("{}-年报体检", report.source.name.trim_end_matches(".txt")),
    }
}
