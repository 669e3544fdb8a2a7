//! Stream filters (ISO 32000-1 §7.4): Flate with its PNG/TIFF predictors, LZW,
//! RunLength and ASCII85, each bounded by the bytes it may still produce. (ASCIIHex is
//! read by the lexer as a hex string.) The file applies a stream's chain of them
//! under one budget (`PdfFile::decode`).

use super::syntax::{Dict, Obj};
use super::PdfError;

/// `data`, or `TooLarge` when it is longer than `limit`.
pub(super) fn bounded(data: Vec<u8>, limit: usize) -> Result<Vec<u8>, PdfError> {
    if data.len() > limit {
        Err(PdfError::TooLarge)
    } else {
        Ok(data)
    }
}

/// Inflates zlib data; a damaged tail keeps what came before it (viewers do the same).
pub(super) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, PdfError> {
    use miniz_oxide::inflate::{self, TINFLStatus};
    match inflate::decompress_to_vec_zlib_with_limit(data, limit) {
        Ok(v) => Ok(v),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(PdfError::TooLarge),
        Err(e) if !e.output.is_empty() => Ok(e.output),
        Err(_) => match inflate::decompress_to_vec_with_limit(data, limit) {
            // Some writers leave out the zlib header.
            Ok(v) => Ok(v),
            Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(PdfError::TooLarge),
            Err(e) => Ok(e.output),
        },
    }
}

/// PNG and TIFF predictors (§7.4.4.4), used by cross-reference streams.
pub(super) fn predict(data: Vec<u8>, parm: Option<&Dict>) -> Vec<u8> {
    let Some(p) = parm else { return data };
    let predictor = p.get(b"Predictor").and_then(Obj::as_i64).unwrap_or(1);
    if predictor < 10 {
        return data;
    }
    let colors = p
        .get(b"Colors")
        .and_then(Obj::as_i64)
        .unwrap_or(1)
        .clamp(1, 32) as usize;
    let bpc = p
        .get(b"BitsPerComponent")
        .and_then(Obj::as_i64)
        .unwrap_or(8)
        .clamp(1, 16) as usize;
    let columns = p
        .get(b"Columns")
        .and_then(Obj::as_i64)
        .unwrap_or(1)
        .clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let stride = (colors * bpc * columns).div_ceil(8);
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; stride];
    for row in data.chunks(stride + 1) {
        let (kind, src) = (row[0], &row[1..]);
        let mut cur = vec![0u8; stride];
        for i in 0..src.len() {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = src[i].wrapping_add(match kind {
                1 => a,
                2 => b,
                3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => 0,
            });
        }
        out.extend_from_slice(&cur[..src.len()]);
        prev = cur;
    }
    out
}

pub(super) fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = [0u32; 5];
    let mut n = 0;
    for &b in data {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group[n] = u32::from(b - b'!');
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |v, &d| v.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

pub(super) fn lzw(data: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<u8>> = (0..=255u8).map(|b| vec![b]).collect();
    table.push(Vec::new());
    table.push(Vec::new());
    let (mut bits, mut acc, mut nbits) = (9usize, 0u32, 0usize);
    let mut prev: Option<Vec<u8>> = None;
    for &b in data {
        acc = acc << 8 | u32::from(b);
        nbits += 8;
        while nbits >= bits {
            let code = ((acc >> (nbits - bits)) & ((1 << bits) - 1)) as usize;
            nbits -= bits;
            if code == 256 {
                table.truncate(258);
                bits = 9;
                prev = None;
                continue;
            }
            if out.len() > limit {
                return Err(PdfError::TooLarge);
            }
            if code == 257 {
                return Ok(out);
            }
            let entry = if code < table.len() {
                table[code].clone()
            } else if let Some(p) = &prev {
                let mut e = p.clone();
                e.push(p[0]);
                e
            } else {
                return Ok(out);
            };
            out.extend_from_slice(&entry);
            if let Some(p) = prev {
                let mut e = p;
                e.push(entry[0]);
                if table.len() < 4096 {
                    table.push(e);
                }
            }
            prev = Some(entry);
            let next = table.len() + usize::from(early);
            bits = if next >= 2048 {
                12
            } else if next >= 1024 {
                11
            } else if next >= 512 {
                10
            } else {
                9
            };
        }
    }
    bounded(out, limit)
}

pub(super) fn run_length(data: &[u8], limit: usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&len) = data.get(i) {
        i += 1;
        match len {
            128 => break,
            0..=127 => {
                let n = usize::from(len) + 1;
                out.extend_from_slice(&data[i..(i + n).min(data.len())]);
                i += n;
            }
            _ => {
                if let Some(&b) = data.get(i) {
                    out.extend(std::iter::repeat_n(b, 257 - usize::from(len)));
                }
                i += 1;
            }
        }
        if out.len() > limit {
            return Err(PdfError::TooLarge);
        }
    }
    Ok(out)
}
