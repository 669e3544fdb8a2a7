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
//! 6. [`rules`]: the checks;
//! 7. [`report`]: the result.
//!
//! ```
//! let report = nianbao::check_text("一、总体情况\n本年度未收到政府信息公开申请。", "draft.txt");
//! assert!(report.findings.iter().any(|f| f.rule == "section-missing"));
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod decode;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod js_api;
pub mod meta;
pub mod normalize;
pub mod report;
pub mod rules;
pub mod sections;
pub mod tables;
pub mod template;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod web;

pub use report::{
    Cell, CellState, Cells, Finding, Format, Inference, LineNo, Meta, Num, Report, SectionStatus,
    Severity, Source, Summary,
};

use meta::TemplateGuess;
use normalize::{compact, Doc};
use rules::{Context, TableState};
use sections::Sections;
use std::ops::Range;
use template::{CellKey, Template};

/// Inputs larger than this are refused: a report is tens of kilobytes, a few MB with
/// images; 20 MB of text is not a report.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// Why an input could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The input is empty.
    Empty,
    /// The input is larger than [`MAX_INPUT_BYTES`].
    TooLarge(usize),
    /// A file format that is not text (yet): PDF, Word, images, archives.
    Unsupported(&'static str),
    /// Bytes that are not text in any supported encoding.
    Binary,
    /// A file of a supported format that is damaged or hostile; the reason, in Chinese.
    Damaged(&'static str),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Empty => f.write_str("输入为空，请粘贴年度报告全文或选择文件"),
            InputError::TooLarge(n) => write!(
                f,
                "文件过大（{:.1} MB），超过 {} MB 的上限，不像是一份年度报告",
                *n as f64 / 1048576.0,
                MAX_INPUT_BYTES / 1048576
            ),
            InputError::Unsupported(kind) => write!(
                f,
                "暂不支持{kind}，请将报告另存为 Word（.docx）、PDF、网页（.html）或纯文本（.txt），或复制全文后粘贴"
            ),
            InputError::Binary => f.write_str(
                "无法识别的文件：不是文本文件（支持 UTF-8、GB18030/GBK、UTF-16 编码的文本）",
            ),
            InputError::Damaged(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for InputError {}

/// Recognises file formats that are not text by their first bytes.
fn sniff_binary_format(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("Word 97-2003（.doc）或 WPS（.wps）文件")
    } else if starts(&[0x89, b'P', b'N', b'G']) || starts(&[0xFF, 0xD8, 0xFF]) || starts(b"GIF8") {
        Some("图片文件（无法从图片中读取文字）")
    } else {
        None
    }
}

fn source(name: &str, format: Format, encoding: &str) -> Source {
    Source {
        name: name.to_owned(),
        format,
        encoding: encoding.to_owned(),
        damaged_bytes: None,
        pages_total: None,
    }
}

/// Reads report bytes (a file) into text, detecting the encoding; refuses what is not
/// a text report with a message for the user.
pub fn read_input(bytes: &[u8], name: &str) -> Result<(String, Source), InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len()));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        use decode::docx::DocxError;
        let text = decode::docx::to_text(bytes).map_err(|e| match e {
            DocxError::Damaged => InputError::Damaged(
                "Word 文件已损坏或不完整，无法读取。请用 Word 或 WPS 打开后重新另存为 .docx",
            ),
            DocxError::NotWord => InputError::Unsupported("压缩包（不是 Word .docx 文件）"),
            DocxError::Ofd => InputError::Unsupported("OFD 版式文件"),
            DocxError::TooLarge => {
                InputError::Damaged("Word 文件解压后过大（可能是恶意构造的压缩包），已拒绝读取")
            }
            DocxError::TooDeep => {
                InputError::Damaged("Word 文件结构嵌套过深（可能是恶意构造的文件），已拒绝读取")
            }
        })?;
        return Ok((text, source(name, Format::Docx, "utf-8")));
    }
    if decode::pdf::header_offset(bytes).is_some() {
        use decode::pdf::PdfError;
        let (text, work) = decode::pdf::to_text_measured(bytes);
        let text = text.map_err(|e| match e {
            PdfError::Damaged | PdfError::Unsupported => InputError::Damaged(
                "PDF 文件已损坏或不完整，无法读取。请重新导出 PDF，或打开后复制全文粘贴",
            ),
            PdfError::Encrypted => InputError::Damaged(
                "PDF 文件设有打开密码（或使用了不支持的加密方式），无法读取其文字。请导出未加密的 PDF，或打开后复制全文粘贴",
            ),
            PdfError::NoText => InputError::Damaged(
                "此 PDF 没有文字层（可能是扫描件或图片），无法读取表格数据（本工具不做文字识别）。请使用由 Word/WPS 直接导出的 PDF，或提供 .docx 文件",
            ),
            PdfError::NoUnicode => InputError::Damaged(
                "此 PDF 的字体没有提供文字编码（缺少 ToUnicode 映射），文字无法准确识别。请用 Word/WPS 重新导出 PDF，或提供 .docx 文件",
            ),
            PdfError::TooLarge => InputError::Damaged(
                "PDF 文件解压后过大（可能是恶意构造的文件），已拒绝读取",
            ),
        })?;
        // A PDF's text is Unicode from its fonts' maps, not an encoding of the file.
        let mut source = source(name, Format::Pdf, "unicode");
        source.pages_total = work.pages_total;
        return Ok((text, source));
    }
    if let Some(kind) = sniff_binary_format(bytes) {
        return Err(InputError::Unsupported(kind));
    }
    let decoded = decode::decode(bytes).map_err(|e| match e {
        decode::DecodeError::Empty => InputError::Empty,
        decode::DecodeError::Binary => InputError::Binary,
    })?;
    let html = decode::html::looks_like_html(&decoded.text);
    if html && decode::html::too_many_tags(&decoded.text) {
        return Err(InputError::Damaged(
            "网页标签过多（超过50万个），不像是一份年度报告页面，已拒绝读取。请只保存或复制报告正文",
        ));
    }
    let mut source = source(
        name,
        if html { Format::Html } else { Format::Text },
        decoded.encoding,
    );
    source.damaged_bytes = (decoded.damaged > 0).then_some(decoded.damaged);
    let text = if html {
        decode::html::to_text(&decoded.text)
    } else {
        decoded.text
    };
    Ok((text, source))
}

