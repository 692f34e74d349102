//! Loading a spec file: template it, parse it strictly, resolve fixtures, check it.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde_yaml::Mapping;

use super::convert::{convert_log_expect, convert_steps, StepPlace};
use super::convert_models::{add_auto_created, check_models};
use super::convert_orm::OrmScope;
use super::error::{humanize_serde, suggest, LoadError};
use super::location::{LineMap, Location, SourceMap};
use super::model::*;
use super::models::ModelSpec;
use super::models::Models;
use super::now::FrozenNow;
use super::raw::*;
use crate::template;

/// What every spec of a run is loaded with.
#[derive(Debug, Clone)]
pub struct LoadContext {
    pub specs_root: PathBuf,
    /// `--var k=v` overrides.
    pub cli_vars: Mapping,
    /// The project's Django settings (pgscenario.toml), which a spec's `settings:` overrides.
    pub settings: super::DjangoSettings,
    /// Templates render in a child process under a memory limit, within this time (the
    /// run's per-spec timeout); `None` renders them in this process (for embedding).
    pub template_timeout: Option<std::time::Duration>,
}

/// A parsed YAML file with what is needed to point back into its source.
pub(super) struct Parsed<T> {
    value: T,
    /// The same document untyped, for checks that walk any value (`{ref: ...}`).
    document: serde_yaml::Value,
    file: PathBuf,
    source: String,
    lines: LineMap,
    map: SourceMap,
}

impl<T> Parsed<T> {
    /// The value at `path` (`steps[2].update.filter`), if there is one.
    pub(super) fn value_at(&self, path: &str) -> Option<&serde_yaml::Value> {
        let mut value = &self.document;
        for part in path.split('.') {
            let (key, indexes) = match part.find('[') {
                Some(at) => (&part[..at], &part[at..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                value = value.get(key)?;
            }
            for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
                value = value.get(index.parse::<usize>().ok()?)?;
            }
        }
        Some(value)
    }

    /// The location of the value at `path`, else of its nearest ancestor, else the file start.
    pub(super) fn locate(&self, path: &str) -> Location {
        let mut key = path.to_string();
        loop {
            if let Some(entry) = self.map.get(&key) {
                let (line, column) = self.lines.source_position(entry.line, entry.column);
                return Location::new(&self.file, line, column);
            }
            match key.rfind(['.', '[']) {
                Some(cut) => key.truncate(cut),
                None => return Location::file_start(&self.file),
            }
        }
    }
}

/// Loads and checks one spec file (with `scale:`, once per value).
pub fn load_spec(path: &Path, ctx: &LoadContext) -> Result<Spec, LoadError> {
    let source = crate::fsread::read_regular(path, crate::fsread::MAX_INPUT_BYTES)
        .map_err(|err| LoadError::new(Location::file_start(path), format!("cannot read: {err}")))?;
    let scale = extract_scale(&String::from_utf8_lossy(&source), path)?;
    let Some(RawScale { var, values }) = scale else {
        let spec = load_with(path, ctx, &ctx.cli_vars)?;
        return match (&spec.max_growth, &spec.expect.location) {
            (Some(_), at) => Err(LoadError::new(
                at.clone().unwrap_or_else(|| Location::file_start(path)),
                "`constant_queries` and `max_growth` compare runs of a `scale:`, and the spec has none",
            )),
            (None, _) => Ok(spec),
        };
    };
    // The scale's variable wins over `--var` and `vars:` of the same name.
    let with = |value: &serde_yaml::Value| {
        let mut vars = ctx.cli_vars.clone();
        vars.insert(serde_yaml::Value::String(var.clone()), value.clone());
        load_with(path, ctx, &vars)
    };
    let mut spec = with(&values[0])?;
    let variants = values[1..]
        .iter()
        .map(with)
        .collect::<Result<Vec<_>, _>>()?;
    spec.scale = Some(Box::new(Scaling {
        var,
        values,
        variants,
    }));
    Ok(spec)
}

/// The most sessions a spec may open (each is a connection of the server's).
const MAX_SESSIONS: usize = 8;

/// The spec's sessions in order (`main` when it names none).
fn session_names(raw: &RawSpec) -> Vec<String> {
    match &raw.sessions {
        Some(sessions) => sessions.0.iter().map(|(name, _)| name.clone()).collect(),
        None => vec!["main".to_string()],
    }
}

/// The spec's sessions, checked.
fn check_sessions(names: &[String], parsed: &Parsed<RawSpec>) -> Result<(), LoadError> {
    let identifier = Regex::new("^[A-Za-z_][A-Za-z0-9_]{0,30}$").expect("valid regex");
    if names.is_empty() || names.len() > MAX_SESSIONS {
        return Err(LoadError::new(
            parsed.locate("sessions"),
            format!(
                "`sessions` names 1 to {MAX_SESSIONS} sessions (it has {})",
                names.len()
            ),
        ));
    }
    for (i, name) in names.iter().enumerate() {
        if !identifier.is_match(name) || name == "other" || name == "admin" {
            return Err(LoadError::new(
                parsed.locate(&format!("sessions[{i}]")),
                format!("`{name}` cannot name a session: use letters, digits and _ (not `other` or `admin`, which the runner uses)"),
            ));
        }
        if names[..i].contains(name) {
            return Err(LoadError::new(
                parsed.locate(&format!("sessions[{i}]")),
                format!("the session `{name}` is named twice"),
            ));
        }
    }
    // Each step's `session:` is checked where it is written (convert_step).
    Ok(())
}

/// `constant_queries: true` is `max_growth: constant`.
fn growth_limit(
    constant: Option<bool>,
    max: Option<Growth>,
    parsed: &Parsed<RawSpec>,
) -> Result<Option<Growth>, LoadError> {
    match (constant, max) {
        (Some(true), Some(_)) => Err(LoadError::new(
            parsed.locate("expect.max_growth"),
            "`constant_queries: true` is `max_growth: constant`: give one of them",
        )),
        (_, Some(Growth::Superlinear)) => Err(LoadError::new(
            parsed.locate("expect.max_growth"),
            "`max_growth` is `constant` or `linear`: faster growth is only reported",
        )),
        (Some(true), None) => Ok(Some(Growth::Constant)),
        (_, max) => Ok(max),
    }
}

/// The most values a `scale:` may have: each is a run of the whole spec.
const MAX_SCALE_VALUES: usize = 10;

#[derive(serde::Deserialize, schemars::JsonSchema)]
#[schemars(rename = "Scale")]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    var: String,
    #[schemars(with = "Vec<serde_json::Value>")]
    values: Vec<serde_yaml::Value>,
}

