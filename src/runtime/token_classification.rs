//! Token classification (NER): texts → entity spans with byte offsets.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

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

/// Which spans [`TokenClassifier::predict`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SpanSet {
    /// The spans of the `type` label set (PER, ORG, LOC, MISC) with their
    /// fine types, and the numeric fine spans as NUM spans.
    #[default]
    Entities,
    /// The spans of the `fine_type` label set on its own, with their own
    /// edges, each labelled with its fine type (OntoNotes' 18 types, as
    /// OntoNotes results are scored).
    Fine,
}

/// One entity found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct EntitySpan {
    /// Byte range into the text that was classified.
    pub start: usize,
    pub end: usize,
    /// Entity type: the label without its B-/I- prefix ([`NUMERIC`] for a
    /// span of a numeric fine type).
    pub label: String,
    /// The fine type (OntoNotes) of a model with a `fine_type` label set:
    /// that of the fine span overlapping this one most; else empty.
    pub fine_type: String,
    /// Mean probability of the entity's words' labels.
    pub score: f32,
}

/// The `label` of spans that only the fine label set finds, of a numeric type.
pub const NUMERIC: &str = "NUM";

/// OntoNotes types of quantities, not names: their spans are [`NUMERIC`] spans.
const NUMERIC_FINE_TYPES: [&str; 7] = ["DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"];

/// Decodes entity spans from a token classification model.
pub struct TokenClassifier {
    pub model: Model,
    pub aggregation: Aggregation,
    /// Tokens shared by consecutive windows of a text longer than the model's window.
    pub stride: usize,
    /// Which spans `predict` returns; [`SpanSet::Fine`] needs a `fine_type` label set.
    pub spans: SpanSet,
    types: LabelSet,
    fine_types: Option<LabelSet>,
}

/// One label set of the model's outputs, decoded on its own: its own
/// softmax over its slice of the logits and its own constrained path.
struct LabelSet {
    outputs: Range<usize>,
    /// Labels of the slice, without a label set prefix ("onto:B-GPE" → "B-GPE").
    labels: Vec<String>,
    transitions: Transitions,
}

