//! Pronoun references: a sentence that speaks of a person only as "he" or
//! "his", right after a sentence that names them.
//!
//! Opinion writing judges people this way ("But his solution to the crisis is
//! imperfect"), and the stance stage would otherwise see no target in such a
//! sentence. The rule is deliberately narrow, to stay precise: the pronoun
//! comes before any person named in its own sentence, and the person referred
//! to is the first one named in the previous sentence.

use std::ops::Range;

use crate::entities::Entity;

/// A person referred to by pronouns in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct PronounReference {
    pub sent_idx: usize,
    /// The canonical name of the person.
    pub canonical: String,
    /// Byte ranges of the pronouns in the document.
    pub pronouns: Vec<Range<usize>>,
    /// The sentence with those pronouns replaced by the name ("his" →
    /// "Vladimir Putin's"), which is what the stance model reads.
    pub rewritten: String,
}

const PRONOUNS: [&str; 6] = ["he", "him", "his", "she", "her", "hers"];

/// Words after which "her" is an object ("told her that"), not a possessive ("her plan").
const AFTER_OBJECT_HER: [&str; 27] = [
    "a", "an", "the", "that", "this", "these", "those", "to", "in", "on", "at", "for", "with", "by", "from", "of", "as", "and",
    "or", "but", "if", "when", "than", "into", "about", "over", "after",
];

/// Persons of `PER` type referred to by pronouns, one per sentence at most,
/// with `entities` in text order.
pub fn resolve(text: &str, sentences: &[Range<usize>], entities: &[Entity]) -> Vec<PronounReference> {
    // Each sentence's entities, found once: a long document has many of both.
    let mut of_sentence: Vec<&[Entity]> = vec![&[]; sentences.len()];
    for group in entities.chunk_by(|a, b| a.sent_idx == b.sent_idx) {
        of_sentence[group[0].sent_idx] = group;
    }
    let first_person = |sent_idx: usize| of_sentence[sent_idx].iter().find(|e| e.entity_type == "PER");
    let mut found = Vec::new();
    for (sent_idx, sentence) in sentences.iter().enumerate().skip(1) {
        let Some(antecedent) = first_person(sent_idx - 1) else { continue };
        if of_sentence[sent_idx].iter().any(|e| e.canonical == antecedent.canonical) {
            continue;
        }
        let names_from = first_person(sent_idx).map_or(sentence.end, |e| e.range.start);
        let words = words(&text[sentence.clone()]);
        let pronouns: Vec<(usize, Range<usize>)> = words
            .iter()
            .enumerate()
            .map(|(k, w)| (k, sentence.start + w.start..sentence.start + w.end))
            .filter(|(_, r)| r.end <= names_from && PRONOUNS.iter().any(|p| text[r.clone()].eq_ignore_ascii_case(p)))
            .collect();
        if pronouns.is_empty() {
            continue;
        }
        let mut rewritten = String::new();
        let mut copied = sentence.start;
        for (k, range) in &pronouns {
            rewritten.push_str(&text[copied..range.start]);
            rewritten.push_str(&antecedent.canonical);
            let next_word = words
                .get(k + 1)
                .filter(|w| !w.is_empty())
                .map(|w| text[sentence.start + w.start..sentence.start + w.end].to_lowercase());
            if is_possessive(&text[range.clone()], next_word.as_deref()) {
                rewritten.push_str("'s");
            }
            copied = range.end;
        }
        rewritten.push_str(&text[copied..sentence.end]);
        found.push(PronounReference {
            sent_idx,
            canonical: antecedent.canonical.clone(),
            pronouns: pronouns.into_iter().map(|(_, r)| r).collect(),
            rewritten,
        });
    }
    found
}

fn is_possessive(pronoun: &str, next_word: Option<&str>) -> bool {
    match pronoun.to_lowercase().as_str() {
        "his" | "hers" => true,
        "her" => next_word.is_some_and(|w| !AFTER_OBJECT_HER.contains(&w)),
        _ => false,
    }
}

/// Byte ranges of the alphabetic words of `text`, with an empty range after a
/// word that punctuation follows: it has no next word, so "told her." reads
/// "her" as an object.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
                // Punctuation ends the phrase: no word follows this one.
                if !c.is_whitespace() && !matches!(c, '\'' | '’' | '-') {
                    words.push(i..i);
                }
            }
            _ => {}
        }
    }
    words
}

