//! The words the speaker patterns look for: reporting verbs (the cue
//! lexicon) and the function words that bound a speaker's noun phrase.
//!
//! The verb list was drawn from the reported speech in CoNLL-2003, OntoNotes
//! and VAST texts (see `tests/fixtures/speakers_cases.tsv`) and is the one the
//! README documents.

use std::collections::HashMap;
use std::sync::OnceLock;

/// How much evidence a reporting verb needs before its subject counts as a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reporting {
    /// "say" and "tell" report speech whatever follows them, unless their
    /// object is an empty one ("said nothing").
    Speech,
    /// Other verbs ("added", "claimed", "announced", "reported") also have
    /// other senses ("the index added 2 points", "the war claimed lives"), so
    /// they report only with a clause after them, a quote, or at the end of
    /// the sentence.
    Clause,
}

/// Reporting verbs: every form, with how much evidence each needs.
const VERBS: &[(&str, &[&str], Reporting)] = &[
    ("say", &["say", "says", "said", "saying"], Reporting::Speech),
    ("tell", &["tell", "tells", "told", "telling"], Reporting::Speech),
    ("add", &["add", "adds", "added"], Reporting::Clause),
    ("write", &["write", "writes", "wrote"], Reporting::Clause),
    ("claim", &["claim", "claims", "claimed"], Reporting::Clause),
    ("announce", &["announce", "announces", "announced"], Reporting::Clause),
    ("state", &["states", "stated"], Reporting::Clause),
    ("note", &["notes", "noted"], Reporting::Clause),
    ("argue", &["argue", "argues", "argued"], Reporting::Clause),
    ("warn", &["warn", "warns", "warned"], Reporting::Clause),
    ("insist", &["insist", "insists", "insisted"], Reporting::Clause),
    ("deny", &["deny", "denies", "denied"], Reporting::Clause),
    ("confirm", &["confirm", "confirms", "confirmed"], Reporting::Clause),
    ("report", &["report", "reports", "reported"], Reporting::Clause),
    ("estimate", &["estimate", "estimates", "estimated"], Reporting::Clause),
    ("predict", &["predict", "predicts", "predicted"], Reporting::Clause),
    ("explain", &["explain", "explains", "explained"], Reporting::Clause),
    ("admit", &["admit", "admits", "admitted"], Reporting::Clause),
    ("acknowledge", &["acknowledge", "acknowledges", "acknowledged"], Reporting::Clause),
    ("complain", &["complain", "complains", "complained"], Reporting::Clause),
    ("stress", &["stresses", "stressed"], Reporting::Clause),
    ("allege", &["allege", "alleges", "alleged"], Reporting::Clause),
    ("assert", &["assert", "asserts", "asserted"], Reporting::Clause),
    ("maintain", &["maintain", "maintains", "maintained"], Reporting::Clause),
    ("declare", &["declare", "declares", "declared"], Reporting::Clause),
    ("emphasize", &["emphasize", "emphasizes", "emphasized", "emphasise", "emphasises", "emphasised"], Reporting::Clause),
    ("reiterate", &["reiterate", "reiterates", "reiterated"], Reporting::Clause),
    ("conclude", &["conclude", "concludes", "concluded"], Reporting::Clause),
    ("contend", &["contend", "contends", "contended"], Reporting::Clause),
    ("suggest", &["suggest", "suggests", "suggested"], Reporting::Clause),
    ("observe", &["observe", "observes", "observed"], Reporting::Clause),
    ("recall", &["recall", "recalls", "recalled"], Reporting::Clause),
    ("reply", &["reply", "replies", "replied"], Reporting::Clause),
    ("respond", &["respond", "responds", "responded"], Reporting::Clause),
    ("concede", &["concede", "concedes", "conceded"], Reporting::Clause),
    ("disclose", &["disclose", "discloses", "disclosed"], Reporting::Clause),
    ("forecast", &["forecast", "forecasts"], Reporting::Clause),
    ("promise", &["promise", "promises", "promised"], Reporting::Clause),
    ("vow", &["vow", "vows", "vowed"], Reporting::Clause),
    ("indicate", &["indicate", "indicates", "indicated"], Reporting::Clause),
    ("testify", &["testify", "testifies", "testified"], Reporting::Clause),
    ("tweet", &["tweet", "tweets", "tweeted"], Reporting::Clause),
];

/// Every verb form, with its lemma and evidence, built once.
fn verb_forms() -> &'static HashMap<&'static str, (&'static str, Reporting)> {
    static FORMS: OnceLock<HashMap<&'static str, (&'static str, Reporting)>> = OnceLock::new();
    FORMS.get_or_init(|| VERBS.iter().flat_map(|(lemma, forms, r)| forms.iter().map(move |f| (*f, (*lemma, *r)))).collect())
}

/// The reporting verb `word` (lowercase) is a form of: (lemma, evidence needed).
pub fn reporting_verb(word: &str) -> Option<(&'static str, Reporting)> {
    verb_forms().get(word).copied()
}

/// Words a cue needs: the verb forms, "according", "put", "view", "opinion", "words".
/// A sentence with none of them reports nothing, and is not looked at further.
pub fn may_report(sentence: &str) -> bool {
    let mut buffer = [0u8; 16];
    sentence.split(|c: char| !c.is_ascii_alphabetic()).any(|word| {
        if word.is_empty() || word.len() > buffer.len() {
            return false;
        }
        let lower = &mut buffer[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).unwrap_or_default();
        matches!(lower, "according" | "put" | "view" | "opinion" | "words") || verb_forms().contains_key(lower)
    })
}

