//! HTML input: a report saved from the government site, exported by Word or WPS, or a
//! CMS editor's content.
//!
//! The page is turned into text much like a browser's copy — paragraphs and headings on
//! lines of their own, a data table's cells separated by tabs, one table row per line —
//! and that text goes through the same pipeline as pasted text. Unlike a browser's
//! copy, a table is laid out on its grid: a cell spanning columns (`colspan`) is
//! followed by empty fields, a column covered by a cell from a row above (`rowspan`)
//! gets an empty field, and every row is as wide as the table, so each field stands in
//! the grid column it is shown in and the table reader can match values to the headers
//! above them ([`crate::tables::rows::header_fields`]).
//!
//! Nothing in the page runs or loads: scripts and styles are dropped, and of all
//! attributes only a cell's `colspan` and `rowspan` numbers are read. Tables that only
//! lay out the page (a cell holding another table) are read as blocks, so the report
//! inside a CMS's layout table is found.

use encoding_rs::Encoding;

/// Nesting deeper than this is flattened: real pages nest a few dozen levels, and the
/// bound keeps the tree walk's recursion and memory bounded on hostile input.
const MAX_DEPTH: usize = 128;

/// Tags read at most: a report's page has tens of thousands even saved whole from a
/// site; a page of millions (18 MB of `<td>x`, 2 GB as a tree) is no report.
pub const MAX_TAGS: usize = 500_000;

/// Does `html` have more tags than a page is read with ([`MAX_TAGS`])?
pub fn too_many_tags(html: &str) -> bool {
    html.bytes().filter(|&b| b == b'<').nth(MAX_TAGS).is_some()
}

/// Elements whose content is not text of the page.
const RAW: [&str; 10] = [
    "script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe", "noembed",
    "head",
];

/// Elements that never have content.
const VOID: [&str; 14] = [
    "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source", "embed",
    "param", "track",
];

/// Elements that start a new line.
const BLOCK: [&str; 33] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dl",
    "dt",
    "dd",
    "center",
    "form",
    "main",
    "nav",
    "aside",
    "caption",
    "figure",
    "address",
    "body",
];

/// Does this text look like an HTML document or fragment rather than plain text?
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches('\u{FEFF}').trim_start();
    if !t.starts_with('<') {
        return false;
    }
    let head: String = t
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<table",
        "<p>",
        "<p ",
        "<div",
        "<h1",
        "<h2",
        "<meta",
        "<head",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

