//! The page's checking service: every read and check runs in a Web Worker, so that no
//! file, however hostile, can freeze the tab, and a check that runs too long can be
//! ended (the worker is terminated and a new one started).
//!
//! The worker runs the page's own WebAssembly module (compiled once by the page and
//! posted to it), so a check costs no second download. Each worker runs one job at a
//! time; a reviewer's batch is spread over as many workers as the machine has cores
//! (up to four), and what they finish is handed to the page together, a few times a
//! second, so that a thousand reports do not render the page a thousand times. A newer
//! job for a document replaces its older one still waiting. Where no worker can start
//! (a host page's policy forbids it), the jobs run on the page, as before.
//!
//! One check runs on the page by choice: a plain paste of report size, at its `paste`
//! event, so that its results are drawn in the same frame as the pasted text
//! ([`Checker::start_early`]; bounded by [`CHECKED_AT_PASTE_MAX_BYTES`]).

use super::state::{DocId, FileBytes};
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
    /// A file, to read and then check.
    File {
        /// The file's name.
        name: String,
        /// Where its bytes are.
        bytes: FileBytes,
    },
    /// A .zip archive: its report files are listed (the page then checks each as a
    /// file of its own).
    Archive {
        /// Where its bytes are.
        bytes: FileBytes,
    },
}

