//! The GB 45438 §5.3 audio prompt: four tone bursts, short-long-short-short (Morse "AI"),
//! found by DSP: a short-time spectrum, tone tracks per frequency bin, and a rhythm matcher.
//! No model: every threshold is a constant below, and docs/audio.md says how each was set.

use microfft::real::{rfft_1024, rfft_256, rfft_512};

/// Lowest and highest tone pitch searched, in Hz (the 300-4,000 Hz, with margin).
const PITCH_MIN: f32 = 280.0;
const PITCH_MAX: f32 = 4300.0;
/// Frames per second of the spectrum (a 5 ms hop).
const FRAMES_PER_SECOND: f32 = 200.0;
/// A bin holds a tone when it stands this far above the spectrum around it (dB).
const TONE_CONTRAST_DB: f32 = 7.0;
/// ... and above this absolute level (dB relative to a full-scale sine): a -40 dBFS tone
/// reads about -41, so 16 dB of margin for bins between two FFT bins and for soft codecs.
const TONE_FLOOR_DB: f32 = -56.0;
/// At most this many tone peaks per frame are tracked (dense music has hundreds).
const PEAKS_PER_FRAME: usize = 24;
/// A track survives this many frames without a peak (codec and window flicker).
const TRACK_DROPOUT: usize = 3;
/// A level change this large over four frames (20 ms) splits a track: the prompt's edges
/// on top of a steady partial of music.
const LEVEL_STEP_DB: f32 = 5.0;
/// A track bridges at most this many frames (80 ms) in which its bin keeps within this
/// margin of the tone's level without showing a peak.
const MASK_FRAMES: usize = 16;
const MASK_MARGIN_DB: f32 = 3.0;
/// Shortest burst kept, in seconds (the shortest unit, 60 ms, less the window's smear).
const BURST_MIN: f32 = 0.035;
/// Longest burst kept (a long of 4 units of 300 ms, with margin).
const BURST_MAX: f32 = 1.6;

/// One prompt found.
#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    /// Where the first burst starts, in seconds from the start of the samples given.
    pub start: f64,
    /// Where the last burst ends.
    pub end: f64,
    /// The four burst lengths, in seconds (window smear corrected).
    pub bursts: [f32; 4],
    /// The three gaps between them, in seconds.
    pub gaps: [f32; 3],
    /// The tone's pitch, in Hz.
    pub pitch: f32,
    /// The tone's level, in dB relative to a full-scale sine.
    pub level_db: f32,
    /// 0..1: how closely the rhythm fits the ideal (1 unit, 2-4 units, equal shorts).
    pub confidence: f32,
    /// How much the tone's level wavers inside the bursts (dB, standard deviation): a
    /// generated tone holds still, a played or sung note does not.
    pub waver_db: f32,
    /// How far the tone's level falls in the gaps, below its level in the bursts (dB).
    pub gap_depth_db: f32,
}

/// A run of frames in which one bin (give or take one) held a tone.
#[derive(Debug, Clone)]
struct Burst {
    first: usize,
    last: usize,
    /// Sum of the interpolated bin positions and of levels, for means.
    bin_sum: f32,
    bin_sq: f32,
    level_sum: f32,
    contrast_sum: f32,
    frames: usize,
    last_bin: f32,
    last_seen: usize,
    /// Frames bridged while masked (see `track`).
    masked: usize,
    /// The levels of its last four frames, newest last.
    recent: [f32; 4],
}

impl Burst {
    fn start(t: usize, bin: f32, level: f32, contrast: f32) -> Burst {
        Burst {
            first: t,
            last: t,
            bin_sum: bin,
            bin_sq: bin * bin,
            level_sum: level,
            contrast_sum: contrast,
            frames: 1,
            last_bin: bin,
            last_seen: t,
            recent: [level; 4],
            masked: 0,
        }
    }
    /// How far a peak is from this track: bins, plus level steps.
    fn distance(&self, bin: f32, level: f32) -> f32 {
        (self.last_bin - bin).abs() + (level - self.recent[3]).abs() / LEVEL_STEP_DB
    }
    fn mean_bin(&self) -> f32 {
        self.bin_sum / self.frames as f32
    }
    fn bin_spread(&self) -> f32 {
        let mean = self.mean_bin();
        (self.bin_sq / self.frames as f32 - mean * mean)
            .max(0.0)
            .sqrt()
    }
}

