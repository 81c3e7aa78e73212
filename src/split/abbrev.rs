//! Whether a period ends a sentence: abbreviations, initials, initialisms,
//! clock times and number signs, read from the token before the period and
//! the word after it.

use std::ops::Range;

use super::punct::{is_dash, is_opener};

/// How a word followed by a period behaves.
#[derive(Debug, PartialEq, Eq)]
enum Abbrev {
    /// Plain word: the period ends a sentence before a non-lowercase word.
    Word,
    /// Titles and Latin abbreviations (`Mr.`, `Gen.`, `e.g.`): never an end.
    Title,
    /// `No. 5`, `Nov. 10`, `et al. 2019`: an end unless a number follows.
    BeforeNumber,
    /// Initials (`W.`, `J.R.R.`, and `U.S.` where it can open a name): an
    /// end only before a word that typically starts a sentence.
    Initial,
    /// A company suffix (`Inc.`): an end before a capitalized word, unless
    /// that word goes on naming an institution or a title (`Corp.
    /// Chairman`, `Co. Ltd.`) or is an acronym (`Inc. CEO`).
    Company,
    /// A country's initialism after a lowercase word (`the U.S.`): as a
    /// company suffix, and no end either before a name of several
    /// capitalized words (`the U.S. Commerce Department`) unless its first
    /// word starts sentences (`the U.S. The EU`).
    Place,
    /// `a.m.`, `p.m.`: an end before a capitalized word that is not a time
    /// zone, weekday or month (`8 p.m. EST`, `6 a.m. Monday`, `8 a.m. New
    /// York time`).
    Clock,
}

/// Whether the end punctuation `term` ends a sentence, given the text
/// `next` that starts at the following word.
pub(crate) fn is_boundary(text: &str, term: Range<usize>, next: &str) -> bool {
    let word = first_word(next);
    let first = word.chars().next();
    let lowercase = first.is_some_and(char::is_lowercase);
    let digit = first.is_some_and(|c| c.is_ascii_digit());
    if &text[term.clone()] != "." {
        return !lowercase;
    }
    let token = token_before(text, term.start);
    match abbreviation(token, word_before(text, term.start - token.len())) {
        Abbrev::Word => !lowercase,
        Abbrev::Title => false,
        Abbrev::BeforeNumber => !lowercase && !digit,
        Abbrev::Initial => is_sentence_starter(word),
        Abbrev::Company => !lowercase && !digit && !is_acronym(word) && !NAME_NOUNS.contains(&word),
        Abbrev::Place => {
            is_sentence_starter(word)
                || !lowercase && !digit && !is_acronym(word) && !NAME_NOUNS.contains(&word) && !opens_long_name(next, word)
        }
        Abbrev::Clock => !lowercase && !digit && !is_acronym(word) && !CALENDAR.contains(&word) && !names_time_zone(next, word),
    }
}

/// The word that `next` starts with, past opening quotes and brackets, and
/// past a dash before an attribution or an aside (`» — сказал он`).
fn first_word(next: &str) -> &str {
    let mut rest = next.trim_start_matches(is_opener);
    // A dash of its own (`—`, `--`) before the word: `and -- voila! -- you`.
    let after_dash = rest.trim_start_matches(|c| is_dash(c) || c == '-');
    if after_dash.len() < rest.len() && after_dash.starts_with(char::is_whitespace) {
        rest = after_dash.trim_start().trim_start_matches(is_opener);
    }
    &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())]
}

/// The text right after `word` in `next` (`word` is a slice of `next`).
fn after_word<'a>(next: &'a str, word: &str) -> &'a str {
    let offset = word.as_ptr() as usize - next.as_ptr() as usize;
    &next[offset + word.len()..]
}

/// Whether `word` is followed by another capitalized word or `&`, as in a
/// name of several words (`the U.S. Commerce Department`, `Crane & Co.
/// Securities Inc.`); a sentence's first word is mostly followed by a
/// lowercase one (`the U.S. Officials in Kyiv`).
fn opens_long_name(next: &str, word: &str) -> bool {
    let rest = after_word(next, word);
    let Some(rest) = rest.strip_prefix(' ') else { return false };
    rest.starts_with('&') || rest.starts_with(char::is_uppercase)
}

