//! The explicit through model's side of add(): the SELECT of the ids already there and the
//! bulk_create of the others.

use serde_yaml::{Mapping, Value as Yaml};

use super::{equals, Relation};
use crate::orm::idset::IdSet;
use crate::orm::{Instance, OpError, Orm};
use crate::sql::compiler::{self, Builder, Condition, InsertColumn, OnConflict};

/// `_get_missing_target_ids`'s SELECT: `filter(**kwargs)` sorts its keywords, so the
/// conditions come in the alphabetical order of `<source>` and `<target>__in`.
pub(super) async fn existing_ids(
    orm: &Orm<'_>,
    rel: &Relation,
    ids: &IdSet,
) -> Result<Vec<Yaml>, OpError> {
    let source = (
        rel.source_name.clone(),
        equals(&rel.through, &rel.source_column, &rel.source_value),
    );
    let target = (
        format!("{}__in", rel.target_name),
        Condition::In {
            table: rel.through.clone(),
            column: rel.target_column.clone(),
            values: ids.items(),
        },
    );
    let mut conditions = [source, target];
    conditions.sort_by(|a, b| a.0.cmp(&b.0));
    let conditions: Vec<Condition> = conditions.into_iter().map(|(_, c)| c).collect();
    let mut b = Builder::new();
    b.push(&format!(
        "SELECT {} AS {} FROM {}",
        compiler::column_ref(&rel.through, &rel.target_column),
        compiler::quote(&rel.target_name),
        compiler::quote(&rel.through)
    ));
    compiler::push_where(&mut b, &conditions);
    orm.first_column(&b.finish()).await
}

/// bulk_create of through-model rows: the model's fields in order (the auto pk left out),
/// `through_defaults` or the field defaults for the others; UNNEST for several rows unless a
/// value is the database's DEFAULT; RETURNING the pk (and DEFAULT-filled fields).
pub(super) async fn insert_rows(
    orm: &mut Orm<'_>,
    rel: &Relation,
    model: &str,
    ids: Vec<Yaml>,
    through_defaults: &Mapping,
) -> Result<u64, OpError> {
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let through = registry.model(model);
    let mut given = Mapping::new();
    for (key, value) in through_defaults {
        let name = key.as_str().unwrap_or_default();
        let field = through.field(name).map_err(OpError::Spec)?;
        given.insert(Yaml::String(field.column.clone()), orm.resolve(value)?);
    }
    let fields: Vec<_> = through
        .fields
        .iter()
        .filter(|f| !(f.column == through.pk && f.generated))
        .collect();
    let columns: Vec<InsertColumn> = fields.iter().map(|f| f.insert_column()).collect();
    // `self.through(**through_defaults, source=..., target=...)` per id: defaults are
    // computed per object, then bulk_create's pre_save(add=True).
    let mut rows: Vec<Vec<Option<Yaml>>> = Vec::new();
    for id in ids {
        let mut row = Instance::new(model);
        for (column, value) in &given {
            row.set(column.as_str().unwrap_or_default(), value.clone());
        }
        row.set(&rel.source_column, rel.source_value.clone());
        row.set(&rel.target_column, id);
        orm.apply_defaults(&mut row);
        orm.pre_save(through, &mut row, true);
        rows.push(
            fields
                .iter()
                .map(|f| {
                    row.values
                        .get(&f.column)
                        .map(|v| f.db_value(v, &registry.settings))
                })
                .collect(),
        );
    }
    let mut returning: Vec<String> = Vec::new();
    if through.pk_field().generated {
        returning.push(through.pk.clone());
    }
    for (i, column) in columns.iter().enumerate() {
        if rows.iter().any(|row| row[i].is_none()) {
            returning.push(column.name.clone());
        }
    }
    let has_default = returning.len() > usize::from(through.pk_field().generated);
    let mut query = if rows.len() > 1 && !has_default {
        let plain: Vec<Vec<Yaml>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| v.clone().unwrap_or(Yaml::Null))
                    .collect()
            })
            .collect();
        compiler::insert_unnest(&through.table, &columns, &plain, &OnConflict::None, None)
    } else {
        compiler::insert_values(&through.table, &columns, &rows, &OnConflict::None, None)
    };
    if !returning.is_empty() {
        let list: Vec<String> = returning
            .iter()
            .map(|c| compiler::column_ref(&through.table, c))
            .collect();
        query
            .sql
            .push_str(&format!(" RETURNING {}", list.join(", ")));
    }
    Ok(orm.exec(&query).await?.rows.unwrap_or(0))
}
