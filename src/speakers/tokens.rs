//! The words, punctuation and quotation marks of a sentence, with what the
//! speaker patterns need to know about each: inside a quote or brackets, and
//! which entity it belongs to.

use std::ops::Range;

use super::lexicon::ABBREVIATIONS;
use super::quotes::Quotes;
use crate::entities::Entity;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    OpenQuote,
    CloseQuote,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the document.
    pub range: Range<usize>,
    pub kind: Kind,
    /// Lowercase text of a word ("" for other tokens).
    pub lower: String,
    /// Whether the first letter is uppercase.
    pub capitalized: bool,
    /// Inside quotation marks (the marks themselves are not).
    pub quoted: bool,
    /// Inside brackets, or a bracket.
    pub bracketed: bool,
    /// Index of the entity (in the document's entities) the token belongs to.
    pub entity: Option<usize>,
    /// Part of a place name (a LOC entity).
    pub place: bool,
}

impl Token {
    pub fn word(&self) -> Option<&str> {
        (self.kind == Kind::Word).then_some(self.lower.as_str())
    }

    pub fn is(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.lower == word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

fn joins_word(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‑' | '.' | '&' | '/')
}

/// Tokens of `text[sentence]`; `entities` are the sentence's entities as
/// (index in the document's entities, entity).
pub fn tokenize(text: &str, sentence: &Range<usize>, quotes: &Quotes, entities: &[(usize, &Entity)]) -> Vec<Token> {
    let s = &text[sentence.clone()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut tokens = Vec::new();
    let mut depth = 0usize;
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let start = sentence.start + at;
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = k + 1;
            while j < chars.len() {
                let (_, d) = chars[j];
                let next_alnum = chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                let digits = d == ',' && chars[j - 1].1.is_ascii_digit() && chars.get(j + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if d.is_alphanumeric() || (joins_word(d) && next_alnum) || digits {
                    j += 1;
                } else {
                    break;
                }
            }
            let end_at = chars.get(j).map_or(s.len(), |(b, _)| *b);
            let mut word = s[at..end_at].to_string();
            let mut end = sentence.start + end_at;
            // "Mr.", "J.", "U.S.": the full stop belongs to the word.
            if chars.get(j).is_some_and(|(_, d)| *d == '.') {
                let lower = word.to_lowercase();
                let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                // A full stop before a comma ends no sentence: "Princeton, N.J., says".
                let before_comma = chars.get(j + 1).is_some_and(|(_, n)| *n == ',');
                if ABBREVIATIONS.contains(&lower.as_str()) || single_capital || word.contains('.') || before_comma {
                    word.push('.');
                    end += 1;
                    j += 1;
                }
            }
            tokens.push(Token {
                range: start..end,
                kind: Kind::Word,
                lower: word.to_lowercase(),
                capitalized: word.chars().next().is_some_and(char::is_uppercase),
                quoted: false,
                bracketed: depth > 0,
                entity: None,
                place: false,
            });
            k = j;
            continue;
        }
        let end = start + c.len_utf8();
        let kind = match quotes.mark_at(start) {
            Some(true) => Kind::OpenQuote,
            Some(false) => Kind::CloseQuote,
            None => Kind::Punct(c),
        };
        if matches!(c, '(' | '[') {
            depth += 1;
        }
        tokens.push(Token { range: start..end, kind, lower: String::new(), capitalized: false, quoted: false, bracketed: depth > 0, entity: None, place: false });
        if matches!(c, ')' | ']') {
            depth = depth.saturating_sub(1);
        }
        k += 1;
    }
    for t in &mut tokens {
        t.quoted = matches!(t.kind, Kind::Word | Kind::Punct(_)) && quotes.inside(&t.range);
        let entity = entities.iter().find(|(_, e)| e.range.start < t.range.end && t.range.start < e.range.end);
        t.entity = entity.map(|(i, _)| *i);
        t.place = entity.is_some_and(|(_, e)| e.entity_type == "LOC");
    }
    tokens
}
