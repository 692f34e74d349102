//! `--report html=DIR`: one self-contained page per run (DIR/index.html, no server and no
//! network needed): each spec's status, failures, diff and log, and a timeline of its
//! statements per session (when each was sent, how long it took, rows, waits).

use std::fmt::Write as _;
use std::path::PathBuf;

use super::{Event, Reporter, SpecResult, Status, Summary};

/// Collects results and writes the page when the run finishes.
pub struct HtmlReporter {
    dir: PathBuf,
    results: Vec<SpecResult>,
    load_errors: Vec<String>,
}

impl HtmlReporter {
    pub fn new(dir: PathBuf) -> HtmlReporter {
        HtmlReporter {
            dir,
            results: Vec::new(),
            load_errors: Vec::new(),
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Error => "error",
    }
}

const STYLE: &str = "body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}\
h1{font-size:1.4em}table{border-collapse:collapse}td,th{padding:2px 10px;text-align:left}\
.passed{color:#17692c}.failed,.error{color:#b00020}pre{background:#f6f6f6;padding:8px;overflow:auto}\
details{margin:6px 0;border-left:3px solid #ddd;padding-left:8px}\
.lane{position:relative;height:18px;margin:2px 0;background:#fafafa}\
.lane span.name{position:absolute;left:0;width:90px;font-size:12px}\
.bar{position:absolute;height:14px;top:2px;background:#4a7bd0;min-width:2px}\
.bar.err{background:#b00020}.bar.wait{background:#e0a000}";

/// Counts the specs by status in the browser, from the rows' data attributes: the page
/// says what it holds even when read as a file.
const SCRIPT: &str = "document.addEventListener('DOMContentLoaded',function(){\
var rows=document.querySelectorAll('tr[data-status]');var n={passed:0,failed:0,error:0};\
rows.forEach(function(r){n[r.dataset.status]++;});\
['passed','failed','error'].forEach(function(k){document.getElementById(k+'-count').textContent=n[k];});\
document.body.dataset.rendered='yes';});";

fn timeline(out: &mut String, result: &SpecResult) {
    let end = result
        .timeline
        .iter()
        .map(|t| t.at + t.elapsed)
        .max()
        .unwrap_or_default()
        .as_secs_f64()
        .max(1e-6);
    let mut sessions: Vec<&str> = Vec::new();
    for entry in &result.timeline {
        if !sessions.contains(&entry.session.as_str()) {
            sessions.push(&entry.session);
        }
    }
    let _ = write!(out, "<div class=\"timeline\">");
    for session in sessions {
        let _ = write!(
            out,
            "<div class=\"lane\" data-session=\"{}\"><span class=\"name\">{}</span>",
            escape(session),
            escape(session)
        );
        for entry in result.timeline.iter().filter(|t| t.session == session) {
            let left = 100.0 + entry.at.as_secs_f64() / end * 800.0;
            let width = entry.elapsed.as_secs_f64() / end * 800.0;
            let class = match (&entry.error, entry.waited) {
                (Some(_), _) => "bar err",
                (None, true) => "bar wait",
                _ => "bar",
            };
            let step = entry
                .step
                .map_or("setup".to_string(), |n| format!("step {n}"));
            let mut title = format!(
                "{step}, at {:.3} ms, {:.3} ms: {}",
                entry.at.as_secs_f64() * 1e3,
                entry.elapsed.as_secs_f64() * 1e3,
                entry.sql
            );
            if let Some(rows) = entry.rows {
                let _ = write!(title, " ({rows} rows)");
            }
            if let Some(error) = &entry.error {
                let _ = write!(title, " error {error}");
            }
            if entry.waited {
                title.push_str(" (waited for a lock)");
            }
            let _ = write!(
                out,
                "<div class=\"{class}\" style=\"left:{left:.1}px;width:{width:.1}px\" title=\"{}\"></div>",
                escape(&title)
            );
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
}

fn page(results: &[SpecResult], load_errors: &[String], summary: &Summary) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pgscenario run</title><style>{STYLE}</style><script>{SCRIPT}</script></head><body>"
    );
    let _ = write!(
        out,
        "<h1>pgscenario run</h1><p id=\"counts\"><span class=\"passed\"><span id=\"passed-count\">?</span> passed</span>, <span class=\"failed\"><span id=\"failed-count\">?</span> failed</span>, <span class=\"error\"><span id=\"error-count\">?</span> could not run</span>; {} could not be loaded; {:.3} s</p>",
        summary.load_errors,
        summary.duration.as_secs_f64()
    );
    if let Some(why) = summary.run_error() {
        let _ = write!(out, "<pre class=\"error\">{}</pre>", escape(why));
    }
    for error in load_errors {
        let _ = write!(out, "<pre class=\"error load\">{}</pre>", escape(error));
    }
    out.push_str("<table><tr><th>spec</th><th>status</th><th>time</th><th>statements</th></tr>");
    for r in results {
        let status = status_name(r.status);
        let _ = write!(
            out,
            "<tr data-status=\"{status}\" data-spec=\"{}\"><td><a href=\"#{}\">{}</a></td><td class=\"{status}\">{status}</td><td>{:.3} s</td><td>{}</td></tr>",
            escape(&r.id),
            escape(&r.id),
            escape(&r.id),
            r.duration.as_secs_f64(),
            r.statements
        );
    }
    out.push_str("</table>");
    for r in results {
        let status = status_name(r.status);
        let open = if r.status == Status::Passed {
            ""
        } else {
            " open"
        };
        let _ = write!(
            out,
            "<details id=\"{}\"{open}><summary class=\"{status}\">{} — {status}</summary><p>{}</p>",
            escape(&r.id),
            escape(&r.id),
            escape(&r.path.display().to_string())
        );
        if r.status != Status::Passed {
            let _ = write!(
                out,
                "<pre class=\"failures\">{}</pre>",
                escape(&r.failure_text())
            );
        }
        timeline(&mut out, r);
        let _ = write!(
            out,
            "<pre class=\"log\">{}</pre></details>",
            escape(&r.rendered)
        );
    }
    out.push_str("</body></html>\n");
    out
}

impl Reporter for HtmlReporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        match event {
            Event::SpecFinished(result) => {
                self.results.push((*result).clone());
                Ok(())
            }
            Event::LoadFailed(error) => {
                self.load_errors.push(error.render());
                Ok(())
            }
            Event::RunFinished(summary) => {
                self.results.sort_by(|a, b| a.id.cmp(&b.id));
                std::fs::create_dir_all(&self.dir)?;
                let text = page(&self.results, &self.load_errors, summary);
                crate::golden::write_golden(&self.dir.join("index.html"), &text)
                    .map_err(std::io::Error::other)
            }
            _ => Ok(()),
        }
    }
}
