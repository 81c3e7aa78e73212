//! Reader for gold annotations in the TSV layout of `shared/gold/`:
//! `sentences.tsv`, `entities.tsv`, `numbers.tsv`, `stance.tsv`,
//! `boilerplate.tsv` and `speakers.tsv`, UTF-8, tab-separated, header row, no quoting, offsets in
//! code points. A missing file means that layer has no gold.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldSentence {
    pub doc: String,
    pub sent_idx: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldEntity {
    pub doc: String,
    pub sent_idx: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub entity_type: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldNumber {
    pub doc: String,
    pub sent_idx: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub unit: String,
    pub qualifier: String,
    pub kind: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldStance {
    pub doc: String,
    pub sent_idx: usize,
    pub target: String,
    pub stance: String,
    #[serde(default)]
    pub note: String,
}

/// The speaker of a sentence that reports one (`speakers.tsv`); every other
/// gold sentence is the author's own claim.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldSpeaker {
    pub doc: String,
    pub sent_idx: usize,
    pub speaker: String,
    pub cue: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct GoldBoilerplate {
    pub doc: String,
    pub text_excerpt: String,
}

/// All gold layers of a directory.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    pub sentences: Vec<GoldSentence>,
    pub entities: Vec<GoldEntity>,
    pub numbers: Vec<GoldNumber>,
    pub stance: Vec<GoldStance>,
    pub boilerplate: Vec<GoldBoilerplate>,
    /// None when there is no `speakers.tsv` (the layer is not annotated).
    pub speakers: Option<Vec<GoldSpeaker>>,
}

#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("cannot read gold file {path}: {source}")]
    Read { path: PathBuf, source: csv::Error },
    #[error("no gold files (sentences.tsv, entities.tsv, numbers.tsv, stance.tsv, boilerplate.tsv, speakers.tsv) in {0}")]
    Empty(PathBuf),
}

impl Gold {
    pub fn load(dir: &Path) -> Result<Gold, GoldError> {
        let mut found = false;
        let mut layer = |name: &str| -> Result<Option<PathBuf>, GoldError> {
            let path = dir.join(name);
            found |= path.exists();
            Ok(path.exists().then_some(path))
        };
        let paths = [
            layer("sentences.tsv")?,
            layer("entities.tsv")?,
            layer("numbers.tsv")?,
            layer("stance.tsv")?,
            layer("boilerplate.tsv")?,
            layer("speakers.tsv")?,
        ];
        if !found {
            return Err(GoldError::Empty(dir.to_path_buf()));
        }
        let [s, e, n, st, b, sp] = paths;
        Ok(Gold {
            sentences: read_rows(s)?,
            entities: read_rows(e)?,
            // Gold dates are packed integers (`20201110`, unit `yyyymmdd`);
            // claimsift writes ISO 8601, so they are read as that.
            numbers: read_rows::<GoldNumber>(n)?
                .into_iter()
                .map(|g| GoldNumber { value: crate::numbers::gold_date_as_iso(&g.value, &g.unit), ..g })
                .collect(),
            stance: read_rows(st)?,
            boilerplate: read_rows(b)?,
            speakers: sp.is_some().then(|| read_rows(sp)).transpose()?,
        })
    }

    /// The documents named anywhere in the gold, sorted.
    pub fn docs(&self) -> Vec<String> {
        let mut docs: BTreeMap<&str, ()> = BTreeMap::new();
        for d in self.sentences.iter().map(|r| &r.doc)
            .chain(self.entities.iter().map(|r| &r.doc))
            .chain(self.numbers.iter().map(|r| &r.doc))
            .chain(self.stance.iter().map(|r| &r.doc))
            .chain(self.boilerplate.iter().map(|r| &r.doc))
            .chain(self.speakers.iter().flatten().map(|r| &r.doc))
        {
            docs.insert(d, ());
        }
        docs.into_keys().map(str::to_owned).collect()
    }

    /// The document's text as far as the gold sentences tell it (spaces
    /// elsewhere): enough to quote mismatches when the article is not at hand.
    pub fn sentence_text(&self, doc: &str) -> String {
        let sentences: Vec<&GoldSentence> = self.sentences.iter().filter(|s| s.doc == doc).collect();
        let mut chars = vec![' '; sentences.iter().map(|s| s.end).max().unwrap_or(0)];
        for s in sentences {
            for (k, c) in s.text.chars().take(s.end - s.start).enumerate() {
                chars[s.start + k] = c;
            }
        }
        chars.into_iter().collect()
    }
}

fn read_rows<T: DeserializeOwned>(path: Option<PathBuf>) -> Result<Vec<T>, GoldError> {
    let Some(path) = path else { return Ok(Vec::new()) };
    let err = |source| GoldError::Read { path: path.clone(), source };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(&path)
        .map_err(err)?;
    reader.deserialize().collect::<Result<Vec<T>, _>>().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_the_fixture_gold() {
        let gold = Gold::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gold")).unwrap();
        assert_eq!(gold.docs().len(), 3);
        assert!(gold.sentences.len() > 100);
        assert!(gold.numbers.iter().any(|n| n.text == "almost 2,000 Russian peacekeepers" && n.value == "2000"));
        assert!(gold.speakers.as_ref().is_some_and(|s| s.iter().any(|r| r.speaker == "Dmitry Trenin" && r.cue == "argued")));
    }
}
