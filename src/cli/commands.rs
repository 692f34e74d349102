//! The subcommands: run, bless, list, validate, show.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_yaml::Mapping;

use super::args::{
    BlessArgs, Execution, Format, ListArgs, RunArgs, Selection, ShowArgs, ValidateArgs,
};
use super::{fail, server, EXIT_ERROR, EXIT_FAILED};
use crate::config::Project;
use crate::golden::{
    is_ci, pending_goldens, remove_empty_dirs, stale_goldens, RedactRule, UpdatePolicy,
};
use crate::report::{
    Event, GithubReporter, HtmlReporter, HumanReporter, JsonReporter, JunitReporter, Reporter,
    Reports, StatementFingerprint, Status, Summary, TapReporter,
};
use crate::runner::{execute_scaled, run_specs, settle, GoldenMode, RunOptions, VerdictContext};
use crate::spec::{discover, load_spec, spec_id, LoadContext, LoadError, Spec};

const DEFAULT_TIMEOUT: f64 = 30.0;

/// Connections a run needs besides one per job: clean-up after a timeout, a spec's second
/// session.
const SPARE_CONNECTIONS: usize = 3;

/// What a run does with golden files.
struct Goldens {
    mode: GoldenMode,
    update: UpdatePolicy,
    prune: bool,
    /// `run --check`: fail on pending goldens and goldens without a spec.
    check: bool,
}

/// The policy `PGSCENARIO_UPDATE` and `CI` give, and whether writing goldens is allowed:
/// on CI only when forced (`--force`, or `PGSCENARIO_UPDATE=always`).
fn goldens(bless: bool, force: bool, check: bool, prune: bool) -> Result<Goldens, String> {
    let update_var = std::env::var("PGSCENARIO_UPDATE").ok();
    let ci = std::env::var("CI").ok();
    let update = match check {
        true => UpdatePolicy::No,
        false => UpdatePolicy::from_env(update_var.as_deref(), ci.as_deref())?,
    };
    let mode = match (bless, update) {
        (true, _) | (false, UpdatePolicy::Always) => GoldenMode::Bless,
        _ => GoldenMode::Verify,
    };
    if bless && is_ci(ci.as_deref()) && !force {
        return Err("the CI variable is set, and on CI goldens are not written: bless them locally and commit them, or pass --force".to_string());
    }
    Ok(Goldens {
        mode,
        update,
        prune,
        check,
    })
}

pub async fn run(args: RunArgs, color: bool) -> u8 {
    let goldens = match goldens(args.bless, args.force, args.check, false) {
        Ok(goldens) => goldens,
        Err(message) => return fail(&message),
    };
    run_suite(
        &args.selection,
        args.connection.database_url.as_deref(),
        &args.execution,
        goldens,
        color,
    )
    .await
}

pub async fn bless(args: BlessArgs, color: bool) -> u8 {
    let goldens = match goldens(true, args.force, false, args.prune) {
        Ok(goldens) => goldens,
        Err(message) => return fail(&message),
    };
    let url = args.connection.database_url.as_deref();
    run_suite(&args.selection, url, &args.execution, goldens, color).await
}

/// ` --var k=v` for each variable, quoted for a POSIX shell where needed.
fn rerun_args(selection: &Selection) -> String {
    let quote = |text: &str| {
        let plain = text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_=.,/:@%+".contains(c));
        match plain {
            true => text.to_string(),
            false => format!("'{}'", text.replace('\'', "'\\''")),
        }
    };
    selection
        .vars
        .iter()
        .map(|(k, v)| format!(" --var {}", quote(&format!("{k}={v}"))))
        .collect()
}

/// Specs that loaded, errors of those that did not, and how many the filters left out.
struct Loaded {
    specs: Vec<Spec>,
    errors: Vec<LoadError>,
    filtered_out: usize,
}

