//! Keeps the README's list of check ids complete: every id constant in `src/labels/` must
//! appear in README.md.

use std::path::Path;

#[test]
fn readme_lists_every_check_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap_or_default();
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(root.join("src/labels"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let source = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in source
            .lines()
            .filter(|l| l.trim_start().starts_with("pub const") && l.contains(": &str = \""))
        {
            if let Some(id) = line.split('"').nth(1) {
                ids.push(id.to_string());
            }
        }
    }
    assert!(ids.len() >= 20, "found only {} ids", ids.len());
    let missing: Vec<&String> = ids
        .iter()
        .filter(|id| !readme.contains(&format!("`{id}`")))
        .collect();
    assert!(missing.is_empty(), "README.md does not list: {missing:?}");
}
