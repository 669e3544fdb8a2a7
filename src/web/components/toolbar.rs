//! The toolbar: samples, files, exports, print, rules.

use crate::web::export;
use crate::web::files::{read_files, read_folder};
use crate::web::samples::{self, SAMPLES};
use crate::web::state::{Action, AppContext};
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(module = "/www/samples.js")]
extern "C" {
    /// The text of the sample saved as `name` (rejects with a Chinese message).
    #[wasm_bindgen(js_name = loadSample)]
    fn load_sample(name: &str) -> js_sys::Promise;
}

/// A file input's change: its files read by `read` (as files, or as a folder's).
fn on_pick(ctx: &AppContext, read: fn(web_sys::FileList, AppContext)) -> Callback<Event> {
    let ctx = ctx.clone();
    Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        if let Some(list) = input.files() {
            read(list, ctx.clone());
        }
        input.set_value("");
    })
}

/// Title, the 示例 menu, opening files, exports, printing and the rules.
#[function_component(Toolbar)]
pub fn toolbar() -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    // What the toolbar is doing or could not do (an export, a sample loading), if any.
    let status = use_state(|| None::<String>);
    let on_sample = {
        let ctx = ctx.clone();
        let status = status.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(sample) = select
                .value()
                .parse::<usize>()
                .ok()
                .and_then(|i| SAMPLES.get(i))
            {
                let loaded = {
                    let ctx = ctx.clone();
                    let status = status.clone();
                    Closure::once_into_js(move |text: JsValue| {
                        status.set(None);
                        ctx.dispatch(Action::Load(text.as_string().unwrap_or_default()));
                    })
                };
                let failed = {
                    let status = status.clone();
                    Closure::once_into_js(move |why: JsValue| {
                        status.set(Some(why.as_string().unwrap_or_default()));
                    })
                };
                let _ =
                    crate::web::js::call_then(&load_sample(samples::key(sample)), &loaded, &failed);
            }
            select.set_value("");
        })
    };
    let on_files = on_pick(&ctx, read_files);
    let on_folder = on_pick(&ctx, read_folder);
    let report = ctx.report().cloned();
    let export_excel = {
        let report = report.clone();
        let file = ctx.doc().name.clone();
        let status = status.clone();
        Callback::from(move |_| {
            if let Some(r) = &report {
                status.set(Some("正在生成 Excel 文件……".into()));
                let done = {
                    let status = status.clone();
                    Callback::from(move |why: Option<String>| status.set(why))
                };
                export::excel_of_report(&file, r, format!("{}.xlsx", export::base_name(r)), done);
            }
        })
    };
    let export_json = {
        let report = report.clone();
        Callback::from(move |_| {
            if let Some(r) = &report {
                let json = serde_json::to_string_pretty(&**r).unwrap_or_default();
                export::download(
                    &format!("{}.json", export::base_name(r)),
                    "application/json;charset=utf-8",
                    &json,
                );
            }
        })
    };
    let export_csv = {
        let report = report.clone();
        Callback::from(move |_| {
            if let Some(r) = &report {
                if let Some(t) = r.template() {
                    export::download(
                        &format!("{}.csv", export::base_name(r)),
                        "text/csv;charset=utf-8",
                        &export::tables_csv(r, t),
                    );
                }
            }
        })
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let rules = {
        let ctx = ctx.clone();
        Callback::from(move |_| ctx.dispatch(Action::Rules(Some(None))))
    };
    let no_report = report.is_none();
    html! {
        <header class="toolbar">
            <h1>{ "年报体检" }<small>{ "政府信息公开工作年度报告检查" }</small></h1>
            <nav>
                <select class="samples" onchange={on_sample} aria-label="载入示例" data-testid="samples">
                    <option value="" selected=true>{ "示例…" }</option>
                    { for SAMPLES.iter().enumerate().map(|(i, (label, _))| html! { <option value={i.to_string()}>{ *label }</option> }) }
                </select>
                <label class="button file">
                    { "打开文件" }
                    <input type="file" multiple=true accept=".txt,.html,.htm,.docx,.pdf,.zip,text/plain,text/html,application/pdf,application/zip,application/vnd.openxmlformats-officedocument.wordprocessingml.document" data-testid="file-input" onchange={on_files} />
                </label>
                <label class="button file" title="选择一个文件夹，检查其中（含下级文件夹）的全部报告">
                    { "打开文件夹" }
                    <input type="file" webkitdirectory=true data-testid="folder-input" onchange={on_folder} />
                </label>
                <button onclick={export_json} disabled={no_report} data-testid="export-json">{ "导出 JSON" }</button>
                <button onclick={export_csv} disabled={no_report} data-testid="export-csv">{ "导出表格 CSV" }</button>
                <button onclick={export_excel} disabled={no_report} data-testid="export-excel">{ "导出 Excel" }</button>
                <button onclick={print} disabled={no_report}>{ "打印" }</button>
                <button onclick={rules} data-testid="open-rules">{ "检查规则" }</button>
                if let Some(message) = &*status {
                    <span class="export-status" role="status" data-testid="toolbar-status">{ message }</span>
                }
            </nav>
        </header>
    }
}