/// The per-spec timeout: `--timeout`, else the project's, else 30 s.
fn spec_timeout(project: &Project, given: Option<f64>) -> Result<Duration, String> {
    crate::config::timeout_from_secs(given.or(project.config.timeout).unwrap_or(DEFAULT_TIMEOUT))
        .map_err(|message| format!("--timeout: {message}"))
}

fn load_selection(
    project: &Project,
    selection: &Selection,
    template_timeout: Duration,
) -> Result<Loaded, String> {
    let specs_root = project.specs_dir();
    let mut files = discover(&selection.paths, &specs_root).map_err(|e| e.to_string())?;
    let mut other_partitions = 0;
    if let Some(partition) = selection.partition {
        let ids = files
            .into_iter()
            .map(|f| (crate::spec::partition::id_of(&f, &specs_root), f))
            .collect();
        (files, other_partitions) = partition.select(ids);
    }
    let ctx = LoadContext {
        specs_root,
        cli_vars: cli_vars(&selection.vars)?,
        settings: project.django_settings()?,
        template_timeout: Some(template_timeout),
    };
    let mut loaded = Loaded {
        specs: Vec::new(),
        errors: Vec::new(),
        filtered_out: other_partitions,
    };
    for file in files {
        match load_spec(&file, &ctx) {
            Ok(spec) if selected(&spec, selection) => loaded.specs.push(spec),
            Ok(_) => loaded.filtered_out += 1,
            Err(err) => loaded.errors.push(err),
        }
    }
    Ok(loaded)
}

fn selected(spec: &Spec, selection: &Selection) -> bool {
    let by_name = selection.filters.is_empty()
        || selection
            .filters
            .iter()
            .any(|text| spec.id.contains(text.as_str()) || spec.name.contains(text.as_str()));
    let by_tag = selection.tags.is_empty() || spec.tags.iter().any(|t| selection.tags.contains(t));
    by_name && by_tag
}

/// A command that takes one spec (`show`, `graph`) was given `path`: a spec file, or an
/// error that says what it is instead.
pub(super) fn one_spec_file(path: &Path) -> Result<(), String> {
    if path.is_file() {
        return Ok(());
    }
    if path.is_dir() {
        let mut inside: Vec<PathBuf> = discover(&[path.display().to_string()], path)
            .unwrap_or_default()
            .into_iter()
            .take(3)
            .collect();
        inside.sort();
        let example = match inside.first() {
            Some(first) => format!(" (such as {})", first.display()),
            None => " (it has none)".to_string(),
        };
        return Err(format!(
            "{} is a directory: this command takes one spec file{example}; `pgscenario run {}` runs them all",
            path.display(),
            path.display()
        ));
    }
    Err(format!("no such spec file: {}", path.display()))
}

/// `--var k=v` values are YAML, so `rows=5` is a number and `name=x` a string.
fn cli_vars(vars: &[(String, String)]) -> Result<Mapping, String> {
    let mut mapping = Mapping::new();
    for (key, value) in vars {
        let parsed: serde_yaml::Value =
            serde_yaml::from_str(value).unwrap_or(serde_yaml::Value::String(value.clone()));
        mapping.insert(serde_yaml::Value::String(key.clone()), parsed);
    }
    Ok(mapping)
}

pub(super) fn project() -> Result<Project, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    Project::discover(&cwd).map_err(|e| e.render().trim_end().to_string())
}

