//! The page's state: the open documents, which one is shown, and what is selected.
//! Every change goes through [`Action`] and [`AppState::reduce`], as in the yew examples.

use super::checker::{Done, Input, Job};
use super::worker::Outcome;
use crate::{LineNo, Report, Source};
use std::rc::Rc;
use yew::Reducible;

/// Which document: stays the same while tabs open and close around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocId(pub u32);

/// A check asked for and not yet answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Checking {
    /// The request's number (a reply to an older one is dropped).
    pub seq: u32,
    /// A dropped file's bytes, still to be read (`None`: check the text).
    pub file: Option<Rc<Vec<u8>>>,
    /// A rich paste still to be read into the text.
    pub paste: Option<Rc<HtmlPaste>>,
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
    /// The text (decoded from the file, or as typed).
    pub text: String,
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
        }
    }

    /// The job that answers the check under way, if one is.
    pub fn job(&self) -> Option<Job> {
        let checking = self.checking.as_ref()?;
        let input = match (&checking.file, &checking.paste) {
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

    /// Applies a finished job, if it answers the check under way.
    fn apply(&mut self, done: Done) {
        if self.checking.as_ref().map(|c| c.seq) != Some(done.seq) {
            return;
        }
        self.checking = None;
        match done.outcome {
            Outcome::Checked {
                text,
                source,
                report,
            } => {
                if let Some(text) = text {
                    self.text = text;
                }
                if let Some(source) = source {
                    self.source = source;
                }
                self.alone = report.clone();
                self.report = report;
                self.check_ms = Some(done.ms);
                self.in_worker = done.in_worker;
                self.error = None;
                self.cancelled = false;
            }
            Outcome::Unreadable(message) => {
                self.report = None;
                self.alone = None;
                self.error = Some(message);
            }
            Outcome::Cancelled => {
                self.report = None;
                self.alone = None;
                self.cancelled = true;
            }
        }
    }
}

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

/// The whole page state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Open documents; the first is the text area's own.
    pub docs: Vec<Document>,
    /// Index of the shown document.
    pub active: usize,
    /// Index of the selected finding of the shown report.
    pub selected: Option<usize>,
    /// Line of the input to scroll to.
    pub focus: Focus,
    /// The rules panel is open, at this rule if given.
    pub rules_open: Option<Option<&'static str>>,
    /// The number the next document gets.
    next_doc: u32,
    /// The number the next check request gets.
    next_seq: u32,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            docs: vec![Document::from_text(DocId(0), PASTED, String::new())],
            active: 0,
            selected: None,
            focus: Focus::default(),
            rules_open: None,
            next_doc: 1,
            next_seq: 0,
        }
    }
}

/// A file that was read: its name, and its bytes or the reason they could not be read.
pub type OpenedFile = (String, Result<Rc<Vec<u8>>, String>);

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
    /// A check finished (or was cancelled).
    Checked(Done),
    /// Show document `i`.
    Show(usize),
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
    /// Compares the open reports of one agency for consecutive years (files dropped
    /// together, as a reviewer does; [`crate::series`]): each document's report is its
    /// own check's, with the findings over two years of the pairs it is in.
    fn compare_years(&mut self) {
        let found: Vec<(usize, Vec<crate::Finding>)> = {
            let open: Vec<(usize, &Report, &str)> = self
                .docs
                .iter()
                .enumerate()
                .filter_map(|(i, d)| d.alone.as_deref().map(|r| (i, r, d.text.as_str())))
                .collect();
            let reports: Vec<&Report> = open.iter().map(|(_, r, _)| *r).collect();
            let texts: Vec<&str> = open.iter().map(|(_, _, t)| *t).collect();
            crate::series::pair_findings(&reports, &texts)
                .into_iter()
                .map(|(k, f)| (open[k].0, f))
                .collect()
        };
        for doc in &mut self.docs {
            doc.report = doc.alone.clone();
        }
        for (i, found) in found {
            let doc = &mut self.docs[i];
            if let Some(alone) = &doc.alone {
                let mut report = Report::clone(alone);
                crate::series::add_findings(&mut report, found);
                doc.report = Some(Rc::new(report));
            }
        }
    }

    /// The shown document.
    pub fn doc(&self) -> &Document {
        &self.docs[self.active.min(self.docs.len() - 1)]
    }

    /// The shown report, if any.
    pub fn report(&self) -> Option<&Rc<Report>> {
        self.doc().report.as_ref()
    }

    /// The state with the draft restored: the text area holds `text`, to be checked.
    pub fn with_draft(text: String) -> AppState {
        let mut s = AppState::default();
        s.docs[0].text = text;
        s.request_check(0);
        s
    }

    /// Asks for document `i`'s text to be checked (empty text needs no check).
    fn request_check(&mut self, i: usize) {
        let doc = &mut self.docs[i];
        doc.cancelled = false;
        doc.error = None;
        if doc.text.trim().is_empty() {
            doc.report = None;
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
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Edit(text) => {
                let active = s.active;
                s.docs[active].text = text;
            }
            Action::Replace(text) => {
                let active = s.active;
                s.docs[active].text = text;
                s.request_check(active);
                s.selected = None;
            }
            Action::PasteHtml(paste) => {
                let active = s.active;
                s.next_seq += 1;
                let doc = &mut s.docs[active];
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
                s.docs[0] = Document::from_text(DocId(0), PASTED, text);
                s.request_check(0);
                s.selected = None;
            }
            Action::Opened(files) => {
                let first_new = s.docs.len();
                for (name, result) in files {
                    let id = DocId(s.next_doc);
                    s.next_doc += 1;
                    let mut doc = Document::from_text(id, &name, String::new());
                    match result {
                        Ok(bytes) => {
                            s.next_seq += 1;
                            doc.checking = Some(Checking {
                                seq: s.next_seq,
                                file: Some(bytes),
                                paste: None,
                            });
                        }
                        Err(message) => doc.error = Some(message),
                    }
                    s.docs.push(doc);
                }
                if s.docs.len() > first_new {
                    s.active = first_new;
                    s.selected = None;
                }
            }
            Action::Checked(done) => {
                let shown = s.doc().id == done.doc;
                if let Some(doc) = s.docs.iter_mut().find(|d| d.id == done.doc) {
                    doc.apply(done);
                    if shown {
                        s.selected = None;
                    }
                }
                s.compare_years();
            }
            Action::Show(i) if i < s.docs.len() => {
                s.active = i;
                s.selected = None;
            }
            Action::Show(_) => {}
            Action::Close(i) if i > 0 && i < s.docs.len() => {
                s.docs.remove(i);
                if s.active >= i {
                    s.active -= 1;
                }
                s.selected = None;
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
