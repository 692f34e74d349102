//! Checks `db::value` against the real PostgreSQL: every decoded value must equal the server's
//! own text output of the same expression, and text-format parameters must round-trip.

use pgscenario::db::server::{EmbeddedServer, ServerOptions};
use pgscenario::db::value::{yaml_literal, TextParam, Value};
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, NoTls, SimpleQueryMessage};

/// A session on the embedded server with the settings pgscenario's sessions use.
async fn connect(server: &EmbeddedServer) -> Client {
    let (client, connection) = tokio_postgres::connect(&server.url(), NoTls)
        .await
        .expect("connect");
    tokio::spawn(connection);
    client
        .batch_execute("SET TimeZone = 'UTC'; SET DateStyle = ISO; SET IntervalStyle = postgres")
        .await
        .expect("session settings");
    client
}

/// `SELECT expr` decoded from binary by `Value`, and as the server's own text output (the
/// simple query protocol returns every column in text format; a `::text` cast would differ for
/// some types, e.g. it trims bpchar padding).
async fn binary_and_text(client: &Client, expr: &str) -> (Value, String) {
    let sql = format!("SELECT {expr}");
    let value: Value = client.query_one(&sql, &[]).await.expect(expr).get(0);
    let messages = client.simple_query(&sql).await.expect(expr);
    let text = messages.iter().find_map(|m| match m {
        SimpleQueryMessage::Row(row) => Some(row.get(0).unwrap_or("NULL").to_owned()),
        _ => None,
    });
    (value, text.expect("a row"))
}

/// The value in PostgreSQL's own text output format.
fn pg_text(v: &Value) -> String {
    match v {
        Value::Null => "NULL".into(),
        Value::Bool(b) => if *b { "t" } else { "f" }.into(),
        Value::Text(s) => s.clone(),
        Value::Bytes(_) | Value::Json(_) => v.to_literal().trim_matches('\'').into(),
        Value::Array(items) => {
            let elems: Vec<String> = items
                .iter()
                .map(|item| {
                    let s = pg_text(item);
                    let plain = matches!(item, Value::Null | Value::Array(_))
                        || !(s.is_empty()
                            || s.eq_ignore_ascii_case("null")
                            || s.contains(|c: char| "{},\"\\ ".contains(c)));
                    if plain {
                        s
                    } else {
                        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
                    }
                })
                .collect();
            format!("{{{}}}", elems.join(","))
        }
        _ => v.to_literal(),
    }
}

