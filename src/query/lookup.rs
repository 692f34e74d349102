//! Lookups and transforms, by the names Django gives them after `__` (`rating__gte`,
//! `pub_date__year`, `created__date__gt`), and the SQL Django's PostgreSQL backend writes for
//! them (`django/db/backends/postgresql/operations.py` and `base.py`'s `operators`).

/// What a filter compares with: the last part of a key (`exact` when none is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Exact,
    IExact,
    Contains,
    IContains,
    StartsWith,
    IStartsWith,
    EndsWith,
    IEndsWith,
    In,
    Gt,
    Gte,
    Lt,
    Lte,
    Range,
    IsNull,
    Regex,
    IRegex,
    /// A JSONField's `contains`: `@>` (DataContains), not LIKE.
    DataContains,
    ContainedBy,
    HasKey,
    HasKeys,
    HasAnyKeys,
}

/// A function applied to a field before the lookup: the parts of a date or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transform {
    Year,
    IsoYear,
    Quarter,
    Month,
    Week,
    Day,
    WeekDay,
    IsoWeekDay,
    Hour,
    Minute,
    Second,
    Date,
    Time,
}

pub const LOOKUPS: &[(&str, Lookup)] = &[
    ("exact", Lookup::Exact),
    ("iexact", Lookup::IExact),
    ("contains", Lookup::Contains),
    ("icontains", Lookup::IContains),
    ("startswith", Lookup::StartsWith),
    ("istartswith", Lookup::IStartsWith),
    ("endswith", Lookup::EndsWith),
    ("iendswith", Lookup::IEndsWith),
    ("in", Lookup::In),
    ("gt", Lookup::Gt),
    ("gte", Lookup::Gte),
    ("lt", Lookup::Lt),
    ("lte", Lookup::Lte),
    ("range", Lookup::Range),
    ("isnull", Lookup::IsNull),
    ("regex", Lookup::Regex),
    ("iregex", Lookup::IRegex),
    // After `contains`, so that the name finds the text lookup; a JSONField swaps it.
    ("contains", Lookup::DataContains),
    ("contained_by", Lookup::ContainedBy),
    ("has_key", Lookup::HasKey),
    ("has_keys", Lookup::HasKeys),
    ("has_any_keys", Lookup::HasAnyKeys),
];

pub const TRANSFORMS: &[(&str, Transform)] = &[
    ("year", Transform::Year),
    ("iso_year", Transform::IsoYear),
    ("quarter", Transform::Quarter),
    ("month", Transform::Month),
    ("week", Transform::Week),
    ("day", Transform::Day),
    ("week_day", Transform::WeekDay),
    ("iso_week_day", Transform::IsoWeekDay),
    ("hour", Transform::Hour),
    ("minute", Transform::Minute),
    ("second", Transform::Second),
    ("date", Transform::Date),
    ("time", Transform::Time),
];

impl Lookup {
    pub fn named(name: &str) -> Option<Lookup> {
        LOOKUPS.iter().find(|(n, _)| *n == name).map(|(_, l)| *l)
    }

