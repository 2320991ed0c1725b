//! The open `invisible-watermark` (imwatermark) decoder, bit-exact with the Python package:
//! methods `dwtDct` and `dwtDctSvd`, as embedded by Stable Diffusion, SDXL, FLUX and InvokeAI.
//!
//! Pipeline (docs/REFERENCE.md §3): OpenCV's 8-bit BGR→YUV U plane, cropped to multiples of 4; one
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

/// How the embedding pipeline handed its pixels to the encoder (docs/REFERENCE.md §3). The reference
/// decoder assumes 8-bit BGR; pipelines that passed float arrays, or RGB where BGR was meant,
/// put the mark in a different U plane, which only the matching conversion finds again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    /// Float pixels (0..255): OpenCV's float conversion, U = 0.492(B − Y) + 0.5, unrounded.
    /// Diffusers, Stability's generative-models and FLUX reference code encode float arrays.
    pub float: bool,
    /// Red and blue swapped: RGB pixels passed as BGR (diffusers before 0.28).
    pub swapped: bool,
}

impl Input {
    /// 8-bit BGR, what the reference decoder reads.
    pub const REFERENCE: Input = Input {
        float: false,
        swapped: false,
    };
}

/// The Haar low band of an image's U plane, cropped to multiples of 4 first.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Width in values (half the cropped image width).
    pub width: usize,
    /// Height in values.
    pub height: usize,
    /// `width * height` values, row-major.
    pub values: Vec<f64>,
}

/// The Haar low band of the U plane the encoder saw for 8-bit RGB pixels (3 bytes a pixel)
/// handed over as `input`, computed in one pass without storing the plane: each value is
/// `k·(k·b + k·d) + k·(k·a + k·c)` for the 2×2 pixels a b / c d, in pywt's order of operations
/// (vertical pairs first). None when `rgb` is not `width * height * 3` bytes or the image has
/// fewer than 256×256 pixels, which the reference refuses.
pub fn low_band(rgb: &[u8], width: usize, height: usize, input: Input) -> Option<Band> {
    if width.checked_mul(height)?.checked_mul(3)? != rgb.len() || width * height < MIN_PIXELS {
        return None;
    }
    Some(match (input.float, input.swapped) {
        (false, false) => band_with(rgb, width, height, eight_bit_u),
        (false, true) => band_with(rgb, width, height, |r, g, b| eight_bit_u(b, g, r)),
        (true, false) => band_with(rgb, width, height, float_u),
        (true, true) => band_with(rgb, width, height, |r, g, b| float_u(b, g, r)),
    })
}

/// [`low_band`] for one U conversion, two U rows at a time. The U rows are computed on their
/// own first (over whole pixels, `[u8; 3]`, which lets the compiler vectorise the conversion),
/// then paired into the band.
fn band_with(rgb: &[u8], width: usize, height: usize, u: impl Fn(u8, u8, u8) -> f32) -> Band {
    let (half_w, half_h) = (width / 4 * 2, height / 4 * 2);
    let mut values = Vec::with_capacity(half_w * half_h);
    let (mut top, mut bottom) = (vec![0.0f32; half_w * 2], vec![0.0f32; half_w * 2]);
    let u_row = |row: &[u8], out: &mut [f32]| {
        for (value, &[r, g, b]) in out.iter_mut().zip(row.as_chunks::<3>().0) {
            *value = u(r, g, b);
        }
    };
    let rows = rgb.chunks_exact(width * 3);
    let row_pairs = rows.clone().step_by(2).zip(rows.skip(1).step_by(2));
    for (first, second) in row_pairs.take(half_h) {
        u_row(first, &mut top);
        u_row(second, &mut bottom);
        let pairs = top.as_chunks::<2>().0.iter().zip(bottom.as_chunks::<2>().0);
        values.extend(pairs.map(|(&[a0, a1], &[c0, c1])| {
            let [a0, a1, c0, c1] = [a0, a1, c0, c1].map(f64::from);
            let left = HAAR * c0 + HAAR * a0;
            let right = HAAR * c1 + HAAR * a1;
            HAAR * right + HAAR * left
        }));
    }
    Band {
        width: half_w,
        height: half_h,
        values,
    }
}

/// OpenCV's `cvtColor(BGR2YUV)` U value of one pixel handed over as `input` (see [`Input`]);
/// for 8-bit input Y = (1868B + 9617G + 4899R + 2¹³) >> 14, U = clamp(((B − Y)·8061 + 2²¹ +
/// 2¹³) >> 14).
pub fn u_value(r: u8, g: u8, b: u8, input: Input) -> f32 {
    let (r, b) = if input.swapped { (b, r) } else { (r, b) };
    if input.float {
        float_u(r, g, b)
    } else {
        integer_u(r, g, b)
    }
}

