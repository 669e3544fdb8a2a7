//! Stage 1 of the pipeline: bytes to text.
//!
//! Reports arrive as UTF-8 (with or without a byte-order mark), as GB18030/GBK from
//! Word's "save as text" on a Chinese Windows, or as UTF-16 from some editors. Text
//! dumps made by tools that cut multi-byte characters in half (html2text does) are
//! UTF-8 with a few broken sequences: they must stay UTF-8, not be read as GBK.

pub mod archive;
pub mod docx;
pub mod html;
mod input;
pub mod pdf;
#[cfg(not(target_arch = "wasm32"))]
pub mod scan;
pub mod zip;

/// The tests' zip writer (tests/support/zip.rs), for the unit tests of the readers
/// of .docx files and archives.
#[cfg(test)]
#[path = "../../tests/support/zip.rs"]
mod zip_writer;

pub use input::{html_within_bounds, read_input, text_within_bounds, InputError, MAX_INPUT_BYTES};

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// Pads the rows of a table (the lines at `rows`, cells separated by tabs) with empty
/// fields to `width` fields each, so that every row of the table is as wide as the
/// table: the table reader takes that as the sign that a field's position is its grid
/// column (`tables::layout::Layout::uniform_grid`). Used by the HTML and .docx readers.
fn pad_table_rows(lines: &mut [String], rows: &[usize], width: usize) {
    for &i in rows {
        if let Some(line) = lines.get_mut(i) {
            let fields = line.matches('\t').count() + 1;
            line.extend(std::iter::repeat_n('\t', width.saturating_sub(fields)));
        }
    }
}

/// Text decoded from the input bytes, with the name of the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text, without a byte-order mark. Line breaks are as in the input.
    pub text: String,
    /// `utf-8`, `gb18030`, `utf-16le` or `utf-16be`.
    pub encoding: &'static str,
    /// Byte sequences that were not valid in that encoding, each read as `�`.
    pub damaged: usize,
}

/// Why bytes could not be read as a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The input holds no bytes at all.
    Empty,
    /// The bytes are not text in any supported encoding (an image, an archive, …).
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("输入为空"),
            DecodeError::Binary => {
                f.write_str("输入不是文本（可能是图片、压缩包或其他二进制文件）")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes report bytes, detecting the encoding.
///
/// Order of evidence: a byte-order mark; valid UTF-8; an HTML page's declared charset;
/// UTF-16 recognised by its zero bytes; UTF-8 with only a few damaged sequences;
/// GB18030 when it decodes cleanly.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        // A BOM says the encoding, not that what follows is text: checked all the same.
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return check_text(text.into_owned(), name(enc));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_owned(), "utf-8");
    }
    // The bytes decide; an HTML page's declared charset only where they cannot (a
    // declaration copied from an old template is often stale): a page declaring GBK
    // that decodes as GB18030 is GB18030; one declaring UTF-8 that is not UTF-8 is
    // read by its bytes below.
    if bytes.iter().take(256).any(|b| *b == b'<') {
        if let Some(enc) = html::declared_charset(bytes) {
            if matches!(enc.name(), "GBK" | "gb18030") {
                let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
                if !had_errors {
                    return check_text(text.into_owned(), "gb18030");
                }
            }
        }
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return check_text(text.into_owned(), name(enc));
    }
    let (good, bad) = utf8_sequence_counts(bytes);
    if good > 0 && bad * 20 <= good {
        return check_text(String::from_utf8_lossy(bytes).into_owned(), "utf-8")
            .map(|d| Decoded { damaged: bad, ..d });
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if !had_errors {
        return check_text(text.into_owned(), "gb18030");
    }
    // Damaged GB18030 (a bad byte, a character cut in half at the end) is read like
    // damaged UTF-8: with replacement characters, counted, when they are few.
    let damaged = text.matches('\u{FFFD}').count();
    let chars = text.chars().filter(|c| !c.is_ascii()).count();
    // Only where the bytes are not mostly UTF-8 (GBK bytes seldom form UTF-8
    // sequences; UTF-8 cut by a dump has many).
    if damaged * 20 <= chars && chars > 0 && good <= bad {
        return check_text(text.into_owned(), "gb18030").map(|d| Decoded { damaged, ..d });
    }
    if good > bad {
        return check_text(String::from_utf8_lossy(bytes).into_owned(), "utf-8")
            .map(|d| Decoded { damaged: bad, ..d });
    }
    Err(DecodeError::Binary)
}

fn name(enc: &'static Encoding) -> &'static str {
    if enc == UTF_16LE {
        "utf-16le"
    } else if enc == UTF_16BE {
        "utf-16be"
    } else if enc == GB18030 {
        "gb18030"
    } else {
        "utf-8"
    }
}

/// Rejects decoded "text" that is mostly control characters: a binary file that
/// happened to decode.
fn check_text(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) || c == '\u{FFFD}' {
            control += 1;
        }
    }
    if total > 0 && control * 10 > total {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding,
        damaged: 0,
    })
}

/// UTF-16 without a BOM: Chinese text in UTF-16 has no zero bytes, but its line
/// breaks, digits and ASCII punctuation do, always on the same side of each pair.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_zero += 1
            } else {
                odd_zero += 1
            }
        }
    }
    let pairs = sample.len() / 2;
    // Some ideographs have a zero byte too (开 is U+5F00), so one side only dominates.
    if odd_zero * 10 > pairs && even_zero * 3 < odd_zero {
        Some(UTF_16LE)
    } else if even_zero * 10 > pairs && odd_zero * 3 < even_zero {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Counts well-formed multi-byte UTF-8 sequences and malformed ones.
fn utf8_sequence_counts(bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                // SAFETY-free: valid_up_to guarantees this prefix is UTF-8.
                good += std::str::from_utf8(valid)
                    .map(|s| s.chars().filter(|c| c.len_utf8() > 1).count())
                    .unwrap_or(0);
                bad += 1;
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                rest = &rest[e.valid_up_to() + skip.max(1)..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("一、总体情况".as_bytes()).unwrap().encoding, "utf-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("一、总体情况".as_bytes());
        let d = decode(&b).unwrap();
        assert_eq!(d.text, "一、总体情况");
        assert_eq!(d.encoding, "utf-8");
    }

    #[test]
    fn gb18030() {
        let (bytes, _, _) = GB18030.encode("二、主动公开政府信息情况\n规章\t0\t0\t0\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("二、主动公开政府信息情况"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "三、收到和处理政府信息公开申请情况\n总计 12\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&le).unwrap().encoding, "utf-16le");
        assert_eq!(decode(&be).unwrap().encoding, "utf-16be");
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        assert_eq!(decode(&bom).unwrap().text, text);
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut b = "政府信息公开工作年度报告规章行政许可"
            .repeat(10)
            .into_bytes();
        b.truncate(b.len() - 1); // cut the last character in half
        assert_eq!(decode(&b).unwrap().encoding, "utf-8");
    }

    #[test]
    fn html_declared_charset_decides_only_for_non_utf8() {
        let page = "<html><head><meta charset=\"gb2312\"></head><body><p>二、主动公开政府信息情况</p></body></html>";
        let (gbk, _, _) = GB18030.encode(page);
        let d = decode(&gbk).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.contains("主动公开"));
        let d = decode(page.as_bytes()).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.contains("主动公开"));
    }

    #[test]
    fn binary_is_refused() {
        let png = [
            0x89u8, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44,
            0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0,
        ];
        assert_eq!(decode(&png), Err(DecodeError::Binary));
        assert_eq!(decode(&[]), Err(DecodeError::Empty));
    }
}
