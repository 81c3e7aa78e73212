//! Clause patterns over one sentence's tokens: a cue (a reporting verb,
//! "according to", "as put by", "in X's view") and the noun phrase of its
//! speaker, outside quotes and brackets.
//!
//! - subject before the verb: "X said (that) …", "…, X said", "“…,” X said",
//!   "X told Y …", with auxiliaries or adverbs between ("X has also said") and
//!   an apposition skipped ("Maria Zakharova, the ministry's spokeswoman, said");
//! - subject after the verb, after a comma or a quote: "…, said X", "“…,” says X";
//! - "according to X", "as put by X", "in X's view".
//!
//! Only verbs of the cue lexicon report, so the subject of any other verb is
//! never a speaker ("Azerbaijan's army retook Shusha").

use std::ops::Range;

use super::lexicon::*;
use super::tokens::{Kind, Token};

/// A speaker's phrase and the cue that makes it one.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Token indices of the speaker's phrase.
    pub speaker: Range<usize>,
    /// The cue as written, lowercase ("said", "according to").
    pub cue: String,
    /// Whether the cue and speaker close the sentence ("…, the bank said."),
    /// and so govern all of it.
    pub closes_sentence: bool,
}

/// The clause that attributes the sentence: one that closes it, else the first.
pub fn find(tokens: &[Token]) -> Option<Clause> {
    let mut found: Vec<Clause> = (0..tokens.len())
        .filter(|&i| tokens[i].kind == Kind::Word && !tokens[i].quoted && !tokens[i].bracketed)
        .filter_map(|i| according_to(tokens, i).or_else(|| put_by(tokens, i)).or_else(|| view_of(tokens, i)).or_else(|| reporting_verb_clause(tokens, i)))
        .collect();
    match found.iter().position(|c| c.closes_sentence) {
        Some(k) => Some(found.swap_remove(k)),
        None => found.into_iter().next(),
    }
}

fn word(tokens: &[Token], i: usize) -> Option<&str> {
    tokens.get(i).filter(|t| !t.quoted && !t.bracketed).and_then(Token::word)
}

fn is_close(t: &Token) -> bool {
    t.kind == Kind::CloseQuote
}

/// Whether only punctuation is left from token `from` on.
fn nothing_after(tokens: &[Token], from: usize) -> bool {
    tokens[from.min(tokens.len())..].iter().all(|t| t.kind != Kind::Word || t.bracketed)
}

/// Whether a word may be part of a speaker's noun phrase.
fn in_phrase(t: &Token) -> bool {
    t.kind == Kind::Word
        && !t.quoted
        && !t.bracketed
        && (t.entity.is_some()
            || (!BOUNDARY.contains(&t.lower.as_str())
                && !FINITE.contains(&t.lower.as_str())
                && !BE.contains(&t.lower.as_str())
                && !reporting_verb(&t.lower).is_some_and(|(_, r)| r == Reporting::Speech)))
}

/// Checks a phrase: not a prepositional phrase, not too long, and headed by a
/// word that can head one.
fn phrase(tokens: &[Token], span: Range<usize>) -> Option<Range<usize>> {
    if span.is_empty() || span.len() > 12 {
        return None;
    }
    let first = &tokens[span.start];
    let last = &tokens[span.end - 1];
    let bad_head = last.entity.is_none()
        && (DETERMINERS.contains(&last.lower.as_str())
            || PREPOSITIONS.contains(&last.lower.as_str())
            || last.lower.starts_with(|c: char| c.is_ascii_digit()));
    let starts_with_preposition = first.entity.is_none() && PREPOSITIONS.contains(&first.lower.as_str());
    (!bad_head && !starts_with_preposition).then_some(span)
}

