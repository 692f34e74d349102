//! Permutation runs: a spec with `permutations:` runs once per order of its top-level
//! steps, each in a sandbox of its own; the golden has a section per permutation.

use std::time::Duration;

use super::execute::{execute_spec, Execution, Section};
use crate::db::Database;
use crate::expect::Failure;
use crate::spec::Spec;

/// Runs `spec` in each of its permutations (or once, as written, without any). The first
/// run's execution carries the others' logs as sections, and their failures.
pub async fn execute_permuted(spec: &Spec, db: &Database, limit: Duration) -> Execution {
    if spec.permutations.is_empty() {
        return execute_spec(spec, db, limit).await;
    }
    let mut combined: Option<Execution> = None;
    for (n, permutation) in spec.permutations.iter().enumerate() {
        let variant = spec.permuted(n);
        let mut run = execute_spec(&variant, db, limit).await;
        let title = format!("permutation {}: {}", n + 1, permutation.title);
        let failures: Vec<Failure> = std::mem::take(&mut run.failures)
            .into_iter()
            .map(|f| Failure {
                location: f.location,
                message: format!("{title}: {}", f.message),
            })
            .collect();
        let error = run.error.take().map(|e| format!("{title}: {e}"));
        let stop = error.is_some() || run.timed_out;
        // The first run is the combined execution (its log the golden's first section);
        // the others lend it their logs and figures.
        let log = match combined {
            None => run.log.clone(),
            Some(_) => std::mem::take(&mut run.log),
        };
        let section = Section { title, log };
        let all = match &mut combined {
            None => combined.insert(run),
            Some(all) => {
                all.sandbox_names.extend(run.sandbox_names);
                all.pids.extend(run.pids);
                all.isolation += run.isolation;
                all.timed_out |= run.timed_out;
                all
            }
        };
        all.sections.push(section);
        all.failures.extend(failures);
        if all.error.is_none() {
            all.error = error;
        }
        if stop {
            break;
        }
    }
    combined.expect("a spec with permutations has at least one")
}
