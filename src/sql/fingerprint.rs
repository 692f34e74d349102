//! Fingerprints: a statement's shape without its values, so that two statements that differ
//! only in literals, parameters or the length of a list share one.
//!
//! Literals (strings in every PostgreSQL quoting: `'..'`, `E'..'`, dollar quotes; numbers;
//! `TRUE`/`FALSE`) and parameters (`$1`) become `?`; a parenthesised or bracketed list of
//! nothing but values becomes `(...)` / `[...]`, and a run of such lists (`VALUES (..), (..)`)
//! one of them. Identifiers, quoted identifiers, aliases, casts (`?::integer[]`) and keywords
//! stay as written, whitespace and comments collapse as in `normalize_sql`.

use super::split::{scan, Kind, Token};

/// The fingerprint of one statement.
pub fn fingerprint(sql: &str) -> String {
    let tokens: Vec<Token> = scan(sql).collect();
    let mut out: Vec<Piece> = Vec::with_capacity(tokens.len());
    let mut gap = false;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        let text = &sql[token.start..token.end];
        i += 1;
        if token.is_blank() {
            gap = true;
            continue;
        }
        let next_is_number = tokens.get(i).is_some_and(|t| t.kind == Kind::Number);
        let piece = match token.kind {
            Kind::Quoted if !text.starts_with('"') => VALUE,
            Kind::Number => VALUE,
            Kind::Word
                if text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false") =>
            {
                VALUE
            }
            // `$1`, and a minus that makes a number negative (after an operator, a comma or
            // an opening parenthesis, not after an operand).
            Kind::Punct(b'$') if next_is_number => {
                i += 1;
                VALUE
            }
            Kind::Punct(b'-') if next_is_number && !follows_operand(&out) => {
                i += 1;
                VALUE
            }
            _ => text,
        };
        out.push(Piece {
            text: piece.to_string(),
            spaced: gap && !out.is_empty(),
        });
        gap = false;
    }
    while out.last().is_some_and(|p| p.text == ";") {
        out.pop();
    }
    let out = collapse_lists(out);
    let mut text = String::with_capacity(sql.len());
    for piece in &out {
        if piece.spaced {
            text.push(' ');
        }
        text.push_str(&piece.text);
    }
    text
}

/// A short, stable name for a fingerprint: the first 8 hex digits of its SHA-256.
pub fn fingerprint_id(fingerprint: &str) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, fingerprint.as_bytes());
    digest.as_ref()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

const VALUE: &str = "?";

struct Piece {
    text: String,
    /// Whitespace (or a comment) came before it.
    spaced: bool,
}

fn follows_operand(out: &[Piece]) -> bool {
    out.last().is_some_and(|p| {
        let last = p.text.as_bytes().last().copied().unwrap_or(b' ');
        p.text == VALUE
            || last == b')'
            || last == b']'
            || last == b'"'
            || last.is_ascii_alphanumeric()
            || last == b'_'
    })
}

/// Whether the bracket at `open` starts a list of values (after IN, VALUES, ARRAY, or inside
/// another list), not a function's arguments, whose number is part of the shape.
fn opens_a_list(out: &[Piece], open: usize) -> bool {
    let Some(before) = open.checked_sub(1).map(|i| out[i].text.as_str()) else {
        return false;
    };
    match out[open].text.as_str() {
        "[" => before.eq_ignore_ascii_case("array"),
        _ => {
            before.eq_ignore_ascii_case("in")
                || before.eq_ignore_ascii_case("values")
                || before == ","
                || before == "("
        }
    }
}

