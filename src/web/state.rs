//! The page's state: the open documents, which one is shown, and what is selected.
//! Every change goes through [`Action`] and [`AppState::reduce`], as in the yew examples.

use super::checker::{Done, Input, Job};
use super::worker::{Outcome, WholeText};
pub use crate::report::summary::SummaryColumn;
use crate::report::summary::SummaryRow;
use crate::{Finding, LineNo, Report, Source};
use std::collections::HashMap;
use std::rc::Rc;
use yew::Reducible;

pub use crate::schedule::DocId;

/// A check asked for and not yet answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Checking {
    /// The request's number (a reply to an older one is dropped).
    pub seq: u32,
    /// A dropped file's bytes, still to be read (`None`: check the text).
    pub file: Option<FileBytes>,
    /// A rich paste still to be read into the text.
    pub paste: Option<Rc<HtmlPaste>>,
}

/// Where a file's bytes are: with the browser, never in the page's memory. The page
/// does not read them; they go to the worker as a `Blob`, passed by reference, which
/// the worker reads (an archive's entries, copied into the page's WebAssembly memory
/// and out, once took a frame of 200–300 ms, and held all in the page took 1 GB).
#[derive(Debug, Clone)]
pub enum FileBytes {
    /// A file the user picked or dropped (the browser keeps it on disk).
    Picked(web_sys::Blob),
    /// A report of an archive: the archive's `Blob`, and where in it the report is
    /// ([`crate::decode::archive::Place`]); the worker is posted that slice alone and
    /// takes the report out when it is checked, and again when it is read again.
    Entry {
        /// The archive.
        archive: web_sys::Blob,
        /// Where the report is in it.
        place: crate::decode::archive::Place,
    },
}

impl FileBytes {
    /// The `Blob` the worker reads: the picked file, or a report's slice of its archive
    /// (made now: slicing a `Blob` asks the browser's process, about 0.3 ms a slice, so
    /// an archive's 5,000 are made one job at a time, not all when it is listed). A
    /// slice that cannot be made is an error, never the whole archive in its place
    /// (read as the report, it would give the first entry's bytes).
    pub fn blob(&self) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
        match self {
            FileBytes::Picked(blob) => Ok(blob.clone()),
            FileBytes::Entry { archive, place } => {
                archive.slice_with_f64_and_f64(place.start as f64, place.end as f64)
            }
        }
    }

    /// The file itself, or the archive a report is in.
    fn file(&self) -> &web_sys::Blob {
        match self {
            FileBytes::Picked(blob) | FileBytes::Entry { archive: blob, .. } => blob,
        }
    }

    /// How a report of an archive is stored, as the worker takes it (`{deflated, size,
    /// compressed}`); `None` for a picked file.
    pub fn entry(&self) -> Option<wasm_bindgen::JsValue> {
        let FileBytes::Entry { place, .. } = self else {
            return None;
        };
        let entry = js_sys::Object::new();
        let set = |key: &str, value: wasm_bindgen::JsValue| {
            let _ = js_sys::Reflect::set(&entry, &key.into(), &value);
        };
        set("deflated", place.deflated.into());
        set("size", (place.size as f64).into());
        set("compressed", (place.compressed as f64).into());
        Some(entry.into())
    }
}

/// The same bytes: the same `Blob` (compared without reading them).
impl PartialEq for FileBytes {
    fn eq(&self, other: &Self) -> bool {
        let (a, b): (&wasm_bindgen::JsValue, &wasm_bindgen::JsValue) = (self.file(), other.file());
        let place = |f: &FileBytes| match f {
            FileBytes::Picked(_) => None,
            FileBytes::Entry { place, .. } => Some(*place),
        };
        a == b && place(self) == place(other)
    }
}

/// A rich paste (from Word, WPS or a web page): its HTML and the text area's text
/// around it. Read into text in the worker, like a file.
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlPaste {
    /// The clipboard's HTML.
    pub html: Rc<str>,
    /// The text before the paste.
    pub before: String,
    /// The text after it.
    pub after: String,
}

