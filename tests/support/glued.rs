//! Reports written as glued text, as crawlers and PDF viewers give them: the whole
//! report on one line, each row's digits run together after its label (or each label
//! and each row's digits on lines of their own), with the variants real reports have.
//! tests/glued.rs checks them; benches/check.rs times them.

use super::{Rng, Spec};

/// The digits of a row's cells, glued, with a space between two cells now and then.
fn glue(texts: &[String], rng: &mut Rng) -> String {
    let mut s = String::new();
    for (i, t) in texts.iter().enumerate() {
        if i > 0 && rng.below(6) == 0 {
            s.push(' ');
        }
        s.push_str(t);
    }
    s
}

/// A cell's text; `dropping`: its row left its zero cells blank, which glued text
/// drops without a trace.
fn cell_text(spec: &Spec, key: &str, dropping: bool) -> String {
    let v = spec.cells[key];
    let blankable = key.starts_with("t3.") && !key.ends_with(".total")
        || key.starts_with("t4.") && !key.ends_with(".total");
    if dropping && blankable && v == 0.0 {
        return String::new();
    }
    if key.ends_with(".change") {
        return if v > 0.0 {
            format!("+{v}")
        } else {
            format!("{v}")
        };
    }
    if key.ends_with(".amount") && spec.template.id == "2021" {
        return format!("{v}");
    }
    if key == "t2.procurement.amount" {
        return format!("{v}元");
    }
    format!("{v}")
}

/// The report on one line — or, as PDF viewers copy a table, each label and each
/// row's digits on lines of their own (`rows_on_lines`); also the keys of rows left out.
pub fn render_glued(
    spec: &Spec,
    rng: &mut Rng,
    rows_on_lines: bool,
    dropped: &mut Vec<String>,
) -> (String, Vec<String>) {
    // A report that leaves zero cells blank leaves them so in some rows, at random.
    let mut drops = |row: String, rng: &mut Rng| {
        let d = spec.blank_zeros && rng.below(2) == 0;
        if d {
            dropped.push(row);
        }
        d
    };
    let t = spec.template;
    let br = if rows_on_lines { "\n" } else { "" };
    let y = spec.year;
    let mut left_out = Vec::new();
    let mut s = format!(
        "标题: {}{y}年政府信息公开工作年度报告\n发布时间: {}-01-15\n==== 正文 ====\n",
        spec.agency,
        y + 1
    );
    s += &format!("{}{y}年政府信息公开工作年度报告 本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。", spec.agency);
    s += &format!("一、总体情况{y}年，本机关认真落实主动公开、依申请公开、政府信息管理、平台建设和监督保障各项工作。");
    s += "二、主动公开政府信息情况";
    for sub in &t.t2 {
        s += &sub.caption;
        s += "信息内容";
        for c in &sub.columns {
            s += &c.label;
        }
        for r in &sub.rows {
            if r.key == "rules" && rng.below(2) == 0 {
                left_out.extend(sub.columns.iter().map(|c| format!("t2.rules.{}", c.key)));
                continue;
            }
            s += if r.key == "normative" && rng.below(2) == 0 {
                "规范性文件"
            } else {
                &r.label
            };
            let texts: Vec<String> = sub
                .columns
                .iter()
                .map(|c| cell_text(spec, &format!("t2.{}.{}", r.key, c.key), false))
                .collect();
            s += br;
            s += &glue(&texts, rng);
            s += br;
        }
    }
    s += "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他";
    let mut last_group: Option<&str> = None;
    for r in &t.t3.rows {
        if let Some(g) = r.group.as_deref() {
            if last_group != Some(g) {
                s += g;
            }
        }
        last_group = r.group.as_deref();
        s += &r.label;
        let dropping = drops(format!("t3.{}.", r.key), rng);
        let texts: Vec<String> =
            t.t3.columns
                .iter()
                .map(|c| cell_text(spec, &format!("t3.{}.{}", r.key, c.key), dropping))
                .collect();
        s += &glue(&texts, rng);
    }
    s += "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计";
    let dropping = drops("t4.".to_owned(), rng);
    let texts: Vec<String> =
        t.t4.groups
            .iter()
            .flat_map(|g| {
                t.t4.columns
                    .iter()
                    .map(move |c| format!("t4.{}.{}", g.key, c.key))
            })
            .map(|k| cell_text(spec, &k, dropping))
            .collect();
    s += &glue(&texts, rng);
    s += " 五、存在的主要问题及改进情况一是信息公开的及时性有待提高。下一步将采取措施改进，完善审核发布机制。六、其他需要报告的事项本年度未收取信息处理费。";
    s += &format!(" {} {}年1月{}日\n", spec.agency, y + 1, spec.signed.1);
    (s, left_out)
}
