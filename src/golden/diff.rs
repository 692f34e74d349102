//! Unified diffs between a golden file and the actual log.

use console::Style;
use std::time::Duration;

use similar::{ChangeTag, TextDiff};

/// A unified diff with three lines of context, coloured when `color` is set.
/// How long the diff may search for the smallest edit before it settles for a larger one
/// (still correct): a golden where every line changed must not take minutes.
const DIFF_DEADLINE: Duration = Duration::from_millis(250);

/// The most diff lines printed; the rest is summed up.
const MAX_DIFF_LINES: usize = 400;

pub fn unified_diff(expected: &str, actual: &str, expected_name: &str, color: bool) -> String {
    let diff = TextDiff::configure()
        .timeout(DIFF_DEADLINE)
        .diff_lines(expected, actual);
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
    let mut printed = 0;
    let (mut removed, mut added) = (0usize, 0usize);
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        for change in hunk.iter_changes() {
            match change.tag() {
                ChangeTag::Delete => removed += 1,
                ChangeTag::Insert => added += 1,
                ChangeTag::Equal => {}
            }
        }
        if printed >= MAX_DIFF_LINES {
            continue;
        }
        out.push_str(&format!("{}\n", header.apply_to(hunk.header())));
        // Changed lines come word by word: in colour, the words that changed stand out
        // (a long SQL line that differs in one parameter shows which).
        for op in hunk.ops() {
            for change in diff.iter_inline_changes(op) {
                printed += 1;
                if printed > MAX_DIFF_LINES {
                    break;
                }
                let (sign, style) = match change.tag() {
                    ChangeTag::Delete => ("-", &minus),
                    ChangeTag::Insert => ("+", &plus),
                    ChangeTag::Equal => (" ", &Style::new()),
                };
                let mut line = style.apply_to(sign).to_string();
                for (emphasized, text) in change.iter_strings_lossy() {
                    let text = text.trim_end_matches('\n');
                    let styled = match emphasized && color {
                        true => style.clone().bold().underlined().apply_to(text),
                        false => style.apply_to(text),
                    };
                    line.push_str(&styled.to_string());
                }
                out.push_str(&line);
                out.push('\n');
                if change.missing_newline() {
                    out.push_str("\\ No newline at end of file\n");
                }
            }
            if printed > MAX_DIFF_LINES {
                break;
            }
        }
    }
    if printed > MAX_DIFF_LINES {
        out.push_str(&format!(
            "... the diff goes on: {removed} lines removed and {added} added in all (`pgscenario show` prints the whole log)\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_golden_where_every_line_changed_is_summed_up_after_the_first_lines() {
        let old: String = (0..100_000).map(|i| format!("SELECT {i};\n")).collect();
        let new: String = (0..100_000)
            .map(|i| format!("SELECT {i} AS x;\n"))
            .collect();
        let diff = unified_diff(&old, &new, "golden/x.sql", false);
        assert!(
            diff.lines().count() < MAX_DIFF_LINES + 20,
            "{}",
            diff.lines().count()
        );
        assert!(
            diff.contains("lines removed and"),
            "{}",
            &diff[diff.len() - 300..]
        );
    }

    #[test]
    fn shows_removed_and_added_lines_with_context() {
        let diff = unified_diff("a;\nb;\nc;\n", "a;\nB;\nc;\n", "golden/x.sql", false);
        assert!(
            diff.starts_with("--- golden/x.sql\n+++ actual\n@@ -1,3 +1,3 @@\n"),
            "{diff}"
        );
        assert!(diff.contains("\n a;\n-b;\n+B;\n c;\n"), "{diff}");
    }

    #[test]
    fn in_colour_the_words_that_changed_stand_out() {
        let old = "SELECT a, b, c FROM t WHERE id = $1 AND state = 'paid';\n";
        let new = "SELECT a, b, c FROM t WHERE id = $1 AND state = 'refunded';\n";
        let diff = unified_diff(old, new, "golden/x.sql", true);
        let added = diff
            .lines()
            .find(|l| l.contains("refunded"))
            .expect("the new line");
        // Underlined (4m): the changed word, not the line.
        let underlined: Vec<&str> = added
            .split("\u{1b}[")
            .filter(|p| p.contains("4m"))
            .collect();
        assert!(
            underlined.iter().any(|p| p.contains("refunded")),
            "{added:?}"
        );
        assert!(
            !underlined.iter().any(|p| p.contains("SELECT")),
            "{added:?}"
        );
        let plain = unified_diff(old, new, "golden/x.sql", false);
        assert!(
            plain.contains("\n+SELECT a, b, c FROM t WHERE id = $1 AND state = 'refunded';\n"),
            "{plain}"
        );
    }
}
