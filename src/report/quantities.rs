//! Number mentions from different documents that state the same quantity.
//!
//! Two mentions are compared only when they could measure the same thing:
//! the same kind (a duration never joins a count), the same role (a count
//! of dead never joins a count of anything else), values within a factor
//! of ten, and units that mean nearly the same ("peacekeepers" and
//! "troops"; compared by embedding). Such a pair joins when the words
//! around the two numbers say the same thing (cosine of their sentence
//! embeddings), helped by the entities the two sentences share and by the
//! names the two documents share (the same event). Groups are
//! formed by complete linkage: every two mentions of a group join, and a
//! group holds at most one mention per document.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::read::{NumberRow, Run};
use crate::output::guard_formula;
use crate::runtime::{cosine, SentenceEncoder};

/// Kinds that state an amount; years, dates, ranks and ordinals say when or
/// which, not how much.
const GROUPED_KINDS: &[&str] = &["count", "percent", "money", "distance", "duration"];

/// Words on each side of the number that make its context: enough for what
/// is counted and what happens to it, not the rest of a long sentence.
const CONTEXT_WORDS: usize = 6;

/// Two different units join at this embedding similarity or above
/// ("peacekeepers"/"troops" 0.55, "people"/"countries" 0.38).
/// This and the three below: `python training/tune_report.py`, best F1 on
/// the 113 hand-labelled pairs of `tests/fixtures/report/pairs.tsv`.
pub const UNIT_SIMILARITY_MIN: f32 = 0.45;

/// A pair joins when context similarity + `ENTITY_WEIGHT` × the share of
/// entities its two sentences have in common + `EVENT_WEIGHT` × the share of
/// names its two documents have in common reaches this.
pub const JOIN_SCORE_MIN: f32 = 0.621;
pub const ENTITY_WEIGHT: f32 = 0.2;
pub const EVENT_WEIGHT: f32 = 0.4;

/// The names that say what a document is about: its most mentioned.
const EVENT_NAMES: usize = 10;

/// Two reports of one quantity rarely differ tenfold; such numbers count
/// different things (not tuned).
const VALUE_RATIO_MIN: f64 = 0.1;

/// Words that make a count a count of casualties ("killed 12 people", "12
/// people died"): such a count joins only another count of casualties.
const CASUALTY_PREFIXES: &[&str] = &["kill", "death", "perish", "wound", "injur", "casualt", "fatalit", "victim"];
const CASUALTY_WORDS: &[&str] = &["dead", "died", "die", "dies", "dying"];

/// A number mention that may join a group.
pub struct Mention<'r> {
    pub row: &'r NumberRow,
    /// Index of its document in manifest order.
    pub doc: usize,
    /// The value compared: the middle of a range.
    pub value: f64,
    /// The unit folded for equality ("peacekeeper").
    unit_key: String,
    /// The unit embedded: lower case, as written ("peacekeepers"; the
    /// model scores plurals of one field closer than their singulars).
    unit_text: String,
    casualty: bool,
    /// The number with the words around it, the text embedded.
    pub context: String,
    /// The full sentence, for captions.
    pub sentence: String,
    entities: BTreeSet<String>,
}

/// Why two mentions were joined or not.
pub struct PairFeatures {
    pub a: usize,
    pub b: usize,
    pub unit_similarity: f32,
    /// `None` where the pair was ruled out before its contexts were embedded.
    pub context_similarity: Option<f32>,
    pub entity_overlap: f32,
    /// Share of the two documents' most mentioned names they have in common.
    pub event_overlap: f32,
    pub value_ratio: f64,
    pub same_role: bool,
    pub joined: bool,
}

impl PairFeatures {
    fn score(&self) -> f32 {
        self.context_similarity.unwrap_or(0.0) + ENTITY_WEIGHT * self.entity_overlap + EVENT_WEIGHT * self.event_overlap
    }
}

/// Mentions that state one quantity, from two documents or more.
pub struct QuantityGroup {
    /// 1, 2, … in the order written: largest spread first.
    pub id: usize,
    /// The most common unit of the group ("peacekeepers").
    pub label: String,
    /// Indices into [`Grouping::mentions`], in input order.
    pub members: Vec<usize>,
    pub min: f64,
    pub max: f64,
    /// (max - min) / max: 0 when every source agrees.
    pub spread: f64,
}

pub struct Grouping<'r> {
    pub mentions: Vec<Mention<'r>>,
    pub groups: Vec<QuantityGroup>,
    pub pairs: Vec<PairFeatures>,
}

/// Normalised unit: lower case, a plural `s` dropped.
fn unit_key(unit: &str) -> String {
    let unit = unit.trim().to_lowercase();
    match unit.strip_suffix('s') {
        Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem.to_string(),
        _ => unit,
    }
}

