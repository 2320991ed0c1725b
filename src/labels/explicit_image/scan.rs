//! Where the visible-label check looks, and how: bands along the four sides, scaled so that a
//! label 2–10 % of the short side tall is 13–64 pixels for the detector; each text box is then
//! read at the image's own resolution (docs/ocr.md).

use super::{Position, Reading, EDGE_REACH};
use crate::labels::explicit_text;
use crate::ocr::{Engine, TextBox};
use crate::pixels::{self, Region, Rgb};

/// The detector sees the image at this short side (never more than [`MAX_UPSCALE`] × its own).
const WORK_SHORT_SIDE: f32 = 640.0;
/// Small images are enlarged at most this much for the detector.
const MAX_UPSCALE: f32 = 1.5;
/// Boxes lower than this share of the short side are too small to be a label.
const MIN_BOX_SHARE: f32 = 0.012;
/// Boxes taller than this share are not a line of label text.
const MAX_BOX_SHARE: f32 = 0.2;
/// At most this many boxes are read per image (a page full of text costs no more).
const MAX_READS: usize = 48;
/// Below this mean character probability a line is not trusted.
const MIN_CONFIDENCE: f32 = 0.6;

/// Every label statement read in the bands along the sides of `rgb` (or, with `whole_image`,
/// anywhere in it).
pub fn scan(engine: &Engine, rgb: &Rgb, whole_image: bool) -> Result<Vec<Reading>, String> {
    let (width, height) = (rgb.width as f32, rgb.height as f32);
    let short = width.min(height);
    if short < 16.0 {
        return Ok(Vec::new());
    }
    let scale = (WORK_SHORT_SIDE / short).min(MAX_UPSCALE);
    let mut boxes = Vec::new();
    for band in bands(width, height, whole_image) {
        let found = detect_in(engine, rgb, band.region, scale)?;
        for b in found {
            let touches_inner = match band.inner {
                Some(Inner::Right) => b.x1 >= band.region.right() - 2.0 / scale,
                Some(Inner::Left) => b.x0 <= band.region.left as f32 + 2.0 / scale,
                None => false,
            };
            if touches_inner {
                // A label longer than the band is deep: read its rows across the whole width.
                boxes.extend(detect_in(
                    engine,
                    rgb,
                    strip_around(&b, width, height),
                    scale,
                )?);
            }
            boxes.push(b);
        }
    }
    let mut readings = Vec::new();
    for b in distinct(boxes, short).into_iter().take(MAX_READS) {
        let Some(line) = engine.recognise(rgb, b)? else {
            continue;
        };
        if line.confidence < MIN_CONFIDENCE {
            continue;
        }
        let text = normalise(&line.text);
        let Some(statement) = explicit_text::classify_mark(&text) else {
            continue;
        };
        let bounds = [b.x0, b.y0, b.x1, b.y1];
        readings.push(Reading {
            text: line.text,
            confidence: line.confidence,
            bounds,
            position: Position::of(bounds, width, height),
            height_percent: text_height(rgb, &b) / short * 100.0,
            statement,
        });
    }
    Ok(readings)
}

/// Which side of a band faces the middle of the image, for bands along the left and right.
#[derive(Clone, Copy)]
enum Inner {
    Left,
    Right,
}

struct Band {
    region: Region,
    inner: Option<Inner>,
}

trait RegionExt {
    fn right(&self) -> f32;
}

impl RegionExt for Region {
    fn right(&self) -> f32 {
        (self.left + self.width) as f32
    }
}

/// The four bands along the sides, each a quarter of the short side deep (the left and right
/// ones full height, so a label at any height is whole in one of them); or the whole image.
fn bands(width: f32, height: f32, whole_image: bool) -> Vec<Band> {
    let region = |left: f32, top: f32, w: f32, h: f32| Region {
        left: f64::from(left),
        top: f64::from(top),
        width: f64::from(w),
        height: f64::from(h),
    };
    if whole_image {
        return vec![Band {
            region: region(0.0, 0.0, width, height),
            inner: None,
        }];
    }
    let depth = (width.min(height) * EDGE_REACH).ceil();
    vec![
        Band {
            region: region(0.0, 0.0, width, depth),
            inner: None,
        },
        Band {
            region: region(0.0, height - depth, width, depth),
            inner: None,
        },
        Band {
            region: region(0.0, 0.0, depth, height),
            inner: Some(Inner::Right),
        },
        Band {
            region: region(width - depth, 0.0, depth, height),
            inner: Some(Inner::Left),
        },
    ]
}

/// The rows of `b`, with half its height above and below, across the whole image.
fn strip_around(b: &TextBox, width: f32, height: f32) -> Region {
    let top = (b.y0 - b.height()).max(0.0);
    let bottom = (b.y1 + b.height()).min(height);
    Region {
        left: 0.0,
        top: f64::from(top),
        width: f64::from(width),
        height: f64::from(bottom - top),
    }
}

/// Text boxes in `region` of `rgb`, detected at `scale`, in the image's pixels.
fn detect_in(
    engine: &Engine,
    rgb: &Rgb,
    region: Region,
    scale: f32,
) -> Result<Vec<TextBox>, String> {
    let w = ((region.width as f32) * scale).round().max(1.0) as usize;
    let h = ((region.height as f32) * scale).round().max(1.0) as usize;
    let Some(scaled) = pixels::resize_region(rgb, region, w, h) else {
        return Ok(Vec::new());
    };
    let (sx, sy) = (
        region.width as f32 / w as f32,
        region.height as f32 / h as f32,
    );
    Ok(engine
        .detect(&scaled)?
        .into_iter()
        .map(|b| TextBox {
            x0: b.x0 * sx + region.left as f32,
            y0: b.y0 * sy + region.top as f32,
            x1: b.x1 * sx + region.left as f32,
            y1: b.y1 * sy + region.top as f32,
            score: b.score,
        })
        .collect())
}

