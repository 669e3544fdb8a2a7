//! `nianbao` — the command-line adapter over the core.
//!
//! ```text
//! nianbao check [--json] [FILE…]   check reports (standard input when no file)
//! nianbao rules                    list every rule with its documentation
//! nianbao summary [--format table|csv|json|xlsx] [-o FILE] PATH…
//!                                  one row per report: files, folders (walked), .zip
//! ```
//!
//! Reports of one agency for consecutive years given together are compared with each
//! other (`nianbao::series`).
//!
//! Exit status: 0 when no report has an error finding, 1 when one has, 2 when an
//! input could not be read at all.

use nianbao::template::TableId;
use nianbao::{rules::RuleDoc, Report, Severity};
use std::io::{IsTerminal, Read, Write};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

const USAGE: &str = "用法：
  nianbao check [--json] [文件…]   检查年度报告（不给文件时读标准输入）
  nianbao rules                    列出全部检查规则及说明
  nianbao summary [--format table|csv|json|xlsx] [-o 文件] 路径…
                                   批量检查：每份报告一行（路径可为文件、文件夹（逐级查找）或 .zip 压缩包）
选项：
  --json      按输出约定输出 JSON（多个文件时每行一个）
  --format    summary 的输出格式：table（默认）、csv、json、xlsx（Excel 工作簿：汇总表及每份报告的三张表）
  -o 文件     summary 的结果写入该文件
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
        Some("summary") => summary(&args[1..]),
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
    let mut reports = Vec::with_capacity(files.len());
    let mut texts = Vec::with_capacity(files.len());
    for name in &files {
        match read_and_check(name) {
            Ok((r, text)) => {
                reports.push(r);
                texts.push(text);
            }
            Err(why) => {
                eprintln!("nianbao: {}：{why}", visible(name));
                unreadable = true;
            }
        }
    }
    // Reports of one agency for consecutive years are compared with each other; a file
    // checked alone is as it is.
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    nianbao::series::check_series(&mut reports, &texts);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (i, report) in reports.iter().enumerate() {
        any_error |= report.has_errors();
        let written = if json {
            writeln!(out, "{}", report.to_json())
        } else {
            if i > 0 {
                let _ = writeln!(out);
            }
            write!(out, "{}", render_text(report, color))
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

/// Reads a file (`-`: standard input) and checks it; or says, in Chinese, why it could
/// not be read.
fn read_and_check(name: &str) -> Checked {
    // Never more than one byte past the limit is read: the size is checked before
    // reading (a 4 GB file), and the read is bounded (stdin, a device).
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
        Ok(Err(size)) => return Err(nianbao::InputError::TooLarge(size as usize).to_string()),
        Err(e) => return Err(format!("无法读取：{}", io_error_zh(&e))),
    };
    check_named(&bytes, name)
}

/// A file's report and the text it was checked from; or, in Chinese, why it could not
/// be read.
type Checked = Result<(Report, String), String>;

/// Checks a file's bytes as `name`; or says, in Chinese, why they could not be read.
fn check_named(bytes: &[u8], name: &str) -> Checked {
    let (text, source) = nianbao::read_input(bytes, name).map_err(|e| e.to_string())?;
    Ok((nianbao::check_source(&text, source), text))
}

use nianbao::decode::archive::{is_archive, is_report_file, too_many_reports, MAX_REPORTS};

/// A .zip archive on disk, read in parts: its directory, then each report where it is
/// (an archive of hundreds of MB is never held whole).
struct ArchiveFile {
    file: std::fs::File,
    len: usize,
}

impl ArchiveFile {
    /// Opens the archive at `path`, if it is within [`MAX_ARCHIVE_BYTES`]; or says why
    /// not, in Chinese.
    ///
    /// [`MAX_ARCHIVE_BYTES`]: nianbao::decode::archive::MAX_ARCHIVE_BYTES
    fn open(path: &str) -> Result<ArchiveFile, String> {
        let cannot = |e: std::io::Error| format!("无法读取：{}", io_error_zh(&e));
        let file = std::fs::File::open(path).map_err(cannot)?;
        let len = file.metadata().map_err(cannot)?.len();
        if len > nianbao::decode::archive::MAX_ARCHIVE_BYTES {
            return Err(nianbao::decode::archive::too_large(len));
        }
        Ok(ArchiveFile {
            file,
            len: len as usize,
        })
    }

    /// Its bytes from `start` to `end`.
    fn read(&mut self, start: usize, end: usize) -> std::io::Result<Vec<u8>> {
        use std::io::{Read, Seek};
        self.file.seek(std::io::SeekFrom::Start(start as u64))?;
        let mut bytes = vec![0; end.saturating_sub(start)];
        self.file.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    /// Its directory ([`nianbao::decode::archive::read_directory`]): the bytes, and
    /// where they start.
    fn directory(&mut self) -> Result<(Vec<u8>, usize), String> {
        let len = self.len;
        nianbao::decode::archive::read_directory(len, |at| self.read(at, len))
            .map_err(|e| format!("无法读取：{}", io_error_zh(&e)))
    }

    /// The report at `place`, taken out; or why not, in Chinese.
    fn report(&mut self, place: &nianbao::decode::archive::Place) -> Result<Vec<u8>, String> {
        let record = self
            .read(place.start, place.end)
            .map_err(|e| format!("无法读取：{}", io_error_zh(&e)))?;
        place.read(&record)
    }
}

/// Checks every report in a .zip archive, as [`nianbao::decode::archive::list_in`]
/// lists it from its directory, taking each out only when it is checked and handing it
/// to `each` (its name inside the archive, and its report or why not), then letting it
/// go; `Err` says why the archive gives nothing.
fn check_archive(path: &str, mut each: impl FnMut(&str, Checked)) -> Result<(), String> {
    let mut archive = ArchiveFile::open(path)?;
    let (directory, base) = archive.directory()?;
    let max = nianbao::decode::archive::MAX_INFLATED;
    for f in nianbao::decode::archive::list_in(&directory, base, max)? {
        let read = f.place.and_then(|place| archive.report(&place));
        each(&f.name, read.and_then(|b| check_named(&b, &f.name)));
    }
    Ok(())
}

/// Where a batch's report came from, to read it again.
enum Origin {
    /// A file on disk.
    File(String),
    /// An entry of a .zip archive on disk.
    Entry { archive: String, name: String },
    /// Nothing to read (the row says why).
    Unread,
}

/// Reads a batch's reports again (year over year, the workbook's sheets), keeping the
/// last archive opened, so that the batch never holds its reports.
#[derive(Default)]
struct Rereader {
    archive: Option<(String, ArchiveFile, nianbao::decode::archive::Index)>,
}

impl Rereader {
    fn reread(&mut self, origin: &Origin) -> nianbao::series::batch::Reread {
        match origin {
            Origin::File(path) => read_and_check(path).ok(),
            Origin::Entry { archive, name } => {
                if self.archive.as_ref().map(|a| &a.0) != Some(archive) {
                    let mut file = ArchiveFile::open(archive).ok()?;
                    let (directory, base) = file.directory().ok()?;
                    let index = nianbao::decode::archive::Index::of(&directory, base).ok()?;
                    self.archive = Some((archive.clone(), file, index));
                }
                let (_, file, index) = self.archive.as_mut()?;
                let place = index.place(name).ok()?;
                check_named(&file.report(&place).ok()?, name).ok()
            }
            Origin::Unread => None,
        }
    }
}

/// How deep folders are walked (a bound on links that loop).
const MAX_DEPTH: usize = 32;

/// A file found in a folder, to be read; or a row saying why something was not.
type Found = (String, Option<String>);

/// The files under `dir`, sorted, hidden ones and other kinds of file left out; links
/// followed, each folder walked once (`seen`: a link back up is not walked again). A
/// folder deeper than [`MAX_DEPTH`] or one that cannot be listed gets a row saying so.
fn walk(
    dir: &std::path::Path,
    depth: usize,
    seen: &mut std::collections::HashSet<std::path::PathBuf>,
    out: &mut Vec<Found>,
) {
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen.insert(real) {
            return;
        }
    }
    let here = dir.display().to_string();
    if depth >= MAX_DEPTH {
        let why = format!("文件夹嵌套超过 {MAX_DEPTH} 层（可能是循环的链接），其中的文件未读取");
        out.push((here, Some(why)));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push((here, Some(format!("无法读取文件夹：{}", io_error_zh(&e)))));
            return;
        }
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = e.path();
        let name = path.display().to_string();
        let wanted = is_report_file(&name) || is_archive(&name);
        // Through links: a linked report is read, a linked folder walked (bounded).
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, depth + 1, seen, out),
            Ok(m) if m.is_file() && wanted => out.push((name, None)),
            Err(e) if wanted => out.push((name, Some(format!("无法读取：{}", io_error_zh(&e))))),
            _ => {}
        }
    }
}