/// Whether the capitalized words from `word` on name a clock's place
/// (`8 a.m. New York time`).
fn names_time_zone(next: &str, word: &str) -> bool {
    const MAX_WORDS: usize = 3;
    let mut rest = after_word(next, word);
    for _ in 0..MAX_WORDS {
        let Some(r) = rest.strip_prefix(' ') else { return false };
        let len = r.find(|c: char| !c.is_alphabetic()).unwrap_or(r.len());
        let w = &r[..len];
        if w == "time" {
            return true;
        }
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        rest = &r[len..];
    }
    false
}

/// All capitals, two letters or more (`CEO`, `EST`, `DHHS`).
fn is_acronym(word: &str) -> bool {
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Capitalized words that start sentences far more often than they continue
/// a name after an initial or an initialism.
const SENTENCE_STARTERS: &[&str] = &[
    "A", "After", "Also", "Although", "An", "And", "As", "At", "Before", "But", "Despite", "During", "For", "He", "Her",
    "His", "How", "However", "I", "If", "In", "It", "Its", "Meanwhile", "Moreover", "Mr", "Mrs", "Ms", "Now", "On",
    "Our", "She",
    "Since", "So", "Some", "Still", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Thus",
    "We", "What", "When", "While", "Why", "With", "Yet", "You",
];

pub(crate) fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTERS.contains(&word)
}

/// Capitalized words that go on naming an institution or a title after an
/// initialism or a company suffix.
const NAME_NOUNS: &[&str] = &[
    "Agency", "Air", "Ambassador", "Army", "Attorney", "Border", "Bureau", "Capitol", "Census", "Central", "Chairman",
    "Chairwoman", "Chamber", "Chief", "Circuit", "Coast", "Command", "Commission", "Congress", "Congressman",
    "Congresswoman", "Consulate", "Council", "Court", "Customs", "Defense", "Department", "Director", "District",
    "Embassy", "Energy", "Envoy", "Executive", "Federal", "Food", "Forces", "Geological", "Government", "Health",
    "Homeland", "House", "Intelligence", "Justice", "Marine", "Marines", "Military", "Minister", "Mission",
    "National", "Navy", "Office", "Olympic", "Open", "Patent", "Postal", "President", "Prime", "Representative",
    "Secretary", "Security", "Senate", "Senator", "Space", "Special", "Spokesman", "Spokeswoman", "State", "Steel",
    "Supreme", "Trade", "Treasury", "Vice", "Co", "Corp", "Inc", "Ltd", "Plc",
];

/// Capitalized words that go on a clock time (`8 p.m. Monday`).
const CALENDAR: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// The letters, digits and inner periods right before byte `end`.
fn token_before(text: &str, end: usize) -> &str {
    const MAX_TOKEN: usize = 40;
    let mut start = end;
    for (pos, c) in text[..end].char_indices().rev() {
        if !(c.is_alphanumeric() || c == '.') || end - pos > MAX_TOKEN {
            break;
        }
        start = pos;
    }
    &text[start..end]
}

/// The word right before byte `end`, past white space only (empty after
/// punctuation such as a comma).
fn word_before(text: &str, end: usize) -> &str {
    const MAX_WORD: usize = 40;
    let before = text[..end].trim_end();
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(pos, c)| c.is_alphabetic() && before.len() - pos <= MAX_WORD)
        .last()
        .map_or(before.len(), |(pos, _)| pos);
    &before[start..]
}

