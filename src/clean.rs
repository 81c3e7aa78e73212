//! Boilerplate removal: finds the article body inside web-page text.
//!
//! The text is never rewritten: the stage returns byte ranges of the body and
//! of what it removed (with a reason), so offsets stay valid in the original.
//!
//! Cleaning works on lines, because extracted pages put each page element
//! (byline, caption, widget text) on a line of its own:
//!
//! 1. each line is matched against patterns of news-page chrome;
//! 2. a wire slug such as `(Bloomberg Opinion) --` is cut off the start of a
//!    paragraph;
//! 3. the last body lines go when they read as an author bio; then, after the
//!    last long prose paragraph, the first line in the second half of the text
//!    that only ever ends an article (copyright, disclaimer, author bio,
//!    funding blurb, "More stories") starts the page tail, which is dropped as
//!    a whole;
//! 4. a stand-alone line that repeats a nearby body sentence word for word is
//!    a pull-quote.
//!
//! The rules err on the side of keeping text: a stray line in the body costs
//! less than a lost sentence.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::split::{continues, ends_sentence, lines, strip_markup};

/// What the cleaner kept and what it dropped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Byte ranges of article body, in order, non-overlapping.
    pub body: Vec<Range<usize>>,
    /// Byte ranges that were removed, in order, each with why.
    pub removed: Vec<Removed>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub range: Range<usize>,
    pub reason: &'static str,
}

/// A line pattern of page chrome.
struct Rule {
    re: Regex,
    reason: &'static str,
    /// Whether the line only ever appears once the article is over.
    ends_article: bool,
    /// Longer lines never match: chrome is short, prose is not.
    max_len: usize,
}

const ANY_LEN: usize = usize::MAX;

fn rule(pattern: impl AsRef<str>, reason: &'static str, ends_article: bool, max_len: usize) -> Rule {
    let re = Regex::new(pattern.as_ref()).unwrap_or_else(|e| panic!("bad {reason} pattern: {e}"));
    Rule { re, reason, ends_article, max_len }
}