/// Checks a report given as bytes (a file), detecting its encoding.
pub fn check_bytes(bytes: &[u8], name: &str) -> Result<Report, InputError> {
    let (text, source) = read_input(bytes, name)?;
    Ok(check_source(&text, source))
}

/// Checks a page's HTML (a file, a CMS editor's content, the clipboard's `text/html`).
/// Lines in the report refer to the page's text as [`decode::html::to_text`] gives it.
pub fn check_html(html: &str, name: &str) -> Report {
    let text = decode::html::to_text(html);
    check_source(&text, source(name, Format::Html, "utf-8"))
}

/// Checks a report given as text (pasted, or already decoded).
pub fn check_text(text: &str, name: &str) -> Report {
    check_source(text, source(name, Format::Text, "utf-8"))
}

/// Runs the pipeline on decoded text.
pub fn check_source(text: &str, source: Source) -> Report {
    let mut doc = Doc::new(text);
    sections::split_glued(&mut doc);
    let sections = sections::find(&doc);
    let meta = meta::read(&doc, &sections);
    let template = match meta.template {
        TemplateGuess::Known { template, .. } => Some(template),
        _ => None,
    };
    let tables = rebuild_tables(&doc, &sections, template);
    let cells = ordered_cells(&tables, template);
    let cx = Context {
        source: &source,
        doc: &doc,
        sections: &sections,
        meta: &meta,
        template,
        tables: &tables,
        cells: &cells,
    };
    let findings = rules::run(&cx);
    let summary = Summary::of(&findings);
    let section_status = template::section_titles()
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let no = i as u8 + 1;
            SectionStatus {
                no,
                title: title.clone(),
                found: sections.line(no).is_some(),
                line: sections.line(no).map(LineNo::from_index),
            }
        })
        .collect();
    let mut report = Report {
        schema: report::SCHEMA,
        source,
        meta: Meta {
            title: meta.title.clone(),
            agency: meta.agency.clone(),
            agency_kind: meta.agency_kind,
            year: meta.year,
            template: Some(
                match meta.template {
                    TemplateGuess::Known { template, .. } => template.id.as_str(),
                    TemplateGuess::Pre2019 => "pre2019",
                    TemplateGuess::Unknown => "unknown",
                }
                .to_owned(),
            ),
            published: meta.published.map(|d| d.iso()),
        },
        sections: section_status,
        cells,
        findings,
        summary,
    };
    // Stages count lines of `doc`; the report speaks of lines of the input.
    report.map_lines(|line| doc.input_line(line));
    report
}