fn is_casualty_word(word: &str) -> bool {
    let word: String = word.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    CASUALTY_WORDS.contains(&word.as_str()) || CASUALTY_PREFIXES.iter().any(|p| word.starts_with(p))
}

/// The mention with up to [`CONTEXT_WORDS`] words on each side, and whether
/// that context speaks of casualties. `start..end` are code point offsets
/// into `sentence`.
fn context(sentence: &str, start: usize, end: usize) -> (String, bool) {
    let chars: Vec<char> = sentence.chars().collect();
    let (start, end) = (start.min(chars.len()), end.min(chars.len()));
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut word_start = None;
    for (i, c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        match (c.is_whitespace(), word_start) {
            (true, Some(s)) => {
                words.push((s, i));
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
    }
    let before: Vec<_> = words.iter().filter(|w| w.1 <= start).collect();
    let after: Vec<_> = words.iter().filter(|w| w.0 >= end).take(CONTEXT_WORDS).collect();
    let from = before.get(before.len().saturating_sub(CONTEXT_WORDS)).map_or(start, |w| w.0.min(start));
    let to = after.last().map_or(end, |w| w.1.max(end));
    let text: String = chars[from..to].iter().collect();
    let casualty = text.split_whitespace().any(is_casualty_word);
    (text, casualty)
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(b).count() as f32 / union as f32
    }
}

/// Each document's [`EVENT_NAMES`] most mentioned names.
fn event_names(run: &Run) -> HashMap<&str, BTreeSet<String>> {
    let mut counts: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for e in run.entities.iter().filter(|e| matches!(e.entity_type.as_str(), "PER" | "ORG" | "LOC" | "MISC")) {
        *counts.entry(e.doc_id.as_str()).or_default().entry(e.canonical.as_str()).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(doc, names)| {
            let mut ranked: Vec<(&str, usize)> = names.into_iter().collect();
            ranked.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
            (doc, ranked.into_iter().take(EVENT_NAMES).map(|(name, _)| name.to_string()).collect())
        })
        .collect()
}

/// The mentions of the run that state an amount.
fn mentions(run: &Run) -> Vec<Mention<'_>> {
    let doc_index: HashMap<&str, usize> = run.documents.iter().enumerate().map(|(i, d)| (d.doc_id.as_str(), i)).collect();
    let mut sentence_entities: HashMap<(&str, usize), BTreeSet<String>> = HashMap::new();
    for e in &run.entities {
        sentence_entities.entry((e.doc_id.as_str(), e.sent_idx)).or_default().insert(e.canonical.clone());
    }
    let mut out = Vec::new();
    for row in &run.numbers {
        if !GROUPED_KINDS.contains(&row.kind.as_str()) {
            continue;
        }
        let Ok(low) = row.value.trim().parse::<f64>() else { continue };
        let value = row.value_max.trim().parse::<f64>().map_or(low, |high| (low + high) / 2.0);
        if !value.is_finite() {
            continue;
        }
        let sentence = run.sentences.get(&(row.doc_id.clone(), row.sent_idx));
        let (context, casualty) = match sentence {
            Some(s) => context(&s.text, row.start.saturating_sub(s.start), row.end.saturating_sub(s.start)),
            None => (row.text.clone(), is_casualty_word(&row.text)),
        };
        out.push(Mention {
            row,
            doc: doc_index.get(row.doc_id.as_str()).copied().unwrap_or(usize::MAX),
            value,
            unit_key: unit_key(&row.unit),
            unit_text: row.unit.trim().to_lowercase(),
            casualty,
            context,
            sentence: sentence.map_or_else(|| row.text.clone(), |s| s.text.clone()),
            entities: sentence_entities.get(&(row.doc_id.as_str(), row.sent_idx)).cloned().unwrap_or_default(),
        });
    }
    // Input order, so that groups and their rows come out the same every run.
    out.sort_by(|a, b| (a.doc, &a.row.doc_id, a.row.start).cmp(&(b.doc, &b.row.doc_id, b.row.start)));
    out
}

/// Embeds each distinct text once.
fn embed_distinct<'t>(encoder: &SentenceEncoder, texts: impl Iterator<Item = &'t str>) -> crate::runtime::Result<HashMap<&'t str, Vec<f32>>> {
    let distinct: Vec<&str> = texts.collect::<BTreeSet<_>>().into_iter().collect();
    let vectors = encoder.embed(&distinct)?;
    Ok(distinct.into_iter().zip(vectors).collect())
}

