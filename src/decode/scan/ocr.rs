//! Text on a page image: PaddleOCR's PP-OCRv4 models (text detection, then line
//! recognition), run by tract.
//!
//! The detection model marks where text is (a probability per pixel); its regions,
//! a little widened as PaddleOCR's DB post-processing does, are the text boxes. Each
//! box is cut out, scaled to 48 pixels high and read by the recognition model, whose
//! output is a probability for each of 6,625 characters at each step of 8 pixels
//! (CTC). A character keeps its probability and the next likeliest reading, so that
//! the tables' identities can later decide what a doubtful digit is.

use super::bitmap::Bitmap;
use std::cell::RefCell;
use std::collections::HashMap;
use tract_onnx::prelude::*;

type Plan = std::sync::Arc<TypedRunnableModel>;

/// Why the OCR models could not be used.
#[derive(Debug)]
pub struct OcrError(pub String);

impl std::fmt::Display for OcrError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "文字识别模型无法使用：{}", self.0)
    }
}

impl std::error::Error for OcrError {}

fn err(e: impl std::fmt::Display) -> OcrError {
    OcrError(e.to_string())
}

/// A text box on the page, in the page image's pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

/// One character read, where it is and how sure the model was.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The character.
    pub text: String,
    /// The centre of its step on the page, in pixels.
    pub x: f32,
    /// The model's probability for it.
    pub p: f32,
    /// The next likeliest character at that step and its probability.
    pub alt: Option<(String, f32)>,
}

/// A box and what was read in it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Where it is.
    pub bounds: TextBox,
    /// Its characters, left to right.
    pub glyphs: Vec<Glyph>,
}

/// The widths, in pixels at 48 high, that boxes are read at: each a model of its own,
/// made the first time a box needs it (the model's shapes are fixed: tract cannot
/// make it for any width at once).
const REC_WIDTHS: [usize; 8] = [64, 128, 256, 384, 640, 960, 1280, 1920];

/// The longer side of a page as the detection model sees it: enough for table text of
/// a page scanned at 150–300 dpi.
const DETECT_SIDE: usize = 2048;

/// The two models and the character list, made once and used for every page.
pub struct Engine {
    det_model: InferenceModel,
    rec_model: InferenceModel,
    det: RefCell<HashMap<(usize, usize), Plan>>,
    rec: RefCell<HashMap<(usize, usize), Plan>>,
    /// Index 0 is CTC's blank; the last is a space.
    keys: Vec<String>,
}

impl Engine {
    /// The engine of PP-OCRv4's detection and recognition models (ONNX) and its
    /// character list (`ppocr_keys_v1.txt`).
    pub fn new(det: &[u8], rec: &[u8], keys: &str) -> Result<Engine, OcrError> {
        let det_model = tract_onnx::onnx()
            .model_for_read(&mut std::io::Cursor::new(det))
            .map_err(err)?;
        let rec_model = tract_onnx::onnx()
            .model_for_read(&mut std::io::Cursor::new(rec))
            .map_err(err)?;
        let mut all = vec![String::new()];
        all.extend(keys.lines().map(str::to_owned));
        all.push(" ".to_owned());
        Ok(Engine {
            det_model,
            rec_model,
            det: RefCell::default(),
            rec: RefCell::default(),
            keys: all,
        })
    }

    /// The model made for inputs of `h × w`, made the first time.
    fn plan(
        model: &InferenceModel,
        cache: &RefCell<HashMap<(usize, usize), Plan>>,
        h: usize,
        w: usize,
    ) -> Result<Plan, OcrError> {
        if let Some(p) = cache.borrow().get(&(h, w)) {
            return Ok(p.clone());
        }
        let mut m = model.clone();
        m.set_input_fact(0, f32::fact([1, 3, h, w]).into())
            .map_err(err)?;
        let plan = m
            .into_optimized()
            .map_err(err)?
            .into_runnable()
            .map_err(err)?;
        cache.borrow_mut().insert((h, w), plan.clone());
        Ok(plan)
    }

