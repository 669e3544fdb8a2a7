//! Zip archives, read within bounds: a .docx (a zip of XML parts) and a reviewer's
//! archive of reports (`nianbao summary`) both come through here. Only the central
//! directory and the entries asked for are read; an entry is inflated up to a limit (a
//! zip bomb stops there).

/// Why an archive or one of its entries could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipError {
    /// Not a zip archive, or a truncated or damaged one.
    Damaged,
    /// The entry would inflate to more than the limit asked for.
    TooLarge,
    /// The entry is encrypted (ZipCrypto or AES): it has a password.
    Encrypted,
    /// The entry is compressed by a method other than store and deflate (bzip2, LZMA,
    /// zstd, xz, …): its number.
    Method(usize),
}

/// An entry of the archive's central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name as stored (UTF-8 when the archive says so, often GBK when it was made
    /// on a Chinese Windows PC: see [`Entry::name_text`]).
    pub name: Vec<u8>,
    /// Is the name UTF-8 (general purpose flag bit 11)?
    pub utf8: bool,
    /// General purpose flag bit 0: the entry is encrypted.
    encrypted: bool,
    method: usize,
    compressed: usize,
    /// The size it inflates to, as the directory says.
    size: usize,
    local: usize,
}

impl Entry {
    /// The name as text: UTF-8 when flagged or valid as such, else GB18030 (what the
    /// Chinese Windows archivers write without saying so).
    pub fn name_text(&self) -> String {
        match std::str::from_utf8(&self.name) {
            Ok(s) => s.to_owned(),
            Err(_) if self.utf8 => String::from_utf8_lossy(&self.name).into_owned(),
            Err(_) => encoding_rs::GB18030.decode(&self.name).0.into_owned(),
        }
    }

    /// Where its local header is in the archive: two entries at one place are one
    /// entry listed twice (a crafted archive, to make a small file count as many).
    pub fn local_header(&self) -> usize {
        self.local
    }

    /// The size it inflates to, as the archive's directory says.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Is it deflated (method 8; else stored, when [`Entry::readable`])?
    pub fn deflated(&self) -> bool {
        self.method == 8
    }

    /// Its stored bytes' length.
    pub fn compressed(&self) -> usize {
        self.compressed
    }

    /// Can it be read: no password, stored or deflated?
    pub fn readable(&self) -> Result<(), ZipError> {
        // Method 99 is WinZip's AES, which also sets the encrypted flag.
        if self.encrypted || self.method == 99 {
            return Err(ZipError::Encrypted);
        }
        if !matches!(self.method, 0 | 8) {
            return Err(ZipError::Method(self.method));
        }
        Ok(())
    }

    /// A folder's entry (its name ends with `/`).
    pub fn is_dir(&self) -> bool {
        self.name.ends_with(b"/")
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

fn u64_at(b: &[u8], at: usize) -> Option<usize> {
    usize::try_from(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?)).ok()
}

/// The entries of the archive's central directory (ZIP64 ones too, past 65,535
/// entries or 4 GB), read one by one as they are asked for: a reader looking for one
/// entry stops there, and a directory damaged after it does not matter.
pub fn entries(zip: &[u8]) -> Result<Entries<'_>, ZipError> {
    entries_in(zip, 0)
}

/// The same from part of an archive: `tail`, its bytes from `base` to its end, where
/// `base` is at or before [`directory_start`]'s answer. A reader of a large archive
/// reads only its directory, then each entry as it is needed (the page posts its
/// worker a slice of the picked file).
pub fn entries_in(tail: &[u8], base: usize) -> Result<Entries<'_>, ZipError> {
    let (left, at) = match end_of_directory(tail, base)? {
        End::Directory { left, at } if at >= base => (left, at),
        _ => return Err(ZipError::Damaged),
    };
    // Each entry takes at least 46 bytes of the directory: a count beyond what the
    // archive can hold is damage, not a reason to loop.
    if left > tail.len() / 46 {
        return Err(ZipError::Damaged);
    }
    Ok(Entries {
        zip: tail,
        base,
        left,
        at,
    })
}

