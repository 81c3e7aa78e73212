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

/// Other words that can begin a mention: articles ("a month"), fractions,
/// rank cues, signs and frequencies ("twice", "threefold").
pub(super) const STARTERS: [&str; 21] = [
    "a", "an", "half", "number", "no", "minus", "negative", "once", "twice", "thrice", "twofold", "threefold",
    "fourfold", "fivefold", "sixfold", "sevenfold", "eightfold", "ninefold", "tenfold", "twentyfold", "hundredfold",
];

/// How many times a frequency word says: "twice" 2, "threefold" 3,
/// "hundredfold" 100.
pub(super) fn times_word(w: &str) -> Option<u64> {
    match w {
        "once" => Some(1),
        "twice" => Some(2),
        "thrice" => Some(3),
        _ => {
            let stem = w.strip_suffix("fold")?;
            small(stem).or_else(|| tens(stem)).or_else(|| scale_word(stem).map(|e| 10u64.pow(e as u32))).filter(|&n| n >= 2)
        }
    }
}

/// The denominator a fraction word names and whether it is plural: "third"
/// (3), "quarters" (4), "tenths" (10). "second" is left out: "two seconds" is
/// a time.
pub(super) fn denominator(w: &str) -> Option<(u64, bool)> {
    let (singular, plural) = match w.strip_suffix('s') {
        Some(s) => (s, true),
        None => (w, false),
    };
    let d = match singular {
        "half" | "halve" => 2,
        "quarter" => 4,
        _ => ordinal_word(singular).filter(|&d| (3..=1000).contains(&d))?,
    };
    Some((d, plural))
}

/// `n/d` rounded to four decimals, as the gold writes thirds (0.3333).
pub(super) fn ratio(n: u64, d: u64) -> Option<Dec> {
    let mant = n.checked_mul(20_000)?.checked_add(d)?.checked_div(d.checked_mul(2)?)?;
    Some(Dec { mant, exp: -4, neg: false })
}

/// Vulgar fraction characters: "½", "¾", "⅓".
pub(super) fn vulgar(c: char) -> Option<(u64, u64)> {
    Some(match c {
        '½' => (1, 2), '⅓' => (1, 3), '⅔' => (2, 3), '¼' => (1, 4), '¾' => (3, 4), '⅕' => (1, 5), '⅖' => (2, 5),
        '⅗' => (3, 5), '⅘' => (4, 5), '⅙' => (1, 6), '⅚' => (5, 6), '⅐' => (1, 7), '⅛' => (1, 8), '⅜' => (3, 8),
        '⅝' => (5, 8), '⅞' => (7, 8), '⅑' => (1, 9), '⅒' => (1, 10),
        _ => return None,
    })
}

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
        assert_eq!(times_word("threefold"), Some(3));
        assert_eq!(times_word("hundredfold"), Some(100));
        assert_eq!((times_word("twice"), times_word("manifold"), times_word("onefold")), (Some(2), None, None));
        assert_eq!(denominator("thirds"), Some((3, true)));
        assert_eq!(denominator("quarter"), Some((4, false)));
        assert_eq!((denominator("second"), denominator("first")), (None, None));
        assert_eq!(ratio(2, 3).map(Dec::value), Some(0.6667));
        assert_eq!(ratio(3, 8).map(Dec::value), Some(0.375));
        assert_eq!(ratio(1, 0), None);
        assert_eq!(vulgar('¾'), Some((3, 4)));
        let words = SMALL.iter().chain(&TENS).chain(ORDINALS.iter().map(|(w, _)| w)).chain(MONTHS.iter().map(|(w, _)| w)).chain(&STARTERS);
        for w in words {
            assert!(gate(w), "{w}");
        }
        for w in ["the", "said", "russia", "", "élan", "x", "peacekeepers"] {
            assert!(!gate(w), "{w}");
        }
    }

}
