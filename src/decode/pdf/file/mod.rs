//! The file structure (ISO 32000-1 §7.5): cross-reference tables and streams, object
//! streams, and the chain of a stream's filters (each filter in `filters.rs`).
//!
//! When the cross-reference data is missing or wrong (a truncated download, a file
//! edited by hand), the objects are found by scanning the file for `n g obj`, as
//! viewers do.

use super::crypt::Decryptor;
use super::filters::{ascii85, bounded, inflate, lzw, predict, run_length};
use super::syntax::{is_space, Dict, Lexer, Obj};
use super::PdfError;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

mod xref;

/// The most bytes one stream may decompress to.
pub const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// The most bytes all streams together may decode to, every use of a stream counted
/// (a page listing one stream 200 times, a form drawn again and again): a report's
/// PDF decodes to a few MB.
pub const MAX_TOTAL_BYTES: usize = 96 * 1024 * 1024;

/// `trailer` dictionaries tried when the file is rebuilt, from the last.
const MAX_TRAILERS_TRIED: usize = 8;

/// Filters applied to one stream at most (a real file chains two).
const MAX_FILTERS: usize = 8;

/// How many references are followed in a chain (`1 0 R` → `2 0 R` → …).
const MAX_REF_CHAIN: usize = 32;

#[derive(Debug, Clone, Copy)]
enum Entry {
    /// At this byte offset.
    Offset(usize),
    /// The `index`-th object of object stream `stream`.
    InStream { stream: u32, index: usize },
}

/// An indirect object as stored: a plain object, or a stream's dictionary with the
/// range of its raw data in the file (or in an owned buffer, never: streams cannot
/// be inside object streams).
#[derive(Debug, Clone)]
pub enum Stored {
    Plain(Obj),
    Stream {
        dict: Dict,
        data: std::ops::Range<usize>,
        /// The stream's object number and generation (its decryption key).
        id: (u32, u16),
    },
}

/// An opened PDF file.
pub struct PdfFile<'a> {
    data: &'a [u8],
    xref: RefCell<HashMap<u32, Entry>>,
    pub trailer: Dict,
    cache: RefCell<HashMap<u32, Rc<Stored>>>,
    loading: RefCell<Vec<u32>>,
    objstm_cache: RefCell<HashMap<u32, Rc<Vec<Obj>>>>,
    rebuilt: Cell<bool>,
    inflated: Cell<usize>,
    /// Whether a stream was refused for decompressing beyond the limits.
    pub too_large: Cell<bool>,
    /// Bytes decoded by all filters of all streams, every use counted (the work done;
    /// the budget spent is `inflated`).
    pub decoded: Cell<usize>,
    /// Where every `endstream` keyword is, for streams whose length is wrong.
    endstreams: std::cell::OnceCell<Vec<usize>>,
    /// The decryptor of an encrypted file.
    crypt: Option<Decryptor>,
}

