//! Pending goldens, as insta's `.snap.new`: a comparison that fails writes the new log beside
//! the golden (`golden/<id>.sql.new`, one file per spec, so parallel jobs never share one);
//! `review`, `accept` and `reject` settle them. Whether a run writes them follows
//! `PGSCENARIO_UPDATE` (as `INSTA_UPDATE`) and the `CI` variable.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::store::{write_golden, GoldenError};

/// What a run writes when a log differs from its golden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdatePolicy {
    /// Nothing (CI, `PGSCENARIO_UPDATE=no`, `run --check`).
    No,
    /// A pending golden beside the real one (the default off CI).
    New,
    /// The golden itself, as `bless` does.
    Always,
}

impl UpdatePolicy {
    /// `PGSCENARIO_UPDATE` (`auto`, the default: `new`, or `no` on CI), given the `CI`
    /// variable.
    pub fn from_env(update: Option<&str>, ci: Option<&str>) -> Result<UpdatePolicy, String> {
        let on_ci = is_ci(ci);
        match update.map(str::trim) {
            None | Some("") | Some("auto") => Ok(if on_ci {
                UpdatePolicy::No
            } else {
                UpdatePolicy::New
            }),
            Some("new") => Ok(UpdatePolicy::New),
            Some("always") => Ok(UpdatePolicy::Always),
            Some("no") => Ok(UpdatePolicy::No),
            Some(other) => Err(format!(
                "PGSCENARIO_UPDATE is `{other}`; it is one of auto, new, always, no"
            )),
        }
    }
}

/// The `CI` variable says so (any value but empty, `0` or `false`), as CI services set it.
pub fn is_ci(ci: Option<&str>) -> bool {
    ci.is_some_and(|v| !matches!(v.trim().to_ascii_lowercase().as_str(), "" | "0" | "false"))
}

/// The pending golden of a golden file.
pub fn pending_path(golden: &Path) -> PathBuf {
    let mut name = golden.as_os_str().to_owned();
    name.push(".new");
    PathBuf::from(name)
}

/// Writes the new log beside the golden (atomically, as goldens are written).
pub fn write_pending(golden: &Path, text: &str) -> Result<PathBuf, GoldenError> {
    let path = pending_path(golden);
    write_golden(&path, text)?;
    Ok(path)
}

/// Removes a pending golden the log matches again; quiet when there is none.
pub fn clear_pending(golden: &Path) {
    let _ = std::fs::remove_file(pending_path(golden));
}

/// A pending golden on disk: its spec id, the golden and the pending file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: String,
    pub golden: PathBuf,
    pub pending: PathBuf,
}

/// Every pending golden under the golden root, by spec id.
pub fn pending_goldens(golden_root: &Path) -> Vec<Pending> {
    let mut found: Vec<Pending> = WalkDir::new(golden_root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let pending = e.into_path();
            let golden = pending.to_str()?.strip_suffix(".new")?.to_string();
            let golden = PathBuf::from(golden);
            let rel = golden.strip_prefix(golden_root).ok()?;
            let id = rel.to_str()?.strip_suffix(".sql")?.replace('\\', "/");
            Some(Pending {
                id,
                golden,
                pending,
            })
        })
        .collect();
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found
}

/// Makes the pending golden the golden (a rename: atomic on one file system).
pub fn accept(pending: &Pending) -> Result<(), String> {
    std::fs::rename(&pending.pending, &pending.golden)
        .map_err(|e| format!("cannot accept {}: {e}", pending.pending.display()))
}

/// Drops the pending golden.
pub fn reject(pending: &Pending) -> Result<(), String> {
    std::fs::remove_file(&pending.pending)
        .map_err(|e| format!("cannot reject {}: {e}", pending.pending.display()))
}

/// Removes the directories under `root` that are empty (after goldens were pruned), deepest
/// first; `root` itself stays.
pub fn remove_empty_dirs(root: &Path) {
    let mut dirs: Vec<PathBuf> = WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        // Fails, as it should, on a directory that is not empty.
        let _ = std::fs::remove_dir(&dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_follows_the_variables_as_insta_does() {
        assert_eq!(UpdatePolicy::from_env(None, None), Ok(UpdatePolicy::New));
        assert_eq!(
            UpdatePolicy::from_env(None, Some("true")),
            Ok(UpdatePolicy::No)
        );
        assert_eq!(
            UpdatePolicy::from_env(Some("auto"), Some("false")),
            Ok(UpdatePolicy::New)
        );
        assert_eq!(
            UpdatePolicy::from_env(Some("new"), Some("1")),
            Ok(UpdatePolicy::New)
        );
        assert_eq!(
            UpdatePolicy::from_env(Some("always"), None),
            Ok(UpdatePolicy::Always)
        );
        assert_eq!(
            UpdatePolicy::from_env(Some("no"), None),
            Ok(UpdatePolicy::No)
        );
        assert!(UpdatePolicy::from_env(Some("yes"), None).is_err());
    }

    #[test]
    fn finds_accepts_and_rejects_pending_goldens() {
        let dir = tempfile::tempdir().unwrap();
        let golden = dir.path().join("orm/a.sql");
        write_pending(&golden, "new\n").unwrap();
        write_pending(&dir.path().join("b.sql"), "b\n").unwrap();
        let found = pending_goldens(dir.path());
        assert_eq!(
            found.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
            ["b", "orm/a"]
        );
        accept(&found[1]).unwrap();
        assert_eq!(std::fs::read_to_string(&golden).unwrap(), "new\n");
        reject(&found[0]).unwrap();
        assert!(pending_goldens(dir.path()).is_empty());
    }
}
