//! The dependency rule of ARCHITECTURE.md, checked on the sources: a module imports only
//! modules of lower layers (never the crate root or a higher layer; the front ends of the top
//! layer use the root's public API), and sibling modules never import each other both ways.
//! Test modules are exempt.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may import only modules of a lower layer.
const LAYERS: &[&[&str]] = &[
    &["bytes", "report", "sniff", "source", "xmp"],
    &["container", "pixels", "samples"],
    &["ocr"],
    &["options"],
    &["labels"],
    &["verdict"],
    &["pipeline"],
    &["wasm", "typescript"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under src/: `labels/c2pa/validate.rs` → [labels, c2pa, validate].
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and without its `#[cfg(test)]` module.
fn code(source: &str) -> String {
    let body = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    body.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment after every `prefix::` in `code`, braces expanded
/// (`use crate::{a, b::c}` names a and b).
fn references(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let needle = format!("{prefix}::");
    let mut rest = code;
    while let Some(at) = rest.find(&needle) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + needle.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn no_module_imports_a_higher_layer_or_the_crate_root() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let path = module_path(&src, file);
        let top = match path.first().map(String::as_str) {
            None | Some("lib") | Some("bin") => continue,
            Some(top) => top,
        };
        let Some(own) = layer_of(top) else {
            panic!("src/{top} is in no layer of tests/layers.rs (and ARCHITECTURE.md)");
        };
        // The front ends (the top layer) use the crate root's public API.
        if own == LAYERS.len() - 1 {
            continue;
        }
        let code = code(&std::fs::read_to_string(file).unwrap());
        for target in references(&code, "crate") {
            match layer_of(&target) {
                Some(_) if target == top => {}
                Some(layer) if layer < own => {}
                _ => violations.push(format!("{}: crate::{target}", path.join("::"))),
            }
        }
    }
    assert!(violations.is_empty(), "upward imports: {violations:#?}");
}

#[test]
fn sibling_modules_do_not_import_each_other_in_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // (parent, child) → the siblings it names.
    let mut edges: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut children: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let path = module_path(&src, file);
        if let Some((child, parent)) = path.split_last() {
            children
                .entry(parent.join("::"))
                .or_default()
                .insert(child.clone());
        }
    }
    for file in &files {
        let path = module_path(&src, file);
        let Some((child, parent)) = path.split_last() else {
            continue;
        };
        let parent = parent.join("::");
        let code = code(&std::fs::read_to_string(file).unwrap());
        let mut named = references(&code, "super");
        // `crate::labels::c2pa` from inside labels names the sibling c2pa too.
        let own_prefix = format!("crate::{parent}");
        if !parent.is_empty() {
            named.extend(references(&code, &own_prefix));
        }
        let siblings = &children[&parent];
        let named: BTreeSet<String> = named
            .into_iter()
            .filter(|n| n != child && siblings.contains(n))
            .collect();
        edges.insert((parent, child.clone()), named);
    }
    let mut cycles = Vec::new();
    for ((parent, child), named) in &edges {
        for other in named {
            let back = edges.get(&(parent.clone(), other.clone()));
            if back.is_some_and(|b| b.contains(child)) && child < other {
                cycles.push(format!("{parent}: {child} <-> {other}"));
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that import each other: {cycles:?}"
    );
}

#[test]
fn the_checker_sees_imports() {
    let code = code("use crate::{labels, report::Check};\nuse super::x; // crate::wasm\nlet a = crate::verdict::decide;");
    let names: Vec<String> = references(&code, "crate").into_iter().collect();
    assert_eq!(names, ["labels", "report", "verdict"]);
    assert_eq!(
        references(&code, "super").into_iter().collect::<Vec<_>>(),
        ["x"]
    );
}
