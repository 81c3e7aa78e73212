//! Token classification (NER): texts → entity spans with byte offsets.

use super::encode::{Tokens, Window};
use super::{softmax, Model, Result};

/// How subword predictions become one prediction per word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Aggregation {
    /// The word takes its first subword's prediction.
    #[default]
    First,
    /// The word takes the label of its averaged subword probabilities.
    Average,
    /// The word takes the prediction of its most confident subword.
    Max,
}

/// One entity found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySpan {
    /// Byte range into the text that was classified.
    pub start: usize,
    pub end: usize,
    /// Entity type: the label without its B-/I- prefix.
    pub label: String,
    /// Mean probability of the entity's words' labels.
    pub score: f32,
}

/// Decodes entity spans from a token classification model.
pub struct TokenClassifier {
    pub model: Model,
    pub aggregation: Aggregation,
    /// Tokens shared by consecutive windows of a text longer than the model's window.
    pub stride: usize,
}

struct Word {
    start: usize,
    end: usize,
    label: usize,
    score: f32,
}

impl TokenClassifier {
    pub fn new(model: Model) -> Self {
        let stride = model.encoder.max_len() / 4;
        TokenClassifier { model, aggregation: Aggregation::default(), stride }
    }

    /// Entities of each text, offsets into that text.
    pub fn predict(&self, texts: &[&str]) -> Result<Vec<Vec<EntitySpan>>> {
        let tokens: Vec<Tokens> = texts.iter().map(|t| self.model.encoder.tokens(t)).collect::<Result<_>>()?;
        let windows: Vec<Vec<Window>> = tokens.iter().map(|t| self.model.encoder.windows(t, self.stride)).collect();
        let sequences: Vec<_> = windows.iter().flatten().map(|w| &w.sequence).collect();
        let mut logits = self.model.logits(&sequences)?.into_iter();
        let labels = self.model.labels.len();
        let prefix = self.model.encoder.prefix_len();
        Ok(tokens
            .iter()
            .zip(&windows)
            .map(|(tokens, windows)| {
                let window_logits: Vec<Vec<f32>> = windows.iter().map(|_| logits.next().unwrap_or_default()).collect();
                let probs = merge_windows(tokens.ids.len(), windows, &window_logits, labels, prefix);
                let words = self.words(tokens, &probs);
                self.spans(&words)
            })
            .collect())
    }

    fn words(&self, tokens: &Tokens, probs: &[Vec<f32>]) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut members: Vec<usize> = Vec::new();
        let flush = |members: &mut Vec<usize>, words: &mut Vec<Word>| {
            if members.is_empty() {
                return;
            }
            let (label, score) = aggregate(self.aggregation, members.iter().map(|&t| &probs[t][..]));
            let start = members.iter().map(|&t| tokens.offsets[t].0).min().unwrap_or(0);
            let end = members.iter().map(|&t| tokens.offsets[t].1).max().unwrap_or(0);
            words.push(Word { start, end, label, score });
            members.clear();
        };
        for t in 0..tokens.ids.len() {
            let same_word = members.last().is_some_and(|&m| tokens.word_ids[m].is_some() && tokens.word_ids[m] == tokens.word_ids[t]);
            if !same_word {
                flush(&mut members, &mut words);
            }
            members.push(t);
        }
        flush(&mut members, &mut words);
        words
    }

    /// BIO/IOB decoding, tolerant of ill-formed sequences: an I- tag after O
    /// or after another type starts a new entity.
    fn spans(&self, words: &[Word]) -> Vec<EntitySpan> {
        let mut spans: Vec<EntitySpan> = Vec::new();
        let mut current: Option<(EntitySpan, usize)> = None;
        for word in words {
            let tag = &self.model.labels[word.label];
            let (prefix, kind) = split_tag(tag);
            // IO-scheme tags ("PER" without prefix) continue like I- tags.
            let continues = prefix != Some('B')
                && kind != "O"
                && current.as_ref().is_some_and(|(span, _)| span.label == kind);
            if continues {
                if let Some((span, n)) = current.as_mut() {
                    span.end = word.end;
                    span.score += word.score;
                    *n += 1;
                }
                continue;
            }
            if let Some((mut span, n)) = current.take() {
                span.score /= n as f32;
                spans.push(span);
            }
            if kind != "O" {
                let label = kind.to_string();
                current = Some((EntitySpan { start: word.start, end: word.end, label, score: word.score }, 1));
            }
        }
        if let Some((mut span, n)) = current {
            span.score /= n as f32;
            spans.push(span);
        }
        spans
    }
}

