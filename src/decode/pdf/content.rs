//! Page content streams (ISO 32000-1 §8–9): where each character is drawn, and where
//! the table's ruling lines are.
//!
//! Only what text extraction needs is interpreted: the graphics state's matrix, the
//! text state and text-showing operators, form XObjects, and paths that are stroked or
//! filled as thin lines or rectangles (a table's borders). Everything else is skipped.

use super::file::PdfFile;
use super::font::Font;
use super::syntax::{Dict, Lexer, Obj};
use std::collections::HashMap;
use std::rc::Rc;

/// The most operators run per document: a report has tens of thousands.
pub const MAX_OPERATORS: usize = 2_000_000;

/// How deep form XObjects may nest.
const MAX_FORM_DEPTH: usize = 8;

/// Forms drawn per document at most: a report draws a few per page (a letterhead, a
/// page number); a form that draws itself forty times at each level of eight would
/// draw 40^8.
const MAX_FORM_DRAWS: usize = 50_000;

/// A character drawn on the page, in page space (points, y up).
#[derive(Debug, Clone)]
pub struct Char {
    pub text: String,
    /// Left end of the baseline.
    pub x: f64,
    pub y: f64,
    /// Advance along the baseline.
    pub width: f64,
    /// Font size on the page.
    pub size: f64,
    /// Direction of the baseline on the page (a unit vector; `(1, 0)` for upright text).
    pub dir: (f64, f64),
    /// Read by OCR without certainty (a scan's page); never so in a PDF's text.
    pub doubt: bool,
}

