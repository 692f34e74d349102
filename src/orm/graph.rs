//! A model's `fsm:` state machine as a picture: Graphviz DOT shaped like the output of
//! django-fsm-2's `graph_transitions` command, or a Mermaid `stateDiagram-v2`.
//!
//! The machine is expanded as django-fsm-2 does it. A transition from `*` (any state) goes
//! out of every state the graph knows, itself included; one from `+` (any other state) out
//! of every state but its target. The states the graph knows are the sources and targets of
//! the transitions with concrete sources, their `on_error` states, and the targets of the
//! `*` and `+` transitions. A state that is only ever a target is final. Everything is
//! sorted, so the same spec always prints the same text (django-fsm-2 prints in set order).
//!
//! One deliberate difference: django-fsm-2 draws the `on_error` edge of a `*` or `+`
//! transition from a node literally named `….*` (or `….+`) that is no state. Here it is
//! expanded like the transition's own edges: from every state the transition leaves.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde_yaml::Value;

use crate::spec::{FsmSpec, ModelSpec};

/// django-fsm-2's `ANY_STATE` and `ANY_OTHER_STATE` sources.
const ANY_STATE: &str = "*";
const ANY_OTHER_STATE: &str = "+";

/// The state the FSM field starts in: the model's `defaults:` entry for that field, as
/// django-fsm-2 takes `FSMField(default=...)`. An empty or null default is none.
pub fn initial_state(model: &ModelSpec, fsm: &FsmSpec) -> Option<String> {
    let state = match model.defaults.get(fsm.field.as_str())? {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!state.is_empty()).then_some(state)
}

/// The machine as Graphviz DOT: a digraph with one cluster `cluster_<Model>_<field>`.
///
/// Nodes are named `<verbose_name>.<field>.<state>` (`blog_entry.status.draft` for model
/// `BlogEntry`) and labelled with the state; final states are double circles, the others
/// circles. A transition is an edge labelled with its name, an `on_error` a dotted edge. The
/// initial state, when it is a non-final state of the graph, gets an arrow from a point.
///
/// django-fsm-2 prefixes every name with the Django app label, which a spec does not have:
/// its `cluster_billing_Invoice_state` and `billing.invoice.state.draft` are
/// `cluster_Invoice_state` and `invoice.state.draft` here.
pub fn to_dot(model: &str, fsm: &FsmSpec, initial: Option<&str>) -> String {
    let machine = Machine::expand(fsm);
    let prefix = format!("{}.{}", verbose_name(model), fsm.field);
    let node = |state: &str| quote(&format!("{prefix}.{state}"));

    let mut out = String::from("digraph {\n");
    let cluster = format!("cluster_{model}_{}", fsm.field);
    let _ = writeln!(out, "\tsubgraph {} {{", quote(&cluster));
    let title = format!("{model}.{}", fsm.field);
    let _ = writeln!(out, "\t\tgraph [label={}]", quote(&title));
    let finals = machine.final_states();
    for state in &finals {
        let _ = writeln!(
            out,
            "\t\t{} [label={} shape=doublecircle]",
            node(state),
            quote(state)
        );
    }
    for state in machine.states().difference(&finals) {
        let _ = writeln!(
            out,
            "\t\t{} [label={} shape=circle]",
            node(state),
            quote(state)
        );
        if initial == Some(state.as_str()) {
            let point = node("_initial");
            let _ = writeln!(out, "\t\t{point} [label=\"\" shape=point]");
            let _ = writeln!(out, "\t\t{point} -> {}", node(state));
        }
    }
    // An edge is drawn once, however many transitions make it (django-fsm-2 keeps a set).
    let edges: BTreeSet<(String, String, String)> = machine
        .edges
        .iter()
        .map(|edge| {
            let attrs = match &edge.kind {
                EdgeKind::Transition(name) => format!("label={}", quote(name)),
                EdgeKind::OnError(_) => "style=dotted".to_string(),
            };
            (node(&edge.source), node(&edge.target), attrs)
        })
        .collect();
    for (source, target, attrs) in edges {
        let _ = writeln!(out, "\t\t{source} -> {target} [{attrs}]");
    }
    out.push_str("\t}\n}\n");
    out
}

