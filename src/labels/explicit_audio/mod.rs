//! Explicit labels in sound (GB 45438 §5.3): the rhythm prompt 短长短短, short-long-short-short
//! (Morse "AI"), at the start, the end or a suitable place in the middle of a track. The
//! Samples stage ([`crate::samples`]) decodes the track; [`rhythm`] finds the prompt.

pub mod rhythm;

use super::{Family, Found, Input};
use crate::report::{Check, Claim, Evidence, EvidenceKind};
use crate::samples::{self, Stretch};

use rhythm::Prompt;

/// Check ids of this family.
pub mod ids {
    /// Four tone bursts short-long-short-short, at one pitch.
    pub const RHYTHM: &str = "explicit_audio.rhythm";
    /// Where the prompt sits: the start, the end or the middle.
    pub const POSITION: &str = "explicit_audio.position";
}

/// Prompts this close to the start or the end of a track are "at the start" or "at the end".
pub const END_SECONDS: f64 = 5.0;
/// Prompts found with less confidence are not reported.
pub const MIN_CONFIDENCE: f32 = 0.6;

/// The audio prompt.
pub struct ExplicitAudioFamily;

impl Family for ExplicitAudioFamily {
    fn name(&self) -> &'static str {
        "explicit audio label"
    }

    fn kinds(&self) -> &'static [EvidenceKind] {
        &[EvidenceKind::ExplicitAudioLabel]
    }

    fn read(&self, input: &Input<'_>, found: &mut Found) {
        if !input.options.audio_labels {
            return;
        }
        let Some(asset) = input.asset.filter(|a| samples::readable(a.format)) else {
            return;
        };
        let mut prompts: Vec<Prompt> = Vec::new();
        let mut listen = |stretch: Stretch| {
            for prompt in rhythm::find(&stretch.mono, stretch.rate, stretch.start) {
                add(&mut prompts, prompt);
            }
        };
        let scan = input.options.audio_scan.into();
        let track = match input.samples(asset, scan, &mut listen) {
            Ok(track) => track,
            Err(message) => {
                found.errors.push(format!("audio prompt check: {message}"));
                return;
            }
        };
        for note in &track.notes {
            found.errors.push(format!("audio prompt check: {note}"));
        }
        let scanned = match scan {
            samples::Scan::Ends => "the opening and closing 20 s",
            samples::Scan::Full => "the whole track",
        };
        for prompt in prompts.iter().filter(|p| p.confidence >= MIN_CONFIDENCE) {
            found
                .evidence
                .push(evidence(prompt, track.duration, &track.codec, scanned));
        }
    }
}

/// Adds `prompt` unless the same one (found again in the overlap of two stretches) is there.
fn add(prompts: &mut Vec<Prompt>, prompt: Prompt) {
    match prompts
        .iter_mut()
        .find(|p| (p.start - prompt.start).abs() < 0.2)
    {
        Some(same) if prompt.confidence > same.confidence => *same = prompt,
        Some(_) => {}
        None => prompts.push(prompt),
    }
}

/// Where a prompt sits, in words, (English, Chinese, field value).
fn position(prompt: &Prompt, duration: Option<f64>) -> (&'static str, &'static str, &'static str) {
    if prompt.start <= END_SECONDS {
        ("at the start", "位于开头", "start")
    } else if duration.is_some_and(|d| d - prompt.end <= END_SECONDS) {
        ("at the end", "位于结尾", "end")
    } else {
        ("in the middle", "位于中间", "middle")
    }
}

fn ms(seconds: &[f32]) -> String {
    seconds
        .iter()
        .map(|s| format!("{:.0}", s * 1000.0))
        .collect::<Vec<_>>()
        .join(", ")
}

