//! What the checking worker runs (`www/check-worker.js` calls [`run_check_job`]):
//! the page's own module, instantiated a second time in a Web Worker, reads files and
//! checks text there, and hands back the text and the report.
//!
//! The same function runs on the page itself where no worker can be started, so both
//! paths give the same results.

use crate::report::transfer;
use crate::Source;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The outcome of one job, as the page reads it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The text that was checked (for a file, the text read from it) and its report
    /// (`None` for empty text).
    Checked {
        /// The text read (files only; a text job keeps its own).
        text: Option<String>,
        /// The source, as read (files only).
        source: Option<Source>,
        /// The report, `None` when there was nothing to check.
        report: Option<std::rc::Rc<crate::Report>>,
    },
    /// A .zip archive's report files, each with its bytes or why they could not be
    /// taken out (in Chinese), to be checked as files of their own.
    Unpacked(Vec<crate::web::state::OpenedFile>),
    /// The file could not be read: the message says why, in Chinese.
    Unreadable(String),
    /// The user ended the check before it finished (the page's own outcome).
    Cancelled,
}

/// Runs a job: `kind` is `text` (check `text`, read from `source`, a [`Source`] as
/// JSON), `html` (a rich paste: `text` is its HTML, read into text and put between
/// `before` and `after`, then checked as `source`) or `read` (a file's `text` and
/// `source` as the file readers read them, `www/read-file.js`: check it). Returns an
/// object with `text` (files and pastes), `source` (JSON, files), `report` (see
/// [`transfer::encode`]) and `error` (a Chinese message), each when there is one.
///
/// Files are read before this, by the readers' own module, which the page loads only
/// when a file comes.
#[wasm_bindgen(js_name = runCheckJob)]
pub fn run_check_job(kind: &str, text: &str, source: &str, before: &str, after: &str) -> JsValue {
    let reply = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&reply, &key.into(), &value.into());
    };
    match run(kind, text, source, (before, after)) {
        Ok((read, report)) => {
            if let Some((text, source)) = read {
                set("text", &text);
                if let Some(source) = source {
                    set(
                        "source",
                        &serde_json::to_string(&source).unwrap_or_default(),
                    );
                }
            }
            if let Some(report) = report {
                set("report", &transfer::encode(&report));
            }
        }
        Err(message) => set("error", &message),
    }
    reply.into()
}

/// The jobs the worker runs when it starts, as `[text, source]` pairs for
/// [`run_check_job`] (`text` jobs): two of the bundled samples, one of each template.
/// V8 compiles each WebAssembly and JavaScript function the first time it is called,
/// so the user's first check would otherwise pay for compiling the whole checker and
/// its glue (a cold check of a report took 40–65 ms, a warm one 4–20 ms). They go
/// through `runCheckJob` itself, the way a paste does, so that the glue a paste runs
/// (its strings in, the reply out) is compiled too. The page decodes the last report
/// once, for the same reason.
#[wasm_bindgen(js_name = warmUpJobs)]
pub fn warm_up_jobs() -> js_sys::Array {
    warm_up_reports()
        .map(|(text, source)| {
            js_sys::Array::of2(
                &JsValue::from_str(text),
                &serde_json::to_string(&source).unwrap_or_default().into(),
            )
        })
        .collect()
}

/// Checks the warm-up reports ([`warm_up_jobs`]) here, on the page.
pub fn warm_up_on_page() {
    for (text, source) in warm_up_reports() {
        check_text(text, source);
    }
}

/// The bundled samples the checker warms up on, each with its source.
fn warm_up_reports() -> impl Iterator<Item = (&'static str, Source)> {
    super::samples::WARM_UP.iter().map(|(name, text)| {
        (
            *text,
            Source::new(name, crate::report::Format::Text, "utf-8"),
        )
    })
}

/// The text read by a job (files, pastes), and the source (files).
type Read = Option<(String, Option<Source>)>;

fn run(
    kind: &str,
    text: &str,
    source: &str,
    (before, after): (&str, &str),
) -> Result<(Read, Option<crate::Report>), String> {
    match kind {
        "read" => {
            let source: Source = serde_json::from_str(source).map_err(|e| e.to_string())?;
            let report = check(text, source.clone());
            Ok((Some((text.to_owned(), Some(source))), report))
        }
        "html" => {
            let source: Source = serde_json::from_str(source).map_err(|e| e.to_string())?;
            let pasted = crate::decode::pasted_html_to_text(text).map_err(|e| e.to_string())?;
            let text = format!("{before}{pasted}{after}");
            let report = check(&text, source);
            Ok((Some((text, None)), report))
        }
        _ => {
            let source: Source = serde_json::from_str(source).map_err(|e| e.to_string())?;
            Ok((None, check(text, source)))
        }
    }
}

