//! `review`, `accept` and `reject`: settling the pending goldens a failing run wrote, one at
//! a time with their diffs, or in bulk with filters.

use std::io::{BufRead, IsTerminal, Write};

use super::args::PendingArgs;
use super::commands::project;
use super::fail;
use crate::config::Project;
use crate::golden::{accept, pending_goldens, read_golden, reject, unified_diff, Pending};
use crate::spec::spec_id;

/// The pending goldens the arguments select: each pattern a spec id, a glob of ids, a
/// directory of them or a spec file; then `-k` substrings (any of them).
fn selected(project: &Project, args: &PendingArgs) -> Result<Vec<Pending>, String> {
    let mut patterns = Vec::new();
    for pattern in &args.patterns {
        let id = match pattern.ends_with(".yaml") || pattern.ends_with(".yml") {
            true => spec_id(std::path::Path::new(pattern), &project.specs_dir())
                .map_err(|e| e.to_string())?,
            false => pattern.trim_end_matches('/').to_string(),
        };
        let glob = glob::Pattern::new(&id).map_err(|e| format!("`{pattern}`: {e}"))?;
        patterns.push((id, glob));
    }
    Ok(pending_goldens(&project.golden_dir())
        .into_iter()
        .filter(|p| {
            patterns.is_empty()
                || patterns
                    .iter()
                    .any(|(id, glob)| glob.matches(&p.id) || p.id.starts_with(&format!("{id}/")))
        })
        .filter(|p| args.filters.is_empty() || args.filters.iter().any(|k| p.id.contains(k)))
        .collect())
}

/// Accepts (`true`) or rejects every selected pending golden.
pub fn settle_all(args: PendingArgs, accepting: bool) -> u8 {
    let pending = match pending_of(&args) {
        Ok(Some(pending)) => pending,
        Ok(None) => return 0,
        Err(message) => return fail(&message),
    };
    for p in &pending {
        let done = match accepting {
            true => accept(p).map(|()| format!("accepted {}", p.golden.display())),
            false => reject(p).map(|()| format!("rejected {}", p.pending.display())),
        };
        match done {
            Ok(line) => println!("{line}"),
            Err(message) => return fail(&message),
        }
    }
    0
}

/// The selected pending goldens of the project; `None` (said) when there are none.
fn pending_of(args: &PendingArgs) -> Result<Option<Vec<Pending>>, String> {
    let pending = selected(&project()?, args)?;
    if pending.is_empty() {
        println!("no pending goldens{}", selection_note(args));
        return Ok(None);
    }
    Ok(Some(pending))
}

fn selection_note(args: &PendingArgs) -> &'static str {
    match args.patterns.is_empty() && args.filters.is_empty() {
        true => "",
        false => " among those selected",
    }
}

/// What the reviewer decided for one pending golden.
enum Decision {
    Accept,
    Reject,
    Skip,
    Quit,
}

/// Each selected pending golden's diff, then a key: accept, reject, skip, show the old or
/// the new golden, quit. Keys are read from the terminal, or a line each from standard input
/// when it is not one.
pub fn review(args: PendingArgs, color: bool) -> u8 {
    let pending = match pending_of(&args) {
        Ok(Some(pending)) => pending,
        Ok(None) => return 0,
        Err(message) => return fail(&message),
    };
    let mut keys = Keys::new();
    let (mut accepted, mut rejected, mut skipped) = (0, 0, 0);
    let total = pending.len();
    for (i, p) in pending.iter().enumerate() {
        let old = match read_golden(&p.golden) {
            Ok(old) => old,
            Err(err) => return fail(&err.to_string()),
        };
        let new = match std::fs::read_to_string(&p.pending) {
            Ok(new) => new,
            Err(err) => return fail(&format!("cannot read {}: {err}", p.pending.display())),
        };
        let status = if old.is_none() { " (new)" } else { "" };
        println!(
            "── {} ({}/{total}): {}{status}",
            p.id,
            i + 1,
            p.golden.display()
        );
        let name = p.golden.display().to_string();
        print!(
            "{}",
            unified_diff(old.as_deref().unwrap_or(""), &new, &name, color)
        );
        let decision = loop {
            print!("a accept · r reject · s skip · o old · n new · q quit › ");
            let _ = std::io::stdout().flush();
            let Some(key) = keys.next() else {
                println!();
                break Decision::Quit;
            };
            println!("{key}");
            match key {
                'a' => break Decision::Accept,
                'r' => break Decision::Reject,
                's' => break Decision::Skip,
                'q' => break Decision::Quit,
                'o' => print!("{}", old.as_deref().unwrap_or("(no golden yet)\n")),
                'n' => print!("{new}"),
                _ => println!("(a, r, s, o, n or q)"),
            }
        };
        let done = match decision {
            Decision::Accept => accept(p).map(|()| accepted += 1),
            Decision::Reject => reject(p).map(|()| rejected += 1),
            Decision::Skip => {
                skipped += 1;
                Ok(())
            }
            Decision::Quit => {
                skipped += total - i;
                break;
            }
        };
        if let Err(message) = done {
            return fail(&message);
        }
    }
    println!("accepted {accepted}, rejected {rejected}, skipped {skipped}");
    0
}

/// Keys from the terminal, or the first character of each line of a piped standard input.
struct Keys {
    interactive: bool,
    lines: std::io::Lines<std::io::StdinLock<'static>>,
}

impl Keys {
    fn new() -> Keys {
        Keys {
            interactive: std::io::stdin().is_terminal() && std::io::stdout().is_terminal(),
            lines: std::io::stdin().lock().lines(),
        }
    }

    fn next(&mut self) -> Option<char> {
        if self.interactive {
            return console::Term::stdout().read_char().ok();
        }
        let line = self.lines.next()?.ok()?;
        Some(
            line.trim()
                .chars()
                .next()
                .unwrap_or(' ')
                .to_ascii_lowercase(),
        )
    }
}