/// The spectrum's geometry for one sample rate.
struct Frames {
    rate: f32,
    size: usize,
    hop: usize,
    lo: usize,
    hi: usize,
}

impl Frames {
    fn new(rate: u32) -> Frames {
        let rate = rate as f32;
        // About 23-32 ms windows: fine enough in time for a 60 ms gap, and in pitch for a
        // tone to stand clear of music (bins of 31-47 Hz).
        let size = if rate >= 11_000.0 { 512 } else { 256 };
        let size = if rate > 26_000.0 { 1024 } else { size };
        let hop = ((rate / FRAMES_PER_SECOND).round() as usize).max(1);
        let bin_hz = rate / size as f32;
        let lo = ((PITCH_MIN / bin_hz).floor() as usize).max(3);
        let hi = ((PITCH_MAX / bin_hz).ceil() as usize).min(size / 2 - 14);
        let lo = lo.max(3);
        Frames {
            rate,
            size,
            hop,
            lo,
            hi,
        }
    }
    fn seconds(&self, frames: f32) -> f32 {
        frames * self.hop as f32 / self.rate
    }
    fn hz(&self, bin: f32) -> f32 {
        bin * self.rate / self.size as f32
    }
    /// How much longer a burst reads than it is (its frames include windows that only
    /// overlap it), in seconds: measured on clean tones, about half a window.
    fn smear(&self) -> f32 {
        0.55 * self.size as f32 / self.rate
    }
}

/// Finds every prompt in mono `samples` at `rate`; `offset` (seconds) is added to positions.
pub fn find(samples: &[f32], rate: u32, offset: f64) -> Vec<Prompt> {
    if rate < 8_000 || samples.len() < rate as usize / 2 {
        return Vec::new();
    }
    let frames = Frames::new(rate);
    let bursts = track(samples, &frames);
    let mut found = match_rhythm(&bursts, &frames);
    for prompt in &mut found {
        let (waver, depth) = steadiness(samples, &frames, prompt);
        prompt.waver_db = waver;
        prompt.gap_depth_db = depth;
    }
    found.retain(|p| p.waver_db <= MAX_WAVER_DB && p.gap_depth_db >= MIN_GAP_DEPTH_DB);
    for prompt in &mut found {
        prompt.start += offset;
        prompt.end += offset;
    }
    found
}

/// A prompt's tone wavers at most this much inside its bursts (dB)...
const MAX_WAVER_DB: f32 = 2.0;
/// ... and falls at least this far in its gaps.
const MIN_GAP_DEPTH_DB: f32 = 3.0;

/// The level (dB, a full-scale sine reads 0) of `pitch` in the window of `size` samples
/// centred at `centre`, by one Hann-windowed DFT bin.
fn level_at(samples: &[f32], rate: u32, pitch: f32, centre: f32, size: usize) -> Option<f32> {
    let first = (centre * rate as f32) as isize - (size / 2) as isize;
    let first = usize::try_from(first).ok()?;
    let frame = samples.get(first..first + size)?;
    let step = std::f32::consts::TAU * pitch / rate as f32;
    let (mut re, mut im) = (0f32, 0f32);
    for (i, &x) in frame.iter().enumerate() {
        let w = 0.5 - 0.5 * (std::f32::consts::TAU * i as f32 / size as f32).cos();
        let phase = step * i as f32;
        re += x * w * phase.cos();
        im -= x * w * phase.sin();
    }
    let scale = size as f32 / 4.0;
    Some(10.0 * ((re * re + im * im) / (scale * scale) + 1e-12).log10())
}