fn abbreviation(token: &str, word_before: &str) -> Abbrev {
    const TITLES: &[&str] = &[
        "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Cpt", "Dr", "Fr", "Ft", "Gen", "Gov",
        "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Pvt", "Rep", "Rev", "Sec",
        "Sen", "Sgt", "St", "Ste", "Supt", "v",
    ];
    // Written in either case at the start of a sentence (`Approx. 300`).
    const LATIN: &[&str] = &["approx", "ca", "cf", "e.g", "esp", "i.e", "viz", "vs"];
    const BEFORE_NUMBER: &[&str] = &[
        "Apr", "Art", "Aug", "Ch", "Dec", "Feb", "Fig", "Figs", "Jan", "Jul", "Jun", "Mar", "No", "Nos", "Nov", "Nr",
        "Oct", "Prop", "Sep", "Sept", "Vol", "Vols", "al", "no", "p", "pp",
    ];
    const COMPANY: &[&str] = &["Bros", "Co", "Corp", "Inc", "Ltd", "Plc", "plc"];
    const INITIAL_LIKE: &[&str] = &["Ave", "Blvd", "Dept", "Jr", "Rd", "Sr", "Univ"];
    if TITLES.contains(&token) || LATIN.iter().any(|l| l.eq_ignore_ascii_case(token)) {
        return Abbrev::Title;
    }
    if BEFORE_NUMBER.contains(&token) {
        return Abbrev::BeforeNumber;
    }
    if token == "a.m" || token == "p.m" {
        return Abbrev::Clock;
    }
    if token == "etc" {
        return Abbrev::Word;
    }
    if COMPANY.contains(&token) {
        return Abbrev::Company;
    }
    let after_lowercase = word_before.chars().next().is_some_and(char::is_lowercase);
    // The pronoun after a lowercase word (`it was I.`); after a name it is an
    // initial (`Vladimir I. Lenin`).
    if token == "I" && after_lowercase {
        return Abbrev::Word;
    }
    let mut chars = token.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    // `U.S`, `L.P`, `Ph.D`: short letter groups joined by periods.
    let initialism = token.contains('.')
        && token
            .split('.')
            .all(|part| (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic));
    // Country and union initialisms after a lowercase word (`from the
    // U.S.`); other initials there are a person's or a firm's (`of W.R.
    // Grace`, `says A.D. Correll`).
    const PLACES: &[&str] = &["U.S", "U.K", "U.N", "E.U", "U.S.A", "U.A.E", "U.S.S.R"];
    if after_lowercase && PLACES.contains(&token) {
        Abbrev::Place
    } else if initial || initialism || INITIAL_LIKE.contains(&token) {
        Abbrev::Initial
    } else {
        Abbrev::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_and_word_before() {
        let text = "from the U.S. Then";
        assert_eq!(token_before(text, 12), "U.S");
        assert_eq!(word_before(text, 9), "the");
        assert_eq!(word_before("Washington, D.C", 12), "");
        assert_eq!(word_before("", 0), "");
    }

    #[test]
    fn abbreviation_kinds() {
        assert_eq!(abbreviation("U.S", "the"), Abbrev::Place);
        assert_eq!(abbreviation("U.S", ""), Abbrev::Initial);
        assert_eq!(abbreviation("I", "was"), Abbrev::Word);
        assert_eq!(abbreviation("I", "Vladimir"), Abbrev::Initial);
        assert_eq!(abbreviation("Approx", ""), Abbrev::Title);
        assert_eq!(abbreviation("p.m", "8"), Abbrev::Clock);
        assert_eq!(abbreviation("Inc", "Acme"), Abbrev::Company);
        assert_eq!(abbreviation("Ph.D", "a"), Abbrev::Initial);
        assert_eq!(abbreviation("W.R", "of"), Abbrev::Initial);
    }

    #[test]
    fn long_names_and_time_zones() {
        let next = "Commerce Department officials";
        assert!(opens_long_name(next, first_word(next)));
        let next = "Officials in Kyiv";
        assert!(!opens_long_name(next, first_word(next)));
        let next = "New York time, it rose";
        assert!(names_time_zone(next, first_word(next)));
        let next = "Officials then began";
        assert!(!names_time_zone(next, first_word(next)));
    }

    #[test]
    fn first_word_skips_openers_and_attribution_dashes() {
        assert_eq!(first_word("“The end"), "The");
        assert_eq!(first_word("— сказал он."), "сказал");
        assert_eq!(first_word("-- you have cake"), "you");
        assert_eq!(first_word("-5 degrees"), "");
        assert_eq!(first_word("(Reuters)"), "Reuters");
        assert_eq!(first_word(""), "");
    }
}
