//! Expected outcomes for every fixture, shared by the native integration tests
//! (`tests/fixtures_native.rs`) and the same tests in headless Chromium (`tests/web.rs`).
#![allow(clippy::indexing_slicing, dead_code)]

use aigc_label::{verify, Options, Report, Verdict};

/// One fixture and what a correct verifier says about it.
pub struct Case {
    /// Path under tests/fixtures.
    pub name: &'static str,
    /// The file's bytes.
    pub bytes: &'static [u8],
    /// The expected verdict.
    pub verdict: Verdict,
    /// The expected `format`.
    pub format: &'static str,
    /// Evidence kinds that must be present.
    pub kinds: &'static [&'static str],
    /// A check id that must be present and failing (for malformed labels).
    pub failing_check: Option<&'static str>,
    /// A (field, value) pair that some evidence must carry.
    pub field: Option<(&'static str, &'static str)>,
}

macro_rules! case {
    ($name:literal, $verdict:ident, $format:literal, [$($kind:literal),*], $failing:expr, $field:expr) => {
        Case {
            name: $name,
            bytes: include_bytes!(concat!("../fixtures/", $name)),
            verdict: Verdict::$verdict,
            format: $format,
            kinds: &[$($kind),*],
            failing_check: $failing,
            field: $field,
        }
    };
}

