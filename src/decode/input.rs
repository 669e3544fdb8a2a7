//! Reading a file or a paste: which format it is, and the Chinese message for what
//! cannot be read. The CLI, the page and the JS API all come through [`read_input`].

use super::{docx, html, pdf};
use crate::model::{Format, Source};

/// Inputs larger than this are refused: a report is tens of kilobytes, a few MB with
/// images; 20 MB of text is not a report.
pub const MAX_INPUT_BYTES: usize = 20 * 1024 * 1024;

/// Why an input could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// The input is empty.
    Empty,
    /// The input is larger than [`MAX_INPUT_BYTES`].
    TooLarge(usize),
    /// A file format that is not text (yet): PDF, Word, images, archives.
    Unsupported(&'static str),
    /// Bytes that are not text in any supported encoding.
    Binary,
    /// A file of a supported format that is damaged or hostile; the reason, in Chinese.
    Damaged(&'static str),
    /// A file of a supported format that holds no text (a Word file or a web page of
    /// images, a text file of blank lines): nothing to check, which is not the same as a
    /// report with every section missing.
    NoText,
    /// A scan: a PDF of page images, or a page's photo (JPEG, PNG). Its text is had
    /// only by OCR (`decode::scan`), which the command line runs when it has the
    /// models; the page does not yet.
    Scanned,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Empty => f.write_str("输入为空，请粘贴年度报告全文或选择文件"),
            InputError::TooLarge(n) => write!(
                f,
                "文件过大（{:.1} MB），超过 {} MB 的上限，不像是一份年度报告",
                *n as f64 / 1048576.0,
                MAX_INPUT_BYTES / 1048576
            ),
            InputError::Unsupported(kind) => write!(
                f,
                "暂不支持{kind}，请将报告另存为 Word（.docx）、PDF、网页（.html）或纯文本（.txt），或复制全文后粘贴"
            ),
            InputError::Binary => f.write_str(
                "无法识别的文件：不是文本文件（支持 UTF-8、GB18030/GBK、UTF-16 编码的文本）",
            ),
            InputError::Damaged(why) => f.write_str(why),
            InputError::Scanned => f.write_str(
                "此文件是扫描件或图片，没有文字层，需经文字识别才能读取表格数据。网页版暂不做文字识别；命令行版可用 --ocr-models 指定文字识别模型目录后检查。也可使用由 Word/WPS 直接导出的 PDF，或提供 .docx 文件",
            ),
            InputError::NoText => f.write_str(
                "文件中没有可读的文字（可能只含图片或扫描页），无法检查（本工具不做文字识别）。请提供含文字的 Word、PDF 或网页文件，或复制报告全文后粘贴",
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Recognises file formats that are not text by their first bytes.
fn sniff_binary_format(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some("Word 97-2003（.doc）或 WPS（.wps）文件")
    } else if starts(b"GIF8") {
        Some("图片文件（无法从图片中读取文字）")
    } else {
        None
    }
}

/// A page of more tags than a report has.
const TOO_MANY_TAGS: InputError = InputError::Damaged(
    "网页标签过多（超过50万个），不像是一份年度报告页面，已拒绝读取。请只保存或复制报告正文",
);

/// Refuses HTML that no report is, before it is read: larger than [`MAX_INPUT_BYTES`],
/// or of more tags than a report page has. Every way HTML comes in (a file, a rich
/// paste, the JS API, an editor's content) is held to the same bounds.
pub fn html_within_bounds(html: &str) -> Result<(), InputError> {
    text_within_bounds(html)?;
    if html::too_many_tags(html) {
        return Err(TOO_MANY_TAGS);
    }
    Ok(())
}

/// Refuses text larger than [`MAX_INPUT_BYTES`], as a file of that size is refused.
pub fn text_within_bounds(text: &str) -> Result<(), InputError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(text.len()));
    }
    Ok(())
}

/// Reads report bytes (a file) into text, detecting the encoding; refuses what is not
/// a text report with a message for the user, and a file that holds no text at all.
/// `section_words` find the article of a web page (see [`html::to_text`]).
pub fn read_input(
    bytes: &[u8],
    name: &str,
    section_words: &[String],
) -> Result<(String, Source), InputError> {
    let (text, source) = read_any(bytes, name, section_words)?;
    if text.trim().is_empty() {
        return Err(InputError::NoText);
    }
    Ok((text, source))
}