/// (waver, gap depth) of `prompt`, measured at its pitch on the windows that lie wholly
/// inside a burst or a gap (positions relative to `samples`).
fn steadiness(samples: &[f32], frames: &Frames, prompt: &Prompt) -> (f32, f32) {
    let (size, rate) = (frames.size, frames.rate as u32);
    let half = size as f32 / 2.0 / rate as f32;
    let step = 0.005;
    let mut spans = Vec::with_capacity(7);
    let mut at = prompt.start as f32;
    for (i, burst) in prompt.bursts.iter().enumerate() {
        spans.push((true, at, at + burst));
        at += burst;
        if let Some(gap) = prompt.gaps.get(i) {
            spans.push((false, at, at + gap));
            at += gap;
        }
    }
    let (mut waver_sum, mut waver_n, mut burst_sum, mut gap_max) = (0f32, 0usize, 0f32, f32::MIN);
    let mut burst_levels = 0usize;
    for &(on, from, to) in &spans {
        // Keep a margin of a few ms for the fades and the measured edges.
        let mut centre = from + half + 0.01;
        let mut levels = Vec::new();
        while centre <= to - half - 0.01 {
            if let Some(level) = level_at(samples, rate, prompt.pitch, centre, size) {
                levels.push(level);
            }
            centre += step;
        }
        if levels.is_empty() {
            // Too short for a whole window: its middle only.
            if let Some(level) = level_at(samples, rate, prompt.pitch, (from + to) / 2.0, size) {
                levels.push(level);
            }
        }
        if on {
            let mean = levels.iter().sum::<f32>() / levels.len().max(1) as f32;
            waver_sum += levels.iter().map(|l| (l - mean) * (l - mean)).sum::<f32>();
            waver_n += levels.len();
            burst_sum += levels.iter().sum::<f32>();
            burst_levels += levels.len();
        } else {
            gap_max = levels.iter().copied().fold(gap_max, f32::max);
        }
    }
    let waver = (waver_sum / waver_n.max(1) as f32).sqrt();
    let burst = burst_sum / burst_levels.max(1) as f32;
    (waver, burst - gap_max)
}

/// Levels in dB (a full-scale sine's bin reads 0) of bins `lo..hi` of one frame.
fn spectrum(frame: &[f32], frames: &Frames, window: &[f32], levels: &mut Vec<f32>) {
    levels.clear();
    let power = |re: f32, im: f32| {
        let scale = frames.size as f32 / 4.0;
        10.0 * ((re * re + im * im) / (scale * scale) + 1e-12).log10()
    };
    macro_rules! run {
        ($fft:ident, $n:literal) => {{
            let mut buf = [0f32; $n];
            for ((b, s), w) in buf.iter_mut().zip(frame).zip(window) {
                *b = s * w;
            }
            let spectrum = $fft(&mut buf);
            for bin in spectrum.iter() {
                levels.push(power(bin.re, bin.im));
            }
        }};
    }
    match frames.size {
        1024 => run!(rfft_1024, 1024),
        512 => run!(rfft_512, 512),
        _ => run!(rfft_256, 256),
    }
}

/// The tone peaks of one frame: (interpolated bin, level, contrast), strongest first.
fn peaks(levels: &[f32], history: &History, frames: &Frames, out: &mut Vec<(f32, f32, f32)>) {
    out.clear();
    // levels[bin]; neighbours 3..=12 bins away on both sides are the background, so the
    // tone's own main lobe (±2 bins) never counts against it.
    let mut side = Vec::with_capacity(20);
    for bin in frames.lo..frames.hi {
        let (Some(&here), Some(&left), Some(&right)) =
            (levels.get(bin), levels.get(bin - 1), levels.get(bin + 1))
        else {
            continue;
        };
        if here < TONE_FLOOR_DB || here < left || here < right {
            continue;
        }
        side.clear();
        side.extend(
            levels
                .get(bin.saturating_sub(12)..bin - 2)
                .unwrap_or_default(),
        );
        side.extend(levels.get(bin + 3..bin + 13).unwrap_or_default());
        side.sort_unstable_by(f32::total_cmp);
        let Some(&background) = side.get(side.len() / 2) else {
            continue;
        };
        // A tone among partials as loud as itself still stands out in time: its bin falls
        // silent in the gaps, where a note of music rarely does.
        let spectral = here - background;
        let temporal = here - history.floor(bin);
        let contrast = if spectral >= TONE_CONTRAST_DB {
            spectral
        } else if temporal >= TONE_RISE_DB && spectral >= TONE_RISE_CONTRAST_DB {
            TONE_CONTRAST_DB
        } else {
            continue;
        };
        // Parabolic interpolation of the peak's position between bins.
        let denom = left - 2.0 * here + right;
        let shift = if denom.abs() > 1e-6 {
            (0.5 * (left - right) / denom).clamp(-0.5, 0.5)
        } else {
            0.0
        };
        out.push((bin as f32 + shift, here, contrast));
    }
    out.sort_unstable_by(|a, b| b.2.total_cmp(&a.2));
    out.truncate(PEAKS_PER_FRAME);
}

