//! The page parsed into a tree of elements and text, as leniently as a browser: what
//! HTML lets authors leave open is closed, stray end tags are ignored, and nesting and
//! spans are bounded.

use super::entities::decode_entities;
use super::sniff::{find_ignoring_case, MAX_TAGS};

/// Nesting deeper than this is flattened: real pages nest a few dozen levels, and the
/// bound keeps the tree walk's recursion and memory bounded on hostile input.
const MAX_DEPTH: usize = 128;

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
pub(super) const BLOCK: [&str; 33] = [
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

/// A node of the parsed page.
#[derive(Debug)]
pub(super) enum Node {
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
pub(super) struct Span {
    pub(super) cols: usize,
    pub(super) rows: usize,
}

const NO_SPAN: Span = Span { cols: 1, rows: 1 };

/// The most columns one cell may span: HTML allows 1000, a report's widest table has
/// sixteen.
const MAX_COLSPAN: usize = 100;

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
pub(super) fn parse(html: &str) -> Vec<Node> {
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
