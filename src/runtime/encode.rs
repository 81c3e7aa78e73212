//! Text → model input ids, identical to what the training scripts feed the model.

use std::path::Path;

use tokenizers::Tokenizer;

use super::{Result, RuntimeError};

/// Word case classes carried in `token_type_ids` by models trained with
/// `"claimsift_casing": "word_case"` (see training/common.py: same rules).
const CASE_NONE: i64 = 0;
const CASE_TITLE: i64 = 1;
const CASE_UPPER: i64 = 2;
const CASE_MIXED: i64 = 3;

/// Case class of one word: none/lower, Title, UPPER or mIxed.
pub fn word_case(word: &str) -> i64 {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    if upper == 0 {
        return CASE_NONE;
    }
    let lower = word.chars().filter(|c| c.is_lowercase()).count();
    let first_is_upper = word.chars().find(|c| c.is_uppercase() || c.is_lowercase()).is_some_and(char::is_uppercase);
    if upper == 1 && first_is_upper {
        CASE_TITLE
    } else if lower == 0 {
        CASE_UPPER
    } else {
        CASE_MIXED
    }
}

/// Case class of each token's pre-tokenizer word, read from the original text.
/// `offsets` are byte ranges into `text`; tokens without a word get class 0.
pub fn case_type_ids(text: &str, word_ids: &[Option<u32>], offsets: &[(usize, usize)]) -> Vec<i64> {
    // Word ids are dense indices 0..n, so a vector holds each word's byte span.
    let words = word_ids.iter().flatten().max().map_or(0, |&w| w as usize + 1);
    let mut spans: Vec<Option<(usize, usize)>> = vec![None; words];
    for (w, &(s, e)) in word_ids.iter().zip(offsets) {
        if let Some(w) = *w {
            let span = spans[w as usize].get_or_insert((s, e));
            *span = (span.0.min(s), span.1.max(e));
        }
    }
    let cases: Vec<i64> =
        spans.iter().map(|span| span.map_or(CASE_NONE, |(s, e)| word_case(text.get(s..e).unwrap_or("")))).collect();
    word_ids.iter().map(|w| w.map_or(CASE_NONE, |w| cases[w as usize])).collect()
}

/// One model input row.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    pub ids: Vec<i64>,
    pub type_ids: Vec<i64>,
}

impl Sequence {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// The tokens of one text without special tokens, with what decoding needs.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub ids: Vec<i64>,
    pub type_ids: Vec<i64>,
    /// Byte range of each token in the text.
    pub offsets: Vec<(usize, usize)>,
    /// Pre-tokenizer word of each token.
    pub word_ids: Vec<Option<u32>>,
}

/// A slice of a text's tokens that fits the model, as a model input row.
#[derive(Debug, Clone)]
pub struct Window {
    pub sequence: Sequence,
    /// Range of [`Tokens`] indices that this window holds.
    pub tokens: std::ops::Range<usize>,
}

/// Tokenizer plus the model's input conventions.
#[derive(Debug, Clone)]
pub struct Encoder {
    tokenizer: Tokenizer,
    casing: bool,
    max_len: usize,
    /// Special tokens that open and close a single sequence ([CLS] … [SEP]).
    prefix: Vec<i64>,
    suffix: Vec<i64>,
}

impl Encoder {
    pub fn from_file(path: &Path, casing: bool, max_len: usize) -> Result<Self> {
        let bad = |reason: String| RuntimeError::BadFile {
            folder: path.parent().unwrap_or(path).to_path_buf(),
            file: "tokenizer.json".into(),
            reason,
        };
        let mut tokenizer = Tokenizer::from_file(path).map_err(|e| bad(e.to_string()))?;
        // Shipped tokenizers may pad or truncate (MiniLM's pads to 128); the
        // runtime pads per batch and windows long texts itself.
        tokenizer.with_padding(None);
        tokenizer.with_truncation(None).map_err(|e| bad(e.to_string()))?;
        let specials = tokenizer.encode("", true).map_err(|e| bad(e.to_string()))?;
        let specials: Vec<i64> = specials.get_ids().iter().map(|&i| i64::from(i)).collect();
        let (prefix, suffix) = specials.split_at(specials.len().min(1));
        if max_len <= specials.len() + 1 {
            return Err(bad(format!("max length {max_len} leaves no room for text")));
        }
        Ok(Encoder { tokenizer, casing, max_len, prefix: prefix.to_vec(), suffix: suffix.to_vec() })
    }

    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// Number of special tokens before the text in a single sequence.
    pub fn prefix_len(&self) -> usize {
        self.prefix.len()
    }