/// Frames per block, and blocks, of a bin's level history (1.6 s).
const BLOCK: usize = 10;
const HISTORY_BLOCKS: usize = 32;
/// A peak also counts as a tone when its bin rose this far above its quietest level of the
/// last 1.6 s.
const TONE_RISE_DB: f32 = 20.0;
/// ... while still standing this far above the spectrum around it.
const TONE_RISE_CONTRAST_DB: f32 = 3.0;

/// Per bin, the quietest level of each of the last blocks of frames.
struct History {
    blocks: Vec<[f32; HISTORY_BLOCKS]>,
    current: Vec<f32>,
    frame: usize,
}

impl History {
    fn new(bins: usize) -> History {
        History {
            blocks: vec![[0.0; HISTORY_BLOCKS]; bins],
            current: vec![0.0; bins],
            frame: 0,
        }
    }

    fn push(&mut self, levels: &[f32]) {
        for (min, &level) in self.current.iter_mut().zip(levels) {
            *min = if self.frame.is_multiple_of(BLOCK) {
                level
            } else {
                min.min(level)
            };
        }
        self.frame += 1;
        if self.frame.is_multiple_of(BLOCK) {
            let slot = (self.frame / BLOCK) % HISTORY_BLOCKS;
            for (ring, &min) in self.blocks.iter_mut().zip(&self.current) {
                if let Some(cell) = ring.get_mut(slot) {
                    *cell = min;
                }
            }
        }
    }

    /// The quietest level of `bin` over the history (0 dB, never quiet, before any).
    fn floor(&self, bin: usize) -> f32 {
        let ring = self
            .blocks
            .get(bin)
            .map_or(0.0, |r| r.iter().copied().fold(f32::MAX, f32::min));
        let current = self.current.get(bin).copied().unwrap_or(0.0);
        if self.frame.is_multiple_of(BLOCK) {
            ring
        } else {
            ring.min(current)
        }
    }
}

/// Tone tracks: peaks linked frame to frame within one bin, kept when they last a burst's time
/// and hold their pitch.
fn track(samples: &[f32], frames: &Frames) -> Vec<Burst> {
    let window: Vec<f32> = (0..frames.size)
        .map(|i| {
            let x = std::f32::consts::PI * 2.0 * i as f32 / frames.size as f32;
            0.5 - 0.5 * x.cos()
        })
        .collect();
    let mut levels = Vec::with_capacity(frames.size / 2);
    let mut history = History::new(frames.size / 2 + 1);
    let mut found = Vec::new();
    let mut active: Vec<Burst> = Vec::new();
    let mut done = Vec::new();
    let count = samples.len().saturating_sub(frames.size) / frames.hop;
    for t in 0..count {
        let start = t * frames.hop;
        let Some(frame) = samples.get(start..start + frames.size) else {
            break;
        };
        spectrum(frame, frames, &window, &mut levels);
        peaks(&levels, &history, frames, &mut found);
        history.push(&levels);
        for &(bin, level, contrast) in &found {
            // A track takes the nearest peak within a bin whose level does not step: a step is
            // a burst starting or ending on top of a steady partial, which starts a track of
            // its own beside it.
            let near = active
                .iter_mut()
                .filter(|b| {
                    b.last_seen < t
                        && (b.last_bin - bin).abs() <= 1.0
                        && (b.frames < 8 || (level - b.recent[0]).abs() <= LEVEL_STEP_DB)
                })
                .min_by(|a, b| a.distance(bin, level).total_cmp(&b.distance(bin, level)));
            match near {
                Some(burst) => {
                    burst.recent.rotate_left(1);
                    burst.recent[3] = level;
                    burst.last = t;
                    burst.last_seen = t;
                    burst.last_bin = bin;
                    burst.bin_sum += bin;
                    burst.bin_sq += bin * bin;
                    burst.level_sum += level;
                    burst.contrast_sum += contrast;
                    burst.frames += 1;
                }
                None => active.push(Burst::start(t, bin, level, contrast)),
            }
        }
        for b in active.iter_mut().filter(|b| b.last_seen < t) {
            // A stronger partial a bin away hides the tone but not its bin's energy: while the
            // bin stays as loud as the tone, the tone may still be there.
            let here = levels
                .get(b.last_bin.round() as usize)
                .copied()
                .unwrap_or(f32::MIN);
            if here >= b.level_sum / b.frames as f32 - MASK_MARGIN_DB && b.masked < MASK_FRAMES {
                b.masked += 1;
                b.last_seen = t;
            }
        }
        active.retain(|b| {
            let alive = t - b.last_seen <= TRACK_DROPOUT;
            if !alive {
                done.push(b.clone());
            }
            alive
        });
    }
    done.extend(active);
    done.retain(|b| {
        let length = frames.seconds((b.last - b.first + 1) as f32);
        let filled = b.frames as f32 / (b.last - b.first + 1) as f32;
        (BURST_MIN..=BURST_MAX).contains(&length) && filled >= 0.6 && b.bin_spread() <= 0.6
    });
    done.sort_by_key(|b| b.first);
    done
}