async fn run_suite(
    selection: &Selection,
    url: Option<&str>,
    execution: &Execution,
    goldens: Goldens,
    color: bool,
) -> u8 {
    let Goldens {
        mode,
        update,
        prune,
        check,
    } = goldens;
    let project = match project() {
        Ok(p) => p,
        Err(message) => return fail(&message),
    };
    let timeout = match spec_timeout(&project, execution.timeout) {
        Ok(timeout) => timeout,
        Err(message) => return fail(&message),
    };
    let loaded = match load_selection(&project, selection, timeout) {
        Ok(loaded) => loaded,
        Err(message) => return fail(&message),
    };
    if loaded.specs.is_empty() && loaded.errors.is_empty() {
        // A partition may hold no spec of a small suite: its (empty) reports still merge.
        if let Some(partition) = selection.partition {
            let summary = Summary {
                skipped: loaded.filtered_out,
                ..Summary::default()
            };
            eprintln!("note: no spec falls in partition {partition}");
            return match reporter(execution, color, mode == GoldenMode::Bless) {
                Ok(mut reporter) => {
                    let _ = reporter.event(&Event::RunFinished(&summary));
                    0
                }
                Err(message) => fail(&message),
            };
        }
        return fail("no specs to run (check the paths, -k and --tag)");
    }
    let jobs = execution
        .jobs
        .map(usize::from)
        .or(project.config.jobs)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        // No more jobs (and job slots to make) than specs.
        .min(loaded.specs.len())
        .max(1);
    let mut reporter = match reporter(execution, color, mode == GoldenMode::Bless) {
        Ok(r) => r,
        Err(message) => return fail(&message),
    };
    let mut summary = Summary {
        skipped: loaded.filtered_out,
        load_errors: loaded.errors.len(),
        ..Summary::default()
    };
    if loaded.specs.is_empty() {
        for error in &loaded.errors {
            let _ = reporter.event(&Event::LoadFailed(error));
        }
        let _ = reporter.event(&Event::RunFinished(&summary));
        return EXIT_ERROR;
    }
    // Each spec holds one pooled connection; a few spare for clean-up after timeouts.
    let mut target = match server::connect(url, jobs + SPARE_CONNECTIONS).await {
        Ok(target) => target,
        Err(message) => {
            // The reports still say why nothing ran, for CI tools that read them.
            summary.environment = Some(message.clone());
            let _ = reporter.event(&Event::RunFinished(&summary));
            return fail(&message);
        }
    };
    // More jobs than the server has connections for would fail spec after spec with "too
    // many clients": cap them up front, and say so.
    // A job holds a connection per session of its spec (and one more that watches them for
    // lock waits when there are several).
    let per_job = loaded
        .specs
        .iter()
        .map(|s| s.sessions.len() + usize::from(s.sessions.len() > 1))
        .max()
        .unwrap_or(1)
        .max(1);
    let needed = |jobs: usize| jobs * per_job + SPARE_CONNECTIONS;
    let jobs = match target.database.connection_headroom().await {
        Some(free) if free < needed(1) => {
            return fail(&format!(
                "the server has {free} connection(s) free; a run needs at least {}",
                needed(1)
            ));
        }
        Some(free) if needed(jobs) > free => {
            let capped = (free - SPARE_CONNECTIONS) / per_job;
            eprintln!(
                "note: {jobs} jobs need more connections than the server has free ({free}): running {capped} at a time"
            );
            capped
        }
        _ => jobs,
    };
    // Sandboxes of runs that were killed outright (no connection carries their mark): drop
    // them, and say so. The embedded server is new for every run.
    if url.is_some() {
        if let Ok(dropped) = crate::db::sweep_abandoned(&target.database).await {
            if !dropped.is_empty() {
                eprintln!(
                    "note: dropped {} sandbox(es) left by runs that are gone: {}",
                    dropped.len(),
                    dropped.join(", ")
                );
            }
        }
    }
    isolate_jobs(&mut target, jobs).await;
    let _ = reporter.event(&Event::RunStarted {
        specs: loaded.specs.len(),
        jobs,
        server: &target.description,
    });
    for error in &loaded.errors {
        let _ = reporter.event(&Event::LoadFailed(error));
    }
    for warning in loaded.specs.iter().flat_map(|s| &s.warnings) {
        let _ = reporter.event(&Event::LoadWarning(warning));
    }
    let options = RunOptions {
        jobs,
        timeout,
        fail_fast: execution.fail_fast,
        mode,
        golden_root: project.golden_dir(),
        project_rules: project_rules(&project),
        color,
        update,
        rerun_args: rerun_args(selection),
    };
    let outcome = run_specs(
        loaded.specs,
        &target.database,
        &options,
        summary,
        reporter.as_mut(),
    )
    .await;
    target.finish().await;
    summary = match outcome {
        Ok(summary) => summary,
        Err(crate::runner::Interrupted(signal)) => {
            return fail(&format!("interrupted by {signal}: the run was stopped, its sandboxes dropped, and no golden file was half-written"));
        }
    };
    if prune {
        if let Err(message) = prune_stale(&project) {
            return fail(&message);
        }
    }
    let mut code = summary.exit_code();
    if check {
        code = code.max(check_goldens(&project));
    } else if update == UpdatePolicy::New {
        let pending = pending_goldens(&project.golden_dir()).len();
        if pending > 0 {
            eprintln!(
                "note: {pending} pending golden(s): review them with `pgscenario review` (or `pgscenario accept` / `pgscenario reject`)"
            );
        }
    }
    code
}

