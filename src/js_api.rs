//! The JS API for embedding the checker (built with the `js` feature for wasm32, bound
//! by `wasm-bindgen --target web`, wrapped by `www/embed/nianbao.js`).
//!
//! Reports cross into JavaScript as plain objects — maps as objects, numbers as
//! numbers, missing values as `null` — the same shape as `nianbao check --json`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Refused input as a JS `Error` with the Chinese message.
fn refused(e: crate::InputError) -> JsError {
    JsError::new(&e.to_string())
}

/// Checks report text (pasted, typed, or taken from an editor). `name` defaults to `-`.
/// Throws an `Error` with a Chinese message for text larger than a file may be.
#[wasm_bindgen]
pub fn check(text: &str, name: Option<String>) -> Result<JsValue, JsError> {
    crate::decode::text_within_bounds(text).map_err(refused)?;
    to_js(&crate::check_text(text, name.as_deref().unwrap_or("-")))
}

/// Checks a file's bytes, detecting the encoding. Throws an `Error` with a Chinese
/// message when the file is not a text report.
#[wasm_bindgen(js_name = checkFile)]
pub fn check_file(bytes: &[u8], name: &str) -> Result<JsValue, JsError> {
    let report = crate::check_bytes(bytes, name).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&report)
}

/// Checks a page's or an editor's HTML (tables included); nothing in it runs. Throws
/// an `Error` with a Chinese message for HTML no report is (over 20 MB, or over
/// 500,000 tags), as for a file.
#[wasm_bindgen(js_name = checkHtml)]
pub fn check_html(html: &str, name: Option<String>) -> Result<JsValue, JsError> {
    crate::decode::html_within_bounds(html).map_err(refused)?;
    to_js(&crate::check_html(html, name.as_deref().unwrap_or("-")))
}

/// The text the checker reads from HTML (its report's line numbers refer to it);
/// throws as [`check_html`] does.
#[wasm_bindgen(js_name = htmlToText)]
pub fn html_to_text(html: &str) -> Result<String, JsError> {
    crate::decode::html_within_bounds(html).map_err(refused)?;
    Ok(crate::pipeline::html_to_text(html))
}

/// [`html_to_text`], with where each table row of the HTML went: `{ text, rows }`,
/// where `rows[n]` is the line (1-based) of the n-th `<tr>` in document order, 0 for a
/// row with no line of its own. `<nianbao-check>` finds an editor's table cells with it.
#[wasm_bindgen(js_name = htmlToTextWithRows)]
pub fn html_to_text_with_rows(html: &str) -> Result<JsValue, JsError> {
    crate::decode::html_within_bounds(html).map_err(refused)?;
    let (text, rows) = crate::pipeline::html_to_text_with_rows(html);
    let out = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&out, &"text".into(), &text.into());
    let _ = js_sys::Reflect::set(&out, &"rows".into(), &js_sys::Uint32Array::from(&rows[..]));
    Ok(out.into())
}

/// Answers a check given as a message ([`crate::job::Request`]: `{ check: { text,
/// source } }`, `{ html: { html, source } }`, …) with its [`crate::job::Reply`], the
/// report in the shape of `nianbao check --json`: what `<nianbao-check>`'s worker runs,
/// and the element itself where no worker can start. Text or HTML over a file's bounds
/// is a reply with `error`; only a message that is no request throws.
#[wasm_bindgen(js_name = runJob)]
pub fn run_job(request: JsValue) -> Result<JsValue, JsError> {
    let request: crate::job::Request =
        serde_wasm_bindgen::from_value(request).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&crate::job::run(request))
}

/// The documentation of every rule.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    to_js(&crate::rule_docs())
}

/// The version of the checker.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
