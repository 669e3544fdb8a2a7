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

use nianbao::report::terminal::{self, visible};
use nianbao::Report;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

/// A faster allocator than the system's for a batch of thousands of reports.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
            let _ = std::io::stdout()
                .lock()
                .write_all(terminal::rules(&nianbao::rule_docs()).as_bytes());
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
            write!(out, "{}", terminal::report(report, color))
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
        _ => terminal::summary(rows).into_bytes(),
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
