//! Unified diffs between a golden file and the actual log.

use console::Style;
use similar::{ChangeTag, TextDiff};

/// A unified diff with three lines of context, coloured when `color` is set.
pub fn unified_diff(expected: &str, actual: &str, expected_name: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(expected, actual);
    let mut out = String::new();
    let (minus, plus, header) = if color {
        (
            Style::new().red(),
            Style::new().green(),
            Style::new().cyan(),
        )
    } else {
        (Style::new(), Style::new(), Style::new())
    };
    let (minus, plus, header) = (
        minus.force_styling(color),
        plus.force_styling(color),
        header.force_styling(color),
    );
    out.push_str(&format!(
        "{}\n",
        minus.apply_to(format!("--- {expected_name}"))
    ));
    out.push_str(&format!("{}\n", plus.apply_to("+++ actual")));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        out.push_str(&format!("{}\n", header.apply_to(hunk.header())));
        for change in hunk.iter_changes() {
            let (sign, style) = match change.tag() {
                ChangeTag::Delete => ("-", &minus),
                ChangeTag::Insert => ("+", &plus),
                ChangeTag::Equal => (" ", &Style::new()),
            };
            let mut line = format!("{sign}{}", change.value());
            if !line.ends_with('\n') {
                line.push_str("\n\\ No newline at end of file\n");
            }
            out.push_str(&style.apply_to(line.trim_end_matches('\n')).to_string());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_removed_and_added_lines_with_context() {
        let diff = unified_diff("a;\nb;\nc;\n", "a;\nB;\nc;\n", "golden/x.sql", false);
        assert!(
            diff.starts_with("--- golden/x.sql\n+++ actual\n@@ -1,3 +1,3 @@\n"),
            "{diff}"
        );
        assert!(diff.contains("\n a;\n-b;\n+B;\n c;\n"), "{diff}");
    }
}
