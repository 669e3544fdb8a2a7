//! The summary bar above the results.

use crate::model::{AgencyKind, Format, TemplateId};
use crate::web::state::Document;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`SummaryBar`].
#[derive(Properties, PartialEq)]
pub struct SummaryBarProps {
    /// The shown document.
    pub doc: Rc<Document>,
}

/// Agency, report year, template, date, and the counts of errors, warnings and notes.
#[function_component(SummaryBar)]
pub fn summary_bar(p: &SummaryBarProps) -> Html {
    let Some(r) = p.doc.report.as_ref() else {
        return html! {};
    };
    let m = &r.meta;
    let dash = || "未识别".to_owned();
    let kind = m.agency_kind.map(|k| match k {
        AgencyKind::Department => "政府部门",
        AgencyKind::Government => "人民政府",
        AgencyKind::Township => "乡镇、街道",
    });
    let template = template_label(m.template);
    let source = source_label(&r.source);
    // A file's lines are those of the text read from it, shown in the input pane.
    let lines_hint = if r.source.format == Format::Text {
        ""
    } else {
        "（行号指左侧读出的文字）"
    };
    let s = r.summary;
    let run = p.doc.run;
    html! {
        <div class="summary" data-testid="summary" data-errors={s.errors.to_string()} data-warnings={s.warnings.to_string()} data-infos={s.infos.to_string()}
             data-check-ms={run.map(|r| format!("{:.1}", r.ms)).unwrap_or_default()}
             data-checked-in={if run.is_some_and(|r| r.in_worker) { "worker" } else { "page" }}
             data-check-started={if run.is_some_and(|r| r.early) { "paste" } else { "request" }}>
            <dl>
                <div><dt>{ "机关" }</dt><dd data-field="agency">{ m.agency.clone().unwrap_or_else(dash) }{ kind.map(|k| html! { <small>{ format!("（{k}）") }</small> }).unwrap_or_default() }</dd></div>
                <div><dt>{ "报告年度" }</dt><dd data-field="year">{ m.year.map(|y| format!("{y}年")).unwrap_or_else(dash) }</dd></div>
                <div><dt>{ "格式" }</dt><dd data-field="template">{ template }</dd></div>
                <div><dt>{ "落款日期" }</dt><dd data-field="published">{ m.published.clone().unwrap_or_else(|| "未找到".into()) }</dd></div>
            </dl>
            <ul class="counts">
                <li class={classes!("error", (s.errors > 0).then_some("nonzero"))}>{ format!("错误 {}", s.errors) }</li>
                <li class={classes!("warning", (s.warnings > 0).then_some("nonzero"))}>{ format!("警告 {}", s.warnings) }</li>
                <li class="info">{ format!("提示 {}", s.infos) }</li>
            </ul>
            <p class="source" data-format={r.source.format.as_str()}>{ format!("{} · {source}{lines_hint}", r.source.name) }{ run.map(|r| format!(" · 用时 {:.1} 毫秒", r.ms)).unwrap_or_default() }</p>
        </div>
    }
}

/// A template's name in words.
pub fn template_label(template: Option<TemplateId>) -> &'static str {
    match template {
        Some(TemplateId::Known(t)) if t.id == "2019" => "2019年试行格式",
        Some(TemplateId::Known(t)) if t.id == "2021" => "2021年格式",
        Some(TemplateId::Pre2019) => "2019年前结构",
        _ => "未识别",
    }
}

/// What a report was read from, in words (`PDF 文字层`, `文本 · gb18030`). A finding's
/// line number refers to the text in the input pane, which for a file is the text read
/// from it.
pub fn source_label(source: &crate::model::Source) -> String {
    match source.format {
        Format::Pdf => "PDF 文字层".to_owned(),
        Format::Docx => "Word 文档".to_owned(),
        Format::Scan => "扫描件（文字识别）".to_owned(),
        Format::Html => format!("网页 · {}", source.encoding),
        Format::Text => format!("文本 · {}", source.encoding),
    }
}
