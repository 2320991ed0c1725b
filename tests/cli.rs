//! The native CLI, run as a process: output shapes and exit statuses from CONTRACT.md.
//! Unix only: the walk tests make symbolic links and FIFOs (and there is no CLI on wasm32).
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aigc-label"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn json_prints_one_report_per_line_with_its_path() {
    let output = run(&[
        "check",
        "--json",
        "tests/fixtures/corpus/doubao_black_1x1_1.png",
        "tests/fixtures/bad/two-labels.jpg",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["path"],
        "tests/fixtures/corpus/doubao_black_1x1_1.png"
    );
    assert_eq!(lines[0]["verdict"], "ai_labeled");
    assert_eq!(
        lines[0]["evidence"][0]["fields"]["ProducerName"],
        "Doubao (ByteDance) / 豆包（字节跳动）"
    );
    assert_eq!(lines[1]["verdict"], "invalid_label");
    for key in ["verdict", "format", "summary", "evidence", "errors", "path"] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
}

#[test]
fn table_is_readable() {
    let output = run(&["check", "tests/fixtures/corpus/grok-1.jpg"]);
    let text = stdout(&output);
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("PATH"));
    let row = lines.next().unwrap();
    assert!(
        row.contains("jpeg") && row.contains("suspected_ai") && row.contains("Grok (xAI)"),
        "{row}"
    );
}

