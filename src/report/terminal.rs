//! The report and the batch summary as text for a terminal (`nianbao check`, `nianbao
//! summary`, `nianbao rules`): tables aligned by display width, severities in color when
//! asked, every text that came from the input made [`visible`].

use super::summary::SummaryRow;
use crate::model::{Report, Severity};
use crate::normalize::display_width;
use crate::rules::RuleDoc;
use crate::template::{TableId, Template};

/// The summary as a table for a terminal: columns aligned by display width; an
/// unreadable file's reason in the last column.
pub fn summary(rows: &[SummaryRow]) -> String {
    const SHOWN: usize = 10; // the reason goes in the last shown column
    let mut table: Vec<Vec<String>> = vec![SummaryRow::HEADINGS[..SHOWN]
        .iter()
        .map(|h| h.to_string())
        .collect()];
    for r in rows {
        let mut f: Vec<String> = r.fields().iter().map(|s| visible(s)).collect();
        if let Some(why) = &r.unreadable {
            f[SHOWN - 1] = SummaryRow::unreadable_said(&visible(why));
        }
        f.truncate(SHOWN);
        table.push(f);
    }
    let widths: Vec<usize> = (0..SHOWN)
        .map(|c| {
            table
                .iter()
                .map(|row| display_width(&row[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &table {
        let line: Vec<String> = row.iter().zip(&widths).map(|(s, &w)| pad(s, w)).collect();
        out += line.join("  ").trim_end();
        out.push('\n');
    }
    out
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    fn severity(&self, sev: Severity, s: &str) -> String {
        self.wrap(
            match sev {
                Severity::Error => "1;31",
                Severity::Warning => "33",
                Severity::Info => "36",
            },
            s,
        )
    }
}

fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// `s` with control characters and bidirectional controls written out (see
/// [`super::visible`]).
pub fn visible(s: &str) -> String {
    super::visible::visible(s).into_owned()
}

/// The report with every text that came from the input made [`visible`].
fn with_visible_text(r: &Report) -> Report {
    let mut r = r.clone();
    r.source.name = visible(&r.source.name);
    r.meta.title = r.meta.title.as_deref().map(visible);
    r.meta.agency = r.meta.agency.as_deref().map(visible);
    for f in &mut r.findings {
        f.message = visible(&f.message);
    }
    r.cells = crate::model::Cells::new(
        r.cells
            .iter()
            .map(|(k, c)| {
                let mut c = c.clone();
                c.raw = visible(&c.raw);
                (k.to_owned(), c)
            })
            .collect(),
    );
    r
}

/// A report for a terminal: meta, the three tables aligned, the findings by severity;
/// `color`: severities and titles in ANSI colors. Every text that came from the input
/// is made [`visible`].
pub fn report(r: &Report, color: bool) -> String {
    let r = &with_visible_text(r);
    let p = Paint(color);
    let mut s = String::new();
    let m = &r.meta;
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".to_owned());
    s += &p.wrap(
        "1",
        &format!("{}\n", or_dash(m.title.clone()).replace('\n', "")),
    );
    s += &format!(
        "来源：{}（{}，{}）  机关：{}  年度：{}  格式：{}  落款：{}\n",
        r.source.name,
        r.source.format,
        r.source.encoding,
        or_dash(m.agency.clone()),
        or_dash(m.year.map(|y| y.to_string())),
        or_dash(m.template.map(|t| t.as_str().to_owned())),
        or_dash(m.published.clone())
    );
    let missing: Vec<String> = r
        .sections
        .iter()
        .filter(|x| !x.found)
        .map(|x| format!("{}、{}", x.no.numeral(), x.title))
        .collect();
    if !missing.is_empty() {
        s += &format!("未找到的部分：{}\n", missing.join("；"));
    }
    if let Some(t) = r.template() {
        s += &render_tables(r, t, &p);
    }
    s += "\n";
    for sev in [Severity::Error, Severity::Warning, Severity::Info] {
        let fs: Vec<_> = r.findings.iter().filter(|f| f.severity == sev).collect();
        if fs.is_empty() {
            continue;
        }
        s += &p.severity(sev, &format!("{}（{}）\n", sev.label_zh(), fs.len()));
        for f in fs {
            let line = f.line.map(|l| format!("第{l}行 ")).unwrap_or_default();
            s += &format!(
                "  {} {}{}\n",
                p.severity(sev, &format!("[{}]", f.rule)),
                line,
                f.message
            );
        }
    }
    s += &format!(
        "共 {} 个错误、{} 个警告、{} 个提示\n",
        r.summary.errors, r.summary.warnings, r.summary.infos
    );
    s
}

/// One table as aligned text: a header row and one row per template row.
fn render_grid(
    title: &str,
    header: &[String],
    rows: &[(String, Vec<String>)],
    p: &Paint,
    marks: &[Vec<Option<Severity>>],
) -> String {
    let label_w = rows
        .iter()
        .map(|(l, _)| display_width(l))
        .chain([display_width(&header[0])])
        .max()
        .unwrap_or(0)
        .min(40);
    let col_w: Vec<usize> = (1..header.len())
        .map(|c| {
            rows.iter()
                .map(|(_, v)| display_width(&v[c - 1]))
                .chain([display_width(&header[c])])
                .max()
                .unwrap_or(1)
        })
        .collect();
    let mut s = format!("\n{}\n", p.wrap("1", title));
    s += &pad(&header[0], label_w);
    for (c, w) in col_w.iter().enumerate() {
        s += "  ";
        s += &pad(&header[c + 1], *w);
    }
    s += "\n";
    for (ri, (label, values)) in rows.iter().enumerate() {
        let label: String = if display_width(label) > 40 {
            label.chars().take(19).collect::<String>() + "…"
        } else {
            label.clone()
        };
        s += &pad(&label, label_w);
        for (c, w) in col_w.iter().enumerate() {
            s += "  ";
            let cell = pad(&values[c], *w);
            s += &match marks[ri][c] {
                Some(sev) => p.severity(sev, &cell),
                None => cell,
            };
        }
        s += "\n";
    }
    s
}

fn render_tables(r: &Report, t: &Template, p: &Paint) -> String {
    let value = |key: &str| match r.cells.get(key) {
        Some(c) if c.raw.is_empty() => "·".to_owned(),
        Some(c) => c.raw.clone(),
        None => "？".to_owned(),
    };
    let mark = |key: &str| {
        r.findings
            .iter()
            .filter(|f| f.cells.iter().any(|k| k == key))
            .map(|f| f.severity)
            .min()
    };
    let mut s = String::new();
    for table in TableId::ALL {
        let layout = t.layout(table);
        for block in &layout.blocks {
            let (title, corner) = match block.caption {
                Some(caption) => (
                    format!("{} {caption}", table.label_zh()),
                    caption.to_owned(),
                ),
                None => (table.label_zh().to_owned(), layout.name.clone()),
            };
            let header: Vec<String> = std::iter::once(corner)
                .chain(block.columns.iter().map(|c| c.label.clone()))
                .collect();
            let rows: Vec<(String, Vec<String>)> = block
                .rows
                .iter()
                .map(|row| {
                    (
                        crate::template::short_label(row.label),
                        row.keys.iter().map(|k| value(k)).collect(),
                    )
                })
                .collect();
            let marks: Vec<Vec<Option<Severity>>> = block
                .rows
                .iter()
                .map(|row| row.keys.iter().map(|k| mark(k)).collect())
                .collect();
            s += &render_grid(&title, &header, &rows, p, &marks);
        }
    }
    s += "（· 为空单元格，？ 为未找到的单元格）\n";
    s
}

/// Every rule with its documentation, for `nianbao rules`.
pub fn rules(docs: &[&RuleDoc]) -> String {
    let mut s = String::new();
    for d in docs {
        s += &format!("{}  [{}] {}\n", d.id, d.severity.as_str(), d.title);
        s += &format!("  检查内容：{}\n", d.what);
        s += &format!("  依据：{}\n", d.why);
        s += &format!("  错误示例：{}\n", d.bad.replace('\n', " ⏎ "));
        s += &format!("  正确示例：{}\n\n", d.good.replace('\n', " ⏎ "));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sample report, under a name with a right-to-left override.
    fn sample() -> Report {
        let text = include_str!("../../tests/fixtures/corpus/000_05aca1268dbb5a45.txt");
        crate::check_text(text, "报告\u{202E}txt.exe")
    }

    #[test]
    fn a_report_is_printed_with_its_tables_and_findings() {
        let r = sample();
        let out = report(&r, false);
        // Every table of the template, under its name, with its rows' labels.
        for name in ["表二", "表三", "表四"] {
            assert!(out.contains(&format!("\n{name}")), "{name}");
        }
        assert!(out.contains("（· 为空单元格，？ 为未找到的单元格）"));
        // A cell's text as read, in its row.
        let (key, cell) = r.cells.iter().find(|(_, c)| !c.raw.is_empty()).unwrap();
        assert!(out.contains(&cell.raw), "{key}");
        // Each finding under its severity, with its rule and line.
        for f in &r.findings {
            assert!(out.contains(&format!("[{}]", f.rule)), "{}", f.rule);
        }
        let counts = format!(
            "共 {} 个错误、{} 个警告、{} 个提示",
            r.summary.errors, r.summary.warnings, r.summary.infos
        );
        assert!(out.contains(&counts));
        assert!(!out.contains('\x1b'), "no colors unless asked");
    }

    #[test]
    fn colors_only_when_asked_and_input_text_written_out() {
        let r = sample();
        let plain = report(&r, false);
        let colored = report(&r, true);
        assert!(colored.contains("\x1b[1m"), "titles in bold");
        // The name's right-to-left override is written out, not obeyed.
        assert!(plain.contains("报告\\u{202e}txt.exe"), "{plain}");
        assert!(!plain.contains('\u{202E}'));
    }

    #[test]
    fn the_summary_aligns_its_columns_by_display_width() {
        let r = sample();
        let rows = [
            SummaryRow::of("甲区政府2022.txt", &r),
            SummaryRow::unreadable("b.pdf", "此 PDF 没有文字层"),
        ];
        let out = summary(&rows);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "a heading and a line a report");
        assert!(lines[0].starts_with(SummaryRow::HEADINGS[0]));
        // The second column starts at the same display column on every line: after
        // the widest first cell and two spaces.
        let firsts = [SummaryRow::HEADINGS[0], "甲区政府2022.txt", "b.pdf"];
        let at = firsts.iter().map(|f| display_width(f)).max().unwrap() + 2;
        for (i, (line, first)) in lines.iter().zip(firsts).enumerate() {
            let mut width = 0;
            let split = line
                .char_indices()
                .find(|&(_, c)| {
                    let here = width;
                    width += crate::normalize::char_width(c);
                    here == at
                })
                .map(|(i, _)| i)
                .unwrap();
            assert_eq!(line[..split].trim_end(), first);
            // (An unreadable file's row has nothing there: its agency is not known.)
            assert!(i == 2 || !line[split..].starts_with(' '), "{line}");
        }
        assert!(
            lines[2].contains("此 PDF 没有文字层"),
            "the reason, in the last column"
        );
    }

    #[test]
    fn every_rule_is_listed_with_its_documentation() {
        let docs = crate::rule_docs();
        let out = rules(&docs);
        for d in &docs {
            assert!(out.contains(&format!("{}  [{}] {}", d.id, d.severity.as_str(), d.title)));
        }
        assert_eq!(out.matches("  依据：").count(), docs.len());
    }
}