/// OpenCV's 8-bit U, fixed point.
fn integer_u(r: u8, g: u8, b: u8) -> f32 {
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    let y = (1868 * b + 9617 * g + 4899 * r + (1 << 13)) >> 14;
    let u = ((b - y) * 8061 + (1 << 21) + (1 << 13)) >> 14;
    u.clamp(0, 255) as f32
}

// OpenCV's 8-bit U as each target computes it fastest: x86-64's baseline (SSE2) has no 32-bit
// vector multiply, so tables win there (10% faster); wasm's simd128 has one, and tables made
// the band 40% slower in V8.
#[cfg(not(target_arch = "x86_64"))]
use self::integer_u as eight_bit_u;
#[cfg(target_arch = "x86_64")]
use self::u_tables::table_u as eight_bit_u;

/// OpenCV's 8-bit U by table lookups, built at compile time: used on x86-64 only, tested on
/// every target.
mod u_tables {
    #![cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]

    /// Y's three terms by channel value, the rounding constant folded into green's: Y = (R + G +
    /// B) >> 14 over these.
    static Y_TERMS: [[i32; 256]; 3] = y_terms();
    /// U by B − Y + 256 (B − Y lies in −255..=255).
    static U_BY_DIFFERENCE: [f32; 512] = u_by_difference();

    // The two table builders run at compile time only: an index out of range fails the build.
    #[allow(clippy::indexing_slicing)]
    const fn y_terms() -> [[i32; 256]; 3] {
        let mut terms = [[0; 256]; 3];
        let mut value = 0;
        while value < 256 {
            terms[0][value] = 4899 * value as i32;
            terms[1][value] = 9617 * value as i32 + (1 << 13);
            terms[2][value] = 1868 * value as i32;
            value += 1;
        }
        terms
    }

    #[allow(clippy::indexing_slicing)]
    const fn u_by_difference() -> [f32; 512] {
        let mut table = [0.0; 512];
        let mut index = 0;
        while index < 512 {
            let u = ((index as i32 - 256) * 8061 + (1 << 21) + (1 << 13)) >> 14;
            table[index] = if u < 0 {
                0.0
            } else if u > 255 {
                255.0
            } else {
                u as f32
            };
            index += 1;
        }
        table
    }

    /// [`integer_u`](super::integer_u) by table lookups, no multiplications (the same value
    /// for every colour: a test checks all 2²⁴).
    pub(super) fn table_u(r: u8, g: u8, b: u8) -> f32 {
        let [r_terms, g_terms, b_terms] = &Y_TERMS;
        let term =
            |terms: &[i32; 256], value: u8| terms.get(usize::from(value)).copied().unwrap_or(0);
        let y = (term(r_terms, r) + term(g_terms, g) + term(b_terms, b)) >> 14;
        let index = (i32::from(b) - y + 256) & 511;
        U_BY_DIFFERENCE.get(index as usize).copied().unwrap_or(0.0)
    }
}

/// OpenCV's float U (delta 0.5 for float images, not 128).
fn float_u(r: u8, g: u8, b: u8) -> f32 {
    let (r, g, b) = (f32::from(r), f32::from(g), f32::from(b));
    let y = 0.299f32 * r + 0.587f32 * g + 0.114f32 * b;
    (b - y) * 0.492f32 + 0.5f32
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
    remainder_of_scale(value) > SCALE * 0.5
}

/// `value % SCALE` (fmod, exact) without the libm call Rust makes for `%` on floats, which
/// cost ~1-2% of a whole check natively and in wasm. For 0 ≤ value < 2⁴⁰ the truncated
/// quotient is right or one too large (never too small: rounding is monotonic and integers are
/// exact), both subtractions are exact (Sterbenz; the true remainder is representable), and a
/// test compares with `%` at and around every multiple of 36 in the range votes meet.
fn remainder_of_scale(value: f64) -> f64 {
    if !(0.0..1_099_511_627_776.0).contains(&value) {
        return value % SCALE;
    }
    let quotient = (value / SCALE) as u64 as f64;
    let rest = value - quotient * SCALE;
    if rest < 0.0 {
        rest + SCALE
    } else {
        rest
    }
}

// The matrix helpers below index fixed 4×4 arrays with constant loop bounds only.

/// The largest singular value of a 4×4 matrix: √ of the largest eigenvalue of MᵀM (the
/// reference's DCT before its SVD does not change singular values). Power iteration finds it
/// in a few steps for the usual block, whose first singular value dominates; blocks where it
/// does not settle fall back to cyclic Jacobi rotations. Both agree with LAPACK to ~1e-12.
fn largest_singular_value(m: &[f64; 16]) -> f64 {
    let gram = gram(m);
    power_iteration(&gram)
        .unwrap_or_else(|| jacobi_largest_eigenvalue(gram))
        .max(0.0)
        .sqrt()
}

