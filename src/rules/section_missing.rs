//! ## What it checks
//! Each of the six sections is present. In a scan it is a warning: a heading the OCR
//! did not read (under a stamp, say) may be in the original.

use crate::model::{Finding, RuleId, SectionNo, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::meta::TemplateGuess;
use crate::template::section_titles;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::SectionMissing,
        severity: Severity::Error,
        title: "缺少必备部分",
        what: "年度报告应依次包含六个部分：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。找不到某一部分的标题，且其内容（表格）也找不到时报告此项。",
        why: "《政府信息公开条例》第五十条规定了年度报告应当包括的内容，国务院办公厅政府信息与政务公开办公室印发的年度报告格式据此确定了六个部分。",
        bad: "本年度未收取信息处理费。",
        good: "六、其他需要报告的事项\n本年度未收取信息处理费。",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if matches!(cx.meta.template, TemplateGuess::Pre2019) {
        return;
    }
    for no in SectionNo::ALL {
        if cx.sections.line(no).is_some() || cx.sections.out_of_order.contains(&no) {
            continue;
        }
        // A table found without its heading is reported by section-title-missing.
        if cx.tables.iter().any(|t| t.section == no && t.rebuilt.found) {
            continue;
        }
        let title = &section_titles()[no.index()];
        // In a scan, a heading the OCR did not read (under a stamp) may be there.
        let (severity, message) = if cx.scan.is_some() {
            (
                Severity::Warning,
                format!(
                    "扫描件中未识别出第{}部分“{}”，可能是文字识别遗漏，也可能是原件缺少；请对照原件核对",
                    no.numeral(),
                    title
                ),
            )
        } else {
            (
                RULE.doc.severity,
                format!("缺少第{}部分“{}”", no.numeral(), title),
            )
        };
        out.push(cx.finding(&RULE.doc, severity, message, Vec::new(), None));
    }
}
