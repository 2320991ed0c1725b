//! Text detection with PaddleOCR's DB ("differentiable binarization") model: a probability map
//! of "text here", thresholded into connected regions whose boxes are grown back out
//! (PaddleOCR `ppocr/postprocess/db_postprocess.py`; the thresholds are those of the PP-OCRv6
//! tiny model's `inference.yml`).
//!
//! Labels are horizontal and axis-aligned, so regions become axis-aligned boxes: no rotated
//! rectangles and no polygon clipping.

use rten::Model;

use crate::pixels::Rgb;
use rten_tensor::prelude::*;
use rten_tensor::NdTensor;

/// A pixel is text when the map says at least this (yml `thresh`).
const PIXEL_THRESHOLD: f32 = 0.2;
/// A region is kept when its mean probability is at least this (yml `box_thresh`).
const BOX_THRESHOLD: f32 = 0.4;
/// Regions are grown by area × this / perimeter on each side (yml `unclip_ratio`).
const UNCLIP_RATIO: f32 = 1.4;
/// At most this many regions are kept (yml `max_candidates`).
const MAX_REGIONS: usize = 3000;
/// The most pixels the detector is run on at once (bands are scaled to well under this).
pub const MAX_INPUT_PIXELS: usize = 4096 * 4096;
/// Side multiple the detector needs (five stride-2 stages).
const STRIDE: usize = 32;
/// ImageNet normalisation in BGR order, as PaddleOCR feeds its detector.
const MEAN_BGR: [f32; 3] = [0.406, 0.456, 0.485];
const STD_BGR: [f32; 3] = [0.225, 0.224, 0.229];

/// An axis-aligned box in pixels, with the detector's confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextBox {
    /// Left edge (inclusive).
    pub x0: f32,
    /// Top edge (inclusive).
    pub y0: f32,
    /// Right edge (exclusive).
    pub x1: f32,
    /// Bottom edge (exclusive).
    pub y1: f32,
    /// Mean text probability inside the region, 0–1.
    pub score: f32,
}

impl TextBox {
    /// Width in pixels.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Height in pixels.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The box scaled by `factor` and moved by (`dx`, `dy`).
    pub fn mapped(&self, factor: f32, dx: f32, dy: f32) -> TextBox {
        TextBox {
            x0: self.x0 * factor + dx,
            y0: self.y0 * factor + dy,
            x1: self.x1 * factor + dx,
            y1: self.y1 * factor + dy,
            score: self.score,
        }
    }

    /// The box cut to 0..`width` × 0..`height`.
    pub fn clamped(&self, width: usize, height: usize) -> TextBox {
        let (w, h) = (width as f32, height as f32);
        TextBox {
            x0: self.x0.clamp(0.0, w),
            y0: self.y0.clamp(0.0, h),
            x1: self.x1.clamp(0.0, w),
            y1: self.y1.clamp(0.0, h),
            score: self.score,
        }
    }

    /// Area of the overlap with `other` over the smaller area (0 when apart).
    pub fn overlap(&self, other: &TextBox) -> f32 {
        let w = (self.x1.min(other.x1) - self.x0.max(other.x0)).max(0.0);
        let h = (self.y1.min(other.y1) - self.y0.max(other.y0)).max(0.0);
        let smaller = (self.width() * self.height()).min(other.width() * other.height());
        if smaller <= 0.0 {
            0.0
        } else {
            w * h / smaller
        }
    }
}

/// The detector's input: `image` padded to multiples of 32, normalised, BGR, NCHW.
fn input_tensor(image: &Rgb) -> Result<NdTensor<f32, 4>, String> {
    let padded = |side: usize| side.div_ceil(STRIDE).max(1) * STRIDE;
    let (width, height) = (padded(image.width), padded(image.height));
    if width * height > MAX_INPUT_PIXELS {
        return Err(format!("{width}×{height} is too large for text detection"));
    }
    let plane = width * height;
    let mut data = vec![0f32; plane * 3];
    for y in 0..image.height {
        let row = image
            .data
            .get(y * image.width * 3..(y + 1) * image.width * 3)
            .ok_or("pixels shorter than their size")?;
        for (x, rgb) in row.chunks_exact(3).enumerate() {
            let &[r, g, b] = rgb else { continue };
            let bgr = [b, g, r].into_iter().zip(MEAN_BGR).zip(STD_BGR);
            for (channel, ((value, mean), std)) in bgr.enumerate() {
                if let Some(slot) = data.get_mut(channel * plane + y * width + x) {
                    *slot = (f32::from(value) / 255.0 - mean) / std;
                }
            }
        }
    }
    NdTensor::try_from_data([1, 3, height, width], data).map_err(|e| e.to_string())
}

/// Runs the detector on `image` and returns the text boxes in its pixels.
pub fn run(model: &Model, image: &Rgb) -> Result<Vec<TextBox>, String> {
    if image.width == 0 || image.height == 0 {
        return Ok(Vec::new());
    }
    let input = input_tensor(image)?;
    let output = model
        .run_one(input.into(), None)
        .map_err(|e| format!("text detection: {e}"))?;
    let map: NdTensor<f32, 4> = output
        .try_into()
        .map_err(|e| format!("text detection output: {e:?}"))?;
    let [_, _, map_height, map_width] = map.shape();
    let probabilities = map.into_data();
    let map = ProbabilityMap {
        width: map_width,
        height: map_height,
        data: &probabilities,
    };
    Ok(boxes(&map, image.width, image.height))
}