const CASES: &[&str] = &[
    "true",
    "false",
    "32767::int2",
    "(-32768)::int2",
    "42",
    "(-2147483648)::int4",
    "9223372036854775807::int8",
    "4294967295::oid",
    "1.5::float8",
    "0.1::float8",
    "1e20::float8",
    "1e-5::float8",
    "123456789012345::float8",
    "1e15::float8",
    "'NaN'::float8",
    "'-Infinity'::float8",
    "'-0'::float8",
    "5e-324::float8",
    "1.7976931348623157e308::float8",
    "0.1::float4",
    "1.5::float4",
    "12.50",
    "0::numeric",
    "-0.001",
    "100000::numeric",
    "1e-10::numeric",
    "'NaN'::numeric",
    "'Infinity'::numeric",
    "123456789.123456789",
    "0.00012",
    "-99999999999999999999.9999",
    "10000.0001",
    "1e100::numeric",
    "0.0::numeric",
    "round(2.5, 0)",
    "'hello'",
    "'it''s'",
    "''",
    "'héllo ✓'",
    "'abc'::varchar(10)",
    "'ab'::char(4)",
    "'nm'::name",
    "'x'::\"char\"",
    "'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid",
    "'\\x0a0bff'::bytea",
    "'10.0.0.1'::inet",
    "'10.0.0.0/8'::inet",
    "'10.1.0.0/16'::cidr",
    "'10.1.2.3/32'::cidr",
    "'2001:db8::1'::inet",
    "'::ffff:1.2.3.4'::inet",
    "'fe80::/64'::cidr",
    "'2001:0:0:1:0:0:0:1'::inet",
    "'08:00:2b:01:02:03'::macaddr",
    "'08:00:2b:01:02:03:04:05'::macaddr8",
    "''::bytea",
    "'2024-01-02'::date",
    "'2024-02-29'::date",
    "'1999-12-31'::date",
    "'0044-03-15 BC'::date",
    "'4713-11-24 BC'::date",
    "'5874897-12-31'::date",
    "'infinity'::date",
    "'-infinity'::date",
    "'2024-01-02 03:04:05'::timestamp",
    "'2024-01-02 03:04:05.12'::timestamp",
    "'1999-12-31 23:59:59.999999'::timestamp",
    "'1970-01-01'::timestamp",
    "'2024-02-29 12:00:00.000001'::timestamp",
    "'0001-01-01 00:00:00 BC'::timestamp",
    "'294276-12-31 23:59:59'::timestamp",
    "'infinity'::timestamp",
    "'-infinity'::timestamp",
    "'2024-01-02 03:04:05+02'::timestamptz",
    "'1900-06-01 00:00:00.5+00'::timestamptz",
    "'0100-02-28 23:00:00+00 BC'::timestamptz",
    "'infinity'::timestamptz",
    "'03:04:05'::time",
    "'23:59:59.5'::time",
    "'24:00:00'::time",
    "'00:00:00'::time",
    "'03:04:05+02'::timetz",
    "'03:04:05.25-05:30'::timetz",
    "'03:04:05+00'::timetz",
    "'1 day 02:03:04'::interval",
    "'3 mons'::interval",
    "'1 year 2 mons -3 days'::interval",
    "'-1 day +02:00:00'::interval",
    "'-00:00:01.5'::interval",
    "'0'::interval",
    "'100 hours'::interval",
    "'1 year -1 mons'::interval",
    "'-1 year -2 mons'::interval",
    "'1.5 seconds'::interval",
    "'-1 days -02:00:00'::interval",
    "'1 mon -00:00:00.000001'::interval",
    "ARRAY[1, NULL, 3]",
    "'{}'::int[]",
    "ARRAY[['a', 'b c'], [NULL, 'x\"y']]",
    "ARRAY['', 'NULL', 'a\\b', '{}', 'a,b']",
    "ARRAY[1.5, 2]::numeric[]",
    "ARRAY['2024-01-02'::date]",
    "ARRAY[true, false]",
    "'{{1,2},{3,4}}'::int8[]",
    "'{{{1},{2}},{{3},{4}}}'::int[]",
    "ARRAY['1 day'::interval]",
    "ARRAY['A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid]",
    "ARRAY['\\x01'::bytea]",
    "'happy'::mood",
    "5::posint",
    "ARRAY['sad'::mood]",
];

