//! The page's checking service, the browser's side of [`crate::schedule`]: the
//! scheduler decides which job runs where and when finished ones are handed over; this
//! driver carries that out with Web Workers, timers and the page's own module, and tells
//! the scheduler what the browser answered.
//!
//! The workers run the page's own WebAssembly module (compiled once by the page and
//! posted to each), so a check costs no second download.
//!
//! One check runs on the page by choice: a plain paste of report size, at its `paste`
//! event, so that its results are drawn in the same frame as the pasted text
//! ([`Checker::start_early`]; bounded by [`CHECKED_AT_PASTE_MAX_BYTES`]).

use super::job::{Done, Input, Job, INTERNAL_ERROR};
use super::js::{call_then, glue_url, module_location, now};
use super::state::DocId;
use super::worker;
use crate::job::{Outcome, Request};
use crate::schedule::{self, Command, MessageId, Reply, Scheduler, WorkerId};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

#[wasm_bindgen(module = "/www/read-file.js")]
extern "C" {
    /// Reads a file (its bytes, or the picked `Blob`) with the file readers' module,
    /// loaded on first use from `location` (see [`readers_location`]); resolves to
    /// `{request}` (a [`Request::Read`] as JSON) or `{error}`.
    #[wasm_bindgen(js_name = readFile)]
    fn read_file(location: &JsValue, bytes: &JsValue, name: &str) -> js_sys::Promise;
    /// Reads a report of an archive (the slice its bytes are stored in, and how, as
    /// `{deflated, size}`) with the same module; resolves as [`read_file`].
    #[wasm_bindgen(js_name = readEntry)]
    fn read_entry(
        location: &JsValue,
        stored: &JsValue,
        entry: &JsValue,
        name: &str,
    ) -> js_sys::Promise;
    /// Lists the report files of a .zip archive with the same module; resolves to
    /// `{listed}` or `{error}`.
    #[wasm_bindgen(js_name = unzipReports)]
    fn unzip_reports(location: &JsValue, bytes: &JsValue) -> js_sys::Promise;
    /// The URL of `read-file.js` itself, which the worker imports.
    #[wasm_bindgen(js_name = moduleUrl)]
    fn read_file_url() -> String;
}

/// Where the file readers' module is (see [`module_location`]).
fn readers_location() -> JsValue {
    module_location("nianbaoReaders", "readers/nianbao_readers.js")
}

/// The worker's script (see its comments).
const WORKER_JS: &str = include_str!("../../www/check-worker.js");

/// The largest text a paste has checked on the page, at its `paste` event (see
/// [`Checker::start_early`]), in UTF-8 bytes: three times a long report (a county
/// bureau's is 5–20 KB, a ministry's with its tables up to about 40 KB). The most
/// hostile texts of this size take 3–11 ms natively (`cargo bench -- hostile_paste`)
/// and 15–50 ms on the page in headless Chromium: a frame or three, never a frozen tab.
pub const CHECKED_AT_PASTE_MAX_BYTES: usize = 128 * 1024;

type Handler = Closure<dyn FnMut(web_sys::MessageEvent)>;
type ErrorHandler = Closure<dyn FnMut(web_sys::Event)>;

/// A worker the page started ([`Command::StartWorker`]).
struct WorkerHandle {
    id: WorkerId,
    worker: web_sys::Worker,
    _handlers: (Handler, ErrorHandler),
    /// The `blob:` URL the worker was started from, revoked once it has answered (or has
    /// ended): Chromium 80–92 fail a module worker whose URL is revoked before it loaded.
    script: Option<BlobUrl>,
}

struct Inner {
    schedule: Scheduler<Input, Outcome>,
    workers: Vec<WorkerHandle>,
    /// The timer of [`Command::DeliverLater`].
    delivery: Option<gloo::timers::callback::Timeout>,
    deliver: Callback<Vec<Done>>,
    /// Told each worker's warm-up report, or `None` when there is none (no worker runs
    /// here, or the warm-up gave none).
    warmed: Callback<Option<Rc<crate::model::Report>>>,
}

/// The checking service (cheap to clone; all clones share one pool of workers).
#[derive(Clone)]
pub struct Checker(Rc<RefCell<Inner>>);

impl PartialEq for Checker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The machine's cores, as the browser tells them.
fn cores() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0) as usize
}

