//! Issue 39, beyond the expected reports in tests/common/mod.rs: the errors a damaged DOCX
//! yields beside its label, where each unusual form was found, and the bounds of the
//! last-resort scan.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use aigc_label::{verify, verify_source, Options, ReadSeekSource, Report, Source, Verdict};

fn fixture(name: &str) -> Report {
    let path = format!("{}/tests/fixtures/forms/{name}", env!("CARGO_MANIFEST_DIR"));
    verify(&std::fs::read(path).unwrap(), &Options::default())
}

fn failing(report: &Report, id: &str) -> Vec<String> {
    report
        .evidence
        .iter()
        .flat_map(|e| &e.checks)
        .filter(|c| c.id == id && !c.ok)
        .map(|c| c.message.clone())
        .collect()
}

#[test]
fn a_docx_without_its_central_directory_is_read_from_its_local_headers() {
    let report = fixture("docx-no-central-directory.docx");
    assert_eq!(report.verdict, Verdict::AiLabeled);
    assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
    assert!(
        report.errors[0].starts_with("ZIP: unreadable archive (")
            && report.errors[0].ends_with("); its entries were read from their local headers"),
        "{}",
        report.errors[0]
    );
    assert!(
        report.evidence[0]
            .location
            .contains("docProps/custom.xml (ZIP entry at byte"),
        "{}",
        report.evidence[0].location
    );
}

#[test]
fn a_docx_entry_with_a_wrong_crc_is_read_and_the_crc_reported() {
    let report = fixture("docx-bad-crc.docx");
    assert_eq!(report.verdict, Verdict::AiLabeled);
    assert!(
        report.errors
            == ["ZIP: cannot inflate docProps/custom.xml (Invalid checksum); the 532 bytes read were kept"],
        "{:?}",
        report.errors
    );
}

#[test]
fn plain_xmp_properties_are_read_with_a_warning_not_a_failure() {
    for name in [
        "jpeg-xmp-plain-attributes.jpg",
        "png-xmp-plain-elements.png",
        "webp-xmp-plain-attributes.webp",
    ] {
        let report = fixture(name);
        assert_eq!(report.verdict, Verdict::AiLabeled, "{name}");
        let evidence = &report.evidence[0];
        assert!(
            evidence.location.starts_with("plain properties in "),
            "{name}: {}",
            evidence.location
        );
        assert_eq!(
            failing(&report, "tc260.xmp.form"),
            ["The label is written as plain XMP properties, not as the standard JSON in TC260:AIGC"],
            "{name}"
        );
        let check = evidence
            .checks
            .iter()
            .find(|c| c.id == "tc260.xmp.form")
            .unwrap();
        assert!(check.advisory, "{name}");
        // Every other check passes: the warning alone does not make the label invalid.
        assert!(
            evidence.checks.iter().all(|c| c.ok || c.advisory),
            "{name}: {:?}",
            evidence.checks
        );
    }
}

#[test]
fn each_unusual_carrier_is_named_in_the_location() {
    let expect = [
        (
            "gif-xmp-wrong-auth-code.gif",
            "(authentication code 41 44 42) at byte 19",
        ),
        ("gif-xmp-sub-blocks.gif", "in sub-blocks"),
        ("mp4-moov-udta-aigc.mp4", "'aigc' box in 'udta' at byte"),
        ("mp4-trak-udta-aigc.mp4", "'AIGC' box in 'udta' at byte"),
        ("jpeg-usercomment-ifd0.jpg", "UserComment"),
        ("tiff-usercomment-unicode.tif", "UserComment"),
        ("jpeg-usercomment-undefined.jpg", "UserComment"),
    ];
    for (name, part) in expect {
        let report = fixture(name);
        assert_eq!(
            report.verdict,
            Verdict::AiLabeled,
            "{name}: {:?}",
            report.errors
        );
        assert!(
            report.evidence[0].location.contains(part),
            "{name}: {}",
            report.evidence[0].location
        );
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
    }
}

#[test]
fn the_last_resort_scan_names_the_offset_and_warns() {
    for (name, verdict) in [
        ("png-private-chunk.png", Verdict::AiLabeled),
        ("png-after-iend.png", Verdict::SuspectedAi),
    ] {
        let report = fixture(name);
        assert_eq!(report.verdict, verdict, "{name}");
        assert_eq!(report.evidence.len(), 1, "{name}");
        let location = &report.evidence[0].location;
        assert!(
            location.starts_with("bytes at byte ") && location.ends_with(", found by a scan"),
            "{name}: {location}"
        );
        assert_eq!(
            failing(&report, "tc260.location.nonstandard").len(),
            1,
            "{name}: {:?}",
            report.evidence[0].checks
        );
    }
}

#[test]
fn an_unrelated_label_key_stays_no_label() {
    let report = fixture("png-description-cat.png");
    assert_eq!(report.verdict, Verdict::NoLabel);
    assert!(report.evidence.is_empty(), "{:?}", report.evidence);
}

/// A 4 GiB file with no label: the scan reads its head and tail only and says so.
#[test]
fn a_4_gib_file_with_no_label_is_scanned_at_its_ends_only() {
    use std::io::Write;
    let path =
        std::env::temp_dir().join(format!("aigc-label-4gib-empty-{}.mp4", std::process::id()));
    let mut file = std::fs::File::create(&path).unwrap();
    let ftyp = &include_bytes!("fixtures/media/unlabelled.mp4")[..32];
    file.write_all(ftyp).unwrap();
    file.set_len(4 << 30).unwrap();
    drop(file);
    let source = ReadSeekSource::new(std::fs::File::open(&path).unwrap()).unwrap();
    let report = verify_source(&source, &Options::default());
    let read = source.bytes_read();
    std::fs::remove_file(&path).ok();
    assert_eq!(report.verdict, Verdict::NoLabel, "{report:?}");
    assert!(
        report.errors.iter().any(|e| e
            == "last-resort scan: only the first 16 MiB and the last 16 MiB of the 4294967296 bytes were searched for a GB 45438 record"),
        "{:?}",
        report.errors
    );
    assert!(read <= (32 << 20) + (1 << 20), "{read} bytes read");
}