/// The machine as a Mermaid `stateDiagram-v2`: `[*] --> <initial>` when the initial state
/// is known, then one `source --> target : transition` line per edge, sorted. An `on_error`
/// edge reads `source --> state : transition (on_error)`. A state that is not a plain word
/// is declared first, as `state "in review" as state_in_review`.
pub fn to_mermaid(fsm: &FsmSpec, initial: Option<&str>) -> String {
    let machine = Machine::expand(fsm);
    let mut states = machine.states();
    states.extend(initial.map(str::to_string));
    let ids = mermaid_ids(&states);

    let mut out = String::from("stateDiagram-v2\n");
    for state in &states {
        if ids[state] != *state {
            let _ = writeln!(
                out,
                "    state \"{}\" as {}",
                mermaid_text(state),
                ids[state]
            );
        }
    }
    if let Some(initial) = initial {
        let _ = writeln!(out, "    [*] --> {}", ids[initial]);
    }
    let edges: BTreeSet<(&str, &str, String)> = machine
        .edges
        .iter()
        .map(|edge| {
            let label = match &edge.kind {
                EdgeKind::Transition(name) => mermaid_text(name),
                EdgeKind::OnError(name) => format!("{} (on_error)", mermaid_text(name)),
            };
            (
                ids[&edge.source].as_str(),
                ids[&edge.target].as_str(),
                label,
            )
        })
        .collect();
    for (source, target, label) in edges {
        let _ = writeln!(out, "    {source} --> {target} : {label}");
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum EdgeKind {
    /// Taking the named transition.
    Transition(String),
    /// The named transition's `method_body` raised: the field is set to its `on_error` state.
    OnError(String),
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Edge {
    source: String,
    target: String,
    kind: EdgeKind,
}

/// The transitions expanded to edges between concrete states.
#[derive(Debug, Default)]
struct Machine {
    /// States some edge leaves.
    sources: BTreeSet<String>,
    /// States some edge enters, and the targets of `*`/`+` transitions.
    targets: BTreeSet<String>,
    edges: BTreeSet<Edge>,
}

/// A `*` or `+` transition, expanded once every concrete state is known.
struct Wildcard<'a> {
    name: &'a str,
    target: &'a str,
    on_error: Option<&'a str>,
    /// `+`: not out of its own target.
    except_target: bool,
}

impl Machine {
    fn expand(fsm: &FsmSpec) -> Machine {
        let mut machine = Machine::default();
        let mut wildcards = Vec::new();
        for (name, transition) in &fsm.transitions {
            let target = transition.target.as_str();
            let on_error = transition.on_error.as_deref();
            for source in transition.source.states() {
                if source == ANY_STATE || source == ANY_OTHER_STATE {
                    wildcards.push(Wildcard {
                        name,
                        target,
                        on_error,
                        except_target: source == ANY_OTHER_STATE,
                    });
                } else {
                    machine.add(source, target, EdgeKind::Transition(name.clone()));
                    if let Some(error_state) = on_error {
                        machine.add(source, error_state, EdgeKind::OnError(name.clone()));
                    }
                }
            }
        }
        for wildcard in &wildcards {
            machine.targets.insert(wildcard.target.to_string());
            if let Some(error_state) = wildcard.on_error {
                machine.targets.insert(error_state.to_string());
            }
        }
        // Every wildcard sees the same states: those of the concrete transitions, plus every
        // wildcard's target and error state (the edges added below bring no new ones).
        let known = machine.states();
        for wildcard in &wildcards {
            for source in &known {
                if wildcard.except_target && source == wildcard.target {
                    continue;
                }
                let name = wildcard.name.to_string();
                machine.add(source, wildcard.target, EdgeKind::Transition(name.clone()));
                if let Some(error_state) = wildcard.on_error {
                    machine.add(source, error_state, EdgeKind::OnError(name));
                }
            }
        }
        machine
    }

    fn add(&mut self, source: &str, target: &str, kind: EdgeKind) {
        self.sources.insert(source.to_string());
        self.targets.insert(target.to_string());
        self.edges.insert(Edge {
            source: source.to_string(),
            target: target.to_string(),
            kind,
        });
    }

    fn states(&self) -> BTreeSet<String> {
        self.sources.union(&self.targets).cloned().collect()
    }

    /// States no edge leaves.
    fn final_states(&self) -> BTreeSet<String> {
        self.targets.difference(&self.sources).cloned().collect()
    }
}

/// Django's default `verbose_name` with spaces as underscores, as django-fsm-2 names nodes:
/// `BlogEntry` -> `blog_entry`, `HTTPRequest` -> `http_request` (Django's
/// `camel_case_to_spaces`: a space before an ASCII upper-case letter that follows a
/// lower-case one, or that is followed by a character that is not upper case).
fn verbose_name(model: &str) -> String {
    let chars: Vec<char> = model.chars().collect();
    let mut out = String::new();
    for (i, &ch) in chars.iter().enumerate() {
        let after_lower = i > 0 && chars[i - 1].is_ascii_lowercase();
        let starts_word = chars
            .get(i + 1)
            .is_some_and(|next| !next.is_ascii_uppercase());
        if ch.is_ascii_uppercase() && (after_lower || starts_word) && !out.is_empty() {
            out.push('_');
        }
        out.extend(ch.to_lowercase());
    }
    out.replace(' ', "_")
}

/// A DOT identifier as the `graphviz` Python package writes it: bare when it is a plain
/// word or a number and no DOT keyword, else in double quotes (with `"`, `\\` and line
/// breaks escaped).
fn quote(id: &str) -> String {
    const KEYWORDS: [&str; 6] = ["node", "edge", "graph", "digraph", "subgraph", "strict"];
    if is_dot_id(id) && !KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(id)) {
        return id.to_string();
    }
    let mut quoted = String::with_capacity(id.len() + 2);
    quoted.push('"');
    for ch in id.chars() {
        match ch {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            _ => quoted.push(ch),
        }
    }
    quoted.push('"');
    quoted
}

/// `[a-zA-Z_][a-zA-Z0-9_]*` or a numeral `-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)`.
fn is_dot_id(id: &str) -> bool {
    let mut chars = id.chars();
    match chars.next() {
        Some(first) if first.is_ascii_alphabetic() || first == '_' => {
            chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        Some(_) => {
            let digits = id.strip_prefix('-').unwrap_or(id);
            let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
            match digits.split_once('.') {
                // `.5`, `5.` and `5.5`, not `.`
                Some((whole, fraction)) => {
                    all_digits(whole)
                        && all_digits(fraction)
                        && !(whole.is_empty() && fraction.is_empty())
                }
                None => !digits.is_empty() && all_digits(digits),
            }
        }
        None => false,
    }
}

/// Mermaid ids for states: the state itself when it is a plain word, else the state with
/// every other character as `_` (made unique with a number).
fn mermaid_ids(states: &BTreeSet<String>) -> BTreeMap<String, String> {
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut taken: BTreeSet<String> = states.iter().filter(|s| plain(s)).cloned().collect();
    let mut ids = BTreeMap::new();
    for state in states {
        if plain(state) {
            ids.insert(state.clone(), state.clone());
            continue;
        }
        let base: String = state
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let base = format!("state_{base}");
        let mut id = base.clone();
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(id.clone());
        ids.insert(state.clone(), id);
    }
    ids
}

/// Text in a Mermaid label or state description, on one line, with `"` as an entity.
fn mermaid_text(text: &str) -> String {
    text.replace('"', "#quot;").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests;