impl Checker {
    /// A checker that hands finished jobs to `deliver` (see [`crate::schedule`] for
    /// when). `warmed` is told each worker's warm-up report when it comes, or `None` if
    /// the checks run on the page or the warm-up gave no report.
    pub fn new(
        deliver: Callback<Vec<Done>>,
        warmed: Callback<Option<Rc<crate::model::Report>>>,
    ) -> Checker {
        Checker(Rc::new(RefCell::new(Inner {
            schedule: Scheduler::new(cores()),
            workers: Vec::new(),
            delivery: None,
            deliver,
            warmed,
        })))
    }

    /// Starts the first worker now, so that the first check does not wait for it.
    pub fn warm_up(&self) {
        self.step(|s| s.warm_up());
    }

    /// Has request `seq` of `doc` been submitted already?
    pub fn submitted(&self, doc: DocId, seq: u32) -> bool {
        self.0.borrow().schedule.submitted(doc, seq)
    }

    /// Starts checking `input` before its job is submitted. A paste calls this from its
    /// `paste` event, with the text the text area will hold once the browser has put
    /// the clipboard's text into it; the job the `input` event then submits takes this
    /// answer, if it asks for the same input.
    ///
    /// A report-sized text ([`CHECKED_AT_PASTE_MAX_BYTES`]) is checked here and now, on
    /// the page: the results are then drawn in the same frame as the pasted text.
    /// Posted to a worker, its answer would wait for that frame to be drawn (Chromium
    /// runs no task between an input event and its frame), and the results would take
    /// a frame of their own after it. Anything larger is posted to a worker with
    /// nothing to do (else not checked early at all), as every other check is.
    pub fn start_early(&self, input: Input) {
        if let Input::Text { text, source } = &input {
            if text.len() <= CHECKED_AT_PASTE_MAX_BYTES {
                let start = now();
                let outcome = worker::run_here(Request::Check(crate::job::Text {
                    text: text.clone(),
                    source: source.clone(),
                }));
                let ms = now() - start;
                self.0
                    .borrow_mut()
                    .schedule
                    .answered_early(input, outcome, ms);
                return;
            }
        }
        self.step(|s| s.post_early(input));
    }

    /// Queues jobs (each replacing one of the same document still waiting).
    pub fn submit(&self, jobs: Vec<Job>) {
        self.step(|s| s.submit(jobs));
    }

    /// Ends document `doc`'s check: a waiting job is dropped; a running one's worker
    /// is terminated (the only way to stop WebAssembly that is running) and a new one
    /// takes the jobs still waiting.
    pub fn cancel(&self, doc: DocId) {
        self.cancel_all(&[doc]);
    }

    /// Ends the checks of `docs` (a batch stopped), as [`Checker::cancel`] ends one.
    pub fn cancel_all(&self, docs: &[DocId]) {
        self.step(|s| s.cancel(docs));
    }

    /// Tells the scheduler an event, then carries out what it says.
    fn step(
        &self,
        event: impl FnOnce(&mut Scheduler<Input, Outcome>) -> Vec<Command<Input, Outcome>>,
    ) {
        let commands = event(&mut self.0.borrow_mut().schedule);
        self.run(commands);
    }