    /// Reads a page: its text boxes, each with its characters.
    pub fn read_page(&self, page: &Bitmap) -> Result<Vec<TextLine>, OcrError> {
        let mut lines = Vec::new();
        for bounds in self.detect(page)? {
            let glyphs = self.recognize(page, bounds)?;
            if !glyphs.is_empty() {
                lines.push(TextLine { bounds, glyphs });
            }
        }
        Ok(lines)
    }

    /// The text boxes of a page.
    pub fn detect(&self, img: &Bitmap) -> Result<Vec<TextBox>, OcrError> {
        let scale = (DETECT_SIDE as f32 / img.width.max(img.height) as f32).min(1.0);
        let rw = ((img.width as f32 * scale) as usize).max(32);
        let rh = ((img.height as f32 * scale) as usize).max(32);
        let (w, h) = (rw.div_ceil(32) * 32, rh.div_ceil(32) * 32);
        let mean = [0.485f32, 0.456, 0.406];
        let std = [0.229f32, 0.224, 0.225];
        let mut input = tract_ndarray::Array4::<f32>::zeros((1, 3, h, w));
        for y in 0..rh {
            let sy = ((y as f32 + 0.5) / scale) as usize;
            for x in 0..rw {
                let px = img.at(((x as f32 + 0.5) / scale) as usize, sy);
                // Blue, green, red: PaddleOCR's models were trained on OpenCV's order.
                for c in 0..3 {
                    input[[0, c, y, x]] = (px[2 - c] as f32 / 255.0 - mean[c]) / std[c];
                }
            }
        }
        let plan = Self::plan(&self.det_model, &self.det, h, w)?;
        let out = plan.run(tvec!(Tensor::from(input).into())).map_err(err)?;
        let prob = out[0].to_plain_array_view::<f32>().map_err(err)?;
        let map = prob
            .as_slice()
            .ok_or_else(|| OcrError("检测模型输出不连续".to_owned()))?;
        if map.len() != w * h {
            return Err(OcrError("检测模型输出的尺寸不符".to_owned()));
        }
        Ok(regions(map, w, h)
            .into_iter()
            .map(|b| TextBox {
                x0: (b.x0 / scale).max(0.0),
                y0: (b.y0 / scale).max(0.0),
                x1: (b.x1 / scale).min(img.width as f32),
                y1: (b.y1 / scale).min(img.height as f32),
            })
            .collect())
    }

