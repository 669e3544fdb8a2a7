//! ## What it checks
//! A report for 2021 or later uses the 2021 format.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};
use crate::meta::TemplateGuess;

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::TemplateOutdated,
        severity: Severity::Error,
        title: "使用了过期的报告格式",
        what: "报告年度为2021年及以后，但表格使用2019年试行格式（如“本年新制作数量”“上一年项目数量”“本年增/减”），或仍按2008年条例时期的结构编写。",
        why: "国务院办公厅政府信息与政务公开办公室《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）自2021年度报告起施行，替代国办公开办函〔2019〕60号试行格式。",
        bad: "宁远县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n根据《中华人民共和国政府信息公开条例》，现公布2022年度报告。本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
        good: "宁远县人民政府2019年政府信息公开工作年度报告\n一、总体情况\n根据《中华人民共和国政府信息公开条例》，现公布2019年度报告。本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。",
        example: Example::Text("2019"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(year) = cx.year() else { return };
    let Some(current) = crate::template::for_year(year) else {
        return;
    };
    let used = match cx.meta.template {
        TemplateGuess::Known {
            template,
            by_markers: true,
        } if template.id != current.id && template.first_year < current.first_year => {
            format!("{}年格式（{}）", template.id, template.issued_by)
        }
        TemplateGuess::Pre2019 if year >= 2019 => "2008年条例时期的报告结构".to_owned(),
        _ => return,
    };
    out.push(
        cx.finding(
            &RULE.doc,
            RULE.doc.severity,
            format!(
                "{}年度报告应使用{}年格式（{}），但使用了{}",
                year, current.id, current.issued_by, used
            ),
            Vec::new(),
            cx.tables[0]
                .region
                .as_ref()
                .map(|r| LineNo::from_index(r.start)),
        ),
    );
}