/// `scale: {var: n, values: [1, 10, 100]}`, read before templating (as `vars` is).
fn extract_scale(source: &str, path: &Path) -> Result<Option<RawScale>, LoadError> {
    let Some((start, text)) = top_level_block(source, "scale:") else {
        return Ok(None);
    };
    let at = Location::new(path, start + 1, 1);
    if text.contains("{{") || text.contains("{%") {
        return Err(LoadError::new(
            at,
            "`scale` cannot use template syntax (it is read before templating)",
        ));
    }
    #[derive(serde::Deserialize)]
    struct Scale {
        scale: RawScale,
    }
    let scale = serde_yaml::from_str::<Scale>(&text)
        .map_err(|err| {
            let (message, help) = humanize_serde(&err.to_string());
            let mut error = LoadError::new(at.clone(), format!("invalid `scale`: {message}"));
            error.help = help;
            error
        })?
        .scale;
    let identifier = Regex::new("^[A-Za-z_][A-Za-z0-9_]*$").expect("valid regex");
    if !identifier.is_match(&scale.var) {
        return Err(LoadError::new(
            at,
            format!(
                "`scale.var` must be a template variable name, not {:?}",
                scale.var
            ),
        ));
    }
    if !(2..=MAX_SCALE_VALUES).contains(&scale.values.len()) {
        return Err(LoadError::new(
            at,
            format!(
                "`scale.values` needs 2 to {MAX_SCALE_VALUES} values to compare (it has {})",
                scale.values.len()
            ),
        ));
    }
    Ok(Some(scale))
}

/// A top-level key's block of lines (its line and the indented ones after it), with its
/// 0-based line.
fn top_level_block(source: &str, key: &str) -> Option<(usize, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines.iter().position(|l| l.starts_with(key))?;
    let mut block = vec![lines[start]];
    block.extend(
        lines[start + 1..]
            .iter()
            .take_while(|l| l.trim().is_empty() || l.starts_with([' ', '\t', '#'])),
    );
    Some((start, block.join("\n")))
}