/// Groups the run's number mentions. With `explain`, contexts are compared
/// for every pair of the same role and a close value, whatever their units,
/// so that `pairs.csv` shows what the thresholds were tuned on.
pub fn group<'r>(run: &'r Run, encoder: &SentenceEncoder, explain: bool) -> crate::runtime::Result<Grouping<'r>> {
    let mentions = mentions(run);
    let events = event_names(run);
    let no_names = BTreeSet::new();
    let units = embed_distinct(encoder, mentions.iter().map(|m| m.unit_text.as_str()))?;
    let mut pairs = Vec::new();
    for a in 0..mentions.len() {
        for b in a + 1..mentions.len() {
            let (x, y) = (&mentions[a], &mentions[b]);
            if x.row.kind != y.row.kind || x.row.doc_id == y.row.doc_id {
                continue;
            }
            let unit_similarity =
                if x.unit_key == y.unit_key { 1.0 } else { cosine(&units[x.unit_text.as_str()], &units[y.unit_text.as_str()]) };
            let top = x.value.abs().max(y.value.abs());
            let value_ratio = if top == 0.0 { 1.0 } else { x.value.abs().min(y.value.abs()) / top };
            pairs.push(PairFeatures {
                a,
                b,
                unit_similarity,
                context_similarity: None,
                entity_overlap: jaccard(&x.entities, &y.entities),
                event_overlap: jaccard(
                    events.get(x.row.doc_id.as_str()).unwrap_or(&no_names),
                    events.get(y.row.doc_id.as_str()).unwrap_or(&no_names),
                ),
                value_ratio,
                same_role: x.casualty == y.casualty,
                joined: false,
            });
        }
    }
    let units_match = |p: &PairFeatures| p.unit_similarity >= UNIT_SIMILARITY_MIN;
    let compared = |p: &PairFeatures| p.same_role && p.value_ratio >= VALUE_RATIO_MIN && (explain || units_match(p));
    // Only contexts that may still join are embedded: the costly step.
    let contexts = embed_distinct(
        encoder,
        pairs.iter().filter(|p| compared(p)).flat_map(|p| [mentions[p.a].context.as_str(), mentions[p.b].context.as_str()]),
    )?;
    for p in pairs.iter_mut().filter(|p| compared(p)) {
        p.context_similarity = Some(cosine(&contexts[mentions[p.a].context.as_str()], &contexts[mentions[p.b].context.as_str()]));
        p.joined = units_match(p) && p.score() >= JOIN_SCORE_MIN;
    }
    let groups = link(&mentions, &pairs);
    Ok(Grouping { mentions, groups, pairs })
}

/// Complete linkage: the best-scoring joined pairs merge first, and two
/// groups merge only when every two of their mentions joined and no
/// document would appear twice.
fn link(mentions: &[Mention], pairs: &[PairFeatures]) -> Vec<QuantityGroup> {
    let joined: HashSet<(usize, usize)> = pairs.iter().filter(|p| p.joined).map(|p| (p.a, p.b)).collect();
    let mut order: Vec<&PairFeatures> = pairs.iter().filter(|p| p.joined).collect();
    order.sort_by(|x, y| y.score().total_cmp(&x.score()).then((x.a, x.b).cmp(&(y.a, y.b))));
    let mut cluster_of: Vec<usize> = (0..mentions.len()).collect();
    let mut clusters: BTreeMap<usize, Vec<usize>> = (0..mentions.len()).map(|i| (i, vec![i])).collect();
    for p in order {
        let (ca, cb) = (cluster_of[p.a], cluster_of[p.b]);
        if ca == cb {
            continue;
        }
        let (ma, mb) = (&clusters[&ca], &clusters[&cb]);
        let all_join = ma.iter().all(|&i| mb.iter().all(|&j| joined.contains(&(i.min(j), i.max(j)))));
        let docs_apart = ma.iter().all(|&i| mb.iter().all(|&j| mentions[i].row.doc_id != mentions[j].row.doc_id));
        if all_join && docs_apart {
            let moved = clusters.remove(&cb).unwrap_or_default();
            for &m in &moved {
                cluster_of[m] = ca;
            }
            let target = clusters.entry(ca).or_default();
            target.extend(moved);
            target.sort_unstable();
        }
    }
    let mut groups: Vec<QuantityGroup> = clusters
        .into_values()
        .filter(|members| members.len() >= 2)
        .map(|members| {
            let values = members.iter().map(|&m| mentions[m].value);
            let min = values.clone().fold(f64::INFINITY, f64::min);
            let max = values.fold(f64::NEG_INFINITY, f64::max);
            let spread = if max.abs() > 0.0 { (max - min) / max.abs() } else { 0.0 };
            QuantityGroup { id: 0, label: label(mentions, &members), members, min, max, spread }
        })
        .collect();
    groups.sort_by(|x, y| y.spread.total_cmp(&x.spread).then_with(|| x.members.cmp(&y.members)));
    for (i, g) in groups.iter_mut().enumerate() {
        g.id = i + 1;
    }
    groups
}

