//! The tables of a query and how they are joined: Django's `alias_map`. The base table is
//! known by its name; a table joined again gets `T<n>` (`U<n>` in a subquery), n counting
//! every alias so far, trimmed ones included. Multi-valued joins (reverse foreign keys,
//! many-to-many) are reused only within one `filter()` call, single-valued ones always.
//! Joins start INNER, or LEFT OUTER when they can find no row (a nullable key, or a parent
//! joined LEFT OUTER); filters then promote and demote them as Django's JoinPromoter does.

use crate::sql::compiler::{quote, Builder};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinKind {
    Inner,
    LeftOuter,
}

/// How a table is joined to its parent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinOn {
    pub parent: String,
    /// (parent column, this table's column).
    pub columns: (String, String),
    /// Which relation this join follows (for reuse: the same table through another
    /// relation is another join).
    pub relation: String,
    pub kind: JoinKind,
    pub nullable: bool,
    pub multi: bool,
}

/// A table of the query under its alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub name: String,
    pub table: String,
    /// `T4`, rather than the table's own name.
    pub generated: bool,
    pub join: Option<JoinOn>,
    /// How many parts of the query use it; a join nothing uses (trimmed) is not written.
    pub refs: usize,
}

/// The aliases of a query, in the order they were made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aliases {
    pub list: Vec<Alias>,
    prefix: char,
}

impl Aliases {
    /// The base table, under its own name (or `U0` in a subquery).
    pub fn new(table: &str, prefix: char) -> Aliases {
        let mut aliases = Aliases {
            list: Vec::new(),
            prefix,
        };
        aliases.create(table, None);
        aliases
    }

    pub fn base(&self) -> &str {
        &self.list[0].name
    }

    pub fn get(&self, name: &str) -> &Alias {
        self.list
            .iter()
            .find(|a| a.name == name)
            .expect("aliases of the query are known")
    }

    fn get_mut(&mut self, name: &str) -> &mut Alias {
        self.list
            .iter_mut()
            .find(|a| a.name == name)
            .expect("aliases of the query are known")
    }

    /// An alias as SQL: a table name quoted, a generated alias bare.
    pub fn sql(&self, name: &str) -> String {
        match self.get(name).generated {
            true => name.to_string(),
            false => quote(name),
        }
    }

    /// The prefix of a subquery's aliases (`bump_prefix`): `U` under `T`, `V` under `U`.
    pub fn next_prefix(&self) -> char {
        char::from_u32(self.prefix as u32 + 1).unwrap_or('U')
    }

    /// `table_alias(create=True)`: the table's name the first time, `T<n>` after; in a
    /// subquery every table gets `U<n>` by position.
    fn create(&mut self, table: &str, join: Option<JoinOn>) -> String {
        let top = self.prefix == 'T';
        let taken = !top || self.list.iter().any(|a| a.table == table);
        let (name, generated) = match taken {
            true => (
                format!("{}{}", self.prefix, self.list.len() + usize::from(top)),
                true,
            ),
            false => (table.to_string(), false),
        };
        self.list.push(Alias {
            name: name.clone(),
            table: table.to_string(),
            generated,
            join,
            refs: 1,
        });
        name
    }

    /// `Query.join`: an equal join already there (within `reuse` for a multi-valued one)
    /// is reused, else a new alias joins INNER, or LEFT OUTER when nullable or under one.
    pub fn join(&mut self, table: &str, mut on: JoinOn, reuse: Option<&[String]>) -> String {
        let same = |a: &Alias| {
            a.table == table
                && a.join.as_ref().is_some_and(|j| {
                    j.parent == on.parent && j.relation == on.relation && j.columns == on.columns
                })
        };
        let reusable: Vec<String> = self
            .list
            .iter()
            .filter(|a| same(a) && reuse.is_none_or(|r| r.contains(&a.name)))
            .map(|a| a.name.clone())
            .collect();
        if let Some(name) = reusable.last() {
            self.get_mut(name).refs += 1;
            return name.clone();
        }
        let parent_outer = self
            .get(&on.parent)
            .join
            .as_ref()
            .is_some_and(|j| j.kind == JoinKind::LeftOuter);
        on.kind = match parent_outer || on.nullable {
            true => JoinKind::LeftOuter,
            false => JoinKind::Inner,
        };
        self.create(table, Some(on))
    }

    /// A join no longer used (trimmed): kept for numbering, not written.
    pub fn unref(&mut self, name: &str) {
        let alias = self.get_mut(name);
        alias.refs = alias.refs.saturating_sub(1);
    }

