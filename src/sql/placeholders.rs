//! The `$n` placeholders of a statement, found outside string literals, quoted identifiers,
//! comments and dollar-quoted bodies, so that some parameters can be written into the text
//! instead: a NULL parameter goes as the literal `NULL`, as Django's client-side binding
//! sends it, because the server cannot type a parameter that is only NULL (`$1 IS NULL`).

/// `sql` with the placeholders whose parameter `inline` gives text for replaced by that
/// text, and the others renumbered in order; returns the statement and the original
/// (0-based) indexes of the parameters it still takes.
pub fn inline(
    sql: &str,
    count: usize,
    inline: impl Fn(usize) -> Option<String>,
) -> (String, Vec<usize>) {
    let kept: Vec<usize> = (0..count).filter(|i| inline(*i).is_none()).collect();
    let mut out = String::with_capacity(sql.len());
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let skip = skipped_len(sql, i);
        if skip > 0 {
            out.push_str(&sql[i..i + skip]);
            i += skip;
            continue;
        }
        let after_word = i > 0 && is_word(bytes[i - 1]);
        if bytes[i] == b'$' && !after_word {
            let digits = bytes[i + 1..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let number = sql[i + 1..i + 1 + digits].parse::<usize>().ok();
            if let Some(n) = number.filter(|n| (1..=count).contains(n)) {
                match inline(n - 1) {
                    Some(text) => out.push_str(&text),
                    None => {
                        let new = kept.iter().position(|k| *k == n - 1).unwrap_or(0) + 1;
                        out.push_str(&format!("${new}"));
                    }
                }
                i += 1 + digits;
                continue;
            }
        }
        let ch = sql[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    (out, kept)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The length of the literal, identifier, comment or dollar-quoted body starting at `i`,
/// or 0 when none starts there.
fn skipped_len(sql: &str, i: usize) -> usize {
    let rest = &sql[i..];
    let bytes = rest.as_bytes();
    let until = |end: &str, from: usize| {
        rest[from..]
            .find(end)
            .map_or(rest.len(), |p| from + p + end.len())
    };
    match bytes[0] {
        b'\'' => quoted(bytes, 0, b'\'', false),
        b'"' => quoted(bytes, 0, b'"', false),
        b'E' | b'e'
            if bytes.get(1) == Some(&b'\'') && (i == 0 || !is_word(sql.as_bytes()[i - 1])) =>
        {
            quoted(bytes, 1, b'\'', true)
        }
        b'-' if bytes.get(1) == Some(&b'-') => until("\n", 2),
        b'/' if bytes.get(1) == Some(&b'*') => nested_comment(rest),
        b'$' if i == 0 || !is_word(sql.as_bytes()[i - 1]) => {
            let tag_len = bytes[1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                .count();
            let starts_with_digit = bytes.get(1).is_some_and(|b| b.is_ascii_digit());
            if starts_with_digit || bytes.get(1 + tag_len) != Some(&b'$') {
                return 0;
            }
            let tag = &rest[..tag_len + 2];
            until(tag, tag.len())
        }
        _ => 0,
    }
}

/// A quoted run from `open` (the quote's index): doubled quotes stay inside; with
/// `backslash`, so does a backslash-escaped character.
fn quoted(bytes: &[u8], open: usize, quote: u8, backslash: bool) -> usize {
    let mut j = open + 1;
    while j < bytes.len() {
        if backslash && bytes[j] == b'\\' {
            j += 2;
            continue;
        }
        if bytes[j] == quote {
            if bytes.get(j + 1) == Some(&quote) {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    bytes.len()
}

fn nested_comment(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let (mut depth, mut j) = (0usize, 0usize);
    while j + 1 < bytes.len() {
        match (bytes[j], bytes[j + 1]) {
            (b'/', b'*') => {
                depth += 1;
                j += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return j;
                }
            }
            _ => j += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nulls(sql: &str, nulls: &[usize], count: usize) -> (String, Vec<usize>) {
        inline(sql, count, |i| {
            nulls.contains(&i).then(|| "NULL".to_string())
        })
    }

    #[test]
    fn null_parameters_are_written_in_and_the_rest_renumbered() {
        assert_eq!(
            nulls("SELECT $1 IS NULL, $2, $3 + $2", &[0], 3),
            ("SELECT NULL IS NULL, $1, $2 + $1".to_string(), vec![1, 2])
        );
        assert_eq!(
            nulls("SELECT $1", &[], 1),
            ("SELECT $1".to_string(), vec![0])
        );
    }

    #[test]
    fn placeholders_inside_literals_comments_and_dollar_quotes_are_text() {
        let sql =
            "SELECT '$1', \"$1\", E'\\'$1', $$ $1 $$, $f$ $1 $f$, a$1 -- $1\n/* /* $1 */ */ $1";
        let (out, kept) = nulls(sql, &[0], 1);
        assert_eq!(
            out,
            "SELECT '$1', \"$1\", E'\\'$1', $$ $1 $$, $f$ $1 $f$, a$1 -- $1\n/* /* $1 */ */ NULL"
        );
        assert!(kept.is_empty());
    }
}
