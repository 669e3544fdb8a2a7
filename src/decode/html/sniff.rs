//! Telling an HTML page from text, and the encoding it declares, before it is read.

use encoding_rs::Encoding;

/// Tags read at most: a report's page has tens of thousands even saved whole from a
/// site; a page of millions (18 MB of `<td>x`, 2 GB as a tree) is no report.
pub const MAX_TAGS: usize = 500_000;

/// Does `html` have more tags than a page is read with ([`MAX_TAGS`])?
pub fn too_many_tags(html: &str) -> bool {
    html.bytes().filter(|&b| b == b'<').nth(MAX_TAGS).is_some()
}

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
pub(super) fn find_ignoring_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| {
        w.iter()
            .zip(needle)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}