/// A job's arguments as the worker takes them (see [`worker::run_check_job`]).
struct Fields<'a> {
    kind: &'static str,
    name: &'a str,
    text: &'a str,
    source: String,
    bytes: Option<&'a FileBytes>,
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
            bytes: None,
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
                bytes: Some(bytes),
                ..none
            },
            Input::Archive { bytes } => Fields {
                kind: "unzip",
                bytes: Some(bytes),
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
    /// Did its check start at the paste event, ahead of the job
    /// ([`Checker::start_early`])?
    pub early: bool,
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
    /// Reads a file (its bytes, or the picked `Blob`) with the file readers' module,
    /// loaded on first use from `location` (see [`readers_location`]); resolves to
    /// `{text, source}` or `{error}`.
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

/// Where a module loaded on first use is: `globalThis[given]` where the page says so
/// (the offline file, which inlines it), else `path` beside the page's own module.
pub fn module_location(given: &str, path: &str) -> JsValue {
    let given =
        js_sys::Reflect::get(&js_sys::global(), &given.into()).unwrap_or(JsValue::UNDEFINED);
    if given.is_object() {
        return given;
    }
    let location = js_sys::Object::new();
    let glue = IMPORT_META.with(ImportMeta::url);
    if let Ok(url) = web_sys::Url::new_with_base(path, &glue) {
        let _ = js_sys::Reflect::set(&location, &"glue".into(), &url.href().into());
    }
    location.into()
}

/// Where the file readers' module is (see [`module_location`]).
fn readers_location() -> JsValue {
    module_location("nianbaoReaders", "readers/nianbao_readers.js")
}

/// What a check that failed inside the checker says.
const INTERNAL_ERROR: &str = "检查时发生内部错误，未能完成。请保存此文件并反馈给维护人员。";

/// The worker's script (see its comments).
const WORKER_JS: &str = include_str!("../../www/check-worker.js");

/// While more jobs wait, finished ones are handed over together at most this often:
/// a batch of a thousand reports then renders the page a few dozen times, not a
/// thousand.
const DELIVER_EVERY_MS: u32 = 120;

/// The largest text a paste has checked on the page, at its `paste` event (see
/// [`Checker::start_early`]), in UTF-8 bytes: three times a long report (a county
/// bureau's is 5–20 KB, a ministry's with its tables up to about 40 KB). The most
/// hostile texts of this size take 3–11 ms natively (`cargo bench -- hostile_paste`)
/// and 15–50 ms on the page in headless Chromium: a frame or three, never a frozen tab.
pub const CHECKED_AT_PASTE_MAX_BYTES: usize = 128 * 1024;

/// The most workers a batch is spread over (each holds its own copy of the checker).
const MAX_WORKERS: usize = 4;

/// Jobs a worker is given at once when every worker is busy: the second waits in the
/// worker, so that it does not idle while the page takes in the first one's report.
const PER_WORKER: usize = 2;

type Handler = Closure<dyn FnMut(web_sys::MessageEvent)>;
type ErrorHandler = Closure<dyn FnMut(web_sys::Event)>;

struct Running {
    message: u32,
    /// The job, kept to run it again (elsewhere) if its worker is ended or cannot start.
    job: Job,
    /// It was posted ahead of the job, from a paste event.
    early: bool,
}

/// One worker of the pool, running one job, with at most one more waiting in it.
struct Slot {
    /// Tells this slot's replies from those of a worker it replaced.
    id: u32,
    worker: web_sys::Worker,
    /// The worker has answered at least once (so workers can start here).
    answered: bool,
    _handlers: (Handler, ErrorHandler),
    /// The `blob:` URL the worker was started from, revoked once it has answered (or has
    /// ended): Chromium 80–92 fail a module worker whose URL is revoked before it loaded.
    _script: Option<BlobUrl>,
    /// Its jobs, oldest (the one running) first.
    running: VecDeque<Running>,
}

/// A check started ahead of its job, from a paste event (see [`Checker::start_early`]).
struct Early {
    /// What it checks: the job that asks for exactly this takes its answer.
    input: Input,
    /// Where it is.
    answer: EarlyAnswer,
}

/// Where an early check is.
enum EarlyAnswer {
    /// Running in a worker: posted as `message` to the worker of slot `slot_id`.
    Posted { message: u32, slot_id: u32 },
    /// Answered, in `ms` milliseconds, in a worker or on the page.
    Answered {
        outcome: Outcome,
        ms: f64,
        in_worker: bool,
    },
}

struct Inner {
    slots: Vec<Slot>,
    /// No worker can start here: run on the page.
    on_page: bool,
    /// A job is running on the page.
    page_busy: bool,
    queue: VecDeque<Job>,
    submitted: HashMap<DocId, u32>,
    next_message: u32,
    next_slot: u32,
    /// A check started before it was asked for (see [`Checker::start_early`]).
    early: Option<Early>,
    /// The page has checked the warm-up reports itself (see [`Inner::warm_up_page`]).
    page_warmed: bool,
    /// Finished jobs not handed over yet, and the timer that will.
    ready: Vec<Done>,
    flush: Option<gloo::timers::callback::Timeout>,
    deliver: Callback<Vec<Done>>,
    /// Told each worker's warm-up report, or `None` when there is none (no worker runs
    /// here, or the warm-up gave none).
    warmed: Callback<Option<Rc<crate::Report>>>,
}

impl Inner {
    /// Ends a worker; the jobs still in it go back to the front of the queue, in their
    /// order.
    fn end_worker(&mut self, slot: Slot) {
        stop(&slot.worker);
        if self.early.as_ref().is_some_and(
            |e| matches!(e.answer, EarlyAnswer::Posted { slot_id, .. } if slot_id == slot.id),
        ) {
            self.early = None;
        }
        for r in slot.running.into_iter().rev() {
            self.queue.push_front(r.job);
        }
    }

    /// No worker can run here after all: every worker ends, and its jobs and the rest
    /// run on the page.
    fn run_on_page_from_now(&mut self) {
        for slot in std::mem::take(&mut self.slots) {
            self.end_worker(slot);
        }
        self.on_page = true;
        self.warm_up_page();
        self.warmed.emit(None);
    }

    /// A paste is checked on the page ([`Checker::start_early`]): the page's own
    /// instance checks the warm-up reports once too, so that what a first check sets up
    /// (the templates, the recognition words) is not paid by the user's first paste.
    /// Called when the first worker has warmed up (it has compiled the code they share)
    /// or when it is known that no worker runs here.
    fn warm_up_page(&mut self) {
        if !self.page_warmed {
            self.page_warmed = true;
            worker::warm_up_on_page();
        }
    }

    /// A worker that has started and can take one more job, the least busy.
    fn least_busy(&self) -> Option<usize> {
        (0..self.slots.len())
            .filter(|&i| self.slots[i].answered && self.slots[i].running.len() < PER_WORKER)
            .min_by_key(|&i| self.slots[i].running.len())
    }

    fn busy(&self) -> bool {
        self.page_busy || self.slots.iter().any(|s| !s.running.is_empty())
    }
}

/// The checking service (cheap to clone; all clones share one pool of workers).
#[derive(Clone)]
pub struct Checker(Rc<RefCell<Inner>>);

impl PartialEq for Checker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// How many workers a batch may use: the machine's cores, within [`MAX_WORKERS`].
fn max_workers() -> usize {
    let cores = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0) as usize;
    cores.clamp(1, MAX_WORKERS)
}

