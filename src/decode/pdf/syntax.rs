//! PDF's object syntax (ISO 32000-1 §7.2–7.3): the lexer shared by the file's objects
//! and by page content streams.
//!
//! It is lenient where real files are sloppy (a missing delimiter, a stray `)`), and
//! bounded where hostile files are deep: arrays and dictionaries nest at most
//! [`MAX_NESTING`] levels.

/// The deepest nesting of arrays and dictionaries parsed.
pub const MAX_NESTING: usize = 64;

/// A PDF object. Streams are kept apart ([`Stream`]), since only indirect objects can be
/// streams.
#[derive(Debug, Clone, PartialEq)]
pub enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    /// A name without its `/`, `#xx` escapes decoded.
    Name(Vec<u8>),
    /// A string's bytes, escapes decoded (literal or hex).
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// An indirect reference `n g R`.
    Ref(u32, u16),
    /// A bare keyword: an operator in a content stream (`Tj`, `BT`), or `stream`/`obj`.
    Keyword(Vec<u8>),
}

/// A dictionary, in file order (dictionaries are small; a vector beats a map).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    /// The value under `key` (no `/`), if present.
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Obj {
    /// The number, integer or real.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Obj::Int(i) => Some(i as f64),
            Obj::Real(r) => Some(r),
            _ => None,
        }
    }
    /// The integer (a real with no fraction counts: some writers print `12.0`).
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.fract() == 0.0 && r.abs() < 1e15 => Some(r as i64),
            _ => None,
        }
    }
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) => Some(d),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// PDF whitespace (§7.2.2).
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0')
}

/// PDF delimiters (§7.2.2).
pub fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

/// A cursor over PDF bytes.
pub struct Lexer<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
    /// Whether `n g R` makes a reference (in file objects, not in content streams).
    refs: bool,
}

impl<'a> Lexer<'a> {
    /// A lexer for file objects (references allowed).
    pub fn new(buf: &'a [u8], pos: usize) -> Self {
        Lexer {
            buf,
            pos,
            refs: true,
        }
    }

    /// A lexer for a content stream or a CMap (no references).
    pub fn content(buf: &'a [u8]) -> Self {
        Lexer {
            buf,
            pos: 0,
            refs: false,
        }
    }

