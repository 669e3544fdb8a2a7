//! The page's components, one per file.

pub mod check_status;
pub mod findings_list;
pub mod input_pane;
pub mod report_view;
pub mod rules_panel;
pub mod section_list;
pub mod summary_bar;
pub mod table2;
pub mod table3;
pub mod table4;
pub mod toolbar;
pub mod value_cell;
