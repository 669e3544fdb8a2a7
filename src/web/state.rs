//! The page's state: the open documents, which one is shown, and what is selected.
//! Every change goes through [`Action`] and [`AppState::reduce`], as in the yew examples.

use crate::{Report, Source};
use std::rc::Rc;
use yew::Reducible;

/// One report being checked: pasted text or a dropped file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// File name, or `粘贴的文本` for the text area.
    pub name: String,
    /// The text (decoded from the file, or as typed).
    pub text: String,
    /// Where it came from (format, encoding).
    pub source: Source,
    /// The result of the last check of `text`.
    pub report: Option<Rc<Report>>,
    /// Why the file could not be read, if it could not.
    pub error: Option<String>,
    /// Milliseconds the last check took (shown, and read by the browser tests).
    pub check_ms: Option<f64>,
}

/// The name of the document that holds typed or pasted text.
pub const PASTED: &str = "粘贴的文本";

impl Document {
    /// A document holding `text`, not yet checked.
    pub fn from_text(name: &str, text: String) -> Document {
        Document {
            name: name.to_owned(),
            text,
            source: Source {
                name: name.to_owned(),
                format: "text".into(),
                encoding: "utf-8".into(),
                damaged_bytes: None,
                pages_total: None,
            },
            report: None,
            error: None,
            check_ms: None,
        }
    }

    /// Checks the text now.
    pub fn checked(mut self) -> Document {
        let start = now();
        self.report = (!self.text.trim().is_empty())
            .then(|| Rc::new(crate::check_source(&self.text, self.source.clone())));
        self.check_ms = Some(now() - start);
        self
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// A place in the input to show: a line, with a counter so that clicking the same
/// finding twice scrolls again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Focus {
    /// 1-based line.
    pub line: usize,
    /// Bumped on every request.
    pub seq: u32,
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
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            docs: vec![Document::from_text(PASTED, String::new())],
            active: 0,
            selected: None,
            focus: Focus::default(),
            rules_open: None,
        }
    }
}

/// A file that was read: its name, and its decoded text and source, or the reason it
/// could not be read.
pub type OpenedFile = (String, Result<(String, Source), String>);

/// Everything that can happen on the page.
pub enum Action {
    /// The text of the shown document was edited (checked later, debounced).
    Edit(String),
    /// Check the shown document now.
    Check,
    /// The text was replaced at once (a paste or a drop): set it and check it, in one
    /// render.
    Replace(String),
    /// Put `text` into the text area's document, show it and check it (a sample).
    Load(String),
    /// Files were read.
    Opened(Vec<OpenedFile>),
    /// Show document `i`.
    Show(usize),
    /// Close document `i`.
    Close(usize),
    /// Select finding `i` of the shown report (or none).
    Select(Option<usize>),
    /// Scroll the input to a line.
    Reveal(usize),
    /// Open the rules panel (at a rule), or close it.
    Rules(Option<Option<&'static str>>),
}

impl AppState {
    /// The shown document.
    pub fn doc(&self) -> &Document {
        &self.docs[self.active.min(self.docs.len() - 1)]
    }

    /// The shown report, if any.
    pub fn report(&self) -> Option<&Rc<Report>> {
        self.doc().report.as_ref()
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
                let mut doc = s.docs[active].clone();
                doc.text = text;
                s.docs[active] = doc.checked();
                s.selected = None;
            }
            Action::Check => {
                let active = s.active;
                let doc = s.docs[active].clone();
                s.docs[active] = doc.checked();
                s.selected = None;
            }
            Action::Load(text) => {
                s.active = 0;
                s.docs[0] = Document::from_text(PASTED, text).checked();
                s.selected = None;
            }
            Action::Opened(files) => {
                let first_new = s.docs.len();
                for (name, result) in files {
                    let doc = match result {
                        Ok((text, source)) => Document {
                            source,
                            ..Document::from_text(&name, text)
                        }
                        .checked(),
                        Err(message) => Document {
                            error: Some(message),
                            ..Document::from_text(&name, String::new())
                        },
                    };
                    s.docs.push(doc);
                }
                if s.docs.len() > first_new {
                    s.active = first_new;
                    s.selected = None;
                }
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
