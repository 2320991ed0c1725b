//! Turns the PATH arguments into the list of files to check: files as given, folders walked
//! (without following links), and glob patterns the shell did not expand (`'uploads/**/*.jpg'`).

use std::path::{Path, PathBuf};

/// Folders are walked at most this deep.
const MAX_DEPTH: usize = 64;

/// One input: a file to check, or an argument that could not be expanded (checked as given,
/// so that its error is reported in its place).
pub fn expand(arguments: &[String]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for argument in arguments {
        let path = Path::new(argument);
        if path.is_dir() {
            walk(path, &mut files);
        } else if !path.exists() && is_glob(argument) {
            let before = files.len();
            if let Ok(paths) = glob::glob(argument) {
                for found in paths.flatten() {
                    if found.is_dir() {
                        walk(&found, &mut files);
                    } else {
                        files.push(found);
                    }
                }
            }
            if files.len() == before {
                files.push(path.to_path_buf()); // reported as unreadable, in its place
            }
        } else {
            files.push(path.to_path_buf());
        }
    }
    files
}

fn is_glob(argument: &str) -> bool {
    argument.contains(['*', '?', '['])
}

/// Every file below `folder`, sorted by path; links are not followed.
fn walk(folder: &Path, files: &mut Vec<PathBuf>) {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(folder)
        .max_depth(MAX_DEPTH)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    found.sort();
    files.extend(found);
}