    pub fn name(self) -> &'static str {
        LOOKUPS
            .iter()
            .find(|(_, l)| *l == self)
            .map_or("exact", |(n, _)| n)
    }

    /// `lookup_cast`: text lookups cast the column to text, case-insensitive ones upper it.
    pub fn lhs_template(self) -> &'static str {
        use Lookup::*;
        match self {
            IExact | IContains | IStartsWith | IEndsWith => "UPPER({}::text)",
            Contains | StartsWith | EndsWith | Regex | IRegex => "{}::text",
            _ => "{}",
        }
    }

    /// The backend's `operators`: what follows the column, `%s` standing for the value.
    pub fn operator(self) -> &'static str {
        use Lookup::*;
        match self {
            Exact => "= %s",
            IExact => "= UPPER(%s)",
            Contains | StartsWith | EndsWith => "LIKE %s",
            IContains | IStartsWith | IEndsWith => "LIKE UPPER(%s)",
            Regex => "~ %s",
            IRegex => "~* %s",
            Gt => "> %s",
            Gte => ">= %s",
            Lt => "< %s",
            Lte => "<= %s",
            DataContains => "@> %s",
            ContainedBy => "<@ %s",
            HasKey => "? %s",
            HasKeys => "?& %s",
            HasAnyKeys => "?| %s",
            In | Range | IsNull => "",
        }
    }

    /// The lookups only a JSONField registers (`django/db/models/fields/json.py`).
    pub fn json_only(self) -> bool {
        use Lookup::*;
        matches!(
            self,
            DataContains | ContainedBy | HasKey | HasKeys | HasAnyKeys
        )
    }

    /// Whether the field prepares the value (`prepare_rhs`, and `get_db_prep_value` for
    /// the lookups with `FieldGetDbPrepValueMixin`): the text and key lookups take it as
    /// written (`str()` of it for LIKE), so a JSONField's `icontains` is not JSON text.
    pub fn prepares_value(self) -> bool {
        use Lookup::*;
        !matches!(
            self,
            IExact
                | Contains
                | IContains
                | StartsWith
                | IStartsWith
                | EndsWith
                | IEndsWith
                | Regex
                | IRegex
                | IsNull
                | HasKey
                | HasKeys
                | HasAnyKeys
        )
    }

    /// The LIKE pattern of a text lookup: the value escaped (`%`, `_` and `\`), with `%`
    /// where it may have more text (`prep_for_like_query` and `pattern_ops`).
    pub fn pattern(self, value: &str) -> Option<String> {
        use Lookup::*;
        let escaped = value
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        match self {
            Contains | IContains => Some(format!("%{escaped}%")),
            StartsWith | IStartsWith => Some(format!("{escaped}%")),
            EndsWith | IEndsWith => Some(format!("%{escaped}")),
            _ => None,
        }
    }
}

impl Transform {
    pub fn named(name: &str) -> Option<Transform> {
        TRANSFORMS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The EXTRACT part name PostgreSQL takes, for the extracting transforms.
    pub fn extract(self) -> Option<&'static str> {
        use Transform::*;
        Some(match self {
            Year => "YEAR",
            IsoYear => "ISOYEAR",
            Quarter => "QUARTER",
            Month => "MONTH",
            Week => "WEEK",
            Day => "DAY",
            WeekDay => "DOW",
            IsoWeekDay => "ISODOW",
            Hour => "HOUR",
            Minute => "MINUTE",
            Second => "SECOND",
            Date | Time => return None,
        })
    }
}

/// The last parts of a filter key after its field: transforms, then at most one lookup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tail {
    pub transforms: Vec<Transform>,
    pub lookup: Lookup,
}

/// Reads the parts that follow a field (`["year", "gte"]`); an unknown part is an error
/// with a suggestion.
pub fn parse_tail(parts: &[&str]) -> Result<Tail, String> {
    let mut transforms = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if let Some(transform) = Transform::named(part) {
            transforms.push(transform);
            continue;
        }
        if let Some(lookup) = Lookup::named(part) {
            if i + 1 != parts.len() {
                return Err(format!("`{part}` must be the last part of the key"));
            }
            return Ok(Tail { transforms, lookup });
        }
        let names = LOOKUPS
            .iter()
            .map(|(n, _)| *n)
            .chain(TRANSFORMS.iter().map(|(n, _)| *n));
        let mut message = format!("unsupported lookup `{part}`");
        if let Some(s) = crate::spec::suggest(part, names) {
            message.push_str(&format!(", did you mean `{s}`?"));
        }
        return Err(message);
    }
    Ok(Tail {
        transforms,
        lookup: Lookup::Exact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_read_transforms_then_a_lookup() {
        assert_eq!(
            parse_tail(&["year", "gte"]),
            Ok(Tail {
                transforms: vec![Transform::Year],
                lookup: Lookup::Gte
            })
        );
        assert_eq!(parse_tail(&[]).map(|t| t.lookup), Ok(Lookup::Exact));
        assert!(parse_tail(&["gte", "year"]).is_err());
        let err = parse_tail(&["icontain"]).unwrap_err();
        assert!(err.contains("did you mean `icontains`"), "{err}");
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(
            Lookup::IContains.pattern("50%_a\\").as_deref(),
            Some("%50\\%\\_a\\\\%")
        );
        assert_eq!(Lookup::StartsWith.pattern("R").as_deref(), Some("R%"));
        assert_eq!(Lookup::Exact.pattern("R"), None);
    }
}
