//! Owns PostgreSQL statement splitting, normalisation and leading keywords, over one scanner.

/// One statement of a multi-statement SQL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlPiece {
    /// The statement as written, from its first to its last significant character: comments
    /// before or after it and the terminating `;` are left out, comments inside it are kept.
    pub text: String,
    /// 0-based line of the first character of `text` in the input.
    pub line: usize,
    /// 0-based column, counted in characters (not bytes), of the first character of `text`.
    pub column: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Space,
    Comment,
    Word,
    /// String literal, quoted identifier or dollar-quoted body: opaque text.
    Quoted,
    Number,
    /// Any other single byte: `;`, `(`, operators, a `$` that starts no quote.
    Punct(u8),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Token {
    /// PostgreSQL treats comments exactly like whitespace.
    pub(super) fn is_blank(&self) -> bool {
        matches!(self.kind, Kind::Space | Kind::Comment)
    }
}

/// The one place that knows PostgreSQL's quoting rules. It works on bytes: every delimiter is
/// ASCII and non-ASCII bytes always continue a word, so token bounds fall on char boundaries.
/// Unterminated quotes and comments run to the end of the input, as the server would read them.
pub(super) struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

pub(super) fn scan(src: &str) -> Scanner<'_> {
    Scanner { src, pos: 0 }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_cont(c: u8) -> bool {
    is_ident_start(c) || c.is_ascii_digit() || c == b'$'
}

fn skip_while(b: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    from + b[from..].iter().take_while(|&&c| keep(c)).count()
}

/// End of a quoted run opened at `open`; a doubled quote is an escaped quote, and in E'...'
/// strings a backslash escapes the next byte too.
fn quoted_end(b: &[u8], open: usize, quote: u8, backslash: bool) -> usize {
    let mut i = open + 1;
    while let Some(&c) = b.get(i) {
        if backslash && c == b'\\' {
            i += 2;
        } else if c != quote {
            i += 1;
        } else if b.get(i + 1) == Some(&quote) {
            i += 2;
        } else {
            return i + 1;
        }
    }
    b.len()
}

/// Block comments nest in PostgreSQL, unlike in C.
fn block_comment_end(b: &[u8], start: usize) -> usize {
    let (mut depth, mut i) = (0usize, start);
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'/', b'*') => depth += 1,
            (b'*', b'/') => depth -= 1,
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
        if depth == 0 {
            return i;
        }
    }
    b.len()
}

/// End of the `$tag$` opening at `start`, if it is one; `$1` is a parameter, since a tag may
/// not start with a digit.
fn dollar_tag_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if b.get(i).is_some_and(|&c| is_ident_start(c)) {
        i = skip_while(b, i, |c| is_ident_cont(c) && c != b'$');
    }
    (b.get(i) == Some(&b'$')).then_some(i + 1)
}

impl Iterator for Scanner<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let b = self.src.as_bytes();
        let start = self.pos;
        let c = *b.get(start)?;
        let next = b.get(start + 1).copied();
        let (kind, end) = match c {
            _ if is_space(c) => (Kind::Space, skip_while(b, start, is_space)),
            b'-' if next == Some(b'-') => (Kind::Comment, skip_while(b, start, |c| c != b'\n')),
            b'/' if next == Some(b'*') => (Kind::Comment, block_comment_end(b, start)),
            b'\'' | b'"' => (Kind::Quoted, quoted_end(b, start, c, false)),
            b'$' => match dollar_tag_end(b, start) {
                Some(open_end) => {
                    let tag = &self.src[start..open_end];
                    let body = self.src[open_end..].find(tag);
                    let end = body.map_or(b.len(), |at| open_end + at + tag.len());
                    (Kind::Quoted, end)
                }
                None => (Kind::Punct(c), start + 1),
            },
            _ if is_ident_start(c) => {
                let end = skip_while(b, start, is_ident_cont);
                // E'...' only when the E stands alone: `type'...'` is an ordinary string.
                if end == start + 1 && c.eq_ignore_ascii_case(&b'e') && b.get(end) == Some(&b'\'') {
                    (Kind::Quoted, quoted_end(b, end, b'\'', true))
                } else {
                    (Kind::Word, end)
                }
            }
            // Numbers swallow trailing letters so `1e5` never starts an E'' string.
            _ if c.is_ascii_digit() => {
                let end = skip_while(b, start, |c| {
                    c.is_ascii_alphanumeric() || c == b'_' || c == b'.'
                });
                (Kind::Number, end)
            }
            _ => (Kind::Punct(c), start + 1),
        };
        self.pos = end;
        Some(Token { kind, start, end })
    }
}

