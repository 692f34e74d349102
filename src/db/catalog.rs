//! What the database says about tables: columns in order, types, nullability, defaults,
//! primary keys, foreign keys and unique constraints. Read once per spec, after setup.

use std::collections::BTreeMap;

use super::recorder::RecordingConnection;
use super::DbError;

/// The tables a spec's models use, by the name the models give them.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub tables: BTreeMap<String, Table>,
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub name: String,
    /// The table's oid: tables created later have larger ones, so it gives the order of the
    /// setup script (the delete collector visits reverse relations in that order, which for
    /// Django's DDL is normally the models' order).
    pub oid: u32,
    /// In the table's column order (for tables made from Django's DDL, the model's field order).
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Unique constraints and unique indexes, each a list of columns (the primary key excluded).
    pub uniques: Vec<Vec<String>>,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    /// The type as Django names it in casts, without modifiers: `varchar`, `bigint`, `text` ...
    pub cast_type: String,
    /// The full type as Django's `Field.db_type()` writes it, modifiers included:
    /// `varchar(100)`, `numeric(10, 2)`, `text` (bulk_update casts its CASE to it).
    pub db_type: String,
    pub not_null: bool,
    /// The column default expression, if any (`nextval(...)` for serials).
    pub default: Option<String>,
    /// An identity or serial column: the database fills it in.
    pub generated_key: bool,
}

#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub column: String,
    pub table: String,
    pub references: String,
    /// `pg_constraint.confdeltype`: `a` NO ACTION (what Django's DDL creates), `r` RESTRICT,
    /// `c` CASCADE, `n` SET NULL, `d` SET DEFAULT.
    pub on_delete: char,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn foreign_key(&self, column: &str) -> Option<&ForeignKey> {
        self.foreign_keys.iter().find(|f| f.column == column)
    }
}

/// Single-quoted SQL literal.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Reads the given tables (names resolved on the session's search_path). Tables that do not
/// exist are simply absent from the result.
pub async fn read_catalog(
    conn: &RecordingConnection,
    tables: &[String],
) -> Result<Catalog, DbError> {
    let mut catalog = Catalog::default();
    if tables.is_empty() {
        return Ok(catalog);
    }
    let names = tables
        .iter()
        .map(|t| literal(t))
        .collect::<Vec<_>>()
        .join(", ");
    // One round trip: columns, then constraints, tagged by kind.
    let sql = format!(
        "WITH wanted AS (SELECT n AS name, to_regclass(n) AS oid FROM unnest(ARRAY[{names}]::text[]) AS n WHERE to_regclass(n) IS NOT NULL) \
         SELECT 'column', w.name, a.attname, format_type(a.atttypid, NULL), a.attnotnull::text, pg_get_expr(d.adbin, d.adrelid), (a.attidentity <> '' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%')::text, lpad(a.attnum::text, 5, '0'), format_type(a.atttypid, a.atttypmod), w.oid::oid::bigint::text \
         FROM wanted w JOIN pg_attribute a ON a.attrelid = w.oid AND a.attnum > 0 AND NOT a.attisdropped \
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
         UNION ALL \
         SELECT 'constraint', w.name, c.contype::text, \
                (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), \
                coalesce(c.confrelid::regclass::text, ''), \
                (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n), \
                c.confdeltype::text, '', '', '' \
         FROM wanted w JOIN pg_constraint c ON c.conrelid = w.oid AND c.contype IN ('p', 'f', 'u') \
         UNION ALL \
         SELECT 'unique_index', w.name, '', (SELECT string_agg(a.attname, ',' ORDER BY k.i) FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(n, i) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n), '', '', '', '', '', '' \
         FROM wanted w JOIN pg_index i ON i.indrelid = w.oid AND i.indisunique AND NOT i.indisprimary AND i.indexprs IS NULL AND i.indpred IS NULL \
         ORDER BY 1, 2, 8"
    );
    for row in conn.harness(&sql).await? {
        let [kind, table, a, b, c, d, e, _order, full, oid, ..] = row.as_slice() else {
            continue;
        };
        let entry = catalog
            .tables
            .entry(table.clone())
            .or_insert_with(|| Table {
                name: table.clone(),
                ..Table::default()
            });
        match kind.as_str() {
            "column" => {
                entry.oid = oid.parse().unwrap_or_default();
                entry.columns.push(Column {
                    name: a.clone(),
                    cast_type: cast_type(b),
                    db_type: db_type(full),
                    not_null: c == "true",
                    default: (!d.is_empty()).then(|| d.clone()),
                    generated_key: e == "true",
                })
            }
            "constraint" => {
                let columns: Vec<String> = b
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                match a.as_str() {
                    "p" => entry.primary_key = columns,
                    "u" => push_unique(entry, columns),
                    "f" if columns.len() == 1 => entry.foreign_keys.push(ForeignKey {
                        column: columns[0].clone(),
                        table: c.trim_matches('"').to_string(),
                        references: d.clone(),
                        on_delete: e.chars().next().unwrap_or('a'),
                    }),
                    _ => {}
                }
            }
            "unique_index" => {
                let columns = b
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                push_unique(entry, columns);
            }
            _ => {}
        }
    }
    Ok(catalog)
}

fn push_unique(table: &mut Table, columns: Vec<String>) {
    if !columns.is_empty() && !table.uniques.contains(&columns) {
        table.uniques.push(columns);
    }
}

/// PostgreSQL's type names as Django writes them in casts (`varchar`, not `character varying`;
/// `time`, as TimeField's db_type, not `time without time zone`).
fn cast_type(format_type: &str) -> String {
    if let Some(element) = format_type.strip_suffix("[]") {
        return format!("{}[]", cast_type(element));
    }
    match format_type {
        "character varying" => "varchar".to_string(),
        "character" => "char".to_string(),
        "time without time zone" => "time".to_string(),
        "timestamp without time zone" => "timestamp".to_string(),
        other => other.to_string(),
    }
}

/// `format_type(atttypid, atttypmod)` as Django's db_type writes it: the name as in casts,
/// then the modifiers with Django's spacing (`numeric(10,2)` -> `numeric(10, 2)`). A type
/// whose modifiers stand inside its name (`timestamp(3) with time zone`) is kept as it is.
fn db_type(format_type: &str) -> String {
    if let Some(element) = format_type.strip_suffix("[]") {
        return format!("{}[]", db_type(element));
    }
    let Some((name, rest)) = format_type.split_once('(') else {
        return cast_type(format_type);
    };
    let Some(modifiers) = rest.strip_suffix(')') else {
        return format_type.to_string();
    };
    let modifiers: Vec<&str> = modifiers.split(',').map(str::trim).collect();
    format!("{}({})", cast_type(name), modifiers.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_types_as_django_casts_them() {
        assert_eq!(cast_type("character varying"), "varchar");
        assert_eq!(
            cast_type("timestamp with time zone"),
            "timestamp with time zone"
        );
        assert_eq!(cast_type("character varying[]"), "varchar[]");
        assert_eq!(cast_type("time without time zone"), "time");
        assert_eq!(literal("it's"), "'it''s'");
    }

    #[test]
    fn writes_full_types_as_django_db_type() {
        assert_eq!(db_type("character varying(100)"), "varchar(100)");
        assert_eq!(db_type("numeric(10,2)"), "numeric(10, 2)");
        assert_eq!(db_type("text"), "text");
        assert_eq!(db_type("character varying(10)[]"), "varchar(10)[]");
        assert_eq!(
            db_type("timestamp(3) with time zone"),
            "timestamp(3) with time zone"
        );
    }
}
