//! Scanned reports: a PDF of page images, or the pages as photos (`.jpg`, `.png`),
//! read by OCR into the same kind of text a PDF's text layer gives.
//!
//! The stages: the page images decoded ([`bitmap`]: JPEG, PNG and a PDF's images,
//! within [`MAX_SCAN_PAGES`] pages and [`bitmap::MAX_PAGE_PIXELS`] pixels a page) and
//! straightened (a page turned up to 5° on the scanner's glass),
//! their text boxes and characters read ([`ocr`]), and the boxes laid out in lines and
//! columns ([`page`]). What the OCR read is not yet a table's numbers: the tables'
//! identities decide which cells are read ([`crate::tables::scan`]), and where each
//! doubtful digit is, is kept for that ([`ScanText::doubtful`]).

pub mod bitmap;
pub mod ocr;
pub mod page;

pub use bitmap::{Bitmap, ImageError};
pub use ocr::{Engine, OcrError};

use super::pdf;

/// Pages of a scan read at most: a report has a handful.
pub const MAX_SCAN_PAGES: usize = 60;

/// Pixels of all pages together at most.
pub const MAX_SCAN_PIXELS: usize = 400_000_000;

/// Why the pages of a scan could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    /// Not a PDF or an image this reader knows, or damaged.
    Damaged,
    /// A page has more pixels than a scan has, or all pages together have.
    TooLarge,
    /// The images are encoded in a way this reader cannot decode; the codec.
    Codec(&'static str),
    /// No page has an image.
    NoImages,
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Damaged => f.write_str("扫描件的图片已损坏或格式无法识别，无法进行文字识别"),
            ScanError::TooLarge => write!(
                f,
                "扫描件的图片过大（单页超过 {} 万像素，或合计超过 {} 万像素），已拒绝识别",
                bitmap::MAX_PAGE_PIXELS / 10_000,
                MAX_SCAN_PIXELS / 10_000
            ),
            ScanError::Codec(c) => write!(
                f,
                "扫描件的图片采用 {c} 编码，本工具暂不能解码。请用扫描软件另存为 JPEG 图片或 JPEG 格式的 PDF 后再试，或提供含文字的 Word、PDF 文件"
            ),
            ScanError::NoImages => f.write_str("此 PDF 既没有文字层，也没有可识别的页面图片"),
        }
    }
}

impl std::error::Error for ScanError {}

fn from_image(e: ImageError) -> ScanError {
    match e {
        ImageError::Damaged => ScanError::Damaged,
        ImageError::TooLarge => ScanError::TooLarge,
        ImageError::Codec(c) => ScanError::Codec(c),
    }
}

/// The pages of a scan: each page image of an image-only PDF, or one image file.
pub fn pages(bytes: &[u8]) -> Result<Vec<Bitmap>, ScanError> {
    let pages = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        vec![bitmap::jpeg(bytes).map_err(from_image)?]
    } else if bytes.starts_with(b"\x89PNG") {
        vec![bitmap::png(bytes).map_err(from_image)?]
    } else {
        let images = pdf::page_images(bytes, MAX_SCAN_PAGES).map_err(|_| ScanError::Damaged)?;
        if images.is_empty() {
            return Err(ScanError::NoImages);
        }
        let pixels: usize = images
            .iter()
            .map(|i| i.width as usize * i.height as usize)
            .sum();
        if pixels > MAX_SCAN_PIXELS {
            return Err(ScanError::TooLarge);
        }
        images
            .iter()
            .map(|i| bitmap::pdf_image(i).map_err(from_image))
            .collect::<Result<_, _>>()?
    };
    Ok(pages)
}

/// The text OCR read from a scan's pages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanText {
    /// The pages' text, laid out as a PDF's text layer is.
    pub text: String,
    /// Where each digit the OCR was not sure of is in `text`: its 1-based line and
    /// its char index in the line.
    pub doubtful: Vec<(usize, usize)>,
    /// Pages read.
    pub pages: usize,
}

/// Reads the pages with `engine`, calling `progress(page)` after each one (the CLI's
/// and the page's progress).
pub fn read(
    pages: &[Bitmap],
    engine: &Engine,
    mut progress: impl FnMut(usize),
) -> Result<ScanText, OcrError> {
    let mut out = ScanText::default();
    let mut doubtful = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        // A page laid a little turned on the glass: its rows straightened first, or a
        // table's rows would run into each other across the page.
        let page = &*bitmap::straightened(page);
        let lines = engine.read_page(page)?;
        page::layout(
            &lines,
            page.width,
            page.height,
            &mut out.text,
            &mut doubtful,
        );
        out.text.push('\n');
        out.pages += 1;
        progress(i + 1);
    }
    out.doubtful = doubtful.into_iter().map(|(l, c)| (l + 1, c)).collect();
    Ok(out)
}
