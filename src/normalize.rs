//! Canonical entity names: mentions of one entity share one name.
//!
//! Within a document, a mention takes the fullest form of the same type that
//! ends or starts with it on a word boundary ("Putin" → "Vladimir Putin");
//! possessives and stray punctuation are stripped ("Russia’s" → "Russia").
//! The rules depend only on the document, so the same article always gives
//! the same names. [`DumpNames`] then lines names up across a dump, so that a
//! pivot on `canonical` works over all documents.

use std::collections::{BTreeSet, HashMap};

use crate::entities::Entity;

/// The mention's text without possessive, quotes and extra white space.
pub fn clean_name(surface: &str) -> String {
    let words: Vec<&str> = surface.split_whitespace().collect();
    let mut name = words.join(" ");
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stripped) = name.strip_suffix(suffix) {
            name = stripped.to_string();
            break;
        }
    }
    name.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | ')' | '(')).trim_end_matches(['(']).to_string()
}

/// Does `short` sit inside `long` as whole words at its start or end?
fn is_short_form(short: &str, long: &str) -> bool {
    if short.len() >= long.len() {
        return false;
    }
    let at_end = long.strip_suffix(short).is_some_and(|head| head.ends_with([' ', '-']));
    let at_start = long.strip_prefix(short).is_some_and(|tail| tail.starts_with(' '));
    at_end || at_start
}

/// An entity score the shipped NER model reaches on most names (95% of the
/// mentions in the sample articles) and seldom on a span that went wrong.
const SURE_SCORE: f32 = 0.9;

/// Fills `canonical` for all entities of one document.
pub fn canonicalize(text: &str, entities: &mut [Entity]) {
    // Distinct (type, name) pairs with their counts and whether the model was
    // sure of any of their mentions: documents repeat names a lot, so
    // comparing distinct names keeps this cheap.
    let mut forms: HashMap<(&str, String), (usize, bool)> = HashMap::new();
    let names: Vec<String> = entities.iter().map(|e| clean_name(&text[e.range.clone()])).collect();
    for (e, name) in entities.iter().zip(&names) {
        let form = forms.entry((e.entity_type.as_str(), name.clone())).or_default();
        form.0 += 1;
        form.1 |= e.score >= SURE_SCORE;
    }
    let mut canonical: HashMap<(&str, &str), String> = HashMap::new();
    for (entity_type, name) in forms.keys() {
        // The fullest form: the longest same-type name that contains this one,
        // the most frequent on ties, so "Aliyev" follows the Aliyev most cited;
        // a form the model was never sure of only when no other is left, so a
        // span that took in a capitalized word ("Consider Aliyev’s address",
        // score 0.62) does not rename "Ilham Aliyev".
        let fullest = forms
            .iter()
            .filter(|((t, other), _)| t == entity_type && is_short_form(name, other))
            .max_by_key(|((_, other), &(n, sure))| (sure, other.len(), n, std::cmp::Reverse(other.clone())))
            .map(|((_, other), _)| other.clone());
        canonical.insert((entity_type, name), fullest.unwrap_or_else(|| name.clone()));
    }
    let resolved: Vec<String> =
        entities.iter().zip(&names).map(|(e, name)| canonical[&(e.entity_type.as_str(), name.as_str())].clone()).collect();
    for (e, name) in entities.iter_mut().zip(resolved) {
        e.canonical = name;
    }
}

/// Canonical names shared across the documents of a dump, fed in input
/// order so that output does not depend on thread count.
///
/// Two rules, both conservative because a wrong merge across articles is
/// worse than a missed one: spellings that differ only in case or apostrophe
/// style take the first one seen ("KREMLIN" → "Kremlin"), and a person named
/// by one word takes the full name seen earlier in the dump when exactly one
/// full name ends with that word ("Putin" → "Vladimir Putin", but "Aliyev"
/// stays when both Ilham and Heydar Aliyev were seen).
#[derive(Debug, Default)]
pub struct DumpNames {
    /// (type, folded name) → the spelling seen first.
    spellings: HashMap<(String, String), String>,
    /// Folded surname → full person names seen with it.
    people: HashMap<String, BTreeSet<String>>,
}

/// Case and apostrophe style folded away.
fn fold(name: &str) -> String {
    name.replace('’', "'").to_lowercase()
}

/// How one document's canonical names read across the dump (from [`DumpNames::align`]).
#[derive(Debug, Default)]
pub struct DocumentNames {
    /// (type, the document's canonical name) → the dump's.
    entities: HashMap<(String, String), String>,
    /// Stances name their target without its type: the first mention's type wins.
    stance_targets: HashMap<String, String>,
}

impl DocumentNames {
    /// The dump's name for an entity of the document.
    pub fn entity(&self, entity_type: &str, name: &str) -> Option<&str> {
        self.entities.get(&(entity_type.to_string(), name.to_string())).map(String::as_str)
    }

    /// The dump's name for the target of a stance toward a named entity.
    pub fn stance_target(&self, name: &str) -> Option<&str> {
        self.stance_targets.get(name).map(String::as_str)
    }
}

