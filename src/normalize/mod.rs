//! Stage 2 of the pipeline: character normalisation.
//!
//! Pasted reports mix full-width and half-width forms (`（一）` / `(一)`, `１２` / `12`),
//! curly and straight quotes, ideographic spaces and stray spaces inside labels
//! (`三、 本 年 度 办 理 结 果`). Everything downstream compares *folded* text, while
//! cells keep their raw text. [`fold_char`] is a strict one-char-to-one-char mapping so
//! that a char index into a folded line is also a char index into the original line.

/// Folds one character to its canonical form: full-width ASCII to ASCII, the
/// ideographic space and no-break spaces to a space, curly quotes to straight ones and
/// the many dashes and minus signs to `-`.
///
/// The mapping never changes the number of characters, so positions survive it.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{FEFF}' | '\u{202F}' => ' ',
        '“' | '”' | '„' | '″' => '"',
        '‘' | '’' | '′' => '\'',
        '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{FE63}' => '-',
        '〔' => '[',
        '〕' => ']',
        '｡' => '。',
        // PDFs made on some systems map ideographs to their radical code points
        // (`⼀、总体情况`, `⾏政处罚`); a copy from such a PDF carries them too.
        '\u{2F00}'..='\u{2FD5}' => KANGXI_RADICALS
            .chars()
            .nth(c as usize - 0x2F00)
            .unwrap_or(c),
        '\u{2E80}'..='\u{2EF3}' => match c {
            '\u{2E9F}' => '母',
            '\u{2EA0}' => '民',
            '\u{2EC4}' => '西',
            '\u{2EC5}' => '见',
            '\u{2EC6}' => '角',
            '\u{2EC8}' => '讠',
            '\u{2EC9}' => '贝',
            '\u{2ECB}' => '车',
            '\u{2ECC}' => '辶',
            '\u{2ED0}' => '钅',
            '\u{2ED3}' => '长',
            '\u{2ED4}' => '门',
            '\u{2ED9}' => '韦',
            '\u{2EDA}' => '页',
            '\u{2EDB}' => '风',
            '\u{2EDC}' => '飞',
            '\u{2EE0}' => '饣',
            '\u{2EE2}' => '马',
            '\u{2EE5}' => '鱼',
            '\u{2EE6}' => '鸟',
            '\u{2EE7}' => '卤',
            '\u{2EE8}' => '麦',
            '\u{2EE9}' => '黄',
            '\u{2EEA}' => '黾',
            '\u{2EEC}' => '齐',
            '\u{2EEE}' => '齿',
            '\u{2EF0}' => '龙',
            '\u{2EF3}' => '龟',
            _ => c,
        },
        _ => c,
    }
}

/// The 214 Kangxi radicals U+2F00–U+2FD5 as the ideographs they stand for (their
/// Unicode compatibility mappings).
const KANGXI_RADICALS: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// Folds a whole string with [`fold_char`].
pub fn fold(s: &str) -> String {
    // ASCII folds to itself, and folding never lengthens a text: one allocation.
    if s.is_ascii() {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_char));
    out
}

/// Is `c` a CJK ideograph (the characters that carry the meaning of a label)?
pub fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// The *compact key* of a piece of text: its ideographs only, in order.
///
/// Labels are matched on compact keys, which makes matching indifferent to spaces,
/// line breaks, punctuation, numbering digits and full/half-width forms:
/// `"(二) 部分公开 (区分处理的"` and `"（二）部分公开（区分处理的"` have the same key.
pub fn compact(s: &str) -> String {
    // Folding shortens full-width characters and leaves the rest: one allocation.
    let mut out = String::with_capacity(s.len());
    out.extend(s.chars().map(fold_char).filter(|&c| is_ideograph(c)));
    out
}

/// Display width of a character in a monospaced rendering: two columns for East Asian
/// wide and full-width characters, one otherwise. Space-aligned dumps (`pdftotext
/// -layout`, pandoc, lynx) pad with this width, so column positions are measured in it.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}

