//! Finding spec files from the paths and globs given on the command line.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A command-line path that names no spec.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("no such spec file or directory: {0}")]
    Missing(String),
    #[error("the pattern `{0}` matches no spec file")]
    NoMatch(String),
    #[error("invalid pattern `{pattern}`: {message}")]
    BadPattern { pattern: String, message: String },
    #[error("cannot read {path}: {message}")]
    Unreadable { path: String, message: String },
}

/// Spec files named by `args` (files, directories, globs), or all under `specs_root` when
/// there are none; sorted and without duplicates. Directories whose name starts with `_` or
/// `.` (fixtures, hidden) are skipped.
pub fn discover(args: &[String], specs_root: &Path) -> Result<Vec<PathBuf>, DiscoverError> {
    let mut files = Vec::new();
    if args.is_empty() {
        if !specs_root.is_dir() {
            return Err(DiscoverError::Missing(specs_root.display().to_string()));
        }
        walk(specs_root, &mut files)?;
    }
    for arg in args {
        if arg.contains(['*', '?', '[']) {
            let paths = glob::glob(arg).map_err(|err| DiscoverError::BadPattern {
                pattern: arg.clone(),
                message: err.msg.to_string(),
            })?;
            let before = files.len();
            for path in paths.flatten() {
                if path.is_dir() {
                    walk(&path, &mut files)?;
                } else if is_spec_file(&path) {
                    files.push(path);
                }
            }
            if files.len() == before {
                return Err(DiscoverError::NoMatch(arg.clone()));
            }
        } else {
            let path = PathBuf::from(arg);
            if path.is_dir() {
                walk(&path, &mut files)?;
            } else if path.exists() {
                // A FIFO or device named here is refused when it is read, with its kind.
                files.push(path);
            } else {
                return Err(DiscoverError::Missing(arg.clone()));
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), DiscoverError> {
    let entries = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !is_hidden_or_fixture(e.file_name().to_string_lossy().as_ref())
        });
    for entry in entries {
        let entry = entry.map_err(|err| DiscoverError::Unreadable {
            path: err
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            message: err.to_string(),
        })?;
        if entry.file_type().is_file() && is_spec_file(entry.path()) {
            files.push(entry.into_path());
        }
    }
    Ok(())
}

fn is_hidden_or_fixture(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

fn is_spec_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "a.yaml",
            "sub/b.yml",
            "_fixtures/f.yaml",
            ".hidden/c.yaml",
            "notes.txt",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "steps: []").unwrap();
        }
        dir
    }

    #[test]
    fn walks_the_root_skipping_fixtures_and_hidden_dirs() {
        let dir = tree();
        let found = discover(&[], dir.path()).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            vec![PathBuf::from("a.yaml"), PathBuf::from("sub/b.yml")]
        );
    }

    #[test]
    fn globs_and_missing_paths() {
        let dir = tree();
        let pattern = format!("{}/sub/*.yml", dir.path().display());
        assert_eq!(discover(&[pattern], dir.path()).unwrap().len(), 1);
        let missing = format!("{}/nope.yaml", dir.path().display());
        assert!(matches!(
            discover(&[missing], dir.path()),
            Err(DiscoverError::Missing(_))
        ));
        let none = format!("{}/*.json", dir.path().display());
        assert!(matches!(
            discover(&[none], dir.path()),
            Err(DiscoverError::NoMatch(_))
        ));
    }
}