/// Loads and checks one spec file with `vars` over its own.
fn load_with(path: &Path, ctx: &LoadContext, vars: &Mapping) -> Result<Spec, LoadError> {
    let id = spec_id(path, &ctx.specs_root)?;
    let parsed: Parsed<RawSpec> = parse_file(path, ctx, vars)?;
    let raw = &parsed.value;

    // Checks that do not depend on each other all run, and the file reports every error.
    let mut errors: Vec<LoadError> = Vec::new();
    let mut shared = Shared::default();
    let mut chain = vec![path.to_path_buf()];
    for (i, name) in raw.fixtures.iter().enumerate() {
        let at = parsed.locate(&format!("fixtures[{i}]"));
        let vars = parsed_vars(&parsed, vars);
        keep(
            &mut errors,
            apply_fixture(name, at, ctx, &vars, &mut chain, &mut shared),
        );
    }
    let Shared {
        mut setup,
        mut redact,
        mut models,
    } = shared;
    if let Some(sql) = &raw.setup {
        setup.push(SqlBlock {
            sql: sql.clone(),
            location: parsed.locate("setup"),
        });
    }
    keep(
        &mut errors,
        check_redactions(&raw.redact, &parsed, "redact"),
    );
    redact.extend(raw.redact.iter().cloned());

    models.extend(located_models(&raw.models, &parsed));
    keep(&mut errors, check_models(&models, &parsed));
    let models = add_auto_created(models);
    let mut scope = OrmScope {
        models: &models,
        instances: Default::default(),
        warnings: Vec::new(),
        errors: Vec::new(),
        poisoned: Default::default(),
        follow_on: Default::default(),
        sessions: session_names(raw),
    };
    let place = StepPlace {
        path: "steps".to_string(),
        session: None,
    };
    let steps = convert_steps(&raw.steps, &place, &mut 1, &parsed, &mut scope);
    errors.append(&mut scope.errors);
    let steps = keep(&mut errors, steps).unwrap_or_default();

    let expect = match &raw.expect {
        Some(e) => keep(
            &mut errors,
            convert_log_expect(
                e.queries.as_ref(),
                e.sql.as_deref(),
                e.fingerprints.as_deref(),
                "expect",
                &parsed,
            ),
        )
        .unwrap_or_default(),
        None => LogExpect::default(),
    };
    let sessions = std::mem::take(&mut scope.sessions);
    keep(&mut errors, check_sessions(&sessions, &parsed));
    let async_sessions: Vec<&str> = raw
        .sessions
        .iter()
        .flat_map(|s| s.0.iter())
        .filter(|(_, o)| o.asynchronous == Some(true))
        .map(|(name, _)| name.as_str())
        .collect();
    let mut steps = steps;
    let main = sessions.first().map_or("main", String::as_str);
    mark_async(&mut steps, &async_sessions, main, false);
    let max_growth = match &raw.expect {
        Some(e) => keep(
            &mut errors,
            growth_limit(e.constant_queries, e.max_growth, &parsed),
        )
        .flatten(),
        None => None,
    };
    let warnings = std::mem::take(&mut scope.warnings);
    let now = match &raw.now {
        Some(text) => keep(
            &mut errors,
            FrozenNow::parse(text).map_err(|m| LoadError::new(parsed.locate("now"), m)),
        )
        .unwrap_or_default(),
        None => FrozenNow::default(),
    };
    let settings = match &raw.settings {
        Some(own) => keep(
            &mut errors,
            ctx.settings
                .with(own)
                .map_err(|m| LoadError::new(parsed.locate("settings.TIME_ZONE"), m)),
        )
        .unwrap_or_else(|| ctx.settings.clone()),
        None => ctx.settings.clone(),
    };
    let timeout = match raw.timeout.map(crate::config::timeout_from_secs) {
        Some(result) => keep(
            &mut errors,
            result.map_err(|message| LoadError::new(parsed.locate("timeout"), message)),
        ),
        None => None,
    };
    let connections: std::collections::HashMap<String, ConnectionOptions> = raw
        .sessions
        .iter()
        .flat_map(|s| s.0.iter())
        .filter(|(_, o)| o.conn_max_age.is_some() || o.conn_health_checks.is_some())
        .map(|(name, o)| {
            let options = ConnectionOptions {
                max_age: o.conn_max_age.unwrap_or(Some(0)),
                health_checks: o.conn_health_checks.unwrap_or(false),
            };
            (name.clone(), options)
        })
        .collect();
    let mut all = Vec::new();
    for step in &steps {
        step.flatten_into(&mut all);
    }
    let permutations = match &raw.permutations {
        Some(_) if raw.scale.is_some() => {
            errors.push(LoadError::new(
                parsed.locate("permutations"),
                "a spec has `scale` or `permutations`, not both (each multiplies its runs)",
            ));
            Vec::new()
        }
        // Orders of steps that did not all convert would be reported for their fault.
        Some(raw_permutations) if errors.is_empty() => keep(
            &mut errors,
            super::permutations::permutations(raw_permutations, &steps, main, &parsed),
        )
        .unwrap_or_default(),
        _ => Vec::new(),
    };
    if let Some(error) = LoadError::gather(sort_by_place(errors, path)) {
        return Err(error);
    }
    let django = !connections.is_empty()
        || !async_sessions.is_empty()
        || all.iter().any(|s| s.operation.is_django());
    Ok(Spec {
        path: path.to_path_buf(),
        name: raw.name.clone().unwrap_or_else(|| id.clone()),
        id,
        description: raw.description.clone(),
        tags: raw.tags.clone(),
        setup,
        models,
        steps,
        expect,
        redact,
        isolation: raw.isolation.unwrap_or_default(),
        privileges: raw.privileges.unwrap_or_default(),
        sessions,
        isolation_levels: raw
            .sessions
            .iter()
            .flat_map(|s| s.0.iter())
            .filter_map(|(name, options)| Some((name.clone(), options.isolation_level?)))
            .collect(),
        connections,
        django,
        permutations,
        permutation: None,
        timeout,
        now,
        settings,
        warnings,
        scale: None,
        max_growth,
    })
}

