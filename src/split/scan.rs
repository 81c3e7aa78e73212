//! Finds the sentence ends inside one unit of running text.

use std::ops::Range;

use super::abbrev::is_boundary;
use super::lists::inline_markers;
use super::punct::{is_closer, is_closing_quote, is_glued_terminator, is_terminator, may_start_terminator, ws_len};

/// Finds the sentence ends inside one unit and pushes its sentences. Each
/// byte is looked at a bounded number of times.
pub(crate) fn scan(text: &str, unit: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut markers = inline_markers(text, unit.clone()).into_iter().peekable();
    let end = unit.end;
    let mut start = unit.start;
    let mut i = unit.start;
    // Whether the current sentence has a letter or digit yet: end punctuation
    // before that (a leading `…`) ends nothing.
    let mut has_word = false;
    while i < end {
        let next_marker = markers.peek().map_or(end, |m| m.start);
        if i >= next_marker {
            // An inline list item starts here, marker and all.
            let marker = markers.next().unwrap_or(next_marker..next_marker);
            if has_word && marker.start > start {
                push_trimmed(text, start..marker.start, out);
                start = marker.start;
            }
            has_word = true;
            i = i.max(marker.end);
            continue;
        }
        if has_word {
            // Only end punctuation matters now: jump to the next byte that
            // can start one.
            match text.as_bytes()[i..next_marker].iter().position(|&b| may_start_terminator(b)) {
                Some(skip) => i += skip,
                None => {
                    i = next_marker;
                    continue;
                }
            }
        }
        let Some(c) = text[i..end].chars().next() else { break };
        if !is_terminator(c) {
            has_word |= c.is_alphanumeric();
            i += c.len_utf8();
            continue;
        }
        let run_end = i + terminator_run_len(&text[i..end]);
        let after = run_end + (text[run_end..end].len() - text[run_end..end].trim_start_matches(is_closer).len());
        if !has_word || bracketed_ellipsis(text, i..run_end) {
            i = after;
            continue;
        }
        let rest = &text[after..end];
        let glued = text[i..run_end].ends_with(is_glued_terminator);
        if !rest.starts_with(char::is_whitespace) && !glued {
            // `3.5`, `U.S.`, URLs, `Putin:“The`: no space, no end.
            i = after;
            continue;
        }
        let mut sentence_end = after;
        let mut next = after + ws_len(rest);
        // A citation after a closing quote stays with the quoted sentence
        // (`called it “a historic step.” (Interfax) It was signed`); the word
        // after the citation decides.
        if text[run_end..after].contains(is_closing_quote) {
            if let Some(len) = citation_len(&text[next..end]) {
                sentence_end = next + len;
                next = sentence_end + ws_len(&text[sentence_end..end]);
            }
        }
        if next >= end {
            break;
        }
        if !is_boundary(text, i..run_end, &text[next..end]) {
            i = sentence_end;
            continue;
        }
        push_trimmed(text, start..sentence_end, out);
        start = next;
        has_word = false;
        i = next;
    }
    if has_word {
        push_trimmed(text, start..end, out);
    }
}

/// Bytes of the end punctuation run that starts `s`: `.`, `?!`, `...`, and
/// a spaced ellipsis `. . .` as one run.
fn terminator_run_len(s: &str) -> usize {
    let run = s.len() - s.trim_start_matches(is_terminator).len();
    if run != 1 || !s.starts_with('.') {
        return run;
    }
    let mut len = 1;
    while s[len..].starts_with(" .") {
        len += 2;
    }
    if len >= 5 {
        len
    } else {
        1
    }
}

/// An ellipsis in brackets marks left-out words (`[...]`, `(…)`): no end.
fn bracketed_ellipsis(text: &str, run: Range<usize>) -> bool {
    let dots = &text[run.clone()];
    let ellipsis = dots == "…" || dots.len() >= 3 && dots.bytes().all(|b| b == b'.');
    ellipsis && text[..run.start].ends_with(['[', '(']) && text[run.end..].starts_with([']', ')'])
}

/// Bytes of a short parenthetical that cites a source (`(Reuters)`,
/// `(Smith 2010)`, `(p. 45)`) at the start of `s`, with any end punctuation
/// right after it: one line, at most 60 bytes, not ending a sentence of its
/// own (`(Nobody was surprised.)` is a sentence).
fn citation_len(s: &str) -> Option<usize> {
    const MAX_CITATION: usize = 60;
    let inner_end = s.strip_prefix('(')?.find([')', '(', '\n'])? + 1;
    let inner = s[1..inner_end].trim();
    if !s[inner_end..].starts_with(')') || inner_end > MAX_CITATION || inner.is_empty() || inner.ends_with(is_terminator) {
        return None;
    }
    let close = inner_end + 1;
    Some(close + (s[close..].len() - s[close..].trim_start_matches(is_terminator).len()))
}

pub(crate) fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let start = range.start + ws_len(s);
    let end = range.start + s.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminator_runs() {
        assert_eq!(terminator_run_len(". . . and"), 5);
        assert_eq!(terminator_run_len(". . and"), 1);
        assert_eq!(terminator_run_len("?! x"), 2);
        assert_eq!(terminator_run_len("... x"), 3);
    }

    #[test]
    fn citations() {
        assert_eq!(citation_len("(Reuters) Next"), Some(9));
        assert_eq!(citation_len("(Smith 2010). Next"), Some(13));
        assert_eq!(citation_len("(Nobody was surprised.) Next"), None);
        assert_eq!(citation_len("(unclosed"), None);
        assert_eq!(citation_len("Reuters"), None);
    }
}