    /// `promote_joins`: nullable joins (or joins under a LEFT OUTER one) become LEFT OUTER,
    /// and so do the joins that hang from them.
    pub fn promote(&mut self, names: &[String]) {
        let mut queue: Vec<String> = names.to_vec();
        while !queue.is_empty() {
            let name = queue.remove(0);
            let Some(join) = self.get(&name).join.clone() else {
                continue;
            };
            let parent_outer = self
                .get(&join.parent)
                .join
                .as_ref()
                .is_some_and(|j| j.kind == JoinKind::LeftOuter);
            if (join.nullable || parent_outer) && join.kind != JoinKind::LeftOuter {
                if let Some(j) = self.get_mut(&name).join.as_mut() {
                    j.kind = JoinKind::LeftOuter;
                }
                for child in &self.list {
                    let hangs = child.join.as_ref().is_some_and(|j| j.parent == name);
                    if hangs && !queue.contains(&child.name) {
                        queue.push(child.name.clone());
                    }
                }
            }
        }
    }

    /// `demote_joins`: LEFT OUTER joins that a filter needs become INNER.
    pub fn demote(&mut self, names: &[String]) {
        for name in names {
            if let Some(j) = self.get_mut(name).join.as_mut() {
                j.kind = JoinKind::Inner;
            }
        }
    }

    /// `FROM "base" INNER JOIN "t" T4 ON (...) ...`, only the aliases in use, from `first`.
    pub fn render_from(&self, b: &mut Builder, first: usize) {
        let base = &self.list[first];
        b.push(&quote(&base.table));
        if base.generated {
            b.push(&format!(" {}", base.name));
        }
        for alias in self.list.iter().skip(first + 1) {
            let Some(join) = &alias.join else { continue };
            if alias.refs == 0 {
                continue;
            }
            let kind = match join.kind {
                JoinKind::Inner => "INNER JOIN",
                JoinKind::LeftOuter => "LEFT OUTER JOIN",
            };
            b.push(&format!(" {kind} {}", quote(&alias.table)));
            if alias.generated {
                b.push(&format!(" {}", alias.name));
            }
            b.push(&format!(
                " ON ({}.{} = {}.{})",
                self.sql(&join.parent),
                quote(&join.columns.0),
                self.sql(&alias.name),
                quote(&join.columns.1)
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(
        parent: &str,
        from: &str,
        to: &str,
        relation: &str,
        nullable: bool,
        multi: bool,
    ) -> JoinOn {
        JoinOn {
            parent: parent.into(),
            columns: (from.into(), to.into()),
            relation: relation.into(),
            kind: JoinKind::Inner,
            nullable,
            multi,
        }
    }

    #[test]
    fn second_joins_of_a_table_are_numbered_by_all_aliases() {
        let mut a = Aliases::new("app_entry", 'T');
        let through = a.join(
            "app_entry_authors",
            on("app_entry", "id", "entry_id", "authors", true, true),
            Some(&[]),
        );
        let author = a.join(
            "app_author",
            on(&through, "author_id", "id", "authors", false, true),
            Some(&[]),
        );
        assert_eq!(
            (through.as_str(), author.as_str()),
            ("app_entry_authors", "app_author")
        );
        let t4 = a.join(
            "app_entry_authors",
            on("app_entry", "id", "entry_id", "authors", true, true),
            Some(&[]),
        );
        let t5 = a.join(
            "app_author",
            on(&t4, "author_id", "id", "authors", false, true),
            Some(&[]),
        );
        assert_eq!((t4.as_str(), t5.as_str()), ("T4", "T5"));
        a.demote(&[through.clone(), author.clone(), t4.clone(), t5.clone()]);
        let mut b = Builder::new();
        a.render_from(&mut b, 0);
        assert_eq!(
            b.finish().sql,
            r#""app_entry" INNER JOIN "app_entry_authors" ON ("app_entry"."id" = "app_entry_authors"."entry_id") INNER JOIN "app_author" ON ("app_entry_authors"."author_id" = "app_author"."id") INNER JOIN "app_entry_authors" T4 ON ("app_entry"."id" = T4."entry_id") INNER JOIN "app_author" T5 ON (T4."author_id" = T5."id")"#
        );
        // A single-valued join is reused whatever the call.
        let blog = a.join(
            "app_blog",
            on("app_entry", "blog_id", "id", "blog", false, false),
            None,
        );
        assert_eq!(
            a.join(
                "app_blog",
                on("app_entry", "blog_id", "id", "blog", false, false),
                None
            ),
            blog
        );
    }
}
