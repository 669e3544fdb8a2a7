//! Test support: writes text as a PDF, the way office suites do, so tests can check
//! the PDF reader against known content.
//!
//! Each line's pieces (runs separated by two or more spaces) are drawn at the x of
//! their column, with a subset-style font: codes are handed out in order of first use
//! and only the `/ToUnicode` CMap says which character a code is, as in the PDFs Word,
//! WPS and LibreOffice write for CJK fonts.

#![allow(dead_code)]

use std::collections::BTreeMap;

/// How the PDF is written.
#[derive(Debug, Clone, Copy)]
pub struct PdfStyle {
    /// Compress streams with Flate.
    pub compress: bool,
    /// A cross-reference stream and an object stream (PDF 1.5) instead of a table.
    pub xref_stream: bool,
    /// Draw a vertical ruling line before every piece on lines with several pieces,
    /// as a table's cell borders.
    pub rules: bool,
    /// Move value pieces right by up to this many half-ideograph columns (centred
    /// values in bordered cells); only meaningful with `rules`.
    pub jitter: u8,
    /// How text is shown.
    pub ops: TextOps,
    /// A font with a `UniGB-UCS2-H` encoding and no `/ToUnicode`.
    pub ucs2_font: bool,
    /// Lines per page.
    pub lines_per_page: usize,
    /// The content turned a quarter turn by its own matrix (a landscape table printed
    /// onto a page sideways, without `/Rotate`): the text runs upward.
    pub sideways: bool,
    /// Leave out the `/ToUnicode` map of the subset font (its codes then say nothing).
    pub no_to_unicode: bool,
    /// Draw every piece twice, 0.4 pt apart, as some tools make text bold (with
    /// [`TextOps::Tj`]).
    pub fake_bold: bool,
}

/// Ways writers show text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOps {
    /// `Td` to the piece, one `Tj`.
    Tj,
    /// One `TJ` per line, with kerning numbers moving between pieces.
    Tj2,
    /// A `Tm` for every character (what some PDF printers write).
    PerChar,
}

impl Default for PdfStyle {
    fn default() -> Self {
        PdfStyle {
            compress: true,
            xref_stream: false,
            rules: true,
            jitter: 0,
            ops: TextOps::Tj,
            ucs2_font: false,
            lines_per_page: 48,
            sideways: false,
            no_to_unicode: false,
            fake_bold: false,
        }
    }
}

/// The largest font size used; wide tables are set smaller to fit the page.
const MAX_SIZE: f64 = 10.0;
const LEFT: f64 = 40.0;
const TOP: f64 = 800.0;
const LEADING: f64 = 15.0;

fn width(c: char) -> usize {
    nianbao::normalize::char_width(c)
}

