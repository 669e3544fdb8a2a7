//! PDF input: the text layer of a PDF, laid out so that its tables read like
//! `pdftotext -layout` output.
//!
//! A lean reader written for this one job, compiled into the same wasm as the rest:
//! the file structure (`file`), objects (`syntax`), fonts and their `/ToUnicode`
//! CMaps (`font`), page content (`content`) and the layout of characters into lines
//! and columns (`layout`). It reads what Word, WPS, LibreOffice and Acrobat write;
//! it does not render or read images. A file "protected" against copying (encrypted
//! with an empty user password) is decrypted as viewers do (`crypt`); one that needs
//! a password to open is refused. A scanned PDF, which has no text layer, gets a
//! message saying so (there is no OCR).
//!
//! Everything is bounded: decompressed stream sizes, object nesting, reference chains,
//! form nesting, operators run and pages read.

mod content;
mod crypt;
mod file;
mod filters;
mod font;
mod layout;
mod syntax;

// The scan reader lays out the OCR's characters as a text layer's (`decode::scan`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use content::{Char, PageContent};
use file::{PdfFile, Stored};
#[cfg(not(target_arch = "wasm32"))]
pub(crate) use layout::page_text;
use syntax::{Dict, Obj};

/// Why a PDF could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfError {
    /// Not a readable PDF: truncated or damaged beyond repair.
    Damaged,
    /// Encrypted with a password needed to open it (or by a handler other than the
    /// standard one).
    Encrypted,
    /// No text layer: a scan, or pages of images.
    NoText,
    /// Text whose fonts do not say which characters it is (no `/ToUnicode` map for
    /// fonts that need one): the text cannot be read without guessing.
    NoUnicode,
    /// A stream would decompress beyond the limits (a bomb).
    TooLarge,
    /// A stream filter that holds no text (image codecs); internal.
    Unsupported,
}

/// The most pages read: a report has a handful, a budget a few hundred.
pub const MAX_PAGES: usize = 2000;

/// Where `%PDF-` starts (the header may follow a little junk, §7.5.2 and viewers).
pub fn header_offset(bytes: &[u8]) -> Option<usize> {
    file::find(&bytes[..bytes.len().min(1024)], b"%PDF-")
}

/// The work a read did, for tests that bound it (hostile files must stop at the
/// budgets, not after minutes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Bytes decoded by all stream filters, every use of a stream counted.
    pub decoded: usize,
    /// Content-stream operators run, those of forms counted every time drawn.
    pub operators: usize,
    /// Page-tree nodes visited.
    pub nodes: usize,
    /// Pages read.
    pub pages_read: usize,
    /// Pages the file says it has (its page tree's `/Count`), when more were there
    /// than [`MAX_PAGES`].
    pub pages_total: Option<usize>,
}

/// The text of a PDF, page after page, with its tables laid out in columns.
pub fn to_text(bytes: &[u8]) -> Result<String, PdfError> {
    to_text_measured(bytes).0
}

/// [`to_text`], with the work it did.
pub fn to_text_measured(bytes: &[u8]) -> (Result<String, PdfError>, Work) {
    let mut work = Work::default();
    let text = read_text(bytes, &mut work);
    (text, work)
}

fn read_text(bytes: &[u8], work: &mut Work) -> Result<String, PdfError> {
    let start = header_offset(bytes).ok_or(PdfError::Damaged)?;
    let data = &bytes[start..];
    let file = PdfFile::open(data)?;
    let result = pages_text(&file, work);
    work.decoded = file.decoded.get();
    result
}

/// The pages of the file's page tree, and its root.
fn page_tree(file: &PdfFile) -> Result<(Vec<Page>, Walk, Obj), PdfError> {
    let root = file.get(&file.trailer, b"Root");
    let pages_root = root
        .as_dict()
        .map(|r| file.get(r, b"Pages"))
        .ok_or(PdfError::Damaged)?;
    let mut pages = Vec::new();
    let mut walk = Walk::default();
    collect_pages(
        file,
        &pages_root,
        &Inherited::default(),
        &mut pages,
        &mut walk,
        0,
    );
    Ok((pages, walk, pages_root))
}

