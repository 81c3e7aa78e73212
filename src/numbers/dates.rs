//! Calendar expressions: "10 November 2020", "Nov. 10", "2020-11-10", "early October".

use super::*;

/// ISO 8601 of a packed date: `yyyymmdd`, `mmdd` or `dd` when `day`, else
/// `yyyymm` or `mm` ("2020-11-10", "--11-10", "---10", "2020-11", "--11").
/// None for parts out of range.
pub(super) fn iso_of_packed(packed: u64, day: bool) -> Option<String> {
    let (rest, d) = if day { (packed / 100, Some(packed % 100)) } else { (packed, None) };
    let (y, m) = (rest / 100, rest % 100);
    let date = match (y, m, d) {
        (0, 0, Some(d)) if (1..=31).contains(&d) => format!("---{d:02}"),
        (0, m, Some(d)) if valid_day(None, m as u8, d as u8) => format!("--{m:02}-{d:02}"),
        (0, m, None) if (1..=12).contains(&m) => format!("--{m:02}"),
        (y @ 1..=9999, m, Some(d)) if valid_day(Some(y as i32), m as u8, d as u8) => format!("{y:04}-{m:02}-{d:02}"),
        (y @ 1..=9999, m @ 1..=12, None) => format!("{y:04}-{m:02}"),
        _ => return None,
    };
    Some(date)
}

/// The gold files' packed dates (`20201110` with unit `yyyymmdd`, `202011`
/// with unit `yyyymm`) as claimsift writes dates; any other value as it is.
/// The one place where the two conventions meet.
pub fn gold_date_as_iso(value: &str, unit: &str) -> String {
    let day = match unit {
        "yyyymmdd" | "mmdd" => true,
        "yyyymm" | "mm" => false,
        _ => return value.to_owned(),
    };
    value.parse().ok().and_then(|packed| iso_of_packed(packed, day)).unwrap_or_else(|| value.to_owned())
}

/// Month names and the abbreviations news text uses.
pub(super) const MONTHS: [(&str, u8); 24] = [
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11),
    ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6),
    ("jul", 7), ("aug", 8), ("sept", 9), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

/// Month number of a lower-cased month name, and whether it is an abbreviation.
pub(super) fn month(word: &str) -> Option<(u8, bool)> {
    MONTHS.iter().position(|(name, _)| *name == word).map(|p| (MONTHS[p].1, p >= 12))
}

/// Month and day of a slashed date "a/b/yyyy": month first unless `a` > 12.
pub(super) fn slash_month_day(a: u8, b: u8) -> Option<(u8, u8)> {
    if (1..=12).contains(&a) { Some((a, b)) } else if (1..=12).contains(&b) { Some((b, a)) } else { None }
}