    /// Tokens of `text` (no special tokens), with case type ids when the model uses them.
    pub fn tokens(&self, text: &str) -> Result<Tokens> {
        let enc = self.tokenizer.encode(text, false).map_err(|e| RuntimeError::Tokenizer(e.to_string()))?;
        let offsets = enc.get_offsets().to_vec();
        let word_ids = enc.get_word_ids().to_vec();
        let type_ids =
            if self.casing { case_type_ids(text, &word_ids, &offsets) } else { vec![0; offsets.len()] };
        Ok(Tokens { ids: enc.get_ids().iter().map(|&i| i64::from(i)).collect(), type_ids, offsets, word_ids })
    }

    /// Cuts tokens into windows that fit the model, overlapping by `stride`
    /// tokens so that every token has context on both sides in some window.
    pub fn windows(&self, tokens: &Tokens, stride: usize) -> Vec<Window> {
        let room = self.max_len - self.prefix.len() - self.suffix.len();
        let step = room.saturating_sub(stride).max(1);
        let mut windows = Vec::new();
        let mut start = 0;
        loop {
            let end = (start + room).min(tokens.ids.len());
            windows.push(self.window(tokens, start..end));
            if end == tokens.ids.len() {
                return windows;
            }
            start += step;
        }
    }

    fn window(&self, tokens: &Tokens, range: std::ops::Range<usize>) -> Window {
        let specials = |ids: &[i64]| vec![0; ids.len()];
        let ids = [&self.prefix[..], &tokens.ids[range.clone()], &self.suffix[..]].concat();
        let type_ids = [specials(&self.prefix), tokens.type_ids[range.clone()].to_vec(), specials(&self.suffix)].concat();
        Window { sequence: Sequence { ids, type_ids }, tokens: range }
    }

    /// A (first, second) pair as the tokenizer's template builds it; if too
    /// long, the longer side is cut (pair models see a bounded context).
    pub fn pair(&self, first: &str, second: &str) -> Result<Sequence> {
        let tokenizer_error = |e: tokenizers::Error| RuntimeError::Tokenizer(e.to_string());
        let mut enc = self.tokenizer.encode((first, second), true).map_err(tokenizer_error)?;
        if enc.len() > self.max_len {
            let mut truncating = self.tokenizer.clone();
            truncating
                .with_truncation(Some(tokenizers::TruncationParams { max_length: self.max_len, ..Default::default() }))
                .map_err(tokenizer_error)?;
            enc = truncating.encode((first, second), true).map_err(tokenizer_error)?;
        }
        Ok(Sequence {
            ids: enc.get_ids().iter().map(|&i| i64::from(i)).collect(),
            type_ids: enc.get_type_ids().iter().map(|&i| i64::from(i)).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_case_classes() {
        assert_eq!(word_case("putin"), CASE_NONE);
        assert_eq!(word_case("2020"), CASE_NONE);
        assert_eq!(word_case("Putin"), CASE_TITLE);
        assert_eq!(word_case("U"), CASE_TITLE);
        assert_eq!(word_case("NATO"), CASE_UPPER);
        assert_eq!(word_case("iPhone"), CASE_MIXED);
        assert_eq!(word_case("McDonald"), CASE_MIXED);
        assert_eq!(word_case("Ölçek"), CASE_TITLE);
    }

    #[test]
    fn case_ids_follow_words_not_tokens() {
        // "Aliyev" is one word split into several tokens: all get Title.
        let text = "Aliyev met NATO";
        let word_ids = [Some(0), Some(0), Some(0), Some(1), Some(2)];
        let offsets = [(0, 3), (3, 5), (5, 6), (7, 10), (11, 15)];
        assert_eq!(case_type_ids(text, &word_ids, &offsets), vec![1, 1, 1, 0, 2]);
    }
}
