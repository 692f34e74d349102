//! A value as the field's `get_prep_value` makes it before Django sends it: the Python type
//! of the field, whatever type the spec wrote (`code: 5` for a CharField is '5', `qty: "3"`
//! for an IntegerField is 3). Values that the field's `to_python` would refuse are left as
//! written, for the server to refuse.

use serde_yaml::Value as Yaml;

use super::model::Field;

/// The value converted to the field's type, by its column type.
pub fn to_field_type(field: &Field, value: &Yaml) -> Yaml {
    to_type(&field.cast_type, &field.db_type, value)
}

/// The value converted to a column type (`cast_type` without modifiers, `db_type` with
/// them): what a field of that type, or a transform's output field, prepares.
pub fn to_type(cast_type: &str, db_type: &str, value: &Yaml) -> Yaml {
    let converted = match cast_type {
        "smallint" | "integer" | "bigint" => to_int(value),
        "double precision" | "real" => to_float(value),
        "numeric" => to_decimal(value, max_digits(db_type)),
        "boolean" => to_bool(value),
        "uuid" => to_uuid(value),
        "date" => to_date(value),
        "time" | "time with time zone" => to_time(value),
        "varchar" | "text" | "char" => to_text(value),
        _ => None,
    };
    converted.unwrap_or_else(|| value.clone())
}

/// `int(value)`: digits in a string, a float truncated, a bool as 0 or 1.
fn to_int(value: &Yaml) -> Option<Yaml> {
    match value {
        Yaml::String(text) => text.trim().parse::<i64>().ok().map(Yaml::from),
        Yaml::Bool(b) => Some(Yaml::from(i64::from(*b))),
        Yaml::Number(n) if n.is_f64() => {
            let f = n.as_f64()?;
            (f.is_finite() && f.abs() < 9.2e18).then(|| Yaml::from(f.trunc() as i64))
        }
        _ => None,
    }
}

/// `float(value)`.
fn to_float(value: &Yaml) -> Option<Yaml> {
    match value {
        Yaml::String(text) => text.trim().parse::<f64>().ok().map(Yaml::from),
        Yaml::Number(n) if !n.is_f64() => n.as_f64().map(Yaml::from),
        Yaml::Bool(b) => Some(Yaml::from(if *b { 1.0 } else { 0.0 })),
        _ => None,
    }
}

/// DecimalField's `to_python`: a string or an integer as written (`Decimal("4.5")`), a float
/// rounded to `max_digits` significant digits (`create_decimal_from_float`).
fn to_decimal(value: &Yaml, max_digits: Option<usize>) -> Option<Yaml> {
    use crate::db::value::decimal;
    match value {
        Yaml::String(text) => {
            let text = text.trim();
            is_decimal(text).then(|| decimal(text))
        }
        Yaml::Number(n) if n.is_f64() => {
            let f = n.as_f64().filter(|f| f.is_finite())?;
            Some(decimal(&float_to_decimal(f, max_digits?)))
        }
        _ => None,
    }
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    !(int.is_empty() && frac.is_empty())
        && int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())
}

/// The precision of `numeric(10,2)`.
fn max_digits(db_type: &str) -> Option<usize> {
    let inner = db_type.split_once('(')?.1;
    inner.split([',', ')']).next()?.trim().parse().ok()
}

