//! The page's checking service: every read and check runs in a Web Worker, so that no
//! file, however hostile, can freeze the tab, and a check that runs too long can be
//! ended (the worker is terminated and a new one started).
//!
//! The worker runs the page's own WebAssembly module (compiled once by the page and
//! posted to it), so a check costs no second download. Jobs run one at a time; a newer
//! job for a document replaces its older one still waiting. Where no worker can start
//! (a host page's policy forbids it), the jobs run on the page, as before.

use super::state::DocId;
use super::worker::{self, Outcome};
use crate::Source;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

/// What to check.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Text, read from `source`.
    Text {
        /// The text.
        text: String,
        /// Where it came from.
        source: Source,
    },
    /// A rich paste's HTML, read into text between `before` and `after` (the text
    /// area's text around the paste), then checked.
    Html {
        /// The clipboard's HTML.
        html: Rc<str>,
        /// The text before the paste.
        before: String,
        /// The text after it.
        after: String,
        /// Where the text is (the text area's document).
        source: Source,
    },
    /// A file's bytes, to read and then check.
    File {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Rc<Vec<u8>>,
    },
}

/// A job's arguments as the worker takes them (see [`worker::run_check_job`]).
struct Fields<'a> {
    kind: &'static str,
    name: &'a str,
    text: &'a str,
    source: String,
    bytes: &'a [u8],
    before: &'a str,
    after: &'a str,
}

impl Input {
    fn fields(&self) -> Fields<'_> {
        let source_json = |s: &Source| serde_json::to_string(s).unwrap_or_default();
        let none = Fields {
            kind: "text",
            name: "",
            text: "",
            source: String::new(),
            bytes: &[],
            before: "",
            after: "",
        };
        match self {
            Input::Text { text, source } => Fields {
                name: &source.name,
                text,
                source: source_json(source),
                ..none
            },
            Input::Html {
                html,
                before,
                after,
                source,
            } => Fields {
                kind: "html",
                name: &source.name,
                text: html,
                source: source_json(source),
                before,
                after,
                ..none
            },
            Input::File { name, bytes } => Fields {
                kind: "file",
                name,
                bytes,
                ..none
            },
        }
    }
}

/// One job: the check of one version (`seq`) of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The document.
    pub doc: DocId,
    /// Which request of that document this is; a reply to an older one is dropped.
    pub seq: u32,
    /// What to check.
    pub input: Input,
}

/// A finished job.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// The document.
    pub doc: DocId,
    /// The request it answers.
    pub seq: u32,
    /// What came of it.
    pub outcome: Outcome,
    /// Milliseconds the read and check took in the worker.
    pub ms: f64,
    /// Was it checked in the worker (or, where none could start, on the page)?
    pub in_worker: bool,
}

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    /// `import.meta` of wasm-bindgen's module for the page (its URL is the one the
    /// worker imports).
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

#[wasm_bindgen(module = "/www/read-file.js")]
extern "C" {
    /// Reads a file with the file readers' module, loaded on first use from `location`
    /// (see [`readers_location`]); resolves to `{text, source}` or `{error}`.
    #[wasm_bindgen(js_name = readFile)]
    fn read_file(location: &JsValue, bytes: &[u8], name: &str) -> js_sys::Promise;
    /// The URL of `read-file.js` itself, which the worker imports.
    #[wasm_bindgen(js_name = moduleUrl)]
    fn read_file_url() -> String;
}

/// Where the file readers' module is: `globalThis.nianbaoReaders` where the page says
/// (the offline file, which inlines it), else `readers/` beside the page's own module.
fn readers_location() -> JsValue {
    let given = js_sys::Reflect::get(&js_sys::global(), &"nianbaoReaders".into())
        .unwrap_or(JsValue::UNDEFINED);
    if given.is_object() {
        return given;
    }
    let location = js_sys::Object::new();
    let glue = IMPORT_META.with(ImportMeta::url);
    if let Ok(url) = web_sys::Url::new_with_base("readers/nianbao_readers.js", &glue) {
        let _ = js_sys::Reflect::set(&location, &"glue".into(), &url.href().into());
    }
    location.into()
}

/// What a check that failed inside the checker says.
const INTERNAL_ERROR: &str = "检查时发生内部错误，未能完成。请保存此文件并反馈给维护人员。";

/// The worker's script (see its comments).
const WORKER_JS: &str = include_str!("../../www/check-worker.js");

type Handler = Closure<dyn FnMut(web_sys::MessageEvent)>;
type ErrorHandler = Closure<dyn FnMut(web_sys::Event)>;

struct Running {
    message: u32,
    doc: DocId,
    seq: u32,
    /// The job, kept to run it again on the page if the worker cannot start.
    job: Job,
}

struct Inner {
    worker: Option<web_sys::Worker>,
    /// The worker has answered at least once (so it can start here).
    answered: bool,
    /// No worker can start here: run on the page.
    on_page: bool,
    handlers: Option<(Handler, ErrorHandler)>,
    queue: VecDeque<Job>,
    running: Option<Running>,
    submitted: HashMap<DocId, u32>,
    next_message: u32,
    deliver: Callback<Done>,
}

