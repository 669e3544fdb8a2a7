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

/// The most an archive's reports may inflate to together, as its directory declares
/// their sizes (a bound on zip bombs of many entries: an entry that inflates to more
/// than it declares is damaged, so the work stops there too).
pub const MAX_INFLATED: usize = 1024 * 1024 * 1024;

/// One report file of an archive: its path inside it, and where its bytes are or why
/// they cannot be read (in Chinese).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The path inside the archive (GBK names decoded).
    pub name: String,
    /// Where its bytes are, or why not.
    pub place: Result<Place, String>,
}

/// Where a report's bytes are in its archive, and how to take them out. An archive is
/// listed once, from its directory alone, and each report read when it is checked
/// ([`Place::read`]), so that a batch never holds more than the archive's directory and
/// the report at hand (the page posts the worker only this report's part of the
/// archive, a slice of the picked file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Where its local record (its local header, then its stored bytes) starts in the
    /// archive.
    pub start: usize,
    /// Where the record ends at most (the header's length is read from it).
    pub end: usize,
    /// Its stored bytes' length.
    pub compressed: usize,
    /// Deflated (else stored as they are).
    pub deflated: bool,
    /// The size they inflate to, as the archive's directory says.
    pub size: usize,
}

impl Place {
    /// The report's bytes, taken out of `record` (the archive's bytes from `start` to
    /// `end`); or why not, in Chinese. More than the declared size is damage.
    pub fn read(&self, record: &[u8]) -> Result<Vec<u8>, String> {
        let stored = zip::stored(record, self.compressed).map_err(why_not)?;
        zip::inflate(stored, self.deflated, self.size).map_err(|e| match e {
            ZipError::TooLarge => DAMAGED.to_owned(),
            e => why_not(e),
        })
    }

    /// The report's bytes, from the whole archive.
    pub fn read_from(&self, archive: &[u8]) -> Result<Vec<u8>, String> {
        self.read(archive.get(self.start..self.end).ok_or(DAMAGED)?)
    }
}

/// What an entry that cannot be read because it is damaged says.
const DAMAGED: &str = "压缩包中的此文件已损坏，无法读取";

/// The report files of a .zip archive, in its order, each with where its bytes are
/// ([`Place`]), none inflated yet; a report declaring more than
/// [`crate::decode::MAX_INPUT_BYTES`], and every report once `max_inflated` bytes are declared
/// in all, get a row saying so (a zip bomb of many entries stops there). Folders,
/// hidden files and other kinds of file are passed over; past [`MAX_REPORTS`] the rest
/// get one row. `Err` says, in Chinese, why the archive as a whole gives nothing.
pub fn list(archive: &[u8], max_inflated: usize) -> Result<Vec<Listed>, String> {
    list_in(archive, 0, max_inflated)
}

