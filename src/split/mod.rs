//! Sentence splitting with byte offsets into the document text.
//!
//! Each body region is read line by line. Lines are grouped into *units* of
//! running text: a line without end punctuation (headline, heading, caption
//! kept as body) closes its unit unless the next line plainly continues a
//! sentence the extraction broke, and a blank line closes a unit whose last
//! line ends a sentence (`markup`: what a line's start says). Inside a unit
//! the scanner (`scan`) finds the sentence ends at end punctuation from the
//! token before and the word after it (`abbrev`), and starts a sentence at
//! each item of an inline list (`lists`).
//!
//! Each line and each byte is looked at a bounded number of times, with no
//! allocation per character, so the cost is linear in the text length.

mod abbrev;
mod lists;
mod markup;
mod punct;
mod scan;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub(crate) use markup::{lines, strip_markup, LineKind};
pub(crate) use punct::ends_sentence;

use markup::label_end;
use punct::{is_opener, ws_len};
use scan::{push_trimmed, scan};

/// Splits the body regions of `text` (from [`crate::clean::clean`]) into
/// sentences: byte ranges into `text`, trimmed of whitespace and of markup that
/// is not part of a sentence (heading markers, and list markers that start a
/// line; an inline list's items keep theirs).
pub fn split(text: &str, body: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for region in body {
        let end = region.end.min(text.len());
        let start = region.start.min(end);
        // Ranges that do not fall on characters are a caller bug; skipping
        // them keeps the splitter panic-free on any input.
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            split_region(text, start..end, &mut out);
        }
    }
    out
}

/// Consecutive lines read as one run of text.
struct Unit {
    start: usize,
    end: usize,
    /// Content of the unit's last line, to decide whether the next one joins.
    last: Range<usize>,
    kind: LineKind,
}

fn split_region(text: &str, region: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut unit: Option<Unit> = None;
    let mut blank = false;
    for line in lines(text, region) {
        let (mut content, kind) = strip_markup(text, line.clone());
        if content.is_empty() {
            blank = true;
            continue;
        }
        if kind == LineKind::ListItem {
            // A line that holds a whole inline list (`1) The first 2) The
            // second`) keeps its first marker like the others.
            let trimmed = line.start + ws_len(&text[line.clone()])..content.end;
            if lists::inline_markers(text, trimmed.clone()).first().is_some_and(|m| m.start == trimmed.start) {
                content = trimmed;
            }
        }
        let label = label_end(&text[content.clone()]).map(|n| content.start + n);
        if let Some(u) = unit.as_mut() {
            if kind == LineKind::Plain && u.kind != LineKind::Heading && label.is_none() {
                let prev = &text[u.last.clone()];
                // After end punctuation a single line break is like a space
                // (the scanner decides), a blank line is a paragraph end.
                let join = if ends_sentence(prev) { !blank } else { continues(prev, &text[content.clone()]) };
                if join {
                    u.end = content.end;
                    u.last = content;
                    blank = false;
                    continue;
                }
            }
        }
        if let Some(u) = unit.take() {
            scan(text, u.start..u.end, out);
        }
        blank = false;
        let mut start = content.start;
        if let Some(label_end) = label {
            push_trimmed(text, start..label_end, out);
            start = label_end + ws_len(&text[label_end..content.end]);
        }
        if start < content.end {
            unit = Some(Unit { start, end: content.end, last: start..content.end, kind });
        }
    }
    if let Some(u) = unit {
        scan(text, u.start..u.end, out);
    }
}

/// Whether the line `next` continues the sentence that the line `prev`
/// (which has no end punctuation) left open: `next` starts in lowercase, or
/// `prev` ends with a comma, a dash or a function word that cannot end a
/// sentence or a heading.
pub(crate) fn continues(prev: &str, next: &str) -> bool {
    // Lowercase: sentence-internal words that do not end Title-case headings.
    const CONNECTORS: &[&str] = &[
        "a", "about", "after", "against", "also", "among", "an", "and", "are", "as", "at", "be", "been", "before",
        "between", "both", "but", "by", "can", "could", "for", "from", "had", "has", "have", "her", "his", "if", "in",
        "into", "is", "its", "may", "might", "must", "nor", "not", "of", "on", "onto", "or", "our", "over", "should",
        "than", "that", "the", "their", "these", "this", "those", "through", "to", "under", "was", "were", "when",
        "where", "which", "while", "who", "whose", "will", "with", "within", "without", "would",
    ];
    if next.chars().find(|&c| !is_opener(c)).is_some_and(char::is_lowercase) {
        return true;
    }
    let prev = prev.trim_end();
    if prev.ends_with([',', ';', '-', '–', '—', '(', '/', '&']) {
        return true;
    }
    let last_word = prev.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    CONNECTORS.contains(&last_word)
}
