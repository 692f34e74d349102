//! `permutations:`: the spec's top-level steps run in several orders, each a run of its
//! own (fresh sandbox, setup) with a section of the golden, as PostgreSQL's isolation
//! tester runs its permutations. `all` is every interleaving of the sessions' steps that
//! keeps each session's own order.

use super::error::{suggest, LoadError};
use super::load::Parsed;
use super::model::Step;
use super::raw::RawSpec;

/// The most permutations a spec runs (each is a run of the whole spec).
pub const MAX_PERMUTATIONS: usize = 100;

/// One order: indexes into the spec's top-level steps, and its title in the golden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Permutation {
    pub order: Vec<usize>,
    pub title: String,
}

/// The permutations `raw` asks for, checked against the top-level steps.
pub(super) fn permutations(
    raw: &serde_yaml::Value,
    steps: &[Step],
    main: &str,
    parsed: &Parsed<RawSpec>,
) -> Result<Vec<Permutation>, LoadError> {
    let orders = match raw {
        serde_yaml::Value::String(all) if all == "all" => interleavings(steps, main, parsed)?,
        serde_yaml::Value::Sequence(lists) if !lists.is_empty() => {
            if lists.len() > MAX_PERMUTATIONS {
                return Err(LoadError::new(
                    parsed.locate("permutations"),
                    format!(
                        "at most {MAX_PERMUTATIONS} permutations (it lists {})",
                        lists.len()
                    ),
                ));
            }
            let names = names(steps, parsed)?;
            lists
                .iter()
                .enumerate()
                .map(|(i, list)| listed_order(list, &names, &format!("permutations[{i}]"), parsed))
                .collect::<Result<Vec<_>, _>>()?
        }
        _ => {
            return Err(LoadError::new(
                parsed.locate("permutations"),
                "`permutations` is `all`, or a list of orders, each a list of top-level step names",
            ))
        }
    };
    Ok(orders
        .into_iter()
        .map(|order| {
            let title = order
                .iter()
                .map(|&i| title_of(&steps[i]))
                .collect::<Vec<_>>()
                .join(", ");
            Permutation { order, title }
        })
        .collect())
}

fn title_of(step: &Step) -> String {
    step.label
        .clone()
        .unwrap_or_else(|| format!("step {}", step.number))
}

/// The top-level steps' names, which must be there and unique to be listed.
fn names<'s>(steps: &'s [Step], parsed: &Parsed<RawSpec>) -> Result<Vec<&'s str>, LoadError> {
    let mut names = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let Some(name) = step.label.as_deref() else {
            return Err(LoadError::new(
                parsed.locate(&format!("steps[{i}]")),
                "with listed `permutations`, every top-level step needs a `name` to be listed by",
            ));
        };
        if names.contains(&name) {
            return Err(LoadError::new(
                parsed.locate(&format!("steps[{i}].name")),
                format!(
                    "two top-level steps are named `{name}`; `permutations` lists steps by name"
                ),
            ));
        }
        names.push(name);
    }
    Ok(names)
}

fn listed_order(
    list: &serde_yaml::Value,
    names: &[&str],
    at: &str,
    parsed: &Parsed<RawSpec>,
) -> Result<Vec<usize>, LoadError> {
    let Some(items) = list.as_sequence().filter(|items| !items.is_empty()) else {
        return Err(LoadError::new(
            parsed.locate(at),
            "a permutation is a non-empty list of top-level step names",
        ));
    };
    let mut order = Vec::new();
    for (j, item) in items.iter().enumerate() {
        let here = format!("{at}[{j}]");
        let Some(name) = item.as_str() else {
            return Err(LoadError::new(parsed.locate(&here), "a step name (text)"));
        };
        let Some(index) = names.iter().position(|n| *n == name) else {
            let mut message = format!("no top-level step is named `{name}`");
            if let Some(s) = suggest(name, names.iter().copied()) {
                message.push_str(&format!(", did you mean `{s}`?"));
            }
            return Err(LoadError::new(parsed.locate(&here), message));
        };
        if order.contains(&index) {
            return Err(LoadError::new(
                parsed.locate(&here),
                format!("`{name}` is listed twice: a step runs once per permutation"),
            ));
        }
        order.push(index);
    }
    Ok(order)
}

/// Every merge of the sessions' step sequences, each session's steps in their order.
fn interleavings(
    steps: &[Step],
    main: &str,
    parsed: &Parsed<RawSpec>,
) -> Result<Vec<Vec<usize>>, LoadError> {
    let mut sessions: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        let session = step.session.as_deref().unwrap_or(main);
        match sessions.iter_mut().find(|(s, _)| *s == session) {
            Some((_, list)) => list.push(i),
            None => sessions.push((session, vec![i])),
        }
    }
    let count = multinomial(sessions.iter().map(|(_, l)| l.len()));
    if count.is_none_or(|n| n > MAX_PERMUTATIONS as u128) {
        let n = count.map_or("too many".to_string(), |n| n.to_string());
        return Err(LoadError::new(
            parsed.locate("permutations"),
            format!(
                "`all` is {n} interleavings of the sessions' steps, more than {MAX_PERMUTATIONS}"
            ),
        )
        .with_help("list the orders that matter (a list of lists of step names)"));
    }
    let mut out = Vec::new();
    let mut next = vec![0usize; sessions.len()];
    let mut order = Vec::new();
    merge(&sessions, &mut next, &mut order, steps.len(), &mut out);
    Ok(out)
}

fn merge(
    sessions: &[(&str, Vec<usize>)],
    next: &mut [usize],
    order: &mut Vec<usize>,
    total: usize,
    out: &mut Vec<Vec<usize>>,
) {
    if order.len() == total {
        out.push(order.clone());
        return;
    }
    for s in 0..sessions.len() {
        if let Some(&step) = sessions[s].1.get(next[s]) {
            next[s] += 1;
            order.push(step);
            merge(sessions, next, order, total, out);
            order.pop();
            next[s] -= 1;
        }
    }
}

/// (a + b + ...)! / (a! b! ...), or `None` past u128.
fn multinomial(sizes: impl Iterator<Item = usize>) -> Option<u128> {
    let mut result: u128 = 1;
    let mut placed: u128 = 0;
    for size in sizes {
        for k in 1..=size as u128 {
            placed += 1;
            result = result.checked_mul(placed)? / k;
        }
    }
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::multinomial;

    #[test]
    fn counts_interleavings() {
        assert_eq!(multinomial([3, 1].into_iter()), Some(4));
        assert_eq!(multinomial([2, 2].into_iter()), Some(6));
        assert_eq!(multinomial([2, 2, 2].into_iter()), Some(90));
        assert_eq!(multinomial([1000, 1000].into_iter()), None);
    }
}
