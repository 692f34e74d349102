//! Finding every structural error of a YAML file, not just the first, as a compiler does.
//!
//! serde stops at the first error. To find the next one, the node that holds the error (the
//! innermost list item, else the top-level entry) is blanked out of the text, keeping every
//! other character where it was, and the text is read again: later errors keep their real
//! lines and columns. It stops when the text reads, when blanking would not move on (the same
//! place again, or an error its own blanking caused), or after `MAX_ERRORS`.

use saphyr_parser::{Event, Parser, Span, SpannedEventReceiver};
use serde::de::DeserializeOwned;

/// The most errors reported for one file.
const MAX_ERRORS: usize = 50;

/// How much text the search for more errors may read again, in all: a big file reports fewer.
const MAX_REREAD_BYTES: usize = 8 << 20;

/// One error, and its message's path as the file has it (serde names the blanked text's).
pub(super) struct Found {
    pub error: serde_yaml::Error,
    /// The error's message with the path it starts with corrected.
    pub message: String,
}

/// Every structural error of `text` read as `T`, in source order, starting with `first`
/// (the error that reading it whole gave).
pub(super) fn all_errors<T: DeserializeOwned>(text: &str, first: serde_yaml::Error) -> Vec<Found> {
    let original = nodes(text);
    let mut chars: Vec<char> = text.chars().collect();
    let line_starts = line_starts(&chars);
    let mut errors = vec![first];
    // Where a blanked node's parent starts: an error there is the blanking's doing.
    let mut caused_at: Vec<usize> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    let mut reread = 0;
    while errors.len() < MAX_ERRORS && reread + text.len() <= MAX_REREAD_BYTES {
        reread += text.len();
        let Some(at) = errors.last().and_then(|e| index_of(e, &line_starts)) else {
            break;
        };
        if seen.contains(&at) {
            errors.pop();
            break;
        }
        seen.push(at);
        let Some(node) = holder(&original, at) else {
            break;
        };
        caused_at.push(node.parent_start);
        blank(&mut chars, node);
        let masked: String = chars.iter().collect();
        match serde_yaml::from_str::<T>(&masked) {
            Ok(_) => break,
            Err(err) => {
                if index_of(&err, &line_starts).is_some_and(|i| caused_at.contains(&i)) {
                    break;
                }
                errors.push(err);
            }
        }
    }
    let mut found: Vec<Found> = errors
        .into_iter()
        .map(|error| {
            let message = error.to_string();
            let real = index_of(&error, &line_starts).and_then(|at| path_at(&original, at));
            // serde counts list items of the blanked text: the path is the file's but for them.
            let message = match (real, message.split_once(": ")) {
                (Some(real), Some((said, rest)))
                    if without_indexes(said) == without_indexes(&real) =>
                {
                    format!("{real}: {rest}")
                }
                _ => message,
            };
            Found { error, message }
        })
        .collect();
    found.sort_by_key(|f| f.error.location().map(|l| (l.line(), l.column())));
    found
}

/// `steps[2].atomic.steps[0]` as `steps[].atomic.steps[]`.
fn without_indexes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if in_index => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The path of the innermost value holding `at` (the mapping, for a key).
fn path_at(nodes: &[Node], at: usize) -> Option<String> {
    nodes
        .iter()
        .filter(|n| n.start <= at && (at < n.end || at == n.start))
        .max_by_key(|n| n.depth)
        .map(|n| n.path.clone())
}

/// One value of the document, with the character range it spans.
#[derive(Debug, Clone)]
struct Node {
    /// `steps[2].sql`, as serde_yaml names it in its messages.
    path: String,
    depth: usize,
    start: usize,
    end: usize,
    /// Where its mapping key starts (a mapping's value), or None (a list item).
    key_start: Option<usize>,
    /// Whether it sits in a flow collection (`[a, b]`, `{a: 1}`), where commas separate.
    in_flow: bool,
    parent_start: usize,
}

