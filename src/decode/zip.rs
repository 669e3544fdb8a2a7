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
}

/// An entry of the archive's central directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name as stored (UTF-8 when the archive says so, often GBK when it was made
    /// on a Chinese Windows PC: see [`Entry::name_text`]).
    pub name: Vec<u8>,
    /// Is the name UTF-8 (general purpose flag bit 11)?
    pub utf8: bool,
    method: usize,
    compressed: usize,
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

/// The entries of the archive's central directory (at most 65,535: no ZIP64), read one
/// by one as they are asked for: a reader looking for one entry stops there, and a
/// directory damaged after it does not matter.
pub fn entries(zip: &[u8]) -> Result<Entries<'_>, ZipError> {
    // End of central directory: the last signature within the final 64 KiB + 22 bytes.
    let tail_start = zip.len().saturating_sub(65_557);
    let eocd = (tail_start..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| zip[i..].starts_with(b"PK\x05\x06"))
        .ok_or(ZipError::Damaged)?;
    Ok(Entries {
        zip,
        left: u16_at(zip, eocd + 10).ok_or(ZipError::Damaged)?,
        at: u32_at(zip, eocd + 16).ok_or(ZipError::Damaged)?,
    })
}

/// The central directory's entries ([`entries`]); a damaged one ends them with an error.
pub struct Entries<'a> {
    zip: &'a [u8],
    left: usize,
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
        let (zip, at) = (self.zip, self.at);
        if !zip.get(at..).is_some_and(|b| b.starts_with(b"PK\x01\x02")) {
            return Err(ZipError::Damaged);
        }
        let field = |off: usize| u16_at(zip, at + off).ok_or(ZipError::Damaged);
        let flags = field(8)?;
        let method = field(10)?;
        let compressed = u32_at(zip, at + 20).ok_or(ZipError::Damaged)?;
        let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
        let local = u32_at(zip, at + 42).ok_or(ZipError::Damaged)?;
        let name = zip
            .get(at + 46..at + 46 + name_len)
            .ok_or(ZipError::Damaged)?;
        self.at = at + 46 + name_len + extra_len + comment_len;
        Ok(Entry {
            name: name.to_vec(),
            utf8: flags & 0x0800 != 0,
            method,
            compressed,
            local,
        })
    }
}

/// The bytes of `entry`, inflated; more than `limit` bytes is [`ZipError::TooLarge`].
pub fn read(zip: &[u8], entry: &Entry, limit: usize) -> Result<Vec<u8>, ZipError> {
    let local = entry.local;
    if !zip
        .get(local..)
        .is_some_and(|b| b.starts_with(b"PK\x03\x04"))
    {
        return Err(ZipError::Damaged);
    }
    let data_start = local
        + 30
        + u16_at(zip, local + 26).ok_or(ZipError::Damaged)?
        + u16_at(zip, local + 28).ok_or(ZipError::Damaged)?;
    let end = data_start
        .checked_add(entry.compressed)
        .ok_or(ZipError::Damaged)?;
    let data = zip.get(data_start..end).ok_or(ZipError::Damaged)?;
    match entry.method {
        0 if data.len() <= limit => Ok(data.to_vec()),
        0 => Err(ZipError::TooLarge),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, limit).map_err(|e| {
            match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooLarge,
                _ => ZipError::Damaged,
            }
        }),
        _ => Err(ZipError::Damaged),
    }
}