/// MᵀM of a row-major 4×4 matrix.
#[allow(clippy::indexing_slicing)]
fn gram(m: &[f64; 16]) -> [[f64; 4]; 4] {
    let mut a = [[0.0f64; 4]; 4];
    for (i, row) in a.iter_mut().enumerate() {
        for (j, cell) in row.iter_mut().enumerate() {
            *cell = (0..4).map(|k| m[k * 4 + i] * m[k * 4 + j]).sum();
        }
    }
    a
}

#[allow(clippy::indexing_slicing)]
fn times(a: &[[f64; 4]; 4], x: &[f64; 4]) -> [f64; 4] {
    let mut y = [0.0; 4];
    for (yi, row) in y.iter_mut().zip(a) {
        *yi = row[0] * x[0] + row[1] * x[1] + row[2] * x[2] + row[3] * x[3];
    }
    y
}

fn dot(x: &[f64; 4], y: &[f64; 4]) -> f64 {
    x.iter().zip(y).map(|(a, b)| a * b).sum()
}

/// The largest eigenvalue of the symmetric positive semi-definite `a` by power iteration from
/// its heaviest column, finished with a Rayleigh quotient; None when it has not settled to
/// 1e-15 within 48 steps (close leading eigenvalues).
#[allow(clippy::indexing_slicing)]
fn power_iteration(a: &[[f64; 4]; 4]) -> Option<f64> {
    let heaviest = (0..4).fold(0, |best, i| if a[i][i] > a[best][best] { i } else { best });
    if a[heaviest][heaviest] <= 0.0 {
        return Some(0.0);
    }
    let mut x = a[heaviest];
    let mut previous = 0.0;
    for _ in 0..48 {
        let norm = dot(&x, &x).sqrt();
        x.iter_mut().for_each(|v| *v /= norm);
        let y = times(a, &x);
        let rayleigh = dot(&x, &y);
        if (rayleigh - previous).abs() <= 1e-15 * rayleigh {
            return Some(rayleigh);
        }
        previous = rayleigh;
        x = y;
    }
    None
}

/// The largest eigenvalue of the symmetric `a` by cyclic Jacobi rotations, to machine
/// precision.
#[allow(clippy::indexing_slicing)]
fn jacobi_largest_eigenvalue(mut a: [[f64; 4]; 4]) -> f64 {
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
    (0..4).map(|i| a[i][i]).fold(0.0f64, f64::max)
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

/// Every block's vote under `method`: 4×4 blocks of the band in row order. Votes do not
/// depend on the payload length, so one pass serves every payload.
pub fn block_votes(band: &Band, method: Method) -> Vec<bool> {
    let width = band.width.max(1);
    let mut votes = Vec::with_capacity((band.width / 4) * (band.height / 4));
    for rows in band.values.chunks_exact(width * 4) {
        let mut rows = rows.chunks_exact(width).map(|row| row.as_chunks::<4>().0);
        let (Some(r0), Some(r1), Some(r2), Some(r3)) =
            (rows.next(), rows.next(), rows.next(), rows.next())
        else {
            continue;
        };
        let quads = r0.iter().zip(r1).zip(r2).zip(r3);
        votes.extend(quads.map(|(((a, b), c), d)| {
            let block = [
                a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3], c[0], c[1], c[2], c[3], d[0], d[1],
                d[2], d[3],
            ];
            vote(&block, method)
        }));
    }
    votes
}

/// The `length` bits the votes give: block n votes for bit n mod `length`, and a bit is 1 when
/// numpy's `mean(votes) * 255 > 127` (a bit without votes has mean NaN, which compares false).
pub fn bits_from_votes(votes: &[bool], length: usize) -> Vec<bool> {
    let mut ones = vec![0u32; length];
    let mut counts = vec![0u32; length];
    for cycle in votes.chunks(length.max(1)) {
        for ((o, c), &vote) in ones.iter_mut().zip(counts.iter_mut()).zip(cycle) {
            *o += u32::from(vote);
            *c += 1;
        }
    }
    ones.iter()
        .zip(&counts)
        .map(|(&o, &c)| c > 0 && f64::from(o) / f64::from(c) * 255.0 > 127.0)
        .collect()
}