/// One burst as the rhythm sees it: time span in seconds (smear corrected), pitch and level.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: f32,
    end: f32,
    bin: f32,
    level: f32,
    contrast: f32,
}

impl Span {
    fn length(&self) -> f32 {
        self.end - self.start
    }
}

fn spans(bursts: &[Burst], frames: &Frames) -> Vec<Span> {
    let half = frames.size as f32 / 2.0 / frames.rate;
    let trim = frames.smear() / 2.0;
    bursts
        .iter()
        .map(|b| Span {
            // A frame's time is its window's centre.
            start: frames.seconds(b.first as f32) + half + trim,
            end: frames.seconds(b.last as f32 + 1.0) + half - trim,
            bin: b.mean_bin(),
            level: b.level_sum / b.frames as f32,
            contrast: b.contrast_sum / b.frames as f32,
        })
        .collect()
}

/// Four bursts of one pitch, short-long-short-short, with no Morse-like burst of that pitch
/// close around.
fn match_rhythm(bursts: &[Burst], frames: &Frames) -> Vec<Prompt> {
    let spans = spans(bursts, frames);
    let mut out: Vec<Prompt> = Vec::new();
    for (i, a) in spans.iter().enumerate() {
        let unit = a.length();
        if !(0.04..=0.4).contains(&unit) {
            continue;
        }
        let same = |s: &Span| (s.bin - a.bin).abs() <= 1.0;
        // Each next burst: its gap after the one before, in units, and its length, in units.
        let after = |from: usize, prev: &Span, gap: (f32, f32), len: (f32, f32)| {
            spans
                .iter()
                .enumerate()
                .skip(from + 1)
                .take_while(move |(_, s)| s.start <= prev.end + gap.1 * unit)
                .filter(move |(_, s)| {
                    same(s)
                        && s.start >= prev.end + gap.0 * unit
                        && (len.0 * unit..=len.1 * unit).contains(&s.length())
                })
                .map(|(j, s)| (j, *s))
                .collect::<Vec<_>>()
        };
        let mut best: Option<Prompt> = None;
        for (j, b) in after(i, a, (0.3, 2.4), (1.6, 5.0)) {
            for (k, c) in after(j, &b, (0.3, 3.8), (0.6, 1.5)) {
                for (_, d) in after(k, &c, (0.3, 2.4), (0.6, 1.5)) {
                    if let Some(p) = fits(&[*a, b, c, d]) {
                        if best.as_ref().is_none_or(|q| p.confidence > q.confidence) {
                            best = Some(p);
                        }
                    }
                }
            }
        }
        let Some(mut prompt) = best else { continue };
        if crowded(&spans, &prompt, a.bin) {
            continue;
        }
        prompt.pitch = frames.hz(a.bin);
        // The same prompt seen in another bin (a neighbour, a harmonic): keep the loudest.
        let unit = f64::from(prompt.bursts[0]);
        match out
            .iter_mut()
            .find(|p| (p.start - prompt.start).abs() < unit)
        {
            // The fundamental of a square or other timbre is its loudest partial.
            Some(prev) if prompt.level_db > prev.level_db => *prev = prompt,
            Some(_) => {}
            None => out.push(prompt),
        }
    }
    out
}

