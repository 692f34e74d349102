//! Templating of spec files with minijinja, confined to the specs root, with fuel and an
//! output limit; `isolated` runs it in a child process under a memory limit and a deadline.

mod isolated;

pub use isolated::{child_main, render_isolated, CHILD_COMMAND};

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
    if !has_template_syntax(source) {
        return Ok(source.to_string());
    }
    let protected = protect_runtime_templates(source);
    let source = protected.as_str();
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_keep_trailing_newline(true);
    env.set_fuel(Some(FUEL));
    let root = specs_root.to_path_buf();
    env.set_loader(move |include| load_include(&root, include));
    let ctx = minijinja::Value::from_serialize(vars);
    let error = |err: minijinja::Error| {
        let included = err.name().filter(|n| *n != name).map(|n| n.to_string());
        let message = match err.kind() {
            ErrorKind::OutOfFuel => format!(
                "the template ran more than {FUEL} instructions (a loop that does not end?)"
            ),
            _ => describe(&err),
        };
        TemplateError {
            message,
            line: err.line(),
            included,
        }
    };
    let template = env.template_from_named_str(name, source).map_err(error)?;
    let mut out = CappedWriter::default();
    let rendered = template.render_captured_to(ctx, &mut out).map(|_| ());
    match rendered {
        Ok(()) => Ok(String::from_utf8_lossy(&out.bytes).into_owned()),
        Err(_) if out.overflowed => Err(TemplateError {
            message: format!(
                "the rendered spec is larger than the limit of {} MiB",
                MAX_OUTPUT >> 20
            ),
            line: None,
            included: None,
        }),
        Err(err) if err.kind() == ErrorKind::UndefinedError => {
            let mut failure = error(err);
            let mut unknown: Vec<String> = template
                .undeclared_variables(false)
                .into_iter()
                .filter(|name| !vars.contains_key(name.as_str()))
                .collect();
            unknown.sort();
            if let Some(first) = unknown.first() {
                let known: Vec<&str> = vars.keys().filter_map(|k| k.as_str()).collect();
                let known = match known.is_empty() {
                    true => "the spec has no vars".to_string(),
                    false => format!("the spec's vars: {}", known.join(", ")),
                };
                failure.message = format!(
                    "undefined variable `{}` ({known}); give it a default in `vars:` or a value with `--var {first}=...`",
                    unknown.join("`, `")
                );
            }
            Err(failure)
        }
        Err(err) => Err(error(err)),
    }
}

/// Instructions a spec's template may run (a loop of loops that would run for hours stops
/// with "engine ran out of fuel" instead).
pub const FUEL: u64 = 10_000_000;
/// The most text a template may render: a spec is at most this large.
pub const MAX_OUTPUT: usize = crate::fsread::MAX_INPUT_BYTES as usize;

/// Collects rendered text, refusing to grow past `MAX_OUTPUT`.
#[derive(Default)]
struct CappedWriter {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl std::io::Write for CappedWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_OUTPUT {
            self.overflowed = true;
            return Err(std::io::Error::other("output limit"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether rendering could change the text.
fn has_template_syntax(source: &str) -> bool {
    source.contains("{{") || source.contains("{%") || source.contains("{#")
}

/// Keys whose values are templates over an instance, rendered when the step runs (signal
/// actions, FSM hooks and conditions), not when the file is loaded.
const RUNTIME_KEYS: &[&str] = &[
    "signals",
    "m2m_changed",
    "pre_transition",
    "post_transition",
    "method_body",
    "conditions",
];

/// Wraps the values of run-time template keys in `{% raw %}` ... `{% endraw %}`, placed at
/// line ends so that line numbers (and YAML indentation) stay as written.
fn protect_runtime_templates(source: &str) -> String {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = String::with_capacity(source.len() + 64);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        let key = RUNTIME_KEYS.iter().find(|k| {
            trimmed
                .strip_prefix(**k)
                .is_some_and(|rest| rest.starts_with(':'))
        });
        let Some(key) = key else {
            out.push_str(line);
            i += 1;
            continue;
        };
        let base = indent(line);
        let mut last = i;
        while last + 1 < lines.len() {
            let next = lines[last + 1];
            if next.trim().is_empty() || indent(next) > base {
                last += 1;
            } else {
                break;
            }
        }
        while last > i && lines[last].trim().is_empty() {
            last -= 1;
        }
        let split = base + key.len() + 1;
        for (n, text) in lines[i..=last].iter().enumerate() {
            let (body, newline) = match text.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (*text, ""),
            };
            if n == 0 {
                out.push_str(&body[..split]);
                out.push_str("{% raw %}");
                out.push_str(&body[split..]);
            } else {
                out.push_str(body);
            }
            if i + n == last {
                out.push_str("{% endraw %}");
            }
            out.push_str(newline);
        }
        i = last + 1;
    }
    out
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
    match crate::fsread::read_regular_text(&canonical, crate::fsread::MAX_INPUT_BYTES) {
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

/// Renders a template written in a spec against run-time values (signal actions, FSM hooks).
pub fn render_runtime(template: &str, ctx: &serde_yaml::Mapping) -> Result<String, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.render_str(template, minijinja::Value::from_serialize(ctx))
        .map_err(|err| describe(&err))
}

/// Evaluates an expression (an FSM condition such as `amount > 0`) against run-time values.
pub fn eval_condition(expression: &str, ctx: &serde_yaml::Mapping) -> Result<bool, String> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let compiled = env
        .compile_expression(expression)
        .map_err(|err| describe(&err))?;
    compiled
        .eval(minijinja::Value::from_serialize(ctx))
        .map(|v| v.is_true())
        .map_err(|err| describe(&err))
}

#[cfg(test)]
mod runtime_tests {
    use super::*;

    #[test]
    fn runtime_templates_survive_loading_and_lines_stay_put() {
        let source = "vars: {n: 2}\nmodels:\n  Blog:\n    signals:\n      pre_save: {set: {tagline: \"{{ name | upper }}!\"}}\n\n    table: t{{ n }}\nconditions: [\"amount > {{ n }}\"]\n";
        let vars: serde_yaml::Mapping = serde_yaml::from_str("n: 2").unwrap();
        let out = render(source, "t", &vars, Path::new(".")).unwrap();
        assert_eq!(
            out,
            "vars: {n: 2}\nmodels:\n  Blog:\n    signals:\n      pre_save: {set: {tagline: \"{{ name | upper }}!\"}}\n\n    table: t2\nconditions: [\"amount > {{ n }}\"]\n"
        );
    }

    #[test]
    fn renders_and_evaluates_against_instance_values() {
        let ctx: serde_yaml::Mapping = serde_yaml::from_str("name: blog\namount: 0.5").unwrap();
        assert_eq!(
            render_runtime("{{ name | upper }}!", &ctx).unwrap(),
            "BLOG!"
        );
        assert!(eval_condition("amount > 0", &ctx).unwrap());
        assert!(!eval_condition("amount > 1", &ctx).unwrap());
        assert!(eval_condition("missing > 1", &ctx).is_err());
    }
}
