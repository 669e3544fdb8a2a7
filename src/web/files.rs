//! Reading dropped or picked files in the browser. The bytes are decoded and checked
//! by the core in the checking worker ([`super::checker`]); nothing leaves the machine.

use super::state::{Action, AppContext};
use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use std::rc::Rc;

/// Readers still at work; kept alive until the page closes (dropping one aborts it).
#[derive(Clone, Default)]
pub struct Readers(pub Rc<RefCell<Vec<FileReader>>>);

impl PartialEq for Readers {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

type Opened = super::state::OpenedFile;

/// Reads every file of `list` and dispatches [`Action::Opened`] once all are read.
pub fn read_files(list: web_sys::FileList, ctx: AppContext, readers: Readers) {
    let files: Vec<gloo::file::File> = (0..list.length())
        .filter_map(|i| list.get(i))
        .map(gloo::file::File::from)
        .collect();
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
    for (i, file) in files.into_iter().enumerate() {
        let name = file.name();
        if file.size() > crate::MAX_INPUT_BYTES as u64 {
            results.borrow_mut()[i] = Some((
                name,
                Err(crate::InputError::TooLarge(file.size() as usize).to_string()),
            ));
            finish();
            continue;
        }
        let results = results.clone();
        let finish = finish.clone();
        let reader = gloo::file::callbacks::read_as_bytes(&file, move |read| {
            let opened = read.map(Rc::new).map_err(|e| format!("读取文件失败：{e}"));
            results.borrow_mut()[i] = Some((name, opened));
            finish();
        });
        readers.0.borrow_mut().push(reader);
    }
}