/// One report being checked: pasted text or a dropped file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Its identity.
    pub id: DocId,
    /// File name, or `粘贴的文本` for the text area.
    pub name: String,
    /// The text (decoded from the file, or as typed): a long file's only in part, as
    /// `whole` says.
    pub text: String,
    /// The whole text's size when `text` is only its first part (a file's text longer
    /// than the text area lays out; the check was of all of it): it is shown, not
    /// edited, and read again from the file when it is checked again.
    pub whole: Option<WholeText>,
    /// Where it came from (format, encoding).
    pub source: Source,
    /// The result of the last check of `text`, with the findings over two years when a
    /// report of the same agency for the year before or after is open too
    /// ([`AppState::compare_years`]).
    pub report: Option<Rc<Report>>,
    /// The result of the last check of `text` alone.
    pub alone: Option<Rc<Report>>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
    /// Milliseconds the last check took (shown, and read by the browser tests).
    pub check_ms: Option<f64>,
    /// The check under way, if one is.
    pub checking: Option<Checking>,
    /// The user ended the last check before it finished.
    pub cancelled: bool,
    /// Was the last check run in the worker (`false`: on the page, where no worker
    /// could start)?
    pub in_worker: bool,
    /// Did the last check start at the paste event, ahead of its job
    /// ([`super::checker::Checker::start_early`])?
    pub early: bool,
    /// The findings over two years that `report` has besides `alone`'s (kept to tell
    /// whether they changed).
    compared: Option<Rc<Vec<Finding>>>,
    /// Its row in the batch summary, once checked or found unreadable.
    pub row: Option<Rc<SummaryRow>>,
    /// The sentences of its 一 and 五 repeated word for word from last year's report,
    /// when `text-reuse` reports them.
    pub repeated: Option<Rc<Vec<crate::series::Passage>>>,
    /// A file's bytes, kept to read it again (a check ended before it read the file;
    /// a report set aside, [`Document::set_aside`]).
    pub file: Option<FileBytes>,
    /// Its text and report were let go to keep a large batch's memory bounded (its
    /// row stays): they are read again from `file` when it is opened or exported.
    pub set_aside: bool,
    /// What its report is paired by over two years (agency, year), once checked.
    pub pair_key: Option<(String, u16)>,
    /// Which check its report came from (the request's number): a report read again
    /// from the same bytes, after it was set aside, is the same report and keeps it, so
    /// that a comparison over two years made before still stands.
    generation: u32,
}

/// The name of the document that holds typed or pasted text.
pub const PASTED: &str = "粘贴的文本";

impl Document {
    /// A document holding `text`, not yet checked.
    pub fn from_text(id: DocId, name: &str, text: String) -> Document {
        Document {
            id,
            name: name.to_owned(),
            text,
            whole: None,
            source: Source {
                name: name.to_owned(),
                format: crate::report::Format::Text,
                encoding: "utf-8".into(),
                damaged_bytes: None,
                pages_total: None,
            },
            report: None,
            alone: None,
            error: None,
            check_ms: None,
            checking: None,
            cancelled: false,
            in_worker: false,
            early: false,
            compared: None,
            row: None,
            repeated: None,
            file: None,
            set_aside: false,
            pair_key: None,
            generation: 0,
        }
    }

    /// The text area's document as checked, showing `report` (the rehearsal of the
    /// first render, [`crate::web::rehearsal`]).
    pub fn showing(report: Rc<Report>) -> Document {
        let mut doc = Document::from_text(DocId(0), PASTED, String::new());
        doc.row = Some(Rc::new(SummaryRow::of(&doc.name, &report)));
        doc.alone = Some(report.clone());
        doc.report = Some(report);
        doc.check_ms = Some(0.0);
        doc.in_worker = true;
        doc
    }

    /// Is this a .zip archive still to be unpacked?
    pub fn is_archive(&self) -> bool {
        self.checking.as_ref().is_some_and(|c| c.file.is_some())
            && crate::decode::archive::is_archive(&self.name)
    }

    /// The job that answers the check under way, if one is.
    pub fn job(&self) -> Option<Job> {
        let checking = self.checking.as_ref()?;
        let input = match (&checking.file, &checking.paste) {
            (Some(bytes), _) if self.is_archive() => Input::Archive {
                bytes: bytes.clone(),
            },
            (Some(bytes), _) => Input::File {
                name: self.name.clone(),
                bytes: bytes.clone(),
            },
            (None, Some(paste)) => Input::Html {
                html: paste.html.clone(),
                before: paste.before.clone(),
                after: paste.after.clone(),
                source: self.source.clone(),
            },
            (None, None) => Input::Text {
                text: self.text.clone(),
                source: self.source.clone(),
            },
        };
        Some(Job {
            doc: self.id,
            seq: checking.seq,
            input,
        })
    }

