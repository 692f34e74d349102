//! The project configuration: `pgscenario.toml` (or `.yaml`) at the project root.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::spec::{LoadError, Location, RedactSpec};

/// Settings read from the project file; every key optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectConfig {
    /// The specs directory (default `specs`).
    pub specs: Option<PathBuf>,
    /// The golden directory (default `golden`).
    pub golden: Option<PathBuf>,
    /// Default for `--jobs`.
    pub jobs: Option<usize>,
    /// Default per-spec timeout in seconds.
    pub timeout: Option<f64>,
    /// Redactions applied to every spec's golden, before the spec's own.
    #[serde(default)]
    pub redact: Vec<RedactSpec>,
    /// Django settings every spec runs under (USE_TZ, TIME_ZONE), unless it sets its own.
    #[serde(default)]
    pub settings: crate::spec::RawSettings,
}

/// The longest timeout accepted (a week): `Duration` cannot hold any number of seconds, and
/// a longer one is a typo.
pub const MAX_TIMEOUT_SECS: f64 = 7.0 * 24.0 * 3600.0;

/// A timeout in seconds, checked: positive, finite and at most a week.
pub fn timeout_from_secs(secs: f64) -> Result<std::time::Duration, String> {
    if !(secs.is_finite() && secs > 0.0 && secs <= MAX_TIMEOUT_SECS) {
        return Err(format!(
            "timeout must be a positive number of seconds, at most {MAX_TIMEOUT_SECS} (a week); got {secs}"
        ));
    }
    std::time::Duration::try_from_secs_f64(secs).map_err(|e| format!("timeout {secs}: {e}"))
}

/// clap's parser for `--timeout`: the same bounds, refused before anything runs.
pub fn parse_timeout_arg(text: &str) -> Result<f64, String> {
    let secs: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    timeout_from_secs(secs).map(|_| secs)
}

/// Where the project is and what it configures.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config_file: Option<PathBuf>,
    pub config: ProjectConfig,
}

const FILE_NAMES: &[&str] = &["pgscenario.toml", "pgscenario.yaml", "pgscenario.yml"];

impl Project {
    /// Finds the project file in `start` or the nearest ancestor; without one the project
    /// root is `start`.
    pub fn discover(start: &Path) -> Result<Project, LoadError> {
        for dir in start.ancestors() {
            for name in FILE_NAMES {
                let file = dir.join(name);
                if file.is_file() {
                    let config = read_config(&file)?;
                    return Ok(Project {
                        root: dir.to_path_buf(),
                        config_file: Some(file),
                        config,
                    });
                }
            }
        }
        Ok(Project {
            root: start.to_path_buf(),
            config_file: None,
            config: ProjectConfig::default(),
        })
    }

    /// The project's Django settings over Django's defaults.
    pub fn django_settings(&self) -> Result<crate::spec::DjangoSettings, String> {
        crate::spec::DjangoSettings::default()
            .with(&self.config.settings)
            .map_err(|m| match &self.config_file {
                Some(file) => format!("{}: settings: {m}", file.display()),
                None => m,
            })
    }

    pub fn specs_dir(&self) -> PathBuf {
        self.resolve(self.config.specs.as_deref().unwrap_or(Path::new("specs")))
    }

    pub fn golden_dir(&self) -> PathBuf {
        self.resolve(self.config.golden.as_deref().unwrap_or(Path::new("golden")))
    }

    /// Paths relative to the project root, shown relative when the root is the current dir.
    fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            return path.to_path_buf();
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        if cwd == self.root {
            path.to_path_buf()
        } else {
            self.root.join(path)
        }
    }
}

fn read_config(file: &Path) -> Result<ProjectConfig, LoadError> {
    let text = crate::fsread::read_regular_text(file, crate::fsread::MAX_INPUT_BYTES)
        .map_err(|err| LoadError::new(Location::file_start(file), format!("cannot read: {err}")))?;
    let config: ProjectConfig = if file.extension().is_some_and(|e| e == "toml") {
        toml::from_str(&text).map_err(|err| {
            let (line, column) = err
                .span()
                .map(|span| line_column(&text, span.start))
                .unwrap_or((1, 1));
            let (message, help) = crate::spec::humanize_serde(err.message());
            let mut error = LoadError::new(Location::new(file, line, column), message);
            error.help = help;
            error
        })?
    } else {
        serde_yaml::from_str(&text).map_err(|err| {
            let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
            let text = err.to_string();
            let text = text.split(" at line ").next().unwrap_or(&text).to_string();
            let (message, help) = crate::spec::humanize_serde(&text);
            let mut error = LoadError::new(Location::new(file, line, column), message);
            error.help = help;
            error
        })?
    };
    if let Some(Err(message)) = config.timeout.map(timeout_from_secs) {
        return Err(LoadError::new(Location::file_start(file), message));
    }
    if config.jobs == Some(0) {
        return Err(LoadError::new(
            Location::file_start(file),
            "`jobs` must be at least 1",
        ));
    }
    for rule in &config.redact {
        if let Err(err) = regex::Regex::new(&rule.pattern) {
            return Err(LoadError::new(
                Location::file_start(file),
                format!(
                    "invalid redaction pattern `{}`: {}",
                    rule.pattern,
                    err.to_string()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            ));
        }
    }
    Ok(config)
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_and_suggests_misspelt_keys() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pgscenario.toml");
        std::fs::write(&file, "specs = \"cases\"\njbos = 3\n").unwrap();
        let err = Project::discover(dir.path()).unwrap_err();
        assert_eq!(err.location.line, 2);
        assert!(
            err.message.contains("did you mean `jobs`?"),
            "{}",
            err.message
        );
        std::fs::write(
            &file,
            "specs = \"cases\"\njobs = 3\n[[redact]]\npattern = 'x\\d+'\nreplace = '[X]'\n",
        )
        .unwrap();
        let project = Project::discover(&dir.path().join("sub/deeper")).unwrap();
        assert_eq!(project.root, dir.path());
        assert_eq!(project.config.jobs, Some(3));
        assert_eq!(project.config.redact.len(), 1);
    }
}