/// Chrome patterns, in order of precedence, for a line without its markup.
/// They name kinds of page elements, never the text of particular sites.
/// (Separate regexes, not a `RegexSet`: their union is too large for the
/// lazy DFA and would fall back to a slow engine.)
static CHROME: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    // A capitalized name word, or an initial.
    const NAME: &str = r"(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’-]+)";
    const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
    const WEEKDAY: &str = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?";
    // Stock phrases of error widgets, repeated in any order.
    const WIDGET: &str = r"(?:(?:oops|whoops)!?|something went wrong[.!]?|please try again(?: later)?[.!]?|an error (?:has )?occurred[.!]?)";
    let name_seq = format!(r"{NAME}(?:\s+(?:{NAME}|de|da|del|van|von|der|den|al|el|bin|ibn|la|le|du|and|&))*");
    let date = format!(
        r"(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})"
    );
    vec![
        // A line of nothing but links, with an optional footnote mark.
        rule(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])?\s*(?:<?(?:https?://|www\.)\S+\s*)+$", "footnote urls", false, ANY_LEN),
        // A footnote: its mark, then text that cites a link.
        rule(r"^(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])\s*\S.{0,300}(?:https?://|www\.)", "footnote urls", false, 600),
        rule(
            r"(?i)^(?:original (?:url|link|article|source)|source (?:url|link)|originally published (?:at|on|in|by)|this (?:article|story|piece|post|column) (?:was|is) (?:originally |first )?(?:published|posted|appeared))(?-u:\b)",
            "source url",
            true,
            ANY_LEN,
        ),
        rule(r"(?i)^read\s+\d[\d,.]*\s+times(?-u:\b)", "read counter", true, ANY_LEN),
        rule(r"(?i)^\d[\d,.]*\s*(?:views|reads|shares|comments?)$", "read counter", false, 40),
        rule(
            r"(?i)^(?:(?:©|\(c\))\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})|(?-u:\b)all rights reserved(?-u:\b)",
            "copyright",
            true,
            200,
        ),
        // `© Reuters` under a photo.
        rule(r"^(?:©|\(c\))\s*\p{L}[^.!?]{0,60}$", "caption", false, 80),
        rule(
            r"(?i)^(?:author['’]?s?\s+bio(?:graphy)?|about the authors?|author information)(?-u:\b)",
            "author bio",
            true,
            ANY_LEN,
        ),
        rule(
            r"(?i)^(?:disclaimer\s*:|to contact the (?:authors?|editors?|reporters?)(?-u:\b))",
            "disclaimer",
            true,
            ANY_LEN,
        ),
        rule(
            r"(?i)(?:views|opinions) expressed[^.]{0,120}(?:author|own|not necessarily|(?:do|does) not reflect)|(?-u:\b)(?:views?|opinions?|column|article|content|piece|post)s?(?-u:\b)[^.!?]{0,80}(?-u:\b)(?:do|does) not necessarily (?:reflect|represent)(?-u:\b)",
            "disclaimer",
            true,
            400,
        ),
        rule(
            r"(?i)(?-u:\b)(?:is|are) (?:funded|supported|made possible) by (?:its|our) (?:subscribers|readers|members|supporters|donors)(?-u:\b)",
            "site chrome",
            true,
            300,
        ),
        // Sign-up boxes also sit inside articles: not an end.
        rule(
            r"(?i)^(?:subscribe|sign up|register)(?: now| today| here| for free)?\s+(?:to|for|and)\s",
            "site chrome",
            false,
            300,
        ),
        // Headers of the lists of other stories that follow an article.
        rule(
            r"(?i)^(?:more (?:stories|articles|news|coverage|posts|from)(?-u:\b)[^.!?]{0,80}|you (?:may|might) also (?:like|enjoy|be interested in)[^.!?]{0,40}|most (?:read|popular|viewed|shared))\s*:?$",
            "related links",
            true,
            120,
        ),
        // Link boxes that may also sit inside an article.
        rule(
            r"(?i)^(?:(?:related|recommended|popular|trending|latest)(?: (?:articles?|stories|story|posts?|news|reading|coverage|content|links?))?|(?:read|see) (?:more|next|also))\s*:?$",
            "related links",
            false,
            60,
        ),
        rule(
            r"(?i)^(?:related|recommended|see also|read (?:more|also|next)|also read|more on this(?: story| topic)?)(?-u:\b)[^:.!?]{0,30}:\s*\S",
            "related links",
            false,
            300,
        ),
        rule(format!(r"(?i)^{WIDGET}(?:\s+{WIDGET})*$"), "site chrome", false, 120),
        // Wire update notes: `(Updates with comment in fifth paragraph.)`.
        rule(
            r"(?i)^\((?:updates|adds|recasts|corrects|changes|rewrites|refiles)(?-u:\b)[^()]{0,150}\)$",
            "site chrome",
            false,
            160,
        ),
        rule(
            r"(?i)^(?:(?:print|share|e-?mail|save|tweet)(?: this)?(?: (?:page|article|story|post))?|advertisement|sponsored(?: content)?|skip to (?:main )?content|back to top|(?:show|load) more(?: comments)?|share on \w+|menu|search|home|log ?in|sign ?in|log ?out|listen(?: to this (?:article|story))?|\d+\s*min(?:ute)?s?\s+read)$",
            "site chrome",
            false,
            60,
        ),
        // Share bars: `Facebook Twitter Email`.
        rule(
            r"(?i)^(?:(?:share(?: on| via)?|facebook|twitter|linkedin|whatsapp|telegram|reddit|pinterest|e-?mail|print|copy link|vk)[\s|,·•:]*){2,}$",
            "site chrome",
            false,
            120,
        ),
        // Breadcrumbs: `Home > News > Europe`.
        rule(r"^[^.!?>]{1,40}(?:\s*>\s*[^.!?>]{1,40}){2,}$", "site chrome", false, 160),
        rule(
            r"(?i)^(?:(?:published|posted|filed) (?:in|under)|(?:categor(?:y|ies)|tags?|topics?)\s*:)\s*[^.!?]{1,80}$",
            "site chrome",
            false,
            120,
        ),
        rule(
            r"(?i)^(?:for more (?:articles|stories|news|coverage|analysis|information) like this|(?:new to [^?]{1,40}\?\s*)?find out more about us|don[’']t miss (?:a|another|the|out)(?-u:\b)|(?:click|tap) here(?-u:\b)|follow us on(?-u:\b)|support (?:our|independent) journalism(?-u:\b))[^.!?]{0,80}[.!…]?$",
            "site chrome",
            false,
            200,
        ),
        rule(
            format!(
                r"^(?:[Bb]y|BY|(?:Written|Reporting|Reported|Words|Story|Text) by|Author:)\s+\[?{name_seq}(?:\]\([^)\s]*\))?(?:\s*(?:,|\||—|–|-|and|&)\s*[^\n]{{0,80}}[^.!?\s])?$"
            ),
            "byline",
            false,
            150,
        ),
        rule(r"(?i)^[-—–]*\s*with assistance (?:from|by)\s+\p{L}[^.!?]{0,120}\.?$", "byline", false, 200),
        // Wire credits: `Reporting by X in Moscow; Editing by Y`.
        rule(
            r"^(?i:(?:additional )?(?:reporting|writing|editing|compiled|produced|edited|written) by)\s+\p{Lu}[^.!?]{0,200}$",
            "byline",
            false,
            250,
        ),
        rule(
            format!(
                r"(?i)^(?:(?:published|posted|updated|last updated|last modified|modified|date)(?:\s+on)?\s*:?\s*)?[,\s|–—-]*{date}(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{{2,4}})?)?(?:\s*(?:,|\||—|–|-|·)\s*[^.!?]{{0,60}})?$"
            ),
            "dateline",
            false,
            150,
        ),
        rule(
            r"(?i)^\(?(?:(?:image|photo|picture|illustration|graphic|video|cover|featured)s?\s*(?:image|photo)?\s*(?:source|credits?|courtesy|caption|copyright|by)?|credits?|caption|photographer)\s*:\s*\S",
            "caption",
            false,
            300,
        ),
        rule(
            r"(?i)^\(?(?:(?:photo|image|picture|video)s?\s+(?:by|courtesy(?: of)?|via|credit)|image (?:caption|copyright))(?-u:\b)",
            "caption",
            false,
            300,
        ),
        // Photo credit: `Name Surname / AGENCY`.
        rule(
            format!(
                r"^{NAME}(?:\s+[\p{{L}}\p{{M}}'’.-]+){{0,4}}\s*/\s*(?:\p{{Lu}}{{2,}}[\p{{Lu}}\d-]*|Reuters|Getty Images|Shutterstock|Sputnik|Wikimedia Commons|Flickr|[\p{{L}}. ]{{1,25}} (?:Images|Photos?|Press|Service|Commons))(?:\s*(?:/|via)\s*[^.!?]{{1,40}})?$"
            ),
            "caption",
            false,
            120,
        ),
    ]
});

