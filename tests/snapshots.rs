//! Report snapshots: every committed fixture's report, byte for byte, so that a refactoring
//! that changes what users see fails here. Images are checked twice: metadata only, and with
//! the pixel checks. Fuzz regression inputs (31,000) are kept as one digest per archive.
//!
//! After a deliberate change of wording: `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`,
//! then review the diff of `tests/snapshots/` like any other change.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// The lite build reports C2PA stores unvalidated: its reports differ by design, and it runs
// none of these tests.
#![cfg(feature = "c2pa")]

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

use aigc_label::{verify, Options};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Every fixture file under `tests/fixtures`, sorted, as paths relative to it; the fuzz
/// regression archives and the fixture recipes are not fixtures themselves.
fn fixture_files(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = path
            .strip_prefix(base)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if path.is_dir() {
            if name != "regression" {
                fixture_files(&path, base, out);
            }
        } else if !name.ends_with(".py") && !name.ends_with(".md") && !name.ends_with(".config") {
            out.push(name);
        }
    }
}

fn is_image(bytes: &[u8]) -> bool {
    matches!(
        aigc_label::sniff::sniff(bytes).map(|f| f.media().as_str()),
        Some("image")
    )
}

/// FNV-1a, 64 bits: a digest that needs no dependency.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn fixture_reports() -> String {
    let base = root().join("fixtures");
    let mut names = Vec::new();
    fixture_files(&base, &base, &mut names);
    let mut out = String::new();
    for name in names {
        let bytes = std::fs::read(base.join(&name)).unwrap();
        let report = verify(&bytes, &Options::default()).to_json();
        writeln!(out, "{name}\n{report}").unwrap();
        if cfg!(feature = "watermark") && is_image(&bytes) {
            let report = verify(&bytes, &Options::default().with_watermarks()).to_json();
            writeln!(out, "{name} (pixel checks)\n{report}").unwrap();
        }
    }
    out
}

fn regression_digests() -> String {
    let dir = root().join("fixtures/regression");
    let mut zips: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    zips.sort();
    let mut out = String::new();
    for path in zips
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
    {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut all = 0u64;
        for index in 0..archive.len() {
            let mut file = archive.by_index(index).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            let entry = file.name().to_string();
            let mut hash = digest(&verify(&data, &Options::default()).to_json());
            if cfg!(feature = "watermark") && name == "watermark.zip" {
                let pixels = verify(&data, &Options::default().with_watermarks()).to_json();
                hash ^= digest(&pixels).rotate_left(1);
            }
            all = all.rotate_left(5) ^ hash ^ digest(&entry);
        }
        writeln!(out, "{name}: {} inputs, digest {all:016x}", archive.len()).unwrap();
    }
    out
}

/// Compares `actual` with the committed snapshot, or rewrites it under `UPDATE_SNAPSHOTS`.
fn assert_snapshot(file: &str, actual: &str) {
    let path = root().join("snapshots").join(file);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let changed: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("- {a}\n+ {b}"))
            .collect();
        panic!(
            "{file} differs from the reports this build gives (first changes below); if the \
             change is deliberate, run UPDATE_SNAPSHOTS=1 cargo test --test snapshots\n{}",
            changed.join("\n")
        );
    }
}

#[test]
fn fixture_reports_are_unchanged() {
    assert_snapshot("fixtures.txt", &fixture_reports());
}

#[test]
fn regression_reports_are_unchanged() {
    assert_snapshot("regression.txt", &regression_digests());
}