/// Every fixture with its expectation.
pub const CASES: &[Case] = &[
    // Real generator output (shared corpus).
    case!(
        "corpus/doubao_black_1x1_1.png",
        AiLabeled,
        "png",
        ["tc260_metadata"],
        None,
        Some(("ProducerName", "Doubao (ByteDance) / 豆包（字节跳动）"))
    ),
    case!(
        "corpus/jimeng_cap_A.png",
        AiLabeled,
        "png",
        ["tc260_metadata"],
        None,
        Some(("ProducerName", "Jimeng (ByteDance) / 即梦（字节跳动）"))
    ),
    case!(
        "corpus/mj-1.png",
        AiLabeled,
        "png",
        ["iptc_digital_source_type", "vendor_metadata"],
        None,
        Some(("Job ID", "2b6e053b-9a65-4ca9-9e13-b6f4465164d4"))
    ),
    case!(
        "corpus/grok-1.jpg",
        SuspectedAi,
        "jpeg",
        ["vendor_metadata"],
        None,
        Some(("Artist", "4800156b-8880-4786-9056-7ca3da449d8c"))
    ),
    // C2PA, validated with the reference SDK and the shipped trust lists.
    case!(
        "corpus/chatgpt-1.png",
        AiLabeled,
        "png",
        ["c2pa_manifest"],
        None,
        Some((
            "DeclaredIn",
            "ingredient manifest urn:c2pa:5c4fbe81-e9af-4b42-a393-9e2d03332bc9"
        ))
    ),
    case!(
        "corpus/firefly-1.png",
        AiLabeled,
        "png",
        ["c2pa_manifest"],
        None,
        Some(("ValidationState", "Trusted"))
    ),
    case!(
        "corpus/flux-1.jpg",
        AiLabeled,
        "jpeg",
        ["c2pa_manifest"],
        None,
        Some(("ValidationState", "Valid"))
    ),
    case!(
        "corpus/samsung_black_1.png",
        AiLabeled,
        "png",
        ["c2pa_manifest", "vendor_metadata"],
        None,
        Some((
            "DigitalSourceType",
            "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia"
        ))
    ),
    case!(
        "corpus/adobe-trustmark-p.png",
        NoLabel,
        "png",
        [],
        None,
        None
    ),
    // C2PA conformance files.
    case!(
        "corpus/adobe-20220124-A.jpg",
        NoLabel,
        "jpeg",
        [],
        None,
        None
    ),
    case!(
        "corpus/adobe-20220124-C.jpg",
        NoLabel,
        "jpeg",
        ["c2pa_manifest"],
        None,
        Some(("Manifests", "1"))
    ),
    case!(
        "corpus/adobe-20220124-CA.jpg",
        NoLabel,
        "jpeg",
        ["c2pa_manifest"],
        None,
        Some(("Manifests", "1"))
    ),
    case!(
        "corpus/adobe-20220124-XCA.jpg",
        InvalidLabel,
        "jpeg",
        ["c2pa_manifest"],
        Some("c2pa.binding"),
        None
    ),
    case!(
        "corpus/adobe-20220124-E-dat-CA.jpg",
        InvalidLabel,
        "jpeg",
        ["c2pa_manifest"],
        Some("c2pa.binding"),
        None
    ),
    case!(
        "corpus/adobe-20220124-E-sig-CA.jpg",
        InvalidLabel,
        "jpeg",
        ["c2pa_manifest"],
        Some("c2pa.signature"),
        None
    ),
    case!(
        "corpus/adobe-20220124-CACA.jpg",
        NoLabel,
        "jpeg",
        ["c2pa_manifest"],
        None,
        Some(("Manifests", "2"))
    ),
    case!(
        "corpus/adobe-20220124-CAI.jpg",
        NoLabel,
        "jpeg",
        ["c2pa_manifest"],
        None,
        Some(("ValidationState", "Valid"))
    ),
    // Labels we wrote with ExifTool and Pillow, one per container and carrier.
    case!(
        "labels/xmp-label1.jpg",
        AiLabeled,
        "jpeg",
        ["tc260_metadata"],
        None,
        Some(("ProducerName", "Qwen (Alibaba) / 通义千问（阿里巴巴）"))
    ),
    case!(
        "labels/exif-usercomment-label2.jpg",
        PossiblyAi,
        "jpeg",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "mm-0002"))
    ),
    case!(
        "labels/text-chunk-label3.png",
        SuspectedAi,
        "png",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "baidu-0003"))
    ),
    case!(
        "labels/ztxt-label1.png",
        AiLabeled,
        "png",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "kling-0004"))
    ),
    case!(
        "labels/itxt-compressed-xmp.png",
        AiLabeled,
        "png",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "wan-0005"))
    ),
    case!(
        "labels/xmp-label1.webp",
        AiLabeled,
        "webp",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "baidu-0006"))
    ),
    case!(
        "labels/xmp-label1.gif",
        AiLabeled,
        "gif",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "vidu-0007"))
    ),
    case!(
        "labels/xmp-label1.tif",
        AiLabeled,
        "tiff",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "yuanbao-0008"))
    ),
    case!(
        "labels/xmp-attribute.jpg",
        AiLabeled,
        "jpeg",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "honor-0009"))
    ),
    case!(
        "labels/extended-xmp.jpg",
        AiLabeled,
        "jpeg",
        ["tc260_metadata"],
        None,
        Some(("Label", "1"))
    ),
    case!(
        "labels/iptc-composite.jpg",
        AiLabeled,
        "jpeg",
        ["iptc_digital_source_type"],
        None,
        Some(("Code", "compositeWithTrainedAlgorithmicMedia"))
    ),
    case!(
        "labels/iptc-capture.jpg",
        NoLabel,
        "jpeg",
        ["iptc_digital_source_type"],
        None,
        Some(("Code", "digitalCapture"))
    ),
    // Malformed labels.
    case!(
        "bad/label-value-aigc.png",
        InvalidLabel,
        "png",
        ["tc260_metadata"],
        Some("tc260.label.value"),
        None
    ),
    case!(
        "bad/missing-produceid.jpg",
        InvalidLabel,
        "jpeg",
        ["tc260_metadata"],
        Some("tc260.field.required"),
        None
    ),
    case!(
        "bad/broken-json.png",
        InvalidLabel,
        "png",
        ["tc260_metadata"],
        Some("tc260.json.syntax"),
        None
    ),
    case!(
        "bad/chinese-produceid.png",
        InvalidLabel,
        "png",
        ["tc260_metadata"],
        Some("tc260.field.charset"),
        None
    ),
    case!(
        "bad/two-labels.jpg",
        InvalidLabel,
        "jpeg",
        ["tc260_metadata"],
        Some("tc260.single_label"),
        None
    ),
    case!(
        "bad/bad-credit-code.jpg",
        InvalidLabel,
        "jpeg",
        ["tc260_metadata"],
        Some("tc260.producer.code"),
        None
    ),
    case!(
        "bad/iptc-bare-code.jpg",
        InvalidLabel,
        "jpeg",
        ["iptc_digital_source_type"],
        Some("iptc.dst.vocabulary"),
        None
    ),
    // Hostile field values stay data.
    case!(
        "hostile/markup-in-fields.png",
        AiLabeled,
        "png",
        ["tc260_metadata"],
        None,
        Some(("ContentProducer", "<script>alert(1)</script>"))
    ),
    // Generator traces.
    case!(
        "traces/a1111.png",
        SuspectedAi,
        "png",
        ["generation_parameters"],
        None,
        Some(("Seed", "1234567"))
    ),
    case!(
        "traces/comfyui.png",
        SuspectedAi,
        "png",
        ["generation_parameters"],
        None,
        Some(("Checkpoint", "flux1-dev.safetensors"))
    ),
    case!(
        "traces/novelai.png",
        SuspectedAi,
        "png",
        ["generation_parameters", "vendor_metadata"],
        None,
        Some(("Sampler", "k_euler"))
    ),
    case!(
        "traces/software-firefly.jpg",
        SuspectedAi,
        "jpeg",
        ["vendor_metadata"],
        None,
        Some(("Generator", "Adobe Firefly"))
    ),
    // Video, audio and documents made with ffmpeg, mutagen, ExifTool, Pillow (tests/fixtures/make_media.py).
    case!(
        "media/label1-moov-at-end.mp4",
        AiLabeled,
        "mp4",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "kling-mp4-1"))
    ),
    case!(
        "media/label2.mov",
        PossiblyAi,
        "mov",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "kling-mov-2"))
    ),
    case!(
        "media/label3.m4a",
        SuspectedAi,
        "m4a",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "kling-m4a-3"))
    ),
    case!(
        "media/bad-label-value.mp4",
        InvalidLabel,
        "mp4",
        ["tc260_metadata"],
        Some("tc260.label.value"),
        None
    ),
    case!("media/unlabelled.mp4", NoLabel, "mp4", [], None, None),
    case!(
        "media/label1.heic",
        AiLabeled,
        "heif",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "vidu-heic-1"))
    ),
    case!(
        "media/label1.mkv",
        AiLabeled,
        "mkv",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "vidu-mkv-1"))
    ),
    case!(
        "media/label2.webm",
        PossiblyAi,
        "webm",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "vidu-webm-2"))
    ),
    case!(
        "media/label1.flv",
        AiLabeled,
        "flv",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "vidu-flv-1"))
    ),
    case!(
        "media/label1-info.avi",
        AiLabeled,
        "avi",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "vidu-avi-1"))
    ),
    case!(
        "media/label1-info.wav",
        AiLabeled,
        "wav",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "minimax-wav-1"))
    ),
    case!(
        "media/label2-chunk.wav",
        PossiblyAi,
        "wav",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "minimax-wav-2"))
    ),
    case!(
        "media/label1-id3v24.mp3",
        AiLabeled,
        "mp3",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "minimax-mp3-1"))
    ),
    case!(
        "media/label2-id3v23.mp3",
        PossiblyAi,
        "mp3",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "minimax-mp3-2"))
    ),
    case!(
        "media/label1.flac",
        AiLabeled,
        "flac",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "minimax-flac-1"))
    ),
    case!(
        "media/label2.ogg",
        PossiblyAi,
        "ogg",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "minimax-ogg-2"))
    ),
    case!(
        "media/label3.opus",
        SuspectedAi,
        "ogg",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "minimax-opus-3"))
    ),
    case!(
        "documents/label1.pdf",
        AiLabeled,
        "pdf",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "qwen-pdf-1"))
    ),
    case!(
        "documents/label2-objstm.pdf",
        PossiblyAi,
        "pdf",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "qwen-pdf-2"))
    ),
    case!(
        "documents/label3-xmp-flate.pdf",
        SuspectedAi,
        "pdf",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "qwen-pdf-3"))
    ),
    case!(
        "documents/label1.docx",
        AiLabeled,
        "docx",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "qwen-docx-1"))
    ),
    case!(
        "documents/label2.xlsx",
        PossiblyAi,
        "xlsx",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "qwen-xlsx-2"))
    ),
    case!(
        "documents/label3.pptx",
        SuspectedAi,
        "pptx",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "qwen-pptx-3"))
    ),
    case!(
        "documents/label1.md",
        AiLabeled,
        "text",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "qwen-md-1"))
    ),
    case!(
        "documents/bad-label.md",
        InvalidLabel,
        "text",
        ["tc260_metadata"],
        Some("tc260.label.value"),
        None
    ),
    // Forms producers and damage really write (tests/fixtures/make_forms_*.py).
    case!(
        "forms/docx-no-central-directory.docx",
        AiLabeled,
        "docx",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-docx-no-cd"))
    ),
    case!(
        "forms/docx-data-descriptor.docx",
        AiLabeled,
        "docx",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-docx-dd"))
    ),
    case!(
        "forms/docx-bad-crc.docx",
        AiLabeled,
        "docx",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-docx-bad-crc"))
    ),
    case!(
        "forms/pdf-aigc-catalog.pdf",
        AiLabeled,
        "pdf",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-pdf-catalog"))
    ),
    case!(
        "forms/pdf-aigc-hex.pdf",
        AiLabeled,
        "pdf",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-pdf-hex"))
    ),
    case!(
        "forms/gif-xmp-wrong-auth-code.gif",
        AiLabeled,
        "gif",
        ["tc260_metadata"],
        Some("tc260.xmp.form"),
        Some(("ProduceID", "forms-gif-auth"))
    ),
    case!(
        "forms/gif-xmp-sub-blocks.gif",
        AiLabeled,
        "gif",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-gif-sub-blocks"))
    ),
    case!(
        "forms/jpeg-usercomment-ifd0.jpg",
        AiLabeled,
        "jpeg",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-exif-ifd0"))
    ),
    case!(
        "forms/tiff-usercomment-unicode.tif",
        AiLabeled,
        "tiff",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-exif-unicode"))
    ),
    case!(
        "forms/jpeg-usercomment-undefined.jpg",
        AiLabeled,
        "jpeg",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-exif-undefined"))
    ),
    case!(
        "forms/mp4-moov-udta-aigc.mp4",
        AiLabeled,
        "mp4",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-mp4-moov"))
    ),
    case!(
        "forms/mp4-trak-udta-aigc.mp4",
        AiLabeled,
        "mp4",
        ["tc260_metadata"],
        None,
        Some(("ProduceID", "forms-mp4-trak"))
    ),
    case!(
        "forms/jpeg-xmp-plain-attributes.jpg",
        AiLabeled,
        "jpeg",
        ["tc260_metadata"],
        Some("tc260.xmp.form"),
        Some(("ProduceID", "forms-xmp-attributes"))
    ),
    case!(
        "forms/png-xmp-plain-elements.png",
        AiLabeled,
        "png",
        ["tc260_metadata"],
        Some("tc260.xmp.form"),
        Some(("ProduceID", "forms-xmp-elements"))
    ),
    case!(
        "forms/webp-xmp-plain-attributes.webp",
        AiLabeled,
        "webp",
        ["tc260_metadata"],
        Some("tc260.xmp.form"),
        Some(("ProduceID", "forms-xmp-webp"))
    ),
    case!(
        "forms/png-private-chunk.png",
        AiLabeled,
        "png",
        ["tc260_metadata"],
        Some("tc260.location.nonstandard"),
        Some(("ProduceID", "forms-scan-chunk"))
    ),
    case!(
        "forms/png-after-iend.png",
        SuspectedAi,
        "png",
        ["tc260_metadata"],
        Some("tc260.location.nonstandard"),
        Some(("ProduceID", "forms-scan-tail"))
    ),
    // An unrelated classifier result is not a GB 45438 record.
    case!(
        "forms/png-description-cat.png",
        NoLabel,
        "png",
        [],
        None,
        None
    ),
];

