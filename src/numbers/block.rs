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
        // "3/4", "-3/8"
        let signed = if matches!(self.punct(a), Some('-' | '−')) { a + 1 } else { a };
        let fraction = self.slash_fraction(signed).is_some_and(|(_, end)| end == core_end);
        // "0800 123 456", "555-0199": digits led by a zero are phone numbers and ids
        let zero_led = (a..core_end).any(|i| self.toks[i].class == Class::Num && self.toks[i].lit.lead_zero && self.toks[i].lit.int_digits > 2);
        if zero_led {
            for t in &mut self.toks[a..b] {
                t.blocked |= t.class == Class::Num;
            }
            return (a..core_end).all(|i| matches!(self.toks[i].class, Class::Num | Class::Punct('-')));
        }
        // "202-555-0123": three numbers joined by hyphens.
        let chained = (a..core_end).filter(|&i| self.toks[i].class == Class::Num && self.punct(i + 1) == Some('-') && i + 2 < core_end).count() >= 2;
        if !date && !fraction && (bad || chained || phone) {
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
        // "Section 3(b)"
        if self.punct(i + 1) == Some('(') && self.attached(i + 1) {
            return false;
        }
        // "(Smith et al., 2019)": a citation
        if lit.int_of(4..5).is_some() && self.punct(i + 1) == Some(')') && i >= 2 && self.punct(i - 1) == Some(',') && (self.capitalized(i - 2) || self.punct(i - 2) == Some('.')) {
            return false;
        }
        if self.reference(i) || self.designation_number(i) {
            return false;
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
            // "4B" is a room, "$4B" and "4bn" are money, "10k drones" a count
            raw => {
                let spelled = matches!(raw, "bn" | "mn" | "mln" | "bln" | "tn" | "trn");
                let money = i > 0 && (self.punct(i - 1).and_then(currency_symbol).is_some() || self.punct(i - 1) == Some('$'));
                let plural_after = self.spaced(i + 2) && is_plural(self.w(i + 2));
                (scale_suffix(self.raw(i + 1), true).is_some() && (spelled || money || plural_after)) || unit_of(raw).is_some()
            }
        }
    }

    /// "footnote 5", "ref. 4", "Item 7": a number that names a place in a
    /// text, not a quantity.
    fn reference(&self, i: usize) -> bool {
        let k = if self.punct(i - 1) == Some('.') && self.attached(i - 1) { i.saturating_sub(2) } else { i.saturating_sub(1) };
        i > 0 && self.spaced(i) && k < i && matches!(
            self.w(k),
            "footnote" | "footnotes" | "note" | "notes" | "ref" | "refs" | "reference" | "fig" | "figure" | "table" | "chapter"
                | "section" | "article" | "page" | "p" | "pp" | "item" | "paragraph" | "para" | "clause" | "appendix" | "annex"
                | "exhibit" | "vol" | "volume" | "verse" | "line" | "room" | "flight" | "gate" | "platform" | "route"
        )
    }

    /// "Peugeot 308", "Windows 10 update", "ISO 9001": a number after a
    /// capitalised word inside the sentence names a model or a standard,
    /// unless a plural, unit, percent, currency or month follows it.
    fn designation_number(&self, i: usize) -> bool {
        let lit = self.toks[i].lit;
        if i < 2 || !self.spaced(i) || !self.is_word(i - 1) || !self.capitalized(i - 1) || !lit.is_int() {
            return false;
        }
        // The first word of the sentence is capitalised anyway: "About 300".
        if self.toks[..i - 1].iter().all(|t| !matches!(t.class, Class::Word | Class::Num)) {
            return false;
        }
        let prev = self.w(i - 1);
        // "Guigal's 1982 Cote Rotie": a possessive owns the number
        let named = month(prev).is_some() || currency_code(self.raw(i - 1)).is_some() || matches!(prev, "no" | "number" | "us") || prev.ends_with("'s");
        let (next, next_raw) = (self.w(i + 1), self.raw(i + 1));
        let measured = self.punct(i + 1).is_some_and(|c| c == '%' || currency_symbol(c).is_some())
            || (self.attached(i + 1) && self.is_word(i + 1))
            || is_plural(next) || unit_of(next).is_some() || scale_word(next).is_some() || currency_word(next).is_some()
            || month(next).is_some() || self.percent(i + 1).is_some() || currency_code(next_raw).is_some() || self.w(i + 1) == "times";
        !named && !measured
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
        // "... the door. 2) Close the window."
        let item_after_sentence = i > 0 && self.spaced(i) && matches!(self.punct(i - 1), Some('.' | ':' | ';')) && closes(')');
        item_after_sentence
            || (at_line_start(i) && (closes('.') || closes(')')))
            || (i > 0 && self.punct(i - 1) == Some('(') && self.attached(i) && at_line_start(i - 1) && closes(')'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number tokens of `s` that stay quantities.
    fn kept(s: &str) -> Vec<&str> {
        let sent = sentence(s);
        sent.toks.iter().filter(|t| t.class == Class::Num && !t.blocked).map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn blocks_what_is_no_quantity() {
        assert!(kept("Call 555-0199 or 0800 123 456 now.").is_empty());
        assert!(kept("See footnote 5 and ref. 4 in Section 3(b).").is_empty());
        assert!(kept("He drove a Peugeot 308 and a Windows 10 laptop.").is_empty());
        assert!(kept("The effect is documented (Smith et al., 2019).").is_empty());
        assert!(kept("Open the door. 2) Close it.").is_empty());
        assert!(kept("Room 4B and flight 12 left.").is_empty());
    }

    #[test]
    fn keeps_quantities_next_to_names() {
        assert_eq!(kept("Russia Sends 2,000 Peacekeepers"), ["2,000"]);
        assert_eq!(kept("In November 40 people died."), ["40"]);
        assert_eq!(kept("The recipe needs 3/4 of it and $4B more."), ["3", "4", "4"]);
        assert_eq!(kept("Guigal's 1982 wine costs 10k dollars."), ["1982", "10"]);
    }
}