/// The value of a check that passed; a failed one's error joins the file's others.
fn keep<T>(errors: &mut Vec<LoadError>, result: Result<T, LoadError>) -> Option<T> {
    result.map_err(|error| errors.push(error)).ok()
}

/// The fixtures' errors as found, then the spec's own in the order of the file.
fn sort_by_place(mut errors: Vec<LoadError>, spec: &Path) -> Vec<LoadError> {
    errors.sort_by_key(|e| match e.location.file == spec {
        true => (1, e.location.line, e.location.column),
        false => (0, 0, 0),
    });
    errors
}

/// Marks the steps that are async code: on an `async` session, not inside
/// `sync_to_async` (whose steps are a sync function's body).
fn mark_async(steps: &mut [Step], async_sessions: &[&str], main: &str, in_sync: bool) {
    for step in steps {
        let session = step.session.as_deref().unwrap_or(main);
        step.asynchronous = !in_sync && async_sessions.contains(&session);
        match &mut step.operation {
            Operation::SyncToAsync(inner) => mark_async(inner, async_sessions, main, true),
            Operation::Atomic(AtomicBlock { steps, end, .. })
            | Operation::Request(RequestBlock { steps, end }) => {
                mark_async(steps, async_sessions, main, in_sync);
                mark_async(
                    std::slice::from_mut(&mut **end),
                    async_sessions,
                    main,
                    in_sync,
                );
            }
            Operation::OnCommit(hook) => mark_async(&mut hook.steps, async_sessions, main, in_sync),
            Operation::Retry(retry) => {
                for attempt in &mut retry.attempts {
                    mark_async(&mut attempt.steps, async_sessions, main, in_sync);
                }
            }
            _ => {}
        }
    }
}

/// The vars a spec was rendered with, for its fixtures.
fn parsed_vars<T>(parsed: &Parsed<T>, outer: &Mapping) -> Mapping {
    let mut vars = extract_vars(&parsed.source, &parsed.file).unwrap_or_default();
    for (k, v) in outer {
        vars.insert(k.clone(), v.clone());
    }
    vars
}