/// Asserts that `report` matches `case`; returns a description of the first mismatch.
pub fn mismatch(case: &Case, report: &Report) -> Option<String> {
    let name = case.name;
    if report.verdict != case.verdict {
        return Some(format!(
            "{name}: verdict {:?}, expected {:?} ({})",
            report.verdict, case.verdict, report.summary.en
        ));
    }
    if report.format != case.format {
        return Some(format!(
            "{name}: format {}, expected {}",
            report.format, case.format
        ));
    }
    let json = serde_json::to_value(report).ok()?;
    let evidence = json["evidence"].as_array().cloned().unwrap_or_default();
    for kind in case.kinds {
        if !evidence.iter().any(|e| e["kind"] == *kind) {
            return Some(format!("{name}: no {kind} evidence"));
        }
    }
    if case.kinds.is_empty() && !evidence.is_empty() {
        return Some(format!("{name}: expected no evidence, got {evidence:?}"));
    }
    if let Some(id) = case.failing_check {
        let failed = evidence
            .iter()
            .flat_map(|e| e["checks"].as_array().cloned().unwrap_or_default())
            .any(|c| c["id"] == id && c["ok"] == false);
        if !failed {
            return Some(format!("{name}: check {id} did not fail"));
        }
    }
    if let Some((field, value)) = case.field {
        if !evidence.iter().any(|e| e["fields"][field] == value) {
            return Some(format!("{name}: no evidence with {field} = {value}"));
        }
    }
    None
}

