//! Building statements the way Django's SQL compiler writes them for PostgreSQL: quoted
//! names, `"table"."column"` references, `$n` placeholders where Django shows `%s`.

use serde_yaml::Value;

/// A statement and its parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub sql: String,
    pub params: Vec<Value>,
}

/// Collects parameters while a statement is written. Placeholders are numbered when the
/// statement is finished, so that pieces written apart (a WHERE child that may be pruned, a
/// subquery) can be appended in any order and still number `$1, $2, ...` left to right.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Builder {
    sql: String,
    /// Where each parameter's placeholder goes (byte offsets into `sql`), in order.
    slots: Vec<usize>,
    params: Vec<Value>,
}

impl Builder {
    pub fn new() -> Builder {
        Builder::default()
    }

    /// An empty builder for a piece to append later (see `append`).
    pub fn nested(&self) -> Builder {
        Builder::default()
    }

    pub fn push(&mut self, text: &str) -> &mut Builder {
        self.sql.push_str(text);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn param(&mut self, value: Value) -> &mut Builder {
        self.params.push(value);
        self.slots.push(self.sql.len());
        self
    }

    /// Appends `$n, $n+1, ...`, one placeholder per value (an IN list's inside).
    pub fn params(&mut self, values: &[Value]) -> &mut Builder {
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.push(", ");
            }
            self.param(value.clone());
        }
        self
    }

    /// Appends a piece written apart, its placeholders after this one's.
    pub fn append(&mut self, piece: Builder) -> &mut Builder {
        let offset = self.sql.len();
        self.sql.push_str(&piece.sql);
        self.slots.extend(piece.slots.iter().map(|s| s + offset));
        self.params.extend(piece.params);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.sql.is_empty()
    }

    /// Whether the text starts with `(` (a placeholder first does not).
    pub fn starts_with_parenthesis(&self) -> bool {
        self.sql.starts_with('(') && self.slots.first() != Some(&0)
    }

    pub fn finish(self) -> Query {
        let mut sql = String::with_capacity(self.sql.len() + 4 * self.slots.len());
        let mut at = 0;
        for (i, slot) in self.slots.iter().enumerate() {
            sql.push_str(&self.sql[at..*slot]);
            sql.push_str(&format!("${}", i + 1));
            at = *slot;
        }
        sql.push_str(&self.sql[at..]);
        Query {
            sql,
            params: self.params,
        }
    }
}

/// `"name"`, with embedded quotes doubled.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `"table"."column"`.
pub fn column_ref(table: &str, column: &str) -> String {
    format!("{}.{}", quote(table), quote(column))
}

/// A comma-separated list of quoted names.
pub fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| quote(n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How an INSERT deals with conflicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnConflict {
    None,
    /// `ON CONFLICT DO NOTHING`
    Ignore,
    /// `ON CONFLICT("unique", ...) DO UPDATE SET "field" = EXCLUDED."field", ...`
    Update {
        unique: Vec<String>,
        update: Vec<String>,
    },
}

impl OnConflict {
    fn suffix(&self) -> String {
        match self {
            OnConflict::None => String::new(),
            OnConflict::Ignore => " ON CONFLICT DO NOTHING".to_string(),
            OnConflict::Update { unique, update } => {
                let sets: Vec<String> = update
                    .iter()
                    .map(|f| format!("{q} = EXCLUDED.{q}", q = quote(f)))
                    .collect();
                format!(
                    " ON CONFLICT({}) DO UPDATE SET {}",
                    quoted_list(unique),
                    sets.join(", ")
                )
            }
        }
    }
}

/// A column of an INSERT, with the type Django casts its array to in the UNNEST form.
#[derive(Debug, Clone)]
pub struct InsertColumn {
    pub name: String,
    pub cast_type: String,
}

/// `INSERT INTO "t" ("a", "b") VALUES ($1, $2), ... [ON CONFLICT ...] [RETURNING "t"."pk"]`.
/// `None` values are the DEFAULT keyword (a column the database fills in).
pub fn insert_values(
    table: &str,
    columns: &[InsertColumn],
    rows: &[Vec<Option<Value>>],
    on_conflict: &OnConflict,
    returning: Option<&str>,
) -> Query {
    let rows: Vec<Vec<Option<SetValue>>> = rows
        .iter()
        .map(|row| row.iter().map(|v| v.clone().map(SetValue::Value)).collect())
        .collect();
    insert_exprs(table, columns, &rows, on_conflict, returning)
}

/// `insert_values` with expressions among the values (`UPPER($1)`).
pub fn insert_exprs(
    table: &str,
    columns: &[InsertColumn],
    rows: &[Vec<Option<SetValue>>],
    on_conflict: &OnConflict,
    returning: Option<&str>,
) -> Query {
    let mut b = insert_head(table, columns);
    b.push(" VALUES ");
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        b.push("(");
        for (j, value) in row.iter().enumerate() {
            if j > 0 {
                b.push(", ");
            }
            match value {
                Some(SetValue::Value(value)) => b.param(value.clone()),
                Some(SetValue::Expr(expr)) => b.append(expr.clone()),
                None => b.push("DEFAULT"),
            };
        }
        b.push(")");
    }
    finish_insert(b, table, on_conflict, returning)
}