/// The encoding declared by `<meta charset="…">` or `<meta http-equiv … content="…charset=…">`
/// in the first kilobytes of an HTML file.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            return Some(enc);
        }
        from = i.max(from + pos + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Finds an ASCII `needle` (lower case) in `hay`, ignoring ASCII case.
fn find_ignoring_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| {
        w.iter()
            .zip(needle)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

/// A node of the parsed page.
#[derive(Debug)]
enum Node {
    Text(String),
    Element {
        tag: String,
        /// A table cell's `colspan` and `rowspan` (1 and 1 for everything else).
        span: Span,
        children: Vec<Node>,
    },
}

/// How many grid columns and rows a table cell covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    cols: usize,
    rows: usize,
}

const NO_SPAN: Span = Span { cols: 1, rows: 1 };

/// The most columns one cell may span and the widest grid built: HTML allows 1000,
/// a report's widest table has sixteen.
const MAX_COLSPAN: usize = 100;
const MAX_GRID_COLUMNS: usize = 1000;

/// The most rows one cell may span (HTML allows 65534; `0`, "to the end", counts as 1).
const MAX_ROWSPAN: usize = 1000;

/// Reads `colspan` and `rowspan` from a cell's attribute text. Only these two numbers
/// are read; no other attribute is looked at.
fn span_of(attrs: &str) -> Span {
    let lower = attrs.to_ascii_lowercase();
    let number = |name: &str, max: usize| -> usize {
        let Some(at) = lower.find(name) else {
            return 1;
        };
        let rest = lower[at + name.len()..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            return 1;
        };
        let digits: String = rest
            .trim_start()
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(char::is_ascii_digit)
            .take(6)
            .collect();
        digits.parse::<usize>().unwrap_or(1).clamp(1, max)
    };
    Span {
        cols: number("colspan", MAX_COLSPAN),
        rows: number("rowspan", MAX_ROWSPAN),
    }
}

/// Parses `html` into a tree, closing what HTML lets authors leave open (`<p>`, `<td>`,
/// `<tr>`, `<li>`) and ignoring stray end tags.
fn parse(html: &str) -> Vec<Node> {
    // The stack holds the open elements: (tag, span, children).
    let mut stack: Vec<(String, Span, Vec<Node>)> = vec![(String::new(), NO_SPAN, Vec::new())];
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let close_to = |stack: &mut Vec<(String, Span, Vec<Node>)>, depth: usize| {
        while stack.len() > depth {
            let (tag, span, children) = stack.pop().expect("non-empty");
            stack.last_mut().expect("root stays").2.push(Node::Element {
                tag,
                span,
                children,
            });
        }
    };
    let flush_text = |stack: &mut Vec<(String, Span, Vec<Node>)>, s: &str| {
        if !s.is_empty() {
            stack
                .last_mut()
                .expect("root stays")
                .2
                .push(Node::Text(decode_entities(s)));
        }
    };
    let mut tags = 0usize;
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        tags += 1;
        if tags > MAX_TAGS {
            // A page of millions of tags is no report: the rest is not built into the
            // tree (`read_input` refuses such a file; a paste keeps what came first).
            text_start = bytes.len();
            break;
        }
        let rest = &html[i..];
        // Comments and declarations.
        if rest.starts_with("<!--") {
            flush_text(&mut stack, &html[text_start..i]);
            i = rest.find("-->").map(|e| i + e + 3).unwrap_or(bytes.len());
            text_start = i;
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            flush_text(&mut stack, &html[text_start..i]);
            i = rest.find('>').map(|e| i + e + 1).unwrap_or(bytes.len());
            text_start = i;
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = i + if closing { 2 } else { 1 };
        let name_end = html[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map(|e| name_start + e)
            .unwrap_or(bytes.len());
        if name_end == name_start {
            i += 1; // a lone `<` in text
            continue;
        }
        let tag = html[name_start..name_end].to_ascii_lowercase();
        let tag_end = tag_end(html, name_end);
        flush_text(&mut stack, &html[text_start..i]);
        i = tag_end;
        text_start = i;
        if closing {
            if let Some(depth) = stack.iter().rposition(|(t, ..)| *t == tag) {
                if depth > 0 {
                    close_to(&mut stack, depth);
                }
            }
            continue;
        }
        if RAW.contains(&tag.as_str()) {
            // Skip to the matching end tag; the content is never read.
            let end = format!("</{tag}");
            i = find_ignoring_case(&bytes[i..], end.as_bytes())
                .map(|e| tag_end_after(html, i + e))
                .unwrap_or(bytes.len());
            text_start = i;
            continue;
        }
        // Implied end tags.
        let open = |stack: &Vec<(String, Span, Vec<Node>)>,
                    names: &[&str],
                    stop: &[&str]|
         -> Option<usize> {
            for (d, (t, ..)) in stack.iter().enumerate().rev() {
                if names.contains(&t.as_str()) {
                    return Some(d);
                }
                if stop.contains(&t.as_str()) {
                    return None;
                }
            }
            None
        };
        let implied = match tag.as_str() {
            "td" | "th" => open(&stack, &["td", "th"], &["tr", "table"]),
            "tr" => open(
                &stack,
                &["tr", "td", "th"],
                &["table", "tbody", "thead", "tfoot"],
            ),
            "tbody" | "thead" | "tfoot" => open(
                &stack,
                &["tbody", "thead", "tfoot", "tr", "td", "th"],
                &["table"],
            ),
            "li" => open(&stack, &["li"], &["ul", "ol"]),
            "dt" | "dd" => open(&stack, &["dt", "dd"], &["dl"]),
            t if t == "p" || BLOCK.contains(&t) => {
                open(&stack, &["p"], &["td", "th", "table", "div", "li"])
            }
            _ => None,
        };
        if let Some(depth) = implied {
            close_to(&mut stack, depth);
        }
        let span = if tag == "td" || tag == "th" {
            span_of(&html[name_end..tag_end])
        } else {
            NO_SPAN
        };
        if VOID.contains(&tag.as_str()) || html[..tag_end].ends_with("/>") {
            stack.last_mut().expect("root stays").2.push(Node::Element {
                tag,
                span,
                children: Vec::new(),
            });
        } else if stack.len() < MAX_DEPTH {
            stack.push((tag, span, Vec::new()));
        }
    }
    flush_text(&mut stack, &html[text_start.min(bytes.len())..]);
    close_to(&mut stack, 1);
    stack.pop().map(|(.., c)| c).unwrap_or_default()
}

/// The index just after the `>` that ends a tag whose name ends at `from`, skipping
/// quoted attribute values.
fn tag_end(html: &str, from: usize) -> usize {
    let bytes = html.as_bytes();
    let mut i = from;
    let mut quote = 0u8;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (0, b'"' | b'\'') => quote = bytes[i],
            (q, c) if q != 0 && c == q => quote = 0,
            (0, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn tag_end_after(html: &str, at: usize) -> usize {
    html[at..]
        .find('>')
        .map(|e| at + e + 1)
        .unwrap_or(html.len())
}

/// Decodes character references (`&nbsp;`, `&amp;`, `&#20013;`, `&#x4E2D;`).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X"))
        {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = name.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            match name {
                "nbsp" | "ensp" | "emsp" | "thinsp" => Some('\u{A0}'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "mdash" => Some('—'),
                "ndash" => Some('–'),
                "middot" => Some('·'),
                "hellip" => Some('…'),
                "times" => Some('×'),
                "yen" => Some('¥'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lines of text being written out.
#[derive(Default)]
struct Lines {
    lines: Vec<String>,
    cur: String,
    /// The element whose lines are noted in `marked` (the article; compared by
    /// address, never dereferenced).
    mark: Option<*const Node>,
    /// The lines the marked element filled.
    marked: Option<std::ops::Range<usize>>,
    /// The last table, when its row spans reach past its end (a table cut in two by a
    /// page break), with the number of lines written when it ended.
    cut_table: Option<(Grid, usize)>,
    /// `<tr>` elements met so far, in document order.
    rows_seen: usize,
    /// Each data row's ordinal among the `<tr>` elements, and the index of its line.
    row_lines: Vec<(usize, usize)>,
}

impl Lines {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() && c != '\u{A0}' {
                if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                    self.cur.push(' ');
                }
            } else {
                self.cur.push(c);
            }
        }
    }

    fn newline(&mut self) {
        let line = self.cur.trim().to_owned();
        if !line.is_empty() {
            self.lines.push(line);
        }
        self.cur.clear();
    }
}

fn contains_table(children: &[Node]) -> bool {
    children.iter().any(|n| match n {
        Node::Element { tag, children, .. } => tag == "table" || contains_table(children),
        Node::Text(_) => false,
    })
}

/// The cells of a table row with their spans (looking through wrapper elements some
/// editors add).
fn cells(children: &[Node]) -> Vec<(&[Node], Span)> {
    let mut out = Vec::new();
    for n in children {
        if let Node::Element {
            tag,
            span,
            children,
        } = n
        {
            if tag == "td" || tag == "th" {
                out.push((children.as_slice(), *span));
            } else if !matches!(tag.as_str(), "tr" | "table") {
                out.extend(cells(children));
            }
        }
    }
    out
}

/// Rows still covered by cells spanning down, per grid column: the state of one table
/// while its rows are written.
#[derive(Default)]
struct Grid {
    covered: Vec<usize>,
    /// The output lines holding this table's rows, and the widest row.
    lines: Vec<usize>,
    width: usize,
    /// Empty fields written so far for spans.
    padded: usize,
}

/// The most empty fields a table's spans may add: a report's tables add a few hundred;
/// beyond this a table (a hostile one) is written without them.
const MAX_PADDING: usize = 200_000;

impl Grid {
    /// Lays one row's cells onto the grid: a cell spanning columns is followed by empty
    /// fields, and a column still covered by a cell from a row above gets an empty
    /// field, so every field of the line is in its grid column. Rows are written to
    /// the full width of the table (see [`Grid::widen`]).
    fn row(&mut self, cells: Vec<(String, Span)>) -> Vec<String> {
        if self.padded > MAX_PADDING {
            // A hostile table of huge spans: its cells are written as they come.
            return cells.into_iter().map(|(text, _)| text).collect();
        }
        let before = self.padded;
        let mut fields = Vec::new();
        let mut col = 0;
        let take_covered = |covered: &mut Vec<usize>, col: usize| -> bool {
            match covered.get_mut(col) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            }
        };
        for (text, span) in cells {
            while take_covered(&mut self.covered, col) {
                fields.push(String::new());
                col += 1;
            }
            let cols = span.cols.min(MAX_GRID_COLUMNS.saturating_sub(col)).max(1);
            fields.push(text);
            fields.extend(std::iter::repeat_n(String::new(), cols - 1));
            if self.covered.len() < col + cols {
                self.covered.resize(col + cols, 0);
            }
            for c in col..col + cols {
                self.covered[c] = span.rows - 1;
            }
            col += cols;
        }
        // Columns after the last cell that are covered from above.
        while col < self.covered.len() {
            take_covered(&mut self.covered, col);
            fields.push(String::new());
            col += 1;
        }
        self.padded = before + fields.iter().filter(|f| f.is_empty()).count();
        self.width = self.width.max(fields.len());
        fields
    }

    /// Pads every row of the table to its full width, so that all its lines have the
    /// same number of fields (the table reader takes that as the sign of a grid).
    fn widen(&self, out: &mut Lines) {
        if self.padded + self.width * self.lines.len() > 4 * MAX_PADDING {
            return;
        }
        super::pad_table_rows(&mut out.lines, &self.lines, self.width);
    }
}

fn emit(nodes: &[Node], out: &mut Lines, grid: &mut Grid) {
    for n in nodes {
        if out.mark.is_some_and(|m| std::ptr::eq(m, n)) {
            // The article: note the lines it fills.
            out.newline();
            let start = out.lines.len();
            out.mark = None;
            emit(std::slice::from_ref(n), out, grid);
            out.newline();
            out.marked = Some(start..out.lines.len());
            continue;
        }
        match n {
            Node::Text(t) => out.text(t),
            Node::Element { tag, children, .. } => match tag.as_str() {
                "br" => out.newline(),
                "table" => {
                    // Each table has its own grid — except the rest of a table that a
                    // page break cut in two: a table right after one whose row spans
                    // reach past its end (nothing but empty lines between) continues
                    // its grid, so its rows take the columns the spans cover.
                    out.newline();
                    let mut table = match out.cut_table.take() {
                        Some((grid, lines)) if lines == out.lines.len() => grid,
                        _ => Grid::default(),
                    };
                    emit(children, out, &mut table);
                    table.widen(out);
                    out.newline();
                    if table.covered.iter().any(|&n| n > 0) {
                        out.cut_table = Some((table, out.lines.len()));
                    }
                }
                "tr" if !contains_table(children) => {
                    out.rows_seen += 1;
                    out.newline();
                    let row: Vec<(String, Span)> = cells(children)
                        .into_iter()
                        .map(|(cell, span)| {
                            let mut inner = Lines::default();
                            emit(cell, &mut inner, &mut Grid::default());
                            inner.newline();
                            (inner.lines.join(" ").replace('\t', " "), span)
                        })
                        .collect();
                    let fields = grid.row(row);
                    out.lines.push(fields.join("\t"));
                    grid.lines.push(out.lines.len() - 1);
                    out.row_lines.push((out.rows_seen - 1, out.lines.len() - 1));
                }
                "tr" | "td" | "th" => {
                    // A layout row: its cells hold blocks, not values.
                    out.rows_seen += usize::from(tag == "tr");
                    out.newline();
                    emit(children, out, grid);
                    out.newline();
                }
                t if BLOCK.contains(&t) => {
                    out.newline();
                    emit(children, out, grid);
                    out.newline();
                }
                _ => emit(children, out, grid),
            },
        }
    }
}

/// Elements walked at most when looking for the article (a bound on hostile pages).
const MAX_ARTICLE_NODES: usize = 200_000;

/// Which of the section title words (`section_words` of the template data's cues, at
/// most eight) the text under `n` contains, as a bit set; every element's
/// set goes into `sets` in pre-order, with the element's address (compared, never
/// dereferenced).
fn section_words(n: &Node, sets: &mut Vec<(u8, *const Node)>, budget: &mut usize) -> u8 {
    if *budget == 0 {
        return 0;
    }
    *budget -= 1;
    match n {
        // Only a heading counts: a preamble listing the six parts is not the report.
        Node::Text(t) if t.trim().chars().count() <= 40 => crate::template::cues()
            .section_words
            .iter()
            .take(8)
            .enumerate()
            .filter(|(_, w)| t.contains(w.as_str()))
            .fold(0, |acc, (i, _)| acc | 1 << i),
        Node::Text(_) => 0,
        Node::Element { tag, children, .. } => {
            let at = sets.len();
            sets.push((0, n as *const Node));
            let mut words = 0;
            for c in children {
                words |= section_words(c, sets, budget);
            }
            // Rows and tables are never the article: a layout table's cell is.
            if !matches!(tag.as_str(), "table" | "tbody" | "tr") {
                sets[at].0 = words;
            }
            words
        }
    }
}

/// The element holding the report in a page saved whole from a site (navigation,
/// columns, footer around the article): the deepest element whose headings (short
/// texts) have every section title word the page's have, when the page has at least
/// four of them. `None` when no element does. Given as the element's address, which
/// [`emit`] compares to find it.
fn article(tree: &[Node]) -> Option<*const Node> {
    let mut sets = Vec::new();
    let mut budget = MAX_ARTICLE_NODES;
    let all = tree
        .iter()
        .fold(0u8, |acc, n| acc | section_words(n, &mut sets, &mut budget));
    if all.count_ones() < 4 {
        return None;
    }
    // Pre-order: the last element with every word is the deepest one.
    sets.iter()
        .rev()
        .find(|(w, _)| *w == all)
        .map(|(_, ptr)| *ptr)
}

/// The page's `<title>`, if it names a report: a saved page's title is often the
/// report's, with the site's name after a separator (`… - 平潭综合实验区`), which is
/// dropped.
pub fn page_title(html: &str) -> Option<String> {
    let lower_start = find_ignoring_case(html.as_bytes(), b"<title")?;
    let open_end = lower_start + html[lower_start..].find('>')? + 1;
    let close = open_end + find_ignoring_case(&html.as_bytes()[open_end..], b"</title")?;
    let title = decode_entities(html.get(open_end..close)?);
    let part = title
        .split(['|', '_', '-', '—', '–'])
        .map(str::trim)
        .find(|p| p.contains("报告") || p.contains("年报"))?;
    (part.chars().count() <= 80).then(|| part.to_owned())
}

/// The text of an HTML page as a browser's copy would give it. A page saved whole from
/// a site is read as the article inside it ([`article`]); when the text read has no
/// title before the report starts, the page's `<title>` (when it names a report) or else
/// the nearest line above the article that does is put first, so that the title and
/// agency come from the report, not from the site around it.
pub fn to_text(html: &str) -> String {
    to_text_with_rows(html).0
}

/// [`to_text`], and where each table row went: for the n-th `<tr>` of the page in
/// document order, the line (1-based) its cells were written on, or 0 when it wrote
/// none of its own (a layout row, or a row outside the article). With it a page can
/// find the row of its own table that a cell of the report was read from.
pub fn to_text_with_rows(html: &str) -> (String, Vec<u32>) {
    let tree = parse(html);
    let mut out = Lines {
        mark: article(&tree),
        ..Lines::default()
    };
    emit(&tree, &mut out, &mut Grid::default());
    out.newline();
    let range = out.marked.clone().unwrap_or(0..out.lines.len());
    let (lines, above) = (&out.lines[range.clone()], &out.lines[..range.start]);
    let text = lines.join("\n");
    let title = if has_title_before_overview(&text) {
        None
    } else {
        page_title(html).or_else(|| {
            above
                .iter()
                .rev()
                .find(|l| names_report(l))
                .map(|l| l.trim().to_owned())
        })
    };
    // Line numbers in the text returned: the article's first line is line 1, after
    // the title when one is put first.
    let first = 1 + usize::from(title.is_some());
    let mut rows = vec![0u32; out.rows_seen];
    for &(row, index) in &out.row_lines {
        if range.contains(&index) {
            rows[row] = u32::try_from(index - range.start + first).unwrap_or(0);
        }
    }
    let text = match title {
        Some(title) => format!("{title}\n{text}"),
        None => text,
    };
    (text, rows)
}

/// Does `text` name its report before `一、总体情况` (or at all, when it has no such
/// heading)?
fn has_title_before_overview(text: &str) -> bool {
    let head = text.find("总体情况").map_or(text, |i| &text[..i]);
    head.lines().any(names_report)
}

/// Is `line` a short line naming an annual report (a title, not a sentence)?
fn names_report(line: &str) -> bool {
    let c = crate::normalize::compact(line);
    (c.contains("年度报告") || c.contains("年报")) && line.chars().count() <= 60
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_row_knows_its_line() {
        let html = "<p>标题年度报告</p><table><tr><td>规章</td><td>1</td></tr>\
            <tr><td>行政规范性文件</td><td>2</td></tr></table><p>二</p>\
            <table><tr><td><table><tr><td>内</td><td>5</td></tr></table></td></tr></table>";
        let (text, rows) = to_text_with_rows(html);
        let lines: Vec<&str> = text.lines().collect();
        // Four <tr>s: two data rows, a layout row (no line of its own), a data row in it.
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[2], 0);
        for (row, want) in [(0, "规章\t1"), (1, "行政规范性文件\t2"), (3, "内\t5")] {
            assert_eq!(lines[rows[row] as usize - 1], want, "row {row}");
        }
    }

    #[test]
    fn row_lines_count_the_title_put_first() {
        // The report's title comes from <title>, before the text: rows shift by one.
        let page = include_str!("../../tests/fixtures/corpus/synthetic/c000.html.html").replace(
            "<h1>南城区高桥镇人民政府2023年政府信息公开工作年度报告</h1>",
            "",
        );
        let (text, rows) = to_text_with_rows(&page);
        assert!(text.starts_with("南城区高桥镇人民政府2023年政府信息公开工作年度报告\n"));
        let lines: Vec<&str> = text.lines().collect();
        let report = crate::check_text(&text, "c000");
        let cell = report.cells.get("t4.review.corrected").expect("t4 read");
        let line = cell.line.expect("with its line").get();
        assert!(rows.contains(&(line as u32)), "the row of {line} is known");
        assert!(
            lines[line - 1].starts_with("0\t4\t0\t3\t4"),
            "{}",
            lines[line - 1]
        );
    }

    #[test]
    fn paragraphs_headings_and_tables() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><h1>标题</h1><p>第一段<br>第二行</p>\
            <table><tr><td colspan=3>第二十条第（一）项</td></tr><tr><td>规章<td>1<td>&nbsp;<td>3</tr></table><p>结束</body></html>";
        assert_eq!(
            to_text(html),
            "标题\n第一段\n第二行\n第二十条第（一）项\t\t\t\n规章\t1\t\t3\n结束"
        );
    }

    /// Spans are laid out on the grid: every field of a line is in its grid column,
    /// and every line of a table has the table's width.
    #[test]
    fn rowspan_and_colspan_make_a_grid() {
        let html = "<table>            <tr><td rowspan=2 colspan=2>情况</td><td colspan='2'>申请人</td><td rowspan=\"3\">总计</td></tr>            <tr><td>自然人</td><td>法人</td></tr>            <tr><td rowspan=2>三、结果</td><td>（一）公开</td><td>1</td><td>2</td></tr>            <tr><td>（二）部分</td><td></td><td>4</td><td>4</td></tr>            </table>";
        assert_eq!(
            to_text(html),
            "情况\t\t申请人\t\t总计\n\t\t自然人\t法人\t\n三、结果\t（一）公开\t1\t2\t\n\t（二）部分\t\t4\t4"
        );
        // Absurd spans are bounded.
        let wide = "<table><tr><td colspan=99999999 rowspan=99999999>x</td></tr><tr><td>1</td></tr></table>";
        assert_eq!(to_text(wide).lines().count(), 2);
    }

    #[test]
    fn scripts_and_handlers_are_dropped() {
        let html = "<p onclick=\"alert(1)\">正文</p><script>document.write('<p>注入</p>')</script><img src=x onerror=alert(1)><p>尾</p>";
        assert_eq!(to_text(html), "正文\n尾");
    }

    #[test]
    fn layout_tables_are_read_as_blocks() {
        let html = "<table><tr><td><div>导航</div></td><td><h2>二、主动公开政府信息情况</h2><table><tr><td>规章</td><td>0</td></tr></table></td></tr></table>";
        assert_eq!(to_text(html), "导航\n二、主动公开政府信息情况\n规章\t0");
    }

    #[test]
    fn word_export_spans() {
        let html = "<table class=MsoNormalTable><tr style='mso-yfti-irow:0'><td><p class=MsoNormal><span lang=EN-US>行政许可<o:p></o:p></span></p></td><td><p><span>35</span></p></td></tr></table>";
        assert_eq!(to_text(html), "行政许可\t35");
    }

    #[test]
    fn entities_and_charset() {
        assert_eq!(
            decode_entities("&lt;a&gt; &amp; &#20013;&#x6587; &unknown;"),
            "<a> & 中文 &unknown;"
        );
        assert_eq!(
            declared_charset(b"<meta charset=\"gb2312\">").map(|e| e.name()),
            Some("GBK")
        );
        assert_eq!(
            declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=utf-8'>")
                .map(|e| e.name()),
            Some("UTF-8")
        );
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(!looks_like_html("一、总体情况"));
    }

    /// A page saved whole from a site: navigation with dated news, the article, a
    /// footer with a date. The article alone is read, with the page's title first.
    #[test]
    fn a_saved_page_is_read_as_its_article() {
        let article = "<div class=article><p>一、总体情况</p><p>正文</p><p>二、主动公开政府信息情况</p><p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p><p>某局</p><p>2024年1月20日</p></div>";
        let page = format!("<html><head><title>某局2023年政府信息公开工作年度报告_某市人民政府</title><script>var depts=['某市财政局','某市教育局'];</script></head><body><div class=nav><a>首页</a><a>政务公开</a><ul><li>关于2023年度政府信息公开工作年度报告的通知 2024-01-02</li></ul></div><div class=main>{article}</div><div class=footer>主办：某市人民政府办公室 2024年12月1日</div></body></html>");
        let text = to_text(&page);
        assert!(
            text.starts_with("某局2023年政府信息公开工作年度报告\n一、总体情况"),
            "{text}"
        );
        assert!(text.ends_with("某局\n2024年1月20日"), "{text}");
        assert!(!text.contains("主办"));
        assert!(!text.contains("首页"));
        // A page that is the report alone is read whole, its title kept when it has one.
        let bare = format!("<body><h1>某局2023年政府信息公开工作年度报告</h1>{article}</body>");
        assert!(to_text(&bare).starts_with("某局2023年政府信息公开工作年度报告\n一、"));
        assert_eq!(
            page_title("<title>年报 - 站点</title>").as_deref(),
            Some("年报")
        );
        assert_eq!(page_title("<title>首页</title>"), None);
    }

    #[test]
    fn hostile_nesting_is_bounded() {
        let deep = "<div>".repeat(100_000) + "正文";
        assert_eq!(to_text(&deep), "正文");
        let unclosed = "<table>".repeat(10_000) + "<td>1";
        assert_eq!(to_text(&unclosed), "1");
    }
}
