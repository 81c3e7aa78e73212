//! Extraction of quoted numbers: value, unit, qualifier and kind.
//!
//! # How it works
//!
//! A sentence is cut into tokens: words (letters with inner apostrophes),
//! numbers (digits with their thousands separators and decimals) and single
//! punctuation marks, each knowing whether whitespace precedes it. A pre-pass
//! blocks the numbers that are no quantities: digits inside URLs, e-mails and
//! ids, times of day, phone numbers, footnote markers ("[1]", "support.1") and
//! list numbers ("1." or "(2)" at the start of a line). A left-to-right scan
//! then reads, at each token, the mention that starts there: a date, a rank
//! cue ("number two", "No. 1"), or a number core (digits, number words,
//! "a month", fractions) with what follows it (range end, percent sign,
//! currency, unit or head noun) and the qualifier cue before it. Look-arounds
//! are bounded, and a compile-time gate on word length and first and last
//! letter turns away almost every word before any string comparison, so the
//! work is linear in the sentence length.
//!
//! # Conventions
//!
//! The gold guidelines (`tests/fixtures/gold/README.md`, section 4) rule; where
//! they are silent:
//!
//! - **Span**: qualifier cue, number, head noun. Years, dates, percents, money
//!   and ranks end at the number or its sign/currency word; ranks and
//!   designations ("15th Brigade") cover the number only; a hyphenated form is
//!   covered whole ("three-mile-wide", "2,000-strong").
//! - **Unit**: durations and distances use one canonical plural ("a month" →
//!   `months`, "3km" → `kilometers`); counts and ordinals use the head noun as
//!   written after dropping leading demonyms, capitalised words and modifiers
//!   such as "former" ("two former Soviet republics" → `republics`); "N
//!   pieces of X" → `pieces of X`; "N strong" → `people`; percents `percent`
//!   (or `percentage points`); years `year`, decades `decade`; ranks
//!   `<noun phrase> ranking` or `ranking`; designations `<last name word>
//!   designation`; fractions with no unit `fraction`.
//! - **Money**: value in currency units with the multiplier applied ("$5
//!   billion" → 5000000000), unit the ISO 4217 code (`USD` for "$", "dollars"
//!   and "US$", `EUR`, `GBP` for "£" and "pounds sterling", `RUB`, ...). Bare
//!   "pounds" stays a plain count because it is also a weight.
//! - **Ranges** ("2,000-3,000", "between 10 and 20", "from 5 to 7", "two or
//!   three", "2020-21"): qualifier `range`, `value` the low end, `value_max`
//!   the high end, and only when low < high; a scale word or currency of one
//!   end applies to both ("$2-3 billion"). [`format_value`] writes them
//!   `low..high`: "5-7" would read as a date in spreadsheets and as a
//!   subtraction next to negative numbers.
//! - **Dates** without a year take the context year; with no context year at
//!   all the value is `MMDD` with unit `mmdd`, or `MM` with unit `mm`.
//!   "late/early/mid/end of" make a date or year `approx`; comparison cues
//!   ("up to November", "over 2014") are ignored for dates and years. Slashed
//!   dates are month first unless the first part exceeds 12.
//! - **Years**: a four-digit integer from 1000 to 2100 is a year, unless a
//!   qualifier cue or a plural head noun without a temporal word before makes
//!   it a count ("about 2000 peacekeepers"). "’90s" is the latest such decade
//!   not after the context year.
//! - **"one"** counts only with a unit ("one year"), a cue ("more than one"),
//!   "only/just/exactly", in ranges and compounds ("one million", "one and a
//!   half"); otherwise it is the pronoun or idiom of the guidelines.
//! - **"a month"**: an article before a time unit is 1 of it, but not in a
//!   frequency ("twice a year") nor after a copula ("2018 was a year of
//!   change", though "it was a year ago" counts).
//! - **Word ordinals** need a determiner or possessive before them ("the
//!   first days", "its second term") or a rank context ("ranked fifth", "in
//!   second place"); "at first" and "First, ..." are no numbers.
//! - **"over"** before a duration means "during", and after "handed",
//!   "took" and the like it is a particle: no `gt` cue in either case.
//! - **Fractions**: "half" (0.5), "a third" (0.3333), "three quarters" (0.75)
//!   when a noun or "of" follows; thirds are rounded to four decimals.
//! - **Not numbers**: vague quantifiers (several, dozens, hundreds of,
//!   thousands of), digit strings of more than 15 significant digits, digits
//!   glued to letters other than known suffixes ("MH17", "3D"), numbers with a
//!   leading zero and three or more digits, phone numbers ("+7 495 ...",
//!   "(202) 555-0123", "202-555-0123"), times ("10:30", "3 p.m."), bare
//!   two-digit decades ("his 40s"), non-ASCII digits and "x/y" fractions.
//! - **Signs**: a minus glued to the digits after a space is read ("-3.5%",
//!   "−5 degrees"); a plus is left out of the span ("+5%").

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier { Exact, Approx, Gt, Lt, Gte, Lte, Range }

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind { Count, Percent, Money, Duration, Distance, Rank, Ordinal, Year, Date, Other }

impl Qualifier {
    /// The label written in outputs and gold files ("approx").
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::Gt => "gt",
            Qualifier::Lt => "lt",
            Qualifier::Gte => "gte",
            Qualifier::Lte => "lte",
            Qualifier::Range => "range",
        }
    }
}

impl Kind {
    /// The label written in outputs and gold files ("count").
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Percent => "percent",
            Kind::Money => "money",
            Kind::Duration => "duration",
            Kind::Distance => "distance",
            Kind::Rank => "rank",
            Kind::Ordinal => "ordinal",
            Kind::Year => "year",
            Kind::Date => "date",
            Kind::Other => "other",
        }
    }
}

/// One quantity found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    /// Byte range into the document text: qualifier cue, number, unit noun.
    pub range: Range<usize>,
    pub value: f64,
    /// Upper end of a range ("2,000-3,000"), with qualifier `Range`.
    pub value_max: Option<f64>,
    pub unit: String,
    pub qualifier: Qualifier,
    pub kind: Kind,
}

/// Document-level facts that number reading needs (the year of bare dates).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NumberContext {
    pub year: Option<i32>,
}

/// The value as every writer prints it: a plain number with no grouping, no
/// exponent and no trailing ".0" ("2000000", "1.5", "20201110"), and a range
/// as `low..high` ("2000..3000").
pub fn format_value(mention: &NumberMention) -> String {
    match mention.value_max {
        Some(max) => format!("{}..{}", plain(mention.value), plain(max)),
        None => plain(mention.value),
    }
}

fn plain(value: f64) -> String {
    // `Display` for f64 prints the shortest round-trip digits and never an
    // exponent; only negative zero needs care.
    if value == 0.0 { "0".to_owned() } else { value.to_string() }
}

// ---------------------------------------------------------------------------
// Document context

/// Month names and the abbreviations news text uses.
const MONTHS: [(&str, u8); 24] = [
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11),
    ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6),
    ("jul", 7), ("aug", 8), ("sept", 9), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

/// Month number of a lower-cased month name, and whether it is an abbreviation.
fn month(word: &str) -> Option<(u8, bool)> {
    MONTHS.iter().position(|(name, _)| *name == word).map(|p| (MONTHS[p].1, p >= 12))
}

/// Full dates, the best evidence of the publication year: "November 13,
/// 2020", "10 November 2020", "2020-11-10", "11/10/2020", "/2020/11/19/" in
/// URLs. The flag marks the slashed form, whose day and month may be swapped.
/// Patterns are ASCII-only (`(?-u)`): Unicode word boundaries would push the
/// regex engine off its DFA on any non-ASCII text.
static FULL_DATES: LazyLock<[(Regex, bool); 5]> = LazyLock::new(|| {
    let names = MONTHS.map(|(name, _)| name).join("|");
    let re = |p: &str| Regex::new(&format!("(?-u){p}")).expect("valid date pattern");
    [
        (re(&format!(r"\b(?P<m>(?i:{names}))\.?\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})\b")), false),
        (re(&format!(r"\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>(?i:{names}))\.?,?\s+(?P<y>[0-9]{{4}})\b")), false),
        (re(r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})\b"), false),
        (re(r"\b(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/(?P<y>[0-9]{4})\b"), true),
        (re(r"/(?P<y>[0-9]{4})/(?P<m>[0-9]{2})/(?P<d>[0-9]{2})/"), false),
    ]
});

static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:©|\(c\)|(?-u:\b)copyright(?-u:\b))(?-u:\s*)(?:[0-9]{4}(?-u:\s*)[-–](?-u:\s*))?([0-9]{4})(?-u:\b)").expect("valid copyright pattern")
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[0-9]{4}(?-u:\b)").expect("valid year pattern"));

/// Infers the context from the whole document text (boilerplate included:
/// datelines and copyright lines carry the publication year).
///
/// The year is the most frequent year of full dates (ties: the earliest in
/// the text, where datelines stand), else the year of the first copyright
/// line, else the most frequent plausible year (ties: the latest, as articles
/// are written after what they cite). Plausible years are 1900 to 2100.
pub fn context(text: &str) -> NumberContext {
    NumberContext { year: dated_year(text).or_else(|| copyright_year(text)).or_else(|| frequent_year(text)) }
}

fn plausible_year(year: i32) -> bool {
    (1900..=2100).contains(&year)
}

fn dated_year(text: &str) -> Option<i32> {
    // A valid date's year, or None.
    let year_of = |caps: &regex::Captures, slashed: bool| -> Option<i32> {
        let number = |name| caps.name(name).and_then(|m| m.as_str().parse::<u8>().ok());
        let year = caps.name("y")?.as_str().parse::<i32>().ok()?;
        let (month, day) = match (number("m"), slashed) {
            (Some(a), true) => slash_month_day(a, number("d")?)?,
            (Some(m), false) => (m, number("d")?),
            (None, _) => (month(&caps.name("m")?.as_str().to_lowercase())?.0, number("d")?),
        };
        (plausible_year(year) && valid_day(Some(year), month, day)).then_some(year)
    };
    // (year, count, first position)
    let mut tally: Vec<(i32, usize, usize)> = Vec::new();
    for (re, slashed) in FULL_DATES.iter() {
        for caps in re.captures_iter(text) {
            let Some(year) = year_of(&caps, *slashed) else { continue };
            let pos = caps.get(0).map_or(0, |c| c.start());
            match tally.iter_mut().find(|(y, _, _)| *y == year) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 = entry.2.min(pos);
                }
                None => tally.push((year, 1, pos)),
            }
        }
    }
    tally.into_iter().max_by_key(|&(_, count, pos)| (count, std::cmp::Reverse(pos))).map(|(y, _, _)| y)
}