/// The first line at or after `from` whose compact text contains `needle`.
fn line_containing(doc: &Doc, from: usize, needle: &str) -> Option<usize> {
    (from..doc.len()).find(|&i| compact(&doc.folded[i]).contains(needle))
}

/// The first section heading after line `from`, or the end.
fn next_heading(sections: &Sections, from: usize, end: usize) -> usize {
    sections
        .headings
        .iter()
        .flatten()
        .map(|h| h.line)
        .filter(|&l| l > from)
        .min()
        .unwrap_or(end)
}

/// Locates and rebuilds the three tables. A table is searched in its section's body;
/// when the heading is missing, where its content starts (a caption, a row label, the
/// end of the previous table).
fn rebuild_tables(
    doc: &Doc,
    sections: &Sections,
    template: Option<&'static Template>,
) -> [TableState; 3] {
    let end = doc.len();
    let mut states = [("表二", 2u8), ("表三", 3), ("表四", 4)].map(|(name, section)| TableState {
        name,
        section,
        region: None,
        rebuilt: Default::default(),
    });
    let Some(t) = template else { return states };

    let t2_region: Option<Range<usize>> = sections.body(2, end).or_else(|| {
        let start = line_containing(doc, 0, "第二十条第")?;
        Some(start..next_heading(sections, start, end))
    });
    let t3_region: Option<Range<usize>> = sections
        .body(3, end)
        .or_else(|| {
            let start = line_containing(doc, 0, "本年新收政府信息公开申请")?.saturating_sub(4);
            Some(start..next_heading(sections, start, end))
        })
        .map(|r| {
            // Without the heading of 四, table 4's header must not be read as table 3.
            if sections.line(4).is_none() {
                let stop = (r.start..r.end).find(|&i| {
                    let c = compact(&doc.folded[i]);
                    c.contains("行政复议") || c.contains("结果维持")
                });
                r.start..stop.unwrap_or(r.end)
            } else {
                r
            }
        });
    if let Some(r) = &t2_region {
        states[0].rebuilt = tables::rebuild_t2(doc, r.clone(), t);
    }
    if let Some(r) = &t3_region {
        states[1].rebuilt = tables::rebuild_t3(doc, r.clone(), t);
    }
    let t4_region: Option<Range<usize>> = sections.body(4, end).or_else(|| {
        let start = match (&t3_region, states[1].rebuilt.last_line) {
            // The index of the line after table 3's last (its 1-based number).
            (Some(_), Some(last)) => last.get(),
            _ => line_containing(doc, 0, "行政复议")?,
        };
        Some(start..next_heading(sections, start, end))
    });
    if let Some(r) = &t4_region {
        states[2].rebuilt = tables::rebuild_t4(doc, r.clone(), t);
    }
    // Blank cells dropped without a trace in one table: no glued row is certain.
    if states.iter().any(|s| s.rebuilt.dropped_blanks) {
        for s in &mut states {
            tables::distrust_glued(&mut s.rebuilt);
            s.rebuilt.dropped_blanks = true;
        }
    }
    states[0].region = t2_region;
    states[1].region = t3_region;
    states[2].region = t4_region;
    states
}

/// All rebuilt cells, in the template's key order.
fn ordered_cells(tables: &[TableState; 3], template: Option<&Template>) -> Cells {
    let Some(t) = template else {
        return Cells::default();
    };
    let mut found: Vec<(CellKey, Cell)> = tables
        .iter()
        .flat_map(|s| s.rebuilt.cells.iter().cloned())
        .collect();
    let mut out = Vec::with_capacity(found.len());
    for key in &t.cell_keys {
        if let Some(pos) = found.iter().position(|(k, _)| k == key) {
            out.push(found.swap_remove(pos));
        }
    }
    Cells::new(out)
}

/// The documentation of every rule, for `nianbao rules` and the web page.
pub fn rule_docs() -> Vec<&'static rules::RuleDoc> {
    rules::docs()
}
