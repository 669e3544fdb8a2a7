//! Exports: the report as JSON (the output contract), the tables as CSV, a report or
//! a batch as an Excel workbook, all made in the browser and saved through a download
//! link — nothing is sent anywhere.

use super::js::{call_then, module_location};
use crate::model::Report;
use crate::report::transfer;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/www/export-xlsx.js")]
extern "C" {
    /// One report's workbook; resolves to `{bytes}` or `{error}`.
    #[wasm_bindgen(js_name = reportWorkbook)]
    fn report_workbook(location: &JsValue, file: &str, report: &str) -> js_sys::Promise;
    /// A batch's workbook; resolves to `{bytes}` or `{error}`.
    #[wasm_bindgen(js_name = batchWorkbook)]
    fn batch_workbook(location: &JsValue, batch: &str) -> js_sys::Promise;
}

/// The MIME type of an .xlsx file.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A document of a batch as the Excel export takes it: its name, and its report or why
/// it could not be read.
pub type BatchItem = (String, Result<Rc<Report>, String>);

/// Writes `report` (from `file`) as an Excel workbook — its tables in the template's
/// layout, then its findings — and offers it as `name`. The export module is loaded the
/// first time; `done` gets `None`, or the Chinese message saying why nothing was saved.
pub fn excel_of_report(
    file: &str,
    report: &Report,
    name: String,
    done: yew::Callback<Option<String>>,
) {
    let location = module_location("nianbaoXlsx", "xlsx/nianbao_xlsx.js");
    let promise = report_workbook(&location, file, &transfer::encode(report));
    save_when_written(promise, name, done);
}

/// Writes a batch as an Excel workbook — the 汇总 sheet, then a sheet per report — and
/// offers it as `name`; `done` as for [`excel_of_report`].
pub fn excel_of_batch(items: &[BatchItem], name: String, done: yew::Callback<Option<String>>) {
    #[derive(serde::Serialize)]
    struct Item<'a> {
        file: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        report: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<&'a str>,
    }
    let batch: Vec<Item> = items
        .iter()
        .map(|(file, r)| Item {
            file,
            report: r.as_ref().ok().map(|r| transfer::encode(r)),
            error: r.as_ref().err().map(String::as_str),
        })
        .collect();
    let json = serde_json::to_string(&batch).unwrap_or_default();
    let location = module_location("nianbaoXlsx", "xlsx/nianbao_xlsx.js");
    save_when_written(batch_workbook(&location, &json), name, done);
}

fn save_when_written(written: js_sys::Promise, name: String, done: yew::Callback<Option<String>>) {
    let failed = done.clone();
    let then = Closure::once_into_js(move |reply: JsValue| {
        let get = |key: &str| js_sys::Reflect::get(&reply, &key.into()).ok();
        match (get("bytes"), get("error").and_then(|e| e.as_string())) {
            (_, Some(why)) => done.emit(Some(why)),
            (Some(bytes), None) if bytes.is_object() => {
                download_parts(&name, XLSX, &js_sys::Array::of1(&bytes));
                done.emit(None);
            }
            _ => done.emit(Some("Excel 文件生成失败".into())),
        }
    });
    let catch =
        Closure::once_into_js(move |_: JsValue| failed.emit(Some("Excel 文件生成失败".into())));
    let _ = call_then(&written, &then, &catch);
}

/// The tables as CSV (see [`crate::report::csv`]).
pub use crate::report::csv::tables_csv;

/// Offers `content` as a file download named `name`.
pub fn download(name: &str, mime: &str, content: &str) {
    download_parts(name, mime, &js_sys::Array::of1(&JsValue::from_str(content)));
}

/// Offers a file made of `parts` (strings, byte arrays) as a download named `name`.
fn download_parts(name: &str, mime: &str, parts: &js_sys::Array) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_buffer_source_sequence_and_options(parts, &opts) else {
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
