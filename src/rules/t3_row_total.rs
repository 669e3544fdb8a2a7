use super::{fmt_num, Context, Rule, RuleDoc};
use crate::report::{CellState, Finding, Severity};

/// ## What it checks
/// In every row of table 3, 总计 equals the sum of the six applicant columns.
///
/// See [`DOC`] for the why and the examples.
pub struct T3RowTotal;

/// Documentation of `t3-row-total`.
pub const DOC: RuleDoc = RuleDoc {
    id: "t3-row-total",
    severity: Severity::Error,
    title: "表三行合计不符",
    what: "表三每一行的“总计”应等于自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他六列之和。六列全部为空的行不作此项核对（另报“单元格为空”）。",
    why: "表三的“总计”列按申请人类型汇总（国办公开办函〔2019〕60号、〔2021〕30号表格式），行合计不等说明某一类申请人的数字漏填或错填，《政府信息公开条例》第五十条要求如实报告收到和处理申请的情况。",
    bad: "一、本年新收政府信息公开申请数量 | 自然人 5 | 商业企业 1 | 其他各列 0 | 总计 7",
    good: "一、本年新收政府信息公开申请数量 | 自然人 5 | 商业企业 1 | 其他各列 0 | 总计 6",
};

impl Rule for T3RowTotal {
    fn doc(&self) -> &'static RuleDoc {
        &DOC
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(t) = cx.template else { return };
        let applicants: Vec<&str> =
            t.t3.columns
                .iter()
                .map(|c| c.key.as_str())
                .filter(|k| *k != "total")
                .collect();
        for row in &t.t3.rows {
            let keys: Vec<String> = applicants
                .iter()
                .map(|c| format!("t3.{}.{}", row.key, c))
                .collect();
            let total_key = format!("t3.{}.total", row.key);
            let all_blank = keys
                .iter()
                .all(|k| cx.cells.get(k).is_some_and(|c| c.state == CellState::Blank));
            if all_blank {
                continue;
            }
            let (Some(sum), Some(total)) = (cx.sum(&keys), cx.cells.count(&total_key)) else {
                continue;
            };
            if (sum - total).abs() > 1e-9 {
                let mut cells = keys;
                cells.push(total_key);
                out.push(cx.arith(
                    &DOC,
                    format!(
                        "表三“{}”行：六类申请人之和为{}，“总计”填报{}，应为{}",
                        t.t3_row_label(&row.key),
                        fmt_num(sum),
                        fmt_num(total),
                        fmt_num(sum)
                    ),
                    cells,
                    sum,
                    total,
                ));
            }
        }
    }
}