impl Checker {
    /// A checker that hands finished jobs to `deliver`: each at once when nothing else
    /// waits, else together every [`DELIVER_EVERY_MS`]. `warmed` is told each worker's
    /// warm-up report when it comes, or `None` if the checks run on the page or the
    /// warm-up gave no report.
    pub fn new(
        deliver: Callback<Vec<Done>>,
        warmed: Callback<Option<Rc<crate::Report>>>,
    ) -> Checker {
        Checker(Rc::new(RefCell::new(Inner {
            slots: Vec::new(),
            on_page: false,
            page_busy: false,
            queue: VecDeque::new(),
            submitted: HashMap::new(),
            next_message: 0,
            next_slot: 0,
            early: None,
            page_warmed: false,
            ready: Vec::new(),
            flush: None,
            deliver,
            warmed,
        })))
    }

    /// Starts the first worker now, so that the first check does not wait for it.
    pub fn warm_up(&self) {
        let mut inner = self.0.borrow_mut();
        if !inner.on_page && inner.slots.is_empty() && self.start_worker(&mut inner).is_err() {
            inner.run_on_page_from_now();
        }
    }

    /// Has request `seq` of `doc` been submitted already?
    pub fn submitted(&self, doc: DocId, seq: u32) -> bool {
        self.0.borrow().submitted.get(&doc) == Some(&seq)
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
        let mut inner = self.0.borrow_mut();
        inner.early = None;
        if let Input::Text { text, source } = &input {
            if text.len() <= CHECKED_AT_PASTE_MAX_BYTES {
                let start = now();
                let outcome = worker::check_text(text, source.clone());
                let ms = now() - start;
                inner.early = Some(Early {
                    input,
                    answer: EarlyAnswer::Answered {
                        outcome,
                        ms,
                        in_worker: false,
                    },
                });
                return;
            }
        }
        if inner.on_page || !inner.queue.is_empty() {
            return;
        }
        let Some(slot) = inner.slots.iter().position(|s| s.running.is_empty()) else {
            return;
        };
        let message = inner.next_message;
        inner.next_message += 1;
        if post(&inner.slots[slot].worker, message, &input).is_ok() {
            inner.early = Some(Early {
                input,
                answer: EarlyAnswer::Posted {
                    message,
                    slot_id: inner.slots[slot].id,
                },
            });
        }
    }

    /// Queues jobs (each replacing one of the same document still waiting). A batch's
    /// thousands come together: the queue is gone through once for all of them.
    pub fn submit(&self, mut jobs: Vec<Job>) {
        let early = self.0.borrow_mut().early.take();
        if let Some(early) = early {
            match jobs.iter().position(|job| job.input == early.input) {
                Some(i) => {
                    let job = jobs.remove(i);
                    self.0.borrow_mut().submitted.insert(job.doc, job.seq);
                    self.take_early(early, job);
                }
                None => self.0.borrow_mut().early = Some(early),
            }
            // Asked for anything else, the early answer no longer serves.
            if !jobs.is_empty() {
                self.0.borrow_mut().early = None;
            }
        }
        if jobs.is_empty() {
            return;
        }
        {
            let mut inner = self.0.borrow_mut();
            let docs: std::collections::HashSet<DocId> = jobs.iter().map(|j| j.doc).collect();
            inner.queue.retain(|queued| !docs.contains(&queued.doc));
            for job in jobs {
                inner.submitted.insert(job.doc, job.seq);
                inner.queue.push_back(job);
            }
        }
        self.pump();
    }

