//! `dates:` and `datetimes:`: `QuerySet.dates(field, kind, order)` and
//! `QuerySet.datetimes(field, kind, order, tzinfo)` as a call of the chain, written
//! `{field: pub_date, kind: month, order: DESC}`. The kind and the order are checked when the
//! call is applied, as Django raises its ValueError then; a time zone Django could not name
//! is the spec's mistake.

use serde_yaml::Value;

/// `dates(...)` or `datetimes(...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct DateList {
    pub field: String,
    pub kind: String,
    /// `ASC` or `DESC` (Django's default `ASC`).
    pub order: String,
    /// datetimes(): a DateTimeField truncated to a datetime, read in `tzinfo`.
    pub datetimes: bool,
    /// datetimes(tzinfo=ZoneInfo(...)): the zone's name; the current time zone without it.
    pub tzinfo: Option<String>,
}

impl DateList {
    /// The mapping under `dates` (`datetimes` when `datetimes`).
    pub fn parse(value: &Value, datetimes: bool) -> Result<DateList, String> {
        let key = if datetimes { "datetimes" } else { "dates" };
        let keys: &[&str] = if datetimes {
            &["field", "kind", "order", "tzinfo"]
        } else {
            &["field", "kind", "order"]
        };
        let Value::Mapping(map) = value else {
            return Err(format!(
                "`{key}` takes {{field: ..., kind: ..., order: ...}}"
            ));
        };
        for name in map.keys() {
            let name = name.as_str().unwrap_or_default();
            if !keys.contains(&name) {
                let mut message = format!("`{key}` takes no `{name}`");
                if let Some(s) = super::suggest(name, keys.iter().copied()) {
                    message.push_str(&format!(", did you mean `{s}`?"));
                }
                return Err(message);
            }
        }
        let text = |name: &str| -> Result<Option<String>, String> {
            map.get(name)
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| format!("`{key}`: `{name}` is text"))
                })
                .transpose()
        };
        let tzinfo = text("tzinfo")?;
        if let Some(zone) = &tzinfo {
            zone.parse::<chrono_tz::Tz>().map_err(|_| {
                format!("`{key}`: `tzinfo` is a time zone's name, such as Asia/Tokyo, not `{zone}`")
            })?;
        }
        Ok(DateList {
            field: text("field")?.ok_or_else(|| format!("`{key}` needs `field`"))?,
            kind: text("kind")?.ok_or_else(|| format!("`{key}` needs `kind`"))?,
            order: text("order")?.unwrap_or_else(|| "ASC".to_string()),
            datetimes,
            tzinfo,
        })
    }

    /// The ValueError Django raises for a kind or an order it does not know.
    pub fn refusal(&self) -> Option<String> {
        let kinds: &[&str] = if self.datetimes {
            &["year", "month", "week", "day", "hour", "minute", "second"]
        } else {
            &["year", "month", "week", "day"]
        };
        if !kinds.contains(&self.kind.as_str()) {
            return Some(if self.datetimes {
                "ValueError: 'kind' must be one of 'year', 'month', 'week', 'day', 'hour', 'minute', or 'second'.".to_string()
            } else {
                "ValueError: 'kind' must be one of 'year', 'month', 'week', or 'day'.".to_string()
            });
        }
        if !["ASC", "DESC"].contains(&self.order.as_str()) {
            return Some("ValueError: 'order' must be either 'ASC' or 'DESC'.".to_string());
        }
        None
    }

    /// The name the truncated value is selected under.
    pub fn alias(&self) -> &'static str {
        if self.datetimes {
            "datetimefield"
        } else {
            "datefield"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, datetimes: bool) -> Result<DateList, String> {
        DateList::parse(&serde_yaml::from_str(text).unwrap(), datetimes)
    }

    #[test]
    fn kind_and_order_are_refused_as_django_refuses_them() {
        let d = parse("{field: pub_date, kind: month}", false).unwrap();
        assert_eq!((d.order.as_str(), d.refusal()), ("ASC", None));
        assert!(parse("{field: pub_date, kind: hour}", false)
            .unwrap()
            .refusal()
            .unwrap()
            .contains("'year', 'month', 'week', or 'day'"));
        assert!(parse("{field: created, kind: hour}", true)
            .unwrap()
            .refusal()
            .is_none());
        assert!(parse("{field: x, kind: day, order: desc}", false)
            .unwrap()
            .refusal()
            .unwrap()
            .contains("'ASC' or 'DESC'"));
        assert!(parse("{field: x, kind: day, tzinfo: UTC}", false)
            .unwrap_err()
            .contains("takes no `tzinfo`"));
        assert!(parse("{field: x, kind: day, tzinfo: Mars/Base}", true).is_err());
        assert!(parse("{field: x, kidn: day}", false)
            .unwrap_err()
            .contains("did you mean `kind`"));
    }
}
