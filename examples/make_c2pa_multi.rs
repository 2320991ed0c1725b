//! Makes the multi-manifest C2PA fixtures of the C2PA benchmark (issue 24), shaped like the
//! files today's generators write: an active manifest over two ingredient manifests, each
//! signed ES384 by a P-384 chain and time-stamped. `cargo run --release --example
//! make_c2pa_multi -- CHAIN.pem KEY.pem TSA_DIR OUT_DIR [FILE...]`;
//! `scripts/make-c2pa-multi.sh` makes the chains and the offline time-stamp authority
//! (`openssl ts -reply` in TSA_DIR) and calls this. Writes `multi-manifest.png` (2048×2048, in
//! 8 KiB IDAT chunks), `multi-manifest.jpg` (2048×1536) and `two-ai-ingredients.jpg` (a collage
//! over two model-made ingredients, for the report-order test), or only the FILEs named.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use c2pa::{create_signer, Builder, Context, Signer, SigningAlg};
use image::{ImageFormat, Rgb, RgbImage};

fn fail(message: String) -> ! {
    eprintln!("make_c2pa_multi: {message}");
    std::process::exit(1)
}

/// A signer that time-stamps with OpenSSL's offline TSA (`openssl ts -reply`), so that the
/// fixtures carry RFC 3161 tokens without a network.
struct TimeStampedSigner {
    inner: Box<dyn Signer>,
    tsa_dir: PathBuf,
}

impl Signer for TimeStampedSigner {
    fn sign(&self, data: &[u8]) -> c2pa::Result<Vec<u8>> {
        self.inner.sign(data)
    }
    fn alg(&self) -> SigningAlg {
        self.inner.alg()
    }
    fn certs(&self) -> c2pa::Result<Vec<Vec<u8>>> {
        self.inner.certs()
    }
    fn reserve_size(&self) -> usize {
        self.inner.reserve_size() + 8192
    }
    fn send_timestamp_request(&self, message: &[u8]) -> Option<c2pa::Result<Vec<u8>>> {
        let body = match self.timestamp_request_body(message) {
            Ok(body) => body,
            Err(e) => return Some(Err(e)),
        };
        let query = self.tsa_dir.join("request.tsq");
        let reply = self.tsa_dir.join("reply.tsr");
        std::fs::write(&query, body).unwrap_or_else(|e| fail(format!("{query:?}: {e}")));
        let status = Command::new("openssl")
            .args([
                "ts",
                "-reply",
                "-config",
                "tsa.cnf",
                "-queryfile",
                "request.tsq",
            ])
            .args(["-out", "reply.tsr"])
            .current_dir(&self.tsa_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap_or_else(|e| fail(format!("openssl ts: {e}")));
        if !status.success() {
            fail(format!("openssl ts -reply failed: {status}"));
        }
        Some(Ok(
            std::fs::read(&reply).unwrap_or_else(|e| fail(format!("{reply:?}: {e}")))
        ))
    }
}

/// The manifest definition: created by a model, or opened from the parent ingredient (labelled
/// "parent") and edited.
fn manifest(title: &str, created: bool) -> String {
    let agent = r#""softwareAgent": { "name": "aigc-label C2PA benchmark fixture" }"#;
    let actions = if created {
        format!(
            r#"{{ "action": "c2pa.created", "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", {agent} }}"#
        )
    } else {
        format!(
            r#"{{ "action": "c2pa.opened", "parameters": {{ "ingredientIds": ["parent"] }}, {agent} }},
               {{ "action": "c2pa.edited", {agent} }}"#
        )
    };
    format!(
        r#"{{
  "title": "{title}",
  "claim_generator_info": [{{ "name": "aigc-label C2PA benchmark fixture", "version": "1" }}],
  "assertions": [{{ "label": "c2pa.actions", "data": {{ "actions": [{actions}] }} }}]
}}"#
    )
}

/// The collage's manifest: an edit by a person, no source type of its own.
fn collage_manifest() -> String {
    r#"{
  "title": "collage.jpg",
  "claim_generator_info": [{ "name": "aigc-label C2PA benchmark fixture", "version": "1" }],
  "assertions": [{ "label": "c2pa.actions", "data": { "actions": [
    { "action": "c2pa.created",
      "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/composite",
      "softwareAgent": { "name": "aigc-label C2PA benchmark fixture" } }
  ] } }]
}"#
    .to_string()
}

/// A textured picture (a gradient with hashed noise), so that it compresses like a photo.
fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
        h ^= h >> 15;
        h = h.wrapping_mul(0x2C1B_3C6D);
        let noise = (h >> 30) as u8; // 0..3
        Rgb([
            (x * 255 / width) as u8 ^ noise,
            (y * 255 / height) as u8 ^ noise,
            ((x + y) / 16) as u8 ^ noise,
        ])
    })
}

/// `image` as PNG in IDAT chunks of 8 KiB, as some generators and editors write them.
fn png_with_small_chunks(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width(), image.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .unwrap_or_else(|e| fail(format!("png: {e}")));
    let mut stream = writer
        .stream_writer_with_size(8192)
        .unwrap_or_else(|e| fail(format!("png: {e}")));
    std::io::Write::write_all(&mut stream, image.as_raw())
        .unwrap_or_else(|e| fail(format!("png: {e}")));
    stream
        .finish()
        .unwrap_or_else(|e| fail(format!("png: {e}")));
    writer
        .finish()
        .unwrap_or_else(|e| fail(format!("png: {e}")));
    out
}

