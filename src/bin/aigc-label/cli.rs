//! The command line: arguments, the parallel run and progress.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::budget::{self, Budget};
use crate::inputs::{self, Input};
#[cfg(feature = "ocr")]
use crate::models;
use crate::output::{self, Form};
use aigc_label::{
    error_report, verify_source, AudioScan, Options, ReadSeekSource, Report, Verdict,
};

const USAGE: &str = "Usage: aigc-label check [--json | --csv] [--jobs N] [--metadata-only] [--audio-scan ends|full] [--models DIR] [--trust-anchors FILE] PATH...

Verifies AI-content labels (GB 45438 / TC260, C2PA, IPTC, generator traces, text labels) in
each file, with every check the page runs: image pixels are decoded, searched for invisible
watermarks and read for a visible label (\"AI生成\") along their edges, and sound is searched
for the audio prompt (short-long-short-short), unless --metadata-only is given. PATH may be a file, a folder (walked, links not followed) or a quoted glob pattern
('uploads/**/*.jpg'). Text files (.txt, .md, or any UTF-8 input) are verified as text.

Options:
  --json                one JSON report per line (JSON Lines), each with a \"path\" field
  --csv                 a CSV summary: path, format, media, verdict, evidence kinds, summary, errors
  --jobs N              check N files at a time (default: one per CPU core)
  --metadata-only       read metadata only, decode no pixels or sound (faster, for batch runs)
  --audio-scan full     search a whole track for the audio prompt (default \"ends\": the opening
                        and closing 20 s)
  --whole-image         look for visible labels anywhere in an image, not only along its edges
  --models DIR          the OCR models for visible labels (det.onnx, rec.onnx, dict.txt); by
                        default $AIGC_LABEL_MODELS, then models/ beside the binary
  --watermarks          accepted for compatibility; pixel checks are on by default
  --trust-anchors FILE  PEM certificates to trust as C2PA signers, besides the shipped lists
  -h, --help            show this help
  -V, --version         show the version

Reports come in the order of the inputs. On a terminal, progress is shown on stderr.
Exit status: 0 when every input was read, 1 when any input ended in `error`, 2 for bad usage.";

/// Runs the command line; the exit code follows the usage text.
pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("{}", version());
            ExitCode::SUCCESS
        }
        Some("check") => check(args.get(1..).unwrap_or_default()),
        _ => usage_error("expected the command `check`"),
    }
}

fn version() -> String {
    format!("aigc-label {}", env!("CARGO_PKG_VERSION"))
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("aigc-label: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

/// What `check` was asked to do.
struct Request {
    form: Form,
    jobs: usize,
    /// Bytes of input held at once across jobs ([`budget`]).
    budget: u64,
    options: Options,
    models: Option<std::path::PathBuf>,
    paths: Vec<String>,
}

/// The request in `args` (those after `check`), or the exit code to stop with: after help or
/// the version (printed here), or after a usage error.
fn parse(args: &[String]) -> Result<Request, ExitCode> {
    let mut request = Request {
        form: Form::Table,
        jobs: std::thread::available_parallelism().map_or(1, usize::from),
        budget: budget::DEFAULT,
        options: Options::default().with_watermarks(),
        models: None,
        paths: Vec::new(),
    };
    request.options.visible_labels = true;
    request.options.audio_labels = true;
    let mut options_done = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--" if !options_done => options_done = true,
            "-h" | "--help" if !options_done => {
                println!("{USAGE}");
                return Err(ExitCode::SUCCESS);
            }
            "-V" | "--version" if !options_done => {
                println!("{}", version());
                return Err(ExitCode::SUCCESS);
            }
            "--json" if !options_done => request.form = Form::Json,
            "--csv" if !options_done => request.form = Form::Csv,
            "--metadata-only" if !options_done => {
                request.options.watermarks = false;
                request.options.visible_labels = false;
                request.options.audio_labels = false;
            }
            "--audio-scan" if !options_done => {
                request.options.audio_scan = match args.next().map(String::as_str) {
                    Some("ends") => AudioScan::Ends,
                    Some("full") => AudioScan::Full,
                    _ => return Err(usage_error("--audio-scan needs \"ends\" or \"full\"")),
                }
            }
            "--whole-image" if !options_done => request.options.whole_image = true,
            "--models" if !options_done => {
                let Some(dir) = args.next() else {
                    return Err(usage_error("--models needs a DIR"));
                };
                request.models = Some(dir.into());
            }
            // The default since pixel checks became part of every check; kept for scripts.
            "--watermarks" if !options_done => {}
            "--jobs" if !options_done => {
                request.jobs = match args.next().and_then(|n| n.parse::<usize>().ok()) {
                    Some(n) if (1..=1024).contains(&n) => n,
                    _ => return Err(usage_error("--jobs needs a number from 1 to 1024")),
                }
            }
            "--trust-anchors" if !options_done => {
                let Some(file) = args.next() else {
                    return Err(usage_error("--trust-anchors needs a FILE"));
                };
                match read_trust_anchors(Path::new(file)) {
                    Ok(pem) => request.options.trust_anchors = Some(pem),
                    Err(message) => return Err(usage_error(&message)),
                }
            }
            flag if flag.starts_with('-') && flag.len() > 1 && !options_done => {
                return Err(usage_error(&format!("unknown option {flag}")))
            }
            path => request.paths.push(path.to_string()),
        }
    }
    if request.paths.is_empty() {
        return Err(usage_error("no PATH given"));
    }
    request.budget = budget::from_env().map_err(|message| usage_error(&message))?;
    if request.options.visible_labels {
        load_models(&mut request)?;
    }
    Ok(request)
}

