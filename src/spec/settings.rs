//! The Django settings a spec runs under, where they change what Django sends: USE_TZ and
//! TIME_ZONE (the connection's time zone, datetime lookups, how datetimes are sent and read).
//! Set in `pgscenario.toml` for a project and in a spec's `settings:`, which wins.

use serde::Deserialize;

/// `settings:` as written; every key optional, so a spec can override one of the project's.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Settings")]
pub struct RawSettings {
    #[serde(rename = "USE_TZ")]
    pub use_tz: Option<bool>,
    #[serde(rename = "TIME_ZONE")]
    pub time_zone: Option<String>,
}

/// Settings in force. The defaults are those of a project made by `startproject`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DjangoSettings {
    pub use_tz: bool,
    /// An IANA zone name, checked when read.
    pub time_zone: String,
}

impl Default for DjangoSettings {
    fn default() -> DjangoSettings {
        DjangoSettings {
            use_tz: true,
            time_zone: "UTC".to_string(),
        }
    }
}

impl DjangoSettings {
    /// These settings with `raw`'s keys over them; a zone the time zone database does not
    /// know is an error (Django refuses to start with it).
    pub fn with(&self, raw: &RawSettings) -> Result<DjangoSettings, String> {
        let mut out = self.clone();
        if let Some(use_tz) = raw.use_tz {
            out.use_tz = use_tz;
        }
        if let Some(zone) = &raw.time_zone {
            if zone.parse::<chrono_tz::Tz>().is_err() {
                let mut message = format!("TIME_ZONE `{zone}` is not a time zone name");
                let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
                if let Some(s) = super::suggest(zone, names) {
                    message.push_str(&format!(", did you mean `{s}`?"));
                }
                return Err(message);
            }
            out.time_zone = zone.clone();
        }
        Ok(out)
    }

    /// The connection's time zone: UTC with USE_TZ, else TIME_ZONE (Django's
    /// `DatabaseWrapper.timezone_name` without a per-database TIME_ZONE).
    pub fn connection_time_zone(&self) -> &str {
        if self.use_tz {
            "UTC"
        } else {
            &self.time_zone
        }
    }

    /// The zone datetime lookups and truncations convert to (`AT TIME ZONE %s`): the
    /// current time zone with USE_TZ, none without.
    pub fn lookup_time_zone(&self) -> Option<String> {
        self.use_tz.then(|| self.time_zone.clone())
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_zone_names() {
        let base = DjangoSettings::default();
        let raw = RawSettings {
            use_tz: Some(false),
            time_zone: Some("Asia/Tokyo".into()),
        };
        let s = base.with(&raw).unwrap();
        assert_eq!(
            (s.connection_time_zone(), s.lookup_time_zone()),
            ("Asia/Tokyo", None)
        );
        assert_eq!(base.lookup_time_zone().as_deref(), Some("UTC"));
        let bad = RawSettings {
            time_zone: Some("Asia/Tokio".into()),
            ..RawSettings::default()
        };
        assert!(base
            .with(&bad)
            .unwrap_err()
            .contains("did you mean `Asia/Tokyo`?"));
    }
}
