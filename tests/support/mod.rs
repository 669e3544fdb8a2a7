//! Test support: renders a report with given table values into the text shapes that
//! reach the checker (spec §7), so tests can assert that every cell comes back.

#![allow(dead_code)]

pub mod glued;
pub mod pdf;
pub mod zip;

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

/// Table 3's applicant columns, without 总计.
pub const APPLICANTS: [&str; 6] = [
    "natural",
    "commercial",
    "research",
    "social",
    "legal",
    "other_org",
];

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

/// How a report is written as an HTML page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlStyle {
    /// Empty cells as `&nbsp;` inside Word's `<p class=MsoNormal>` (else `<td></td>`).
    pub word: bool,
    /// Table 2's `信息内容` header spans two columns over data rows that have no
    /// second label cell: a misaligned header, as in some real reports.
    pub misaligned_t2_header: bool,
}

/// A table cell as the template lays it out: text, columns and rows spanned.
pub type SpanCell = (String, usize, usize);

impl Spec {
    /// The report's paragraphs and tables in order: `Ok(line)` for a paragraph,
    /// `Err(rows)` for a table laid out with spans as the template does.
    pub fn blocks(&self, style: HtmlStyle) -> Vec<Result<String, Vec<Vec<SpanCell>>>> {
        let text = self.render(Shape::TabRows);
        let mut out = Vec::new();
        let mut in_table = false;
        for line in text.lines() {
            let heading = ["二、", "三、", "四、", "五、"]
                .iter()
                .any(|h| line.starts_with(h) && line.ends_with("情况"));
            if heading {
                out.push(Ok(line.to_owned()));
                in_table = !line.starts_with("五、");
                if in_table {
                    out.push(Err(self.table_model(line, style)));
                }
                continue;
            }
            if !in_table {
                out.push(Ok(line.to_owned()));
            }
        }
        out
    }

    /// Renders the report as an HTML page whose tables use `rowspan` and `colspan` as
    /// the template lays them out (the shape of sites' pages and Word's HTML export).
    pub fn render_html(&self, style: HtmlStyle) -> String {
        let td = |text: &str, cols: usize, rows: usize| -> String {
            let mut attrs = String::new();
            if cols > 1 {
                attrs += &format!(" colspan=\"{cols}\"");
            }
            if rows > 1 {
                attrs += &format!(" rowspan={rows}");
            }
            let inner = match (style.word, text.is_empty()) {
                (true, true) => "<p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p>".to_owned(),
                (true, false) => format!("<p class=MsoNormal style='mso-line-height-rule:exactly'><span style='font-family:仿宋_GB2312'>{text}</span></p>"),
                (false, _) => text.to_owned(),
            };
            format!("<td{attrs}>{inner}</td>")
        };
        let mut out = String::from("<html><head><meta charset=\"utf-8\"><title>报告</title><script>alert(1)</script></head><body>\n");
        for block in self.blocks(style) {
            match block {
                Ok(line) if line.ends_with("情况") && !line.starts_with('（') => {
                    out += &format!("<h2>{line}</h2>\n")
                }
                Ok(line) => out += &format!("<p>{line}</p>\n"),
                Err(rows) => {
                    out += "<table border=1 style='border-collapse:collapse'>\n";
                    for row in rows {
                        out += "<tr>";
                        for (text, cols, rows) in row {
                            out += &td(&text, cols, rows);
                        }
                        out += "</tr>\n";
                    }
                    out += "</table>\n";
                }
            }
        }
        out + "</body></html>\n"
    }

