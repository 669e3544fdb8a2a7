//! Test support: renders a report with given table values into the text shapes that
//! reach the checker (spec §7), so tests can assert that every cell comes back.

#![allow(dead_code)]

pub mod pdf;

use nianbao::template::{self, Template};
use std::collections::BTreeMap;

/// The text shapes a pasted table takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One cell per line, tab-indented, empty line between rows (Word / web copy).
    CellPerLine,
    /// One cell per line, empty lines for empty cells (Word "save as text").
    WordText,
    /// A row per line, cells separated by tabs (browser copy).
    TabRows,
    /// Markdown-style pipe table.
    Pipe,
    /// Space-aligned columns under a dashed rule (pandoc, pdftotext -layout).
    Spaced,
    /// PDF text: labels split over two lines, numbers on a line between them.
    PdfSplit,
}

/// Every shape.
pub const SHAPES: [Shape; 6] = [
    Shape::CellPerLine,
    Shape::WordText,
    Shape::TabRows,
    Shape::Pipe,
    Shape::Spaced,
    Shape::PdfSplit,
];

impl Shape {
    /// Can this shape show an empty cell?
    pub fn shows_blanks(self) -> bool {
        self != Shape::PdfSplit
    }
}

/// A report to render.
#[derive(Debug, Clone)]
pub struct Spec {
    /// `2019` or `2021`.
    pub template: &'static Template,
    /// Report year.
    pub year: u16,
    /// Agency name.
    pub agency: String,
    /// Signature date (month, day) in year + 1.
    pub signed: (u8, u8),
    /// Cell values, by key.
    pub cells: BTreeMap<String, f64>,
    /// Print zero applicant cells of table 3 and zero parts of table 4 as empty.
    pub blank_zeros: bool,
    /// Sentence about applications in section 一 (None: a generic sentence).
    pub prose_requests: Option<String>,
    /// Cell texts printed instead of the value (`若干`, `415802` without unit).
    pub raw: BTreeMap<String, String>,
}

/// A small deterministic generator (xorshift), so a failing seed reproduces.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    /// A count: mostly 0, sometimes small, rarely large.
    pub fn count(&mut self) -> f64 {
        match self.below(10) {
            0..=5 => 0.0,
            6..=8 => self.below(20) as f64,
            _ => self.below(500) as f64,
        }
    }
}

impl Spec {
    /// A random report whose tables add up.
    pub fn random(seed: u64) -> Spec {
        let mut rng = Rng::new(seed);
        let template = if rng.below(2) == 0 {
            template::by_id("2019").unwrap()
        } else {
            template::by_id("2021").unwrap()
        };
        let year = if template.id == "2019" {
            2019 + rng.below(2) as u16
        } else {
            2021 + rng.below(4) as u16
        };
        let mut cells = BTreeMap::new();
        for sub in &template.t2 {
            for row in &sub.rows {
                for col in &sub.columns {
                    let key = format!("t2.{}.{}", row.key, col.key);
                    let v = match col.key.as_str() {
                        "change" => rng.below(41) as f64 - 20.0,
                        "amount" if template.id == "2021" => rng.below(100_000) as f64 / 100.0,
                        "amount" => rng.below(5_000_000) as f64,
                        _ => rng.count(),
                    };
                    cells.insert(key, v);
                }
            }
        }
        let applicants: Vec<&str> = template
            .t3
            .columns
            .iter()
            .map(|c| c.key.as_str())
            .filter(|k| *k != "total")
            .collect();
        let mut col_total = vec![0.0; applicants.len()];
        for row in &template.t3.outcome_rows {
            let mut sum = 0.0;
            for (i, col) in applicants.iter().enumerate() {
                let v = if rng.below(3) == 0 { rng.count() } else { 0.0 };
                cells.insert(format!("t3.{row}.{col}"), v);
                col_total[i] += v;
                sum += v;
            }
            cells.insert(format!("t3.{row}.total"), sum);
        }
        let (mut new_sum, mut carried_sum, mut carry_sum, mut total_sum) = (0.0, 0.0, 0.0, 0.0);
        for (i, col) in applicants.iter().enumerate() {
            let total = col_total[i];
            let carry = if rng.below(3) == 0 {
                rng.below(5) as f64
            } else {
                0.0
            };
            let carried = if rng.below(3) == 0 {
                (rng.below(5) as f64).min(total + carry)
            } else {
                0.0
            };
            let new = total + carry - carried;
            cells.insert(format!("t3.total.{col}"), total);
            cells.insert(format!("t3.carry_forward.{col}"), carry);
            cells.insert(format!("t3.carried.{col}"), carried);
            cells.insert(format!("t3.new.{col}"), new);
            new_sum += new;
            carried_sum += carried;
            carry_sum += carry;
            total_sum += total;
        }
        cells.insert("t3.total.total".into(), total_sum);
        cells.insert("t3.carry_forward.total".into(), carry_sum);
        cells.insert("t3.carried.total".into(), carried_sum);
        cells.insert("t3.new.total".into(), new_sum);
        for g in &template.t4.groups {
            let mut sum = 0.0;
            for c in ["upheld", "corrected", "other", "pending"] {
                let v = if rng.below(2) == 0 {
                    rng.below(6) as f64
                } else {
                    0.0
                };
                cells.insert(format!("t4.{}.{c}", g.key), v);
                sum += v;
            }
            cells.insert(format!("t4.{}.total", g.key), sum);
        }
        let agencies = [
            "临河县自然资源局",
            "安平县龙泉镇人民政府",
            "丰乐市东湖街道办事处",
            "宁远县人民政府",
        ];
        let agency = agencies[rng.below(4) as usize].to_owned();
        let prose = if rng.below(2) == 0 {
            Some(format!(
                "{year}年，本机关共收到政府信息公开申请{}件，均在法定期限内答复。",
                new_sum
            ))
        } else {
            None
        };
        Spec {
            template,
            year,
            agency,
            signed: (1, 1 + rng.below(25) as u8),
            cells,
            blank_zeros: rng.below(2) == 0,
            prose_requests: prose,
            raw: BTreeMap::new(),
        }
    }

