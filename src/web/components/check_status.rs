//! What the checker is doing for the shown document: a check under way (with a button
//! that ends it), or a check the user ended.

use crate::web::checker::Checker;
use crate::web::state::{Action, AppContext, Document};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`CheckStatus`] and [`CheckCancelled`].
#[derive(Properties, PartialEq)]
pub struct CheckStatusProps {
    /// The shown document.
    pub doc: Rc<Document>,
}

/// A check under way: says so, with a button that ends it. (The stylesheet fades it in
/// after a moment, so the checks that take milliseconds, nearly all, do not flash it.)
#[function_component(CheckStatus)]
pub fn check_status(p: &CheckStatusProps) -> Html {
    let checker = use_context::<Checker>().expect("checker context");
    let Some(checking) = p.doc.checking() else {
        return html! {};
    };
    let what = if checking.file.is_some() {
        format!("正在读取并检查“{}”……", p.doc.name)
    } else {
        "正在检查……".to_owned()
    };
    let doc = p.doc.id;
    let cancel = Callback::from(move |_| checker.cancel(doc));
    html! {
        <div class="check-status" role="status" data-testid="check-status">
            <span class="spinner" aria-hidden="true"></span>
            <span>{ what }</span>
            <button type="button" data-testid="cancel-check" onclick={cancel}>{ "取消检查" }</button>
        </div>
    }
}

/// The user ended the check: says what that means and how to go on.
#[function_component(CheckCancelled)]
pub fn check_cancelled(p: &CheckStatusProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    // Typed text, or a file kept to be read again.
    let has_text = !p.doc.text.trim().is_empty() || p.doc.file.is_some();
    let retry = Callback::from(move |_| ctx.dispatch(Action::Check));
    html! {
        <div class="input-error cancelled" role="alert" data-testid="check-cancelled">
            <h2>{ "已取消检查" }</h2>
            <p>{ format!("“{}”的检查已按您的要求停止，没有得出结果。", p.doc.name) }</p>
            <p class="hint">{ "文件可能过大或结构异常。可删去与报告无关的内容后重新检查；PDF 文件可改用 Word 文件（.docx），或直接复制报告全文粘贴。" }</p>
            if has_text {
                <button type="button" data-testid="retry-check" onclick={retry}>{ "重新检查" }</button>
            }
        </div>
    }
}
