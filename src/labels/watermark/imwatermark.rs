//! The open `invisible-watermark` (imwatermark) decoder, bit-exact with the Python package:
//! methods `dwtDct` and `dwtDctSvd`, as embedded by Stable Diffusion, SDXL, FLUX and InvokeAI.
//!
//! Pipeline (REFERENCE §3): OpenCV's 8-bit BGR→YUV U plane, cropped to multiples of 4; one
//! level of the Haar DWT, low band only; 4×4 blocks of it in row order, block n voting for bit
//! n mod L; a bit is 1 when at least half its votes are. Arithmetic follows the reference's
//! order of operations so that ties break the same way.

/// The embedding method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The largest AC coefficient of each block, modulo 36.
    DwtDct,
    /// The largest singular value of each block, modulo 36.
    DwtDctSvd,
}

/// The quantisation step both methods use on the U plane.
const SCALE: f64 = 36.0;
/// imwatermark refuses images with fewer pixels than 256×256.
pub const MIN_PIXELS: usize = 256 * 256;
/// Haar filter coefficient as pywt stores it (1/√2 rounded to f64).
const HAAR: f64 = std::f64::consts::FRAC_1_SQRT_2;

/// An 8-bit plane, row-major.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plane {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height` samples.
    pub samples: Vec<u8>,
}

/// OpenCV's `cvtColor(BGR2YUV)` U channel of 8-bit RGB pixels (3 bytes a pixel), in integers:
/// Y = (1868B + 9617G + 4899R + 2¹³) >> 14, U = clamp(((B − Y)·8061 + 2²¹ + 2¹³) >> 14).
/// None when `rgb` is not `width * height * 3` bytes.
pub fn u_plane(rgb: &[u8], width: usize, height: usize) -> Option<Plane> {
    if width.checked_mul(height)?.checked_mul(3)? != rgb.len() {
        return None;
    }
    let samples = rgb
        .chunks_exact(3)
        .map(|p| match *p {
            [r, g, b] => {
                let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
                let y = (1868 * b + 9617 * g + 4899 * r + (1 << 13)) >> 14;
                let u = ((b - y) * 8061 + (1 << 21) + (1 << 13)) >> 14;
                u.clamp(0, 255) as u8
            }
            _ => 0,
        })
        .collect();
    Some(Plane {
        width,
        height,
        samples,
    })
}

/// The Haar low band of the plane cropped to multiples of 4: (width/2) × (height/2) values,
/// each `k·(k·b + k·d) + k·(k·a + k·c)` as pywt computes it (vertical pairs first).
fn haar_low_band(plane: &Plane) -> (usize, usize, Vec<f64>) {
    let (width, height) = (plane.width / 4 * 4, plane.height / 4 * 4);
    let (half_w, half_h) = (width / 2, height / 2);
    let at = |x: usize, y: usize| -> f64 {
        f64::from(plane.samples.get(y * plane.width + x).copied().unwrap_or(0))
    };
    let mut band = Vec::with_capacity(half_w * half_h);
    for y in 0..half_h {
        for x in 0..half_w {
            let column = |cx: usize| HAAR * at(cx, 2 * y + 1) + HAAR * at(cx, 2 * y);
            band.push(HAAR * column(2 * x + 1) + HAAR * column(2 * x));
        }
    }
    (half_w, half_h, band)
}

/// One block's vote under `method`.
fn vote(block: &[f64; 16], method: Method) -> bool {
    let value = match method {
        // The first of the largest |v[i]|, i in 1..16 (numpy argmax over flatten()[1:]): a
        // later value must be strictly larger to win, so the first maximum is kept.
        Method::DwtDct => block
            .iter()
            .skip(1)
            .map(|v| v.abs())
            .fold(f64::NEG_INFINITY, |best, v| if v > best { v } else { best }),
        Method::DwtDctSvd => largest_singular_value(block),
    };
    value % SCALE > SCALE * 0.5
}

// The matrix helpers below index fixed 4×4 arrays with constant loop bounds only.

/// The largest singular value of a 4×4 matrix: √ of the largest eigenvalue of MᵀM, by cyclic
/// Jacobi rotations (to machine precision; the reference's DCT before its SVD does not change
/// singular values).
#[allow(clippy::indexing_slicing)]
fn largest_singular_value(m: &[f64; 16]) -> f64 {
    let mut a = [[0.0f64; 4]; 4];
    for (i, row) in a.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (0..4).map(|k| m[k * 4 + i] * m[k * 4 + j]).sum();
        }
    }
    for _sweep in 0..32 {
        let off: f64 = (0..4)
            .flat_map(|i| (0..4).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off <= f64::EPSILON * f64::EPSILON * trace_squared(&a) {
            break;
        }
        for p in 0..3 {
            for q in p + 1..4 {
                rotate(&mut a, p, q);
            }
        }
    }
    let largest = (0..4).map(|i| a[i][i]).fold(0.0f64, f64::max);
    largest.max(0.0).sqrt()
}