/// The boxes of label size, largest first, without ones mostly inside a larger one (bands
/// overlap in the corners, and a strip finds again what its band found cut).
fn distinct(mut boxes: Vec<TextBox>, short: f32) -> Vec<TextBox> {
    boxes.retain(|b| {
        let h = b.height() * BOX_TO_TEXT;
        h >= short * MIN_BOX_SHARE && h <= short * MAX_BOX_SHARE && b.width() >= h * 0.8
    });
    boxes.sort_by(|a, b| (b.width() * b.height()).total_cmp(&(a.width() * a.height())));
    let mut kept: Vec<TextBox> = Vec::new();
    for b in boxes {
        if kept.iter().all(|k| k.overlap(&b) < 0.5) {
            kept.push(b);
        }
    }
    kept
}

/// The height of the text in a detected box: the rows whose pixels stand out from the box's
/// top and bottom rows (background, since the detector's box is grown past the glyphs); the
/// box itself shrunk by the usual share when no such rows stand out.
fn text_height(rgb: &Rgb, b: &TextBox) -> f32 {
    ink_rows(rgb, b).unwrap_or(b.height() * BOX_TO_TEXT)
}

/// Glyph height over detected box height, used when the ink cannot be measured (the mean on
/// the tuning fonts, docs/ocr.md).
const BOX_TO_TEXT: f32 = 0.75;

/// The number of rows of `b` that hold glyphs.
fn ink_rows(rgb: &Rgb, b: &TextBox) -> Option<f32> {
    // Grown by a quarter of its height, so descenders the detector cut off are counted.
    let grow = b.height() / 4.0;
    let b = TextBox {
        y0: b.y0 - grow,
        y1: b.y1 + grow,
        ..*b
    }
    .clamped(rgb.width, rgb.height);
    let (x0, x1) = (b.x0.floor() as usize, b.x1.ceil() as usize);
    let (y0, y1) = (b.y0.floor() as usize, b.y1.ceil() as usize);
    if x1 <= x0 + 2 || y1 <= y0 + 4 {
        return None;
    }
    let luma = |x: usize, y: usize| -> i32 {
        let at = (y * rgb.width + x) * 3;
        match rgb.data.get(at..at + 3) {
            Some(&[r, g, bl]) => {
                (i32::from(r) * 299 + i32::from(g) * 587 + i32::from(bl) * 114) / 1000
            }
            _ => 0,
        }
    };
    // The background: the median of the box's outermost rows.
    let mut border: Vec<i32> = (x0..x1)
        .flat_map(|x| [luma(x, y0), luma(x, y1 - 1)])
        .collect();
    border.sort_unstable();
    let background = *border.get(border.len() / 2)?;
    // Text pixels differ from it by half the strong differences in the middle rows.
    let middle = (y0 + y1) / 2;
    let mut strong: Vec<i32> = (x0..x1)
        .map(|x| (luma(x, middle) - background).abs())
        .collect();
    strong.sort_unstable();
    let peak = *strong.get(strong.len() * 95 / 100)?;
    let threshold = (peak / 3).max(24);
    let counts: Vec<usize> = (y0..y1)
        .map(|y| {
            (x0..x1)
                .filter(|&x| (luma(x, y) - background).abs() > threshold)
                .count()
        })
        .collect();
    let most = *counts.iter().max()?;
    let floor = (most / 20).max(2);
    // The run of rows with ink around the middle row, bridging gaps of one row.
    let inked = |row: usize| counts.get(row).is_some_and(|&c| c >= floor);
    let centre = middle - y0;
    if !inked(centre) {
        return None;
    }
    let (mut top, mut bottom) = (centre, centre);
    while top > 0 && (inked(top - 1) || (top > 1 && inked(top - 2))) {
        top -= 1;
    }
    while bottom + 1 < counts.len() && (inked(bottom + 1) || inked(bottom + 2)) {
        bottom += 1;
    }
    // Ink that reaches the box's own edge means the box did not hold the background.
    if top == 0 || bottom + 1 == counts.len() {
        return None;
    }
    Some((bottom - top + 1) as f32)
}

/// The line as the grammar reads it: full-width Latin letters narrowed, decoration around it
/// dropped, and "Al"/"A1" read as "AI" where the recogniser confuses I with l or 1.
fn normalise(text: &str) -> String {
    let narrowed: String = text
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| !"★☆✦✧◆◇●○■□▲△♦•·|".contains(*c))
        .collect();
    let chars: Vec<char> = narrowed.chars().collect();
    let mut out = String::with_capacity(narrowed.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let standalone = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
        if c == 'A'
            && matches!(next, Some('l' | '1' | '|'))
            && standalone(after)
            && standalone(before)
        {
            out.push_str("AI");
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recogniser_confusions_are_read_as_the_ai_element() {
        assert_eq!(normalise("Al-generated"), "AI-generated");
        assert_eq!(normalise("豆包A1生成"), "豆包AI生成");
        assert_eq!(normalise("★即梦ＡＩ"), "即梦AI");
        assert_eq!(normalise("Algebra"), "Algebra");
        assert_eq!(normalise("BAl"), "BAl");
    }

    #[test]
    fn bands_are_a_quarter_of_the_short_side_deep() {
        let b = bands(1000.0, 800.0, false);
        assert_eq!(b.len(), 4);
        assert_eq!(b[1].region.top, 600.0);
        assert_eq!(b[3].region.left, 800.0);
        assert_eq!(bands(1000.0, 800.0, true).len(), 1);
    }
}