/// The checking service (cheap to clone; all clones share one worker).
#[derive(Clone)]
pub struct Checker(Rc<RefCell<Inner>>);

impl PartialEq for Checker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Checker {
    /// A checker that hands every finished job to `deliver`.
    pub fn new(deliver: Callback<Done>) -> Checker {
        Checker(Rc::new(RefCell::new(Inner {
            worker: None,
            answered: false,
            on_page: false,
            handlers: None,
            queue: VecDeque::new(),
            running: None,
            submitted: HashMap::new(),
            next_message: 0,
            deliver,
        })))
    }

    /// Starts the worker now, so that the first check does not wait for it.
    pub fn warm_up(&self) {
        let mut inner = self.0.borrow_mut();
        if !inner.on_page && inner.worker.is_none() && self.start_worker(&mut inner).is_err() {
            inner.on_page = true;
        }
    }

    /// Has request `seq` of `doc` been submitted already?
    pub fn submitted(&self, doc: DocId, seq: u32) -> bool {
        self.0.borrow().submitted.get(&doc) == Some(&seq)
    }

    /// Queues a job (replacing one of the same document still waiting).
    pub fn submit(&self, job: Job) {
        {
            let mut inner = self.0.borrow_mut();
            inner.submitted.insert(job.doc, job.seq);
            inner.queue.retain(|queued| queued.doc != job.doc);
            inner.queue.push_back(job);
        }
        self.pump();
    }

    /// Ends document `doc`'s check: a waiting job is dropped; a running one's worker
    /// is terminated (the only way to stop WebAssembly that is running) and a new one
    /// takes the jobs still waiting.
    pub fn cancel(&self, doc: DocId) {
        let cancelled = {
            let mut inner = self.0.borrow_mut();
            let waiting = inner
                .queue
                .iter()
                .position(|job| job.doc == doc)
                .and_then(|i| inner.queue.remove(i))
                .map(|job| job.seq);
            let running = match &inner.running {
                Some(r) if r.doc == doc => inner.running.take().map(|r| r.seq),
                _ => None,
            };
            if running.is_some() {
                inner.stop_worker();
            }
            running.or(waiting)
        };
        if let Some(seq) = cancelled {
            let deliver = self.0.borrow().deliver.clone();
            deliver.emit(Done {
                doc,
                seq,
                outcome: Outcome::Cancelled,
                ms: 0.0,
                in_worker: true,
            });
        }
        self.pump();
    }

    /// Starts the next job if none is running.
    fn pump(&self) {
        let mut inner = self.0.borrow_mut();
        if inner.running.is_some() {
            return;
        }
        let Some(job) = inner.queue.pop_front() else {
            return;
        };
        if !inner.on_page && inner.worker.is_none() && self.start_worker(&mut inner).is_err() {
            inner.on_page = true;
        }
        if inner.on_page {
            drop(inner);
            self.run_on_page(job);
            return;
        }
        let message = inner.next_message;
        inner.next_message += 1;
        let posted = inner
            .worker
            .as_ref()
            .map(|w| post(w, message, &job))
            .unwrap_or(Err(JsValue::NULL));
        if posted.is_err() {
            // The worker refused the message: run this job, and the rest, on the page.
            inner.stop_worker();
            inner.on_page = true;
            drop(inner);
            self.run_on_page(job);
            return;
        }
        inner.running = Some(Running {
            message,
            doc: job.doc,
            seq: job.seq,
            job,
        });
    }

