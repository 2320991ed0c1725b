//! The audio prompt (GB 45438 §5.3) over tests/fixtures/audio (recipe: make_audio.py, sox,
//! ffmpeg and espeak-ng): every prompt found where the recipe put it, at its pitch; none in
//! the negatives; Opus said to be undecoded; nothing decoded unless asked.
#![cfg(all(feature = "audio", not(target_arch = "wasm32")))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aigc_label::{verify, AudioScan, Evidence, EvidenceKind, Options, Report, Verdict};

fn read(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/audio/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(name: &str, scan: AudioScan) -> Report {
    verify(&read(name), &Options::default().with_audio_labels(scan))
}

fn prompt(report: &Report) -> Option<&Evidence> {
    report
        .evidence
        .iter()
        .find(|e| e.kind == EvidenceKind::ExplicitAudioLabel)
}

/// (fixture, where the recipe put the prompt's start in seconds, its pitch in Hz, position).
const PROMPTS: &[(&str, f64, f64, &str)] = &[
    ("prompt-end-c6-tts.mp3", 7.62, 1046.5, "end"),
    ("prompt-unit60ms.flac", 1.0, 800.0, "start"),
    ("prompt-unit300ms-long2x.flac", 0.5, 800.0, "start"),
    ("prompt-long4x.flac", 1.0, 800.0, "start"),
    ("prompt-morse-letter-gap.flac", 1.0, 800.0, "start"),
    ("prompt-300hz.flac", 1.0, 300.0, "start"),
    ("prompt-4000hz.flac", 1.0, 4000.0, "start"),
    ("prompt-square-1000hz.flac", 1.0, 1000.0, "start"),
    ("prompt-minus40dbfs.flac", 1.0, 2000.0, "start"),
    ("prompt-under-music-6db.flac", 2.0, 880.0, "start"),
    ("prompt-under-music-12db.flac", 2.0, 880.0, "start"),
    ("prompt-under-speech-6db.flac", 2.0, 1200.0, "start"),
    ("prompt-under-speech-20db.flac", 2.0, 1200.0, "start"),
    ("prompt-aac96k.m4a", 1.0, 800.0, "start"),
    ("prompt-vorbis.ogg", 1.0, 800.0, "start"),
    ("prompt-in-video.mp4", 1.0, 800.0, "start"),
    ("prompt-in-video-vorbis.webm", 1.0, 800.0, "start"),
];

#[test]
fn every_prompt_is_found_where_and_at_the_pitch_it_was_made() {
    for &(name, start, pitch, position) in PROMPTS {
        let report = check(name, AudioScan::Ends);
        assert_eq!(report.verdict, Verdict::AiLabeled, "{name}: {report:?}");
        let found = prompt(&report).unwrap();
        assert!(found.valid, "{name}");
        let at: f64 = found.fields.get("Start").unwrap().parse().unwrap();
        assert!(
            (at - start).abs() < 0.08,
            "{name}: starts at {at}, made at {start}"
        );
        let hz: f64 = found.fields.get("PitchHz").unwrap().parse().unwrap();
        assert!(
            (hz / pitch - 1.0).abs() < 0.03,
            "{name}: {hz} Hz, made at {pitch}"
        );
        assert_eq!(found.fields.get("Position"), Some(position), "{name}");
        let ids: Vec<&str> = found.checks.iter().map(|c| c.id).collect();
        assert_eq!(ids, ["explicit_audio.rhythm", "explicit_audio.position"]);
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
    }
}

#[test]
fn a_prompt_in_the_middle_needs_the_full_scan() {
    let name = "prompt-middle-24s.mp3";
    assert_eq!(check(name, AudioScan::Ends).verdict, Verdict::NoLabel);
    let report = check(name, AudioScan::Full);
    let found = prompt(&report).unwrap();
    assert_eq!(found.fields.get("Position"), Some("middle"));
    assert_eq!(found.fields.get("PitchHz"), Some("660"));
    assert!(found.location.contains("searched the whole track"));
    assert!(found.checks[1]
        .message
        .starts_with("The prompt is in the middle of the track, at 24.0"));
}

/// Made by the recipe and not found yet: each is a limit stated in docs/audio.md. When the
/// detector finds one, move it to PROMPTS and update the doc.
const KNOWN_MISSES: &[&str] = &[
    // A speech harmonic a bin from the tone hides the whole third burst.
    "prompt-start-800hz-120ms.wav",
    // Music 20 dB louder: the tone is no louder than the partials around it.
    "prompt-under-music-20db.flac",
];

#[test]
fn the_known_misses_are_still_missed() {
    for name in KNOWN_MISSES {
        let report = check(name, AudioScan::Full);
        assert!(
            prompt(&report).is_none(),
            "{name} is found now: see KNOWN_MISSES"
        );
    }
}

#[test]
fn nothing_like_the_prompt_is_taken_for_it() {
    let dir = format!("{}/tests/fixtures/audio", env!("CARGO_MANIFEST_DIR"));
    let mut clean: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("clean-"))
        .collect();
    clean.sort();
    assert_eq!(clean.len(), 16, "{clean:?}");
    for name in &clean {
        let report = check(name, AudioScan::Full);
        assert_eq!(report.verdict, Verdict::NoLabel, "{name}: {report:?}");
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
    }
}

#[test]
fn opus_is_said_to_be_undecoded_never_taken_for_silence() {
    for name in ["prompt-opus32k.opus", "prompt-in-video-opus.webm"] {
        let report = check(name, AudioScan::Ends);
        assert_eq!(report.verdict, Verdict::NoLabel);
        assert_eq!(
            report.errors,
            ["audio prompt check: Opus audio is not decoded natively (the page decodes it)"]
        );
    }
}

#[test]
fn sound_is_decoded_only_when_asked() {
    let report = verify(&read("prompt-300hz.flac"), &Options::default());
    assert_eq!(report.verdict, Verdict::NoLabel);
    assert!(report.errors.is_empty());
}

#[test]
fn truncated_tracks_yield_what_was_read() {
    let bytes = read("prompt-end-c6-tts.mp3");
    let options = Options::default().with_audio_labels(AudioScan::Full);
    // Cut before the last burst ends (95 % of 9 s is 8.55 s): no prompt, and no panic.
    for end in (0..bytes.len() * 95 / 100).step_by(bytes.len() / 25) {
        let report = verify(&bytes[..end], &options);
        assert_ne!(report.verdict, Verdict::AiLabeled, "cut at {end}");
    }
    // Cut just after the prompt's last burst (8.75 s of 9 s): still found.
    let report = verify(&bytes[..bytes.len() * 99 / 100], &options);
    assert_eq!(report.verdict, Verdict::AiLabeled);
}
