//! `pgscenario new NAME`: a commented skeleton to start a spec from.

use std::path::Path;

use super::args::NewArgs;
use super::{commands_project_specs_dir, fail};

const SKELETON: &str = r#"# {name}: run `pgscenario show {path}` while writing it, then `pgscenario bless {path}`.
# The format is described in docs/spec-format.md.
description: >
  What this scenario shows, in a sentence or two.
tags: []
# fixtures: [notes]            # shared setup from specs/_fixtures/notes.yaml
# vars: {rows: 3}              # template variables; `--var rows=5` overrides
setup: |
  CREATE TABLE item (id bigserial PRIMARY KEY, name text NOT NULL);
steps:
  - sql: INSERT INTO item (name) VALUES ($1) RETURNING id
    params: [first]
    expect: {rows: [[1]]}
  - check: SELECT count(*) FROM item   # compared, but kept out of the golden log
    expect: {rows: [[1]]}
expect:
  queries: 1                           # statements in the golden log
"#;

/// The schema file `pgscenario schema` is written to, at the project root (see the README).
const SCHEMA_FILE: &str = "pgscenario.schema.json";

/// yaml-language-server's modeline naming the project's schema, relative to the spec, when
/// the project has one: editors then complete and check the new spec.
fn schema_modeline(spec: &Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let root = crate::config::Project::discover(&cwd).ok()?.root;
    let root = root.canonicalize().ok()?;
    root.join(SCHEMA_FILE).is_file().then_some(())?;
    let dir = spec.parent()?.canonicalize().ok()?;
    let depth = dir.strip_prefix(&root).ok()?.components().count();
    Some(format!(
        "# yaml-language-server: $schema={}{SCHEMA_FILE}\n",
        "../".repeat(depth)
    ))
}

pub fn new_spec(args: NewArgs) -> u8 {
    let name = args.name.trim_end_matches(".yaml").trim_end_matches(".yml");
    if name.is_empty() || name.split('/').any(|part| part.is_empty() || part == "..") {
        return fail(&format!(
            "`{}` is not a spec name (use a path like `orders/refund`)",
            args.name
        ));
    }
    let specs_dir = match commands_project_specs_dir() {
        Ok(dir) => dir,
        Err(message) => return fail(&message),
    };
    let path = specs_dir.join(format!("{name}.yaml"));
    if path.exists() {
        return fail(&format!(
            "{} already exists; pgscenario new never overwrites a spec",
            path.display()
        ));
    }
    let mut text = SKELETON
        .replace("{name}", name)
        .replace("{path}", &path.display().to_string());
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|_| {
            if let Some(modeline) = schema_modeline(&path) {
                text.insert_str(0, &modeline);
            }
            std::fs::write(&path, text)
        });
    if let Err(err) = written {
        return fail(&format!("cannot write {}: {err}", path.display()));
    }
    println!("created {}", path.display());
    0
}
