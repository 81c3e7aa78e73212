//! Shards: which documents of a dump one of N independent runs processes.
//!
//! A document belongs to shard `K` of `N` when `fnv1a64(doc_id) % N == K - 1`,
//! with FNV-1a (64 bits) over the UTF-8 bytes of the id. The function is fixed
//! here and never changes between versions or machines, so N runs anywhere
//! cover every document exactly once.

use std::fmt;
use std::str::FromStr;

/// `K/N`: the K-th (1-based) of N shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardSpec {
    pub index: u64,
    pub count: u64,
}

impl FromStr for ShardSpec {
    type Err = String;

    fn from_str(spec: &str) -> Result<Self, String> {
        let usage = "write it as K/N with 1 <= K <= N, as in --shard 2/8";
        let (k, n) = spec.split_once('/').ok_or_else(|| format!("shard {spec:?} is not K/N: {usage}"))?;
        let number = |part: &str| part.trim().parse::<u64>().map_err(|_| format!("shard {spec:?}: {part:?} is not a whole number; {usage}"));
        let (index, count) = (number(k)?, number(n)?);
        if count == 0 || index == 0 || index > count {
            return Err(format!("shard {spec:?} is out of range: {usage}"));
        }
        Ok(ShardSpec { index, count })
    }
}

impl fmt::Display for ShardSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl ShardSpec {
    /// Whether the document with this id belongs to this shard.
    pub fn holds(&self, doc_id: &str) -> bool {
        fnv1a64(doc_id.as_bytes()) % self.count == self.index - 1
    }
}

/// 64-bit FNV-1a (<http://www.isthe.com/chongo/tech/comp/fnv/>): a few lines,
/// fully specified, and in every language a scheduler might be written in.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn every_id_is_in_exactly_one_shard() {
        let shards: Vec<ShardSpec> = (1..=3).map(|k| ShardSpec { index: k, count: 3 }).collect();
        for i in 0..100 {
            let id = format!("doc-{i}");
            assert_eq!(shards.iter().filter(|s| s.holds(&id)).count(), 1, "{id}");
        }
    }

    #[test]
    fn bad_specs_say_how_to_write_one() {
        for bad in ["0/3", "4/3", "a/b", "3", "1/0", "-1/3"] {
            let err = bad.parse::<ShardSpec>().unwrap_err();
            assert!(err.contains("K/N"), "{bad}: {err}");
        }
        assert_eq!("2/3".parse::<ShardSpec>(), Ok(ShardSpec { index: 2, count: 3 }));
        assert_eq!(ShardSpec { index: 2, count: 3 }.to_string(), "2/3");
    }
}