#[allow(clippy::indexing_slicing)]
fn trace_squared(a: &[[f64; 4]; 4]) -> f64 {
    (0..4)
        .map(|i| a[i][i] * a[i][i])
        .sum::<f64>()
        .max(f64::MIN_POSITIVE)
}

/// One Jacobi rotation zeroing a[p][q] of the symmetric matrix `a`.
#[allow(clippy::indexing_slicing)]
fn rotate(a: &mut [[f64; 4]; 4], p: usize, q: usize) {
    if a[p][q] == 0.0 {
        return;
    }
    let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
    let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
    let t = if theta == 0.0 { 1.0 } else { t };
    let c = 1.0 / (t * t + 1.0).sqrt();
    let s = t * c;
    for row in a.iter_mut() {
        let (akp, akq) = (row[p], row[q]);
        row[p] = c * akp - s * akq;
        row[q] = s * akp + c * akq;
    }
    let (row_p, row_q) = (a[p], a[q]);
    for k in 0..4 {
        a[p][k] = c * row_p[k] - s * row_q[k];
        a[q][k] = s * row_p[k] + c * row_q[k];
    }
}

/// Every block's vote under `method`, in the reference's block order; None for images under
/// 256×256 pixels, which the reference refuses. Votes do not depend on the payload length, so
/// one pass serves every payload.
pub fn block_votes(plane: &Plane, method: Method) -> Option<Vec<bool>> {
    if plane.width.checked_mul(plane.height)? < MIN_PIXELS {
        return None;
    }
    let (band_w, band_h, band) = haar_low_band(plane);
    let mut votes = Vec::with_capacity((band_w / 4) * (band_h / 4));
    let mut block = [0.0f64; 16];
    for by in 0..band_h / 4 {
        for bx in 0..band_w / 4 {
            for (i, cell) in block.iter_mut().enumerate() {
                let (y, x) = (by * 4 + i / 4, bx * 4 + i % 4);
                *cell = band.get(y * band_w + x).copied().unwrap_or(0.0);
            }
            votes.push(vote(&block, method));
        }
    }
    Some(votes)
}

/// The `length` bits the votes give: block n votes for bit n mod `length`, and a bit is 1 when
/// numpy's `mean(votes) * 255 > 127` (a bit without votes has mean NaN, which compares false).
pub fn bits_from_votes(votes: &[bool], length: usize) -> Vec<bool> {
    let mut ones = vec![0u32; length];
    let mut counts = vec![0u32; length];
    for (n, &vote) in votes.iter().enumerate() {
        let bit = n % length.max(1);
        if let (Some(o), Some(c)) = (ones.get_mut(bit), counts.get_mut(bit)) {
            *o += u32::from(vote);
            *c += 1;
        }
    }
    ones.iter()
        .zip(&counts)
        .map(|(&o, &c)| c > 0 && f64::from(o) / f64::from(c) * 255.0 > 127.0)
        .collect()
}

/// Decodes `length` bits from the U plane, as `WatermarkDecoder("bits", length).decode(bgr,
/// method)` does; None for images under 256×256 pixels or a zero length.
pub fn decode(plane: &Plane, method: Method, length: usize) -> Option<Vec<bool>> {
    if length == 0 {
        return None;
    }
    Some(bits_from_votes(&block_votes(plane, method)?, length))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u_plane_matches_opencv_on_corner_colours() {
        // cv2.cvtColor(np.array([[[b, g, r]]], np.uint8), cv2.COLOR_BGR2YUV)[..., 1]
        let rgb = [0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 0, 255, 0, 255, 0];
        let plane = u_plane(&rgb, 5, 1).unwrap();
        assert_eq!(plane.samples, [128, 128, 91, 239, 54]);
        assert!(u_plane(&rgb, 4, 1).is_none());
    }

    #[test]
    fn largest_singular_value_of_known_matrices() {
        let mut identity = [0.0; 16];
        for i in 0..4 {
            identity[i * 5] = 3.0;
        }
        assert!((largest_singular_value(&identity) - 3.0).abs() < 1e-12);
        let ones = [1.0; 16];
        assert!((largest_singular_value(&ones) - 4.0).abs() < 1e-12);
        assert_eq!(largest_singular_value(&[0.0; 16]), 0.0);
    }

    #[test]
    fn small_or_empty_inputs_are_refused() {
        let plane = Plane {
            width: 255,
            height: 256,
            samples: vec![0; 255 * 256],
        };
        assert!(decode(&plane, Method::DwtDct, 48).is_none());
        let plane = Plane {
            width: 256,
            height: 256,
            samples: vec![0; 256 * 256],
        };
        assert!(decode(&plane, Method::DwtDct, 0).is_none());
        assert_eq!(decode(&plane, Method::DwtDct, 48).unwrap(), vec![false; 48]);
    }
}
