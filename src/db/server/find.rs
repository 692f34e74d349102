//! Locating the PostgreSQL server binaries (PG_BIN, pg_config, PATH, well-known install
//! directories) and reading their version.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::process::{pg_command, run};
use super::ServerError;

const BINARIES: [&str; 3] = ["initdb", "pg_ctl", "postgres"];

/// Directory that holds initdb, pg_ctl and postgres.
pub fn find_pg_bin() -> Result<PathBuf, ServerError> {
    let env = std::env::var_os;
    search_bin_dirs(env("PG_BIN").as_deref(), env("PATH").as_deref())
}

fn search_bin_dirs(pg_bin: Option<&OsStr>, path: Option<&OsStr>) -> Result<PathBuf, ServerError> {
    if let Some(dir) = pg_bin.filter(|d| !d.is_empty()) {
        // An explicit PG_BIN is authoritative: falling back would hide a typo behind other binaries.
        return usable_bin_dir(Path::new(dir)).ok_or(ServerError::NoBinaries);
    }
    let path_dirs: Vec<PathBuf> = path
        .map(|p| std::env::split_paths(p).collect())
        .unwrap_or_default();
    let pg_config = path_dirs
        .iter()
        .map(|d| d.join("pg_config"))
        .find(|p| p.is_file());
    let bindir = |exe| {
        Command::new(exe)
            .arg("--bindir")
            .stderr(Stdio::null())
            .output()
            .ok()
    };
    let configured = pg_config
        .and_then(bindir)
        .filter(|out| out.status.success());
    let configured =
        configured.map(|out| PathBuf::from(OsStr::from_bytes(out.stdout.trim_ascii_end())));
    let brew = |parent: &str| versioned_dirs(Path::new(parent), "postgresql@");
    let fixed = ["/opt/homebrew/bin", "/usr/local/bin"].map(PathBuf::from);
    let candidates = configured.into_iter().chain(path_dirs);
    let candidates = candidates.chain(versioned_dirs(Path::new("/usr/lib/postgresql"), ""));
    let candidates = candidates
        .chain(brew("/opt/homebrew/opt"))
        .chain(brew("/usr/local/opt"));
    let found = candidates.chain(fixed).find_map(|dir| usable_bin_dir(&dir));
    found.ok_or(ServerError::NoBinaries)
}

fn usable_bin_dir(dir: &Path) -> Option<PathBuf> {
    let complete = |d: &Path| BINARIES.iter().all(|b| d.join(b).is_file());
    // Follow a symlinked initdb (/usr/local/bin -> /usr/lib/postgresql/15/bin) so the template
    // hash names the real installation.
    let real = fs::canonicalize(dir.join("initdb")).ok()?;
    match real.parent() {
        Some(real) if complete(real) => Some(real.to_path_buf()),
        _ if complete(dir) => std::path::absolute(dir).ok(),
        _ => None,
    }
}

/// `<parent>/<prefix><version>/bin`, newest version first (numerically: 16 > 9.6).
fn versioned_dirs(parent: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<(Vec<u32>, PathBuf)> = fs::read_dir(parent)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = name
                .strip_prefix(prefix)?
                .split('.')
                .map(|n| n.parse().ok());
            Some((version.collect::<Option<_>>()?, entry.path().join("bin")))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found.into_iter().map(|(_, dir)| dir).collect()
}

pub(super) fn server_version(bin: &Path) -> Result<(u32, String), ServerError> {
    let mut cmd = pg_command(bin, "postgres", None);
    cmd.arg("--version");
    parse_version(&String::from_utf8_lossy(&run(cmd)?.stdout))
}

/// `postgres (PostgreSQL) 15.13 (Debian ...)` -> (15, "15"); before 10 the major was "9.6".
fn parse_version(text: &str) -> Result<(u32, String), ServerError> {
    let err = || ServerError::Version(text.trim().to_string());
    let version = text
        .split(')')
        .nth(1)
        .and_then(|v| v.split_whitespace().next());
    let digits = |p: &str| {
        p.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
    };
    let mut parts = version.ok_or_else(err)?.split('.').map(digits);
    let major: u32 = parts.next().and_then(|n| n.parse().ok()).ok_or_else(err)?;
    if major >= 10 {
        return Ok((major, major.to_string()));
    }
    let minor = parts.next().filter(|n| !n.is_empty()).ok_or_else(err)?;
    Ok((major, format!("{major}.{minor}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_real_binaries() {
        let dir = find_pg_bin().expect("PostgreSQL is installed");
        assert!(["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|b| dir.join(b).is_file()));
    }

    #[test]
    fn pg_bin_without_binaries_is_no_binaries() {
        let empty = tempfile::tempdir().expect("tempdir");
        let err = search_bin_dirs(Some(empty.path().as_os_str()), None).expect_err("empty PG_BIN");
        assert!(matches!(err, ServerError::NoBinaries));
        let msg = err.to_string();
        assert!(!msg.contains('\n') && msg.contains("PG_BIN") && msg.contains("DATABASE_URL"));
    }

    #[test]
    fn symlinks_on_path_resolve_to_the_real_install() {
        let real = find_pg_bin().expect("PostgreSQL is installed");
        let links = tempfile::tempdir().expect("tempdir");
        for bin in ["initdb", "pg_ctl", "postgres"] {
            std::os::unix::fs::symlink(real.join(bin), links.path().join(bin)).expect("symlink");
        }
        let found = search_bin_dirs(None, Some(links.path().as_os_str())).expect("found");
        assert_eq!(found, real);
    }

    #[test]
    fn versioned_dirs_are_newest_first() {
        let root = tempfile::tempdir().expect("tempdir");
        for name in ["9.6", "16", "10", "latest", "postgresql@14"] {
            fs::create_dir(root.path().join(name)).expect("mkdir");
        }
        let names: Vec<PathBuf> = versioned_dirs(root.path(), "").into_iter().collect();
        let expect: Vec<PathBuf> = ["16", "10", "9.6"]
            .iter()
            .map(|v| root.path().join(v).join("bin"))
            .collect();
        assert_eq!(names, expect);
        assert_eq!(
            versioned_dirs(root.path(), "postgresql@"),
            [root.path().join("postgresql@14/bin")]
        );
    }

    #[test]
    fn parses_versions() {
        let v = |s: &str| parse_version(s).ok();
        assert_eq!(
            v("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"),
            Some((15, "15".into()))
        );
        assert_eq!(v("postgres (PostgreSQL) 17devel"), Some((17, "17".into())));
        assert_eq!(v("postgres (PostgreSQL) 9.6.24"), Some((9, "9.6".into())));
        assert!(v("garbage").is_none());
    }
}
