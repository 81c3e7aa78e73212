//! Speakers stage: whose claim each sentence is.
//!
//! A sentence is reported speech when a cue outside its quotes and brackets
//! names a speaker: a reporting verb of the cue lexicon with its subject
//! ("Kremlin spokesman Dmitry Peskov said …", "…, said Maria Zakharova, the
//! ministry's spokeswoman"), "according to X", "as put by X" or "in X's
//! view" ([`clause`]). The speaker is the canonical name of the entity that
//! heads the phrase, a person named by pronoun as the pronoun stage resolves
//! it, or else the phrase as written ("the defence ministry"). A sentence
//! inside a quote that another sentence attributes keeps that speaker, with
//! the quotation marks as its cue ([`quotes`]). Every other sentence is the
//! author's own claim and has no speaker.

mod clause;
mod lexicon;
mod quotes;
mod tokens;

use std::ops::Range;

use crate::entities::Entity;
use crate::pronouns::PronounReference;
use lexicon::{DETERMINERS, PERSON_PRONOUNS, PREPOSITIONS};
use quotes::Quotes;
use tokens::Token;


/// How many sentences back a pronoun speaker may find the person it names.
const LOOK_BACK: usize = 3;

/// The cue of a sentence that a quote running over several sentences attributes.
pub const QUOTE_CUE: &str = "quotation marks";

/// Who speaks: a named entity, whose canonical name is the speaker's name
/// (read when written, after names are aligned across a dump), or a phrase.
#[derive(Debug, Clone, PartialEq)]
pub enum Speaker {
    /// Index of the entity in the document's entities.
    Entity(usize),
    /// The phrase as written ("the defence ministry", "analysts", an
    /// unresolved "he").
    Phrase(String),
}

impl Speaker {
    /// The speaker's name: the entity's canonical name, or the phrase.
    pub fn name<'a>(&'a self, entities: &'a [Entity]) -> &'a str {
        match self {
            Speaker::Entity(i) => &entities[*i].canonical,
            Speaker::Phrase(phrase) => phrase,
        }
    }
}

/// The speaker of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub sent_idx: usize,
    pub speaker: Speaker,
    /// The reporting word or phrase as written, lowercase ("said",
    /// "according to"), or [`QUOTE_CUE`].
    pub cue: String,
    /// Byte range of the speaker's mention: the entity, the pronoun or the
    /// phrase. It lies in another sentence when a quote carries the speaker.
    pub range: Range<usize>,
}

/// A sentence's own attribution, before quotes carry it to other sentences.
struct Found {
    attribution: Attribution,
    /// The named person who speaks (a later "he said" may be them).
    person: Option<usize>,
}

/// The speaker of each sentence that has one, in sentence order; `entities`
/// in text order, `pronouns` from [`crate::pronouns::resolve`].
pub fn attribute(text: &str, sentences: &[Range<usize>], entities: &[Entity], pronouns: &[PronounReference]) -> Vec<Attribution> {
    let quotes = Quotes::find(text);
    let mut of_sentence: Vec<Vec<(usize, &Entity)>> = vec![Vec::new(); sentences.len()];
    for (i, e) in entities.iter().enumerate() {
        if let Some(list) = of_sentence.get_mut(e.sent_idx) {
            list.push((i, e));
        }
    }
    let mut own: Vec<Option<Found>> = Vec::with_capacity(sentences.len());
    let mut quoting: Vec<(bool, bool)> = Vec::with_capacity(sentences.len());
    for (k, sentence) in sentences.iter().enumerate() {
        quoting.push((quotes.any_mark_in(sentence), quotes.mark_at(sentence.start) == Some(true)));
        if !lexicon::may_report(&text[sentence.clone()]) {
            own.push(None);
            continue;
        }
        let tokens = tokens::tokenize(text, sentence, &quotes, &of_sentence[k]);
        let previous = own.last().and_then(Option::as_ref);
        let found = clause::find(&tokens).map(|clause| {
            let earlier = &of_sentence[k.saturating_sub(LOOK_BACK)..k];
            let context = Context { text, tokens: &tokens, entities, sent_idx: k, pronouns, previous, earlier, this_entities: &of_sentence[k], quotes: &quotes };
            context.resolve(clause)
        });
        own.push(found);
    }
    carry_over_quotes(sentences, &quotes, own, &quoting)
}

