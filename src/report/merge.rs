//! `pgscenario report merge`: the reports of a run split with `--partition` (one per CI
//! machine) as one report, JUnit or JSON lines, as if one machine had run every spec.

use std::path::PathBuf;

use quick_junit::Report;
use serde_json::{json, Value};

/// Merges reports of one format (told from their content): JUnit XML or JSON lines.
pub fn merge(inputs: &[(PathBuf, String)]) -> Result<String, String> {
    let xml = |text: &str| text.trim_start().starts_with('<');
    match inputs.iter().map(|(_, text)| xml(text)).collect::<Vec<_>>() {
        kinds if kinds.iter().all(|k| *k) => merge_junit(inputs),
        kinds if kinds.iter().all(|k| !*k) => merge_json(inputs),
        _ => Err("the reports to merge are of different formats (JUnit and JSON)".to_string()),
    }
}

fn merge_junit(inputs: &[(PathBuf, String)]) -> Result<String, String> {
    let mut merged = Report::new("pgscenario");
    let mut time = std::time::Duration::ZERO;
    for (path, text) in inputs {
        let report = Report::deserialize_from_str(text)
            .map_err(|e| format!("{}: not a JUnit report: {e}", path.display()))?;
        time = time.max(report.time.unwrap_or_default());
        merged.add_test_suites(report.test_suites);
    }
    // Each part ran at the same time as the others: the run took as long as the longest.
    merged.set_time(time);
    merged.test_suites.sort_by(|a, b| a.name.cmp(&b.name));
    let xml = merged.to_string().map_err(|e| e.to_string())?;
    Ok(format!("{}\n", super::junit::schema_valid(&xml)))
}

/// Counters of the JSON summary that add up across parts.
const SUMMED: &[&str] = &[
    "passed",
    "failed",
    "errors",
    "skipped",
    "load_errors",
    "written",
    "new",
    "unchanged",
];

fn merge_json(inputs: &[(PathBuf, String)]) -> Result<String, String> {
    let mut lines: Vec<Value> = Vec::new();
    let mut summary = json!({"type": "summary"});
    let mut statements = 0u64;
    let mut n_plus_one = Vec::new();
    for (path, text) in inputs {
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let value: Value = serde_json::from_str(line).map_err(|e| {
                format!("{}:{}: not a JSON report line: {e}", path.display(), i + 1)
            })?;
            if value["type"] != "summary" {
                lines.push(value);
                continue;
            }
            for key in SUMMED {
                let sum = summary[*key].as_u64().unwrap_or(0) + value[*key].as_u64().unwrap_or(0);
                summary[*key] = json!(sum);
            }
            // The parts ran side by side: the run took as long as the longest.
            let longest = summary["duration"].as_u64().unwrap_or(0);
            summary["duration"] = json!(longest.max(value["duration"].as_u64().unwrap_or(0)));
            statements += value["diagnostics"]["statements"].as_u64().unwrap_or(0);
            if let Some(found) = value["diagnostics"]["n_plus_one"].as_array() {
                n_plus_one.extend(found.iter().cloned());
            }
            for key in ["environment", "server_lost"] {
                if let Some(why) = value.get(key) {
                    summary[key] = why.clone();
                }
            }
        }
    }
    summary["diagnostics"] = json!({"statements": statements, "n_plus_one": n_plus_one});
    lines.sort_by(|a, b| {
        (a["type"].as_str(), a["id"].as_str(), a["location"].as_str()).cmp(&(
            b["type"].as_str(),
            b["id"].as_str(),
            b["location"].as_str(),
        ))
    });
    let mut out = String::new();
    for value in lines.iter().chain(std::iter::once(&summary)) {
        out.push_str(&value.to_string());
        out.push('\n');
    }
    Ok(out)
}
