//! Accuracy against gold annotations (the TSV layout of [`crate::gold`]).
//!
//! Everything is compared in code point offsets, the unit of the gold files.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::gold::Gold;

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn new(gold: usize, predicted: usize, correct: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { if a == 0 { 1.0 } else { 0.0 } } else { a as f64 / b as f64 };
        let precision = ratio(correct, predicted);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        Prf { gold, predicted, correct, precision, recall, f1 }
    }

    fn add(self, other: Prf) -> Prf {
        Prf::new(self.gold + other.gold, self.predicted + other.predicted, self.correct + other.correct)
    }
}

/// What the pipeline predicted for one document, in code points. Layers
/// that a saved output does not hold (`eval --pred`) are `None` and not scored.
#[derive(Debug, Clone, Default)]
pub struct Predicted {
    pub sentences: Option<Vec<Range<usize>>>,
    /// (span, type)
    pub entities: Vec<(Range<usize>, String)>,
    /// (span, value, qualifier, kind)
    pub numbers: Vec<(Range<usize>, String, String, String)>,
    /// Code point ranges the cleaner removed, and those of the body.
    pub text_layers: Option<TextLayers>,
    /// (sentence span, speaker, cue) of each sentence with a speaker; None
    /// when the output holds no speakers (a run saved before they existed).
    pub speakers: Option<Vec<(Range<usize>, String, String)>>,
}

#[derive(Debug, Clone, Default)]
pub struct TextLayers {
    pub removed: Vec<Range<usize>>,
    pub body: Vec<Range<usize>>,
}

/// One mismatch, for `--errors`.
#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub layer: &'static str,
    pub doc: String,
    pub kind: String,
    pub detail: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct StanceScore {
    pub rows: usize,
    pub correct: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    /// confusion[gold][predicted]
    pub confusion: BTreeMap<String, BTreeMap<String, usize>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct BoilerplateScore {
    pub listed: usize,
    pub removed: usize,
    pub removed_share: f64,
    pub body_sentences: usize,
    pub body_sentences_lost: usize,
}

/// Speakers on the gold sentences: whether each has the gold speaker (or,
/// like most, none), and P/R/F1 over the sentences that have a speaker.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SpeakerScore {
    pub sentences: usize,
    pub correct: usize,
    pub accuracy: f64,
    /// Sentences with a speaker: gold, predicted, and both with the same speaker.
    pub attributed: Prf,
    /// Of the right speakers, how many have the gold cue too.
    pub cue_correct: usize,
}

/// Every layer's scores.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub sentences: Option<Prf>,
    pub entities: Prf,
    pub entities_by_type: BTreeMap<String, Prf>,
    /// Entity errors by kind: wrong type, wrong boundary, missed, spurious.
    pub entity_errors: BTreeMap<String, usize>,
    pub numbers: Prf,
    pub stance: Option<StanceScore>,
    pub boilerplate: Option<BoilerplateScore>,
    pub speakers: Option<SpeakerScore>,
    #[serde(skip)]
    pub mismatches: Vec<Mismatch>,
}

