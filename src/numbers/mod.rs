//! Extraction of quoted numbers: value, unit, qualifier and kind.
//!
//! # How it works
//!
//! One file per stage: `lex` (tokens, exact decimals), `block` (numbers
//! that are no quantities), `words` (number cores: digits, number words,
//! fractions, frequencies), `units` (percent, currency, units, head nouns),
//! `qualifiers` (cues, bounds, ranges), `dates`, `context` (the document's
//! year) and `resolve` (the scan that puts a mention together).
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
//!   end applies to both ("$2-3 billion"). Two bounds make a range too ("no
//!   fewer than 15 and no more than 35"). [`format_value`] writes the low
//!   end and [`format_value_max`] the high one, each a plain number.
//! - **Bounds**: word cues ("more than" `gt`, "at most" `lte`, "no fewer
//!   than" `gte`, "under" `lt`) and the signs `>`, `<`, `≥`, `≤`.
//! - **Dates** are written in ISO 8601 ("2020-11-10", unit `day`; "2020-11",
//!   unit `month`). Without a year they take the context year; with no
//!   context year at all they are "--11-10" or "--11". A day named alone after
//!   a time preposition ("on the 19th") is "---19". Weekdays ("on Tuesday")
//!   are no numbers, as in the gold.
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
//! - **Fractions** are one value rounded to four decimals: "half" (0.5), "a
//!   third" (0.3333), "two thirds", "seven tenths", "¾", "3/4" and "-3/8"
//!   (proper fractions with a denominator up to 100), "1 1/2", "2½", "12 over
//!   5" (a ratio, when no noun follows); "three quarters of a million" is
//!   750000 and "a quarter of a century" 0.25 centuries. "a sixth" needs its
//!   "of" ("a sixth sense").
//! - **Frequencies** ("twice", "three times", "more than once", "threefold"):
//!   kind `frequency`, unit `times`. "once" counts after a cue, before a rate
//!   ("once a week") or at the end of its clause ("met once."), not as
//!   "formerly" or a conjunction ("Once the war ended"). A time after a
//!   mention is a rate, not a duration ("$2 a day", "twice a year").
//! - **Words**: any composition of number words ("three hundred and
//!   forty-two", "a million and a half", "4 thousand and 12", "minus seven
//!   point two five", "two hundred and first").
//! - **Not numbers**: vague quantifiers (several, dozens, hundreds of,
//!   thousands of), digit strings of more than 15 significant digits, digits
//!   glued to letters other than known suffixes ("MH17", "3D"), numbers with a
//!   leading zero and three or more digits, phone numbers ("+7 495 ...",
//!   "(202) 555-0123", "202-555-0123", "555-0199", "0800 123 456"), times
//!   ("10:30", "3 p.m."), bare two-digit decades ("his 40s"), non-ASCII
//!   digits, model names and standards (a number after a capitalised word
//!   inside the sentence with no plural, unit, percent or currency after it:
//!   "Peugeot 308", "ISO 9001", "Su-30"), references ("footnote 5", "ref. 4",
//!   "Section 3(b)", "(Smith et al., 2019)") and list items after a sentence
//!   ("... door. 2) Close").
//! - **Signs**: a minus glued to the digits after a space is read ("-3.5%",
//!   "−5 degrees"); a plus is left out of the span ("+5%").

use std::ops::Range;

mod block;
mod context;
mod dates;
mod lex;
mod qualifiers;
mod resolve;
mod units;
mod vocab;
mod words;

pub use context::context;

// The stages share one sentence type (`lex::Sent`) and each adds its readers
// to it; they reach each other's items through these imports.
use self::{dates::*, lex::*, resolve::*, units::*, vocab::*, words::*};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier { Exact, Approx, Gt, Lt, Gte, Lte, Range }

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind { Count, Percent, Money, Duration, Distance, Rank, Ordinal, Frequency, Year, Date, Other }

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
            Kind::Frequency => "frequency",
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
    /// The number; for kind `Date` the calendar date packed as `yyyymmdd`
    /// (unit `day`) or `yyyymm` (unit `month`), the parts it does not name
    /// left out ("Nov. 10" with no year: `1110`), which [`format_value`]
    /// writes as ISO 8601.
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
/// exponent and no trailing ".0" ("2000000", "1.5", the low end of a range),
/// and for a date ISO 8601 ("2020-11-10", "2020-11", "--11-10" with no year).
pub fn format_value(mention: &NumberMention) -> String {
    written(mention, mention.value)
}

/// The high end of a range written as [`format_value`] writes values, or ""
/// for a mention that is no range.
pub fn format_value_max(mention: &NumberMention) -> String {
    mention.value_max.map_or_else(String::new, |max| written(mention, max))
}

fn written(mention: &NumberMention, value: f64) -> String {
    if mention.kind == Kind::Date {
        if let Some(iso) = iso_of_packed(value as u64, mention.unit == "day") {
            return iso;
        }
    }
    plain(value)
}

pub use dates::gold_date_as_iso;

fn plain(value: f64) -> String {
    // `Display` for f64 prints the shortest round-trip digits and never an
    // exponent; only negative zero needs care.
    if value == 0.0 { "0".to_owned() } else { value.to_string() }
}


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
