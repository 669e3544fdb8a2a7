//! The rebuilt tables as HTML, as the page shows them. Pure: the page puts the string
//! into the document in one go.
//!
//! Why a string and not Yew nodes: a paste's results are drawn in one task after the
//! check, and built node by node through the DOM, the tables' 400-odd cells with four
//! attributes each were the larger part of that task (about 5 of 10 ms for a seed
//! report). The browser parses the same table from a string in about a millisecond
//! (`scripts/bench-first-paste` measures the whole paste). Every text from the report or
//! the template is escaped ([`html_escape`]).
//!
//! The page's contract (README, "DOM contract") is kept: every data cell is a
//! `<td data-cell="<key>" data-value="<number or empty>">`.

use super::marks::CellMarks;
use crate::model::{CellState, Inference, Report, Severity};
use crate::template::{CellKey, Span, SpanKind, TableId, Template};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use std::fmt::Write;

/// A statutory table in its template's layout ([`Template::layout`]): the template's
/// header and label cells with their spans, and a value cell per key. 表二's blocks are
/// stacked in one table, each under its caption, padded to the widest block. Cells
/// named by `highlight` (the selected finding's) are marked `hl`.
pub fn table(
    table: TableId,
    report: &Report,
    template: &Template,
    marks: &CellMarks,
    highlight: &[String],
) -> String {
    let layout = template.layout(table);
    let width = layout.width();
    let mut out = String::with_capacity(16 * 1024);
    let cells = |out: &mut String, keys: &[CellKey], columns: usize| {
        for key in keys {
            value_cell(out, key.as_str(), report, template, marks, highlight);
        }
        for _ in columns..width {
            out.push_str(r#"<td class="void"></td>"#);
        }
    };
    let _ = write!(
        out,
        r#"<table class="official {}" aria-label="{}"><caption>{}</caption>"#,
        table.as_str(),
        attr(&layout.name),
        text(&layout.title)
    );
    for block in &layout.blocks {
        let n = block.columns.len();
        let header = |out: &mut String| {
            for row in &block.header {
                out.push_str("<tr>");
                for span in row {
                    span_cell(out, table, span);
                }
                // Only a stacked block (表二) pads its header to the widest block.
                if block.caption.is_some() && row.iter().any(|s| s.kind == SpanKind::Corner) {
                    for _ in n..width {
                        out.push_str(r#"<th class="void"></th>"#);
                    }
                }
                out.push_str("</tr>");
            }
        };
        let body = |out: &mut String| {
            for (labels, keys) in &block.body {
                out.push_str("<tr>");
                for span in labels {
                    span_cell(out, table, span);
                }
                let columns = if block.caption.is_some() {
                    n
                } else {
                    width.max(keys.len())
                };
                cells(out, keys, columns);
                out.push_str("</tr>");
            }
        };
        match block.caption {
            Some(caption) => {
                let _ = write!(
                    out,
                    r#"<tbody><tr><th class="sub-caption" colspan="{}">{}</th></tr>"#,
                    width + 1,
                    text(caption)
                );
                header(&mut out);
                body(&mut out);
                out.push_str("</tbody>");
            }
            None => {
                out.push_str("<thead>");
                header(&mut out);
                out.push_str("</thead><tbody>");
                body(&mut out);
                out.push_str("</tbody>");
            }
        }
    }
    out.push_str("</table>");
    out
}

/// A header or label cell, with the classes the stylesheet gives each kind.
fn span_cell(out: &mut String, table: TableId, span: &Span) {
    let class = match span.kind {
        // 表三's corner holds the identity note, 表二's the label column's header.
        SpanKind::Corner if table == TableId::T3 => "note",
        SpanKind::Corner => "label",
        SpanKind::Heading => "",
        SpanKind::RowGroup => "label group",
        SpanKind::RowLabel => "label",
    };
    out.push_str("<th");
    if !class.is_empty() {
        let _ = write!(out, r#" class="{class}""#);
    }
    // Scoped, so that a screen reader announces a cell with its row and its column.
    match span.kind {
        SpanKind::RowLabel => out.push_str(r#" scope="row""#),
        SpanKind::RowGroup => out.push_str(r#" scope="rowgroup""#),
        SpanKind::Heading if span.colspan > 1 => out.push_str(r#" scope="colgroup""#),
        SpanKind::Heading => out.push_str(r#" scope="col""#),
        SpanKind::Corner => {}
    }
    if span.colspan > 1 {
        let _ = write!(out, r#" colspan="{}""#, span.colspan);
    }
    if span.rowspan > 1 {
        let _ = write!(out, r#" rowspan="{}""#, span.rowspan);
    }
    let _ = write!(out, ">{}</th>", text(&span.text));
}

/// One data cell: the value as written, coloured by the worst finding on it, with a
/// tooltip; a missing cell is marked 缺, one whose numbers are in the input but could
/// not be placed ？; a value split out of glued digits by the table's arithmetic has a
/// dotted frame and says so in its tooltip.
fn value_cell(
    out: &mut String,
    key: &str,
    report: &Report,
    template: &Template,
    marks: &CellMarks,
    highlight: &[String],
) {
    let cell = report.cells.get(key);
    let describe = template.describe_cell(key);
    let (shown, state, value, mut tip) = match cell {
        // In the input, but its column is not certain: the checker's limit, said so.
        None if marks.unplaced(key) => (
            "？",
            "missing unplaced",
            String::new(),
            format!("{describe}\n原文中有数字，但无法确定其所在的列，未予读取（不表示报告有误）"),
        ),
        None => (
            "缺",
            "missing",
            String::new(),
            format!("{describe}\n未找到此单元格"),
        ),
        Some(c) => {
            let state = match c.state {
                CellState::Number => "num",
                CellState::Blank => "blank",
                CellState::NotApplicable => "na",
                CellState::NotNumber => "text",
            };
            let line = c.line.map(|l| format!("，第{l}行")).unwrap_or_default();
            let raw = if c.raw.is_empty() {
                "（空白）".to_owned()
            } else {
                format!("“{}”", c.raw)
            };
            let inferred = match c.inferred {
                Some(Inference::Split) => {
                    "\n原文中该行数字连在一起、没有分隔，此值是唯一满足表格勾稽关系的拆分结果，请与原表核对"
                }
                Some(Inference::Order) => {
                    "\n原文中该表各行没有行名，此值按模板的行序放置，表格勾稽关系全部成立，请与原表核对"
                }
                Some(Inference::Damaged) => {
                    "\n原文中该单元格的文字已损坏，此值是表格勾稽关系唯一允许的数值，请与原表核对"
                }
                Some(Inference::Ocr) => {
                    "\n此值由扫描件文字识别读出，涉及该单元格的表格勾稽关系全部成立，请与原件核对"
                }
                None => "",
            };
            (
                c.raw.as_str(),
                state,
                c.value.map(|v| v.to_string()).unwrap_or_default(),
                format!("{describe}\n原文{raw}{line}{inferred}"),
            )
        }
    };
    for (severity, message) in marks.messages(key) {
        let _ = write!(tip, "\n【{}】{message}", severity.label_zh());
    }
    let severity = marks.worst(key).map(|s| match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    });
    let highlighted = highlight.iter().any(|k| k == key).then_some("hl");
    let inferred = cell.and_then(|c| c.inferred).map(|i| match i {
        Inference::Split => "split",
        Inference::Damaged => "damaged",
        Inference::Order => "order",
        Inference::Ocr => "ocr",
    });
    let _ = write!(out, r#"<td class="v {state}"#);
    for class in [severity, highlighted, inferred.map(|_| "inferred")]
        .into_iter()
        .flatten()
    {
        let _ = write!(out, " {class}");
    }
    let _ = write!(
        out,
        r#"" data-cell="{}" data-value="{}""#,
        attr(key),
        attr(&value)
    );
    if let Some(inferred) = inferred {
        let _ = write!(out, r#" data-inferred="{inferred}""#);
    }
    let _ = write!(out, r#" title="{}">{}</td>"#, attr(&tip), text(shown));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(name: &str) -> Report {
        let path = format!(
            "{}/tests/fixtures/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        crate::check_text(&std::fs::read_to_string(path).unwrap(), name)
    }

    /// The `<td>` of `key` in `html`.
    fn td<'h>(html: &'h str, key: &str) -> &'h str {
        let at = html.find(&format!(r#"data-cell="{key}""#)).unwrap();
        let start = html[..at].rfind("<td").unwrap();
        let end = at + html[at..].find("</td>").unwrap() + "</td>".len();
        &html[start..end]
    }

    #[test]
    fn every_cell_of_the_template_is_drawn_once_with_its_value() {
        let report = checked("004_1feac183b5673ebd.txt");
        let template = report.template().unwrap();
        let marks = CellMarks::of(&report);
        for id in TableId::ALL {
            let html = table(id, &report, template, &marks, &[]);
            assert!(html.starts_with(&format!(r#"<table class="official {}""#, id.as_str())));
            assert!(html.ends_with("</table>"));
            let layout = template.layout(id);
            let keys: Vec<&CellKey> = layout
                .blocks
                .iter()
                .flat_map(|b| b.body.iter().flat_map(|(_, k)| k))
                .collect();
            assert_eq!(html.matches("data-cell=").count(), keys.len(), "{id:?}");
            for key in keys {
                assert_eq!(
                    html.matches(&format!(r#"data-cell="{key}""#)).count(),
                    1,
                    "{key}"
                );
                let cell = report.cells.get(key.as_str());
                let value = cell
                    .and_then(|c| c.value)
                    .map(|v| v.to_string())
                    .unwrap_or_default();
                assert!(
                    td(&html, key.as_str()).contains(&format!(r#"data-value="{value}""#)),
                    "{key}"
                );
            }
        }
        // A cell of the seed report, as its truth file has it.
        let html = table(TableId::T3, &report, template, &marks, &[]);
        let cell = td(&html, "t3.new.natural");
        assert!(cell.starts_with(r#"<td class="v num"#), "{cell}");
        assert!(
            cell.contains(r#"data-value="4""#) && cell.ends_with(">4</td>"),
            "{cell}"
        );
    }

    #[test]
    fn every_heading_is_scoped_for_screen_readers() {
        // A cell is announced with its row and its column (WCAG 1.3.1): each heading
        // says which it heads; only the corner, the padding and 表二's block captions
        // head nothing.
        let report = checked("004_1feac183b5673ebd.txt");
        let tables = |id| {
            let template = report.template();
            table(id, &report, template.unwrap(), &CellMarks::of(&report), &[])
        };
        for id in TableId::ALL {
            let html = tables(id);
            assert!(html.contains("<caption>"), "{id:?}");
            let unscoped: Vec<&str> = html
                .split("<th")
                .skip(1)
                .filter(|th| th.starts_with([' ', '>'])) // not <thead>
                .map(|th| &th[..th.find('>').unwrap()])
                .filter(|open| !open.contains("scope="))
                .filter(|open| {
                    !["void", "note", "sub-caption"]
                        .iter()
                        .any(|c| open.contains(c))
                })
                .collect();
            // What is left is 表二's corners (the label column's header), one a block.
            let corners = html.matches("<tbody>").count();
            assert!(unscoped.len() <= corners, "{id:?}: {unscoped:?}");
            assert!(
                unscoped.iter().all(|o| o.starts_with(r#" class="label""#)),
                "{id:?}: {unscoped:?}"
            );
        }
        let t3 = tables(TableId::T3);
        for scope in ["col", "colgroup", "row"] {
            assert!(t3.contains(&format!(r#"scope="{scope}""#)), "{scope}");
        }
    }

    #[test]
    fn the_report_s_text_is_escaped_everywhere() {
        let mut report = checked("004_1feac183b5673ebd.txt");
        let hostile = r#"<img src=x onerror="alert(1)">&amp;"#;
        report.cells = crate::model::Cells::new(
            report
                .cells
                .iter()
                .map(|(key, cell)| {
                    let mut cell = cell.clone();
                    if key.as_str() == "t3.new.natural" {
                        cell.raw = hostile.to_owned();
                        cell.state = CellState::NotNumber;
                        cell.value = None;
                    }
                    (key.clone(), cell)
                })
                .collect(),
        );
        let template = report.template().unwrap();
        let marks = CellMarks::of(&report);
        let html = table(TableId::T3, &report, template, &marks, &[]);
        assert!(!html.contains("<img"), "no element from the report's text");
        let cell = td(&html, "t3.new.natural");
        assert!(
            cell.ends_with(r#">&lt;img src=x onerror="alert(1)"&gt;&amp;amp;</td>"#),
            "{cell}"
        );
        assert!(
            cell.contains(r#"原文“&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;amp;”"#),
            "{cell}"
        );
        assert!(cell.starts_with(r#"<td class="v text""#), "{cell}");
    }

    #[test]
    fn findings_missing_cells_and_the_selection_are_marked() {
        let mut report = checked("004_1feac183b5673ebd.txt");
        let template = report.template().unwrap();
        // A finding on one cell, and one cell not found.
        report.findings.push(crate::model::Finding {
            rule: crate::model::RuleId::T3RowTotal,
            severity: Severity::Error,
            message: "合计不符".into(),
            cells: vec!["t3.new.total".into()],
            line: None,
            expected: None,
            actual: None,
        });
        report.cells = crate::model::Cells::new(
            report
                .cells
                .iter()
                .filter(|(k, _)| k.as_str() != "t3.carried.natural")
                .map(|(k, c)| (k.clone(), c.clone()))
                .collect(),
        );
        let marks = CellMarks::of(&report);
        let html = table(
            TableId::T3,
            &report,
            template,
            &marks,
            &["t3.new.total".to_owned()],
        );
        let total = td(&html, "t3.new.total");
        assert!(total.contains(r#"class="v num sev-error hl""#), "{total}");
        assert!(total.contains("【错误】合计不符"), "{total}");
        let missing = td(&html, "t3.carried.natural");
        assert!(
            missing.starts_with(
                r#"<td class="v missing" data-cell="t3.carried.natural" data-value="""#
            ),
            "{missing}"
        );
        assert!(
            missing.ends_with(">缺</td>") && missing.contains("未找到此单元格"),
            "{missing}"
        );
    }
}
