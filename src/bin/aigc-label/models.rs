//! Where the CLI finds the OCR models for the visible-label check: `--models DIR`, else
//! `$AIGC_LABEL_MODELS`, else `models/` beside the binary, else the source tree it was built
//! from (so `cargo run` works in a checkout after `scripts/models.sh`). Each place is a folder
//! holding `det.onnx`, `rec.onnx` and `dict.txt`, directly or in `ppocrv6-tiny/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use aigc_label::ocr::{Engine, MAX_MODEL_BYTES};

/// The folders searched, in order, when no `--models` is given.
fn candidates() -> Vec<PathBuf> {
    let mut places = Vec::new();
    if let Some(dir) = std::env::var_os("AIGC_LABEL_MODELS") {
        places.push(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        places.push(dir.join("models"));
    }
    places.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("models"));
    places
}

/// The folder in `dir` (itself or its `ppocrv6-tiny/`) that holds the three files.
fn model_folder(dir: &Path) -> Option<PathBuf> {
    [dir.to_path_buf(), dir.join("ppocrv6-tiny")]
        .into_iter()
        .find(|d| {
            ["det.onnx", "rec.onnx", "dict.txt"]
                .iter()
                .all(|f| d.join(f).is_file())
        })
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    if size > MAX_MODEL_BYTES as u64 {
        return Err(format!(
            "{} is over {MAX_MODEL_BYTES} bytes",
            path.display()
        ));
    }
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Loads the models from `dir`, or from the first default place that has them.
pub fn load(dir: Option<&Path>) -> Result<Arc<Engine>, String> {
    let searched: Vec<PathBuf> = match dir {
        Some(dir) => vec![dir.to_path_buf()],
        None => candidates(),
    };
    let Some(folder) = searched.iter().find_map(|d| model_folder(d)) else {
        let places: Vec<String> = searched.iter().map(|p| p.display().to_string()).collect();
        return Err(format!(
            "the OCR models (det.onnx, rec.onnx, dict.txt) are not in {}; run scripts/models.sh or pass --models DIR",
            places.join(", ")
        ));
    };
    let dictionary = String::from_utf8(read_bounded(&folder.join("dict.txt"))?)
        .map_err(|_| format!("{} is not UTF-8", folder.join("dict.txt").display()))?;
    let engine = Engine::load(
        read_bounded(&folder.join("det.onnx"))?,
        read_bounded(&folder.join("rec.onnx"))?,
        &dictionary,
    )
    .map_err(|e| format!("{}: {e}", folder.display()))?;
    Ok(Arc::new(engine))
}
