//! JUnit XML (via quick-junit, the writer nextest uses) for CI systems.

use std::io::Write;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{Event, Reporter, SpecResult, Status};

/// Collects results and writes one JUnit report when the run finishes.
pub struct JunitReporter {
    out: Box<dyn Write + Send>,
    cases: Vec<TestCase>,
}

impl JunitReporter {
    pub fn new(out: Box<dyn Write + Send>) -> JunitReporter {
        JunitReporter {
            out,
            cases: Vec::new(),
        }
    }
}

fn case(result: &SpecResult) -> TestCase {
    let status = match result.status {
        Status::Passed => TestCaseStatus::success(),
        Status::Failed | Status::Error => {
            let kind = if result.status == Status::Failed {
                NonSuccessKind::Failure
            } else {
                NonSuccessKind::Error
            };
            let mut status = TestCaseStatus::non_success(kind);
            let text = result.failure_text();
            let first = text.lines().next().unwrap_or("failed").to_string();
            if let TestCaseStatus::NonSuccess {
                message,
                description,
                ..
            } = &mut status
            {
                *message = Some(first.into());
                *description = Some(text.into());
            }
            status
        }
    };
    let mut case = TestCase::new(result.id.clone(), status);
    let class = result
        .id
        .rsplit_once('/')
        .map_or("specs", |(dir, _)| dir)
        .to_string();
    case.set_classname(class);
    case.set_time(result.duration);
    case
}

impl Reporter for JunitReporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        match event {
            Event::SpecFinished(result) => {
                self.cases.push(case(result));
                Ok(())
            }
            // A warning is not a test case; the spec's own case says how it ran.
            Event::LoadWarning(_) => Ok(()),
            Event::LoadFailed(error) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                if let TestCaseStatus::NonSuccess { message, .. } = &mut status {
                    *message = Some(error.to_string().into());
                }
                let mut case = TestCase::new(error.location.file.display().to_string(), status);
                case.set_classname("load");
                self.cases.push(case);
                Ok(())
            }
            Event::RunStarted { .. } => Ok(()),
            Event::RunFinished(summary) => {
                let mut cases = std::mem::take(&mut self.cases);
                cases.sort_by(|a, b| a.name.cmp(&b.name));
                let mut suite = TestSuite::new("pgscenario");
                suite.add_test_cases(cases);
                suite.set_time(summary.duration);
                // The run's diagnostics (statements, slowest, N+1), as CI systems show a
                // suite's output.
                let diagnostics = summary.diagnostics.lines();
                if !diagnostics.is_empty() {
                    suite.set_system_out(diagnostics.join("\n"));
                }
                let mut report = Report::new("pgscenario");
                report.add_test_suite(suite);
                let xml = report.to_string().map_err(std::io::Error::other)?;
                self.out.write_all(xml.as_bytes())?;
                self.out.write_all(b"\n")?;
                self.out.flush()
            }
        }
    }
}