/// `IN ( ?, ?, ? )` becomes `IN (...)`, innermost first, and a run of such lists separated
/// by commas (VALUES rows) becomes one. One pass, linear in the statement's length (a bulk
/// insert of 10,000 rows collapses row by row as it is read).
fn collapse_lists(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut opened: Vec<usize> = Vec::new();
    for piece in pieces {
        match piece.text.as_str() {
            "(" | "[" => {
                opened.push(out.len());
                out.push(piece);
            }
            ")" | "]" => {
                let list = opened.pop().filter(|&open| {
                    opens_a_list(&out, open)
                        && out.len() > open + 1
                        && out[open + 1..]
                            .iter()
                            .all(|p| matches!(p.text.as_str(), VALUE | "," | "(...)"))
                });
                let Some(open) = list else {
                    out.push(piece);
                    continue;
                };
                let collapsed = if piece.text == ")" { "(...)" } else { "[...]" };
                out.truncate(open + 1);
                out[open].text = collapsed.to_string();
                let follows_a_list =
                    open >= 2 && out[open - 1].text == "," && out[open - 2].text == "(...)";
                if collapsed == "(...)" && follows_a_list {
                    out.truncate(open - 1);
                }
            }
            _ => out.push(piece),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_parameters_become_placeholders() {
        for (sql, expected) in [
            (
                "SELECT * FROM t WHERE id = 1 AND name = 'x'",
                "SELECT * FROM t WHERE id = ? AND name = ?",
            ),
            (
                "SELECT * FROM t WHERE id = $1 AND name = $2",
                "SELECT * FROM t WHERE id = ? AND name = ?",
            ),
            ("SELECT E'it\\'s', $tag$ a;b $tag$, $$x$$", "SELECT ?, ?, ?"),
            ("SELECT 1.5e3, -2, a - 1, f(-3)", "SELECT ?, ?, a - ?, f(?)"),
            (
                "UPDATE t SET flag = TRUE WHERE x = false",
                "UPDATE t SET flag = ? WHERE x = ?",
            ),
            (
                "SELECT '2020-01-01'::date, $1::integer[]",
                "SELECT ?::date, ?::integer[]",
            ),
            (
                "SELECT \"t\".\"id\" AS \"my id\" FROM \"t\"",
                "SELECT \"t\".\"id\" AS \"my id\" FROM \"t\"",
            ),
            ("SELECT  1 -- c\n ;", "SELECT ?"),
            (
                "SELECT x IS NULL FROM t LIMIT 21",
                "SELECT x IS NULL FROM t LIMIT ?",
            ),
        ] {
            assert_eq!(fingerprint(sql), expected, "{sql}");
        }
    }

    #[test]
    fn lists_of_values_collapse_whatever_their_length() {
        for (sql, expected) in [
            (
                "SELECT * FROM t WHERE id IN (1, 2, 3)",
                "SELECT * FROM t WHERE id IN (...)",
            ),
            (
                "SELECT * FROM t WHERE id IN ($1)",
                "SELECT * FROM t WHERE id IN (...)",
            ),
            (
                "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y') RETURNING id",
                "INSERT INTO t (a, b) VALUES (...) RETURNING id",
            ),
            (
                "INSERT INTO t (a) VALUES ($1)",
                "INSERT INTO t (a) VALUES (...)",
            ),
            ("SELECT ARRAY[1, 2], f(x, 1)", "SELECT ARRAY[...], f(x, ?)"),
            (
                "SELECT * FROM t WHERE (a, b) IN ((1, 2), (3, 4))",
                "SELECT * FROM t WHERE (a, b) IN (...)",
            ),
            (
                "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = 2)",
                "SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE v = ?)",
            ),
        ] {
            assert_eq!(fingerprint(sql), expected, "{sql}");
        }
    }

    #[test]
    fn a_bulk_insert_of_many_rows_is_one_list() {
        let rows: Vec<String> = (0..20_000).map(|i| format!("({i}, 'x{i}')")).collect();
        let sql = format!(
            "INSERT INTO t (a, b) VALUES {} RETURNING id",
            rows.join(", ")
        );
        assert_eq!(
            fingerprint(&sql),
            "INSERT INTO t (a, b) VALUES (...) RETURNING id"
        );
    }

    #[test]
    fn statements_that_differ_only_in_values_share_a_fingerprint_and_its_id() {
        let a = fingerprint("SELECT id FROM t WHERE id IN (1, 2) AND name = 'a'");
        let b = fingerprint("SELECT id FROM t WHERE id IN (7, 8, 9, 10) AND name = 'bb'");
        assert_eq!(a, b);
        assert_eq!(fingerprint_id(&a), fingerprint_id(&b));
        assert_eq!(fingerprint_id(&a).len(), 8);
        assert_ne!(
            fingerprint_id(&a),
            fingerprint_id(&fingerprint("SELECT id FROM u"))
        );
    }
}
