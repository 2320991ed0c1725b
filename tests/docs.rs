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

/// Every `src/…` path ARCHITECTURE.md names exists, and every file under src/ is named there,
/// so its module table matches the code. `src/a/x.rs`, `y.rs` in one cell name siblings.
#[test]
fn architecture_names_every_module_and_only_existing_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap_or_default();
    let mut named = Vec::new();
    for line in doc.lines() {
        let mut folder = String::new();
        for (index, piece) in line.split('`').enumerate() {
            if index % 2 == 0 {
                continue;
            }
            if piece.contains('<') {
                continue;
            }
            if piece.starts_with("src/") && piece.ends_with(".rs") {
                folder = piece
                    .rsplit_once('/')
                    .map(|(f, _)| f.to_string())
                    .unwrap_or_default();
                named.push(piece.to_string());
            } else if piece.ends_with(".rs") && !piece.contains('/') && !folder.is_empty() {
                named.push(format!("{folder}/{piece}"));
            }
        }
    }
    let missing: Vec<&String> = named.iter().filter(|p| !root.join(p).is_file()).collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names files that do not exist: {missing:?}"
    );
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let unnamed: Vec<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix(root).ok())
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .filter(|f| f.ends_with(".rs") && !named.contains(f))
        .collect();
    assert!(
        unnamed.is_empty(),
        "ARCHITECTURE.md does not name: {unnamed:?}"
    );
}

/// Every family registered in FAMILIES appears in ARCHITECTURE.md's module table.
#[test]
fn architecture_lists_every_registered_family() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap_or_default();
    let registry = std::fs::read_to_string(root.join("src/labels/mod.rs")).unwrap_or_default();
    let start = registry.find("pub static FAMILIES").unwrap_or(0);
    let end = registry[start..].find("];").map_or(start, |e| start + e);
    let families: Vec<&str> = registry[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('&')?.split("::").next())
        .collect();
    assert!(families.len() >= 7, "found {families:?}");
    for family in families {
        assert!(
            doc.contains(&format!("`src/labels/{family}.rs`"))
                || doc.contains(&format!("`src/labels/{family}/mod.rs`")),
            "ARCHITECTURE.md does not list the family {family}"
        );
    }
}
