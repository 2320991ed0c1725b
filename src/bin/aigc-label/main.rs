//! `aigc-label check [--json | --csv] [--jobs N] [--metadata-only] [--models DIR] [--trust-anchors FILE] PATH...`:
//! verifies files natively with the same core as the page; folders and globs are expanded and
//! files are checked in parallel, reported in input order.

#[cfg(not(target_arch = "wasm32"))]
mod budget;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod inputs;
#[cfg(all(not(target_arch = "wasm32"), feature = "ocr"))]
mod models;
#[cfg(not(target_arch = "wasm32"))]
mod output;

/// See `Cargo.toml`: image buffers are reused instead of faulted in again for every file.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The CLI is native only (it walks folders and writes files); on wasm32 the binary is empty so
/// that `cargo clippy --target wasm32-unknown-unknown --tests` still builds every target.
#[cfg(target_arch = "wasm32")]
fn main() {}
