//! Taking dropped or picked files, and folders, in the browser. The page does not read
//! them: each `File` goes to the checking worker as it is ([`super::state::FileBytes`]),
//! which reads, decodes and checks it there ([`super::checker`]); nothing leaves the
//! machine.

use super::state::FileBytes;
use super::state::{Action, AppContext};
use crate::decode::archive::{is_archive, is_hidden, is_report_file, too_large, MAX_ARCHIVE_BYTES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/www/dropped-files.js")]
extern "C" {
    /// The files of a drop with its folders walked (`null` when no folder was dropped),
    /// as a promise of `[{path, file}]`.
    #[wasm_bindgen(js_name = droppedFiles)]
    fn dropped_files(data_transfer: &web_sys::DataTransfer) -> JsValue;
}

type Opened = super::state::OpenedFile;

/// Opens every file of `list` (picked or dropped, each by its own name).
pub fn read_files(list: web_sys::FileList, ctx: AppContext) {
    let files = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|f| (f.name(), f))
        .collect();
    read_named(files, ctx);
}

/// Opens the reports of a picked folder (`<input webkitdirectory>`), named by their
/// path in it: the files a report comes as and archives, hidden ones left out, as the
/// command line walks a folder.
pub fn read_folder(list: web_sys::FileList, ctx: AppContext) {
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
    read_named(reports_only(files), ctx);
}

/// Opens a drop: a dropped folder is walked for reports ([`read_folder`]'s choice),
/// dropped files are taken as they are. Returns false when nothing was dropped.
pub fn read_dropped(data_transfer: &web_sys::DataTransfer, ctx: AppContext) -> bool {
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
            read_named(reports_only(files), ctx);
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
            read_files(list, ctx);
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

/// Opens `files` (each with the name it is shown by): [`Action::Opened`] with each
/// file, or why it is not read (too large).
fn read_named(files: Vec<(String, web_sys::File)>, ctx: AppContext) {
    if files.is_empty() {
        return;
    }
    let opened: Vec<Opened> = files
        .into_iter()
        .map(|(name, file)| {
            let size = file.size() as u64;
            let too_large = if is_archive(&name) {
                (size > MAX_ARCHIVE_BYTES).then(|| too_large(size))
            } else {
                (size > crate::MAX_INPUT_BYTES as u64)
                    .then(|| crate::InputError::TooLarge(size as usize).to_string())
            };
            let bytes = match too_large {
                Some(why) => Err(why),
                None => Ok(FileBytes::Picked(file.into())),
            };
            (name, bytes)
        })
        .collect();
    ctx.dispatch(Action::Opened(opened));
}
