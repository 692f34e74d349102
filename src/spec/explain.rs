//! `explain(format=..., **options)`: the options as Django's PostgreSQL backend writes them
//! after `EXPLAIN`, and the ValueErrors it raises for options and formats it does not know.

use serde_yaml::Value;

/// The options PostgreSQL's EXPLAIN takes, in the order Django writes them. Django iterates
/// a frozenset, so the order follows Python's string hashing; this is the order with
/// PYTHONHASHSEED=0 (django-oracle's), which a deployment with another seed may not share.
const OPTIONS: &[&str] = &[
    "ANALYZE",
    "BUFFERS",
    "WAL",
    "VERBOSE",
    "SERIALIZE",
    "MEMORY",
    "SUMMARY",
    "TIMING",
    "COSTS",
    "GENERIC_PLAN",
    "SETTINGS",
];

const FORMATS: &[&str] = &["JSON", "TEXT", "XML", "YAML"];

/// `explain: true` or `explain: {format: json, analyze: true, ...}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explain {
    pub format: Option<String>,
    /// Options as written (lower case names), with their truth.
    pub options: Vec<(String, bool)>,
    /// `serialize: text | binary` (PostgreSQL 17).
    pub serialize: Option<String>,
}

impl Explain {
    pub fn parse(value: &Value) -> Result<Explain, String> {
        let map = match value {
            Value::Bool(true) => return Ok(Explain::default()),
            Value::Mapping(map) => map,
            _ => {
                return Err(
                    "`explain` is true, or a mapping of explain()'s options such as {format: json, analyze: true}"
                        .to_string(),
                )
            }
        };
        let mut explain = Explain::default();
        for (key, value) in map {
            let key = key.as_str().ok_or("explain options are named")?;
            match key {
                "format" => {
                    explain.format = Some(value.as_str().ok_or("`format` is text")?.to_string())
                }
                "serialize" => explain.serialize = value.as_str().map(str::to_string),
                _ => {
                    let on = value
                        .as_bool()
                        .ok_or_else(|| format!("explain option `{key}` is true or false"))?;
                    explain.options.push((key.to_string(), on));
                }
            }
        }
        Ok(explain)
    }

    /// The ValueError Django raises when explain() is called with these options.
    pub fn refusal(&self) -> Option<String> {
        if let Some(format) = &self.format {
            let upper = format.to_uppercase();
            if !FORMATS.contains(&upper.as_str()) {
                return Some(format!(
                    "{upper} is not a recognized format. Allowed formats: {}",
                    FORMATS.join(", ")
                ));
            }
        }
        let mut unknown: Vec<String> = self
            .options
            .iter()
            .map(|(name, _)| name.to_uppercase())
            .filter(|name| !OPTIONS.contains(&name.as_str()))
            .collect();
        unknown.sort();
        unknown.dedup();
        (!unknown.is_empty()).then(|| format!("Unknown options: {}", unknown.join(", ")))
    }

    /// A known option that the name may be a misspelling of.
    pub fn suggestion(&self) -> Option<String> {
        let names: Vec<String> = OPTIONS.iter().map(|o| o.to_lowercase()).collect();
        self.options.iter().find_map(|(name, _)| {
            if names.contains(&name.to_lowercase()) {
                return None;
            }
            crate::spec::suggest(name, names.iter().map(String::as_str)).map(|s| s.to_string())
        })
    }

    /// `EXPLAIN`, `EXPLAIN (ANALYZE true, FORMAT json)`.
    pub fn prefix(&self) -> String {
        let mut extra: Vec<String> = Vec::new();
        if let Some(serialize) = &self.serialize {
            let upper = serialize.to_uppercase();
            if upper == "TEXT" || upper == "BINARY" {
                extra.push(format!("SERIALIZE {upper}"));
            }
        }
        for option in OPTIONS {
            // A name given twice in another case keeps its last value, as a dict would.
            let value = self
                .options
                .iter()
                .rev()
                .find(|(name, _)| name.to_uppercase() == *option)
                .map(|(_, on)| *on);
            if let Some(on) = value {
                extra.push(format!("{option} {on}"));
            }
        }
        if let Some(format) = &self.format {
            extra.push(format!("FORMAT {format}"));
        }
        if extra.is_empty() {
            "EXPLAIN".to_string()
        } else {
            format!("EXPLAIN ({})", extra.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain(yaml: &str) -> Explain {
        Explain::parse(&serde_yaml::from_str(yaml).unwrap()).unwrap()
    }

    #[test]
    fn options_in_djangos_order_then_the_format() {
        let e = explain("{format: json, verbose: true, analyze: true}");
        assert_eq!(
            e.prefix(),
            "EXPLAIN (ANALYZE true, VERBOSE true, FORMAT json)"
        );
        let e = explain("{settings: true, timing: false, summary: true, costs: false}");
        assert_eq!(
            e.prefix(),
            "EXPLAIN (SUMMARY true, TIMING false, COSTS false, SETTINGS true)"
        );
        assert_eq!(explain("true").prefix(), "EXPLAIN");
    }

    #[test]
    fn djangos_refusals() {
        let e = explain("{format: html}");
        assert_eq!(
            e.refusal().unwrap(),
            "HTML is not a recognized format. Allowed formats: JSON, TEXT, XML, YAML"
        );
        let e = explain("{analyse: true, colour: true}");
        assert_eq!(e.refusal().unwrap(), "Unknown options: ANALYSE, COLOUR");
        assert_eq!(e.suggestion().as_deref(), Some("analyze"));
        assert!(explain("{analyze: true}").refusal().is_none());
    }
}
