//! A document of the page: a text or a file, its check asked for and answered, and
//! what the page shows of it.

use super::DocId;
use crate::job::{Outcome, WholeText};
use crate::model::{Finding, Report, Source};
use crate::report::summary::SummaryRow;
use crate::web::job::{Done, FileBytes, Input, Job};
use std::rc::Rc;

/// Where a document's check stands: one state at a time, which every view reads (the
/// report last made, shown meanwhile, is kept beside it in [`Document::report`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Status {
    /// No check under way, and none that failed: checked (the report, or nothing to
    /// check in blank text), or not asked yet.
    #[default]
    Idle,
    /// A check asked for and not yet answered.
    Checking(Checking),
    /// The file could not be read: why, in Chinese.
    Unreadable(String),
    /// The user ended the check before it finished.
    Cancelled,
}

/// How the report shown was made (shown, and read by the browser tests).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    /// Milliseconds the check took.
    pub ms: f64,
    /// Was it run in the worker (`false`: on the page, where no worker could start)?
    pub in_worker: bool,
    /// Did it start at the paste event, ahead of its job
    /// ([`crate::web::checker::Checker::start_early`])?
    pub early: bool,
}

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
    /// Where its check stands.
    pub status: Status,
    /// How the report was made, once one was.
    pub run: Option<Run>,
    /// The findings over two years that `report` has besides `alone`'s (kept to tell
    /// whether they changed).
    pub(super) compared: Option<Rc<Vec<Finding>>>,
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
    pub(super) generation: u32,
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
                format: crate::model::Format::Text,
                encoding: "utf-8".into(),
                damaged_bytes: None,
                pages_total: None,
            },
            report: None,
            alone: None,
            status: Status::Idle,
            run: None,
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
        doc.run = Some(Run {
            ms: 0.0,
            in_worker: true,
            early: false,
        });
        doc
    }

    /// The check under way, if one is.
    pub fn checking(&self) -> Option<&Checking> {
        match &self.status {
            Status::Checking(c) => Some(c),
            _ => None,
        }
    }

    /// Why the file could not be read, if it could not.
    pub fn error(&self) -> Option<&str> {
        match &self.status {
            Status::Unreadable(message) => Some(message),
            _ => None,
        }
    }

    /// Is this a .zip archive still to be unpacked?
    pub fn is_archive(&self) -> bool {
        self.checking().is_some_and(|c| c.file.is_some())
            && crate::decode::archive::is_archive(&self.name)
    }

    /// The job that answers the check under way, if one is.
    pub fn job(&self) -> Option<Job> {
        let checking = self.checking()?;
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
    pub(super) fn answered_by(&self, done: &Done) -> bool {
        self.checking().map(|c| c.seq) == Some(done.seq)
    }

    /// Applies a finished job, if it answers the check under way.
    pub(super) fn apply(&mut self, done: Done) {
        if !self.answered_by(&done) {
            return;
        }
        self.status = Status::Idle;
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
                self.run = Some(Run {
                    ms: done.ms,
                    in_worker: done.in_worker,
                    early: done.early,
                });
            }
            Outcome::Unreadable(message) => {
                self.report = None;
                self.alone = None;
                self.compared = None;
                self.pair_key = None;
                self.row = Some(Rc::new(SummaryRow::unreadable(&self.name, &message)));
                self.status = Status::Unreadable(message);
            }
            Outcome::Cancelled => {
                self.pair_key = None;
                self.report = None;
                self.alone = None;
                self.compared = None;
                // A batch's summary is complete without it, and says so.
                self.row = Some(Rc::new(SummaryRow::unreadable(&self.name, CANCELLED)));
                self.status = Status::Cancelled;
            }
            // Taken apart by the reducer, which puts the archive's files in its place.
            Outcome::Unpacked(_) => {}
        }
    }
}

/// A report alone with the findings over two years of its pair added.
pub(super) fn with_pair_findings(alone: &Report, found: &[Finding]) -> Rc<Report> {
    let mut report = Report::clone(alone);
    crate::series::add_findings(&mut report, found.to_vec());
    Rc::new(report)
}

/// A document's text to compare word for word with another year's: none when it holds
/// only part of it (a share of a part is not the share of the whole; see [`WholeText`]).
pub(super) fn whole_text(doc: &Document) -> &str {
    match doc.whole {
        Some(_) => "",
        None => &doc.text,
    }
}

/// Why a batch's report has no row of findings after 停止检查.
pub(super) const CANCELLED: &str = "检查已取消，未读取（打开该报告可重新检查）";
