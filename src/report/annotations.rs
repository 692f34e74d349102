//! Line-oriented reports for CI tools: TAP (version 13) and GitHub Actions workflow
//! commands (`::error file=...,line=...::`), which put a spec's failures on the lines of its
//! file in a pull request.

use std::io::Write;

use super::{Event, Reporter, SpecResult, Status};

fn number(s: Option<&str>) -> Option<&str> {
    s.filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()))
}

/// `file:line:column` split, or the whole text as the file.
fn place(location: &str) -> (&str, Option<&str>, Option<&str>) {
    let mut parts = location.rsplitn(3, ':');
    let (last, middle, first) = (parts.next(), parts.next(), parts.next());
    match (first, number(middle), number(last)) {
        (Some(file), Some(line), Some(column)) => (file, Some(line), Some(column)),
        _ => match location.rsplit_once(':') {
            Some((file, line)) if number(Some(line)).is_some() => (file, Some(line), None),
            _ => (location, None, None),
        },
    }
}

/// A workflow command's data: `%`, CR and LF escaped, as GitHub reads them.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// GitHub Actions annotations: an `::error` per failure at its file and line, then the
/// run's counts as a notice.
pub struct GithubReporter {
    out: Box<dyn Write + Send>,
}

impl GithubReporter {
    pub fn new(out: Box<dyn Write + Send>) -> GithubReporter {
        GithubReporter { out }
    }

    fn annotate(&mut self, result: &SpecResult) -> std::io::Result<()> {
        let title = escape_property(&format!("pgscenario {}", result.id));
        let spec_file = result.path.display().to_string();
        if let Some(error) = &result.error {
            writeln!(
                self.out,
                "::error file={},title={title}::{}",
                escape_property(&spec_file),
                escape_data(error)
            )?;
        }
        for failure in &result.failures {
            let location = failure
                .location
                .clone()
                .unwrap_or_else(|| spec_file.clone());
            let (file, line, column) = place(&location);
            let mut properties = format!("file={}", escape_property(file));
            if let Some(line) = line {
                properties.push_str(&format!(",line={line}"));
            }
            if let Some(column) = column {
                properties.push_str(&format!(",col={column}"));
            }
            writeln!(
                self.out,
                "::error {properties},title={title}::{}",
                escape_data(&failure.message)
            )?;
        }
        Ok(())
    }
}

impl Reporter for GithubReporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        match event {
            Event::SpecFinished(result) if result.status != Status::Passed => self.annotate(result),
            Event::LoadFailed(error) | Event::LoadWarning(error) => {
                let kind = match matches!(event, Event::LoadFailed(_)) {
                    true => "error",
                    false => "warning",
                };
                for error in error.all() {
                    writeln!(
                        self.out,
                        "::{kind} file={},line={},col={},title=pgscenario::{}",
                        escape_property(&error.location.file.display().to_string()),
                        error.location.line,
                        error.location.column,
                        escape_data(&error.message)
                    )?;
                }
                Ok(())
            }
            Event::RunFinished(summary) => {
                if let Some(why) = summary.run_error() {
                    writeln!(self.out, "::error title=pgscenario::{}", escape_data(why))?;
                }
                writeln!(
                    self.out,
                    "::notice title=pgscenario::{} passed, {} failed, {} could not run, {} could not be loaded",
                    summary.passed, summary.failed, summary.errors, summary.load_errors
                )?;
                self.out.flush()
            }
            _ => Ok(()),
        }
    }
}

/// TAP version 13: a test point per spec (and per file that did not load), with the
/// failure as YAML diagnostics; the plan comes last, as TAP allows.
pub struct TapReporter {
    out: Box<dyn Write + Send>,
    count: usize,
}

impl TapReporter {
    pub fn new(out: Box<dyn Write + Send>) -> TapReporter {
        TapReporter { out, count: 0 }
    }

    fn point(&mut self, ok: bool, name: &str, message: Option<&str>) -> std::io::Result<()> {
        if self.count == 0 {
            writeln!(self.out, "TAP version 13")?;
        }
        self.count += 1;
        let status = if ok { "ok" } else { "not ok" };
        writeln!(
            self.out,
            "{status} {} - {}",
            self.count,
            name.replace('#', "\\#")
        )?;
        if let Some(message) = message {
            writeln!(self.out, "  ---")?;
            writeln!(self.out, "  message: |")?;
            for line in message.lines() {
                writeln!(self.out, "    {line}")?;
            }
            writeln!(self.out, "  ...")?;
        }
        Ok(())
    }
}

impl Reporter for TapReporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        match event {
            Event::SpecFinished(result) => {
                let text = result.failure_text();
                let ok = result.status == Status::Passed;
                self.point(ok, &result.id, (!ok).then_some(text.as_str()))
            }
            Event::LoadFailed(error) => {
                let name = error.location.file.display().to_string();
                self.point(false, &name, Some(&error.render()))
            }
            Event::RunFinished(summary) => {
                if let Some(why) = summary.run_error() {
                    if self.count == 0 {
                        writeln!(self.out, "TAP version 13")?;
                    }
                    writeln!(self.out, "Bail out! {}", why.lines().next().unwrap_or(""))?;
                    return self.out.flush();
                }
                if self.count == 0 {
                    writeln!(self.out, "TAP version 13")?;
                }
                writeln!(self.out, "1..{}", self.count)?;
                self.out.flush()
            }
            _ => Ok(()),
        }
    }
}

/// Several reports of one run: each event goes to each.
pub struct Reports(pub Vec<Box<dyn Reporter>>);

impl Reporter for Reports {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        for reporter in &mut self.0 {
            reporter.event(event)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_locations_and_escapes_workflow_commands() {
        assert_eq!(
            place("specs/a.yaml:6:10"),
            ("specs/a.yaml", Some("6"), Some("10"))
        );
        assert_eq!(place("specs/a.yaml"), ("specs/a.yaml", None, None));
        assert_eq!(place("golden/a.sql"), ("golden/a.sql", None, None));
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("x:y,z"), "x%3Ay%2Cz");
    }
}
