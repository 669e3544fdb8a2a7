//! The findings list, grouped by severity.

use crate::model::{Report, Severity};
use crate::series::Passage;
use crate::web::state::{Action, AppContext};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`FindingsList`].
#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    /// The report.
    pub report: Rc<Report>,
    /// Index of the selected finding.
    pub selected: Option<usize>,
    /// The sentences repeated word for word from last year's report, shown under the
    /// `text-reuse` finding.
    #[prop_or_default]
    pub repeated: Option<Rc<Vec<Passage>>>,
}

/// The findings grouped by severity. Clicking one highlights its cells and scrolls the
/// input to its line; its rule id opens the rule's documentation.
#[function_component(FindingsList)]
pub fn findings_list(p: &FindingsListProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    if p.report.findings.is_empty() {
        return html! { <p class="all-clear">{ "未发现问题：表格勾稽关系一致，各部分齐全。" }</p> };
    }
    let group = |sev: Severity| {
        let items: Vec<(usize, &crate::model::Finding)> = p
            .report
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.severity == sev)
            .collect();
        if items.is_empty() {
            return html! {};
        }
        html! {
            <section class={classes!("findings-group", sev.as_str())}>
                <h3>{ format!("{}（{}）", sev.label_zh(), items.len()) }</h3>
                <ol>
                { for items.into_iter().map(|(i, f)| {
                    let selected = p.selected == Some(i);
                    let onclick = {
                        let ctx = ctx.clone();
                        Callback::from(move |_| ctx.dispatch(Action::Select(if selected { None } else { Some(i) })))
                    };
                    let open_rule = {
                        let ctx = ctx.clone();
                        let rule = f.rule;
                        Callback::from(move |e: MouseEvent| {
                            e.stop_propagation();
                            ctx.dispatch(Action::Rules(Some(Some(rule))));
                        })
                    };
                    // The whole item takes a click; its button (the message and the
                    // line) is what a keyboard or a screen reader reaches, and the rule's
                    // link sits beside it, not inside it (no control within a control).
                    html! {
                        <li class={classes!("finding", selected.then_some("selected"))}
                            data-rule={f.rule.as_str()} data-severity={f.severity.as_str()} data-cells={f.cells.join(" ")}
                            {onclick}>
                            <button type="button" class="select-finding" aria-pressed={selected.to_string()}>
                                <span class="message">{ &f.message }</span>
                                { f.line.map(|l| html! { <span class="line">{ format!("第{l}行") }</span> }).unwrap_or_default() }
                            </button>
                            <span class="where">
                                <a class="rule-id" href={format!("#rule-{}", f.rule)} onclick={open_rule} title="查看此规则的说明">{ f.rule.as_str() }</a>
                            </span>
                            if f.rule == crate::model::RuleId::TextReuse {
                                { repeated_passages(&ctx, p.repeated.as_deref()) }
                            }
                        </li>
                    }
                }) }
                </ol>
            </section>
        }
    };
    html! {
        <div class="findings" data-testid="findings">
            { group(Severity::Error) }
            { group(Severity::Warning) }
            { group(Severity::Info) }
        </div>
    }
}

/// The repeated sentences, each marked and going to its line when clicked.
fn repeated_passages(ctx: &AppContext, passages: Option<&Vec<Passage>>) -> Html {
    let Some(passages) = passages.filter(|p| !p.is_empty()) else {
        return html! {};
    };
    html! {
        <details class="repeated" data-testid="repeated-passages" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
            <summary>{ format!("与上年逐字相同的句子（{} 句）", passages.len()) }</summary>
            <ol>
                { for passages.iter().map(|p| {
                    let reveal = {
                        let ctx = ctx.clone();
                        let line = p.line;
                        Callback::from(move |_| ctx.dispatch(Action::Reveal(line)))
                    };
                    let section = p.section.numeral();
                    html! {
                        <li data-line={p.line.get().to_string()}>
                            <button type="button" class="reveal-line" onclick={reveal} title="在原文中定位">
                                <span class="line">{ format!("{section} · 第{}行", p.line) }</span>
                                <mark>{ &p.text }</mark>
                            </button>
                        </li>
                    }
                }) }
            </ol>
        </details>
    }
}