impl Report {
    /// The score a `--min name=value` threshold refers to.
    pub fn metric(&self, name: &str) -> Option<f64> {
        Some(match name {
            "sentences" => self.sentences?.f1,
            "entities" => self.entities.f1,
            "numbers" => self.numbers.f1,
            "stance" => self.stance.as_ref()?.accuracy,
            "stance_macro_f1" => self.stance.as_ref()?.macro_f1,
            "speakers" => self.speakers.as_ref()?.attributed.f1,
            "speakers_accuracy" => self.speakers.as_ref()?.accuracy,
            "boilerplate" => self.boilerplate.as_ref()?.removed_share,
            "body" => {
                let b = self.boilerplate.as_ref()?;
                1.0 - b.body_sentences_lost as f64 / b.body_sentences.max(1) as f64
            }
            other => self.entities_by_type.get(other.strip_prefix("entities.")?).map(|p| p.f1)?,
        })
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn covered(span: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    // Whitespace between ranges does not count as uncovered.
    let mut at = span.start;
    let mut sorted: Vec<&Range<usize>> = ranges.iter().filter(|r| overlaps(r, span)).collect();
    sorted.sort_by_key(|r| r.start);
    for r in sorted {
        if r.start > at {
            return false;
        }
        at = at.max(r.end);
    }
    at >= span.end
}

/// Scores one document's predictions; `text` is the document text.
pub fn score_document(report: &mut Report, gold: &Gold, doc: &str, text: &str, predicted: &Predicted) {
    let chars: Vec<char> = text.chars().collect();
    let snippet = |r: &Range<usize>| chars[r.start.min(chars.len())..r.end.min(chars.len())].iter().collect::<String>().replace('\n', " ");
    let mismatch = |report: &mut Report, layer: &'static str, kind: &str, detail: String| {
        report.mismatches.push(Mismatch { layer, doc: doc.to_string(), kind: kind.to_string(), detail })
    };

    // Sentences: both ends must match.
    let gold_sentences: Vec<Range<usize>> = gold.sentences.iter().filter(|s| s.doc == doc).map(|s| s.start..s.end).collect();
    if let Some(sentences) = predicted.sentences.as_ref().filter(|_| !gold_sentences.is_empty()) {
        let correct = sentences.iter().filter(|p| gold_sentences.contains(p)).count();
        report.sentences = Some(report.sentences.unwrap_or_default().add(Prf::new(gold_sentences.len(), sentences.len(), correct)));
        for g in gold_sentences.iter().filter(|g| !sentences.contains(g)) {
            mismatch(report, "sentences", "missed", format!("{}..{} {:?}", g.start, g.end, snippet(g)));
        }
        for p in sentences.iter().filter(|p| !gold_sentences.contains(p)) {
            mismatch(report, "sentences", "spurious", format!("{}..{} {:?}", p.start, p.end, snippet(p)));
        }
    }

    // Entities: exact span and type.
    let gold_entities: Vec<(Range<usize>, String)> =
        gold.entities.iter().filter(|e| e.doc == doc).map(|e| (e.start..e.end, e.entity_type.clone())).collect();
    if !gold_entities.is_empty() {
        let correct = predicted.entities.iter().filter(|p| gold_entities.contains(p)).count();
        report.entities = report.entities.add(Prf::new(gold_entities.len(), predicted.entities.len(), correct));
        let types: std::collections::BTreeSet<&String> = gold_entities.iter().chain(&predicted.entities).map(|(_, t)| t).collect();
        for t in types {
            let g = gold_entities.iter().filter(|e| &e.1 == t).count();
            let p = predicted.entities.iter().filter(|e| &e.1 == t).count();
            let c = predicted.entities.iter().filter(|e| &e.1 == t && gold_entities.contains(e)).count();
            let entry = report.entities_by_type.entry(t.clone()).or_default();
            *entry = entry.add(Prf::new(g, p, c));
        }
        for g in gold_entities.iter().filter(|g| !predicted.entities.contains(g)) {
            let kind = if predicted.entities.iter().any(|p| p.0 == g.0) {
                "wrong type"
            } else if predicted.entities.iter().any(|p| overlaps(&p.0, &g.0)) {
                "wrong boundary"
            } else {
                "missed"
            };
            *report.entity_errors.entry(kind.to_string()).or_default() += 1;
            let got: Vec<String> = predicted.entities.iter().filter(|p| overlaps(&p.0, &g.0)).map(|p| format!("{:?} {}", snippet(&p.0), p.1)).collect();
            mismatch(report, "entities", kind, format!("gold {:?} {} at {}..{}; predicted {}", snippet(&g.0), g.1, g.0.start, g.0.end, if got.is_empty() { "nothing".into() } else { got.join(", ") }));
        }
        for p in predicted.entities.iter().filter(|p| !gold_entities.iter().any(|g| overlaps(&g.0, &p.0))) {
            *report.entity_errors.entry("spurious".into()).or_default() += 1;
            mismatch(report, "entities", "spurious", format!("predicted {:?} {} at {}..{}", snippet(&p.0), p.1, p.0.start, p.0.end));
        }
    }

    // Numbers: span overlap with the same value, qualifier and kind, one to one.
    let gold_numbers: Vec<_> = gold.numbers.iter().filter(|n| n.doc == doc).collect();
    if !gold_numbers.is_empty() || !predicted.numbers.is_empty() {
        let mut used = vec![false; predicted.numbers.len()];
        let mut correct = 0;
        for g in &gold_numbers {
            let span = g.start..g.end;
            let hit = predicted.numbers.iter().enumerate().position(|(i, (r, value, qualifier, kind))| {
                !used[i] && overlaps(r, &span) && *value == g.value && *qualifier == g.qualifier && *kind == g.kind
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    correct += 1;
                }
                None => {
                    let got: Vec<String> = predicted
                        .numbers
                        .iter()
                        .filter(|(r, ..)| overlaps(r, &span))
                        .map(|(r, v, q, k)| format!("{:?} = {v} {q} {k}", snippet(r)))
                        .collect();
                    mismatch(report, "numbers", "missed", format!("gold {:?} = {} {} {}; predicted {}", g.text, g.value, g.qualifier, g.kind, if got.is_empty() { "nothing".into() } else { got.join(", ") }));
                }
            }
        }
        for (i, (r, v, q, k)) in predicted.numbers.iter().enumerate() {
            if !used[i] && !gold_numbers.iter().any(|g| overlaps(r, &(g.start..g.end))) {
                mismatch(report, "numbers", "spurious", format!("{:?} = {v} {q} {k}", snippet(r)));
            }
        }
        report.numbers = report.numbers.add(Prf::new(gold_numbers.len(), predicted.numbers.len(), correct));
    }

    // Speakers: every gold sentence, the gold speaker or none.
    if let (Some(gold_speakers), Some(speakers)) = (&gold.speakers, &predicted.speakers) {
        let mut score = report.speakers.take().unwrap_or_default();
        let (mut gold_n, mut predicted_n, mut right) = (0, 0, 0);
        for g in gold.sentences.iter().filter(|s| s.doc == doc) {
            let wanted = gold_speakers.iter().find(|r| r.doc == doc && r.sent_idx == g.sent_idx);
            let got = speakers.iter().find(|(span, ..)| span.start <= g.start && g.start < span.end);
            let (gold_speaker, gold_cue) = wanted.map_or(("", ""), |r| (r.speaker.as_str(), r.cue.as_str()));
            let (speaker, cue) = got.map_or(("", ""), |(_, s, c)| (s.as_str(), c.as_str()));
            let same = crate::speakers::same_speaker(speaker, gold_speaker);
            score.sentences += 1;
            score.correct += usize::from(same);
            gold_n += usize::from(!gold_speaker.is_empty());
            predicted_n += usize::from(!speaker.is_empty());
            if same && !speaker.is_empty() {
                right += 1;
                score.cue_correct += usize::from(cue.eq_ignore_ascii_case(gold_cue));
            }
            if !same {
                let kind = if gold_speaker.is_empty() { "spurious" } else if speaker.is_empty() { "missed" } else { "wrong speaker" };
                mismatch(report, "speakers", kind, format!("sentence {}: gold {gold_speaker:?} ({gold_cue}), predicted {speaker:?} ({cue}): {:?}", g.sent_idx, g.text));
            }
        }
        score.attributed = score.attributed.add(Prf::new(gold_n, predicted_n, right));
        score.accuracy = score.correct as f64 / score.sentences.max(1) as f64;
        report.speakers = Some(score);
    }

    // Boilerplate: listed lines removed, body sentences kept.
    let Some(layers) = &predicted.text_layers else { return };
    let mut score = report.boilerplate.take().unwrap_or_default();
    for b in gold.boilerplate.iter().filter(|b| b.doc == doc) {
        score.listed += 1;
        let excerpt: Vec<char> = b.text_excerpt.chars().collect();
        let removed = (0..chars.len().saturating_sub(excerpt.len() - 1))
            .filter(|&i| chars[i..i + excerpt.len()] == excerpt[..])
            .any(|i| covered(&(i..i + excerpt.len()), &layers.removed));
        if removed {
            score.removed += 1;
        } else {
            mismatch(report, "boilerplate", "kept", b.text_excerpt.clone());
        }
    }
    for g in &gold_sentences {
        score.body_sentences += 1;
        if !covered(g, &layers.body) {
            score.body_sentences_lost += 1;
            mismatch(report, "boilerplate", "body lost", snippet(g));
        }
    }
    score.removed_share = if score.listed == 0 { 1.0 } else { score.removed as f64 / score.listed as f64 };
    report.boilerplate = Some(score);
}

/// Scores stance predictions for the gold rows: `predicted[i]` is the label
/// predicted for `gold.stance[i]` (None when the row could not be scored).
pub fn score_stance(report: &mut Report, gold: &Gold, predicted: &[Option<String>]) {
    let mut score = StanceScore::default();
    for (row, label) in gold.stance.iter().zip(predicted) {
        let label = label.clone().unwrap_or_else(|| "none".to_string());
        score.rows += 1;
        if label == row.stance {
            score.correct += 1;
        } else {
            report.mismatches.push(Mismatch {
                layer: "stance",
                doc: row.doc.clone(),
                kind: format!("{} → {}", row.stance, label),
                detail: format!("sentence {} target {:?}: {}", row.sent_idx, row.target, row.note),
            });
        }
        *score.confusion.entry(row.stance.clone()).or_default().entry(label).or_default() += 1;
    }
    score.accuracy = if score.rows == 0 { 0.0 } else { score.correct as f64 / score.rows as f64 };
    let labels: Vec<&String> = score.confusion.keys().collect();
    let f1s: Vec<f64> = labels
        .iter()
        .map(|l| {
            let correct = score.confusion[*l].get(*l).copied().unwrap_or(0);
            let gold_n: usize = score.confusion[*l].values().sum();
            let pred_n: usize = score.confusion.values().map(|row| row.get(*l).copied().unwrap_or(0)).sum();
            Prf::new(gold_n, pred_n, correct).f1
        })
        .collect();
    score.macro_f1 = if f1s.is_empty() { 0.0 } else { f1s.iter().sum::<f64>() / f1s.len() as f64 };
    report.stance = Some(score);
}

/// A finished run's output (`claimsift run`'s CSV files), read back to be scored.
#[derive(Debug, Default)]
pub struct SavedOutput {
    pub docs: BTreeMap<String, SavedDocument>,
}

#[derive(Debug, Default)]
pub struct SavedDocument {
    /// Entities and numbers; CSV output holds no full sentence list or boilerplate.
    pub predicted: Predicted,
    /// Stance rows: span of the mention, the names it goes by (mention text
    /// and canonical name, or a user target's name), label.
    pub stances: Vec<(Range<usize>, Vec<String>, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum SavedOutputError {
    #[error("cannot read {path} (pass the output directory of `claimsift run`)")]
    Read { path: std::path::PathBuf, source: csv::Error },
    #[error("{path}: no column {column:?} (is it a claimsift output file?)")]
    Column { path: std::path::PathBuf, column: &'static str },
    #[error("{path}, row {row}: {column} {value:?} is not a number")]
    Number { path: std::path::PathBuf, row: usize, column: &'static str, value: String },
}

impl SavedOutput {
    /// Reads entities.csv, numbers.csv and manifest.csv from `dir`.
    pub fn read(dir: &std::path::Path) -> Result<SavedOutput, SavedOutputError> {
        let mut saved = SavedOutput::default();
        for row in csv_rows(&dir.join("manifest.csv"), &["doc_id", "status"])? {
            if row.values[1] == "ok" {
                saved.docs.entry(row.values[0].clone()).or_default();
            }
        }
        let entity_columns = ["doc_id", "start", "end", "entity", "canonical", "type", "stance"];
        for row in csv_rows(&dir.join("entities.csv"), &entity_columns)? {
            let [doc, _, _, entity, canonical, entity_type, stance] = &row.values[..] else { unreachable!() };
            let span = row.span()?;
            let saved_doc = saved.docs.entry(doc.clone()).or_default();
            if entity_type != "TARGET" {
                saved_doc.predicted.entities.push((span.clone(), entity_type.clone()));
            }
            if !stance.is_empty() {
                saved_doc.stances.push((span, vec![entity.clone(), canonical.clone()], stance.clone()));
            }
        }
        // Runs saved before speakers existed have no such columns: the layer is not scored.
        match csv_rows(&dir.join("claims.csv"), &["doc_id", "start", "end", "speaker", "cue"]) {
            Err(SavedOutputError::Column { .. }) => {}
            rows => {
                for doc in saved.docs.values_mut() {
                    doc.predicted.speakers = Some(Vec::new());
                }
                for row in rows? {
                    let span = row.span()?;
                    let [doc, _, _, speaker, cue] = &row.values[..] else { unreachable!() };
                    if !speaker.is_empty() {
                        let speakers = saved.docs.entry(doc.clone()).or_default().predicted.speakers.get_or_insert_with(Vec::new);
                        speakers.push((span, speaker.clone(), cue.clone()));
                    }
                }
            }
        }
        for row in csv_rows(&dir.join("numbers.csv"), &["doc_id", "start", "end", "value", "qualifier", "kind"])? {
            let span = row.span()?;
            let [doc, _, _, value, qualifier, kind] = &row.values[..] else { unreachable!() };
            saved.docs.entry(doc.clone()).or_default().predicted.numbers.push((span, value.clone(), qualifier.clone(), kind.clone()));
        }
        Ok(saved)
    }

    /// The saved stance toward gold row `row`: a stance row inside the gold
    /// sentence that names the gold target.
    pub fn stance_for(&self, gold: &Gold, row: &crate::gold::GoldStance) -> Option<String> {
        let sentence = gold.sentences.iter().find(|s| s.doc == row.doc && s.sent_idx == row.sent_idx)?;
        self.docs.get(&row.doc)?.stances.iter().find_map(|(span, names, label)| {
            let inside = sentence.start <= span.start && span.end <= sentence.end;
            (inside && names.iter().any(|n| names_target(n, &row.target))).then(|| label.clone())
        })
    }
}

/// Whether `name` (a mention or a canonical name) names the gold `target`:
/// the same ignoring case, or ending with it as a word, as a full name ends
/// with the surname a gold file gives ("Vladimir Putin" for "Putin").
fn names_target(name: &str, target: &str) -> bool {
    let (name, target) = (name.to_lowercase(), target.to_lowercase());
    name == target || name.strip_suffix(&target).is_some_and(|rest| rest.ends_with(' '))
}

/// One CSV row's wanted columns, in the order asked for.
struct CsvRow<'a> {
    path: &'a std::path::Path,
    row: usize,
    values: Vec<String>,
}

impl CsvRow<'_> {
    /// Columns 1 and 2 as a code point range.
    fn span(&self) -> Result<Range<usize>, SavedOutputError> {
        let number = |k: usize, column: &'static str| {
            self.values[k].parse::<usize>().map_err(|_| SavedOutputError::Number { path: self.path.to_path_buf(), row: self.row, column, value: self.values[k].clone() })
        };
        Ok(number(1, "start")?..number(2, "end")?)
    }
}

fn csv_rows<'a>(path: &'a std::path::Path, columns: &[&'static str]) -> Result<Vec<CsvRow<'a>>, SavedOutputError> {
    let read_error = |source| SavedOutputError::Read { path: path.to_path_buf(), source };
    let mut reader = csv::Reader::from_path(path).map_err(read_error)?;
    let headers = reader.headers().map_err(read_error)?.clone();
    let positions = columns
        .iter()
        .map(|c| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == *c).ok_or(SavedOutputError::Column { path: path.to_path_buf(), column: c }))
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(read_error)?;
        rows.push(CsvRow { path, row: k + 2, values: positions.iter().map(|&p| record.get(p).unwrap_or_default().to_string()).collect() });
    }
    Ok(rows)
}

/// The report as an aligned text table.
pub fn table(report: &Report) -> String {
    let mut out = String::from("layer                precision  recall     F1   gold  predicted\n");
    let mut line = |name: &str, p: &Prf| {
        out += &format!("{name:<20} {:>9.4} {:>7.4} {:>6.4} {:>6} {:>10}\n", p.precision, p.recall, p.f1, p.gold, p.predicted);
    };
    if let Some(p) = &report.sentences {
        line("sentences", p);
    }
    line("entities", &report.entities);
    for (t, p) in &report.entities_by_type {
        line(&format!("  {t}"), p);
    }
    line("numbers", &report.numbers);
    if !report.entity_errors.is_empty() {
        let errors: Vec<String> = report.entity_errors.iter().map(|(k, n)| format!("{k} {n}")).collect();
        out += &format!("entity errors: {}\n", errors.join(", "));
    }
    if let Some(s) = &report.stance {
        out += &format!("stance: accuracy {:.4} ({}/{}), macro-F1 {:.4}\n", s.accuracy, s.correct, s.rows, s.macro_f1);
        let labels: Vec<&String> = s.confusion.keys().collect();
        let predicted: std::collections::BTreeSet<&String> = s.confusion.values().flat_map(|r| r.keys()).collect();
        out += &format!("  gold \\ predicted  {}\n", predicted.iter().map(|l| format!("{l:>8}")).collect::<String>());
        for l in labels {
            out += &format!("  {l:<17} {}\n", predicted.iter().map(|p| format!("{:>8}", s.confusion[l].get(*p).copied().unwrap_or(0))).collect::<String>());
        }
    }
    if let Some(s) = &report.speakers {
        let a = &s.attributed;
        out += &format!(
            "speakers: P {:.4} R {:.4} F1 {:.4} ({} gold, {} predicted, {} right, {} with the gold cue); {}/{} sentences right ({:.4})\n",
            a.precision, a.recall, a.f1, a.gold, a.predicted, a.correct, s.cue_correct, s.correct, s.sentences, s.accuracy
        );
    }
    if let Some(b) = &report.boilerplate {
        out += &format!(
            "boilerplate: {}/{} listed lines removed ({:.1}%), {}/{} body sentences lost\n",
            b.removed, b.listed, 100.0 * b.removed_share, b.body_sentences_lost, b.body_sentences
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_counts() {
        let p = Prf::new(4, 5, 3);
        assert!((p.precision - 0.6).abs() < 1e-9 && (p.recall - 0.75).abs() < 1e-9);
        assert!((p.f1 - 2.0 * 0.6 * 0.75 / 1.35).abs() < 1e-9);
        assert_eq!(Prf::new(0, 0, 0).f1, 1.0);
    }

    #[test]
    fn coverage_ignores_gaps_only_when_covered() {
        assert!(covered(&(2..8), &[0..5, 5..10]));
        assert!(!covered(&(2..8), &[0..4, 5..10]));
    }
}