fn copyright_year(text: &str) -> Option<i32> {
    COPYRIGHT.captures_iter(text).filter_map(|c| c[1].parse().ok()).find(|&y| plausible_year(y))
}

fn frequent_year(text: &str) -> Option<i32> {
    let mut tally: Vec<(i32, usize)> = Vec::new();
    for y in YEAR.find_iter(text).filter_map(|m| m.as_str().parse::<i32>().ok()).filter(|&y| plausible_year(y)) {
        match tally.iter_mut().find(|(t, _)| *t == y) {
            Some(entry) => entry.1 += 1,
            None => tally.push((y, 1)),
        }
    }
    tally.into_iter().max_by_key(|&(y, count)| (count, y)).map(|(y, _)| y)
}

/// Month and day of a slashed date "a/b/yyyy": month first unless `a` > 12.
fn slash_month_day(a: u8, b: u8) -> Option<(u8, u8)> {
    if (1..=12).contains(&a) { Some((a, b)) } else if (1..=12).contains(&b) { Some((b, a)) } else { None }
}

fn valid_day(year: Option<i32>, month: u8, day: u8) -> bool {
    let leap = year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

// ---------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class { Word, Num, Punct(char) }

#[derive(Debug, Clone, Copy)]
struct Tok {
    class: Class,
    /// Byte range in the sentence.
    start: usize,
    end: usize,
    /// Whitespace precedes the token.
    gap: bool,
    /// Byte range of the lower-cased word in `Sent::lower`.
    low: (usize, usize),
    lit: Lit,
    /// A number that is no quantity (URL, id, time, footnote, list marker).
    blocked: bool,
}

/// The digits of a number token, read as `mant × 10^exp`.
#[derive(Debug, Clone, Copy, Default)]
struct Lit {
    mant: u64,
    exp: i32,
    int_digits: usize,
    grouped: bool,
    decimal: bool,
    lead_zero: bool,
    too_long: bool,
}

impl Lit {
    fn is_int(&self) -> bool {
        !self.decimal && !self.grouped
    }

    /// A plain integer such as a day "9" or a year "2020".
    fn int_of(&self, digits: Range<usize>) -> Option<u64> {
        (self.is_int() && !self.too_long && digits.contains(&self.int_digits)).then_some(self.mant)
    }
}

/// More digits than an f64 holds exactly are ids, not quantities.
const MAX_DIGITS: usize = 15;

/// An exact decimal `mant × 10^exp`, so that "2.5 billion" is 2500000000 and
/// not the product of two rounded floats.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Dec {
    mant: u64,
    exp: i32,
    neg: bool,
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

impl Dec {
    fn int(n: u64) -> Dec {
        Dec { mant: n, exp: 0, neg: false }
    }

    /// The nearest f64 (one rounding: both operands are exact), or infinity
    /// when out of range, which drops the mention.
    fn value(self) -> f64 {
        let pow = POW10.get(self.exp.unsigned_abs() as usize).copied().unwrap_or(f64::INFINITY);
        let value = if self.exp >= 0 { self.mant as f64 * pow } else { self.mant as f64 / pow };
        if self.neg { -value } else { value }
    }

    fn scaled(self, exp: i32) -> Dec {
        Dec { exp: self.exp.saturating_add(exp), ..self }
    }

    /// "two and a half": only whole numbers take a half.
    fn plus_half(self) -> Option<Dec> {
        let whole = self.mant.checked_mul(10u64.checked_pow(u32::try_from(self.exp).ok()?)?)?;
        Some(Dec { mant: whole.checked_mul(10)?.checked_add(5)?, exp: -1, neg: self.neg })
    }
}

fn lex(s: &str) -> (Vec<Tok>, String) {
    // About one token per five bytes of news text.
    let mut toks = Vec::with_capacity(s.len() / 4 + 1);
    let mut lower = String::with_capacity(s.len());
    let mut gap = true;
    let mut i = 0;
    while i < s.len() {
        let b = s.as_bytes()[i];
        if b == b' ' {
            gap = true;
            i += 1;
            continue;
        }
        let Some(c) = (if b.is_ascii() { Some(char::from(b)) } else { s[i..].chars().next() }) else { break };
        let start = i;
        if c.is_whitespace() {
            gap = true;
            i += c.len_utf8();
            continue;
        }
        let mut tok = Tok { class: Class::Punct(c), start, end: start + c.len_utf8(), gap, low: (0, 0), lit: Lit::default(), blocked: false };
        if c.is_ascii_digit() {
            let (lit, end) = lex_number(s, start);
            tok.class = Class::Num;
            tok.lit = lit;
            tok.end = end;
        } else if c.is_alphabetic() {
            let mut end = tok.end;
            loop {
                // ASCII letters first: the common case needs no decoding.
                match s.as_bytes().get(end) {
                    Some(b) if b.is_ascii_alphabetic() => {
                        end += 1;
                        continue;
                    }
                    Some(b) if b.is_ascii() && *b != b'\'' => break,
                    _ => {}
                }
                let mut rest = s[end..].chars();
                match rest.next() {
                    Some(ch) if ch.is_alphabetic() => end += ch.len_utf8(),
                    // Inner apostrophes: "Russia’s", "didn't".
                    Some(ch @ ('\'' | '’')) if rest.next().is_some_and(char::is_alphabetic) => end += ch.len_utf8(),
                    _ => break,
                }
            }
            let word = &s[start..end];
            let low_start = lower.len();
            if word.is_ascii() {
                lower.push_str(word);
                lower[low_start..].make_ascii_lowercase();
            } else {
                for ch in word.chars() {
                    if ch == '’' { lower.push('\'') } else { lower.extend(ch.to_lowercase()) }
                }
            }
            tok.class = Class::Word;
            tok.end = end;
            tok.low = (low_start, lower.len());
        }
        i = tok.end;
        toks.push(tok);
        gap = false;
    }
    (toks, lower)
}

/// Reads digits with thousands groups ("2,000", "10 000") and decimals.
fn lex_number(s: &str, start: usize) -> (Lit, usize) {
    let b = s.as_bytes();
    let mut lit = Lit::default();
    let mut sig = 0;
    let mut push = |lit: &mut Lit, d: u8| {
        if sig == 0 && d == b'0' {
            return; // leading zeros are not significant
        }
        sig += 1;
        if sig > MAX_DIGITS { lit.too_long = true } else { lit.mant = lit.mant * 10 + u64::from(d - b'0') }
    };
    let mut j = start;
    while j < b.len() && b[j].is_ascii_digit() {
        push(&mut lit, b[j]);
        j += 1;
    }
    lit.int_digits = j - start;
    lit.lead_zero = b[start] == b'0' && lit.int_digits > 1;
    // Groups of exactly three digits after a first group of one to three.
    if lit.int_digits <= 3 {
        let mut used: Option<&str> = None;
        while let Some(sep) = [",", " ", "\u{a0}", "\u{202f}", "\u{2009}"].into_iter().find(|p| s[j..].starts_with(p)) {
            let g = j + sep.len();
            let three = b.len() >= g + 3 && b[g..g + 3].iter().all(u8::is_ascii_digit) && !b.get(g + 3).is_some_and(u8::is_ascii_digit);
            if !three || used.is_some_and(|u| u != sep) {
                break;
            }
            for &d in &b[g..g + 3] {
                push(&mut lit, d);
            }
            lit.int_digits += 3;
            lit.grouped = true;
            used = Some(sep);
            j = g + 3;
        }
    }
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        j += 1;
        while j < b.len() && b[j].is_ascii_digit() {
            push(&mut lit, b[j]);
            lit.exp = lit.exp.saturating_sub(1);
            j += 1;
        }
        lit.decimal = true;
    }
    (lit, j)
}

// ---------------------------------------------------------------------------
// Vocabulary (lower-cased words)

/// Cardinals below twenty; the index is the value.
const SMALL: [&str; 20] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];

/// Tens from twenty; the index is the value / 10 - 2.
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

const ORDINALS: [(&str, u64); 30] = [
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
const STARTERS: [&str; 5] = ["a", "an", "half", "number", "no"];

fn small(w: &str) -> Option<u64> {
    SMALL.iter().position(|s| *s == w).map(|p| p as u64)
}

fn tens(w: &str) -> Option<u64> {
    TENS.iter().position(|s| *s == w).map(|p| (p as u64 + 2) * 10)
}

fn ordinal_word(w: &str) -> Option<u64> {
    ORDINALS.iter().find(|(s, _)| *s == w).map(|&(_, n)| n)
}

/// For each word length up to `GATE_LEN` and last letter, the set of first
/// letters (a bit each) of the words that can begin a mention: one lookup
/// rejects nearly every other word before any string comparison.
const GATE_LEN: usize = 11;
static GATE: [[u32; 26]; GATE_LEN + 1] = {
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
fn gate(w: &str) -> bool {
    let b = w.as_bytes();
    let letter = |c: u8| c.is_ascii_lowercase().then(|| (c - b'a') as usize);
    match (b.first().copied().and_then(letter), b.last().copied().and_then(letter)) {
        (Some(first), Some(last)) if b.len() <= GATE_LEN => GATE[b.len()][last] & (1 << first) != 0,
        _ => false,
    }
}

/// Power of ten of a scale word.
fn scale_word(w: &str) -> Option<i32> {
    Some(match w {
        "hundred" => 2,
        "thousand" => 3,
        "million" => 6,
        "billion" => 9,
        "trillion" => 12,
        _ => return None,
    })
}

/// Power of ten of an abbreviated multiplier ("5bn", "€3m", "$2 mln").
/// Lower-case "m" is a million only for money or before a plural noun;
/// otherwise it is metres.
fn scale_suffix(raw: &str, million_m: bool) -> Option<i32> {
    Some(match raw {
        "k" | "K" => 3,
        "M" | "mn" | "mln" | "Mn" => 6,
        "m" if million_m => 6,
        "b" | "B" | "bn" | "Bn" | "BN" | "bln" => 9,
        "tn" | "trn" | "Tn" => 12,
        _ => return None,
    })
}

/// Canonical unit of a time, distance or other measurement word.
fn unit_of(w: &str) -> Option<(Kind, &'static str)> {
    use Kind::{Distance, Duration, Other};
    Some(match w {
        "seconds" | "secs" => (Duration, "seconds"),
        "minute" | "minutes" | "min" | "mins" => (Duration, "minutes"),
        "hour" | "hours" | "hr" | "hrs" => (Duration, "hours"),
        "day" | "days" => (Duration, "days"),
        "week" | "weeks" => (Duration, "weeks"),
        "fortnight" | "fortnights" => (Duration, "fortnights"),
        "month" | "months" => (Duration, "months"),
        "year" | "years" | "yr" | "yrs" => (Duration, "years"),
        "decade" | "decades" => (Duration, "decades"),
        "century" | "centuries" => (Duration, "centuries"),
        "millennium" | "millennia" => (Duration, "millennia"),
        "mile" | "miles" | "mi" => (Distance, "miles"),
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" | "kms" => (Distance, "kilometers"),
        "metre" | "metres" | "meter" | "meters" | "m" => (Distance, "meters"),
        "centimetre" | "centimetres" | "centimeter" | "centimeters" | "cm" => (Distance, "centimeters"),
        "millimetre" | "millimetres" | "millimeter" | "millimeters" | "mm" => (Distance, "millimeters"),
        "foot" | "feet" | "ft" => (Distance, "feet"),
        "yard" | "yards" => (Distance, "yards"),
        "inch" | "inches" => (Distance, "inches"),
        "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kg" | "kgs" => (Other, "kilograms"),
        "ton" | "tons" | "tonne" | "tonnes" => (Other, "tons"),
        "degree" | "degrees" => (Other, "degrees"),
        "hectare" | "hectares" => (Other, "hectares"),
        "acre" | "acres" => (Other, "acres"),
        "barrel" | "barrels" => (Other, "barrels"),
        "litre" | "litres" | "liter" | "liters" => (Other, "liters"),
        "gallon" | "gallons" => (Other, "gallons"),
        _ => return None,
    })
}

fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD", '€' => "EUR", '£' => "GBP", '¥' => "JPY", '₽' => "RUB", '₹' => "INR",
        '₺' => "TRY", '₴' => "UAH", '₩' => "KRW", '₪' => "ILS", '₼' => "AZN", '֏' => "AMD",
        _ => return None,
    })
}