/// Moves a 0-based (line, column) position past `text`; columns count characters.
fn advance((line, column): &mut (usize, usize), text: &str) {
    for ch in text.chars() {
        if ch == '\n' {
            *line += 1;
            *column = 0;
        } else {
            *column += 1;
        }
    }
}

/// Splits `sql` on top-level `;` the way psql does. A `;` inside quotes, comments, parentheses
/// (`CREATE RULE ... DO (a; b)`) or a `BEGIN ATOMIC ... END` function body does not split; an
/// unbalanced `(` therefore keeps the rest of the input in one statement, as in psql. Pieces
/// holding only whitespace and comments are dropped; text after the last `;` is a statement.
pub fn split_statements(sql: &str) -> Vec<SqlPiece> {
    let mut pieces = Vec::new();
    // Positions are found by walking forward from the previous piece, keeping this linear.
    let (mut seen, mut pos) = (0, (0, 0));
    let mut flush = |start: usize, end: usize| {
        advance(&mut pos, &sql[seen..start]);
        seen = start;
        let ((line, column), text) = (pos, sql[start..end].to_string());
        pieces.push(SqlPiece { text, line, column });
    };
    let mut span: Option<(usize, usize)> = None;
    let (mut parens, mut atomic, mut after_begin) = (0usize, 0usize, false);
    for tok in scan(sql) {
        if tok.is_blank() {
            continue;
        }
        if tok.kind == Kind::Punct(b';') && parens == 0 && atomic == 0 {
            if let Some((start, end)) = span.take() {
                flush(start, end);
            }
            after_begin = false;
            continue;
        }
        span = Some((span.map_or(tok.start, |(start, _)| start), tok.end));
        let word =
            |w: &str| tok.kind == Kind::Word && sql[tok.start..tok.end].eq_ignore_ascii_case(w);
        match tok.kind {
            Kind::Punct(b'(') => parens += 1,
            Kind::Punct(b')') => parens = parens.saturating_sub(1),
            // Plain BEGIN is a transaction; only BEGIN ATOMIC opens a body. Inside one, CASE
            // also closes with END, so it must be counted to find the body's own END.
            _ if after_begin && word("atomic") => atomic += 1,
            _ if atomic > 0 && word("case") => atomic += 1,
            _ if atomic > 0 && word("end") => atomic -= 1,
            _ => {}
        }
        after_begin = word("begin");
    }
    if let Some((start, end)) = span {
        flush(start, end);
    }
    pieces
}

