//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Declarative scenario runner for PostgreSQL: run YAML specs, record every statement they
/// send, and diff the SQL log against golden files.
#[derive(Debug, Parser)]
#[command(name = "pgscenario", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// When to colour output (NO_COLOR is respected with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run specs and compare their SQL logs with the golden files.
    Run(RunArgs),
    /// Run specs and write their golden files (only for specs whose expectations pass).
    Bless(BlessArgs),
    /// List specs (or, with --stale, golden files that have no spec).
    List(ListArgs),
    /// Parse and check specs without a database (for editors and pre-commit hooks).
    Validate(ValidateArgs),
    /// Run one spec and print its rendered SQL log, without comparing (the authoring loop).
    Show(ShowArgs),
    /// Write a commented spec skeleton under the specs directory.
    New(NewArgs),
    /// Print the state machine of a model's `fsm:` as Graphviz DOT or Mermaid.
    Graph(GraphArgs),
    /// Go through the pending goldens a failing run wrote: accept, reject or skip each.
    Review(PendingArgs),
    /// Accept pending goldens (all, or those selected): each becomes its spec's golden.
    Accept(PendingArgs),
    /// Reject pending goldens (all, or those selected): each is deleted.
    Reject(PendingArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell), generated
    /// from the command-line definition: `pgscenario completions bash > ~/.local/share/bash-completion/completions/pgscenario`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from the command-line definition:
    /// `pgscenario man > pgscenario.1`.
    Man,
    /// Print the JSON Schema of the spec format, for editors: `pgscenario schema >
    /// pgscenario.schema.json`, then `# yaml-language-server: $schema=...` atop a spec.
    Schema,
    /// Work on reports: `report merge` joins the reports of a partitioned run.
    #[command(subcommand)]
    Report(ReportCommand),
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Merge the JUnit or JSON reports of the parts of a run (`--partition`) into one.
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The reports, all JUnit XML or all JSON lines.
    #[arg(required = true)]
    pub reports: Vec<PathBuf>,
    /// Write the merged report here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Which pending goldens (`golden/<id>.sql.new`).
#[derive(Debug, Args)]
pub struct PendingArgs {
    /// Spec ids, globs of them (`orm/*`), directories (`orm`) or spec files; default: all.
    pub patterns: Vec<String>,
    /// Only specs whose id contains this text (repeatable: any of them).
    #[arg(short = 'k', long = "filter", value_name = "SUBSTRING")]
    pub filters: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Junit,
    /// TAP version 13.
    Tap,
    /// GitHub Actions annotations (`::error file=...,line=...::`).
    Github,
    /// A page (DIR/index.html) with each spec's status, diff, log and statement timeline;
    /// only with --report html=DIR.
    Html,
}

/// Which specs, and the template variables they are loaded with.
#[derive(Debug, Args)]
pub struct Selection {
    /// Spec files, directories or globs (default: the specs directory).
    pub paths: Vec<String>,
    /// Only specs whose id or name contains this text (repeatable: any of them).
    #[arg(short = 'k', long = "filter", value_name = "SUBSTRING")]
    pub filters: Vec<String>,
    /// Only specs with this tag (repeatable: any of them).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only this partition of the spec files: count:K/N or hash:K/N (to split a suite
    /// across CI machines; each file is in exactly one of the N).
    #[arg(long, value_name = "count:K/N|hash:K/N")]
    pub partition: Option<crate::spec::partition::Partition>,
    /// Set a template variable, overriding the spec's `vars` (value parsed as YAML).
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
}

/// Where PostgreSQL is.
#[derive(Debug, Args)]
pub struct Connection {
    /// PostgreSQL URL; without it (and without DATABASE_URL) a throwaway server is started.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true, value_name = "URL")]
    pub database_url: Option<String>,
}

/// How to run and report.
#[derive(Debug, Args)]
pub struct Execution {
    /// Specs run at once (default: the project's `jobs`, else the number of cores).
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Stop starting specs after the first failure.
    #[arg(long)]
    pub fail_fast: bool,
    /// Per-spec timeout in seconds (default 30, or the project's `timeout`).
    #[arg(long, value_name = "SECONDS", value_parser = crate::config::parse_timeout_arg)]
    pub timeout: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the --format report to this file; the human report still goes to standard
    /// output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write a report in FORMAT to FILE (repeatable): `--report junit=junit.xml`.
    #[arg(long = "report", value_name = "FORMAT=FILE", value_parser = parse_report)]
    pub reports: Vec<(Format, PathBuf)>,
}

fn parse_report(text: &str) -> Result<(Format, PathBuf), String> {
    let (format, file) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not FORMAT=FILE (e.g. junit=junit.xml)"))?;
    let format = Format::from_str(format, true).map_err(|_| {
        format!("`{format}` is not a report format (human, json, junit, tap, github, html)")
    })?;
    if file.is_empty() {
        return Err(format!("`{text}` names no file"));
    }
    Ok((format, PathBuf::from(file)))
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub selection: Selection,
    #[command(flatten)]
    pub connection: Connection,
    #[command(flatten)]
    pub execution: Execution,
    /// Write golden files instead of comparing (same as `pgscenario bless`).
    #[arg(long)]
    pub bless: bool,
    /// Write nothing, and fail on pending goldens and on goldens that have no spec (CI).
    #[arg(long, conflicts_with = "bless")]
    pub check: bool,
    /// With --bless: write golden files on CI too (the CI variable is set).
    #[arg(long, requires = "bless")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct BlessArgs {
    #[command(flatten)]
    pub selection: Selection,
    #[command(flatten)]
    pub connection: Connection,
    #[command(flatten)]
    pub execution: Execution,
    /// Also delete golden files that have no spec (and the directories that leaves empty).
    #[arg(long)]
    pub prune: bool,
    /// Write golden files on CI too (the CI variable is set).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub selection: Selection,
    /// Show each spec's tags.
    #[arg(long = "tags")]
    pub show_tags: bool,
    /// List golden files that have no spec instead (exit 1 when there are any).
    #[arg(long, conflicts_with = "pending")]
    pub stale: bool,
    /// List pending goldens instead (exit 1 when there are any).
    #[arg(long)]
    pub pending: bool,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub selection: Selection,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The spec file.
    pub spec: PathBuf,
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
    #[command(flatten)]
    pub connection: Connection,
    /// Timeout in seconds.
    #[arg(long, value_name = "SECONDS", value_parser = crate::config::parse_timeout_arg)]
    pub timeout: Option<f64>,
    /// After the log, each statement's fingerprint (its shape without values) and id.
    #[arg(long)]
    pub fingerprints: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The spec's path under the specs directory, without .yaml (e.g. `orders/refund`).
    pub name: String,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The spec file that declares the model (or takes it from a fixture).
    pub spec: PathBuf,
    /// The model whose `fsm:` to draw.
    pub model: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT, as django-fsm-2's `graph_transitions` prints it.
    Dot,
    /// A Mermaid `stateDiagram-v2`.
    Mermaid,
}

fn parse_var(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_string(), value.to_string()))
        }
        _ => Err(format!("expected KEY=VALUE, got `{text}`")),
    }
}