/// What resolving a speaker's phrase needs to know.
struct Context<'a> {
    text: &'a str,
    tokens: &'a [Token],
    entities: &'a [Entity],
    sent_idx: usize,
    pronouns: &'a [PronounReference],
    previous: Option<&'a Found>,
    /// The entities of the sentences before, nearest last.
    earlier: &'a [Vec<(usize, &'a Entity)>],
    this_entities: &'a [(usize, &'a Entity)],
    quotes: &'a Quotes,
}

impl Context<'_> {
    fn resolve(&self, clause: clause::Clause) -> Found {
        let span = &self.tokens[clause.speaker.clone()];
        let range = span[0].range.start..span[span.len() - 1].range.end;
        let found = |speaker: Speaker, range: Range<usize>| Found {
            person: match speaker {
                Speaker::Entity(i) if self.entities[i].entity_type == "PER" => Some(i),
                _ => None,
            },
            attribution: Attribution { sent_idx: self.sent_idx, speaker, cue: clause.cue.clone(), range },
        };
        if span.len() == 1 && PERSON_PRONOUNS.contains(&span[0].lower.as_str()) {
            return match self.person_named_by(clause.speaker.start) {
                Some(i) => found(Speaker::Entity(i), range),
                None => found(Speaker::Phrase(self.text[range.clone()].to_string()), range),
            };
        }
        match self.head_entity(clause.speaker.clone()) {
            Some(i) => found(Speaker::Entity(i), self.entities[i].range.clone()),
            None => found(Speaker::Phrase(one_line(&self.text[range.clone()])), range),
        }
    }

    /// The person a pronoun speaker at token `at` refers to: one named
    /// before it in its sentence, else the previous sentence's speaker when
    /// a person, else the pronoun stage's, else the last person named in the
    /// [`LOOK_BACK`] sentences before, outside quotes, who is not named in this one.
    fn person_named_by(&self, at: usize) -> Option<usize> {
        let is_person = |i: &usize| self.entities[*i].entity_type == "PER";
        let pronoun = &self.tokens[at].range;
        let previous = self.earlier.last().map_or(&[][..], |v| &v[..]);
        let previous_people = || previous.iter().filter(|(i, _)| is_person(i));
        self.tokens[..at]
            .iter()
            .rev()
            .filter(|t| !t.quoted)
            .find_map(|t| t.entity.filter(is_person))
            .or_else(|| self.previous.and_then(|p| p.person))
            .or_else(|| {
                let reference = self.pronouns.iter().find(|r| r.sent_idx == self.sent_idx && r.pronouns.contains(pronoun))?;
                previous_people().find(|(_, e)| e.canonical == reference.canonical).map(|(i, _)| *i)
            })
            .or_else(|| {
                self.earlier
                    .iter()
                    .rev()
                    .flat_map(|s| s.iter().rev())
                    .find(|(i, e)| is_person(i) && !self.quotes.inside(&e.range) && !self.this_entities.iter().any(|(_, t)| t.canonical == e.canonical))
                    .map(|(i, _)| *i)
            })
    }

    /// The entity that heads a speaker's phrase: the one that ends it
    /// ("Defence Minister Sergei Shoigu"), unless a preposition comes before
    /// it ("the city of Hiroshima"), or the one that opens it before a
    /// preposition ("Solomon Ombobia of the Bomb Blast Legal Rights Project").
    fn head_entity(&self, span: Range<usize>) -> Option<usize> {
        let tokens = self.tokens;
        let word = |k: usize| tokens[k].lower.as_str();
        if let Some(e) = tokens[span.end - 1].entity {
            let first = (span.start..span.end).find(|&k| tokens[k].entity == Some(e)).unwrap_or(span.start);
            if !(span.start..first).any(|k| PREPOSITIONS.contains(&word(k))) {
                return Some(e);
            }
        }
        let mut k = span.start;
        while k < span.end && tokens[k].entity.is_none() && DETERMINERS.contains(&word(k)) {
            k += 1;
        }
        let e = tokens.get(k).filter(|_| k < span.end)?.entity?;
        let after = (k..span.end).find(|&j| tokens[j].entity != Some(e))?;
        PREPOSITIONS.contains(&word(after)).then_some(e)
    }
}

