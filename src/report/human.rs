//! Human output in the manner of cargo test and nextest: a line per spec, details under each
//! failure, a closing `N passed, N failed` line.

use std::io::Write;
use std::time::Duration;

use console::Style;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Event, GoldenOutcome, Reporter, SpecResult, Status, Summary};
use crate::spec::Privileges;

/// Writes human-readable results; shows a progress bar on a terminal for long runs.
pub struct HumanReporter {
    out: Box<dyn Write + Send>,
    color: bool,
    progress: Option<ProgressBar>,
    bless: bool,
}

/// Runs with fewer specs than this finish too quickly for a progress bar to help.
const PROGRESS_THRESHOLD: usize = 20;

impl HumanReporter {
    pub fn new(
        out: Box<dyn Write + Send>,
        color: bool,
        progress_on_terminal: bool,
        bless: bool,
    ) -> HumanReporter {
        HumanReporter {
            out,
            color,
            progress: progress_on_terminal.then(ProgressBar::hidden),
            bless,
        }
    }

    fn style(&self, style: Style) -> Style {
        style.force_styling(self.color)
    }

    fn write(&mut self, text: &str) -> std::io::Result<()> {
        match &self.progress {
            Some(bar) if !bar.is_hidden() => {
                let out = &mut self.out;
                bar.suspend(|| out.write_all(text.as_bytes()))
            }
            _ => self.out.write_all(text.as_bytes()),
        }
    }

    fn spec_line(&self, result: &SpecResult) -> String {
        let (word, style) = match (result.status, &result.golden) {
            (Status::Passed, GoldenOutcome::Written { new: true }) => {
                ("NEW", Style::new().green().bold())
            }
            (Status::Passed, GoldenOutcome::Written { new: false }) => {
                ("BLESSED", Style::new().green().bold())
            }
            (Status::Passed, _) => ("PASS", Style::new().green().bold()),
            (Status::Failed, _) => ("FAIL", Style::new().red().bold()),
            (Status::Error, _) => ("ERROR", Style::new().red().bold()),
        };
        // A spec that runs with the connecting role's privileges says so on every run.
        let privileges = match result.privileges {
            Privileges::Superuser => format!(
                " {}",
                self.style(Style::new().yellow()).apply_to("(superuser)")
            ),
            Privileges::Restricted => String::new(),
        };
        format!(
            "{:>12} [{:>8}] {}{privileges}\n",
            self.style(style).apply_to(word),
            seconds(result.duration),
            result.id
        )
    }

    fn details(&self, result: &SpecResult) -> String {
        let mut text = String::new();
        let warning = self.style(Style::new().yellow().bold());
        for line in &result.warnings {
            text.push_str(&format!("{:>12} {line}\n", warning.apply_to("warning:")));
        }
        if let Some(scaling) = &result.scaling {
            let dim = self.style(Style::new().dim());
            for line in scaling.table().lines() {
                text.push_str(&format!("    {}\n", dim.apply_to(line)));
            }
        }
        if result.status == Status::Passed {
            return text;
        }
        let dim = self.style(Style::new().dim());
        text.push_str(&format!(
            "{}\n",
            dim.apply_to(format!("--- {} ({})", result.id, result.path.display()))
        ));
        text.push_str(&result.failure_text());
        text
    }

    fn summary(&self, summary: &Summary) -> String {
        let mut text = String::new();
        if self.bless {
            text.push_str(&format!(
                "goldens: {} written ({} new), {} unchanged\n",
                summary.written, summary.new, summary.unchanged
            ));
        }
        if summary.errors > 0 || summary.load_errors > 0 {
            text.push_str(&format!(
                "{} spec(s) could not run and {} could not be loaded (exit code 2)\n",
                summary.errors, summary.load_errors
            ));
        }
        if let Some(why) = &summary.server_lost {
            text.push_str(&format!(
                "{} {why}\n",
                self.style(Style::new().red().bold()).apply_to("error:"),
            ));
        }
        if !summary.changes.is_empty() {
            text.push_str(&format!("golden changes: {}\n", summary.changes.describe()));
        }
        let dim = self.style(Style::new().dim());
        for line in summary.diagnostics.lines() {
            text.push_str(&format!("{}\n", dim.apply_to(line)));
        }
        let failed = summary.failed + summary.errors + summary.load_errors;
        let word = if failed > 0 {
            Style::new().red().bold()
        } else {
            Style::new().green().bold()
        };
        text.push_str(&format!(
            "{:>12} [{:>8}] {} specs run\n",
            self.style(word).apply_to("Summary"),
            seconds(summary.duration),
            summary.passed + summary.failed + summary.errors
        ));
        // The JSON summary's counts, by the same names: failed (an expectation or the golden),
        // errors (could not run) and load errors (could not be read) apart.
        let mut last = format!("{} passed, {} failed", summary.passed, summary.failed);
        if summary.errors > 0 {
            let plural = if summary.errors == 1 { "" } else { "s" };
            last.push_str(&format!(", {} error{plural}", summary.errors));
        }
        if summary.load_errors > 0 {
            let plural = if summary.load_errors == 1 { "" } else { "s" };
            last.push_str(&format!(", {} load error{plural}", summary.load_errors));
        }
        if summary.skipped > 0 {
            last.push_str(&format!(", {} skipped", summary.skipped));
        }
        text.push_str(&last);
        text.push('\n');
        text
    }
}

impl Reporter for HumanReporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        match event {
            Event::RunStarted {
                specs,
                jobs,
                server,
            } => {
                if let Some(bar) = &mut self.progress {
                    if *specs >= PROGRESS_THRESHOLD {
                        *bar = ProgressBar::with_draw_target(
                            Some(*specs as u64),
                            ProgressDrawTarget::stderr(),
                        );
                        if let Ok(style) = ProgressStyle::with_template(
                            "{spinner} [{elapsed}] {bar:40} {pos}/{len} specs",
                        ) {
                            bar.set_style(style);
                        }
                    }
                }
                let word = self.style(Style::new().green().bold()).apply_to("Starting");
                let plural = if *specs == 1 { "" } else { "s" };
                let jobs_plural = if *jobs == 1 { "" } else { "s" };
                self.write(&format!(
                    "{word:>12} {specs} spec{plural} ({jobs} job{jobs_plural}) on {server}\n"
                ))
            }
            Event::LoadFailed(error) => {
                for one in error.all() {
                    self.write(&format!(
                        "{} {}",
                        self.style(Style::new().red().bold()).apply_to("error:"),
                        one.render_one()
                    ))?;
                }
                Ok(())
            }
            Event::LoadWarning(warning) => {
                let text = warning.render();
                self.write(&format!(
                    "{} {}",
                    self.style(Style::new().yellow().bold())
                        .apply_to("warning:"),
                    text
                ))
            }
            Event::SpecFinished(result) => {
                if let Some(bar) = &self.progress {
                    bar.inc(1);
                }
                let text = format!("{}{}", self.spec_line(result), self.details(result));
                self.write(&text)
            }
            // The error itself is on standard error; no counts of a run that did not start.
            Event::RunFinished(summary) if summary.environment.is_some() => Ok(()),
            Event::RunFinished(summary) => {
                if let Some(bar) = self.progress.take() {
                    bar.finish_and_clear();
                }
                let text = self.summary(summary);
                self.write(&text)?;
                self.out.flush()
            }
        }
    }
}

fn seconds(d: Duration) -> String {
    format!("{:.3}s", d.as_secs_f64())
}
