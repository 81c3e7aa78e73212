//! The year that dates written without one take, inferred from the whole document.

use super::*;

use std::sync::LazyLock;
use regex::Regex;

/// Full dates, the best evidence of the publication year: "November 13,
/// 2020", "10 November 2020", "2020-11-10", "11/10/2020", "/2020/11/19/" in
/// URLs. The flag marks the slashed form, whose day and month may be swapped.
/// Patterns are ASCII-only (`(?-u)`): Unicode word boundaries would push the
/// regex engine off its DFA on any non-ASCII text.
pub(super) static FULL_DATES: LazyLock<[(Regex, bool); 5]> = LazyLock::new(|| {
    let names = MONTHS.map(|(name, _)| name).join("|");
    let re = |p: &str| Regex::new(&format!("(?-u){p}")).expect("valid date pattern");
    [
        (re(&format!(r"\b(?P<m>(?i:{names}))\.?\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})\b")), false),
        (re(&format!(r"\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>(?i:{names}))\.?,?\s+(?P<y>[0-9]{{4}})\b")), false),
        (re(r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})\b"), false),
        (re(r"\b(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/(?P<y>[0-9]{4})\b"), true),
        (re(r"/(?P<y>[0-9]{4})/(?P<m>[0-9]{2})/(?P<d>[0-9]{2})/"), false),
    ]
});

pub(super) static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:©|\(c\)|(?-u:\b)copyright(?-u:\b))(?-u:\s*)(?:[0-9]{4}(?-u:\s*)[-–](?-u:\s*))?([0-9]{4})(?-u:\b)").expect("valid copyright pattern")
});

pub(super) static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?-u:\b)[0-9]{4}(?-u:\b)").expect("valid year pattern"));

/// Infers the context from the whole document text (boilerplate included:
/// datelines and copyright lines carry the publication year).
///
/// The year is the most frequent year of full dates (ties: the earliest in
/// the text, where datelines stand), else the year of the first copyright
/// line, else the most frequent plausible year (ties: the latest, as articles
/// are written after what they cite). Plausible years are 1900 to 2100.
pub fn context(text: &str) -> NumberContext {
    NumberContext { year: dated_year(text).or_else(|| copyright_year(text)).or_else(|| frequent_year(text)) }
}

pub(super) fn plausible_year(year: i32) -> bool {
    (1900..=2100).contains(&year)
}

pub(super) fn dated_year(text: &str) -> Option<i32> {
    // A valid date's year, or None.
    let year_of = |caps: &regex::Captures, slashed: bool| -> Option<i32> {
        let number = |name| caps.name(name).and_then(|m| m.as_str().parse::<u8>().ok());
        let year = caps.name("y")?.as_str().parse::<i32>().ok()?;
        let (month, day) = match (number("m"), slashed) {
            (Some(a), true) => slash_month_day(a, number("d")?)?,
            (Some(m), false) => (m, number("d")?),
            (None, _) => (month(&caps.name("m")?.as_str().to_lowercase())?.0, number("d")?),
        };
        (plausible_year(year) && valid_day(Some(year), month, day)).then_some(year)
    };
    // (year, count, first position)
    let mut tally: Vec<(i32, usize, usize)> = Vec::new();
    for (re, slashed) in FULL_DATES.iter() {
        for caps in re.captures_iter(text) {
            let Some(year) = year_of(&caps, *slashed) else { continue };
            let pos = caps.get(0).map_or(0, |c| c.start());
            match tally.iter_mut().find(|(y, _, _)| *y == year) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 = entry.2.min(pos);
                }
                None => tally.push((year, 1, pos)),
            }
        }
    }
    tally.into_iter().max_by_key(|&(_, count, pos)| (count, std::cmp::Reverse(pos))).map(|(y, _, _)| y)
}

pub(super) fn copyright_year(text: &str) -> Option<i32> {
    COPYRIGHT.captures_iter(text).filter_map(|c| c[1].parse().ok()).find(|&y| plausible_year(y))
}

pub(super) fn frequent_year(text: &str) -> Option<i32> {
    let mut tally: Vec<(i32, usize)> = Vec::new();
    for y in YEAR.find_iter(text).filter_map(|m| m.as_str().parse::<i32>().ok()).filter(|&y| plausible_year(y)) {
        match tally.iter_mut().find(|(t, _)| *t == y) {
            Some(entry) => entry.1 += 1,
            None => tally.push((y, 1)),
        }
    }
    tally.into_iter().max_by_key(|&(y, count)| (count, y)).map(|(y, _)| y)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_of_the_document() {
        assert_eq!(context("Posted November 13, 2020. In 1994 and 1994 and 1994.").year, Some(2020));
        assert_eq!(context("©2019 Example. Text of 2014 and 2014.").year, Some(2019));
        assert_eq!(context("Only 1850 and 12 people.").year, None);
    }
}
