//! The page's components, one per file.

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
