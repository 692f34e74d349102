//! Expressions assigned to fields (`entry.rating = F("rating") + 1`, `name=Upper(Value("x"))`):
//! Model.save(), create(), bulk_create() and bulk_update() write them as SQL where a value's
//! parameter would go, resolved on the table being written. An INSERT refuses one that refers
//! to columns, with the ValueError of Django's `SQLInsertCompiler.prepare_value`. The object
//! keeps the expression afterwards, as the Python object does, until it is loaded again.

use std::sync::Arc;

use serde_yaml::Value as Yaml;

use super::{Field, Model, OpError, Registry};
use crate::log::Raised;
use crate::query::expr::Expr;
use crate::spec::Expression;
use crate::sql::compiler::{Builder, SetValue};

/// What is written for a field's value: the expression's SQL, or the value prepared by
/// `prep` (which the caller passes: it knows the settings and the model).
pub fn set_value(
    registry: &Arc<Registry>,
    table_model: &Model,
    field: &Field,
    value: &Yaml,
    for_insert: bool,
    prep: impl FnOnce(&Yaml) -> Yaml,
) -> Result<SetValue, OpError> {
    let Some(expression) = Expression::from_rhs(value) else {
        return Ok(SetValue::Value(prep(value)));
    };
    let expression = expression.map_err(OpError::Spec)?;
    let expr = resolve_for_save(registry, &table_model.name, &expression, !for_insert)?;
    if for_insert && expr.refers_to_columns() {
        return Err(OpError::Raised(Raised::new(
            "ValueError",
            format!(
                "Failed to insert expression \"{}\" on {}. F() expressions can only be used to update, not to insert.",
                python_str(registry, table_model, &expression),
                field_label(table_model, &field.name)
            ),
        )));
    }
    let mut b = Builder::new();
    expr.render(&mut b);
    Ok(SetValue::Expr(b))
}

/// An expression written to a column of `model`'s table, resolved as Django's compilers
/// resolve it (`allow_joins=False`): a reference across a relation raises FieldError. An
/// UPDATE resolves it twice (`UpdateQuery.add_update_fields`, then `SQLUpdateCompiler`), so
/// its conditions are written in parentheses; an INSERT resolves it once.
pub fn resolve_for_save(
    registry: &Arc<Registry>,
    model: &str,
    expression: &Expression,
    for_update: bool,
) -> Result<Expr, OpError> {
    let mut query = crate::query::Query::new(Arc::clone(registry), model, 'T');
    let typed = query.resolve(expression).map_err(OpError::Spec)?;
    if query.joined_references() {
        return Err(OpError::Raised(Raised::new(
            "FieldError",
            "Joined field references are not permitted in this query",
        )));
    }
    Ok(match for_update {
        true => typed.expr.referenced(),
        false => typed.expr,
    })
}

/// Whether a value is an expression rather than a value.
pub fn is_expression(value: &Yaml) -> bool {
    Expression::from_rhs(value).is_some()
}

/// A field as Django's `str(field)` writes it: `app.Blog.name`, the app label taken from a
/// default table name (`<label>_<model>`).
fn field_label(model: &Model, field: &str) -> String {
    let suffix = format!("_{}", model.name.to_lowercase());
    let label = model.table.strip_suffix(&suffix).unwrap_or("app");
    format!("{label}.{}.{field}", model.name)
}

/// `str()` of the resolved expression, as Django's message shows it: `Col(app_blog,
/// app.Blog.tagline)`, `Value(1)`, `Col(...) + Value(1)`, `Upper(Col(...))`.
fn python_str(registry: &Registry, model: &Model, expression: &Expression) -> String {
    match expression {
        Expression::F(name) => match registry.field_of(&model.name, name) {
            Ok(field) => format!(
                "Col({}, {})",
                registry.owner_of(&model.name, &field.column).table,
                field_label(registry.owner_of(&model.name, &field.column), &field.name)
            ),
            Err(_) => format!("F({name})"),
        },
        Expression::Value(value) => format!("Value({})", python_repr(value)),
        Expression::Arith { op, lhs, rhs } => format!(
            "{} {op} {}",
            python_str(registry, model, lhs),
            python_str(registry, model, rhs)
        ),
        Expression::Func { function, args, .. } => {
            let name = function.class_name();
            let args: Vec<String> = args
                .iter()
                .map(|a| python_str(registry, model, a))
                .collect();
            format!("{name}({})", args.join(", "))
        }
        other => format!("{other:?}"),
    }
}

fn python_repr(value: &Yaml) -> String {
    match value {
        Yaml::String(text) => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
        Yaml::Bool(true) => "True".into(),
        Yaml::Bool(false) => "False".into(),
        Yaml::Null => "None".into(),
        Yaml::Number(n) => n.to_string(),
        other => format!("{other:?}"),
    }
}