fn currency_code(raw: &str) -> Option<&'static str> {
    if raw.len() != 3 || !raw.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    ["USD", "EUR", "GBP", "RUB", "JPY", "CNY", "CHF", "TRY", "AZN", "AMD", "UAH", "INR", "CAD", "AUD"]
        .into_iter()
        .find(|code| *code == raw)
}

fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "sterling" => "GBP",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "lira" | "liras" | "lire" => "TRY",
        "manat" | "manats" => "AZN",
        "dram" | "drams" => "AMD",
        "hryvnia" | "hryvnias" => "UAH",
        _ => return None,
    })
}

/// Function words that end a noun phrase after a number.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "this" | "that" | "these" | "those" | "each" | "every" | "any" | "all"
            | "no" | "some" | "its" | "his" | "her" | "their" | "our" | "my" | "your" | "whose"
            | "which" | "what" | "who" | "whom" | "of" | "in" | "on" | "at" | "to" | "for" | "from"
            | "by" | "with" | "without" | "within" | "into" | "onto" | "over" | "under" | "above"
            | "below" | "between" | "among" | "amid" | "across" | "along" | "around" | "about"
            | "after" | "before" | "since" | "until" | "till" | "during" | "through" | "throughout"
            | "against" | "toward" | "towards" | "per" | "via" | "upon" | "off" | "out" | "up"
            | "down" | "near" | "than" | "as" | "like" | "despite" | "including" | "beyond"
            | "behind" | "inside" | "outside" | "and" | "or" | "but" | "nor" | "so" | "yet" | "if"
            | "when" | "while" | "because" | "although" | "though" | "whereas" | "unless"
            | "whether" | "he" | "she" | "it" | "they" | "we" | "you" | "i" | "him" | "them" | "us"
            | "me" | "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "has" | "have"
            | "had" | "having" | "do" | "does" | "did" | "will" | "would" | "shall" | "should"
            | "can" | "could" | "may" | "might" | "must" | "said" | "says" | "say" | "told"
            | "according" | "ago" | "later" | "earlier" | "apart" | "away" | "apiece" | "old"
            | "wide" | "high" | "deep" | "tall" | "now" | "then" | "there" | "here" | "not"
            | "also" | "just" | "still" | "already" | "too" | "very" | "back" | "again" | "ever"
            | "never" | "even" | "almost" | "nearly" | "respectively" | "strong" | "well" | "soon"
            | "often" | "recently" | "reportedly" | "mostly" | "mainly" | "together" | "instead"
            | "overall" | "went" | "came" | "took" | "made" | "gave" | "got" | "became" | "began"
            | "left" | "saw" | "held" | "met" | "fell" | "rose" | "won" | "lost" | "ran" | "sent"
            | "spent" | "brought" | "fought" | "kept" | "stood" | "paid" | "led" | "fled" | "found"
            | "knew" | "grew" | "flew" | "wrote" | "spoke" | "broke" | "chose"
            // Verbs in -s that would pass for plural heads: "the first round begins".
            | "remains" | "takes" | "seems" | "begins" | "comes" | "goes" | "makes" | "shows"
            | "means" | "looks" | "appears" | "becomes" | "gives" | "gets" | "needs" | "includes"
            | "continues" | "marks" | "follows" | "stands" | "lies"
    )
}

/// Modifiers between a number and its head noun that are no part of the unit.
fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "former" | "new" | "more" | "other" | "additional" | "extra" | "further" | "remaining"
            | "separate" | "different" | "total" | "whole" | "entire" | "full" | "consecutive"
            | "straight" | "long" | "short" | "last" | "next" | "past" | "previous" | "same" | "such"
            | "only" | "own" | "estimated" | "current" | "respective" | "successive" | "fewer"
            | "less" | "many"
    )
}

fn is_plural(w: &str) -> bool {
    matches!(
        w,
        "people" | "men" | "women" | "children" | "police" | "personnel" | "staff" | "feet"
            | "teeth" | "mice" | "geese" | "data" | "media" | "criteria" | "aircraft" | "cattle"
            | "clergy" | "livestock" | "sheep" | "fish" | "deer" | "offspring" | "series" | "species"
    ) || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") && !w.contains('\''))
}

/// Words before a four-digit number or a month name that make it a time:
/// "in 2018", "the 2020 elections", "since July".
fn is_temporal(w: &str) -> bool {
    matches!(
        w,
        "in" | "on" | "since" | "until" | "till" | "by" | "from" | "to" | "of" | "during" | "after"
            | "before" | "the" | "early" | "late" | "mid" | "between" | "and" | "or" | "through"
            | "throughout" | "circa" | "year" | "spring" | "summer" | "autumn" | "fall" | "winter"
            | "at" | "this" | "that" | "last" | "next" | "its" | "his" | "her" | "their" | "our"
            | "around" | "about" | "end" | "beginning" | "start" | "middle"
    ) || w.ends_with("'s")
}

/// Determiners and possessives that let a word ordinal count: "the first days".
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "my" | "your" | "this"
            | "that" | "these" | "those" | "whose" | "every" | "each"
    ) || w.ends_with("'s")
}

/// Head nouns that name a part of something: "four pieces of territory".
fn is_partitive(w: &str) -> bool {
    matches!(
        w,
        "pieces" | "parts" | "portions" | "sections" | "kinds" | "types" | "sorts" | "batches"
            | "rounds" | "tranches" | "waves" | "sets" | "pairs" | "packages"
    )
}

/// Qualifier cues before a number, longest first so that "no more than" wins
/// over "more than".
const CUES: &[(&[&str], Qualifier)] = &[
    (&["no", "fewer", "than"], Qualifier::Gte),
    (&["not", "fewer", "than"], Qualifier::Gte),
    (&["no", "less", "than"], Qualifier::Gte),
    (&["not", "less", "than"], Qualifier::Gte),
    (&["no", "more", "than"], Qualifier::Lte),
    (&["not", "more", "than"], Qualifier::Lte),
    (&["in", "excess", "of"], Qualifier::Gt),
    (&["a", "minimum", "of"], Qualifier::Gte),
    (&["a", "maximum", "of"], Qualifier::Lte),
    (&["as", "many", "as"], Qualifier::Lte),
    (&["as", "much", "as"], Qualifier::Lte),
    (&["more", "than"], Qualifier::Gt),
    (&["greater", "than"], Qualifier::Gt),
    (&["upwards", "of"], Qualifier::Gt),
    (&["less", "than"], Qualifier::Lt),
    (&["fewer", "than"], Qualifier::Lt),
    (&["at", "least"], Qualifier::Gte),
    (&["up", "to"], Qualifier::Lte),
    (&["at", "most"], Qualifier::Lte),
    (&["an", "estimated"], Qualifier::Approx),
    (&["close", "to"], Qualifier::Approx),
    (&["over"], Qualifier::Gt),
    (&["above"], Qualifier::Gt),
    (&["exceeding"], Qualifier::Gt),
    (&["under"], Qualifier::Lt),
    (&["below"], Qualifier::Lt),
    (&["about"], Qualifier::Approx),
    (&["around"], Qualifier::Approx),
    (&["roughly"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["approx"], Qualifier::Approx),
    (&["nearly"], Qualifier::Approx),
    (&["almost"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["circa"], Qualifier::Approx),
    (&["estimated"], Qualifier::Approx),
];

/// Cues that only dates and years take: "late September", "end of October".
const DATE_CUES: &[(&[&str], Qualifier)] = &[
    (&["beginning", "of"], Qualifier::Approx),
    (&["start", "of"], Qualifier::Approx),
    (&["middle", "of"], Qualifier::Approx),
    (&["end", "of"], Qualifier::Approx),
    (&["early"], Qualifier::Approx),
    (&["late"], Qualifier::Approx),
    (&["mid"], Qualifier::Approx),
];

/// Words that sharpen a cue and belong to its span: "just over", "well below".
fn is_cue_modifier(w: &str) -> bool {
    matches!(w, "just" | "well" | "slightly" | "far" | "much")
}

// ---------------------------------------------------------------------------
// Extraction

/// Finds the numbers inside `sentence`, a byte range of `text`.
///
/// Returns nothing for a range that is out of bounds or not on character
/// boundaries.
pub fn extract(text: &str, sentence: Range<usize>, context: &NumberContext) -> Vec<NumberMention> {
    let Some(s) = text.get(sentence.clone()) else { return Vec::new() };
    let (toks, lower) = lex(s);
    let mut sent = Sent { text, base: sentence.start, s, toks, lower, ctx: *context };
    sent.block();
    sent.scan()
}

struct Sent<'a> {
    text: &'a str,
    /// Byte offset of the sentence in `text`.
    base: usize,
    s: &'a str,
    toks: Vec<Tok>,
    lower: String,
    ctx: NumberContext,
}

/// How a number core was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Digits,
    Words,
    Ordinal,
    Decade,
    /// "a month": a unit word must follow.
    Article,
    Fraction,
}

/// The number itself, before its unit and qualifier.
#[derive(Debug, Clone, Copy)]
struct Core {
    /// Token range.
    a: usize,
    b: usize,
    dec: Dec,
    form: Form,
    /// Power of ten of a scale word that ends the number ("three million"),
    /// shared with the low end of a range.
    scale: i32,
}