impl DumpNames {
    /// The dump's names for one document's entities, given as (type,
    /// canonical name) in text order; then remembers them for the documents
    /// that follow.
    pub fn align<'a>(&mut self, entities: impl IntoIterator<Item = (&'a str, &'a str)>) -> DocumentNames {
        let mut names = DocumentNames::default();
        for (entity_type, name) in entities {
            let key = (entity_type.to_string(), name.to_string());
            let dump_name = match names.entities.get(&key) {
                Some(dump_name) => dump_name.clone(),
                None => {
                    let dump_name = self.dump_name(entity_type, name);
                    names.entities.insert(key, dump_name.clone());
                    dump_name
                }
            };
            names.stance_targets.entry(name.to_string()).or_insert(dump_name);
        }
        for ((entity_type, _), name) in &names.entities {
            let words: Vec<&str> = name.split(' ').collect();
            if entity_type == "PER" && words.len() > 1 {
                self.people.entry(fold(words[words.len() - 1])).or_default().insert(name.clone());
            }
        }
        names
    }

    fn dump_name(&mut self, entity_type: &str, name: &str) -> String {
        if entity_type == "PER" && !name.contains(' ') {
            if let Some(full) = self.people.get(&fold(name)).filter(|full| full.len() == 1).and_then(|full| full.first()) {
                return full.clone();
            }
        }
        self.spellings.entry((entity_type.to_string(), fold(name))).or_insert_with(|| name.to_string()).clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(text: &str, surface: &str, entity_type: &str) -> Entity {
        let start = text.find(surface).unwrap();
        Entity { sent_idx: 0, range: start..start + surface.len(), entity_type: entity_type.into(), fine_type: String::new(), score: 1.0, canonical: String::new() }
    }

    #[test]
    fn short_forms_take_the_fullest_name() {
        let text = "Vladimir Putin spoke. Later Putin’s aide and Russia’s OSCE Minsk Group envoy, the Minsk Group, met.";
        let mut entities = vec![
            entity(text, "Vladimir Putin", "PER"),
            entity(text, "Putin’s", "PER"),
            entity(text, "Russia’s", "LOC"),
            entity(text, "OSCE Minsk Group", "ORG"),
            entity(text, "the Minsk Group", "ORG"),
        ];
        entities[4].range.start += 4; // "Minsk Group"
        canonicalize(text, &mut entities);
        let names: Vec<&str> = entities.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(names, ["Vladimir Putin", "Vladimir Putin", "Russia", "OSCE Minsk Group", "OSCE Minsk Group"]);
    }

    #[test]
    fn a_fuller_form_the_model_was_unsure_of_does_not_become_the_name() {
        let text = "Ilham Aliyev spoke. Consider Aliyev’s address. Aliyev won.";
        let mut entities = vec![entity(text, "Ilham Aliyev", "PER"), entity(text, "Consider Aliyev’s", "PER"), entity(text, "Aliyev won", "PER")];
        entities[1].score = 0.62;
        entities[2].range.end -= 4; // "Aliyev"
        canonicalize(text, &mut entities);
        let names: Vec<&str> = entities.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(names, ["Ilham Aliyev", "Consider Aliyev", "Ilham Aliyev"]);
    }

    #[test]
    fn names_of_other_types_or_partial_words_do_not_merge() {
        let text = "Armenia and Armenian troops; Georgia and South Georgia.";
        let mut entities = vec![entity(text, "Armenia", "LOC"), entity(text, "Armenian", "MISC"), entity(text, "South Georgia", "LOC")];
        entities.push(Entity { range: 29..36, ..entity(text, "Georgia", "LOC") });
        canonicalize(text, &mut entities);
        let names: Vec<&str> = entities.iter().map(|e| e.canonical.as_str()).collect();
        assert_eq!(names, ["Armenia", "Armenian", "South Georgia", "South Georgia"]);
    }

    #[test]
    fn clean_name_strips_possessives_and_space() {
        assert_eq!(clean_name("Russia’s"), "Russia");
        assert_eq!(clean_name("Pashinyan's"), "Pashinyan");
        assert_eq!(clean_name("Nagorno-Karabakh\nRepublic"), "Nagorno-Karabakh Republic");
        assert_eq!(clean_name("“Kremlin"), "Kremlin");
        assert_eq!(clean_name("U.S."), "U.S.");
    }

    #[test]
    fn dump_names_line_up_spellings_and_surnames_across_documents() {
        let mut dump = DumpNames::default();
        dump.align([("PER", "Vladimir Putin"), ("ORG", "Kremlin"), ("PER", "Ilham Aliyev")]);
        let second = dump.align([("PER", "Putin"), ("ORG", "KREMLIN"), ("PER", "Heydar Aliyev"), ("LOC", "Putin")]);
        assert_eq!(second.entity("PER", "Putin"), Some("Vladimir Putin"));
        assert_eq!(second.entity("ORG", "KREMLIN"), Some("Kremlin"));
        assert_eq!(second.entity("PER", "Heydar Aliyev"), Some("Heydar Aliyev"));
        assert_eq!(second.entity("LOC", "Putin"), Some("Putin"));
        // The stance toward "Putin" takes the name of its first mention, a PER.
        assert_eq!(second.stance_target("Putin"), Some("Vladimir Putin"));
        // Two Aliyevs seen: a bare "Aliyev" is left as it is.
        let third = dump.align([("PER", "Aliyev")]);
        assert_eq!(third.entity("PER", "Aliyev"), Some("Aliyev"));
    }
}
