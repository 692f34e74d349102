//! Templating of spec files with minijinja, confined to the specs root.

use std::path::{Component, Path, PathBuf};

use minijinja::{Environment, ErrorKind, UndefinedBehavior};

/// A template error with the line (1-based) it concerns, in the file that was rendered or in
/// the included file it names.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub message: String,
    pub line: Option<usize>,
    /// Set when the error is inside an included file (its name under the specs root).
    pub included: Option<String>,
}

/// Renders `source` (the file `name`) with `vars`; `{% include %}` may read files under
/// `specs_root` only.
pub fn render(
    source: &str,
    name: &str,
    vars: &serde_yaml::Mapping,
    specs_root: &Path,
) -> Result<String, TemplateError> {
    if !source.contains("{{") && !source.contains("{%") && !source.contains("{#") {
        return Ok(source.to_string());
    }
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    let root = specs_root.to_path_buf();
    env.set_loader(move |include| load_include(&root, include));
    let ctx = minijinja::Value::from_serialize(vars);
    env.render_named_str(name, source, ctx).map_err(|err| {
        let included = err.name().filter(|n| *n != name).map(|n| n.to_string());
        let message = describe(&err);
        TemplateError {
            message,
            line: err.line(),
            included,
        }
    })
}

fn describe(err: &minijinja::Error) -> String {
    let mut text = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        text.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    text
}

/// Reads an included file, refusing any path that leaves the specs root.
fn load_include(root: &Path, include: &str) -> Result<Option<String>, minijinja::Error> {
    let relative = Path::new(include);
    let escapes = relative.is_absolute()
        || relative.components().any(|c| {
            matches!(
                c,
                Component::ParentDir | Component::RootDir | Component::Prefix(_)
            )
        });
    let outside = || {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("include of `{include}` is outside the specs root"),
        )
    };
    if escapes {
        return Err(outside());
    }
    let path: PathBuf = root.join(relative);
    let (Ok(canonical_root), Ok(canonical)) = (root.canonicalize(), path.canonicalize()) else {
        return Ok(None);
    };
    // A symlink inside the root may still point outside it.
    if !canonical.starts_with(&canonical_root) {
        return Err(outside());
    }
    match std::fs::read_to_string(&canonical) {
        Ok(text) => Ok(Some(text)),
        Err(err) => Err(minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("cannot read include `{include}`: {err}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(yaml: &str) -> serde_yaml::Mapping {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn renders_loops_over_vars() {
        let out = render(
            "{% for i in range(n) %}x{{ i }};{% endfor %}",
            "t",
            &vars("n: 3"),
            Path::new("."),
        )
        .unwrap();
        assert_eq!(out, "x0;x1;x2;");
    }

    #[test]
    fn undefined_variables_are_errors_with_a_line() {
        let err = render("a\n{{ missing }}\n", "t", &vars("{}"), Path::new(".")).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.message.contains("undefined"), "{}", err.message);
    }

    #[test]
    fn includes_stay_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("part.sql"), "SELECT 1").unwrap();
        let ok = render("{% include 'part.sql' %}", "t", &vars("{}"), dir.path()).unwrap();
        assert_eq!(ok, "SELECT 1");
        let err = render(
            "{% include '../etc/passwd' %}",
            "t",
            &vars("{}"),
            dir.path(),
        )
        .unwrap_err();
        assert!(
            err.message.contains("outside the specs root"),
            "{}",
            err.message
        );
    }
}