pub(super) fn valid_day(year: Option<i32>, month: u8, day: u8) -> bool {
    let leap = year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A calendar expression as read; the year may come from the context.
#[derive(Debug, Clone, Copy)]
pub(super) struct DateParts {
    pub(super) month: u8,
    pub(super) day: Option<u8>,
    /// Last day of a range: "10-12 November".
    pub(super) day_max: Option<u8>,
    pub(super) year: Option<i32>,
}


impl Sent<'_> {
    /// Three numbers glued by `sep`: "2020-11-10", "11/10/2020". Blocked
    /// tokens count too, as the pre-pass asks this before blocking.
    pub(super) fn triple(&self, i: usize, sep: char) -> Option<[Lit; 3]> {
        let lit = |k: usize| self.toks.get(k).filter(|t| t.class == Class::Num).map(|t| t.lit);
        let joined = |k: usize| self.punct(k) == Some(sep) && self.attached(k) && self.attached(k + 1);
        (joined(i + 1) && joined(i + 3)).then(|| Some([lit(i)?, lit(i + 2)?, lit(i + 4)?])).flatten()
    }

    /// "2020-11-10": the date and the end token.
    pub(super) fn iso_date(&self, i: usize) -> Option<((i32, u8, u8), usize)> {
        let [y, m, d] = self.triple(i, '-')?;
        let date = (y.int_of(4..5)? as i32, u8::try_from(m.int_of(2..3)?).ok()?, u8::try_from(d.int_of(2..3)?).ok()?);
        valid_day(Some(date.0), date.1, date.2).then_some((date, i + 5))
    }

    /// "11/10/2020", "11/10/20": the date and the end token.
    pub(super) fn slash_date(&self, i: usize) -> Option<((i32, u8, u8), usize)> {
        let [a, b, y] = self.triple(i, '/')?;
        let year = y.int_of(4..5).map(|y| y as i32).or_else(|| y.int_of(2..3).map(|y| 2000 + y as i32))?;
        let (m, d) = slash_month_day(u8::try_from(a.int_of(1..3)?).ok()?, u8::try_from(b.int_of(1..3)?).ok()?)?;
        valid_day(Some(year), m, d).then_some(((year, m, d), i + 5))
    }

    /// A day number at `k`: "9", "10th".
    pub(super) fn day_at(&self, k: usize) -> Option<(u8, usize)> {
        let day = u8::try_from(self.num(k)?.int_of(1..3)?).ok().filter(|d| (1..=31).contains(d))?;
        let suffix = self.attached(k + 1) && matches!(self.w(k + 1), "st" | "nd" | "rd" | "th");
        Some((day, if suffix { k + 2 } else { k + 1 }))
    }

    /// A capitalised month name at `k`; an abbreviation needs its full stop
    /// or a number after it ("Nov. 10", "10 Nov 2020").
    pub(super) fn month_at(&self, k: usize, after_day: bool) -> Option<(u8, usize)> {
        if !self.capitalized(k) {
            return None;
        }
        let (m, abbr) = month(self.w(k))?;
        if !abbr {
            return Some((m, k + 1));
        }
        // "Nov. 10"; at the end of the sentence the full stop is the sentence's
        if self.punct(k + 1) == Some('.') && self.attached(k + 1) && k + 2 < self.n() {
            return Some((m, k + 2));
        }
        (after_day || (self.spaced(k + 1) && self.num(k + 1).is_some())).then_some((m, k + 1))
    }

    /// A year after a date at `k`: "2020", ", 2020".
    pub(super) fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let k = if self.punct(k) == Some(',') { k + 1 } else { k };
        let y = self.num(k)?.int_of(4..5)?;
        ((1000..=2100).contains(&y) && self.spaced(k) && !(self.is_word(k + 1) && self.attached(k + 1))).then_some((y as i32, k + 1))
    }

    pub(super) fn date_at(&self, i: usize, floor: usize) -> Option<Found> {
        if let Some(((y, m, d), end)) = self.iso_date(i).or_else(|| self.slash_date(i)) {
            return self.date_mention(i, end, DateParts { month: m, day: Some(d), day_max: None, year: Some(y) }, floor);
        }
        // Range of days after the first day: "10-12", "1 to 3", "between 1 and 3".
        let day_range = |k: usize, day: u8| -> Option<(u8, usize)> {
            let joined = matches!(self.punct(k), Some('-' | '–')) && self.attached(k) && self.attached(k + 1);
            let worded = matches!(self.w(k), "to" | "through" | "until" | "till") || (self.w(k) == "and" && self.prev(i, floor) == "between");
            (joined || (worded && self.spaced(k + 1))).then(|| self.day_at(k + 1)).flatten().filter(|(d2, _)| *d2 > day)
        };
        if let Some((m, mut end)) = self.month_at(i, false) {
            let mut day = None;
            let mut day_max = None;
            if let Some((d, e)) = self.day_at(end).filter(|&(d, _)| self.spaced(end) && valid_day(None, m, d)) {
                day = Some(d);
                end = e;
                if let Some((d2, e)) = day_range(end, d) {
                    day_max = Some(d2);
                    end = e;
                }
            }
            let year = self.year_after(end);
            if let Some((_, e)) = year {
                end = e;
            }
            if day.is_none() && year.is_none() && !self.month_alone(i, m, floor) {
                return None;
            }
            return self.date_mention(i, end, DateParts { month: m, day, day_max, year: year.map(|y| y.0) }, floor);
        }
        // Day first: "10 November 2020", "the 10th of November", "10-12 November".
        let (d, mut end) = self.day_at(i)?;
        let mut day_max = None;
        if let Some((d2, e)) = day_range(end, d) {
            day_max = Some(d2);
            end = e;
        }
        if self.w(end) == "of" {
            end += 1;
        }
        if !self.spaced(end) {
            return None;
        }
        let (m, mut end) = self.month_at(end, true).filter(|&(m, _)| valid_day(None, m, d))?;
        let year = self.year_after(end);
        if let Some((_, e)) = year {
            end = e;
        }
        self.date_mention(i, end, DateParts { month: m, day: Some(d), day_max, year: year.map(|y| y.0) }, floor)
    }

    /// "on the 19th": a day of a month the sentence does not name, as
    /// `---19`. Needs a time preposition before "the" and nothing nominal
    /// after ("the 19th century" is an ordinal).
    pub(super) fn day_alone(&self, start: usize, core: &Core, floor: usize) -> Option<Found> {
        let day = u8::try_from(core.dec.mant).ok().filter(|d| (1..=31).contains(d) && core.dec.exp == 0)?;
        let preposition = start >= floor + 2
            && self.w(start - 1) == "the"
            && matches!(self.w(start - 2), "on" | "by" | "until" | "till" | "since" | "from" | "before" | "after" | "through");
        let nothing_after = !self.is_word(core.b) || is_stop(self.w(core.b));
        (preposition && nothing_after && self.toks[core.a].class == Class::Num)
            .then(|| Found { first: start, end: core.b, value: Dec::int(u64::from(day)), max: None, unit: "day".into(), qualifier: Qualifier::Exact, kind: Kind::Date })
    }

    /// A month named alone: the ambiguous ones (May, March, April, June,
    /// August) need a temporal word before them.
    pub(super) fn month_alone(&self, i: usize, m: u8, floor: usize) -> bool {
        !matches!(m, 3 | 4 | 5 | 6 | 8) || is_temporal(self.prev(i, floor)) || self.cue_before(i, floor, true).is_some()
    }

    /// A date mention over tokens `i..end`.
    pub(super) fn date_mention(&self, i: usize, end: usize, date: DateParts, floor: usize) -> Option<Found> {
        let DateParts { month: m, day, day_max, year } = date;
        // Years outside 1..=9999 (a caller's context) cannot be encoded.
        let year = year.or(self.ctx.year).filter(|y| (1..=9999).contains(y));
        let day = day.filter(|&d| valid_day(year, m, d));
        let encode = |d: Option<u8>| -> (Dec, &'static str) {
            let (y, m) = (year.map(|y| y as u64), u64::from(m));
            match (y, d.map(u64::from)) {
                (Some(y), Some(d)) => (Dec::int(y * 10_000 + m * 100 + d), "day"),
                (Some(y), None) => (Dec::int(y * 100 + m), "month"),
                (None, Some(d)) => (Dec::int(m * 100 + d), "day"),
                (None, None) => (Dec::int(m), "month"),
            }
        };
        let (value, unit) = encode(day);
        let max = day_max.filter(|_| day.is_some()).map(|d| encode(Some(d)).0);
        let (qualifier, first) = match max {
            Some(_) if matches!(self.prev(i, floor), "between" | "from") => (Qualifier::Range, i - 1),
            Some(_) => (Qualifier::Range, i),
            None => self.cue_before(i, floor, true).unwrap_or((Qualifier::Exact, i)),
        };
        Some(Found { first, end, value, max, unit: unit.to_owned(), qualifier, kind: Kind::Date })
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_slashed_dates() {
        assert!(valid_day(None, 2, 29) && !valid_day(Some(2021), 2, 29) && valid_day(Some(2000), 2, 29));
        assert!(!valid_day(Some(1900), 2, 29) && !valid_day(None, 4, 31) && !valid_day(None, 13, 1));
        assert_eq!(slash_month_day(11, 10), Some((11, 10)));
        assert_eq!(slash_month_day(25, 12), Some((12, 25)));
        assert_eq!(slash_month_day(25, 13), None);
    }

    #[test]
    fn days_alone_need_a_time_preposition() {
        let day = |s: &str| {
            let sent = sentence(s);
            sent.scan().iter().map(|m| (format_value(m), m.kind)).collect::<Vec<_>>()
        };
        assert_eq!(day("It ends on the 21st."), [("---21".to_owned(), Kind::Date)]);
        assert_eq!(day("It is the 21st century."), [("21".to_owned(), Kind::Ordinal)]);
        assert_eq!(day("It ended on Nov. 10, 2019."), [("2019-11-10".to_owned(), Kind::Date)]);
    }

    #[test]
    fn packed_dates_read_as_iso() {
        assert_eq!(iso_of_packed(20201110, true).as_deref(), Some("2020-11-10"));
        assert_eq!(iso_of_packed(202011, false).as_deref(), Some("2020-11"));
        assert_eq!(iso_of_packed(1110, true).as_deref(), Some("--11-10"));
        assert_eq!(iso_of_packed(11, false).as_deref(), Some("--11"));
        assert_eq!(iso_of_packed(19, true).as_deref(), Some("---19"));
        assert_eq!(iso_of_packed(20210229, true), None);
        assert_eq!(iso_of_packed(202013, false), None);
        assert_eq!(gold_date_as_iso("20201110", "yyyymmdd"), "2020-11-10");
        assert_eq!(gold_date_as_iso("202010", "yyyymm"), "2020-10");
        assert_eq!(gold_date_as_iso("2000", "people"), "2000");
    }
}
