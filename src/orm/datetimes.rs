//! Datetimes as Django sends and reads them under USE_TZ and TIME_ZONE: a naive value made
//! aware in the current time zone (with Django's RuntimeWarning), values in Python's `str()`
//! form (`2024-01-11 10:00:00+09:00`), "now", the bounds of a year, and timestamptz values
//! read back naive in TIME_ZONE without USE_TZ.

use chrono::{Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};

use crate::spec::{DjangoSettings, FrozenNow};

/// A datetime as a spec writes it: Django's `parse_datetime` forms (`2024-01-11 10:00`,
/// `2024-01-11T10:00:00.5Z`, `...+09:00`), or a date, which a DateTimeField takes as midnight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Written {
    pub naive: NaiveDateTime,
    pub offset: Option<FixedOffset>,
}

pub fn parse(text: &str) -> Option<Written> {
    let text = text.trim();
    if text.len() == 10 {
        let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
        return Some(Written {
            naive: date.and_hms_opt(0, 0, 0)?,
            offset: None,
        });
    }
    let (stamp, offset) = split_zone(text)?;
    let stamp = stamp.replacen('T', " ", 1).replacen('t', " ", 1);
    let naive = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&stamp, f).ok())?;
    Some(Written { naive, offset })
}

/// `Z`, `+09:00`, `+0900`, `+09` at the end, or none.
fn split_zone(text: &str) -> Option<(&str, Option<FixedOffset>)> {
    if let Some(stamp) = text.strip_suffix(['Z', 'z']) {
        return Some((stamp, FixedOffset::east_opt(0)));
    }
    let at = text.rfind(['+', '-']).filter(|&i| i > 10);
    let Some(at) = at else {
        return Some((text, None));
    };
    let zone: String = text[at + 1..].chars().filter(|c| *c != ':').collect();
    if !zone.chars().all(|c| c.is_ascii_digit()) || !matches!(zone.len(), 2 | 4) {
        return None;
    }
    let hours: i32 = zone[..2].parse().ok()?;
    let minutes: i32 = zone.get(2..).map_or(Some(0), |m| m.parse().ok())?;
    let seconds = (hours * 60 + minutes) * 60;
    let seconds = if text.as_bytes()[at] == b'-' {
        -seconds
    } else {
        seconds
    };
    Some((&text[..at], FixedOffset::east_opt(seconds)))
}

/// Python's `str()` of a datetime: `2024-01-11 10:00:00`, with `.250000` when it has
/// microseconds and `+09:00` when it is aware.
pub fn python_str(naive: NaiveDateTime, offset: Option<FixedOffset>) -> String {
    let mut out = naive.format("%Y-%m-%d %H:%M:%S").to_string();
    let micros = naive.and_utc().timestamp_subsec_micros();
    if micros > 0 {
        out.push_str(&format!(".{micros:06}"));
    }
    if let Some(offset) = offset {
        let seconds = offset.local_minus_utc();
        let sign = if seconds < 0 { '-' } else { '+' };
        let seconds = seconds.abs();
        out.push_str(&format!(
            "{sign}{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60
        ));
        if seconds % 60 != 0 {
            out.push_str(&format!(":{:02}", seconds % 60));
        }
    }
    out
}

/// `timezone.make_aware(naive, zone)`: the offset zoneinfo gives a wall time with fold=0 (the
/// first of two in a repeated hour, the one before the change in a skipped hour).
pub fn offset_in(zone: chrono_tz::Tz, naive: NaiveDateTime) -> FixedOffset {
    match zone.offset_from_local_datetime(&naive) {
        LocalResult::Single(offset) | LocalResult::Ambiguous(offset, _) => offset.fix(),
        LocalResult::None => zone
            .offset_from_local_datetime(&(naive - Duration::hours(3)))
            .earliest()
            .map_or_else(|| FixedOffset::east_opt(0).expect("zero"), |o| o.fix()),
    }
}

/// Django's RuntimeWarning for a naive datetime given to a DateTimeField under USE_TZ.
/// `field` empty: an output field bound to no model, which Django names `(unbound)`.
pub fn naive_warning(model: &str, field: &str, text: &str) -> String {
    let shown = parse(text).map_or_else(|| text.to_string(), |w| python_str(w.naive, None));
    let name = match field {
        "" => model.to_string(),
        _ => format!("{model}.{field}"),
    };
    format!(
        "RuntimeWarning: DateTimeField {name} received a naive datetime ({shown}) while time zone support is active."
    )
}

