//! One data cell of a rebuilt table.

use crate::web::marks::CellMarks;
use crate::web::state::{Action, AppContext};
use crate::{CellState, Report, Severity};
use std::rc::Rc;
use yew::prelude::*;

/// One data cell of a table: the value as written, coloured by the worst finding on
/// it, with a tooltip; a missing cell is marked 缺, one whose numbers are in the input
/// but could not be placed ？; a value split out of glued digits
/// by the table's arithmetic has a dotted frame and says so in its tooltip. A plain function rather than a
/// component: a table has some 200 of them, and they change only with the report.
pub fn value_cell(key: &str, report: &Report, marks: &CellMarks, highlight: &[String]) -> Html {
    let cell = report.cells.get(key);
    let template = report
        .meta
        .template
        .as_deref()
        .and_then(crate::template::by_id);
    let describe = template
        .map(|t| t.describe_cell(key))
        .unwrap_or_else(|| key.to_owned());
    let (text, state_class, value, mut tip) = match cell {
        // In the input, but its column is not certain: the checker's limit, said so.
        None if marks.unplaced(key) => (
            "？".to_owned(),
            "missing unplaced",
            String::new(),
            format!("{describe}\n原文中有数字，但无法确定其所在的列，未予读取（不表示报告有误）"),
        ),
        None => (
            "缺".to_owned(),
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
                Some(crate::Inference::Split) => {
                    "\n原文中该行数字连在一起、没有分隔，此值是唯一满足表格勾稽关系的拆分结果，请与原表核对"
                }
                None => "",
            };
            (
                c.raw.clone(),
                state,
                c.value.map(|v| v.to_string()).unwrap_or_default(),
                format!("{describe}\n原文{raw}{line}{inferred}"),
            )
        }
    };
    for m in marks.messages(key) {
        tip.push('\n');
        tip.push_str(m);
    }
    let sev = marks.worst(key).map(|s| match s {
        Severity::Error => "sev-error",
        Severity::Warning => "sev-warning",
        Severity::Info => "sev-info",
    });
    let hl = highlight.iter().any(|k| k == key);
    let inferred = cell.and_then(|c| c.inferred).map(|i| match i {
        crate::Inference::Split => "split",
    });
    html! {
        <td class={classes!("v", state_class, sev, hl.then_some("hl"), inferred.map(|_| "inferred"))} data-cell={key.to_owned()} data-value={value} data-inferred={inferred} title={tip}>
            { text }
        </td>
    }
}

/// One click handler for a whole table: a click on a cell scrolls the input to the
/// line the cell was read from.
pub fn reveal_on_click(report: Rc<Report>, ctx: AppContext) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let Some(target) = e.target_dyn_into::<web_sys::Element>() else {
            return;
        };
        let Ok(Some(td)) = target.closest("[data-cell]") else {
            return;
        };
        let Some(key) = td.get_attribute("data-cell") else {
            return;
        };
        if let Some(line) = report.cells.get(&key).and_then(|c| c.line) {
            ctx.dispatch(Action::Reveal(line));
        }
    })
}