impl<'a> PdfFile<'a> {
    /// Opens a file: reads its cross-reference data, or rebuilds it by scanning.
    pub fn open(data: &'a [u8]) -> Result<Self, PdfError> {
        let mut file = PdfFile {
            data,
            xref: RefCell::new(HashMap::new()),
            trailer: Dict::default(),
            cache: RefCell::new(HashMap::new()),
            loading: RefCell::new(Vec::new()),
            objstm_cache: RefCell::new(HashMap::new()),
            rebuilt: Cell::new(false),
            inflated: Cell::new(0),
            too_large: Cell::new(false),
            endstreams: std::cell::OnceCell::new(),
            decoded: Cell::new(0),
            crypt: None,
        };
        let read = file.read_xref_chain();
        if read.is_none() || file.trailer.get(b"Root").is_none() {
            file.rebuild();
        }
        if let Some(encrypt) = file.trailer.get(b"Encrypt").cloned() {
            let Obj::Dict(encrypt) = file.resolve(&encrypt) else {
                return Err(PdfError::Encrypted);
            };
            let id0 = match file.get(&file.trailer, b"ID") {
                Obj::Array(ids) => match ids.first() {
                    Some(Obj::Str(s)) => s.clone(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            file.crypt = Some(Decryptor::open(&encrypt, &id0)?);
        }
        if file.trailer.get(b"Root").is_none() {
            return Err(PdfError::Damaged);
        }
        Ok(file)
    }

    /// Parses `n g obj … endobj` at `at`; the object number and the object.
    fn parse_at(&self, at: usize) -> Option<(u32, Stored)> {
        let mut lx = Lexer::new(self.data, at);
        let num = lx.next()?.as_i64()?;
        let gen = lx.next()?.as_i64()?.clamp(0, 65_535) as u16;
        if lx.next()? != Obj::Keyword(b"obj".to_vec()) {
            return None;
        }
        let obj = lx.next()?;
        let is_stream = matches!(lx.next(), Some(Obj::Keyword(ref k)) if k == b"stream");
        let Obj::Dict(dict) = obj else {
            return Some((num as u32, Stored::Plain(obj)));
        };
        if !is_stream {
            return Some((num as u32, Stored::Plain(Obj::Dict(dict))));
        }
        // Data starts after the EOL that follows `stream`.
        let mut start = lx.pos;
        if self.data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = match dict.get(b"Length") {
            Some(Obj::Ref(n, _)) => self.resolve_plain(*n).and_then(|o| o.as_i64()),
            Some(o) => o.as_i64(),
            None => None,
        };
        let end = declared
            .map(|l| start.saturating_add(l.max(0) as usize))
            .filter(|&e| {
                e <= self.data.len() && {
                    let mut k = e;
                    while self.data.get(k).is_some_and(|&b| is_space(b)) {
                        k += 1;
                    }
                    self.data[k..].starts_with(b"endstream")
                }
            })
            .or_else(|| {
                // A wrong or missing length: the data ends at the next `endstream`
                // (found in an index of them all, built once: searching the rest of
                // the file for each stream is quadratic when they are missing).
                let ends = self
                    .endstreams
                    .get_or_init(|| find_all(self.data, b"endstream"));
                let e = *ends.get(ends.partition_point(|&p| p < start))?;
                let mut e2 = e;
                while e2 > start && matches!(self.data[e2 - 1], b'\r' | b'\n') {
                    e2 -= 1;
                }
                Some(e2)
            })
            .unwrap_or(self.data.len());
        Some((
            num as u32,
            Stored::Stream {
                dict,
                data: start..end,
                id: (num as u32, gen),
            },
        ))
    }

    /// A `/Length` held in another object (it is a plain integer).
    fn resolve_plain(&self, num: u32) -> Option<Obj> {
        match self.stored(num).as_deref() {
            Some(Stored::Plain(o)) => Some(o.clone()),
            _ => None,
        }
    }

    /// Object `num` as stored, from the cache.
    pub fn stored(&self, num: u32) -> Option<Rc<Stored>> {
        if let Some(s) = self.cache.borrow().get(&num) {
            return Some(s.clone());
        }
        // A `/Length` that refers to its own stream, or object streams that contain
        // each other, would loop: an object being loaded is not there yet.
        if self.loading.borrow().contains(&num) || self.loading.borrow().len() > 16 {
            return None;
        }
        self.loading.borrow_mut().push(num);
        let stored = self.load(num);
        self.loading.borrow_mut().pop();
        let rc = Rc::new(stored?);
        self.cache.borrow_mut().insert(num, rc.clone());
        Some(rc)
    }

    fn load(&self, num: u32) -> Option<Stored> {
        let entry = *self.xref.borrow().get(&num)?;
        match entry {
            Entry::Offset(at) => match self.parse_at(at) {
                Some((n, s)) if n == num => Some(s),
                _ if !self.rebuilt.get() => {
                    // A wrong offset: rescan the file once, then try again.
                    self.rebuild_xref();
                    self.load(num)
                }
                _ => None,
            },
            Entry::InStream { stream, index } => {
                let objs = self.objstm(stream)?;
                Some(Stored::Plain(objs.get(index)?.clone()))
            }
        }
    }

    fn objstm_numbers(&self, stream: u32) -> Option<Vec<u32>> {
        let stored = self.stored(stream)?;
        let Stored::Stream { dict, data, id } = &*stored else {
            return None;
        };
        let bytes = self.stream_bytes(*id, dict, data.clone()).ok()?;
        let n = dict.get(b"N")?.as_i64()?.clamp(0, 1_000_000);
        let mut lx = Lexer::content(&bytes);
        let mut nums = Vec::new();
        for _ in 0..n {
            nums.push(lx.next()?.as_i64()? as u32);
            lx.next()?;
        }
        Some(nums)
    }

    /// The objects of an object stream, in order.
    fn objstm(&self, stream: u32) -> Option<Rc<Vec<Obj>>> {
        if let Some(o) = self.objstm_cache.borrow().get(&stream) {
            return Some(o.clone());
        }
        let stored = self.stored(stream)?;
        let Stored::Stream { dict, data, id } = &*stored else {
            return None;
        };
        let bytes = self.stream_bytes(*id, dict, data.clone()).ok()?;
        let n = dict.get(b"N")?.as_i64()?.clamp(0, 1_000_000) as usize;
        let first = dict.get(b"First")?.as_i64()?.max(0) as usize;
        let mut header = Lexer::content(&bytes);
        let mut offsets = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let _num = header.next()?;
            offsets.push(header.next()?.as_i64()?.max(0) as usize);
        }
        let objs: Vec<Obj> = offsets
            .iter()
            .map(|&off| {
                Lexer::new(&bytes, first.saturating_add(off).min(bytes.len()))
                    .next()
                    .unwrap_or(Obj::Null)
            })
            .collect();
        let rc = Rc::new(objs);
        self.objstm_cache.borrow_mut().insert(stream, rc.clone());
        Some(rc)
    }

    /// Follows references to a plain object (a stream gives its dictionary).
    pub fn resolve(&self, obj: &Obj) -> Obj {
        let mut cur = obj.clone();
        for _ in 0..MAX_REF_CHAIN {
            let Obj::Ref(n, _) = cur else {
                return cur;
            };
            cur = match self.stored(n).as_deref() {
                Some(Stored::Plain(o)) => o.clone(),
                Some(Stored::Stream { dict, .. }) => Obj::Dict(dict.clone()),
                None => Obj::Null,
            };
        }
        Obj::Null
    }

    /// `dict[key]`, references followed.
    pub fn get(&self, dict: &Dict, key: &[u8]) -> Obj {
        dict.get(key).map_or(Obj::Null, |o| self.resolve(o))
    }

    /// The decoded data of the stream `obj` refers to (`None` if it is not a stream).
    pub fn stream(&self, obj: &Obj) -> Option<(Dict, Vec<u8>)> {
        let mut cur = obj.clone();
        for _ in 0..MAX_REF_CHAIN {
            let Obj::Ref(n, _) = cur else { return None };
            match self.stored(n).as_deref()? {
                Stored::Stream { dict, data, id } => {
                    let bytes = self.stream_bytes(*id, dict, data.clone()).ok()?;
                    return Some((dict.clone(), bytes));
                }
                Stored::Plain(o) => cur = o.clone(),
            }
        }
        None
    }

    /// The data of an image stream `obj` refers to, decoded up to its image codec: the
    /// codec's name (`DCTDecode`, `CCITTFaxDecode`, `JBIG2Decode`, `JPXDecode`) and its
    /// encoded bytes, or no codec and the samples themselves (`FlateDecode` and the
    /// like). A scan's page is such an image.
    pub fn image_stream(&self, obj: &Obj) -> Option<(Dict, Vec<u8>, Option<Vec<u8>>)> {
        let mut cur = obj.clone();
        for _ in 0..MAX_REF_CHAIN {
            let Obj::Ref(n, _) = cur else { return None };
            match self.stored(n).as_deref()? {
                Stored::Stream { dict, data, id } => {
                    let codec_of = |o: &Obj| {
                        let name = self.resolve(o).as_name()?.to_vec();
                        IMAGE_CODECS
                            .iter()
                            .find(|(short, long)| name == *short || name == *long)
                            .map(|(_, long)| long.to_vec())
                    };
                    let (codec, rest) = match self.get(dict, b"Filter") {
                        Obj::Name(n) => match codec_of(&Obj::Name(n.clone())) {
                            Some(c) => (Some(c), Obj::Null),
                            None => (None, Obj::Name(n)),
                        },
                        Obj::Array(a) => match a.last().and_then(codec_of) {
                            Some(c) => (Some(c), Obj::Array(a[..a.len() - 1].to_vec())),
                            None => (None, Obj::Array(a)),
                        },
                        _ => (None, Obj::Null),
                    };
                    // The filters before the codec decode as any stream's.
                    let mut plain = Dict(
                        dict.0
                            .iter()
                            .filter(|(k, _)| k != b"Filter" && k != b"F")
                            .cloned()
                            .collect(),
                    );
                    if !matches!(rest, Obj::Null) {
                        plain.0.push((b"Filter".to_vec(), rest));
                    }
                    let bytes = self.stream_bytes(*id, &plain, data.clone()).ok()?;
                    return Some((dict.clone(), bytes, codec));
                }
                Stored::Plain(o) => cur = o.clone(),
            }
        }
        None
    }

    /// A stream's data, decrypted (in an encrypted file) and decoded.
    fn stream_bytes(
        &self,
        (num, gen): (u32, u16),
        dict: &Dict,
        data: std::ops::Range<usize>,
    ) -> Result<Vec<u8>, PdfError> {
        let raw = &self.data[data];
        match &self.crypt {
            // Cross-reference streams are never encrypted.
            Some(c) if dict.get(b"Type").and_then(Obj::as_name) != Some(b"XRef") => {
                self.decode(dict, &c.stream(num, gen, raw))
            }
            _ => self.decode(dict, raw),
        }
    }

    /// Applies a stream's filters.
    pub fn decode(&self, dict: &Dict, raw: &[u8]) -> Result<Vec<u8>, PdfError> {
        let filters: Vec<Vec<u8>> = match self.get(dict, b"Filter") {
            Obj::Name(n) => vec![n],
            Obj::Array(a) => a
                .iter()
                .filter_map(|o| self.resolve(o).as_name().map(<[u8]>::to_vec))
                .collect(),
            _ => Vec::new(),
        };
        let params: Vec<Obj> = match self.get(dict, b"DecodeParms") {
            Obj::Array(a) => a.iter().map(|o| self.resolve(o)).collect(),
            o => vec![o],
        };
        // Every filter's output counts against one budget, so that chained filters
        // (RunLength six times over) and streams used many times stop at it.
        let limit = || MAX_STREAM_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.inflated.get()));
        let spend = |out: Result<Vec<u8>, PdfError>| -> Result<Vec<u8>, PdfError> {
            let out = out.inspect_err(|e| {
                if *e == PdfError::TooLarge {
                    // The budget is spent: every later stream stops at once rather
                    // than decoding up to the rest of it again.
                    self.too_large.set(true);
                    self.inflated.set(MAX_TOTAL_BYTES);
                }
            })?;
            self.inflated.set(self.inflated.get() + out.len());
            self.decoded.set(self.decoded.get() + out.len());
            Ok(out)
        };
        let mut data = spend(bounded(raw.to_vec(), limit()))?;
        for (i, f) in filters.iter().enumerate().take(MAX_FILTERS) {
            let parm = params.get(i).and_then(Obj::as_dict);
            data = match f.as_slice() {
                b"FlateDecode" | b"Fl" => predict(spend(inflate(&data, limit()))?, parm),
                b"ASCIIHexDecode" | b"AHx" => Lexer::content(&[&[b'<'][..], &data].concat())
                    .next()
                    .and_then(|o| match o {
                        Obj::Str(s) => Some(s),
                        _ => None,
                    })
                    .unwrap_or_default(),
                b"ASCII85Decode" | b"A85" => spend(bounded(ascii85(&data), limit()))?,
                b"LZWDecode" | b"LZW" => {
                    let early = parm
                        .and_then(|p| p.get(b"EarlyChange"))
                        .and_then(Obj::as_i64)
                        .unwrap_or(1);
                    predict(spend(lzw(&data, early != 0, limit()))?, parm)
                }
                b"RunLengthDecode" | b"RL" => spend(run_length(&data, limit()))?,
                // Image codecs: no text in them.
                _ => return Err(PdfError::Unsupported),
            };
        }
        Ok(data)
    }
}

