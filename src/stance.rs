//! Stance stage: how each sentence stands toward the entities it mentions
//! and toward user-given targets.

use std::collections::BTreeMap;

use crate::entities::Entity;
use crate::runtime::{PairClassifier, Result};

/// A target the user names, with the words that mention it in text
/// (`--target "Russia=Russia,Kremlin,Moscow"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub name: String,
    pub aliases: Vec<String>,
}

impl std::str::FromStr for Target {
    type Err = String;

    fn from_str(spec: &str) -> std::result::Result<Self, String> {
        let (name, aliases) = match spec.split_once('=') {
            Some((name, aliases)) => (name.trim(), aliases.split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect()),
            None => (spec.trim(), vec![spec.trim().to_string()]),
        };
        if name.is_empty() || aliases.is_empty() {
            return Err(format!("target {spec:?} needs a name, as in \"Russia\" or \"Russia=Russia,Kremlin,Moscow\""));
        }
        Ok(Target { name: name.to_string(), aliases })
    }
}

/// The stance of one sentence toward one target.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Stance {
    pub sent_idx: usize,
    /// The entity's canonical name, or the user target's name.
    pub target: String,
    pub label: String,
    /// Probability of `label`.
    pub score: f32,
    /// Probability of every label, in the model's label order.
    pub scores: Vec<(String, f32)>,
    /// How the sentence mentions the target.
    pub via: Via,
    /// Byte ranges in the document of a user target's aliases or of the
    /// pronouns that refer to a person (empty for names, whose mentions are
    /// the entity rows).
    pub mentions: Vec<std::ops::Range<usize>>,
}

/// How a sentence mentions a stance target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Via {
    /// A named entity of the sentence.
    Name,
    /// An alias of a user target (`--target`).
    Alias,
    /// Pronouns for a person named in the previous sentence ([`crate::pronouns`]).
    Pronoun,
}

impl Via {
    /// The `type` of the rows written at `mentions`.
    pub fn mention_type(self) -> &'static str {
        match self {
            Via::Name => "",
            Via::Alias => "TARGET",
            Via::Pronoun => "PRONOUN",
        }
    }
}

/// One (sentence, target) pair to score.
struct Pair {
    via: Via,
    /// What the model reads: the sentence, or its rewrite with pronouns replaced by the name.
    text: Option<String>,
    mentions: Vec<std::ops::Range<usize>>,
}

pub struct StanceStage {
    pub classifier: PairClassifier,
    /// Entity types or fine types that get a stance; MISC only when it names a group.
    pub types: Vec<String>,
    pub targets: Vec<Target>,
    /// Also score persons referred to by pronouns ([`crate::pronouns`]).
    pub pronouns: bool,
}

/// A MISC mention names a group of people when it is a plural demonym
/// ("Armenians", "Azeris"), not an adjective ("Armenian troops").
fn names_a_group(surface: &str) -> bool {
    surface.chars().next().is_some_and(char::is_uppercase) && surface.ends_with('s') && !surface.ends_with("ss")
}

impl StanceStage {
    /// Scores once per (sentence, canonical entity), per (sentence, person
    /// referred to by pronouns) and per (sentence, user target mentioned by an
    /// alias), in sentence order.
    pub fn score(&self, text: &str, sentences: &[std::ops::Range<usize>], entities: &[Entity]) -> Result<Vec<Stance>> {
        let mut wanted: BTreeMap<(usize, String), Pair> = BTreeMap::new();
        for e in entities {
            let surface = crate::normalize::clean_name(&text[e.range.clone()]);
            let eligible = self.types.contains(&e.entity_type)
                || (!e.fine_type.is_empty() && self.types.contains(&e.fine_type))
                || (e.entity_type == "MISC" && self.types.iter().any(|t| t == "MISC-GROUP") && names_a_group(&surface));
            if eligible {
                wanted.entry((e.sent_idx, e.canonical.clone())).or_insert(Pair { via: Via::Name, text: None, mentions: Vec::new() });
            }
        }
        if self.pronouns && self.types.iter().any(|t| t == "PER" || t == "PERSON") {
            for r in crate::pronouns::resolve(text, sentences, entities) {
                wanted.insert((r.sent_idx, r.canonical), Pair { via: Via::Pronoun, text: Some(r.rewritten), mentions: r.pronouns });
            }
        }
        for (sent_idx, sentence) in sentences.iter().enumerate() {
            for target in &self.targets {
                let mut mentions: Vec<_> = target
                    .aliases
                    .iter()
                    .flat_map(|a| find_words(&text[sentence.clone()], a))
                    .map(|r| sentence.start + r.start..sentence.start + r.end)
                    .collect();
                if !mentions.is_empty() {
                    mentions.sort_by_key(|r| (r.start, r.end));
                    mentions.dedup();
                    wanted.insert((sent_idx, target.name.clone()), Pair { via: Via::Alias, text: None, mentions });
                }
            }
        }
        let pairs: Vec<(&str, &str)> = wanted
            .iter()
            .map(|((sent_idx, target), pair)| (target.as_str(), pair.text.as_deref().unwrap_or(&text[sentences[*sent_idx].clone()])))
            .collect();
        let probabilities = self.classifier.predict(&pairs)?;
        let labels = self.classifier.labels();
        Ok(wanted
            .into_iter()
            .zip(probabilities)
            .map(|(((sent_idx, target), pair), probs)| {
                let best = probs.iter().enumerate().fold(0, |b, (i, &p)| if p > probs[b] { i } else { b });
                Stance {
                    sent_idx,
                    target,
                    label: labels[best].clone(),
                    score: probs[best],
                    scores: labels.iter().cloned().zip(probs.iter().copied()).collect(),
                    via: pair.via,
                    mentions: pair.mentions,
                }
            })
            .collect())
    }
}

/// Byte ranges where `needle` occurs in `haystack` as whole words, ignoring case.
pub fn find_words(haystack: &str, needle: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    for (start, _) in haystack.char_indices() {
        let mut rest = haystack[start..].chars();
        let mut end = start;
        // Compare char by char: lowercasing whole strings can shift byte offsets.
        let matched = needle.chars().all(|n| {
            rest.next().is_some_and(|h| {
                end += h.len_utf8();
                h.to_lowercase().eq(n.to_lowercase())
            })
        });
        let before = haystack[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if matched && before && after {
            found.push(start..end);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_with_and_without_aliases() {
        let t: Target = "Russia=Russia, Kremlin,Moscow".parse().unwrap();
        assert_eq!(t, Target { name: "Russia".into(), aliases: vec!["Russia".into(), "Kremlin".into(), "Moscow".into()] });
        let t: Target = "the ceasefire deal".parse().unwrap();
        assert_eq!(t.aliases, ["the ceasefire deal"]);
        assert!("=a".parse::<Target>().is_err());
    }

    #[test]
    fn aliases_match_whole_words_only() {
        assert_eq!(find_words("The Kremlin’s move", "kremlin"), vec![4..11]);
        assert!(find_words("Russians", "Russia").is_empty());
        assert_eq!(find_words("İstanbul and the ceasefire deal held", "the ceasefire deal"), vec![14..32]);
    }

    #[test]
    fn groups_are_plural_demonyms() {
        assert!(names_a_group("Armenians"));
        assert!(!names_a_group("Armenian"));
        assert!(!names_a_group("Swiss"));
    }
}
