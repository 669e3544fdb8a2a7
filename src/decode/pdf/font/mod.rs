//! Fonts (ISO 32000-1 §9.5–9.10): how the bytes of a shown string split into
//! character codes, what text each code stands for, and how far it advances.
//!
//! The text comes, in order of trust, from the font's `/ToUnicode` CMap (what Word,
//! WPS, LibreOffice and Acrobat write for CJK fonts), from a predefined Unicode or GBK
//! CMap (`UniGB-UCS2-H`, `GBK-EUC-H`: the code is the character), or from a simple
//! font's encoding and glyph names. A code none of these explain becomes U+FFFD, which
//! is never a digit, so it can never become a value.

use super::file::PdfFile;
use super::syntax::{Dict, Obj};
use std::collections::HashMap;

mod cmap;

pub use cmap::CMap;
use cmap::{code_of, text_of, utf16};

/// What a composite font's predefined CMap says about its codes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Predefined {
    /// `Identity-H`: two-byte codes that are CIDs; the text needs a `/ToUnicode`.
    Identity,
    /// `Uni…-UCS2-H`, `Uni…-UTF16-H`: the codes are UTF-16.
    Utf16,
    /// `GBK-EUC-H` and relatives: the codes are GBK.
    Gbk,
    /// `Uni…-UTF8-H`: the codes are UTF-8.
    Utf8,
}

/// A font, ready to decode shown strings.
pub struct Font {
    composite: bool,
    predefined: Predefined,
    encoding_cmap: Option<CMap>,
    to_unicode: Option<CMap>,
    /// Simple fonts: the text for each byte.
    simple: Box<[Option<char>; 256]>,
    /// Simple fonts: widths from `first_char`.
    widths: Vec<f64>,
    first_char: u32,
    /// Composite fonts: width per CID.
    cid_widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space → text space width scale (1/1000, or a Type 3 font's matrix).
    scale: f64,
}

/// One character code of a shown string.
pub struct Glyph {
    /// The text it stands for (may be empty, or several characters for a ligature).
    pub text: String,
    /// Its advance in text space units, before the font size.
    pub width: f64,
    /// Whether it is the single-byte code 32, which word spacing (`Tw`) applies to.
    pub is_space_code: bool,
}

impl Font {
    /// A font from its dictionary.
    pub fn load(file: &PdfFile, dict: &Dict) -> Font {
        let subtype = file.get(dict, b"Subtype");
        let composite = subtype.as_name() == Some(b"Type0");
        let to_unicode = file
            .stream(dict.get(b"ToUnicode").unwrap_or(&Obj::Null))
            .map(|(_, data)| CMap::parse(&data));
        let mut font = Font {
            composite,
            predefined: Predefined::Identity,
            encoding_cmap: None,
            to_unicode,
            simple: Box::new([None; 256]),
            widths: Vec::new(),
            first_char: 0,
            cid_widths: HashMap::new(),
            default_width: 1000.0,
            scale: 0.001,
        };
        if composite {
            font.load_composite(file, dict);
        } else {
            font.load_simple(file, dict, subtype.as_name() == Some(b"Type3"));
        }
        font
    }

    fn load_composite(&mut self, file: &PdfFile, dict: &Dict) {
        match dict.get(b"Encoding") {
            Some(Obj::Name(n)) => self.predefined = predefined(n),
            Some(o @ Obj::Ref(..)) => {
                if let Some((d, data)) = file.stream(o) {
                    let mut cmap = CMap::parse(&data);
                    if let Some(base) = file.get(&d, b"UseCMap").as_name() {
                        self.predefined = predefined(base);
                    }
                    if !cmap.has_codespace() {
                        cmap.codespace.push((2, vec![0, 0], vec![0xFF, 0xFF]));
                    }
                    self.encoding_cmap = Some(cmap);
                }
            }
            _ => {}
        }
        let descendant = match file.get(dict, b"DescendantFonts") {
            Obj::Array(a) => a.first().map(|o| file.resolve(o)),
            o @ Obj::Dict(_) => Some(o),
            _ => None,
        };
        let Some(Obj::Dict(cid_font)) = descendant else {
            return;
        };
        self.default_width = file.get(&cid_font, b"DW").as_f64().unwrap_or(1000.0);
        if let Obj::Array(w) = file.get(&cid_font, b"W") {
            let w: Vec<Obj> = w.iter().map(|o| file.resolve(o)).collect();
            let mut i = 0;
            while i + 1 < w.len() {
                let Some(first) = w[i].as_i64() else { break };
                match &w[i + 1] {
                    Obj::Array(ws) => {
                        for (k, wv) in ws.iter().enumerate().take(65_536) {
                            if let Some(v) = file.resolve(wv).as_f64() {
                                self.cid_widths.insert(first as u32 + k as u32, v);
                            }
                        }
                        i += 2;
                    }
                    o => {
                        let (Some(last), Some(v)) =
                            (o.as_i64(), w.get(i + 2).and_then(Obj::as_f64))
                        else {
                            break;
                        };
                        for c in first..=last.min(first + 65_535) {
                            self.cid_widths.insert(c as u32, v);
                        }
                        i += 3;
                    }
                }
            }
        }
    }

