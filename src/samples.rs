//! Decodes the sound of an audio file or a video's audio track, within fixed bounds, for the
//! families that listen (the Samples stage, beside [`crate::pixels`]). What comes out is mono
//! PCM at no more than 24 kHz, in stretches with their start time: by default the opening and
//! closing [`ENDS_SECONDS`], with [`Scan::Full`] the whole track in overlapping stretches.
//!
//! Natively the decoders are symphonia's (MP3, AAC, FLAC, Vorbis, PCM, ALAC); Opus is not
//! among them and says so. In the page no decoder is built in: the browser's own decoders
//! will feed this stage (issue 32), and until then it says that it did not run.

use crate::sniff::{Format, Media};
use crate::source::Source;

/// Seconds decoded at each end of a track by default (GB 45438 §5.3: a prompt sits at the
/// start, the end or a suitable place in the middle).
pub const ENDS_SECONDS: f64 = 20.0;
/// Largest file whose track is decoded (it is read into memory whole, for the decoder).
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// Length of one stretch of a full scan, and how much two neighbours overlap: a prompt (at
/// most about 4 s) always lies whole in one of them.
pub const FULL_STRETCH_SECONDS: f64 = 60.0;
/// See [`FULL_STRETCH_SECONDS`].
pub const FULL_OVERLAP_SECONDS: f64 = 5.0;
/// The highest rate handed on: the prompt's pitches (≤ 4 kHz) need no more.
pub const MAX_RATE: u32 = 26_000;

/// How much of a track to decode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scan {
    /// The opening and closing [`ENDS_SECONDS`].
    #[default]
    Ends,
    /// The whole track.
    Full,
}

/// Mono samples from one place in a track.
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    /// Where the stretch starts, in seconds from the start of the track.
    pub start: f64,
    /// Samples per second.
    pub rate: u32,
    /// Mono samples in -1..1.
    pub mono: Vec<f32>,
}

/// What was decoded of a track.
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    /// Sample rate of every stretch, in Hz.
    pub rate: u32,
    /// The track's length in seconds, when the container says.
    pub duration: Option<f64>,
    /// The codec, as the decoder names it ("mp3", "aac").
    pub codec: String,
    /// Problems met while decoding that did not stop it, in words.
    pub notes: Vec<String>,
}

/// Whether `format` carries sound this stage reads.
pub fn readable(format: Format) -> bool {
    matches!(format.media(), Media::Audio | Media::Video)
        && !matches!(format, Format::Avi | Format::Flv)
}

/// Decodes the first audio track of `source`, handing each stretch to `visit` in time order.
pub fn decode(
    source: &dyn Source,
    format: Format,
    scan: Scan,
    visit: &mut dyn FnMut(Stretch),
) -> Result<Track, String> {
    if !readable(format) {
        return Err(format!("{format:?} audio is not decoded"));
    }
    if source.len() > MAX_FILE {
        return Err(format!(
            "files over {} MiB are not decoded for sound yet",
            MAX_FILE >> 20
        ));
    }
    #[cfg(all(feature = "audio", not(target_arch = "wasm32")))]
    return native::decode(source, format, scan, visit);
    #[cfg(not(all(feature = "audio", not(target_arch = "wasm32"))))]
    {
        let _ = (scan, visit);
        Err("this build does not decode sound".into())
    }
}

/// Mixes interleaved `frames` of `channels` down to mono, appending to `out`.
#[cfg_attr(
    not(all(feature = "audio", not(target_arch = "wasm32"))),
    allow(dead_code)
)]
fn mix_down(interleaved: &[f32], channels: usize, out: &mut Vec<f32>) {
    let channels = channels.max(1);
    let scale = 1.0 / channels as f32;
    out.extend(
        interleaved
            .chunks_exact(channels)
            .map(|frame| frame.iter().sum::<f32>() * scale),
    );
}

/// The power of two that brings `rate` under [`MAX_RATE`].
#[cfg_attr(
    not(all(feature = "audio", not(target_arch = "wasm32"))),
    allow(dead_code)
)]
fn decimation(rate: u32) -> u32 {
    let mut factor = 1;
    while rate / factor > MAX_RATE {
        factor *= 2;
    }
    factor
}

/// Divides the rate of `mono` by `factor`, averaging each run: enough against aliasing for
/// tones under a quarter of the new rate, which is all the prompt needs.
#[cfg_attr(
    not(all(feature = "audio", not(target_arch = "wasm32"))),
    allow(dead_code)
)]
fn decimate(mono: Vec<f32>, factor: usize) -> Vec<f32> {
    if factor <= 1 {
        return mono;
    }
    let scale = 1.0 / factor as f32;
    mono.chunks_exact(factor)
        .map(|chunk| chunk.iter().sum::<f32>() * scale)
        .collect()
}

