//! The open documents as tabs, with the batch summary's tab when two or more reports
//! are open.

use crate::web::state::{Action, AppContext, Document};
use yew::prelude::*;

/// With more files open than this, the tabs show only the text area's, the summary's
/// and the shown one: the summary is how a batch of hundreds is gone through.
const MAX_TABS: usize = 12;

/// The tabs (nothing while the text area's document is the only one).
#[function_component(DocTabs)]
pub fn doc_tabs() -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    if ctx.docs.len() < 2 {
        return html! {};
    }
    let summary_tab = ctx.has_batch().then(|| {
        let show = {
            let ctx = ctx.clone();
            Callback::from(move |_| ctx.dispatch(Action::ShowSummary))
        };
        let checked = ctx.batch().filter(|(_, d)| d.row.is_some()).count();
        let total = ctx.batch().count();
        let shown = ctx.summary_shown;
        html! {
            <li class={classes!("summary-tab", shown.then_some("active"))} onclick={show} data-testid="summary-tab">
                <button type="button" class="show" aria-current={shown.then_some("true")}>
                    { format!("汇总（{total} 份）") }
                    if checked < total { <span class="badge">{ format!("{checked}/{total}") }</span> }
                </button>
            </li>
        }
    });
    let few = ctx.docs.len() <= MAX_TABS + 1;
    let active = (!ctx.summary_shown).then_some(ctx.active);
    html! {
        <ul class="doc-tabs" aria-label="已打开的报告">
            { for ctx.docs.iter().enumerate().filter(|(i, _)| few || *i == 0 || Some(*i) == active).map(|(i, d)| tab(&ctx, i, d, Some(i) == active)) }
            { summary_tab }
        </ul>
    }
}

fn tab(ctx: &AppContext, i: usize, d: &Document, active: bool) -> Html {
    let id = d.id;
    let show = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Show(id)))
    };
    let close = {
        let ctx = ctx.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            ctx.dispatch(Action::Close(id))
        })
    };
    let badge = match (d.error(), &d.report) {
        (Some(_), _) => html! { <span class="badge error">{ "无法读取" }</span> },
        (None, Some(r)) if r.summary.errors > 0 => {
            html! { <span class="badge error">{ r.summary.errors }</span> }
        }
        (None, Some(r)) if r.summary.warnings > 0 => {
            html! { <span class="badge warning">{ r.summary.warnings }</span> }
        }
        (None, Some(_)) => html! { <span class="badge ok">{ "✓" }</span> },
        _ => html! {},
    };
    html! {
        // The tab is a button a keyboard reaches (aria-current on the one shown); the
        // close button sits beside it, not inside it (no control within a control). The
        // whole item takes a click.
        <li class={classes!(active.then_some("active"))} onclick={show} data-doc={d.name.clone()}>
            <button type="button" class="show" aria-current={active.then_some("true")}>
                { crate::report::visible::visible(&d.name).into_owned() }{ badge }
            </button>
            if i > 0 {
                <button type="button" class="close" onclick={close}
                    aria-label={format!("关闭 {}", crate::report::visible::visible(&d.name))}>{ "×" }</button>
            }
        </li>
    }
}
