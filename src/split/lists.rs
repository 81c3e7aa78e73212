//! Inline lists: items written one after another inside a line of running
//! text (`1.) Buy flour 2.) Bake bread`, `a. … b. …`, `• 3. … • 4. …`). Each
//! item is a sentence of its own and keeps its marker, so the scanner needs
//! where the markers are: a sentence starts at each, and the period inside
//! `1.` or `a.` ends nothing.
//!
//! A marker counts only as part of a list: two or more markers of one style
//! with consecutive labels (1, 2, 3 or a, b, c or i, ii, iii), or two or more
//! of the same bullet, where the first opens the unit or follows the end of a
//! sentence or a colon, and every item starts with a capital or a digit. So
//! `three steps: 1) cut taxes, 2) raise wages` stays one sentence, and
//! `led by A. Smith and B. Jones` is a list of nothing.

use std::ops::Range;

use super::abbrev::is_sentence_starter;
use super::punct::{is_closer, is_opener, is_terminator};

/// What kind of label an enumerator has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Digits,
    Lower,
    Upper,
    Roman,
}

/// One enumerator that may belong to a list.
#[derive(Debug, Clone)]
struct Enumerator {
    range: Range<usize>,
    label: Label,
    value: u32,
    /// The punctuation around the label: `1.`, `1)`, `1.)`, `(1)`.
    form: &'static str,
}

const BULLETS: &[char] = &['•', '▪', '◦', '‣', '●', '○', '■', '□', '►', '▸'];

/// The byte ranges of the markers of the inline lists in `text[unit]`, in
/// order; empty when there is none. Linear in the unit's length.
pub(crate) fn inline_markers(text: &str, unit: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[unit.clone()];
    // One pass over the bytes that can end a label or start a bullet (every
    // bullet's UTF-8 lead byte is 0xE2).
    let mut enumerators: Vec<Enumerator> = Vec::new();
    let mut bullets: Vec<(usize, char)> = Vec::new();
    for p in memchr::memchr3_iter(b'.', b')', 0xE2, s.as_bytes()) {
        if s.as_bytes()[p] == 0xE2 {
            if let Some(c) = s[p..].chars().next().filter(|c| BULLETS.contains(c)) {
                bullets.push((p, c));
            }
        } else if let Some(e) = enumerator_ending_at(s, unit.start, p) {
            if enumerators.last().is_none_or(|last| last.range.start != e.range.start) {
                enumerators.push(e);
            }
        }
    }
    if enumerators.len() < 2 && bullets.len() < 2 {
        return Vec::new();
    }
    let mut markers = bullet_markers(text, unit.clone(), &bullets);
    for label in [Label::Digits, Label::Lower, Label::Upper, Label::Roman] {
        for chain in chains(&enumerators, label) {
            let ranges: Vec<Range<usize>> = chain.iter().map(|e| e.range.clone()).collect();
            if ranges.iter().any(|r| markers.iter().any(|m| m.start <= r.start && r.start < m.end)) {
                continue;
            }
            if opens_list(text, unit.start, ranges[0].start) && items_start_sentences(text, unit.end, &ranges, label) {
                markers.extend(ranges);
            }
        }
    }
    markers.sort_by_key(|r| r.start);
    markers.dedup_by(|b, a| b.start < a.end);
    markers
}

/// Bullets of one kind (`bullets`: where each bullet character is), two or
/// more, with an enumerator right after each taken into the marker (`• 3.`).
fn bullet_markers(text: &str, unit: Range<usize>, bullets: &[(usize, char)]) -> Vec<Range<usize>> {
    let s = &text[unit.clone()];
    if bullets.len() < 2 {
        return Vec::new();
    }
    for &bullet in BULLETS {
        let found: Vec<usize> = bullets
            .iter()
            .filter(|&&(_, c)| c == bullet)
            .map(|&(i, _)| i)
            .filter(|&i| {
                let before_ok = s[..i].chars().next_back().is_none_or(char::is_whitespace);
                let after = &s[i + bullet.len_utf8()..];
                before_ok && after.starts_with(char::is_whitespace)
            })
            .collect();
        if found.len() < 2 {
            continue;
        }
        let markers: Vec<Range<usize>> = found
            .iter()
            .map(|&i| {
                let after = i + bullet.len_utf8();
                let label_start = after + (s[after..].len() - s[after..].trim_start().len());
                let end = enumerator_at(s, label_start).map_or(after, |(len, ..)| label_start + len);
                unit.start + i..unit.start + end
            })
            .collect();
        let items_ok = markers.iter().all(|m| item_starts_sentence(&text[m.end..unit.end], false));
        if opens_list(text, unit.start, markers[0].start) && items_ok {
            return markers;
        }
    }
    Vec::new()
}

/// The enumerator whose `.` or `)` is at byte `p` of the unit text `s`
/// (starting at `offset` in the document), preceded by whitespace or the
/// unit start and followed by whitespace.
fn enumerator_ending_at(s: &str, offset: usize, p: usize) -> Option<Enumerator> {
    const MAX_MARKER: usize = 6;
    let from = p.saturating_sub(MAX_MARKER);
    let token_start = match s.as_bytes()[from..p].iter().rposition(u8::is_ascii_whitespace) {
        Some(w) => from + w + 1,
        // A token longer than a marker, or one that starts the unit.
        None if from > 0 && !s.as_bytes()[from - 1].is_ascii_whitespace() => return None,
        None => from,
    };
    let (len, label, value, form) = enumerator_at(s, token_start)?;
    let start = offset + token_start;
    Some(Enumerator { range: start..start + len, label, value, form })
}

