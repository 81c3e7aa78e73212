//! Entities stage: named entities of each sentence, with canonical names.

use std::ops::Range;

use crate::runtime::{Result, TokenClassifier, NUMERIC};

/// One entity mention in a document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub sent_idx: usize,
    /// Byte range into the document text.
    pub range: Range<usize>,
    /// PER, ORG, LOC or MISC (or whatever the model's labels say).
    pub entity_type: String,
    /// The OntoNotes type of a model with a `fine_type` label set ("GPE",
    /// "NORP"), else empty.
    #[serde(default)]
    pub fine_type: String,
    pub score: f32,
    /// The name that all mentions of this entity share (see [`crate::normalize`]).
    pub canonical: String,
}

/// Runs a token classification model over sentences.
pub struct EntityStage {
    pub classifier: TokenClassifier,
}

impl EntityStage {
    /// Entities of every sentence of `text`, in text order.
    pub fn find(&self, text: &str, sentences: &[Range<usize>]) -> Result<Vec<Entity>> {
        let texts: Vec<&str> = sentences.iter().map(|s| &text[s.clone()]).collect();
        let spans = self.classifier.predict(&texts)?;
        let mut entities: Vec<Entity> = sentences
            .iter()
            .zip(spans)
            .enumerate()
            .flat_map(|(sent_idx, (sentence, spans))| {
                // Numeric spans are quantities, which the numbers stage reads.
                spans.into_iter().filter(|span| span.label != NUMERIC).map(move |span| Entity {
                    sent_idx,
                    range: sentence.start + span.start..sentence.start + span.end,
                    entity_type: span.label,
                    fine_type: span.fine_type,
                    score: span.score,
                    canonical: String::new(),
                })
            })
            .collect();
        crate::normalize::canonicalize(text, &mut entities);
        Ok(entities)
    }
}
