//! Exports: the report as JSON (the output contract), the tables as CSV, all made in
//! the browser and saved through a download link — nothing is sent anywhere.

use crate::Report;
use wasm_bindgen::JsCast;

/// The tables as CSV (see [`crate::report::csv`]).
pub use crate::report::csv::tables_csv;

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
