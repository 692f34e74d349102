//! Shared test support: a throwaway project tree and the built binary run inside it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// An embedded-server cache of a test's own (its first run builds the template cluster):
/// another run's start stops the servers of runs whose owner died, which would hide one
/// that a run left behind.
pub fn private_cache() -> tempfile::TempDir {
    let cache = tempfile::tempdir().expect("temporary directory");
    // The server runs as `postgres` when we are root: it must be able to enter the cache.
    std::fs::set_permissions(
        cache.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    cache
}

/// A temporary project: `specs/`, `golden/`, and whatever a test writes.
pub struct Tree {
    pub dir: tempfile::TempDir,
}

impl Tree {
    pub fn new() -> Tree {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::create_dir_all(dir.path().join("specs")).expect("specs dir");
        Tree { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) -> &Tree {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create dirs");
        std::fs::write(path, text).expect("write file");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// The binary, run in this tree, with no DATABASE_URL from the environment (so the
    /// embedded server is used unless a test sets one), no colour, and as off CI (the tests
    /// run on CI, where the variable would keep goldens from being written; tests of that
    /// set it themselves).
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("pgscenario").expect("binary");
        cmd.current_dir(self.dir.path())
            .env_remove("DATABASE_URL")
            .env_remove("CI")
            .env_remove("PGSCENARIO_UPDATE")
            .env("NO_COLOR", "1")
            .args(args);
        cmd
    }
}

/// Output of a finished command as text.
pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(mut cmd: Command) -> Outcome {
    let output = cmd.output().expect("run pgscenario");
    Outcome {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

impl Outcome {
    pub fn all(&self) -> String {
        format!("--- stdout\n{}--- stderr\n{}", self.stdout, self.stderr)
    }

    /// The last non-empty line of stdout (the closing summary).
    pub fn last_line(&self) -> &str {
        self.stdout
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
    }
}

/// A small valid spec: a table, two inserts, a check.
pub const SIMPLE: &str = r#"
description: two inserts
setup: |
  CREATE TABLE t (id bigserial PRIMARY KEY, v text NOT NULL);
steps:
  - sql: INSERT INTO t (v) VALUES ($1) RETURNING id
    params: [a]
    expect: {rows: [[1]]}
  - sql: INSERT INTO t (v) VALUES ('b')
  - check: SELECT count(*) FROM t
    expect: {rows: [[2]]}
expect:
  queries: 2
"#;

/// Files below `dir` (relative paths), sorted.
pub fn files_below(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walk(dir)
        .into_iter()
        .filter_map(|p| p.strip_prefix(dir).ok().map(|r| r.display().to_string()))
        .collect();
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// Runs `sql` (several statements allowed) and returns the first column of the first row.
pub fn query(url: &str, sql: &str) -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls)
            .await
            .expect("connect");
        tokio::spawn(connection);
        let messages = client.simple_query(sql).await.expect("query");
        messages
            .into_iter()
            .find_map(|m| match m {
                tokio_postgres::SimpleQueryMessage::Row(row) => row.get(0).map(str::to_string),
                _ => None,
            })
            .unwrap_or_default()
    })
}

/// The summary line of a JSON report.
pub fn json_summary(report: &str) -> serde_json::Value {
    report
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("a JSON line"))
        .find(|v| v["type"] == "summary")
        .expect("a summary line")
}