/// The unit most members use, as the first of them writes it.
fn label(mentions: &[Mention], members: &[usize]) -> String {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (rank, &m) in members.iter().enumerate() {
        let entry = counts.entry(mentions[m].unit_key.as_str()).or_insert((0, rank));
        entry.0 += 1;
    }
    let best = counts.iter().max_by(|x, y| x.1 .0.cmp(&y.1 .0).then(y.1 .1.cmp(&x.1 .1))).map(|(_, &(_, first))| first);
    best.map_or_else(String::new, |first| mentions[members[first]].row.unit.clone())
}

/// A spread or similarity with at most three decimals ("0.02").
pub fn decimal(x: f64) -> String {
    let text = format!("{x:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text.is_empty() || text == "-" { "0".into() } else { text.to_string() }
}

impl Grouping<'_> {
    /// `quantities.csv`: one row per grouped mention. Text cells carry the
    /// run's formula guard (article text is untrusted; see `output::guard_formula`).
    pub fn csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "group", "label", "doc_id", "sent_idx", "start", "end", "text", "value", "value_max", "unit", "qualifier", "kind", "spread", "speaker",
        ])?;
        for g in &self.groups {
            for &m in &g.members {
                let r = self.mentions[m].row;
                w.write_record([
                    g.id.to_string().as_str(),
                    &guard_formula(&g.label),
                    &guard_formula(&r.doc_id),
                    &r.sent_idx.to_string(),
                    &r.start.to_string(),
                    &r.end.to_string(),
                    &guard_formula(&r.text),
                    &r.value,
                    &r.value_max,
                    &guard_formula(&r.unit),
                    &r.qualifier,
                    &r.kind,
                    &decimal(g.spread),
                    &guard_formula(&r.speaker),
                ])?;
            }
        }
        w.into_inner().map_err(|e| e.into_error())
    }

    /// `pairs.csv`: every pair of mentions of one kind from two documents,
    /// with the measures the decision used.
    pub fn pairs_csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record([
            "doc_a", "start_a", "text_a", "doc_b", "start_b", "text_b", "kind", "unit_similarity", "context_similarity",
            "entity_overlap", "event_overlap", "value_ratio", "same_role", "joined",
        ])?;
        for p in &self.pairs {
            let (a, b) = (self.mentions[p.a].row, self.mentions[p.b].row);
            w.write_record([
                &*guard_formula(&a.doc_id),
                &a.start.to_string(),
                &guard_formula(&a.text),
                &guard_formula(&b.doc_id),
                &b.start.to_string(),
                &guard_formula(&b.text),
                &a.kind,
                &decimal(p.unit_similarity.into()),
                &p.context_similarity.map_or_else(String::new, |s| decimal(s.into())),
                &decimal(p.entity_overlap.into()),
                &decimal(p.event_overlap.into()),
                &decimal(p.value_ratio),
                if p.same_role { "true" } else { "false" },
                if p.joined { "true" } else { "false" },
            ])?;
        }
        w.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_fold_case_and_plural() {
        assert_eq!(unit_key("Peacekeepers"), "peacekeeper");
        assert_eq!(unit_key("people"), "people");
        assert_eq!(unit_key("%"), "%");
        assert_eq!(unit_key("glass"), "glass");
    }

    #[test]
    fn context_keeps_words_around_the_number_and_sees_casualties() {
        let s = "After a week of rain, the floods killed 12 people in the town of Marsk, the governor said on Monday.";
        let start = s.find("12 people").unwrap();
        let (text, casualty) = context(s, start, start + 9);
        assert_eq!(text, "week of rain, the floods killed 12 people in the town of Marsk, the");
        assert!(casualty);
        let s = "The government sent 14 soldiers to Ostra.";
        let (text, casualty) = context(s, 20, 31);
        assert_eq!((text.as_str(), casualty), (s, false));
    }

    #[test]
    fn casualty_words_are_whole_words_or_known_stems() {
        assert!(is_casualty_word("Killed,"));
        assert!(is_casualty_word("injuries"));
        assert!(!is_casualty_word("deadline"));
        assert!(!is_casualty_word("diesel"));
    }

    #[test]
    fn decimals_are_short() {
        assert_eq!(decimal(0.02), "0.02");
        assert_eq!(decimal(0.0), "0");
        assert_eq!(decimal(0.125), "0.125");
        assert_eq!(decimal(1.0), "1");
    }
}