/// Image alt text that kept the image width (`Putin - Lavrov 500`). Only
/// applied to indented lines, where extraction puts image elements.
static ALT_TEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[^.!?]{1,60}\s\d{2,4}$").expect("alt text regex"));

/// A wire-service slug at the start of a paragraph: `(Bloomberg Opinion) --`,
/// `MOSCOW (Reuters) -`.
static WIRE_SLUG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\p{Lu}{2,}[\p{Lu}\p{M} ,'’/-]*(?:,\s*[\p{L}.]{3,10}\s+\d{1,2})?\s+)?\(\p{Lu}[\p{L}\p{M}.&'’ ]{0,40}\)\s*(?:--|—|–|-)")
        .expect("wire slug regex")
});

/// `Jane Doe is a senior fellow at …`, `X (@x) is a Warsaw based expert`.
static AUTHOR_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{L}\p{M}'’.-]+(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){1,3}(?:\s*\([^)]{1,40}\))?,?\s+(?:is|was|has been)\s+(?:a|an|the)\s+[^.]{0,80}(?-u:\b)(?:fellow|columnist|journalist|correspondent|reporter|professor|analyst|researcher|editor|director|expert|writer|author|contributor|member|scholar|lecturer|associate|chair|founder|commentator|specialist)",
    )
    .expect("author bio regex")
});

/// Bios are short.
const BIO_MAX_LEN: usize = 600;

/// Prose at least this long (with end punctuation) is article text, so no
/// page tail starts before it.
const PROSE_LEN: usize = 300;

/// A pull-quote has at least this many words; shorter repeats are headings.
const PULL_QUOTE_WORDS: usize = 8;

