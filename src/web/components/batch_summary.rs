//! The batch summary: one row per open report, as a reviewer goes through the reports
//! a 政务公开办 receives — sortable, filtered to those with errors, a click opening the
//! report — with the batch's progress and its Excel export.

use super::summary_bar::template_label;
use crate::report::summary::{compare_rows, Page, SummaryColumn};
use crate::web::checker::Checker;
use crate::web::export;
use crate::web::state::{Action, AppContext, DocId, Document};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The batch summary.
#[function_component(BatchSummary)]
pub fn batch_summary() -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let checker = use_context::<Checker>().expect("checker context");
    let exporting = use_state(|| None::<String>);
    let view = ctx.summary;
    // An archive's files still to be opened count: the batch is not over until they
    // are opened and checked.
    let total = ctx.batch().count() + ctx.files_unopened();
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
        compare_rows(
            view.by,
            view.descending,
            (&a.name, a.row.as_deref()),
            (&b.name, b.row.as_deref()),
        )
    });

    let only_errors = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            ctx.dispatch(Action::OnlyErrors(input.checked()));
        })
    };
    // Reports set aside in a large batch are read again first (every sheet needs its
    // report), then the workbook is written and they are let go again.
    let export_wanted = use_state(|| false);
    let export_now = {
        let exporting = exporting.clone();
        move |ctx: &AppContext| {
            let items: Vec<export::BatchItem> = ctx
                .batch()
                .map(|(_, d)| {
                    let result = match (&d.report, d.error()) {
                        (Some(r), _) => Ok(r.clone()),
                        (None, Some(e)) => Err(e.to_owned()),
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
        }
    };
    {
        let ctx = ctx.clone();
        let export_wanted = export_wanted.clone();
        let export_now = export_now.clone();
        let ready = ctx.set_aside_count() == 0 && ctx.docs.iter().all(|d| d.checking().is_none());
        use_effect_with((*export_wanted, ready), move |&(wanted, ready)| {
            if wanted && ready {
                export_wanted.set(false);
                export_now(&ctx);
                ctx.dispatch(Action::KeepAll(false));
            }
        });
    }
    let export_excel = {
        let ctx = ctx.clone();
        let exporting = exporting.clone();
        let export_wanted = export_wanted.clone();
        Callback::from(move |_| {
            if ctx.set_aside_count() == 0 {
                export_now(&ctx);
                return;
            }
            exporting.set(Some(format!(
                "正在重新读取 {} 份报告以生成 Excel 文件……",
                ctx.set_aside_count()
            )));
            export_wanted.set(true);
            ctx.dispatch(Action::KeepAll(true));
        })
    };
    let heading = |column: &SummaryColumn| {
        let column = *column;
        let sort = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.dispatch(Action::SortSummary(column)))
        };
        let sorted = view.by == column;
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
            <th aria-sort={aria}><button type="button" class="sort" onclick={sort} data-sort={column.name()}>{ column.heading_zh() }{ arrow }</button></th>
        }
    };
    let busy = checked < total;
    let page = Page::of(rows.len(), view.page);
    let listed = rows.len();
    let rows = &rows[page.start..page.end];
    // The wrong folder dropped: every check of the batch still waiting or running ends.
    let stop = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            let checking: Vec<_> = ctx
                .batch()
                .filter(|(_, d)| d.checking().is_some())
                .map(|(_, d)| d.id)
                .collect();
            checker.cancel_all(&checking);
            ctx.dispatch(Action::StopUnopened);
        })
    };
    let to_page = |n: usize| {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::SummaryPage(n)))
    };
    html! {
        <section class="batch" data-testid="batch-summary" data-total={total.to_string()} data-checked={checked.to_string()} data-set-aside={ctx.set_aside_count().to_string()}>
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
                    { for SummaryColumn::ALL.iter().map(heading) }
                    <th>{ "主要问题" }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(_, d)| html! {
                        <SummaryLine key={d.id.0} doc={(*d).clone()} />
                    }) }
                </tbody>
            </table>
            if page.count > 1 {
                <nav class="pages" aria-label="汇总表分页" data-testid="summary-pages" data-page={(page.index + 1).to_string()} data-pages={page.count.to_string()}>
                    <button type="button" onclick={to_page(page.index.saturating_sub(1))} disabled={page.index == 0} data-testid="page-prev">{ "上一页" }</button>
                    <span role="status">{ format!("第 {} / {} 页（第 {}–{} 份，共 {listed} 份）", page.index + 1, page.count, page.start + 1, page.end) }</span>
                    <button type="button" onclick={to_page(page.index + 1)} disabled={page.index + 1 == page.count} data-testid="page-next">{ "下一页" }</button>
                </nav>
            }
        </section>
    }
}

/// Props of [`SummaryLine`].
#[derive(Properties)]
struct SummaryLineProps {
    doc: Rc<Document>,
}

/// The same document, unchanged (a changed one is a new `Rc`: a thousand rows are
/// compared without comparing their texts).
impl PartialEq for SummaryLineProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
    }
}

/// Opens report `id` from its row. The row lets go of the focus first: the summary,
/// removed with the focused row in it, made the browser lay out the report view then
/// and there (a forced layout of some 60 ms, besides the frame's own).
fn open_report(ctx: &AppContext, id: DocId) {
    if let Some(focused) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = focused.blur();
    }
    ctx.dispatch(Action::Show(id));
}

/// One report's row (rendered again only when its row changes).
#[function_component(SummaryLine)]
fn summary_line(p: &SummaryLineProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let open = {
        let ctx = ctx.clone();
        let id = p.doc.id;
        Callback::from(move |_| open_report(&ctx, id))
    };
    // A row opens with Enter too, as a link would.
    let onkeydown = {
        let id = p.doc.id;
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                open_report(&ctx, id);
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
            <td>{ template_label(row.template) }</td>
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