/// Canonical form of a statement for comparison: each run of whitespace and comments outside
/// quotes becomes one space (comments count as whitespace, so `a/**/b` stays two tokens), then
/// the text is trimmed and trailing `;`s are removed. Quoted text is kept byte for byte.
pub fn normalize_sql(sql: &str) -> String {
    let tokens: Vec<Token> = scan(sql).collect();
    let keep = tokens
        .iter()
        .rposition(|t| !t.is_blank() && t.kind != Kind::Punct(b';'))
        .map_or(0, |i| i + 1);
    let mut out = String::with_capacity(sql.len());
    let mut gap = false;
    for tok in &tokens[..keep] {
        if tok.is_blank() {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push_str(&sql[tok.start..tok.end]);
    }
    out
}

/// Text for a one-line message: whitespace runs collapsed to one space, and cut after
/// `max_chars` characters with an ellipsis.
pub fn abbreviate(text: &str, max_chars: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max_chars {
        line.chars().take(max_chars).collect::<String>() + "…"
    } else {
        line
    }
}

/// The first keyword of `sql`, upper-cased, skipping whitespace, comments and opening
/// parentheses; `""` when the first such token is not a word (a literal, a quoted identifier,
/// punctuation) or there is none.
pub fn leading_keyword(sql: &str) -> String {
    scan(sql)
        .find(|t| !t.is_blank() && t.kind != Kind::Punct(b'('))
        .filter(|t| t.kind == Kind::Word)
        .map(|t| sql[t.start..t.end].to_ascii_uppercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case is an input and the statement texts it must split into.
    fn check_split(cases: &[(&str, &[&str])]) {
        for (sql, want) in cases {
            let got: Vec<String> = split_statements(sql).into_iter().map(|p| p.text).collect();
            assert_eq!(got, *want, "input: {sql:?}");
        }
    }

    fn piece(text: &str, line: usize, column: usize) -> SqlPiece {
        let text = text.to_string();
        SqlPiece { text, line, column }
    }

    #[test]
    fn positions_are_zero_based_and_count_characters() {
        let got = split_statements("a;\n  bc ;x");
        assert_eq!(got, [piece("a", 0, 0), piece("bc", 1, 2), piece("x", 1, 6)]);
        let got = split_statements("'é;ü'; x;\r\n  y");
        assert_eq!(
            got,
            [piece("'é;ü'", 0, 0), piece("x", 0, 7), piece("y", 1, 2)]
        );
    }

    #[test]
    fn comments_around_a_statement_stay_out_of_text() {
        let got = split_statements("-- a\n/* b */ SELECT /* in */ 1 -- c\n;\nx /* d */");
        assert_eq!(got, [piece("SELECT /* in */ 1", 1, 8), piece("x", 3, 0)]);
    }

    #[test]
    fn blank_and_comment_only_pieces_are_dropped() {
        for sql in ["", " \n\t", ";;;", "/* a */ -- b", " ; -- c\n ;"] {
            assert_eq!(split_statements(sql), [], "input: {sql:?}");
        }
        check_split(&[(" ; -- c\n ; x ;; /* d */ ;", &["x"])]);
    }

    #[test]
    fn quotes_and_identifiers_protect_semicolons() {
        check_split(&[
            ("'a;''b;'; x", &["'a;''b;'", "x"]),
            (r#""we;ird""x;" y; x"#, &[r#""we;ird""x;" y"#, "x"]),
            (r"U&'d;\0061', B'1;'; x", &[r"U&'d;\0061', B'1;'", "x"]),
        ]);
    }

    #[test]
    fn backslash_escapes_only_in_e_strings() {
        check_split(&[
            (r"E'a\';b'; x", &[r"E'a\';b'", "x"]),
            (r"e'\\'; x", &[r"e'\\'", "x"]),
            // Standard strings: the backslash is a plain character, so the quote closes.
            (r"'a\'; x", &[r"'a\'", "x"]),
            // A word that merely ends in e is no E prefix.
            (r"type'a\'; x", &[r"type'a\'", "x"]),
        ]);
    }

    #[test]
    fn dollar_quotes_protect_semicolons() {
        let f = "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql";
        check_split(&[
            (&format!("{f}; x"), &[f, "x"]),
            ("DO $b$ $x$;$$;$x$; $b$;x", &["DO $b$ $x$;$$;$x$; $b$", "x"]),
            ("$_a1$ ; $_a1$; x", &["$_a1$ ; $_a1$", "x"]),
            ("$ä$ ; $ä$; x", &["$ä$ ; $ä$", "x"]),
        ]);
    }

    #[test]
    fn parameters_and_dollar_identifiers_are_not_quotes() {
        check_split(&[
            ("SELECT $1; $2::int;", &["SELECT $1", "$2::int"]),
            ("a$b$ FROM t; x", &["a$b$ FROM t", "x"]),
            ("1$; $ ; x", &["1$", "$", "x"]),
        ]);
    }

    #[test]
    fn comments_protect_semicolons_and_block_comments_nest() {
        check_split(&[
            ("1 -- a;b\n, 2; x", &["1 -- a;b\n, 2", "x"]),
            (
                "1 /* a /* b; */ c; */ 2; x",
                &["1 /* a /* b; */ c; */ 2", "x"],
            ),
            ("2 /*/ ; */; x", &["2", "x"]),
            ("1 - -2; x", &["1 - -2", "x"]),
        ]);
    }

    #[test]
    fn unterminated_constructs_run_to_the_end() {
        check_split(&[
            ("1; 'abc; x", &["1", "'abc; x"]),
            ("$$ x; y", &["$$ x; y"]),
            ("E'\\", &["E'\\"]),
            ("1 /* /* */ ; x", &["1"]),
            ("\"a; b", &["\"a; b"]),
            ("1 --", &["1"]),
        ]);
    }

    #[test]
    fn parentheses_keep_rule_actions_together() {
        let rule = "CREATE RULE r AS ON DELETE TO t DO (DELETE FROM a; DELETE FROM b)";
        check_split(&[
            (&format!("{rule}; x"), &[rule, "x"]),
            ("1); x", &["1)", "x"]),
        ]);
    }

    #[test]
    fn begin_atomic_bodies_are_one_statement() {
        let f = "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\nbegin /* c */ Atomic\n  \
                 INSERT INTO t VALUES (x);\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 2 END;\nEND";
        let p = "CREATE PROCEDURE p() BEGIN ATOMIC SELECT case when true then \
                 (CASE 1 WHEN 1 THEN 2 END) end; END";
        check_split(&[
            (&format!("{f};\nx;"), &[f, "x"]),
            (&format!("{p}; x"), &[p, "x"]),
        ]);
    }

    #[test]
    fn transaction_begin_and_end_still_split() {
        let want = ["BEGIN", "UPDATE t SET a = 1", "END", "BEGIN WORK", "COMMIT"];
        check_split(&[
            ("BEGIN; UPDATE t SET a = 1; END; BEGIN WORK; COMMIT", &want),
            ("SELECT atomic; x; END", &["SELECT atomic", "x", "END"]),
        ]);
    }

    #[test]
    fn normalize_collapses_whitespace_and_drops_comments() {
        let example = "SELECT  1,\n  'a  b' -- note\n FROM t ;";
        assert_eq!(normalize_sql(example), "SELECT 1, 'a  b' FROM t");
        let cases = [
            ("SELECT/* c */1", "SELECT 1"),
            ("  /* a */ x\t1 /* /* b */ */ ;; -- c", "x 1"),
            ("1 -- c\n+ 2", "1 + 2"),
            ("'unterminated  ;", "'unterminated  ;"),
            ("\"a  b\",  $t$ x\n ; $t$ ;", "\"a  b\", $t$ x\n ; $t$"),
            ("E'\\'  ;' ; SELECT  2;", "E'\\'  ;' ; SELECT 2"),
        ];
        for (sql, want) in cases {
            assert_eq!(normalize_sql(sql), want, "input: {sql:?}");
        }
        for sql in ["", "  ", ";", " ; ; ", "-- x", "/* x */"] {
            assert_eq!(normalize_sql(sql), "", "input: {sql:?}");
        }
    }

    #[test]
    fn normalize_is_idempotent() {
        let once = normalize_sql("with x as (\n select 1 -- a\n) /* b */ select  *\tfrom x;");
        assert_eq!(once, "with x as ( select 1 ) select * from x");
        assert_eq!(normalize_sql(&once), once);
    }

    #[test]
    fn leading_keyword_skips_comments_and_parentheses() {
        let cases = [
            ("  /* x */ begin;", "BEGIN"),
            ("(SELECT 1)", "SELECT"),
            ("with x as (select 1) select * from x", "WITH"),
            ("-- c\n ( ( /* (x */ values (1)))", "VALUES"),
            ("Explain analyze select 1", "EXPLAIN"),
        ];
        for (sql, want) in cases {
            assert_eq!(leading_keyword(sql), want, "input: {sql:?}");
        }
        for sql in [
            "",
            " -- c\n",
            "'a'",
            "\"Select\"",
            "1",
            "; x",
            "$$x$$",
            "E'x'",
        ] {
            assert_eq!(leading_keyword(sql), "", "input: {sql:?}");
        }
    }
}