/// What follows a number.
enum Tail {
    Percent(&'static str),
    Money(&'static str),
    Unit(Kind, String),
    /// "2,000-strong", "2 million strong": a count of people.
    Strong,
    /// A head noun, as written.
    Noun(String),
    Nothing,
}

/// Noun phrase after a number.
struct Phrase {
    /// Token after the head noun.
    end: usize,
    /// The unit: a measurement word, or the head noun with its compound part.
    unit: Tail,
    /// The head noun is a plural.
    plural: bool,
}

/// A calendar expression as read; the year may come from the context.
#[derive(Debug, Clone, Copy)]
struct DateParts {
    month: u8,
    day: Option<u8>,
    /// Last day of a range: "10-12 November".
    day_max: Option<u8>,
    year: Option<i32>,
}

/// A mention before it is turned into byte offsets.
struct Found {
    first: usize,
    end: usize,
    value: Dec,
    max: Option<Dec>,
    unit: String,
    qualifier: Qualifier,
    kind: Kind,
}

impl<'a> Sent<'a> {
    fn n(&self) -> usize {
        self.toks.len()
    }

    /// Lower-cased word at `i`, or "" for anything else.
    fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.class == Class::Word => &self.lower[t.low.0..t.low.1],
            _ => "",
        }
    }

    fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.s[t.start..t.end])
    }

    fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.class {
            Class::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.class == Class::Word)
    }

    /// An unblocked number token.
    fn num(&self, i: usize) -> Option<Lit> {
        self.toks.get(i).filter(|t| t.class == Class::Num && !t.blocked).map(|t| t.lit)
    }

    /// Token `i` exists and touches the one before it.
    fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.gap)
    }

    /// Token `i` exists and follows whitespace.
    fn spaced(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap)
    }

    fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Lower-cased word before `i`, if it lies at or after `floor`.
    fn prev(&self, i: usize, floor: usize) -> &str {
        if i > floor { self.w(i - 1) } else { "" }
    }

    // -- blocking ----------------------------------------------------------

    fn block(&mut self) {
        let n = self.n();
        let bracket = |t: &Tok| matches!(t.class, Class::Punct('(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»'));
        let mut chunk = 0;
        // Inside "+7 495 123 45 67": the groups after the country code.
        let mut phone = false;
        for i in 1..=n {
            if i == n || self.toks[i].gap || bracket(&self.toks[i]) || bracket(&self.toks[i - 1]) {
                let digits_only = || self.toks[chunk..i].iter().all(|t| matches!(t.class, Class::Num | Class::Punct('-' | '.' | '(' | ')')));
                // "(202) 555-0123": a bracketed area code before more digits
                let area_code = i == chunk + 1
                    && self.toks[chunk].lit.int_of(3..4).is_some()
                    && chunk > 0
                    && self.punct(chunk - 1) == Some('(')
                    && self.punct(i) == Some(')')
                    && self.attached(i)
                    && self.toks.get(i + 1).is_some_and(|t| t.class == Class::Num && t.gap);
                if (phone && digits_only()) || area_code {
                    self.toks[chunk..i].iter_mut().for_each(|t| t.blocked = true);
                    phone = true;
                } else {
                    phone = self.block_chunk(chunk, i);
                }
                chunk = i;
            }
        }
        for i in 0..n {
            if self.toks[i].class == Class::Num && !self.toks[i].blocked && !self.quantity(i) {
                self.toks[i].blocked = true;
            }
        }
    }

    /// Blocks every number of a whitespace- and bracket-delimited chunk that
    /// is a URL, e-mail, path, id, time or phone number. True when the chunk
    /// opens an international phone number, whose next groups follow.
    fn block_chunk(&mut self, a: usize, b: usize) -> bool {
        if !(a..b).any(|i| self.toks[i].class == Class::Num) {
            return false;
        }
        let trailing = |c: char| matches!(c, '.' | ',' | ';' | ':' | '!' | '?');
        let mut core_end = b;
        while core_end > a && self.punct(core_end - 1).is_some_and(trailing) {
            core_end -= 1;
        }
        let bad = (a..core_end).any(|i| {
            matches!(self.punct(i), Some('/' | '@' | '=' | '_' | '\\' | '|' | '~' | ':'))
                || matches!(self.w(i), "www" | "http" | "https")
        });
        // "+7 495 ...", but "+5%" is a change and "40+" a lower bound
        let phone = self.punct(a) == Some('+') && !(a..core_end).any(|i| self.punct(i) == Some('%'));
        let date = self.slash_date(a).is_some_and(|(_, end)| end == core_end) || self.iso_date(a).is_some_and(|(_, end)| end == core_end);
        // "202-555-0123": three numbers joined by hyphens.
        let chained = (a..core_end).filter(|&i| self.toks[i].class == Class::Num && self.punct(i + 1) == Some('-') && i + 2 < core_end).count() >= 2;
        if !date && (bad || chained || phone) {
            for t in &mut self.toks[a..b] {
                t.blocked |= t.class == Class::Num;
            }
        }
        phone
    }

    /// Local checks of a number token: false for ids, footnotes, list
    /// numbers and times.
    fn quantity(&self, i: usize) -> bool {
        let lit = self.toks[i].lit;
        if lit.too_long || (lit.lead_zero && lit.int_digits > 2) {
            return false;
        }
        let glued_before = self.attached(i) && i > 0;
        if glued_before {
            match self.toks[i - 1].class {
                // "MH17", "G20"
                Class::Word => return false,
                // "COVID-19", "S-400", but "mid-2020", "pre-1991"
                Class::Punct('-') if i >= 2 && self.attached(i - 1) && self.is_word(i - 2) && !matches!(self.w(i - 2), "mid" | "pre" | "post") => {
                    return false
                }
                // "support.1": a footnote, "1.2.3": a version; "No.1" is a rank
                Class::Punct('.') if self.attached(i - 1) && i > 1 && matches!(self.toks[i - 2].class, Class::Word | Class::Num) && self.w(i - 2) != "no" => return false,
                // "[1]", but "[2018](#)" is link text
                Class::Punct('[') if self.punct(i + 1) == Some(']') && lit.int_digits <= 3 && !(self.punct(i + 2) == Some('(') && self.attached(i + 2)) => return false,
                _ => {}
            }
        }
        // "1583850895.html", "1.2.3"
        if self.punct(i + 1) == Some('.') && self.attached(i + 1) && self.attached(i + 2) && matches!(self.toks.get(i + 2).map(|t| t.class), Some(Class::Word | Class::Num)) {
            return false;
        }
        // Letters glued after: only known suffixes.
        if self.is_word(i + 1) && self.attached(i + 1) && !self.known_suffix(i) {
            return false;
        }
        // "3 p.m.", "10 am"
        let (w1, w3) = (self.w(i + 1), self.w(i + 3));
        if matches!(w1, "am" | "pm") || (matches!(w1, "a" | "p") && self.punct(i + 2) == Some('.') && w3 == "m") {
            return false;
        }
        !self.list_marker(i)
    }

    fn known_suffix(&self, i: usize) -> bool {
        let lit = self.toks[i].lit;
        match self.w(i + 1) {
            "st" | "nd" | "rd" | "th" => lit.is_int(),
            "s" => self.decade(i).is_some(),
            _ => scale_suffix(self.raw(i + 1), true).is_some() || unit_of(self.w(i + 1)).is_some(),
        }
    }

    /// "1." or "(2)" at the start of a line.
    fn list_marker(&self, i: usize) -> bool {
        let lit = self.toks[i].lit;
        if !lit.is_int() || lit.int_digits > 3 {
            return false;
        }
        // Only blanks, or a bullet ("- (1) "), between the line start and `tok`.
        let at_line_start = |tok: usize| {
            let blank = [' ', '\t'];
            let before = self.text[..self.base + self.toks[tok].start].trim_end_matches(blank);
            let before = before.strip_suffix(['-', '*', '•', '–', '·']).map_or(before, |b| b.trim_end_matches(blank));
            before.is_empty() || before.ends_with('\n')
        };
        let closes = |c| self.punct(i + 1) == Some(c) && self.attached(i + 1) && (i + 2 >= self.n() || self.spaced(i + 2));
        (at_line_start(i) && (closes('.') || closes(')')))
            || (i > 0 && self.punct(i - 1) == Some('(') && self.attached(i) && at_line_start(i - 1) && closes(')'))
    }

    // -- scanning ----------------------------------------------------------

    fn scan(&self) -> Vec<NumberMention> {
        let mut out = Vec::new();
        let mut floor = 0;
        let mut i = 0;
        while i < self.n() {
            match self.at(i, floor) {
                Some(f) if f.value.value().is_finite() && f.max.is_none_or(|m| m.value().is_finite()) => {
                    let first = &self.toks[f.first];
                    let last = &self.toks[f.end - 1];
                    out.push(NumberMention {
                        range: self.base + first.start..self.base + last.end,
                        value: f.value.value(),
                        value_max: f.max.map(Dec::value),
                        unit: f.unit,
                        qualifier: f.qualifier,
                        kind: f.kind,
                    });
                    i = f.end.max(i + 1);
                    floor = i;
                }
                Some(f) => i = f.end.max(i + 1),
                None => i += 1,
            }
        }
        out
    }

    /// The mention that starts at token `i`; `floor` is the end of the
    /// previous mention, which cues must not reach into.
    fn at(&self, i: usize, floor: usize) -> Option<Found> {
        if !self.may_start(i) {
            return None;
        }
        if let Some(found) = self.date_at(i, floor).or_else(|| self.rank_cue_at(i)) {
            return Some(found);
        }
        let (currency, at) = self.currency_prefix(i).map_or((None, i), |(c, j)| (Some(c), j));
        let core = self.core(at, currency.is_some())?;
        // The core may start before `i` with a sign or apostrophe: "-5", "’90s".
        let start = if currency.is_some() { i } else { core.a };
        if start < floor {
            return None;
        }
        match core.form {
            Form::Ordinal => self.ordinal(start, core, floor),
            Form::Decade => {
                let (qualifier, first) = self.cue_before(start, floor, true).unwrap_or((Qualifier::Exact, start));
                Some(Found { first, end: core.b, value: core.dec, max: None, unit: "decade".into(), qualifier, kind: Kind::Year })
            }
            _ => self.quantity_mention(start, currency, core, floor),
        }
    }

    /// Whether token `i` can begin a mention: a number, a number word, an
    /// article, a month, a rank cue or a currency. One cheap test spares the
    /// other tokens every reader below.
    fn may_start(&self, i: usize) -> bool {
        let w = self.w(i);
        match self.toks[i].class {
            Class::Num => !self.toks[i].blocked,
            Class::Punct(c) => c == '#' || currency_symbol(c).is_some(),
            Class::Word => {
                (gate(w) && (STARTERS.contains(&w) || small(w).is_some() || tens(w).is_some() || ordinal_word(w).is_some() || (self.capitalized(i) && month(w).is_some())))
                    || currency_code(self.raw(i)).is_some()
                    || self.punct(i + 1) == Some('$')
            }
        }
    }

    // -- number cores --------------------------------------------------------

    fn core(&self, i: usize, money: bool) -> Option<Core> {
        match self.toks.get(i)?.class {
            Class::Num => self.digit_core(i, money),
            Class::Word => self.word_core(i),
            Class::Punct(_) => None,
        }
    }

    fn digit_core(&self, i: usize, money: bool) -> Option<Core> {
        let lit = self.num(i)?;
        // A minus sign glued to the digits and standing free before them: "-3.5%".
        let neg = i > 0 && matches!(self.punct(i - 1), Some('-' | '−')) && self.attached(i) && (i == 1 || self.spaced(i - 1));
        let a = if neg { i - 1 } else { i };
        let mut core = Core { a, b: i + 1, dec: Dec { mant: lit.mant, exp: lit.exp, neg }, form: Form::Digits, scale: 0 };
        if let Some((dec, a, b)) = self.decade(i).filter(|_| !neg) {
            return Some(Core { a, b, dec, form: Form::Decade, scale: 0 });
        }
        if self.attached(i + 1) && self.is_word(i + 1) {
            if matches!(self.w(i + 1), "st" | "nd" | "rd" | "th") {
                return Some(Core { b: i + 2, form: Form::Ordinal, ..core });
            }
            let million_m = money || (self.spaced(i + 2) && is_plural(self.w(i + 2)));
            if let Some(e) = scale_suffix(self.raw(i + 1), million_m) {
                core.dec = core.dec.scaled(e);
                core.scale = e;
                core.b = i + 2;
            }
            return Some(core);
        }
        if let Some((dec, b)) = self.and_half(core.b, core.dec) {
            core.dec = dec;
            core.b = b;
        }
        // "2 million", "1.5 bn", "2 hundred thousand"
        while self.spaced(core.b) {
            // Spaced abbreviations only after a currency: "$5 bn", but "5 m" is metres.
            let abbreviation = || if money { scale_suffix(self.raw(core.b), true) } else { None };
            let Some(e) = scale_word(self.w(core.b)).or_else(abbreviation) else { break };
            core.dec = core.dec.scaled(e);
            core.scale += e;
            core.b += 1;
        }
        Some(core)
    }

    /// "1990s", "1990’s", "’90s": value, first and end token.
    fn decade(&self, i: usize) -> Option<(Dec, usize, usize)> {
        let lit = self.num(i)?;
        let round = lit.is_int() && lit.mant % 10 == 0;
        let s_at = |k: usize| self.w(k) == "s" && self.attached(k);
        if round && lit.int_digits == 4 {
            if s_at(i + 1) {
                return Some((Dec::int(lit.mant), i, i + 2));
            }
            if matches!(self.punct(i + 1), Some('\'' | '’')) && self.attached(i + 1) && s_at(i + 2) {
                return Some((Dec::int(lit.mant), i, i + 3));
            }
        }
        if round && lit.int_digits == 2 && s_at(i + 1) && i > 0 && matches!(self.punct(i - 1), Some('\'' | '’')) && self.attached(i) {
            let recent = 2000 + lit.mant as i32;
            let year = if self.ctx.year.is_some_and(|y| recent <= y) { recent } else { recent - 100 };
            return Some((Dec::int(year as u64), i - 1, i + 2));
        }
        None
    }

    fn word_core(&self, i: usize) -> Option<Core> {
        if let Some(core) = self.fraction(i) {
            return Some(core);
        }
        let w = self.w(i);
        if matches!(w, "a" | "an") {
            return self.article_core(i);
        }
        if let Some(n) = ordinal_word(w) {
            return Some(Core { a: i, b: i + 1, dec: Dec::int(n), form: Form::Ordinal, scale: 0 });
        }
        self.words_number(i, None)
    }

    /// "a month", "a hundred", "a dozen", "a couple of".
    fn article_core(&self, i: usize) -> Option<Core> {
        let before = if i > 0 { self.w(i - 1) } else { "" };
        // "twice a year" is a frequency.
        if matches!(before, "once" | "twice" | "thrice" | "times" | "per") {
            return None;
        }
        let next = self.w(i + 1);
        // "2018 was a year of change" names a period, "it was a year ago" measures one.
        let copula = matches!(before, "is" | "was" | "were" | "be" | "been" | "being" | "are")
            && !matches!(self.w(i + 2), "ago" | "later" | "earlier" | "before" | "after");
        let core = |b, n| Some(Core { a: i, b, dec: Dec::int(n), form: Form::Words, scale: 0 });
        match next {
            "couple" => core(i + 2 + usize::from(self.w(i + 2) == "of"), 2),
            "dozen" => core(i + 2, 12),
            _ if next == "hundred" || scale_word(next).is_some() => self.words_number(i, Some(i + 1)),
            _ if !copula && matches!(unit_of(next), Some((Kind::Duration, _))) => {
                Some(Core { a: i, b: i + 1, dec: Dec::int(1), form: Form::Article, scale: 0 })
            }
            _ => None,
        }
    }

    /// "half", "half a million", "half an hour", "a third of", "two-thirds".
    fn fraction(&self, i: usize) -> Option<Core> {
        let w = self.w(i);
        let frac = |k: usize, n: u64| -> Option<Dec> {
            match self.w(k) {
                "third" | "thirds" => Some(Dec { mant: (n * 10_000 + 1) / 3, exp: -4, neg: false }),
                "quarter" | "quarters" => Some(Dec { mant: n * 25, exp: -2, neg: false }),
                _ => None,
            }
        };
        // What a fraction of something is followed by.
        let of_something = |k: usize| is_determiner(self.w(k)) || self.w(k) == "of" || is_plural(self.w(k));
        let num = match w {
            "a" | "an" | "one" => Some(1),
            _ => small(w).filter(|n| (2..10).contains(n)),
        };
        if let Some(n) = num {
            // "a third of", "three quarters of", "two-thirds of"
            let k = if self.punct(i + 1) == Some('-') && self.attached(i + 1) && self.attached(i + 2) { i + 2 } else { i + 1 };
            if let Some(dec) = frac(k, n) {
                let singular = matches!(self.w(k), "third" | "quarter");
                return ((n == 1) == singular && of_something(k + 1)).then_some(Core { a: i, b: k + 1, dec, form: Form::Fraction, scale: 0 });
            }
            if w != "a" && w != "an" {
                return None;
            }
        }
        // "half", "a half-hour"
        let (a, h) = if num.is_some() { (i, i + 1) } else { (i, i) };
        if self.w(h) != "half" || (num.is_none() && i > 0 && matches!(self.w(i - 1), "the" | "first" | "second" | "other" | "latter" | "this" | "that" | "a" | "an" | "and")) {
            return None;
        }
        let half = Dec { mant: 5, exp: -1, neg: false };
        let hyphen_unit = self.punct(h + 1) == Some('-') && self.attached(h + 1) && self.attached(h + 2) && unit_of(self.w(h + 2)).is_some();
        if hyphen_unit {
            return Some(Core { a, b: h + 1, dec: half, form: Form::Fraction, scale: 0 });
        }
        if num.is_some() {
            return None;
        }
        if matches!(self.w(h + 1), "a" | "an") {
            let next = self.w(h + 2);
            return match (scale_word(next), next) {
                (Some(e), _) => Some(Core { a, b: h + 3, dec: half.scaled(e), form: Form::Words, scale: e }),
                (None, "dozen") => Some(Core { a, b: h + 3, dec: Dec::int(6), form: Form::Words, scale: 0 }),
                _ if unit_of(next).is_some() => Some(Core { a, b: h + 2, dec: half, form: Form::Fraction, scale: 0 }),
                _ => None,
            };
        }
        of_something(h + 1).then_some(Core { a, b: h + 1, dec: half, form: Form::Fraction, scale: 0 })
    }

    /// Number words: "twenty-one", "two million", "five hundred and fifty".
    /// `one_at` starts from an article standing for "one" ("a hundred").
    fn words_number(&self, i: usize, one_at: Option<usize>) -> Option<Core> {
        #[derive(PartialEq, Clone, Copy)]
        enum Last { Nothing, Unit, Tens, Hundred, Scale }
        let (mut cur, mut j, mut last) = match one_at { Some(j) => (1u64, j, Last::Unit), None => (0, i, Last::Nothing) };
        let mut total: u64 = 0;
        let mut scale = 0;
        let mut ordinal = false;
        loop {
            // "twenty-one", "twenty-first"
            if last == Last::Tens && self.punct(j) == Some('-') && self.attached(j) && self.attached(j + 1) {
                let next = self.w(j + 1);
                if let Some(n) = small(next).filter(|n| (1..10).contains(n)) {
                    cur += n;
                    last = Last::Unit;
                    j += 2;
                    continue;
                }
                if let Some(n) = ordinal_word(next).filter(|n| (1..10).contains(n)) {
                    cur += n;
                    ordinal = true;
                    j += 2;
                }
                break;
            }
            if j > i && !self.spaced(j) {
                break;
            }
            let w = self.w(j);
            if let Some(n) = small(w) {
                if matches!(last, Last::Nothing | Last::Hundred | Last::Scale) || (last == Last::Tens && (1..10).contains(&n)) {
                    cur += n;
                    last = Last::Unit;
                    j += 1;
                    continue;
                }
                break;
            }
            if let Some(n) = tens(w) {
                if matches!(last, Last::Nothing | Last::Hundred | Last::Scale) {
                    cur += n;
                    last = Last::Tens;
                    j += 1;
                    continue;
                }
                break;
            }
            if last == Last::Tens {
                if let Some(n) = ordinal_word(w).filter(|n| (1..10).contains(n)) {
                    cur += n;
                    ordinal = true;
                    j += 1;
                    break;
                }
            }
            let counted = matches!(last, Last::Unit | Last::Tens) && cur > 0;
            if w == "hundred" && counted && cur < 100 {
                cur *= 100;
                last = Last::Hundred;
                j += 1;
                continue;
            }
            if let Some(e) = scale_word(w).filter(|&e| e > 2 && (counted || last == Last::Hundred) && (scale == 0 || e < scale)) {
                total = total.checked_add(cur.checked_mul(10u64.pow(e as u32))?)?;
                cur = 0;
                scale = e;
                last = Last::Scale;
                j += 1;
                continue;
            }
            if w == "dozen" && counted {
                total = total.checked_add(cur.checked_mul(12)?)?;
                cur = 0;
                last = Last::Scale;
                j += 1;
                continue;
            }
            // "five hundred and fifty", "two thousand and five"
            if w == "and" && matches!(last, Last::Hundred | Last::Scale) && (small(self.w(j + 1)).is_some() || tens(self.w(j + 1)).is_some()) {
                j += 1;
                continue;
            }
            break;
        }
        if last == Last::Nothing || (one_at.is_some() && j == i + 1) {
            return None;
        }
        let dec = Dec::int(total.checked_add(cur)?);
        let ends_with_scale = last == Last::Scale && cur == 0;
        let mut core = Core { a: i, b: j, dec, form: if ordinal { Form::Ordinal } else { Form::Words }, scale: if ends_with_scale { scale } else { 0 } };
        if !ordinal {
            if let Some((dec, b)) = self.and_half(j, dec) {
                core.dec = dec;
                core.b = b;
                // "two and a half million"
                if let Some(e) = scale_word(self.w(b)).filter(|&e| e > 2) {
                    core.dec = core.dec.scaled(e);
                    core.scale = e;
                    core.b += 1;
                }
            }
        }
        Some(core)
    }

    /// "and a half" at `j`.
    fn and_half(&self, j: usize, dec: Dec) -> Option<(Dec, usize)> {
        (self.w(j) == "and" && self.w(j + 1) == "a" && self.w(j + 2) == "half" && !(self.punct(j + 3) == Some('-') && self.attached(j + 3)))
            .then(|| dec.plus_half().map(|d| (d, j + 3)))
            .flatten()
    }

    // -- currency, percent, units --------------------------------------------

    /// "$", "€", "US$", "USD " before a number: the code and the number token.
    fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let is_num_at = |k: usize| self.num(k).is_some();
        if let Some(code) = self.punct(i).and_then(currency_symbol) {
            return (is_num_at(i + 1) && self.attached(i + 1)).then_some((code, i + 1));
        }
        let raw = self.raw(i);
        if self.punct(i + 1) == Some('$') && self.attached(i + 1) && self.attached(i + 2) && is_num_at(i + 2) {
            let code = match raw {
                "US" => "USD", "C" => "CAD", "A" => "AUD", "NZ" => "NZD", "HK" => "HKD", "S" => "SGD", "R" => "BRL",
                _ => return None,
            };
            return Some((code, i + 2));
        }
        currency_code(raw).filter(|_| self.spaced(i + 1) && is_num_at(i + 1)).map(|code| (code, i + 1))
    }

    /// Currency named after a number: "euros", "US dollars", "pounds sterling", "USD".
    fn currency_after(&self, j: usize) -> Option<(&'static str, usize)> {
        if !self.spaced(j) {
            return None;
        }
        if let Some(code) = currency_code(self.raw(j)) {
            return Some((code, j + 1));
        }
        let (code, k) = match self.raw(j) {
            "US" | "American" => (Some("USD"), j + 1),
            "Canadian" => (Some("CAD"), j + 1),
            "Australian" => (Some("AUD"), j + 1),
            "U" if self.punct(j + 1) == Some('.') && self.raw(j + 2) == "S" && self.punct(j + 3) == Some('.') => (Some("USD"), j + 4),
            _ => (None, j),
        };
        match self.w(k) {
            "dollar" | "dollars" => Some((code.unwrap_or("USD"), k + 1)),
            "pounds" | "pound" if self.w(k + 1) == "sterling" => Some(("GBP", k + 2)),
            w if code.is_none() => currency_word(w).map(|c| (c, k + 1)),
            _ => None,
        }
    }

    /// "%", "percent", "per cent", "percentage points" at `j`.
    fn percent(&self, j: usize) -> Option<(&'static str, usize)> {
        if self.punct(j) == Some('%') {
            return Some(("%", j + 1));
        }
        match (self.w(j), self.w(j + 1)) {
            ("percent" | "pct", _) => Some(("%", j + 1)),
            ("per", "cent") => Some(("%", j + 2)),
            ("percentage", "point" | "points") => Some(("percentage points", j + 2)),
            _ => None,
        }
    }

    /// "or so", "or more", "40+", "40-odd" after a number or its unit.
    fn postfix(&self, j: usize) -> Option<(Qualifier, usize)> {
        if self.punct(j) == Some('+') && self.attached(j) {
            return Some((Qualifier::Gte, j + 1));
        }
        if self.punct(j) == Some('-') && self.attached(j) && self.attached(j + 1) {
            return match self.w(j + 1) {
                "odd" => Some((Qualifier::Approx, j + 2)),
                "plus" => Some((Qualifier::Gte, j + 2)),
                _ => None,
            };
        }
        if self.w(j) != "or" {
            return None;
        }
        match self.w(j + 1) {
            "so" => Some((Qualifier::Approx, j + 2)),
            "more" => Some((Qualifier::Gte, j + 2)),
            "less" | "fewer" => Some((Qualifier::Lte, j + 2)),
            _ => None,
        }
    }

    /// A hyphenated unit after a number: "-mile-wide", "-year", "-strong".
    /// `Err` marks an idiom that is no number ("one-sided", "two-pronged").
    fn compound(&self, j: usize) -> Option<Result<(Tail, usize), ()>> {
        if !(self.punct(j) == Some('-') && self.attached(j) && self.attached(j + 1) && self.is_word(j + 1)) {
            return None;
        }
        let w = self.w(j + 1);
        if w == "strong" {
            return Some(Ok((Tail::Strong, j + 2)));
        }
        if let Some((kind, unit)) = unit_of(w) {
            // "three-mile-wide", "45-year-old"
            let dimension = self.punct(j + 2) == Some('-') && self.attached(j + 2) && self.attached(j + 3)
                && matches!(self.w(j + 3), "wide" | "long" | "high" | "deep" | "old" | "tall" | "thick");
            return Some(Ok((Tail::Unit(kind, unit.to_owned()), if dimension { j + 4 } else { j + 2 })));
        }
        if self.capitalized(j + 1) {
            return None;
        }
        let idiom = is_stop(w) || ["ed", "al", "ly", "ing", "ful", "ic", "way", "off", "fold"].iter().any(|s| w.ends_with(s));
        Some(if idiom { Err(()) } else { Ok((Tail::Noun(self.raw(j + 1).to_owned()), j + 2)) })
    }

    /// The noun phrase after a number, up to four words, and its head: the
    /// last plural, else the last word that is no verb form.
    fn phrase(&self, j: usize) -> Option<Phrase> {
        let mut items: [(usize, usize); 4] = [(0, 0); 4];
        let mut n = 0;
        let mut k = j;
        while n < 4 && self.spaced(k) && self.is_word(k) {
            let w = self.w(k);
            let mut end = k + 1;
            while self.punct(end) == Some('-') && self.attached(end) && self.attached(end + 1) && self.is_word(end + 1) {
                end += 2;
            }
            // A hyphenated word is a modifier whatever its parts: "well-trained".
            let stop = is_stop(w) || small(w).is_some() || tens(w).is_some() || ordinal_word(w).is_some() || scale_word(w).is_some()
                || (self.capitalized(k) && month(w).is_some()) || self.percent(k).is_some() || currency_word(w).is_some();
            if stop && end == k + 1 {
                break;
            }
            // A measurement word is the head at once: "five long years".
            if end == k + 1 {
                if let Some((kind, unit)) = unit_of(w) {
                    let solid = n > 0 && matches!(self.w(items[n - 1].0), "square" | "sq" | "cubic");
                    let unit = if solid && kind == Kind::Distance {
                        Tail::Unit(Kind::Other, format!("{} {unit}", if self.w(items[n - 1].0) == "cubic" { "cubic" } else { "square" }))
                    } else {
                        Tail::Unit(kind, unit.to_owned())
                    };
                    return Some(Phrase { end: k + 1, unit, plural: true });
                }
            }
            items[n] = (k, end);
            n += 1;
            k = end;
        }
        let items = &items[..n];
        let single = |&(a, e): &(usize, usize)| e == a + 1;
        // Heads are no modifiers ("former") and no capitalised singulars ("Russian").
        let candidate = |it: &(usize, usize)| !(single(it) && is_modifier(self.w(it.0))) && (!self.capitalized(it.0) || is_plural(self.w(it.0)));
        let verb_form = |it: &(usize, usize)| single(it) && (self.w(it.0).ends_with("ed") || self.w(it.0).ends_with("ing"));
        let plural = items.iter().rposition(|it| candidate(it) && single(it) && is_plural(self.w(it.0)));
        let head = plural.or_else(|| {
            let mut h = items.iter().rposition(candidate)?;
            while h > 0 && verb_form(&items[h]) && candidate(&items[h - 1]) {
                h -= 1;
            }
            Some(h)
        })?;
        // The unit: the head with the plain lower-case words right before it.
        let mut first = head;
        while first > 0 && single(&items[first - 1]) && candidate(&items[first - 1]) && !self.capitalized(items[first - 1].0) && !verb_form(&items[first - 1]) {
            first -= 1;
        }
        let mut unit = items[first..=head].iter().map(|&(a, e)| &self.s[self.toks[a].start..self.toks[e - 1].end]).collect::<Vec<_>>().join(" ");
        let end = items[head].1;
        // "four pieces of Armenian-controlled territory" → "pieces of territory"
        if is_partitive(self.w(items[head].0)) && self.w(end) == "of" {
            if let Some(Phrase { unit: Tail::Noun(of), .. }) = self.phrase(end + 1) {
                unit = format!("{unit} of {of}");
            }
        }
        Some(Phrase { end, unit: Tail::Noun(unit), plural: plural.is_some() })
    }

    // -- qualifiers ------------------------------------------------------------

    /// The cue that ends right before token `at`, and its first token.
    /// Dates and years take approximation cues only.
    fn cue_before(&self, at: usize, floor: usize, dated: bool) -> Option<(Qualifier, usize)> {
        if at <= floor {
            return None;
        }
        // "mid-October", "approx. 5": a single-word cue may end in a glued mark.
        let glued = at > floor + 1 && matches!(self.punct(at - 1), Some('-' | '.')) && self.attached(at - 1);
        let (before, before_glued) = (self.w(at - 1), if glued { self.w(at - 2) } else { "" });
        let tables: &[&[(&[&str], Qualifier)]] = if dated { &[DATE_CUES, CUES] } else { &[CUES] };
        for (words, qualifier) in tables.iter().flat_map(|t| t.iter()) {
            let single_glued = words.len() == 1 && words[0] == before_glued;
            if (dated && *qualifier != Qualifier::Approx) || (words[words.len() - 1] != before && !single_glued) {
                continue;
            }
            let end = if single_glued { at - 1 } else { at };
            let Some(first) = end.checked_sub(words.len()).filter(|&f| f >= floor) else { continue };
            // "handed over four pieces": a verb particle, not "more than"
            let particle = *words == ["over"] && first > floor && {
                let verb = self.w(first - 1);
                ["hand", "turn", "took", "tak", "sign", "gave", "giv", "pass", "won", "win", "fought", "fight", "presid"].iter().any(|v| verb.starts_with(v))
            };
            if !particle && words.iter().enumerate().all(|(k, w)| self.w(first + k) == *w) {
                let first = if first > floor && is_cue_modifier(self.w(first - 1)) && !dated { first - 1 } else { first };
                return Some((*qualifier, first));
            }
        }
        None
    }

    /// "Putin has estimated that each is 2 million strong": an estimate verb
    /// a few words before makes the number approximate.
    fn estimated_before(&self, at: usize, floor: usize) -> bool {
        (floor..at).rev().take(6).take_while(|&k| self.is_word(k)).any(|k| matches!(self.w(k), "estimated" | "estimates" | "estimate"))
    }

    // -- mentions --------------------------------------------------------------

    /// Counts, percents, money, durations, distances, years and fractions.
    fn quantity_mention(&self, start: usize, currency: Option<&'static str>, low: Core, floor: usize) -> Option<Found> {
        let mut first = start;
        let mut value = low.dec;
        let mut max = None;
        let mut currency = currency;
        let mut end = low.b;
        let mut tail = Tail::Nothing;
        let mut post = None;
        let low_percent = self.percent(end);
        if let Some((high, high_currency, opener)) = self.range(start, &low, floor, low_percent.map_or(end, |p| p.1)) {
            value = if high.scale > 0 && low.scale == 0 { low.dec.scaled(high.scale) } else { low.dec };
            max = Some(high.dec);
            currency = currency.or(high_currency);
            first = opener;
            end = high.b;
        }
        if let Some((q, e)) = self.postfix(end) {
            post = Some(q);
            end = e;
        }
        // Years end here: "the 2018 elections" is the year 2018.
        let number_end = end;
        let mut plural_head = false;
        if let Some((unit, e)) = self.percent(end).or(low_percent) {
            tail = Tail::Percent(unit);
            end = e;
        } else if let Some((code, e)) = currency.map(|c| (c, end)).or_else(|| self.currency_after(end)) {
            tail = Tail::Money(code);
            end = e;
        } else if let Some(compound) = self.compound(end) {
            let (t, e) = compound.ok()?;
            tail = t;
            end = e;
        } else if self.attached(end) && self.is_word(end) {
            // "3km", "5m": a glued unit
            let (kind, unit) = unit_of(self.w(end))?;
            tail = Tail::Unit(kind, unit.to_owned());
            end += 1;
        } else if self.w(end) == "strong" {
            tail = Tail::Strong;
        } else if let Some(p) = self.phrase(end) {
            plural_head = p.plural;
            tail = p.unit;
            end = p.end;
        }
        // "a month" needs its unit word right after the article.
        if low.form == Form::Article && !(matches!(tail, Tail::Unit(Kind::Duration, _)) && end == low.b + 1) {
            return None;
        }
        if matches!(tail, Tail::Unit(..)) && max.is_none() {
            if let Some((dec, e)) = self.and_half(end, value).filter(|_| value.exp == 0) {
                value = dec;
                end = e;
            }
        }
        if post.is_none() {
            if let Some((q, e)) = self.postfix(end) {
                post = Some(q);
                end = e;
            }
        }

        let year_value = |d: Dec| (1000..=2100).contains(&d.mant) && d.exp == 0 && !d.neg;
        let is_year = currency.is_none()
            && low.form == Form::Digits
            && self.toks[low.a].lit.int_of(4..5).is_some()
            && year_value(low.dec)
            && max.is_none_or(year_value)
            && matches!(tail, Tail::Nothing | Tail::Noun(_));
        let cue = self.cue_before(first, floor, false);
        let (kind, unit) = match tail {
            Tail::Percent(unit) => (Kind::Percent, unit.to_owned()),
            Tail::Money(code) => (Kind::Money, code.to_owned()),
            Tail::Unit(kind, unit) => (kind, unit),
            Tail::Strong => (Kind::Count, "people".to_owned()),
            // "in 2018 elections" is a year; "about 2000 peacekeepers" a count.
            _ if is_year && !(plural_head && (cue.is_some() || !is_temporal(self.prev(first, floor)))) => {
                end = number_end;
                (Kind::Year, "year".to_owned())
            }
            Tail::Noun(unit) if low.form == Form::Fraction => (Kind::Other, unit),
            Tail::Noun(unit) => (Kind::Count, unit),
            Tail::Nothing if low.form == Form::Fraction => (Kind::Other, "fraction".to_owned()),
            Tail::Nothing => (Kind::Count, String::new()),
        };

        // Bare "one" is a pronoun or idiom unless measured or qualified.
        let bare_one = low.form == Form::Words && low.b == low.a + 1 && self.w(low.a) == "one" && max.is_none();
        if bare_one && self.w(low.b) == "of" {
            return None; // "one of the mediators"
        }
        let measured = kind != Kind::Count;
        if bare_one && !measured && cue.is_none() && post.is_none() && !matches!(self.prev(first, floor), "only" | "just" | "exactly") {
            return None;
        }

        let dated = kind == Kind::Year;
        let (qualifier, first) = if max.is_some() {
            (Qualifier::Range, first)
        } else if let Some(q) = post {
            (q, first)
        } else {
            match self.cue_before(first, floor, dated) {
                // "over two days" means "during"
                Some((Qualifier::Gt, _)) if kind == Kind::Duration && self.w(first - 1) == "over" => (Qualifier::Exact, first),
                Some((q, f)) => (q, f),
                None if self.estimated_before(first, floor) => (Qualifier::Approx, first),
                None => (Qualifier::Exact, first),
            }
        };
        Some(Found { first, end, value, max, unit, qualifier, kind })
    }

    /// The high end of a range starting with `low`: the core, its currency
    /// and the first token of the mention ("between", "from" or `start`).
    fn range(&self, start: usize, low: &Core, floor: usize, j: usize) -> Option<(Core, Option<&'static str>, usize)> {
        if !matches!(low.form, Form::Digits | Form::Words) {
            return None;
        }
        let opener = self.prev(start, floor);
        let k = match (self.punct(j), self.w(j)) {
            // "2,000-3,000", "5 – 7"; "5 -7" is no range
            (Some('-' | '–'), _) if self.spaced(j) == self.spaced(j + 1) => j + 1,
            (_, "to") => j + 1,
            (_, "and") if opener == "between" => j + 1,
            (_, "through" | "until" | "till") if opener == "from" => j + 1,
            (_, "or") => j + 1,
            _ => return None,
        };
        let (currency, hk) = self.currency_prefix(k).map_or((None, k), |(c, n)| (Some(c), n));
        let mut high = self.core(hk, currency.is_some())?;
        if !matches!(high.form, Form::Digits | Form::Words) {
            return None;
        }
        // "2020-21"
        let lit = self.toks[low.a].lit;
        if low.form == Form::Digits && lit.int_of(4..5).is_some() && k == j + 1 && self.punct(j).is_some() && self.toks[hk].lit.int_of(2..3).is_some() && high.b == hk + 1 {
            high.dec = Dec::int(low.dec.mant / 100 * 100 + high.dec.mant);
        }
        let low_value = if high.scale > 0 && low.scale == 0 { low.dec.scaled(high.scale) } else { low.dec };
        let first = if matches!(opener, "between" | "from") { start - 1 } else { start };
        (low_value.value() < high.dec.value()).then_some((high, currency, first))
    }

    /// Ordinals, ranks ("ranked 64th", "in 111th place") and designations
    /// ("15th Detached Motorized Rifle Brigade").
    fn ordinal(&self, start: usize, core: Core, floor: usize) -> Option<Found> {
        let in_words = self.toks[core.a].class == Class::Word;
        let prev = self.prev(start, floor);
        let mut b = core.b;
        let mut superlative = None;
        // "second-largest", "first-ever", "first-hand"
        if self.punct(b) == Some('-') && self.attached(b) && self.attached(b + 1) && self.is_word(b + 1) {
            let w = self.w(b + 1);
            if w.ends_with("est") {
                superlative = Some(b + 1);
            } else if !(w == "ever" || matches!(unit_of(w), Some((Kind::Duration, _)))) {
                return None;
            }
            b += 2;
        }
        let rank_context = superlative.is_some()
            || matches!(prev, "ranked" | "ranks" | "rank" | "ranking" | "rated" | "placed" | "finished" | "came" | "comes" | "come")
            || (matches!(self.w(b), "place" | "position" | "spot") && self.spaced(b));
        if in_words && !rank_context && !is_determiner(prev) {
            return None;
        }
        let found = |end, unit, kind| Some(Found { first: start, end, value: core.dec, max: None, unit, qualifier: Qualifier::Exact, kind });
        if rank_context {
            return found(b, self.rank_unit(b, superlative.map(|k| self.w(k))), Kind::Rank);
        }
        if let Some(unit) = self.designation(b) {
            return found(b, unit, Kind::Other);
        }
        match self.phrase(b) {
            Some(Phrase { end, unit: Tail::Noun(unit), .. }) => found(end, unit, Kind::Ordinal),
            Some(Phrase { end, unit: Tail::Unit(_, _), .. }) => found(end, self.raw(end - 1).to_owned(), Kind::Ordinal),
            _ => found(b, String::new(), Kind::Ordinal),
        }
    }

    /// "15th Detached Motorized Rifle Brigade" → "brigade designation": a run
    /// of capitalised words that names a unit, not a demonym before a noun.
    fn designation(&self, j: usize) -> Option<String> {
        let mut k = j;
        while k < j + 6 && self.spaced(k) && self.is_word(k) && self.capitalized(k) && !is_stop(self.w(k)) && month(self.w(k)).is_none() {
            k += 1;
        }
        if k == j {
            return None;
        }
        let demonym = |w: &str| ["ian", "ean", "ish", "ese", "i", "ic", "an"].iter().any(|s| w.ends_with(s));
        let next = self.w(k);
        let continues = self.is_word(k) && !self.capitalized(k) && !is_stop(next) && !next.ends_with("ed");
        // "Ph.D.", "U.S.": an abbreviation, not a name
        let abbreviation = self.punct(k) == Some('.') && self.attached(k) && self.attached(k + 1) && self.is_word(k + 1);
        let last = self.w(k - 1);
        if (j..k).all(|t| demonym(self.w(t))) || continues || abbreviation || unit_of(last).is_some() {
            return None;
        }
        Some(format!("{last} designation"))
    }

    /// "number two", "No. 1", "#1".
    fn rank_cue_at(&self, i: usize) -> Option<Found> {
        let at = match (self.w(i), self.punct(i)) {
            ("number", _) if self.spaced(i + 1) => i + 1,
            ("no", _) if self.punct(i + 1) == Some('.') && self.attached(i + 1) && self.num(i + 2).is_some() => i + 2,
            (_, Some('#')) if self.attached(i + 1) && self.num(i + 1).is_some() => i + 1,
            _ => return None,
        };
        let core = self.core(at, false).filter(|c| matches!(c.form, Form::Digits | Form::Words))?;
        if self.w(core.b) == "of" {
            return None;
        }
        Some(Found { first: i, end: core.b, value: core.dec, max: None, unit: self.rank_unit(core.b, None), qualifier: Qualifier::Exact, kind: Kind::Rank })
    }

    /// "military power ranking", "largest city ranking" or just "ranking":
    /// what a rank ranks, from the noun phrase at `j`.
    fn rank_unit(&self, j: usize, superlative: Option<&str>) -> String {
        let noun = self.phrase(j).and_then(|p| match p.unit {
            Tail::Noun(u) if !matches!(u.as_str(), "place" | "position" | "spot") => Some(u),
            _ => None,
        });
        superlative.into_iter().chain(noun.as_deref()).chain(["ranking"]).collect::<Vec<_>>().join(" ")
    }

    // -- dates -----------------------------------------------------------------

    /// Three numbers glued by `sep`: "2020-11-10", "11/10/2020". Blocked
    /// tokens count too, as the pre-pass asks this before blocking.
    fn triple(&self, i: usize, sep: char) -> Option<[Lit; 3]> {
        let lit = |k: usize| self.toks.get(k).filter(|t| t.class == Class::Num).map(|t| t.lit);
        let joined = |k: usize| self.punct(k) == Some(sep) && self.attached(k) && self.attached(k + 1);
        (joined(i + 1) && joined(i + 3)).then(|| Some([lit(i)?, lit(i + 2)?, lit(i + 4)?])).flatten()
    }

    /// "2020-11-10": the date and the end token.
    fn iso_date(&self, i: usize) -> Option<((i32, u8, u8), usize)> {
        let [y, m, d] = self.triple(i, '-')?;
        let date = (y.int_of(4..5)? as i32, u8::try_from(m.int_of(2..3)?).ok()?, u8::try_from(d.int_of(2..3)?).ok()?);
        valid_day(Some(date.0), date.1, date.2).then_some((date, i + 5))
    }

    /// "11/10/2020", "11/10/20": the date and the end token.
    fn slash_date(&self, i: usize) -> Option<((i32, u8, u8), usize)> {
        let [a, b, y] = self.triple(i, '/')?;
        let year = y.int_of(4..5).map(|y| y as i32).or_else(|| y.int_of(2..3).map(|y| 2000 + y as i32))?;
        let (m, d) = slash_month_day(u8::try_from(a.int_of(1..3)?).ok()?, u8::try_from(b.int_of(1..3)?).ok()?)?;
        valid_day(Some(year), m, d).then_some(((year, m, d), i + 5))
    }

    /// A day number at `k`: "9", "10th".
    fn day_at(&self, k: usize) -> Option<(u8, usize)> {
        let day = u8::try_from(self.num(k)?.int_of(1..3)?).ok().filter(|d| (1..=31).contains(d))?;
        let suffix = self.attached(k + 1) && matches!(self.w(k + 1), "st" | "nd" | "rd" | "th");
        Some((day, if suffix { k + 2 } else { k + 1 }))
    }

    /// A capitalised month name at `k`; an abbreviation needs its full stop
    /// or a number after it ("Nov. 10", "10 Nov 2020").
    fn month_at(&self, k: usize, after_day: bool) -> Option<(u8, usize)> {
        if !self.capitalized(k) {
            return None;
        }
        let (m, abbr) = month(self.w(k))?;
        if !abbr {
            return Some((m, k + 1));
        }
        if self.punct(k + 1) == Some('.') && self.attached(k + 1) {
            return Some((m, k + 2));
        }
        (after_day || (self.spaced(k + 1) && self.num(k + 1).is_some())).then_some((m, k + 1))
    }

    /// A year after a date at `k`: "2020", ", 2020".
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let k = if self.punct(k) == Some(',') { k + 1 } else { k };
        let y = self.num(k)?.int_of(4..5)?;
        ((1000..=2100).contains(&y) && self.spaced(k) && !(self.is_word(k + 1) && self.attached(k + 1))).then_some((y as i32, k + 1))
    }

    fn date_at(&self, i: usize, floor: usize) -> Option<Found> {
        if let Some(((y, m, d), end)) = self.iso_date(i).or_else(|| self.slash_date(i)) {
            return self.date_mention(i, end, DateParts { month: m, day: Some(d), day_max: None, year: Some(y) }, floor);
        }
        // Range of days after the first day: "10-12", "1 to 3", "between 1 and 3".
        let day_range = |k: usize, day: u8| -> Option<(u8, usize)> {
            let joined = matches!(self.punct(k), Some('-' | '–')) && self.attached(k) && self.attached(k + 1);
            let worded = matches!(self.w(k), "to" | "through" | "until" | "till") || (self.w(k) == "and" && self.prev(i, floor) == "between");
            (joined || (worded && self.spaced(k + 1))).then(|| self.day_at(k + 1)).flatten().filter(|(d2, _)| *d2 > day)
        };
        if let Some((m, mut end)) = self.month_at(i, false) {
            let mut day = None;
            let mut day_max = None;
            if let Some((d, e)) = self.day_at(end).filter(|&(d, _)| self.spaced(end) && valid_day(None, m, d)) {
                day = Some(d);
                end = e;
                if let Some((d2, e)) = day_range(end, d) {
                    day_max = Some(d2);
                    end = e;
                }
            }
            let year = self.year_after(end);
            if let Some((_, e)) = year {
                end = e;
            }
            if day.is_none() && year.is_none() && !self.month_alone(i, m, floor) {
                return None;
            }
            return self.date_mention(i, end, DateParts { month: m, day, day_max, year: year.map(|y| y.0) }, floor);
        }
        // Day first: "10 November 2020", "the 10th of November", "10-12 November".
        let (d, mut end) = self.day_at(i)?;
        let mut day_max = None;
        if let Some((d2, e)) = day_range(end, d) {
            day_max = Some(d2);
            end = e;
        }
        if self.w(end) == "of" {
            end += 1;
        }
        if !self.spaced(end) {
            return None;
        }
        let (m, mut end) = self.month_at(end, true).filter(|&(m, _)| valid_day(None, m, d))?;
        let year = self.year_after(end);
        if let Some((_, e)) = year {
            end = e;
        }
        self.date_mention(i, end, DateParts { month: m, day: Some(d), day_max, year: year.map(|y| y.0) }, floor)
    }

    /// A month named alone: the ambiguous ones (May, March, April, June,
    /// August) need a temporal word before them.
    fn month_alone(&self, i: usize, m: u8, floor: usize) -> bool {
        !matches!(m, 3 | 4 | 5 | 6 | 8) || is_temporal(self.prev(i, floor)) || self.cue_before(i, floor, true).is_some()
    }

    /// A date mention over tokens `i..end`.
    fn date_mention(&self, i: usize, end: usize, date: DateParts, floor: usize) -> Option<Found> {
        let DateParts { month: m, day, day_max, year } = date;
        // Years outside 0..=9999 (a caller's context) cannot be encoded.
        let year = year.or(self.ctx.year).filter(|y| (0..=9999).contains(y));
        let day = day.filter(|&d| valid_day(year, m, d));
        let encode = |d: Option<u8>| -> (Dec, &'static str) {
            let (y, m) = (year.map(|y| y as u64), u64::from(m));
            match (y, d.map(u64::from)) {
                (Some(y), Some(d)) => (Dec::int(y * 10_000 + m * 100 + d), "yyyymmdd"),
                (Some(y), None) => (Dec::int(y * 100 + m), "yyyymm"),
                (None, Some(d)) => (Dec::int(m * 100 + d), "mmdd"),
                (None, None) => (Dec::int(m), "mm"),
            }
        };
        let (value, unit) = encode(day);
        let max = day_max.filter(|_| day.is_some()).map(|d| encode(Some(d)).0);
        let (qualifier, first) = match max {
            Some(_) if matches!(self.prev(i, floor), "between" | "from") => (Qualifier::Range, i - 1),
            Some(_) => (Qualifier::Range, i),
            None => self.cue_before(i, floor, true).unwrap_or((Qualifier::Exact, i)),
        };
        Some(Found { first, end, value, max, unit: unit.to_owned(), qualifier, kind: Kind::Date })
    }
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

    #[test]
    fn decimals_scale_exactly() {
        let scaled = |mant, exp, by| Dec { mant, exp, neg: false }.scaled(by).value();
        assert_eq!(scaled(25, -1, 9), 2_500_000_000.0);
        assert_eq!(scaled(435, -2, 9), 4_350_000_000.0);
        assert_eq!(scaled(11, -1, 6), 1_100_000.0);
        assert_eq!(Dec::int(2).plus_half().map(Dec::value), Some(2.5));
        assert_eq!(Dec { mant: 15, exp: -1, neg: false }.plus_half(), None);
        assert!(!Dec::int(1).scaled(400).value().is_finite());
    }

    #[test]
    fn lexes_number_literals() {
        let lit = |s: &str| lex_number(s, 0);
        let (l, end) = lit("2,000,000 people");
        assert_eq!((l.mant, l.exp, l.grouped, end), (2_000_000, 0, true, 9));
        let (l, end) = lit("12,345.67");
        assert_eq!((l.mant, l.exp, end), (1_234_567, -2, 9));
        assert_eq!(lit("10\u{a0}000 troops").1, 7);
        assert_eq!(lit("1,2,3").1, 1);
        assert_eq!(lit("2014 200").1, 4);
        assert_eq!(lit("1,000 000").1, 5, "one separator per number");
        assert!(lit("1234567890123456").0.too_long);
        assert!(lit("0123").0.lead_zero);
    }

    #[test]
    fn days_and_slashed_dates() {
        assert!(valid_day(None, 2, 29) && !valid_day(Some(2021), 2, 29) && valid_day(Some(2000), 2, 29));
        assert!(!valid_day(Some(1900), 2, 29) && !valid_day(None, 4, 31) && !valid_day(None, 13, 1));
        assert_eq!(slash_month_day(11, 10), Some((11, 10)));
        assert_eq!(slash_month_day(25, 12), Some((12, 25)));
        assert_eq!(slash_month_day(25, 13), None);
    }
}
