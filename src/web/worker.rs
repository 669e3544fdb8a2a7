//! What the checking worker runs (`www/check-worker.js` calls [`run_check_job`]):
//! the page's own module, instantiated a second time in a Web Worker, reads files and
//! checks text there, and hands back the text and the report.
//!
//! The same function runs on the page itself where no worker can be started, so both
//! paths give the same results.

use crate::model::Source;
use crate::report::transfer;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The outcome of one job, as the page reads it back.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The text that was checked (for a file, the text read from it) and its report
    /// (`None` for empty text).
    Checked {
        /// The text read (files only; a text job keeps its own): all of it, or as much
        /// as the text area is given when `whole` says it is longer.
        text: Option<String>,
        /// The whole text's size, when `text` is only its first part
        /// ([`crate::report::visible::text_area_cut`]).
        whole: Option<WholeText>,
        /// The source, as read (files only).
        source: Option<Source>,
        /// The report, `None` when there was nothing to check.
        report: Option<std::rc::Rc<crate::model::Report>>,
    },
    /// A .zip archive's report files, each with where it is in the archive or why it
    /// cannot be taken out (in Chinese), to be checked as files of their own.
    Unpacked(Vec<(String, Result<crate::decode::archive::Place, String>)>),
    /// The file could not be read: the message says why, in Chinese.
    Unreadable(String),
    /// The user ended the check before it finished (the page's own outcome).
    Cancelled,
}

/// The size of a file's text that came back cut to what the page's text area lays out
/// (the check was of all of it): the page never holds a text of many megabytes (taking
/// one in from the worker took a frame of about 100 ms, and its text area could not
/// lay it out anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WholeText {
    /// Its length in UTF-8 bytes.
    pub bytes: usize,
    /// Its lines.
    pub lines: usize,
}

/// Runs a job: `kind` is `text` (check `text`, read from `source`, a [`Source`] as
/// JSON), `html` (a rich paste: `text` is its HTML, read into text and put between
/// `before` and `after`, then checked as `source`) or `read` (a file's `text` and
/// `source` as the file readers read them, `www/read-file.js`: check it). Returns an
/// object with `text` (files and pastes; a file's cut to what the text area is given,
/// with `wholeBytes` and `wholeLines` then, see [`WholeText`]), `source` (JSON, files),
/// `report` (see [`transfer::encode`]) and `error` (a Chinese message), each when there
/// is one.
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
                // A file's text: the text area takes only its first part.
                let cut = source
                    .is_some()
                    .then(|| crate::report::visible::text_area_cut(&text))
                    .flatten();
                match cut {
                    Some(at) => {
                        set("text", &text[..at]);
                        let number = |key: &str, n: usize| {
                            let _ = js_sys::Reflect::set(&reply, &key.into(), &(n as f64).into());
                        };
                        number("wholeBytes", text.len());
                        number("wholeLines", text.split('\n').count());
                    }
                    None => set("text", &text),
                }
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
            Source::new(name, crate::model::Format::Text, "utf-8"),
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
) -> Result<(Read, Option<crate::model::Report>), String> {
    match kind {
        "read" => {
            let source: Source = serde_json::from_str(source).map_err(|e| e.to_string())?;
            let report = check(text, source.clone());
            Ok((Some((text.to_owned(), Some(source))), report))
        }
        "html" => {
            let source: Source = serde_json::from_str(source).map_err(|e| e.to_string())?;
            let pasted = crate::pipeline::pasted_html_to_text(text).map_err(|e| e.to_string())?;
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

fn check(text: &str, source: Source) -> Option<crate::model::Report> {
    (!text.trim().is_empty()).then(|| crate::check_source(text, source))
}

/// Checks `text`, read from `source`, here (on the page): a `text` job of
/// [`run_check_job`] without the trip through its reply.
pub fn check_text(text: &str, source: Source) -> Outcome {
    Outcome::Checked {
        text: None,
        whole: None,
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
    if let Ok(listed) = js_sys::Reflect::get(reply, &"listed".into()) {
        if listed.is_object() {
            return Outcome::Unpacked(listed_from(&listed));
        }
    }
    let report = match get("report").map(|json| transfer::decode(&json)) {
        Some(Ok(report)) => Some(std::rc::Rc::new(report)),
        Some(Err(message)) => return Outcome::Unreadable(message),
        None => None,
    };
    let source = get("source").and_then(|json| serde_json::from_str(&json).ok());
    let number = |key: &str| {
        js_sys::Reflect::get(reply, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
            .map(|n| n as usize)
    };
    let whole = number("wholeBytes").map(|bytes| WholeText {
        bytes,
        lines: number("wholeLines").unwrap_or(0),
    });
    Outcome::Checked {
        text: get("text"),
        whole,
        source,
        report,
    }
}

/// The entries of an archive's reply, as the file readers list them side by side
/// (`src/readers_api.rs`, `unzipReports`).
fn listed_from(listed: &JsValue) -> Vec<(String, Result<crate::decode::archive::Place, String>)> {
    let get = |key: &str| js_sys::Reflect::get(listed, &key.into()).unwrap_or_default();
    let names = js_sys::Array::from(&get("names"));
    let numbers = |key: &str| get(key).unchecked_into::<js_sys::Float64Array>().to_vec();
    let (starts, ends) = (numbers("starts"), numbers("ends"));
    let (compressed, sizes) = (numbers("compressed"), numbers("sizes"));
    let deflated = get("deflated")
        .unchecked_into::<js_sys::Uint8Array>()
        .to_vec();
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
            let at = i as usize;
            let place = match errors.remove(&i) {
                Some(why) => Err(why),
                None => match (
                    starts.get(at),
                    ends.get(at),
                    compressed.get(at),
                    sizes.get(at),
                ) {
                    (Some(&start), Some(&end), Some(&stored), Some(&size)) => {
                        Ok(crate::decode::archive::Place {
                            start: start as usize,
                            end: end as usize,
                            compressed: stored as usize,
                            deflated: deflated.get(at) == Some(&1),
                            size: size as usize,
                        })
                    }
                    _ => Err("压缩包中的此文件已损坏，无法读取".to_owned()),
                },
            };
            (name, place)
        })
        .collect()
}
