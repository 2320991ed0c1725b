//! Native benchmark: times `verify` on every corpus fixture and on a synthetic 4 MB PNG,
//! prints a table, and writes `target/bench/native.json` (read by `bench/browser.mjs`
//! to print native and browser figures side by side). Run with `npm run bench`.

#![allow(clippy::indexing_slicing)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aigc_label::{verify, verify_source, Options, ReadSeekSource, Source};

/// Median time of `f` over enough runs to fill about `budget`.
fn median_time(budget: Duration, mut f: impl FnMut()) -> (Duration, usize) {
    let start = Instant::now();
    f();
    let once = start.elapsed().max(Duration::from_nanos(50));
    let runs = ((budget.as_nanos() / once.as_nanos()) as usize).clamp(11, 20_001);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], runs)
}

fn chunk(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut out = (body.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(body);
    let mut h = crc32fast::Hasher::new();
    h.update(kind);
    h.update(body);
    out.extend_from_slice(&h.finalize().to_be_bytes());
    out
}

/// A 4 MB PNG: a TC260 XMP label in iTXt, then 4 MB of (undecoded) pixel data in 64 KB IDAT chunks.
fn synthetic_png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &[0, 0, 4, 0, 0, 0, 4, 0, 8, 2, 0, 0, 0]));
    let label = r#"{&quot;Label&quot;:&quot;1&quot;,&quot;ContentProducer&quot;:&quot;001191110102MACQD9K64010000&quot;,&quot;ProduceID&quot;:&quot;bench&quot;}"#;
    let xmp = format!(
        r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/"><TC260:AIGC>{label}</TC260:AIGC></rdf:Description></rdf:RDF></x:xmpmeta>"#
    );
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend_from_slice(xmp.as_bytes());
    out.extend(chunk(b"iTXt", &itxt));
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let block: Vec<u8> = (0..65536)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    for _ in 0..64 {
        out.extend(chunk(b"IDAT", &block));
    }
    out.extend(chunk(b"IEND", b""));
    out
}

/// Size of the synthetic large video.
const BIG_VIDEO: u64 = 1 << 30;

/// A 1 GiB MP4 with its `moov` (and the label) at the end: the labelled fixture's `ftyp`,
/// then a 1 GiB `mdat` (a sparse run of zeros on disk), then its `moov`.
fn write_big_video(path: &Path, fixture: &[u8]) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let moov_at = fixture
        .windows(4)
        .position(|w| w == b"moov")
        .map_or(0, |i| i - 4);
    let mut file = std::fs::File::create(path)?;
    file.write_all(&fixture[..32])?; // ftyp
    file.write_all(&1u32.to_be_bytes())?;
    file.write_all(b"mdat")?;
    file.write_all(&(BIG_VIDEO + 16).to_be_bytes())?;
    file.seek(SeekFrom::Current(BIG_VIDEO as i64))?;
    file.write_all(&fixture[moov_at..])?;
    Ok(())
}

/// Times the CLI's path (a file-backed source) on the 1 GiB video and prints how much it read.
fn big_video(root: &Path, out_dir: &Path) -> String {
    let path = out_dir.join("big-1gb-moov-at-end.mp4");
    let fixture =
        std::fs::read(root.join("tests/fixtures/media/label1-moov-at-end.mp4")).unwrap_or_default();
    if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) < BIG_VIDEO {
        write_big_video(&path, &fixture).ok();
    }
    let options = Options::default();
    let mut verdict = "";
    let mut bytes_read = 0;
    let (median, runs) = median_time(Duration::from_millis(500), || {
        let file = std::fs::File::open(&path).ok();
        if let Some(source) = file.and_then(|f| ReadSeekSource::new(f).ok()) {
            verdict = verify_source(&source, &options).verdict.as_str();
            bytes_read = source.bytes_read();
        }
    });
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("\nLarge video, CLI path (open the file, seek, verify):\n");
    println!("| file | size | verdict | median | bytes read | runs |");
    println!("|---|---:|---|---:|---:|---:|");
    println!(
        "| {} | {:.2} GB | {verdict} | {} | {bytes_read} | {runs} |",
        relative(root, &path),
        size as f64 / (1u64 << 30) as f64,
        micros(median)
    );
    format!(
        r#"{{"name":"{}","size":{size},"verdict":"{verdict}","median_us":{:.3},"bytes_read":{bytes_read}}}"#,
        relative(root, &path),
        median.as_secs_f64() * 1e6
    )
}

struct Row {
    name: String,
    size: usize,
    verdict: &'static str,
    median: Duration,
    runs: usize,
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).ok();
    let big = synthetic_png();
    std::fs::write(out_dir.join("synthetic-4mb.png"), &big).ok();

    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    let corpus = root.join("tests/fixtures/corpus");
    let mut names: Vec<_> = std::fs::read_dir(&corpus)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    for path in names {
        let bytes = std::fs::read(&path).unwrap_or_default();
        inputs.push((relative(&root, &path), bytes));
    }
    inputs.push(("target/bench/synthetic-4mb.png".to_string(), big));

    let options = Options::default();
    let rows: Vec<Row> = inputs
        .iter()
        .map(|(name, bytes)| {
            let verdict = verify(bytes, &options).verdict.as_str();
            let (median, runs) = median_time(Duration::from_millis(300), || {
                black_box(verify(black_box(bytes), &options));
            });
            Row {
                name: name.clone(),
                size: bytes.len(),
                verdict,
                median,
                runs,
            }
        })
        .collect();

    println!("\nNative: file → report (sniff, container walk, label checks, verdict); median of N runs\n");
    println!("| file | size | verdict | median | runs |");
    println!("|---|---:|---|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} |",
            r.name,
            size(r.size),
            r.verdict,
            micros(r.median),
            r.runs
        );
    }
    let json: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                r#"{{"name":"{}","size":{},"verdict":"{}","median_us":{:.3}}}"#,
                r.name,
                r.size,
                r.verdict,
                r.median.as_secs_f64() * 1e6
            )
        })
        .collect();
    std::fs::write(
        out_dir.join("native.json"),
        format!("[{}]\n", json.join(",")),
    )
    .ok();
    let big = big_video(&root, &out_dir);
    std::fs::write(out_dir.join("native-big.json"), format!("{big}\n")).ok();
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    }
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}