/// How far from a pull-quote its source sentence is looked for.
const PULL_QUOTE_WINDOW: usize = 16 * 1024;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Verdict {
    Body,
    /// Body after a wire slug that ends at the first byte offset; the body
    /// starts at the second.
    Slug(usize, usize),
    Removed(&'static str),
}

/// A line that is not blank.
struct Line {
    /// The line without surrounding whitespace.
    trimmed: Range<usize>,
    /// The line without whitespace and markup.
    content: Range<usize>,
    /// Whether a blank line (or the start of the text) comes before it.
    para_start: bool,
    verdict: Verdict,
    /// Whether the line only ever appears once the article is over.
    ends_article: bool,
}

/// Splits `text` into body and boilerplate.
pub fn clean(text: &str) -> Cleaned {
    let mut lines = classify_lines(text);
    cut_tail(text, &mut lines);
    remove_pull_quotes(text, &mut lines);
    collect(lines)
}

fn classify_lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut para_start = true;
    for raw in lines(text, 0..text.len()) {
        let (content, _) = strip_markup(text, raw.clone());
        if content.is_empty() {
            para_start = true;
            continue;
        }
        let line = &text[raw.clone()];
        let start = raw.start + (line.len() - line.trim_start().len());
        let trimmed = start..raw.start + line.trim_end().len();
        // Emphasis that opens a line without closing it: `**Related:** …`.
        let core = text[content.clone()].trim_start_matches(['*', '_']);
        let matched = CHROME.iter().find(|r| core.len() <= r.max_len && r.re.is_match(core));
        let (verdict, ends_article) = match matched {
            Some(r) => (Verdict::Removed(r.reason), r.ends_article),
            None if start > raw.start && ALT_TEXT.is_match(core) => (Verdict::Removed("caption"), false),
            None => (slug(text, content.clone()), false),
        };
        out.push(Line { trimmed, content, para_start, verdict, ends_article });
        para_start = false;
    }
    out
}

/// `Slug` when the line starts with a wire slug followed by text.
fn slug(text: &str, content: Range<usize>) -> Verdict {
    let s = &text[content.clone()];
    let Some(m) = WIRE_SLUG.find(s) else { return Verdict::Body };
    let rest = &s[m.end()..];
    if rest.trim().is_empty() {
        Verdict::Removed("wire slug")
    } else if rest.starts_with(char::is_whitespace) {
        let slug_end = content.start + m.end();
        Verdict::Slug(slug_end, slug_end + (rest.len() - rest.trim_start().len()))
    } else {
        // `(Reuters)-led`: a hyphen inside a word, not a slug.
        Verdict::Body
    }
}

/// Drops the page tail: everything after the first article-ending line that
/// follows the last long prose paragraph and lies in the second half of the
/// text. Related-article teasers and blurbs there look like prose, so the
/// tail goes as a whole.
fn cut_tail(text: &str, lines: &mut [Line]) {
    let in_second_half = |l: &Line| l.trimmed.start >= text.len() / 2;
    // Author bios read like prose, so only the last body lines can be one.
    for l in lines.iter_mut().rev().filter(|l| !matches!(l.verdict, Verdict::Removed(_))) {
        let s = &text[l.content.clone()];
        if !(in_second_half(l) && s.len() <= BIO_MAX_LEN && AUTHOR_BIO.is_match(s)) {
            break;
        }
        l.verdict = Verdict::Removed("author bio");
        l.ends_article = true;
    }
    let is_prose = |l: &Line| {
        let s = &text[l.content.clone()];
        !matches!(l.verdict, Verdict::Removed(_)) && s.len() >= PROSE_LEN && ends_sentence(s)
    };
    let after_prose = lines.iter().rposition(is_prose).map_or(0, |i| i + 1);
    let marker = lines[after_prose..].iter().position(|l| l.ends_article && in_second_half(l)).map(|i| after_prose + i);
    if let Some(m) = marker {
        for l in &mut lines[m + 1..] {
            if !matches!(l.verdict, Verdict::Removed(_)) {
                l.verdict = Verdict::Removed("trailing chrome");
            }
        }
    }
}

