//! 表三 in the template's layout.

use super::table2::TableProps;
use super::value_cell::{reveal_on_click, value_cell};
use crate::web::state::AppContext;
use yew::prelude::*;

/// 表三 收到和处理政府信息公开申请情况, with the template's merged header and label
/// cells: the identity note over three label columns, 申请人情况 over seven, the 办理结果
/// block and its 不予公开 / 无法提供 / 不予处理 (/ 其他处理) groups.
#[function_component(Table3)]
pub fn table3(p: &TableProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let t3 = &p.template.t3;
    let in_block = |key: &str| t3.outcome_rows.iter().any(|r| r == key) || key == "total";
    let block_len = t3.rows.iter().filter(|r| in_block(&r.key)).count();
    let applicants: Vec<_> = t3
        .columns
        .iter()
        .filter(|c| c.key != "total" && c.key != "natural")
        .collect();
    let mut rows = Vec::new();
    let mut block_started = false;
    for (i, row) in t3.rows.iter().enumerate() {
        let mut labels = Vec::new();
        if in_block(&row.key) {
            if !block_started {
                block_started = true;
                labels.push(html! { <th class="label group" rowspan={block_len.to_string()}>{ "三、本年度办理结果" }</th> });
            }
            match row.group.as_deref().filter(|g| g.starts_with('（')) {
                Some(g) => {
                    if i == 0 || t3.rows[i - 1].group.as_deref() != Some(g) {
                        let span = t3.rows[i..]
                            .iter()
                            .take_while(|r| r.group.as_deref() == Some(g))
                            .count();
                        labels.push(
                            html! { <th class="label group" rowspan={span.to_string()}>{ g }</th> },
                        );
                    }
                    labels.push(html! { <th class="label" scope="row">{ &row.label }</th> });
                }
                None => labels
                    .push(html! { <th class="label" scope="row" colspan="2">{ &row.label }</th> }),
            }
        } else {
            labels.push(html! { <th class="label" scope="row" colspan="3">{ &row.label }</th> });
        }
        rows.push(html! {
            <tr>
                { for labels }
                { for t3.columns.iter().map(|c| html! {
                    { value_cell(&format!("t3.{}.{}", row.key, c.key), &p.report, &p.marks, &p.highlight) }
                }) }
            </tr>
        });
    }
    html! {
        <table onclick={reveal_on_click(p.report.clone(), ctx.clone())} class="official t3" aria-label="表三 收到和处理政府信息公开申请情况">
            <caption>{ "三、收到和处理政府信息公开申请情况" }</caption>
            <thead>
                <tr>
                    <th class="note" rowspan="3" colspan="3">{ "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" }</th>
                    <th colspan="7">{ "申请人情况" }</th>
                </tr>
                <tr>
                    <th rowspan="2">{ "自然人" }</th>
                    <th colspan={applicants.len().to_string()}>{ "法人或其他组织" }</th>
                    <th rowspan="2">{ "总计" }</th>
                </tr>
                <tr>{ for applicants.iter().map(|c| html! { <th>{ &c.label }</th> }) }</tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