impl LabelSet {
    fn new(all: &[String], outputs: Range<usize>, restart_log_prob: &BTreeMap<String, f32>) -> Self {
        let labels: Vec<String> =
            all[outputs.clone()].iter().map(|l| l.split_once(':').map_or(l.as_str(), |(_, tag)| tag).to_string()).collect();
        let transitions = Transitions::new(&labels, restart_log_prob);
        LabelSet { outputs, labels, transitions }
    }
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
        let count = model.labels.len();
        // Model::load checked the label sets, and "type" is always there.
        let types_range = model.config.label_set("type", count).unwrap_or(0..count);
        let types = LabelSet::new(&model.labels, types_range, &model.config.claimsift_restart_log_prob);
        let fine_types = model
            .config
            .label_set("fine_type", count)
            .map(|range| LabelSet::new(&model.labels, range, &model.config.claimsift_fine_restart_log_prob));
        TokenClassifier { model, aggregation: Aggregation::default(), stride, spans: SpanSet::default(), types, fine_types }
    }

    /// True when the model has a `fine_type` label set.
    pub fn has_fine_types(&self) -> bool {
        self.fine_types.is_some()
    }

    /// Entities of each text, offsets into that text, in text order: the
    /// spans of the `type` label set with their fine types, and the spans of
    /// numeric fine types as [`NUMERIC`] spans (or, with [`SpanSet::Fine`],
    /// the fine label set's own spans).
    pub fn predict(&self, texts: &[&str]) -> Result<Vec<Vec<EntitySpan>>> {
        // Tokenizing and decoding run on all workers too: done serially they
        // leave the other cores idle before and after inference.
        let tokens: Vec<Tokens> = texts.par_iter().map(|t| self.model.encoder.tokens(t)).collect::<Result<_>>()?;
        let windows: Vec<Vec<Window>> = tokens.par_iter().map(|t| self.model.encoder.windows(t, self.stride)).collect();
        let sequences: Vec<_> = windows.iter().flatten().map(|w| &w.sequence).collect();
        let mut logits = self.model.logits(&sequences)?.into_iter();
        let per_text: Vec<Vec<Vec<f32>>> = windows.iter().map(|w| logits.by_ref().take(w.len()).collect()).collect();
        let labels = self.model.labels.len();
        let prefix = self.model.encoder.prefix_len();
        Ok(texts
            .par_iter()
            .zip(&tokens)
            .zip(&windows)
            .zip(&per_text)
            .map(|(((text, tokens), windows), window_logits)| {
                let rows = merge_windows(tokens.ids.len(), windows, window_logits, labels, prefix);
                let words = word_members(tokens);
                if let (SpanSet::Fine, Some(fine_types)) = (self.spans, &self.fine_types) {
                    let fine = self.decode(fine_types, text, tokens, &words, &rows);
                    return fine.into_iter().map(|f| EntitySpan { fine_type: f.label.clone(), ..f }).collect();
                }
                let mut spans = self.decode(&self.types, text, tokens, &words, &rows);
                if let Some(fine_types) = &self.fine_types {
                    let fine = self.decode(fine_types, text, tokens, &words, &rows);
                    join_fine_types(&mut spans, fine);
                }
                spans
            })
            .collect())
    }

    /// The spans of one label set.
    fn decode(&self, set: &LabelSet, text: &str, tokens: &Tokens, words: &[Vec<usize>], rows: &[&[f32]]) -> Vec<EntitySpan> {
        let probs: Vec<Vec<f32>> =
            rows.iter().map(|row| row.get(set.outputs.clone()).map_or_else(|| vec![0.0; set.outputs.len()], softmax)).collect();
        let words = self.words(set, tokens, words, &probs);
        spans(&set.labels, &words).into_iter().filter_map(|span| trim_edges(text, span)).collect()
    }

    /// Words with their labels: per word the aggregated subword
    /// probabilities, then the most probable label sequence that is valid BIO.
    fn words(&self, set: &LabelSet, tokens: &Tokens, words: &[Vec<usize>], probs: &[Vec<f32>]) -> Vec<Word> {
        let word_probs: Vec<Vec<f32>> =
            words.iter().map(|members| aggregate(self.aggregation, members.iter().map(|&t| &probs[t][..]))).collect();
        let labels = set.transitions.best_path(&word_probs);
        words
            .iter()
            .zip(labels)
            .zip(&word_probs)
            .map(|((members, label), p)| Word {
                start: members.iter().map(|&t| tokens.offsets[t].0).min().unwrap_or(0),
                end: members.iter().map(|&t| tokens.offsets[t].1).max().unwrap_or(0),
                label,
                score: p.get(label).copied().unwrap_or(0.0),
            })
            .collect()
    }
}

/// The tokens of each word, in order.
fn word_members(tokens: &Tokens) -> Vec<Vec<usize>> {
    let mut words: Vec<Vec<usize>> = Vec::new();
    for t in 0..tokens.ids.len() {
        let same_word = words
            .last()
            .and_then(|w| w.last())
            .is_some_and(|&m| tokens.word_ids[m].is_some() && tokens.word_ids[m] == tokens.word_ids[t]);
        match words.last_mut() {
            Some(word) if same_word => word.push(t),
            _ => words.push(vec![t]),
        }
    }
    words
}

/// BIO/IOB decoding, tolerant of ill-formed sequences: an I- tag after O
/// or after another type starts a new entity.
fn spans(labels: &[String], words: &[Word]) -> Vec<EntitySpan> {
    let mut spans: Vec<EntitySpan> = Vec::new();
    let mut current: Option<(EntitySpan, usize)> = None;
    for word in words {
        let tag = &labels[word.label];
        let (prefix, kind) = split_tag(tag);
        // IO-scheme tags ("PER" without prefix) continue like I- tags.
        let continues =
            prefix != Some('B') && kind != "O" && current.as_ref().is_some_and(|(span, _)| span.label == kind);
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
            current =
                Some((EntitySpan { start: word.start, end: word.end, label, fine_type: String::new(), score: word.score }, 1));
        }
    }
    if let Some((mut span, n)) = current {
        span.score /= n as f32;
        spans.push(span);
    }
    spans
}

/// Edge characters a name does not start or end with: spaces and
/// punctuation, though it may end with `%` (a percentage's sign).
static EDGES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^[\p{P}\s]*(.*?)[\p{P}\s--%]*$").expect("valid edge pattern"));

/// An initialism without its final period ("U.S", "D.C", "Ph.D").
static INITIALISM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\p{L}.])(?:\p{L}{1,2}\.)+\p{L}{1,2}$").expect("valid initialism pattern"));