/// Display width of a text: the sum of its characters' [`char_width`].
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Strips a leading outline number from a label: `一、`, `（一）`, `(一)`, `1.`, `1、`,
/// `1．`, `第一，` are all numbering, not part of what the label says.
pub fn strip_numbering(label: &str) -> &str {
    let s = label.trim_start();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = s.char_indices().peekable();
    // （一） or (一) or (1)
    if let Some(&(_, open)) = chars.peek() {
        if open == '（' || open == '(' {
            let rest = &s[open.len_utf8()..];
            let end = rest.find(|c: char| !(numeral(c) || c.is_ascii_digit()));
            if let Some(end) = end {
                if end > 0 {
                    let after = &rest[end..];
                    if let Some(stripped) =
                        after.strip_prefix('）').or_else(|| after.strip_prefix(')'))
                    {
                        return stripped.trim_start();
                    }
                }
            }
            return s;
        }
    }
    let end = s
        .find(|c: char| !(numeral(c) || c.is_ascii_digit()))
        .unwrap_or(0);
    if end > 0 {
        let after = &s[end..];
        for sep in ['、', '.', '．', '，', ' '] {
            if let Some(stripped) = after.strip_prefix(sep) {
                return stripped.trim_start();
            }
        }
    }
    s
}

/// Parses the Chinese numerals one to ten (`一` … `十`), as used in section headings.
pub fn chinese_numeral(c: char) -> Option<u8> {
    // A match, not a search of a string: it runs for every char of long lines.
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_length() {
        let s = "（一）予以公开　１２３“三安全一稳定”";
        assert_eq!(s.chars().count(), fold(s).chars().count());
        assert_eq!(fold("（一）１２"), "(一)12");
    }

    /// What [`fold`]'s one allocation rests on: ASCII folds to itself, and no char
    /// folds to a longer one.
    #[test]
    fn folding_keeps_ascii_and_never_lengthens() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let folded = fold_char(c);
            if c.is_ascii() {
                assert_eq!(folded, c);
            }
            assert!(folded.len_utf8() <= c.len_utf8(), "{c:?} -> {folded:?}");
        }
    }

    #[test]
    fn radicals_fold_to_ideographs() {
        assert_eq!(fold("⼀、总体情况"), "一、总体情况");
        assert_eq!(fold("⾏政处罚⽂件⻓期"), "行政处罚文件长期");
        assert_eq!(fold_char('\u{2FD5}'), '龠');
        assert_eq!(compact("⼆、主动公开"), "二主动公开");
    }

    #[test]
    fn compact_ignores_layout() {
        assert_eq!(compact("三、 本 年 度 办 理 结 果"), "三本年度办理结果");
        assert_eq!(
            compact("(二) 部分公开 (区分"),
            compact("（二）部分公开（区分")
        );
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("一、本年新收"), "本年新收");
        assert_eq!(strip_numbering("（一）予以公开"), "予以公开");
        assert_eq!(strip_numbering("(七) 总计"), "总计");
        assert_eq!(
            strip_numbering("3.危及“三安全一稳定”"),
            "危及“三安全一稳定”"
        );
        assert_eq!(strip_numbering("规章"), "规章");
        assert_eq!(strip_numbering("三安全"), "三安全");
    }

    #[test]
    fn widths() {
        assert_eq!(char_width('a'), 1);
        assert_eq!(char_width('表'), 2);
        assert_eq!(char_width('（'), 2);
    }
}

/// The decoded input split into lines, before and after folding.
///
/// Line `i` (0-based) of both vectors has exactly as many chars folded as original, so
/// char positions carry over. A line is usually input line `i + 1`; when a glued line
/// (a whole report on one line) has been cut at its section headings
/// ([`Doc::split_line`]), several lines come from one input line, and [`Doc::source`]
/// says which.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Lines as written.
    pub orig: Vec<String>,
    /// Lines folded with [`fold`].
    pub folded: Vec<String>,
    /// `source[i]`: the 0-based input line that line `i` was read from.
    source: Vec<usize>,
    /// The input had more than [`MAX_LINES`] lines: only those were read.
    pub truncated: bool,
}

/// Lines read at most: a report has a few thousand, even one cell per line; a text of
/// millions of lines (20 MB of line breaks) is read no further, and the report says so.
pub const MAX_LINES: usize = 200_000;

