//! Source positions: where in a spec file a value was written, even after templating.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span, SpannedEventReceiver};

/// A 1-based line and column in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub fn new(file: &Path, line: usize, column: usize) -> Location {
        Location {
            file: file.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
        }
    }

    /// The start of a file, for errors that concern it as a whole.
    pub fn file_start(file: &Path) -> Location {
        Location::new(file, 1, 1)
    }

    /// A position inside text that starts here: `lines` further down, `column` (0-based)
    /// further right. Block scalars indent every line alike, so the column offset holds for all.
    pub fn down(&self, lines: usize, column: usize) -> Location {
        Location::new(&self.file, self.line + lines, self.column + column)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// Maps lines of the rendered (templated) text back to the lines of the source file.
///
/// Lines that templating left alone map exactly; lines that a loop or include produced map to
/// the first source line of the region that produced them.
#[derive(Debug, Clone, Default)]
pub struct LineMap {
    /// rendered line index (0-based) -> (source line index, exact)
    lines: Vec<(usize, bool)>,
}

impl LineMap {
    pub fn new(source: &str, rendered: &str) -> LineMap {
        if source == rendered {
            return LineMap::default();
        }
        let diff = similar::TextDiff::from_lines(source, rendered);
        let mut lines = Vec::new();
        for op in diff.ops() {
            let old = op.old_range();
            for (k, _) in op.new_range().enumerate() {
                match op.tag() {
                    similar::DiffTag::Equal => lines.push((old.start + k, true)),
                    _ => lines.push((old.start.min(source.lines().count().max(1) - 1), false)),
                }
            }
        }
        LineMap { lines }
    }

    /// The 1-based source line and column for a 1-based rendered line and column.
    pub fn source_position(&self, line: usize, column: usize) -> (usize, usize) {
        if self.lines.is_empty() {
            return (line, column);
        }
        match self.lines.get(line.saturating_sub(1)) {
            Some(&(src, true)) => (src + 1, column),
            Some(&(src, false)) => (src + 1, 1),
            None => (self.lines.last().map_or(1, |l| l.0 + 1), 1),
        }
    }
}

/// Where each value of a YAML document was written, by path (`steps[2].sql`, `expect.queries`).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: HashMap<String, SourceEntry>,
}

/// The position of one value: for a scalar, of its text's first character (inside quotes,
/// on the first content line of a block scalar); for a collection, of its first character.
#[derive(Debug, Clone, Copy)]
pub struct SourceEntry {
    /// 1-based line and column in the rendered text.
    pub line: usize,
    pub column: usize,
}

impl SourceMap {
    /// Builds the map from rendered YAML text; text that does not parse yields an empty map
    /// (serde_yaml reports the parse error with its own position).
    pub fn build(rendered: &str) -> SourceMap {
        Self::checked(rendered).unwrap_or_default()
    }

    /// Like `build`, but YAML nested deeper than the parser's limit (255 flow levels) is an
    /// error with its (1-based) line and column: it is found in linear time here, where
    /// serde_yaml would spend minutes (quadratic) before refusing it.
    pub fn checked(rendered: &str) -> Result<SourceMap, (usize, usize)> {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(rendered);
        match parser.load(&mut builder, false) {
            Ok(()) => Ok(SourceMap {
                entries: builder.entries,
            }),
            Err(err) if err.info().contains("recursion limit") => {
                Err((err.marker().line(), err.marker().col() + 1))
            }
            Err(_) => Ok(SourceMap::default()),
        }
    }

    pub fn get(&self, path: &str) -> Option<SourceEntry> {
        self.entries.get(path).copied()
    }
}

#[derive(Debug)]
enum Frame {
    Mapping { path: String, key: Option<String> },
    Sequence { path: String, index: usize },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    entries: HashMap<String, SourceEntry>,
}