/// Writes `text` as a PDF.
pub fn text_to_pdf(text: &str, style: PdfStyle) -> Vec<u8> {
    // The font size that fits the widest line into the page's 515 pt of text width.
    let widest = text
        .lines()
        .map(|l| l.chars().map(width).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1);
    let size: f64 = MAX_SIZE.min(2.0 * 515.0 / widest as f64);
    let mut codes: BTreeMap<char, u16> = BTreeMap::new();
    let mut code_of = |c: char| -> u16 {
        let n = codes.len() as u16 + 3;
        *codes.entry(c).or_insert(n)
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut pages: Vec<Vec<u8>> = Vec::new();
    let mut jitter_state = 0x9E37_79B9u32;
    for chunk in lines.chunks(style.lines_per_page.max(1)) {
        let mut content = String::new();
        let mut rules = String::new();
        for (i, line) in chunk.iter().enumerate() {
            let y = TOP - i as f64 * LEADING;
            let pieces = pieces(line);
            if pieces.is_empty() {
                continue;
            }
            let mut xs = Vec::new();
            for (k, (col, piece)) in pieces.iter().enumerate() {
                let mut x = LEFT + *col as f64 * size / 2.0;
                let is_value = piece
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '元');
                if style.rules && style.jitter > 0 && is_value && pieces.len() > 1 {
                    jitter_state ^= jitter_state << 13;
                    jitter_state ^= jitter_state >> 17;
                    jitter_state ^= jitter_state << 5;
                    // Moved inside its cell only: text never crosses a cell's border.
                    let end = col + piece.chars().map(width).sum::<usize>();
                    let room = pieces
                        .get(k + 1)
                        .map_or(usize::from(style.jitter), |(next, _)| {
                            next.saturating_sub(end + 1)
                        });
                    let shift = (jitter_state % u32::from(style.jitter + 1)) as usize;
                    x += shift.min(room) as f64 * size / 2.0;
                }
                xs.push((x, *col));
            }
            if style.rules && pieces.len() > 1 {
                for (_, col) in &xs {
                    let rx = LEFT + *col as f64 * size / 2.0 - 3.0;
                    rules += &format!("{rx:.2} {:.2} m {rx:.2} {:.2} l S\n", y - 4.0, y + 11.0);
                }
            }
            let show = |s: &str, code_of: &mut dyn FnMut(char) -> u16| -> String {
                let mut hex = String::from("<");
                for c in s.chars() {
                    let code = if style.ucs2_font {
                        c as u16
                    } else {
                        code_of(c)
                    };
                    hex += &format!("{code:04X}");
                }
                hex + ">"
            };
            match style.ops {
                TextOps::Tj => {
                    for ((_, piece), (x, _)) in pieces.iter().zip(&xs) {
                        content += &format!(
                            "BT /F1 {size} Tf 1 0 0 1 0 0 Tm {x:.2} {y:.2} Td {} Tj ET\n",
                            show(piece, &mut code_of)
                        );
                        if style.fake_bold {
                            // Bold by drawing the text again 0.4 pt to the right.
                            content += &format!(
                                "BT /F1 {size} Tf {:.2} {y:.2} Td {} Tj ET\n",
                                x + 0.4,
                                show(piece, &mut code_of)
                            );
                        }
                    }
                }
                TextOps::Tj2 => {
                    content += &format!("BT /F1 {size} Tf {:.2} {y:.2} Td [", xs[0].0);
                    let mut at = xs[0].0;
                    for ((_, piece), (x, _)) in pieces.iter().zip(&xs) {
                        let kern = -(x - at) / size * 1000.0;
                        content += &format!("{kern:.1} {}", show(piece, &mut code_of));
                        at = x + piece_width(piece, size);
                    }
                    content += "] TJ ET\n";
                }
                TextOps::PerChar => {
                    for ((_, piece), (x, _)) in pieces.iter().zip(&xs) {
                        let mut cx = *x;
                        content += &format!("BT /F1 {size} Tf\n");
                        for c in piece.chars() {
                            content += &format!(
                                "1 0 0 1 {cx:.2} {y:.2} Tm {} Tj\n",
                                show(&c.to_string(), &mut code_of)
                            );
                            cx += width(c) as f64 * size / 2.0;
                        }
                        content += "ET\n";
                    }
                }
            }
        }
        let turn = if style.sideways {
            "0 1 -1 0 842 0 cm\n"
        } else {
            ""
        };
        pages.push(format!("q {turn}0.5 w 0 G\n{rules}{content}Q\n").into_bytes());
    }
    write_file(&pages, &codes, style)
}

fn piece_width(piece: &str, size: f64) -> f64 {
    piece.chars().map(|c| width(c) as f64 * size / 2.0).sum()
}

/// A line's pieces: (display column, text), split at runs of two or more spaces.
fn pieces(line: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut col = 0;
    let mut spaces = 0;
    for c in line.chars() {
        if c == ' ' || c == '\t' {
            spaces += 1;
            col += 1;
            continue;
        }
        match out.last_mut() {
            Some((_, t)) if spaces == 1 => {
                t.push(' ');
                t.push(c);
            }
            Some((_, t)) if spaces == 0 => t.push(c),
            _ => out.push((col, c.to_string())),
        }
        spaces = 0;
        col += width(c);
    }
    out
}