    /// Does `done` answer the check under way?
    fn answered_by(&self, done: &Done) -> bool {
        self.checking.as_ref().map(|c| c.seq) == Some(done.seq)
    }

    /// Applies a finished job, if it answers the check under way.
    fn apply(&mut self, done: Done) {
        if !self.answered_by(&done) {
            return;
        }
        self.checking = None;
        // Read again after it was set aside: the same bytes, the same report.
        let again = self.set_aside;
        // Whatever the outcome, nothing is waiting to be read again (an export that
        // waits for the reports set aside must not wait for this one forever).
        self.set_aside = false;
        match done.outcome {
            Outcome::Checked {
                text,
                whole,
                source,
                report,
            } => {
                if let Some(text) = text {
                    self.text = text;
                    self.whole = whole;
                }
                if let Some(source) = source {
                    self.source = source;
                }
                self.pair_key = report.as_deref().and_then(crate::series::pair_key);
                self.alone = report.clone();
                match (&report, &self.compared) {
                    // The same report as before it was set aside: its findings over
                    // two years stand.
                    (Some(alone), Some(found)) if again => {
                        self.report = Some(with_pair_findings(alone, found));
                    }
                    _ => {
                        self.report = report;
                        self.compared = None;
                    }
                }
                if !again {
                    self.generation = done.seq;
                }
                // No report: nothing to check (blank text). A batch's row says so, so
                // that the batch is complete without it.
                self.row = Some(Rc::new(match &self.report {
                    Some(r) => SummaryRow::of(&self.name, r),
                    None => {
                        SummaryRow::unreadable(&self.name, &crate::InputError::NoText.to_string())
                    }
                }));
                self.check_ms = Some(done.ms);
                self.in_worker = done.in_worker;
                self.early = done.early;
                self.error = None;
                self.cancelled = false;
            }
            Outcome::Unreadable(message) => {
                self.report = None;
                self.alone = None;
                self.compared = None;
                self.pair_key = None;
                self.row = Some(Rc::new(SummaryRow::unreadable(&self.name, &message)));
                self.error = Some(message);
            }
            Outcome::Cancelled => {
                self.pair_key = None;
                self.report = None;
                self.alone = None;
                self.compared = None;
                // A batch's summary is complete without it, and says so.
                self.row = Some(Rc::new(SummaryRow::unreadable(&self.name, CANCELLED)));
                self.cancelled = true;
            }
            // Taken apart by the reducer, which puts the archive's files in its place.
            Outcome::Unpacked(_) => {}
        }
    }
}

/// A report alone with the findings over two years of its pair added.
fn with_pair_findings(alone: &Report, found: &[Finding]) -> Rc<Report> {
    let mut report = Report::clone(alone);
    crate::series::add_findings(&mut report, found.to_vec());
    Rc::new(report)
}

/// A document's text to compare word for word with another year's: none when it holds
/// only part of it (a share of a part is not the share of the whole; see [`WholeText`]).
fn whole_text(doc: &Document) -> &str {
    match doc.whole {
        Some(_) => "",
        None => &doc.text,
    }
}

/// Why a batch's report has no row of findings after 停止检查.
const CANCELLED: &str = "检查已取消，未读取（打开该报告可重新检查）";

/// A place in the input to show: a line, with a counter so that clicking the same
/// finding twice scrolls again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Focus {
    /// The line.
    pub line: LineNo,
    /// Bumped on every request (0: nothing asked yet).
    pub seq: u32,
}

impl Default for Focus {
    fn default() -> Self {
        Focus {
            line: LineNo::FIRST,
            seq: 0,
        }
    }
}

/// How the batch summary is shown: its order and its filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryView {
    /// The column it is sorted by.
    pub by: SummaryColumn,
    /// Largest (or last) first.
    pub descending: bool,
    /// Only the reports with errors (and the files that could not be read).
    pub only_errors: bool,
    /// The page of rows shown ([`crate::report::summary::Page`]), from 0: a batch of a
    /// thousand does not lay out a thousand rows each time some are checked.
    pub page: usize,
}