    /// `job` asks for what `early` checks: its answer is `job`'s, now if it has come,
    /// else when it comes (the job runs in `early`'s worker as if posted there).
    fn take_early(&self, early: Early, job: Job) {
        let (outcome, ms, in_worker) = match early.answer {
            EarlyAnswer::Answered {
                outcome,
                ms,
                in_worker,
            } => (outcome, ms, in_worker),
            EarlyAnswer::Posted { message, slot_id } => {
                let mut inner = self.0.borrow_mut();
                if let Some(slot) = inner.slots.iter_mut().find(|s| s.id == slot_id) {
                    slot.running.push_back(Running {
                        message,
                        job,
                        early: true,
                    });
                } else {
                    // Its worker ended in between: run the job as any other.
                    drop(inner);
                    self.submit(vec![job]);
                }
                return;
            }
        };
        self.finished(Done {
            doc: job.doc,
            seq: job.seq,
            outcome,
            ms,
            in_worker,
            early: true,
        });
        self.pump();
    }

    /// Ends document `doc`'s check: a waiting job is dropped; a running one's worker
    /// is terminated (the only way to stop WebAssembly that is running) and a new one
    /// takes the jobs still waiting.
    pub fn cancel(&self, doc: DocId) {
        self.cancel_all(&[doc]);
    }

    /// Ends the checks of `docs` (a batch stopped), as [`Checker::cancel`] ends one:
    /// the waiting ones first, so that ending a worker does not start them elsewhere.
    pub fn cancel_all(&self, docs: &[DocId]) {
        // A batch stops thousands at once: looked up in a set, handed over together.
        let docs: std::collections::HashSet<DocId> = docs.iter().copied().collect();
        let cancelled = {
            let mut inner = self.0.borrow_mut();
            let mut cancelled: Vec<(DocId, u32)> = Vec::new();
            inner.queue.retain(|job| {
                let ends = docs.contains(&job.doc);
                if ends {
                    cancelled.push((job.doc, job.seq));
                }
                !ends
            });
            let (ending, kept): (Vec<Slot>, Vec<Slot>) = std::mem::take(&mut inner.slots)
                .into_iter()
                .partition(|s| s.running.iter().any(|r| docs.contains(&r.job.doc)));
            inner.slots = kept;
            for mut slot in ending {
                slot.running.retain(|r| {
                    let ends = docs.contains(&r.job.doc);
                    if ends {
                        cancelled.push((r.job.doc, r.job.seq));
                    }
                    !ends
                });
                // A job in the same worker that was not asked to end runs again first.
                inner.end_worker(slot);
            }
            cancelled
        };
        let mut cancelled = cancelled.into_iter().map(|(doc, seq)| Done {
            doc,
            seq,
            outcome: Outcome::Cancelled,
            ms: 0.0,
            in_worker: true,
            early: false,
        });
        // All but the last wait with the finished ones; the last hands them all over.
        if let Some(last) = cancelled.next_back() {
            self.0.borrow_mut().ready.extend(cancelled);
            self.finished(last);
        }
        self.pump();
    }

    /// Hands `done` over: at once when nothing else is waiting or running, else with
    /// the others finished by the next delivery.
    fn finished(&self, done: Done) {
        let mut inner = self.0.borrow_mut();
        inner.ready.push(done);
        let more = !inner.queue.is_empty() || inner.busy();
        if !more {
            inner.flush = None;
            let ready = std::mem::take(&mut inner.ready);
            let deliver = inner.deliver.clone();
            drop(inner);
            deliver.emit(ready);
        } else if inner.flush.is_none() {
            let this = self.clone();
            inner.flush = Some(gloo::timers::callback::Timeout::new(
                DELIVER_EVERY_MS,
                move || {
                    let (ready, deliver) = {
                        let mut inner = this.0.borrow_mut();
                        inner.flush = None;
                        (std::mem::take(&mut inner.ready), inner.deliver.clone())
                    };
                    if !ready.is_empty() {
                        deliver.emit(ready);
                    }
                },
            ));
        }
    }

