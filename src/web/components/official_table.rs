//! One of the three statutory tables, drawn by [`crate::report::html::table`] and put
//! into the page as HTML the browser parses in one go (why: see there). The string is
//! rebuilt only when the report, its marks or the highlighted cells change, and Yew
//! leaves the table alone while it is the same. Clicks are handled once for all tables,
//! by [`super::report_view`]'s container.

use super::Same;
use crate::model::Report;
use crate::report::marks::CellMarks;
use crate::template::{TableId, Template};
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

/// A statutory table in the template's layout.
#[function_component(OfficialTable)]
pub fn official_table(p: &OfficialTableProps) -> Html {
    let html = use_memo(
        (
            p.table,
            Same(p.report.clone()),
            Same(p.marks.clone()),
            p.highlight.clone(),
        ),
        |(table, ..)| {
            AttrValue::from(crate::report::html::table(
                *table,
                &p.report,
                p.template,
                &p.marks,
                &p.highlight,
            ))
        },
    );
    // Scrolled sideways within itself when the window is narrow (at 200 % zoom, say): a
    // table keeps its columns (WCAG 1.4.10 lets a data table scroll) and the page does
    // not. Focusable, so that a keyboard can scroll it too.
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={p.template.layout(p.table).name.clone()}>
            { Html::from_html_unchecked((*html).clone()) }
        </div>
    }
}
