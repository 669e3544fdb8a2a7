//! Text from a report or a file name, made safe to show: control characters and the
//! bidirectional controls (U+202E can make a name ending `txt.exe` read as one ending
//! `exe.txt`) are written out as `\u{…}` rather than acted on. The terminal renderer and the page's
//! file names (tabs, the batch summary) both show names through it.

use std::borrow::Cow;

/// Is `c` a character that changes how the text around it shows rather than showing
/// itself: a control character, or a bidirectional mark, embedding, override or
/// isolate?
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every [`is_invisible`] character written out as `\u{…}`.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_invisible) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_invisible(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The most of a file's text the page puts into its text area: a browser lays a text
/// area out whole (2 MB of line breaks froze a tab for 19 s, 20 MB closed it; 3,000
/// lines take a frame of about 85 ms of layout on 2 cores). A report is 5–40 KB and a
/// few hundred lines, a Word copy of one with a cell per line under 2,000.
pub const TEXT_AREA_MAX_BYTES: usize = 128 << 10;
/// The most lines of a text the page's text area is given (see [`TEXT_AREA_MAX_BYTES`]).
pub const TEXT_AREA_MAX_LINES: usize = 2_000;

/// Where a text must be cut to be shown in a text area (a byte index at a line's end),
/// or `None` when it can be shown whole.
pub fn text_area_cut(text: &str) -> Option<usize> {
    if text.len() <= TEXT_AREA_MAX_BYTES && line_breaks(text) < TEXT_AREA_MAX_LINES {
        return None;
    }
    let mut at = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n == TEXT_AREA_MAX_LINES || at + line.len() > TEXT_AREA_MAX_BYTES {
            break;
        }
        at += line.len();
    }
    if at == 0 {
        // One line longer than the bound: cut it at a character.
        at = TEXT_AREA_MAX_BYTES;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
    }
    Some(at)
}

fn line_breaks(text: &str) -> usize {
    text.bytes().filter(|&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_for_the_text_area_at_a_line() {
        assert_eq!(text_area_cut("一份报告\n第二行"), None);
        let lines = "\n".repeat(2 << 20);
        assert_eq!(text_area_cut(&lines), Some(TEXT_AREA_MAX_LINES));
        let wide = "报告正文。\n".repeat(100_000);
        let at = text_area_cut(&wide).unwrap();
        assert!(at <= TEXT_AREA_MAX_BYTES && wide[..at].ends_with('\n'));
        let one_line = "甲".repeat(1 << 20);
        let at = text_area_cut(&one_line).unwrap();
        assert!(at <= TEXT_AREA_MAX_BYTES && one_line.is_char_boundary(at));
    }

    #[test]
    fn overrides_and_controls_are_written_out() {
        assert_eq!(visible("报告\u{202E}txt.exe"), "报告\\u{202e}txt.exe");
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert!(matches!(visible("平常的名字.txt"), Cow::Borrowed(_)));
    }
}
