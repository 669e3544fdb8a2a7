//! The output side: summary, sections, findings, tables.

use super::check_status::{CheckCancelled, CheckStatus};
use super::findings_list::FindingsList;
use super::official_table::OfficialTable;
use super::section_list::SectionList;
use super::summary_bar::SummaryBar;
use super::Same;
use crate::model::Report;
use crate::report::marks::CellMarks;
use crate::template::TableId;
use crate::web::state::{Action, AppContext, Document, Status};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ReportView`].
#[derive(Properties, PartialEq)]
pub struct ReportViewProps {
    /// The shown document.
    pub doc: Rc<Document>,
    /// Index of the selected finding.
    pub selected: Option<usize>,
}

/// The output side: summary, sections, findings and the rebuilt tables — or why there
/// is nothing to show.
#[function_component(ReportView)]
pub fn report_view(p: &ReportViewProps) -> Html {
    if let Status::Unreadable(err) = &p.doc.status {
        return html! {
            <div class="output">
                <div class="input-error" role="alert" data-testid="input-error">
                    <h2>{ format!("无法读取“{}”", p.doc.name) }</h2>
                    <p>{ err }</p>
                    <p class="hint">{ "可接受：Word 文件（.docx）、PDF 文件（须含文字层，扫描件无法识别）、网页文件（.html）、纯文本文件（.txt，UTF-8、GB18030/GBK 或 UTF-16 编码），或直接粘贴报告全文。旧版 .doc、.wps 文件请另存为 .docx 或 PDF。" }</p>
                </div>
            </div>
        };
    }
    if p.doc.status == Status::Cancelled {
        return html! {
            <div class="output">
                <CheckCancelled doc={p.doc.clone()} />
            </div>
        };
    }
    let checking = p.doc.checking().is_some();
    let Some(report) = p.doc.report.clone() else {
        if checking {
            return html! {
                <div class="output" data-checking="">
                    <CheckStatus doc={p.doc.clone()} />
                </div>
            };
        }
        return html! {
            <div class="output empty">
                <h2>{ "使用方法" }</h2>
                <ol>
                    <li>{ "将政府信息公开工作年度报告全文粘贴到左侧文本框（可从 Word、WPS、PDF 或网页直接复制），或把文本文件拖入左侧。" }</li>
                    <li>{ "本工具重建表二、表三、表四，核对勾稽关系，检查六个部分是否齐全、年度和公布日期是否符合规定。" }</li>
                    <li>{ "点击问题可定位到原文；点击规则编号可查看依据。" }</li>
                </ol>
                <p class="privacy">{ "全部检查在本机浏览器内完成，报告内容不会上传到任何服务器。" }</p>
            </div>
        };
    };
    html! {
        <div class={classes!("output", checking.then_some("stale"))} data-checking={checking.then_some("")}>
            if checking {
                <CheckStatus doc={p.doc.clone()} />
            }
            <SummaryBar doc={p.doc.clone()} />
            <div class="overview">
                <SectionList report={report.clone()} />
            </div>
            <FindingsList report={report.clone()} selected={p.selected} repeated={p.doc.repeated.clone()} />
            <Tables report={report} selected={p.selected} />
        </div>
    }
}

/// Props of [`Tables`].
#[derive(Properties, PartialEq)]
pub struct TablesProps {
    /// The report.
    pub report: Rc<Report>,
    /// Index of the selected finding.
    pub selected: Option<usize>,
}

/// The three rebuilt tables.
#[function_component(Tables)]
pub fn tables(p: &TablesProps) -> Html {
    let ctx = use_context::<AppContext>().expect("app context");
    let marks = use_memo(Same(p.report.clone()), |report| CellMarks::of(&report.0));
    let highlight: Rc<Vec<String>> = Rc::new(
        p.selected
            .and_then(|i| p.report.findings.get(i))
            .map(|f| f.cells.clone())
            .unwrap_or_default(),
    );
    {
        // Bring the first highlighted cell into view.
        let first = highlight.first().cloned();
        use_effect_with(first, |first| {
            if let Some(key) = first {
                if let Ok(Some(el)) =
                    gloo::utils::document().query_selector(&format!("[data-cell=\"{key}\"]"))
                {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    opts.set_behavior(web_sys::ScrollBehavior::Smooth);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            }
        });
    }
    let Some(template) = p.report.template() else {
        return html! { <p class="no-tables">{ "未能识别报告使用的表格格式（2019年试行格式或2021年格式），因此没有重建统计表。" }</p> };
    };
    let marks: Rc<CellMarks> = marks.clone();
    html! {
        <div class="tables" data-template={template.id.clone()} onclick={reveal_on_click(p.report.clone(), ctx)}>
            { for TableId::ALL.into_iter().map(|table| html! {
                <OfficialTable {table} report={p.report.clone()} {template} marks={marks.clone()} highlight={highlight.clone()} />
            }) }
            <p class="legend">
                <span class="v sev-error">{ "错误" }</span>
                <span class="v sev-warning">{ "警告" }</span>
                <span class="v blank">{ "\u{3000}" }</span>{ "空白单元格 " }
                <span class="v missing">{ "缺" }</span>{ "未找到的单元格（不估算）" }
            </p>
        </div>
    }
}

/// One click handler for all the tables: a click on a cell scrolls the input to the
/// line the cell was read from.
fn reveal_on_click(report: Rc<Report>, ctx: AppContext) -> Callback<MouseEvent> {
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
