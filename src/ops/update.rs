//! `update`: QuerySet.filter(...).update(**values). One UPDATE; on a multi-table-inherited
//! model whose update or filter touches a parent's fields, Django first SELECTs the matching
//! primary keys, then UPDATEs each table by them (child first), outside any transaction.

use serde_yaml::Value as Yaml;

use crate::orm::{assigned, OpError, Orm};
use crate::spec::{Expression, UpdateOp};
use crate::sql::compiler::{self, Builder, Condition, SetValue};

/// One table's SET list: (table, its primary key column, column = value pairs).
type TableSets = (String, String, Vec<(String, SetValue)>);

pub(super) async fn update(orm: &mut Orm<'_>, op: &UpdateOp) -> Result<Option<u64>, OpError> {
    let registry = std::sync::Arc::clone(&orm.state.registry);
    let model = registry.model(&op.model);
    let conditions = crate::orm::filter::update_conditions(&registry, &op.model, &op.filter, |v| {
        orm.resolve(v).map_err(|e| e.to_string())
    })
    .map_err(OpError::Spec)?;
    if conditions.contains(&Condition::Nothing) {
        return Ok(Some(0));
    }
    // The values by the table that holds each column, in the order given.
    let mut per_table: Vec<TableSets> = Vec::new();
    for (key, value) in &op.values {
        let name = key.as_str().unwrap_or_default();
        let field = registry.field_of(&op.model, name).map_err(OpError::Spec)?;
        let owner = registry.owner_of(&op.model, &field.column);
        let value = match Expression::from_rhs(value) {
            // `F("rating") + 1`, `Upper("headline")`: written on the model's own table.
            Some(expression) => {
                let expression = expression.map_err(OpError::Spec)?;
                let expr = assigned::resolve_for_save(&registry, &op.model, &expression, true)?;
                let mut b = Builder::new();
                expr.render(&mut b);
                SetValue::Expr(b)
            }
            None => SetValue::Value(orm.prep(&op.model, field, &orm.resolve(value)?)),
        };
        match per_table
            .iter_mut()
            .find(|(table, _, _)| *table == owner.table)
        {
            Some((_, _, sets)) => sets.push((field.column.clone(), value)),
            None => per_table.push((
                owner.table.clone(),
                owner.pk.clone(),
                vec![(field.column.clone(), value)],
            )),
        }
    }
    let touches_parents = per_table.iter().any(|(table, _, _)| *table != model.table)
        || conditions.iter().any(|c| c.table() != model.table);
    if !touches_parents {
        let sets = per_table
            .into_iter()
            .next()
            .map(|(_, _, sets)| sets)
            .unwrap_or_default();
        if sets.is_empty() {
            return Ok(Some(0));
        }
        let executed = orm
            .exec(&compiler::update_exprs(&model.table, &sets, &conditions))
            .await?;
        return Ok(executed.rows);
    }
    let pks = select_pks(orm, &op.model, &conditions).await?;
    if pks.is_empty() {
        return Ok(Some(0));
    }
    // Django updates the model's own table first, then its parents.
    per_table.sort_by_key(|(table, _, _)| *table != model.table);
    let mut first_rows = None;
    for (table, pk, sets) in per_table {
        let by_pk = [Condition::In {
            table: table.clone(),
            column: pk,
            values: pks.clone(),
        }];
        let executed = orm
            .exec(&compiler::update_exprs(&table, &sets, &by_pk))
            .await?;
        first_rows.get_or_insert(executed.rows);
    }
    Ok(first_rows.flatten())
}

/// `SELECT "child"."pk" FROM "child" [INNER JOIN parents] WHERE ...`.
async fn select_pks(
    orm: &Orm<'_>,
    model_name: &str,
    conditions: &[Condition],
) -> Result<Vec<Yaml>, OpError> {
    let model = orm.state.registry.model(model_name);
    let (_, joins) = crate::orm::persist::select_columns(orm, model_name);
    let uses_parents = conditions.iter().any(|c| c.table() != model.table);
    let joins = if uses_parents { joins } else { Vec::new() };
    let columns = [(model.table.clone(), model.pk.clone())];
    let query = compiler::select(&columns, &model.table, &joins, conditions, None, false);
    orm.first_column(&query).await
}