#[cfg(all(feature = "audio", not(target_arch = "wasm32")))]
mod native {
    //! symphonia's demuxers and decoders over an owned copy of the file.

    use symphonia::core::audio::SampleBuffer;
    use symphonia::core::codecs::{DecoderOptions, CODEC_TYPE_NULL, CODEC_TYPE_OPUS};
    use symphonia::core::errors::Error as SymError;
    use symphonia::core::formats::{FormatOptions, SeekMode, SeekTo};
    use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
    use symphonia::core::meta::MetadataOptions;
    use symphonia::core::probe::Hint;
    use symphonia::core::units::Time;

    use super::{
        decimate, decimation, mix_down, Scan, Stretch, Track, ENDS_SECONDS, FULL_OVERLAP_SECONDS,
        FULL_STRETCH_SECONDS,
    };
    use crate::sniff::Format;
    use crate::source::Source;

    fn extension(format: Format) -> &'static str {
        match format {
            Format::Mp3 => "mp3",
            Format::Wav => "wav",
            Format::Flac => "flac",
            Format::Ogg => "ogg",
            Format::M4a | Format::Mp4 | Format::Mov => "mp4",
            Format::Mkv => "mkv",
            Format::Webm => "webm",
            _ => "",
        }
    }

    /// A stretch being filled: mono at the decoder's rate, and where it starts.
    struct Filling {
        start: f64,
        mono: Vec<f32>,
    }

    impl Filling {
        /// The stretch as it is handed on, at `rate` after dividing by `factor`.
        fn into_stretch(self, rate: u32, factor: u32) -> Stretch {
            Stretch {
                start: self.start,
                rate,
                mono: decimate(self.mono, factor as usize),
            }
        }
    }

    pub fn decode(
        source: &dyn Source,
        format: Format,
        scan: Scan,
        visit: &mut dyn FnMut(Stretch),
    ) -> Result<Track, String> {
        let len = usize::try_from(source.len()).map_err(|e| e.to_string())?;
        let bytes = source.read_at(0, len)?.into_owned();
        let stream = MediaSourceStream::new(
            Box::new(std::io::Cursor::new(bytes)),
            MediaSourceStreamOptions::default(),
        );
        let mut hint = Hint::new();
        hint.with_extension(extension(format));
        let probed = symphonia::default::get_probe()
            .format(
                &hint,
                stream,
                &FormatOptions::default(),
                &MetadataOptions::default(),
            )
            .map_err(|e| format!("the audio track could not be opened ({e})"))?;
        let mut reader = probed.format;
        let track = reader
            .tracks()
            .iter()
            .find(|t| t.codec_params.codec != CODEC_TYPE_NULL)
            .ok_or("no audio track")?
            .clone();
        if track.codec_params.codec == CODEC_TYPE_OPUS {
            return Err("Opus audio is not decoded natively (the page decodes it)".into());
        }
        let params = &track.codec_params;
        let codec = symphonia::default::get_codecs()
            .get_codec(params.codec)
            .map_or("unknown", |d| d.short_name)
            .to_string();
        let mut decoder = symphonia::default::get_codecs()
            .make(params, &DecoderOptions::default())
            .map_err(|e| format!("{codec} audio is not decoded natively ({e})"))?;
        let rate = params
            .sample_rate
            .filter(|&r| r > 0)
            .ok_or("the audio track names no sample rate")?;
        let time_base = params.time_base;
        let duration = match (params.n_frames, time_base) {
            (Some(n), Some(base)) => {
                let t = base.calc_time(n);
                Some(t.seconds as f64 + t.frac)
            }
            (Some(n), None) => Some(n as f64 / f64::from(rate)),
            _ => None,
        };
        let factor = decimation(rate);
        let out_rate = rate / factor;
        let mut notes = Vec::new();
        let mut bad_packets = 0usize;
        let seconds_of = |ts: u64| match time_base {
            Some(base) => {
                let t = base.calc_time(ts);
                t.seconds as f64 + t.frac
            }
            None => ts as f64 / f64::from(rate),
        };
        // Which stretches: (from, to) in seconds, decoded in order.
        let plan: Vec<(f64, f64)> = match (scan, duration) {
            (Scan::Ends, Some(d)) if d > 2.0 * ENDS_SECONDS + 1.0 => {
                vec![(0.0, ENDS_SECONDS), (d - ENDS_SECONDS, f64::INFINITY)]
            }
            (Scan::Ends, _) | (Scan::Full, _) => vec![(0.0, f64::INFINITY)],
        };
        let mut sample_buf: Option<SampleBuffer<f32>> = None;
        let mut last_seen_end = 0.0f64;
        let per_second = f64::from(rate);
        for &(from, to) in &plan {
            if from > 0.0 {
                let seeked = reader.seek(
                    SeekMode::Coarse,
                    SeekTo::Time {
                        time: Time::from(from),
                        track_id: Some(track.id),
                    },
                );
                if seeked.is_err() {
                    notes.push(format!("could not seek to {from:.1} s"));
                }
                decoder.reset();
            }
            // Ends without a known length: the first stretch, then a rolling last one.
            let rolling = scan == Scan::Ends && plan.len() == 1;
            let mut head_done = false;
            let mut fill: Option<Filling> = None;
            loop {
                let packet = match reader.next_packet() {
                    Ok(p) => p,
                    Err(SymError::IoError(_)) | Err(SymError::ResetRequired) => break,
                    Err(_) => {
                        bad_packets += 1;
                        if bad_packets > 1000 {
                            break;
                        }
                        continue;
                    }
                };
                if packet.track_id() != track.id {
                    continue;
                }
                let at = seconds_of(packet.ts());
                if at >= to {
                    break;
                }
                let Ok(decoded) = decoder.decode(&packet) else {
                    bad_packets += 1;
                    continue;
                };
                let spec = *decoded.spec();
                let channels = spec.channels.count();
                let needed = decoded.capacity() * channels;
                let buf = sample_buf
                    .get_or_insert_with(|| SampleBuffer::new(decoded.capacity() as u64, spec));
                if buf.capacity() < needed {
                    *buf = SampleBuffer::new(decoded.capacity() as u64, spec);
                }
                buf.copy_interleaved_ref(decoded);
                // Times come from the stream's timestamps once per stretch, then from the
                // samples counted; a wild first timestamp (seen in Ogg) gives way to the plan.
                let sane = at.is_finite() && at >= from - 30.0 && at <= from + 5.0;
                let filling = fill.get_or_insert_with(|| Filling {
                    start: if sane { at } else { from },
                    mono: Vec::new(),
                });
                mix_down(buf.samples(), channels, &mut filling.mono);
                last_seen_end = at;
                let seconds = filling.mono.len() as f64 / per_second;
                if rolling && !head_done && seconds >= ENDS_SECONDS {
                    head_done = true;
                    if let Some(done) = fill.take() {
                        visit(done.into_stretch(out_rate, factor));
                    }
                } else if rolling && head_done && seconds >= 2.0 * ENDS_SECONDS {
                    let drop = filling.mono.len() - (ENDS_SECONDS * per_second) as usize;
                    filling.mono.drain(..drop);
                    filling.start += drop as f64 / per_second;
                } else if scan == Scan::Full && seconds >= FULL_STRETCH_SECONDS {
                    // Hand on a full stretch; its last seconds start the next one.
                    let keep = (FULL_OVERLAP_SECONDS * per_second) as usize;
                    let split = filling.mono.len().saturating_sub(keep);
                    let rest = filling.mono.split_off(split);
                    let done = Filling {
                        start: filling.start,
                        mono: std::mem::replace(&mut filling.mono, rest),
                    };
                    filling.start += split as f64 / per_second;
                    visit(done.into_stretch(out_rate, factor));
                }
            }
            if let Some(done) = fill {
                visit(done.into_stretch(out_rate, factor));
            }
        }
        if bad_packets > 0 {
            notes.push(format!("{bad_packets} audio packets could not be decoded"));
        }
        Ok(Track {
            rate: out_rate,
            duration: duration.or(Some(last_seen_end)),
            codec,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stereo_mixes_down_and_high_rates_are_halved() {
        let mut mono = Vec::new();
        mix_down(&[1.0, 0.0, 0.5, 0.5, 0.25], 2, &mut mono);
        assert_eq!(mono, [0.5, 0.5]);
        assert_eq!(decimation(48_000), 2);
        assert_eq!(decimation(96_000), 4);
        assert_eq!(decimation(22_050), 1);
        assert_eq!(decimate(vec![1.0, 3.0, 5.0, 7.0, 9.0], 2), [2.0, 6.0]);
        assert_eq!(decimate(vec![1.0, 3.0], 1), [1.0, 3.0]);
    }

    #[test]
    fn images_and_documents_are_not_listened_to() {
        assert!(readable(Format::Mp3));
        assert!(readable(Format::Webm));
        assert!(!readable(Format::Png));
        assert!(!readable(Format::Pdf));
        let mut seen = 0;
        let empty: &[u8] = &[];
        let result = decode(&empty, Format::Png, Scan::Ends, &mut |_| seen += 1);
        assert_eq!(result.unwrap_err(), "Png audio is not decoded");
        assert_eq!(seen, 0);
    }
}
