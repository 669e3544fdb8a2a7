//! ## What it checks
//! The tables follow one template, not a mix of two: no columns of both formats, and
//! no rows of one format printed the other's way (the 2019 format's single
//! （六）其他处理 row in a 2021 table 3, where three sub-rows belong). Such a row's
//! values are not spread over the sub-rows (which is which cannot be known); the
//! finding quotes them.

use crate::model::{Finding, LineNo, RuleId, Severity};
use super::{Context, Example, Rule, RuleDoc};

/// The rule: its documentation and its check.
pub(super) static RULE: Rule = Rule {
    doc: RuleDoc {
        id: RuleId::TemplateMixed,
        severity: Severity::Warning,
        title: "混用新旧报告格式",
        what: "表格中同时出现2019年试行格式和2021年格式特有的栏目（例如既有“本年新制作数量”又有“本年制发件数”），或按另一种格式填报某行（例如2021年格式的表三只有一行“（六）其他处理”，未分列三个子项）。",
        why: "国办公开办函〔2021〕30号格式替代了〔2019〕60号试行格式，两者栏目不同，混用会使数据无法汇总比对。",
        bad: "（六）其他处理\t0\t0\t15\t16\t216\t0\t247",
        good: "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t16\t0\t0\t16\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t15\t0\t216\t0\t231\n3.其他\t0\t0\t0\t0\t0\t0\t0",
        example: Example::Text("2021"),
    },
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if cx.meta.mixed_templates.len() > 1 {
        out.push(
            cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!(
                    "表格中同时出现了{}年格式的栏目，请统一使用一种格式",
                    cx.meta.mixed_templates.join("年格式和")
                ),
                Vec::new(),
                cx.tables[0]
                    .region
                    .as_ref()
                    .map(|r| LineNo::from_index(r.start)),
            ),
        );
    }
    let Some(t) = cx.template else { return };
    for table in cx.tables.iter() {
        for g in &table.rebuilt.merged {
            let values: Vec<String> = g
                .cells
                .iter()
                .map(|c| c.value.map(|v| v.to_string()).unwrap_or_default())
                .collect();
            out.push(cx.finding(
                &RULE.doc,
                RULE.doc.severity,
                format!(
                    "{}“{}”只填了一行（{}），{}年格式应分列{}，请按现行格式分项填报（本工具未把该行数字分配到各子项）",
                    table.name,
                    g.group,
                    values.join("、"),
                    t.id,
                    super::table_incomplete::rows_named(t, table.name, &g.keys)
                ),
                g.keys.clone(),
                LineNo::new(g.line),
            ));
        }
    }
}