/// The detector's output: text probability per pixel.
pub struct ProbabilityMap<'a> {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major probabilities.
    pub data: &'a [f32],
}

/// Boxes of the connected text regions of `map`, within `width` × `height` (the unpadded
/// image), grown back to the text's size.
pub fn boxes(map: &ProbabilityMap<'_>, width: usize, height: usize) -> Vec<TextBox> {
    let (width, height) = (width.min(map.width), height.min(map.height));
    let mut seen = vec![false; map.width * map.height];
    let mut found = Vec::new();
    let mut stack = Vec::new();
    for start in 0..map.width * map.height {
        let (sx, sy) = (start % map.width, start / map.width);
        if sx >= width || sy >= height || is_seen(&seen, start) || !is_text(map, start) {
            continue;
        }
        // Flood fill (4-connected) with an explicit stack: no recursion on hostile maps.
        let (mut x0, mut y0, mut x1, mut y1) = (sx, sy, sx, sy);
        let (mut sum, mut count) = (0f32, 0usize);
        mark(&mut seen, start);
        stack.push(start);
        while let Some(at) = stack.pop() {
            let (x, y) = (at % map.width, at / map.width);
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            sum += map.data.get(at).copied().unwrap_or(0.0);
            count += 1;
            let neighbours = [
                (x > 0).then(|| at - 1),
                (x + 1 < width).then(|| at + 1),
                (y > 0).then(|| at - map.width),
                (y + 1 < height).then(|| at + map.width),
            ];
            for next in neighbours.into_iter().flatten() {
                if !is_seen(&seen, next) && is_text(map, next) {
                    mark(&mut seen, next);
                    stack.push(next);
                }
            }
        }
        let (w, h) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
        let score = sum / count as f32;
        if w.min(h) < 3.0 || score < BOX_THRESHOLD {
            continue;
        }
        let grow = w * h * UNCLIP_RATIO / (2.0 * (w + h));
        found.push(
            TextBox {
                x0: x0 as f32 - grow,
                y0: y0 as f32 - grow,
                x1: (x1 + 1) as f32 + grow,
                y1: (y1 + 1) as f32 + grow,
                score,
            }
            .clamped(width, height),
        );
        if found.len() >= MAX_REGIONS {
            break;
        }
    }
    found
}

fn is_seen(seen: &[bool], at: usize) -> bool {
    seen.get(at).copied().unwrap_or(true)
}

fn mark(seen: &mut [bool], at: usize) {
    if let Some(slot) = seen.get_mut(at) {
        *slot = true;
    }
}

fn is_text(map: &ProbabilityMap<'_>, at: usize) -> bool {
    map.data.get(at).is_some_and(|&p| p > PIXEL_THRESHOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_with(
        width: usize,
        height: usize,
        rects: &[(usize, usize, usize, usize, f32)],
    ) -> Vec<f32> {
        let mut data = vec![0.0; width * height];
        for &(x0, y0, x1, y1, p) in rects {
            for y in y0..y1 {
                for x in x0..x1 {
                    data[y * width + x] = p;
                }
            }
        }
        data
    }

    #[test]
    fn a_region_becomes_one_box_grown_by_the_unclip_distance() {
        let data = map_with(100, 40, &[(10, 10, 60, 20, 0.9)]);
        let map = ProbabilityMap {
            width: 100,
            height: 40,
            data: &data,
        };
        let found = boxes(&map, 100, 40);
        assert_eq!(found.len(), 1);
        // 50 × 10 region: grown by 500 × 1.4 / 120 = 5.83 on each side.
        let b = found[0];
        assert!(
            (b.x0 - 4.17).abs() < 0.01 && (b.y1 - 25.83).abs() < 0.01,
            "{b:?}"
        );
        assert!((b.score - 0.9).abs() < 1e-4, "{}", b.score);
    }

    #[test]
    fn faint_thin_and_padded_regions_are_dropped() {
        let data = map_with(
            100,
            40,
            &[
                (5, 5, 40, 15, 0.3),
                (50, 5, 90, 7, 0.9),
                (10, 30, 20, 38, 0.9),
            ],
        );
        let map = ProbabilityMap {
            width: 100,
            height: 40,
            data: &data,
        };
        // The faint one fails the box threshold, the thin one is 2 px tall, and the third lies
        // in the padding below row 25.
        assert!(boxes(&map, 100, 25).is_empty());
    }

    #[test]
    fn a_map_full_of_text_is_one_region_not_a_deep_recursion() {
        let data = vec![0.9; 2000 * 2000];
        let map = ProbabilityMap {
            width: 2000,
            height: 2000,
            data: &data,
        };
        assert_eq!(boxes(&map, 2000, 2000).len(), 1);
    }

    #[test]
    fn overlap_is_over_the_smaller_box() {
        let a = TextBox {
            x0: 0.0,
            y0: 0.0,
            x1: 10.0,
            y1: 10.0,
            score: 1.0,
        };
        let b = TextBox {
            x0: 5.0,
            y0: 0.0,
            x1: 10.0,
            y1: 5.0,
            score: 1.0,
        };
        assert_eq!(a.overlap(&b), 1.0);
        assert_eq!(a.overlap(&TextBox { x0: 20.0, ..b }), 0.0);
    }
}