    /// Renders the report as a Word .docx whose tables merge cells with `w:gridSpan`
    /// and `w:vMerge` as the template lays them out.
    pub fn render_docx(&self) -> Vec<u8> {
        let para = |t: &str| format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>");
        let mut body = String::new();
        for block in self.blocks(HtmlStyle::default()) {
            match block {
                Ok(line) => body += &para(&line),
                Err(rows) => {
                    body += "<w:tbl><w:tblPr/>";
                    for row in lay_on_grid(&rows) {
                        body += "<w:tr>";
                        for (_, slot) in row {
                            body += &match slot {
                                GridSlot::Covered(span) => format!("<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/><w:vMerge/></w:tcPr><w:p/></w:tc>"),
                                GridSlot::Cell((text, cols, rows)) => {
                                    let mut pr = String::new();
                                    if *cols > 1 {
                                        pr += &format!("<w:gridSpan w:val=\"{cols}\"/>");
                                    }
                                    if *rows > 1 {
                                        pr += "<w:vMerge w:val=\"restart\"/>";
                                    }
                                    format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", para(text))
                                }
                            };
                        }
                        body += "</w:tr>";
                    }
                    body += "</w:tbl>";
                }
            }
        }
        let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>");
        zip::zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", xml.as_bytes()),
        ])
    }

    fn table_model(&self, heading: &str, style: HtmlStyle) -> Vec<Vec<SpanCell>> {
        let t = self.template;
        let shape = Shape::TabRows;
        let td = |text: &str, cols: usize, rows: usize| (text.to_owned(), cols, rows);
        let mut s: Vec<Vec<SpanCell>> = Vec::new();
        if heading.starts_with("二、") {
            for sub in &t.t2 {
                s.push(vec![td(&sub.caption, 4, 1)]);
                let misaligned = style.misaligned_t2_header;
                let mut header = vec![td("信息内容", if misaligned { 2 } else { 1 }, 1)];
                let span = 4 - sub.columns.len();
                for (i, c) in sub.columns.iter().enumerate() {
                    let cols = if i + 1 == sub.columns.len() && !misaligned {
                        span
                    } else {
                        1
                    };
                    header.push(td(&c.label, cols, 1));
                }
                s.push(header);
                for r in &sub.rows {
                    let mut cells = vec![td(&r.label, 1, 1)];
                    for (i, c) in sub.columns.iter().enumerate() {
                        let cols = if i + 1 == sub.columns.len() { span } else { 1 };
                        cells.push(td(
                            &self.cell_text(&format!("t2.{}.{}", r.key, c.key), shape),
                            cols,
                            1,
                        ));
                    }
                    s.push(cells);
                }
            }
        } else if heading.starts_with("三、") {
            s.push(vec![
                td(
                    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                    3,
                    3,
                ),
                td("申请人情况", 7, 1),
            ]);
            s.push(vec![
                td("自然人", 1, 2),
                td("法人或其他组织", 5, 1),
                td("总计", 1, 2),
            ]);
            s.push(
                [
                    "商业企业",
                    "科研机构",
                    "社会公益组织",
                    "法律服务机构",
                    "其他",
                ]
                .iter()
                .map(|l| td(l, 1, 1))
                .collect(),
            );
            let rows = &t.t3.rows;
            let first_outcome = rows.iter().position(|r| r.group.is_some()).unwrap();
            let total = rows.iter().position(|r| r.key == "total").unwrap();
            for (i, r) in rows.iter().enumerate() {
                let mut cells = Vec::new();
                let in_block = (first_outcome..=total).contains(&i);
                if i == first_outcome {
                    cells.push(td("三、本年度办理结果", 1, total - first_outcome + 1));
                }
                match r.group.as_deref() {
                    Some(g) if g.starts_with('（') => {
                        if rows[..i].iter().all(|p| p.group.as_deref() != Some(g)) {
                            let n = rows
                                .iter()
                                .filter(|p| p.group.as_deref() == Some(g))
                                .count();
                            cells.push(td(g, 1, n));
                        }
                        cells.push(td(&r.label, 1, 1));
                    }
                    _ if in_block => cells.push(td(&r.label, 2, 1)),
                    _ => cells.push(td(&r.label, 3, 1)),
                }
                for c in &t.t3.columns {
                    cells.push(td(
                        &self.cell_text(&format!("t3.{}.{}", r.key, c.key), shape),
                        1,
                        1,
                    ));
                }
                s.push(cells);
            }
        } else {
            let t4 = &t.t4;
            s.push(vec![td("行政复议", 5, 1), td("行政诉讼", 10, 1)]);
            let mut second: Vec<SpanCell> = t4.columns.iter().map(|c| td(&c.label, 1, 2)).collect();
            second.push(td("未经复议直接起诉", 5, 1));
            second.push(td("复议后起诉", 5, 1));
            s.push(second);
            s.push(
                t4.columns
                    .iter()
                    .chain(t4.columns.iter())
                    .map(|c| td(&c.label, 1, 1))
                    .collect(),
            );
            s.push(
                t4.groups
                    .iter()
                    .flat_map(|g| {
                        t4.columns
                            .iter()
                            .map(move |c| format!("t4.{}.{}", g.key, c.key))
                    })
                    .map(|k| td(&self.cell_text(&k, shape), 1, 1))
                    .collect(),
            );
        }
        s
    }
}