/// `run --check`: pending goldens and goldens without a spec fail the run, each named.
fn check_goldens(project: &Project) -> u8 {
    let pending = pending_goldens(&project.golden_dir());
    let stale = match all_spec_ids(project) {
        Ok(ids) => stale_goldens(&project.golden_dir(), &ids),
        Err(message) => return fail(&message),
    };
    for p in &pending {
        eprintln!(
            "error: pending golden {} (settle it with `pgscenario review`, accept or reject, and commit the result)",
            p.pending.display()
        );
    }
    for path in &stale {
        eprintln!(
            "error: golden {} has no spec (delete it, or run `pgscenario bless --prune`)",
            path.display()
        );
    }
    match pending.is_empty() && stale.is_empty() {
        true => 0,
        false => EXIT_FAILED,
    }
}

/// A database and a restricted role per job, or (when the server's role may not make
/// them) a note, once, of the protections that are off.
async fn isolate_jobs(target: &mut server::Target, jobs: usize) {
    if let Err(why) = target.database.prepare_slots(jobs).await {
        eprintln!(
            "note: specs run in schemas of one database as the connecting role, because {why}: \
             they can see each other's tables in the catalog and do whatever that role may"
        );
    }
}

fn project_rules(project: &Project) -> Vec<RedactRule> {
    // Checked when the project file was read.
    project
        .config
        .redact
        .iter()
        .filter_map(|r| RedactRule::new(&r.pattern, &r.replace).ok())
        .collect()
}

/// The run's reports: `--format` to standard output (or to `--output`, with the human
/// report still on standard output), and each `--report FORMAT=FILE`.
fn reporter(execution: &Execution, color: bool, bless: bool) -> Result<Box<dyn Reporter>, String> {
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let one =
        |format: Format, out: Box<dyn Write + Send>, to_terminal: bool| -> Box<dyn Reporter> {
            match format {
                Format::Human => Box::new(HumanReporter::new(
                    out,
                    color && to_terminal,
                    std::io::stderr().is_terminal(),
                    bless,
                )),
                Format::Json => Box::new(JsonReporter::new(out)),
                Format::Junit => Box::new(JunitReporter::new(out)),
                Format::Tap => Box::new(TapReporter::new(out)),
                Format::Github => Box::new(GithubReporter::new(out)),
                // Refused before: an HTML report is a directory, never a stream.
                Format::Html => Box::new(HumanReporter::new(out, false, false, bless)),
            }
        };
    let file = |path: &PathBuf| -> Result<Box<dyn Write + Send>, String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        let file = std::fs::File::create(path)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(Box::new(std::io::BufWriter::new(file)))
    };
    if execution.format == Format::Html {
        return Err("the HTML report is a directory: --report html=DIR".to_string());
    }
    let mut reports: Vec<Box<dyn Reporter>> = Vec::new();
    match &execution.output {
        Some(path) => {
            reports.push(one(execution.format, file(path)?, false));
            if execution.format != Format::Human {
                reports.push(one(
                    Format::Human,
                    Box::new(std::io::stdout()),
                    stdout_is_terminal,
                ));
            }
        }
        None => reports.push(one(
            execution.format,
            Box::new(std::io::stdout()),
            stdout_is_terminal,
        )),
    }
    for (format, path) in &execution.reports {
        match format {
            Format::Html => reports.push(Box::new(HtmlReporter::new(path.clone()))),
            _ => reports.push(one(*format, file(path)?, false)),
        }
    }
    Ok(match reports.len() {
        1 => reports.pop().expect("one"),
        _ => Box::new(Reports(reports)),
    })
}