/// Whether a verb form is the bare form ("say", "claim"), which is as often
/// a noun ("his claim") as a verb.
pub fn is_base_form(word: &str, lemma: &str) -> bool {
    word == lemma
}

/// Words that end a speaker's noun phrase when walking away from the verb:
/// clause openers and conjunctions. Prepositions are not among them ("a
/// spokesman for the ministry", "police in Berovo").
pub const BOUNDARY: &[&str] = &[
    "that", "which", "who", "whom", "whose", "where", "when", "while", "whereas", "and", "but", "or", "nor", "yet", "because",
    "if", "as", "since", "although", "though", "so", "after", "before", "until", "unless", "than", "how", "why", "what",
    "having", "however", "meanwhile", "also", "then", "thus", "still", "now", "later", "earlier", "once", "instead",
    "indeed", "consider", "let", "not",
];

/// Auxiliaries and adverbs that may stand between a speaker and the verb
/// ("has said", "also told", "would later say").
pub const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "has", "have", "had", "will", "would", "could", "should", "may", "might", "must", "can", "did", "does", "do", "also",
    "again", "later", "then", "previously", "repeatedly", "recently", "earlier", "once", "further", "simply", "publicly",
    "privately", "reportedly", "flatly", "only", "just", "first", "already", "long", "himself", "herself", "itself",
    "themselves", "firmly", "strongly", "clearly", "explicitly", "openly", "allegedly", "often", "frequently", "separately",
    "much", "widely", "generally", "commonly", "even", "never",
];

/// Forms of "be": a reporting verb after one is passive ("was told",
/// "it is said"), which names no speaker.
pub const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am", "'s"];

/// Words that show a finite clause follows a verb ("said the force would stay").
pub const FINITE: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "must",
    "did", "does", "do", "shall", "won't", "can't", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't",
    "wouldn't", "couldn't", "shouldn't", "didn't", "doesn't", "don't",
];

/// Subject pronouns: one right after a verb starts its clause ("said it expects").
pub const SUBJECT_PRONOUNS: &[&str] = &["he", "she", "it", "they", "we", "i", "there", "you"];

/// Prepositions: a phrase that starts with one is not a speaker ("in a
/// statement"), and an entity after one is not the head of its phrase ("the
/// city of Hiroshima").
pub const PREPOSITIONS: &[&str] = &[
    "of", "in", "on", "at", "for", "from", "with", "by", "to", "into", "about", "over", "under", "during", "within", "without",
    "through", "across", "near", "among", "between", "against", "behind", "beyond", "despite", "like", "per", "via", "amid",
    "outside", "inside", "towards", "toward", "upon",
];

/// Determiners and possessives: never the head of a speaker's phrase.
pub const DETERMINERS: &[&str] =
    &["the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your", "some", "any", "each", "every"];

/// Pronouns that speak for the author, whose own claims have no speaker.
pub const FIRST_PERSON: &[&str] = &["i", "we", "me", "us", "you"];

/// Pronouns that name a person another sentence names.
pub const PERSON_PRONOUNS: &[&str] = &["he", "she", "him", "his", "her"];

/// Subjects that say no speaker spoke ("no one said a thing").
pub const NOBODY: &[&str] = &["nobody", "none", "no one", "noone", "nothing"];

/// Objects of "say" that report no claim ("said nothing", "said goodbye").
pub const EMPTY_OBJECTS: &[&str] = &["nothing", "something", "anything", "a thing", "goodbye", "hello", "little", "much"];

/// Heads that make "according to X" a rule or a plan, not a source
/// ("according to law", "according to the formula").
pub const NOT_SOURCES: &[&str] = &[
    "law", "laws", "plan", "plans", "schedule", "rule", "rules", "regulation", "regulations", "formula", "principle",
    "principles", "system", "tradition", "custom", "customs", "need", "needs", "size", "age", "type", "taste", "procedure",
    "procedures", "standard", "standards", "which", "whom", "what", "how", "merit", "merits", "ability", "order",
    "instructions", "script", "design", "season", "sex", "income", "performance", "priority", "priorities",
];

/// Words that may follow "argued" or "warned" in place of a clause, with the
/// speaker's position as their object ("argued against intervention").
pub const POSITION_PREPOSITIONS: &[&str] = &["against", "for"];

/// Titles: a segment that opens with one describes the name before it
/// ("Hussein Abdel Razeq, Secretary General of the party, said").
pub const TITLES: &[&str] = &[
    "president", "vice", "prime", "minister", "secretary", "general", "chairman", "chairwoman", "chair", "director", "chief",
    "head", "spokesman", "spokeswoman", "spokesperson", "ambassador", "governor", "senator", "editor", "professor", "deputy",
    "commander", "executive", "managing", "senior", "former", "leader", "founder", "president-elect", "king", "queen",
];

/// Abbreviations whose full stop belongs to the word ("Mr.", "Corp.").
pub const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "prof", "st", "jr", "sr", "inc", "corp",
    "co", "ltd", "messrs", "adm", "maj", "cmdr", "rev", "hon", "pres", "supt", "det", "insp", "no", "vs",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_map_to_their_lemma() {
        assert_eq!(reporting_verb("said"), Some(("say", Reporting::Speech)));
        assert_eq!(reporting_verb("told"), Some(("tell", Reporting::Speech)));
        assert_eq!(reporting_verb("claimed"), Some(("claim", Reporting::Clause)));
        assert_eq!(reporting_verb("retook"), None);
        assert!(VERBS.len() >= 40, "the list the README gives");
    }
}
