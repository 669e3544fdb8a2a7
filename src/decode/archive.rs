//! A reviewer's batch: which files are reports, and the reports inside a .zip archive
//! (how a 政务公开办 receives them). The command line's `summary` and the page's file
//! readers both unpack archives here, so both take the same entries with the same
//! bounds and messages.

use super::zip::{self, ZipError};

/// What reports come as, and the formats that get a row saying they cannot be read
/// (.doc, .wps, .ofd), so that no report of a batch is passed over silently.
pub const REPORT_EXTENSIONS: [&str; 8] = ["txt", "htm", "html", "docx", "pdf", "doc", "wps", "ofd"];

/// Is `name` (a file name or a path) a report's, by its extension (ASCII: the
/// page does not carry Unicode's case tables for this)?
pub fn is_report_file(name: &str) -> bool {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    REPORT_EXTENSIONS.contains(&ext.as_str())
}

/// The largest archive read (reports come by the hundred in one, but not by the
/// gigabyte).
pub const MAX_ARCHIVE_BYTES: u64 = 512 * 1024 * 1024;

/// Why an archive of `bytes` is not read (more than [`MAX_ARCHIVE_BYTES`]).
pub fn too_large(bytes: u64) -> String {
    format!(
        "压缩包过大（{:.0} MB），超过 {} MB 的上限，请分批检查",
        bytes as f64 / 1048576.0,
        MAX_ARCHIVE_BYTES / 1048576
    )
}

/// Is `name` a .zip archive's?
pub fn is_archive(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

/// Is a path hidden (a part starting with `.`, or macOS's `__MACOSX/` copies)? The
/// parts `.` and `..` are not names (`./报告/a.txt` is not hidden).
pub fn is_hidden(path: &str) -> bool {
    path.split(['/', '\\'])
        .any(|part| (part.starts_with('.') && part != "." && part != "..") || part == "__MACOSX")
}

/// The most reports read from one archive, as from one folder: a reviewer's batch is
/// hundreds; past this the rest get one row asking for smaller batches.
pub const MAX_REPORTS: usize = 5_000;

/// Why the reports past [`MAX_REPORTS`] were not read.
pub fn too_many_reports(left: usize) -> String {
    format!("报告超过 {MAX_REPORTS} 份，其余 {left} 份未读取，请分批检查")
}

/// One report file of an archive: its path inside it, and its bytes or why they could
/// not be read (in Chinese).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archived {
    /// The path inside the archive (GBK names decoded).
    pub name: String,
    /// The bytes, or why not.
    pub bytes: Result<Vec<u8>, String>,
}

/// The report files of a .zip archive, in its order, each inflated up to
/// [`crate::MAX_INPUT_BYTES`]; once `max_inflated` bytes have come out in all, the rest
/// get a row saying so (a zip bomb of many entries stops there). Folders, hidden files
/// and other kinds of file are passed over. `Err` says, in Chinese, why the archive as
/// a whole gives nothing.
pub fn reports(archive: &[u8], max_inflated: usize) -> Result<Vec<Archived>, String> {
    let entries = listed(archive)?;
    let mut places = std::collections::HashSet::new();
    if !entries.iter().all(|e| places.insert(e.local_header())) {
        return Err(
            "压缩包的目录中有重复的条目（可能是恶意构造的压缩包），已拒绝读取。请重新打包后再检查"
                .to_owned(),
        );
    }
    let mut inflated = 0usize;
    let mut out = Vec::new();
    let mut over = 0usize;
    for entry in entries {
        let name = entry.name_text();
        if entry.is_dir() || is_hidden(&name) {
            continue;
        }
        if is_archive(&name) {
            // Not unpacked in turn (a bound on nesting), but not passed over in silence.
            out.push(Archived {
                name,
                bytes: Err("压缩包内的压缩包未展开：请先解压，再检查其中的报告".to_owned()),
            });
            continue;
        }
        if !is_report_file(&name) {
            continue;
        }
        if out.len() >= MAX_REPORTS {
            over += 1;
            continue;
        }
        let bytes = if inflated > max_inflated {
            Err("压缩包解压后总量过大，其余文件未读取（可能是恶意构造的压缩包）".to_owned())
        } else {
            let read = read_entry(archive, &entry);
            if let Ok(data) = &read {
                inflated += data.len();
            }
            read
        };
        out.push(Archived { name, bytes });
    }
    if over > 0 {
        out.push(Archived {
            name: "……".to_owned(),
            bytes: Err(too_many_reports(over)),
        });
    }
    if out.is_empty() {
        return Err("压缩包中没有年度报告文件（.docx、PDF、网页或文本）".to_owned());
    }
    Ok(out)
}