    /// A random consistent report of template `id`, printed without empty cells.
    pub fn of_template(id: &str, seed: u64) -> Spec {
        let mut seed = seed;
        loop {
            let mut s = Spec::random(seed);
            if s.template.id == id {
                s.blank_zeros = false;
                s.prose_requests = None;
                return s;
            }
            seed += 1;
        }
    }

    fn v(&self, key: &str) -> f64 {
        self.cells[key]
    }

    /// The cell text of `key` as printed.
    pub fn cell_text(&self, key: &str, shape: Shape) -> String {
        if let Some(raw) = self.raw.get(key) {
            return raw.clone();
        }
        let v = self.v(key);
        let blankable = key.starts_with("t3.") && !key.ends_with(".total")
            || key.starts_with("t4.") && !key.ends_with(".total");
        if v == 0.0 && self.blank_zeros && blankable && shape.shows_blanks() {
            return String::new();
        }
        if key.ends_with(".amount") && self.template.id == "2021" {
            return format!("{v:.2}");
        }
        if key == "t2.procurement.amount" {
            return format!("{v}元");
        }
        format!("{v}")
    }

    /// Renders the whole report in `shape`.
    pub fn render(&self, shape: Shape) -> String {
        let y = self.year;
        let mut s = String::new();
        s += &format!("{}{}年政府信息公开工作年度报告\n", self.agency, y);
        s += "一、总体情况\n";
        s += &format!("根据《中华人民共和国政府信息公开条例》，现公布{y}年度报告。本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。\n");
        s += &format!("（一）主动公开情况。{y}年，本机关主动公开政府信息若干条。\n");
        s += &format!(
            "（二）依申请公开情况。{}\n",
            self.prose_requests
                .clone()
                .unwrap_or_else(|| "严格按照条例规定的程序和时限办理政府信息公开申请。".into())
        );
        s += "（三）政府信息管理情况。健全信息发布审核制度。\n（四）平台建设情况。持续优化政府网站。\n（五）监督保障情况。将政务公开纳入年度考核。\n";
        s += "二、主动公开政府信息情况\n";
        s += &self.render_t2(shape);
        s += "三、收到和处理政府信息公开申请情况\n";
        s += &self.render_t3(shape);
        s += "四、政府信息公开行政复议、行政诉讼情况\n";
        s += &self.render_t4(shape);
        s += "五、存在的主要问题及改进情况\n（一）存在的主要问题。信息公开的及时性有待提高。\n（二）改进措施。下一步将完善审核发布机制。\n";
        s += "六、其他需要报告的事项\n本年度未收取信息处理费。\n";
        s += &format!(
            "{}\n{}年{}月{}日\n",
            self.agency,
            y + 1,
            self.signed.0,
            self.signed.1
        );
        s
    }

    fn render_t2(&self, shape: Shape) -> String {
        let mut rows: Vec<Row> = Vec::new();
        for sub in &self.template.t2 {
            rows.push(Row::text(vec![sub.caption.clone()]));
            rows.push(Row::text(
                std::iter::once("信息内容".to_owned())
                    .chain(sub.columns.iter().map(|c| c.label.clone()))
                    .collect(),
            ));
            for r in &sub.rows {
                let values = sub
                    .columns
                    .iter()
                    .map(|c| self.cell_text(&format!("t2.{}.{}", r.key, c.key), shape))
                    .collect();
                rows.push(Row::data(vec![r.label.clone()], values));
            }
        }
        render_grid(&rows, shape)
    }

    fn render_t3(&self, shape: Shape) -> String {
        let t = &self.template.t3;
        let mut rows = vec![
            Row::text(vec![
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）".into(),
                "申请人情况".into(),
            ]),
            Row::text(vec![
                "自然人".into(),
                "法人或其他组织".into(),
                "总计".into(),
            ]),
            Row::text(vec![
                "商业企业".into(),
                "科研机构".into(),
                "社会公益组织".into(),
                "法律服务机构".into(),
                "其他".into(),
            ]),
        ];
        let mut last_group: Option<&str> = None;
        for r in &t.rows {
            let mut labels = Vec::new();
            if let Some(g) = r.group.as_deref() {
                if last_group != Some(g) {
                    labels.push(g.to_owned());
                }
            }
            last_group = r.group.as_deref();
            labels.push(r.label.clone());
            let values = t
                .columns
                .iter()
                .map(|c| self.cell_text(&format!("t3.{}.{}", r.key, c.key), shape))
                .collect();
            rows.push(Row::data(labels, values));
        }
        render_grid(&rows, shape)
    }

