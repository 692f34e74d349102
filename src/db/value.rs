//! Owns value conversion between YAML, PostgreSQL's wire formats and text: text-format query
//! parameters built from YAML ([`TextParam`]), binary result decoding into [`Value`], comparison
//! with expected YAML values, and the literal form used in messages and golden files.

use std::error::Error;
use std::fmt::Write as _;

use bytes::BytesMut;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use tokio_postgres::types::{to_sql_checked, Format, FromSql, IsNull, Kind, ToSql, Type};

type BoxError = Box<dyn Error + Sync + Send>;

const DAY_US: i64 = 86_400_000_000;

/// A parameter sent in PostgreSQL's text format, so the server parses it for whatever type it inferred.
#[derive(Debug, Clone, PartialEq)]
pub struct TextParam(pub Option<String>);

impl TextParam {
    /// Builds a parameter from a YAML value: strings as they are, numbers and booleans as their
    /// text, null as SQL NULL, sequences as array literals (`{1,"a b",NULL}`) and mappings as JSON.
    pub fn from_yaml(v: &Yaml) -> Result<TextParam, String> {
        Ok(TextParam(match v {
            Yaml::Null => None,
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Number(n) => Some(number_text(n)),
            Yaml::String(s) => Some(s.clone()),
            Yaml::Sequence(items) => Some(array_literal(items)?),
            Yaml::Mapping(_) => Some(yaml_to_json(v)?.to_string()),
            Yaml::Tagged(t) => {
                return Err(format!(
                    "YAML tag {} is not supported in a parameter",
                    t.tag
                ))
            }
        }))
    }
}

impl ToSql for TextParam {
    fn to_sql(&self, _ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match &self.0 {
            Some(text) => {
                out.extend_from_slice(text.as_bytes());
                Ok(IsNull::No)
            }
            None => Ok(IsNull::Yes),
        }
    }

    // The server parses text for any type, so every inferred parameter type is fine.
    fn accepts(_ty: &Type) -> bool {
        true
    }

    fn encode_format(&self, _ty: &Type) -> Format {
        Format::Text
    }

    to_sql_checked!();
}

/// Renders a YAML sequence as a PostgreSQL array literal. Every non-NULL scalar is double-quoted,
/// which PostgreSQL accepts for any element type and which protects spaces, commas and "NULL".
fn array_literal(items: &[Yaml]) -> Result<String, String> {
    let mut out = String::from("{");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match item {
            Yaml::Sequence(inner) => out.push_str(&array_literal(inner)?),
            other => match TextParam::from_yaml(other)?.0 {
                None => out.push_str("NULL"),
                Some(text) => {
                    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
                    let _ = write!(out, "\"{escaped}\"");
                }
            },
        }
    }
    out.push('}');
    Ok(out)
}

/// A YAML number as plain decimal text (no exponent), which every numeric input function accepts
/// and which [`decimal_eq`] can compare digit by digit.
fn number_text(n: &serde_yaml::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        match n.as_f64() {
            Some(f) if f.is_nan() => "NaN".into(),
            Some(f) if f.is_infinite() => if f > 0.0 { "Infinity" } else { "-Infinity" }.into(),
            Some(f) => format!("{f}"),
            None => n.to_string(),
        }
    }
}

fn yaml_to_json(v: &Yaml) -> Result<Json, String> {
    Ok(match v {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(*b),
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => i.into(),
            (_, Some(u), _) => u.into(),
            (_, _, f) => f
                .and_then(serde_json::Number::from_f64)
                .map(Json::Number)
                .ok_or_else(|| format!("{n} cannot be represented in JSON"))?,
        },
        Yaml::Sequence(items) => {
            Json::Array(items.iter().map(yaml_to_json).collect::<Result<_, _>>()?)
        }
        Yaml::Mapping(m) => Json::Object(
            m.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Number(n) => n.to_string(),
                        Yaml::Bool(b) => b.to_string(),
                        _ => return Err(format!("a JSON object key must be a scalar, not {k:?}")),
                    };
                    Ok((key, yaml_to_json(v)?))
                })
                .collect::<Result<_, String>>()?,
        ),
        Yaml::Tagged(t) => return Err(format!("YAML tag {} is not supported in JSON", t.tag)),
    })
}

