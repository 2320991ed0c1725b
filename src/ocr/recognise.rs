//! Text recognition with PaddleOCR's CTC recogniser: the box is cut from the image at its own
//! resolution, scaled to the model's height of 48 and read greedily (PaddleOCR
//! `ppocr/data/imaug/rec_img_aug.py` `resize_norm_img`, `ppocr/postprocess/rec_postprocess.py`
//! `CTCLabelDecode`).

use rten::Model;
use rten_tensor::prelude::*;
use rten_tensor::NdTensor;

use super::TextBox;
use crate::pixels::{self, Region, Rgb};

/// The recogniser's input height.
const HEIGHT: usize = 48;
/// Narrower crops are padded to this width, as PaddleOCR pads to its 3:20 default shape.
const MIN_WIDTH: usize = 320;
/// Wider crops are scaled to this width (labels are a dozen characters, not paragraphs).
const MAX_WIDTH: usize = 1600;
/// Boxes smaller than this on either side are not read.
const MIN_SIDE: f32 = 4.0;

/// The text in `bounds` of `image` and its mean character probability; None when the box is
/// too small or nothing was read.
pub fn run(
    model: &Model,
    alphabet: &[String],
    image: &Rgb,
    bounds: TextBox,
) -> Result<Option<(String, f32)>, String> {
    let bounds = bounds.clamped(image.width, image.height);
    if bounds.width() < MIN_SIDE || bounds.height() < MIN_SIDE {
        return Ok(None);
    }
    let scaled_width = (bounds.width() / bounds.height() * HEIGHT as f32).round() as usize;
    let width = scaled_width.clamp(HEIGHT / 3, MAX_WIDTH);
    let region = Region {
        left: f64::from(bounds.x0),
        top: f64::from(bounds.y0),
        width: f64::from(bounds.width()),
        height: f64::from(bounds.height()),
    };
    let crop = pixels::resize_region(image, region, width, HEIGHT)
        .ok_or("text recognition: the box could not be cut from the image")?;
    let input = input_tensor(&crop)?;
    let output = model
        .run_one(input.into(), None)
        .map_err(|e| format!("text recognition: {e}"))?;
    let probabilities: NdTensor<f32, 3> = output
        .try_into()
        .map_err(|e| format!("text recognition output: {e:?}"))?;
    let [_, steps, classes] = probabilities.shape();
    if classes != alphabet.len() {
        return Err(format!(
            "the recognition model has {classes} classes but the dictionary {} (+2)",
            alphabet.len().saturating_sub(2)
        ));
    }
    Ok(decode(&probabilities.into_data(), steps, alphabet))
}

/// The crop normalised to -1..1, BGR, NCHW, padded right to [`MIN_WIDTH`] with zeros.
fn input_tensor(crop: &Rgb) -> Result<NdTensor<f32, 4>, String> {
    let width = crop.width.max(MIN_WIDTH);
    let plane = width * HEIGHT;
    let mut data = vec![0f32; plane * 3];
    for (index, rgb) in crop.data.chunks_exact(3).enumerate() {
        let (x, y) = (index % crop.width, index / crop.width);
        let &[r, g, b] = rgb else { continue };
        for (channel, value) in [b, g, r].into_iter().enumerate() {
            if let Some(slot) = data.get_mut(channel * plane + y * width + x) {
                *slot = f32::from(value) / 127.5 - 1.0;
            }
        }
    }
    NdTensor::try_from_data([1, 3, HEIGHT, width], data).map_err(|e| e.to_string())
}

/// Greedy CTC decoding of `steps` rows of class probabilities: the best class per step,
/// repeats collapsed, blanks (class 0) dropped; the confidence is the mean probability of the
/// characters kept.
pub fn decode(probabilities: &[f32], steps: usize, alphabet: &[String]) -> Option<(String, f32)> {
    let classes = alphabet.len();
    if classes == 0 {
        return None;
    }
    let mut text = String::new();
    let (mut total, mut count) = (0f32, 0usize);
    let mut previous = 0usize;
    for row in probabilities.chunks_exact(classes).take(steps) {
        let (best, p) =
            row.iter()
                .copied()
                .enumerate()
                .fold((0, f32::MIN), |a, b| if b.1 > a.1 { b } else { a });
        if best != 0 && best != previous {
            text.push_str(alphabet.get(best).map_or("", String::as_str));
            total += p;
            count += 1;
        }
        previous = best;
    }
    let text = text.trim().to_string();
    (count > 0 && !text.is_empty()).then(|| (text, total / count as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctc_collapses_repeats_and_drops_blanks() {
        let alphabet: Vec<String> = ["", "A", "I", " "].iter().map(|s| s.to_string()).collect();
        // A A _ I I _ I  → "AII" (a blank separates the two I's).
        let rows: [[f32; 4]; 7] = [
            [0.1, 0.9, 0.0, 0.0],
            [0.2, 0.8, 0.0, 0.0],
            [0.9, 0.1, 0.0, 0.0],
            [0.0, 0.0, 1.0, 0.0],
            [0.0, 0.0, 1.0, 0.0],
            [1.0, 0.0, 0.0, 0.0],
            [0.0, 0.0, 0.7, 0.3],
        ];
        let flat: Vec<f32> = rows.iter().flatten().copied().collect();
        let (text, confidence) = decode(&flat, 7, &alphabet).unwrap();
        assert_eq!(text, "AII");
        assert!((confidence - (0.9 + 1.0 + 0.7) / 3.0).abs() < 1e-6);
        assert_eq!(decode(&[1.0, 0.0, 0.0, 0.0], 1, &alphabet), None);
    }
}
