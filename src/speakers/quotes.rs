//! Quotations across a document: which marks open and close a quote, and
//! the byte spans they enclose, so a quote running over several sentences is
//! known as one.
//!
//! Curly marks say which way they face; a straight `"` opens when no quote is
//! open and closes otherwise. A quote still open at a line break ends there:
//! news writing opens each paragraph of a long quote again.

use std::collections::BTreeMap;
use std::ops::Range;

#[derive(Debug, Default)]
pub struct Quotes {
    /// Byte offset of each quotation mark, true when it opens a quote.
    marks: BTreeMap<usize, bool>,
    /// Byte ranges from an opening mark to its closing mark (included), or to
    /// the end of the paragraph.
    spans: Vec<Range<usize>>,
}

impl Quotes {
    pub fn find(text: &str) -> Quotes {
        let mut quotes = Quotes::default();
        let mut open: Option<usize> = None;
        for (at, c) in text.char_indices() {
            match c {
                '“' | '„' | '«' => {
                    if let Some(start) = open.take() {
                        quotes.spans.push(start..at);
                    }
                    quotes.marks.insert(at, true);
                    open = Some(at);
                }
                '”' | '»' => {
                    if let Some(start) = open.take() {
                        quotes.marks.insert(at, false);
                        quotes.spans.push(start..at + c.len_utf8());
                    }
                }
                '"' => match open.take() {
                    Some(start) => {
                        quotes.marks.insert(at, false);
                        quotes.spans.push(start..at + 1);
                    }
                    None => {
                        quotes.marks.insert(at, true);
                        open = Some(at);
                    }
                },
                '\n' => {
                    if let Some(start) = open.take() {
                        quotes.spans.push(start..at);
                    }
                }
                _ => {}
            }
        }
        if let Some(start) = open {
            quotes.spans.push(start..text.len());
        }
        quotes
    }

    /// Whether the mark at byte `at` opens (true) or closes (false) a quote;
    /// None when there is no quotation mark there.
    pub fn mark_at(&self, at: usize) -> Option<bool> {
        self.marks.get(&at).copied()
    }

    /// Whether a quotation mark lies in `range`.
    pub fn any_mark_in(&self, range: &Range<usize>) -> bool {
        self.marks.range(range.clone()).next().is_some()
    }

    /// Whether `range` lies inside a quote, between its marks.
    pub fn inside(&self, range: &Range<usize>) -> bool {
        self.span_of(range.start).is_some_and(|s| s.start < range.start && range.end <= s.end)
    }

    /// The quote span holding byte `at`.
    pub fn span_of(&self, at: usize) -> Option<&Range<usize>> {
        let k = self.spans.partition_point(|s| s.start <= at);
        self.spans[..k].last().filter(|s| at < s.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_and_straight_quotes_pair_up() {
        let text = "“We stay,” he said. \"Yes,\" she said.";
        let q = Quotes::find(text);
        assert_eq!(q.spans.len(), 2);
        assert!(q.inside(&(3..7)));
        assert!(!q.inside(&(16..20)));
    }

    #[test]
    fn a_quote_runs_over_sentences_until_the_line_ends() {
        let text = "He said: \"We won. We stay.\nNext \"one";
        let q = Quotes::find(text);
        let second = text.find("We stay").unwrap();
        assert!(q.inside(&(second..second + 2)));
        let next = text.find("Next").unwrap();
        assert!(!q.inside(&(next..next + 4)));
    }
}