/// Does `c` end a line? LF, CR (CRLF counts once), and the Unicode line and paragraph
/// separators, which some editors and web pages use.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

impl Doc {
    /// Splits `text` into lines (LF, CRLF, CR, U+2028, U+2029) and folds them.
    pub fn new(text: &str) -> Doc {
        let mut orig: Vec<String> = Vec::new();
        let mut truncated = false;
        let lf_only = !text.as_bytes().contains(&b'\r')
            && !text.contains('\u{2028}')
            && !text.contains('\u{2029}');
        if lf_only {
            // The common case, searched fast.
            orig = text.lines().take(MAX_LINES).map(str::to_owned).collect();
            truncated = orig.len() == MAX_LINES && text.lines().nth(MAX_LINES).is_some();
        }
        let mut rest = if lf_only { "" } else { text };
        while !rest.is_empty() {
            if orig.len() == MAX_LINES {
                truncated = true;
                break;
            }
            let end = rest.find(is_line_break).unwrap_or(rest.len());
            orig.push(rest[..end].to_owned());
            rest = &rest[end..];
            if rest.starts_with("\r\n") {
                rest = &rest[2..];
            } else if let Some(c) = rest.chars().next() {
                rest = &rest[c.len_utf8()..];
            }
        }
        let folded = orig.iter().map(|l| fold(l)).collect();
        let source = (0..orig.len()).collect();
        Doc {
            orig,
            folded,
            source,
            truncated,
        }
    }

    /// Number of lines.
    pub fn len(&self) -> usize {
        self.orig.len()
    }

    /// Has the document no lines?
    pub fn is_empty(&self) -> bool {
        self.orig.is_empty()
    }

    /// The 0-based input line that line `i` was read from.
    pub fn source(&self, i: usize) -> usize {
        self.source.get(i).copied().unwrap_or(i)
    }

    /// Maps a line of this document to the line of the input it was read from.
    pub fn input_line(&self, line: crate::model::LineNo) -> crate::model::LineNo {
        crate::model::LineNo::from_index(self.source(line.index()))
    }

    /// Cuts line `i` at the char positions `cuts` (ascending, inside the line) into
    /// several lines, each remembering the input line it came from.
    pub fn split_line(&mut self, i: usize, cuts: &[usize]) {
        if cuts.is_empty() || i >= self.len() {
            return;
        }
        let pieces = |s: &str| -> Vec<String> {
            let chars: Vec<char> = s.chars().collect();
            let mut out = Vec::with_capacity(cuts.len() + 1);
            let mut start = 0;
            for &c in cuts.iter().chain(std::iter::once(&chars.len())) {
                let c = c.clamp(start, chars.len());
                out.push(chars[start..c].iter().collect());
                start = c;
            }
            out
        };
        let orig = pieces(&self.orig[i]);
        let folded = pieces(&self.folded[i]);
        let n = orig.len();
        let src = self.source(i);
        self.orig.splice(i..=i, orig);
        self.folded.splice(i..=i, folded);
        self.source.splice(i..=i, std::iter::repeat_n(src, n));
    }
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    #[test]
    fn every_line_break_ends_a_line() {
        let d = Doc::new("a\r\nb\rc\u{2028}d\u{2029}e\nf");
        assert_eq!(d.orig, ["a", "b", "c", "d", "e", "f"]);
        assert_eq!(Doc::new("a\n\nb\n").orig, ["a", "", "b"]);
    }

    #[test]
    fn split_lines_remember_their_input_line() {
        let mut d = Doc::new("标题\n一、总体情况甲二、主动\n尾");
        d.split_line(1, &[6, 7]);
        assert_eq!(d.orig, ["标题", "一、总体情况", "甲", "二、主动", "尾"]);
        assert_eq!(d.folded.len(), 5);
        assert_eq!(
            (0..5).map(|i| d.source(i)).collect::<Vec<_>>(),
            [0, 1, 1, 1, 2]
        );
        let line = |n: usize| crate::model::LineNo::new(n).unwrap();
        assert_eq!(d.input_line(line(4)), line(2));
        assert_eq!(d.input_line(line(5)), line(3));
    }
}