/// Ids of every spec file under the specs root, loaded or not.
fn all_spec_ids(project: &Project) -> Result<HashSet<String>, String> {
    let root = project.specs_dir();
    let files = discover(&[], &root).map_err(|e| e.to_string())?;
    Ok(files
        .iter()
        .filter_map(|f| spec_id(f, &root).ok())
        .collect())
}

fn prune_stale(project: &Project) -> Result<(), String> {
    let stale = stale_goldens(&project.golden_dir(), &all_spec_ids(project)?);
    for path in &stale {
        std::fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        println!("removed stale golden {}", path.display());
    }
    if !stale.is_empty() {
        remove_empty_dirs(&project.golden_dir());
    }
    Ok(())
}

pub fn list(args: ListArgs) -> u8 {
    let project = match project() {
        Ok(p) => p,
        Err(message) => return fail(&message),
    };
    if args.stale {
        return match all_spec_ids(&project) {
            Ok(ids) => {
                let stale = stale_goldens(&project.golden_dir(), &ids);
                for path in &stale {
                    println!("{}", path.display());
                }
                u8::from(!stale.is_empty()) * EXIT_FAILED
            }
            Err(message) => fail(&message),
        };
    }
    if args.pending {
        let pending = pending_goldens(&project.golden_dir());
        for p in &pending {
            println!("{}", p.pending.display());
        }
        return u8::from(!pending.is_empty()) * EXIT_FAILED;
    }
    let timeout = match spec_timeout(&project, None) {
        Ok(timeout) => timeout,
        Err(message) => return fail(&message),
    };
    let loaded = match load_selection(&project, &args.selection, timeout) {
        Ok(loaded) => loaded,
        Err(message) => return fail(&message),
    };
    for spec in &loaded.specs {
        if args.show_tags && !spec.tags.is_empty() {
            println!("{} [{}]", spec.id, spec.tags.join(", "));
        } else {
            println!("{}", spec.id);
        }
    }
    report_load_errors(&loaded.errors)
}

pub fn validate(args: ValidateArgs) -> u8 {
    let project = match project() {
        Ok(p) => p,
        Err(message) => return fail(&message),
    };
    let timeout = match spec_timeout(&project, None) {
        Ok(timeout) => timeout,
        Err(message) => return fail(&message),
    };
    let loaded = match load_selection(&project, &args.selection, timeout) {
        Ok(loaded) => loaded,
        Err(message) => return fail(&message),
    };
    let style = console::Style::new().yellow().bold().for_stderr();
    for warning in loaded.specs.iter().flat_map(|s| &s.warnings) {
        eprint!("{} {}", style.apply_to("warning:"), warning.render());
    }
    let code = report_load_errors(&loaded.errors);
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    if code == 0 {
        println!("{} valid", plural(loaded.specs.len(), "spec"));
    } else {
        // As a compiler ends: how many errors, in how many files.
        let errors = loaded.errors.iter().map(|e| e.all().count()).sum();
        let style = console::Style::new().red().bold().for_stderr();
        eprintln!(
            "{} {} in {} ({} valid)",
            style.apply_to("error:"),
            plural(errors, "error"),
            plural(loaded.errors.len(), "file"),
            loaded.specs.len()
        );
    }
    code
}

fn report_load_errors(errors: &[LoadError]) -> u8 {
    let style = console::Style::new().red().bold().for_stderr();
    for error in errors.iter().flat_map(LoadError::all) {
        eprint!("{} {}", style.apply_to("error:"), error.render_one());
    }
    if errors.is_empty() {
        0
    } else {
        EXIT_ERROR
    }
}

