//! The panel documenting every rule.

use crate::web::state::{Action, AppContext};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Props of [`RulesPanel`].
#[derive(Properties, PartialEq)]
pub struct RulesPanelProps {
    /// The rule to show first, if any.
    pub focus: Option<crate::model::RuleId>,
}

/// Every rule with what it checks, why, and a failing and a fixed example.
#[function_component(RulesPanel)]
pub fn rules_panel(p: &RulesPanelProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let close = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Rules(None)))
    };
    // The keyboard goes into the panel when it opens (to the rule asked for, else its
    // close button), and back to where it was when the panel closes.
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            let opener = gloo::utils::document().active_element();
            let _ = close_button
                .cast::<web_sys::HtmlElement>()
                .map(|b| b.focus());
            move || {
                if let Some(opener) = opener
                    .filter(|o| o.is_connected())
                    .and_then(|o| o.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = opener.focus();
                }
            }
        });
    }
    {
        let focus = p.focus;
        use_effect_with(focus, move |focus| {
            if let Some(id) = focus {
                if let Some(el) = gloo::utils::document().get_element_by_id(&format!("rule-{id}")) {
                    el.scroll_into_view();
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }
    let onkeydown = {
        let ctx = ctx.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.stop_propagation();
                ctx.dispatch(Action::Rules(None));
            }
        })
    };
    html! {
        <aside class="rules-panel" data-testid="rules-panel" role="dialog" aria-label="检查规则说明" {onkeydown}>
            <header>
                <h2>{ "检查规则说明" }</h2>
                <button type="button" class="close" onclick={close} ref={close_button}>{ "关闭" }</button>
            </header>
            <p class="intro">{ "以下规则依据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的年度报告格式（国办公开办函〔2019〕60号、〔2021〕30号）。" }</p>
            { for crate::rule_docs().into_iter().map(|d| html! {
                <article id={format!("rule-{}", d.id)} tabindex="-1" class={classes!("rule", d.severity.as_str(), (p.focus == Some(d.id)).then_some("focused"))} data-rule-doc={d.id.as_str()}>
                    <h3><code>{ d.id.as_str() }</code>{ " " }{ d.title }<span class="severity">{ d.severity.label_zh() }</span></h3>
                    <p><b>{ "检查内容：" }</b>{ d.what }</p>
                    <p><b>{ "依据：" }</b>{ d.why }</p>
                    <div class="examples">
                        <div class="bad"><b>{ "错误示例" }</b><pre>{ d.bad }</pre></div>
                        <div class="good"><b>{ "正确示例" }</b><pre>{ d.good }</pre></div>
                    </div>
                </article>
            }) }
        </aside>
    }
}
