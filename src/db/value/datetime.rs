//! Owns the text rendering of decoded date/time values (date, timestamp, timestamptz, time, timetz,
//! interval) exactly as PostgreSQL prints them with DateStyle ISO and IntervalStyle postgres.

use std::fmt::Write as _;

const DAY_US: i64 = 86_400_000_000;
/// Days since 2000-01-01 to "YYYY-MM-DD" plus " BC" for years before 1 (Howard Hinnant's
/// civil_from_days on the proleptic Gregorian calendar, as PostgreSQL uses).
pub(super) fn date_parts(days: i64) -> (String, &'static str) {
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

pub(super) fn timestamp_text(micros: i64, zone: &str) -> String {
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
pub(super) fn time_text(micros: i64) -> String {
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
pub(super) fn zone_text(west: i32) -> String {
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
pub(super) fn interval_text(micros: i64, days: i32, months: i32) -> String {
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

#[cfg(test)]
mod tests {
    use tokio_postgres::types::Type;

    use super::*;
    use crate::db::value::decode::decode;
    use crate::db::value::Value;

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
}
