//! Word (.docx) input: the report as officials save it.
//!
//! A .docx is a zip archive; the text is in `word/document.xml`. Paragraphs become
//! lines; a table's cells are separated by tabs, one row per line, laid out on the
//! table's grid as the HTML reader does: a cell merged across columns (`w:gridSpan`)
//! is followed by empty fields, the continuation of a cell merged down (`w:vMerge`) is
//! an empty field, and every row is written to the table's full width — so a field's
//! position is the grid column it is shown in.
//!
//! Everything is bounded: the archive's directory, the decompressed size of the
//! document (a zip bomb stops at the limit, it is not inflated further) and the XML
//! nesting.

/// Why a .docx could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive, or a truncated or damaged one.
    Damaged,
    /// A zip archive without `word/document.xml`: not a Word document.
    NotWord,
    /// An OFD (the national fixed-layout format, also a zip archive).
    Ofd,
    /// `word/document.xml` would decompress to more than [`MAX_XML_BYTES`].
    TooLarge,
    /// The document's XML nests deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// The largest `word/document.xml` read: a report is well under a megabyte of XML.
pub const MAX_XML_BYTES: usize = 64 * 1024 * 1024;

/// The deepest XML nesting read.
pub const MAX_DEPTH: usize = 256;

/// The bytes of `word/document.xml`, inflated with a size limit.
fn document_xml(zip: &[u8]) -> Result<Vec<u8>, DocxError> {
    use super::zip::{self, ZipError};
    let damaged = |_| DocxError::Damaged;
    // Every entry of the central directory: a file may put thousands before
    // word/document.xml.
    for entry in zip::entries(zip).map_err(damaged)? {
        let entry = entry.map_err(damaged)?;
        if entry.name.eq_ignore_ascii_case(b"OFD.xml") {
            return Err(DocxError::Ofd);
        }
        if entry.name == b"word/document.xml" {
            return zip::read(zip, &entry, MAX_XML_BYTES).map_err(|e| match e {
                ZipError::TooLarge => DocxError::TooLarge,
                ZipError::Damaged | ZipError::Encrypted | ZipError::Method(_) => DocxError::Damaged,
            });
        }
    }
    Err(DocxError::NotWord)
}

/// The value of attribute `name` (e.g. `w:val`) in a tag's attribute text.
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let at = attrs.find(&format!("{name}="))?;
    let rest = &attrs[at + name.len() + 1..];
    // The value is quoted; a damaged file may have anything there.
    let quote = rest.chars().next().filter(|&q| q == '"' || q == '\'')?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote)?])
}

/// A table being written.
#[derive(Default)]
struct Table {
    /// The current row's fields.
    cells: Vec<String>,
    /// The cell being written.
    cell: Option<String>,
    /// The grid columns the current cell spans (`w:gridSpan`).
    span: usize,
    /// Output lines holding the table's rows, and the widest row.
    lines: Vec<usize>,
    width: usize,
}

/// Table rows read in a whole document at most: a report's tables have about a
/// hundred; every row is padded to its table's width, so rows bound the memory.
const MAX_ROWS: usize = 100_000;

/// The widest grid a row is padded to: Word allows 63 columns.
const MAX_GRID_COLUMNS: usize = 64;

/// Text being written out: lines, and the table rows being built.
#[derive(Default)]
struct Writer {
    lines: Vec<String>,
    paragraph: String,
    /// Open tables (a cell may hold a table).
    tables: Vec<Table>,
    /// The current cell continues a vertical merge: its content is not written.
    merged_down: bool,
}

impl Writer {
    fn text(&mut self, s: &str) {
        self.paragraph.push_str(s);
    }

    fn end_paragraph(&mut self) {
        let p = std::mem::take(&mut self.paragraph);
        let p = p.trim();
        match self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            Some(cell) => {
                if !p.is_empty() {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&p.replace('\t', " "));
                }
            }
            None => {
                if !p.is_empty() {
                    self.lines.push(p.to_owned());
                }
            }
        }
    }
}