/// Loads the OCR models for the visible-label check; without them the other checks still run.
#[cfg(feature = "ocr")]
fn load_models(request: &mut Request) -> Result<(), ExitCode> {
    match models::load(request.models.as_deref()) {
        Ok(engine) => request.options.text_reader = Some(engine),
        Err(message) if request.models.is_some() => return Err(usage_error(&message)),
        Err(message) => {
            eprintln!("aigc-label: visible labels are not checked: {message}");
            request.options.visible_labels = false;
        }
    }
    Ok(())
}

/// This build (lite) has no OCR.
#[cfg(not(feature = "ocr"))]
fn load_models(request: &mut Request) -> Result<(), ExitCode> {
    if request.models.is_some() {
        return Err(usage_error(
            "this build has no visible-label check (built without `ocr`)",
        ));
    }
    request.options.visible_labels = false;
    Ok(())
}

fn check(args: &[String]) -> ExitCode {
    let request = match parse(args) {
        Ok(request) => request,
        Err(code) => return code,
    };
    let files = inputs::expand(&request.paths);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(header) = output::header(request.form) {
        let _ = writeln!(out, "{header}");
    }
    let any_error = run(&files, &request, &mut out);
    if any_error {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks `files` on `request.jobs` threads, within `request.budget` bytes held at once, and
/// prints each report, in input order, as soon as the ones before it are printed. Returns
/// whether any input ended in `error`.
fn run(files: &[Input], request: &Request, out: &mut impl Write) -> bool {
    let budget = Budget::new(request.budget);
    let budget = &budget;
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, String, bool)>();
    let mut any_error = false;
    std::thread::scope(|scope| {
        for _ in 0..request.jobs.min(files.len()).max(1) {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = files.get(index) else { break };
                let report = match input {
                    Input::File(path) => check_path(path, &request.options, budget),
                    Input::Skipped(path, reason) => {
                        let message = format!("Not checked: {} is {reason}", path.display());
                        error_report("unknown", &message, "未检查：不是可读取的普通文件。")
                    }
                };
                let shown = input.path().to_string_lossy();
                let line = output::line(request.form, &shown, &report);
                if sender
                    .send((index, line, report.verdict == Verdict::Error))
                    .is_err()
                {
                    break;
                }
            });
        }
        drop(sender);
        let mut progress = Progress::new(files.len());
        let mut waiting = std::collections::BTreeMap::new();
        let mut printed = 0;
        for (index, line, error) in receiver {
            any_error |= error;
            waiting.insert(index, line);
            while let Some(line) = waiting.remove(&printed) {
                progress.clear();
                if writeln!(out, "{line}").is_err() {
                    // stdout closed (e.g. piped into `head`): stop handing out work.
                    next.store(files.len(), Ordering::Relaxed);
                    return;
                }
                printed += 1;
            }
            progress.show(printed);
        }
        progress.clear();
    });
    any_error
}

/// "checked N of M files" on stderr, when stderr is a terminal and there is more than one file.
struct Progress {
    total: usize,
    enabled: bool,
    shown: bool,
    last: Instant,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress {
            total,
            enabled: total > 1 && std::io::stderr().is_terminal(),
            shown: false,
            last: Instant::now(),
        }
    }

    fn show(&mut self, done: usize) {
        if self.enabled && self.last.elapsed() > Duration::from_millis(200) {
            eprint!("\r[aigc-label] checked {done} of {} files", self.total);
            self.shown = true;
            self.last = Instant::now();
        }
    }

    fn clear(&mut self) {
        if self.shown {
            eprint!("\r\x1b[K");
            self.shown = false;
        }
    }
}

/// Verifies one file by seeking: video and audio containers are never read whole. A file that
/// may be read whole first waits for its size in `budget`, measured on the open file.
fn check_path(path: &Path, options: &Options, budget: &Budget) -> Report {
    let source = std::fs::File::open(path).and_then(|file| {
        if file.metadata()?.is_dir() {
            return Err(std::io::Error::other("it is a directory"));
        }
        ReadSeekSource::new(file)
    });
    match source {
        Ok(source) => {
            let _held = budget.acquire(crate::budget::charge(aigc_label::Source::len(&source)));
            verify_source(&source, options)
        }
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
