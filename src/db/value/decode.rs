//! Owns binary result decoding: [`decode`] turns a value in PostgreSQL's binary format into a
//! [`Value`] (scalars, numeric, json/jsonb, uuid, date/time via `datetime`, arrays, domains, enums).

use std::fmt::Write as _;

use tokio_postgres::types::{Kind, Type};

use super::datetime::{date_parts, interval_text, time_text, timestamp_text, zone_text};
use super::literal::hex;
use super::{BoxError, Value};

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

/// inet and cidr as PostgreSQL prints them: the address, then `/bits` unless it covers the
/// whole address (always for cidr). The wire form is family, bits, is_cidr, length, address.
fn inet_text(raw: &[u8], cidr: bool) -> Result<String, BoxError> {
    let [family, bits, _, length] = raw.get(..4).ok_or("truncated inet")? else {
        return Err("truncated inet".into());
    };
    let address = &raw[4..];
    if address.len() != usize::from(*length) {
        return Err("inet address length does not match".into());
    }
    let (text, full) = match (family, address.len()) {
        (2, 4) => (
            std::net::Ipv4Addr::new(address[0], address[1], address[2], address[3]).to_string(),
            32,
        ),
        (3, 16) => {
            let octets: [u8; 16] = address.try_into()?;
            (std::net::Ipv6Addr::from(octets).to_string(), 128)
        }
        _ => return Err(format!("unknown inet family {family}").into()),
    };
    Ok(match cidr || *bits != full {
        true => format!("{text}/{bits}"),
        false => text,
    })
}

/// macaddr and macaddr8: `08:00:2b:01:02:03`.
fn mac_text(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

pub(super) fn decode(ty: &Type, raw: &[u8]) -> Result<Value, BoxError> {
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
        // xml's binary form is its text (EXPLAIN (FORMAT XML) returns one).
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::XML => {
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
        Type::INET | Type::CIDR => Value::Text(inet_text(raw, *ty == Type::CIDR)?),
        Type::MACADDR => Value::Text(mac_text(&fixed::<6>(raw)?)),
        Type::MACADDR8 => Value::Text(mac_text(&fixed::<8>(raw)?)),
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
    fn xml_is_its_text() {
        // EXPLAIN (FORMAT XML) returns one xml value: the plan's document, not `<xml>`.
        let doc = "<explain><Query/></explain>";
        assert_eq!(
            decode(&Type::XML, doc.as_bytes()).expect("xml"),
            Value::Text(doc.to_string())
        );
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
    fn network_addresses_as_postgres_prints_them() {
        let inet = |raw: &[u8]| decode(&Type::INET, raw).unwrap();
        assert_eq!(
            inet(&[2, 32, 0, 4, 10, 0, 0, 1]),
            Value::Text("10.0.0.1".into())
        );
        assert_eq!(
            inet(&[2, 24, 0, 4, 10, 0, 0, 0]),
            Value::Text("10.0.0.0/24".into())
        );
        let cidr = decode(&Type::CIDR, &[2, 32, 1, 4, 10, 0, 0, 1]).unwrap();
        assert_eq!(cidr, Value::Text("10.0.0.1/32".into()));
        let mut v6 = vec![3, 128, 0, 16, 0x20, 0x01, 0x0d, 0xb8];
        v6.extend([0; 11]);
        v6.push(1);
        assert_eq!(inet(&v6), Value::Text("2001:db8::1".into()));
        assert!(decode(&Type::INET, &[2, 32, 0, 4, 10]).is_err());
        let mac = decode(&Type::MACADDR, &[8, 0, 0x2b, 1, 2, 3]).unwrap();
        assert_eq!(mac, Value::Text("08:00:2b:01:02:03".into()));
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
}