/// Removes stand-alone body lines without end punctuation that repeat, word
/// for word, part of a longer line nearby (the first word may differ in case:
/// "A misunderstanding" quotes "But a misunderstanding").
fn remove_pull_quotes(text: &str, lines: &mut [Line]) {
    // Searching is linear per candidate; the budget keeps the whole pass
    // linear in the text length whatever the input.
    let mut budget = 2 * text.len() + (1 << 20);
    for i in 0..lines.len() {
        if lines[i].verdict != Verdict::Body || !lines[i].para_start {
            continue;
        }
        let s = &text[lines[i].content.clone()];
        let next = lines.get(i + 1);
        let standalone = next.is_none_or(|n| n.para_start && !continues(s, &text[n.content.clone()]))
            && (i == 0 || {
                let prev = &text[lines[i - 1].content.clone()];
                ends_sentence(prev) || !continues(prev, s)
            });
        if !standalone || ends_sentence(s) || s.split_whitespace().nth(PULL_QUOTE_WORDS - 1).is_none() {
            continue;
        }
        let lo = floor_boundary(text, lines[i].trimmed.start.saturating_sub(PULL_QUOTE_WINDOW));
        let hi = ceil_boundary(text, lines[i].trimmed.end.saturating_add(PULL_QUOTE_WINDOW).min(text.len()));
        if budget < hi - lo {
            return;
        }
        budget -= hi - lo;
        if repeats_nearby(text, lo..hi, lines[i].content.clone()) {
            lines[i].verdict = Verdict::Removed("repeated pull-quote");
        }
    }
}

/// Whether the line `quote` occurs word for word inside a longer line of
/// `window`.
fn repeats_nearby(text: &str, window: Range<usize>, quote: Range<usize>) -> bool {
    let s = &text[quote.clone()];
    let Some(first_end) = s.find(char::is_whitespace) else { return false };
    let (first, rest) = (word(&s[..first_end]), s[first_end..].trim_start());
    text[window.clone()].match_indices(rest).any(|(i, _)| {
        let pos = window.start + i;
        if quote.contains(&pos) {
            return false;
        }
        let before = text[window.start..pos].trim_end();
        let prev_word = word(before.rsplit(char::is_whitespace).next().unwrap_or(""));
        // Line bounds only after the cheap test, so that many near misses
        // cost little each.
        same_ignoring_case(prev_word, first) && {
            let line_start = before.rfind('\n').map_or(window.start, |j| window.start + j + 1);
            let line_end = text[pos..window.end].find('\n').map_or(window.end, |j| pos + j);
            text[line_start..line_end].trim().len() > s.len()
        }
    })
}

