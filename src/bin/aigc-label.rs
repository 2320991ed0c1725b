//! `aigc-label check [--json] [--watermarks] [--trust-anchors FILE] PATH...`: verifies files natively with the same core as the page.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use aigc_label::{error_report, verify_source, Options, ReadSeekSource, Report, Verdict};

const USAGE: &str = "Usage: aigc-label check [--json] [--watermarks] [--trust-anchors FILE] PATH...

Verifies AI-content labels (GB 45438 / TC260, C2PA, IPTC, generator traces) in each file.
Text files (.txt, .md, or any UTF-8 input) are verified as text.

Options:
  --json                one JSON report per line (JSON Lines), each with a \"path\" field
  --watermarks          also decode image pixels and look for invisible watermarks
  --trust-anchors FILE  PEM certificates to trust as C2PA signers, besides the shipped lists
  -h, --help            show this help
  -V, --version         show the version

Exit status: 0 when every input was read, 1 when any input ended in `error`, 2 for bad usage.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("aigc-label {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("check") => check(args.get(1..).unwrap_or_default()),
        _ => usage_error("expected the command `check`"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("aigc-label: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn check(args: &[String]) -> ExitCode {
    let mut json = false;
    let mut options = Options::default();
    let mut paths = Vec::new();
    let mut options_done = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--" if !options_done => options_done = true,
            "--json" if !options_done => json = true,
            "--watermarks" if !options_done => options.watermarks = true,
            "--trust-anchors" if !options_done => {
                let Some(file) = args.next() else {
                    return usage_error("--trust-anchors needs a FILE");
                };
                match read_trust_anchors(Path::new(file)) {
                    Ok(pem) => options.trust_anchors = Some(pem),
                    Err(message) => return usage_error(&message),
                }
            }
            flag if flag.starts_with('-') && flag.len() > 1 && !options_done => {
                return usage_error(&format!("unknown option {flag}"))
            }
            path => paths.push(path.to_string()),
        }
    }
    if paths.is_empty() {
        return usage_error("no PATH given");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut any_error = false;
    if !json {
        let _ = writeln!(
            out,
            "{:<40} {:<8} {:<14} SUMMARY",
            "PATH", "FORMAT", "VERDICT"
        );
    }
    for path in &paths {
        let report = check_path(Path::new(path), &options);
        any_error |= report.verdict == Verdict::Error;
        let line = if json {
            json_line(path, &report)
        } else {
            table_row(path, &report)
        };
        if writeln!(out, "{line}").is_err() {
            break; // stdout closed (e.g. piped into `head`)
        }
    }
    if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Verifies one file by seeking: video and audio containers are never read whole.
fn check_path(path: &Path, options: &Options) -> Report {
    let source = std::fs::File::open(path).and_then(|file| {
        if file.metadata()?.is_dir() {
            return Err(std::io::Error::other("it is a directory"));
        }
        ReadSeekSource::new(file)
    });
    match source {
        Ok(source) => verify_source(&source, options),
        Err(err) => {
            let message = format!("Cannot read {}: {err}", path.display());
            error_report("unknown", &message, "无法读取该文件。")
        }
    }
}

/// Reads a PEM file of trust anchors; refuses anything without a certificate in it.
fn read_trust_anchors(path: &Path) -> Result<String, String> {
    const MAX_PEM: u64 = 16 * 1024 * 1024;
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read trust anchors {}: {e}", path.display()))?;
    let mut pem = String::new();
    std::io::Read::read_to_string(&mut std::io::Read::take(file, MAX_PEM), &mut pem)
        .map_err(|e| format!("trust anchors {} are not PEM text: {e}", path.display()))?;
    if !pem.contains("-----BEGIN CERTIFICATE-----") {
        return Err(format!(
            "trust anchors {} hold no PEM certificate",
            path.display()
        ));
    }
    Ok(pem)
}

fn json_line(path: &str, report: &Report) -> String {
    let mut value = serde_json::to_value(report).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "path".to_string(),
            serde_json::Value::String(path.to_string()),
        );
    }
    value.to_string()
}

/// Text from a file, made safe for a terminal: control characters (which could carry escape
/// sequences) and bidirectional overrides (which could reorder what is shown) are escaped.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
                format!("\\u{{{:04X}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn table_row(path: &str, report: &Report) -> String {
    let shown_path = if path.chars().count() > 40 {
        let tail: String = path
            .chars()
            .rev()
            .take(39)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("…{tail}")
    } else {
        path.to_string()
    };
    let mut row = format!(
        "{:<40} {:<8} {:<14} {}",
        printable(&shown_path),
        report.format,
        report.verdict.as_str(),
        printable(&report.summary.en)
    );
    for error in &report.errors {
        row.push_str(&format!("\n{:<40}   ! {}", "", printable(error)));
    }
    row
}
