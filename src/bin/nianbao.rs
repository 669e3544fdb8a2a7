//! `nianbao` — the command-line adapter over the core.
//!
//! ```text
//! nianbao check [--json] [FILE…]   check reports (standard input when no file)
//! nianbao rules                    list every rule with its documentation
//! ```
//!
//! Exit status: 0 when no report has an error finding, 1 when one has, 2 when an
//! input could not be read at all.

use nianbao::template::TableId;
use nianbao::{rules::RuleDoc, Report, Severity};
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "用法：
  nianbao check [--json] [文件…]   检查年度报告（不给文件时读标准输入）
  nianbao rules                    列出全部检查规则及说明
选项：
  --json      按输出约定输出 JSON（多个文件时每行一个）
  --no-color  不使用颜色
退出码：0 无错误；1 有错误；2 有文件无法读取";

/// Reads at most one byte more than an input may have: enough to refuse it as too
/// large without reading a device or a pipe for ever.
fn read_bounded(r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(nianbao::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("rules") => {
            print_rules(&nianbao::rule_docs());
            ExitCode::SUCCESS
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("nianbao {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut files = Vec::new();
    for a in args {
        match a.as_str() {
            "--json" => json = true,
            "--no-color" => color = false,
            "-" => files.push(a.clone()),
            s if s.starts_with('-') => {
                eprintln!("nianbao: 未知选项 {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => files.push(a.clone()),
        }
    }
    if files.is_empty() {
        files.push("-".to_owned());
    }
    let mut any_error = false;
    let mut unreadable = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, name) in files.iter().enumerate() {
        // Never more than one byte past the limit is read: the size is checked
        // before reading (a 4 GB file), and the read is bounded (stdin, a device).
        let bytes = if name == "-" {
            read_bounded(std::io::stdin()).map(Ok)
        } else {
            std::fs::File::open(name).and_then(|f| {
                let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
                match size {
                    Some(n) if n > nianbao::MAX_INPUT_BYTES as u64 => Ok(Err(n)),
                    _ => read_bounded(f).map(Ok),
                }
            })
        };
        let bytes = match bytes {
            Ok(Ok(b)) => b,
            Ok(Err(size)) => {
                let e = nianbao::InputError::TooLarge(size as usize);
                eprintln!("nianbao: {}：{e}", visible(name));
                unreadable = true;
                continue;
            }
            Err(e) => {
                eprintln!("nianbao: 无法读取 {}：{e}", visible(name));
                unreadable = true;
                continue;
            }
        };
        let report = match nianbao::check_bytes(&bytes, name) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("nianbao: {}：{e}", visible(name));
                unreadable = true;
                continue;
            }
        };
        any_error |= report.has_errors();
        let written = if json {
            writeln!(out, "{}", report.to_json())
        } else {
            if i > 0 {
                let _ = writeln!(out);
            }
            write!(out, "{}", render_text(&report, color))
        };
        if written.is_err() {
            // Closed pipe (`| head`): stop quietly.
            break;
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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

fn display_width(s: &str) -> usize {
    s.chars().map(nianbao::normalize::char_width).sum()
}

fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Renders a report for a terminal: meta, the three tables aligned, the findings by
/// severity.
/// `s` with its control characters (a terminal's escape sequences among them) shown
/// as `\u{1b}` instead of acted on: a file name, a title or a cell from the input must
/// not move the cursor, recolour or retitle the user's terminal.
fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control()
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
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
    r.cells = nianbao::Cells::new(
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

fn render_text(r: &Report, color: bool) -> String {
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
        or_dash(m.template.clone()),
        or_dash(m.published.clone())
    );
    let missing: Vec<String> = r
        .sections
        .iter()
        .filter(|x| !x.found)
        .map(|x| format!("{}、{}", nianbao_numeral(x.no), x.title))
        .collect();
    if !missing.is_empty() {
        s += &format!("未找到的部分：{}\n", missing.join("；"));
    }
    let template = m.template.as_deref().and_then(nianbao::template::by_id);
    if let Some(t) = template {
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

fn nianbao_numeral(no: u8) -> &'static str {
    ["一", "二", "三", "四", "五", "六"]
        .get(no as usize - 1)
        .copied()
        .unwrap_or("?")
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

fn render_tables(r: &Report, t: &nianbao::template::Template, p: &Paint) -> String {
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
                        nianbao::template::short_label(row.label),
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

fn print_rules(docs: &[&RuleDoc]) {
    let mut s = String::new();
    for d in docs {
        s += &format!("{}  [{}] {}\n", d.id, d.severity.as_str(), d.title);
        s += &format!("  检查内容：{}\n", d.what);
        s += &format!("  依据：{}\n", d.why);
        s += &format!("  错误示例：{}\n", d.bad.replace('\n', " ⏎ "));
        s += &format!("  正确示例：{}\n\n", d.good.replace('\n', " ⏎ "));
    }
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}