/// A value of a result column.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// `bool`.
    Bool(bool),
    /// `int2`, `int4`, `int8` and `oid`.
    Int(i64),
    /// `float4` and `float8`.
    Float(f64),
    /// `numeric`, as PostgreSQL's exact decimal text ("12.50", "NaN", "Infinity").
    Numeric(String),
    /// Text types, enums, and values rendered as PostgreSQL's text output
    /// (uuid, date, time, timetz, timestamp, timestamptz in UTC, interval).
    Text(String),
    /// `json` and `jsonb`.
    Json(Json),
    /// `bytea`.
    Bytes(Vec<u8>),
    /// Arrays of any dimension; multi-dimensional arrays nest (lower bounds are dropped).
    Array(Vec<Value>),
    /// A type this module does not decode; it only matters if someone compares it.
    Unsupported {
        /// The PostgreSQL type name, e.g. `point`.
        type_name: String,
    },
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        decode(ty, raw)
            .map_err(|e| format!("malformed {} value from the server: {e}", ty.name()).into())
    }

    fn from_sql_null(_ty: &Type) -> Result<Self, BoxError> {
        Ok(Value::Null)
    }

    // Unknown types become `Value::Unsupported` instead of failing the whole row.
    fn accepts(_ty: &Type) -> bool {
        true
    }
}

impl Value {
    /// Does this actual value equal the value written in YAML? Numbers compare numerically with
    /// Int/Float/Numeric, strings with the value's text rendering, sequences element-wise with
    /// arrays, and anything against a Json value compares as JSON.
    pub fn matches_yaml(&self, expected: &Yaml) -> bool {
        match (self, expected) {
            (Value::Json(actual), _) => json_matches(actual, expected),
            (Value::Null, Yaml::Null) => true,
            (Value::Bool(a), Yaml::Bool(b)) => a == b,
            (Value::Int(i), Yaml::Number(n)) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(e), _, _) => *i == e,
                (_, Some(_), _) => false, // above i64::MAX
                (_, _, f) => f == Some(*i as f64),
            },
            (Value::Float(x), Yaml::Number(n)) => n
                .as_f64()
                .is_some_and(|e| *x == e || (x.is_nan() && e.is_nan())),
            (Value::Numeric(s), Yaml::Number(n)) => decimal_eq(s, &number_text(n)),
            (Value::Array(items), Yaml::Sequence(exp)) => {
                items.len() == exp.len() && items.iter().zip(exp).all(|(a, e)| a.matches_yaml(e))
            }
            (_, Yaml::String(s)) => self.text().is_some_and(|t| t == *s),
            _ => false,
        }
    }

    /// A compact literal for messages and golden files: NULL, true, 42, 1.5, 12.50, 'it''s',
    /// '{"a":1}', '\x0a0b', [1, 'a', NULL], <point>.
    pub fn to_literal(&self) -> String {
        match self {
            Value::Null => "NULL".into(),
            Value::Bool(b) => b.to_string(),
            Value::Array(items) => list(items.iter().map(Value::to_literal)),
            Value::Unsupported { type_name } => format!("<{type_name}>"),
            Value::Json(j) => quote(&j.to_string()),
            Value::Text(_) | Value::Bytes(_) => quote(&self.text().unwrap_or_default()),
            Value::Int(_) | Value::Float(_) | Value::Numeric(_) => self.text().unwrap_or_default(),
        }
    }

    /// The text a YAML string is compared with; None for values no string can equal.
    fn text(&self) -> Option<String> {
        match self {
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(float_text(*f)),
            Value::Numeric(s) | Value::Text(s) => Some(s.clone()),
            Value::Bytes(b) => Some(format!("\\x{}", hex(b))),
            _ => None,
        }
    }
}

