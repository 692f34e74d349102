//! Load-time errors: one line that names file:line:column, plus a rustc-like snippet.

use std::fmt;

use super::location::Location;

/// Something wrong with a spec, a fixture or a golden file, found before or without running.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub location: Location,
    pub message: String,
    /// A hint on how to fix it, printed under the snippet.
    pub help: Option<String>,
    /// The file's further errors, in source order (a file reports them all, as a compiler does).
    pub also: Vec<LoadError>,
}

/// The most characters of a source line shown under an error.
const SNIPPET_WIDTH: usize = 120;

impl LoadError {
    pub fn new(location: Location, message: impl Into<String>) -> LoadError {
        LoadError {
            location,
            message: message.into(),
            help: None,
            also: Vec::new(),
        }
    }

    /// The first of `errors` carrying the others, or None when there are none.
    pub fn gather(errors: impl IntoIterator<Item = LoadError>) -> Option<LoadError> {
        let mut errors = errors.into_iter().flat_map(LoadError::into_all);
        let mut first = errors.next()?;
        first.also = errors.collect();
        Some(first)
    }

    /// This error and those it carries, flattened.
    pub fn into_all(mut self) -> Vec<LoadError> {
        let also = std::mem::take(&mut self.also);
        std::iter::once(self)
            .chain(also.into_iter().flat_map(LoadError::into_all))
            .collect()
    }

    /// This error, then those it carries.
    pub fn all(&self) -> impl Iterator<Item = &LoadError> {
        std::iter::once(self).chain(&self.also)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> LoadError {
        self.help = Some(help.into());
        self
    }

    /// Every error of the file, each as `render_one` does, the later ones after `error: `.
    pub fn render(&self) -> String {
        let mut out = self.render_one();
        for other in &self.also {
            out.push_str("error: ");
            out.push_str(&other.render_one());
        }
        out
    }

    /// The one-line error, then the offending source line with a caret, like rustc.
    pub fn render_one(&self) -> String {
        let mut out = format!("{self}\n");
        let line_text =
            crate::fsread::read_regular_text(&self.location.file, crate::fsread::MAX_INPUT_BYTES)
                .ok()
                .and_then(|text| {
                    text.lines()
                        .nth(self.location.line - 1)
                        .map(|l| l.to_string())
                });
        if let Some(text) = line_text {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_at = self.location.column.min(text.chars().count() + 1) - 1;
            // A window of a long line around the caret.
            let start = caret_at.saturating_sub(SNIPPET_WIDTH / 2);
            let shown: String = text.chars().skip(start).take(SNIPPET_WIDTH).collect();
            let text = match (start > 0, text.chars().count() > start + SNIPPET_WIDTH) {
                (false, false) => shown,
                (before, after) => format!(
                    "{}{shown}{}",
                    if before { "…" } else { "" },
                    if after { "…" } else { "" }
                ),
            };
            let caret_at = caret_at - start + usize::from(start > 0);
            out.push_str(&format!(
                "{pad} |\n{number} | {text}\n{pad} | {}^\n",
                " ".repeat(caret_at)
            ));
        }
        if let Some(help) = &self.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for LoadError {}

/// "did you mean `x`?" for a misspelt name among the known ones.
pub fn suggest<'a>(wrong: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(wrong, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The steps that hold steps under `steps:`.
const BLOCKS: &[&str] = &["atomic", "on_commit", "retry", "request", "sync_to_async"];

/// serde's "unknown field `x`, expected one of ..." as "unknown key `x`, did you mean `y`?",
/// with the known keys as help; other messages pass through.
pub fn humanize_serde(text: &str) -> (String, Option<String>) {
    static UNKNOWN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:(.*): )?unknown field `([^`]*)`, (?:expected one of (.*)|expected (.*)|there are no fields)$")
            .expect("valid regex")
    });
    // serde names the Rust type it wanted (`expected struct RawAtomic`): say what to write.
    static STRUCT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"expected struct \w+$").expect("valid regex")
    });
    let text = text.trim();
    if STRUCT.is_match(text) {
        let message = STRUCT
            .replace(text, "expected a mapping of keys")
            .into_owned();
        let help = text
            .rsplit_once(": invalid type")
            .map(|(path, _)| path.rsplit('.').next().unwrap_or(path))
            .filter(|key| BLOCKS.contains(key))
            .map(|key| format!("write `{key}: {{steps: [...]}}`"));
        return (message, help);
    }
    let Some(c) = UNKNOWN.captures(text) else {
        return (text.to_string(), None);
    };
    let wrong = &c[2];
    let expected = c.get(3).or(c.get(4)).map_or("", |m| m.as_str());
    let known: Vec<&str> = expected
        .split(['`', ',', ' '])
        .filter(|s| !s.is_empty() && *s != "or")
        .collect();
    let within = c
        .get(1)
        .map(|m| format!(" in `{}`", m.as_str()))
        .unwrap_or_default();
    let mut message = format!("unknown key `{wrong}`{within}");
    if let Some(s) = suggest(wrong, known.iter().copied()) {
        message.push_str(&format!(", did you mean `{s}`?"));
    }
    let help = (!known.is_empty()).then(|| format!("known keys: {}", known.join(", ")));
    (message, help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wanted_rust_type_is_said_as_what_to_write() {
        let (message, help) =
            humanize_serde("steps[3].atomic: invalid type: sequence, expected struct RawAtomic");
        assert_eq!(
            message,
            "steps[3].atomic: invalid type: sequence, expected a mapping of keys"
        );
        assert_eq!(help.as_deref(), Some("write `atomic: {steps: [...]}`"));
        let (message, help) =
            humanize_serde("steps[0].create: invalid type: string \"x\", expected struct CreateOp");
        assert!(message.ends_with("expected a mapping of keys"), "{message}");
        assert_eq!(help, None);
    }

    #[test]
    fn suggests_the_closest_known_name() {
        assert_eq!(suggest("stpes", ["name", "steps", "setup"]), Some("steps"));
        assert_eq!(suggest("zzz", ["name", "steps"]), None);
    }

    #[test]
    fn renders_one_line_then_a_caret_under_the_column() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "name: x\nstpes: []\n").unwrap();
        let err = LoadError::new(Location::new(&file, 2, 1), "unknown key `stpes`");
        let text = err.render();
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            format!("{}:2:1: unknown key `stpes`", file.display())
        );
        assert!(text.contains("2 | stpes: []\n  | ^"), "{text}");
    }
}
