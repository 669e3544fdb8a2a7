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

mod disk;

use disk::{read_and_check, Rereader};
use nianbao::report::terminal::{self, visible};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// A faster allocator than the system's for a batch of thousands of reports.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns transparent huge pages off for this process. mimalloc asks Linux for them
/// (`madvise`) and gives freed memory back as it goes; each page it touches again is then
/// a fresh 2 MB page, zeroed whole. Over a long batch that zeroing was up to a third of
/// the process's time (`perf`: `clear_page_erms`), and without it a batch of 1,930
/// reports takes 0.6 times as long (`farm-bench --vs`, the note of #26).
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

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
  --ocr-models=目录
              扫描件（图片 PDF、.jpg、.png）文字识别所用模型的目录（PP-OCRv4：ch_PP-OCRv4_det_infer.onnx、
              ch_PP-OCRv4_rec_infer.onnx、ppocr_keys_v1.txt）；也可用环境变量 NIANBAO_OCR_MODELS 指定
退出码：0 无错误；1 有错误；2 有文件无法读取";

fn main() -> ExitCode {
    small_pages_only();
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
            s if s.starts_with("--ocr-models=") => {
                let _ = disk::OCR_MODELS.set(s["--ocr-models=".len()..].into());
            }
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
    let (mut batch, origins) = disk::check_batch(&paths);
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
