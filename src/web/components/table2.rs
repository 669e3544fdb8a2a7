//! 表二, and the props shared by the three tables.

use super::value_cell::{reveal_on_click, value_cell};
use crate::template::Template;
use crate::web::marks::CellMarks;
use crate::web::state::AppContext;
use crate::Report;
use std::rc::Rc;
use yew::prelude::*;

/// Props shared by the three table components.
#[derive(Properties, PartialEq)]
pub struct TableProps {
    /// The report.
    pub report: Rc<Report>,
    /// Its template.
    pub template: &'static Template,
    /// Severities and messages per cell.
    pub marks: Rc<CellMarks>,
    /// Cells of the selected finding.
    pub highlight: Rc<Vec<String>>,
}

/// 表二 主动公开政府信息情况: the stacked sub-tables under their 第二十条 captions, as
/// one table of four columns like the template.
#[function_component(Table2)]
pub fn table2(p: &TableProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let width = p
        .template
        .t2
        .iter()
        .map(|s| s.columns.len())
        .max()
        .unwrap_or(3);
    html! {
        <table onclick={reveal_on_click(p.report.clone(), ctx.clone())} class="official t2" aria-label="表二 主动公开政府信息情况">
            <caption>{ "二、主动公开政府信息情况" }</caption>
            { for p.template.t2.iter().map(|sub| html! {
                <tbody>
                    <tr><th class="sub-caption" colspan={(width + 1).to_string()}>{ &sub.caption }</th></tr>
                    <tr>
                        <th class="label">{ "信息内容" }</th>
                        { for sub.columns.iter().map(|c| html! { <th>{ &c.label }</th> }) }
                        { for (sub.columns.len()..width).map(|_| html! { <th class="void"></th> }) }
                    </tr>
                    { for sub.rows.iter().map(|row| html! {
                        <tr>
                            <th class="label" scope="row">{ &row.label }</th>
                            { for sub.columns.iter().map(|c| html! {
                                { value_cell(&format!("t2.{}.{}", row.key, c.key), &p.report, &p.marks, &p.highlight) }
                            }) }
                            { for (sub.columns.len()..width).map(|_| html! { <td class="void"></td> }) }
                        </tr>
                    }) }
                </tbody>
            }) }
        </table>
    }
}