/// The span trimmed to start and end on a word character (". Clinton" after
/// "Mr", a quote, a comma), keeping the period that closes an initialism
/// ("U.S."); `None` when nothing of it is left.
fn trim_edges(text: &str, mut span: EntitySpan) -> Option<EntitySpan> {
    let core = EDGES.captures(&text[span.start..span.end])?.get(1)?;
    if core.is_empty() {
        return None;
    }
    let (start, mut end) = (span.start + core.start(), span.start + core.end());
    if INITIALISM.is_match(&text[start..end]) && text[end..span.end].starts_with('.') {
        end += 1;
    }
    (span.start, span.end) = (start, end);
    Some(span)
}

/// Gives each span the fine type of the fine span overlapping it most (the
/// same span first), and adds the numeric fine spans as [`NUMERIC`] spans.
fn join_fine_types(spans: &mut Vec<EntitySpan>, fine: Vec<EntitySpan>) {
    let overlap = |a: &EntitySpan, b: &EntitySpan| a.end.min(b.end).saturating_sub(a.start.max(b.start));
    for span in spans.iter_mut() {
        let exact = fine.iter().find(|f| f.start == span.start && f.end == span.end);
        // The first of equal overlaps: max_by_key would take the last.
        let most = fine.iter().filter(|f| overlap(f, span) > 0).fold(None, |best: Option<&EntitySpan>, f| match best {
            Some(b) if overlap(b, span) >= overlap(f, span) => Some(b),
            _ => Some(f),
        });
        if let Some(f) = exact.or(most) {
            span.fine_type = f.label.clone();
        }
    }
    spans.extend(fine.into_iter().filter(|f| NUMERIC_FINE_TYPES.contains(&f.label.as_str())).map(|f| EntitySpan {
        label: NUMERIC.to_string(),
        fine_type: f.label,
        ..f
    }));
    spans.sort_by_key(|s| (s.start, s.end));
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

/// A word's label probabilities from its subwords' probabilities.
fn aggregate<'a>(how: Aggregation, mut subwords: impl Iterator<Item = &'a [f32]>) -> Vec<f32> {
    let top = |p: &[f32]| p.iter().copied().fold(f32::MIN, f32::max);
    match how {
        Aggregation::First => subwords.next().map(<[f32]>::to_vec).unwrap_or_default(),
        Aggregation::Max => subwords.fold(None, |best: Option<&[f32]>, p| match best {
            Some(b) if top(b) >= top(p) => Some(b),
            _ => Some(p),
        })
        .map(<[f32]>::to_vec)
        .unwrap_or_default(),
        Aggregation::Average => {
            let mut sum: Vec<f32> = Vec::new();
            let mut n = 0.0;
            for p in subwords {
                sum.resize(p.len(), 0.0);
                sum.iter_mut().zip(p).for_each(|(s, v)| *s += v);
                n += 1.0;
            }
            sum.iter().map(|s| s / n).collect()
        }
    }
}

/// Which label may follow which under BIO: I-X only continues B-X or I-X.
/// Per-word argmax can give "O I-PER" or "B-LOC I-MISC" (a name split
/// across two types); decoding the best valid path instead keeps each name
/// one span of one type. Labels without a B-/I- prefix are unconstrained.
///
/// B-X right after a name of type X (two names side by side) is allowed but
/// scored with the training data's log probability of that, when the model
/// gives one: otherwise a full name the model is unsure inside ("Recep" |
/// "Tayyip Erdogan") comes out as two names, which in CoNLL-2003 train two
/// persons never are.
struct Transitions {
    /// `score[prev][next]`: log transition score, `NEG_INFINITY` where not allowed.
    score: Vec<Vec<f32>>,
    /// Labels a sequence may start with.
    first: Vec<bool>,
}

impl Transitions {
    fn new(labels: &[String], restart_log_prob: &BTreeMap<String, f32>) -> Self {
        let tags: Vec<(Option<char>, &str)> = labels.iter().map(|l| split_tag(l)).collect();
        let may_follow = |prev: Option<&(Option<char>, &str)>, next: &(Option<char>, &str)| match next {
            (Some('I'), kind) => prev.is_some_and(|(prefix, prev_kind)| prefix.is_some() && prev_kind == kind),
            _ => true,
        };
        let transition = |prev: &(Option<char>, &str), next: &(Option<char>, &str)| match (prev, next) {
            _ if !may_follow(Some(prev), next) => f32::NEG_INFINITY,
            ((Some(_), prev_kind), (Some('B'), kind)) if prev_kind == kind => {
                restart_log_prob.get(*kind).copied().unwrap_or(0.0)
            }
            _ => 0.0,
        };
        let score = tags.iter().map(|prev| tags.iter().map(|next| transition(prev, next)).collect()).collect();
        let first = tags.iter().map(|next| may_follow(None, next)).collect();
        Transitions { score, first }
    }

