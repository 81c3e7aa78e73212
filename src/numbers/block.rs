//! Numbers that are no quantities: URLs, ids, times, phones, footnotes, list markers.

use super::*;

impl Sent<'_> {
    pub(super) fn block(&mut self) {
        let n = self.n();
        let bracket = |t: &Tok| matches!(t.class, Class::Punct('(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»'));
        let mut chunk = 0;
        // Inside "+7 495 123 45 67": the groups after the country code.
        let mut phone = false;
        for i in 1..=n {
            if i == n || self.toks[i].gap || bracket(&self.toks[i]) || bracket(&self.toks[i - 1]) {
                let digits_only = || self.toks[chunk..i].iter().all(|t| matches!(t.class, Class::Num | Class::Punct('-' | '.' | '(' | ')')));
                // "(202) 555-0123": a bracketed area code before more digits
                let area_code = i == chunk + 1
                    && self.toks[chunk].lit.int_of(3..4).is_some()
                    && chunk > 0
                    && self.punct(chunk - 1) == Some('(')
                    && self.punct(i) == Some(')')
                    && self.attached(i)
                    && self.toks.get(i + 1).is_some_and(|t| t.class == Class::Num && t.gap);
                if (phone && digits_only()) || area_code {
                    self.toks[chunk..i].iter_mut().for_each(|t| t.blocked = true);
                    phone = true;
                } else {
                    phone = self.block_chunk(chunk, i);
                }
                chunk = i;
            }
        }
        for i in 0..n {
            if self.toks[i].class == Class::Num && !self.toks[i].blocked && !self.quantity(i) {
                self.toks[i].blocked = true;
            }
        }
    }

    /// Blocks every number of a whitespace- and bracket-delimited chunk that
    /// is a URL, e-mail, path, id, time or phone number. True when the chunk
    /// opens an international phone number, whose next groups follow.
    pub(super) fn block_chunk(&mut self, a: usize, b: usize) -> bool {
        if !(a..b).any(|i| self.toks[i].class == Class::Num) {
            return false;
        }
        let trailing = |c: char| matches!(c, '.' | ',' | ';' | ':' | '!' | '?');
        let mut core_end = b;
        while core_end > a && self.punct(core_end - 1).is_some_and(trailing) {
            core_end -= 1;
        }
        let bad = (a..core_end).any(|i| {
            matches!(self.punct(i), Some('/' | '@' | '=' | '_' | '\\' | '|' | '~' | ':'))
                || matches!(self.w(i), "www" | "http" | "https")
        });
        // "+7 495 ...", but "+5%" is a change and "40+" a lower bound
        let phone = self.punct(a) == Some('+') && !(a..core_end).any(|i| self.punct(i) == Some('%'));
        let date = self.slash_date(a).is_some_and(|(_, end)| end == core_end) || self.iso_date(a).is_some_and(|(_, end)| end == core_end);
        // "202-555-0123": three numbers joined by hyphens.
        let chained = (a..core_end).filter(|&i| self.toks[i].class == Class::Num && self.punct(i + 1) == Some('-') && i + 2 < core_end).count() >= 2;
        if !date && (bad || chained || phone) {
            for t in &mut self.toks[a..b] {
                t.blocked |= t.class == Class::Num;
            }
        }
        phone
    }

    /// Local checks of a number token: false for ids, footnotes, list
    /// numbers and times.
    pub(super) fn quantity(&self, i: usize) -> bool {
        let lit = self.toks[i].lit;
        if lit.too_long || (lit.lead_zero && lit.int_digits > 2) {
            return false;
        }
        let glued_before = self.attached(i) && i > 0;
        if glued_before {
            match self.toks[i - 1].class {
                // "MH17", "G20"
                Class::Word => return false,
                // "COVID-19", "S-400", but "mid-2020", "pre-1991"
                Class::Punct('-') if i >= 2 && self.attached(i - 1) && self.is_word(i - 2) && !matches!(self.w(i - 2), "mid" | "pre" | "post") => {
                    return false
                }
                // "support.1": a footnote, "1.2.3": a version; "No.1" is a rank
                Class::Punct('.') if self.attached(i - 1) && i > 1 && matches!(self.toks[i - 2].class, Class::Word | Class::Num) && self.w(i - 2) != "no" => return false,
                // "[1]", but "[2018](#)" is link text
                Class::Punct('[') if self.punct(i + 1) == Some(']') && lit.int_digits <= 3 && !(self.punct(i + 2) == Some('(') && self.attached(i + 2)) => return false,
                _ => {}
            }
        }
        // "1583850895.html", "1.2.3"
        if self.punct(i + 1) == Some('.') && self.attached(i + 1) && self.attached(i + 2) && matches!(self.toks.get(i + 2).map(|t| t.class), Some(Class::Word | Class::Num)) {
            return false;
        }
        // Letters glued after: only known suffixes.
        if self.is_word(i + 1) && self.attached(i + 1) && !self.known_suffix(i) {
            return false;
        }
        // "3 p.m.", "10 am"
        let (w1, w3) = (self.w(i + 1), self.w(i + 3));
        if matches!(w1, "am" | "pm") || (matches!(w1, "a" | "p") && self.punct(i + 2) == Some('.') && w3 == "m") {
            return false;
        }
        !self.list_marker(i)
    }

    pub(super) fn known_suffix(&self, i: usize) -> bool {
        let lit = self.toks[i].lit;
        match self.w(i + 1) {
            "st" | "nd" | "rd" | "th" => lit.is_int(),
            "s" => self.decade(i).is_some(),
            _ => scale_suffix(self.raw(i + 1), true).is_some() || unit_of(self.w(i + 1)).is_some(),
        }
    }

    /// "1." or "(2)" at the start of a line.
    pub(super) fn list_marker(&self, i: usize) -> bool {
        let lit = self.toks[i].lit;
        if !lit.is_int() || lit.int_digits > 3 {
            return false;
        }
        // Only blanks, or a bullet ("- (1) "), between the line start and `tok`.
        let at_line_start = |tok: usize| {
            let blank = [' ', '\t'];
            let before = self.text[..self.base + self.toks[tok].start].trim_end_matches(blank);
            let before = before.strip_suffix(['-', '*', '•', '–', '·']).map_or(before, |b| b.trim_end_matches(blank));
            before.is_empty() || before.ends_with('\n')
        };
        let closes = |c| self.punct(i + 1) == Some(c) && self.attached(i + 1) && (i + 2 >= self.n() || self.spaced(i + 2));
        (at_line_start(i) && (closes('.') || closes(')')))
            || (i > 0 && self.punct(i - 1) == Some('(') && self.attached(i) && at_line_start(i - 1) && closes(')'))
    }
}