/// The literal form of a YAML value, matching [`Value::to_literal`] so expected and actual values
/// render alike: NULL, 'str', 42, 1.5, true, [1, 'a'], mappings as quoted JSON.
pub fn yaml_literal(v: &Yaml) -> String {
    match v {
        Yaml::Null => "NULL".into(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => float_text(f),
            _ => n.to_string(),
        },
        Yaml::String(s) => quote(s),
        Yaml::Sequence(items) => list(items.iter().map(yaml_literal)),
        Yaml::Mapping(_) => match yaml_to_json(v) {
            Ok(j) => quote(&j.to_string()),
            Err(e) => format!("<{e}>"),
        },
        Yaml::Tagged(t) => format!("{} {}", t.tag, yaml_literal(&t.value)),
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// Formats a float the way PostgreSQL 12+ does: shortest round-trip digits, exponent form
/// ("1e+20", "1e-05") when the decimal exponent is below -4 or at least 15.
fn float_text(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if f == 0.0 || (-4..15).contains(&exp) {
        format!("{f}")
    } else {
        format!(
            "{mantissa}e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.unsigned_abs()
        )
    }
}

/// Compares two decimal strings numerically ("1" == "1.00" == "01.0"); anything that is not a
/// plain decimal (NaN, Infinity) must match exactly.
fn decimal_eq(a: &str, b: &str) -> bool {
    fn normalize(s: &str) -> Option<(bool, &str, &str)> {
        let (neg, body) = s.strip_prefix('-').map_or((false, s), |b| (true, b));
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty()
            || !(int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let (int, frac) = (int.trim_start_matches('0'), frac.trim_end_matches('0'));
        Some((neg && !(int.is_empty() && frac.is_empty()), int, frac))
    }
    match (normalize(a), normalize(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn json_matches(actual: &Json, expected: &Yaml) -> bool {
    match expected {
        // A string may hold JSON text ('{"a": 1}') or be the content of a JSON string. (Text
        // that does not parse can never equal the actual value's JSON text, so no third case.)
        Yaml::String(s) => {
            serde_json::from_str::<Json>(s).is_ok_and(|e| json_eq(actual, &e))
                || actual.as_str() == Some(s.as_str())
        }
        _ => yaml_to_json(expected).is_ok_and(|e| json_eq(actual, &e)),
    }
}

/// JSON equality where numbers compare by value, so 1 equals 1.0.
fn json_eq(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// A cursor over binary data whose reads fail, rather than panic, when the data is short.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BoxError> {
        if self.0.len() < n {
            return Err(format!("needs {n} more bytes, has {}", self.0.len()).into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
    fn bytes<const N: usize>(&mut self) -> Result<[u8; N], BoxError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
    fn i16(&mut self) -> Result<i16, BoxError> {
        self.bytes().map(i16::from_be_bytes)
    }
    fn i32(&mut self) -> Result<i32, BoxError> {
        self.bytes().map(i32::from_be_bytes)
    }
    fn i64(&mut self) -> Result<i64, BoxError> {
        self.bytes().map(i64::from_be_bytes)
    }
    fn finish(&self) -> Result<(), BoxError> {
        match self.0.len() {
            0 => Ok(()),
            n => Err(format!("{n} unexpected trailing bytes").into()),
        }
    }
}

/// Exactly N bytes, for fixed-size types.
fn fixed<const N: usize>(raw: &[u8]) -> Result<[u8; N], BoxError> {
    let mut r = Reader(raw);
    let out = r.bytes()?;
    r.finish()?;
    Ok(out)
}

fn utf8(raw: &[u8]) -> Result<String, BoxError> {
    Ok(std::str::from_utf8(raw)?.to_owned())
}

fn decode(ty: &Type, raw: &[u8]) -> Result<Value, BoxError> {
    Ok(match *ty {
        Type::BOOL => Value::Bool(fixed::<1>(raw)?[0] != 0),
        Type::INT2 => Value::Int(i16::from_be_bytes(fixed(raw)?).into()),
        Type::INT4 => Value::Int(i32::from_be_bytes(fixed(raw)?).into()),
        Type::INT8 => Value::Int(i64::from_be_bytes(fixed(raw)?)),
        Type::OID => Value::Int(u32::from_be_bytes(fixed(raw)?).into()),
        // Going through f32's shortest text keeps float4 0.1 as 0.1 rather than 0.10000000149011612.
        Type::FLOAT4 => Value::Float(f32::from_be_bytes(fixed(raw)?).to_string().parse()?),
        Type::FLOAT8 => Value::Float(f64::from_be_bytes(fixed(raw)?)),
        Type::NUMERIC => Value::Numeric(numeric_text(raw)?),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            Value::Text(utf8(raw)?)
        }
        // "char" is one raw byte; PostgreSQL prints non-ASCII bytes as octal escapes.
        Type::CHAR => Value::Text(match fixed::<1>(raw)?[0] {
            0 => String::new(),
            b if b.is_ascii() => char::from(b).to_string(),
            b => format!("\\{b:03o}"),
        }),
        Type::JSON => Value::Json(serde_json::from_slice(raw)?),
        Type::JSONB => match raw.split_first() {
            Some((1, text)) => Value::Json(serde_json::from_slice(text)?),
            _ => return Err("unknown jsonb format version".into()),
        },
        Type::UUID => {
            let h = hex(&fixed::<16>(raw)?);
            let (a, b, c, d, e) = (&h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..]);
            Value::Text(format!("{a}-{b}-{c}-{d}-{e}"))
        }
        Type::BYTEA => Value::Bytes(raw.to_vec()),
        Type::DATE => Value::Text(match i32::from_be_bytes(fixed(raw)?) {
            i32::MAX => "infinity".into(),
            i32::MIN => "-infinity".into(),
            days => {
                let (date, bc) = date_parts(days.into());
                format!("{date}{bc}")
            }
        }),
        Type::TIMESTAMP => Value::Text(timestamp_text(i64::from_be_bytes(fixed(raw)?), "")),
        Type::TIMESTAMPTZ => Value::Text(timestamp_text(i64::from_be_bytes(fixed(raw)?), "+00")),
        Type::TIME => Value::Text(time_text(i64::from_be_bytes(fixed(raw)?))),
        Type::TIMETZ => {
            let mut r = Reader(raw);
            let (time, zone) = (r.i64()?, r.i32()?);
            r.finish()?;
            Value::Text(format!("{}{}", time_text(time), zone_text(zone)))
        }
        Type::INTERVAL => {
            let mut r = Reader(raw);
            let (micros, days, months) = (r.i64()?, r.i32()?, r.i32()?);
            r.finish()?;
            Value::Text(interval_text(micros, days, months))
        }
        _ => match ty.kind() {
            Kind::Array(elem) => decode_array(ty, elem, raw)?,
            Kind::Domain(base) => decode(base, raw)?,
            Kind::Enum(_) => Value::Text(utf8(raw)?),
            _ => Value::Unsupported {
                type_name: ty.name().to_owned(),
            },
        },
    })
}

/// PostgreSQL's binary numeric: ndigits, weight (of the first base-10000 digit), sign, display
/// scale, then the digits. Rendered like numeric_out, which pads or cuts the fraction to dscale.
fn numeric_text(raw: &[u8]) -> Result<String, BoxError> {
    let mut r = Reader(raw);
    let (ndigits, weight, sign, dscale) = (r.i16()?, r.i16()?, r.i16()? as u16, r.i16()? as u16);
    let mut digits = Vec::new();
    for _ in 0..ndigits {
        match r.i16()? {
            d @ 0..=9999 => digits.push(d),
            d => return Err(format!("numeric digit {d} is out of range").into()),
        }
    }
    r.finish()?;
    let mut out = match sign {
        0x0000 => String::new(),
        0x4000 => String::from("-"),
        0xC000 => return Ok("NaN".into()),
        0xD000 => return Ok("Infinity".into()),
        0xF000 => return Ok("-Infinity".into()),
        _ => return Err(format!("unknown numeric sign {sign:#x}").into()),
    };
    let digit = |i: i32| {
        usize::try_from(i)
            .ok()
            .and_then(|i| digits.get(i))
            .copied()
            .unwrap_or(0)
    };
    if weight < 0 {
        out.push('0');
    } else {
        let _ = write!(out, "{}", digit(0));
        for d in 1..=i32::from(weight) {
            let _ = write!(out, "{:04}", digit(d));
        }
    }
    if dscale > 0 {
        out.push('.');
        let start = out.len();
        let mut d = i32::from(weight) + 1;
        while out.len() - start < usize::from(dscale) {
            let _ = write!(out, "{:04}", digit(d));
            d += 1;
        }
        out.truncate(start + usize::from(dscale));
    }
    Ok(out)
}

/// Days since 2000-01-01 to "YYYY-MM-DD" plus " BC" for years before 1 (Howard Hinnant's
/// civil_from_days on the proleptic Gregorian calendar, as PostgreSQL uses).
fn date_parts(days: i64) -> (String, &'static str) {
    let z = days + 10_957 + 719_468; // shift to days since 0000-03-01
    let (era, doe) = (z.div_euclid(146_097), z.rem_euclid(146_097));
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (year, bc) = if year <= 0 {
        (1 - year, " BC")
    } else {
        (year, "")
    };
    (format!("{year:04}-{month:02}-{day:02}"), bc)
}

fn timestamp_text(micros: i64, zone: &str) -> String {
    match micros {
        i64::MAX => "infinity".into(),
        i64::MIN => "-infinity".into(),
        _ => {
            let (date, bc) = date_parts(micros.div_euclid(DAY_US));
            format!("{date} {}{zone}{bc}", time_text(micros.rem_euclid(DAY_US)))
        }
    }
}

/// "HH:MM:SS" with the fraction only when non-zero and without trailing zeros, as PostgreSQL prints.
fn time_text(micros: i64) -> String {
    let us = micros.unsigned_abs();
    let (h, m, s) = (
        us / 3_600_000_000,
        us / 60_000_000 % 60,
        us / 1_000_000 % 60,
    );
    format!("{h:02}:{m:02}:{s:02}{}", fraction(us % 1_000_000))
}

fn fraction(us: u64) -> String {
    if us == 0 {
        return String::new();
    }
    format!(".{us:06}").trim_end_matches('0').to_owned()
}

/// A timetz offset; PostgreSQL stores it in seconds west of UTC and prints +HH[:MM[:SS]] east.
fn zone_text(west: i32) -> String {
    let sign = if west <= 0 { '+' } else { '-' };
    let s = west.unsigned_abs();
    match (s / 3600, s / 60 % 60, s % 60) {
        (h, 0, 0) => format!("{sign}{h:02}"),
        (h, m, 0) => format!("{sign}{h:02}:{m:02}"),
        (h, m, sec) => format!("{sign}{h:02}:{m:02}:{sec:02}"),
    }
}

/// IntervalStyle "postgres" output, e.g. "1 year 2 mons -3 days +04:05:06" (after a negative
/// field a positive one gets an explicit "+", as in PostgreSQL's EncodeInterval).
fn interval_text(micros: i64, days: i32, months: i32) -> String {
    let mut out = String::new();
    let mut after_negative = false;
    let fields = [(months / 12, "year"), (months % 12, "mon"), (days, "day")];
    for (value, unit) in fields.into_iter().filter(|(v, _)| *v != 0) {
        let sep = if out.is_empty() { "" } else { " " };
        let plus = if after_negative && value > 0 { "+" } else { "" };
        let s = if value == 1 { "" } else { "s" };
        let _ = write!(out, "{sep}{plus}{value} {unit}{s}");
        after_negative = value < 0;
    }
    if out.is_empty() || micros != 0 {
        let sep = if out.is_empty() { "" } else { " " };
        let sign = if micros < 0 {
            "-"
        } else if after_negative {
            "+"
        } else {
            ""
        };
        let _ = write!(out, "{sep}{sign}{}", time_text(micros));
    }
    out
}

/// The binary array format: ndim, has-null flag, element oid, (length, lower bound) per
/// dimension, then every element in row-major order as a length (-1 = NULL) and its bytes.
fn decode_array(ty: &Type, elem: &Type, raw: &[u8]) -> Result<Value, BoxError> {
    let mut r = Reader(raw);
    let (ndim, _has_null, _elem_oid) = (r.i32()?, r.i32()?, r.i32()?);
    if !(0..=6).contains(&ndim) {
        return Err(format!("array has {ndim} dimensions").into());
    }
    let mut dims = Vec::new();
    for _ in 0..ndim {
        let (len, _lower_bound) = (r.i32()?, r.i32()?);
        dims.push(usize::try_from(len).map_err(|_| format!("array dimension of length {len}"))?);
    }
    // Every element takes at least 4 bytes, so a count beyond that is malformed (and would
    // otherwise let a bogus header make us build huge empty arrays). No dimensions = empty array.
    let total = match dims.is_empty() {
        true => Some(0),
        false => dims.iter().try_fold(1usize, |acc, d| acc.checked_mul(*d)),
    };
    let value = match total {
        Some(0) => Value::Array(Vec::new()),
        Some(t) if t <= r.0.len() / 4 => nest(&dims, &mut r, elem)?,
        _ => return Err("array dimensions exceed its data".into()),
    };
    r.finish()?;
    if has_unsupported(&value) {
        return Ok(Value::Unsupported {
            type_name: ty.name().to_owned(),
        });
    }
    Ok(value)
}

fn nest(dims: &[usize], r: &mut Reader<'_>, elem: &Type) -> Result<Value, BoxError> {
    let Some((&len, inner)) = dims.split_first() else {
        return match r.i32()? {
            -1 => Ok(Value::Null),
            n => decode(
                elem,
                r.take(usize::try_from(n).map_err(|_| format!("element length {n}"))?)?,
            ),
        };
    };
    (0..len)
        .map(|_| nest(inner, r, elem))
        .collect::<Result<_, _>>()
        .map(Value::Array)
}

fn has_unsupported(v: &Value) -> bool {
    match v {
        Value::Unsupported { .. } => true,
        Value::Array(items) => items.iter().any(has_unsupported),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(s: &str) -> Yaml {
        serde_yaml::from_str(s).expect("test YAML")
    }

    fn numeric(weight: i16, sign: u16, dscale: u16, digits: &[i16]) -> String {
        let mut raw = Vec::new();
        for h in [digits.len() as i16, weight, sign as i16, dscale as i16]
            .iter()
            .chain(digits)
        {
            raw.extend_from_slice(&h.to_be_bytes());
        }
        match decode(&Type::NUMERIC, &raw).expect("numeric decodes") {
            Value::Numeric(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn numeric_binary() {
        assert_eq!(numeric(0, 0, 0, &[]), "0");
        assert_eq!(numeric(0, 0, 2, &[12, 5000]), "12.50");
        assert_eq!(numeric(-1, 0x4000, 3, &[10]), "-0.001");
        assert_eq!(numeric(1, 0, 0, &[10]), "100000");
        assert_eq!(numeric(-3, 0, 10, &[100]), "0.0000000001");
        assert_eq!(numeric(1, 0, 1, &[1234, 5678, 9000]), "12345678.9");
        assert_eq!(numeric(0, 0xC000, 0, &[]), "NaN");
        assert_eq!(numeric(0, 0xF000, 0, &[]), "-Infinity");
        assert!(decode(&Type::NUMERIC, &[0, 1, 0, 0]).is_err());
        let digit_10000 = [0, 1, 0, 0, 0, 0, 0, 0, 0x27, 0x10];
        assert!(decode(&Type::NUMERIC, &digit_10000).is_err());
    }

    fn ts(micros: i64) -> Value {
        decode(&Type::TIMESTAMP, &micros.to_be_bytes()).expect("timestamp decodes")
    }

    #[test]
    fn dates_and_times() {
        let text = |s: &str| Value::Text(s.into());
        assert_eq!(ts(0), text("2000-01-01 00:00:00"));
        assert_eq!(ts(-1_000_000), text("1999-12-31 23:59:59"));
        assert_eq!(
            ts(8825 * DAY_US + 12 * 3_600_000_000 + 120_000),
            text("2024-02-29 12:00:00.12")
        );
        assert_eq!(ts(-10_957 * DAY_US + 1), text("1970-01-01 00:00:00.000001"));
        assert_eq!(ts(i64::MAX), text("infinity"));
        let date = |d: i32| decode(&Type::DATE, &d.to_be_bytes()).expect("date decodes");
        assert_eq!(date(8766), text("2024-01-01"));
        assert_eq!(date(-730_485), text("0001-01-01 BC"));
        assert_eq!(date(i32::MIN), text("-infinity"));
        let tz = decode(&Type::TIMESTAMPTZ, &3_723_000_000i64.to_be_bytes()).expect("timestamptz");
        assert_eq!(tz, text("2000-01-01 01:02:03+00"));
        assert_eq!(interval_text(7_384_000_000, 1, 0), "1 day 02:03:04");
        assert_eq!(interval_text(0, 0, 3), "3 mons");
        assert_eq!(
            interval_text(7_200_000_000, -1, 14),
            "1 year 2 mons -1 days +02:00:00"
        );
        assert_eq!(interval_text(-1_500_000, 0, 0), "-00:00:01.5");
        assert_eq!(zone_text(19_800), "-05:30");
        assert!(decode(&Type::DATE, &[0, 0, 1]).is_err());
    }

    fn array(elem_oid: i32, dims: &[i32], elems: &[Option<&[u8]>]) -> Vec<u8> {
        let mut raw: Vec<u8> = [dims.len() as i32, 1, elem_oid]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        for d in dims {
            raw.extend_from_slice(&[d.to_be_bytes(), 1i32.to_be_bytes()].concat());
        }
        for e in elems {
            match e {
                Some(b) => {
                    raw.extend_from_slice(&[&(b.len() as i32).to_be_bytes()[..], b].concat())
                }
                None => raw.extend_from_slice(&(-1i32).to_be_bytes()),
            }
        }
        raw
    }

    #[test]
    fn arrays_and_json() {
        let raw = array(
            23,
            &[3],
            &[Some(&1i32.to_be_bytes()), None, Some(&3i32.to_be_bytes())],
        );
        let ints = Value::Array(vec![Value::Int(1), Value::Null, Value::Int(3)]);
        assert_eq!(decode(&Type::INT4_ARRAY, &raw).expect("int[]"), ints);
        assert!(decode(&Type::INT4_ARRAY, &raw[..raw.len() - 1]).is_err());
        let raw = array(25, &[2, 2], &[Some(b"a"), Some(b"b c"), None, Some(b"d")]);
        let t = |s: &str| Value::Text(s.into());
        let want = Value::Array(vec![
            Value::Array(vec![t("a"), t("b c")]),
            Value::Array(vec![Value::Null, t("d")]),
        ]);
        assert_eq!(decode(&Type::TEXT_ARRAY, &raw).expect("text[][]"), want);
        assert!(decode(&Type::TEXT_ARRAY, &array(25, &[i32::MAX, 0], &[])).is_ok());
        assert!(decode(&Type::TEXT_ARRAY, &array(25, &[1_000_000], &[])).is_err());
        assert_eq!(
            decode(&Type::INT4_ARRAY, &array(23, &[], &[])).expect("{}"),
            Value::Array(vec![])
        );
        let jsonb = decode(&Type::JSONB, b"\x01{\"a\": [1, null]}").expect("jsonb");
        assert_eq!(jsonb, Value::Json(serde_json::json!({"a": [1, null]})));
        assert!(decode(&Type::JSONB, b"\x02{}").is_err());
        let point = Value::Unsupported {
            type_name: "point".into(),
        };
        assert_eq!(decode(&Type::POINT, &[0; 16]).expect("point"), point);
        let uuid = decode(&Type::UUID, &[0xAB; 16]).expect("uuid");
        assert_eq!(uuid, t("abababab-abab-abab-abab-abababababab"));
    }

    #[test]
    fn params_from_yaml() {
        let p = |s: &str| TextParam::from_yaml(&yaml(s)).expect("param").0;
        assert_eq!(p("abc"), Some("abc".into()));
        assert_eq!(p("42"), Some("42".into()));
        assert_eq!(p("1.0e-10"), Some("0.0000000001".into()));
        assert_eq!(p("true"), Some("true".into()));
        assert_eq!(p("~"), None);
        assert_eq!(
            p(r#"["a b", 'x"y', null, [1, 2.5], "NULL", "\\"]"#),
            Some(r#"{"a b","x\"y",NULL,{"1","2.5"},"NULL","\\"}"#.into())
        );
        assert_eq!(p("{a: 1, b: [x]}"), Some(r#"{"a":1,"b":["x"]}"#.into()));
        assert!(TextParam::from_yaml(&yaml("!foo 1")).is_err());
    }

    #[test]
    fn matching_and_literals() {
        let (num, text) = (
            |s: &str| Value::Numeric(s.into()),
            |s: &str| Value::Text(s.into()),
        );
        let json = Value::Json(serde_json::json!({"a": [1, "x"]}));
        let arr = Value::Array(vec![Value::Int(1), Value::Null]);
        let cases = [
            (num("1.00"), "1", true),
            (num("12.50"), "12.5", true),
            (num("12.50"), "'12.50'", true),
            (num("12.50"), "'12.5'", false),
            (num("1.01"), "1", false),
            (num("-0.001"), "-1.0e-3", true),
            (Value::Float(1.0), "1", true),
            (Value::Float(0.1), "0.1", true),
            (Value::Int(1), "1.0", true),
            (Value::Int(42), "'42'", true),
            (Value::Bool(true), "true", true),
            (Value::Bool(true), "'true'", false),
            (Value::Null, "null", true),
            (Value::Null, "'NULL'", false),
            (text("2024-01-02"), "2024-01-02", true),
            (text("1"), "1", false),
            (json.clone(), "{a: [1.0, x]}", true),
            (json.clone(), r#"'{"a": [1, "x"]}'"#, true),
            (json, "{a: 1}", false),
            (Value::Json(serde_json::json!("s")), "s", true),
            (arr.clone(), "[1, null]", true),
            (arr.clone(), "[1]", false),
        ];
        for (value, expected, want) in cases {
            assert_eq!(
                value.matches_yaml(&yaml(expected)),
                want,
                "{value:?} vs {expected}"
            );
        }
        assert_eq!(arr.to_literal(), "[1, NULL]");
        assert_eq!(Value::Text("it's".into()).to_literal(), "'it''s'");
        assert_eq!(Value::Bytes(vec![10, 11]).to_literal(), r"'\x0a0b'");
        assert_eq!(Value::Float(1e20).to_literal(), "1e+20");
        assert_eq!(Value::Float(1e-5).to_literal(), "1e-05");
        assert_eq!(Value::Float(1.5).to_literal(), "1.5");
        assert_eq!(
            Value::Json(serde_json::json!({"a": 1})).to_literal(),
            r#"'{"a":1}'"#
        );
        assert_eq!(
            yaml_literal(&yaml("[~, 'it''s', 2, 1.5, true, {a: 1}]")),
            r#"[NULL, 'it''s', 2, 1.5, true, '{"a":1}']"#
        );
    }
}