/// An enumerator starting at byte `i` of `s` and followed by whitespace:
/// its length, label kind, value and form. A lowercase `i`, `v` or `x` is
/// both a letter and a roman numeral: the letter is returned, and `chains`
/// reads it as a numeral too.
fn enumerator_at(s: &str, i: usize) -> Option<(usize, Label, u32, &'static str)> {
    let rest = &s[i..];
    let (open, body) = match rest.strip_prefix('(') {
        Some(b) => (1, b),
        None => (0, rest),
    };
    let label_len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if label_len == 0 || label_len > 4 {
        return None;
    }
    let label = &body[..label_len];
    let after = &body[label_len..];
    let form = if open == 1 {
        after.starts_with(')').then_some("()")?
    } else if after.starts_with(".)") {
        ".)"
    } else if after.starts_with(')') {
        ")"
    } else if after.starts_with('.') {
        "."
    } else {
        return None;
    };
    let len = open + label_len + form.len() - usize::from(open == 1);
    if !s[i + len..].starts_with(char::is_whitespace) {
        return None;
    }
    let (kind, value) = if label.bytes().all(|b| b.is_ascii_digit()) {
        (label_len <= 3).then(|| (Label::Digits, label.parse().unwrap_or(0)))?
    } else if label_len == 1 && label.bytes().all(|b| b.is_ascii_lowercase()) {
        (Label::Lower, u32::from(label.as_bytes()[0] - b'a' + 1))
    } else if label_len == 1 && label.bytes().all(|b| b.is_ascii_uppercase()) {
        (Label::Upper, u32::from(label.as_bytes()[0] - b'A' + 1))
    } else {
        (Label::Roman, roman(label)?)
    };
    Some((len, kind, value, form))
}

/// The value of a lowercase roman numeral up to xx.
fn roman(label: &str) -> Option<u32> {
    const NUMERALS: [&str; 20] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii",
        "xviii", "xix", "xx",
    ];
    NUMERALS.iter().position(|&n| n == label).map(|p| p as u32 + 1)
}

/// Runs of two or more enumerators of one label kind and form whose values
/// go up by one.
fn chains(all: &[Enumerator], label: Label) -> Vec<Vec<Enumerator>> {
    let as_label = |e: &Enumerator| -> Option<u32> {
        match (label, e.label) {
            (l, k) if l == k => Some(e.value),
            (Label::Roman, Label::Lower) => roman(&char::from(b'a' + e.value as u8 - 1).to_string()),
            _ => None,
        }
    };
    let mut out: Vec<Vec<Enumerator>> = Vec::new();
    let mut current: Vec<Enumerator> = Vec::new();
    for e in all {
        let Some(value) = as_label(e) else { continue };
        let follows = current.last().is_some_and(|last| last.form == e.form && as_label(last) == Some(value - 1));
        if !follows {
            if current.len() >= 2 {
                out.push(std::mem::take(&mut current));
            }
            current.clear();
        }
        current.push(e.clone());
    }
    if current.len() >= 2 {
        out.push(current);
    }
    out
}

/// Whether a list may start at `marker`: it opens the unit, or follows the
/// end of a sentence or a colon.
fn opens_list(text: &str, unit_start: usize, marker: usize) -> bool {
    let before = text[unit_start..marker].trim_end().trim_end_matches(is_closer);
    before.is_empty() || before.ends_with(is_terminator) || before.ends_with(':')
}

/// Whether every item starts like a sentence. After a capital-letter label
/// (`A.`) the item must start with a word that starts sentences, or the
/// markers would be a name's initials (`A. Smith and B. Jones`).
fn items_start_sentences(text: &str, unit_end: usize, markers: &[Range<usize>], label: Label) -> bool {
    markers.iter().all(|m| item_starts_sentence(&text[m.end..unit_end], label == Label::Upper))
}

fn item_starts_sentence(item: &str, needs_starter: bool) -> bool {
    let item = item.trim_start().trim_start_matches(is_opener);
    let Some(first) = item.chars().next() else { return false };
    if needs_starter {
        let word = &item[..item.find(|c: char| !c.is_alphanumeric()).unwrap_or(item.len())];
        return is_sentence_starter(word);
    }
    first.is_uppercase() || first.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(s: &str) -> Vec<&str> {
        inline_markers(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn numbered_lettered_roman_and_bulleted_lists() {
        assert_eq!(markers("1.) Buy flour 2.) Bake bread"), ["1.)", "2.)"]);
        assert_eq!(markers("a. The first b. The second"), ["a.", "b."]);
        assert_eq!(markers("i. One ii. Two iii. Three"), ["i.", "ii.", "iii."]);
        assert_eq!(markers("• 9. Roads reopen • 10. Schools reopen"), ["• 9.", "• 10."]);
        assert_eq!(markers("Two points: (1) Turnout rose (2) Fraud fell"), ["(1)", "(2)"]);
    }

    #[test]
    fn no_list_without_a_sequence_a_start_or_capital_items() {
        assert!(markers("He came 1. Then 3. Then more").is_empty());
        assert!(markers("The plan: 1) cut taxes, 2) raise wages").is_empty());
        assert!(markers("It was led by A. Smith and B. Jones.").is_empty());
        assert!(markers("A. Smith and B. Jones wrote it.").is_empty());
        assert!(markers("We saw 1) Turnout 2) Fraud").is_empty());
        assert!(markers("No list here at all.").is_empty());
    }
}