    fn load_simple(&mut self, file: &PdfFile, dict: &Dict, type3: bool) {
        // Base: WinAnsi for the printable range (Standard and WinAnsi agree on ASCII).
        for b in 32u8..=126 {
            self.simple[b as usize] = Some(b as char);
        }
        for b in 0xA0u32..=0xFF {
            self.simple[b as usize] = char::from_u32(b);
        }
        for (i, &c) in WIN_ANSI_80_9F.iter().enumerate() {
            if c != '\0' {
                self.simple[0x80 + i] = Some(c);
            }
        }
        if let Obj::Dict(enc) = file.get(dict, b"Encoding") {
            if let Obj::Array(diffs) = file.get(&enc, b"Differences") {
                let mut code = 0usize;
                for d in diffs.iter() {
                    match file.resolve(d) {
                        Obj::Int(c) => code = c.clamp(0, 255) as usize,
                        Obj::Name(n) => {
                            if code < 256 {
                                self.simple[code] = glyph_name_char(&n);
                            }
                            code += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
        self.first_char = file
            .get(dict, b"FirstChar")
            .as_i64()
            .unwrap_or(0)
            .clamp(0, 255) as u32;
        if let Obj::Array(ws) = file.get(dict, b"Widths") {
            self.widths = ws
                .iter()
                .take(256)
                .map(|o| file.resolve(o).as_f64().unwrap_or(0.0))
                .collect();
        }
        let descriptor = file.get(dict, b"FontDescriptor");
        self.default_width = descriptor
            .as_dict()
            .and_then(|d| file.get(d, b"MissingWidth").as_f64())
            .filter(|&w| w > 0.0)
            .unwrap_or(500.0);
        if type3 {
            if let Obj::Array(m) = file.get(dict, b"FontMatrix") {
                if let Some(a) = m.first().and_then(Obj::as_f64) {
                    self.scale = a;
                }
            }
        }
    }

    /// Splits a shown string into glyphs.
    pub fn glyphs(&self, bytes: &[u8]) -> Vec<Glyph> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = self.code_len(rest).clamp(1, rest.len().min(4));
            let code = code_of(&rest[..len]);
            let text = self.text(&rest[..len], len, code);
            let width = self.width(len, code, &text) * self.scale;
            out.push(Glyph {
                text,
                width,
                is_space_code: len == 1 && code == 32,
            });
            i += len;
        }
        out
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        if let Some(l) = self.encoding_cmap.as_ref().and_then(|c| c.code_len(bytes)) {
            return l;
        }
        if !self.composite {
            return 1;
        }
        match self.predefined {
            Predefined::Gbk => {
                if (0x81..=0xFE).contains(&bytes[0]) {
                    2
                } else {
                    1
                }
            }
            Predefined::Utf8 => match bytes[0] {
                0xF0.. => 4,
                0xE0.. => 3,
                0xC0.. => 2,
                _ => 1,
            },
            Predefined::Utf16 if (0xD8..0xDC).contains(&bytes[0]) => 4,
            _ => self
                .to_unicode
                .as_ref()
                .and_then(|c| c.code_len(bytes))
                .unwrap_or(2),
        }
    }

    fn text(&self, bytes: &[u8], len: usize, code: u32) -> String {
        if let Some(t) = self.to_unicode.as_ref().and_then(|c| c.text(len, code)) {
            return t;
        }
        if !self.composite {
            return self.simple[bytes[0] as usize].map_or(String::new(), String::from);
        }
        match self.predefined {
            Predefined::Utf16 => text_of(&utf16(bytes)),
            Predefined::Gbk => encoding_rs::GBK
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Predefined::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            Predefined::Identity => "\u{FFFD}".to_owned(),
        }
    }

    fn width(&self, len: usize, code: u32, text: &str) -> f64 {
        if !self.composite {
            return code
                .checked_sub(self.first_char)
                .and_then(|i| self.widths.get(i as usize))
                .copied()
                .filter(|&w| w > 0.0)
                .unwrap_or(self.default_width);
        }
        let cid = match (&self.encoding_cmap, self.predefined) {
            (Some(c), _) => c.cid(len, code),
            (None, Predefined::Identity) => Some(code),
            // A predefined CMap's CIDs need its table: half width for ASCII instead.
            _ => None,
        };
        match cid.and_then(|c| self.cid_widths.get(&c)) {
            Some(&w) => w,
            None if cid.is_none() && text.is_ascii() => 500.0,
            None => self.default_width,
        }
    }
}

fn predefined(name: &[u8]) -> Predefined {
    let n = String::from_utf8_lossy(name);
    if n.contains("UCS2") || n.contains("UTF16") {
        Predefined::Utf16
    } else if n.contains("UTF8") {
        Predefined::Utf8
    } else if n.starts_with("GB") && (n.contains("EUC") || n.contains("GBK")) {
        Predefined::Gbk
    } else {
        Predefined::Identity
    }
}

/// WinAnsiEncoding's 0x80–0x9F (§D.2); `\0` where it has no character.
const WIN_ANSI_80_9F: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// The character of a glyph name from a `/Differences` array: `uniXXXX`, `uXXXX`, a
/// single letter, or a name from the Adobe Glyph List's ASCII part.
fn glyph_name_char(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    if let Some(hex) = n.strip_prefix("uni").or_else(|| n.strip_prefix('u')) {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(&hex[..hex.len().min(6)], 16)
                .ok()
                .and_then(char::from_u32)
            {
                return Some(c);
            }
        }
    }
    if n.len() == 1 {
        return n.chars().next();
    }
    const DIGITS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    if let Some(d) = DIGITS.iter().position(|&d| d == n) {
        return char::from_digit(d as u32, 10);
    }
    Some(match n {
        "space" | "nbspace" => ' ',
        "exclam" => '!',
        "quotedbl" => '"',
        "numbersign" => '#',
        "dollar" => '$',
        "percent" => '%',
        "ampersand" => '&',
        "quotesingle" | "quoteright" => '\'',
        "parenleft" => '(',
        "parenright" => ')',
        "asterisk" => '*',
        "plus" => '+',
        "comma" => ',',
        "hyphen" | "minus" => '-',
        "period" => '.',
        "slash" => '/',
        "colon" => ':',
        "semicolon" => ';',
        "less" => '<',
        "equal" => '=',
        "greater" => '>',
        "question" => '?',
        "at" => '@',
        "bracketleft" => '[',
        "backslash" => '\\',
        "bracketright" => ']',
        "asciicircum" => '^',
        "underscore" => '_',
        "grave" | "quoteleft" => '`',
        "braceleft" => '{',
        "bar" => '|',
        "braceright" => '}',
        "asciitilde" => '~',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_cmap() {
        let cmap = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0011> <5E74> endbfchar\n\
              1 beginbfrange <0020> <0022> <4E00> endbfrange\n\
              1 beginbfrange <0030> <0031> [<62A5> <544A>] endbfrange",
        );
        assert_eq!(cmap.text(2, 0x11).as_deref(), Some("年"));
        assert_eq!(cmap.text(2, 0x21).as_deref(), Some("丁"));
        assert_eq!(cmap.text(2, 0x31).as_deref(), Some("告"));
        assert_eq!(cmap.text(1, 0x11), None);
        assert_eq!(cmap.code_len(&[0, 0x11]), Some(2));
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_char(b"uni5E74"), Some('年'));
        assert_eq!(glyph_name_char(b"seven"), Some('7'));
        assert_eq!(glyph_name_char(b"parenleft"), Some('('));
        assert_eq!(glyph_name_char(b"g123"), None);
    }

    /// A CMap of 200,000 ranges is searched per glyph, not walked: every code still
    /// finds its range, and a huge destination is not taken for a glyph's text.
    #[test]
    fn many_ranges_and_huge_destinations() {
        let mut text = String::from("1 begincodespacerange <000000> <FFFFFF> endcodespacerange\n");
        text += "200000 beginbfrange\n";
        for i in 0..200_000u32 {
            text += &format!("<{:06X}> <{:06X}> <4E00>\n", i * 2, i * 2);
        }
        text += "endbfrange\n1 beginbfchar <FFFFFE> <";
        text += &"4E00".repeat(10_000);
        text += "> endbfchar\n";
        let cmap = CMap::parse(text.as_bytes());
        for i in (0..200_000u32).step_by(997) {
            assert_eq!(cmap.text(3, i * 2).as_deref(), Some("一"), "{i}");
            assert_eq!(cmap.text(3, i * 2 + 1), None);
        }
        assert_eq!(cmap.text(3, 0xFFFFFE), None);
    }
}