/// Where an archive must be read from for [`entries_in`], given `tail`, its last bytes
/// from `base` (at least its last 65,577: the end record, its comment and a ZIP64
/// locator): the central directory's start; or, when `tail` does not reach a ZIP64
/// archive's own end record, that record's (read from there and ask again).
pub fn directory_start(tail: &[u8], base: usize) -> Result<usize, ZipError> {
    Ok(match end_of_directory(tail, base)? {
        End::Directory { at, .. } => at,
        End::ReadFrom(record) => record,
    })
}

/// How many bytes at an archive's end hold its end record, with the longest comment
/// and a ZIP64 locator before it: what a reader of its directory reads first.
pub const TAIL_BYTES: usize = 65_557 + 20;

/// What an archive's end says.
enum End {
    /// `left` entries in the central directory starting at `at`.
    Directory { left: usize, at: usize },
    /// A ZIP64 end record, at this place before the bytes given.
    ReadFrom(usize),
}

/// The end of the central directory, from `tail` (the archive's bytes from `base`).
fn end_of_directory(tail: &[u8], base: usize) -> Result<End, ZipError> {
    let at_ = |at: usize| at.checked_sub(base);
    // End of central directory: the last signature within the final 64 KiB + 22 bytes.
    let search_from = tail.len().saturating_sub(65_557);
    let eocd = (search_from..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))
        .ok_or(ZipError::Damaged)?;
    let mut left = u16_at(tail, eocd + 10).ok_or(ZipError::Damaged)?;
    let mut at = u32_at(tail, eocd + 16).ok_or(ZipError::Damaged)?;
    // A ZIP64 archive: a locator just before the record points at the ZIP64 end of
    // central directory, whose counts and offset are 8 bytes wide.
    // (Bytes that only look like a locator, inside an entry's data, point at no such
    // record: then the 4-byte fields stand, unless they say ZIP64 was needed.)
    let located = eocd
        .checked_sub(20)
        .filter(|&locator| tail[locator..].starts_with(b"PK\x06\x07"))
        .and_then(|locator| u64_at(tail, locator + 8));
    if let Some(record) = located {
        if record < base {
            // Not in the bytes given: read from there (a locator that points at no
            // record is found out then).
            return Ok(End::ReadFrom(record));
        }
    }
    let record = located.filter(|&record| {
        at_(record)
            .and_then(|r| tail.get(r..))
            .is_some_and(|b| b.starts_with(b"PK\x06\x06"))
    });
    match record.and_then(at_) {
        Some(record) => {
            left = u64_at(tail, record + 32).ok_or(ZipError::Damaged)?;
            at = u64_at(tail, record + 48).ok_or(ZipError::Damaged)?;
        }
        // 65,535 entries fit the 4-byte record; an offset of all ones does not.
        None if at == 0xFFFF_FFFF => return Err(ZipError::Damaged),
        None => {}
    }
    Ok(End::Directory { left, at })
}

/// The central directory's entries ([`entries`]); a damaged one ends them with an error.
pub struct Entries<'a> {
    /// The archive's bytes from `base`.
    zip: &'a [u8],
    base: usize,
    left: usize,
    /// Where the next entry is, in the archive.
    at: usize,
}

impl Iterator for Entries<'_> {
    type Item = Result<Entry, ZipError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        let entry = self.read_one();
        self.left = if entry.is_ok() { self.left - 1 } else { 0 };
        Some(entry)
    }
}

