//! A check as it crosses to a worker and back: one message type, [`Request`] and
//! [`Reply`], for the page's checking worker (`www/check-worker.js`) and for
//! `<nianbao-check>`'s (`www/embed/nianbao-worker.js`), and one function that answers
//! it, [`run`]. Each adapter carries the same types in its own wire form: the page's
//! module as JSON text (it has `serde_json` already; a reply's report travels in the
//! compact [`crate::report::transfer`] form), the element's module as plain JavaScript
//! objects (its report in the shape of `nianbao check --json`). Where no worker can
//! start, both run [`run`] on the page, so a check gives the same answer wherever it ran.
//!
//! A file is read before it becomes a request (by the page's file readers, in their own
//! module, which hand back a [`Request::Read`]); an archive is listed by them and never
//! checked as a whole. [`Outcome`] is what the page's state takes from a reply.

#[cfg(test)]
mod tests;

use crate::decode::archive::Place;
use crate::model::{Report, Source};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// What to check. In JSON and in JavaScript, an object with one key, the variant's
/// name: `{ "check": { "text": …, "source": … } }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Request {
    /// Text (the asker has it: the reply does not repeat it).
    Check(Text),
    /// HTML: a rich paste's (the clipboard's `text/html`, put between the text area's
    /// text around it) or an editor's content (tables included; nothing in it runs),
    /// read into text, with where each of its table rows went, then checked.
    Html(Html),
    /// A file's text as the file readers read it: checked, and handed back with its
    /// source (cut to what the page's text area is given, see [`WholeText`]).
    Read(Text),
}

/// A text to check, and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    /// The text.
    pub text: String,
    /// Where it came from (for a file, how it was read).
    pub source: Source,
}

/// HTML to read into text and check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Html {
    /// The HTML.
    pub html: String,
    /// For a paste, the text before it in the text area.
    #[serde(default)]
    pub before: String,
    /// For a paste, the text after it.
    #[serde(default)]
    pub after: String,
    /// Where the text is (the text area's document, the editor).
    pub source: Source,
}

/// The answer to a [`Request`]: each field only when there is one. `R` is the report as
/// it travels: a [`Report`], or the page's compact form of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reply<R = Report> {
    /// The text checked, for a request whose text the asker does not have (a paste, an
    /// editor's HTML, a file): all of it, or a file's first part when `whole` says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A file's text's whole size, when `text` is only its first part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whole: Option<WholeText>,
    /// How a file was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// For HTML: the line (1-based) of the n-th `<tr>` in document order in `text`, 0
    /// for a row with no line of its own (see [`crate::pipeline::html_to_text_with_rows`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<u32>>,
    /// The report; none when there was nothing to check (empty text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<R>,
    /// Why the request could not be answered, in Chinese, for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl<R> Default for Reply<R> {
    fn default() -> Self {
        Reply {
            text: None,
            whole: None,
            source: None,
            rows: None,
            report: None,
            error: None,
        }
    }
}

/// The size of a file's text that came back cut to what the page's text area lays out
/// (the check was of all of it): the page never holds a text of many megabytes (taking
/// one in from the worker took a frame of about 100 ms, and its text area could not
/// lay it out anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WholeText {
    /// Its length in UTF-8 bytes.
    pub bytes: usize,
    /// Its lines.
    pub lines: usize,
}

/// Answers `request`. Never fails: what cannot be checked (text or HTML over the bounds
/// a file has) is a reply with its `error`.
pub fn run(request: Request) -> Reply {
    let refused = |e: crate::InputError| Reply {
        error: Some(e.to_string()),
        ..Reply::default()
    };
    match request {
        Request::Check(Text { text, source }) => match crate::decode::text_within_bounds(&text) {
            Ok(()) => Reply {
                report: check(&text, source),
                ..Reply::default()
            },
            Err(e) => refused(e),
        },
        Request::Html(Html {
            html,
            before,
            after,
            source,
        }) => match crate::decode::html_within_bounds(&html) {
            Ok(()) => {
                let (read, mut rows) = crate::pipeline::html_to_text_with_rows(&html);
                // Lines below the text before it.
                let above = before.matches('\n').count() as u32;
                for row in rows.iter_mut().filter(|row| **row > 0) {
                    *row += above;
                }
                let text = format!("{before}{read}{after}");
                Reply {
                    report: check(&text, source),
                    text: Some(text),
                    rows: Some(rows),
                    ..Reply::default()
                }
            }
            Err(e) => refused(e),
        },
        Request::Read(Text { mut text, source }) => {
            let report = check(&text, source.clone());
            // The text area takes only a long text's first part.
            let whole = crate::report::visible::text_area_cut(&text).map(|at| {
                let whole = WholeText {
                    bytes: text.len(),
                    lines: text.split('\n').count(),
                };
                text.truncate(at);
                whole
            });
            Reply {
                text: Some(text),
                whole,
                source: Some(source),
                report,
                ..Reply::default()
            }
        }
    }
}

/// The report of `text`, none for empty text.
fn check(text: &str, source: Source) -> Option<Report> {
    (!text.trim().is_empty()).then(|| crate::check_source(text, source))
}

impl<R> Reply<R> {
    /// The same reply with its report in another form (the page's worker sends the
    /// compact [`crate::report::transfer`] form).
    pub fn map_report<S>(self, form: impl FnOnce(R) -> S) -> Reply<S> {
        Reply {
            text: self.text,
            whole: self.whole,
            source: self.source,
            rows: self.rows,
            report: self.report.map(form),
            error: self.error,
        }
    }

    /// What the page's state takes from this reply, its report read back by `read` (a
    /// report that cannot be read back makes the document unreadable, with why).
    pub fn outcome(self, read: impl FnOnce(R) -> Result<Report, String>) -> Outcome {
        if let Some(message) = self.error {
            return Outcome::Unreadable(message);
        }
        let report = match self.report.map(read).transpose() {
            Ok(report) => report.map(Rc::new),
            Err(message) => return Outcome::Unreadable(message),
        };
        Outcome::Checked {
            text: self.text,
            whole: self.whole,
            source: self.source,
            report,
        }
    }
}

/// What a check ended with, as the page's state takes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The text that was checked (when the asker did not have it: a file's, a paste's)
    /// and its report (`None` for empty text).
    Checked {
        /// The text read: all of it, or as much as the text area is given when `whole`
        /// says it is longer.
        text: Option<String>,
        /// The whole text's size, when `text` is only its first part.
        whole: Option<WholeText>,
        /// The source, as read (files only).
        source: Option<Source>,
        /// The report, `None` when there was nothing to check.
        report: Option<Rc<Report>>,
    },
    /// A .zip archive's report files, each with where it is in the archive or why it
    /// cannot be taken out (in Chinese), to be checked as files of their own.
    Unpacked(Vec<(String, Result<Place, String>)>),
    /// The file could not be read: the message says why, in Chinese.
    Unreadable(String),
    /// The user ended the check before it finished (the page's own outcome).
    Cancelled,
}