/// A ruling line: horizontal (`y0 == y1`) or vertical (`x0 == x1`), in page space.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// What was drawn on one page.
#[derive(Debug, Default)]
pub struct PageContent {
    pub chars: Vec<Char>,
    pub rules: Vec<Rule>,
}

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` (apply `a`, then `b`).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

/// Runs content streams, collecting characters and rules.
pub struct Interpreter<'f, 'a> {
    file: &'f PdfFile<'a>,
    fonts: HashMap<(usize, Vec<u8>), Rc<Font>>,
    font_by_obj: HashMap<u32, Rc<Font>>,
    pub out: PageContent,
    operators: usize,
    /// Forms drawn so far (each draw decodes and runs the form again).
    form_draws: usize,
}

impl<'f, 'a> Interpreter<'f, 'a> {
    pub fn new(file: &'f PdfFile<'a>) -> Self {
        Interpreter {
            file,
            fonts: HashMap::new(),
            font_by_obj: HashMap::new(),
            out: PageContent::default(),
            operators: 0,
            form_draws: 0,
        }
    }

    /// Operators run so far.
    pub fn operators(&self) -> usize {
        self.operators
    }

    /// Whether the operator budget is spent.
    pub fn exhausted(&self) -> bool {
        self.operators >= MAX_OPERATORS
    }

    /// Runs a page's content with its resources, under `base` (page space).
    pub fn run_page(&mut self, content: &[u8], resources: &Dict, base: Matrix) {
        self.fonts.clear();
        let gs = GState {
            ctm: base,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(content, resources, gs, 0);
    }

    fn font(&mut self, resources: &Dict, name: &[u8], depth: usize) -> Option<Rc<Font>> {
        let key = (depth, name.to_vec());
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let fonts = self.file.get(resources, b"Font");
        let entry = fonts.as_dict()?.get(name)?.clone();
        let font = match entry {
            Obj::Ref(n, _) => {
                if let Some(f) = self.font_by_obj.get(&n) {
                    f.clone()
                } else {
                    let d = self.file.resolve(&entry);
                    let f = Rc::new(Font::load(self.file, d.as_dict()?));
                    self.font_by_obj.insert(n, f.clone());
                    f
                }
            }
            Obj::Dict(d) => Rc::new(Font::load(self.file, &d)),
            _ => return None,
        };
        self.fonts.insert(key, font.clone());
        Some(font)
    }

    fn run(&mut self, content: &[u8], resources: &Dict, mut gs: GState, depth: usize) {
        let mut stack: Vec<GState> = Vec::new();
        let mut ops: Vec<Obj> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        // The current path: subpaths as point lists, and rectangles.
        let mut path: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut lx = Lexer::content(content);
        while let Some(o) = lx.next() {
            let Obj::Keyword(op) = o else {
                if ops.len() < 64 {
                    ops.push(o);
                }
                continue;
            };
            if self.operators >= MAX_OPERATORS {
                return;
            }
            self.operators += 1;
            let num = |i: usize| ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
            let nums6 = || -> Matrix { [num(0), num(1), num(2), num(3), num(4), num(5)] };
            match op.as_slice() {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" if ops.len() >= 6 => gs.ctm = mul(&nums6(), &gs.ctm),
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    gs.size = num(1);
                    gs.font = ops
                        .first()
                        .and_then(Obj::as_name)
                        .map(<[u8]>::to_vec)
                        .and_then(|n| self.font(resources, &n, depth));
                }
                b"Tc" => gs.char_spacing = num(0),
                b"Tw" => gs.word_spacing = num(0),
                b"Tz" => gs.scale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        gs.leading = -num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if ops.len() >= 6 => {
                    tlm = nums6();
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        gs.word_spacing = num(0);
                        gs.char_spacing = num(1);
                    }
                    if op != b"Tj" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Obj::Str(s)) = ops.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = ops.first() {
                        for item in items {
                            match item {
                                Obj::Str(s) => self.show(s, &gs, &mut tm),
                                other => {
                                    let adj = other.as_f64().unwrap_or(0.0);
                                    let tx = -adj / 1000.0 * gs.size * gs.scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = ops.first().and_then(Obj::as_name) {
                        self.xobject(resources, name, &gs, depth);
                    }
                }
                b"BI" => skip_inline_image(&mut lx),
                // Paths.
                b"m" => path.push(vec![apply(&gs.ctm, num(0), num(1))]),
                b"l" => {
                    let p = apply(&gs.ctm, num(0), num(1));
                    match path.last_mut() {
                        Some(sub) => sub.push(p),
                        None => path.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // A curve is not a ruling line: end the subpath at its end point.
                    let k = if op == b"c" { 4 } else { 2 };
                    path.push(vec![apply(&gs.ctm, num(k), num(k + 1))]);
                }
                b"h" => {
                    if let Some(sub) = path.last_mut() {
                        if let Some(&first) = sub.first() {
                            sub.push(first);
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (num(0), num(1), num(2), num(3));
                    path.push(vec![
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                        apply(&gs.ctm, x, y),
                    ]);
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    let filled = !matches!(op.as_slice(), b"S" | b"s");
                    for sub in path.drain(..) {
                        self.rules_of(&sub, filled);
                    }
                }
                b"n" => path.clear(),
                _ => {}
            }
            ops.clear();
        }
    }

    /// Ruling lines from a painted subpath: its straight horizontal and vertical
    /// segments, or — for a filled thin rectangle — its long axis.
    fn rules_of(&mut self, sub: &[(f64, f64)], filled: bool) {
        if self.out.rules.len() > 200_000 {
            return;
        }
        if filled && sub.len() == 5 {
            let xs = sub.iter().map(|p| p.0);
            let ys = sub.iter().map(|p| p.1);
            let (x0, x1) = (
                xs.clone().fold(f64::MAX, f64::min),
                xs.fold(f64::MIN, f64::max),
            );
            let (y0, y1) = (
                ys.clone().fold(f64::MAX, f64::min),
                ys.fold(f64::MIN, f64::max),
            );
            if x1 - x0 <= 2.5 && y1 - y0 > 2.5 {
                let x = (x0 + x1) / 2.0;
                self.out.rules.push(Rule {
                    x0: x,
                    y0,
                    x1: x,
                    y1,
                });
                return;
            }
            if y1 - y0 <= 2.5 && x1 - x0 > 2.5 {
                let y = (y0 + y1) / 2.0;
                self.out.rules.push(Rule {
                    x0,
                    y0: y,
                    x1,
                    y1: y,
                });
                return;
            }
            // A filled area (a cell's shading) is not a border.
            return;
        }
        for w in sub.windows(2) {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            if (ax - bx).abs() < 0.5 && (ay - by).abs() > 2.5 {
                self.out.rules.push(Rule {
                    x0: ax,
                    y0: ay.min(by),
                    x1: ax,
                    y1: ay.max(by),
                });
            } else if (ay - by).abs() < 0.5 && (ax - bx).abs() > 2.5 {
                self.out.rules.push(Rule {
                    x0: ax.min(bx),
                    y0: ay,
                    x1: ax.max(bx),
                    y1: ay,
                });
            }
        }
    }

    fn show(&mut self, s: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else { return };
        for g in font.glyphs(s) {
            let trm = mul(
                &mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let advance = (g.width * gs.size
                + gs.char_spacing
                + if g.is_space_code {
                    gs.word_spacing
                } else {
                    0.0
                })
                * gs.scale;
            let (x, y) = (trm[4], trm[5]);
            // The glyph's own advance on the page (without spacing), scaled by the
            // text and page matrices.
            let m = mul(tm, &gs.ctm);
            let width = g.width * gs.size * gs.scale * m[0].hypot(m[1]);
            let size = trm[2].hypot(trm[3]);
            let len = m[0].hypot(m[1]).max(1e-9);
            if !g.text.trim().is_empty() && self.out.chars.len() < 2_000_000 {
                self.out.chars.push(Char {
                    text: g.text,
                    x,
                    y,
                    width,
                    size,
                    dir: (m[0] / len, m[1] / len),
                    doubt: false,
                });
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        }
    }

    fn xobject(&mut self, resources: &Dict, name: &[u8], gs: &GState, depth: usize) {
        let Some(entry) = self
            .file
            .get(resources, b"XObject")
            .as_dict()
            .and_then(|d| d.get(name).cloned())
        else {
            return;
        };
        let dict = self.file.resolve(&entry);
        let Some(dict) = dict.as_dict() else { return };
        match self.file.get(dict, b"Subtype").as_name() {
            Some(b"Form") if depth < MAX_FORM_DEPTH && self.form_draws < MAX_FORM_DRAWS => {
                self.form_draws += 1;
                let Some((dict, data)) = self.file.stream(&entry) else {
                    return;
                };
                let matrix = match self.file.get(&dict, b"Matrix") {
                    Obj::Array(m) if m.len() == 6 => {
                        let v: Vec<f64> = m.iter().map(|o| o.as_f64().unwrap_or(0.0)).collect();
                        [v[0], v[1], v[2], v[3], v[4], v[5]]
                    }
                    _ => IDENTITY,
                };
                let own = self.file.get(&dict, b"Resources");
                let res = own.as_dict().cloned().unwrap_or_else(|| resources.clone());
                let mut inner = gs.clone();
                inner.ctm = mul(&matrix, &gs.ctm);
                self.run(&data, &res, inner, depth + 1);
            }
            _ => {}
        }
    }
}

/// Skips an inline image's `… ID <data> EI`.
fn skip_inline_image(lx: &mut Lexer) {
    let buf = lx.buf;
    // To `ID`, then to an `EI` between whitespace.
    while let Some(o) = lx.next() {
        if o == Obj::Keyword(b"ID".to_vec()) {
            break;
        }
    }
    let mut i = lx.pos + 1;
    while i + 2 <= buf.len() {
        if &buf[i..i + 2] == b"EI"
            && super::syntax::is_space(buf[i - 1])
            && buf.get(i + 2).is_none_or(|&b| super::syntax::is_space(b))
        {
            lx.pos = i + 2;
            return;
        }
        i += 1;
    }
    lx.pos = buf.len();
}
