//! The statements of QuerySet.bulk_create() and bulk_update() as Django 5.2 writes them for
//! PostgreSQL: an INSERT batch as UNNEST arrays or VALUES rows, and the `CASE WHEN` UPDATE.

use serde_yaml::Value;

use super::compiler::{
    self, column_ref, insert_exprs, insert_unnest, quote, Builder, InsertColumn, OnConflict, Query,
    SetValue,
};

/// The types of Django's core fields on PostgreSQL (`DatabaseWrapper.data_types`, modifiers
/// dropped, as the catalog names them), which are the only ones Django puts in UNNEST arrays.
/// `bytea` is missing on purpose: BinaryField has a `get_placeholder`, which rules UNNEST out,
/// as do ArrayField's (any `...[]`) and every custom type.
const UNNEST_TYPES: &[&str] = &[
    "bigint",
    "boolean",
    "date",
    "double precision",
    "inet",
    "integer",
    "interval",
    "jsonb",
    "numeric",
    "smallint",
    "text",
    "time",
    "timestamp with time zone",
    "uuid",
    "varchar",
];

/// Whether Django would send a column of this type in an UNNEST array.
pub fn unnestable(cast_type: &str) -> bool {
    UNNEST_TYPES.contains(&cast_type)
}

/// One INSERT batch of bulk_create (`SQLInsertCompiler.assemble_as_sql` on PostgreSQL):
/// `SELECT * FROM UNNEST(...)` for two or more rows of plain values whose columns all have
/// core types; otherwise `VALUES (...), (...)`, where `None` is the DEFAULT keyword. ON
/// CONFLICT comes before RETURNING.
pub fn insert_batch(
    table: &str,
    columns: &[InsertColumn],
    rows: &[Vec<Option<SetValue>>],
    on_conflict: &OnConflict,
    returning: &[String],
) -> Query {
    // An expression cannot go into an array, nor DEFAULT.
    let plain: Option<Vec<Vec<Value>>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|v| match v {
                    Some(SetValue::Value(value)) => Some(value.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let unnest = rows.len() > 1 && columns.iter().all(|c| unnestable(&c.cast_type));
    let mut query = match plain {
        Some(plain) if unnest => insert_unnest(table, columns, &plain, on_conflict, None),
        _ => insert_exprs(table, columns, rows, on_conflict, None),
    };
    if !returning.is_empty() {
        let list: Vec<String> = returning.iter().map(|c| column_ref(table, c)).collect();
        query
            .sql
            .push_str(&format!(" RETURNING {}", list.join(", ")));
    }
    query
}

/// One column of a bulk_update: `"column" = (CASE WHEN pk = .. THEN .. ELSE NULL END)::type`.
#[derive(Debug, Clone)]
pub struct CaseSet {
    pub column: String,
    /// The full type with modifiers (`varchar(100)`): PostgreSQL needs the CASE cast
    /// (`requires_casted_case_in_updates`), and Django casts to the field's db_type.
    pub db_type: String,
    /// (primary key, new value or expression) per object, in the objects' order.
    pub whens: Vec<(Value, SetValue)>,
    /// PostgreSQL types a CASE of unknown-typed parameters as text, so Django also wraps the
    /// CASE in `CAST(... AS type)` for TimeField, UUIDField and GenericIPAddressField
    /// (`unification_cast_sql`).
    pub unify: bool,
}

/// Whether Django's `unification_cast_sql` casts a field's CASE: the time, uuid and inet
/// fields, but not a foreign key to one.
pub fn needs_unification_cast(cast_type: &str, is_relation: bool) -> bool {
    !is_relation && matches!(cast_type, "time" | "uuid" | "inet")
}

/// How a CASE condition is written: `WHEN ("t"."id" = $1)` on the model's own table, and
/// `WHEN "t"."id" = $1` in the UPDATE of a multi-table parent (Django resolves the When
/// again for the parent's query, which leaves its condition without parentheses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenStyle {
    Parenthesized,
    Bare,
}

/// `UPDATE "t" SET "a" = (CASE WHEN ("t"."pk" = $1) THEN $2 ... ELSE NULL END)::type, ...
/// WHERE "t"."pk" IN (...)`. A NULL value is written inline (`THEN NULL`), as Django does;
/// the parameters are each column's (pk, value) pairs, then the IN list.
pub fn case_update(
    table: &str,
    pk: &str,
    sets: &[CaseSet],
    pks: &[Value],
    style: WhenStyle,
) -> Query {
    let mut b = Builder::new();
    let pk_ref = column_ref(table, pk);
    b.push(&format!("UPDATE {} SET ", quote(table)));
    for (i, set) in sets.iter().enumerate() {
        if i > 0 {
            b.push(", ");
        }
        match set.unify {
            true => b.push(&format!("{} = (CAST(CASE", quote(&set.column))),
            false => b.push(&format!("{} = (CASE", quote(&set.column))),
        };
        for (pk_value, value) in &set.whens {
            match style {
                WhenStyle::Parenthesized => b.push(&format!(" WHEN ({pk_ref} = ")),
                WhenStyle::Bare => b.push(&format!(" WHEN {pk_ref} = ")),
            };
            b.param(pk_value.clone());
            b.push(match style {
                WhenStyle::Parenthesized => ") THEN ",
                WhenStyle::Bare => " THEN ",
            });
            match value {
                SetValue::Value(Value::Null) => b.push("NULL"),
                SetValue::Value(value) => b.param(value.clone()),
                SetValue::Expr(expr) => b.append(expr.clone()),
            };
        }
        match set.unify {
            true => b.push(&format!(" ELSE NULL END AS {t}))::{t}", t = set.db_type)),
            false => b.push(&format!(" ELSE NULL END)::{}", set.db_type)),
        };
    }
    compiler::push_where(&mut b, &[in_list(table, pk, pks)]);
    b.finish()
}

/// `SELECT "t"."pk" FROM "t" WHERE "t"."pk" IN (...)`: the pre-selection Django's update
/// compiler makes before updating several tables of a multi-table-inherited model.
pub fn select_pks(table: &str, pk: &str, pks: &[Value]) -> Query {
    let columns = [(table.to_string(), pk.to_string())];
    compiler::select(
        &columns,
        table,
        &[],
        &[in_list(table, pk, pks)],
        None,
        false,
    )
}

fn in_list(table: &str, pk: &str, pks: &[Value]) -> compiler::Condition {
    compiler::Condition::In {
        table: table.to_string(),
        column: pk.to_string(),
        values: pks.to_vec(),
    }
}

/// The values of a `pk__in` lookup: duplicates and NULLs dropped, first occurrence kept
/// (Django's `In.process_rhs` puts them in an OrderedSet).
pub fn distinct(values: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for value in values {
        if !value.is_null() && !out.contains(value) {
            out.push(value.clone());
        }
    }
    out
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

    fn cells(rows: Vec<Vec<Option<Value>>>) -> Vec<Vec<Option<SetValue>>> {
        rows.into_iter()
            .map(|row| row.into_iter().map(|v| v.map(SetValue::Value)).collect())
            .collect()
    }

    fn whens(pairs: Vec<(Value, Value)>) -> Vec<(Value, SetValue)> {
        pairs
            .into_iter()
            .map(|(pk, v)| (pk, SetValue::Value(v)))
            .collect()
    }

    fn blog_columns() -> Vec<InsertColumn> {
        vec![col("name", "varchar"), col("tagline", "text")]
    }

    #[test]
    fn two_plain_rows_use_unnest() {
        let rows = vec![
            vec![Some("a".into()), Some(Value::Null)],
            vec![Some("b".into()), Some(Value::Null)],
        ];
        let q = insert_batch(
            "app_blog",
            &blog_columns(),
            &cells(rows),
            &OnConflict::None,
            &["id".into()],
        );
        assert_eq!(
            q.sql,
            r#"INSERT INTO "app_blog" ("name", "tagline") SELECT * FROM UNNEST(($1)::varchar[], ($2)::text[]) RETURNING "app_blog"."id""#
        );
        assert_eq!(
            q.params,
            vec![
                Value::Sequence(vec!["a".into(), "b".into()]),
                Value::Sequence(vec![Value::Null, Value::Null]),
            ]
        );
    }

    #[test]
    fn one_row_a_default_or_an_array_column_use_values() {
        let one = insert_batch(
            "app_author",
            &[col("name", "varchar"), col("email", "varchar")],
            &cells(vec![vec![Some("n1".into()), Some("a@e".into())]]),
            &OnConflict::Ignore,
            &[],
        );
        assert_eq!(
            one.sql,
            r#"INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) ON CONFLICT DO NOTHING"#
        );
        let defaults = insert_batch(
            "app_stamp",
            &[col("id", "bigint")],
            &cells(vec![vec![None], vec![None]]),
            &OnConflict::None,
            &["id".into()],
        );
        assert_eq!(
            defaults.sql,
            r#"INSERT INTO "app_stamp" ("id") VALUES (DEFAULT), (DEFAULT) RETURNING "app_stamp"."id""#
        );
        let arrays = insert_batch(
            "t",
            &[col("tags", "varchar[]")],
            &cells(vec![
                vec![Some(Value::Sequence(vec![]))],
                vec![Some(Value::Null)],
            ]),
            &OnConflict::None,
            &[],
        );
        assert_eq!(arrays.sql, r#"INSERT INTO "t" ("tags") VALUES ($1), ($2)"#);
    }

    #[test]
    fn upsert_comes_before_returning() {
        let q = insert_batch(
            "app_author",
            &[col("name", "varchar"), col("email", "varchar")],
            &cells(vec![vec![Some("solo".into()), Some("a@e".into())]]),
            &OnConflict::Update {
                unique: vec!["email".into()],
                update: vec!["name".into()],
            },
            &["id".into()],
        );
        assert_eq!(
            q.sql,
            r#"INSERT INTO "app_author" ("name", "email") VALUES ($1, $2) ON CONFLICT("email") DO UPDATE SET "name" = EXCLUDED."name" RETURNING "app_author"."id""#
        );
    }

    #[test]
    fn case_update_casts_and_inlines_null() {
        let sets = vec![
            CaseSet {
                column: "name".into(),
                db_type: "varchar(100)".into(),
                whens: whens(vec![(1.into(), "x".into()), (2.into(), "y".into())]),
                unify: false,
            },
            CaseSet {
                column: "tagline".into(),
                db_type: "text".into(),
                whens: whens(vec![(1.into(), Value::Null), (2.into(), "t".into())]),
                unify: false,
            },
        ];
        let q = case_update(
            "app_blog",
            "id",
            &sets,
            &[1.into(), 2.into()],
            WhenStyle::Parenthesized,
        );
        assert_eq!(
            q.sql,
            r#"UPDATE "app_blog" SET "name" = (CASE WHEN ("app_blog"."id" = $1) THEN $2 WHEN ("app_blog"."id" = $3) THEN $4 ELSE NULL END)::varchar(100), "tagline" = (CASE WHEN ("app_blog"."id" = $5) THEN NULL WHEN ("app_blog"."id" = $6) THEN $7 ELSE NULL END)::text WHERE "app_blog"."id" IN ($8, $9)"#
        );
        let params: Vec<Value> = vec![
            1.into(),
            "x".into(),
            2.into(),
            "y".into(),
            1.into(),
            2.into(),
            "t".into(),
            1.into(),
            2.into(),
        ];
        assert_eq!(q.params, params);
    }

    #[test]
    fn parent_updates_have_bare_conditions() {
        let sets = [CaseSet {
            column: "name".into(),
            db_type: "varchar(100)".into(),
            whens: whens(vec![(1.into(), "r2".into())]),
            unify: false,
        }];
        let q = case_update("app_place", "id", &sets, &[1.into()], WhenStyle::Bare);
        assert_eq!(
            q.sql,
            r#"UPDATE "app_place" SET "name" = (CASE WHEN "app_place"."id" = $1 THEN $2 ELSE NULL END)::varchar(100) WHERE "app_place"."id" IN ($3)"#
        );
        let select = select_pks("app_restaurant", "place_ptr_id", &[1.into(), 2.into()]);
        assert_eq!(
            select.sql,
            r#"SELECT "app_restaurant"."place_ptr_id" FROM "app_restaurant" WHERE "app_restaurant"."place_ptr_id" IN ($1, $2)"#
        );
    }

    #[test]
    fn time_uuid_and_inet_cases_are_cast_twice() {
        let sets = [CaseSet {
            column: "at".into(),
            db_type: "time".into(),
            whens: whens(vec![(1.into(), "09:00:00".into())]),
            unify: needs_unification_cast("time", false),
        }];
        let q = case_update("t", "id", &sets, &[1.into()], WhenStyle::Parenthesized);
        assert_eq!(
            q.sql,
            r#"UPDATE "t" SET "at" = (CAST(CASE WHEN ("t"."id" = $1) THEN $2 ELSE NULL END AS time))::time WHERE "t"."id" IN ($3)"#
        );
        assert!(!needs_unification_cast("uuid", true));
        assert!(!needs_unification_cast("date", false));
    }

    #[test]
    fn in_lists_drop_duplicates_and_nulls() {
        let values: Vec<Value> = vec![1.into(), 1.into(), Value::Null, 2.into()];
        assert_eq!(distinct(&values), vec![Value::from(1), Value::from(2)]);
        assert!(unnestable("timestamp with time zone"));
        assert!(!unnestable("bytea"));
        assert!(!unnestable("integer[]"));
    }
}
