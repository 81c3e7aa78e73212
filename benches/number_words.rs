//! claimsift's word grammar against the `text2num` crate on the number words
//! of the case table (`tests/fixtures/numbers_cases.tsv`): accuracy and speed.
//!
//!     cargo bench --bench number_words
//!
//! A mention counts when the expected row's text holds a number word ("two
//! thousand and five", "thirty-second", "a dozen", "fifteen percent"). Each
//! side is right on it when it reads a number overlapping the expected span
//! with the expected value. Speed: both read every case sentence; claimsift's
//! time is the whole `extract` (units, qualifiers, dates included), so it
//! over-states what the word grammar alone costs.

use std::borrow::Cow;
use std::time::Instant;

use claimsift::numbers::{extract, format_value, NumberContext};
use text2num::{find_numbers, Language, Token};

/// Words that make a mention a number-word mention.
const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen",
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "twentieth", "thirtieth", "fortieth", "fiftieth", "hundredth", "thousandth", "millionth", "half",
    "quarter", "quarters", "thirds", "fifths", "tenths", "eighths", "twice", "once", "thrice",
];

struct Word<'a> {
    text: &'a str,
    lower: String,
    start: usize,
}

impl Token for &Word<'_> {
    fn text(&self) -> Cow<'_, str> {
        self.text.into()
    }
    fn text_lowercase(&self) -> Cow<'_, str> {
        self.lower.as_str().into()
    }
    fn nt_separated(&self, _previous: &Self) -> bool {
        false
    }
}

/// Tokens as text2num's own tokenizer cuts them: words (letters, digits,
/// inner hyphens and apostrophes), runs of white space, single other marks.
fn tokens(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let same = |d: char| if c.is_alphanumeric() { d.is_alphanumeric() || d == '-' || d == '\'' } else { c.is_whitespace() && d.is_whitespace() };
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if !(c.is_alphanumeric() || c.is_whitespace()) || !same(d) {
                break;
            }
            end = i + d.len_utf8();
            chars.next();
        }
        out.push(Word { text: &s[start..end], lower: s[start..end].to_lowercase(), start });
    }
    out
}

/// A case sentence and the (span start, span end, value) of its number-word rows.
type Case = (String, Vec<(usize, usize, f64)>);

fn cases() -> Vec<Case> {
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/numbers_cases.tsv")).expect("case table");
    let mut out: Vec<Case> = Vec::new();
    for line in table.lines().skip(1).filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let sentence = cols[0].to_owned();
        if out.last().is_none_or(|(s, _)| *s != sentence) {
            out.push((sentence.clone(), Vec::new()));
        }
        let (Some(text), Some(value)) = (cols.get(1), cols.get(2).and_then(|v| v.parse::<f64>().ok())) else { continue };
        let worded = text.to_lowercase().split(|c: char| !c.is_alphabetic()).any(|w| NUMBER_WORDS.contains(&w));
        if worded && cols.get(6) != Some(&"date") {
            if let Some(start) = sentence.find(text) {
                out.last_mut().expect("pushed").1.push((start, start + text.len(), value));
            }
        }
    }
    out
}

fn main() {
    let cases = cases();
    let english = Language::english();
    let ctx = NumberContext { year: Some(2020) };
    let same = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    let (mut total, mut ours, mut theirs) = (0, 0, 0);
    let mut misses = (Vec::new(), Vec::new());
    let mut only_theirs = Vec::new();
    for (sentence, rows) in &cases {
        if rows.is_empty() {
            continue;
        }
        let toks = tokens(sentence);
        let found_t2n = find_numbers(toks.iter(), &english, 0.0);
        let found_ours = extract(sentence, 0..sentence.len(), &ctx);
        for &(start, end, value) in rows {
            total += 1;
            let t2n_hit = found_t2n.iter().any(|o| {
                let (a, b) = (toks[o.start].start, toks[o.end - 1].start + toks[o.end - 1].text.len());
                a < end && start < b && same(o.value, value)
            });
            let our_hit = found_ours.iter().any(|m| m.range.start < end && start < m.range.end && format_value(m).parse::<f64>().is_ok_and(|v| same(v, value)));
            theirs += usize::from(t2n_hit);
            ours += usize::from(our_hit);
            if !t2n_hit {
                misses.1.push(format!("{:?} = {value}", &sentence[start..end]));
            }
            if !our_hit {
                misses.0.push(format!("{:?} = {value}", &sentence[start..end]));
                if t2n_hit {
                    only_theirs.push(format!("{:?} = {value}", &sentence[start..end]));
                }
            }
        }
    }
    println!("number-word mentions in the case table: {total}");
    println!("value right: claimsift {ours} ({:.3}), text2num {theirs} ({:.3})", ours as f64 / total as f64, theirs as f64 / total as f64);
    println!("claimsift misses ({}): {:?}", misses.0.len(), misses.0);
    println!("text2num right where claimsift is wrong ({}): {:?}", only_theirs.len(), only_theirs);
    println!("text2num misses ({}): {:?}", misses.1.len(), &misses.1[..misses.1.len().min(40)]);

    let rounds = 200;
    let bytes: usize = cases.iter().map(|(s, _)| s.len()).sum::<usize>() * rounds;
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for (s, _) in &cases {
            n += extract(s, 0..s.len(), &ctx).len();
        }
    }
    let ours_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut m = 0;
    for _ in 0..rounds {
        for (s, _) in &cases {
            let toks = tokens(s);
            m += find_numbers(toks.iter(), &english, 0.0).len();
        }
    }
    let theirs_s = t.elapsed().as_secs_f64();
    println!("speed over {} sentences x {rounds}: claimsift extract {:.1} MB/s ({n} mentions), text2num find_numbers {:.1} MB/s ({m} numbers)", cases.len(), bytes as f64 / ours_s / 1e6, bytes as f64 / theirs_s / 1e6);
}