/// The same from part of the archive: `tail`, its bytes from `base` to its end, where
/// `base` is at or before [`zip::directory_start`]'s answer (the page's worker reads
/// only an archive's directory).
pub fn list_in(tail: &[u8], base: usize, max_inflated: usize) -> Result<Vec<Listed>, String> {
    let entries = listed(tail, base)?;
    let archive_len = base + tail.len();
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
            out.push(Listed {
                name,
                place: Err("压缩包内的压缩包未展开：请先解压，再检查其中的报告".to_owned()),
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
        let place = if inflated > max_inflated {
            Err("压缩包解压后总量过大，其余文件未读取（可能是恶意构造的压缩包）".to_owned())
        } else {
            place_of(&entry, archive_len).inspect(|p| inflated += p.size)
        };
        out.push(Listed { name, place });
    }
    if over > 0 {
        out.push(Listed {
            name: "……".to_owned(),
            place: Err(too_many_reports(over)),
        });
    }
    if out.is_empty() {
        return Err("压缩包中没有年度报告文件（.docx、PDF、网页或文本）".to_owned());
    }
    Ok(out)
}

/// Where `entry`'s bytes are in an archive of `archive_len` bytes; or why they cannot
/// be read, in Chinese.
fn place_of(entry: &zip::Entry, archive_len: usize) -> Result<Place, String> {
    if entry.size() > crate::decode::MAX_INPUT_BYTES {
        return Err(why_not(ZipError::TooLarge));
    }
    entry.readable().map_err(why_not)?;
    let start = entry.local_header();
    let end = start
        .saturating_add(zip::LOCAL_HEADER_MAX)
        .saturating_add(entry.compressed())
        .min(archive_len);
    if start >= end {
        return Err(DAMAGED.to_owned());
    }
    Ok(Place {
        start,
        end,
        compressed: entry.compressed(),
        deflated: entry.deflated(),
        size: entry.size(),
    })
}

/// Every entry the archive's directory lists; or why it cannot be read, in Chinese.
fn listed(tail: &[u8], base: usize) -> Result<Vec<zip::Entry>, String> {
    zip::entries_in(tail, base)
        .and_then(|all| all.collect::<Result<Vec<_>, _>>())
        .map_err(|_| "压缩包已损坏或不完整，无法读取。请重新打包后再检查".to_owned())
}

/// Why an entry cannot be read, in Chinese.
fn why_not(e: ZipError) -> String {
    match e {
        ZipError::TooLarge => crate::decode::InputError::TooLarge(crate::decode::MAX_INPUT_BYTES + 1).to_string(),
        ZipError::Damaged => DAMAGED.to_owned(),
        ZipError::Encrypted => "压缩包中的此文件设有密码，无法读取。请解除密码后重新打包".to_owned(),
        ZipError::Method(m) => format!(
            "压缩包中的此文件使用了不支持的压缩方式（{}），无法读取。请用常见的 zip 格式（Deflate）重新打包",
            method_name(m)
        ),
    }
}

/// An archive's reports by name, to read one of them again: the command line reads a
/// batch's reports a second time where it needs them (year over year, the workbook's
/// sheets) rather than keep every report and its text.
pub struct Index(std::collections::HashMap<String, Place>);

impl Index {
    /// The reports of an archive, as [`list_in`] lists them from `tail` (its bytes from
    /// `base` on).
    pub fn of(tail: &[u8], base: usize) -> Result<Index, String> {
        Ok(Index(
            list_in(tail, base, usize::MAX)?
                .into_iter()
                .filter_map(|l| Some((l.name, l.place.ok()?)))
                .collect(),
        ))
    }

    /// Where the report `name` (a name [`list`] gave) is, or why not.
    pub fn place(&self, name: &str) -> Result<Place, String> {
        self.0
            .get(name)
            .copied()
            .ok_or_else(|| "压缩包在检查期间发生了变化，此文件已不在其中".to_owned())
    }
}

/// An archive's directory, read from its end: `read_from(at)` reads the archive from
/// `at` to its end (`len` bytes in all). Its last [`zip::TAIL_BYTES`] first, then from
/// where [`zip::directory_start`] says, until the bytes hold it all (three reads at
/// most: the end, a ZIP64 end record, the directory). Returns the bytes and where they
/// start, for [`list_in`]; a reader of an archive on disk, or of a `Blob`, never reads
/// its reports to list them.
pub fn read_directory<E>(
    len: usize,
    mut read_from: impl FnMut(usize) -> Result<Vec<u8>, E>,
) -> Result<(Vec<u8>, usize), E> {
    let mut base = len.saturating_sub(zip::TAIL_BYTES);
    let mut bytes = read_from(base)?;
    for _ in 0..2 {
        match zip::directory_start(&bytes, base) {
            Ok(start) if start < base => {
                base = start;
                bytes = read_from(base)?;
            }
            _ => break,
        }
    }
    Ok((bytes, base))
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
        list(archive, 1 << 30)
            .unwrap()
            .into_iter()
            .map(|l| {
                let bytes = l.place.and_then(|p| p.read_from(archive));
                (l.name, bytes.map(|b| String::from_utf8(b).unwrap()))
            })
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
        let why = list(&archive, 1 << 30).unwrap_err();
        assert!(why.contains("重复的条目"), "{why}");
    }

    #[test]
    fn a_report_is_read_from_its_slice_of_the_archive_alone() {
        let archive = zip_writer::zip(&[("a.txt", b"first"), ("b.txt", "第二份报告".as_bytes())]);
        let listed = list(&archive, 1 << 30).unwrap();
        let place = listed[1].place.clone().unwrap();
        assert!(place.deflated);
        assert_eq!(place.size, "第二份报告".len());
        // What the page posts the worker: the slice, not the archive.
        let slice = archive[place.start..place.end].to_vec();
        assert_eq!(place.read(&slice).unwrap(), "第二份报告".as_bytes());
        // A slice that is not this report's record.
        assert!(place.read(&slice[1..]).unwrap_err().contains("已损坏"));
    }

    #[test]
    fn an_archive_is_listed_from_its_directory_alone() {
        // What the page's worker does: the last bytes first, then from where the
        // directory starts; the listing is the whole archive's.
        let entries: Vec<Stored> = (0..3_000)
            .map(|i| Stored::deflated(format!("{i:05}.txt").as_bytes(), &[b'x'; 100]))
            .collect();
        for zip64 in [false, true] {
            let archive = write(
                &entries,
                Options {
                    zip64,
                    ..Options::default()
                },
            );
            let whole = list(&archive, 1 << 30).unwrap();
            let mut reads = 0;
            let (tail, base) = read_directory(archive.len(), |at| {
                reads += 1;
                Ok::<_, ()>(archive[at..].to_vec())
            })
            .unwrap();
            // The directory of 3,000 entries is larger than the first read: one more.
            assert_eq!(reads, 2, "zip64 {zip64}");
            // Only the directory is read: 3,000 records of 46 bytes and a name of 9,
            // and the end records.
            let ends = 22 + if zip64 { 56 + 20 } else { 0 };
            assert_eq!(archive.len() - base, 3_000 * (46 + 9) + ends);
            assert_eq!(list_in(&tail, base, 1 << 30).unwrap(), whole);
            let last = whole.last().unwrap().place.clone().unwrap();
            assert_eq!(last.read_from(&archive).unwrap(), vec![b'x'; 100]);
            // Too little read is damage, never a wrong listing.
            let short = base + 1;
            assert!(list_in(&archive[short..], short, 1 << 30).is_err());
        }
    }

    #[test]
    fn a_report_inflating_past_its_declared_size_is_damaged() {
        // The directory says 10 bytes; the data inflates to a megabyte.
        let mut lying = Stored::deflated(b"lying.txt", &vec![b' '; 1 << 20]);
        lying.size = 10;
        let archive = write(&[lying], Options::default());
        let got = rows(&archive);
        assert!(got[0].1.clone().unwrap_err().contains("已损坏"), "{got:?}");
    }

    #[test]
    fn a_report_declared_too_large_is_refused_unread() {
        let mut big = Stored::deflated(b"big.txt", b"small");
        big.size = (crate::decode::MAX_INPUT_BYTES + 1) as u32;
        let got = rows(&write(&[big], Options::default()));
        assert!(got[0].1.clone().unwrap_err().contains("过大"), "{got:?}");
    }

    #[test]
    fn declared_sizes_past_the_bound_leave_the_rest_unread() {
        // Each declares 600 bytes; the bound is 1,000: the first two are read (the
        // second crosses it), the rest say why not.
        let entries: Vec<Stored> = (0..4)
            .map(|i| Stored::deflated(format!("{i}.txt").as_bytes(), &[b'x'; 600]))
            .collect();
        let archive = write(&entries, Options::default());
        let listed = list(&archive, 1_000).unwrap();
        let read: Vec<bool> = listed.iter().map(|l| l.place.is_ok()).collect();
        assert_eq!(read, [true, true, false, false]);
        assert!(listed[2].place.clone().unwrap_err().contains("总量过大"));
    }

    #[test]
    fn not_an_archive_says_so() {
        let why = list(b"not a zip at all", 1 << 20).unwrap_err();
        assert!(why.contains("压缩包已损坏"), "{why}");
    }
}
