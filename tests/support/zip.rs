//! Test support: a minimal zip writer, for .docx fixtures (shared with the unit tests
//! of `src/decode/docx.rs`).

#![allow(dead_code)]

/// A minimal zip archive holding `files` (deflated), for tests.
pub fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let raw: Vec<(&[u8], &[u8])> = files.iter().map(|(n, d)| (n.as_bytes(), *d)).collect();
    zip_raw(&raw)
}

/// The same with names given as stored (a Chinese Windows archiver writes them in GBK,
/// without the UTF-8 flag).
pub fn zip_raw(files: &[(&[u8], &[u8])]) -> Vec<u8> {
    let entries: Vec<Stored> = files
        .iter()
        .map(|(name, data)| Stored::deflated(name, data))
        .collect();
    write(&entries, Options::default())
}

/// One entry as the writer stores it.
#[derive(Clone)]
pub struct Stored {
    pub name: Vec<u8>,
    /// The bytes as stored (deflated unless `method` says otherwise).
    pub data: Vec<u8>,
    pub size: u32,
    pub flags: u16,
    pub method: u16,
}

impl Stored {
    /// `data` deflated under `name`.
    pub fn deflated(name: &[u8], data: &[u8]) -> Stored {
        Stored {
            name: name.to_vec(),
            data: miniz_oxide::deflate::compress_to_vec(data, 6),
            size: data.len() as u32,
            flags: 0,
            method: 8,
        }
    }
}

/// How the archive is written.
#[derive(Default, Clone, Copy)]
pub struct Options {
    /// Written as ZIP64: the end record's counts all ones, the real ones in a ZIP64
    /// end of central directory (as archivers do past 65,535 entries).
    pub zip64: bool,
    /// Every central directory record is written this many times over (a crafted
    /// archive: many records pointing at one entry).
    pub repeat_records: usize,
}

/// An archive of `entries` as `options` say.
pub fn write(entries: &[Stored], options: Options) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut records = 0u64;
    for e in entries {
        let local = out.len() as u32;
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&e.flags.to_le_bytes());
            h.extend_from_slice(&e.method.to_le_bytes());
            h.extend_from_slice(&[0; 8]); // time, date, crc (not checked)
            h.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            h.extend_from_slice(&e.size.to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
                h.extend_from_slice(&[0; 4]); // external attributes
                h.extend_from_slice(&local.to_le_bytes());
            }
            h.extend_from_slice(&e.name);
            h
        };
        out.extend(header(b"PK\x03\x04", false));
        out.extend(&e.data);
        for _ in 0..options.repeat_records.max(1) {
            central.extend(header(b"PK\x01\x02", true));
            records += 1;
        }
    }
    let cd_start = out.len() as u64;
    out.extend(&central);
    if options.zip64 {
        let record = out.len() as u64;
        out.extend_from_slice(b"PK\x06\x06");
        out.extend_from_slice(&44u64.to_le_bytes()); // size of the rest
        out.extend_from_slice(&[45, 0, 45, 0]); // versions
        out.extend_from_slice(&[0; 8]); // disks
        out.extend_from_slice(&records.to_le_bytes());
        out.extend_from_slice(&records.to_le_bytes());
        out.extend_from_slice(&(central.len() as u64).to_le_bytes());
        out.extend_from_slice(&cd_start.to_le_bytes());
        out.extend_from_slice(b"PK\x06\x07\0\0\0\0");
        out.extend_from_slice(&record.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
    }
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let count = if options.zip64 {
        0xFFFF
    } else {
        records as u16
    };
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    let at = if options.zip64 {
        u32::MAX
    } else {
        cd_start as u32
    };
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}
