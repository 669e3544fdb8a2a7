//! A [`Report`](crate::model::Report) shown: the renderers every adapter (CLI, web
//! page, JS API) uses — the terminal's text, the HTML tables, CSV, the Excel workbook,
//! a batch's summary rows — and the views made of a report for the page (the marks on
//! the source, its visible text, its transfer from a worker).
//!
//! The report itself is the [`crate::model`]: these renderers sit above the pipeline
//! and read what it made.

pub mod csv;
pub mod html;
pub mod marks;
pub mod summary;
pub mod terminal;
pub mod transfer;
pub mod visible;
#[cfg(any(not(target_arch = "wasm32"), feature = "xlsx"))]
pub mod xlsx;