fn encode(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, format)
        .unwrap_or_else(|e| fail(format!("encoding: {e}")));
    bytes.into_inner()
}

/// Signs `asset` (of media type `mime`) with `parent`, if any, as its parent ingredient.
fn sign(
    signer: &dyn Signer,
    title: &str,
    mime: &str,
    asset: &[u8],
    parent: Option<(&str, &[u8])>,
) -> Vec<u8> {
    let mut builder = Builder::from_context(Context::new())
        .with_definition(manifest(title, parent.is_none()).as_str())
        .unwrap_or_else(|e| fail(format!("manifest: {e}")));
    if let Some((parent_mime, parent_bytes)) = parent {
        let ingredient =
            serde_json::json!({ "title": "parent", "relationship": "parentOf", "label": "parent" });
        builder
            .add_ingredient_from_stream(
                ingredient.to_string(),
                parent_mime,
                &mut Cursor::new(parent_bytes),
            )
            .unwrap_or_else(|e| fail(format!("ingredient: {e}")));
    }
    finish(builder, signer, title, mime, asset)
}

/// A collage of two model-made pictures: an active manifest that only records an edit, over
/// two ingredient manifests that each declare `trainedAlgorithmicMedia` (as Gemini's
/// multi-manifest files do). Which ingredient the report names must not follow hash-map order.
fn two_ai_ingredients(signer: &dyn Signer) -> Vec<u8> {
    let first = sign(
        signer,
        "generated-1.png",
        "image/png",
        &encode(&picture(96, 96), ImageFormat::Png),
        None,
    );
    let second = sign(
        signer,
        "generated-2.png",
        "image/png",
        &encode(&picture(80, 80), ImageFormat::Png),
        None,
    );
    let mut builder = Builder::from_context(Context::new())
        .with_definition(collage_manifest().as_str())
        .unwrap_or_else(|e| fail(format!("manifest: {e}")));
    for (title, bytes) in [("generated-1.png", &first), ("generated-2.png", &second)] {
        let ingredient =
            serde_json::json!({ "title": title, "relationship": "componentOf", "label": title });
        builder
            .add_ingredient_from_stream(
                ingredient.to_string(),
                "image/png",
                &mut Cursor::new(bytes),
            )
            .unwrap_or_else(|e| fail(format!("ingredient: {e}")));
    }
    let collage = encode(&picture(160, 96), ImageFormat::Jpeg);
    finish(builder, signer, "collage.jpg", "image/jpeg", &collage)
}

fn finish(
    mut builder: Builder,
    signer: &dyn Signer,
    title: &str,
    mime: &str,
    asset: &[u8],
) -> Vec<u8> {
    let mut signed = Cursor::new(Vec::new());
    builder
        .sign(signer, mime, &mut Cursor::new(asset), &mut signed)
        .unwrap_or_else(|e| fail(format!("signing {title}: {e}")));
    signed.into_inner()
}

/// Three generations: created by a model, edited, then exported large.
fn three_generations(signer: &dyn Signer, mime: &str, final_asset: &[u8]) -> Vec<u8> {
    let small = encode(&picture(256, 256), ImageFormat::Png);
    let created = sign(signer, "generated.png", "image/png", &small, None);
    let edited = sign(
        signer,
        "edited.png",
        "image/png",
        &small,
        Some(("image/png", &created)),
    );
    sign(
        signer,
        "exported",
        mime,
        final_asset,
        Some(("image/png", &edited)),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [chain, key, tsa_dir, out_dir, only @ ..] = args.as_slice() else {
        fail("usage: make_c2pa_multi CHAIN.pem KEY.pem TSA_DIR OUT_DIR [FILE...]".into())
    };
    // Named files only, when given: each run makes new keys, so the others would change too.
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let read = |path: &String| std::fs::read(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    let inner = create_signer::from_keys(&read(chain), &read(key), SigningAlg::Es384, None)
        .unwrap_or_else(|e| fail(format!("signer: {e}")));
    let signer = TimeStampedSigner {
        inner,
        tsa_dir: PathBuf::from(tsa_dir),
    };
    let out = Path::new(out_dir);
    let write = |name: &str, bytes: Vec<u8>| {
        std::fs::write(out.join(name), bytes).unwrap_or_else(|e| fail(format!("{out_dir}: {e}")))
    };
    if wanted("multi-manifest.png") {
        let png = png_with_small_chunks(&picture(2048, 2048));
        write(
            "multi-manifest.png",
            three_generations(&signer, "image/png", &png),
        );
    }
    if wanted("multi-manifest.jpg") {
        let jpeg = encode(&picture(2048, 1536), ImageFormat::Jpeg);
        write(
            "multi-manifest.jpg",
            three_generations(&signer, "image/jpeg", &jpeg),
        );
    }
    if wanted("two-ai-ingredients.jpg") {
        write("two-ai-ingredients.jpg", two_ai_ingredients(&signer));
    }
}
