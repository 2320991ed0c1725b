//! Keeps docs/checks.md, the list of check ids, complete: every id constant under `src/labels/`
//! must appear in it.

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
fn docs_list_every_check_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = std::fs::read_to_string(root.join("docs/checks.md")).unwrap_or_default();
    let mut files = Vec::new();
    sources(&root.join("src/labels"), &mut files);
    let mut ids = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(file).unwrap_or_default();
        // Check ids are the constants of each family's `pub mod ids { … }`.
        let mut in_ids = false;
        for line in source.lines() {
            if line.trim_start().starts_with("pub mod ids") {
                in_ids = true;
            } else if in_ids && line.trim() == "}" {
                in_ids = false;
            } else if in_ids && line.contains(": &str = \"") {
                if let Some(id) = line.split('"').nth(1) {
                    ids.push(id.to_string());
                }
            }
        }
    }
    assert!(ids.len() >= 26, "found only {} ids", ids.len());
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !listed.contains(&format!("`{id}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/checks.md does not list: {missing:?}"
    );
}