/// Whether a Morse-like burst (one or three units long, at the prompt's pitch and level) sits
/// 0.5-3.6 units before or after `prompt`: Morse text has letters 3 units apart, and this
/// keeps ".-.." inside a word from matching (a note that runs on without a gap is not Morse).
fn crowded(spans: &[Span], prompt: &Prompt, bin: f32) -> bool {
    let unit = (prompt.bursts[0] + prompt.bursts[2] + prompt.bursts[3]) / 3.0;
    let guard = 3.6 * unit;
    let (start, end) = (prompt.start as f32, prompt.end as f32);
    spans.iter().any(|s| {
        (s.bin - bin).abs() <= 1.0
            && (s.level - prompt.level_db).abs() <= 6.0
            && (0.6 * unit..=3.6 * unit).contains(&s.length())
            && ((s.end > start - guard && s.end <= start - 0.5 * unit)
                || (s.start < end + guard && s.start >= end + 0.5 * unit))
    })
}

/// Whether four spans make the rhythm, and how well.
fn fits(spans: &[Span; 4]) -> Option<Prompt> {
    let [a, b, c, d] = spans;
    let lengths = [a.length(), b.length(), c.length(), d.length()];
    let gaps = [b.start - a.end, c.start - b.end, d.start - c.end];
    let shorts = [lengths[0], lengths[2], lengths[3]];
    let unit = shorts.iter().sum::<f32>() / 3.0;
    if !(0.05..=0.36).contains(&unit) {
        return None;
    }
    // The shorts are one length, within ±35 %.
    if shorts.iter().any(|s| (s / unit - 1.0).abs() > 0.35) {
        return None;
    }
    let long = lengths[1] / unit;
    if !(1.75..=4.6).contains(&long) {
        return None;
    }
    // Gaps about one unit; the middle one may be Morse's letter gap of three.
    let g = gaps.map(|g| g / unit);
    let one = 0.6..=1.6;
    let letter = 2.4..=3.6;
    if !one.contains(&g[0])
        || !one.contains(&g[2])
        || !(one.contains(&g[1]) || letter.contains(&g[1]))
    {
        return None;
    }

    // One tone: levels within 6 dB.
    let levels = [a.level, b.level, c.level, d.level];
    let loud = levels.iter().copied().fold(f32::MIN, f32::max);
    let soft = levels.iter().copied().fold(f32::MAX, f32::min);
    if loud - soft > 6.0 {
        return None;
    }
    let spread = shorts
        .iter()
        .map(|s| (s / unit - 1.0).abs())
        .fold(0.0, f32::max);
    let long_off = if long < 2.0 {
        2.0 - long
    } else if long > 4.0 {
        long - 4.0
    } else {
        0.0
    };
    let gap_off = g
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let ideal_three = i == 1 && x > 2.0;
            (x - if ideal_three { 3.0 } else { 1.0 }).abs()
        })
        .fold(0.0, f32::max);
    let contrast = [a.contrast, b.contrast, c.contrast, d.contrast]
        .iter()
        .sum::<f32>()
        / 4.0;
    let clarity = ((contrast - TONE_CONTRAST_DB) / 15.0).clamp(0.0, 1.0);
    let confidence =
        (1.0 - spread - 0.5 * long_off - 0.4 * gap_off).clamp(0.0, 1.0) * (0.6 + 0.4 * clarity);
    Some(Prompt {
        start: f64::from(a.start),
        end: f64::from(d.end),
        bursts: lengths,
        gaps,
        pitch: 0.0,
        level_db: levels.iter().sum::<f32>() / 4.0,
        confidence,
        waver_db: 0.0,
        gap_depth_db: 0.0,
    })
}
