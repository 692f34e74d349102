//! `for obj in qs.iterator(chunk_size=n)`: Django's chunked fetch through a psycopg
//! server-side cursor. `DECLARE "_django_curs_1_sync_<n>" NO SCROLL CURSOR [WITH HOLD] FOR
//! <the SELECT>` (WITH HOLD outside a transaction), then `FETCH FORWARD n` until one comes
//! back empty, then `CLOSE`. Objects are handed to the loop as they are read; with
//! prefetch_related, in chunks of n, each chunk's prefetch queries sent before its objects
//! are used (Django 5.2's `islice` over the results).

use std::collections::VecDeque;

use super::access::access;
use super::prefetch::prefetch;
use super::{nothing, objects_of, Loaded, QueryOutcome};
use crate::log::{Raised, ResultSet};
use crate::orm::{OpError, Orm};
use crate::query::build::Built;
use crate::query::EMPTY;
use crate::spec::QueryOp;
use crate::sql::compiler::Query as Statement;

/// Django's default `chunk_size` for iterator().
const CHUNK_SIZE: u64 = 2000;

/// What `iterator()` raises when it is called: Django 5 asks for a chunk size to prefetch
/// by (`aiterator()`, the async form, keeps its default of 2000).
pub(super) fn refusal(orm: &Orm<'_>, op: &QueryOp, built: &Built) -> Option<Raised> {
    let missing = op.chunk_size.is_none() && !built.prefetch.is_empty() && !orm.conn.async_code();
    missing.then(|| {
        Raised::new(
            "ValueError",
            "chunk_size must be provided when using QuerySet.iterator() after prefetch_related().",
        )
    })
}

pub(super) async fn iterate(
    orm: &mut Orm<'_>,
    op: &QueryOp,
    built: &Built,
) -> Result<QueryOutcome, OpError> {
    let (builder, segments, hidden) = match built.query.compile_with_hidden() {
        Ok(compiled) => compiled,
        Err(message) if message == EMPTY => return Ok(nothing(op)),
        Err(message) => return Err(super::compile_error(message)),
    };
    let select = builder.finish();
    let state = orm.conn_state();
    state.named_cursors += 1;
    let name = format!("\"_django_curs_1_sync_{}\"", state.named_cursors);
    let hold = if orm.conn.in_transaction() {
        ""
    } else {
        " WITH HOLD"
    };
    orm.exec(&Statement {
        sql: format!("DECLARE {name} NO SCROLL CURSOR{hold} FOR {}", select.sql),
        params: select.params,
    })
    .await?;
    let chunk = op.chunk_size.unwrap_or(CHUNK_SIZE);
    let mut cursor = Cursor {
        name,
        chunk,
        buffer: VecDeque::new(),
        done: false,
        read: ResultSet::default(),
        hidden,
    };
    let mut first = None;
    // values() rows take no prefetch (prefetch_related_objects gives up on them), so
    // they are read as without it.
    if built.prefetch.is_empty() || built.values {
        while let Some(mut object) = cursor.next(orm, &segments).await? {
            touch(orm, op, &mut object).await?;
            first.get_or_insert(object);
        }
    } else {
        loop {
            let mut results = Vec::new();
            while (results.len() as u64) < chunk {
                match cursor.next(orm, &segments).await? {
                    Some(object) => results.push(object),
                    None => break,
                }
            }
            if results.is_empty() {
                break;
            }
            for path in &built.prefetch {
                prefetch(orm, &op.model, &mut results, path).await?;
            }
            for mut object in results {
                touch(orm, op, &mut object).await?;
                first.get_or_insert(object);
            }
        }
    }
    if let (Some(name), Some(object)) = (&op.bind, first) {
        orm.state.instances.insert(name.clone(), object.instance);
    }
    let rows = cursor.read.rows.len() as u64;
    Ok(QueryOutcome {
        result: Some(cursor.read),
        rows: Some(rows),
    })
}

async fn touch(orm: &Orm<'_>, op: &QueryOp, object: &mut Loaded) -> Result<(), OpError> {
    if object.instance.model.is_empty() {
        return Ok(());
    }
    for path in &op.access {
        access(orm, object, path, false).await?;
    }
    Ok(())
}

/// The server-side cursor as psycopg reads it: `fetchmany(chunk)` when its rows run out,
/// closed when a fetch comes back empty.
struct Cursor {
    name: String,
    chunk: u64,
    buffer: VecDeque<Loaded>,
    done: bool,
    /// Every row read, for the step's expectations.
    read: ResultSet,
    /// Columns at the end of each row selected only for the ordering (left out).
    hidden: usize,
}

impl Cursor {
    async fn next(
        &mut self,
        orm: &Orm<'_>,
        segments: &[crate::query::Segment],
    ) -> Result<Option<Loaded>, OpError> {
        if self.buffer.is_empty() && !self.done {
            let fetch = Statement {
                sql: format!("FETCH FORWARD {} FROM {}", self.chunk, self.name),
                params: Vec::new(),
            };
            let mut result = orm.exec(&fetch).await?.result.unwrap_or_default();
            super::drop_hidden(&mut result, self.hidden);
            if result.rows.is_empty() {
                let close = Statement {
                    sql: format!("CLOSE {}", self.name),
                    params: Vec::new(),
                };
                orm.exec(&close).await?;
                self.done = true;
            } else {
                // values() rows are not objects: nothing of theirs is loaded.
                self.buffer
                    .extend(result.rows.iter().map(|row| match segments {
                        [] => Loaded::new(crate::orm::Instance::new("")),
                        _ => objects_of(orm, segments, row),
                    }));
                if self.read.columns.is_empty() {
                    self.read.columns = result.columns.clone();
                }
                self.read.rows.extend(result.rows);
            }
        }
        Ok(self.buffer.pop_front())
    }
}