/// Django 5.2's PostgreSQL bulk form: `INSERT INTO "t" ("a", "b") SELECT * FROM
/// UNNEST(($1)::varchar[], ($2)::text[])`, one array parameter per column.
pub fn insert_unnest(
    table: &str,
    columns: &[InsertColumn],
    rows: &[Vec<Value>],
    on_conflict: &OnConflict,
    returning: Option<&str>,
) -> Query {
    let mut b = insert_head(table, columns);
    b.push(" SELECT * FROM UNNEST(");
    for (j, column) in columns.iter().enumerate() {
        if j > 0 {
            b.push(", ");
        }
        let array: Vec<Value> = rows.iter().map(|row| row[j].clone()).collect();
        b.push("(");
        b.param(Value::Sequence(array));
        b.push(&format!(")::{}[]", column.cast_type));
    }
    b.push(")");
    finish_insert(b, table, on_conflict, returning)
}

/// `INSERT INTO "t" ("a", "b")`.
fn insert_head(table: &str, columns: &[InsertColumn]) -> Builder {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let mut b = Builder::new();
    b.push(&format!(
        "INSERT INTO {} ({})",
        quote(table),
        quoted_list(&names)
    ));
    b
}

fn finish_insert(
    mut b: Builder,
    table: &str,
    on_conflict: &OnConflict,
    returning: Option<&str>,
) -> Query {
    b.push(&on_conflict.suffix());
    if let Some(pk) = returning {
        b.push(&format!(" RETURNING {}", column_ref(table, pk)));
    }
    b.finish()
}

/// A WHERE condition: `"t"."c" = $n`, `"t"."c" IS NULL`, `"t"."c" IN ($n, ...)`, or any
/// of several (`(a OR b)`, Django's `Q(a) | Q(b)`).
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Equals {
        table: String,
        column: String,
        value: Value,
    },
    In {
        table: String,
        column: String,
        values: Vec<Value>,
    },
    Any(Vec<Condition>),
    /// `(a AND b)` inside an `Any`.
    All(Vec<Condition>),
    /// A filter's where tree (the lookups of `filter(...)`), on `table` and the tables of
    /// its parents, known not to prune.
    Where {
        node: Box<crate::query::tree::Node>,
        table: String,
    },
    /// A filter that matches no row: Django sends nothing for it.
    Nothing,
    /// `"t"."id" IN (SELECT U0."id" ...)`: a filter across relations in an UPDATE.
    InSubquery {
        table: String,
        column: String,
        subquery: Builder,
    },
}

impl Condition {
    /// The table a condition constrains (the first one's, for `Any`).
    pub fn table(&self) -> &str {
        match self {
            Condition::Equals { table, .. }
            | Condition::In { table, .. }
            | Condition::Where { table, .. }
            | Condition::InSubquery { table, .. } => table,
            Condition::Any(list) | Condition::All(list) => {
                list.first().map_or("", Condition::table)
            }
            Condition::Nothing => "",
        }
    }

    /// `Q(a) | Q(b) | ...`: one condition stays itself.
    pub fn any(mut list: Vec<Condition>) -> Condition {
        match list.len() {
            1 => list.remove(0),
            _ => Condition::Any(list),
        }
    }
}

/// Writes ` WHERE ...`: one condition bare, several in parentheses joined by AND (as Django).
pub fn push_where(b: &mut Builder, conditions: &[Condition]) {
    if conditions.is_empty() {
        return;
    }
    b.push(" WHERE ");
    push_joined(b, conditions, " AND ");
}

/// Conditions joined by AND or OR, in parentheses when there are several (Django's WhereNode).
fn push_joined(b: &mut Builder, conditions: &[Condition], connector: &str) {
    let several = conditions.len() > 1;
    if several {
        b.push("(");
    }
    for (i, condition) in conditions.iter().enumerate() {
        if i > 0 {
            b.push(connector);
        }
        match condition {
            Condition::Any(list) => push_joined(b, list, " OR "),
            Condition::All(list) => push_joined(b, list, " AND "),
            Condition::Where { node, .. } => {
                // Checked when it was built: it renders.
                let _ = node.render(b);
            }
            Condition::InSubquery {
                table,
                column,
                subquery,
            } => {
                b.push(&format!("{} IN (", column_ref(table, column)));
                b.append(subquery.clone());
                b.push(")");
            }
            // Never sent: the operations send nothing for it.
            Condition::Nothing => {
                b.push("FALSE");
            }
            Condition::Equals {
                table,
                column,
                value: Value::Null,
            } => {
                b.push(&format!("{} IS NULL", column_ref(table, column)));
            }
            Condition::Equals {
                table,
                column,
                value,
            } => {
                b.push(&format!("{} = ", column_ref(table, column)));
                b.param(value.clone());
            }
            Condition::In {
                table,
                column,
                values,
            } => {
                b.push(&format!("{} IN (", column_ref(table, column)));
                b.params(values).push(")");
            }
        }
    }
    if several {
        b.push(")");
    }
}