/// A test document: `sentences` joined by single spaces, their byte ranges,
/// and `names` as (sentence, name, type, canonical) entities at the name's
/// first occurrence in its sentence. Here, not in the tests, because the
/// tests of `speakers` (which reads this stage's references) build theirs alike.
#[cfg(test)]
pub(crate) fn test_document(sentences: &[&str], names: &[(usize, &str, &str, &str)]) -> (String, Vec<Range<usize>>, Vec<Entity>) {
    let text = sentences.join(" ");
    let mut ranges = Vec::new();
    let mut start = 0;
    for s in sentences {
        ranges.push(start..start + s.len());
        start += s.len() + 1;
    }
    let entities = names
        .iter()
        .map(|&(sent_idx, name, entity_type, canonical)| {
            let at = ranges[sent_idx].start + text[ranges[sent_idx].clone()].find(name).unwrap();
            Entity { sent_idx, range: at..at + name.len(), entity_type: entity_type.into(), fine_type: String::new(), score: 1.0, canonical: canonical.into() }
        })
        .collect();
    (text, ranges, entities)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_refer_to_the_first_person_of_the_previous_sentence() {
        let (text, sentences, entities) = test_document(
            &["Putin compelled Yerevan to accept this defeat.", "His decision to do so was a clever gambit."],
            &[(0, "Putin", "PER", "Vladimir Putin")],
        );
        let found = resolve(&text, &sentences, &entities);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].canonical, "Vladimir Putin");
        assert_eq!(found[0].rewritten, "Vladimir Putin's decision to do so was a clever gambit.");
        let pronouns: Vec<&str> = found[0].pronouns.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(pronouns, ["His"]);
    }

    #[test]
    fn pronouns_after_a_person_named_in_the_sentence_are_theirs() {
        let (text, sentences, entities) = test_document(
            &["Since then, Putin has kept a cordial tone.", "But he hates uprisings, and Pashinyan knows his mind."],
            &[(0, "Putin", "PER", "Vladimir Putin"), (1, "Pashinyan", "PER", "Nikol Pashinyan")],
        );
        let found = resolve(&text, &sentences, &entities);
        assert_eq!(found[0].rewritten, "But Vladimir Putin hates uprisings, and Pashinyan knows his mind.");
        assert_eq!(found[0].pronouns.len(), 1);
    }

    #[test]
    fn no_reference_without_a_person_before_or_when_named_again() {
        let (text, sentences, entities) = test_document(&["The talks failed.", "His plan was weak."], &[]);
        assert!(resolve(&text, &sentences, &entities).is_empty());
        let (text, sentences, entities) =
            test_document(&["Putin spoke.", "He said Putin would stay."], &[(0, "Putin", "PER", "Vladimir Putin"), (1, "Putin", "PER", "Vladimir Putin")]);
        assert!(resolve(&text, &sentences, &entities).is_empty());
        let (text, sentences, entities) = test_document(&["Putin spoke.", "Then the others left."], &[(0, "Putin", "PER", "Vladimir Putin")]);
        assert!(resolve(&text, &sentences, &entities).is_empty(), "no pronoun, no reference ('the' and 'others' are not pronouns)");
    }

    #[test]
    fn her_is_possessive_only_before_a_noun() {
        let (text, sentences, entities) =
            test_document(&["Merkel spoke.", "Critics told her that her plan failed, and blamed her."], &[(0, "Merkel", "PER", "Angela Merkel")]);
        let found = resolve(&text, &sentences, &entities);
        assert_eq!(found[0].rewritten, "Critics told Angela Merkel that Angela Merkel's plan failed, and blamed Angela Merkel.");
    }

    #[test]
    fn offsets_stay_right_after_multibyte_text() {
        let (text, sentences, entities) =
            test_document(&["Erdoğan’s allies cheered.", "“His gamble failed,” they said."], &[(0, "Erdoğan", "PER", "Recep Tayyip Erdoğan")]);
        let found = resolve(&text, &sentences, &entities);
        assert_eq!(&text[found[0].pronouns[0].clone()], "His");
        assert_eq!(found[0].rewritten, "“Recep Tayyip Erdoğan's gamble failed,” they said.");
    }
}