impl Default for SummaryView {
    fn default() -> Self {
        SummaryView {
            by: SummaryColumn::File,
            descending: false,
            only_errors: false,
            page: 0,
        }
    }
}

/// One pair of reports compared over two years, kept while neither changes: by their
/// generations ([`Document`]'s), not their reports, which a batch lets go.
#[derive(Debug, Clone)]
struct Compared {
    this: u32,
    last: u32,
    found: Rc<Vec<Finding>>,
    /// The repeated sentences, when `text-reuse` is among the findings.
    repeated: Option<Rc<Vec<crate::series::Passage>>>,
}

/// The whole page state.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Open documents; the first is the text area's own. Shared, so that a change to
    /// one of a thousand copies only that one.
    pub docs: Vec<Rc<Document>>,
    /// Index of the shown document.
    pub active: usize,
    /// The batch summary is shown (instead of the shown document).
    pub summary_shown: bool,
    /// The batch summary's order and filter.
    pub summary: SummaryView,
    /// Index of the selected finding of the shown report.
    pub selected: Option<usize>,
    /// Line of the input to scroll to.
    pub focus: Focus,
    /// The rules panel is open, at this rule if given.
    pub rules_open: Option<Option<&'static str>>,
    /// The pairs compared over two years, by (this year's, last year's) document.
    compared: Rc<ComparedPairs>,
    /// An archive's files still to be opened, each list after the document it follows:
    /// thousands are opened [`AppState::FILES_AT_ONCE`] at a time, a frame drawn in
    /// between ([`Action::MoreFiles`]).
    unopened: Rc<Vec<(DocId, Vec<OpenedFile>)>>,
    /// 停止检查 was clicked while files were still to be opened: they are opened as
    /// checks ended, unread.
    unopened_stopped: bool,
    /// Every report is kept whole (an export is being prepared: the reports set aside
    /// are read again).
    pub keep_all: bool,
    /// The number the next document gets.
    next_doc: u32,
    /// The number the next check request gets.
    next_seq: u32,
}

/// Two states are equal when they hold the same documents — the same shared copies, as
/// every change to a document makes a new one ([`Rc::make_mut`] while the state before
/// holds it) — and the same view. Yew compares the state at every render of the page
/// (the context's provider); compared deep, a batch of two thousand reports cost seconds
/// a delivery (every text and report compared with itself).
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.docs.len() == other.docs.len()
            && self
                .docs
                .iter()
                .zip(&other.docs)
                .all(|(a, b)| Rc::ptr_eq(a, b))
            && self.active == other.active
            && self.summary_shown == other.summary_shown
            && self.summary == other.summary
            && self.selected == other.selected
            && self.focus == other.focus
            && self.rules_open == other.rules_open
            && Rc::ptr_eq(&self.compared, &other.compared)
            && Rc::ptr_eq(&self.unopened, &other.unopened)
            && self.unopened_stopped == other.unopened_stopped
            && self.keep_all == other.keep_all
            && self.next_doc == other.next_doc
            && self.next_seq == other.next_seq
    }
}

/// [`Compared`] pairs by document; equal when they are the same map (a cache).
#[derive(Debug, Default)]
struct ComparedPairs(HashMap<(DocId, DocId), Compared>);

impl PartialEq for ComparedPairs {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            docs: vec![Rc::new(Document::from_text(
                DocId(0),
                PASTED,
                String::new(),
            ))],
            active: 0,
            summary_shown: false,
            summary: SummaryView::default(),
            selected: None,
            focus: Focus::default(),
            rules_open: None,
            compared: Rc::default(),
            unopened: Rc::default(),
            unopened_stopped: false,
            keep_all: false,
            next_doc: 1,
            next_seq: 0,
        }
    }
}

/// A file that was read: its name, and its bytes or the reason they could not be read.
pub type OpenedFile = (String, Result<FileBytes, String>);