/// Every entry the archive's directory lists; or why it cannot be read, in Chinese.
fn listed(archive: &[u8]) -> Result<Vec<zip::Entry>, String> {
    zip::entries(archive)
        .and_then(|all| all.collect::<Result<Vec<_>, _>>())
        .map_err(|_| "压缩包已损坏或不完整，无法读取。请重新打包后再检查".to_owned())
}

/// An entry's bytes, inflated up to [`crate::MAX_INPUT_BYTES`]; or why not, in Chinese.
fn read_entry(archive: &[u8], entry: &zip::Entry) -> Result<Vec<u8>, String> {
    zip::read(archive, entry, crate::MAX_INPUT_BYTES).map_err(|e| match e {
        ZipError::TooLarge => crate::InputError::TooLarge(crate::MAX_INPUT_BYTES + 1).to_string(),
        ZipError::Damaged => "压缩包中的此文件已损坏，无法读取".to_owned(),
        ZipError::Encrypted => "压缩包中的此文件设有密码，无法读取。请解除密码后重新打包".to_owned(),
        ZipError::Method(m) => format!(
            "压缩包中的此文件使用了不支持的压缩方式（{}），无法读取。请用常见的 zip 格式（Deflate）重新打包",
            method_name(m)
        ),
    })
}

/// An archive's entries by name, to read one of its reports again: the command line
/// reads a batch's reports a second time where it needs them (year over year, the
/// workbook's sheets) rather than keep every report and its text.
pub struct Index(std::collections::HashMap<String, zip::Entry>);

impl Index {
    /// The entries of `archive` (as [`reports`] would list them).
    pub fn of(archive: &[u8]) -> Result<Index, String> {
        let entries = listed(archive)?;
        Ok(Index(
            entries.into_iter().map(|e| (e.name_text(), e)).collect(),
        ))
    }

    /// The bytes of the entry `name` (a name [`reports`] gave), or why not.
    pub fn read(&self, archive: &[u8], name: &str) -> Result<Vec<u8>, String> {
        let entry = self
            .0
            .get(name)
            .ok_or_else(|| "压缩包在检查期间发生了变化，此文件已不在其中".to_owned())?;
        read_entry(archive, entry)
    }
}