pub async fn show(args: ShowArgs, color: bool) -> u8 {
    let project = match project() {
        Ok(p) => p,
        Err(message) => return fail(&message),
    };
    let vars = match cli_vars(&args.vars) {
        Ok(v) => v,
        Err(message) => return fail(&message),
    };
    let settings = match project.django_settings() {
        Ok(s) => s,
        Err(message) => return fail(&message),
    };
    let limit = match spec_timeout(&project, args.timeout) {
        Ok(limit) => limit,
        Err(message) => return fail(&message),
    };
    let ctx = LoadContext {
        specs_root: project.specs_dir(),
        cli_vars: vars,
        settings,
        template_timeout: Some(limit),
    };
    let spec = match load_one(&args.spec, &ctx) {
        Ok(spec) => spec,
        Err(message) => return fail(&message),
    };
    // What loads but raises when it runs, as `run` and `validate` say it.
    for warning in &spec.warnings {
        let style = console::Style::new().yellow().bold().for_stderr();
        eprint!("{} {}", style.apply_to("warning:"), warning.render());
    }
    let mut target = match server::connect(args.connection.database_url.as_deref(), 3).await {
        Ok(target) => target,
        Err(message) => return fail(&message),
    };
    isolate_jobs(&mut target, 1).await;
    let started = std::time::Instant::now();
    let execution = tokio::select! {
        execution = execute_scaled(&spec, &target.database, limit) => execution,
        signal = crate::runner::interrupt::interrupted() => {
            crate::db::drop_all_sandboxes(&target.database).await;
            target.finish().await;
            return fail(&format!("interrupted by {signal}"));
        }
    };
    target.finish().await;
    let golden_root = project.golden_dir();
    let ctx = VerdictContext {
        golden_root: &golden_root,
        mode: GoldenMode::Ignore,
        project_rules: &project_rules(&project),
        color,
        update: crate::golden::UpdatePolicy::No,
        rerun_args: "",
    };
    let (execution, scaling) = execution;
    let mut result = settle(&spec, execution, started.elapsed(), &ctx);
    result.scaling = scaling;
    print!("{}", result.rendered);
    if let Some(scaling) = &result.scaling {
        print!("-- scale\n{}", scaling.table());
    }
    if args.fingerprints {
        print!("{}", fingerprint_listing(&result.fingerprints));
    }
    if let Some(error) = &result.error {
        return fail(error);
    }
    for failure in &result.failures {
        match &failure.location {
            Some(at) => eprintln!("{at}: {}", failure.message),
            None => eprintln!("{}", failure.message),
        }
    }
    match result.status {
        Status::Passed => 0,
        Status::Failed => EXIT_FAILED,
        Status::Error => EXIT_ERROR,
    }
}

/// `-- fingerprints`, then a line per statement (`×N` for a run of the same one in a step):
/// the step, the id and the fingerprint.
fn fingerprint_listing(fingerprints: &[StatementFingerprint]) -> String {
    let mut out = String::from("-- fingerprints\n");
    let mut runs: Vec<(&StatementFingerprint, usize)> = Vec::new();
    for statement in fingerprints {
        match runs.last_mut() {
            Some((last, count)) if *last == statement => *count += 1,
            _ => runs.push((statement, 1)),
        }
    }
    for (statement, count) in runs {
        let step = statement
            .step
            .map_or("setup".to_string(), |n| format!("step {n}"));
        let times = if count > 1 {
            format!(" ×{count}")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "-- {step}  {}{times}  {}\n",
            statement.id, statement.fingerprint
        ));
    }
    out
}

fn load_one(path: &Path, ctx: &LoadContext) -> Result<Spec, String> {
    one_spec_file(path)?;
    load_spec(&PathBuf::from(path), ctx).map_err(|e| e.render().trim_end().to_string())
}
