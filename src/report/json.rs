//! JSON lines: one object per spec, then a summary object, sorted for stable output.

use std::io::Write;

use serde_json::json;

use super::{Event, Reporter, SpecResult};

/// Collects results and writes them, sorted by spec id, when the run finishes.
pub struct JsonReporter {
    out: Box<dyn Write + Send>,
    results: Vec<serde_json::Value>,
    load_errors: Vec<serde_json::Value>,
}

impl JsonReporter {
    pub fn new(out: Box<dyn Write + Send>) -> JsonReporter {
        JsonReporter {
            out,
            results: Vec::new(),
            load_errors: Vec::new(),
        }
    }
}

/// The JSON object of one spec result.
pub fn spec_json(result: &SpecResult) -> serde_json::Value {
    let mut value = serde_json::to_value(result).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("type".into(), json!("spec"));
        object.insert("log".into(), json!(result.rendered));
    }
    value
}

/// A load error or warning as a JSON line.
/// A file that did not load: its first error, and `also` its others (when it has more).
fn load_json(kind: &str, error: &crate::spec::LoadError) -> serde_json::Value {
    let one = |error: &crate::spec::LoadError| {
        json!({
            "location": error.location.to_string(),
            "message": error.message,
            "help": error.help,
        })
    };
    let mut value = json!({ "type": kind });
    if let (Some(value), serde_json::Value::Object(fields)) = (value.as_object_mut(), one(error)) {
        value.extend(fields);
    }
    if !error.also.is_empty() {
        value["also"] = error.also.iter().map(one).collect();
    }
    value
}

impl Reporter for JsonReporter {
    fn event(&mut self, event: &Event<'_>) -> std::io::Result<()> {
        match event {
            Event::RunStarted { .. } => Ok(()),
            Event::LoadFailed(error) => {
                self.load_errors.push(load_json("load-error", error));
                Ok(())
            }
            Event::LoadWarning(warning) => {
                self.load_errors.push(load_json("load-warning", warning));
                Ok(())
            }
            Event::SpecFinished(result) => {
                self.results.push(spec_json(result));
                Ok(())
            }
            Event::RunFinished(summary) => {
                self.results
                    .sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
                for value in self.load_errors.iter().chain(&self.results) {
                    writeln!(self.out, "{value}")?;
                }
                let mut summary = serde_json::to_value(summary).unwrap_or_default();
                if let Some(object) = summary.as_object_mut() {
                    object.insert("type".into(), json!("summary"));
                }
                writeln!(self.out, "{summary}")?;
                self.out.flush()
            }
        }
    }
}