impl Builder {
    /// The path of the value that the next event starts, advancing the parent's cursor.
    fn next_value_path(&mut self, scalar: Option<&str>) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Sequence { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Mapping { path, key }) => match key.take() {
                Some(k) => Some(if path.is_empty() {
                    k
                } else {
                    format!("{path}.{k}")
                }),
                None => {
                    // This event is a key: remember it, it has no path of its own.
                    *key = Some(scalar.unwrap_or("?").to_string());
                    None
                }
            },
        }
    }

    fn record(&mut self, path: &str, mark: Marker, shift: usize) {
        self.entries.insert(
            path.to_string(),
            SourceEntry {
                line: mark.line(),
                column: mark.col() + 1 + shift,
            },
        );
    }

    /// yaml-rust2 marks a block mapping's start at its first key's colon; move the mapping to
    /// the key itself when that comes first.
    fn pull_mapping_start(&mut self, key_mark: Marker) {
        let Some(Frame::Mapping { path, key: None }) = self.stack.last() else {
            return;
        };
        if let Some(entry) = self.entries.get_mut(path.as_str()) {
            if (key_mark.line(), key_mark.col() + 1) < (entry.line, entry.column) {
                entry.line = key_mark.line();
                entry.column = key_mark.col() + 1;
            }
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Builder {
    fn on_event(&mut self, ev: Event<'input>, span: Span) {
        let mark = span.start;
        match ev {
            Event::Scalar(value, style, ..) => {
                self.pull_mapping_start(mark);
                if let Some(path) = self.next_value_path(Some(&value)) {
                    // Quoted text starts after its quote; block text is marked where it starts.
                    let quoted =
                        matches!(style, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted);
                    self.record(&path, mark, usize::from(quoted));
                }
            }
            Event::Alias(_) => {
                self.pull_mapping_start(mark);
                if let Some(path) = self.next_value_path(Some("*")) {
                    self.record(&path, mark, 0);
                }
            }
            Event::MappingStart(..) => {
                let path = self.next_value_path(None).unwrap_or_default();
                self.record(&path, mark, 0);
                self.stack.push(Frame::Mapping { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.next_value_path(None).unwrap_or_default();
                self.record(&path, mark, 0);
                self.stack.push(Frame::Sequence { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_map_records_nested_paths_with_one_based_positions() {
        let yaml =
            "name: x\nsteps:\n  - sql: |\n      SELECT 1\n    params: [a]\n  - check: SELECT 2\n";
        let map = SourceMap::build(yaml);
        let name = map.get("name").unwrap();
        assert_eq!((name.line, name.column), (1, 7));
        let step = map.get("steps[1]").unwrap();
        assert_eq!((step.line, step.column), (6, 5));
        let sql = map.get("steps[0].sql").unwrap();
        assert_eq!(
            (sql.line, sql.column),
            (4, 7),
            "block text starts on the next line"
        );
        let flow = SourceMap::build("steps:\n  - {sql: 'x'}\n");
        assert_eq!(
            flow.get("steps[0]").map(|e| (e.line, e.column)),
            Some((2, 5))
        );
        assert_eq!(
            flow.get("steps[0].sql").map(|e| (e.line, e.column)),
            Some((2, 12))
        );
        assert_eq!(map.get("steps[0].params[0]").unwrap().line, 5);
    }

    #[test]
    fn flow_sequences_of_single_pair_mappings_are_mapped() {
        let map = SourceMap::build("m:\n  f: [a, b: {c: 1}]\nz: 2\n");
        assert_eq!(
            map.get("m.f[1].b.c").map(|e| (e.line, e.column)),
            Some((2, 17))
        );
        assert_eq!(map.get("z").map(|e| e.line), Some(3));
    }

    #[test]
    fn line_map_points_generated_lines_at_their_template() {
        let source = "a: 1\n{% for i in x %}\nb{{i}}: 2\n{% endfor %}\nc: 3\n";
        let rendered = "a: 1\nb0: 2\nb1: 2\nc: 3\n";
        let map = LineMap::new(source, rendered);
        assert_eq!(map.source_position(1, 4), (1, 4));
        assert_eq!(map.source_position(4, 2), (5, 2));
        let (line, _) = map.source_position(3, 1);
        assert!(
            (2..=4).contains(&line),
            "generated line maps into the loop, got {line}"
        );
    }

    #[test]
    fn untemplated_text_maps_to_itself() {
        let map = LineMap::new("a\nb\n", "a\nb\n");
        assert_eq!(map.source_position(2, 3), (2, 3));
    }
}