/// Text for a one-line cell: runs of white space become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gives a sentence without a speaker of its own the speaker of the quote it
/// belongs to: a sentence inside a quote that another sentence attributes
/// ("“We will stay. We have the troops,” he said."), or a sentence that opens
/// a new quote right after an attributed quote (the next paragraph of a
/// long quote).
fn carry_over_quotes(sentences: &[Range<usize>], quotes: &Quotes, own: Vec<Option<Found>>, quoting: &[(bool, bool)]) -> Vec<Attribution> {
    let mut all: Vec<Option<Attribution>> = own.iter().map(|f| f.as_ref().map(|f| f.attribution.clone())).collect();
    for k in 0..sentences.len() {
        if all[k].is_some() {
            continue;
        }
        let start = sentences[k].start;
        let carried = |from: &Attribution| Attribution { sent_idx: k, speaker: from.speaker.clone(), cue: QUOTE_CUE.to_string(), range: from.range.clone() };
        // The sentence starts inside a quote or opens one (sentence ranges
        // start on their first character).
        if let Some(span) = quotes.span_of(start).cloned() {
            let attributed = (0..sentences.len())
                .filter(|&j| j != k && sentences[j].start < span.end && span.start < sentences[j].end && quoting[j].0)
                .filter_map(|j| own[j].as_ref().map(|f| (j.abs_diff(k), &f.attribution)))
                .min_by_key(|(distance, _)| *distance);
            if let Some((_, from)) = attributed {
                all[k] = Some(carried(from));
                continue;
            }
        }
        if quoting[k].1 && k > 0 && quoting[k - 1].0 {
            if let Some(from) = all[k - 1].clone() {
                all[k] = Some(carried(&from));
            }
        }
    }
    all.into_iter().flatten().collect()
}

