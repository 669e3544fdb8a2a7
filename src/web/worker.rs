//! What the checking worker runs (`www/check-worker.js` calls [`run_check_job`]): the
//! page's own module, instantiated a second time in a Web Worker, answers a
//! [`Request`] there with [`crate::job::run`], as `<nianbao-check>`'s worker does. On
//! this module's wire a request and a reply are JSON text, and a reply's report is in
//! the compact [`transfer`] form.
//!
//! The same function runs on the page itself where no worker can be started, so both
//! paths give the same results.

use crate::job::{self, Outcome, Reply, Request};
use crate::model::Source;
use crate::report::transfer;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Answers a request ([`Request`] as JSON) with its [`Reply`] as JSON, the report in
/// the [`transfer`] form. Files are read before this, by the readers' own module, which
/// the page loads only when a file comes and which hands back a [`Request::Read`].
#[wasm_bindgen(js_name = runCheckJob)]
pub fn run_check_job(request: &str) -> String {
    let reply = match serde_json::from_str::<Request>(request) {
        Ok(request) => job::run(request).map_report(|r| transfer::encode(&r)),
        // Only the page writes requests: one it cannot read is the checker's fault.
        Err(_) => Reply {
            error: Some(super::job::INTERNAL_ERROR.to_owned()),
            ..Reply::default()
        },
    };
    serde_json::to_string(&reply).unwrap_or_default()
}

/// The jobs the worker runs when it starts, as requests for [`run_check_job`]: two of
/// the bundled samples, one of each template. V8 compiles each WebAssembly and
/// JavaScript function the first time it is called, so the user's first check would
/// otherwise pay for compiling the whole checker and its glue (a cold check of a report
/// took 40–65 ms, a warm one 4–20 ms). They go through `runCheckJob` itself, the way a
/// paste does, so that the glue a paste runs (its strings in, the reply out) is
/// compiled too. The page reads the last reply back once, for the same reason.
#[wasm_bindgen(js_name = warmUpJobs)]
pub fn warm_up_jobs() -> js_sys::Array {
    warm_up_requests()
        .map(|request| JsValue::from(serde_json::to_string(&request).unwrap_or_default()))
        .collect()
}

/// Checks the warm-up reports ([`warm_up_jobs`]) here, on the page.
pub fn warm_up_on_page() {
    for request in warm_up_requests() {
        job::run(request);
    }
}

/// The bundled samples the checker warms up on, as requests.
fn warm_up_requests() -> impl Iterator<Item = Request> {
    super::samples::WARM_UP.iter().map(|(name, text)| {
        Request::Check(job::Text {
            text: (*text).to_owned(),
            source: Source::new(name, crate::model::Format::Text, "utf-8"),
        })
    })
}

/// Answers `request` here, on the page: [`crate::job::run`], without the trip through
/// the wire.
pub fn run_here(request: Request) -> Outcome {
    job::run(request).outcome(Ok)
}

/// Reads a worker's or the readers' answer back (on the page): `{ reply }` (a
/// [`Reply`] as JSON, from [`run_check_job`]), `{ listed }` (an archive's report files,
/// from the readers) or `{ error }` (a file the readers could not read, a trap).
pub fn outcome_of(answer: &JsValue) -> Outcome {
    let get = |key: &str| js_sys::Reflect::get(answer, &key.into()).unwrap_or_default();
    if let Some(message) = get("error").as_string() {
        return Outcome::Unreadable(message);
    }
    let listed = get("listed");
    if listed.is_object() {
        return Outcome::Unpacked(listed_from(&listed));
    }
    match get("reply")
        .as_string()
        .map(|json| serde_json::from_str::<Reply<String>>(&json))
    {
        Some(Ok(reply)) => reply.outcome(|report| transfer::decode(&report)),
        _ => Outcome::Unreadable(super::job::INTERNAL_ERROR.to_owned()),
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