    /// Runs `job` on the page, after the current event (the caller may be rendering).
    fn run_on_page(&self, job: Job) {
        let this = self.clone();
        gloo::timers::callback::Timeout::new(0, move || {
            let start = now();
            if let Input::File { name, bytes } = &job.input {
                // The readers' module is loaded (once) and reads the file; the check
                // follows when it has.
                let read = read_file(&readers_location(), bytes, name);
                let then = Closure::once_into_js(move |read: JsValue| {
                    let reply = match js_sys::Reflect::get(&read, &"text".into()) {
                        Ok(text) if text.is_string() => {
                            let source = js_sys::Reflect::get(&read, &"source".into())
                                .ok()
                                .and_then(|s| s.as_string())
                                .unwrap_or_default();
                            let text = text.as_string().unwrap_or_default();
                            worker::run_check_job("read", &text, &source, "", "")
                        }
                        _ => read,
                    };
                    this.finish_on_page(job, reply, start);
                });
                let fail = {
                    let error = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&error, &"error".into(), &INTERNAL_ERROR.into());
                    Closure::once_into_js(move |_: JsValue| -> JsValue { error.into() })
                };
                let _ = call_then(&read, &then, &fail);
                return;
            }
            let f = job.input.fields();
            let reply = worker::run_check_job(f.kind, f.text, &f.source, f.before, f.after);
            this.finish_on_page(job, reply, start);
        })
        .forget();
    }

    fn finish_on_page(&self, job: Job, reply: JsValue, start: f64) {
        let done = Done {
            doc: job.doc,
            seq: job.seq,
            outcome: worker::outcome_of(&reply),
            ms: now() - start,
            in_worker: false,
        };
        let deliver = self.0.borrow().deliver.clone();
        deliver.emit(done);
        self.pump();
    }

    fn start_worker(&self, inner: &mut Inner) -> Result<(), JsValue> {
        let glue = IMPORT_META.with(ImportMeta::url);
        let quoted = |url: &str| serde_json::to_string(url).unwrap_or_default();
        let script = format!(
            "import * as core from {};\nimport {{ readFile }} from {};\n{WORKER_JS}",
            quoted(&glue),
            quoted(&read_file_url())
        );
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
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
            let url = web_sys::Url::create_object_url_with_blob(&blob)?;
            let worker = web_sys::Worker::new_with_options(&url, &options);
            let _ = web_sys::Url::revoke_object_url(&url);
            worker?
        };
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
        js_sys::Reflect::set(&init, &"readers".into(), &readers_location())?;
        worker.post_message(&init)?;

        let on_message: Handler = {
            let this = self.clone();
            Closure::new(move |event: web_sys::MessageEvent| this.on_reply(event.data()))
        };
        let on_error: ErrorHandler = {
            let this = self.clone();
            Closure::new(move |event: web_sys::Event| {
                event.prevent_default();
                this.on_worker_failed();
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        inner.worker = Some(worker);
        inner.answered = false;
        inner.handlers = Some((on_message, on_error));
        Ok(())
    }

    fn on_reply(&self, reply: JsValue) {
        // The worker's warm-up report: decoded once so that the page's code for reading
        // reports back is compiled before the first real one comes (see worker::warm_up).
        if let Some(report) = js_sys::Reflect::get(&reply, &"warmUp".into())
            .ok()
            .and_then(|r| r.as_string())
        {
            self.0.borrow_mut().answered = true;
            let _ = crate::report::transfer::decode(&report);
            return;
        }
        let id = js_sys::Reflect::get(&reply, &"id".into())
            .ok()
            .and_then(|v| v.as_f64());
        let broken = js_sys::Reflect::get(&reply, &"broken".into())
            .map(|v| v.is_truthy())
            .unwrap_or(false);
        let ms = js_sys::Reflect::get(&reply, &"ms".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let done = {
            let mut inner = self.0.borrow_mut();
            inner.answered = true;
            match inner.running.take() {
                Some(running) if Some(running.message as f64) == id => {
                    if broken {
                        inner.stop_worker();
                    }
                    let outcome = if broken {
                        Outcome::Unreadable(INTERNAL_ERROR.into())
                    } else {
                        worker::outcome_of(&reply)
                    };
                    Some((
                        Done {
                            doc: running.doc,
                            seq: running.seq,
                            outcome,
                            ms,
                            in_worker: true,
                        },
                        inner.deliver.clone(),
                    ))
                }
                other => {
                    inner.running = other;
                    None
                }
            }
        };
        if let Some((done, deliver)) = done {
            deliver.emit(done);
        }
        self.pump();
    }

    /// The worker failed to load or died: before it ever answered, this page cannot
    /// run workers, so its job runs on the page; after, the job is reported failed.
    fn on_worker_failed(&self) {
        let (running, answered, deliver) = {
            let mut inner = self.0.borrow_mut();
            let answered = inner.answered;
            inner.stop_worker();
            if !answered {
                inner.on_page = true;
            }
            (inner.running.take(), answered, inner.deliver.clone())
        };
        match running {
            Some(running) if !answered => self.run_on_page(running.job),
            Some(running) => deliver.emit(Done {
                doc: running.doc,
                seq: running.seq,
                outcome: Outcome::Unreadable(INTERNAL_ERROR.into()),
                ms: 0.0,
                in_worker: true,
            }),
            None => {}
        }
        self.pump();
    }
}

impl Inner {
    fn stop_worker(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.handlers = None;
    }
}

fn post(worker: &web_sys::Worker, message: u32, job: &Job) -> Result<(), JsValue> {
    let m = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&m, &key.into(), value);
    let f = job.input.fields();
    set("id", &message.into())?;
    for (key, value) in [
        ("kind", f.kind),
        ("name", f.name),
        ("text", f.text),
        ("source", f.source.as_str()),
        ("before", f.before),
        ("after", f.after),
    ] {
        set(key, &value.into())?;
    }
    if f.bytes.is_empty() {
        return worker.post_message(&m);
    }
    let array = js_sys::Uint8Array::from(f.bytes);
    set("bytes", &array)?;
    // The copy's buffer moves to the worker rather than being copied again.
    worker.post_message_with_transfer(&m, &js_sys::Array::of1(&array.buffer()))
}

/// `promise.then(resolved, rejected)` with two functions made by
/// `Closure::once_into_js` (each frees itself when called).
fn call_then(
    promise: &js_sys::Promise,
    resolved: &JsValue,
    rejected: &JsValue,
) -> Result<JsValue, JsValue> {
    let then: js_sys::Function = js_sys::Reflect::get(promise, &"then".into())?.dyn_into()?;
    then.call2(promise, resolved, rejected)
}

/// Milliseconds since the page opened.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
