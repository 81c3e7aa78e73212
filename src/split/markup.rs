//! What the markup at the start of a line says: markdown headings, list
//! markers, emphasis that wraps the whole line, inline section labels.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::punct::{ends_sentence, is_opener, ws_len};

/// What the markup at the start of a line says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    Plain,
    /// A bullet or numbered item: it starts a new unit.
    ListItem,
    /// A markdown heading or a fully bold line: a unit of its own.
    Heading,
}

/// The lines of `region` (without their `\n`), in order.
pub(crate) fn lines(text: &str, region: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let end = region.end;
    let mut next = Some(region.start);
    std::iter::from_fn(move || {
        let pos = next?;
        let line_end = text[pos..end].find('\n').map_or(end, |i| pos + i);
        next = (line_end < end).then_some(line_end + 1);
        Some(pos..line_end)
    })
}

/// The content of a line without surrounding whitespace, markdown heading
/// markers, list markers and emphasis that wraps the whole line, with what the
/// markup says about the line. Empty when the line holds only whitespace.
pub(crate) fn strip_markup(text: &str, line: Range<usize>) -> (Range<usize>, LineKind) {
    let s = &text[line.clone()];
    let mut b = s.trim_end().len();
    let mut a = ws_len(&s[..b]);
    let mut kind = LineKind::Plain;
    let hashes = s[a..b].bytes().take_while(|&c| c == b'#').count();
    if (1..=6).contains(&hashes) && s[a + hashes..b].starts_with(char::is_whitespace) {
        kind = LineKind::Heading;
        a += hashes;
        a += ws_len(&s[a..b]);
        // Optional closing sequence: `## Title ##`.
        let inner = s[a..b].trim_end_matches('#');
        if inner.len() < b - a && inner.ends_with(char::is_whitespace) {
            b = a + inner.trim_end().len();
        }
    }
    // Markers can nest: `- (1) text`, `> * text`.
    while let Some(n) = list_marker_len(&s[a..b]) {
        a += n;
        a += ws_len(&s[a..b]);
        if kind == LineKind::Plain {
            kind = LineKind::ListItem;
        }
    }
    let t = &s[a..b];
    if let Some(&c) = t.as_bytes().first().filter(|&&c| c == b'*' || c == b'_') {
        let run = t.bytes().take_while(|&x| x == c).count().min(3);
        if t.len() > 2 * run && t.ends_with(&t[..run]) {
            a += run;
            b -= run;
            b = a + s[a..b].trim_end().len();
            a += ws_len(&s[a..b]);
            if run >= 2 && kind == LineKind::Plain {
                kind = LineKind::Heading;
            }
        }
    }
    (line.start + a..line.start + b, kind)
}

/// Length of a bullet (`-`, `•`, …), `(1)`, `(a)`, `1.` or `1)` marker that
/// starts `s` and is followed by whitespace and more text.
fn list_marker_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let len = match first {
        '-' | '*' | '+' | '•' | '·' | '▪' | '◦' | '‣' | '>' => first.len_utf8(),
        '(' => {
            let inner = s[1..].find(')')?;
            let item = &s[1..1 + inner];
            let numbered = (1..=3).contains(&item.len()) && item.bytes().all(|c| c.is_ascii_digit());
            let lettered = item.len() == 1 && item.bytes().all(|c| c.is_ascii_lowercase());
            if !(numbered || lettered) {
                return None;
            }
            inner + 2
        }
        '0'..='9' => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 3 || !matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let rest = &s[len..];
    (rest.starts_with(char::is_whitespace) && !rest.trim_start().is_empty()).then_some(len)
}

/// Byte length of an inline section label (`BACKGROUND:`, `Key Takeaway:`)
/// that starts `line`, colon included. The label stands alone or opens a
/// paragraph of sentences: in a headline (`Karabakh: The View From Moscow`)
/// the colon is part of the unit.
pub(crate) fn label_end(line: &str) -> Option<usize> {
    // All-caps words of any number, or up to four Title-case words, then a
    // colon that ends the line or is followed by a space.
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:\p{Lu}[\p{Lu}\d'’&/-]*(?:[ \t]+[\p{Lu}\d][\p{Lu}\d'’&/-]*)*|\p{Lu}[\p{Ll}'’-]*(?:[ \t]+\p{Lu}[\p{Ll}'’-]*){0,3}):(?:\s|$)",
        )
        .expect("label regex")
    });
    const MAX_LABEL: usize = 40;
    let m = LABEL.find(line)?;
    let colon = line[..m.end()].trim_end().len();
    let rest = line[colon..].trim_start();
    let opens_sentence = rest.chars().find(|&c| !is_opener(c)).is_none_or(|c| !c.is_lowercase());
    (colon <= MAX_LABEL && (rest.is_empty() || (opens_sentence && ends_sentence(rest)))).then_some(colon)
}