    /// Carries out the scheduler's commands, in order. No borrow is held while a
    /// callback runs (it may submit again).
    fn run(&self, commands: Vec<Command<Input, Outcome>>) {
        for command in commands {
            match command {
                Command::StartWorker(id) => match self.start_worker(id) {
                    Ok(handle) => self.0.borrow_mut().workers.push(handle),
                    Err(_) => self.step(|s| s.start_failed(id)),
                },
                Command::Post { worker, message } => {
                    let posted = {
                        let inner = self.0.borrow();
                        // A job the scheduler has taken back (its worker could not
                        // start, or ended) is not posted.
                        let input = inner.schedule.posted(worker, message);
                        let handle = inner.workers.iter().find(|w| w.id == worker);
                        input
                            .zip(handle)
                            .map(|(input, w)| post(&w.worker, message, input))
                    };
                    if let Some(Err(_)) = posted {
                        self.step(|s| s.post_failed(worker));
                    }
                }
                Command::Terminate(id) => {
                    let mut inner = self.0.borrow_mut();
                    if let Some(i) = inner.workers.iter().position(|w| w.id == id) {
                        stop(&inner.workers.remove(i).worker);
                    }
                }
                Command::RunOnPage(job) => self.run_on_page(job),
                Command::WarmUpPage => worker::warm_up_on_page(),
                Command::NoWorkers => {
                    let warmed = self.0.borrow().warmed.clone();
                    warmed.emit(None);
                }
                Command::Deliver(done) => {
                    let deliver = self.0.borrow().deliver.clone();
                    deliver.emit(done);
                }
                Command::DeliverLater => {
                    let mut inner = self.0.borrow_mut();
                    if inner.delivery.is_none() {
                        let this = self.clone();
                        inner.delivery = Some(gloo::timers::callback::Timeout::new(
                            schedule::DELIVER_EVERY_MS,
                            move || {
                                this.0.borrow_mut().delivery = None;
                                this.step(|s| s.flush());
                            },
                        ));
                    }
                }
                Command::CancelDelivery => self.0.borrow_mut().delivery = None,
            }
        }
    }

    /// Runs `job` on the page, after the current event (the caller may be rendering).
    fn run_on_page(&self, job: Job) {
        let this = self.clone();
        gloo::timers::callback::Timeout::new(0, move || {
            let start = now();
            let unread = |_| -> js_sys::Promise { js_sys::Promise::resolve(&internal_error()) };
            let read = match &job.input {
                Input::File { name, bytes } => {
                    Some(
                        bytes
                            .blob()
                            .map_or_else(unread, |blob| match bytes.entry() {
                                Some(entry) => read_entry(&readers_location(), &blob, &entry, name),
                                None => read_file(&readers_location(), &blob, name),
                            }),
                    )
                }
                Input::Archive { bytes } => Some(
                    bytes
                        .blob()
                        .map_or_else(unread, |blob| unzip_reports(&readers_location(), &blob)),
                ),
                Input::Text { .. } | Input::Html { .. } => None,
            };
            let Some(read) = read else {
                let outcome = job.input.request().map_or_else(
                    || Outcome::Unreadable(INTERNAL_ERROR.to_owned()),
                    worker::run_here,
                );
                this.finish_on_page(job, outcome, start);
                return;
            };
            // The readers' module is loaded (once) and reads the file; the check follows
            // when it has: its text comes as a request, as it does in the worker.
            let then = Closure::once_into_js(move |read: JsValue| {
                let request = js_sys::Reflect::get(&read, &"request".into())
                    .ok()
                    .and_then(|r| r.as_string())
                    .map(|json| serde_json::from_str::<Request>(&json));
                let outcome = match request {
                    Some(Ok(request)) => worker::run_here(request),
                    Some(Err(_)) => Outcome::Unreadable(INTERNAL_ERROR.to_owned()),
                    None => worker::outcome_of(&read),
                };
                this.finish_on_page(job, outcome, start);
            });
            // A reader that failed (a trap in its module) ends the job as the checker's
            // failure, as a worker's does.
            let fail = Closure::once_into_js(move |_: JsValue| -> JsValue { internal_error() });
            let read = call_then(&read, &JsValue::UNDEFINED, &fail);
            let _ =
                read.and_then(|read| call_then(&read.unchecked_into(), &then, &JsValue::UNDEFINED));
        })
        .forget();
    }

    fn finish_on_page(&self, job: Job, outcome: Outcome, start: f64) {
        let ms = now() - start;
        self.step(|s| s.page_done(job, outcome, ms));
    }

    fn start_worker(&self, id: WorkerId) -> Result<WorkerHandle, JsValue> {
        let glue = glue_url();
        let quoted = |url: &str| serde_json::to_string(url).unwrap_or_default();
        let script = format!(
            "import * as core from {};\nimport {{ readFile, readEntry, unzipReports }} from {};\n{WORKER_JS}",
            quoted(&glue),
            quoted(&read_file_url())
        );
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let mut script_url = None;
        let worker = if glue.starts_with("data:") {
            // The offline file (scripts/build-offline): its modules are data: URLs, which
            // only a worker started from a data: URL may import.
            let url = format!(
                "data:text/javascript;charset=utf-8,{}",
                js_sys::encode_uri_component(&script)
            );
            web_sys::Worker::new_with_options(&url, &options)?
        } else {
            let parts = js_sys::Array::of1(&script.into());
            let blob_options = web_sys::BlobPropertyBag::new();
            blob_options.set_type("text/javascript");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &blob_options)?;
            let url = BlobUrl(web_sys::Url::create_object_url_with_blob(&blob)?);
            let worker = web_sys::Worker::new_with_options(&url.0, &options)?;
            script_url = Some(url);
            worker
        };
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
        js_sys::Reflect::set(&init, &"readers".into(), &readers_location())?;
        worker.post_message(&init)?;