/// The float's exact binary value, rounded half-even to `precision` significant digits when
/// it has more (Python's `Context(prec=precision).create_decimal_from_float`).
fn float_to_decimal(f: f64, precision: usize) -> String {
    // Rust prints the exact expansion of a float for any precision asked.
    let exact = format!("{:.1100}", f.abs());
    let exact = exact.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = exact.split_once('.').unwrap_or((exact, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).map(|b| b - b'0').collect();
    let mut point = int.len() as i64;
    // Leading zeros (0.00123) carry no significance.
    while digits.len() > 1 && digits[0] == 0 {
        digits.remove(0);
        point -= 1;
    }
    if digits.len() > precision && precision > 0 {
        let rest = digits.split_off(precision);
        let half = match rest[0].cmp(&5) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => {
                rest[1..].iter().any(|d| *d != 0) || digits.last().is_some_and(|d| d % 2 == 1)
            }
        };
        if half {
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    digits.pop();
                    point += 1;
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
    }
    let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let sign = if f.is_sign_negative() && f != 0.0 {
        "-"
    } else {
        ""
    };
    let body = if point <= 0 {
        format!("0.{}{text}", "0".repeat((-point) as usize))
    } else if point as usize >= text.len() {
        format!("{text}{}", "0".repeat(point as usize - text.len()))
    } else {
        let (a, b) = text.split_at(point as usize);
        format!("{a}.{b}")
    };
    format!("{sign}{body}")
}

/// BooleanField's `to_python`: True and False, 1 and 0, and the strings it names.
fn to_bool(value: &Yaml) -> Option<Yaml> {
    match value {
        Yaml::Number(n) if n.as_f64() == Some(1.0) => Some(Yaml::Bool(true)),
        Yaml::Number(n) if n.as_f64() == Some(0.0) => Some(Yaml::Bool(false)),
        Yaml::String(text) => match text.as_str() {
            "t" | "True" | "1" => Some(Yaml::Bool(true)),
            "f" | "False" | "0" => Some(Yaml::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

/// `uuid.UUID(text)`: braces, `urn:uuid:` and hyphens dropped, the hex lowercased and
/// hyphenated; an integer as `UUID(int=...)`.
fn to_uuid(value: &Yaml) -> Option<Yaml> {
    let hex = match value {
        Yaml::String(text) => {
            let text = text.trim();
            let text = text.strip_prefix("urn:").unwrap_or(text);
            let text = text.strip_prefix("uuid:").unwrap_or(text);
            let text = text.trim_matches(['{', '}']);
            let hex: String = text.chars().filter(|c| *c != '-').collect();
            (hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()))
                .then(|| hex.to_ascii_lowercase())?
        }
        Yaml::Number(n) => format!("{:032x}", n.as_u64()?),
        _ => return None,
    };
    Some(Yaml::String(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )))
}

/// `parse_date`: `2025-1-2` is 2025-01-02.
fn to_date(value: &Yaml) -> Option<Yaml> {
    let Yaml::String(text) = value else {
        return None;
    };
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let numeric = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
    };
    if parts.next().is_some()
        || !numeric(year, 4..=4)
        || !numeric(month, 1..=2)
        || !numeric(day, 1..=2)
    {
        return None;
    }
    Some(Yaml::String(format!("{year}-{month:0>2}-{day:0>2}")))
}

/// `parse_time`, then `str(time)`: `9:00` is 09:00:00, a fraction six digits long.
fn to_time(value: &Yaml) -> Option<Yaml> {
    let Yaml::String(text) = value else {
        return None;
    };
    let (clock, fraction) = match text.split_once(['.', ',']) {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text.as_str(), None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let two = |s: &str| (1..=2).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if !(2..=3).contains(&parts.len()) || !parts.iter().all(|p| two(p)) {
        return None;
    }
    if fraction.is_some() && parts.len() != 3 {
        return None;
    }
    let second = parts.get(2).copied().unwrap_or("0");
    let mut out = format!("{:0>2}:{:0>2}:{:0>2}", parts[0], parts[1], second);
    if let Some(fraction) = fraction {
        if fraction.is_empty()
            || fraction.len() > 12
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let micro: String = fraction.chars().take(6).collect();
        if micro.chars().any(|c| c != '0') {
            out.push_str(&format!(".{micro:0<6}"));
        }
    }
    Some(Yaml::String(out))
}

/// CharField's `to_python`: `str()` of anything that is not a string.
fn to_text(value: &Yaml) -> Option<Yaml> {
    match value {
        Yaml::Number(_) | Yaml::Bool(_) => Some(Yaml::String(python_str(value))),
        _ => None,
    }
}

/// Python's `str()` of a scalar.
pub fn python_str(value: &Yaml) -> String {
    match value {
        Yaml::String(text) => text.clone(),
        Yaml::Bool(true) => "True".into(),
        Yaml::Bool(false) => "False".into(),
        Yaml::Null => "None".into(),
        Yaml::Number(n) if n.is_f64() => python_float(n.as_f64().unwrap_or_default()),
        Yaml::Number(n) => n.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim_end()
            .to_string(),
    }
}

/// `repr(float)`: the shortest digits that read back, fixed between 1e-4 and 1e16,
/// else `1e+20`, `1.5e-07`.
pub fn python_float(f: f64) -> String {
    match f {
        f if f.is_nan() => "nan".into(),
        f if f.is_infinite() => if f > 0.0 { "inf" } else { "-inf" }.into(),
        f => crate::db::value::float_repr(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_become_decimals_as_python_rounds_them() {
        assert_eq!(float_to_decimal(1.23457, 10), "1.234570000");
        assert_eq!(float_to_decimal(9.99, 10), "9.990000000");
        assert_eq!(float_to_decimal(1.005, 10), "1.005000000");
        assert_eq!(float_to_decimal(12345678.125, 10), "12345678.12");
        assert_eq!(float_to_decimal(1234.5, 10), "1234.5");
        assert_eq!(float_to_decimal(-0.5, 10), "-0.5");
        assert_eq!(float_to_decimal(0.001, 3), "0.00100");
    }

    #[test]
    fn floats_print_as_python_prints_them() {
        assert_eq!(python_float(1e20), "1e+20");
        assert_eq!(python_float(1.5e-7), "1.5e-07");
        assert_eq!(python_float(3.0), "3.0");
        assert_eq!(python_float(2.5), "2.5");
        assert_eq!(python_float(0.0001), "0.0001");
        assert_eq!(python_float(1234567890123456.0), "1234567890123456.0");
        assert_eq!(python_float(1e16), "1e+16");
    }

    #[test]
    fn strings_uuids_dates_and_times_normalised() {
        let s = |t: &str| Yaml::String(t.into());
        assert_eq!(
            to_uuid(&s("{0000000000004000800000000000000A}")),
            Some(s("00000000-0000-4000-8000-00000000000a"))
        );
        assert_eq!(to_uuid(&s("not a uuid")), None);
        assert_eq!(to_date(&s("2025-1-2")), Some(s("2025-01-02")));
        assert_eq!(to_date(&s("2025-01-02T10:00")), None);
        assert_eq!(to_time(&s("9:00")), Some(s("09:00:00")));
        assert_eq!(to_time(&s("09:00:01.5")), Some(s("09:00:01.500000")));
        assert_eq!(to_int(&s(" 3 ")), Some(Yaml::from(3)));
        assert_eq!(to_int(&Yaml::from(7.9)), Some(Yaml::from(7)));
        assert_eq!(to_bool(&s("0")), Some(Yaml::Bool(false)));
        assert_eq!(to_text(&Yaml::from(5.0)), Some(s("5.0")));
    }
}
