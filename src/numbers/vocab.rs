//! Number words, scale words and the word gate.

use super::*;

/// Cardinals below twenty; the index is the value.
pub(super) const SMALL: [&str; 20] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];

/// Tens from twenty; the index is the value / 10 - 2.
pub(super) const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

pub(super) const ORDINALS: [(&str, u64); 30] = [
    ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
    ("seventh", 7), ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11),
    ("twelfth", 12), ("thirteenth", 13), ("fourteenth", 14), ("fifteenth", 15),
    ("sixteenth", 16), ("seventeenth", 17), ("eighteenth", 18), ("nineteenth", 19),
    ("twentieth", 20), ("thirtieth", 30), ("fortieth", 40), ("fiftieth", 50), ("sixtieth", 60),
    ("seventieth", 70), ("eightieth", 80), ("ninetieth", 90), ("hundredth", 100),
    ("thousandth", 1000), ("millionth", 1_000_000),
];

/// Other words that can begin a mention: articles ("a month"), fractions
/// and rank cues.
pub(super) const STARTERS: [&str; 5] = ["a", "an", "half", "number", "no"];

pub(super) fn small(w: &str) -> Option<u64> {
    SMALL.iter().position(|s| *s == w).map(|p| p as u64)
}

pub(super) fn tens(w: &str) -> Option<u64> {
    TENS.iter().position(|s| *s == w).map(|p| (p as u64 + 2) * 10)
}

pub(super) fn ordinal_word(w: &str) -> Option<u64> {
    ORDINALS.iter().find(|(s, _)| *s == w).map(|&(_, n)| n)
}

/// For each word length up to `GATE_LEN` and last letter, the set of first
/// letters (a bit each) of the words that can begin a mention: one lookup
/// rejects nearly every other word before any string comparison.
pub(super) const GATE_LEN: usize = 11;
pub(super) static GATE: [[u32; 26]; GATE_LEN + 1] = {
    const fn add(mut gate: [[u32; 26]; GATE_LEN + 1], w: &str) -> [[u32; 26]; GATE_LEN + 1] {
        let b = w.as_bytes();
        gate[b.len()][(b[b.len() - 1] - b'a') as usize] |= 1 << (b[0] - b'a');
        gate
    }
    let mut gate = [[0u32; 26]; GATE_LEN + 1];
    let mut k = 0;
    while k < SMALL.len() {
        gate = add(gate, SMALL[k]);
        k += 1;
    }
    k = 0;
    while k < TENS.len() {
        gate = add(gate, TENS[k]);
        k += 1;
    }
    k = 0;
    while k < ORDINALS.len() {
        gate = add(gate, ORDINALS[k].0);
        k += 1;
    }
    k = 0;
    while k < MONTHS.len() {
        gate = add(gate, MONTHS[k].0);
        k += 1;
    }
    k = 0;
    while k < STARTERS.len() {
        gate = add(gate, STARTERS[k]);
        k += 1;
    }
    gate
};

/// Whether a lower-cased word may be a number word, month or starter.
pub(super) fn gate(w: &str) -> bool {
    let b = w.as_bytes();
    let letter = |c: u8| c.is_ascii_lowercase().then(|| (c - b'a') as usize);
    match (b.first().copied().and_then(letter), b.last().copied().and_then(letter)) {
        (Some(first), Some(last)) if b.len() <= GATE_LEN => GATE[b.len()][last] & (1 << first) != 0,
        _ => false,
    }
}

/// Power of ten of a scale word.
pub(super) fn scale_word(w: &str) -> Option<i32> {
    Some(match w {
        "hundred" => 2,
        "thousand" => 3,
        "million" => 6,
        "billion" => 9,
        "trillion" => 12,
        _ => return None,
    })
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_admits_every_vocabulary_word() {
        let words = SMALL.iter().chain(&TENS).chain(ORDINALS.iter().map(|(w, _)| w)).chain(MONTHS.iter().map(|(w, _)| w)).chain(&STARTERS);
        for w in words {
            assert!(gate(w), "{w}");
        }
        for w in ["the", "said", "russia", "", "élan", "x", "peacekeepers"] {
            assert!(!gate(w), "{w}");
        }
    }

}