impl Entries<'_> {
    fn read_one(&mut self) -> Result<Entry, ZipError> {
        let zip = self.zip;
        let at = self.at.checked_sub(self.base).ok_or(ZipError::Damaged)?;
        if !zip.get(at..).is_some_and(|b| b.starts_with(b"PK\x01\x02")) {
            return Err(ZipError::Damaged);
        }
        let field = |off: usize| u16_at(zip, at + off).ok_or(ZipError::Damaged);
        let flags = field(8)?;
        let method = field(10)?;
        let mut compressed = u32_at(zip, at + 20).ok_or(ZipError::Damaged)?;
        let mut uncompressed = u32_at(zip, at + 24).ok_or(ZipError::Damaged)?;
        let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
        let mut local = u32_at(zip, at + 42).ok_or(ZipError::Damaged)?;
        let name = zip
            .get(at + 46..at + 46 + name_len)
            .ok_or(ZipError::Damaged)?;
        let extra = zip
            .get(at + 46 + name_len..at + 46 + name_len + extra_len)
            .ok_or(ZipError::Damaged)?;
        // ZIP64: the sizes and offset that do not fit 4 bytes are in extra field 1, in
        // this order, each present only where its 4-byte field is all ones.
        const WIDE: usize = 0xFFFF_FFFF;
        if compressed == WIDE || uncompressed == WIDE || local == WIDE {
            let mut fields = zip64_extra(extra).ok_or(ZipError::Damaged)?;
            let mut next = || fields.next().ok_or(ZipError::Damaged);
            if uncompressed == WIDE {
                uncompressed = next()?;
            }
            if compressed == WIDE {
                compressed = next()?;
            }
            if local == WIDE {
                local = next()?;
            }
        }
        self.at = self.at + 46 + name_len + extra_len + comment_len;
        Ok(Entry {
            name: name.to_vec(),
            utf8: flags & 0x0800 != 0,
            encrypted: flags & 1 != 0,
            method,
            compressed,
            size: uncompressed,
            local,
        })
    }
}

/// The 8-byte values of an entry's ZIP64 extra field (id 1), if it has one.
fn zip64_extra(mut extra: &[u8]) -> Option<impl Iterator<Item = usize> + '_> {
    while extra.len() >= 4 {
        let (id, size) = (u16_at(extra, 0)?, u16_at(extra, 2)?);
        let body = extra.get(4..4 + size)?;
        if id == 1 {
            return Some(body.chunks_exact(8).filter_map(|c| u64_at(c, 0)));
        }
        extra = &extra[4 + size..];
    }
    None
}

/// The bytes of `entry`, inflated; more than `limit` bytes is [`ZipError::TooLarge`].
pub fn read(zip: &[u8], entry: &Entry, limit: usize) -> Result<Vec<u8>, ZipError> {
    entry.readable()?;
    let record = zip.get(entry.local..).ok_or(ZipError::Damaged)?;
    inflate(stored(record, entry.compressed)?, entry.deflated(), limit)
}

/// An entry's stored bytes, `compressed` long, from its local record (the archive's
/// bytes from the entry's local header on).
pub fn stored(record: &[u8], compressed: usize) -> Result<&[u8], ZipError> {
    if !record.starts_with(b"PK\x03\x04") {
        return Err(ZipError::Damaged);
    }
    let start = 30
        + u16_at(record, 26).ok_or(ZipError::Damaged)?
        + u16_at(record, 28).ok_or(ZipError::Damaged)?;
    let end = start.checked_add(compressed).ok_or(ZipError::Damaged)?;
    record.get(start..end).ok_or(ZipError::Damaged)
}

/// The most bytes an entry's local header takes (30, a name and an extra field of at
/// most 65,535 bytes each): an entry's local record ends this far past its stored bytes'
/// length at most.
pub const LOCAL_HEADER_MAX: usize = 30 + 2 * 0xFFFF;

/// An entry's stored bytes (see [`stored`]) as they were: inflated when `deflated`,
/// else as stored; more than `limit` bytes is [`ZipError::TooLarge`].
pub fn inflate(data: &[u8], deflated: bool, limit: usize) -> Result<Vec<u8>, ZipError> {
    match deflated {
        false if data.len() <= limit => Ok(data.to_vec()),
        false => Err(ZipError::TooLarge),
        true => {
            miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| {
                match e.status {
                    miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooLarge,
                    _ => ZipError::Damaged,
                }
            })
        }
    }
}