/// The noun phrase that ends just before token `end`, leaving out a
/// bracketed aside at its end.
pub fn phrase_before(tokens: &[Token], end: usize) -> Option<Range<usize>> {
    let mut stop = end;
    while stop > 0 && tokens[stop - 1].bracketed {
        stop -= 1;
    }
    let mut start = stop;
    while start > 0 && in_phrase(&tokens[start - 1]) {
        start -= 1;
        if let Some(e) = tokens[start].entity {
            while start > 0 && tokens[start - 1].entity == Some(e) {
                start -= 1;
            }
        }
    }
    phrase(tokens, start..stop)
}

/// The noun phrase that starts at token `start` and runs to punctuation or
/// a clause word.
fn phrase_after(tokens: &[Token], start: usize) -> Option<Range<usize>> {
    let mut end = start;
    while end < tokens.len() && in_phrase(&tokens[end]) {
        end += 1;
    }
    phrase(tokens, start..end)
}

/// "according to X".
fn according_to(tokens: &[Token], i: usize) -> Option<Clause> {
    if word(tokens, i)? != "according" || word(tokens, i + 1)? != "to" {
        return None;
    }
    let speaker = phrase_after(tokens, i + 2)?;
    let head = tokens[speaker.end - 1].lower.as_str();
    let first = tokens[speaker.start].lower.as_str();
    if NOT_SOURCES.contains(&head) || NOT_SOURCES.contains(&first) {
        return None;
    }
    let closes_sentence = i > 0 && tokens[i - 1].is_punct(',') && nothing_after(tokens, speaker.end);
    Some(Clause { speaker, cue: "according to".into(), closes_sentence })
}

/// "as put by X".
fn put_by(tokens: &[Token], i: usize) -> Option<Clause> {
    if word(tokens, i)? != "put" || word(tokens, i.checked_sub(1)?)? != "as" || word(tokens, i + 1)? != "by" {
        return None;
    }
    let speaker = phrase_after(tokens, i + 2)?;
    Some(Clause { speaker, cue: "as put by".into(), closes_sentence: false })
}

/// "in his view", "in Trenin's opinion".
fn view_of(tokens: &[Token], i: usize) -> Option<Clause> {
    if word(tokens, i)? != "in" || !matches!(word(tokens, i + 2)?, "view" | "opinion" | "words") {
        return None;
    }
    let owner = &tokens[i + 1];
    let possessive = matches!(owner.lower.as_str(), "his" | "her" | "their")
        || (owner.capitalized && (owner.lower.ends_with("'s") || owner.lower.ends_with("’s")));
    if owner.kind != Kind::Word || owner.quoted || !possessive {
        return None;
    }
    let cue = format!("in {} {}", owner.lower, tokens[i + 2].lower);
    Some(Clause { speaker: i + 1..i + 2, cue, closes_sentence: false })
}