    /// Starts waiting jobs on idle workers, starting more workers (up to the machine's
    /// cores) while jobs still wait.
    fn pump(&self) {
        loop {
            let mut inner = self.0.borrow_mut();
            if inner.queue.is_empty() {
                return;
            }
            if inner.on_page {
                if inner.page_busy {
                    return;
                }
                let job = inner.queue.pop_front().expect("not empty");
                inner.page_busy = true;
                drop(inner);
                self.run_on_page(job);
                return;
            }
            let idle = inner.slots.iter().position(|s| s.running.is_empty());
            let slot = match idle {
                Some(i) => i,
                None if inner.slots.len() < max_workers()
                    // More workers only once the first has shown it can start here.
                    && (inner.slots.is_empty() || inner.slots.iter().any(|s| s.answered)) =>
                {
                    match self.start_worker(&mut inner) {
                        Ok(()) => inner.slots.len() - 1,
                        Err(_) if inner.slots.is_empty() => {
                            inner.on_page = true;
                            continue;
                        }
                        Err(_) => match inner.least_busy() {
                            Some(i) => i,
                            None => return,
                        },
                    }
                }
                None => match inner.least_busy() {
                    Some(i) => i,
                    None => return,
                },
            };
            let job = inner.queue.pop_front().expect("not empty");
            let message = inner.next_message;
            inner.next_message += 1;
            if post(&inner.slots[slot].worker, message, &job.input).is_err() {
                // The worker refused the message: run this job, and the rest, on the page.
                inner.run_on_page_from_now();
                inner.queue.push_front(job);
                continue;
            }
            inner.slots[slot].running.push_back(Running {
                message,
                job,
                early: false,
            });
        }
    }

