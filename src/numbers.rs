//! Extraction of quoted numbers: value, unit, qualifier and kind.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Qualifier { Exact, Approx, Gt, Lt, Gte, Lte, Range }

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind { Count, Percent, Money, Duration, Distance, Rank, Ordinal, Year, Date, Other }

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

/// Infers the context from the whole document text (boilerplate included:
/// datelines and copyright lines carry the publication year).
pub fn context(text: &str) -> NumberContext {
    let _ = text;
    unimplemented!("number context")
}

/// Finds the numbers inside `sentence`, a byte range of `text`.
pub fn extract(text: &str, sentence: Range<usize>, context: &NumberContext) -> Vec<NumberMention> {
    let _ = (text, sentence, context);
    unimplemented!("number extraction")
}
