//! Signs a small generated image with a C2PA manifest (an AI-created action) for the page's
//! warm-up: `cargo run --release --example make_warmup_sample -- ALG CHAIN.pem KEY.pem
//! png|jpeg OUT`. `scripts/make-warmup-samples.sh` makes the certificate chains and calls this.

use c2pa::{create_signer, Builder, Context, SigningAlg};
use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

/// The manifest: an AI-created image, so that the warm-up runs the same source-type walk as a
/// generator's file.
const MANIFEST: &str = r#"{
  "title": "aigc-label warm-up sample",
  "claim_generator_info": [{ "name": "aigc-label warm-up sample", "version": "1" }],
  "assertions": [{
    "label": "c2pa.actions",
    "data": { "actions": [{
      "action": "c2pa.created",
      "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
      "softwareAgent": { "name": "aigc-label warm-up sample" }
    }] }
  }]
}"#;

fn fail(message: String) -> ! {
    eprintln!("make_warmup_sample: {message}");
    std::process::exit(1)
}

/// A 48×32 gradient, encoded as `format`.
fn source_image(format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(48, 32, |x, y| Rgb([(x * 5) as u8, (y * 8) as u8, 128]));
    let mut bytes = Cursor::new(Vec::new());
    image
        .write_to(&mut bytes, format)
        .unwrap_or_else(|e| fail(format!("encoding the image: {e}")));
    bytes.into_inner()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [alg, chain, key, format, out] = args.as_slice() else {
        fail("usage: make_warmup_sample es256|ps256 CHAIN.pem KEY.pem png|jpeg OUT".into())
    };
    let alg: SigningAlg = alg
        .parse()
        .unwrap_or_else(|_| fail(format!("unknown algorithm {alg}")));
    let (image_format, mime) = match format.as_str() {
        "png" => (ImageFormat::Png, "image/png"),
        "jpeg" => (ImageFormat::Jpeg, "image/jpeg"),
        other => fail(format!("unknown format {other}")),
    };
    let read = |path: &String| std::fs::read(path).unwrap_or_else(|e| fail(format!("{path}: {e}")));
    let signer = create_signer::from_keys(&read(chain), &read(key), alg, None)
        .unwrap_or_else(|e| fail(format!("signer: {e}")));
    let source = source_image(image_format);
    let mut builder = Builder::from_context(Context::new())
        .with_definition(MANIFEST)
        .unwrap_or_else(|e| fail(format!("manifest: {e}")));
    builder
        .set_thumbnail(mime, &mut Cursor::new(source.clone()))
        .unwrap_or_else(|e| fail(format!("thumbnail: {e}")));
    let mut signed = Cursor::new(Vec::new());
    builder
        .sign(signer.as_ref(), mime, &mut Cursor::new(source), &mut signed)
        .unwrap_or_else(|e| fail(format!("signing: {e}")));
    std::fs::write(out, signed.into_inner()).unwrap_or_else(|e| fail(format!("{out}: {e}")));
}