/// A reporting verb with its speaker before or after it.
fn reporting_verb_clause(tokens: &[Token], v: usize) -> Option<Clause> {
    let form = word(tokens, v)?;
    let (lemma, evidence) = reporting_verb(form)?;
    // Part of a name ("United States"), or a noun before its verb ("claims are pending").
    if tokens[v].entity.is_some() || word(tokens, v + 1).is_some_and(|w| FINITE.contains(&w) || BE.contains(&w)) {
        return None;
    }
    let cue = form.to_string();
    // "the said agreement", "his claim": an adjective or a noun.
    if v > 0 && tokens[v - 1].entity.is_none() && word(tokens, v - 1).is_some_and(|w| DETERMINERS.contains(&w)) {
        return None;
    }
    let mut s = v;
    while s > 0 && word(tokens, s - 1).is_some_and(|w| BETWEEN_SUBJECT_AND_VERB.contains(&w) || BE.contains(&w)) {
        s -= 1;
    }
    // "was told", "it is said", "has been said": passive, no speaker.
    if (s..v).any(|k| BE.contains(&tokens[k].lower.as_str())) {
        return None;
    }
    let after_comma_or_quote = |k: usize| k > 0 && (tokens[k - 1].is_punct(',') || is_close(&tokens[k - 1]) || tokens[k - 1].is_punct('—'));

    // Subject after the verb: "…, said X" / "“…,” says X, the …", unless
    // the comma closes an apposition after a name ("Maria Zakharova, the
    // ministry's spokeswoman, said Moscow …"); never the bare form ("…, say
    // five years").
    let named_before = (s > 0 && tokens[s - 1].is_punct(','))
        .then(|| subject_before_commas(tokens, s - 1))
        .flatten()
        .filter(|p| name_like(&tokens[p.start]));
    if s == v && after_comma_or_quote(v) && named_before.is_none() && !is_base_form(form, lemma) {
        if let Some(speaker) = phrase_after(tokens, v + 1) {
            let next = tokens.get(speaker.end);
            let ends = next.is_none_or(|t| t.kind != Kind::Word || BOUNDARY.contains(&t.lower.as_str()));
            if ends && !tokens[speaker.start].is("that") {
                let closes_sentence = nothing_after(tokens, speaker.end) || next.is_some_and(|t| t.is_punct(','));
                return Some(Clause { speaker, cue, closes_sentence });
            }
        }
    }

    // Subject before the verb, past an apposition set off by commas.
    let speaker = match named_before {
        Some(p) => p,
        None if s > 0 && tokens[s - 1].is_punct(',') => subject_before_commas(tokens, s - 1)?,
        None => phrase_before(tokens, s)?,
    };
    let words: Vec<&str> = tokens[speaker.clone()].iter().map(|t| t.lower.as_str()).collect();
    let single = (words.len() == 1).then(|| words[0]);
    if single.is_some_and(|w| FIRST_PERSON.contains(&w)) || NOBODY.contains(&words.join(" ").as_str()) || words.first().is_some_and(|w| *w == "no") {
        return None;
    }
    let before = speaker.start.checked_sub(1).map(|k| &tokens[k]);
    let quote_follows = tokens[v + 1..].iter().any(|t| t.kind == Kind::OpenQuote);
    // A relative clause ("…, in which the Kremlin claims …") reports only its
    // own complement, unless that is the quote the sentence goes on with.
    if before.is_some_and(|t| matches!(t.lower.as_str(), "which" | "who" | "whom" | "that")) && !quote_follows {
        return None;
    }
    // "say", "claim": as often a noun; a verb after a plural or a pronoun subject or an auxiliary.
    if is_base_form(form, lemma) {
        let last = words[words.len() - 1];
        let plural = last.ends_with('s') && !last.ends_with("ss");
        if !(plural || matches!(last, "they" | "people") || s < v) {
            return None;
        }
    }
    // Speaker and verb after a quote, or after a comma with nothing but an
    // adverbial after the verb ("…, the bank said in a statement."), close
    // the sentence: the verb reports all before them.
    let after_quote = before.is_some_and(is_close);
    let rest_adverbial = tokens.get(v + 1).is_none_or(|t| t.kind != Kind::Word || PREPOSITIONS.contains(&t.lower.as_str()))
        && !tokens[v + 1..].iter().any(|t| t.is("that") || FINITE.contains(&t.lower.as_str()));
    let after_quote_or_comma = after_quote || (before.is_some_and(|t| t.is_punct(',')) && rest_adverbial);
    let in_as_clause = before.is_some_and(|t| t.is("as"));
    // "… Peskov said." reports; "… red states." need not.
    let rest_empty = evidence == Reporting::Speech && nothing_after(tokens, v + 1);
    let has_evidence = after_quote_or_comma || in_as_clause || rest_empty || quote_follows || complement_follows(tokens, v, lemma, evidence);
    if !has_evidence {
        return None;
    }
    let closes_sentence = after_quote_or_comma && !tokens[v + 1..].iter().any(|t| t.is("that") || t.kind == Kind::OpenQuote);
    Some(Clause { speaker, cue, closes_sentence })
}

