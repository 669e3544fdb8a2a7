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

/// Is a path hidden (a part starting with `.`, or macOS's `__MACOSX/` copies)?
pub fn is_hidden(path: &str) -> bool {
    path.split(['/', '\\'])
        .any(|part| part.starts_with('.') || part == "__MACOSX")
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
    let entries = zip::entries(archive)
        .and_then(|all| all.collect::<Result<Vec<_>, _>>())
        .map_err(|_| "压缩包已损坏或不完整，无法读取。请重新打包后再检查".to_owned())?;
    let mut inflated = 0usize;
    let mut out = Vec::new();
    for entry in entries {
        let name = entry.name_text();
        if entry.is_dir() || is_hidden(&name) || !is_report_file(&name) {
            continue;
        }
        let bytes = if inflated > max_inflated {
            Err("压缩包解压后总量过大，其余文件未读取（可能是恶意构造的压缩包）".to_owned())
        } else {
            match zip::read(archive, &entry, crate::MAX_INPUT_BYTES) {
                Ok(data) => {
                    inflated += data.len();
                    Ok(data)
                }
                Err(ZipError::TooLarge) => {
                    Err(crate::InputError::TooLarge(crate::MAX_INPUT_BYTES + 1).to_string())
                }
                Err(ZipError::Damaged) => Err("压缩包中的此文件已损坏，无法读取".to_owned()),
            }
        };
        out.push(Archived { name, bytes });
    }
    if out.is_empty() {
        return Err("压缩包中没有年度报告文件（.docx、PDF、网页或文本）".to_owned());
    }
    Ok(out)
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
    }

    #[test]
    fn not_an_archive_says_so() {
        let why = reports(b"not a zip at all", 1 << 20).unwrap_err();
        assert!(why.contains("压缩包已损坏"), "{why}");
    }
}