/// The golden name of a spec: its path under the specs root, without extension.
pub fn spec_id(path: &Path, specs_root: &Path) -> Result<String, LoadError> {
    let outside = || {
        LoadError::new(
            Location::file_start(path),
            format!("spec is outside the specs directory `{}`", specs_root.display()),
        )
        .with_help("move it under the specs directory, or point --specs (or `specs` in pgscenario.toml) at its folder")
    };
    let root = specs_root.canonicalize().map_err(|_| outside())?;
    let file = path.canonicalize().map_err(|err| {
        LoadError::new(
            Location::file_start(path),
            format!("cannot read spec: {err}"),
        )
    })?;
    let relative = file.strip_prefix(&root).map_err(|_| outside())?;
    let stem = relative.with_extension("");
    Ok(stem
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/"))
}

/// The models of a file, each with the place it is declared.
fn located_models<T>(models: &Models, parsed: &Parsed<T>) -> Vec<(String, ModelSpec)> {
    models
        .iter()
        .map(|(name, spec)| {
            let mut spec = spec.clone();
            let base = format!("models.{name}");
            spec.location = Some(parsed.locate(&base));
            let mut paths: Vec<(String, String)> = Vec::new();
            if let Some(fields) = &spec.fields {
                for (i, (field, _)) in fields.fields.iter().enumerate() {
                    paths.push((format!("fields.{field}"), fields.path_of(i)));
                }
            }
            let keys = |map: &Mapping| -> Vec<String> {
                map.keys()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            };
            for key in keys(&spec.defaults) {
                paths.push((format!("defaults.{key}"), format!("defaults.{key}")));
            }
            for key in spec.on_delete.keys() {
                paths.push((format!("on_delete.{key}"), format!("on_delete.{key}")));
            }
            for key in spec.many_to_many.keys() {
                paths.push((format!("many_to_many.{key}"), format!("many_to_many.{key}")));
            }
            for (key, path) in paths {
                let at = parsed.locate(&format!("{base}.{path}"));
                spec.locations.insert(key, at);
            }
            (name.clone(), spec)
        })
        .collect()
}

/// What fixtures contribute to a spec, in the order they are applied.
#[derive(Default)]
struct Shared {
    setup: Vec<SqlBlock>,
    redact: Vec<RedactSpec>,
    models: Models,
}

fn apply_fixture(
    name: &str,
    at: Location,
    ctx: &LoadContext,
    vars: &Mapping,
    chain: &mut Vec<PathBuf>,
    shared: &mut Shared,
) -> Result<(), LoadError> {
    let file = fixture_path(name, ctx).ok_or_else(|| {
        let known = known_fixtures(ctx);
        let mut err = LoadError::new(
            at.clone(),
            format!(
                "unknown fixture `{name}` (no {}/_fixtures/{name}.yaml)",
                ctx.specs_root.display()
            ),
        );
        if let Some(s) = suggest(name, known.iter().map(String::as_str)) {
            err.message.push_str(&format!(", did you mean `{s}`?"));
        }
        err
    })?;
    if chain.contains(&file) {
        return Err(LoadError::new(
            at,
            format!("fixture `{name}` includes itself (a cycle)"),
        ));
    }
    let parsed: Parsed<RawFixture> = parse_file(&file, ctx, vars)?;
    chain.push(file);
    for (i, inner) in parsed.value.fixtures.iter().enumerate() {
        let inner_at = parsed.locate(&format!("fixtures[{i}]"));
        apply_fixture(inner, inner_at, ctx, vars, chain, shared)?;
    }
    chain.pop();
    if let Some(sql) = &parsed.value.setup {
        shared.setup.push(SqlBlock {
            sql: sql.clone(),
            location: parsed.locate("setup"),
        });
    }
    check_redactions(&parsed.value.redact, &parsed, "redact")?;
    shared.redact.extend(parsed.value.redact.iter().cloned());
    shared
        .models
        .extend(located_models(&parsed.value.models, &parsed));
    Ok(())
}

fn fixture_path(name: &str, ctx: &LoadContext) -> Option<PathBuf> {
    if name.contains("..") || Path::new(name).is_absolute() {
        return None;
    }
    let dir = ctx.specs_root.join("_fixtures");
    ["yaml", "yml"]
        .iter()
        .map(|ext| dir.join(format!("{name}.{ext}")))
        .find(|p| p.is_file())
}

fn known_fixtures(ctx: &LoadContext) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(ctx.specs_root.join("_fixtures")) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let path = e.path();
            path.file_stem().map(|s| s.to_string_lossy().into_owned())
        })
        .collect()
}

