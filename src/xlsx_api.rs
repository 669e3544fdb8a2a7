//! The page's Excel export as a WebAssembly module of its own (the library built with
//! the `xlsx` feature alone, by `scripts/build-xlsx`): [`crate::report::xlsx`], which
//! the command line's `summary --format xlsx` writes with, loaded by the page only when
//! 导出 Excel is clicked (`www/export-xlsx.js`), so that its first load does not carry it.
//!
//! Reports come as [`crate::report::transfer::encode`] gives them (cell states
//! included: a cell's fill depends on them).

use crate::report::summary::SummaryRow;
use crate::report::transfer;
use wasm_bindgen::prelude::*;

fn failed(e: rust_xlsxwriter::XlsxError) -> JsError {
    JsError::new(&format!("Excel 文件生成失败：{e}"))
}

/// One report's workbook (its tables, then its findings), as the bytes of an .xlsx
/// file. Throws a Chinese message when it cannot be written.
#[wasm_bindgen(js_name = reportWorkbook)]
pub fn report_workbook(file: &str, report: &str) -> Result<Vec<u8>, JsError> {
    let report = transfer::decode(report).map_err(|e| JsError::new(&e))?;
    crate::report::xlsx::report_workbook(file, &report).map_err(failed)
}

/// A batch's workbook (the 汇总 sheet, then a sheet per report) as the bytes of an
/// .xlsx file. `batch` is JSON: an array of `{file, report}` with `report` as
/// [`transfer::encode`] gives it, or `{file, error}` for a file that could not be read
/// (its row says why). Throws a Chinese message when it cannot be written.
#[wasm_bindgen(js_name = batchWorkbook)]
pub fn batch_workbook(batch: &str) -> Result<Vec<u8>, JsError> {
    #[derive(serde::Deserialize)]
    struct Item {
        file: String,
        report: Option<String>,
        error: Option<String>,
    }
    let items: Vec<Item> =
        serde_json::from_str(batch).map_err(|e| JsError::new(&format!("导出数据无法读取：{e}")))?;
    let mut rows = Vec::new();
    let mut reports = Vec::new();
    for item in items {
        match item.report.as_deref().map(transfer::decode) {
            Some(Ok(report)) => {
                rows.push(SummaryRow::of(&item.file, &report));
                reports.push((item.file, report));
            }
            Some(Err(why)) => rows.push(SummaryRow::unreadable(&item.file, &why)),
            None => rows.push(SummaryRow::unreadable(
                &item.file,
                item.error.as_deref().unwrap_or("无法读取"),
            )),
        }
    }
    let named: Vec<(&str, &crate::model::Report)> =
        reports.iter().map(|(f, r)| (f.as_str(), r)).collect();
    crate::report::xlsx::workbook(&rows, &named).map_err(failed)
}
