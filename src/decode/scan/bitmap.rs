//! The pixels of a scanned page: decoded from a JPEG, a PNG or a PDF's image, within
//! the budgets a hostile file must stop at.

use crate::decode::pdf::PageImage;

/// Pixels a page may have: an A4 page at 600 dpi is 35 million.
pub const MAX_PAGE_PIXELS: usize = 40_000_000;

/// A page as 8-bit RGB pixels, row after row.
#[derive(Debug, Clone)]
pub struct Bitmap {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height × 3` bytes: red, green, blue.
    pub rgb: Vec<u8>,
}

/// Why a page image could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// The image is damaged, or not the format it says.
    Damaged,
    /// More pixels than [`MAX_PAGE_PIXELS`].
    TooLarge,
    /// Encoded in a way this reader cannot decode (JBIG2, JPEG 2000, CCITT fax); the
    /// codec's name.
    Codec(&'static str),
}

impl Bitmap {
    /// The pixel at `(x, y)` (clamped to the page).
    pub fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y.min(self.height - 1) * self.width + x.min(self.width - 1)) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    fn from_samples(
        width: usize,
        height: usize,
        components: usize,
        samples: &[u8],
    ) -> Option<Bitmap> {
        if width == 0 || height == 0 || samples.len() < width * height * components {
            return None;
        }
        let rgb = match components {
            1 => samples[..width * height]
                .iter()
                .flat_map(|&g| [g, g, g])
                .collect(),
            3 => samples[..width * height * 3].to_vec(),
            4 => samples[..width * height * 4]
                .chunks_exact(4)
                .flat_map(|p| {
                    // CMYK to RGB, as a viewer without a colour profile does.
                    let k = 255 - u16::from(p[3]);
                    p[..3]
                        .iter()
                        .map(move |&c| ((255 - u16::from(c)) * k / 255) as u8)
                        .collect::<Vec<_>>()
                })
                .collect(),
            _ => return None,
        };
        Some(Bitmap { width, height, rgb })
    }
}

fn check_size(width: usize, height: usize) -> Result<(), ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError::Damaged);
    }
    if width.saturating_mul(height) > MAX_PAGE_PIXELS {
        return Err(ImageError::TooLarge);
    }
    Ok(())
}

/// Decodes a JPEG file (or a PDF's `DCTDecode` stream).
pub fn jpeg(bytes: &[u8]) -> Result<Bitmap, ImageError> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default()
        .jpeg_set_out_colorspace(ColorSpace::RGB)
        .set_max_width(1 << 15)
        .set_max_height(1 << 15);
    let mut decoder =
        zune_jpeg::JpegDecoder::new_with_options(std::io::Cursor::new(bytes), options);
    decoder.decode_headers().map_err(|_| ImageError::Damaged)?;
    let (width, height) = decoder.dimensions().ok_or(ImageError::Damaged)?;
    check_size(width, height)?;
    let rgb = decoder.decode().map_err(|_| ImageError::Damaged)?;
    if rgb.len() < width * height * 3 {
        return Err(ImageError::Damaged);
    }
    Ok(Bitmap { width, height, rgb })
}

/// Decodes a PNG file.
pub fn png(bytes: &[u8]) -> Result<Bitmap, ImageError> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    decoder.set_limits(png::Limits {
        bytes: MAX_PAGE_PIXELS * 4,
    });
    let mut reader = decoder.read_info().map_err(|_| ImageError::Damaged)?;
    let (w, h) = {
        let info = reader.info();
        (info.width as usize, info.height as usize)
    };
    check_size(w, h)?;
    let size = reader.output_buffer_size().ok_or(ImageError::TooLarge)?;
    let mut buf = vec![0; size];
    let frame = reader
        .next_frame(&mut buf)
        .map_err(|_| ImageError::Damaged)?;
    let components = match frame.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => {
            buf = buf.chunks_exact(2).map(|p| p[0]).collect();
            1
        }
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => {
            buf = buf
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            3
        }
        png::ColorType::Indexed => return Err(ImageError::Damaged),
    };
    Bitmap::from_samples(w, h, components, &buf).ok_or(ImageError::Damaged)
}

/// Decodes a PDF page's image.
pub fn pdf_image(image: &PageImage) -> Result<Bitmap, ImageError> {
    let (w, h) = (image.width as usize, image.height as usize);
    check_size(w, h)?;
    match image.codec.as_deref() {
        Some(b"DCTDecode") => jpeg(&image.data),
        Some(b"JBIG2Decode") => Err(ImageError::Codec("JBIG2")),
        Some(b"JPXDecode") => Err(ImageError::Codec("JPEG 2000")),
        Some(b"CCITTFaxDecode") => Err(ImageError::Codec("CCITT 传真编码")),
        Some(_) => Err(ImageError::Damaged),
        None => {
            let c = usize::from(image.components);
            let samples: Vec<u8> = match image.bits {
                8 => image.data.clone(),
                // Black and white, eight pixels a byte, each row padded to a byte.
                1 if c == 1 => {
                    let row = w.div_ceil(8);
                    if image.data.len() < row * h {
                        return Err(ImageError::Damaged);
                    }
                    let (on, off) = if image.inverted { (0, 255) } else { (255, 0) };
                    (0..h)
                        .flat_map(|y| {
                            let data = &image.data[y * row..(y + 1) * row];
                            (0..w).map(move |x| {
                                if data[x / 8] >> (7 - x % 8) & 1 == 1 {
                                    on
                                } else {
                                    off
                                }
                            })
                        })
                        .collect()
                }
                _ => return Err(ImageError::Codec("非 8 位色深")),
            };
            Bitmap::from_samples(w, h, c, &samples).ok_or(ImageError::Damaged)
        }
    }
}

/// The page's skew, in degrees (positive: its lines climb to the right, as a page
/// laid a little turned on the scanner's glass): the angle within ±5° at which the
/// dark pixels' rows are sharpest, that is, the sum of squares of their counts per
/// row is largest.
pub fn skew_degrees(page: &Bitmap) -> f32 {
    // Dark pixels, sampled on a grid of about 400 columns.
    let step = (page.width / 400).max(1);
    let mut dark: Vec<(f32, f32)> = Vec::new();
    for y in (0..page.height).step_by(step) {
        for x in (0..page.width).step_by(step) {
            let [r, g, b] = page.at(x, y);
            if u16::from(r) + u16::from(g) + u16::from(b) < 3 * 110 {
                dark.push((x as f32, y as f32));
            }
        }
    }
    if dark.len() < 100 {
        return 0.0;
    }
    let sharpness = |degrees: f32| -> f64 {
        let (sin, cos) = degrees.to_radians().sin_cos();
        // Rows as high as the sampling step: finer rows would count the grid.
        let rows = (page.height + page.width) / step + 2;
        let mut counts = vec![0u32; rows];
        let offset = (page.width as f32 * sin.abs()) / step as f32 + 1.0;
        for &(x, y) in &dark {
            // The row of (x, y) on the page turned back by `degrees`.
            let row = ((y * cos + x * sin) / step as f32 + offset) as usize;
            if let Some(c) = counts.get_mut(row) {
                *c += 1;
            }
        }
        counts.iter().map(|&c| f64::from(c) * f64::from(c)).sum()
    };
    // Coarse, then fine.
    let best = |from: f32, to: f32, by: f32| {
        let mut best = (f64::MIN, 0.0f32);
        let mut a = from;
        while a <= to + 1e-4 {
            let s = sharpness(a);
            // Of equally sharp angles, the one nearest to straight.
            if s > best.0 || (s == best.0 && a.abs() < best.1.abs()) {
                best = (s, a);
            }
            a += by;
        }
        best.1
    };
    let coarse = best(-5.0, 5.0, 0.5);
    best(coarse - 0.5, coarse + 0.5, 0.05)
}

/// The page turned by `degrees` about its centre (bilinear; what comes in from outside
/// is white).
pub fn rotated(page: &Bitmap, degrees: f32) -> Bitmap {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (w, h) = (page.width, page.height);
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let mut rgb = vec![255u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            // Where this pixel comes from on the page.
            let (dx, dy) = (x as f32 - cx, y as f32 - cy);
            let sx = cx + dx * cos - dy * sin;
            let sy = cy + dx * sin + dy * cos;
            if sx < 0.0 || sy < 0.0 || sx >= (w - 1) as f32 || sy >= (h - 1) as f32 {
                continue;
            }
            let (x0, y0) = (sx as usize, sy as usize);
            let (fx, fy) = (sx - x0 as f32, sy - y0 as f32);
            let (a, b, c, d) = (
                page.at(x0, y0),
                page.at(x0 + 1, y0),
                page.at(x0, y0 + 1),
                page.at(x0 + 1, y0 + 1),
            );
            let i = (y * w + x) * 3;
            for k in 0..3 {
                let top = f32::from(a[k]) * (1.0 - fx) + f32::from(b[k]) * fx;
                let bottom = f32::from(c[k]) * (1.0 - fx) + f32::from(d[k]) * fx;
                rgb[i + k] = (top * (1.0 - fy) + bottom * fy).round() as u8;
            }
        }
    }
    Bitmap {
        width: w,
        height: h,
        rgb,
    }
}

/// The page straightened: turned back by its [`skew_degrees`] when that is more than a
/// twentieth of a degree (a tenth over a page's width is already a pixel or two).
/// A straight page is the page itself, not a copy of it.
pub fn straightened(page: &Bitmap) -> std::borrow::Cow<'_, Bitmap> {
    let skew = skew_degrees(page);
    if skew.abs() < 0.05 {
        return std::borrow::Cow::Borrowed(page);
    }
    std::borrow::Cow::Owned(rotated(page, -skew))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white page with black bars of text lines.
    fn lines_page() -> Bitmap {
        let (width, height) = (800, 600);
        let mut rgb = vec![255u8; width * height * 3];
        for y in 0..height {
            if (y / 10) % 3 == 0 && y > 50 && y < 550 {
                for x in 100..700 {
                    rgb[(y * width + x) * 3..][..3].copy_from_slice(&[0, 0, 0]);
                }
            }
        }
        Bitmap { width, height, rgb }
    }

    #[test]
    fn a_turned_page_is_turned_back() {
        let page = lines_page();
        assert!(skew_degrees(&page).abs() < 0.05);
        for degrees in [0.6f32, -1.5, 3.0] {
            let turned = rotated(&page, degrees);
            let skew = skew_degrees(&turned);
            assert!(
                (skew - degrees).abs() < 0.1,
                "turned {degrees}°, found {skew}°"
            );
            let back = straightened(&turned);
            assert!(skew_degrees(&back).abs() < 0.1);
        }
    }
}