impl DjangoSettings {
    /// A DateTimeField's value as Django sends it (`get_prep_value`), and whether Django
    /// warns that it got a naive datetime while time zone support is active. Text that is no
    /// datetime is left as it is, for the database to judge.
    pub fn prep_datetime(&self, text: &str) -> Option<(String, bool)> {
        let written = parse(text)?;
        Some(match (written.offset, self.use_tz) {
            (Some(offset), _) => (python_str(written.naive, Some(offset)), false),
            (None, true) => {
                let offset = offset_in(self.tz(), written.naive);
                (python_str(written.naive, Some(offset)), true)
            }
            (None, false) => (python_str(written.naive, None), false),
        })
    }

    /// `timezone.now()`: aware in UTC with USE_TZ, else the wall time in TIME_ZONE.
    pub fn now_datetime(&self, now: &FrozenNow) -> String {
        let utc = chrono::DateTime::from_timestamp_micros(now.unix_micros)
            .unwrap_or_default()
            .naive_utc();
        if self.use_tz {
            return python_str(utc, FixedOffset::east_opt(0));
        }
        python_str(self.tz().from_utc_datetime(&utc).naive_local(), None)
    }

    /// A timestamptz read back, as Python's `str()` of what Django holds: aware in UTC with
    /// USE_TZ (the connection's zone), else naive in TIME_ZONE. `text` is `str()` in UTC.
    pub fn read_datetime(&self, text: String) -> String {
        if self.use_tz {
            return text;
        }
        match parse(&text) {
            Some(Written {
                naive,
                offset: Some(offset),
            }) => {
                let utc = naive - Duration::seconds(i64::from(offset.local_minus_utc()));
                python_str(self.tz().from_utc_datetime(&utc).naive_local(), None)
            }
            _ => text,
        }
    }

    /// The bounds a `__year` lookup on a DateTimeField compares with: the first and last
    /// microsecond of the year, aware in the current zone with USE_TZ.
    pub fn year_bounds(&self, first: NaiveDate, last: NaiveDate) -> (String, String) {
        let start = first.and_hms_opt(0, 0, 0).expect("midnight");
        let end = last
            .and_hms_micro_opt(23, 59, 59, 999_999)
            .expect("the last microsecond");
        let aware = |naive| self.use_tz.then(|| offset_in(self.tz(), naive));
        (python_str(start, aware(start)), python_str(end, aware(end)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(use_tz: bool, zone: &str) -> DjangoSettings {
        DjangoSettings {
            use_tz,
            time_zone: zone.to_string(),
        }
    }

    #[test]
    fn naive_values_are_made_aware_in_the_current_zone() {
        let tokyo = settings(true, "Asia/Tokyo");
        assert_eq!(
            tokyo.prep_datetime("2024-01-11 10:00"),
            Some(("2024-01-11 10:00:00+09:00".to_string(), true))
        );
        assert_eq!(
            tokyo.prep_datetime("2024-01-11T10:00:00.25Z"),
            Some(("2024-01-11 10:00:00.250000+00:00".to_string(), false))
        );
        let naive = settings(false, "Asia/Tokyo");
        assert_eq!(
            naive.prep_datetime("2024-01-11T10:00:00"),
            Some(("2024-01-11 10:00:00".to_string(), false))
        );
        assert_eq!(tokyo.prep_datetime("not a date"), None);
    }

    #[test]
    fn daylight_saving_bounds_and_now() {
        let york = settings(true, "America/New_York");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(
            york.year_bounds(d(2024, 1, 1), d(2024, 12, 31)),
            (
                "2024-01-01 00:00:00-05:00".to_string(),
                "2024-12-31 23:59:59.999999-05:00".to_string()
            )
        );
        // 2024-03-10 02:30 does not exist in New York; 2024-11-03 01:30 happens twice.
        let at = |y, m, day, h, min| d(y, m, day).and_hms_opt(h, min, 0).unwrap();
        let tz = york.tz();
        assert_eq!(
            offset_in(tz, at(2024, 3, 10, 2, 30)).local_minus_utc(),
            -5 * 3600
        );
        assert_eq!(
            offset_in(tz, at(2024, 11, 3, 1, 30)).local_minus_utc(),
            -4 * 3600
        );
        let now = FrozenNow::default();
        assert_eq!(york.now_datetime(&now), "2025-01-01 15:30:00+00:00");
        assert_eq!(
            settings(false, "Asia/Tokyo").now_datetime(&now),
            "2025-01-02 00:30:00"
        );
        assert_eq!(
            settings(false, "Asia/Tokyo").read_datetime("2024-01-11 10:00:00+00:00".into()),
            "2024-01-11 19:00:00"
        );
    }
}
