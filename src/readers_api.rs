//! The page's file readers as a WebAssembly module of their own (the library built with
//! the `readers` feature alone, by `scripts/build-readers`).
//!
//! Reading a PDF, a Word `.docx` or text in GB18030 or UTF-16 takes more code than the
//! whole checker: kept out of the page's own module, it is loaded the first time a file
//! is read (`www/read-file.js`), and a paste needs none of it.

use wasm_bindgen::prelude::*;

/// Reads a file's bytes into text, as [`crate::pipeline::read_input`] does. Returns an
/// object with `request`, the text to check as a [`crate::job::Request::Read`] in JSON
/// (the page's checker answers it, `runCheckJob`), or with `error`, the Chinese message
/// saying why the file cannot be read.
#[wasm_bindgen(js_name = readFile)]
pub fn read_file(bytes: &[u8], name: &str) -> JsValue {
    let reply = js_sys::Object::new();
    let set = |key: &str, value: String| {
        let _ = js_sys::Reflect::set(&reply, &key.into(), &value.into());
    };
    match crate::pipeline::read_input(bytes, name) {
        Ok((text, source)) => {
            let request = crate::job::Request::Read(crate::job::Text { text, source });
            match serde_json::to_string(&request) {
                Ok(json) => set("request", json),
                Err(e) => set("error", e.to_string()),
            }
        }
        Err(e) => set("error", e.to_string()),
    }
    reply.into()
}

/// How many bytes at a .zip archive's end are read first to list it
/// ([`crate::decode::zip::TAIL_BYTES`]; see [`directory_start`]).
#[wasm_bindgen(js_name = tailBytes)]
pub fn tail_bytes() -> f64 {
    crate::decode::zip::TAIL_BYTES as f64
}

/// Where a .zip archive must be read from to list it (see
/// [`crate::decode::zip::directory_start`]), given `tail`, its bytes from `base` to its
/// end (at first its last [`crate::decode::zip::TAIL_BYTES`]); -1 when it is no zip
/// archive. `www/read-file.js` reads from there and asks again until the answer is
/// `base` or after, then lists it ([`unzip_reports`]).
#[wasm_bindgen(js_name = directoryStart)]
pub fn directory_start(tail: &[u8], base: f64) -> f64 {
    crate::decode::zip::directory_start(tail, base as usize).map_or(-1.0, |at| at as f64)
}

/// The report files of a .zip archive, listed from its directory
/// ([`crate::decode::archive::list_in`]: `tail` is its bytes from `base` to its end),
/// none taken out: the page makes each a slice of the archive it holds (a `Blob`, on
/// disk) and has it read when it is checked ([`read_entry`]). Returns an object with
/// `listed`, or with `error`, why the archive as a whole gives nothing (in Chinese).
/// `listed` holds the entries side by side, a few arrays rather than thousands of
/// objects (a message of thousands of objects took the page's thread a frame of
/// 100–200 ms to take in): `names`; `starts`, `ends`, `compressed` and `sizes`
/// (`Float64Array`s) and `deflated` (a `Uint8Array`, 1 or 0), the
/// [`crate::decode::archive::Place`] of each; and `errors`, `[index, why]` of the
/// entries that cannot be read (their places are 0).
#[wasm_bindgen(js_name = unzipReports)]
pub fn unzip_reports(tail: &[u8], base: f64) -> JsValue {
    use crate::decode::archive::{list_in, Place, MAX_INFLATED};
    let reply = js_sys::Object::new();
    let set = |on: &js_sys::Object, key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(on, &key.into(), value);
    };
    match list_in(tail, base as usize, MAX_INFLATED) {
        Ok(files) => {
            let names = js_sys::Array::new();
            let errors = js_sys::Array::new();
            let none = Place {
                start: 0,
                end: 0,
                compressed: 0,
                deflated: false,
                size: 0,
            };
            let mut places = Vec::with_capacity(files.len());
            for (i, file) in files.into_iter().enumerate() {
                names.push(&file.name.as_str().into());
                match file.place {
                    Ok(place) => places.push(place),
                    Err(why) => {
                        errors.push(&js_sys::Array::of2(&(i as f64).into(), &why.into()));
                        places.push(none);
                    }
                }
            }
            let numbers = |of: fn(&Place) -> f64| {
                let v: Vec<f64> = places.iter().map(of).collect();
                js_sys::Float64Array::from(v.as_slice())
            };
            let listed = js_sys::Object::new();
            set(&listed, "names", &names);
            set(&listed, "starts", &numbers(|p| p.start as f64));
            set(&listed, "ends", &numbers(|p| p.end as f64));
            set(&listed, "compressed", &numbers(|p| p.compressed as f64));
            set(&listed, "sizes", &numbers(|p| p.size as f64));
            let deflated: Vec<u8> = places.iter().map(|p| p.deflated as u8).collect();
            set(
                &listed,
                "deflated",
                &js_sys::Uint8Array::from(deflated.as_slice()),
            );
            set(&listed, "errors", &errors);
            set(&reply, "listed", &listed);
        }
        Err(why) => set(&reply, "error", &why.into()),
    }
    reply.into()
}

/// Reads a report of an archive, from its local record (the slice of the archive that
/// [`unzip_reports`] placed it at): its `compressed` stored bytes inflated when
/// `deflated`, to `size` bytes as its archive declares; then as [`read_file`] reads a
/// file.
#[wasm_bindgen(js_name = readEntry)]
pub fn read_entry(
    record: &[u8],
    deflated: bool,
    size: f64,
    compressed: f64,
    name: &str,
) -> JsValue {
    let place = crate::decode::archive::Place {
        start: 0,
        end: record.len(),
        compressed: compressed as usize,
        deflated,
        size: size as usize,
    };
    match place.read(record) {
        Ok(bytes) => read_file(&bytes, name),
        Err(why) => {
            let reply = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&reply, &"error".into(), &why.into());
            reply.into()
        }
    }
}
