//! Decodes an image's pixels once per file, within fixed bounds, for every family that reads
//! pixels (the label families' input decodes lazily and shares the result).

use fast_image_resize::images::{TypedImage, TypedImageRef};
use fast_image_resize::pixels::U8x3;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{ImageFormat, ImageReader, Limits};

use crate::sniff::Format;
use crate::source::Source;

/// Files larger than this are not decoded for the watermark check.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// Images with more pixels than this are not decoded (a 2-byte PNG header can claim billions).
pub const MAX_PIXELS: u64 = 40_000_000;

/// 8-bit RGB pixels of an image.
pub struct Rgb {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width * height * 3` bytes, row-major.
    pub data: Vec<u8>,
}

/// How the watermark check decodes an image format.
#[derive(Clone, Copy)]
enum Codec {
    /// The `png` crate directly, checksums off ([`decode_png`]).
    Png,
    /// The `image` crate.
    Image(ImageFormat),
}

/// The codec for `format`, if the watermark check reads it.
fn codec(format: Format) -> Option<Codec> {
    Some(match format {
        Format::Png => Codec::Png,
        Format::Jpeg => Codec::Image(ImageFormat::Jpeg),
        Format::Webp => Codec::Image(ImageFormat::WebP),
        Format::Gif => Codec::Image(ImageFormat::Gif),
        _ => return None,
    })
}

/// Whether the watermark check can read `format`.
pub fn readable(format: Format) -> bool {
    codec(format).is_some()
}

/// A reader of `bytes` as `codec` that allocates at most 4 bytes for each of MAX_PIXELS.
fn bounded_reader(bytes: &[u8], codec: ImageFormat) -> ImageReader<std::io::Cursor<&[u8]>> {
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), codec);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    reader
}

/// Decodes the first frame of the image in `source` to RGB.
pub fn decode(source: &dyn Source, format: Format) -> Result<Rgb, String> {
    let codec = codec(format).ok_or("not an image format the watermark check reads")?;
    if source.len() > MAX_FILE {
        return Err(format!(
            "images over {MAX_FILE} bytes are not checked for watermarks"
        ));
    }
    let len = usize::try_from(source.len()).map_err(|e| e.to_string())?;
    let bytes = source.read_at(0, len)?;
    match codec {
        Codec::Png => decode_png(&bytes),
        Codec::Image(codec) => decode_with_image(&bytes, codec),
    }
}

/// An error unless `width` × `height` is within [`MAX_PIXELS`].
fn check_size(width: u32, height: u32) -> Result<(), String> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(format!(
            "{width}x{height} pixels is too large to check for watermarks"
        ));
    }
    Ok(())
}

/// Decodes JPEG, WebP and GIF with the `image` crate.
fn decode_with_image(bytes: &[u8], codec: ImageFormat) -> Result<Rgb, String> {
    let (width, height) = bounded_reader(bytes, codec)
        .into_dimensions()
        .map_err(|e| format!("image header: {e}"))?;
    check_size(width, height)?;
    let image = bounded_reader(bytes, codec)
        .decode()
        .map_err(|e| format!("pixels: {e}"))?
        .into_rgb8();
    Ok(Rgb {
        width: image.width() as usize,
        height: image.height() as usize,
        data: image.into_raw(),
    })
}

/// Decodes a PNG with the `png` crate, without its CRC and Adler-32 checks: the `image` crate
/// cannot turn them off, and wasm has no carry-less multiply to compute the CRC of every IDAT
/// chunk quickly (4.5% of `verify` of a 1024² PNG in V8, docs/performance.md). A
/// damaged chunk then gives wrong pixels, not an error; the container checks the CRCs of the
/// chunks that carry labels. Bit depths below 8 are expanded, palettes looked up, 16-bit
/// samples rounded to 8 bits and alpha dropped, as the `image` crate's `into_rgb8` does.
fn decode_png(bytes: &[u8]) -> Result<Rgb, String> {
    let limits = png::Limits {
        bytes: usize::try_from(MAX_PIXELS * 4).unwrap_or(usize::MAX),
    };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    decoder.ignore_checksums(true);
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    decoder.set_transformations(png::Transformations::EXPAND);
    let header = decoder
        .read_header_info()
        .map_err(|e| format!("image header: {e}"))?;
    check_size(header.width, header.height)?;
    let mut reader = decoder.read_info().map_err(|e| format!("pixels: {e}"))?;
    let size = reader
        .output_buffer_size()
        .ok_or("pixels: the image is too large")?;
    let mut data = vec![0; size];
    let frame = reader
        .next_frame(&mut data)
        .map_err(|e| format!("pixels: {e}"))?;
    data.truncate(frame.buffer_size());
    let (width, height) = (frame.width as usize, frame.height as usize);
    let data = png_to_rgb(data, frame.color_type.samples(), frame.bit_depth)?;
    if data.len() != width * height * 3 {
        return Err("pixels: the PNG decoder returned a short frame".to_string());
    }
    Ok(Rgb {
        width,
        height,
        data,
    })
}

/// Expanded PNG samples (`channels` per pixel: gray, gray + alpha, RGB or RGBA; 8 or 16 bits)
/// as 8-bit RGB.
fn png_to_rgb(data: Vec<u8>, channels: usize, depth: png::BitDepth) -> Result<Vec<u8>, String> {
    let bytes_per_sample = match depth {
        png::BitDepth::Eight => 1,
        png::BitDepth::Sixteen => 2,
        other => return Err(format!("pixels: unexpected PNG bit depth {other:?}")),
    };
    if channels == 3 && bytes_per_sample == 1 {
        return Ok(data);
    }
    let pixel_len = channels * bytes_per_sample;
    let sample = |pixel: &[u8], index: usize| -> u8 {
        if bytes_per_sample == 1 {
            pixel.get(index).copied().unwrap_or(0)
        } else {
            let at = index * 2;
            let wide = match pixel.get(at..at + 2) {
                Some(&[high, low]) => u32::from(u16::from_be_bytes([high, low])),
                _ => 0,
            };
            // The image crate's rounding: round(c × 255 / 65535).
            u8::try_from((wide + 128) / 257).unwrap_or(u8::MAX)
        }
    };
    let mut rgb = Vec::with_capacity(data.len() / pixel_len * 3);
    for pixel in data.chunks_exact(pixel_len) {
        if channels < 3 {
            let luma = sample(pixel, 0);
            rgb.extend_from_slice(&[luma, luma, luma]);
        } else {
            rgb.extend_from_slice(&[sample(pixel, 0), sample(pixel, 1), sample(pixel, 2)]);
        }
    }
    Ok(rgb)
}

/// The pixels resized to `width` × `height` with a Lanczos filter (of the filters tried, it
/// brings a resized mark back best), by `fast_image_resize` (the Cargo.toml comment on it gives
/// the measured gain over the `image` crate's f32 resize); None for a zero or oversized target
/// or pixels that do not fill the image.
pub fn resize(rgb: &Rgb, width: usize, height: usize) -> Option<Rgb> {
    let whole = Region {
        left: 0.0,
        top: 0.0,
        width: rgb.width as f64,
        height: rgb.height as f64,
    };
    resize_region(rgb, whole, width, height)
}

/// A rectangle of an image in (fractional) pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// `region` of the pixels resized to `width` × `height` (Lanczos, as [`resize`]); None for an
/// empty or oversized target, a region outside the image, or pixels that do not fill it.
pub fn resize_region(rgb: &Rgb, region: Region, width: usize, height: usize) -> Option<Rgb> {
    if (width as u64).checked_mul(height as u64)? > MAX_PIXELS || width == 0 || height == 0 {
        return None;
    }
    let inside = region.left >= 0.0
        && region.top >= 0.0
        && region.width > 0.0
        && region.height > 0.0
        && region.left + region.width <= rgb.width as f64 + 1e-6
        && region.top + region.height <= rgb.height as f64 + 1e-6;
    if !inside {
        return None;
    }
    // Typed for RGB8: the untyped entry point links the code of every pixel type (+340 KB
    // gzipped of wasm).
    let source = TypedImageRef::<U8x3>::from_buffer(
        u32::try_from(rgb.width).ok()?,
        u32::try_from(rgb.height).ok()?,
        rgb.data.as_slice(),
    )
    .ok()?;
    let mut data = vec![0; width.checked_mul(height)?.checked_mul(3)?];
    let mut resized = TypedImage::<U8x3>::from_buffer(
        u32::try_from(width).ok()?,
        u32::try_from(height).ok()?,
        &mut data,
    )
    .ok()?;
    let mut lanczos = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    let whole = region.left == 0.0
        && region.top == 0.0
        && region.width == rgb.width as f64
        && region.height == rgb.height as f64;
    if !whole {
        lanczos = lanczos.crop(region.left, region.top, region.width, region.height);
    }
    Resizer::new()
        .resize_typed(&source, &mut resized, &lanczos)
        .ok()?;
    Some(Rgb {
        width,
        height,
        data,
    })
}
