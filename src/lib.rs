//! # nianbao — 年报体检
//!
//! Checks China's 政府信息公开工作年度报告 (government information disclosure annual
//! reports): rebuilds the three statutory tables from whatever text was pasted, runs
//! the checks, and returns a [`Report`].
//!
//! The core is pure — no I/O, no browser types — and runs the same natively and in
//! WebAssembly. The pipeline has one module per stage:
//!
//! 1. [`decode`]: bytes → text (UTF-8, GB18030, UTF-16);
//! 2. [`normalize`]: lines, full/half-width folding, label keys;
//! 3. [`sections`]: the six sections;
//! 4. [`meta`]: title, agency, years, date, template;
//! 5. [`tables`]: tables 2, 3 and 4, cell by cell, each cell with its raw text and line;
//! 6. [`rules`]: the checks.
//!
//! The stages are run in one place ([`pipeline`]), which makes their [`Report`]. Below
//! every stage: [`model`], the vocabulary they share (the report, its cells and findings,
//! [`LineNo`], the typed ids [`model::RuleId`], [`TemplateId`] and [`model::SectionNo`]),
//! and [`template`], the table model they all walk: typed cell keys
//! ([`template::CellKey`]), each table's layout ([`template::TableLayout`]), the
//! identities and the recognition words, all read from `templates.json`.
//!
//! Above the pipeline: [`report`] shows a report (terminal text, HTML, CSV, Excel,
//! summary rows), and [`series`] compares reports of one agency for consecutive years
//! ([`series::check_series`]); [`job`] is a check as it crosses to a worker and back,
//! the one message type of the page's worker and of `<nianbao-check>`'s. Each module
//! imports only those below it (README, "Which way the imports run").
//!
//! ```
//! let report = nianbao::check_text("一、总体情况\n本年度未收到政府信息公开申请。", "draft.txt");
//! assert!(report.findings.iter().any(|f| f.rule == "section-missing"));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod decode;
pub mod job;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod js_api;
pub mod meta;
pub mod model;
pub mod normalize;
pub mod pipeline;
#[cfg(all(target_arch = "wasm32", feature = "readers"))]
pub mod readers_api;
pub mod report;
pub mod rules;
pub mod schedule;
pub mod sections;
pub mod series;
pub mod tables;
pub mod template;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;
#[cfg(all(target_arch = "wasm32", feature = "xlsx"))]
pub mod xlsx_api;

pub use model::{
    Cell, CellState, Cells, Finding, Format, Inference, LineNo, Meta, Num, Report, SectionStatus,
    Severity, Source, Summary, TemplateId,
};

pub use decode::{InputError, MAX_INPUT_BYTES};
pub use pipeline::{
    check_bytes, check_html, check_scan, check_source, check_text, read_input, rule_docs,
};