    /// Runs `job` on the page, after the current event (the caller may be rendering).
    fn run_on_page(&self, job: Job) {
        let this = self.clone();
        gloo::timers::callback::Timeout::new(0, move || {
            let start = now();
            let unread = |_| -> js_sys::Promise {
                let error = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&error, &"error".into(), &INTERNAL_ERROR.into());
                let error: JsValue = error.into();
                js_sys::Promise::resolve(&error)
            };
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
                _ => None,
            };
            if let Some(read) = read {
                // The readers' module is loaded (once) and reads the file; the check
                // follows when it has.
                let is_file = matches!(job.input, Input::File { .. });
                let then = Closure::once_into_js(move |read: JsValue| {
                    let reply = match js_sys::Reflect::get(&read, &"text".into()) {
                        Ok(text) if is_file && text.is_string() => {
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
        self.0.borrow_mut().page_busy = false;
        self.finished(Done {
            doc: job.doc,
            seq: job.seq,
            outcome: worker::outcome_of(&reply),
            ms: now() - start,
            in_worker: false,
            early: false,
        });
        self.pump();
    }

    fn start_worker(&self, inner: &mut Inner) -> Result<(), JsValue> {
        let glue = IMPORT_META.with(ImportMeta::url);
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

        let id = inner.next_slot;
        inner.next_slot += 1;
        let on_message: Handler = {
            let this = self.clone();
            Closure::new(move |event: web_sys::MessageEvent| this.on_reply(id, event.data()))
        };
        let on_error: ErrorHandler = {
            let this = self.clone();
            Closure::new(move |event: web_sys::Event| {
                event.prevent_default();
                this.on_worker_failed(id);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        inner.slots.push(Slot {
            id,
            worker,
            answered: false,
            _handlers: (on_message, on_error),
            _script: script_url,
            running: VecDeque::new(),
        });
        Ok(())
    }

    fn on_reply(&self, slot_id: u32, reply: JsValue) {
        let mut inner = self.0.borrow_mut();
        let Some(slot) = inner.slots.iter().position(|s| s.id == slot_id) else {
            return; // a worker already ended
        };
        inner.slots[slot].answered = true;
        inner.slots[slot]._script = None;
        // The worker's warm-up report: decoded once so that the page's code for reading
        // reports back is compiled before the first real one comes (see worker::warm_up_jobs).
        if let Some(report) = js_sys::Reflect::get(&reply, &"warmUp".into())
            .ok()
            .and_then(|r| r.as_string())
        {
            inner.warm_up_page();
            let warmed = inner.warmed.clone();
            drop(inner);
            warmed.emit(crate::report::transfer::decode(&report).ok().map(Rc::new));
            self.pump();
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
        let Some(at) = inner.slots[slot]
            .running
            .iter()
            .position(|r| Some(r.message as f64) == id)
        else {
            // An early check, its job not submitted yet: kept for it (a trap leaves
            // nothing to keep; the job then runs as any other).
            let early = inner.early.as_ref().and_then(|e| match e.answer {
                EarlyAnswer::Posted { message, .. } => Some(message as f64),
                EarlyAnswer::Answered { .. } => None,
            });
            if early.is_some() && early == id {
                if broken {
                    inner.early = None;
                    let slot = inner.slots.remove(slot);
                    inner.end_worker(slot);
                    drop(inner);
                    self.pump();
                } else if let Some(early) = inner.early.as_mut() {
                    early.answer = EarlyAnswer::Answered {
                        outcome: worker::outcome_of(&reply),
                        ms,
                        in_worker: true,
                    };
                }
            }
            return;
        };
        let running = inner.slots[slot].running.remove(at).expect("found");
        if broken {
            // A trap: this instance cannot be trusted any more; its other job, and the
            // next ones, go to another.
            let slot = inner.slots.remove(slot);
            inner.end_worker(slot);
        }
        drop(inner);
        let outcome = if broken {
            Outcome::Unreadable(INTERNAL_ERROR.into())
        } else {
            worker::outcome_of(&reply)
        };
        self.finished(Done {
            doc: running.job.doc,
            seq: running.job.seq,
            outcome,
            ms,
            in_worker: true,
            early: running.early,
        });
        self.pump();
    }

    /// A worker failed to load or died: before any worker ever answered, this page
    /// cannot run workers, so the jobs run on the page; after, the job it was running is
    /// reported failed and the one waiting in it runs again elsewhere.
    fn on_worker_failed(&self, slot_id: u32) {
        let failed = {
            let mut inner = self.0.borrow_mut();
            let Some(i) = inner.slots.iter().position(|s| s.id == slot_id) else {
                return;
            };
            let mut slot = inner.slots.remove(i);
            let any_answered = slot.answered || inner.slots.iter().any(|s| s.answered);
            let running = slot.running.pop_front().map(|r| r.job);
            inner.end_worker(slot);
            if any_answered {
                running
            } else {
                // Even with no job yet (the first worker failed while warming up): the
                // page then knows at once that it checks by itself, and is ready.
                inner.run_on_page_from_now();
                if let Some(running) = running {
                    inner.queue.push_front(running);
                }
                None
            }
        };
        if let Some(job) = failed {
            self.finished(Done {
                doc: job.doc,
                seq: job.seq,
                outcome: Outcome::Unreadable(INTERNAL_ERROR.into()),
                ms: 0.0,
                in_worker: true,
                early: false,
            });
        }
        self.pump();
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

/// Posts `input` to `worker` as message number `message`.
fn post(worker: &web_sys::Worker, message: u32, input: &Input) -> Result<(), JsValue> {
    let m = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&m, &key.into(), value);
    let f = input.fields();
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
    // A file goes as its `Blob` (passed by reference, read by the worker), a report of
    // an archive with how its slice of the archive is stored.
    if let Some(bytes) = f.bytes {
        let blob: JsValue = bytes.blob()?.into();
        set("blob", &blob)?;
        if let Some(entry) = bytes.entry() {
            set("entry", &entry)?;
        }
    }
    worker.post_message(&m)
}

/// `promise.then(resolved, rejected)` with two functions made by
/// `Closure::once_into_js` (each frees itself when called).
pub fn call_then(
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
