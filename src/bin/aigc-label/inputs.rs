//! Turns the PATH arguments into the list of inputs: files as given, folders walked, and glob
//! patterns the shell did not expand (`'uploads/**/*.jpg'`). Links are never followed by a walk
//! or a glob (two links to `.` would make the tree endless), only regular files are opened (a
//! FIFO would block forever), and everything passed over is reported in its place.

use std::path::{Path, PathBuf};

/// Folders are walked at most this deep.
const MAX_DEPTH: usize = 64;

/// One row of the output: a file to check, or an entry passed over and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A regular file (or an argument that could not be read, checked as given so that its
    /// error is reported in its place).
    File(PathBuf),
    /// An entry that is not checked, with the reason.
    Skipped(PathBuf, String),
}

impl Input {
    /// The path the row names.
    pub fn path(&self) -> &Path {
        match self {
            Input::File(path) | Input::Skipped(path, _) => path,
        }
    }
}

/// The inputs named by `arguments`, in order; a folder's or a glob's in path order.
pub fn expand(arguments: &[String]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for argument in arguments {
        let path = Path::new(argument);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, None, &mut inputs),
            Ok(meta) if !meta.is_file() => inputs.push(Input::Skipped(
                path.to_path_buf(),
                "not a regular file (a FIFO, socket or device); not opened".to_string(),
            )),
            Err(_) if is_glob(argument) => expand_glob(argument, &mut inputs),
            _ => inputs.push(Input::File(path.to_path_buf())),
        }
    }
    inputs
}

fn is_glob(argument: &str) -> bool {
    argument.contains(['*', '?', '['])
}

/// Matches a pattern by walking the folder before its first wildcard, links not followed.
fn expand_glob(pattern_text: &str, inputs: &mut Vec<Input>) {
    let Ok(pattern) = glob::Pattern::new(pattern_text) else {
        inputs.push(Input::Skipped(
            PathBuf::from(pattern_text),
            "not a valid glob pattern".to_string(),
        ));
        return;
    };
    let base = literal_base(pattern_text);
    let before = inputs.len();
    if base.is_dir() {
        walk(&base, Some(&pattern), inputs);
    }
    if inputs.len() == before {
        // Reported as unreadable, in its place.
        inputs.push(Input::File(PathBuf::from(pattern_text)));
    }
}

/// The folders of `pattern` before the first component with a wildcard ("." if none).
fn literal_base(pattern: &str) -> PathBuf {
    let mut base = PathBuf::new();
    for component in Path::new(pattern).components() {
        if is_glob(&component.as_os_str().to_string_lossy()) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    }
}

