//! 表四 in the template's layout.

use super::table2::TableProps;
use super::value_cell::{reveal_on_click, value_cell};
use crate::web::state::AppContext;
use yew::prelude::*;

/// 表四 政府信息公开行政复议、行政诉讼情况: 行政复议 over five columns, 行政诉讼 over
/// ten (未经复议直接起诉, 复议后起诉), and the one row of fifteen numbers.
#[function_component(Table4)]
pub fn table4(p: &TableProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let t4 = &p.template.t4;
    let (review, suits) = t4.groups.split_first().expect("table 4 has groups");
    let n = t4.columns.len();
    html! {
        <table onclick={reveal_on_click(p.report.clone(), ctx.clone())} class="official t4" aria-label="表四 政府信息公开行政复议、行政诉讼情况">
            <caption>{ "四、政府信息公开行政复议、行政诉讼情况" }</caption>
            <thead>
                <tr>
                    <th colspan={n.to_string()}>{ &review.label }</th>
                    <th colspan={(n * suits.len()).to_string()}>{ "行政诉讼" }</th>
                </tr>
                <tr>
                    { for t4.columns.iter().map(|c| html! { <th rowspan="2">{ &c.label }</th> }) }
                    { for suits.iter().map(|g| html! { <th colspan={n.to_string()}>{ &g.label }</th> }) }
                </tr>
                <tr>
                    { for suits.iter().flat_map(|_| t4.columns.iter()).map(|c| html! { <th>{ &c.label }</th> }) }
                </tr>
            </thead>
            <tbody>
                <tr>
                    { for t4.groups.iter().flat_map(|g| t4.columns.iter().map(move |c| format!("t4.{}.{}", g.key, c.key))).map(|key| html! {
                        { value_cell(&key, &p.report, &p.marks, &p.highlight) }
                    }) }
                </tr>
            </tbody>
        </table>
    }
}
