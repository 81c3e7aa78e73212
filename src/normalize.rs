//! Canonical entity names: mentions of one entity share one name.
//!
//! Within a document, a mention takes the fullest form of the same type that
//! ends or starts with it on a word boundary ("Putin" → "Vladimir Putin");
//! possessives and stray punctuation are stripped ("Russia’s" → "Russia").
//! The rules depend only on the document, so the same article always gives
//! the same names, and a pivot on `canonical` lines up across a dump.

use std::collections::HashMap;

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

/// Fills `canonical` for all entities of one document.
pub fn canonicalize(text: &str, entities: &mut [Entity]) {
    // Distinct (type, name) pairs with their counts: documents repeat names a
    // lot, so comparing distinct names keeps this cheap.
    let mut counts: HashMap<(&str, String), usize> = HashMap::new();
    let names: Vec<String> = entities.iter().map(|e| clean_name(&text[e.range.clone()])).collect();
    for (e, name) in entities.iter().zip(&names) {
        *counts.entry((e.entity_type.as_str(), name.clone())).or_default() += 1;
    }
    let mut canonical: HashMap<(&str, &str), String> = HashMap::new();
    for (entity_type, name) in counts.keys() {
        // The fullest form: the longest same-type name that contains this one,
        // the most frequent on ties, so "Aliyev" follows the Aliyev most cited.
        let fullest = counts
            .iter()
            .filter(|((t, other), _)| t == entity_type && is_short_form(name, other))
            .max_by_key(|((_, other), &n)| (other.len(), n, std::cmp::Reverse(other.clone())))
            .map(|((_, other), _)| other.clone());
        canonical.insert((entity_type, name), fullest.unwrap_or_else(|| name.clone()));
    }
    let resolved: Vec<String> =
        entities.iter().zip(&names).map(|(e, name)| canonical[&(e.entity_type.as_str(), name.as_str())].clone()).collect();
    for (e, name) in entities.iter_mut().zip(resolved) {
        e.canonical = name;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(text: &str, surface: &str, entity_type: &str) -> Entity {
        let start = text.find(surface).unwrap();
        Entity { sent_idx: 0, range: start..start + surface.len(), entity_type: entity_type.into(), score: 1.0, canonical: String::new() }
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
}
