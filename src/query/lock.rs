//! ` FOR [NO KEY ]UPDATE[ OF ...][ NOWAIT][ SKIP LOCKED]` as Django's PostgreSQL backend
//! writes it, and which tables `of=(...)` names: Django's
//! `get_select_for_update_of_arguments`, which walks the objects a row builds (the model,
//! its parents through their links, its select_related objects).

use std::collections::VecDeque;

use super::related::is_parent_link;
use super::select::{Query, Segment};
use crate::spec::ForUpdate;

/// One object a row builds (Django's `klass_info`): its model, the path that reaches it,
/// and the columns selected for it (its parents' included).
struct Object<'a> {
    path: Vec<String>,
    model: String,
    columns: Vec<&'a (String, String)>,
    /// Where its select_related objects are found (`None` for a parent: Django gives a
    /// parent's klass_info no related objects).
    segment: Option<&'a str>,
}

impl Query {
    /// The lock clause. `segments` are the objects of a model query; a query without them
    /// (values(), count()) has no objects to name, and Django then leaves `of` out.
    pub(super) fn lock_clause(
        &self,
        lock: &ForUpdate,
        segments: &[Segment],
    ) -> Result<String, String> {
        let of = match segments.is_empty() {
            true => Vec::new(),
            false => self.locked_tables(&lock.of, segments)?,
        };
        let mut out = String::from(" FOR");
        if lock.no_key {
            out.push_str(" NO KEY");
        }
        out.push_str(" UPDATE");
        if !of.is_empty() {
            out.push_str(&format!(" OF {}", of.join(", ")));
        }
        if lock.nowait {
            out.push_str(" NOWAIT");
        }
        if lock.skip_locked {
            out.push_str(" SKIP LOCKED");
        }
        Ok(out)
    }

    /// The table alias of each name of `of`, in their order: `self`, a select_related path
    /// (`supplier`, `category__parent`) or a parent link (`product_ptr`), each the alias of
    /// the object's first selected column of its own table. An object none of whose own
    /// columns is selected locks nothing; names that reach no object are Django's FieldError.
    fn locked_tables(&self, of: &[String], segments: &[Segment]) -> Result<Vec<String>, String> {
        let root = self.root_object(segments);
        let mut tables = Vec::new();
        let mut invalid = Vec::new();
        for name in of {
            let mut object = Some(self.root_object(segments));
            if name != "self" {
                for part in name.split("__") {
                    object = object.and_then(|o| {
                        self.related_objects(&o, segments)
                            .into_iter()
                            .chain(self.parent_objects(&o))
                            .find(|next| next.path.last().is_some_and(|n| n == part))
                    });
                }
            }
            let Some(object) = object else {
                invalid.push(name.as_str());
                continue;
            };
            if let Some(alias) = self.own_alias(&object) {
                tables.push(self.aliases.sql(alias));
            }
        }
        if invalid.is_empty() {
            return Ok(tables);
        }
        Err(format!(
            "FieldError: Invalid field name(s) given in select_for_update(of=(...)): {}. Only relational fields followed in the query are allowed. Choices are: {}.",
            invalid.join(", "),
            self.lock_choices(root, segments).join(", ")
        ))
    }

    fn root_object<'a>(&self, segments: &'a [Segment]) -> Object<'a> {
        Object {
            path: Vec::new(),
            model: segments[0].model.clone(),
            columns: segments[0].columns.iter().collect(),
            segment: Some(""),
        }
    }

    /// The select_related objects directly under an object, in the order selected.
    fn related_objects<'a>(&self, object: &Object<'a>, segments: &'a [Segment]) -> Vec<Object<'a>> {
        let Some(at) = object.segment else {
            return Vec::new();
        };
        segments
            .iter()
            .skip(1)
            .filter_map(|s| {
                let name = match at {
                    "" => s.path.as_str(),
                    _ => s.path.strip_prefix(at)?.strip_prefix("__")?,
                };
                (!name.contains("__")).then(|| Object {
                    path: [object.path.clone(), vec![name.to_string()]].concat(),
                    model: s.model.clone(),
                    columns: s.columns.iter().collect(),
                    segment: Some(s.path.as_str()),
                })
            })
            .collect()
    }

    /// An object's parent (multi-table inheritance) through its link: the columns of the
    /// parent's tables among the object's.
    fn parent_objects<'a>(&self, object: &Object<'a>) -> Option<Object<'a>> {
        let model = self.registry.model(&object.model);
        let parent = model.parent.clone()?;
        let link = model
            .fields
            .iter()
            .find(|f| is_parent_link(model, f))
            .map_or_else(
                || format!("{}_ptr", parent.to_lowercase()),
                |f| f.name.clone(),
            );
        let tables: Vec<&str> = self
            .registry
            .chain(&parent)
            .iter()
            .map(|m| m.table.as_str())
            .collect();
        Some(Object {
            path: [object.path.clone(), vec![link]].concat(),
            columns: object
                .columns
                .iter()
                .copied()
                .filter(|(alias, _)| tables.contains(&self.aliases.get(alias).table.as_str()))
                .collect(),
            model: parent,
            segment: None,
        })
    }

    /// `_get_first_selected_col_from_model`: the alias of the object's first column of its
    /// own table.
    fn own_alias<'a>(&self, object: &Object<'a>) -> Option<&'a str> {
        let table = &self.registry.model(&object.model).table;
        object
            .columns
            .iter()
            .find(|(alias, _)| &self.aliases.get(alias).table == table)
            .map(|(alias, _)| alias.as_str())
    }

    /// `_get_field_choices`: every name `of` may give, breadth first, each object's parent
    /// before its select_related objects.
    fn lock_choices(&self, root: Object<'_>, segments: &[Segment]) -> Vec<String> {
        let mut choices = Vec::new();
        let mut queue = VecDeque::from([root]);
        while let Some(object) = queue.pop_front() {
            choices.push(match object.path.is_empty() {
                true => "self".to_string(),
                false => object.path.join("__"),
            });
            queue.extend(self.parent_objects(&object));
            queue.extend(self.related_objects(&object, segments));
        }
        choices
    }
}
