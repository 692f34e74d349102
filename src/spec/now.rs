//! The spec's frozen "now": what `auto_now`, `auto_now_add` and `timezone.now` defaults
//! send, fixed per spec so that goldens are stable. The default is the moment the Django
//! reference recordings freeze time at, 2025-01-01 15:30:00 UTC.

const DAY_MICROS: i64 = 86_400_000_000;

/// A moment in UTC, in microseconds since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrozenNow {
    pub unix_micros: i64,
}

impl Default for FrozenNow {
    fn default() -> FrozenNow {
        FrozenNow::parse("2025-01-01T15:30:00Z").expect("the default parses")
    }
}

impl FrozenNow {
    /// Reads an ISO 8601 timestamp with a zone: `2025-01-01T15:30:00Z`,
    /// `2025-01-01 17:30:00.25+02:00`. A zone is required: "now" is a moment, not a wall time.
    pub fn parse(text: &str) -> Result<FrozenNow, String> {
        let bad =
            || format!("`{text}` is not a timestamp with a zone, such as 2025-01-01T15:30:00Z");
        let b = text.trim().as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Result<i64, String> {
            let part = b.get(range).ok_or_else(bad)?;
            if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
                return Err(bad());
            }
            Ok(part.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
        };
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
            return Err(bad());
        }
        if b[13] != b':' || b[16] != b':' {
            return Err(bad());
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        let mut at = 19;
        let mut micros = 0;
        if b[at] == b'.' {
            let start = at + 1;
            let end = (start..b.len())
                .find(|&i| !b[i].is_ascii_digit())
                .unwrap_or(b.len());
            if end == start || end - start > 6 {
                return Err(bad());
            }
            micros = digits(start..end)? * 10_i64.pow(6 - (end - start) as u32);
            at = end;
        }
        let offset_minutes = match b.get(at) {
            Some(b'Z' | b'z') if at + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) if b.len() == at + 6 && b[at + 3] == b':' => {
                let minutes = digits(at + 1..at + 3)? * 60 + digits(at + 4..at + 6)?;
                if *sign == b'-' {
                    -minutes
                } else {
                    minutes
                }
            }
            _ => return Err(bad()),
        };
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second < 60;
        if !valid {
            return Err(bad());
        }
        let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60
            - offset_minutes * 60
            + second;
        Ok(FrozenNow {
            unix_micros: seconds * 1_000_000 + micros,
        })
    }

    /// A DateTimeField's value as Django sends it with USE_TZ: `2025-01-01 15:30:00+00:00`
    /// (Python's `str()` of an aware datetime in UTC).
    pub fn datetime_text(&self) -> String {
        format!("{} {}+00:00", self.date_text(), self.time_text())
    }

    /// The texts this moment appears as in a golden: as Django sends it, and as PostgreSQL
    /// prints a timestamptz in UTC (`2025-01-01 15:30:00+00`); not volatile, so not redacted.
    pub fn constants(&self) -> Vec<String> {
        let pg = format!("{} {}+00", self.date_text(), self.pg_time_text());
        vec![self.datetime_text(), pg]
    }

    /// The time of day as PostgreSQL prints it: fractions without trailing zeros.
    fn pg_time_text(&self) -> String {
        let text = self.time_text();
        match text.split_once('.') {
            Some((whole, fraction)) => format!("{whole}.{}", fraction.trim_end_matches('0')),
            None => text,
        }
    }

    /// `datetime.date.today()` in UTC: `2025-01-01`.
    pub fn date_text(&self) -> String {
        let (y, m, d) = civil_from_days(self.unix_micros.div_euclid(DAY_MICROS));
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `datetime.datetime.now().time()` in UTC: `15:30:00`, or `15:30:00.250000`.
    pub fn time_text(&self) -> String {
        let of_day = self.unix_micros.rem_euclid(DAY_MICROS);
        let seconds = of_day / 1_000_000;
        let fraction = of_day % 1_000_000;
        let text = format!(
            "{:02}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        );
        match fraction {
            0 => text,
            f => format!("{text}.{f:06}"),
        }
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_zoned_timestamps_into_utc() {
        let now = FrozenNow::default();
        assert_eq!(now.datetime_text(), "2025-01-01 15:30:00+00:00");
        assert_eq!(now.date_text(), "2025-01-01");
        assert_eq!(now.time_text(), "15:30:00");
        let east = FrozenNow::parse("2024-03-01 01:00:00.25+02:00").unwrap();
        assert_eq!(east.datetime_text(), "2024-02-29 23:00:00.250000+00:00");
        let west = FrozenNow::parse("1999-12-31T23:59:59-01:30").unwrap();
        assert_eq!(west.datetime_text(), "2000-01-01 01:29:59+00:00");
    }

    #[test]
    fn refuses_what_is_not_a_moment() {
        for text in [
            "2025-01-01",
            "2025-01-01T15:30:00",
            "2025-02-30T00:00:00Z",
            "2025-01-01T24:00:00Z",
            "2025-01-01T15:30:00.1234567Z",
            "2025-01-01T15:30:00+0100",
            "next tuesday",
            "２０２５-01-01T15:30:00Z",
        ] {
            assert!(FrozenNow::parse(text).is_err(), "{text}");
        }
    }
}