    /// Skips whitespace and comments.
    pub fn skip_space(&mut self) {
        while let Some(&b) = self.buf.get(self.pos) {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(&b) = self.buf.get(self.pos) {
                    if b == b'\r' || b == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Reads the next object or keyword; `None` at the end or on a stray delimiter
    /// that starts nothing (which is skipped).
    pub fn next(&mut self) -> Option<Obj> {
        self.object(0)
    }

    fn object(&mut self, depth: usize) -> Option<Obj> {
        loop {
            self.skip_space();
            let b = *self.buf.get(self.pos)?;
            return Some(match b {
                b'/' => {
                    self.pos += 1;
                    Obj::Name(self.name())
                }
                b'(' => {
                    self.pos += 1;
                    Obj::Str(self.literal())
                }
                b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    if depth >= MAX_NESTING {
                        self.skip_nested(b"<<", b">>");
                        Obj::Null
                    } else {
                        Obj::Dict(self.dict(depth + 1))
                    }
                }
                b'<' => {
                    self.pos += 1;
                    Obj::Str(self.hex())
                }
                b'[' => {
                    self.pos += 1;
                    if depth >= MAX_NESTING {
                        self.skip_nested(b"[", b"]");
                        Obj::Null
                    } else {
                        Obj::Array(self.array(depth + 1))
                    }
                }
                b'+' | b'-' | b'.' | b'0'..=b'9' => self.number(),
                _ if is_regular(b) => {
                    let start = self.pos;
                    while self.buf.get(self.pos).is_some_and(|&b| is_regular(b)) {
                        self.pos += 1;
                    }
                    match &self.buf[start..self.pos] {
                        b"true" => Obj::Bool(true),
                        b"false" => Obj::Bool(false),
                        b"null" => Obj::Null,
                        k => Obj::Keyword(k.to_vec()),
                    }
                }
                _ => {
                    // A stray `)`, `>`, `]`, `}` or `{`: skip it and go on.
                    self.pos += 1;
                    continue;
                }
            });
        }
    }

    /// Skips a too-deep structure by counting its brackets.
    fn skip_nested(&mut self, open: &[u8], close: &[u8]) {
        let mut level = 1usize;
        while self.pos < self.buf.len() && level > 0 {
            let rest = &self.buf[self.pos..];
            if rest.starts_with(open) {
                level += 1;
                self.pos += open.len();
            } else if rest.starts_with(close) {
                level -= 1;
                self.pos += close.len();
            } else {
                self.pos += 1;
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(&b) = self.buf.get(self.pos) {
            if !is_regular(b) {
                break;
            }
            self.pos += 1;
            if b == b'#' {
                let hex = self
                    .buf
                    .get(self.pos..self.pos + 2)
                    .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
                if let Some(v) = hex {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut level = 1usize;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    level += 1;
                    out.push(b);
                }
                b')' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.buf.get(self.pos) {
            self.pos += 1;
            let v = match b {
                b'>' => break,
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    fn array(&mut self, depth: usize) -> Vec<Obj> {
        let mut out = Vec::new();
        loop {
            self.skip_space();
            match self.buf.get(self.pos) {
                None => break,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            match self.object(depth) {
                Some(o) => out.push(o),
                None => break,
            }
        }
        out
    }

    fn dict(&mut self, depth: usize) -> Dict {
        let mut out = Vec::new();
        loop {
            self.skip_space();
            match self.buf.get(self.pos) {
                None => break,
                Some(b'>') => {
                    self.pos += if self.buf.get(self.pos + 1) == Some(&b'>') {
                        2
                    } else {
                        1
                    };
                    break;
                }
                _ => {}
            }
            match self.object(depth) {
                Some(Obj::Name(key)) => {
                    // A key with no value before `>>` is dropped.
                    self.skip_space();
                    if self.buf.get(self.pos) == Some(&b'>') {
                        continue;
                    }
                    if let Some(value) = self.object(depth) {
                        out.push((key, value));
                    }
                }
                Some(Obj::Keyword(k)) if k == b"endobj" || k == b"stream" => {
                    // A dictionary not closed: stop before the keyword.
                    self.pos -= k.len();
                    break;
                }
                Some(_) => {}
                None => break,
            }
        }
        Dict(out)
    }

    fn number(&mut self) -> Obj {
        let start = self.pos;
        while self
            .buf
            .get(self.pos)
            .is_some_and(|&b| matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9'))
        {
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.buf[start..self.pos]).unwrap_or("0");
        let is_int = !text.contains('.');
        if is_int {
            if let Ok(i) = text.parse::<i64>() {
                if self.refs && i >= 0 {
                    if let Some(r) = self.reference(i) {
                        return r;
                    }
                }
                return Obj::Int(i);
            }
        }
        // Lenient: `--5`, `5-`, `1.2.3` read as far as they make sense.
        let cleaned: String = {
            let t = text.trim_start_matches(['+', '-']);
            let neg = text.len() - t.len() > 0 && text.starts_with('-');
            let mut seen_dot = false;
            let body: String = t
                .chars()
                .take_while(|&c| {
                    if c == '.' {
                        !std::mem::replace(&mut seen_dot, true)
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .collect();
            format!("{}{}", if neg { "-" } else { "" }, body)
        };
        match cleaned.parse::<f64>() {
            Ok(r) if is_int && r.abs() < 9e15 => Obj::Int(r as i64),
            Ok(r) => Obj::Real(r),
            Err(_) => Obj::Int(0),
        }
    }

    /// After an integer: `g R` makes a reference; otherwise the position is kept.
    fn reference(&mut self, num: i64) -> Option<Obj> {
        let save = self.pos;
        let back = |s: &mut Self| {
            s.pos = save;
            None
        };
        self.skip_space();
        let gstart = self.pos;
        while self.buf.get(self.pos).is_some_and(u8::is_ascii_digit) {
            self.pos += 1;
        }
        if self.pos == gstart || self.pos - gstart > 5 {
            return back(self);
        }
        let gen: u32 = std::str::from_utf8(&self.buf[gstart..self.pos])
            .ok()?
            .parse()
            .ok()?;
        self.skip_space();
        if self.buf.get(self.pos) == Some(&b'R')
            && self.buf.get(self.pos + 1).is_none_or(|&b| !is_regular(b))
            && num <= u32::MAX as i64
        {
            self.pos += 1;
            Some(Obj::Ref(num as u32, gen.min(u16::MAX as u32) as u16))
        } else {
            back(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(src: &[u8]) -> Vec<Obj> {
        let mut lx = Lexer::new(src, 0);
        std::iter::from_fn(|| lx.next()).collect()
    }

    #[test]
    fn objects() {
        let objs = all(b"<</Type/Page/Kids[1 0 R 2 0 R]/N -3.5/S(a\\(b\\)\\101)/H<4e 6>>> true");
        let Obj::Dict(d) = &objs[0] else {
            panic!("{objs:?}")
        };
        assert_eq!(d.get(b"Type"), Some(&Obj::Name(b"Page".to_vec())));
        assert_eq!(
            d.get(b"Kids"),
            Some(&Obj::Array(vec![Obj::Ref(1, 0), Obj::Ref(2, 0)]))
        );
        assert_eq!(d.get(b"N"), Some(&Obj::Real(-3.5)));
        assert_eq!(d.get(b"S"), Some(&Obj::Str(b"a(b)A".to_vec())));
        assert_eq!(d.get(b"H"), Some(&Obj::Str(vec![0x4e, 0x60])));
        assert_eq!(objs[1], Obj::Bool(true));
    }

    #[test]
    fn content_operators_are_keywords() {
        let mut lx = Lexer::content(b"BT /F1 12 Tf 1 0 0 RG [(A) -120 (B)] TJ ET");
        let objs: Vec<Obj> = std::iter::from_fn(|| lx.next()).collect();
        assert_eq!(objs[0], Obj::Keyword(b"BT".to_vec()));
        assert_eq!(objs[3], Obj::Keyword(b"Tf".to_vec()));
        assert_eq!(objs[7], Obj::Keyword(b"RG".to_vec()));
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let mut src = vec![b'['; 100_000];
        src.extend(vec![b']'; 100_000]);
        let objs = all(&src);
        assert_eq!(objs.len(), 1);
    }
}