impl Spec {
    /// Renders the report with its tables set out as on a printed page: every cell at
    /// its grid column's position (spans laid out as the template does), header words
    /// over their columns, empty cells left empty, no rule lines drawn with dashes.
    /// This is the text a PDF of the report shows, line by line.
    pub fn render_aligned(&self) -> String {
        let mut out = String::new();
        for block in self.blocks(HtmlStyle::default()) {
            match block {
                Ok(line) => {
                    out += &line;
                    out.push('\n');
                }
                Err(rows) => out += &aligned_table(&rows),
            }
        }
        out
    }
}

/// A place on a table's grid: a cell, or the columns a cell from a row above still
/// covers (a `rowspan`), as wide as that cell.
enum GridSlot<'a> {
    Cell(&'a SpanCell),
    Covered(usize),
}

/// Lays a table's cells on its grid, row by row: each cell or covered place with the
/// grid column it starts at.
fn lay_on_grid(rows: &[Vec<SpanCell>]) -> Vec<Vec<(usize, GridSlot<'_>)>> {
    // Per grid column: rows still covered by a cell above, and that cell's width.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    rows.iter()
        .map(|row| {
            let mut out = Vec::new();
            let mut col = 0;
            let mut cells = row.iter();
            loop {
                if let Some(&(left, span)) = covered.get(col).filter(|c| c.0 > 0) {
                    covered[col].0 = left - 1;
                    out.push((col, GridSlot::Covered(span)));
                    col += span;
                    continue;
                }
                let Some(cell) = cells.next() else { break };
                out.push((col, GridSlot::Cell(cell)));
                if covered.len() < col + cell.1 {
                    covered.resize(col + cell.1, (0, 1));
                }
                covered[col] = (cell.2 - 1, cell.1);
                col += cell.1;
            }
            out
        })
        .collect()
}

/// A table's rows with every cell at the start of its grid column.
fn aligned_table(rows: &[Vec<SpanCell>]) -> String {
    let placed: Vec<Vec<(usize, &SpanCell)>> = lay_on_grid(rows)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .filter_map(|(c, slot)| match slot {
                    GridSlot::Cell(cell) => Some((c, cell)),
                    GridSlot::Covered(_) => None,
                })
                .collect()
        })
        .collect();
    let columns = placed
        .iter()
        .flatten()
        .map(|(c, cell)| c + cell.1)
        .max()
        .unwrap_or(0);
    // Column widths: the widest single cell, then wide enough for every spanning cell.
    let mut widths = vec![4usize; columns];
    for (c, cell) in placed.iter().flatten() {
        if cell.1 == 1 {
            widths[*c] = widths[*c].max(width(&cell.0) + 2);
        }
    }
    for (c, cell) in placed.iter().flatten() {
        let have: usize = widths[*c..*c + cell.1].iter().sum();
        let need = width(&cell.0) + 2;
        if need > have {
            widths[*c + cell.1 - 1] += need - have;
        }
    }
    let starts: Vec<usize> = widths
        .iter()
        .scan(2, |at, w| {
            let s = *at;
            *at += w;
            Some(s)
        })
        .collect();
    let mut s = String::new();
    for row in placed {
        let mut line = String::new();
        for (c, cell) in row {
            if cell.0.is_empty() {
                continue;
            }
            let at = starts[c].max(width(&line) + 2 * usize::from(!line.is_empty()));
            line += &" ".repeat(at - width(&line));
            line += &cell.0;
        }
        s += line.trim_end();
        s += "\n";
    }
    s
}