/// The image codecs a stream's last filter may be, by short and full name.
const IMAGE_CODECS: [(&[u8], &[u8]); 4] = [
    (b"DCT", b"DCTDecode"),
    (b"CCF", b"CCITTFaxDecode"),
    (b"JBIG2Decode", b"JBIG2Decode"),
    (b"JPXDecode", b"JPXDecode"),
];

/// Every position of `needle` in `hay`, in order (one pass).
fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = find(&hay[i..], needle) {
        out.push(i + p);
        i += p + needle.len();
    }
    out
}

/// The first position of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// For an `obj` keyword at `at`, the `n g` before it: the object number and where the
/// header starts.
fn obj_header_before(data: &[u8], at: usize) -> Option<(u32, usize)> {
    // `obj` must stand alone: not `endobj`, not part of a longer word.
    if at == 0 || !is_space(data[at - 1]) {
        return None;
    }
    if data.get(at + 3).is_some_and(|&b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let mut i = at;
    let skip_back = |i: &mut usize, pred: fn(u8) -> bool| -> usize {
        let end = *i;
        while *i > 0 && pred(data[*i - 1]) {
            *i -= 1;
        }
        end - *i
    };
    skip_back(&mut i, is_space);
    if skip_back(&mut i, |b| b.is_ascii_digit()) == 0 {
        return None;
    }
    if skip_back(&mut i, is_space) == 0 {
        return None;
    }
    let num_end = i;
    if skip_back(&mut i, |b| b.is_ascii_digit()) == 0 {
        return None;
    }
    let num: u32 = std::str::from_utf8(&data[i..num_end]).ok()?.parse().ok()?;
    Some((num, i))
}