fn pages_text(file: &PdfFile, work: &mut Work) -> Result<String, PdfError> {
    let (pages, walk, pages_root) = page_tree(file)?;
    work.nodes = walk.nodes;
    work.pages_read = pages.len();
    if pages.len() >= MAX_PAGES {
        let count = pages_root
            .as_dict()
            .and_then(|d| file.get(d, b"Count").as_i64())
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(0);
        work.pages_total = Some(count.max(MAX_PAGES + 1));
    }
    if pages.is_empty() {
        return Err(PdfError::Damaged);
    }
    let mut interp = content::Interpreter::new(file);
    let mut out = String::new();
    let mut chars = 0;
    let mut unknown = 0;
    for page in &pages {
        let content = page_content(file, &page.dict);
        let (x0, y0, x1, y1) = page.media_box;
        let base = match page.rotate.rem_euclid(360) {
            90 => [0.0, -1.0, 1.0, 0.0, -y0, x1],
            180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
            270 => [0.0, 1.0, -1.0, 0.0, y1, -x0],
            _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        };
        let mut pbox = match page.rotate.rem_euclid(360) {
            90 | 270 => (0.0, 0.0, y1 - y0, x1 - x0),
            180 => (0.0, 0.0, x1 - x0, y1 - y0),
            _ => (x0, y0, x1, y1),
        };
        interp.out = content::PageContent::default();
        interp.run_page(&content, &page.resources, base);
        chars += interp.out.chars.len();
        unknown += interp
            .out
            .chars
            .iter()
            .filter(|c| c.text.contains('\u{FFFD}'))
            .count();
        layout::upright(&mut interp.out, &mut pbox);
        layout::page_text(&interp.out, pbox, &mut out, None);
        out.push('\n');
        if interp.exhausted() {
            break;
        }
    }
    work.operators = interp.operators();
    if chars == 0 {
        return Err(if file.too_large.get() {
            PdfError::TooLarge
        } else {
            PdfError::NoText
        });
    }
    // A few unknown characters (a symbol font's bullet) are fine; a report in them is
    // not.
    if unknown * 3 > chars {
        return Err(PdfError::NoUnicode);
    }
    Ok(out)
}

/// Page attributes inherited from the page tree (§7.7.3.4).
#[derive(Clone, Default)]
struct Inherited {
    resources: Option<Dict>,
    media_box: Option<(f64, f64, f64, f64)>,
    rotate: Option<i64>,
}

struct Page {
    dict: Dict,
    resources: Dict,
    media_box: (f64, f64, f64, f64),
    rotate: i64,
}

fn rect(file: &PdfFile, o: &Obj) -> Option<(f64, f64, f64, f64)> {
    let a: Vec<f64> = file
        .resolve(o)
        .as_array()?
        .iter()
        .filter_map(|v| file.resolve(v).as_f64())
        .collect();
    (a.len() == 4).then(|| {
        (
            a[0].min(a[2]),
            a[1].min(a[3]),
            a[0].max(a[2]),
            a[1].max(a[3]),
        )
    })
}

/// Page-tree nodes visited at most: a report has a handful; a hostile tree of a
/// million kids (missing or not pages) stops here.
const MAX_PAGE_NODES: usize = 20_000;

/// The walk of the page tree: the nodes already visited (a hash set: a list searched
/// at every node was quadratic) and how many were.
#[derive(Default)]
struct Walk {
    seen: std::collections::HashSet<u32>,
    nodes: usize,
}

fn collect_pages(
    file: &PdfFile,
    node: &Obj,
    inherited: &Inherited,
    pages: &mut Vec<Page>,
    walk: &mut Walk,
    depth: usize,
) {
    if depth > 64 || pages.len() >= MAX_PAGES || walk.nodes >= MAX_PAGE_NODES {
        return;
    }
    walk.nodes += 1;
    if let Obj::Ref(n, _) = node {
        if !walk.seen.insert(*n) {
            return;
        }
    }
    let Obj::Dict(dict) = file.resolve(node) else {
        return;
    };
    let mut inh = inherited.clone();
    if let Obj::Dict(r) = file.get(&dict, b"Resources") {
        inh.resources = Some(r);
    }
    if let Some(r) = dict.get(b"MediaBox").and_then(|o| rect(file, o)) {
        inh.media_box = Some(r);
    }
    if let Some(r) = file.get(&dict, b"Rotate").as_i64() {
        inh.rotate = Some(r);
    }
    match file.get(&dict, b"Kids") {
        Obj::Array(kids) => {
            for kid in kids.iter() {
                collect_pages(file, kid, &inh, pages, walk, depth + 1);
            }
        }
        _ if dict.get(b"Contents").is_some()
            || file.get(&dict, b"Type").as_name() == Some(b"Page") =>
        {
            let media_box = dict
                .get(b"CropBox")
                .and_then(|o| rect(file, o))
                .or(inh.media_box)
                .unwrap_or((0.0, 0.0, 595.0, 842.0));
            pages.push(Page {
                resources: inh.resources.unwrap_or_default(),
                media_box,
                rotate: inh.rotate.unwrap_or(0),
                dict,
            });
        }
        _ => {}
    }
}

