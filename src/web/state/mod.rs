//! The page's state: the open documents, which one is shown, and what is selected.
//! Every change goes through [`Action`] and [`AppState::reduce`], as in the yew examples.

mod document;
mod pairs;
mod view;

pub use crate::report::summary::SummaryColumn;
pub use crate::schedule::DocId;
pub use crate::web::job::FileBytes;
pub use document::{Checking, Document, HtmlPaste, Run, Status, PASTED};
pub use view::{Focus, SummaryView};

use super::job::Done;
use crate::job::Outcome;
use crate::model::{LineNo, Report, RuleId};
use crate::report::summary::SummaryRow;
use document::CANCELLED;
use pairs::ComparedPairs;
use std::collections::HashMap;
use std::rc::Rc;
use yew::Reducible;

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
    pub rules_open: Option<Option<RuleId>>,
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
    /// Show this document.
    Show(DocId),
    /// Show the batch summary.
    ShowSummary,
    /// Sort the batch summary by a column (again: the other way round).
    SortSummary(SummaryColumn),
    /// Show only the reports with errors in the batch summary, or all.
    OnlyErrors(bool),
    /// Show page `n` of the batch summary (from 0).
    SummaryPage(usize),
    /// Close this document (never the text area's).
    Close(DocId),
    /// Select finding `i` of the shown report (or none).
    Select(Option<usize>),
    /// Scroll the input to a line.
    Reveal(LineNo),
    /// Open the rules panel (at a rule), or close it.
    Rules(Option<Option<RuleId>>),
}

impl AppState {
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
        doc.status = Status::Idle;
        // A file whose check ended before it was read, or whose text is held only in
        // part: read it again.
        let read_again = doc.text.trim().is_empty() || doc.whole.is_some();
        if let (Some(bytes), true) = (&doc.file, read_again) {
            self.next_seq += 1;
            doc.status = Status::Checking(Checking {
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
            return;
        }
        self.next_seq += 1;
        doc.status = Status::Checking(Checking {
            seq: self.next_seq,
            file: None,
            paste: None,
        });
    }

    /// Where document `id` is among the open ones.
    fn index_of(&self, id: DocId) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// The checks asked for and not yet answered, as (document, request).
    pub fn pending(&self) -> Vec<(DocId, u32)> {
        self.docs
            .iter()
            .filter_map(|d| d.checking().map(|c| (d.id, c.seq)))
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
                    doc.status = Status::Checking(Checking {
                        seq: self.next_seq,
                        file: Some(bytes),
                        paste: None,
                    });
                }
                Err(message) => {
                    doc.row = Some(Rc::new(SummaryRow::unreadable(&name, &message)));
                    doc.status = Status::Unreadable(message);
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
            let Some(at) = self.index_of(archive) else {
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
            if !self.compared.has(self.docs[t].id, self.docs[l].id) {
                pending[t] = true;
                pending[l] = true;
            }
        }
        for (i, &pending) in pending.iter().enumerate() {
            if pending && self.docs[i].set_aside && self.docs[i].checking().is_none() {
                self.request_check(i);
            }
        }
        if self.keep_all || self.docs.len() <= Self::RESIDENT + 1 {
            return;
        }
        let shown = self.active;
        for (i, doc) in self.docs.iter_mut().enumerate() {
            let idle = doc.checking().is_none() && doc.row.is_some() && doc.report.is_some();
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
                if doc.checking().is_some() {
                    doc.status = Status::Cancelled;
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
                doc.status = Status::Checking(Checking {
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
                        if s.docs[i].set_aside && s.docs[i].checking().is_none() {
                            s.request_check(i);
                        }
                    }
                } else {
                    s.set_aside();
                }
            }
            Action::StopUnopened => s.unopened_stopped = !s.unopened.is_empty(),
            Action::Show(id) => {
                let Some(i) = s.index_of(id) else {
                    return s.into();
                };
                s.active = i;
                s.summary_shown = false;
                s.selected = None;
                // Its report was let go: read it again.
                if s.docs[i].set_aside && s.docs[i].checking().is_none() {
                    s.request_check(i);
                }
            }
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
            Action::Close(id) => {
                let Some(i) = s.index_of(id).filter(|&i| i > 0) else {
                    return s.into();
                };
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
