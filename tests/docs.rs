//! Keeps the README's list of check ids complete: every id constant under `src/labels/`
//! must appear in README.md.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn readme_lists_every_check_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    let mut files = Vec::new();
    sources(&root.join("src/labels"), &mut files);
    let mut ids = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        for line in source
            .lines()
            .filter(|l| l.trim_start().starts_with("pub const") && l.contains(": &str = \""))
        {
            if let Some(id) = line.split('"').nth(1) {
                ids.push(id.to_string());
            }
        }
    }
    assert!(ids.len() >= 26, "found only {} ids", ids.len());
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !readme.contains(&format!("`{id}`")))
        .collect();
    assert!(missing.is_empty(), "README.md does not list: {missing:?}");
}
