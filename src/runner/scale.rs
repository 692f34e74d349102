//! Scaling runs: a spec with `scale:` runs once per value of its variable, and each
//! fingerprint's count must grow no faster than `expect.max_growth` (`constant_queries`:
//! not at all), so an N+1 is caught by construction whatever the ORM does. The golden is
//! the first value's.

use std::time::Duration;

use indexmap::IndexMap;

use super::execute::{execute_spec, Execution};
use super::permute::execute_permuted;
use crate::db::value::yaml_literal;
use crate::db::Database;
use crate::expect::Failure;
use crate::report::{ScalingReport, ScalingRow};
use crate::spec::{Growth, Spec};
use crate::sql::fingerprint::{fingerprint, fingerprint_id};

/// Runs `spec`, and its variants when it has a `scale:`; the first value's execution carries
/// the other runs' failures and the growth verdict.
pub async fn execute_scaled(
    spec: &Spec,
    db: &Database,
    limit: Duration,
) -> (Execution, Option<ScalingReport>) {
    let mut first = execute_permuted(spec, db, limit).await;
    let Some(scaling) = &spec.scale else {
        return (first, None);
    };
    if first.error.is_some() || first.timed_out {
        return (first, None);
    }
    let mut counts = vec![counts_of(&first)];
    for (variant, value) in scaling.variants.iter().zip(&scaling.values[1..]) {
        let mut run = execute_spec(variant, db, limit).await;
        let with = format!("with {} = {}", scaling.var, yaml_literal(value));
        if let Some(error) = run.error {
            first.error = Some(format!("{with}: {error}"));
            return (first, None);
        }
        for failure in std::mem::take(&mut run.failures) {
            first.failures.push(Failure {
                location: failure.location,
                message: format!("{with}: {}", failure.message),
            });
        }
        if run.timed_out {
            return (first, None);
        }
        counts.push(counts_of(&run));
    }
    let values: Vec<String> = scaling.values.iter().map(yaml_literal).collect();
    let numbers: Option<Vec<f64>> = scaling.values.iter().map(|v| v.as_f64()).collect();
    let report = report(&scaling.var, values, &counts, numbers.as_deref());
    if let Some(max) = spec.max_growth {
        let worse: Vec<&ScalingRow> = report.rows.iter().filter(|r| r.growth > max).collect();
        if !worse.is_empty() {
            let message = format!(
                "query counts grow faster than `{}` with `{}`: {}\n{}",
                max.name(),
                scaling.var,
                worse
                    .iter()
                    .map(|r| format!("{} ({})", r.id, r.growth.name()))
                    .collect::<Vec<_>>()
                    .join(", "),
                report.table()
            );
            first
                .failures
                .push(Failure::at(spec.expect.location.as_ref(), message));
        }
    }
    (first, Some(report))
}

/// Each fingerprint's count in a run's rendered statements, in order of first appearance
/// (sandbox names left out, so that runs in different sandboxes compare).
fn counts_of(execution: &Execution) -> IndexMap<String, usize> {
    let mut counts = IndexMap::new();
    for entry in execution.log.step_statements(None) {
        let mut text = entry.statement.clone();
        for name in &execution.sandbox_names {
            text = text.replace(name.as_str(), "[sandbox]");
        }
        *counts.entry(fingerprint(&text)).or_insert(0) += 1;
    }
    counts
}

fn report(
    var: &str,
    values: Vec<String>,
    runs: &[IndexMap<String, usize>],
    numbers: Option<&[f64]>,
) -> ScalingReport {
    let mut shapes: Vec<&String> = Vec::new();
    for run in runs {
        for shape in run.keys() {
            if !shapes.contains(&shape) {
                shapes.push(shape);
            }
        }
    }
    let rows = shapes
        .into_iter()
        .map(|shape| {
            let counts: Vec<usize> = runs
                .iter()
                .map(|r| r.get(shape).copied().unwrap_or(0))
                .collect();
            ScalingRow {
                id: fingerprint_id(shape),
                fingerprint: shape.clone(),
                growth: growth(&counts, numbers),
                counts,
            }
        })
        .collect();
    ScalingReport {
        var: var.to_string(),
        values,
        rows,
    }
}

/// Constant when every count is the same; linear when, from any value to a larger one, the
/// count grows at most in proportion (1 + n grows slower than n); superlinear otherwise, and
/// whenever the values are not positive numbers to compare with.
fn growth(counts: &[usize], values: Option<&[f64]>) -> Growth {
    if counts.windows(2).all(|w| w[0] == w[1]) {
        return Growth::Constant;
    }
    let Some(values) = values.filter(|v| v.iter().all(|x| *x > 0.0)) else {
        return Growth::Superlinear;
    };
    let pairs = values.iter().zip(counts);
    for (i, (xi, ci)) in pairs.clone().enumerate() {
        for (xj, cj) in pairs.clone().skip(i + 1) {
            let (small, large) = if xi <= xj {
                ((xi, ci), (xj, cj))
            } else {
                ((xj, cj), (xi, ci))
            };
            let allowed = (*small.1).max(1) as f64 * (large.0 / small.0) * 1.000_001;
            if *large.1 as f64 > allowed {
                return Growth::Superlinear;
            }
        }
    }
    Growth::Linear
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_is_read_from_counts_against_values() {
        let values = [1.0, 10.0, 100.0];
        assert_eq!(growth(&[2, 2, 2], Some(&values)), Growth::Constant);
        assert_eq!(growth(&[2, 11, 101], Some(&values)), Growth::Linear);
        assert_eq!(growth(&[1, 10, 100], Some(&values)), Growth::Linear);
        assert_eq!(growth(&[0, 10, 100], Some(&values)), Growth::Linear);
        assert_eq!(growth(&[1, 100, 10000], Some(&values)), Growth::Superlinear);
        assert_eq!(growth(&[1, 2, 3], None), Growth::Superlinear);
    }
}
