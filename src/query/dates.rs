//! `dates()` and `datetimes()` as Django's QuerySet writes them: `annotate(datefield=Trunc(
//! field, kind, output_field=DateField()), plain_field=F(field))`, then
//! `values_list("datefield", flat=True)`, `distinct()`, `filter(plain_field__isnull=False)`
//! and `order_by("datefield")` (`-datefield` for DESC); datetimes() truncates to a
//! DateTimeField read in `tzinfo` (the current time zone without it; none without USE_TZ).

use super::build::{annotate_typed, select_values};
use super::expr::Expr;
use super::resolve::Typed;
use super::Query;
use crate::orm::model::Temporal;
use crate::spec::{DateList, Expression, Ordering, Q};

/// The kinds DATE_TRUNC is given, as the Trunc expression keeps them.
const KINDS: &[&str] = &["year", "month", "week", "day", "hour", "minute", "second"];

/// Applies `dates(...)` or `datetimes(...)` to the query.
pub fn apply_dates(query: &mut Query, dates: &DateList) -> Result<(), String> {
    if let Some(refusal) = dates.refusal() {
        return Err(refusal);
    }
    let truncated = truncate(query, dates)?;
    let plain = query.resolve(&Expression::F(dates.field.clone()))?;
    let alias = dates.alias();
    annotate_typed(query, alias, truncated);
    annotate_typed(query, "plain_field", plain);
    select_values(query, &[alias.to_string()])?;
    if query.low > 0 || query.high.is_some() {
        return Err("TypeError: Cannot create distinct fields once a slice has been taken.".into());
    }
    query.distinct = true;
    let filter: serde_yaml::Mapping = [("plain_field__isnull".into(), false.into())]
        .into_iter()
        .collect();
    query.add_filter(Q::from_mapping(&filter)?, false)?;
    query.order_by.clear();
    let sign = if dates.order == "DESC" { "-" } else { "" };
    query.add_ordering(&[Ordering::Name(format!("{sign}{alias}"))])
}

/// `Trunc(field, kind, output_field=DateField() or DateTimeField(), tzinfo=...)`, refused as
/// `TruncBase.resolve_expression` refuses it.
fn truncate(query: &mut Query, dates: &DateList) -> Result<Typed, String> {
    let field = Expression::F(dates.field.clone());
    let typed = query.resolve(&field)?;
    let name = dates.field.rsplit("__").next().unwrap_or(&dates.field);
    let output = if dates.datetimes {
        "DateTimeField"
    } else {
        "DateField"
    };
    let temporal = Temporal::of(&typed.cast_type).ok_or_else(|| {
        format!("TypeError: '{name}' isn't a DateField, TimeField, or DateTimeField.")
    })?;
    match temporal {
        Temporal::Date if dates.datetimes => {
            return Err(format!(
                "ValueError: Cannot truncate DateField '{name}' to DateTimeField."
            ))
        }
        Temporal::Time => {
            return Err(format!(
                "ValueError: Cannot truncate TimeField '{name}' to {output}."
            ))
        }
        _ => {}
    }
    let kind = KINDS
        .iter()
        .copied()
        .find(|k| *k == dates.kind)
        .ok_or_else(|| format!("unknown kind `{}`", dates.kind))?;
    // The zone a datetime is read in: tzinfo, else the current one, and none without USE_TZ.
    let tz = match temporal {
        Temporal::DateTime => query
            .time_zone
            .clone()
            .map(|current| dates.tzinfo.clone().unwrap_or(current)),
        _ => None,
    };
    Ok(Typed {
        expr: Expr::Trunc {
            kind,
            tz,
            arg: Box::new(typed.expr),
            time: false,
        },
        cast_type: if dates.datetimes {
            "timestamp with time zone"
        } else {
            "date"
        }
        .to_string(),
    })
}