/// A zip compression method's common name.
fn method_name(method: usize) -> String {
    match method {
        12 => "bzip2".to_owned(),
        14 => "LZMA".to_owned(),
        93 => "Zstandard".to_owned(),
        95 => "xz".to_owned(),
        98 => "PPMd".to_owned(),
        9 => "Deflate64".to_owned(),
        m => format!("方式 {m}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_files_are_told_by_their_extension() {
        assert!(is_report_file("报告/2023年年报.DOCX"));
        assert!(is_report_file("a.doc"));
        assert!(!is_report_file("说明.xlsx"));
        assert!(is_archive("收到的报告.ZIP"));
        assert!(is_hidden("__MACOSX/._a.txt"));
        assert!(is_hidden("dir/.DS_Store"));
        assert!(!is_hidden("dir/a.txt"));
        assert!(!is_hidden("./报告/a.txt"));
        assert!(!is_hidden("../a.txt"));
        assert!(is_hidden("./.git/a.txt"));
    }

    use super::super::zip_writer::{self, write, Options, Stored};

    /// The rows of an archive: each entry's name and its bytes' text or why not.
    fn rows(archive: &[u8]) -> Vec<(String, Result<String, String>)> {
        reports(archive, 1 << 30)
            .unwrap()
            .into_iter()
            .map(|a| (a.name, a.bytes.map(|b| String::from_utf8(b).unwrap())))
            .collect()
    }

    #[test]
    fn every_report_entry_gets_a_row_saying_what_it_is() {
        let mut locked = Stored::deflated(b"locked.txt", b"x");
        locked.flags = 1;
        let mut aes = Stored::deflated(b"aes.txt", b"x");
        aes.method = 99;
        let mut bzip2 = Stored::deflated(b"bzip2.txt", b"x");
        bzip2.method = 12;
        let inner = zip_writer::zip(&[("a.txt", b"inner")]);
        let archive = write(
            &[
                Stored::deflated(b"./report.txt", b"report"),
                Stored::deflated("./报告/乡镇.txt".as_bytes(), b"town"),
                Stored::deflated(b"./.hidden.txt", b"no"),
                Stored::deflated(b"inner.zip", &inner),
                locked,
                aes,
                bzip2,
            ],
            Options::default(),
        );
        let got = rows(&archive);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "./report.txt",
                "./报告/乡镇.txt",
                "inner.zip",
                "locked.txt",
                "aes.txt",
                "bzip2.txt"
            ]
        );
        assert_eq!(got[0].1, Ok("report".to_owned()));
        assert_eq!(got[1].1, Ok("town".to_owned()));
        let why = |i: usize| got[i].1.clone().unwrap_err();
        assert!(why(2).contains("压缩包内的压缩包未展开"), "{}", why(2));
        assert!(why(3).contains("设有密码"), "{}", why(3));
        assert!(why(4).contains("设有密码"), "{}", why(4));
        assert!(why(5).contains("不支持的压缩方式（bzip2）"), "{}", why(5));
    }

    #[test]
    fn zip64_archives_give_every_entry_up_to_the_cap() {
        // Past 65,535 entries an archiver writes ZIP64: all are listed, the reports
        // past MAX_REPORTS in one row.
        let entries: Vec<Stored> = (0..65_540)
            .map(|i| Stored::deflated(format!("{i:05}.txt").as_bytes(), b"r"))
            .collect();
        let archive = write(
            &entries,
            Options {
                zip64: true,
                ..Options::default()
            },
        );
        let got = rows(&archive);
        assert_eq!(got.len(), MAX_REPORTS + 1);
        assert_eq!(
            got[MAX_REPORTS - 1].0,
            format!("{:05}.txt", MAX_REPORTS - 1)
        );
        let last = got.last().unwrap().1.clone().unwrap_err();
        assert_eq!(last, too_many_reports(65_540 - MAX_REPORTS));
    }

    #[test]
    fn exactly_65535_entries_without_zip64_are_read() {
        let entries: Vec<Stored> = (0..65_535)
            .map(|i| Stored::deflated(format!("{i:05}.txt").as_bytes(), b"r"))
            .collect();
        let got = rows(&write(&entries, Options::default()));
        assert_eq!(got.len(), MAX_REPORTS + 1);
        assert_eq!(got[0], ("00000.txt".to_owned(), Ok("r".to_owned())));
    }

    #[test]
    fn directory_records_repeated_over_one_entry_refuse_the_archive() {
        let archive = write(
            &[Stored::deflated(b"a.txt", b"report")],
            Options {
                repeat_records: 1000,
                ..Options::default()
            },
        );
        let why = reports(&archive, 1 << 30).unwrap_err();
        assert!(why.contains("重复的条目"), "{why}");
    }

    #[test]
    fn not_an_archive_says_so() {
        let why = reports(b"not a zip at all", 1 << 20).unwrap_err();
        assert!(why.contains("压缩包已损坏"), "{why}");
    }
}
