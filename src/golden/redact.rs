//! Owns redaction of volatile values (timestamps, UUIDs, EXPLAIN timings, pids) in golden text.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// A rule that swaps matches of a pattern for a placeholder.
#[derive(Debug, Clone)]
pub struct RedactRule {
    /// What to find. `^` and `$` match at the ends of the whole text unless the pattern
    /// starts with `(?m)`.
    pub pattern: Regex,
    /// What every match becomes; `$1` or `$name` insert a capture group (write `${1}` when a
    /// letter, digit or `_` follows, and `$$` for a literal `$`).
    pub replacement: String,
}

impl RedactRule {
    /// Compiles `pattern` (regex crate syntax) into a rule.
    ///
    /// # Errors
    /// The regex error when `pattern` is not a valid regular expression.
    pub fn new(pattern: &str, replacement: &str) -> Result<RedactRule, regex::Error> {
        Ok(RedactRule {
            pattern: Regex::new(pattern)?,
            replacement: replacement.to_string(),
        })
    }

    /// Rewrites `text` in place, without copying when nothing matches.
    fn apply(&self, text: &mut String) {
        let replaced = match self.pattern.replace_all(text, self.replacement.as_str()) {
            Cow::Owned(new) => Some(new),
            Cow::Borrowed(_) => None,
        };
        if let Some(new) = replaced {
            *text = new;
        }
    }
}

/// A built-in rule, optionally confined to the matches of `scope`: a bare `hit=12` or
/// `0.5 ms` may be data, but on an EXPLAIN `Buffers:` or JIT `Timing:` line it never is.
struct Builtin {
    scope: Option<Regex>,
    rule: RedactRule,
}

impl Builtin {
    fn apply(&self, text: &mut String) {
        let Some(scope) = &self.scope else {
            self.rule.apply(text);
            return;
        };
        let rewrite = |caps: &Captures| {
            let mut line = caps[0].to_string();
            self.rule.apply(&mut line);
            line
        };
        *text = scope.replace_all(text, rewrite).into_owned();
    }
}

fn builtin(pattern: &str, replacement: &str) -> Builtin {
    let rule = RedactRule::new(pattern, replacement).expect("built-in pattern compiles");
    Builtin { scope: None, rule }
}

fn scoped(scope: &str, pattern: &str, replacement: &str) -> Builtin {
    let scope = Some(Regex::new(scope).expect("built-in scope compiles"));
    Builtin {
        scope,
        ..builtin(pattern, replacement)
    }
}

/// A field of a plan in EXPLAIN's JSON, YAML or XML format whose value is volatile.
fn structured(keys: &[&str], value: &str, placeholder: &str) -> Builtin {
    let names = keys.join("|");
    let xml: Vec<String> = keys.iter().map(|k| k.replace(' ', "-")).collect();
    let pattern = format!(
        r#"(?m)(?P<l>"(?:{names})": |^[| -]*(?:{names}): |<(?:{xml})>){value}"#,
        xml = xml.join("|")
    );
    builtin(&pattern, &format!("${{l}}{placeholder}"))
}

/// A number as EXPLAIN prints it: `12`, `0.010`.
const NUM: &str = r"[0-9]+(?:\.[0-9]+)?";