/// Decodes `length` bits from 8-bit RGB pixels, as `WatermarkDecoder("bits",
/// length).decode(bgr, method)` does; None for images under 256×256 pixels, pixels that do not
/// fill the image, or a zero length.
pub fn decode(
    rgb: &[u8],
    width: usize,
    height: usize,
    method: Method,
    length: usize,
) -> Option<Vec<bool>> {
    if length == 0 {
        return None;
    }
    let band = low_band(rgb, width, height, Input::REFERENCE)?;
    Some(bits_from_votes(&block_votes(&band, method), length))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u_values_match_opencv_on_corner_colours() {
        // cv2.cvtColor(np.array([[[b, g, r]]], np.uint8), cv2.COLOR_BGR2YUV)[..., 1]
        let rgb = [
            [0, 0, 0],
            [255, 255, 255],
            [255, 0, 0],
            [0, 0, 255],
            [0, 255, 0],
        ];
        let u: Vec<f32> = rgb
            .iter()
            .map(|&[r, g, b]| u_value(r, g, b, Input::REFERENCE))
            .collect();
        assert_eq!(u, [128.0, 128.0, 91.0, 239.0, 54.0]);
        // The same pixels handed over as float, and with red and blue swapped.
        let float = Input {
            float: true,
            swapped: false,
        };
        assert!((u_value(0, 0, 255, float) - (255.0 * (1.0 - 0.114) * 0.492 + 0.5)).abs() < 1e-3);
        let swapped = Input {
            float: false,
            swapped: true,
        };
        assert_eq!(u_value(255, 0, 0, swapped), 239.0);
    }

    #[test]
    fn the_u_tables_give_opencvs_u_for_every_colour() {
        for rgb in 0..1u32 << 24 {
            let [r, g, b, _] = rgb.to_le_bytes();
            assert_eq!(
                u_tables::table_u(r, g, b),
                integer_u(r, g, b),
                "{r} {g} {b}"
            );
        }
    }

    #[test]
    fn remainder_of_scale_is_fmod_exactly() {
        let mut values = vec![
            0.0,
            1e-300,
            0.5,
            17.999999999999996,
            18.0,
            35.99999999999999,
        ];
        // Every multiple of 36 up to 72,000 (votes meet band values of 0..=510 and singular
        // values up to 4 · 510), the neighbouring floats, and the halves where votes flip.
        for k in 0..2000u32 {
            let multiple = f64::from(k) * SCALE;
            for base in [multiple, multiple + 18.0] {
                let (mut below, mut above) = (base, base);
                for _ in 0..4 {
                    below = below.next_down();
                    above = above.next_up();
                    values.extend([below, above]);
                }
                values.push(base);
            }
        }
        values.extend((0..100_000u32).map(|i| f64::from(i) * HAAR));
        values.extend([1e12, 3.5e15, f64::MAX, f64::INFINITY, f64::NAN]);
        for value in values {
            let (ours, fmod) = (remainder_of_scale(value), value % SCALE);
            assert!(
                ours.to_bits() == fmod.to_bits() || (ours.is_nan() && fmod.is_nan()),
                "{value:e}: {ours:e} != {fmod:e}"
            );
        }
    }

    #[test]
    fn low_band_sums_each_two_by_two_square_and_crops_to_fours() {
        // A 258×257 grey image: the band covers the 256×256 crop, each value (4·u)/2.
        let band = low_band(&vec![77; 258 * 257 * 3], 258, 257, Input::REFERENCE).unwrap();
        assert_eq!(
            (band.width, band.height, band.values.len()),
            (128, 128, 128 * 128)
        );
        let u = f64::from(u_value(77, 77, 77, Input::REFERENCE));
        assert!(band.values.iter().all(|v| (v - 2.0 * u).abs() < 1e-9));
        assert!(low_band(&[0; 30], 256, 256, Input::REFERENCE).is_none());
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
    fn power_iteration_agrees_with_jacobi_on_many_blocks() {
        // Pseudo-random blocks (a fixed LCG), smooth ones like image blocks and rough ones.
        let mut state = 12345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as f64 / f64::from(1u32 << 31)
        };
        let mut fell_back = 0;
        for n in 0..20_000 {
            let base = 500.0 * next();
            let mut m = [0.0; 16];
            for v in m.iter_mut() {
                *v = if n % 2 == 0 {
                    base + 10.0 * next()
                } else {
                    500.0 * next()
                };
            }
            let gram = gram(&m);
            let exact = jacobi_largest_eigenvalue(gram);
            match power_iteration(&gram) {
                Some(fast) => assert!((fast - exact).abs() <= 1e-12 * exact, "{m:?}"),
                None => fell_back += 1,
            }
        }
        assert!(fell_back < 200, "{fell_back} of 20000 blocks needed Jacobi");
    }

    #[test]
    fn small_or_empty_inputs_are_refused() {
        assert!(decode(&vec![0; 255 * 256 * 3], 255, 256, Method::DwtDct, 48).is_none());
        let black = vec![0; 256 * 256 * 3];
        assert!(decode(&black, 256, 256, Method::DwtDct, 0).is_none());
        assert_eq!(
            decode(&black, 256, 256, Method::DwtDct, 48).unwrap(),
            vec![false; 48]
        );
    }
}