fn write_file(pages: &[Vec<u8>], codes: &BTreeMap<char, u16>, style: PdfStyle) -> Vec<u8> {
    // Objects: 1 catalog, 2 pages, 3 font, 4 descendant, 5 tounicode, then per page
    // (page, content).
    let mut objs: Vec<(Vec<u8>, Option<Vec<u8>>)> = Vec::new();
    let n_pages = pages.len();
    let kids: String = (0..n_pages)
        .map(|i| format!("{} 0 R ", 6 + 2 * i))
        .collect();
    objs.push((b"<</Type/Catalog/Pages 2 0 R>>".to_vec(), None));
    objs.push((
        format!(
            "<</Type/Pages/Kids[{kids}]/Count {n_pages}/MediaBox[0 0 {} 842]>>",
            if style.sideways { 842 } else { 595 }
        )
        .into_bytes(),
        None,
    ));
    let encoding = if style.ucs2_font {
        "/UniGB-UCS2-H"
    } else {
        "/Identity-H"
    };
    let to_unicode = if style.ucs2_font || style.no_to_unicode {
        ""
    } else {
        "/ToUnicode 5 0 R"
    };
    objs.push((
        format!("<</Type/Font/Subtype/Type0/BaseFont/AAAAAA+SimSun/Encoding{encoding}/DescendantFonts[4 0 R]{to_unicode}>>").into_bytes(),
        None,
    ));
    let mut w = String::from("[");
    for (c, code) in codes {
        w += &format!("{code}[{}]", width(*c) * 500);
    }
    w += "]";
    objs.push((
        format!("<</Type/Font/Subtype/CIDFontType2/BaseFont/AAAAAA+SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/DW 1000/W {w}>>").into_bytes(),
        None,
    ));
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    let entries: Vec<(&char, &u16)> = codes.iter().collect();
    for chunk in entries.chunks(100) {
        cmap += &format!("{} beginbfchar\n", chunk.len());
        for (c, code) in chunk {
            let mut buf = [0u16; 2];
            let units: String = c
                .encode_utf16(&mut buf)
                .iter()
                .map(|u| format!("{u:04X}"))
                .collect();
            cmap += &format!("<{code:04X}> <{units}>\n");
        }
        cmap += "endbfchar\n";
    }
    cmap += "endcmap CMapName currentdict /CMap defineresource pop end end\n";
    objs.push((Vec::new(), Some(cmap.into_bytes())));
    for (i, content) in pages.iter().enumerate() {
        objs.push((
            format!(
                "<</Type/Page/Parent 2 0 R/Resources<</Font<</F1 3 0 R>>>>/Contents {} 0 R>>",
                7 + 2 * i
            )
            .into_bytes(),
            None,
        ));
        objs.push((Vec::new(), Some(content.clone())));
    }

    let mut out = b"%PDF-1.6\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets: Vec<(usize, Option<(usize, usize)>)> = Vec::new();
    let stream_obj = |dict: &[u8], data: &[u8]| -> Vec<u8> {
        let (data, filter) = if style.compress {
            (
                miniz_oxide::deflate::compress_to_vec_zlib(data, 6),
                "/Filter/FlateDecode",
            )
        } else {
            (data.to_vec(), "")
        };
        let mut o = format!(
            "<<{}/Length {}{filter}>>\nstream\n",
            String::from_utf8_lossy(dict),
            data.len()
        )
        .into_bytes();
        o.extend_from_slice(&data);
        o.extend_from_slice(b"\nendstream");
        o
    };
    if style.xref_stream {
        // Plain objects go into one object stream (number = objs.len() + 1).
        let objstm_num = objs.len() + 1;
        let mut header = String::new();
        let mut body = Vec::new();
        let mut index_in_stm = 0;
        for (i, (dict, stream)) in objs.iter().enumerate() {
            if stream.is_none() {
                header += &format!("{} {} ", i + 1, body.len());
                body.extend_from_slice(dict);
                body.push(b'\n');
                offsets.push((0, Some((objstm_num, index_in_stm))));
                index_in_stm += 1;
            } else {
                offsets.push((out.len(), None));
                let o = stream_obj(b"", stream.as_ref().unwrap());
                out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
                out.extend_from_slice(&o);
                out.extend_from_slice(b"\nendobj\n");
            }
        }
        let mut data = header.clone().into_bytes();
        data.extend_from_slice(&body);
        let stm_at = out.len();
        out.extend_from_slice(format!("{objstm_num} 0 obj\n").as_bytes());
        out.extend_from_slice(&stream_obj(
            format!("/Type/ObjStm/N {index_in_stm}/First {}", header.len()).as_bytes(),
            &data,
        ));
        out.extend_from_slice(b"\nendobj\n");
        offsets.push((stm_at, None));
        // The cross-reference stream.
        let xref_num = objstm_num + 1;
        let xref_at = out.len();
        offsets.push((xref_at, None));
        let mut rows = vec![0u8, 0, 0, 0, 0, 0xFF];
        for (off, instm) in &offsets {
            match instm {
                Some((stm, idx)) => {
                    rows.push(2);
                    rows.extend_from_slice(&(*stm as u32).to_be_bytes());
                    rows.push(*idx as u8);
                }
                None => {
                    rows.push(1);
                    rows.extend_from_slice(&(*off as u32).to_be_bytes());
                    rows.push(0);
                }
            }
        }
        out.extend_from_slice(format!("{xref_num} 0 obj\n").as_bytes());
        out.extend_from_slice(&stream_obj(
            format!("/Type/XRef/Size {}/W[1 4 1]/Root 1 0 R", xref_num + 1).as_bytes(),
            &rows,
        ));
        out.extend_from_slice(format!("\nendobj\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    } else {
        for (i, (dict, stream)) in objs.iter().enumerate() {
            offsets.push((out.len(), None));
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            match stream {
                Some(data) => out.extend_from_slice(&stream_obj(b"", data)),
                None => out.extend_from_slice(dict),
            }
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref_at = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes(),
        );
        for (off, _) in &offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<</Size {}/Root 1 0 R>>\nstartxref\n{xref_at}\n%%EOF\n",
                objs.len() + 1
            )
            .as_bytes(),
        );
    }
    out
}
