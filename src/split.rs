//! Sentence splitting with byte offsets into the document text.
//!
//! Each body region is read line by line. Lines are grouped into *units* of
//! running text: a line without end punctuation (headline, heading, caption
//! kept as body) closes its unit unless the next line plainly continues a
//! sentence the extraction broke, and a blank line closes a unit whose last
//! line ends a sentence. Inside a unit a scanner finds the sentence ends at
//! `.`, `?`, `!` and `…` from the token before and the word after them.
//!
//! Each line and each byte is looked at a bounded number of times, with no
//! allocation per character, so the cost is linear in the text length.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Splits the body regions of `text` (from [`crate::clean::clean`]) into
/// sentences: byte ranges into `text`, trimmed of whitespace and of markup that
/// is not part of a sentence (heading markers, list markers).
pub fn split(text: &str, body: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for region in body {
        let end = region.end.min(text.len());
        let start = region.start.min(end);
        // Ranges that do not fall on characters are a caller bug; skipping
        // them keeps the splitter panic-free on any input.
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            split_region(text, start..end, &mut out);
        }
    }
    out
}

/// What the markup at the start of a line says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    Plain,
    /// A bullet or numbered item: it starts a new unit.
    ListItem,
    /// A markdown heading or a fully bold line: a unit of its own.
    Heading,
}

/// Consecutive lines read as one run of text.
struct Unit {
    start: usize,
    end: usize,
    /// Content of the unit's last line, to decide whether the next one joins.
    last: Range<usize>,
    kind: LineKind,
}

fn split_region(text: &str, region: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut unit: Option<Unit> = None;
    let mut blank = false;
    for line in lines(text, region) {
        let (content, kind) = strip_markup(text, line);
        if content.is_empty() {
            blank = true;
            continue;
        }
        let label = label_end(&text[content.clone()]).map(|n| content.start + n);
        if let Some(u) = unit.as_mut() {
            if kind == LineKind::Plain && u.kind != LineKind::Heading && label.is_none() {
                let prev = &text[u.last.clone()];
                // After end punctuation a single line break is like a space
                // (the scanner decides), a blank line is a paragraph end.
                let join = if ends_sentence(prev) { !blank } else { continues(prev, &text[content.clone()]) };
                if join {
                    u.end = content.end;
                    u.last = content;
                    blank = false;
                    continue;
                }
            }
        }
        if let Some(u) = unit.take() {
            scan(text, u.start..u.end, out);
        }
        blank = false;
        let mut start = content.start;
        if let Some(label_end) = label {
            push_trimmed(text, start..label_end, out);
            start = label_end + ws_len(&text[label_end..content.end]);
        }
        if start < content.end {
            unit = Some(Unit { start, end: content.end, last: start..content.end, kind });
        }
    }
    if let Some(u) = unit {
        scan(text, u.start..u.end, out);
    }
}

/// The lines of `region` (without their `\n`), in order.
pub(crate) fn lines(text: &str, region: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let end = region.end;
    let mut next = Some(region.start);
    std::iter::from_fn(move || {
        let pos = next?;
        let line_end = text[pos..end].find('\n').map_or(end, |i| pos + i);
        next = (line_end < end).then_some(line_end + 1);
        Some(pos..line_end)
    })
}

/// The content of a line without surrounding whitespace, markdown heading
/// markers, list markers and emphasis that wraps the whole line, with what the
/// markup says about the line. Empty when the line holds only whitespace.
pub(crate) fn strip_markup(text: &str, line: Range<usize>) -> (Range<usize>, LineKind) {
    let s = &text[line.clone()];
    let mut b = s.trim_end().len();
    let mut a = ws_len(&s[..b]);
    let mut kind = LineKind::Plain;
    let hashes = s[a..b].bytes().take_while(|&c| c == b'#').count();
    if (1..=6).contains(&hashes) && s[a + hashes..b].starts_with(char::is_whitespace) {
        kind = LineKind::Heading;
        a += hashes;
        a += ws_len(&s[a..b]);
        // Optional closing sequence: `## Title ##`.
        let inner = s[a..b].trim_end_matches('#');
        if inner.len() < b - a && inner.ends_with(char::is_whitespace) {
            b = a + inner.trim_end().len();
        }
    }
    // Markers can nest: `- (1) text`, `> * text`.
    while let Some(n) = list_marker_len(&s[a..b]) {
        a += n;
        a += ws_len(&s[a..b]);
        if kind == LineKind::Plain {
            kind = LineKind::ListItem;
        }
    }
    let t = &s[a..b];
    if let Some(&c) = t.as_bytes().first().filter(|&&c| c == b'*' || c == b'_') {
        let run = t.bytes().take_while(|&x| x == c).count().min(3);
        if t.len() > 2 * run && t.ends_with(&t[..run]) {
            a += run;
            b -= run;
            b = a + s[a..b].trim_end().len();
            a += ws_len(&s[a..b]);
            if run >= 2 && kind == LineKind::Plain {
                kind = LineKind::Heading;
            }
        }
    }
    (line.start + a..line.start + b, kind)
}

