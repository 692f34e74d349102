//! Golden files on disk: reading them strictly, writing them atomically, finding stale ones.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A golden file that cannot be compared.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum GoldenError {
    #[error(
        "{path}:{line}: the golden file is not valid UTF-8; re-create it with `pgscenario bless`"
    )]
    NotUtf8 { path: String, line: usize },
    #[error("{path}:{line}: the golden file has CRLF line endings (a checkout with core.autocrlf?); pgscenario writes LF: re-create it with `pgscenario bless`, and mark golden files `eol=lf` in .gitattributes")]
    Crlf { path: String, line: usize },
    #[error("cannot read {path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("cannot write {path}: {message}")]
    Unwritable { path: String, message: String },
}

/// The golden file of a spec.
pub fn golden_path(golden_root: &Path, spec_id: &str) -> PathBuf {
    golden_root.join(format!("{spec_id}.sql"))
}

/// The golden text, `None` when there is no golden file yet.
pub fn read_golden(path: &Path) -> Result<Option<String>, GoldenError> {
    let bytes = match crate::fsread::read_regular(path, crate::fsread::MAX_GOLDEN_BYTES) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(GoldenError::Unreadable {
                path: path.display().to_string(),
                message: err.to_string(),
            })
        }
    };
    let line_of = |offset: usize| bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
    let text = String::from_utf8(bytes.clone()).map_err(|err| GoldenError::NotUtf8 {
        path: path.display().to_string(),
        line: line_of(err.utf8_error().valid_up_to()),
    })?;
    if let Some(offset) = text.find("\r\n") {
        return Err(GoldenError::Crlf {
            path: path.display().to_string(),
            line: line_of(offset),
        });
    }
    Ok(Some(text))
}

/// Writes a golden file atomically: a temporary file in the same directory, then a rename, so
/// an interrupted run never leaves a half-written golden.
pub fn write_golden(path: &Path, text: &str) -> Result<(), GoldenError> {
    let fail = |err: std::io::Error| GoldenError::Unwritable {
        path: path.display().to_string(),
        message: err.to_string(),
    };
    use std::os::unix::fs::PermissionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(fail)?;
    // A new golden gets the mode the umask gives (0666 less the umask, as any editor would
    // write it); a golden that exists keeps its own.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut file = tempfile::Builder::new()
        .prefix(".pgscenario-")
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(fail)?;
    if let Some(permissions) = existing {
        file.as_file().set_permissions(permissions).map_err(fail)?;
    }
    file.write_all(text.as_bytes()).map_err(fail)?;
    file.as_file().sync_all().map_err(fail)?;
    file.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
}

/// Golden files whose spec no longer exists.
pub fn stale_goldens(golden_root: &Path, spec_ids: &HashSet<String>) -> Vec<PathBuf> {
    let mut stale: Vec<PathBuf> = WalkDir::new(golden_root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "sql"))
        .filter(|e| {
            let id = e
                .path()
                .strip_prefix(golden_root)
                .map(|p| p.with_extension("").to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            !spec_ids.contains(&id)
        })
        .map(|e| e.into_path())
        .collect();
    stale.sort();
    stale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_missing_crlf_and_invalid_utf8_goldens_distinctly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.sql");
        assert_eq!(read_golden(&path).unwrap(), None);
        std::fs::write(&path, "SELECT 1;\r\n").unwrap();
        assert!(matches!(
            read_golden(&path),
            Err(GoldenError::Crlf { line: 1, .. })
        ));
        std::fs::write(&path, b"SELECT 1;\n-- \xff\n").unwrap();
        assert!(matches!(
            read_golden(&path),
            Err(GoldenError::NotUtf8 { line: 2, .. })
        ));
    }

    #[test]
    fn writes_atomically_creating_directories() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/er/b.sql");
        write_golden(&path, "SELECT 2;\n").unwrap();
        assert_eq!(read_golden(&path).unwrap().as_deref(), Some("SELECT 2;\n"));
        let leftovers = std::fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn lists_goldens_without_a_spec() {
        let dir = tempfile::tempdir().unwrap();
        write_golden(&dir.path().join("kept.sql"), "").unwrap();
        write_golden(&dir.path().join("sub/gone.sql"), "").unwrap();
        let ids: HashSet<String> = ["kept".to_string()].into();
        assert_eq!(
            stale_goldens(dir.path(), &ids),
            vec![dir.path().join("sub/gone.sql")]
        );
    }
}