/// A page's content: its stream, or its streams joined.
fn page_content(file: &PdfFile, page: &Dict) -> Vec<u8> {
    let mut out = Vec::new();
    let contents = page.get(b"Contents").cloned().unwrap_or(Obj::Null);
    let parts: Vec<Obj> = match file.resolve(&contents) {
        Obj::Array(a) => a,
        _ => vec![contents],
    };
    for part in parts.iter().take(10_000) {
        if let Some((_, data)) = file.stream(part) {
            out.extend_from_slice(&data);
            out.push(b'\n');
        }
    }
    out
}

/// The picture on one page of a scanned PDF: the page's largest image, as stored.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// Its width and height in pixels (`/Width`, `/Height`).
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// Colour components per pixel (`/ColorSpace`: 1 gray, 3 RGB, 4 CMYK).
    pub components: u8,
    /// Bits per component (`/BitsPerComponent`; 1 for black and white).
    pub bits: u8,
    /// The image codec of the data (`DCTDecode` …), or `None` for plain samples.
    pub codec: Option<Vec<u8>>,
    /// The data: the codec's stream, or the samples row after row.
    pub data: Vec<u8>,
    /// `/Decode [1 0]` (an inverted black-and-white image, as CCITT scans often are).
    pub inverted: bool,
}

/// The page images of a PDF without text (a scan): each page's largest image, page by
/// page; a page without one is left out. At most `max_pages` pages are read.
pub fn page_images(bytes: &[u8], max_pages: usize) -> Result<Vec<PageImage>, PdfError> {
    let start = header_offset(bytes).ok_or(PdfError::Damaged)?;
    let file = PdfFile::open(&bytes[start..])?;
    let (pages, _, _) = page_tree(&file)?;
    let mut out = Vec::new();
    for page in pages.iter().take(max_pages) {
        let mut best: Option<(u64, Obj)> = None;
        find_images(&file, &page.resources, 0, &mut best);
        let Some((_, obj)) = best else { continue };
        let Some((dict, data, codec)) = file.image_stream(&obj) else {
            continue;
        };
        let int = |k: &[u8]| file.get(&dict, k).as_i64().unwrap_or(0);
        let components = match file.get(&dict, b"ColorSpace") {
            Obj::Name(n) if n == b"DeviceRGB" || n == b"CalRGB" => 3,
            Obj::Name(n) if n == b"DeviceCMYK" => 4,
            Obj::Name(_) => 1,
            Obj::Array(a) => match a.first().map(|o| file.resolve(o)) {
                Some(Obj::Name(n)) if n == b"ICCBased" => a
                    .get(1)
                    .and_then(|s| file.image_stream(s))
                    .and_then(|(d, _, _)| file.get(&d, b"N").as_i64())
                    .unwrap_or(3) as u8,
                // An indexed palette is not a scan's; read as gray at worst.
                _ => 1,
            },
            _ => 1,
        };
        let inverted = matches!(file.get(&dict, b"Decode"),
            Obj::Array(a) if a.first().and_then(|o| file.resolve(o).as_f64()) == Some(1.0));
        out.push(PageImage {
            width: u32::try_from(int(b"Width")).unwrap_or(0),
            height: u32::try_from(int(b"Height")).unwrap_or(0),
            components,
            bits: u8::try_from(int(b"BitsPerComponent")).unwrap_or(8),
            codec,
            data,
            inverted,
        });
    }
    Ok(out)
}

/// The largest image XObject of `resources` (and of the forms it draws, two deep), by
/// its pixel count.
fn find_images(file: &PdfFile, resources: &Dict, depth: usize, best: &mut Option<(u64, Obj)>) {
    let Obj::Dict(xobjects) = file.get(resources, b"XObject") else {
        return;
    };
    for (_, obj) in xobjects.0.iter().take(1000) {
        let Some(Stored::Stream { dict, .. }) = (match obj {
            Obj::Ref(n, _) => file.stored(*n),
            _ => None,
        })
        .as_deref()
        .cloned() else {
            continue;
        };
        match file.get(&dict, b"Subtype").as_name() {
            Some(b"Image") => {
                let int = |k: &[u8]| file.get(&dict, k).as_i64().unwrap_or(0).max(0) as u64;
                let area = int(b"Width") * int(b"Height");
                if best.as_ref().is_none_or(|(a, _)| area > *a) {
                    *best = Some((area, obj.clone()));
                }
            }
            Some(b"Form") if depth < 2 => {
                if let Obj::Dict(r) = file.get(&dict, b"Resources") {
                    find_images(file, &r, depth + 1, best);
                }
            }
            _ => {}
        }
    }
}