#[test]
fn an_unreadable_input_exits_1_and_still_reports_the_others() {
    let output = run(&[
        "check",
        "--json",
        "tests/fixtures/labels/xmp-label1.jpg",
        "does/not/exist.png",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["verdict"], "ai_labeled");
    assert_eq!(lines[1]["verdict"], "error");
    assert!(lines[1]["errors"][0]
        .as_str()
        .unwrap()
        .starts_with("Cannot read does/not/exist.png"));
}

#[test]
fn text_files_are_verified_as_text() {
    let dir = std::env::temp_dir().join(format!("aigc-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("note.md");
    std::fs::write(&path, "# 标题\n\n正文。\n").unwrap();
    let output = run(&["check", "--json", path.to_str().unwrap()]);
    let line: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(line["format"], "text");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn terminal_escapes_in_names_are_not_printed_raw() {
    let dir = std::env::temp_dir().join(format!("aigc-cli-esc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A file name holding an ANSI "clear screen" sequence and a right-to-left override.
    let path = dir.join("a\u{1b}[2J\u{202e}b.txt");
    std::fs::write(&path, "text").unwrap();
    let output = run(&["check", path.to_str().unwrap()]);
    let out = stdout(&output);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(out.contains("a\\u{001B}[2J\\u{202E}b.txt"), "{out}");
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--frobnicate", "x"]).status.code(), Some(2));
    assert_eq!(run(&["verify", "x"]).status.code(), Some(2));
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help)
        .contains("aigc-label check [--json | --csv] [--jobs N] [--metadata-only] [--audio-scan ends|full] [--models DIR] [--trust-anchors FILE] PATH..."));
    assert_eq!(
        run(&["check", "--audio-scan", "half", "x"]).status.code(),
        Some(2)
    );
    // The help lists -h and --help among check's options: they work after `check` too.
    for args in [
        &["check", "--help"][..],
        &["check", "-h"],
        &["check", "--json", "-h", "x"],
    ] {
        let help = run(args);
        assert_eq!(help.status.code(), Some(0), "{args:?}");
        assert!(
            stdout(&help).starts_with("Usage: aigc-label check"),
            "{args:?}"
        );
        assert!(help.stderr.is_empty(), "{args:?}");
    }
    let version = run(&["check", "-V"]);
    assert_eq!(
        stdout(&version).trim(),
        format!("aigc-label {}", env!("CARGO_PKG_VERSION"))
    );
    // After `--`, "-h" is a path.
    let path = run(&["check", "--", "-h"]);
    assert_eq!(path.status.code(), Some(1));
    assert_eq!(run(&["check", "--jobs", "0", "x"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--jobs"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--trust-anchors"]).status.code(), Some(2));
    let not_pem = run(&["check", "--trust-anchors", "README.md", "x"]);
    assert_eq!(not_pem.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&not_pem.stderr).contains("hold no PEM certificate"));
}

/// The check whose id is `id` in the first C2PA evidence of a JSON report line.
#[cfg(feature = "c2pa")]
fn c2pa_check(line: &str, id: &str) -> serde_json::Value {
    let report: serde_json::Value = serde_json::from_str(line).unwrap();
    let evidence = report["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "c2pa_manifest")
        .unwrap()
        .clone();
    evidence["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
        .clone()
}

#[test]
#[cfg(feature = "c2pa")]
fn trust_anchors_flag_makes_a_signer_trusted() {
    let flux = "tests/fixtures/corpus/flux-1.jpg";
    let shipped = run(&["check", "--json", flux]);
    let trust = c2pa_check(&stdout(&shipped), "c2pa.trust");
    assert_eq!(trust["ok"], false, "{trust}");
    assert_eq!(trust["advisory"], true, "{trust}");

    let anchors = "tests/fixtures/trust/flux-issuer.pem";
    let added = run(&["check", "--json", "--trust-anchors", anchors, flux]);
    assert_eq!(added.status.code(), Some(0));
    let trust = c2pa_check(&stdout(&added), "c2pa.trust");
    assert_eq!(trust["ok"], true, "{trust}");
    let report: serde_json::Value = serde_json::from_str(&stdout(&added)).unwrap();
    assert_eq!(report["verdict"], "ai_labeled");
}

#[test]
#[cfg(feature = "watermark")]
fn pixels_are_checked_by_default_and_metadata_only_skips_them() {
    let marked = "tests/fixtures/watermark/astronaut-sdxl-dwtDct.png";
    let report = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["check", "--json"];
        all.extend_from_slice(args);
        all.push(marked);
        serde_json::from_str(&stdout(&run(&all))).unwrap()
    };
    let default = report(&[]);
    assert_eq!(default["verdict"], "suspected_ai");
    assert_eq!(default["evidence"][0]["kind"], "watermark");
    assert_eq!(default["evidence"][0]["fields"]["MatchingBits"], "48/48");
    // --watermarks stays accepted for one release, as a no-op.
    assert_eq!(report(&["--watermarks"]), default);
    let metadata_only = report(&["--metadata-only"]);
    assert_eq!(metadata_only["verdict"], "no_label");
    assert_eq!(metadata_only["evidence"], serde_json::json!([]));
}

/// The visible label is read by default with the models of the checkout (scripts/models.sh),
/// found without being named; `--models` names another folder; `--metadata-only` skips it.
#[test]
#[cfg(feature = "ocr")]
fn visible_labels_are_read_by_default_and_metadata_only_skips_them() {
    let labelled = "tests/fixtures/visible/labelled/tune/000-top-left-3pct-notosans.jpg";
    let report = |args: &[&str]| -> (serde_json::Value, String) {
        let mut all = vec!["check", "--json"];
        all.extend_from_slice(args);
        all.push(labelled);
        let output = run(&all);
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        (serde_json::from_str(&stdout(&output)).unwrap(), stderr)
    };
    let (default, stderr) = report(&[]);
    assert_eq!(default["verdict"], "ai_labeled", "{stderr}");
    assert_eq!(default["evidence"][0]["kind"], "explicit_image_label");
    assert_eq!(default["evidence"][0]["fields"]["Text"], "AI生成");
    assert_eq!(
        default["evidence"][0]["fields"]["Position"],
        "top-left corner"
    );
    let (named, _) = report(&["--models", "models/ppocrv6-tiny"]);
    assert_eq!(named, default);
    let (metadata_only, _) = report(&["--metadata-only"]);
    assert_eq!(metadata_only["verdict"], "no_label");
    // A --models folder without the models is bad usage, said plainly.
    let missing = run(&["check", "--models", "tests", labelled]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr)
        .contains("the OCR models (det.onnx, rec.onnx, dict.txt) are not in tests"));
}

/// A fresh folder under the system temp dir holding copies of some fixtures, nested.
fn batch_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("aigc-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("nested/deeper")).unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (from, to) in [
        ("corpus/mj-1.png", "a-mj.png"),
        ("corpus/adobe-20220124-A.jpg", "nested/b-camera.jpg"),
        (
            "labels/exif-usercomment-label2.jpg",
            "nested/deeper/c-label2.jpg",
        ),
        ("text/labelled/zh-end-line.txt", "nested/deeper/d-text.txt"),
    ] {
        std::fs::copy(fixtures.join(from), dir.join(to)).unwrap();
    }
    dir
}

#[test]
fn folders_are_walked_and_reports_come_in_order_whatever_the_jobs() {
    let dir = batch_folder("walk");
    let folder = dir.to_str().unwrap();
    let one = run(&["check", "--json", "--jobs", "1", folder]);
    let two = run(&["check", "--json", "--jobs", "2", folder]);
    assert_eq!(one.status.code(), Some(0));
    assert_eq!(stdout(&one), stdout(&two));
    let verdicts: Vec<(String, String)> = stdout(&one)
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let path = v["path"].as_str().unwrap().to_string();
            let name = path.rsplit('/').next().unwrap().to_string();
            (name, v["verdict"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            ("a-mj.png".to_string(), "ai_labeled".to_string()),
            ("b-camera.jpg".to_string(), "no_label".to_string()),
            ("c-label2.jpg".to_string(), "possibly_ai".to_string()),
            ("d-text.txt".to_string(), "ai_labeled".to_string()),
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_quoted_glob_is_expanded_and_csv_is_a_summary() {
    let dir = batch_folder("glob");
    let pattern = format!("{}/**/*.jpg", dir.display());
    let output = run(&["check", "--csv", &pattern]);
    assert_eq!(output.status.code(), Some(0));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "path,format,media,verdict,evidence,summary,errors"
    );
    assert_eq!(lines.len(), 3, "{out}");
    assert_eq!(
        lines[1],
        format!("{}/nested/b-camera.jpg,jpeg,image,no_label,,No AI label was found. Absence of a label does not prove the content is human-made.,", dir.display())
    );
    assert_eq!(
        lines[2],
        format!("{}/nested/deeper/c-label2.jpg,jpeg,image,possibly_ai,tc260_metadata,Its GB 45438 label marks the content as possibly AI-generated.,", dir.display())
    );
    // A pattern that matches nothing is reported as an unreadable input, in its place.
    let none = run(&["check", "--csv", &format!("{}/*.nothing", dir.display())]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).contains(",error,"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A PNG chunk: length, type, data, CRC.
fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend(kind);
    chunk.extend(data);
    chunk.extend(crc32fast::hash(&chunk[4..]).to_be_bytes());
    chunk
}

/// An XMP DigitalSourceType holding ESC, BEL, a C1 CSI and a right-to-left override reaches
/// the summary through its failing check: neither --csv nor --json may print them raw (JSON
/// keeps the same data as \u escapes).
#[test]
fn csv_and_json_never_print_raw_control_characters() {
    let dir = std::env::temp_dir().join(format!("aigc-cli-ctl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile.png");
    let value = "x\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}y";
    let xmp = format!(
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" Iptc4xmpExt:DigitalSourceType=\"{value}\"/></rdf:RDF></x:xmpmeta>"
    );
    let mut itxt = b"XML:com.adobe.xmp\0\0\0\0\0".to_vec();
    itxt.extend(xmp.as_bytes());
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
    png.extend(png_chunk(b"iTXt", &itxt));
    png.extend(png_chunk(b"IEND", &[]));
    std::fs::write(&path, png).unwrap();
    let raw = |text: &str| {
        text.chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
    };
    let file = path.to_str().unwrap();
    let csv = stdout(&run(&["check", "--csv", "--metadata-only", file]));
    assert!(!raw(&csv), "{csv:?}");
    assert!(
        csv.contains("invalid_label")
            && csv.contains("x\\u{001B}]0;pwned\\u{0007}\\u{009B}31m\\u{202E}y"),
        "{csv}"
    );
    let json = stdout(&run(&["check", "--json", "--metadata-only", file]));
    assert!(!raw(&json), "{json:?}");
    let report: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(report["verdict"], "invalid_label");
    assert!(
        report["summary"]["en"].as_str().unwrap().contains(value),
        "{json}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A folder with a link loop and a FIFO: the walk ends, checks the regular file, and reports
/// the link and the FIFO as error rows in their places (exit status 1).
#[test]
fn links_and_fifos_in_a_folder_are_reported_not_followed_or_opened() {
    let dir = std::env::temp_dir().join(format!("aigc-cli-links-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a.txt"), "plain text").unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("b-loop")).unwrap();
    let fifo = dir.join("c-pipe");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    for pattern in [dir.display().to_string(), format!("{}/**/*", dir.display())] {
        let output = run(&["check", "--json", &pattern]);
        let rows: Vec<serde_json::Value> = stdout(&output)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let verdicts: Vec<&str> = rows
            .iter()
            .map(|r| r["verdict"].as_str().unwrap())
            .collect();
        let expected: &[&str] = if made {
            &["no_label", "error", "error"]
        } else {
            &["no_label", "error"]
        };
        assert_eq!(verdicts, expected, "{pattern}");
        assert!(rows[1]["errors"][0]
            .as_str()
            .unwrap()
            .ends_with("b-loop is a symbolic link; not followed"));
        if made {
            assert!(rows[2]["errors"][0].as_str().unwrap().contains("FIFO"));
        }
        assert_eq!(output.status.code(), Some(1));
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A C2PA-signed corpus JPEG padded to about `size` bytes with empty APP15 segments after SOI:
/// a valid JPEG that the container, the C2PA check and the SDK all read whole
/// (bench/memory.sh makes the 500 MB ones of docs/performance.md the same way).
#[cfg(target_os = "linux")]
fn hostile_jpeg(path: &std::path::Path, size: usize) {
    let seed = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/corpus/adobe-20220124-CA.jpg"),
    )
    .unwrap();
    let mut segment = vec![0xFF, 0xEF, 0xFF, 0xFF];
    segment.resize(4 + 65533, 0);
    let mut out = Vec::with_capacity(size + seed.len());
    out.extend_from_slice(&seed[..2]);
    while out.len() + segment.len() + seed.len() <= size {
        out.extend_from_slice(&segment);
    }
    out.extend_from_slice(&seed[2..]);
    std::fs::write(path, out).unwrap();
}

/// Runs the CLI with `budget` in AIGC_LABEL_MEMORY_BUDGET and returns its peak resident memory
/// in bytes (VmHWM, sampled from /proc until it ends; the mark only ever rises) and its output.
/// mimalloc is told to give freed memory back at once rather than 10 ms later, so that the
/// peak is what the jobs hold, not what the allocator keeps for reuse (docs/performance.md).
#[cfg(target_os = "linux")]
fn peak_memory(args: &[&str], budget: &str) -> (u64, Output) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aigc-label"))
        .args(args)
        .env("AIGC_LABEL_MEMORY_BUDGET", budget)
        .env("MIMALLOC_PURGE_DELAY", "0")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    // Output is a few lines, far below a pipe's buffer: the child never blocks on it.
    while child.try_wait().unwrap().is_none() {
        let hwm = std::fs::read_to_string(&status).ok().and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        peak = peak.max(hwm.unwrap_or(0) * 1024);
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    (peak, child.wait_with_output().unwrap())
}

/// Issue 23, item 6: jobs share one budget of bytes held at once. Four hostile JPEGs on four
/// jobs, with a budget of one file, peak at the memory of checking one file alone (three copies
/// of it at most: the container's, and the SDK's while it reads the store); before the budget,
/// the four jobs held their files at the same time, each four times over.
#[cfg(target_os = "linux")]
#[test]
fn jobs_hold_no_more_input_at_once_than_the_memory_budget() {
    const SIZE: usize = 40 << 20;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("aigc-cli-memory-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<String> = (1..=4)
        .map(|i| dir.join(format!("hostile-{i}.jpg")).display().to_string())
        .collect();
    hostile_jpeg(std::path::Path::new(&files[0]), SIZE);
    for file in &files[1..] {
        std::fs::copy(&files[0], file).unwrap();
    }
    let budget = SIZE.to_string();
    let common = ["check", "--json", "--metadata-only", "--jobs"];
    let (alone, one) = peak_memory(&[&common[..], &["1", &files[0]]].concat(), &budget);
    let paths: Vec<&str> = files.iter().map(String::as_str).collect();
    let (together, four) = peak_memory(&[&common[..], &["4"], &paths[..]].concat(), &budget);
    std::fs::remove_dir_all(&dir).ok();

    for output in [&one, &four] {
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        for line in stdout(output).lines() {
            let report: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(report["evidence"][0]["kind"], "c2pa_manifest", "{line}");
        }
    }
    assert_eq!(stdout(&four).lines().count(), 4);
    let mb = |bytes: u64| bytes >> 20;
    assert!(alone > SIZE as u64, "one file peaked at {} MB", mb(alone));
    assert!(
        together < alone + SIZE as u64,
        "four files on four jobs peaked at {} MB, one alone at {} MB",
        mb(together),
        mb(alone)
    );
}