/// A word without the quotes or brackets around it.
fn word(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

fn same_ignoring_case(a: &str, b: &str) -> bool {
    a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Turns line verdicts into body ranges (kept lines merged across blank
/// lines) and removed ranges.
fn collect(lines: Vec<Line>) -> Cleaned {
    let mut cleaned = Cleaned::default();
    let mut open: Option<Range<usize>> = None;
    for line in lines {
        match line.verdict {
            Verdict::Body => {
                open = Some(open.map_or(line.trimmed.clone(), |o| o.start..line.trimmed.end));
            }
            Verdict::Slug(slug_end, body_start) => {
                cleaned.body.extend(open.take());
                cleaned.removed.push(Removed { range: line.trimmed.start..slug_end, reason: "wire slug" });
                open = Some(body_start..line.trimmed.end);
            }
            Verdict::Removed(reason) => {
                cleaned.body.extend(open.take());
                cleaned.removed.push(Removed { range: line.trimmed, reason });
            }
        }
    }
    cleaned.body.extend(open);
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The removed lines with their reasons.
    fn removed(text: &str) -> Vec<(&str, &'static str)> {
        clean(text).removed.into_iter().map(|r| (&text[r.range], r.reason)).collect()
    }

    fn body(text: &str) -> Vec<&str> {
        clean(text).body.into_iter().map(|r| &text[r]).collect()
    }

    /// Long enough that the page tail can start after it.
    const PROSE: &str = "The ceasefire that Russia brokered between Armenia and Azerbaijan ended six weeks of war, \
        and it left Moscow with troops on the ground in a region where Turkey had hoped to gain a foothold. \
        Analysts in Moscow, Yerevan and Baku disagree about who won, but all of them agree that the deal \
        changes the balance of power in the South Caucasus for years to come.";

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(clean(""), Cleaned::default());
        assert_eq!(clean(" \n\r\n\t\u{a0}\n"), Cleaned::default());
    }

    #[test]
    fn plain_article_is_all_body() {
        let text = format!("Russia Wins in Karabakh\n\n{PROSE}\n\nA second paragraph ends here.");
        assert_eq!(body(&text), [text.as_str()]);
        assert!(removed(&text).is_empty());
    }

    #[test]
    fn site_chrome() {
        let text = "  • Oops!\n    Something went wrong.\n    Please try again later.\nPrint this page\nShare this article\nAdvertisement\nPublished in Analytical Articles\nTags: Russia, Armenia\nHeadline Here";
        assert_eq!(
            removed(text),
            [
                ("• Oops!", "site chrome"),
                ("Something went wrong.", "site chrome"),
                ("Please try again later.", "site chrome"),
                ("Print this page", "site chrome"),
                ("Share this article", "site chrome"),
                ("Advertisement", "site chrome"),
                ("Published in Analytical Articles", "site chrome"),
                ("Tags: Russia, Armenia", "site chrome"),
            ]
        );
        assert_eq!(body(text), ["Headline Here"]);
    }

    #[test]
    fn bylines() {
        for line in [
            "By Ezgi Yazici",
            "By\u{a0}Nurlan Aliyev ",
            "By [Simon Saradzhyan](#)",
            "BY JOHN SMITH",
            "By John Smith and Jane Doe",
            "By Leonid Bershidsky | Bloomberg",
            "Reporting by Anna Ivanova",
        ] {
            let text = format!("Headline\n\n{line}\n\n{PROSE}");
            assert_eq!(removed(&text), [(line.trim(), "byline")], "{line:?}");
        }
    }

    #[test]
    fn body_lines_that_look_like_bylines_are_kept() {
        for line in [
            "By the end of 2020, Russia had deployed 2,000 peacekeepers.",
            "By Monday, the troops had left.",
            "By Nov. 10, the war was over.",
            "By interfering late, Putin saved face.",
        ] {
            assert!(removed(line).is_empty(), "{line:?}");
        }
    }

    #[test]
    fn datelines() {
        for line in [
            "November 13, 2020",
            "Tuesday, 10 November 2020",
            ", 27 September 2022",
            "November 10, 2020, the CACI Analyst",
            "Published: Nov. 19, 2020 at 10:45 am",
            "2020-11-19",
            "Updated 19/11/2020",
        ] {
            let text = format!("{line}\n\n{PROSE}");
            assert_eq!(removed(&text), [(line, "dateline")], "{line:?}");
        }
        let sentence = "November 10, 2020, marked the end of the war.";
        assert!(removed(sentence).is_empty());
    }

    #[test]
    fn captions_and_credits() {
        for line in [
            "Image Source: United States Department of State via Flickr accessed 11/10/2020",
            "Photo: Sergei Bobylev / TASS",
            "Alexander Nemenov / AFP",
            "Photo by Karen Minasyan/AFP via Getty Images",
            "Credit: Kremlin press service",
        ] {
            let text = format!("{PROSE}\n\n{line}\n\n{PROSE}");
            assert_eq!(removed(&text), [(line, "caption")], "{line:?}");
        }
        // Alt text with the image width, indented by the extraction.
        let text = format!("{PROSE}\n\n\u{a0} Putin - Lavrov 500\n\nThe Fortune 500\n\n{PROSE}");
        assert_eq!(removed(&text), [("Putin - Lavrov 500", "caption")]);
    }

    #[test]
    fn wire_slug_is_cut_off_its_paragraph() {
        let text = "Headline\n\n(Bloomberg Opinion) -- After waiting, the Kremlin acted.\n\nMOSCOW (Reuters) - Russia said so.";
        let c = clean(text);
        let removed: Vec<&str> = c.removed.iter().map(|r| &text[r.range.clone()]).collect();
        assert_eq!(removed, ["(Bloomberg Opinion) --", "MOSCOW (Reuters) -"]);
        let body: Vec<&str> = c.body.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(body, ["Headline", "After waiting, the Kremlin acted.", "Russia said so."]);
        // A parenthesis that opens a body paragraph is no slug.
        let aside = "(To be clear, I am no fan of hegemonies.) Moscow - as usual - waited.";
        assert!(keeps_everything(aside));
    }

    /// Whether nothing of `text` is removed.
    fn keeps_everything(text: &str) -> bool {
        clean(text).removed.is_empty()
    }

    #[test]
    fn page_tail_goes_as_a_whole() {
        let text = format!(
            "Headline\n\n{PROSE}\n\nThis column does not necessarily reflect the opinion of the editorial board or Bloomberg LP and its owners.\n\n\
             Jane Doe is a columnist. She was previously an editor. Her book is due out in 2021.\n\n\
             Subscribe now to stay ahead with the most trusted business news source.\n\n©2020 Bloomberg L.P."
        );
        assert_eq!(
            removed(&text),
            [
                ("This column does not necessarily reflect the opinion of the editorial board or Bloomberg LP and its owners.", "disclaimer"),
                ("Jane Doe is a columnist. She was previously an editor. Her book is due out in 2021.", "author bio"),
                ("Subscribe now to stay ahead with the most trusted business news source.", "site chrome"),
                ("©2020 Bloomberg L.P.", "copyright"),
            ]
        );
        let related = format!(
            "{PROSE}\n\nThe Daily Planet is funded by its subscribers. Receive our print edition.\n\nMore stories filed under Wars\n\n\
             Ministers Can Make it Mean Anything\n\n, 27 September 2022\nAn expert speaks about the Government’s plans\n\nMore from the Planet Family"
        );
        let reasons: Vec<&str> = removed(&related).into_iter().map(|(_, r)| r).collect();
        assert_eq!(
            reasons,
            ["site chrome", "related links", "trailing chrome", "dateline", "trailing chrome", "related links"]
        );
        assert_eq!(body(&related), [PROSE]);
    }

    #[test]
    fn no_page_tail_before_long_prose_or_in_the_first_half() {
        // A sign-up box inside the article: only that line goes.
        let text = format!(
            "Headline\n\n{PROSE}\n\nSign up for our newsletter and get the news first.\n\n{PROSE}\n\nShort last line."
        );
        assert_eq!(removed(&text), [("Sign up for our newsletter and get the news first.", "site chrome")]);
        let text = "©2020 Example Media\n\nShort line one.\n\nShort line two.\n\nShort line three.";
        assert_eq!(removed(text), [("©2020 Example Media", "copyright")]);
    }

    #[test]
    fn end_matter() {
        let text = format!(
            "{PROSE}\n\nAUTHOR'S BIO: Nurlan Aliyev is a Warsaw based expert. He holds a Ph.D. in philosophy.\n\n\
             Original url:\n\n<https://example.com/2020/11/19/story-a72091>\n\nRead 23498 times Last modified on Monday, 26 July 2021"
        );
        let reasons: Vec<&str> = removed(&text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(reasons, ["author bio", "source url", "footnote urls", "read counter"]);
    }

    #[test]
    fn more_page_chrome() {
        for (line, reason) in [
            ("Facebook Twitter Email", "site chrome"),
            ("Share on Facebook | Twitter | LinkedIn", "site chrome"),
            ("Home > News > Europe", "site chrome"),
            ("5 min read", "site chrome"),
            ("1,234 views", "read counter"),
            ("© Reuters", "caption"),
            ("Image caption Protesters in Yerevan", "caption"),
            ("(Photo: Sergei Bobylev/TASS)", "caption"),
            ("Recommended", "related links"),
            ("Read more: [Putin's Calculus](#)", "related links"),
            ("Sign up for our newsletter and get the news first.", "site chrome"),
            ("— With assistance from Ilya Arkhipov", "byline"),
            ("(Updates with Kremlin comment in fifth paragraph.)", "site chrome"),
            ("Photographer: Andrey Rudakov/Bloomberg", "caption"),
        ] {
            let text = format!("{PROSE}\n\n{line}\n\n{PROSE}");
            assert_eq!(removed(&text), [(line, reason)], "{line:?}");
        }
    }

    #[test]
    fn author_bio_only_as_the_last_body_line() {
        let bio = "Jane Doe is a senior fellow at the Example Institute.";
        let text =
            format!("{PROSE}\n\n{PROSE}\n\n{bio}\n\nTo contact the author of this story: Jane Doe at jd@example.com");
        let reasons: Vec<&str> = removed(&text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(reasons, ["author bio", "disclaimer"]);
        let text = format!("{PROSE}\n\n{PROSE}\n\n{bio}\n\nShe said the deal would not last.");
        assert!(keeps_everything(&text));
    }

    #[test]
    fn disclaimers_and_source_notes() {
        for (line, reason) in [
            ("The opinions expressed in this article are the author's own.", "disclaimer"),
            (
                "The views expressed in opinion pieces do not necessarily reflect the position of the paper.",
                "disclaimer",
            ),
            ("This article was originally published by Eurasianet.", "source url"),
        ] {
            let text = format!("{PROSE}\n\n{line}");
            assert_eq!(removed(&text), [(line, reason)], "{line:?}");
        }
    }

    #[test]
    fn footnote_urls() {
        let text = format!("{PROSE}¹\n\n¹ <http://www.example.org/a>\n\n² <https://example.net/b>\n<https://ria.ru/c.html>\n\n³ https://example.ru/more.htm?id=1@x\n\n[4] Reuters, Nov. 10, 2020, https://reuters.com/x");
        let reasons: Vec<&str> = removed(&text).into_iter().map(|(_, r)| r).collect();
        assert_eq!(reasons, ["footnote urls"; 5]);
        assert_eq!(body(&text), [format!("{PROSE}¹")]);
    }

    #[test]
    fn related_links_inside_the_article() {
        let text = format!("{PROSE}\n\n**Related article:** [Anger Mounts in Armenia](#)\n\n{PROSE}");
        assert_eq!(removed(&text), [("**Related article:** [Anger Mounts in Armenia](#)", "related links")]);
        assert!(keeps_everything("Related to this, the Kremlin said nothing."));
    }

    #[test]
    fn prose_that_mentions_chrome_words_is_kept() {
        for line in [
            "Many readers chose to subscribe to the paper after the war began.",
            "Subscribers of Russian state television saw a different war.",
            "Something went wrong in the Kremlin's planning, analysts say.",
            "Polls do not necessarily reflect public opinion in Armenia.",
            "Copyright law in Russia was changed in 2020.",
            "More than 5,000 people died in the war.",
            "Related talks in Moscow ended without a deal.",
            "Source: the Armenian Defense Ministry.",
        ] {
            let text = format!("{PROSE}\n\n{line}\n\n{PROSE}");
            assert!(removed(&text).is_empty(), "{line:?}");
        }
    }

    #[test]
    fn repeated_pull_quote() {
        let sentence = "But a misunderstanding of the nature of public sentiment led to the Kremlin’s inability to predict events, namely the protests.";
        let quote =
            "A misunderstanding of the nature of public sentiment led to the Kremlin’s inability to predict events";
        let text = format!("{PROSE}\n\n{quote}\n\n{PROSE}\n\n{sentence}");
        assert_eq!(removed(&text), [(quote, "repeated pull-quote")]);
        // A headline that is not repeated, or a repeated sentence that ends
        // with punctuation (a dek), stays.
        let dek = "Russia's decision not to employ leverage made a lasting impression on its allies.";
        let text = format!(
            "Putin's Calculus Can Undermine Russian Clout in the Former Soviet Union\n\n{dek}\n\n{PROSE} {dek}"
        );
        assert!(removed(&text).is_empty());
    }

    #[test]
    fn broken_sentence_fragment_is_no_pull_quote() {
        let text = format!("{PROSE}\n\nIt also ensured that Turkey and Azerbaijan would not curtail their\n\ntrade with Russia.\n\n{PROSE} It also ensured that Turkey and Azerbaijan would not curtail their trade.");
        assert!(removed(&text).is_empty());
    }

    #[test]
    fn crlf_lines() {
        let text = "Headline\r\n\r\nBy John Smith\r\nNovember 13, 2020\r\n\r\nBody sentence here.\r\n";
        assert_eq!(removed(text), [("By John Smith", "byline"), ("November 13, 2020", "dateline")]);
        assert_eq!(body(text), ["Headline", "Body sentence here."]);
    }

    #[test]
    fn ranges_lie_on_char_boundaries() {
        let text = "Заголовок статьи\n\n¹ <https://пример.рф/а>\n\nПо словам Путина, «война окончена».\n\n  Фото 500\n\n©2020 Газета";
        let c = clean(text);
        for r in c.body.iter().chain(c.removed.iter().map(|r| &r.range)) {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }
}
