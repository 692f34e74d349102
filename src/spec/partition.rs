//! `--partition count:K/N` and `hash:K/N`, as nextest splits a suite across CI machines:
//! each spec file is in exactly one of the N partitions, whatever the others select.

use std::path::{Path, PathBuf};

/// How spec files are dealt to partitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Partition {
    /// The K-th of every N files, in the order of their ids (even counts, but a new spec
    /// moves the ones after it).
    Count { k: usize, n: usize },
    /// Files whose id hashes to K-1 modulo N (a new spec moves no other).
    Hash { k: usize, n: usize },
}

impl std::str::FromStr for Partition {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let usage =
            || format!("`{text}` is not a partition: count:K/N or hash:K/N, with 1 <= K <= N");
        let (kind, share) = text.split_once(':').ok_or_else(usage)?;
        let (k, n) = share.split_once('/').ok_or_else(usage)?;
        let (k, n): (usize, usize) = (
            k.trim().parse().map_err(|_| usage())?,
            n.trim().parse().map_err(|_| usage())?,
        );
        if k == 0 || n == 0 || k > n {
            return Err(usage());
        }
        match kind {
            "count" => Ok(Partition::Count { k, n }),
            "hash" => Ok(Partition::Hash { k, n }),
            _ => Err(usage()),
        }
    }
}

impl std::fmt::Display for Partition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Partition::Count { k, n } => write!(f, "count:{k}/{n}"),
            Partition::Hash { k, n } => write!(f, "hash:{k}/{n}"),
        }
    }
}

impl Partition {
    /// The files of this partition, given every selected file with its spec id.
    pub fn select(&self, mut files: Vec<(String, PathBuf)>) -> (Vec<PathBuf>, usize) {
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let total = files.len();
        let mine: Vec<PathBuf> = files
            .into_iter()
            .enumerate()
            .filter(|(i, (id, _))| match *self {
                Partition::Count { k, n } => i % n == k - 1,
                Partition::Hash { k, n } => (fnv1a(id.as_bytes()) % n as u64) as usize == k - 1,
            })
            .map(|(_, (_, path))| path)
            .collect();
        let others = total - mine.len();
        (mine, others)
    }
}

/// FNV-1a, 64 bits: stable across platforms and versions, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The spec id of a file (its path under the root, without the extension), for dealing.
pub fn id_of(file: &Path, root: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .with_extension("")
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(n: usize) -> Vec<(String, PathBuf)> {
        (0..n)
            .map(|i| (format!("s{i:02}"), PathBuf::from(format!("s{i:02}.yaml"))))
            .collect()
    }

    #[test]
    fn every_file_is_in_exactly_one_partition() {
        for text in ["count", "hash"] {
            let mut seen = Vec::new();
            for k in 1..=3 {
                let p: Partition = format!("{text}:{k}/3").parse().unwrap();
                let (mine, others) = p.select(files(20));
                assert_eq!(mine.len() + others, 20);
                seen.extend(mine);
            }
            seen.sort();
            assert_eq!(seen, files(20).into_iter().map(|f| f.1).collect::<Vec<_>>());
        }
        assert!("count:0/3".parse::<Partition>().is_err());
        assert!("count:4/3".parse::<Partition>().is_err());
        assert!("slice:1/3".parse::<Partition>().is_err());
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