    /// Viterbi over log probabilities: the label of each word.
    fn best_path(&self, words: &[Vec<f32>]) -> Vec<usize> {
        if words.is_empty() {
            return Vec::new();
        }
        let n = self.first.len();
        let log = |p: f32| (p.max(1e-12)).ln();
        let mut back: Vec<Vec<usize>> = Vec::with_capacity(words.len());
        let mut score: Vec<f32> = Vec::new();
        for (w, probs) in words.iter().enumerate() {
            let emit = |l: usize| probs.get(l).map_or(f32::NEG_INFINITY, |&p| log(p));
            if w == 0 {
                score = (0..n).map(|l| if self.first[l] { emit(l) } else { f32::NEG_INFINITY }).collect();
                back.push(vec![0; n]);
                continue;
            }
            let mut next = vec![f32::NEG_INFINITY; n];
            let mut from = vec![0; n];
            for l in 0..n {
                for (k, &s) in score.iter().enumerate() {
                    let s = s + self.score[k][l];
                    if s > next[l] {
                        next[l] = s;
                        from[l] = k;
                    }
                }
                next[l] += emit(l);
            }
            score = next;
            back.push(from);
        }
        let mut label = (0..n).max_by(|&a, &b| score[a].total_cmp(&score[b])).unwrap_or(0);
        let mut path = vec![0; words.len()];
        for w in (0..words.len()).rev() {
            path[w] = label;
            label = back[w][label];
        }
        path
    }
}

