//! A Django field class named as an `output_field` (`IntegerField`, `CharField(max_length=3)`,
//! `DecimalField(max_digits=5, decimal_places=1)`) and the PostgreSQL type Cast gives it.

use serde_yaml::Value;

/// A Django field class as an `output_field`: its name and the PostgreSQL type Cast writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputField {
    pub class: String,
    pub db_type: String,
}

/// Django's field classes and the types Cast gives them on PostgreSQL (`data_types`).
const FIELD_TYPES: &[(&str, &str)] = &[
    ("AutoField", "integer"),
    ("BigAutoField", "bigint"),
    ("SmallAutoField", "smallint"),
    ("BigIntegerField", "bigint"),
    ("IntegerField", "integer"),
    ("SmallIntegerField", "smallint"),
    ("PositiveBigIntegerField", "bigint"),
    ("PositiveIntegerField", "integer"),
    ("PositiveSmallIntegerField", "smallint"),
    ("BooleanField", "boolean"),
    ("CharField", "varchar"),
    ("EmailField", "varchar(254)"),
    ("SlugField", "varchar(50)"),
    ("TextField", "text"),
    ("DateField", "date"),
    ("DateTimeField", "timestamp with time zone"),
    ("TimeField", "time"),
    ("DurationField", "interval"),
    ("DecimalField", "numeric"),
    ("FloatField", "double precision"),
    ("UUIDField", "uuid"),
    ("JSONField", "jsonb"),
    ("BinaryField", "bytea"),
    ("GenericIPAddressField", "inet"),
];

impl OutputField {
    /// `IntegerField`, `CharField(max_length=3)`, `DecimalField(max_digits=5, decimal_places=1)`.
    pub fn parse(value: &Value) -> Result<OutputField, String> {
        let text = value
            .as_str()
            .ok_or("`output_field` is a Django field class, such as IntegerField")?;
        let (class, args) = match text.split_once('(') {
            Some((class, rest)) => (
                class.trim(),
                rest.strip_suffix(')')
                    .ok_or_else(|| format!("`{text}`: a `)` is missing"))?,
            ),
            None => (text.trim(), ""),
        };
        let Some((_, base)) = FIELD_TYPES.iter().find(|(n, _)| *n == class) else {
            let names: Vec<&str> = FIELD_TYPES.iter().map(|(n, _)| *n).collect();
            return Err(did_you_mean(
                format!("unknown field class `{class}`"),
                class,
                &names,
            ));
        };
        let mut kwargs = Vec::new();
        for arg in args.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            let (key, n) = arg
                .split_once('=')
                .and_then(|(k, v)| Some((k.trim(), v.trim().parse::<u32>().ok()?)))
                .ok_or_else(|| format!("`{text}`: arguments are name=number"))?;
            kwargs.push((key.to_string(), n));
        }
        let get = |key: &str| kwargs.iter().find(|(k, _)| k == key).map(|(_, n)| *n);
        let db_type = match class {
            "CharField" | "EmailField" | "SlugField" => match get("max_length") {
                Some(n) => format!("varchar({n})"),
                None => base.to_string(),
            },
            "DecimalField" => match (get("max_digits"), get("decimal_places")) {
                (Some(d), Some(p)) => format!("numeric({d}, {p})"),
                _ => return Err("DecimalField needs max_digits= and decimal_places=".into()),
            },
            _ => base.to_string(),
        };
        Ok(OutputField {
            class: class.to_string(),
            db_type,
        })
    }
}

fn did_you_mean(message: String, wrong: &str, known: &[&str]) -> String {
    match super::suggest(wrong, known.iter().copied()) {
        Some(s) => format!("{message}, did you mean `{s}`?"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_fields_give_cast_types() {
        let f = |s: &str| OutputField::parse(&Value::from(s)).map(|o| o.db_type);
        assert_eq!(f("FloatField").unwrap(), "double precision");
        assert_eq!(f("CharField").unwrap(), "varchar");
        assert_eq!(f("CharField(max_length=3)").unwrap(), "varchar(3)");
        assert_eq!(
            f("DecimalField(max_digits=5, decimal_places=1)").unwrap(),
            "numeric(5, 1)"
        );
        assert!(f("DecimalField").is_err());
    }
}