fn evidence(prompt: &Prompt, duration: Option<f64>, codec: &str, scanned: &str) -> Evidence {
    let (where_en, where_zh, where_field) = position(prompt, duration);
    let mut evidence = Evidence::new(
        EvidenceKind::ExplicitAudioLabel,
        Claim::AiGenerated,
        format!(
            "{codec} audio track, {:.2}-{:.2} s (searched {scanned})",
            prompt.start, prompt.end
        ),
    );
    let fields = [
        ("Position", where_field.to_string()),
        ("Start", format!("{:.2}", prompt.start)),
        ("End", format!("{:.2}", prompt.end)),
        ("BurstsMs", ms(&prompt.bursts)),
        ("GapsMs", ms(&prompt.gaps)),
        ("PitchHz", format!("{:.0}", prompt.pitch)),
        ("LevelDb", format!("{:.1}", prompt.level_db)),
        ("Confidence", format!("{:.2}", prompt.confidence)),
        ("WaverDb", format!("{:.1}", prompt.waver_db)),
        ("GapDepthDb", format!("{:.1}", prompt.gap_depth_db)),
    ];
    for (key, value) in fields {
        evidence.fields.insert(key, value);
    }
    let bursts = ms(&prompt.bursts);
    evidence.push_check(Check::pass(
        ids::RHYTHM,
        format!(
            "Four tone bursts short-long-short-short ({bursts} ms) at {:.0} Hz: the GB 45438 §5.3 prompt",
            prompt.pitch
        ),
        format!(
            "四段提示音“短长短短”（{bursts} 毫秒），音高 {:.0} Hz：GB 45438 第 5.3 条的提示音",
            prompt.pitch
        ),
    ));
    evidence.push_check(Check::pass(
        ids::POSITION,
        format!(
            "The prompt is {where_en} of the track, at {:.2} s (§5.3 allows the start, the end or the middle)",
            prompt.start
        ),
        format!(
            "提示音{where_zh}，在 {:.2} 秒处（第 5.3 条允许开头、结尾或中间适当位置）",
            prompt.start
        ),
    ));
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prompt(start: f64, end: f64, confidence: f32) -> Prompt {
        Prompt {
            start,
            end,
            bursts: [0.12, 0.36, 0.12, 0.12],
            gaps: [0.12, 0.12, 0.12],
            pitch: 800.0,
            level_db: -20.0,
            confidence,
            waver_db: 0.5,
            gap_depth_db: 30.0,
        }
    }

    #[test]
    fn the_same_prompt_from_two_overlapping_stretches_is_kept_once() {
        let mut prompts = Vec::new();
        add(&mut prompts, prompt(56.0, 57.1, 0.7));
        add(&mut prompts, prompt(56.05, 57.1, 0.9));
        add(&mut prompts, prompt(80.0, 81.1, 0.6));
        assert_eq!(prompts.len(), 2);
        assert_eq!(prompts[0].confidence, 0.9);
    }

    #[test]
    fn positions_are_named_from_the_track_length() {
        assert_eq!(position(&prompt(0.3, 1.4, 1.0), Some(9.0)).2, "start");
        assert_eq!(position(&prompt(7.6, 8.7, 1.0), Some(9.0)).2, "end");
        assert_eq!(position(&prompt(24.0, 25.1, 1.0), Some(50.0)).2, "middle");
        assert_eq!(position(&prompt(24.0, 25.1, 1.0), None).2, "middle");
    }

    #[test]
    fn evidence_names_the_rhythm_and_the_place() {
        let e = evidence(
            &prompt(7.67, 8.75, 0.88),
            Some(9.0),
            "mp3",
            "the whole track",
        );
        assert_eq!(e.kind, EvidenceKind::ExplicitAudioLabel);
        assert!(e.valid);
        assert_eq!(e.fields.get("Position"), Some("end"));
        assert_eq!(e.fields.get("BurstsMs"), Some("120, 360, 120, 120"));
        assert_eq!(e.checks[0].id, ids::RHYTHM);
        assert_eq!(
            e.checks[1].message,
            "The prompt is at the end of the track, at 7.67 s (§5.3 allows the start, the end or the middle)"
        );
    }
}