/// Compiled once per process. Order matters: timestamps go first so that later numeric
/// rules (and pids) never see their digits. No placeholder contains a digit, so no rule
/// matches its own output.
static BUILTINS: LazyLock<Vec<Builtin>> = LazyLock::new(|| {
    // A date alone is left alone: it is usually deliberate data.
    let timestamp = concat!(
        r"\b[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?",
        r"(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2}){0,2})?",
    );
    let uuid = r"(?i)\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b";
    // `Planning time:` is the spelling before PostgreSQL 13, `Total runtime:` before 9.4.
    let summary = format!(r"\b(?P<l>Planning [Tt]ime|Execution [Tt]ime|Total runtime): {NUM} ms");
    let memory = r"\b(?P<l>Peak Memory Usage|Memory Usage|Memory|Disk Usage|Disk|Maximum Storage)";
    vec![
        builtin(timestamp, "[TIMESTAMP]"),
        builtin(uuid, "[UUID]"),
        builtin(&format!(r"\bcost={NUM}\.\.{NUM}"), "cost=[COST]"),
        builtin(
            &format!(r"\bactual time={NUM}\.\.{NUM}"),
            "actual time=[TIME]",
        ),
        builtin(&summary, "${l}: [TIME] ms"),
        builtin(
            &format!(r"\b(?P<l>Trigger [^:\n]+: time)={NUM}"),
            "${l}=[TIME]",
        ),
        scoped(r"(?m)\bTiming: .*$", &format!(r"\b{NUM} ms"), "[TIME] ms"),
        scoped(r"(?m)\bI/O Timings: .*$", &format!("={NUM}"), "=[TIME]"),
        scoped(r"(?m)\bBuffers: .*$", "=[0-9]+", "=[N]"),
        scoped(r"(?m)\bMemory: used=.*$", "=[0-9]+[kMG]?B", "=[MEM]"),
        builtin(&format!("{memory}: [0-9]+[kMG]?B"), "${l}: [MEM]"),
        // The same numbers in plans written as JSON (`"Total Cost": 1.5`), YAML (`Total
        // Cost: 1.5` at the start of a line) and XML (`<Total-Cost>1.5</Total-Cost>`).
        structured(&["Startup Cost", "Total Cost"], NUM, "[COST]"),
        structured(
            &[
                "Actual Startup Time",
                "Actual Total Time",
                "Planning Time",
                "Execution Time",
                "I/O Read Time",
                "I/O Write Time",
                "Temp I/O Read Time",
                "Temp I/O Write Time",
            ],
            NUM,
            "[TIME]",
        ),
        structured(
            &[
                "Shared Hit Blocks",
                "Shared Read Blocks",
                "Shared Dirtied Blocks",
                "Shared Written Blocks",
                "Local Hit Blocks",
                "Local Read Blocks",
                "Local Dirtied Blocks",
                "Local Written Blocks",
                "Temp Read Blocks",
                "Temp Written Blocks",
            ],
            "[0-9]+",
            "[N]",
        ),
        structured(
            &["Peak Memory Usage", "Original Hash Buckets"],
            "[0-9]+",
            "[MEM]",
        ),
        // Lock-wait and deadlock messages name other backends, whichever run they belong to.
        builtin(r"\b(?P<p>[Pp]rocess) [0-9]+\b", "${p} [PID]"),
        // ... and the transactions they wait for: ids of the whole cluster's counter.
        builtin(r"\b(?P<l>on transaction) [0-9]+\b", "${l} [XID]"),
    ]
});

/// The UUIDs pgscenario itself generates for `uuid4` defaults: constants of the spec.
static GENERATED_UUID: LazyLock<Regex> = LazyLock::new(|| {
    let prefix = regex::escape(crate::spec::GENERATED_UUID_PREFIX);
    Regex::new(&format!(r"(?i)\b{prefix}[0-9a-f]{{12}}\b")).expect("uuid pattern compiles")
});

/// The first of the private-use characters that stand in for a constant while the built-in
/// rules run.
const SENTINEL: u32 = 0xF0000;

static WHOLE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[0-9]+\b").expect("number pattern compiles"));

/// The built-in rules plus user rules, applied in order: built-ins first, then user rules in
/// the order given.
#[derive(Debug, Clone)]
pub struct Redactor {
    user_rules: Vec<RedactRule>,
    pids: BTreeSet<String>,
    /// Texts that look volatile but are fixed by the spec (its frozen "now"), which the
    /// built-in rules leave alone, as they do pgscenario's generated UUIDs.
    constants: Vec<String>,
}

impl Redactor {
    /// A redactor with the built-in rules followed by `user_rules`, in the order given.
    pub fn new(user_rules: Vec<RedactRule>) -> Redactor {
        Redactor {
            user_rules,
            pids: BTreeSet::new(),
            constants: Vec::new(),
        }
    }

    /// Texts the built-in rules must not redact: values the spec fixes, which are the same
    /// on every run (the frozen "now" in its text forms).
    pub fn with_constants(mut self, constants: impl IntoIterator<Item = String>) -> Redactor {
        self.constants
            .extend(constants.into_iter().filter(|c| !c.is_empty()));
        // Longest first, so that a constant inside a longer one does not split it.
        self.constants.sort_by_key(|c| std::cmp::Reverse(c.len()));
        self
    }