fn read_any(
    bytes: &[u8],
    name: &str,
    section_words: &[String],
) -> Result<(String, Source), InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len()));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        use docx::DocxError;
        let text = docx::to_text(bytes).map_err(|e| match e {
            DocxError::Damaged => InputError::Damaged(
                "Word 文件已损坏或不完整，无法读取。请用 Word 或 WPS 打开后重新另存为 .docx",
            ),
            DocxError::NotWord => InputError::Unsupported("压缩包（不是 Word .docx 文件）"),
            DocxError::Ofd => InputError::Unsupported("OFD 版式文件"),
            DocxError::TooLarge => {
                InputError::Damaged("Word 文件解压后过大（可能是恶意构造的压缩包），已拒绝读取")
            }
            DocxError::TooDeep => {
                InputError::Damaged("Word 文件结构嵌套过深（可能是恶意构造的文件），已拒绝读取")
            }
        })?;
        return Ok((text, Source::new(name, Format::Docx, "utf-8")));
    }
    if pdf::header_offset(bytes).is_some() {
        use pdf::PdfError;
        let (text, work) = pdf::to_text_measured(bytes);
        let text = text.map_err(|e| match e {
            PdfError::Damaged | PdfError::Unsupported => InputError::Damaged(
                "PDF 文件已损坏或不完整，无法读取。请重新导出 PDF，或打开后复制全文粘贴",
            ),
            PdfError::Encrypted => InputError::Damaged(
                "PDF 文件设有打开密码（或使用了不支持的加密方式），无法读取其文字。请导出未加密的 PDF，或打开后复制全文粘贴",
            ),
            PdfError::NoText => InputError::Scanned,
            PdfError::NoUnicode => InputError::Damaged(
                "此 PDF 的字体没有提供文字编码（缺少 ToUnicode 映射），文字无法准确识别。请用 Word/WPS 重新导出 PDF，或提供 .docx 文件",
            ),
            PdfError::TooLarge => InputError::Damaged(
                "PDF 文件解压后过大（可能是恶意构造的文件），已拒绝读取",
            ),
        })?;
        // A PDF's text is Unicode from its fonts' maps, not an encoding of the file.
        let mut source = Source::new(name, Format::Pdf, "unicode");
        source.pages_total = work.pages_total;
        return Ok((text, source));
    }
    // A page's photo: JPEG or PNG.
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"\x89PNG") {
        return Err(InputError::Scanned);
    }
    if let Some(kind) = sniff_binary_format(bytes) {
        return Err(InputError::Unsupported(kind));
    }
    let decoded = super::decode(bytes).map_err(|e| match e {
        super::DecodeError::Empty => InputError::Empty,
        super::DecodeError::Binary => InputError::Binary,
    })?;
    let html = html::looks_like_html(&decoded.text);
    if html && html::too_many_tags(&decoded.text) {
        return Err(TOO_MANY_TAGS);
    }
    let mut source = Source::new(
        name,
        if html { Format::Html } else { Format::Text },
        decoded.encoding,
    );
    source.damaged_bytes = (decoded.damaged > 0).then_some(decoded.damaged);
    let text = if html {
        html::to_text(&decoded.text, section_words)
    } else {
        decoded.text
    };
    Ok((text, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_text_no_report_is_are_refused_before_reading() {
        assert_eq!(html_within_bounds("<p>报告</p>"), Ok(()));
        assert_eq!(
            html_within_bounds(&"<td>".repeat(600_000)),
            Err(TOO_MANY_TAGS)
        );
        let big = "甲".repeat(MAX_INPUT_BYTES / 3 + 1);
        assert!(matches!(
            html_within_bounds(&big),
            Err(InputError::TooLarge(_))
        ));
        assert!(matches!(
            text_within_bounds(&big),
            Err(InputError::TooLarge(_))
        ));
        assert_eq!(
            html_within_bounds(&"<td>".repeat(600_000)),
            Err(TOO_MANY_TAGS)
        );
    }
}
