//! The left-to-right scan: which reader a mention starts with and how its parts combine.

use super::*;

/// A mention before it is turned into byte offsets.
pub(super) struct Found {
    pub(super) first: usize,
    pub(super) end: usize,
    pub(super) value: Dec,
    pub(super) max: Option<Dec>,
    pub(super) unit: String,
    pub(super) qualifier: Qualifier,
    pub(super) kind: Kind,
}


impl Sent<'_> {
    pub(super) fn scan(&self) -> Vec<NumberMention> {
        let mut out = Vec::new();
        let mut floor = 0;
        let mut i = 0;
        while i < self.n() {
            match self.at(i, floor) {
                Some(f) if f.value.value().is_finite() && f.max.is_none_or(|m| m.value().is_finite()) => {
                    let first = &self.toks[f.first];
                    let last = &self.toks[f.end - 1];
                    out.push(NumberMention {
                        range: self.base + first.start..self.base + last.end,
                        value: f.value.value(),
                        value_max: f.max.map(Dec::value),
                        unit: f.unit,
                        qualifier: f.qualifier,
                        kind: f.kind,
                    });
                    i = f.end.max(i + 1);
                    floor = i;
                }
                Some(f) => i = f.end.max(i + 1),
                None => i += 1,
            }
        }
        out
    }

    /// The mention that starts at token `i`; `floor` is the end of the
    /// previous mention, which cues must not reach into.
    pub(super) fn at(&self, i: usize, floor: usize) -> Option<Found> {
        if !self.may_start(i) {
            return None;
        }
        if let Some(found) = self.date_at(i, floor).or_else(|| self.rank_cue_at(i)) {
            return Some(found);
        }
        let (currency, at) = self.currency_prefix(i).map_or((None, i), |(c, j)| (Some(c), j));
        let core = self.core(at, currency.is_some())?;
        // The core may start before `i` with a sign or apostrophe: "-5", "’90s".
        let start = if currency.is_some() { i } else { core.a };
        if start < floor {
            return None;
        }
        // "$2 a day", "40 km a day", "twice a year": a rate, not a time
        if core.form == Form::Article && start == floor && floor > 0 {
            return None;
        }
        match core.form {
            Form::Ordinal => self.day_alone(start, &core, floor).or_else(|| self.ordinal(start, core, floor)),
            Form::Times => {
                let (qualifier, first) = self.cue_before(start, floor, false).unwrap_or((Qualifier::Exact, start));
                Some(Found { first, end: core.b, value: core.dec, max: None, unit: "times".into(), qualifier, kind: Kind::Frequency })
            }
            Form::Decade => {
                let (qualifier, first) = self.cue_before(start, floor, true).unwrap_or((Qualifier::Exact, start));
                Some(Found { first, end: core.b, value: core.dec, max: None, unit: "decade".into(), qualifier, kind: Kind::Year })
            }
            _ => self.quantity_mention(start, currency, core, floor),
        }
    }

    /// Whether token `i` can begin a mention: a number, a number word, an
    /// article, a month, a rank cue or a currency. One cheap test spares the
    /// other tokens every reader below.
    pub(super) fn may_start(&self, i: usize) -> bool {
        let w = self.w(i);
        match self.toks[i].class {
            Class::Num => !self.toks[i].blocked,
            Class::Punct(c) => c == '#' || currency_symbol(c).is_some() || vulgar(c).is_some(),
            Class::Word => {
                (gate(w) && (STARTERS.contains(&w) || small(w).is_some() || tens(w).is_some() || ordinal_word(w).is_some() || (self.capitalized(i) && month(w).is_some())))
                    || currency_code(self.raw(i)).is_some()
                    || self.punct(i + 1) == Some('$')
            }
        }
    }

    // -- number cores --------------------------------------------------------
    // -- mentions --------------------------------------------------------------

    /// Counts, percents, money, durations, distances, years and fractions.
    pub(super) fn quantity_mention(&self, start: usize, currency: Option<&'static str>, low: Core, floor: usize) -> Option<Found> {
        let mut first = start;
        let mut value = low.dec;
        let mut max = None;
        let mut currency = currency;
        let mut end = low.b;
        let mut tail = Tail::Nothing;
        let mut post = None;
        let low_percent = self.percent(end);
        if let Some((high, high_currency, opener)) = self.range(start, &low, floor, low_percent.map_or(end, |p| p.1)) {
            value = if high.scale > 0 && low.scale == 0 { low.dec.scaled(high.scale) } else { low.dec };
            max = Some(high.dec);
            currency = currency.or(high_currency);
            first = opener;
            end = high.b;
        }
        if let Some((q, e)) = self.postfix(end) {
            post = Some(q);
            end = e;
        }
        // Years end here: "the 2018 elections" is the year 2018.
        let number_end = end;
        let mut plural_head = false;
        if let Some((unit, e)) = self.percent(end).or(low_percent) {
            tail = Tail::Percent(unit);
            end = e;
        } else if let Some((code, e)) = currency.map(|c| (c, end)).or_else(|| self.currency_after(end)) {
            tail = Tail::Money(code);
            end = e;
        } else if let Some(compound) = self.compound(end) {
            let (t, e) = compound.ok()?;
            tail = t;
            end = e;
        } else if self.attached(end) && self.is_word(end) {
            // "3km", "5m": a glued unit
            let (kind, unit) = unit_of(self.w(end))?;
            tail = Tail::Unit(kind, unit.to_owned());
            end += 1;
        } else if self.w(end) == "strong" {
            tail = Tail::Strong;
        } else if self.w(end) == "times" && self.spaced(end) {
            // "three times", "12 times last year"
            tail = Tail::Times;
            end += 1;
        } else if let Some(p) = self.phrase(end) {
            plural_head = p.plural;
            tail = p.unit;
            end = p.end;
        }
        // "a month" needs its unit word right after the article.
        if low.form == Form::Article && !(matches!(tail, Tail::Unit(Kind::Duration, _)) && end == low.b + 1) {
            return None;
        }
        if matches!(tail, Tail::Unit(..)) && max.is_none() {
            if let Some((dec, e)) = self.and_half(end, value).filter(|_| value.exp == 0) {
                value = dec;
                end = e;
            }
        }
        if post.is_none() {
            if let Some((q, e)) = self.postfix(end) {
                post = Some(q);
                end = e;
            }
        }

        let year_value = |d: Dec| (1000..=2100).contains(&d.mant) && d.exp == 0 && !d.neg;
        let is_year = currency.is_none()
            && low.form == Form::Digits
            && self.toks[low.a].lit.int_of(4..5).is_some()
            && year_value(low.dec)
            && max.is_none_or(year_value)
            && matches!(tail, Tail::Nothing | Tail::Noun(_));
        let cue = self.cue_before(first, floor, false);
        let (kind, unit) = match tail {
            Tail::Percent(unit) => (Kind::Percent, unit.to_owned()),
            Tail::Money(code) => (Kind::Money, code.to_owned()),
            Tail::Unit(kind, unit) => (kind, unit),
            Tail::Strong => (Kind::Count, "people".to_owned()),
            Tail::Times => (Kind::Frequency, "times".to_owned()),
            // "in 2018 elections" is a year; "about 2000 peacekeepers" a
            // count; "between 2010 and 2015 exports" two years.
            _ if is_year && !(plural_head && (cue.is_some() || !(is_temporal(self.prev(first, floor)) || (max.is_some() && matches!(self.w(first), "between" | "from"))))) => {
                end = number_end;
                (Kind::Year, "year".to_owned())
            }
            Tail::Noun(unit) if low.form == Form::Fraction => (Kind::Other, unit),
            Tail::Noun(unit) => (Kind::Count, unit),
            Tail::Nothing if low.form == Form::Fraction => (Kind::Other, "fraction".to_owned()),
            Tail::Nothing => (Kind::Count, String::new()),
        };

        // Bare "one" is a pronoun or idiom unless measured or qualified.
        let bare_one = low.form == Form::Words && low.b == low.a + 1 && self.w(low.a) == "one" && max.is_none();
        if bare_one && self.w(low.b) == "of" {
            return None; // "one of the mediators"
        }
        // "One day, the war will end": sentence-initial "one" and a time is "some".
        if bare_one && low.a == 0 && kind == Kind::Duration && self.punct(end) == Some(',') {
            return None;
        }
        let measured = kind != Kind::Count;
        if bare_one && !measured && cue.is_none() && post.is_none() && !matches!(self.prev(first, floor), "only" | "just" | "exactly") {
            return None;
        }

        let dated = kind == Kind::Year;
        let (qualifier, first) = if max.is_some() {
            (Qualifier::Range, first)
        } else if let Some(q) = post {
            // "some forty-odd": an approximate cue joins an approximate postfix
            match self.cue_before(first, floor, false) {
                Some((Qualifier::Approx, f)) if q == Qualifier::Approx => (q, f),
                _ => (q, first),
            }
        } else {
            match self.cue_before(first, floor, dated) {
                // "over two days" means "during"
                // ("just over a year" is more than one)
                Some((Qualifier::Gt, f)) if kind == Kind::Duration && self.w(first - 1) == "over" && f == first - 1 => (Qualifier::Exact, first),
                Some((q, f)) => (q, f),
                None if self.estimated_before(first, floor) => (Qualifier::Approx, first),
                None => (Qualifier::Exact, first),
            }
        };
        Some(Found { first, end, value, max, unit, qualifier, kind })
    }

    /// Ordinals, ranks ("ranked 64th", "in 111th place") and designations
    /// ("15th Detached Motorized Rifle Brigade").
    pub(super) fn ordinal(&self, start: usize, core: Core, floor: usize) -> Option<Found> {
        let in_words = self.toks[core.a].class == Class::Word;
        let prev = self.prev(start, floor);
        let mut b = core.b;
        let mut superlative = None;
        // "second-largest", "first-ever", "first-hand"
        if self.punct(b) == Some('-') && self.attached(b) && self.attached(b + 1) && self.is_word(b + 1) {
            let w = self.w(b + 1);
            if w.ends_with("est") {
                superlative = Some(b + 1);
            } else if !(w == "ever" || matches!(unit_of(w), Some((Kind::Duration, _)))) {
                return None;
            }
            b += 2;
        }
        let rank_context = superlative.is_some()
            || matches!(prev, "ranked" | "ranks" | "rank" | "ranking" | "rated" | "placed" | "finished" | "came" | "comes" | "come")
            || (matches!(self.w(b), "place" | "position" | "spot") && self.spaced(b));
        if in_words && !rank_context && !is_determiner(prev) {
            return None;
        }
        let found = |end, unit, kind| Some(Found { first: start, end, value: core.dec, max: None, unit, qualifier: Qualifier::Exact, kind });
        if rank_context {
            return found(b, self.rank_unit(b, superlative.map(|k| self.w(k))), Kind::Rank);
        }
        if let Some(unit) = self.designation(b) {
            return found(b, unit, Kind::Other);
        }
        match self.phrase(b) {
            Some(Phrase { end, unit: Tail::Noun(unit), .. }) => found(end, unit, Kind::Ordinal),
            Some(Phrase { end, unit: Tail::Unit(_, _), .. }) => found(end, self.raw(end - 1).to_owned(), Kind::Ordinal),
            _ => found(b, String::new(), Kind::Ordinal),
        }
    }

    /// "15th Detached Motorized Rifle Brigade" → "brigade designation": a run
    /// of capitalised words that names a unit, not a demonym before a noun.
    pub(super) fn designation(&self, j: usize) -> Option<String> {
        let mut k = j;
        while k < j + 6 && self.spaced(k) && self.is_word(k) && self.capitalized(k) && !is_stop(self.w(k)) && month(self.w(k)).is_none() {
            k += 1;
        }
        if k == j {
            return None;
        }
        let demonym = |w: &str| ["ian", "ean", "ish", "ese", "i", "ic", "an"].iter().any(|s| w.ends_with(s));
        let next = self.w(k);
        let continues = self.is_word(k) && !self.capitalized(k) && !is_stop(next) && !next.ends_with("ed");
        // "Ph.D.", "U.S.": an abbreviation, not a name
        let abbreviation = self.punct(k) == Some('.') && self.attached(k) && self.attached(k + 1) && self.is_word(k + 1);
        let last = self.w(k - 1);
        if (j..k).all(|t| demonym(self.w(t))) || continues || abbreviation || unit_of(last).is_some() {
            return None;
        }
        Some(format!("{last} designation"))
    }

    /// "number two", "No. 1", "#1".
    pub(super) fn rank_cue_at(&self, i: usize) -> Option<Found> {
        let at = match (self.w(i), self.punct(i)) {
            ("number", _) if self.spaced(i + 1) => i + 1,
            ("no", _) if self.punct(i + 1) == Some('.') && self.attached(i + 1) && self.num(i + 2).is_some() => i + 2,
            (_, Some('#')) if self.attached(i + 1) && self.num(i + 1).is_some() => i + 1,
            _ => return None,
        };
        let core = self.core(at, false).filter(|c| matches!(c.form, Form::Digits | Form::Words))?;
        if self.w(core.b) == "of" {
            return None;
        }
        Some(Found { first: i, end: core.b, value: core.dec, max: None, unit: self.rank_unit(core.b, None), qualifier: Qualifier::Exact, kind: Kind::Rank })
    }

    /// "military power ranking", "largest city ranking" or just "ranking":
    /// what a rank ranks, from the noun phrase at `j`.
    pub(super) fn rank_unit(&self, j: usize, superlative: Option<&str>) -> String {
        let noun = self.phrase(j).and_then(|p| match p.unit {
            Tail::Noun(u) if !matches!(u.as_str(), "place" | "position" | "spot") => Some(u),
            _ => None,
        });
        superlative.into_iter().chain(noun.as_deref()).chain(["ranking"]).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(String, String, Kind)> {
        let sent = sentence(s);
        sent.scan().iter().map(|m| (s[m.range.clone()].to_owned(), format_value(m), m.kind)).collect()
    }

    #[test]
    fn a_rate_after_a_mention_is_no_duration() {
        assert_eq!(found("She earns $2 a day."), [("$2".into(), "2".into(), Kind::Money)]);
        assert_eq!(found("He waited a day."), [("a day".into(), "1".into(), Kind::Duration)]);
    }

    #[test]
    fn frequencies_and_idioms() {
        assert_eq!(found("The vote was postponed 3 times."), [("3 times".into(), "3".into(), Kind::Frequency)]);
        assert_eq!(found("He tried more than twice."), [("more than twice".into(), "2".into(), Kind::Frequency)]);
        assert!(found("One day, the war will end.").is_empty());
        assert!(found("One of the soldiers was hurt.").is_empty());
    }
}