/// Whether a predicted speaker is the gold one: the same ignoring case and a
/// leading "the", or, for names, one ending with the other as whole words
/// ("Vladimir Putin" and "Putin", "Russia’s Foreign Ministry" and "Foreign
/// Ministry"). Two phrases must match in full ("officials" is not "state officials").
pub fn same_speaker(predicted: &str, gold: &str) -> bool {
    let fold = |s: &str| {
        let s = s.trim().to_lowercase().replace('’', "'");
        s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
    };
    let (p, g) = (fold(predicted), fold(gold));
    if p == g {
        return true;
    }
    let is_name = |s: &str| s.split_whitespace().next().is_some_and(|w| w.starts_with(char::is_uppercase));
    let (long, short, short_original) = if p.len() > g.len() { (&p, &g, gold) } else { (&g, &p, predicted) };
    !short.is_empty() && is_name(short_original.trim().trim_start_matches("the ")) && long.strip_suffix(short.as_str()).is_some_and(|rest| rest.ends_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The speakers found in `crate::pronouns::test_document(sentences, names)`.
    fn run(sentences: &[&str], names: &[(usize, &str, &str, &str)]) -> Vec<(usize, String, String)> {
        let (text, ranges, entities) = crate::pronouns::test_document(sentences, names);
        let references = crate::pronouns::resolve(&text, &ranges, &entities);
        attribute(&text, &ranges, &entities, &references)
            .into_iter()
            .map(|a| (a.sent_idx, a.speaker.name(&entities).to_string(), a.cue))
            .collect()
    }

    fn one(sentence: &str, names: &[(usize, &str, &str, &str)]) -> Option<(String, String)> {
        run(&[sentence], names).into_iter().next().map(|(_, s, c)| (s, c))
    }

    #[test]
    fn a_named_speaker_is_the_entity_that_heads_the_phrase() {
        let names = [(0, "Kremlin", "ORG", "Kremlin"), (0, "Dmitry Peskov", "PER", "Dmitry Peskov")];
        let got = one("Kremlin spokesman Dmitry Peskov said the force would stay for five years.", &names);
        assert_eq!(got, Some(("Dmitry Peskov".into(), "said".into())));
        let names = [(0, "Maria Zakharova", "PER", "Maria Zakharova")];
        let got = one("Maria Zakharova, the foreign ministry spokeswoman, said Moscow regretted the loss.", &names);
        assert_eq!(got, Some(("Maria Zakharova".into(), "said".into())));
        let names = [(0, "Hiroshima", "LOC", "Hiroshima")];
        let got = one("The city of Hiroshima announced that Fujitsu won a contract.", &names);
        assert_eq!(got, Some(("The city of Hiroshima".into(), "announced".into())));
    }

    #[test]
    fn other_speakers_are_the_phrase_as_written() {
        assert_eq!(one("According to the defence ministry, 12 soldiers were killed.", &[]), Some(("the defence ministry".into(), "according to".into())));
        assert_eq!(one("About 8,000 protesters marched on Wednesday, witnesses said.", &[]), Some(("witnesses".into(), "said".into())));
        assert_eq!(one("The fall in prices was expected, said a spokesman for the bank.", &[]), Some(("a spokesman for the bank".into(), "said".into())));
    }

    #[test]
    fn no_speaker_without_a_reporting_cue() {
        let names = [(0, "Azerbaijan", "LOC", "Azerbaijan"), (0, "Shusha", "LOC", "Shusha")];
        assert_eq!(one("Azerbaijan's army retook Shusha after days of fighting.", &names), None);
        assert_eq!(one("The fighting claimed the lives of 5,000 soldiers.", &[]), None);
        assert_eq!(one("The said agreement was signed by three leaders.", &[]), None);
        assert_eq!(one("The villagers were told to leave by Sunday.", &[]), None);
        assert_eq!(one("The deployment went according to plan.", &[]), None);
        assert_eq!(one("I have long said that sport should pay its taxes.", &[]), None);
        assert_eq!(one("Protesters stormed parliament (according to the police, 300 of them).", &[]), None);
    }

    #[test]
    fn a_quote_over_several_sentences_keeps_its_speaker() {
        let names = [(1, "Putin", "PER", "Vladimir Putin")];
        let got = run(&["“We will stay.", "We have the troops,” Putin said.", "The talks ended."], &names);
        assert_eq!(got, [(0, "Vladimir Putin".into(), QUOTE_CUE.into()), (1, "Vladimir Putin".into(), "said".into())]);
        let names = [(0, "Aliyev", "PER", "Ilham Aliyev")];
        let got = run(&["Aliyev said: “We have won.", "This is a glorious day.”", "Then he left."], &names);
        assert_eq!(got, [(0, "Ilham Aliyev".into(), "said".into()), (1, "Ilham Aliyev".into(), QUOTE_CUE.into())]);
    }

    #[test]
    fn pronoun_speakers_are_the_person_named_before() {
        let names = [(0, "Maria Zakharova", "PER", "Maria Zakharova")];
        let got = run(&["Maria Zakharova called the shelling unacceptable.", "She added that Moscow was in contact with both capitals."], &names);
        assert_eq!(got, [(1, "Maria Zakharova".into(), "added".into())]);
        assert_eq!(run(&["“We stay,” he said."], &[]), [(0, "he".into(), "said".into())], "unresolved, the pronoun as written");
    }

    #[test]
    fn names_match_by_their_last_words_phrases_in_full() {
        assert!(same_speaker("Vladimir Putin", "Putin"));
        assert!(same_speaker("Putin", "Vladimir Putin"));
        assert!(same_speaker("Russia’s Foreign Ministry", "Foreign Ministry"));
        assert!(same_speaker("the defence ministry", "The Defence Ministry"));
        assert!(!same_speaker("officials", "state officials"));
        assert!(!same_speaker("", "Putin"));
        assert!(same_speaker("", ""));
    }
}