#[tokio::test]
async fn decodes_like_postgres_and_params_round_trip() {
    let server = EmbeddedServer::start(&ServerOptions::default()).expect("embedded PostgreSQL");
    let client = connect(&server).await;
    client
        .batch_execute("CREATE TYPE mood AS ENUM ('happy', 'sad'); CREATE DOMAIN posint AS int CHECK (VALUE > 0)")
        .await
        .expect("create types");

    for expr in CASES {
        let (value, text) = binary_and_text(&client, expr).await;
        assert_eq!(pg_text(&value), text, "{expr} decoded as {value:?}");
    }

    // json/jsonb: compare as JSON values, since PostgreSQL re-spaces jsonb text.
    for expr in [
        r#"'{"a": [1, 2.5, null], "b": "x"}'::json"#,
        r#"'{"a": [1, 2.5, null]}'::jsonb"#,
        "'\"s\"'::jsonb",
        "'[]'::jsonb",
    ] {
        let (value, text) = binary_and_text(&client, expr).await;
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("server JSON");
        assert_eq!(value, Value::Json(parsed), "{expr}");
    }
    let row = client
        .query_one(r#"SELECT ARRAY['{"a":1}'::jsonb, NULL]"#, &[])
        .await
        .expect("jsonb[]");
    assert_eq!(
        row.get::<_, Value>(0),
        Value::Array(vec![Value::Json(serde_json::json!({"a": 1})), Value::Null])
    );

    // Types not decoded become Unsupported, arrays of them too; NULL is Null whatever the type.
    let row = client
        .query_one("SELECT '(1,2)'::point, 12.34::money, ARRAY['(1,2)'::point], '<(1,2),3>'::circle, NULL::point", &[])
        .await
        .expect("unsupported");
    let unsupported = |t: &str| Value::Unsupported {
        type_name: t.into(),
    };
    assert_eq!(row.get::<_, Value>(0), unsupported("point"));
    assert_eq!(row.get::<_, Value>(1), unsupported("money"));
    assert_eq!(row.get::<_, Value>(2), unsupported("_point"));
    assert_eq!(row.get::<_, Value>(3), unsupported("circle"));
    assert_eq!(row.get::<_, Value>(4), Value::Null);

    // Parameters from YAML, sent as text, parsed by the server for the type it inferred.
    let param_cases: &[(&str, &str, &str)] = &[
        ("int8", "42", "42"),
        ("int8", "-9223372036854775808", "-9223372036854775808"),
        ("numeric", "'12.50'", "12.50"),
        ("numeric", "12.5", "12.5"),
        ("float8", "1.0e-10", "1e-10"),
        ("bool", "true", "true"),
        ("date", "2024-01-02", "2024-01-02"),
        (
            "timestamptz",
            "2024-01-02T03:04:05+02:00",
            "2024-01-02 01:04:05+00",
        ),
        ("int[]", "[1, null, 3]", "{1,NULL,3}"),
        ("int[]", "[[1, 2], [3, 4]]", "{{1,2},{3,4}}"),
        ("int[]", "[]", "{}"),
        (
            "text[]",
            r#"["a b", 'x"y', null, "NULL", "", "a\\b", "{}"]"#,
            r#"{"a b","x\"y",NULL,"NULL","","a\\b","{}"}"#,
        ),
        (
            "jsonb",
            "{a: 1, b: [x, null]}",
            r#"{"a": 1, "b": ["x", null]}"#,
        ),
        ("jsonb[]", "[{a: 1}]", r#"{"{\"a\": 1}"}"#),
        ("text", r#"'it''s "quoted"'"#, r#"it's "quoted""#),
        ("bytea", "'\\x0a0b'", "\\x0a0b"),
        (
            "uuid",
            "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        ),
        ("interval", "1 day 2 hours", "1 day 02:00:00"),
    ];
    for (ty, yaml, want) in param_cases {
        let yaml_value: serde_yaml::Value = serde_yaml::from_str(yaml).expect("test YAML");
        let param = TextParam::from_yaml(&yaml_value).expect("param");
        let row = client
            .query_one(&format!("SELECT $1::{ty}, ($1::{ty})::text"), &[&param])
            .await
            .unwrap_or_else(|e| panic!("{ty} {yaml}: {e}"));
        let (value, text): (Value, String) = (row.get(0), row.get(1));
        assert_eq!(text, *want, "{ty} {yaml} sent as {param:?}");
        assert!(
            value.matches_yaml(&yaml_value)
                // The server normalizes these, so the YAML text is not its output.
                || ["timestamptz", "uuid", "interval"].contains(ty),
            "{ty}: {value:?} vs {}",
            yaml_literal(&yaml_value)
        );
    }

    // Prepared statement with server-inferred parameter types, including NULL.
    client
        .batch_execute("CREATE TEMP TABLE t (a int8, b numeric, c bool, d date, e int[], f jsonb, g text, h int)")
        .await
        .expect("create table");
    let sql = "INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *";
    let yaml = "[9000000000, '12.50', false, 2024-02-29, [1, null], {k: [1, 2.5]}, \"a 'b' \\\"c\\\"\", null]";
    let values: Vec<serde_yaml::Value> = serde_yaml::from_str(yaml).expect("test YAML");
    let params: Vec<TextParam> = values
        .iter()
        .map(TextParam::from_yaml)
        .collect::<Result<_, _>>()
        .expect("params");
    let stmt = client.prepare(sql).await.expect("prepare");
    // `query` binds through `query_raw`, so this is the runner's encoding path.
    let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as &(dyn ToSql + Sync)).collect();
    let row = client
        .query_one(&stmt, &refs)
        .await
        .expect("insert returning");
    for (i, expected) in values.iter().enumerate() {
        let value: Value = row.get(i);
        assert!(
            value.matches_yaml(expected),
            "column {i}: {value:?} vs {}",
            yaml_literal(expected)
        );
    }
    assert_eq!(row.get::<_, Value>(1), Value::Numeric("12.50".into()));
    assert_eq!(row.get::<_, Value>(6).to_literal(), r#"'a ''b'' "c"'"#);
}
