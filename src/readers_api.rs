//! The page's file readers as a WebAssembly module of their own (the library built with
//! the `readers` feature alone, by `scripts/build-readers`).
//!
//! Reading a PDF, a Word `.docx` or text in GB18030 or UTF-16 takes more code than the
//! whole checker: kept out of the page's own module, it is loaded the first time a file
//! is read (`www/read-file.js`), and a paste needs none of it.

use wasm_bindgen::prelude::*;

/// Reads a file's bytes into text, as [`crate::read_input`] does. Returns an object with
/// `text` and `source` (a [`crate::Source`] as JSON), or with `error`, the Chinese
/// message saying why the file cannot be read.
#[wasm_bindgen(js_name = readFile)]
pub fn read_file(bytes: &[u8], name: &str) -> JsValue {
    let reply = js_sys::Object::new();
    let set = |key: &str, value: String| {
        let _ = js_sys::Reflect::set(&reply, &key.into(), &value.into());
    };
    match crate::read_input(bytes, name) {
        Ok((text, source)) => {
            set("text", text);
            set("source", serde_json::to_string(&source).unwrap_or_default());
        }
        Err(e) => set("error", e.to_string()),
    }
    reply.into()
}

/// The most a dropped archive's reports may inflate to, together, in the page (a bound
/// on zip bombs; the command line allows more).
const MAX_ARCHIVE_INFLATED: usize = 256 * 1024 * 1024;

/// The report files of a .zip archive ([`crate::decode::archive::reports`]). Returns an
/// object with `entries`, an array of `{name, bytes}` (a `Uint8Array`) or `{name,
/// error}`, or with `error`, why the archive as a whole gives nothing (in Chinese).
#[wasm_bindgen(js_name = unzipReports)]
pub fn unzip_reports(bytes: &[u8]) -> JsValue {
    let reply = js_sys::Object::new();
    let set = |on: &js_sys::Object, key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(on, &key.into(), value);
    };
    match crate::decode::archive::reports(bytes, MAX_ARCHIVE_INFLATED) {
        Ok(files) => {
            let entries = js_sys::Array::new();
            for file in files {
                let entry = js_sys::Object::new();
                set(&entry, "name", &file.name.as_str().into());
                match file.bytes {
                    Ok(b) => set(&entry, "bytes", &js_sys::Uint8Array::from(b.as_slice())),
                    Err(why) => set(&entry, "error", &why.into()),
                }
                entries.push(&entry);
            }
            set(&reply, "entries", &entries);
        }
        Err(why) => set(&reply, "error", &why.into()),
    }
    reply.into()
}
