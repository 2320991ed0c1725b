//! Integration tests over every fixture, natively. `tests/web.rs` runs the same cases in Chromium.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use aigc_label::{verify, Options, Report, Verdict};
use common::CASES;

#[test]
fn every_fixture_gives_its_expected_report() {
    common::assert_every_fixture_matches();
}

#[test]
fn fixtures_on_disk_all_have_a_case() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for dir in [
        "labels",
        "bad",
        "hostile",
        "traces",
        "media",
        "documents",
        "forms",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(
                CASES.iter().any(|c| c.name == name),
                "{name} has no expectation in tests/common/mod.rs"
            );
        }
    }
}

/// Labels inside compressed PDF structures are found and their place is named.
#[test]
fn pdf_labels_in_compressed_streams_name_their_place() {
    let locations = |name: &str| -> Vec<String> {
        let bytes = std::fs::read(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ));
        let report = verify(&bytes.unwrap(), &Options::default());
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
        report.evidence.iter().map(|e| e.location.clone()).collect()
    };
    assert_eq!(
        locations("documents/label2-objstm.pdf"),
        ["PDF document Info entry \"AIGC\" (object 5 0, in object stream 1) at byte 15"]
    );
    assert_eq!(
        locations("documents/label3-xmp-flate.pdf"),
        ["XMP packet in Flate-compressed XMP metadata stream (object 8) at byte 1324"]
    );
}

/// The CLI's path: the same files read by seeking through a file-backed source.
#[test]
fn a_file_source_gives_the_same_report_as_memory() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for case in CASES {
        let file = std::fs::File::open(root.join(case.name)).unwrap();
        let source = aigc_label::ReadSeekSource::new(file).unwrap();
        let from_file = aigc_label::verify_source(&source, &Options::default());
        assert_eq!(
            from_file,
            verify(case.bytes, &Options::default()),
            "{}",
            case.name
        );
    }
}

#[test]
fn well_formed_fixtures_read_without_errors() {
    for case in CASES
        .iter()
        .filter(|c| !c.name.starts_with("bad/") && !c.name.contains("/bad-"))
        // Damaged on purpose: their errors are asserted in tests/forms.rs.
        .filter(|c| !c.name.starts_with("forms/docx-"))
    {
        let report = verify(case.bytes, &Options::default());
        assert!(
            report.errors.is_empty(),
            "{}: {:?}",
            case.name,
            report.errors
        );
    }
}

/// Every prefix length on a coarse grid, plus the last 64 cut points: never a panic,
/// always a report, and a cut file never claims more than the whole one.
#[test]
fn truncated_fixtures_never_panic() {
    for case in CASES {
        let len = case.bytes.len();
        let step = (len / 200).max(1);
        let cuts = (0..len).step_by(step).chain(len.saturating_sub(64)..len);
        for end in cuts {
            let report = verify(&case.bytes[..end], &Options::default());
            if end == 0 {
                assert_eq!(report.verdict, Verdict::Error);
            }
            assert!(!report.summary.en.is_empty());
        }
    }
}

/// Bit flips in the metadata region (the first 4 KB) of every fixture.
#[test]
fn bit_flipped_fixtures_never_panic() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for case in CASES {
        for _ in 0..300 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut bytes = case.bytes.to_vec();
            let at = (state as usize) % bytes.len().min(4096);
            bytes[at] ^= 1 << ((state >> 32) % 8);
            let report = verify(&bytes, &Options::default());
            assert!(!report.format.is_empty());
        }
    }
}

#[test]
fn random_bytes_are_an_error_not_a_crash() {
    let mut state = 7u32;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8 | 0x80
        })
        .collect();
    let report = verify(&bytes, &Options::default());
    assert_eq!(report.verdict, Verdict::Error);
    assert_eq!(
        report.summary.en,
        "Not a supported file (image, video, audio or document format) and not UTF-8 text."
    );
}

/// The report on `tests/fixtures/{name}`.
fn report_of(name: &str, options: &Options) -> Report {
    let bytes = std::fs::read(format!("tests/fixtures/{name}")).unwrap();
    verify(&bytes, options)
}

