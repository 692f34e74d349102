//! `raw` and `cursor`: SQL written by application code, sent as Django sends it. A raw
//! queryset makes objects of its rows by column name (a field the SQL does not select is
//! deferred, and loads per object when touched); a cursor just executes.

use std::sync::Arc;

use super::query::access::access;
use super::query::{Loaded, QueryOutcome};
use crate::log::Raised;
use crate::orm::{Instance, OpError, Orm};
use crate::spec::{CursorOp, RawQueryOp};

/// `list(Model.objects.raw(sql, params, translations))`, then `access` on each object.
pub(super) async fn raw(orm: &mut Orm<'_>, op: &RawQueryOp) -> Result<QueryOutcome, OpError> {
    let statement = op.statement().map_err(OpError::Spec)?;
    let result = orm.exec(&statement).await?.result.unwrap_or_default();
    // Django reads the result's column names, renamed by `translations`, and matches them
    // with the fields' columns; the others become attributes of the objects.
    let columns: Vec<&str> = result
        .columns
        .iter()
        .map(|c| op.translations.get(c).map_or(c.as_str(), String::as_str))
        .collect();
    let registry = Arc::clone(&orm.state.registry);
    let field_columns: Vec<String> = registry
        .chain(&op.model)
        .iter()
        .flat_map(|m| m.fields.iter().map(|f| f.column.clone()))
        .collect();
    let pk = &registry.model(&op.model).pk;
    if !columns.contains(&pk.as_str()) {
        return Err(OpError::Raised(Raised::new(
            "FieldDoesNotExist",
            "Raw query must include the primary key",
        )));
    }
    let attributes: Vec<String> = columns
        .iter()
        .filter(|c| !field_columns.iter().any(|f| f == *c))
        .map(|c| c.to_string())
        .collect();
    let mut objects: Vec<Loaded> = result
        .rows
        .iter()
        .map(|row| {
            let mut instance = Instance::new(&op.model);
            for column in &field_columns {
                if let Some(at) = columns.iter().position(|c| c == column) {
                    instance.set(column, registry.load(&op.model, column, &row[at]));
                }
            }
            instance.adding = false;
            let mut object = Loaded::new(instance);
            object.attributes = attributes.clone();
            object
        })
        .collect();
    for object in &mut objects {
        for path in &op.access {
            access(orm, object, path, true).await?;
        }
    }
    if let (Some(name), Some(object)) = (&op.bind, objects.first()) {
        orm.state
            .instances
            .insert(name.clone(), object.instance.clone());
    }
    let rows = result.rows.len() as u64;
    Ok(QueryOutcome {
        result: Some(result),
        rows: Some(rows),
    })
}

/// `cursor.execute(sql, params)`: the statement's rows (what fetchall() would read) or the
/// count it affected.
pub(super) async fn cursor(orm: &mut Orm<'_>, op: &CursorOp) -> Result<QueryOutcome, OpError> {
    let statement = op.statement().map_err(OpError::Spec)?;
    let executed = orm.exec(&statement).await?;
    Ok(QueryOutcome {
        result: executed.result,
        rows: executed.rows,
    })
}