/// Bytes of leading whitespace.
fn ws_len(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Length of a bullet (`-`, `•`, …), `(1)`, `(a)`, `1.` or `1)` marker that
/// starts `s` and is followed by whitespace and more text.
fn list_marker_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let len = match first {
        '-' | '*' | '+' | '•' | '·' | '▪' | '◦' | '‣' | '>' => first.len_utf8(),
        '(' => {
            let inner = s[1..].find(')')?;
            let item = &s[1..1 + inner];
            let numbered = (1..=3).contains(&item.len()) && item.bytes().all(|c| c.is_ascii_digit());
            let lettered = item.len() == 1 && item.bytes().all(|c| c.is_ascii_lowercase());
            if !(numbered || lettered) {
                return None;
            }
            inner + 2
        }
        '0'..='9' => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 3 || !matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let rest = &s[len..];
    (rest.starts_with(char::is_whitespace) && !rest.trim_start().is_empty()).then_some(len)
}

/// Byte length of an inline section label (`BACKGROUND:`, `Key Takeaway:`)
/// that starts `line`, colon included. The label stands alone or opens a
/// paragraph of sentences: in a headline (`Karabakh: The View From Moscow`)
/// the colon is part of the unit.
fn label_end(line: &str) -> Option<usize> {
    // All-caps words of any number, or up to four Title-case words, then a
    // colon that ends the line or is followed by a space.
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:\p{Lu}[\p{Lu}\d'’&/-]*(?:[ \t]+[\p{Lu}\d][\p{Lu}\d'’&/-]*)*|\p{Lu}[\p{Ll}'’-]*(?:[ \t]+\p{Lu}[\p{Ll}'’-]*){0,3}):(?:\s|$)",
        )
        .expect("label regex")
    });
    const MAX_LABEL: usize = 40;
    let m = LABEL.find(line)?;
    let colon = line[..m.end()].trim_end().len();
    let rest = line[colon..].trim_start();
    let opens_sentence = rest.chars().find(|&c| !is_opener(c)).is_none_or(|c| !c.is_lowercase());
    (colon <= MAX_LABEL && (rest.is_empty() || (opens_sentence && ends_sentence(rest)))).then_some(colon)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…' | '。' | '！' | '？')
}

/// Full-width terminators end a sentence without a following space.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

/// Marks that close a sentence after its end punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | '»' | '›' | ')' | ']' | '}' | '*' | '_' | '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// Marks that may open a sentence before its first word.
fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '*' | '_')
}

/// Whether `s` ends with end punctuation, ignoring closing quotes, brackets
/// and footnote marks.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.trim_end().trim_end_matches(is_closer).ends_with(is_terminator)
}

/// Whether the line `next` continues the sentence that the line `prev`
/// (which has no end punctuation) left open: `next` starts in lowercase, or
/// `prev` ends with a comma, a dash or a function word that cannot end a
/// sentence or a heading.
pub(crate) fn continues(prev: &str, next: &str) -> bool {
    // Lowercase: sentence-internal words that do not end Title-case headings.
    const CONNECTORS: &[&str] = &[
        "a", "about", "after", "against", "also", "among", "an", "and", "are", "as", "at", "be", "been", "before",
        "between", "both", "but", "by", "can", "could", "for", "from", "had", "has", "have", "her", "his", "if", "in",
        "into", "is", "its", "may", "might", "must", "nor", "not", "of", "on", "onto", "or", "our", "over", "should",
        "than", "that", "the", "their", "these", "this", "those", "through", "to", "under", "was", "were", "when",
        "where", "which", "while", "who", "whose", "will", "with", "within", "without", "would",
    ];
    if next.chars().find(|&c| !is_opener(c)).is_some_and(char::is_lowercase) {
        return true;
    }
    let prev = prev.trim_end();
    if prev.ends_with([',', ';', '-', '–', '—', '(', '/', '&']) {
        return true;
    }
    let last_word = prev.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    CONNECTORS.contains(&last_word)
}

