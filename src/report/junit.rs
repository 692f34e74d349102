//! JUnit XML (via quick-junit, the writer nextest uses) for CI systems.

use std::io::Write;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::{Event, Reporter, SpecResult, Status};

/// Collects results and writes one JUnit report when the run finishes: a `<testsuite>` per
/// spec file (its `file` attribute is the spec's path, which the Jenkins xunit schema allows
/// on a suite but not on a case), each with the spec's one `<testcase>`.
pub struct JunitReporter {
    out: Box<dyn Write + Send>,
    suites: Vec<TestSuite>,
}

impl JunitReporter {
    pub fn new(out: Box<dyn Write + Send>) -> JunitReporter {
        JunitReporter {
            out,
            suites: Vec::new(),
        }
    }
}

fn non_success(kind: NonSuccessKind, text: String) -> TestCaseStatus {
    let mut status = TestCaseStatus::non_success(kind);
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

fn suite(result: &SpecResult) -> TestSuite {
    let status = match result.status {
        Status::Passed => TestCaseStatus::success(),
        Status::Failed => non_success(NonSuccessKind::Failure, result.failure_text()),
        Status::Error => non_success(NonSuccessKind::Error, result.failure_text()),
    };
    let mut case = TestCase::new(result.id.clone(), status);
    let class = result
        .id
        .rsplit_once('/')
        .map_or("specs", |(dir, _)| dir)
        .to_string();
    case.set_classname(class);
    case.set_time(result.duration);
    let mut suite = TestSuite::new(result.id.clone());
    suite.set_time(result.duration);
    suite
        .extra
        .insert("file".into(), result.path.display().to_string().into());
    suite.add_test_case(case);
    suite
}

impl Reporter for JunitReporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        match event {
            Event::SpecFinished(result) => {
                self.suites.push(suite(result));
                Ok(())
            }
            // A warning is not a test case; the spec's own case says how it ran.
            Event::LoadWarning(_) => Ok(()),
            Event::LoadFailed(error) => {
                let file = error.location.file.display().to_string();
                let text = error.all().map(|e| e.to_string()).collect::<Vec<_>>();
                let status = non_success(NonSuccessKind::Error, text.join("\n"));
                let mut case = TestCase::new(file.clone(), status);
                case.set_classname("load");
                let mut suite = TestSuite::new(file.clone());
                suite.extra.insert("file".into(), file.into());
                suite.add_test_case(case);
                self.suites.push(suite);
                Ok(())
            }
            Event::RunStarted { .. } => Ok(()),
            Event::RunFinished(summary) => {
                let mut suites = std::mem::take(&mut self.suites);
                suites.sort_by(|a, b| a.name.cmp(&b.name));
                // The run's diagnostics (statements, slowest, N+1), as CI systems show a
                // suite's output: a suite of their own, with no cases.
                let diagnostics = summary.diagnostics.lines();
                if !diagnostics.is_empty() {
                    let mut run = TestSuite::new("pgscenario");
                    run.set_system_out(diagnostics.join("\n"));
                    suites.push(run);
                }
                if let Some(why) = summary.run_error() {
                    let status = non_success(NonSuccessKind::Error, why.to_string());
                    let mut case = TestCase::new("environment", status);
                    case.set_classname("pgscenario");
                    let mut run = TestSuite::new("environment");
                    run.add_test_case(case);
                    suites.push(run);
                }
                let mut report = Report::new("pgscenario");
                report.set_time(summary.duration);
                report.add_test_suites(suites);
                let xml = report.to_string().map_err(std::io::Error::other)?;
                self.out.write_all(schema_valid(&xml).as_bytes())?;
                self.out.write_all(b"\n")?;
                self.out.flush()
            }
        }
    }
}

/// quick-junit writes a `disabled` count on `<testsuites>` and `<testsuite>`, which the
/// Jenkins xunit JUnit schema (junit-10.xsd) does not allow: it goes.
pub(super) fn schema_valid(xml: &str) -> String {
    static DISABLED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(<testsuites?\b[^>]*?) disabled="\d+""#).expect("a valid pattern")
    });
    DISABLED.replace_all(xml, "$1").into_owned()
}