/// Per token of the text, its row of logits from the window where that
/// token sits farthest from a window edge (most context on both sides);
/// empty where the model gave none.
fn merge_windows<'a>(count: usize, windows: &[Window], logits: &'a [Vec<f32>], labels: usize, prefix: usize) -> Vec<&'a [f32]> {
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
            logits[w].get(row * labels..(row + 1) * labels).unwrap_or_default()
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
        assert_eq!(aggregate(Aggregation::First, [&a[..], &b[..]].into_iter()), a);
        assert_eq!(aggregate(Aggregation::Max, [&a[..], &b[..]].into_iter()), b);
        let average = aggregate(Aggregation::Average, [&a[..], &b[..]].into_iter());
        assert!((average[0] - 0.35).abs() < 1e-6 && (average[1] - 0.65).abs() < 1e-6);
    }

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn decoding_keeps_a_name_one_span_of_one_type() {
        let t = Transitions::new(&labels(&["O", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]), &BTreeMap::new());
        // Argmax would say B-MISC then I-LOC ("Nagorno-" MISC, "Karabakh" LOC).
        let words = vec![vec![0.0, 0.3, 0.0, 0.7, 0.0], vec![0.0, 0.0, 0.6, 0.0, 0.4]];
        assert_eq!(t.best_path(&words), vec![3, 4]);
        // An I- tag cannot open a sentence or follow O.
        let words = vec![vec![0.1, 0.3, 0.6, 0.0, 0.0], vec![0.9, 0.0, 0.0, 0.0, 0.1]];
        assert_eq!(t.best_path(&words), vec![1, 0]);
        assert_eq!(t.best_path(&[]), Vec::<usize>::new());
    }

    #[test]
    fn a_restart_prior_joins_a_name_the_model_splits() {
        let names = labels(&["O", "B-PER", "I-PER"]);
        // "Recep Tayyip Erdogan": the model leans to B-PER on "Tayyip".
        let words = vec![vec![0.0, 1.0, 0.0], vec![0.0, 0.6, 0.4], vec![0.0, 0.0, 1.0]];
        assert_eq!(Transitions::new(&names, &BTreeMap::new()).best_path(&words), vec![1, 1, 2]);
        let rare = BTreeMap::from([("PER".to_string(), -8.0)]);
        assert_eq!(Transitions::new(&names, &rare).best_path(&words), vec![1, 2, 2]);
        // A prior for another type leaves persons alone.
        let other = BTreeMap::from([("LOC".to_string(), -8.0)]);
        assert_eq!(Transitions::new(&names, &other).best_path(&words), vec![1, 1, 2]);
        // Two names the model is sure of stay two.
        let sure = vec![vec![0.0, 1.0, 0.0], vec![0.0, 0.9999, 0.0001]];
        assert_eq!(Transitions::new(&names, &rare).best_path(&sure), vec![1, 1]);
    }

    fn span(text: &str, surface: &str, label: &str) -> EntitySpan {
        let start = text.find(surface).unwrap();
        EntitySpan { start, end: start + surface.len(), label: label.into(), fine_type: String::new(), score: 0.5 }
    }

    fn trimmed(text: &str, surface: &str) -> Option<String> {
        trim_edges(text, span(text, surface, "PER")).map(|s| text[s.start..s.end].to_string())
    }

    #[test]
    fn spans_start_and_end_on_a_word_character() {
        let text = "Mr. Clinton met “Cheney”, then (NATO) in Washington, D.C. at 5% of U.S. costs. Ph.D. at ria.ru.";
        assert_eq!(trimmed(text, ". Clinton").as_deref(), Some("Clinton"));
        assert_eq!(trimmed(text, "“Cheney”, ").as_deref(), Some("Cheney"));
        assert_eq!(trimmed(text, "(NATO)").as_deref(), Some("NATO"));
        assert_eq!(trimmed(text, "Washington,").as_deref(), Some("Washington"));
        // An initialism keeps its final period; a sentence's does not make one.
        assert_eq!(trimmed(text, "D.C.").as_deref(), Some("D.C."));
        assert_eq!(trimmed(text, "U.S.").as_deref(), Some("U.S."));
        assert_eq!(trimmed(text, "costs.").as_deref(), Some("costs"));
        assert_eq!(trimmed(text, "Ph.D.").as_deref(), Some("Ph.D."));
        assert_eq!(trimmed(text, "ria.").as_deref(), Some("ria"));
        assert_eq!(trimmed(text, "5%").as_deref(), Some("5%"));
        assert_eq!(trimmed(text, ". "), None);
        assert_eq!(trimmed(text, "%"), None);
        let kept = trim_edges(text, span(text, ". Clinton", "PER")).unwrap();
        assert_eq!((kept.label.as_str(), kept.score), ("PER", 0.5));
    }

    #[test]
    fn each_span_takes_the_fine_type_that_overlaps_it_most() {
        let text = "Mr. Clinton of the Kremlin said on 5 May that Russia won";
        let mut spans = vec![span(text, "Clinton", "PER"), span(text, "the Kremlin", "ORG"), span(text, "Russia won", "LOC")];
        let fine = vec![
            span(text, "Mr. Clinton", "PERSON"),
            span(text, "of the Kremlin", "FAC"), // overlaps "the Kremlin" as much, and comes first
            span(text, "the Kremlin", "ORG"),
            span(text, "5 May", "DATE"),
            span(text, "Russia", "GPE"),
        ];
        join_fine_types(&mut spans, fine);
        let got: Vec<(&str, &str, &str)> =
            spans.iter().map(|s| (&text[s.start..s.end], s.label.as_str(), s.fine_type.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("Clinton", "PER", "PERSON"),
                ("the Kremlin", "ORG", "ORG"), // the same span, not the first overlap
                ("5 May", NUMERIC, "DATE"),
                ("Russia won", "LOC", "GPE"),
            ]
        );
        let mut alone = vec![span(text, "Clinton", "PER")];
        join_fine_types(&mut alone, vec![span(text, "Russia", "GPE")]);
        assert_eq!(alone[0].fine_type, "");
    }

    #[test]
    fn a_label_set_reads_its_own_slice_without_its_prefix() {
        let all = labels(&["O", "B-PER", "I-PER", "onto:O", "onto:B-GPE", "onto:I-GPE"]);
        let fine = LabelSet::new(&all, 3..6, &BTreeMap::new());
        assert_eq!(fine.labels, labels(&["O", "B-GPE", "I-GPE"]));
        // I-GPE may follow B-GPE within the set.
        assert_eq!(fine.transitions.best_path(&[vec![0.0, 1.0, 0.0], vec![0.0, 0.0, 1.0]]), vec![1, 2]);
    }

    #[test]
    fn decoding_is_argmax_for_labels_without_prefixes() {
        let t = Transitions::new(&labels(&["O", "PER", "LOC"]), &BTreeMap::new());
        let words = vec![vec![0.1, 0.2, 0.7], vec![0.1, 0.8, 0.1], vec![0.5, 0.2, 0.3]];
        assert_eq!(t.best_path(&words), vec![2, 1, 0]);
    }
}