/// The text of a .docx file.
pub fn to_text(zip: &[u8]) -> Result<String, DocxError> {
    let xml = document_xml(zip)?;
    let xml = String::from_utf8_lossy(&xml);
    let mut w = Writer::default();
    let mut depth = 0usize;
    let mut rows = 0usize;
    let mut in_text = false;
    let mut rest: &str = &xml;
    while let Some(lt) = rest.find('<') {
        if in_text {
            w.text(&super::html::decode_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        let body = tag.trim_start_matches('/').trim_end_matches('/');
        let (name, attrs) = body
            .split_once(|c: char| c.is_whitespace())
            .unwrap_or((body, ""));
        if !closing && !self_closing {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(DocxError::TooDeep);
            }
        }
        if closing {
            depth = depth.saturating_sub(1);
        }
        match (name, closing) {
            ("w:t", false) => in_text = !self_closing,
            ("w:t", true) => in_text = false,
            ("w:tab", false) => w.text("\t"),
            ("w:br" | "w:cr", false) => w.end_paragraph(),
            ("w:p", true) => w.end_paragraph(),
            ("w:tbl", false) => {
                w.end_paragraph();
                w.tables.push(Table::default());
            }
            ("w:tbl", true) => {
                if let Some(t) = w.tables.pop() {
                    super::pad_table_rows(&mut w.lines, &t.lines, t.width);
                }
            }
            ("w:tr", false) => {
                if let Some(t) = w.tables.last_mut() {
                    t.cells.clear();
                }
            }
            ("w:gridBefore" | "w:gridAfter", false) => {
                // Grid columns a row leaves out before or after its cells.
                let n = attr(attrs, "w:val").and_then(|v| v.parse::<usize>().ok());
                if let Some(t) = w.tables.last_mut() {
                    let n = n
                        .unwrap_or(0)
                        .min(MAX_GRID_COLUMNS.saturating_sub(t.cells.len()));
                    t.cells.extend(std::iter::repeat_n(String::new(), n));
                }
            }
            ("w:tr", true) => {
                if let Some(t) = w.tables.last_mut() {
                    // A row without cells is no row (a hostile file closes millions).
                    if t.cells.is_empty() {
                        continue;
                    }
                    rows += 1;
                    if rows > MAX_ROWS {
                        return Err(DocxError::TooLarge);
                    }
                    t.width = t.width.max(t.cells.len());
                    let row = std::mem::take(&mut t.cells).join("\t");
                    w.lines.push(row);
                    t.lines.push(w.lines.len() - 1);
                }
            }
            ("w:tc", false) => {
                w.merged_down = false;
                if let Some(t) = w.tables.last_mut() {
                    t.cell = Some(String::new());
                    t.span = 1;
                }
            }
            ("w:gridSpan", false) => {
                if let Some(t) = w.tables.last_mut() {
                    t.span = attr(attrs, "w:val")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_GRID_COLUMNS);
                }
            }
            ("w:vMerge", false) => {
                w.merged_down = attr(attrs, "w:val").is_none_or(|v| v == "continue")
            }
            ("w:tc", true) => {
                w.end_paragraph();
                let merged = std::mem::take(&mut w.merged_down);
                if let Some(t) = w.tables.last_mut() {
                    if let Some(text) = t.cell.take() {
                        // The continuation of a vertical merge shows nothing.
                        t.cells.push(if merged { String::new() } else { text });
                        let pad = t
                            .span
                            .saturating_sub(1)
                            .min(MAX_GRID_COLUMNS.saturating_sub(t.cells.len()));
                        t.cells.extend(std::iter::repeat_n(String::new(), pad));
                    }
                }
            }
            _ => {}
        }
    }
    w.end_paragraph();
    Ok(w.lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::super::zip_writer::zip;
    use super::*;

    fn doc(body: &str) -> Vec<u8> {
        let xml =
            format!("<?xml version=\"1.0\"?><w:document><w:body>{body}</w:body></w:document>");
        zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", xml.as_bytes()),
        ])
    }

    #[test]
    fn a_directory_damaged_after_the_document_does_not_matter() {
        // The reader stops at word/document.xml: an entry after it that is not one (its
        // signature broken) is never read.
        let xml = "<w:document><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>";
        let mut file = zip(&[("word/document.xml", xml.as_bytes()), ("zz.xml", b"<x/>")]);
        let second = file
            .windows(10)
            .rposition(|w| w == b"PK\x01\x02\x14\0\x14\0\0\0")
            .unwrap();
        file[second + 1] = b'X';
        assert_eq!(to_text(&file).unwrap(), "正文");
    }

    #[test]
    fn paragraphs_and_tables_with_merges() {
        let body = "<w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4\"/></w:tcPr><w:p><w:r><w:t>第二十条第（一）项</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>规</w:t></w:r><w:r><w:t>章</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>&lt;2&gt;</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
            <w:p><w:r><w:t xml:space=\"preserve\">结束 </w:t></w:r></w:p>";
        assert_eq!(
            to_text(&doc(body)).unwrap(),
            "二、主动公开政府信息情况\n第二十条第（一）项\t\t\t\n规章\t1\t\t\n\t<2>\t\t\n结束"
        );
    }

    #[test]
    fn hostile_archives_are_refused() {
        assert_eq!(to_text(b"PK\x03\x04 not really"), Err(DocxError::Damaged));
        let good = doc("<w:p><w:r><w:t>正文</w:t></w:r></w:p>");
        assert_eq!(to_text(&good[..good.len() / 2]), Err(DocxError::Damaged));
        assert_eq!(to_text(&zip(&[("a.txt", b"x")])), Err(DocxError::NotWord));
        assert_eq!(
            to_text(&zip(&[("OFD.xml", b"<ofd:OFD/>")])),
            Err(DocxError::Ofd)
        );
        // A bomb: 80 MB of zeros deflate to a few dozen KB.
        let bomb = vec![b'0'; MAX_XML_BYTES + 16 * 1024 * 1024];
        assert_eq!(
            to_text(&zip(&[("word/document.xml", &bomb)])),
            Err(DocxError::TooLarge)
        );
        let deep = "<w:p>".repeat(MAX_DEPTH + 10);
        assert_eq!(to_text(&doc(&deep)), Err(DocxError::TooDeep));
    }

    /// Millions of rows closed in a small file: empty ones are no rows, and past the
    /// row budget the file is refused, before padding them all to the table's width.
    #[test]
    fn hostile_row_counts_are_bounded() {
        let empty = format!("<w:tbl>{}</w:tbl>", "</w:tr>".repeat(1_000_000));
        assert_eq!(to_text(&doc(&empty)).unwrap(), "");
        let cell = "<w:tc><w:tcPr><w:gridSpan w:val=\"64\"/></w:tcPr></w:tc>";
        let many = format!(
            "<w:tbl>{}</w:tbl>",
            format!("<w:tr>{cell}</w:tr>").repeat(MAX_ROWS + 1)
        );
        assert_eq!(to_text(&doc(&many)), Err(DocxError::TooLarge));
    }
}