/// "B-PER" → (Some('B'), "PER"); "O" → (None, "O"); "PER" → (None, "PER").
fn split_tag(tag: &str) -> (Option<char>, &str) {
    match tag.as_bytes() {
        [p @ (b'B' | b'I' | b'E' | b'S'), b'-', ..] => {
            // E- and S- (BIOES) close or are whole entities; treat like B-/I-.
            let prefix = if matches!(p, b'B' | b'S') { 'B' } else { 'I' };
            (Some(prefix), &tag[2..])
        }
        _ => (None, tag),
    }
}

/// Label and score of a word from its subwords' probabilities.
fn aggregate<'a>(how: Aggregation, mut subwords: impl Iterator<Item = &'a [f32]>) -> (usize, f32) {
    let argmax = |p: &[f32]| p.iter().enumerate().fold((0, f32::MIN), |best, (i, &v)| if v > best.1 { (i, v) } else { best });
    match how {
        Aggregation::First => subwords.next().map_or((0, 0.0), argmax),
        Aggregation::Max => subwords.map(argmax).fold((0, f32::MIN), |best, c| if c.1 > best.1 { c } else { best }),
        Aggregation::Average => {
            let mut sum: Vec<f32> = Vec::new();
            let mut n = 0.0;
            for p in subwords {
                sum.resize(p.len(), 0.0);
                sum.iter_mut().zip(p).for_each(|(s, v)| *s += v);
                n += 1.0;
            }
            let (label, total) = argmax(&sum);
            (label, total / n)
        }
    }
}

/// Per token of the text, the probabilities from the window where that token
/// sits farthest from a window edge (most context on both sides).
fn merge_windows(count: usize, windows: &[Window], logits: &[Vec<f32>], labels: usize, prefix: usize) -> Vec<Vec<f32>> {
    let mut best: Vec<Option<(usize, usize)>> = vec![None; count]; // (window, distance to edge)
    for (w, window) in windows.iter().enumerate() {
        for t in window.tokens.clone() {
            let distance = (t - window.tokens.start).min(window.tokens.end - 1 - t);
            if best[t].is_none_or(|(_, d)| distance > d) {
                best[t] = Some((w, distance));
            }
        }
    }
    best.iter()
        .enumerate()
        .map(|(t, choice)| {
            let w = choice.map_or(0, |(w, _)| w);
            let row = prefix + t - windows[w].tokens.start;
            logits[w].get(row * labels..(row + 1) * labels).map_or_else(|| vec![0.0; labels], softmax)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_split_into_prefix_and_type() {
        assert_eq!(split_tag("B-PER"), (Some('B'), "PER"));
        assert_eq!(split_tag("I-MISC"), (Some('I'), "MISC"));
        assert_eq!(split_tag("O"), (None, "O"));
        assert_eq!(split_tag("S-LOC"), (Some('B'), "LOC"));
    }

    #[test]
    fn aggregation_strategies_differ_as_documented() {
        let a = [0.6, 0.4];
        let b = [0.1, 0.9];
        assert_eq!(aggregate(Aggregation::First, [&a[..], &b[..]].into_iter()).0, 0);
        assert_eq!(aggregate(Aggregation::Max, [&a[..], &b[..]].into_iter()).0, 1);
        let (label, score) = aggregate(Aggregation::Average, [&a[..], &b[..]].into_iter());
        assert_eq!(label, 1);
        assert!((score - 0.65).abs() < 1e-6);
    }
}
