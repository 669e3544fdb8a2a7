//! The page's components, one per file.

use std::rc::Rc;

pub mod batch_summary;
pub mod check_status;
pub mod doc_tabs;
pub mod findings_list;
pub mod input_pane;
pub mod official_table;
pub mod report_view;
pub mod rules_panel;
pub mod section_list;
pub mod summary_bar;
pub mod toolbar;

/// An `Rc` as a hook's dependency: equal only to itself, by address. It keeps its value
/// alive, so no later value can be given the same address while a memo still holds it
/// (a bare `Rc::as_ptr` could be, and the memo would answer for the wrong report).
pub struct Same<T>(pub Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