/// What a column is set to: a value, or an expression already written (`F("a") + 1`).
#[derive(Debug, Clone, PartialEq)]
pub enum SetValue {
    Value(Value),
    Expr(Builder),
}

/// `UPDATE "t" SET "a" = $1, "b" = $2 WHERE ...`.
pub fn update(table: &str, sets: &[(String, Value)], conditions: &[Condition]) -> Query {
    let sets: Vec<(String, SetValue)> = sets
        .iter()
        .map(|(c, v)| (c.clone(), SetValue::Value(v.clone())))
        .collect();
    update_exprs(table, &sets, conditions)
}

/// `update` with expressions among the values.
pub fn update_exprs(table: &str, sets: &[(String, SetValue)], conditions: &[Condition]) -> Query {
    let mut b = Builder::new();
    b.push(&format!("UPDATE {} SET ", quote(table)));
    for (i, (column, value)) in sets.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        b.push(&format!("{} = ", quote(column)));
        match value {
            SetValue::Value(Value::Null) => b.push("NULL"),
            SetValue::Value(value) => b.param(value.clone()),
            SetValue::Expr(expr) => b.append(expr.clone()),
        };
    }
    push_where(&mut b, conditions);
    b.finish()
}

/// `DELETE FROM "t" WHERE ...`.
pub fn delete(table: &str, conditions: &[Condition]) -> Query {
    let mut b = Builder::new();
    b.push(&format!("DELETE FROM {}", quote(table)));
    push_where(&mut b, conditions);
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(name: &str, cast: &str) -> InsertColumn {
        InsertColumn {
            name: name.into(),
            cast_type: cast.into(),
        }
    }

    #[test]
    fn writes_djangos_insert_forms() {
        let cols = [col("name", "varchar"), col("tagline", "text")];
        let single = insert_values(
            "app_blog",
            &cols,
            &[vec![Some("a".into()), Some(Value::Null)]],
            &OnConflict::None,
            Some("id"),
        );
        assert_eq!(
            single.sql,
            r#"INSERT INTO "app_blog" ("name", "tagline") VALUES ($1, $2) RETURNING "app_blog"."id""#
        );
        let bulk = insert_unnest(
            "app_author",
            &[col("name", "varchar"), col("email", "varchar")],
            &[
                vec!["n1".into(), "a@e".into()],
                vec!["n2".into(), "b@e".into()],
            ],
            &OnConflict::Update {
                unique: vec!["email".into()],
                update: vec!["name".into()],
            },
            Some("id"),
        );
        assert_eq!(
            bulk.sql,
            r#"INSERT INTO "app_author" ("name", "email") SELECT * FROM UNNEST(($1)::varchar[], ($2)::varchar[]) ON CONFLICT("email") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "app_author"."id""#
        );
        assert_eq!(bulk.params.len(), 2);
    }

    #[test]
    fn writes_where_clauses_as_django_does() {
        let eq = |c: &str, v: Value| Condition::Equals {
            table: "t".into(),
            column: c.into(),
            value: v,
        };
        let one = update("t", &[("a".into(), 1.into())], &[eq("id", 2.into())]);
        assert_eq!(one.sql, r#"UPDATE "t" SET "a" = $1 WHERE "t"."id" = $2"#);
        let two = delete("t", &[eq("a", 1.into()), eq("b", Value::Null)]);
        assert_eq!(
            two.sql,
            r#"DELETE FROM "t" WHERE ("t"."a" = $1 AND "t"."b" IS NULL)"#
        );
    }
}

/// An INNER JOIN of a multi-table-inherited child to its parent.
#[derive(Debug, Clone)]
pub struct Join {
    pub table: String,
    pub on_left: (String, String),
    pub on_right: (String, String),
}

/// Django's SELECT of model rows: `SELECT "t"."a", ... FROM "t" [INNER JOIN ...] [WHERE ...]
/// [LIMIT n] [FOR UPDATE]`.
pub fn select(
    columns: &[(String, String)],
    from: &str,
    joins: &[Join],
    conditions: &[Condition],
    limit: Option<u32>,
    for_update: bool,
) -> Query {
    let mut b = Builder::new();
    let list: Vec<String> = columns.iter().map(|(t, c)| column_ref(t, c)).collect();
    b.push(&format!("SELECT {} FROM {}", list.join(", "), quote(from)));
    for join in joins {
        b.push(&format!(
            " INNER JOIN {} ON ({} = {})",
            quote(&join.table),
            column_ref(&join.on_left.0, &join.on_left.1),
            column_ref(&join.on_right.0, &join.on_right.1)
        ));
    }
    push_where(&mut b, conditions);
    if let Some(n) = limit {
        b.push(&format!(" LIMIT {n}"));
    }
    if for_update {
        b.push(" FOR UPDATE");
    }
    b.finish()
}
