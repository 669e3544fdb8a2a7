//! The input side: the text area, also the drop zone for files and folders.

use crate::web::checker::Checker;
use crate::web::files::read_dropped;
use crate::web::job::Input;
use crate::web::state::{Action, AppContext, HtmlPaste, PASTED};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Line height of the text area in pixels (the stylesheet sets the same), so a line
/// number maps to a scroll position.
const LINE_HEIGHT: f64 = 20.0;

/// Typing pauses this long before the check reruns; a paste is checked at once.
const DEBOUNCE_MS: u32 = 300;

/// The byte offset in `s` of UTF-16 offset `n` (a text area's selection), at a char
/// boundary.
fn utf16_to_byte(s: &str, n: usize) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        if units >= n {
            return i;
        }
        units += c.len_utf16();
    }
    s.len()
}

/// The input side: the text area (also a drop zone for files and folders).
#[function_component(InputPane)]
pub fn input_pane() -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let textarea = use_node_ref();
    let timer = use_mut_ref(|| None::<Timeout>);
    let dragging = use_state(|| false);

    let oninput = {
        let ctx = ctx.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            if e.input_type() == "insertFromPaste" || e.input_type() == "insertFromDrop" {
                *timer.borrow_mut() = None;
                ctx.dispatch(Action::Replace(el.value()));
            } else {
                ctx.dispatch(Action::Edit(el.value()));
                let ctx = ctx.clone();
                *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || {
                    ctx.dispatch(Action::Check)
                }));
            }
        })
    };

    // A rich paste (from Word, WPS or a web page) carries HTML: its tables are read by
    // the core's HTML reader, which keeps every cell, instead of the plain text. A
    // plain paste is left to the browser, but its check starts at once, from the
    // clipboard's text: the browser takes a while to put a report into the text area.
    let onpaste = {
        let ctx = ctx.clone();
        let checker = use_context::<Checker>().expect("checker context");
        Callback::from(move |e: Event| {
            let Some(clip) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
            else {
                return;
            };
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            let value = el.value();
            let at = |n: Option<u32>| utf16_to_byte(&value, n.unwrap_or(0) as usize);
            let start = at(el.selection_start().ok().flatten());
            let end = at(el.selection_end().ok().flatten()).max(start);
            let html = clip.get_data("text/html").unwrap_or_default();
            if !html.to_ascii_lowercase().contains("<table") {
                if let Ok(text) = clip.get_data("text/plain") {
                    // The text area's text once the browser has pasted (it keeps only
                    // \n for line breaks); if it is not, the early check is not used.
                    let pasted = text.replace("\r\n", "\n").replace('\r', "\n");
                    checker.start_early(Input::Text {
                        text: format!("{}{pasted}{}", &value[..start], &value[end..]),
                        source: ctx.doc().source.clone(),
                    });
                }
                return;
            }
            e.prevent_default();
            // The HTML is read in the worker (a hostile clipboard cannot freeze the
            // tab); the text around the selection is kept.
            ctx.dispatch(Action::PasteHtml(HtmlPaste {
                html: html.into(),
                before: value[..start].to_owned(),
                after: value[end..].to_owned(),
            }));
        })
    };

    // Scroll to and select the line a finding points at.
    {
        let textarea = textarea.clone();
        let focus = ctx.focus;
        let text = ctx.doc().text.clone();
        use_effect_with(focus, move |focus| {
            if focus.seq > 0 {
                if let Some(el) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                    let line = focus.line.get();
                    let mut start = 0u32;
                    let mut end = 0u32;
                    for (i, l) in text.split('\n').enumerate() {
                        let len = l.encode_utf16().count() as u32;
                        if i + 1 == line {
                            end = start + len;
                            break;
                        }
                        start += len + 1;
                    }
                    let _ = el.focus();
                    let _ = el.set_selection_range(start, end.max(start));
                    el.set_scroll_top(
                        (((line - 1) as f64) * LINE_HEIGHT - 3.0 * LINE_HEIGHT).max(0.0) as i32,
                    );
                    el.set_scroll_left(0);
                }
            }
        });
    }

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let ctx = ctx.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            if let Some(data) = e.data_transfer() {
                if read_dropped(&data, ctx.clone()) {
                    e.prevent_default();
                }
            }
        })
    };

    let doc = ctx.doc();
    // A file's text longer than a text area lays out came back from the worker in part,
    // and is not editable (an edit would lose the rest); the check was of the whole
    // text. (What the user pasted or typed is there whole, and stays theirs to edit.)
    let cut_note = doc.whole.map(|whole| {
        html! {
            <p class="text-cut" role="status" data-testid="text-cut">
                { format!(
                    "全文共 {} 行（{:.1} MB），过长，此处只显示前 {} 行，且不可编辑；检查针对全文（与上年报告逐句比对文字除外）。",
                    whole.lines,
                    whole.bytes as f64 / 1048576.0,
                    doc.text.split('\n').count().saturating_sub(1).max(1),
                ) }
            </p>
        }
    });
    html! {
        <section class={classes!("input-pane", (*dragging).then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
            <label for="report-input" class="pane-title">
                { if doc.name == PASTED {
                    "报告全文（粘贴或输入，也可把文件拖到这里）".to_owned()
                } else if doc.text.is_empty() {
                    // Not read yet (or not readable): what it is, is not known.
                    crate::report::visible::visible(&doc.name).into_owned()
                } else {
                    format!("{}（{}）", crate::report::visible::visible(&doc.name), super::summary_bar::source_label(&doc.source))
                } }
            </label>
            <textarea id="report-input" ref={textarea} data-testid="report-input" spellcheck="false" wrap="off"
                placeholder="请将政府信息公开工作年度报告全文粘贴到这里……"
                value={doc.text.clone()} readonly={doc.whole.is_some()} {oninput} {onpaste} />
            { for cut_note }
            <p class="drop-hint">{ "支持 Word（.docx）、PDF（含文字层）、网页（.html）和文本文件（.txt，UTF-8、GB18030/GBK、UTF-16），可一次拖入多个；从 Word、WPS 或网页复制粘贴时按原表格读取。内容只在本机处理，不会上传。" }</p>
        </section>
    }
}