/// The C2PA evidence of a report, as JSON.
#[cfg(feature = "c2pa")]
fn c2pa_evidence(name: &str, options: &Options) -> serde_json::Value {
    let report = serde_json::to_value(report_of(name, options)).unwrap();
    report["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "c2pa_manifest")
        .unwrap()
        .clone()
}

#[test]
#[cfg(feature = "c2pa")]
fn c2pa_evidence_explains_itself_and_lists_the_ingredient_tree() {
    let chatgpt = c2pa_evidence("corpus/chatgpt-1.png", &Options::default());
    assert_eq!(
        chatgpt["explanation"]["en"],
        "The signature is intact and the content was not changed after signing, but the signer's certificate has expired."
    );
    let parent = &chatgpt["provenance"]["ingredients"][0];
    assert_eq!(parent["relationship"], "parentOf");
    assert_eq!(parent["generator"], "ChatGPT");
    assert_eq!(
        parent["digital_source_type"],
        "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    );
    assert!(chatgpt["provenance"].get("thumbnail").is_none());

    let tampered = c2pa_evidence("corpus/adobe-20220124-XCA.jpg", &Options::default());
    assert!(tampered["explanation"]["en"]
        .as_str()
        .unwrap()
        .contains("the content was changed after signing"));
    let composite = c2pa_evidence("corpus/adobe-20220124-CAI.jpg", &Options::default());
    let titles: Vec<&str> = composite["provenance"]["ingredients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["A.jpg", "I.jpg"]);
}

#[test]
#[cfg(feature = "c2pa")]
fn validated_credentials_without_ai_are_called_intact_not_unverified() {
    for name in [
        "corpus/adobe-20220124-C.jpg",
        "corpus/adobe-20220124-CA.jpg",
        "corpus/adobe-20220124-CACA.jpg",
        "corpus/adobe-20220124-CAI.jpg",
    ] {
        let report = report_of(name, &Options::default());
        assert_eq!(report.verdict, Verdict::NoLabel, "{name}");
        assert_eq!(
            report.summary.en,
            "Content Credentials (C2PA) are present and intact, but they carry no AI label. Absence of a label proves nothing.",
            "{name}"
        );
    }
}

/// The page's warm-up samples (www/warmup/, made by scripts/make-warmup-samples.sh) must take
/// the SDK all the way through: signature, binding, thumbnail and trust.
#[test]
#[cfg(feature = "c2pa")]
fn warm_up_samples_are_validated_all_the_way_to_trust() {
    for (name, signer) in [("ecdsa.png", "P-256 signer"), ("rsa.jpg", "RSA signer")] {
        let evidence = c2pa_evidence(
            &format!("../../www/warmup/{name}"),
            &Options::default().with_thumbnails(),
        );
        assert_eq!(evidence["valid"], true, "{name}");
        assert_eq!(evidence["claim"], "ai_generated", "{name}");
        assert_eq!(
            evidence["fields"]["Signer"],
            format!("aigc-label warm-up sample (not trusted) ({signer})")
        );
        let ok = |id: &str| {
            let checks = evidence["checks"].as_array().unwrap();
            checks.iter().find(|c| c["id"] == id).unwrap()["ok"].clone()
        };
        assert_eq!(ok("c2pa.signature"), true, "{name}");
        assert_eq!(ok("c2pa.binding"), true, "{name}");
        assert_eq!(ok("c2pa.trust"), false, "{name}");
        let thumbnail = evidence["provenance"]["thumbnail"].as_str().unwrap();
        assert!(thumbnail.starts_with("data:image/"), "{name}");
    }
}

#[test]
#[cfg(feature = "c2pa")]
fn thumbnails_are_embedded_only_when_asked_for() {
    let with = c2pa_evidence(
        "corpus/firefly-1.png",
        &Options::default().with_thumbnails(),
    );
    let thumbnail = with["provenance"]["thumbnail"].as_str().unwrap();
    assert!(
        thumbnail.starts_with("data:image/jpeg;base64,/9j/")
            || thumbnail.starts_with("data:image/png;base64,iVBORw0KGgo"),
        "{}",
        &thumbnail[..40]
    );
    let without = c2pa_evidence("corpus/firefly-1.png", &Options::default());
    assert!(without["provenance"].get("thumbnail").is_none());
    // ChatGPT's active manifest has none; its parent ingredient's is shown.
    let chatgpt = c2pa_evidence(
        "corpus/chatgpt-1.png",
        &Options::default().with_thumbnails(),
    );
    assert!(chatgpt["provenance"]["thumbnail"]
        .as_str()
        .unwrap()
        .starts_with("data:image/"));
}

#[test]
#[cfg(not(feature = "c2pa"))]
fn lite_build_detects_c2pa_stores_without_judging_them() {
    for name in [
        "corpus/firefly-1.png",
        "corpus/chatgpt-1.png",
        "corpus/flux-1.jpg",
        "corpus/adobe-20220124-XCA.jpg",
        "corpus/adobe-20220124-E-sig-CA.jpg",
    ] {
        let report = report_of(name, &Options::default());
        assert_eq!(report.verdict, Verdict::NoLabel, "{name}");
        assert!(
            report.summary.en.contains("present but were not verified"),
            "{name}"
        );
        let json = serde_json::to_value(&report).unwrap();
        let checks = json["evidence"][0]["checks"].as_array().unwrap().clone();
        assert_eq!(json["evidence"][0]["kind"], "c2pa_manifest", "{name}");
        assert!(
            checks
                .iter()
                .any(|c| c["id"] == "c2pa.validation" && c["ok"] == false),
            "{name}: {checks:?}"
        );
    }
}

/// A label past the 4 GiB mark of a streamed file keeps its 64-bit offset (a sparse file on
/// disk, read through the CLI's file source; tests/web.rs does the same in Chromium).
#[test]
fn a_label_past_4_gib_is_found_with_its_offset() {
    let video = common::BigVideo::new();
    let path = std::env::temp_dir().join(format!("aigc-label-4gib-{}.mp4", std::process::id()));
    video.write_sparse(&path).unwrap();
    let file = std::fs::File::open(&path).unwrap();
    let source = aigc_label::ReadSeekSource::new(file).unwrap();
    let report = aigc_label::verify_source(&source, &Options::default());
    std::fs::remove_file(&path).ok();
    assert_eq!(report.verdict, Verdict::AiLabeled, "{report:?}");
    let at = common::byte_in(&report.evidence[0].location).unwrap();
    assert!(at > 1 << 32, "{}", report.evidence[0].location);
    assert!(at < video.len());
    assert!(aigc_label::Source::bytes_read(&source) < 64 << 10);
}

/// An image is read from its file once: the C2PA check hashes and the pixel check decodes the
/// bytes the container already holds, instead of each reading (and holding) the file again.
#[test]
fn an_image_with_a_c2pa_store_is_read_from_its_file_once() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/adobe-20220124-CA.jpg");
    let file = std::fs::File::open(&path).unwrap();
    let source = aigc_label::ReadSeekSource::new(file).unwrap();
    let report = aigc_label::verify_source(&source, &Options::default().with_watermarks());
    #[cfg(feature = "c2pa")]
    assert!(
        report
            .evidence
            .iter()
            .any(|e| e.checks.iter().any(|c| c.id == "c2pa.signature")),
        "{report:?}"
    );
    assert_eq!(report.format, "jpeg");
    let len = aigc_label::Source::len(&source);
    let read = aigc_label::Source::bytes_read(&source);
    let sniffed = aigc_label::sniff::SNIFF_LEN as u64;
    assert!(
        read <= len + sniffed,
        "read {read} bytes of a {len}-byte file"
    );
}

/// Every check of every fixture's report says its message in Chinese too.
#[test]
fn every_check_has_a_chinese_message() {
    let cjk = |s: &str| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    let mut checks = 0;
    for case in CASES {
        for options in [Options::default(), Options::default().with_watermarks()] {
            for evidence in verify(case.bytes, &options).evidence {
                for check in evidence.checks {
                    checks += 1;
                    assert!(
                        cjk(&check.message_zh),
                        "{}: {} has no Chinese message: {:?}",
                        case.name,
                        check.id,
                        check.message_zh
                    );
                }
            }
        }
    }
    assert!(checks > 200, "only {checks} checks");
}