/// The node to blank for an error at `at`: the innermost list item holding it, else the
/// top-level entry holding it.
fn holder(nodes: &[Node], at: usize) -> Option<&Node> {
    let holding = |n: &&Node| {
        let start = n.key_start.unwrap_or(n.start);
        start <= at && (at < n.end || at == n.start)
    };
    nodes
        .iter()
        .filter(holding)
        .filter(|n| n.key_start.is_none())
        .max_by_key(|n| n.depth)
        .or_else(|| {
            nodes
                .iter()
                .filter(holding)
                .find(|n| n.depth == 1 && n.key_start.is_some())
        })
}

/// Replaces the node (with its key, its `- ` or its comma) by spaces, keeping line breaks.
fn blank(chars: &mut [char], node: &Node) {
    let start = node.key_start.unwrap_or(node.start);
    let end = node.end.min(chars.len());
    for c in &mut chars[start..end] {
        if *c != '\n' {
            *c = ' ';
        }
    }
    let skip_space = |i: usize, step: isize| {
        let mut i = i as isize;
        while i >= 0 && (i as usize) < chars.len() && chars[i as usize].is_whitespace() {
            i += step;
        }
        (i >= 0 && (i as usize) < chars.len()).then_some(i as usize)
    };
    if node.in_flow {
        let comma = skip_space(end, 1).filter(|&i| chars[i] == ',').or_else(|| {
            start
                .checked_sub(1)
                .and_then(|s| skip_space(s, -1))
                .filter(|&i| chars[i] == ',')
        });
        if let Some(i) = comma {
            chars[i] = ' ';
        }
    } else if node.key_start.is_none() {
        if let Some(i) = start.checked_sub(1).and_then(|s| skip_space(s, -1)) {
            if chars[i] == '-' {
                chars[i] = ' ';
            }
        }
    }
}

/// The character index of an error's position.
fn index_of(err: &serde_yaml::Error, line_starts: &[usize]) -> Option<usize> {
    let location = err.location()?;
    let line_start = *line_starts.get(location.line().checked_sub(1)?)?;
    Some(line_start + location.column().saturating_sub(1))
}

fn line_starts(chars: &[char]) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        chars
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == '\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// The list items and top-level entries of a document, with their ranges.
fn nodes(text: &str) -> Vec<Node> {
    let mut collector = Collector {
        chars: text.chars().collect(),
        ..Collector::default()
    };
    let mut parser = Parser::new_from_str(text);
    if parser.load(&mut collector, false).is_err() {
        return Vec::new();
    }
    collector.nodes
}

#[derive(Debug)]
struct Frame {
    mapping: bool,
    flow: bool,
    start: usize,
    /// A mapping's key waiting for its value: where it starts, and its text.
    key_start: Option<usize>,
    key: String,
    path: String,
    /// A sequence's next index.
    index: usize,
    /// The node this collection is (for its end), unless it is the document.
    node: Option<usize>,
}

#[derive(Default)]
struct Collector {
    chars: Vec<char>,
    stack: Vec<Frame>,
    nodes: Vec<Node>,
}

impl Collector {
    /// Starts a value at `span`: returns its index among the nodes, or None for a key.
    fn value(&mut self, span: Span, scalar: Option<&str>) -> Option<Option<usize>> {
        let depth = self.stack.len();
        let Some(parent) = self.stack.last_mut() else {
            return Some(None);
        };
        let (key_start, step) = if parent.mapping {
            match parent.key_start.take() {
                Some(key) => (Some(key), parent.key.clone()),
                None => {
                    parent.key_start = Some(span.start.index());
                    parent.key = scalar.unwrap_or("?").to_string();
                    return None;
                }
            }
        } else {
            parent.index += 1;
            (None, format!("[{}]", parent.index - 1))
        };
        let path = match (parent.path.is_empty(), step.starts_with('[')) {
            (true, _) | (false, true) => format!("{}{step}", parent.path),
            (false, false) => format!("{}.{step}", parent.path),
        };
        self.nodes.push(Node {
            path,
            depth,
            start: span.start.index(),
            end: span.end.index(),
            key_start,
            in_flow: parent.flow,
            parent_start: parent.start,
        });
        Some(Some(self.nodes.len() - 1))
    }