    /// Swaps constants (and generated UUIDs) for private-use characters, one per
    /// occurrence; `restore` puts them back. Text that already holds such characters is
    /// left as it is.
    fn protect(&self, text: &str) -> (String, Vec<String>) {
        let mut saved = Vec::new();
        if text.chars().any(|c| c as u32 >= SENTINEL) {
            return (text.to_string(), saved);
        }
        let stand_in = |value: &str, saved: &mut Vec<String>| {
            saved.push(value.to_string());
            char::from_u32(SENTINEL + saved.len() as u32 - 1)
                .map(String::from)
                .unwrap_or_else(|| value.to_string())
        };
        let mut out = GENERATED_UUID
            .replace_all(text, |caps: &Captures| stand_in(&caps[0], &mut saved))
            .into_owned();
        for constant in &self.constants {
            if out.contains(constant.as_str()) {
                let parts: Vec<&str> = out.split(constant.as_str()).collect();
                let mut joined = String::new();
                for (i, part) in parts.iter().enumerate() {
                    if i > 0 {
                        joined.push_str(&stand_in(constant, &mut saved));
                    }
                    joined.push_str(part);
                }
                out = joined;
            }
        }
        (out, saved)
    }

    fn restore(text: &str, saved: &[String]) -> String {
        text.chars()
            .map(|c| match (c as u32).checked_sub(SENTINEL) {
                Some(i) if (i as usize) < saved.len() => saved[i as usize].clone(),
                _ => c.to_string(),
            })
            .collect()
    }

    /// Backend process ids known to belong to this run: each, as a whole number, becomes
    /// `[PID]`. Adds to the pids given before; ids below 1 are ignored.
    pub fn with_pids(mut self, pids: &[i32]) -> Redactor {
        let known = pids.iter().filter(|&&p| p > 0).map(ToString::to_string);
        self.pids.extend(known);
        self
    }

    /// Built-in and pid rules, then user rules.
    pub fn redact(&self, text: &str) -> String {
        let (mut out, saved) = self.protect(text);
        // Repeat until nothing changes, as a placeholder can expose a value: in `9kBI/O` the
        // `\bI/O Timings` rule finds its word boundary only once `9kB` is `[MEM]`. This ends:
        // every built-in and pid replacement removes digits and adds none.
        loop {
            let before = out.clone();
            for rule in BUILTINS.iter() {
                rule.apply(&mut out);
            }
            if !self.pids.is_empty() {
                out = self.redact_pids(&out);
            }
            if out == before {
                break;
            }
        }
        let mut out = Redactor::restore(&out, &saved);
        self.user_rules.iter().for_each(|rule| rule.apply(&mut out));
        out
    }

    /// Only the user rules (for statement text, which the user wrote: built-ins must not
    /// rewrite a literal timestamp the spec author typed in SQL).
    pub fn redact_user(&self, text: &str) -> String {
        let mut out = text.to_string();
        self.user_rules.iter().for_each(|rule| rule.apply(&mut out));
        out
    }

    /// A pid must be a whole number on its own: `12345` is not redacted inside `123456`,
    /// `x12345` or a decimal such as `0.12345` or `12345.5`.
    fn redact_pids(&self, text: &str) -> String {
        let b = text.as_bytes();
        let digit_at = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(u8::is_ascii_digit);
        let rewrite = |caps: &Captures| {
            let m = caps.get(0).expect("group 0 always exists");
            let (start, end) = (m.start(), m.end());
            let decimal = (start > 0 && b[start - 1] == b'.' && digit_at(start.checked_sub(2)))
                || (b.get(end) == Some(&b'.') && digit_at(Some(end + 1)));
            if !decimal && self.pids.contains(m.as_str()) {
                "[PID]".to_string()
            } else {
                m.as_str().to_string()
            }
        };
        WHOLE_NUMBER.replace_all(text, rewrite).into_owned()
    }
}

#[cfg(test)]
mod tests;
