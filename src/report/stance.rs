//! Stance toward each entity, per document: who is for and against whom in
//! which source.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::read::Run;
use crate::output::guard_formula;

/// Stance sentences toward one entity in one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceStance {
    pub doc_id: String,
    pub favor: usize,
    pub against: usize,
    pub neutral: usize,
    /// Mean over the sentences of +score (favor), -score (against) or 0
    /// (neutral): from -1 (all against, sure) to +1 (all favor, sure).
    pub mean_score: f64,
}

impl SourceStance {
    pub fn total(&self) -> usize {
        self.favor + self.against + self.neutral
    }
}

/// One entity with stance in two documents or more.
#[derive(Debug, Clone)]
pub struct EntityStance {
    pub canonical: String,
    /// In manifest order.
    pub sources: Vec<SourceStance>,
}

/// Per entity, per (document position, doc id): the counts and the sum of
/// signed scores.
type Table<'r> = BTreeMap<&'r str, BTreeMap<(usize, &'r str), (SourceStance, f64)>>;

pub struct StanceBySource {
    /// Most stance sentences first.
    pub entities: Vec<EntityStance>,
}

impl StanceBySource {
    pub fn of(run: &Run) -> StanceBySource {
        let doc_index: HashMap<&str, usize> = run.documents.iter().enumerate().map(|(i, d)| (d.doc_id.as_str(), i)).collect();
        // Stance is scored once per (sentence, entity); its mentions repeat it.
        let mut seen: BTreeSet<(&str, &str, usize)> = BTreeSet::new();
        let mut table: Table = BTreeMap::new();
        for e in &run.entities {
            let Some(stance) = e.stance.as_deref() else { continue };
            if !seen.insert((e.canonical.as_str(), e.doc_id.as_str(), e.sent_idx)) {
                continue;
            }
            let doc = doc_index.get(e.doc_id.as_str()).copied().unwrap_or(usize::MAX);
            let (cell, sum) = table
                .entry(e.canonical.as_str())
                .or_default()
                .entry((doc, e.doc_id.as_str()))
                .or_insert_with(|| (SourceStance { doc_id: e.doc_id.clone(), ..Default::default() }, 0.0));
            match stance {
                "favor" => {
                    cell.favor += 1;
                    *sum += e.stance_score;
                }
                "against" => {
                    cell.against += 1;
                    *sum -= e.stance_score;
                }
                _ => cell.neutral += 1,
            }
        }
        let mut entities: Vec<EntityStance> = table
            .into_iter()
            .filter(|(_, sources)| sources.len() >= 2)
            .map(|(canonical, sources)| EntityStance {
                canonical: canonical.to_string(),
                sources: sources
                    .into_values()
                    .map(|(mut s, sum)| {
                        s.mean_score = sum / s.total() as f64;
                        s
                    })
                    .collect(),
            })
            .collect();
        let total = |e: &EntityStance| e.sources.iter().map(SourceStance::total).sum::<usize>();
        entities.sort_by(|x, y| total(y).cmp(&total(x)).then_with(|| x.canonical.cmp(&y.canonical)));
        StanceBySource { entities }
    }

    /// `stance_by_source.csv`, text cells with the formula guard.
    pub fn csv(&self) -> std::io::Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["canonical", "doc_id", "favor", "against", "neutral", "mean_score"])?;
        for e in &self.entities {
            for s in &e.sources {
                w.write_record([
                    &*guard_formula(&e.canonical),
                    &guard_formula(&s.doc_id),
                    &s.favor.to_string(),
                    &s.against.to_string(),
                    &s.neutral.to_string(),
                    &format!("{:.3}", s.mean_score),
                ])?;
            }
        }
        w.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::read::EntityRow;

    fn row(doc: &str, sent: usize, canonical: &str, stance: &str, score: f64) -> EntityRow {
        EntityRow {
            doc_id: doc.into(),
            sent_idx: sent,
            canonical: canonical.into(),
            entity_type: "PER".into(),
            stance: Some(stance.into()),
            stance_score: score,
        }
    }

    #[test]
    fn counts_sentences_once_and_keeps_entities_of_two_documents() {
        let run = Run {
            entities: vec![
            row("a", 0, "Putin", "favor", 0.8),
            row("a", 0, "Putin", "favor", 0.8), // a second mention of the same sentence
            row("a", 1, "Putin", "against", 0.6),
            row("b", 0, "Putin", "neutral", 0.9),
            row("b", 0, "Aliyev", "favor", 0.9),
            ],
            ..Default::default()
        };
        let table = StanceBySource::of(&run);
        assert_eq!(table.entities.len(), 1, "Aliyev has stance in one document only");
        let a = &table.entities[0].sources[0];
        assert_eq!((a.favor, a.against, a.neutral), (1, 1, 0));
        assert!((a.mean_score - 0.1).abs() < 1e-9);
        let csv = String::from_utf8(table.csv().unwrap()).unwrap();
        assert_eq!(csv, "canonical,doc_id,favor,against,neutral,mean_score\nPutin,a,1,1,0,0.100\nPutin,b,0,0,1,0.000\n");
    }

    #[test]
    fn text_cells_that_a_spreadsheet_would_run_are_guarded() {
        let run = Run {
            entities: vec![row("a", 0, "=HYPERLINK(1)", "favor", 0.5), row("-b", 0, "=HYPERLINK(1)", "against", 0.5)],
            ..Default::default()
        };
        let csv = String::from_utf8(StanceBySource::of(&run).csv().unwrap()).unwrap();
        assert!(csv.contains("'=HYPERLINK(1),'-b,0,1,0,-0.500\n"), "{csv}");
        assert!(!csv.contains(",=") && !csv.contains("\n="), "{csv}");
    }
}