    /// The characters in one box.
    pub fn recognize(&self, img: &Bitmap, b: TextBox) -> Result<Vec<Glyph>, OcrError> {
        let (bw, bh) = (b.x1 - b.x0, b.y1 - b.y0);
        if bw < 2.0 || bh < 2.0 {
            return Ok(Vec::new());
        }
        let scale = 48.0 / bh;
        let want = ((bw * scale).ceil() as usize).max(8);
        let width = REC_WIDTHS
            .into_iter()
            .find(|&w| w >= want)
            .unwrap_or(REC_WIDTHS[REC_WIDTHS.len() - 1]);
        // A box longer than the widest model is squeezed into it.
        let rw = want.min(width);
        let step_x = bw / rw as f32;
        let mut input = tract_ndarray::Array4::<f32>::zeros((1, 3, 48, width));
        for y in 0..48 {
            let sy = (b.y0 + (y as f32 + 0.5) / scale) as usize;
            for x in 0..rw {
                let px = img.at((b.x0 + (x as f32 + 0.5) * step_x) as usize, sy);
                for c in 0..3 {
                    input[[0, c, y, x]] = (px[2 - c] as f32 / 255.0 - 0.5) / 0.5;
                }
            }
        }
        let plan = Self::plan(&self.rec_model, &self.rec, 48, width)?;
        let out = plan.run(tvec!(Tensor::from(input).into())).map_err(err)?;
        let probs = out[0].to_plain_array_view::<f32>().map_err(err)?;
        let shape = probs.shape();
        if shape.len() != 3 || shape[2] != self.keys.len() {
            return Err(OcrError(format!(
                "识别模型输出 {:?} 与字符表（{} 个）不符",
                shape,
                self.keys.len()
            )));
        }
        let steps = shape[1];
        let flat = probs
            .as_slice()
            .ok_or_else(|| OcrError("识别模型输出不连续".to_owned()))?;
        let step_w = width as f32 / steps as f32 * step_x;
        let mut glyphs = Vec::new();
        let mut prev = 0;
        for t in 0..steps {
            let (mut best, mut bp, mut second, mut sp) = (0, f32::MIN, 0, f32::MIN);
            for (i, &p) in flat[t * self.keys.len()..(t + 1) * self.keys.len()]
                .iter()
                .enumerate()
            {
                if p > bp {
                    (second, sp) = (best, bp);
                    (best, bp) = (i, p);
                } else if p > sp {
                    (second, sp) = (i, p);
                }
            }
            // CTC: a character is a step whose best is not blank and not the
            // previous step's character.
            if best != 0 && best != prev {
                glyphs.push(Glyph {
                    text: self.keys[best].clone(),
                    x: b.x0 + (t as f32 + 0.5) * step_w,
                    p: bp,
                    alt: (second != 0).then(|| (self.keys[second].clone(), sp)),
                });
            }
            prev = best;
        }
        Ok(glyphs)
    }
}

/// Text regions of a detection map (`w × h` probabilities): connected pixels above
/// 0.3 whose mean is at least 0.6, each widened by `area × 1.5 / perimeter` (the
/// model marks a shrunk core of each text line), in the map's pixels.
fn regions(map: &[f32], w: usize, h: usize) -> Vec<TextBox> {
    const ON: f32 = 0.3;
    let mut seen = vec![false; w * h];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    for start in 0..w * h {
        if map[start] <= ON || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
        let (mut sum, mut n) = (0.0f32, 0usize);
        while let Some(i) = stack.pop() {
            let (y, x) = (i / w, i % w);
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
            sum += map[i];
            n += 1;
            let neighbours = [
                (x > 0).then(|| i - 1),
                (x + 1 < w).then(|| i + 1),
                (y > 0).then(|| i - w),
                (y + 1 < h).then(|| i + w),
            ];
            for j in neighbours.into_iter().flatten() {
                if map[j] > ON && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
        if sum / (n as f32) < 0.6 || bw.min(bh) < 3.0 {
            continue;
        }
        let d = bw * bh * 1.5 / (2.0 * (bw + bh));
        out.push(TextBox {
            x0: x0 as f32 - d,
            y0: y0 as f32 - d,
            x1: x1 as f32 + 1.0 + d,
            y1: y1 as f32 + 1.0 + d,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_is_its_pixels_widened() {
        // A 10 × 4 core of text in a 20 × 10 map.
        let (w, h) = (20, 10);
        let mut map = vec![0.0; w * h];
        for y in 3..7 {
            for x in 5..15 {
                map[y * w + x] = 0.9;
            }
        }
        let r = regions(&map, w, h);
        assert_eq!(r.len(), 1);
        // d = 10 × 4 × 1.5 / (2 × 14) ≈ 2.14
        let d = 40.0 * 1.5 / 28.0;
        assert!((r[0].x0 - (5.0 - d)).abs() < 1e-4 && (r[0].x1 - (15.0 + d)).abs() < 1e-4);
        assert!((r[0].y0 - (3.0 - d)).abs() < 1e-4 && (r[0].y1 - (7.0 + d)).abs() < 1e-4);
        // Faint marks are no text.
        let faint: Vec<f32> = map.iter().map(|p| p * 0.5).collect();
        assert!(regions(&faint, w, h).is_empty());
    }
}