/// The files of the batch's paths: files as they are, folders walked; at most
/// [`MAX_REPORTS`] files from the folders, the rest in one row.
fn batch_files(paths: &[String]) -> Vec<Found> {
    let mut files = Vec::new();
    for p in paths {
        let path = std::path::Path::new(p);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, 0, &mut Default::default(), &mut found);
            let to_read = found.iter().filter(|(_, why)| why.is_none()).count();
            if to_read > MAX_REPORTS {
                let mut kept = 0;
                found.retain(|(_, why)| {
                    kept += usize::from(why.is_none());
                    why.is_some() || kept <= MAX_REPORTS
                });
                let over = to_read - MAX_REPORTS;
                found.push((format!("{p}/……"), Some(too_many_reports(over))));
            }
            files.extend(found);
        } else {
            files.push((p.clone(), None));
        }
    }
    files
}

/// An I/O error in Chinese (the system's own words are English).
fn io_error_zh(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "文件或文件夹不存在",
        PermissionDenied => "没有读取权限",
        IsADirectory => "这是一个文件夹，不是文件",
        _ if e.raw_os_error() == Some(40) => "链接层数过多（可能是循环的链接）",
        _ => "系统无法读取此文件",
    }
}

fn summary(args: &[String]) -> ExitCode {
    let mut format = "table".to_owned();
    let mut output = None;
    let mut paths = Vec::new();
    let mut args = args.iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--format" | "-o" => {
                let Some(value) = args.next() else {
                    eprintln!("nianbao: {a} 后须跟参数\n{USAGE}");
                    return ExitCode::from(2);
                };
                if a == "-o" {
                    output = Some(value.clone());
                } else {
                    format = value.clone();
                }
            }
            s if s.starts_with('-') => {
                eprintln!("nianbao: 未知选项 {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => paths.push(a.clone()),
        }
    }
    if !matches!(format.as_str(), "table" | "csv" | "json" | "xlsx") {
        eprintln!("nianbao: 不支持的格式 {format}（可用 table、csv、json、xlsx）");
        return ExitCode::from(2);
    }
    if format == "xlsx" && output.is_none() && std::io::stdout().is_terminal() {
        eprintln!("nianbao: xlsx 是二进制文件，请用 -o 指定输出文件（如 -o 汇总.xlsx）");
        return ExitCode::from(2);
    }
    if paths.is_empty() {
        eprintln!("nianbao: summary 需要至少一个文件或文件夹\n{USAGE}");
        return ExitCode::from(2);
    }
    let files = batch_files(&paths);
    // Progress on a terminal, for a batch that takes a while.
    let progress = std::io::stderr().is_terminal() && files.len() > 1;
    // Each report is checked and let go: the batch keeps its row and what pairs it.
    let mut batch = nianbao::series::batch::Batch::new();
    let mut origins = Vec::new();
    for (i, (file, why_not)) in files.iter().enumerate() {
        if progress {
            eprint!("\r已检查 {i}/{} 个文件", files.len());
        }
        let mut add = |name: String, checked: Checked, origin: Origin| {
            let origin = if checked.is_ok() {
                origin
            } else {
                Origin::Unread
            };
            batch.push(
                &name,
                checked.as_ref().map(|(r, _)| r).map_err(String::as_str),
            );
            origins.push(origin);
        };
        if let Some(why) = why_not {
            add(file.clone(), Err(why.clone()), Origin::Unread);
        } else if is_archive(file) {
            let whole = check_archive(file, |name, checked| {
                let origin = Origin::Entry {
                    archive: file.clone(),
                    name: name.to_owned(),
                };
                add(format!("{file}/{name}"), checked, origin);
            });
            if let Err(why) = whole {
                add(file.clone(), Err(why), Origin::Unread);
            }
        } else {
            add(
                file.clone(),
                read_and_check(file),
                Origin::File(file.clone()),
            );
        }
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    let mut rereader = Rereader::default();
    let mut over_two_years = batch.compare_years(|i| rereader.reread(&origins[i]));
    let rows = batch.rows();
    let bytes = match format.as_str() {
        "csv" => {
            let csv = nianbao::report::summary::summary_csv(rows);
            // On a terminal, a name's escape sequences or bidi overrides are shown as
            // such, never sent (a file keeps the names as they are).
            if output.is_none() && std::io::stdout().is_terminal() {
                csv.split_inclusive('\n')
                    .map(|line| match line.strip_suffix('\n') {
                        Some(l) => visible(l.strip_suffix('\r').unwrap_or(l)) + "\r\n",
                        None => visible(line),
                    })
                    .collect::<String>()
                    .into_bytes()
            } else {
                csv.into_bytes()
            }
        }
        "json" => (serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n").into_bytes(),
        "xlsx" => {
            // A sheet per report, each read again as it is written.
            let written = (|| {
                let mut book = nianbao::report::xlsx::BatchWorkbook::new(rows)?;
                for i in batch.readable() {
                    if let Some((mut report, _)) = rereader.reread(&origins[i]) {
                        if let Some(found) = over_two_years[i].take() {
                            nianbao::series::add_findings(&mut report, found);
                        }
                        book.add(&rows[i].file, &report)?;
                    }
                }
                book.finish()
            })();
            match written {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!("nianbao: 无法生成 Excel 文件：{e}");
                    return ExitCode::from(2);
                }
            }
        }
        _ => render_summary(rows).into_bytes(),
    };
    let written = match &output {
        Some(path) => std::fs::write(path, &bytes),
        None => std::io::stdout().lock().write_all(&bytes),
    };
    if let Err(e) = written {
        if output.is_some() || e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("nianbao: 无法写入结果：{e}");
            return ExitCode::from(2);
        }
    }
    if rows.iter().any(|r| r.unreadable.is_some()) {
        ExitCode::from(2)
    } else if rows.iter().any(|r| r.errors > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The summary as a table for a terminal: columns aligned by display width; an
/// unreadable file's reason in the last column.
fn render_summary(rows: &[nianbao::report::summary::SummaryRow]) -> String {
    use nianbao::report::summary::SummaryRow;
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

fn display_width(s: &str) -> usize {
    s.chars().map(nianbao::normalize::char_width).sum()
}

fn pad(s: &str, width: usize) -> String {
    let w = display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// `s` with control characters and bidirectional controls written out (see
/// [`nianbao::report::visible`]).
fn visible(s: &str) -> String {
    nianbao::report::visible::visible(s).into_owned()
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

/// Renders a report for a terminal: meta, the three tables aligned, the findings by
/// severity.
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