/// Verifies every fixture and panics with the list of those whose report is wrong.
pub fn assert_every_fixture_matches() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|case| mismatch(case, &verify(case.bytes, &Options::default())))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures wrong:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// The `mdat` of [`BigVideo`]: past 4 GiB, so every later offset needs more than 32 bits.
pub const BIG_MDAT: u64 = (1 << 32) + 4096;

/// An MP4 over 4 GiB whose label sits past the 4 GiB mark: the labelled fixture's `ftyp`, an
/// `mdat` of [`BIG_MDAT`] zero bytes (a 64-bit box size), then the fixture's `moov`. Served by
/// [`BigVideo::read`] without ever holding the zeros.
pub struct BigVideo {
    head: Vec<u8>,
    moov: Vec<u8>,
    moov_at: u64,
}

impl BigVideo {
    /// The layout, from the fixture.
    pub fn new() -> Self {
        let fixture: &[u8] = include_bytes!("../fixtures/media/label1-moov-at-end.mp4");
        let moov = fixture.windows(4).position(|w| w == b"moov").unwrap() - 4;
        let mut head = fixture[..32].to_vec(); // ftyp
        head.extend(1u32.to_be_bytes());
        head.extend(b"mdat");
        head.extend((BIG_MDAT + 16).to_be_bytes());
        let moov_at = head.len() as u64 + BIG_MDAT;
        BigVideo {
            head,
            moov: fixture[moov..].to_vec(),
            moov_at,
        }
    }

    /// The file's length.
    pub fn len(&self) -> u64 {
        self.moov_at + self.moov.len() as u64
    }

    /// Up to `len` bytes from `offset`.
    pub fn read(&self, offset: u64, len: usize) -> Vec<u8> {
        let end = (offset + len as u64).min(self.len());
        (offset..end)
            .map(|at| {
                if at < self.head.len() as u64 {
                    self.head[at as usize]
                } else if at >= self.moov_at {
                    self.moov[(at - self.moov_at) as usize]
                } else {
                    0
                }
            })
            .collect()
    }

    /// Writes the file sparsely (the zeros take no disk).
    pub fn write_sparse(&self, path: &std::path::Path) -> std::io::Result<()> {
        use std::io::{Seek, SeekFrom, Write};
        let mut file = std::fs::File::create(path)?;
        file.write_all(&self.head)?;
        file.seek(SeekFrom::Start(self.moov_at))?;
        file.write_all(&self.moov)
    }
}

/// The byte offset a location names ("… at byte 4294970000"), if any.
pub fn byte_in(location: &str) -> Option<u64> {
    location
        .rsplit("at byte ")
        .next()?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}