/// Finds the sentence ends inside one unit and pushes its sentences.
fn scan(text: &str, unit: Range<usize>, out: &mut Vec<Range<usize>>) {
    let end = unit.end;
    let mut start = unit.start;
    let mut i = unit.start;
    // Whether the current sentence has a letter or digit yet: end punctuation
    // before that (a leading `…`) ends nothing.
    let mut has_word = false;
    while i < end {
        if has_word {
            // Only end punctuation matters now: jump to the next byte that
            // can start one (ASCII, or the lead byte of `…`, `。`, `！`, `？`).
            match text.as_bytes()[i..end].iter().position(|b| matches!(b, b'.' | b'?' | b'!' | 0xE2 | 0xE3 | 0xEF)) {
                Some(skip) => i += skip,
                None => break,
            }
        }
        let Some(c) = text[i..end].chars().next() else { break };
        if !is_terminator(c) {
            has_word |= c.is_alphanumeric();
            i += c.len_utf8();
            continue;
        }
        let run = text[i..end].len() - text[i..end].trim_start_matches(is_terminator).len();
        let run_end = i + run;
        let after = run_end + (text[run_end..end].len() - text[run_end..end].trim_start_matches(is_closer).len());
        if !has_word {
            i = after;
            continue;
        }
        let rest = &text[after..end];
        let glued = text[i..run_end].ends_with(is_cjk_terminator);
        if !rest.starts_with(char::is_whitespace) && !glued {
            // `3.5`, `U.S.`, URLs, `Putin:“The`: no space, no end.
            i = after;
            continue;
        }
        let next = after + ws_len(rest);
        if next >= end {
            break;
        }
        if is_boundary(text, i..run_end, &text[next..end]) {
            push_trimmed(text, start..after, out);
            start = next;
            has_word = false;
            i = next;
        } else {
            i = after;
        }
    }
    if has_word {
        push_trimmed(text, start..end, out);
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let start = range.start + ws_len(s);
    let end = range.start + s.trim_end().len();
    if start < end {
        out.push(start..end);
    }
}

/// How a word followed by a period behaves.
enum Abbrev {
    /// Plain word: the period ends a sentence before a non-lowercase word.
    Word,
    /// Titles and Latin abbreviations (`Mr.`, `Gen.`, `e.g.`): never an end.
    Title,
    /// `No. 5`, `Nov. 10`: an end unless a number follows.
    BeforeNumber,
    /// Initials, initialisms and company suffixes (`W.`, `U.S.`, `Inc.`): an
    /// end only before a word that typically starts a sentence.
    Ambiguous,
}

/// Whether the end punctuation `term` ends a sentence, given the text
/// `next` that starts at the following word.
fn is_boundary(text: &str, term: Range<usize>, next: &str) -> bool {
    let word_start = next.len() - next.trim_start_matches(is_opener).len();
    let word = &next[word_start..];
    let word = &word[..word.find(|c: char| !c.is_alphanumeric()).unwrap_or(word.len())];
    let first = word.chars().next();
    let lowercase = first.is_some_and(char::is_lowercase);
    if &text[term.clone()] != "." {
        return !lowercase;
    }
    match abbreviation(token_before(text, term.start)) {
        Abbrev::Word => !lowercase,
        Abbrev::Title => false,
        Abbrev::BeforeNumber => !lowercase && !first.is_some_and(|c| c.is_ascii_digit()),
        Abbrev::Ambiguous => SENTENCE_STARTERS.contains(&word),
    }
}

/// Capitalized words that start sentences far more often than they continue
/// a name after an initial or an initialism.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "But",
    "Despite",
    "During",
    "For",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Moreover",
    "Now",
    "On",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "We",
    "What",
    "When",
    "While",
    "Why",
    "With",
    "Yet",
    "You",
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

fn abbreviation(token: &str) -> Abbrev {
    const TITLES: &[&str] = &[
        "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Cpt", "Dr", "Fr", "Ft", "Gen", "Gov",
        "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Pvt", "Rep", "Rev", "Sec",
        "Sen", "Sgt", "St", "Ste", "Supt", "approx", "ca", "cf", "e.g", "esp", "i.e", "v", "viz", "vs",
    ];
    const BEFORE_NUMBER: &[&str] = &[
        "Apr", "Art", "Aug", "Ch", "Dec", "Feb", "Fig", "Figs", "Jan", "Jul", "Jun", "Mar", "No", "Nos", "Nov", "Nr",
        "Oct", "Sep", "Sept", "Vol", "Vols", "no", "p", "pp",
    ];
    const AMBIGUOUS: &[&str] =
        &["Ave", "Blvd", "Bros", "Co", "Corp", "Dept", "Inc", "Jr", "Ltd", "Rd", "Sr", "Univ", "al", "etc"];
    if TITLES.contains(&token) {
        return Abbrev::Title;
    }
    if BEFORE_NUMBER.contains(&token) {
        return Abbrev::BeforeNumber;
    }
    let mut chars = token.chars();
    let initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    // `U.S`, `L.P`, `Ph.D`, `a.m`: short letter groups joined by periods.
    let initialism = token.contains('.')
        && token
            .split('.')
            .all(|part| (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic));
    if initial || initialism || AMBIGUOUS.contains(&token) {
        Abbrev::Ambiguous
    } else {
        Abbrev::Word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One body region (a function, as clippy reads `&[a..b]` as a typo).
    fn region(r: Range<usize>) -> [Range<usize>; 1] {
        [r]
    }

    /// Splits the whole text as one body region.
    fn sents(text: &str) -> Vec<&str> {
        split(text, &region(0..text.len())).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(sents("One two. Three four? Five six! Seven."), ["One two.", "Three four?", "Five six!", "Seven."]);
    }

    #[test]
    fn empty_and_whitespace_only() {
        assert!(sents("").is_empty());
        assert!(sents("   \n\n \t \u{a0}\r\n").is_empty());
        assert!(split("abc", &[]).is_empty());
        assert!(split("abc", &region(2..2)).is_empty());
    }

    #[test]
    fn lone_punctuation_is_no_sentence() {
        assert!(sents(".").is_empty());
        assert!(sents("... ! ? …").is_empty());
        assert!(sents("* * *\n\n---").is_empty());
        assert_eq!(sents("… and then it ended."), ["… and then it ended."]);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sents("Troops came on Nov. 10 and left. Mr. Putin met Gen. Lt. Smith. Dr. Jones agreed."),
            ["Troops came on Nov. 10 and left.", "Mr. Putin met Gen. Lt. Smith.", "Dr. Jones agreed."]
        );
        assert_eq!(
            sents("Some states, e.g. Armenia, i.e. the ally, vs. Turkey. It is No. 5 on the list."),
            ["Some states, e.g. Armenia, i.e. the ally, vs. Turkey.", "It is No. 5 on the list."]
        );
        assert_eq!(sents("He lives on St. Mark Street."), ["He lives on St. Mark Street."]);
    }

    #[test]
    fn month_and_number_abbreviations_end_sentences_before_words() {
        assert_eq!(sents("The answer was No. Then it changed."), ["The answer was No.", "Then it changed."]);
        assert_eq!(sents("It happened in Jan. The war went on."), ["It happened in Jan.", "The war went on."]);
    }

    #[test]
    fn initialisms_and_company_suffixes() {
        assert_eq!(
            sents("The U.S. and the EU watched. Apple Inc. CEO Tim Cook spoke. ©2020 Bloomberg L.P. and its owners."),
            ["The U.S. and the EU watched.", "Apple Inc. CEO Tim Cook spoke.", "©2020 Bloomberg L.P. and its owners."]
        );
        assert_eq!(
            sents("U.S. President Biden met the U.K. Prime Minister."),
            ["U.S. President Biden met the U.K. Prime Minister."]
        );
        assert_eq!(sents("Aid came from the U.S. The EU sent less."), ["Aid came from the U.S.", "The EU sent less."]);
        assert_eq!(
            sents("He holds a Ph.D. in philosophy. It took years."),
            ["He holds a Ph.D. in philosophy.", "It took years."]
        );
        assert_eq!(sents("Tanks, guns, etc. They all came."), ["Tanks, guns, etc.", "They all came."]);
    }

    #[test]
    fn initials_do_not_end_sentences() {
        assert_eq!(
            sents("J. R. R. Tolkien wrote it. George W. Bush read it. J.R.R. Tolkien smiled."),
            ["J. R. R. Tolkien wrote it.", "George W. Bush read it.", "J.R.R. Tolkien smiled."]
        );
        assert_eq!(sents("They had no Plan B. The war came."), ["They had no Plan B.", "The war came."]);
    }

    #[test]
    fn decimals_urls_and_emails_do_not_split() {
        assert_eq!(
            sents("Growth was 3.5 percent, see www.example.com/a.html or mail a.b@c.org now. Next one."),
            ["Growth was 3.5 percent, see www.example.com/a.html or mail a.b@c.org now.", "Next one."]
        );
        assert_eq!(
            sents("Read https://x.ru/news?id=5!x today. Done."),
            ["Read https://x.ru/news?id=5!x today.", "Done."]
        );
    }

    #[test]
    fn sentences_may_start_with_digits() {
        assert_eq!(sents("It ended in 2018. 2019 was calm."), ["It ended in 2018.", "2019 was calm."]);
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("For cooperation … it is necessary. The consequences … Likewise, he left... Then what?"),
            ["For cooperation … it is necessary.", "The consequences …", "Likewise, he left...", "Then what?"]
        );
        assert_eq!(sents("Don’t miss a story…"), ["Don’t miss a story…"]);
    }

    #[test]
    fn quotes_with_several_sentences() {
        let text = "He said:“No military solution exists. I said no, and I was right. I was!” Then he left.";
        assert_eq!(
            sents(text),
            ["He said:“No military solution exists.", "I said no, and I was right.", "I was!”", "Then he left."]
        );
        assert_eq!(
            sents("“Burn in hell,” she wrote on Nov. 10. “That’s the mood.” “Why?” he asked. \"Done.\" Yes."),
            ["“Burn in hell,” she wrote on Nov. 10.", "“That’s the mood.”", "“Why?” he asked.", "\"Done.\"", "Yes."]
        );
    }

    #[test]
    fn colon_does_not_split() {
        assert_eq!(
            sents("He tried: The troops saved them. Putin said: “We won.”"),
            ["He tried: The troops saved them.", "Putin said: “We won.”"]
        );
    }

    #[test]
    fn parentheses() {
        assert_eq!(
            sents("Each is 2 million strong (Putin has said so). (To be clear, it failed. Which leaders failed is unclear.) Next."),
            ["Each is 2 million strong (Putin has said so).", "(To be clear, it failed.", "Which leaders failed is unclear.)", "Next."]
        );
        assert_eq!(sents("Riots (“It’s over,” he wrote) broke out."), ["Riots (“It’s over,” he wrote) broke out."]);
    }

    #[test]
    fn footnote_superscripts_stay_with_their_sentence() {
        assert_eq!(
            sents("It had support.¹ Turkey's patronage came.²³ Done.⁴"),
            ["It had support.¹", "Turkey's patronage came.²³", "Done.⁴"]
        );
    }

    #[test]
    fn headings_and_lines_without_end_punctuation_are_units() {
        let text = "# Putin Wins Upset Victory\n\nA Face-Saving Truce\n\nThe deal held. It was signed.\n\n### **Can it last?**\n\nMaybe not.";
        assert_eq!(
            sents(text),
            [
                "Putin Wins Upset Victory",
                "A Face-Saving Truce",
                "The deal held.",
                "It was signed.",
                "Can it last?",
                "Maybe not."
            ]
        );
        assert_eq!(
            sents("Print this page\nTuesday, 10 November 2020\nBody text."),
            ["Print this page", "Tuesday, 10 November 2020", "Body text."]
        );
    }

    #[test]
    fn list_markers_are_trimmed() {
        let text = "- (1) The Kremlin won.\n- (2) Turkey lost. It was clear.\n• Bullet item\n1. First point.\n2) Second point.\n* Star item.";
        assert_eq!(
            sents(text),
            [
                "The Kremlin won.",
                "Turkey lost.",
                "It was clear.",
                "Bullet item",
                "First point.",
                "Second point.",
                "Star item."
            ]
        );
    }

    #[test]
    fn inline_section_labels_are_units() {
        let text = "BACKGROUND: Russia has bases. It sells arms.\n\nKey Takeaway: Putin won.\n\nIMPLICATIONS:\n\nMoscow waited.";
        assert_eq!(
            sents(text),
            [
                "BACKGROUND:",
                "Russia has bases.",
                "It sells arms.",
                "Key Takeaway:",
                "Putin won.",
                "IMPLICATIONS:",
                "Moscow waited."
            ]
        );
        // A colon later in the line, or a lowercase word before it, is no
        // label, and neither is the colon of a headline.
        assert_eq!(
            sents("Putin said: yes.\n\nThe Kremlin produced results: Putin won."),
            ["Putin said: yes.", "The Kremlin produced results: Putin won."]
        );
        assert_eq!(
            sents("Karabakh: The View From Moscow\n\nNOTE: the text follows."),
            ["Karabakh: The View From Moscow", "NOTE: the text follows."]
        );
    }

    #[test]
    fn sentences_broken_across_blank_lines_are_joined() {
        let text = "It has been to keep formerly Soviet\n\nneighbors anchored. It ensured that Turkey and\n\nAzerbaijan would trade. Power declines vis-à-vis alternative\n\n\n\n“guarantors of security” nearby.";
        assert_eq!(
            sents(text),
            [
                "It has been to keep formerly Soviet\n\nneighbors anchored.",
                "It ensured that Turkey and\n\nAzerbaijan would trade.",
                "Power declines vis-à-vis alternative\n\n\n\n“guarantors of security” nearby."
            ]
        );
    }

    #[test]
    fn paragraph_end_always_ends_a_sentence() {
        assert_eq!(
            sents("Aid came from the U.S.\n\nThe EU sent less."),
            ["Aid came from the U.S.", "The EU sent less."]
        );
        assert_eq!(sents("It ended.\n\nand then"), ["It ended.", "and then"]);
    }

    #[test]
    fn single_line_breaks_inside_a_paragraph() {
        assert_eq!(sents("He met Mr.\nPutin there. It\nwent well."), ["He met Mr.\nPutin there.", "It\nwent well."]);
    }

    #[test]
    fn crlf_line_endings() {
        let text = "Title Line\r\n\r\nFirst one. Second one.\r\nThird one.\r\n";
        assert_eq!(sents(text), ["Title Line", "First one.", "Second one.", "Third one."]);
    }

    #[test]
    fn non_ascii_text() {
        assert_eq!(
            sents("Президент Путин подписал указ. Это важно! Ł. Wałęsa się zgodził. 戦争が終わった。平和が来た。"),
            [
                "Президент Путин подписал указ.",
                "Это важно!",
                "Ł. Wałęsa się zgodził.",
                "戦争が終わった。",
                "平和が来た。"
            ]
        );
        assert_eq!(sents("Erdoğan’s café — 5€. Next."), ["Erdoğan’s café — 5€.", "Next."]);
    }

    #[test]
    fn regions_are_split_separately() {
        let text = "Head line\n\nJunk here\n\nBody one. Body two";
        let body = [0..9, 22..text.len()];
        let got: Vec<&str> = split(text, &body).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["Head line", "Body one.", "Body two"]);
    }

    #[test]
    fn bad_ranges_do_not_panic() {
        let text = "Ré. Ab.";
        assert!(split(text, &region(2..3)).is_empty());
        assert_eq!(split(text, &region(0..1000)), [0..4, 5..8]);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = region(6..3);
        assert!(split(text, &reversed).is_empty());
    }

    #[test]
    fn ranges_lie_on_char_boundaries_for_odd_input() {
        let inputs = [
            "\u{0}\u{1}. \u{7f}! ¹²³. ”” )) .. ?! ‘’ \u{feff}…",
            "«Привет.» — «Пока!» 。。！？",
            "(1)\n-\n#\n**\n__x__\n1.\n> \n•",
            "a.b.c.d. e.f. G. H. I.",
        ];
        for text in inputs {
            for r in split(text, &region(0..text.len())) {
                assert!(
                    text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && r.start < r.end,
                    "{text:?} {r:?}"
                );
            }
        }
    }

    #[test]
    fn huge_single_line() {
        let text = "word ".repeat(200_000) + "end. Another.";
        let got = split(&text, &region(0..text.len()));
        assert_eq!(got.len(), 2);
        assert_eq!(&text[got[1].clone()], "Another.");
    }

    #[test]
    fn emphasis_wrapping_a_line_is_trimmed() {
        assert_eq!(
            sents("*The views are my own.*\n\n**Bold Heading**\nNext line."),
            ["The views are my own.", "Bold Heading", "Next line."]
        );
    }
}
