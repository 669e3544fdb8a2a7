//! The batch summary: one row per open report, as a reviewer goes through the reports
//! a 政务公开办 receives — sortable, filtered to those with errors, a click opening the
//! report — with the batch's progress and its Excel export.

use super::summary_bar::template_label;
use crate::report::summary::SummaryRow;
use crate::web::checker::Checker;
use crate::web::export;
use crate::web::state::{Action, AppContext, Document, SummaryColumn, SummaryView};
use std::cmp::Ordering;
use std::rc::Rc;
use yew::prelude::*;

/// The columns that sort, with their headings and their names in `data-sort`.
const COLUMNS: [(SummaryColumn, &str, &str); 8] = [
    (SummaryColumn::File, "文件", "file"),
    (SummaryColumn::Agency, "机关", "agency"),
    (SummaryColumn::Year, "年度", "year"),
    (SummaryColumn::Template, "格式", "template"),
    (SummaryColumn::Published, "落款日期", "published"),
    (SummaryColumn::Late, "是否逾期", "late"),
    (SummaryColumn::Errors, "错误", "errors"),
    (SummaryColumn::Warnings, "警告", "warnings"),
];

/// How two rows compare by a column; rows not checked yet, and unknown values, last.
fn compare(by: SummaryColumn, a: &Document, b: &Document) -> Ordering {
    let (ra, rb) = match (&a.row, &b.row) {
        (Some(ra), Some(rb)) => (ra, rb),
        (Some(_), None) => return Ordering::Less,
        (None, Some(_)) => return Ordering::Greater,
        (None, None) => return a.name.cmp(&b.name),
    };
    fn known<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    let late_rank = |r: &SummaryRow| r.late.map(|l| l as u8);
    match by {
        SummaryColumn::File => ra.file.cmp(&rb.file),
        SummaryColumn::Agency => known(ra.agency.as_ref(), rb.agency.as_ref()),
        SummaryColumn::Year => known(ra.year, rb.year),
        SummaryColumn::Template => known(ra.template.as_ref(), rb.template.as_ref()),
        SummaryColumn::Published => known(ra.published.as_ref(), rb.published.as_ref()),
        SummaryColumn::Late => known(late_rank(ra), late_rank(rb)),
        SummaryColumn::Errors => ra.errors.cmp(&rb.errors),
        SummaryColumn::Warnings => ra.warnings.cmp(&rb.warnings),
    }
    .then_with(|| ra.file.cmp(&rb.file))
}

/// The batch summary.
#[function_component(BatchSummary)]
pub fn batch_summary() -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let checker = use_context::<Checker>().expect("checker context");
    let exporting = use_state(|| None::<String>);
    let view = ctx.summary;
    let total = ctx.batch().count();
    let checked = ctx.batch().filter(|(_, d)| d.row.is_some()).count();
    let with_errors = ctx
        .batch()
        .filter(|(_, d)| d.row.as_ref().is_some_and(|r| r.errors > 0))
        .count();
    let unreadable = ctx
        .batch()
        .filter(|(_, d)| d.row.as_ref().is_some_and(|r| r.unreadable.is_some()))
        .count();
    let mut rows: Vec<(usize, &Rc<Document>)> = ctx
        .batch()
        .filter(|(_, d)| {
            !view.only_errors
                || d.row
                    .as_ref()
                    .is_some_and(|r| r.errors > 0 || r.unreadable.is_some())
        })
        .collect();
    rows.sort_by(|(_, a), (_, b)| {
        let order = compare(view.by, a, b);
        if view.descending {
            order.reverse()
        } else {
            order
        }
    });

    let only_errors = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            ctx.dispatch(Action::OnlyErrors(input.checked()));
        })
    };
    let export_excel = {
        let ctx = ctx.clone();
        let exporting = exporting.clone();
        Callback::from(move |_| {
            let items: Vec<export::BatchItem> = ctx
                .batch()
                .map(|(_, d)| {
                    let result = match (&d.report, &d.error) {
                        (Some(r), _) => Ok(r.clone()),
                        (None, Some(e)) => Err(e.clone()),
                        (None, None) => Err("未完成检查".to_owned()),
                    };
                    (d.name.clone(), result)
                })
                .collect();
            exporting.set(Some("正在生成 Excel 文件……".into()));
            let done = {
                let exporting = exporting.clone();
                Callback::from(move |why: Option<String>| exporting.set(why))
            };
            export::excel_of_batch(
                &items,
                format!("年报体检汇总（{}份）.xlsx", items.len()),
                done,
            );
        })
    };
    let heading = |(column, label, name): &(SummaryColumn, &'static str, &'static str)| {
        let sort = {
            let ctx = ctx.clone();
            let column = *column;
            Callback::from(move |_| ctx.dispatch(Action::SortSummary(column)))
        };
        let sorted = view.by == *column;
        let aria = match (sorted, view.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let arrow = match (sorted, view.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        html! {
            <th aria-sort={aria}><button type="button" class="sort" onclick={sort} data-sort={*name}>{ *label }{ arrow }</button></th>
        }
    };
    let busy = checked < total;
    let hidden = if view.all_rows {
        0
    } else {
        rows.len().saturating_sub(SummaryView::ROWS_SHOWN)
    };
    rows.truncate(rows.len() - hidden);
    // The wrong folder dropped: every check of the batch still waiting or running ends.
    let stop = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            let checking: Vec<_> = ctx
                .batch()
                .filter(|(_, d)| d.checking.is_some())
                .map(|(_, d)| d.id)
                .collect();
            checker.cancel_all(&checking);
        })
    };
    let all_rows = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::AllRows))
    };
    html! {
        <section class="batch" data-testid="batch-summary" data-total={total.to_string()} data-checked={checked.to_string()}>
            <header class="batch-head">
                <h2>{ format!("批量检查汇总：共 {total} 份") }</h2>
                if busy {
                    <div class="batch-progress" role="status">
                        <progress data-testid="batch-progress" max={total.to_string()} value={checked.to_string()}></progress>
                        { format!("已检查 {checked} / {total} 份") }
                        <button type="button" onclick={stop} data-testid="cancel-batch">{ "停止检查" }</button>
                    </div>
                } else {
                    <p class="batch-counts">{ format!("有错误的 {with_errors} 份，无法读取的 {unreadable} 份。点击一行查看该报告。") }</p>
                }
                <label class="only-errors">
                    <input type="checkbox" checked={view.only_errors} onchange={only_errors} data-testid="only-errors" />
                    { "只看有错误的报告（含无法读取的文件）" }
                </label>
                <button type="button" onclick={export_excel} disabled={busy} data-testid="export-batch-excel">{ "导出 Excel" }</button>
                if let Some(message) = &*exporting {
                    <span class="export-status" role="status" data-testid="export-status">{ message }</span>
                }
            </header>
            <table class="batch-table">
                <thead><tr>
                    { for COLUMNS.iter().map(heading) }
                    <th>{ "主要问题" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(i, d)| html! {
                        <SummaryLine key={d.id.0} index={*i} doc={(*d).clone()} />
                    }) }
                </tbody>
            </table>
            if hidden > 0 {
                <p class="more-rows">
                    { format!("另有 {hidden} 份未列出（按当前排序）。") }
                    <button type="button" onclick={all_rows} data-testid="all-rows">{ "显示全部" }</button>
                </p>
            }
        </section>
    }
}