/// Whether what follows the verb at `v` is what it reports.
fn complement_follows(tokens: &[Token], v: usize, lemma: &str, evidence: Reporting) -> bool {
    let next = tokens.get(v + 1);
    if next.is_some_and(|t| t.is("that") || t.is_punct(':') || t.kind == Kind::OpenQuote) {
        return true;
    }
    let rest: Vec<&Token> = tokens[v + 1..].iter().filter(|t| !t.bracketed).take_while(|t| !t.is_punct(';')).collect();
    match evidence {
        Reporting::Speech => {
            let following: Vec<&str> = rest.iter().take(2).map(|t| t.lower.as_str()).collect();
            !(EMPTY_OBJECTS.contains(&following.first().copied().unwrap_or("")) || EMPTY_OBJECTS.contains(&following.join(" ").as_str()))
        }
        Reporting::Clause => {
            if matches!(lemma, "argue" | "warn") && next.is_some_and(|t| POSITION_PREPOSITIONS.contains(&t.lower.as_str())) {
                return true;
            }
            let words: Vec<&str> = rest.iter().filter_map(|t| t.word()).take(15).collect();
            words.iter().any(|w| FINITE.contains(w)) || words.iter().take(4).any(|w| SUBJECT_PRONOUNS.contains(w))
        }
    }
}

/// Whether a phrase starting with `first` reads as a name ("Maria
/// Zakharova", "Tokyu") rather than a description ("the oldest").
fn name_like(first: &Token) -> bool {
    first.entity.is_some() || (first.capitalized && !DETERMINERS.contains(&first.lower.as_str()) && !BOUNDARY.contains(&first.lower.as_str()) && !TITLES.contains(&first.lower.as_str()))
}

/// The subject whose phrase ends at the comma at `comma`, past appositions
/// and asides set off by commas ("Maria Zakharova, the ministry's
/// spokeswoman, said", "Tokyu, however, said", "J.P. Industries, which is
/// based in Ann Arbor, Mich., said"): walking back segment by segment, the
/// first that reads as a name, else the first segment of the chain, else the
/// aside nearest the verb that is a noun phrase ("In this regard, a range of
/// experts, have argued").
fn subject_before_commas(tokens: &[Token], comma: usize) -> Option<Range<usize>> {
    let mut comma = comma;
    let mut nearest_aside = None;
    loop {
        let segment = (0..comma).rev().find(|&k| !tokens[k].bracketed && tokens[k].kind != Kind::Word).map_or(0, |k| k + 1);
        if segment >= comma {
            return nearest_aside;
        }
        let chained = segment > 0 && tokens[segment - 1].is_punct(',');
        // A relative clause ("Fox, who arrived on Tuesday, said") or a
        // contrast ("the ministry, not Putin himself, stated") is an aside;
        // a sentence adverb or conjunction opens a segment without being part
        // of it ("Meanwhile the regional government, …, said").
        let relative = matches!(tokens[segment].lower.as_str(), "who" | "which" | "whose" | "whom" | "where" | "that" | "not");
        let mut start = segment;
        while start + 1 < comma && tokens[start].entity.is_none() && BOUNDARY.contains(&tokens[start].lower.as_str()) {
            start += 1;
        }
        let first = &tokens[start];
        let whole = phrase_before(tokens, comma).filter(|p| p.start == start && !relative);
        // A place ("Princeton, N.J."), an abbreviation ("Mass.") or a
        // title with no name ("LIT chief executive") after a name is an aside too.
        let described = whole.as_ref().is_some_and(|p| {
            let words = &tokens[p.clone()];
            let place = words.iter().all(|t| t.place) || (words.len() == 1 && words[0].lower.ends_with('.'));
            let title = words.last().is_some_and(|t| t.entity.is_none()) && words.iter().any(|t| t.entity.is_none() && TITLES.contains(&t.lower.as_str()));
            chained && (place || title)
        });
        let aside = relative || !name_like(first) || described;
        match (whole, aside) {
            (Some(p), false) => return Some(p),
            (None, false) => return nearest_aside,
            (p, true) if !chained => return p.or(nearest_aside),
            (p, true) => {
                nearest_aside = nearest_aside.or(p);
                comma = segment - 1;
            }
        }
    }
}
