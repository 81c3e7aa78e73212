//! Character classes of sentence punctuation.

/// End punctuation: Latin, CJK full-width, Armenian, Devanagari, Arabic and
/// the interrobang family.
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '‽' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '։' | '।' | '॥' | '؟' | '۔')
}

/// Full-width terminators end a sentence without a following space.
pub(crate) fn is_glued_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Whether `b` can start the UTF-8 encoding of a terminator: the scanner
/// jumps from one such byte to the next.
pub(crate) fn may_start_terminator(b: u8) -> bool {
    // ASCII `.?!`; 0xE2: `…‽⁇⁈⁉`; 0xE3/0xEF: CJK; 0xD6: `։`; 0xE0: `।॥`;
    // 0xD8/0xDB: `؟۔`.
    matches!(b, b'.' | b'?' | b'!' | 0xE2 | 0xE3 | 0xEF | 0xD6 | 0xE0 | 0xD8 | 0xDB)
}

/// Marks that close a sentence after its end punctuation.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | '»' | '›' | ')' | ']' | '}' | '*' | '_' | '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// Closing quotation marks (a citation may follow one, see `scan`).
pub(crate) fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | '»' | '›')
}

/// Marks that may open a sentence before its first word.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '*' | '_')
}

/// Dashes that may stand between a quotation and its attribution
/// (`«Мы победили!» — сказал он.`).
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Bytes of leading whitespace.
pub(crate) fn ws_len(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Whether `s` ends with end punctuation, ignoring closing quotes, brackets
/// and footnote marks.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.trim_end().trim_end_matches(is_closer).ends_with(is_terminator)
}
