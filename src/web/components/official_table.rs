//! One of the three statutory tables, drawn from its [`TableLayout`]: the template's
//! header and label cells with their spans, and a value cell per key.
//!
//! [`TableLayout`]: crate::template::TableLayout

use super::value_cell::{reveal_on_click, value_cell};
use crate::template::{Span, SpanKind, TableId, Template};
use crate::web::marks::CellMarks;
use crate::web::state::AppContext;
use crate::Report;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`OfficialTable`].
#[derive(Properties, PartialEq)]
pub struct OfficialTableProps {
    /// Which table.
    pub table: TableId,
    /// The report.
    pub report: Rc<Report>,
    /// Its template.
    pub template: &'static Template,
    /// Severities and messages per cell.
    pub marks: Rc<CellMarks>,
    /// Cells of the selected finding.
    pub highlight: Rc<Vec<String>>,
}

/// A header or label cell, with the classes the stylesheet gives each kind.
fn span_cell(table: TableId, span: &Span) -> Html {
    let class = match span.kind {
        // 表三's corner holds the identity note, 表二's the label column's header.
        SpanKind::Corner if table == TableId::T3 => "note",
        SpanKind::Corner => "label",
        SpanKind::Heading => "",
        SpanKind::RowGroup => "label group",
        SpanKind::RowLabel => "label",
    };
    let scope = (span.kind == SpanKind::RowLabel).then_some("row");
    let colspan = (span.colspan > 1).then(|| span.colspan.to_string());
    let rowspan = (span.rowspan > 1).then(|| span.rowspan.to_string());
    html! {
        <th class={(!class.is_empty()).then_some(class)} {scope} {colspan} {rowspan}>{ &span.text }</th>
    }
}

/// A statutory table in the template's layout. 表二's blocks are stacked in one table,
/// each under its caption, padded to the widest block.
#[function_component(OfficialTable)]
pub fn official_table(p: &OfficialTableProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let layout = p.template.layout(p.table);
    let width = layout.width();
    let table = p.table;
    let cells = |keys: &[crate::template::CellKey], columns: usize| {
        html! {
            <>
                { for keys.iter().map(|key| value_cell(key, &p.report, &p.marks, &p.highlight)) }
                { for (columns..width).map(|_| html! { <td class="void"></td> }) }
            </>
        }
    };
    let blocks = layout.blocks.iter().map(|block| {
        let n = block.columns.len();
        let header = block.header.iter().map(|row| {
            // Only a stacked block (表二) pads its header to the widest block.
            let pad = block.caption.is_some() && row.iter().any(|s| s.kind == SpanKind::Corner);
            html! {
                <tr>
                    { for row.iter().map(|s| span_cell(table, s)) }
                    if pad {
                        { for (n..width).map(|_| html! { <th class="void"></th> }) }
                    }
                </tr>
            }
        });
        let body = block.body.iter().map(|(labels, keys)| html! {
            <tr>
                { for labels.iter().map(|s| span_cell(table, s)) }
                { cells(keys, if block.caption.is_some() { n } else { width.max(keys.len()) }) }
            </tr>
        });
        match block.caption {
            Some(caption) => html! {
                <tbody>
                    <tr><th class="sub-caption" colspan={(width + 1).to_string()}>{ caption }</th></tr>
                    { for header }
                    { for body }
                </tbody>
            },
            None => html! {
                <>
                    <thead>{ for header }</thead>
                    <tbody>{ for body }</tbody>
                </>
            },
        }
    });
    html! {
        <table onclick={reveal_on_click(p.report.clone(), ctx.clone())} class={classes!("official", table.as_str())} aria-label={layout.name.clone()}>
            <caption>{ &layout.title }</caption>
            { for blocks }
        </table>
    }
}