        let on_message: Handler = {
            let this = self.clone();
            Closure::new(move |event: web_sys::MessageEvent| this.on_reply(id, event.data()))
        };
        let on_error: ErrorHandler = {
            let this = self.clone();
            Closure::new(move |event: web_sys::Event| {
                event.prevent_default();
                this.step(|s| s.worker_failed(id));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerHandle {
            id,
            worker,
            _handlers: (on_message, on_error),
            script: script_url,
        })
    }

    fn on_reply(&self, id: WorkerId, reply: JsValue) {
        {
            let mut inner = self.0.borrow_mut();
            let Some(handle) = inner.workers.iter_mut().find(|w| w.id == id) else {
                return; // a worker already ended
            };
            handle.script = None;
        }
        // The worker's warm-up report: decoded once so that the page's code for reading
        // reports back is compiled before the first real one comes (see worker::warm_up_jobs).
        if let Some(warm) = js_sys::Reflect::get(&reply, &"warmUp".into())
            .ok()
            .and_then(|r| r.as_string())
        {
            self.step(|s| s.warmed_up(id));
            let warmed = self.0.borrow().warmed.clone();
            let report = serde_json::from_str::<crate::job::Reply<String>>(&warm)
                .ok()
                .and_then(|reply| reply.report)
                .and_then(|report| crate::report::transfer::decode(&report).ok());
            warmed.emit(report.map(Rc::new));
            return;
        }
        let field = |name: &str| js_sys::Reflect::get(&reply, &name.into()).ok();
        let Some(message) = field("id").and_then(|v| v.as_f64()) else {
            return;
        };
        let ms = field("ms").and_then(|v| v.as_f64()).unwrap_or(0.0);
        let reply = if field("broken").is_some_and(|v| v.is_truthy()) {
            Reply::Broken { ms }
        } else {
            Reply::Answer {
                outcome: worker::outcome_of(&reply),
                ms,
            }
        };
        self.step(|s| s.replied(id, MessageId(message as u32), reply));
    }
}

fn stop(worker: &web_sys::Worker) {
    worker.set_onmessage(None);
    worker.set_onerror(None);
    worker.terminate();
}

/// An object URL, revoked when dropped.
struct BlobUrl(String);

impl Drop for BlobUrl {
    fn drop(&mut self) {
        let _ = web_sys::Url::revoke_object_url(&self.0);
    }
}

/// `{ error }`: what a job that failed inside the checker answers.
fn internal_error() -> JsValue {
    let error = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&error, &"error".into(), &INTERNAL_ERROR.into());
    error.into()
}

/// Posts `input` to `worker` as message number `message`: `{ id, request }` (a
/// [`Request`] as JSON), `{ id, file, name, entry }` (a file's `Blob`, passed by
/// reference and read by the worker; a report of an archive with how its slice of the
/// archive is stored) or `{ id, archive }` (an archive's `Blob`, to list).
fn post(worker: &web_sys::Worker, message: MessageId, input: &Input) -> Result<(), JsValue> {
    let m = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&m, &key.into(), value);
    set("id", &message.0.into())?;
    match input {
        Input::File { name, bytes } => {
            set("file", &bytes.blob()?.into())?;
            set("name", &name.as_str().into())?;
            if let Some(entry) = bytes.entry() {
                set("entry", &entry)?;
            }
        }
        Input::Archive { bytes } => {
            set("archive", &bytes.blob()?.into())?;
        }
        Input::Text { .. } | Input::Html { .. } => {
            let request = input.request().map(|r| serde_json::to_string(&r));
            let request = request.and_then(Result::ok).unwrap_or_default();
            set("request", &request.into())?;
        }
    }
    worker.post_message(&m)
}