/// Every regular file below `folder` (matching `pattern`, when given), sorted by path; links,
/// FIFOs, sockets and devices, unreadable entries and entries deeper than [`MAX_DEPTH`] are
/// reported as skipped in their place.
fn walk(folder: &Path, pattern: Option<&glob::Pattern>, inputs: &mut Vec<Input>) {
    let options = glob::MatchOptions {
        require_literal_separator: true,
        ..glob::MatchOptions::new()
    };
    let matches = |path: &Path| {
        pattern.is_none_or(|p| {
            // A pattern given as "./x/*" names paths as the walk spells them.
            let relative = path.strip_prefix(".").unwrap_or(path);
            p.matches_path_with(path, options) || p.matches_path_with(relative, options)
        })
    };
    let mut found = Vec::new();
    // Folders a pattern names ('uploads/2026-*') are taken whole.
    let mut matched_folders: Vec<PathBuf> = Vec::new();
    let walker = walkdir::WalkDir::new(folder)
        .follow_links(false)
        .max_depth(MAX_DEPTH + 1)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| folder.to_path_buf(), Path::to_path_buf);
                found.push(Input::Skipped(path, format!("unreadable ({err})")));
                continue;
            }
        };
        let path = entry.path();
        let kind = entry.file_type();
        // The walk is depth first, so the matched folders around `path` form a stack.
        while matched_folders.last().is_some_and(|f| !path.starts_with(f)) {
            matched_folders.pop();
        }
        let wanted = !matched_folders.is_empty() || matches(path);
        if !wanted {
            continue;
        }
        if entry.depth() > MAX_DEPTH {
            found.push(Input::Skipped(
                path.to_path_buf(),
                format!("more than {MAX_DEPTH} folders deep; not walked"),
            ));
            continue;
        }
        if kind.is_dir() {
            if pattern.is_some() && entry.depth() > 0 {
                matched_folders.push(path.to_path_buf());
            }
            continue;
        }
        found.push(if kind.is_file() {
            Input::File(path.to_path_buf())
        } else if kind.is_symlink() {
            Input::Skipped(
                path.to_path_buf(),
                "a symbolic link; not followed".to_string(),
            )
        } else {
            Input::Skipped(
                path.to_path_buf(),
                "not a regular file (a FIFO, socket or device); not opened".to_string(),
            )
        });
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    inputs.extend(found);
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]

    use super::*;
    use std::collections::BTreeSet;
    use std::sync::mpsc;
    use std::time::Duration;

    /// A small deterministic generator (xorshift64*), so that failures replay.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// What a random tree holds: the regular files a walk must list, and the entries it must
    /// report as skipped.
    #[derive(Default)]
    struct Tree {
        files: BTreeSet<PathBuf>,
        skipped: BTreeSet<PathBuf>,
    }

    fn mkfifo(path: &Path) -> bool {
        std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Builds a random tree under `root`: folders, files, links to ancestors and to files
    /// (cycles), FIFOs, and sometimes a chain deeper than MAX_DEPTH.
    fn random_tree(root: &Path, random: &mut Random) -> Tree {
        let mut tree = Tree::default();
        let mut folders = vec![root.to_path_buf()];
        for index in 0..(10 + random.below(30)) {
            let parent = folders[random.below(folders.len() as u64) as usize].clone();
            let path = parent.join(format!("e{index}"));
            match random.below(6) {
                0 | 1 => {
                    std::fs::create_dir(&path).unwrap();
                    folders.push(path);
                }
                2 | 3 => {
                    std::fs::write(&path, b"text").unwrap();
                    tree.files.insert(path);
                }
                4 => {
                    let target = &folders[random.below(folders.len() as u64) as usize];
                    std::os::unix::fs::symlink(target, &path).unwrap();
                    tree.skipped.insert(path);
                }
                _ => {
                    if mkfifo(&path) {
                        tree.skipped.insert(path);
                    }
                }
            }
        }
        if random.below(3) == 0 {
            let mut deep = root.join("deep");
            for _ in 0..MAX_DEPTH + 5 {
                deep = deep.join("d");
            }
            std::fs::create_dir_all(&deep).unwrap();
            std::fs::write(deep.join("buried.txt"), b"x").unwrap();
            // The first folder past the limit is reported; nothing below it is listed.
            let mut limit = root.join("deep");
            for _ in 0..MAX_DEPTH {
                limit = limit.join("d");
            }
            tree.skipped.insert(limit);
        }
        tree
    }

    /// `expand` with a time limit: a walk that follows a cycle or opens a FIFO never returns.
    fn expand_within(arguments: Vec<String>, seconds: u64) -> Vec<Input> {
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || sender.send(expand(&arguments)));
        receiver
            .recv_timeout(Duration::from_secs(seconds))
            .expect("expand did not finish: a cycle was followed or a FIFO opened")
    }

    #[test]
    fn random_trees_with_links_fifos_and_deep_nesting() {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        let base = std::env::temp_dir().join(format!("aigc-inputs-{}", std::process::id()));
        let (mut links, mut fifos, mut deep) = (0, 0, 0);
        for case in 0..40 {
            let root = base.join(format!("t{case}"));
            std::fs::create_dir_all(&root).unwrap();
            let tree = random_tree(&root, &mut random);
            for path in &tree.skipped {
                let kind = std::fs::symlink_metadata(path).unwrap().file_type();
                links += usize::from(kind.is_symlink());
                fifos += usize::from(!kind.is_symlink() && !kind.is_dir());
                deep += usize::from(kind.is_dir());
            }
            // The folder walk and the recursive glob name the same rows.
            for argument in [
                root.to_string_lossy().to_string(),
                format!("{}/**/*", root.display()),
            ] {
                let inputs = expand_within(vec![argument.clone()], 20);
                let files: BTreeSet<PathBuf> = inputs
                    .iter()
                    .filter_map(|i| match i {
                        Input::File(p) => Some(p.clone()),
                        Input::Skipped(..) => None,
                    })
                    .collect();
                let skipped: BTreeSet<PathBuf> = inputs
                    .iter()
                    .filter_map(|i| match i {
                        Input::Skipped(p, _) => Some(p.clone()),
                        Input::File(_) => None,
                    })
                    .collect();
                assert_eq!(files, tree.files, "case {case}, {argument}: files");
                assert_eq!(skipped, tree.skipped, "case {case}, {argument}: skipped");
                assert_eq!(files.len() + skipped.len(), inputs.len(), "listed twice");
                let paths: Vec<&Path> = inputs.iter().map(Input::path).collect();
                assert!(
                    paths.windows(2).all(|w| w[0] < w[1]),
                    "case {case}: not in path order"
                );
            }
        }
        std::fs::remove_dir_all(&base).ok();
        // The trees did hold what the walk must not follow or open.
        assert!(
            links > 20 && fifos > 20 && deep > 5,
            "{links} links, {fifos} FIFOs, {deep} deep"
        );
    }

    #[test]
    fn a_fifo_given_by_name_is_skipped_not_opened() {
        let dir = std::env::temp_dir().join(format!("aigc-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("pipe");
        if !mkfifo(&fifo) {
            return; // no mkfifo on this system
        }
        let inputs = expand_within(vec![fifo.to_string_lossy().to_string()], 5);
        assert!(
            matches!(&inputs[..], [Input::Skipped(p, why)] if *p == fifo && why.contains("FIFO"))
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn glob_patterns_match_below_their_literal_folder() {
        assert_eq!(
            literal_base("uploads/2026-*/**/*.jpg"),
            PathBuf::from("uploads")
        );
        assert_eq!(literal_base("*.png"), PathBuf::from("."));
        let dir = std::env::temp_dir().join(format!("aigc-glob-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("a/b")).unwrap();
        for name in ["x.jpg", "a/y.jpg", "a/b/z.jpg", "a/b/z.png"] {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        let listed = |pattern: String| -> Vec<PathBuf> {
            expand(&[pattern])
                .into_iter()
                .map(|i| i.path().to_path_buf())
                .collect()
        };
        assert_eq!(
            listed(format!("{}/**/*.jpg", dir.display())),
            [
                dir.join("a/b/z.jpg"),
                dir.join("a/y.jpg"),
                dir.join("x.jpg")
            ]
        );
        assert_eq!(
            listed(format!("{}/*.jpg", dir.display())),
            [dir.join("x.jpg")]
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