/// Props of [`SummaryLine`].
#[derive(Properties)]
struct SummaryLineProps {
    index: usize,
    doc: Rc<Document>,
}

/// The same document, unchanged (a changed one is a new `Rc`: a thousand rows are
/// compared without comparing their texts).
impl PartialEq for SummaryLineProps {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && Rc::ptr_eq(&self.doc, &other.doc)
    }
}

/// One report's row (rendered again only when its row changes).
#[function_component(SummaryLine)]
fn summary_line(p: &SummaryLineProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let open = {
        let ctx = ctx.clone();
        let index = p.index;
        Callback::from(move |_| ctx.dispatch(Action::Show(index)))
    };
    // A row opens with Enter too, as a link would.
    let onkeydown = {
        let index = p.index;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                ctx.dispatch(Action::Show(index));
            }
        })
    };
    let name = &p.doc.name;
    // Shown with its control and bidirectional characters written out (a name must not
    // pass itself off as another); data-report keeps it as it is.
    let shown = crate::report::visible::visible(name).into_owned();
    let Some(row) = &p.doc.row else {
        return html! {
            <tr class="pending" data-report={name.clone()} onclick={open} {onkeydown} tabindex="0">
                <td class="file">{ shown.clone() }</td>
                <td colspan="8" class="muted">{ "检查中……" }</td>
            </tr>
        };
    };
    if let Some(why) = &row.unreadable {
        return html! {
            <tr class="unreadable" data-report={name.clone()} data-errors="0" data-warnings="0" data-unreadable="" onclick={open} {onkeydown} tabindex="0">
                <td class="file">{ shown.clone() }</td>
                <td colspan="8" class="why">{ crate::report::summary::SummaryRow::unreadable_said(why) }</td>
            </tr>
        };
    }
    let or_dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    let late = row.late.map(|l| l.label_zh()).unwrap_or("—");
    let late_class = match row.late {
        Some(crate::report::summary::Lateness::Late) => "late",
        Some(crate::report::summary::Lateness::Unsure) => "unsure",
        _ => "",
    };
    html! {
        <tr data-report={name.clone()} data-errors={row.errors.to_string()} data-warnings={row.warnings.to_string()} onclick={open} {onkeydown} tabindex="0">
            <td class="file">{ shown.clone() }</td>
            <td>{ or_dash(&row.agency) }</td>
            <td>{ row.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into()) }</td>
            <td>{ template_label(row.template.as_deref()).unwrap_or("未识别") }</td>
            <td>{ or_dash(&row.published) }</td>
            <td class={late_class}>{ late }</td>
            <td class={classes!("count", (row.errors > 0).then_some("error"))}>{ row.errors }</td>
            <td class={classes!("count", (row.warnings > 0).then_some("warning"))}>{ row.warnings }</td>
            <td class="rules">{ for row.top_rules.iter().map(|(id, n)| {
                let title = crate::rules::doc(id).map_or(id.as_str(), |d| d.title);
                html! { <span class="top-rule" data-rule={id.clone()} title={id.clone()}>{ format!("{title}×{n}") }</span> }
            }) }</td>
        </tr>
    }
}
