//! CMaps (ISO 32000-1 §9.7.5, §9.10.3): a font's codespace ranges, and what text or CID
//! each code stands for.

use crate::decode::pdf::syntax::{Lexer, Obj};
use std::collections::HashMap;

/// A CMap: codespace ranges and code → text (a `/ToUnicode`) or code → CID.
#[derive(Debug, Default)]
pub struct CMap {
    /// (byte length, low bytes, high bytes).
    pub(super) codespace: Vec<(usize, Vec<u8>, Vec<u8>)>,
    /// Single codes: (length, code) → text.
    chars: HashMap<(usize, u32), String>,
    /// Ranges: (length, low, high, first destination as UTF-16 units, or one text per code).
    ranges: Vec<(usize, u32, u32, RangeDst)>,
    /// code → CID (an encoding CMap).
    cids: HashMap<(usize, u32), u32>,
    cid_ranges: Vec<(usize, u32, u32, u32)>,
}

#[derive(Debug)]
enum RangeDst {
    Base(Vec<u16>),
    Each(Vec<String>),
}

pub(super) fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |v, &b| v << 8 | u32::from(b))
}

pub(super) fn utf16(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|c| u16::from(c[0]) << 8 | u16::from(*c.get(1).unwrap_or(&0)))
        .collect()
}

pub(super) fn text_of(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

impl CMap {
    /// Parses a CMap stream (only the operators text extraction needs).
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lx = Lexer::content(data);
        let mut ops: Vec<Obj> = Vec::new();
        let mut steps = 0usize;
        while let Some(o) = lx.next() {
            steps += 1;
            if steps > 2_000_000 {
                break;
            }
            let Obj::Keyword(k) = o else {
                ops.push(o);
                continue;
            };
            let strs = |o: &Obj| match o {
                Obj::Str(s) => Some(s.clone()),
                _ => None,
            };
            match k.as_slice() {
                b"endcodespacerange" => {
                    for p in ops.chunks_exact(2) {
                        if let (Some(lo), Some(hi)) = (strs(&p[0]), strs(&p[1])) {
                            if !lo.is_empty() && lo.len() == hi.len() && lo.len() <= 4 {
                                cmap.codespace.push((lo.len(), lo, hi));
                            }
                        }
                    }
                }
                b"endbfchar" => {
                    for p in ops.chunks_exact(2) {
                        let dst = strs(&p[1]).filter(|d| d.len() <= MAX_DST_BYTES);
                        if let (Some(src), Some(dst)) = (strs(&p[0]), dst) {
                            cmap.chars
                                .insert((src.len(), code_of(&src)), text_of(&utf16(&dst)));
                        }
                    }
                }
                b"endbfrange" => {
                    for p in ops.chunks_exact(3) {
                        let (Some(lo), Some(hi)) = (strs(&p[0]), strs(&p[1])) else {
                            continue;
                        };
                        let (l, h) = (code_of(&lo), code_of(&hi));
                        if h < l || h - l > 65_535 {
                            continue;
                        }
                        let dst = match &p[2] {
                            Obj::Str(s) if s.len() <= MAX_DST_BYTES => RangeDst::Base(utf16(s)),
                            Obj::Array(a) if a.len() as u32 <= h - l + 1 => RangeDst::Each(
                                a.iter()
                                    .map(|o| strs(o).map_or(String::new(), |s| text_of(&utf16(&s))))
                                    .collect(),
                            ),
                            _ => continue,
                        };
                        cmap.ranges.push((lo.len(), l, h, dst));
                    }
                }
                b"endcidchar" => {
                    for p in ops.chunks_exact(2) {
                        if let (Some(src), Some(cid)) = (strs(&p[0]), p[1].as_i64()) {
                            cmap.cids.insert((src.len(), code_of(&src)), cid as u32);
                        }
                    }
                }
                b"endcidrange" => {
                    for p in ops.chunks_exact(3) {
                        if let (Some(lo), Some(hi), Some(cid)) =
                            (strs(&p[0]), strs(&p[1]), p[2].as_i64())
                        {
                            cmap.cid_ranges.push((
                                lo.len(),
                                code_of(&lo),
                                code_of(&hi),
                                cid as u32,
                            ));
                        }
                    }
                }
                _ => {}
            }
            ops.clear();
        }
        // Sorted, for a binary search per glyph (a CMap of 600,000 ranges searched one
        // by one for every glyph took minutes). Stable: of overlapping ranges, the
        // first in the file still wins.
        cmap.ranges.sort_by_key(|r| (r.0, r.1));
        cmap.cid_ranges.sort_by_key(|r| (r.0, r.1));
        cmap
    }

    pub(super) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// The length of the code at the start of `bytes` by the codespace ranges.
    pub(super) fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        self.codespace
            .iter()
            .filter(|(len, lo, hi)| {
                bytes.len() >= *len && (0..*len).all(|i| lo[i] <= bytes[i] && bytes[i] <= hi[i])
            })
            .map(|(len, ..)| *len)
            .min()
    }

    /// The text for a code, if this CMap maps it.
    pub fn text(&self, len: usize, code: u32) -> Option<String> {
        if let Some(t) = self.chars.get(&(len, code)) {
            return Some(t.clone());
        }
        for (l, lo, hi, dst) in candidates(&self.ranges, len, code, |r| (r.0, r.1, r.2)) {
            if *l == len && *lo <= code && code <= *hi {
                let off = code - lo;
                return Some(match dst {
                    RangeDst::Base(units) => {
                        let mut u = units.clone();
                        if let Some(last) = u.last_mut() {
                            *last = last.wrapping_add(off as u16);
                        }
                        text_of(&u)
                    }
                    RangeDst::Each(texts) => texts.get(off as usize)?.clone(),
                });
            }
        }
        None
    }

    pub(super) fn cid(&self, len: usize, code: u32) -> Option<u32> {
        if let Some(&c) = self.cids.get(&(len, code)) {
            return Some(c);
        }
        candidates(&self.cid_ranges, len, code, |r| (r.0, r.1, r.2))
            .find(|(l, lo, hi, _)| *l == len && *lo <= code && code <= *hi)
            .map(|(_, lo, _, cid)| cid.wrapping_add(code - lo))
    }
}

/// A destination longer than this is no glyph's text (a ligature is a few units).
const MAX_DST_BYTES: usize = 64;

/// Ranges that may hold `code`, from ranges sorted by (length, low): those whose low
/// is at or below it, nearest first — a few, however many ranges the CMap has.
fn candidates<T>(
    ranges: &[T],
    len: usize,
    code: u32,
    key: impl Fn(&T) -> (usize, u32, u32),
) -> impl Iterator<Item = &T> {
    let end = ranges.partition_point(|r| {
        let (l, lo, _) = key(r);
        (l, lo) <= (len, code)
    });
    ranges[..end].iter().rev().take(8)
}