    fn open(&mut self, span: Span, mapping: bool) {
        let text_at = self.chars.get(span.start.index()).copied().unwrap_or(' ');
        // A collection used as a key is not a value with a range of its own.
        let node = self.value(span, None).flatten();
        self.stack.push(Frame {
            mapping,
            flow: matches!(text_at, '[' | '{'),
            start: span.start.index(),
            key_start: None,
            key: String::new(),
            path: node.map(|n| self.nodes[n].path.clone()).unwrap_or_default(),
            index: 0,
            node,
        });
    }
}

impl<'input> SpannedEventReceiver<'input> for Collector {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        match ev {
            Event::Scalar(text, ..) => {
                self.value(span, Some(&text));
            }
            Event::Alias(_) => {
                self.value(span, Some("*"));
            }
            Event::MappingStart(..) => self.open(span, true),
            Event::SequenceStart(..) => self.open(span, false),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(Frame {
                    node: Some(node), ..
                }) = self.stack.pop()
                {
                    self.nodes[node].end = span.end.index().max(self.nodes[node].start + 1);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: Option<String>,
        #[serde(default)]
        steps: Vec<Step>,
        count: Option<u32>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Step {
        sql: Option<String>,
        rows: Option<u32>,
        #[serde(default)]
        steps: Vec<Step>,
    }

    fn found(text: &str) -> Vec<(usize, usize, String)> {
        let first = serde_yaml::from_str::<Doc>(text).unwrap_err();
        all_errors::<Doc>(text, first)
            .iter()
            .map(|f| {
                let at = f.error.location().unwrap();
                let message = f.message.clone();
                let message = message.split(" at line").next().unwrap().to_string();
                (at.line(), at.column(), message)
            })
            .collect()
    }

    #[test]
    fn nodes_span_their_text() {
        let text = "a: 1\nsteps:\n  - sql: x\n    rows: 2\n  - {sql: y, rows: 3}\nz: [1, 2]\n";
        let chars: Vec<char> = text.chars().collect();
        let shown: Vec<String> = nodes(text)
            .iter()
            .map(|n| {
                let from = n.key_start.unwrap_or(n.start);
                let s: String = chars[from..n.end].iter().collect();
                format!(
                    "{}{}:{}",
                    n.depth,
                    if n.in_flow { "f" } else { "" },
                    s.trim_end()
                )
            })
            .collect();
        eprintln!("{shown:#?}");
        assert!(shown.contains(&"1:a: 1".to_string()), "{shown:?}");
        assert!(
            shown.contains(&"2:sql: x\n    rows: 2".to_string()),
            "{shown:?}"
        );
        assert!(
            shown.contains(&"2:{sql: y, rows: 3}".to_string()),
            "{shown:?}"
        );
        assert!(shown.contains(&"2f:2".to_string()), "{shown:?}");
    }

    #[test]
    fn every_bad_step_and_entry_is_reported_in_place() {
        let text = "name: x\nbogus: 1\nsteps:\n  - sql: a\n    rowz: 1\n  - sql: b\n  - rows: many\n  - {sql: c, extra: 1}\n  - steps:\n      - sql: d\n      - nope: 1\n      - sql: [e]\ncount: -1\n";
        let errors = found(text);
        let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.0, e.1)).collect();
        // Named as the file has them, not as the text with earlier steps blanked has them.
        assert!(
            errors[3].2.starts_with("steps[3]: unknown field `extra`"),
            "{errors:#?}"
        );
        assert!(
            errors[5]
                .2
                .starts_with("steps[4].steps[2].sql: invalid type"),
            "{errors:#?}"
        );
        assert_eq!(
            places,
            vec![(2, 1), (5, 5), (7, 11), (8, 14), (11, 9), (12, 14), (13, 8)],
            "{errors:#?}"
        );
    }

    #[test]
    fn a_lone_bad_item_and_a_bad_flow_item_are_blanked_cleanly() {
        let errors = found("steps:\n  - rows: x\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        let errors = found("steps: [{rows: x}, {sql: 1, rows: y}]\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
    }

    #[test]
    fn the_same_place_twice_stops() {
        // A wrong top-level type: blanking the entry leaves nothing wrong.
        let errors = found("steps: 5\ncount: x\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
    }
}