fn check(text: &str, source: Source) -> Option<crate::Report> {
    (!text.trim().is_empty()).then(|| crate::check_source(text, source))
}

/// Checks `text`, read from `source`, here (on the page): a `text` job of
/// [`run_check_job`] without the trip through its reply.
pub fn check_text(text: &str, source: Source) -> Outcome {
    Outcome::Checked {
        text: None,
        source: None,
        report: check(text, source).map(std::rc::Rc::new),
    }
}

/// Reads a reply of [`run_check_job`] back (on the page).
pub fn outcome_of(reply: &JsValue) -> Outcome {
    let get = |key: &str| {
        js_sys::Reflect::get(reply, &key.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    if let Some(message) = get("error") {
        return Outcome::Unreadable(message);
    }
    if let Ok(entries) = js_sys::Reflect::get(reply, &"entries".into()) {
        if js_sys::Array::is_array(&entries) {
            return Outcome::Unpacked(unpacked(&entries.into()));
        }
    }
    if let Ok(packed) = js_sys::Reflect::get(reply, &"packed".into()) {
        if packed.is_object() {
            return Outcome::Unpacked(unpacked_from(&packed));
        }
    }
    let report = match get("report").map(|json| transfer::decode(&json)) {
        Some(Ok(report)) => Some(std::rc::Rc::new(report)),
        Some(Err(message)) => return Outcome::Unreadable(message),
        None => None,
    };
    let source = get("source").and_then(|json| serde_json::from_str(&json).ok());
    Outcome::Checked {
        text: get("text"),
        source,
        report,
    }
}

/// The entries of an archive's reply as the worker packs them (`www/check-worker.js`,
/// `packed`): each file's bytes a view of the one buffer, nothing copied.
fn unpacked_from(packed: &JsValue) -> Vec<crate::web::state::OpenedFile> {
    let get = |key: &str| js_sys::Reflect::get(packed, &key.into()).unwrap_or_default();
    let names = js_sys::Array::from(&get("names"));
    // As they came (`new Uint8Array(array)` would copy the whole archive's bytes).
    let starts = get("starts")
        .unchecked_into::<js_sys::Uint32Array>()
        .to_vec();
    let ends = get("ends").unchecked_into::<js_sys::Uint32Array>().to_vec();
    let buffer = get("bytes").unchecked_into::<js_sys::Uint8Array>().buffer();
    let mut errors: std::collections::HashMap<u32, String> = js_sys::Array::from(&get("errors"))
        .iter()
        .filter_map(|e| {
            let e = js_sys::Array::from(&e);
            Some((e.get(0).as_f64()? as u32, e.get(1).as_string()?))
        })
        .collect();
    (0..names.length())
        .map(|i| {
            let name = names.get(i).as_string().unwrap_or_default();
            let file = match errors.remove(&i) {
                Some(why) => Err(why),
                None => {
                    let (start, end) = (starts[i as usize], ends[i as usize]);
                    Ok(crate::web::state::FileBytes(
                        js_sys::Uint8Array::new_with_byte_offset_and_length(
                            &buffer,
                            start,
                            end.saturating_sub(start),
                        ),
                    ))
                }
            };
            (name, file)
        })
        .collect()
}

/// The entries of an archive's reply (`{name, bytes}` or `{name, error}` each), as
/// the page reads an archive itself where no worker can start.
fn unpacked(entries: &js_sys::Array) -> Vec<crate::web::state::OpenedFile> {
    entries
        .iter()
        .map(|entry| {
            let get = |key: &str| js_sys::Reflect::get(&entry, &key.into()).ok();
            let name = get("name").and_then(|v| v.as_string()).unwrap_or_default();
            let file = match (get("bytes"), get("error").and_then(|v| v.as_string())) {
                (_, Some(why)) => Err(why),
                (Some(bytes), None) if bytes.is_instance_of::<js_sys::Uint8Array>() => Ok(
                    crate::web::state::FileBytes(bytes.unchecked_into::<js_sys::Uint8Array>()),
                ),
                _ => Err("压缩包中的此文件已损坏，无法读取".to_owned()),
            };
            (name, file)
        })
        .collect()
}