    fn render_t4(&self, shape: Shape) -> String {
        let t = &self.template.t4;
        let cols: Vec<String> = t.columns.iter().map(|c| c.label.clone()).collect();
        let mut rows = vec![
            Row::text(vec!["行政复议".into(), "行政诉讼".into()]),
            Row::text(
                cols.iter()
                    .cloned()
                    .chain(["未经复议直接起诉".into(), "复议后起诉".into()])
                    .collect(),
            ),
            Row::text(cols.iter().cloned().chain(cols.iter().cloned()).collect()),
        ];
        let values = t
            .groups
            .iter()
            .flat_map(|g| {
                t.columns
                    .iter()
                    .map(move |c| format!("t4.{}.{}", g.key, c.key))
            })
            .map(|k| self.cell_text(&k, shape))
            .collect();
        rows.push(Row::data(Vec::new(), values));
        render_grid(&rows, shape)
    }
}

/// A table row: label cells and value cells (`None` values: a header row).
struct Row {
    labels: Vec<String>,
    values: Option<Vec<String>>,
}

impl Row {
    fn text(labels: Vec<String>) -> Row {
        Row {
            labels,
            values: None,
        }
    }
    fn data(labels: Vec<String>, values: Vec<String>) -> Row {
        Row {
            labels,
            values: Some(values),
        }
    }
}

fn width(s: &str) -> usize {
    s.chars().map(nianbao::normalize::char_width).sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

fn render_grid(rows: &[Row], shape: Shape) -> String {
    let mut s = String::new();
    match shape {
        Shape::CellPerLine | Shape::WordText => {
            for r in rows {
                let cells = r.labels.iter().chain(r.values.iter().flatten());
                for c in cells {
                    if shape == Shape::CellPerLine {
                        s += &format!("\t{c}\n");
                    } else {
                        s += &format!("{c}\n");
                    }
                }
                if shape == Shape::CellPerLine {
                    s += "\n";
                }
            }
        }
        Shape::TabRows | Shape::Pipe => {
            for r in rows {
                let cells: Vec<&String> =
                    r.labels.iter().chain(r.values.iter().flatten()).collect();
                if shape == Shape::TabRows {
                    s += &cells
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join("\t");
                } else {
                    s += "| ";
                    s += &cells
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(" | ");
                    s += " |";
                }
                s += "\n";
            }
        }
        Shape::Spaced => {
            // One label column (labels joined), then the value columns, under a dashed rule.
            let n = rows
                .iter()
                .filter_map(|r| r.values.as_ref().map(Vec::len))
                .max()
                .unwrap_or(0);
            let label_w = rows
                .iter()
                .filter(|r| r.values.is_some())
                .map(|r| width(&r.labels.join(" ")))
                .max()
                .unwrap_or(4)
                .max(4);
            let mut col_w = vec![6usize; n];
            for r in rows {
                if let Some(v) = &r.values {
                    for (i, c) in v.iter().enumerate() {
                        col_w[i] = col_w[i].max(width(c));
                    }
                }
            }
            let rule = std::iter::once(label_w)
                .chain(col_w.iter().copied())
                .map(|w| "-".repeat(w))
                .collect::<Vec<_>>()
                .join(" ");
            s += &format!("  {rule}\n");
            for r in rows {
                match &r.values {
                    None => s += &format!("  {}\n", r.labels.join("  ")),
                    Some(v) => {
                        let mut line = format!("  {}", pad(&r.labels.join(" "), label_w));
                        for (i, c) in v.iter().enumerate() {
                            line += " ";
                            line += &pad(c, col_w[i]);
                        }
                        s += line.trim_end();
                        s += "\n";
                    }
                }
            }
            s += &format!("  {rule}\n");
        }
        Shape::PdfSplit => {
            for r in rows {
                match &r.values {
                    None => {
                        for l in &r.labels {
                            s += &format!("{l}\n");
                        }
                    }
                    Some(v) => {
                        // The spanning group label stands in its own column: its text
                        // comes out first; the row's own label is split around the numbers.
                        let (groups, own) = r.labels.split_at(r.labels.len().saturating_sub(1));
                        for g in groups {
                            s += &format!("{g}\n");
                        }
                        let label = own.join(" ");
                        let chars: Vec<char> = label.chars().collect();
                        let values = v.join(" ");
                        if chars.len() > 8 {
                            let half = chars.len() / 2;
                            s += &format!(
                                "{}\n{values}\n{}\n",
                                chars[..half].iter().collect::<String>(),
                                chars[half..].iter().collect::<String>()
                            );
                        } else {
                            s += &format!("{label} {values}\n");
                        }
                    }
                }
            }
        }
    }
    s
}