/// Everything that can happen on the page.
pub enum Action {
    /// The text of the shown document was edited (checked later, debounced).
    Edit(String),
    /// Check the shown document now.
    Check,
    /// The text was replaced at once (a paste or a drop): set it and check it, in one
    /// render.
    Replace(String),
    /// A rich paste into the shown document: read its HTML into the text (in the
    /// worker) and check the result.
    PasteHtml(HtmlPaste),
    /// Put `text` into the text area's document, show it and check it (a sample).
    Load(String),
    /// Files were read (their bytes are still to be decoded and checked).
    Opened(Vec<OpenedFile>),
    /// Open the next of an archive's files still to be opened.
    MoreFiles,
    /// 停止检查: the files still to be opened are opened unread, their checks ended.
    StopUnopened,
    /// Keep every report whole, reading again those set aside (`true`: an export is
    /// being prepared), or let go of them again (`false`).
    KeepAll(bool),
    /// Checks finished (or were cancelled), handed over together.
    Checked(Vec<Done>),
    /// Show document `i`.
    Show(usize),
    /// Show the batch summary.
    ShowSummary,
    /// Sort the batch summary by a column (again: the other way round).
    SortSummary(SummaryColumn),
    /// Show only the reports with errors in the batch summary, or all.
    OnlyErrors(bool),
    /// Show page `n` of the batch summary (from 0).
    SummaryPage(usize),
    /// Close document `i`.
    Close(usize),
    /// Select finding `i` of the shown report (or none).
    Select(Option<usize>),
    /// Scroll the input to a line.
    Reveal(LineNo),
    /// Open the rules panel (at a rule), or close it.
    Rules(Option<Option<&'static str>>),
}

impl AppState {
    /// Compares the reports of one agency for consecutive years (files dropped
    /// together, as a reviewer does; [`crate::series`]): each document's report is its
    /// own check's, with the findings over two years of the pairs it is in. A pair is
    /// compared again only when one of its reports changed; a pair compared before its
    /// reports were set aside keeps its findings, and a report set aside whose pair
    /// changed is read again ([`AppState::set_aside`] reads again those of pairs not
    /// compared yet).
    fn compare_years(&mut self) {
        let keys: Vec<Option<(String, u16)>> =
            self.docs.iter().map(|d| d.pair_key.clone()).collect();
        let mut compared = HashMap::new();
        let mut found_by_doc: HashMap<usize, Rc<Vec<Finding>>> = HashMap::new();
        let mut repeated_by_doc = HashMap::new();
        for (ti, li) in crate::series::pairs_by_key(&keys) {
            let (this_doc, last_doc) = (&self.docs[ti], &self.docs[li]);
            let key = (this_doc.id, last_doc.id);
            let generations = (this_doc.generation, last_doc.generation);
            let cached = self
                .compared
                .0
                .get(&key)
                .filter(|c| (c.this, c.last) == generations);
            let pair = match (cached, &this_doc.alone, &last_doc.alone) {
                (Some(c), _, _) => c.clone(),
                (None, Some(this), Some(last)) => {
                    // A text held only in part is not compared word for word: a share
                    // of a part is not the share of the whole (see WholeText).
                    let (this_text, last_text) = (whole_text(this_doc), whole_text(last_doc));
                    let found = crate::series::compare_pair(this, last, this_text, last_text);
                    let repeated = found
                        .iter()
                        .any(|f| f.rule == "text-reuse")
                        .then(|| Rc::new(crate::series::repeated_passages(this_text, last_text)));
                    Compared {
                        this: generations.0,
                        last: generations.1,
                        found: Rc::new(found),
                        repeated,
                    }
                }
                // One of them set aside, and the pair not compared as it is now.
                _ => continue,
            };
            // One pair per report as this year's (pairs are certain).
            if !pair.found.is_empty() {
                found_by_doc.insert(ti, pair.found.clone());
            }
            repeated_by_doc.insert(ti, pair.repeated.clone());
            compared.insert(key, pair);
        }
        self.compared = Rc::new(ComparedPairs(compared));
        let mut read_again = Vec::new();
        for i in 0..self.docs.len() {
            let found = found_by_doc.remove(&i);
            let repeated = repeated_by_doc.remove(&i).flatten();
            let doc = &self.docs[i];
            let unchanged = match (&doc.compared, &found) {
                (None, None) => true,
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
            if unchanged && doc.repeated == repeated {
                continue;
            }
            if doc.set_aside {
                // Its findings over two years no longer stand (its pair changed or
                // went): its row is made again when it is read again.
                Rc::make_mut(&mut self.docs[i]).compared = None;
                read_again.push(i);
                continue;
            }
            let doc = Rc::make_mut(&mut self.docs[i]);
            doc.repeated = repeated;
            doc.report = match (&doc.alone, &found) {
                (Some(alone), Some(found)) => Some(with_pair_findings(alone, found)),
                (alone, _) => alone.clone(),
            };
            doc.row = doc
                .report
                .as_ref()
                .map(|r| Rc::new(SummaryRow::of(&doc.name, r)));
            doc.compared = found;
        }
        for i in read_again {
            if self.docs[i].checking.is_none() {
                self.request_check(i);
            }
        }
    }

    /// The shown document.
    pub fn doc(&self) -> &Rc<Document> {
        &self.docs[self.active.min(self.docs.len() - 1)]
    }

    /// The shown report, if any.
    pub fn report(&self) -> Option<&Rc<Report>> {
        self.doc().report.as_ref()
    }

    /// The documents of the batch summary, with their indices: every file, and the
    /// text area's text when there is some.
    pub fn batch(&self) -> impl Iterator<Item = (usize, &Rc<Document>)> {
        self.docs
            .iter()
            .enumerate()
            .filter(|(i, d)| *i > 0 || !d.text.trim().is_empty())
    }

    /// Are there reports enough for a batch summary (two or more)?
    pub fn has_batch(&self) -> bool {
        self.batch().nth(1).is_some()
    }

    /// The state with the draft restored: the text area holds `text`, to be checked.
    pub fn with_draft(text: String) -> AppState {
        let mut s = AppState::default();
        Rc::make_mut(&mut s.docs[0]).text = text;
        s.request_check(0);
        s
    }

    /// Asks for document `i`'s text to be checked (empty text needs no check).
    fn request_check(&mut self, i: usize) {
        let doc = Rc::make_mut(&mut self.docs[i]);
        doc.cancelled = false;
        doc.error = None;
        // A file whose check ended before it was read, or whose text is held only in
        // part: read it again.
        let read_again = doc.text.trim().is_empty() || doc.whole.is_some();
        if let (Some(bytes), true) = (&doc.file, read_again) {
            self.next_seq += 1;
            doc.checking = Some(Checking {
                seq: self.next_seq,
                file: Some(bytes.clone()),
                paste: None,
            });
            return;
        }
        if doc.text.trim().is_empty() {
            doc.report = None;
            doc.alone = None;
            doc.row = None;
            doc.compared = None;
            doc.checking = None;
            return;
        }
        self.next_seq += 1;
        doc.checking = Some(Checking {
            seq: self.next_seq,
            file: None,
            paste: None,
        });
    }

    /// The checks asked for and not yet answered, as (document, request).
    pub fn pending(&self) -> Vec<(DocId, u32)> {
        self.docs
            .iter()
            .filter_map(|d| d.checking.as_ref().map(|c| (d.id, c.seq)))
            .collect()
    }

    /// New documents for `files`, each with its check asked for (or why it cannot be
    /// read).
    fn documents_of(&mut self, files: Vec<OpenedFile>) -> Vec<Rc<Document>> {
        let mut out = Vec::with_capacity(files.len());
        for (name, result) in files {
            let id = DocId(self.next_doc);
            self.next_doc += 1;
            let mut doc = Document::from_text(id, &name, String::new());
            match result {
                Ok(bytes) => {
                    doc.file = Some(bytes.clone());
                    self.next_seq += 1;
                    doc.checking = Some(Checking {
                        seq: self.next_seq,
                        file: Some(bytes),
                        paste: None,
                    });
                }
                Err(message) => {
                    doc.row = Some(Rc::new(SummaryRow::unreadable(&name, &message)));
                    doc.error = Some(message);
                }
            }
            out.push(Rc::new(doc));
        }
        out
    }

    /// Applies finished checks; an archive's files take its place.
    fn apply_all(&mut self, done: Vec<Done>) {
        let by_doc: HashMap<DocId, usize> = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        let shown = self.doc().id;
        let mut unpacked = Vec::new();
        for done in done {
            let Some(&i) = by_doc.get(&done.doc) else {
                continue; // closed since
            };
            if !self.docs[i].answered_by(&done) {
                continue;
            }
            if done.doc == shown {
                self.selected = None;
            }
            match done.outcome {
                Outcome::Unpacked(files) => unpacked.push((done.doc, files)),
                _ => Rc::make_mut(&mut self.docs[i]).apply(done),
            }
        }
        for (archive, listed) in unpacked {
            let Some(at) = self.docs.iter().position(|d| d.id == archive) else {
                continue;
            };
            let Some(file) = self.docs[at].file.clone() else {
                continue;
            };
            // Each report a slice of the archive, read when it is checked.
            let prefix = self.docs[at].name.clone();
            let mut files: Vec<OpenedFile> = listed
                .into_iter()
                .map(|(name, place)| {
                    let bytes = place.map(|place| FileBytes::Entry {
                        archive: file.file().clone(),
                        place,
                    });
                    (format!("{prefix}/{name}"), bytes)
                })
                .collect();
            let rest = files.split_off(files.len().min(Self::FILES_AT_ONCE));
            let new = self.documents_of(files);
            let added = new.len().saturating_sub(1);
            if let (Some(last), false) = (new.last(), rest.is_empty()) {
                Rc::make_mut(&mut self.unopened).push((last.id, rest));
            }
            self.docs.splice(at..=at, new);
            if self.active > at {
                self.active += added;
            }
        }
        self.compare_years();
    }

    /// Reports kept whole in a batch, at most, besides those compared over two years
    /// and the shown one: past this, a report's text and findings are let go once its
    /// row is made, and read again from its file when it is opened or exported (5,000
    /// reports kept took some 700 MB).
    pub const RESIDENT: usize = 64;

    /// Lets go of the text and report of checked batch documents past
    /// [`AppState::RESIDENT`] that are not shown and whose pairs over two years are
    /// compared ([`Document::set_aside`]: their findings over two years stay); none
    /// while `keep_all` (an export is being prepared). A report set aside whose pair
    /// is not compared yet (its pair came later, or changed) is read again.
    fn set_aside(&mut self) {
        let keys: Vec<Option<(String, u16)>> =
            self.docs.iter().map(|d| d.pair_key.clone()).collect();
        let mut pending = vec![false; self.docs.len()];
        for (t, l) in crate::series::pairs_by_key(&keys) {
            if !self
                .compared
                .0
                .contains_key(&(self.docs[t].id, self.docs[l].id))
            {
                pending[t] = true;
                pending[l] = true;
            }
        }
        for (i, &pending) in pending.iter().enumerate() {
            if pending && self.docs[i].set_aside && self.docs[i].checking.is_none() {
                self.request_check(i);
            }
        }
        if self.keep_all || self.docs.len() <= Self::RESIDENT + 1 {
            return;
        }
        let shown = self.active;
        for (i, doc) in self.docs.iter_mut().enumerate() {
            let idle = doc.checking.is_none() && doc.row.is_some() && doc.report.is_some();
            if i == 0 || i == shown || pending[i] || !idle || doc.file.is_none() {
                continue;
            }
            let doc = Rc::make_mut(doc);
            doc.text = String::new();
            doc.whole = None;
            doc.report = None;
            doc.alone = None;
            doc.set_aside = true;
        }
    }

    /// Are reports set aside, to be read again before the batch can be exported?
    pub fn set_aside_count(&self) -> usize {
        self.docs.iter().filter(|d| d.set_aside).count()
    }

    /// Files of an archive opened in one step at most: a batch of 5,000 opened at once
    /// took the page's thread about 100 ms, and the first 1,000 with the listing and the
    /// summary's first page up to 117 ms between frames.
    pub const FILES_AT_ONCE: usize = 500;

    /// Are files of an archive still to be opened ([`Action::MoreFiles`])?
    pub fn files_unopened(&self) -> usize {
        self.unopened.iter().map(|(_, files)| files.len()).sum()
    }

    /// Opens the next [`AppState::FILES_AT_ONCE`] files still to be opened, after the
    /// document they follow.
    fn open_more(&mut self) {
        let unopened = Rc::make_mut(&mut self.unopened);
        let Some((after, files)) = unopened.first_mut() else {
            return;
        };
        let after = *after;
        let rest = files.split_off(files.len().min(Self::FILES_AT_ONCE));
        let now = std::mem::replace(files, rest);
        if files.is_empty() {
            unopened.remove(0);
        }
        let mut new = self.documents_of(now);
        if self.unopened_stopped {
            for doc in &mut new {
                let doc = Rc::make_mut(doc);
                if doc.checking.take().is_some() {
                    doc.cancelled = true;
                    doc.row = Some(Rc::new(SummaryRow::unreadable(&doc.name, CANCELLED)));
                }
            }
        }
        if self.unopened.is_empty() {
            self.unopened_stopped = false;
        }
        let Some(last) = new.last().map(|d| d.id) else {
            return;
        };
        if let Some((after_doc, _)) = Rc::make_mut(&mut self.unopened)
            .first_mut()
            .filter(|(a, _)| *a == after)
        {
            *after_doc = last;
        }
        // After the document they follow (at the end, should it have been closed).
        let at = self
            .docs
            .iter()
            .position(|d| d.id == after)
            .map_or(self.docs.len(), |i| i + 1);
        let added = new.len();
        self.docs.splice(at..at, new);
        if self.active >= at && self.active != 0 {
            self.active += added;
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(text) => {
                let active = s.active;
                Rc::make_mut(&mut s.docs[active]).text = text;
            }
            Action::Replace(text) => {
                let active = s.active;
                Rc::make_mut(&mut s.docs[active]).text = text;
                s.request_check(active);
                s.selected = None;
            }
            Action::PasteHtml(paste) => {
                let active = s.active;
                s.next_seq += 1;
                let doc = Rc::make_mut(&mut s.docs[active]);
                doc.cancelled = false;
                doc.error = None;
                doc.checking = Some(Checking {
                    seq: s.next_seq,
                    file: None,
                    paste: Some(Rc::new(paste)),
                });
                s.selected = None;
            }
            Action::Check => {
                let active = s.active;
                s.request_check(active);
                s.selected = None;
            }
            Action::Load(text) => {
                s.active = 0;
                s.summary_shown = false;
                s.docs[0] = Rc::new(Document::from_text(DocId(0), PASTED, text));
                s.request_check(0);
                s.selected = None;
            }
            Action::Opened(files) => {
                let first_new = s.docs.len();
                // A batch (several files, or an archive) opens on its summary.
                let batch = files.len() > 1
                    || files
                        .iter()
                        .any(|(name, _)| crate::decode::archive::is_archive(name));
                let new = s.documents_of(files);
                s.docs.extend(new);
                if s.docs.len() > first_new {
                    s.active = first_new;
                    s.selected = None;
                    s.summary_shown = batch;
                }
            }
            Action::Checked(done) => {
                s.apply_all(done);
                s.set_aside();
            }
            Action::MoreFiles => s.open_more(),
            Action::KeepAll(keep) => {
                s.keep_all = keep;
                if keep {
                    for i in 0..s.docs.len() {
                        if s.docs[i].set_aside && s.docs[i].checking.is_none() {
                            s.request_check(i);
                        }
                    }
                } else {
                    s.set_aside();
                }
            }
            Action::StopUnopened => s.unopened_stopped = !s.unopened.is_empty(),
            Action::Show(i) if i < s.docs.len() => {
                s.active = i;
                s.summary_shown = false;
                s.selected = None;
                // Its report was let go: read it again.
                if s.docs[i].set_aside && s.docs[i].checking.is_none() {
                    s.request_check(i);
                }
            }
            Action::Show(_) => {}
            Action::ShowSummary => s.summary_shown = true,
            Action::SortSummary(by) => {
                s.summary.descending = s.summary.by == by && !s.summary.descending;
                s.summary.by = by;
                s.summary.page = 0;
            }
            Action::OnlyErrors(only) => {
                s.summary.only_errors = only;
                s.summary.page = 0;
            }
            Action::SummaryPage(n) => s.summary.page = n,
            Action::Close(i) if i > 0 && i < s.docs.len() => {
                s.docs.remove(i);
                if s.active >= i {
                    s.active -= 1;
                }
                s.selected = None;
                if !s.has_batch() {
                    s.summary_shown = false;
                }
                s.compare_years();
            }
            Action::Close(_) => {}
            Action::Select(i) => {
                s.selected = i;
                if let Some(line) = i.and_then(|i| {
                    s.report()
                        .and_then(|r| r.findings.get(i))
                        .and_then(|f| f.line)
                }) {
                    s.focus = Focus {
                        line,
                        seq: s.focus.seq + 1,
                    };
                }
            }
            Action::Reveal(line) => {
                s.focus = Focus {
                    line,
                    seq: s.focus.seq + 1,
                }
            }
            Action::Rules(r) => s.rules_open = r,
        }
        Rc::new(s)
    }
}

/// The handle components use to read the state and dispatch actions.
pub type AppContext = yew::UseReducerHandle<AppState>;