/// Reads, templates and parses one YAML file into `T`, with positions for later errors.
fn parse_file<T: serde::de::DeserializeOwned>(
    path: &Path,
    ctx: &LoadContext,
    outer_vars: &Mapping,
) -> Result<Parsed<T>, LoadError> {
    let bytes = crate::fsread::read_regular(path, crate::fsread::MAX_INPUT_BYTES)
        .map_err(|err| LoadError::new(Location::file_start(path), format!("cannot read: {err}")))?;
    let source = String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        LoadError::new(Location::new(path, line, 1), "the file is not valid UTF-8")
    })?;
    let mut vars = extract_vars(&source, path)?;
    for (k, v) in outer_vars {
        vars.insert(k.clone(), v.clone());
    }
    let name = path.display().to_string();
    let rendered = match ctx.template_timeout {
        Some(deadline) => {
            template::render_isolated(&source, &name, &vars, &ctx.specs_root, deadline)
        }
        None => template::render(&source, &name, &vars, &ctx.specs_root),
    };
    let rendered = rendered.map_err(|err| {
        let file = match &err.included {
            Some(included) => ctx.specs_root.join(included),
            None => path.to_path_buf(),
        };
        LoadError::new(
            Location::new(&file, err.line.unwrap_or(1), 1),
            format!("template error: {}", err.message),
        )
    })?;
    let lines = LineMap::new(&source, &rendered);
    if rendered.trim().is_empty() {
        return Err(
            LoadError::new(Location::file_start(path), "the file is empty")
                .with_help("run `pgscenario new NAME` for a commented skeleton"),
        );
    }
    let map = SourceMap::checked(&rendered).map_err(|(line, column)| {
        let (line, column) = lines.source_position(line, column);
        LoadError::new(
            Location::new(path, line, column),
            "YAML nested too deeply (more than 255 levels of [ ] or { })",
        )
    })?;
    let value = serde_yaml::from_str::<T>(&rendered).map_err(|first| {
        let errors = super::recover::all_errors::<T>(&rendered, first);
        LoadError::gather(
            errors
                .iter()
                .map(|found| yaml_error(&found.error, &found.message, path, &lines)),
        )
        .expect("all_errors keeps the first error")
    })?;
    let document = serde_yaml::from_str(&rendered).unwrap_or(serde_yaml::Value::Null);
    Ok(Parsed {
        value,
        document,
        file: path.to_path_buf(),
        source,
        lines,
        map,
    })
}

/// Turns a serde_yaml error into a located, readable one (with "did you mean" for keys).
fn yaml_error(err: &serde_yaml::Error, text: &str, path: &Path, lines: &LineMap) -> LoadError {
    let location = match err.location() {
        Some(loc) => {
            let (line, column) = lines.source_position(loc.line(), loc.column());
            Location::new(path, line, column)
        }
        None => Location::file_start(path),
    };
    let text = Regex::new(r" at line \d+ column \d+$")
        .map(|re| re.replace(text, "").into_owned())
        .unwrap_or(text.to_string());
    let (message, help) = humanize_serde(&text);
    let mut error = LoadError::new(location, message);
    error.help = help;
    error
}

/// Reads the top-level `vars:` block before templating, since the template needs it.
pub fn extract_vars(source: &str, path: &Path) -> Result<Mapping, LoadError> {
    let Some((start, text)) = top_level_block(source, "vars:") else {
        return Ok(Mapping::new());
    };
    let at = Location::new(path, start + 1, 1);
    if text.contains("{{") || text.contains("{%") {
        return Err(LoadError::new(
            at,
            "`vars` cannot use template syntax (it is read before templating)",
        ));
    }
    #[derive(serde::Deserialize)]
    struct Vars {
        vars: Option<Mapping>,
    }
    serde_yaml::from_str::<Vars>(&text)
        .map(|v| v.vars.unwrap_or_default())
        .map_err(|err| {
            let line = err.location().map_or(0, |l| l.line().saturating_sub(1));
            LoadError::new(
                Location::new(path, start + 1 + line, 1),
                format!("invalid `vars`: {err}"),
            )
        })
}

fn check_redactions<T>(
    rules: &[RedactSpec],
    parsed: &Parsed<T>,
    key: &str,
) -> Result<(), LoadError> {
    for (i, rule) in rules.iter().enumerate() {
        if let Err(err) = Regex::new(&rule.pattern) {
            return Err(LoadError::new(
                parsed.locate(&format!("{key}[{i}].pattern")),
                format!("invalid redaction pattern: {}", one_line(&err.to_string())),
            ));
        }
    }
    Ok(())
}

pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
