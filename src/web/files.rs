//! Reading dropped or picked files, and folders, in the browser. The bytes are decoded
//! and checked by the core in the checking worker ([`super::checker`]); nothing leaves
//! the machine.

use super::state::{Action, AppContext};
use crate::decode::archive::{is_archive, is_hidden, is_report_file, too_large, MAX_ARCHIVE_BYTES};
use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/www/dropped-files.js")]
extern "C" {
    /// The files of a drop with its folders walked (`null` when no folder was dropped),
    /// as a promise of `[{path, file}]`.
    #[wasm_bindgen(js_name = droppedFiles)]
    fn dropped_files(data_transfer: &web_sys::DataTransfer) -> JsValue;
}

/// Readers still at work; kept alive until the page closes (dropping one aborts it).
#[derive(Clone, Default)]
pub struct Readers(pub Rc<RefCell<Vec<FileReader>>>);

impl PartialEq for Readers {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

type Opened = super::state::OpenedFile;

/// Reads every file of `list` (picked or dropped, each by its own name) and dispatches
/// [`Action::Opened`] once all are read.
pub fn read_files(list: web_sys::FileList, ctx: AppContext, readers: Readers) {
    let files = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| (f.name(), f))
        .collect();
    read_named(files, ctx, readers);
}

/// Reads the reports of a picked folder (`<input webkitdirectory>`), named by their
/// path in it: the files a report comes as and archives, hidden ones left out, as the
/// command line walks a folder.
pub fn read_folder(list: web_sys::FileList, ctx: AppContext, readers: Readers) {
    let files = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| {
            let path = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                .ok()
                .and_then(|p| p.as_string())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| f.name());
            (path, f)
        })
        .collect();
    read_named(reports_only(files), ctx, readers);
}

/// Reads a drop: a dropped folder is walked for reports ([`read_folder`]'s choice),
/// dropped files are taken as they are. Returns false when nothing was dropped.
pub fn read_dropped(
    data_transfer: &web_sys::DataTransfer,
    ctx: AppContext,
    readers: Readers,
) -> bool {
    let walked = dropped_files(data_transfer);
    if let Ok(promise) = walked.dyn_into::<js_sys::Promise>() {
        let then = Closure::once_into_js(move |found: JsValue| {
            let files = js_sys::Array::from(&found)
                .iter()
                .filter_map(|item| {
                    let get = |key: &str| js_sys::Reflect::get(&item, &key.into()).ok();
                    let path = get("path")?.as_string()?;
                    let file = get("file")?.dyn_into::<web_sys::File>().ok()?;
                    Some((path, file))
                })
                .collect();
            read_named(reports_only(files), ctx, readers);
        });
        if let Ok(then_fn) = js_sys::Reflect::get(&promise, &"then".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            let _ = then_fn.call1(&promise, &then);
        }
        return true;
    }
    match data_transfer.files().filter(|f| f.length() > 0) {
        Some(list) => {
            read_files(list, ctx, readers);
            true
        }
        None => false,
    }
}

/// The files of a folder that are reports or archives, hidden ones left out, in path
/// order.
fn reports_only(mut files: Vec<(String, web_sys::File)>) -> Vec<(String, web_sys::File)> {
    files.retain(|(path, _)| !is_hidden(path) && (is_report_file(path) || is_archive(path)));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Reads `files` (each with the name it is shown by) and dispatches [`Action::Opened`]
/// once all are read.
fn read_named(files: Vec<(String, web_sys::File)>, ctx: AppContext, readers: Readers) {
    if files.is_empty() {
        return;
    }
    let results: Rc<RefCell<Vec<Option<Opened>>>> = Rc::new(RefCell::new(vec![None; files.len()]));
    let finish = {
        let results = results.clone();
        let ctx = ctx.clone();
        Rc::new(move || {
            let done = results.borrow().iter().all(Option::is_some);
            if done {
                let all: Vec<Opened> = results.borrow_mut().drain(..).flatten().collect();
                ctx.dispatch(Action::Opened(all));
            }
        })
    };
    for (i, (name, file)) in files.into_iter().enumerate() {
        let file = gloo::file::File::from(file);
        let too_large = if is_archive(&name) {
            (file.size() > MAX_ARCHIVE_BYTES).then(|| too_large(file.size()))
        } else {
            (file.size() > crate::MAX_INPUT_BYTES as u64)
                .then(|| crate::InputError::TooLarge(file.size() as usize).to_string())
        };
        if let Some(why) = too_large {
            results.borrow_mut()[i] = Some((name, Err(why)));
            finish();
            continue;
        }
        let results = results.clone();
        let finish = finish.clone();
        let reader = gloo::file::callbacks::read_as_array_buffer(&file, move |read| {
            let opened = read
                .map(|buffer| super::state::FileBytes(js_sys::Uint8Array::new(&buffer)))
                .map_err(|e| format!("读取文件失败：{e}"));
            results.borrow_mut()[i] = Some((name, opened));
            finish();
        });
        readers.0.borrow_mut().push(reader);
    }
}
