//! The chain of stages over one document: clean → split → entities → stance → speakers → numbers.

use std::ops::Range;

use crate::cache::{Cache, ModelOutputs};
use crate::clean::{self, Cleaned};
use crate::document::Document;
use crate::entities::{Entity, EntityStage};
use crate::numbers::{self, NumberMention};
use crate::runtime::RuntimeError;
use crate::speakers::{self, Attribution};
use crate::split;
use crate::stance::{Stance, StanceStage};

/// Everything the stages found in one document.
#[derive(Debug, Clone)]
pub struct Processed {
    pub doc: Document,
    pub cleaned: Cleaned,
    /// Byte ranges of the sentences in `doc.text`.
    pub sentences: Vec<Range<usize>>,
    pub entities: Vec<Entity>,
    pub stances: Vec<Stance>,
    /// Numbers with the index of their sentence.
    pub numbers: Vec<(usize, NumberMention)>,
    /// The speaker of each sentence that reports one, in sentence order.
    pub speakers: Vec<Attribution>,
    /// Whether entities and stances came from the cache.
    pub cached: bool,
}

impl Processed {
    /// The stance of an entity's sentence toward its canonical name.
    pub fn stance_of(&self, e: &Entity) -> Option<&Stance> {
        // Stances are in sentence order.
        let start = self.stances.partition_point(|s| s.sent_idx < e.sent_idx);
        self.stances[start..].iter().take_while(|s| s.sent_idx == e.sent_idx).find(|s| s.target == e.canonical)
    }

    /// The speaker of sentence `sent_idx`, if it reports one.
    pub fn speaker_of(&self, sent_idx: usize) -> Option<&Attribution> {
        self.speakers.binary_search_by_key(&sent_idx, |a| a.sent_idx).ok().map(|k| &self.speakers[k])
    }

    /// The speaker's name: an entity's canonical name or the phrase as written.
    pub fn speaker_name<'a>(&'a self, a: &'a Attribution) -> &'a str {
        a.speaker.name(&self.entities)
    }
}

/// Which stages run, with their models.
#[derive(Default)]
pub struct Pipeline {
    pub entities: Option<EntityStage>,
    pub stance: Option<StanceStage>,
}

impl Pipeline {
    /// Runs every stage; with a cache, the model stages run only for texts
    /// not seen before.
    pub fn process(&self, doc: Document, cache: Option<&Cache>) -> Result<Processed, RuntimeError> {
        let text = doc.text.as_str();
        let cleaned = clean::clean(text);
        let sentences = split::split(text, &cleaned.body);
        let uses_models = self.entities.is_some() || self.stance.is_some();
        let (ModelOutputs { entities, stances }, cached) = match cache.filter(|_| uses_models).map(|c| (c, c.get(text, &sentences))) {
            Some((_, Some(outputs))) => (outputs, true),
            Some((cache, None)) => {
                let outputs = self.run_models(text, &sentences)?;
                cache.put(text, &sentences, &outputs);
                (outputs, false)
            }
            None => (self.run_models(text, &sentences)?, false),
        };
        let references = crate::pronouns::resolve(text, &sentences, &entities);
        let speakers = speakers::attribute(text, &sentences, &entities, &references);
        let mut context = numbers::context(text);
        if let Some(year) = doc.date.as_deref().and_then(year_of_date) {
            context.year = Some(year);
        }
        let numbers = sentences
            .iter()
            .enumerate()
            .flat_map(|(i, s)| numbers::extract(text, s.clone(), &context).into_iter().map(move |n| (i, n)))
            .collect();
        Ok(Processed { doc, cleaned, sentences, entities, stances, numbers, speakers, cached })
    }

    /// The models (hashes of their files) and stage settings that decide
    /// the output, by name, for `run.json`.
    pub fn settings(&self) -> Result<std::collections::BTreeMap<String, String>, crate::cache::CacheError> {
        let mut settings = std::collections::BTreeMap::new();
        settings.insert("claimsift".to_string(), env!("CARGO_PKG_VERSION").to_string());
        let model = |model: &crate::runtime::Model| -> Result<String, crate::cache::CacheError> {
            let hashes = crate::cache::model_file_hashes(model)?;
            let file = model.onnx_file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Ok(format!("{file} {}", hashes.iter().map(|h| h.to_hex()[..16].to_string()).collect::<Vec<_>>().join(" ")))
        };
        let ner = match &self.entities {
            Some(stage) => format!("{} aggregation={:?} stride={:?}", model(&stage.classifier.model)?, stage.classifier.aggregation, stage.classifier.stride),
            None => "none".to_string(),
        };
        settings.insert("ner_model".to_string(), ner);
        let stance = match &self.stance {
            Some(stage) => model(&stage.classifier.model)?,
            None => "none".to_string(),
        };
        settings.insert("stance_model".to_string(), stance);
        if let Some(stage) = &self.stance {
            settings.insert("stance_types".to_string(), stage.types.join(","));
            settings.insert("targets".to_string(), format!("{:?}", stage.targets));
            settings.insert("pronouns".to_string(), stage.pronouns.to_string());
        }
        Ok(settings)
    }

    fn run_models(&self, text: &str, sentences: &[Range<usize>]) -> Result<ModelOutputs, RuntimeError> {
        let entities = match &self.entities {
            Some(stage) => stage.find(text, sentences)?,
            None => Vec::new(),
        };
        let stances = match &self.stance {
            Some(stage) => stage.score(text, sentences, &entities)?,
            None => Vec::new(),
        };
        Ok(ModelOutputs { entities, stances })
    }
}

/// The year of a date field such as "2020-11-10" or "Nov 10, 2020".
fn year_of_date(date: &str) -> Option<i32> {
    date.split(|c: char| !c.is_ascii_digit())
        .filter(|part| part.len() == 4)
        .filter_map(|part| part.parse().ok())
        .find(|year| (1800..=2200).contains(year))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_fields_give_a_year() {
        assert_eq!(year_of_date("2020-11-10"), Some(2020));
        assert_eq!(year_of_date("Tue, 10 Nov 2020 08:00:00 GMT"), Some(2020));
        assert_eq!(year_of_date("10/11/20"), None);
    }
}
