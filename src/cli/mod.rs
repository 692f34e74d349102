//! The command line: parse arguments, load specs, pick the server, run, report, exit code.

mod args;
mod commands;
mod graph;
mod new;
mod review;
mod server;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::{ColorChoice, Command};

/// Exit codes: 0 all passed, 1 a spec failed, 2 bad specs, arguments or environment.
pub const EXIT_FAILED: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// The whole program; `main` only calls this.
pub fn main() -> ExitCode {
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == crate::template::CHILD_COMMAND)
    {
        return crate::template::child_main();
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { EXIT_ERROR } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let color = color_enabled(cli.color);
    console::set_colors_enabled(color);
    console::set_colors_enabled_stderr(
        color && std::io::stderr().is_terminal() || cli.color == ColorChoice::Always,
    );
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return ExitCode::from(fail(&format!("cannot start the async runtime: {err}"))),
    };
    let code = runtime.block_on(async {
        match cli.command {
            Command::Run(args) => commands::run(args, color).await,
            Command::Bless(args) => commands::bless(args, color).await,
            Command::List(args) => commands::list(args),
            Command::Validate(args) => commands::validate(args),
            Command::Show(args) => commands::show(args, color).await,
            Command::New(args) => new::new_spec(args),
            Command::Graph(args) => graph::graph(args),
            Command::Review(args) => review::review(args, color),
            Command::Accept(args) => review::settle_all(args, true),
            Command::Reject(args) => review::settle_all(args, false),
            Command::Report(args::ReportCommand::Merge(args)) => merge_reports(args),
            Command::Completions { shell } => {
                let mut command = <Cli as clap::CommandFactory>::command();
                let mut text = Vec::new();
                clap_complete::generate(shell, &mut command, "pgscenario", &mut text);
                print_all(&text)
            }
            Command::Schema => {
                let schema = crate::spec::spec_schema();
                match serde_json::to_string_pretty(&schema) {
                    Ok(text) => print_all(format!("{text}\n").as_bytes()),
                    Err(err) => fail(&format!("cannot write the schema: {err}")),
                }
            }
            Command::Man => {
                let command = <Cli as clap::CommandFactory>::command();
                let mut text = Vec::new();
                match clap_mangen::Man::new(command).render(&mut text) {
                    Ok(()) => print_all(&text),
                    Err(err) => fail(&format!("cannot render the man page: {err}")),
                }
            }
        }
    });
    // Sandboxes and the embedded server are gone by now; do not wait for idle pool tasks.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    ExitCode::from(code)
}

/// Writes generated text to standard output; a reader that stops early (`| head`) is fine.
fn print_all(text: &[u8]) -> u8 {
    use std::io::Write;
    match std::io::stdout().write_all(text) {
        Ok(()) => 0,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(err) => fail(&format!("cannot write to standard output: {err}")),
    }
}

/// `report merge`: reads the parts, writes the whole.
fn merge_reports(args: args::MergeArgs) -> u8 {
    let mut inputs = Vec::new();
    for path in &args.reports {
        match crate::fsread::read_regular_text(path, crate::fsread::MAX_INPUT_BYTES) {
            Ok(text) => inputs.push((path.clone(), text)),
            Err(err) => return fail(&format!("cannot read {}: {err}", path.display())),
        }
    }
    let merged = match crate::report::merge::merge(&inputs) {
        Ok(merged) => merged,
        Err(message) => return fail(&message),
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &merged)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(merged.as_bytes())
                .map_err(|e| e.to_string())
        }
    };
    match written {
        Ok(()) => 0,
        Err(message) => fail(&message),
    }
}

fn color_enabled(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The specs directory of the project around the current directory.
pub(crate) fn commands_project_specs_dir() -> Result<std::path::PathBuf, String> {
    let cwd =
        std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    crate::config::Project::discover(&cwd)
        .map(|p| p.specs_dir())
        .map_err(|e| e.render().trim_end().to_string())
}

/// Prints a one-line error and returns exit code 2.
pub(crate) fn fail(message: &str) -> u8 {
    let style = console::Style::new().red().bold().for_stderr();
    eprintln!("{} {message}", style.apply_to("error:"));
    EXIT_ERROR
}
