//! A check the page asks for, as the scheduler and the worker take it: what to check
//! ([`Input`]: text, a rich paste, a file, an archive), where a file's bytes are
//! ([`FileBytes`]), and the job and its answer ([`Job`], [`Done`]). The page's state
//! makes jobs and the checker runs them; both import this, and neither the other.

use crate::job::{Html, Outcome, Request, Text};
use crate::model::Source;
use crate::schedule;
use std::rc::Rc;

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

impl Input {
    /// The request the checker answers for this input; `None` for a file or an archive,
    /// which the file readers read first (a file's text becomes a [`Request::Read`]).
    pub fn request(&self) -> Option<Request> {
        match self {
            Input::Text { text, source } => Some(Request::Check(Text {
                text: text.clone(),
                source: source.clone(),
            })),
            Input::Html {
                html,
                before,
                after,
                source,
            } => Some(Request::Html(Html {
                html: html.to_string(),
                before: before.clone(),
                after: after.clone(),
                source: source.clone(),
            })),
            Input::File { .. } | Input::Archive { .. } => None,
        }
    }
}

/// One job: the check of one version of one document.
pub type Job = schedule::Job<Input>;

/// A finished job.
pub type Done = schedule::Done<Outcome>;

impl schedule::Outcome for Outcome {
    fn cancelled() -> Self {
        Outcome::Cancelled
    }
    fn failed() -> Self {
        Outcome::Unreadable(INTERNAL_ERROR.into())
    }
}

/// What a check that failed inside the checker says.
pub const INTERNAL_ERROR: &str = "检查时发生内部错误，未能完成。请保存此文件并反馈给维护人员。";

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
    pub fn file(&self) -> &web_sys::Blob {
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
