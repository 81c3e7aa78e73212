//! Number cores: digits with scales, number words, fractions, decades.

use super::*;

/// How a number core was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Digits,
    Words,
    Ordinal,
    Decade,
    /// "a month": a unit word must follow.
    Article,
    Fraction,
    /// "twice", "threefold": how many times.
    Times,
}

/// The number itself, before its unit and qualifier.
#[derive(Debug, Clone, Copy)]
pub(super) struct Core {
    /// Token range.
    pub(super) a: usize,
    pub(super) b: usize,
    pub(super) dec: Dec,
    pub(super) form: Form,
    /// Power of ten of a scale word that ends the number ("three million"),
    /// shared with the low end of a range.
    pub(super) scale: i32,
}

impl Sent<'_> {
    pub(super) fn core(&self, i: usize, money: bool) -> Option<Core> {
        match self.toks.get(i)?.class {
            Class::Num => self.digit_core(i, money),
            Class::Word if matches!(self.w(i), "minus" | "negative") => {
                // "minus seven point two five", "negative three dollars"
                let core = self.core(i + 1, money).filter(|c| self.spaced(i + 1) && c.a == i + 1 && matches!(c.form, Form::Digits | Form::Words | Form::Fraction))?;
                Some(Core { a: i, dec: Dec { neg: !core.dec.neg, ..core.dec }, ..core })
            }
            Class::Word => self.word_core(i),
            Class::Punct(c) => {
                let (n, d) = vulgar(c)?;
                Some(Core { a: i, b: i + 1, dec: ratio(n, d)?, form: Form::Fraction, scale: 0 })
            }
        }
    }

    /// "3/4", "1/2": a proper fraction of small integers glued by a slash at
    /// `i`; its value and end token. Dates ("11/10/2020") are no fractions.
    pub(super) fn slash_fraction(&self, i: usize) -> Option<(Dec, usize)> {
        let lit = |k: usize| self.toks.get(k).filter(|t| t.class == Class::Num).map(|t| t.lit);
        let (n, d) = (lit(i)?.int_of(1..4)?, lit(i + 2)?.int_of(1..4)?);
        let glued = self.punct(i + 1) == Some('/') && self.attached(i + 1) && self.attached(i + 2);
        let more = self.punct(i + 3) == Some('/') && self.attached(i + 3);
        (glued && !more && n >= 1 && n < d && d <= 100).then(|| ratio(n, d).map(|dec| (dec, i + 3))).flatten()
    }

    pub(super) fn digit_core(&self, i: usize, money: bool) -> Option<Core> {
        let lit = self.num(i)?;
        // A minus sign glued to the digits and standing free before them: "-3.5%".
        let neg = i > 0 && matches!(self.punct(i - 1), Some('-' | '−')) && self.attached(i) && (i == 1 || self.spaced(i - 1));
        let a = if neg { i - 1 } else { i };
        let mut core = Core { a, b: i + 1, dec: Dec { mant: lit.mant, exp: lit.exp, neg }, form: Form::Digits, scale: 0 };
        if let Some((dec, a, b)) = self.decade(i).filter(|_| !neg) {
            return Some(Core { a, b, dec, form: Form::Decade, scale: 0 });
        }
        if let Some((dec, b)) = self.slash_fraction(i) {
            return Some(Core { b, dec: Dec { neg, ..dec }, form: Form::Fraction, ..core });
        }
        // "1 1/2", "2½": a whole number and a fraction
        let glued_vulgar = self.attached(i + 1).then(|| self.punct(i + 1).and_then(vulgar)).flatten();
        let spaced_fraction = self.spaced(i + 1).then(|| self.slash_fraction(i + 1)).flatten();
        if lit.is_int() && !money {
            let part = glued_vulgar.and_then(|(n, d)| Some((ratio(n, d)?, i + 2))).or(spaced_fraction);
            if let Some((frac, b)) = part {
                let whole = Dec::int(lit.mant).scaled(4);
                let sum = Dec { mant: whole.value() as u64 + frac.mant, exp: -4, neg };
                return Some(Core { b, dec: sum, ..core });
            }
        }
        // "12 over 5": a ratio, when no noun follows the divisor
        if lit.is_int() && self.w(i + 1) == "over" && self.spaced(i + 2) {
            if let Some(d) = self.num(i + 2).and_then(|l| l.int_of(1..4)).filter(|&d| d > 0) {
                let next = self.w(i + 3);
                if !self.is_word(i + 3) || is_stop(next) {
                    return Some(Core { b: i + 3, dec: Dec { neg, ..ratio(lit.mant, d)? }, form: Form::Fraction, ..core });
                }
            }
        }
        if self.attached(i + 1) && self.is_word(i + 1) {
            if matches!(self.w(i + 1), "st" | "nd" | "rd" | "th") {
                return Some(Core { b: i + 2, form: Form::Ordinal, ..core });
            }
            let million_m = money || (self.spaced(i + 2) && is_plural(self.w(i + 2)));
            if let Some(e) = scale_suffix(self.raw(i + 1), million_m) {
                core.dec = core.dec.scaled(e);
                core.scale = e;
                core.b = i + 2;
            }
            return Some(core);
        }
        if let Some((dec, b)) = self.and_half(core.b, core.dec) {
            core.dec = dec;
            core.b = b;
        }
        // "2 million", "1.5 bn", "2 hundred thousand"
        while self.spaced(core.b) {
            // Spaced abbreviations only after a currency: "$5 bn", but "5 m" is metres.
            let abbreviation = || if money { scale_suffix(self.raw(core.b), true) } else { None };
            let Some(e) = scale_word(self.w(core.b)).or_else(abbreviation) else { break };
            core.dec = core.dec.scaled(e);
            core.scale += e;
            core.b += 1;
        }
        // "4 thousand and 12"
        if core.scale >= 3 && core.dec.exp >= 0 && self.w(core.b) == "and" && self.spaced(core.b + 1) {
            let rest = self.core(core.b + 1, false).filter(|r| r.form == Form::Digits && r.scale == 0 && r.dec.exp == 0 && !r.dec.neg);
            if let Some(rest) = rest.filter(|r| r.dec.value() < 10f64.powi(core.scale)) {
                let total = (core.dec.value() as u64).checked_add(rest.dec.mant)?;
                return Some(Core { b: rest.b, dec: Dec { mant: total, exp: 0, neg }, scale: 0, ..core });
            }
        }
        Some(core)
    }

    /// "1990s", "1990’s", "’90s": value, first and end token.
    pub(super) fn decade(&self, i: usize) -> Option<(Dec, usize, usize)> {
        let lit = self.num(i)?;
        let round = lit.is_int() && lit.mant % 10 == 0;
        let s_at = |k: usize| self.w(k) == "s" && self.attached(k);
        if round && lit.int_digits == 4 {
            if s_at(i + 1) {
                return Some((Dec::int(lit.mant), i, i + 2));
            }
            if matches!(self.punct(i + 1), Some('\'' | '’')) && self.attached(i + 1) && s_at(i + 2) {
                return Some((Dec::int(lit.mant), i, i + 3));
            }
        }
        if round && lit.int_digits == 2 && s_at(i + 1) && i > 0 && matches!(self.punct(i - 1), Some('\'' | '’')) && self.attached(i) {
            let recent = 2000 + lit.mant as i32;
            let year = if self.ctx.year.is_some_and(|y| recent <= y) { recent } else { recent - 100 };
            return Some((Dec::int(year as u64), i - 1, i + 2));
        }
        None
    }

    pub(super) fn word_core(&self, i: usize) -> Option<Core> {
        if let Some(core) = self.fraction(i) {
            return Some(core);
        }
        let w = self.w(i);
        if matches!(w, "a" | "an") {
            return self.article_core(i);
        }
        if let Some(n) = times_word(w) {
            return self.times_core(i, n);
        }
        if let Some(n) = ordinal_word(w) {
            return Some(Core { a: i, b: i + 1, dec: Dec::int(n), form: Form::Ordinal, scale: 0 });
        }
        self.words_number(i, None)
    }

    /// "a month", "a hundred", "a dozen", "a couple of".
    pub(super) fn article_core(&self, i: usize) -> Option<Core> {
        let before = if i > 0 { self.w(i - 1) } else { "" };
        // "twice a year" is a frequency.
        if matches!(before, "once" | "twice" | "thrice" | "times" | "per") {
            return None;
        }
        let next = self.w(i + 1);
        // "2018 was a year of change" names a period, "it was a year ago" measures one.
        let copula = matches!(before, "is" | "was" | "were" | "be" | "been" | "being" | "are")
            && !matches!(self.w(i + 2), "ago" | "later" | "earlier" | "before" | "after");
        let core = |b, n| Some(Core { a: i, b, dec: Dec::int(n), form: Form::Words, scale: 0 });
        match next {
            // "a hundredfold"
            _ if next.ends_with("fold") => times_word(next).map(|n| Core { a: i, b: i + 2, dec: Dec::int(n), form: Form::Times, scale: 0 }),
            "couple" => core(i + 2 + usize::from(self.w(i + 2) == "of"), 2),
            "dozen" => core(i + 2, 12),
            _ if next == "hundred" || scale_word(next).is_some() => self.words_number(i, Some(i + 1)),
            _ if !copula && matches!(unit_of(next), Some((Kind::Duration, _))) => {
                Some(Core { a: i, b: i + 1, dec: Dec::int(1), form: Form::Article, scale: 0 })
            }
            _ => None,
        }
    }

    /// "half", "half a million", "half an hour", "a third of", "two-thirds".
    pub(super) fn fraction(&self, i: usize) -> Option<Core> {
        let w = self.w(i);
        // What a fraction of something is followed by.
        let of_something = |k: usize| is_determiner(self.w(k)) || self.w(k) == "of" || is_plural(self.w(k));
        let num = match w {
            "a" | "an" | "one" => Some(1),
            _ => small(w).filter(|n| (2..20).contains(n)).or_else(|| tens(w)),
        };
        if let Some(n) = num {
            // "a third of", "three quarters of", "two-thirds of", "seven tenths"
            let k = if self.punct(i + 1) == Some('-') && self.attached(i + 1) && self.attached(i + 2) { i + 2 } else { i + 1 };
            if let Some((d, plural)) = denominator(self.w(k)).filter(|&(d, _)| d > 2) {
                let dec = ratio(n, d)?;
                // One part is singular, more are plural; "a sixth" needs its "of"
                // ("a sixth sense"), "one fifth" an "of" or nothing after it.
                let fits = match w {
                    _ if (n == 1) == plural => false,
                    "a" | "an" if d <= 4 => of_something(k + 1),
                    "a" | "an" => self.w(k + 1) == "of",
                    "one" => of_something(k + 1) || !self.is_word(k + 1),
                    _ => true,
                };
                let percent = self.percent(k + 1).is_some();
                return (fits || percent).then(|| self.fraction_of(i, k + 1, dec));
            }
            if w != "a" && w != "an" {
                return None;
            }
        }
        // "half", "a half-hour"
        let (a, h) = if num.is_some() { (i, i + 1) } else { (i, i) };
        if self.w(h) != "half" || (num.is_none() && i > 0 && matches!(self.w(i - 1), "the" | "first" | "second" | "other" | "latter" | "this" | "that" | "a" | "an" | "and")) {
            return None;
        }
        let half = Dec { mant: 5, exp: -1, neg: false };
        let hyphen_unit = self.punct(h + 1) == Some('-') && self.attached(h + 1) && self.attached(h + 2) && unit_of(self.w(h + 2)).is_some();
        if hyphen_unit {
            return Some(Core { a, b: h + 1, dec: half, form: Form::Fraction, scale: 0 });
        }
        if num.is_some() {
            return None;
        }
        if matches!(self.w(h + 1), "a" | "an") {
            let next = self.w(h + 2);
            return match (scale_word(next), next) {
                (Some(e), _) => Some(Core { a, b: h + 3, dec: half.scaled(e), form: Form::Words, scale: e }),
                (None, "dozen") => Some(Core { a, b: h + 3, dec: Dec::int(6), form: Form::Words, scale: 0 }),
                // "half an hour", "half a percent"
                _ if unit_of(next).is_some() || self.percent(h + 2).is_some() => Some(Core { a, b: h + 2, dec: half, form: Form::Fraction, scale: 0 }),
                _ => None,
            };
        }
        of_something(h + 1).then_some(Core { a, b: h + 1, dec: half, form: Form::Fraction, scale: 0 })
    }

    /// A fraction `dec` over tokens `a..b` and what it takes of: "three
    /// quarters of a million" is a number, "a quarter of a century" a time.
    fn fraction_of(&self, a: usize, b: usize, dec: Dec) -> Core {
        if self.w(b) == "of" && matches!(self.w(b + 1), "a" | "an") {
            let next = self.w(b + 2);
            if let Some(e) = scale_word(next).filter(|&e| e > 2) {
                return Core { a, b: b + 3, dec: dec.scaled(e), form: Form::Words, scale: e };
            }
            if unit_of(next).is_some() {
                return Core { a, b: b + 2, dec, form: Form::Fraction, scale: 0 };
            }
        }
        Core { a, b, dec, form: Form::Fraction, scale: 0 }
    }

    /// "twice", "threefold", "once": a frequency. "once" is one only where
    /// it counts ("only once", "more than once", "once a week", "met once.")
    /// and not as "formerly" or a conjunction ("Once the war ended").
    fn times_core(&self, i: usize, n: u64) -> Option<Core> {
        if n == 1 {
            let prev = if i > 0 { self.w(i - 1) } else { "" };
            let cued = matches!(prev, "only" | "just" | "exactly" | "than" | "least" | "most");
            let rate = matches!(self.w(i + 1), "a" | "an" | "per" | "every" | "each") && unit_of(self.w(i + 2)).is_some();
            let last = i > 0 && self.is_word(i - 1) && (self.w(i + 1) == "before" || self.toks.get(i + 1).is_none_or(|t| matches!(t.class, Class::Punct(_))));
            if !(cued || rate || last) {
                return None;
            }
        }
        Some(Core { a: i, b: i + 1, dec: Dec::int(n), form: Form::Times, scale: 0 })
    }

    /// Number words: "twenty-one", "two million", "five hundred and fifty".
    /// `one_at` starts from an article standing for "one" ("a hundred").
    pub(super) fn words_number(&self, i: usize, one_at: Option<usize>) -> Option<Core> {
        #[derive(PartialEq, Clone, Copy)]
        enum Last { Nothing, Unit, Tens, Hundred, Scale }
        let (mut cur, mut j, mut last) = match one_at { Some(j) => (1u64, j, Last::Unit), None => (0, i, Last::Nothing) };
        let mut total: u64 = 0;
        let mut scale = 0;
        let mut ordinal = false;
        loop {
            // "twenty-one", "twenty-first"
            if last == Last::Tens && self.punct(j) == Some('-') && self.attached(j) && self.attached(j + 1) {
                let next = self.w(j + 1);
                if let Some(n) = small(next).filter(|n| (1..10).contains(n)) {
                    cur += n;
                    last = Last::Unit;
                    j += 2;
                    continue;
                }
                if let Some(n) = ordinal_word(next).filter(|n| (1..10).contains(n)) {
                    cur += n;
                    ordinal = true;
                    j += 2;
                }
                break;
            }
            if j > i && !self.spaced(j) {
                break;
            }
            let w = self.w(j);
            if let Some(n) = small(w) {
                if matches!(last, Last::Nothing | Last::Hundred | Last::Scale) || (last == Last::Tens && (1..10).contains(&n)) {
                    cur += n;
                    last = Last::Unit;
                    j += 1;
                    continue;
                }
                break;
            }
            if let Some(n) = tens(w) {
                if matches!(last, Last::Nothing | Last::Hundred | Last::Scale) {
                    cur += n;
                    last = Last::Tens;
                    j += 1;
                    continue;
                }
                break;
            }
            // "twenty first", "two hundred and first"
            if matches!(last, Last::Tens | Last::Hundred | Last::Scale) {
                let units = if last == Last::Tens { 1..10 } else { 1..100 };
                if let Some(n) = ordinal_word(w).filter(|n| units.contains(n)) {
                    cur += n;
                    ordinal = true;
                    j += 1;
                    break;
                }
            }
            let counted = matches!(last, Last::Unit | Last::Tens) && cur > 0;
            if w == "hundred" && counted && cur < 100 {
                cur *= 100;
                last = Last::Hundred;
                j += 1;
                continue;
            }
            if let Some(e) = scale_word(w).filter(|&e| e > 2 && (counted || last == Last::Hundred) && (scale == 0 || e < scale)) {
                total = total.checked_add(cur.checked_mul(10u64.pow(e as u32))?)?;
                cur = 0;
                scale = e;
                last = Last::Scale;
                j += 1;
                continue;
            }
            if w == "dozen" && counted {
                total = total.checked_add(cur.checked_mul(12)?)?;
                cur = 0;
                last = Last::Scale;
                j += 1;
                continue;
            }
            // "five hundred and fifty", "two thousand and five"
            let next = self.w(j + 1);
            if w == "and" && matches!(last, Last::Hundred | Last::Scale) && (small(next).is_some() || tens(next).is_some() || ordinal_word(next).is_some_and(|n| n < 100)) {
                j += 1;
                continue;
            }
            break;
        }
        if last == Last::Nothing || (one_at.is_some() && j == i + 1) {
            return None;
        }
        let whole = total.checked_add(cur)?;
        let ends_with_scale = last == Last::Scale && cur == 0;
        let mut core = Core { a: i, b: j, dec: Dec::int(whole), form: if ordinal { Form::Ordinal } else { Form::Words }, scale: if ends_with_scale { scale } else { 0 } };
        // "seven point two five", "three point five million"
        let digit = |k: usize| small(self.w(k)).filter(|&d| d < 10 && self.spaced(k));
        if !ordinal && matches!(last, Last::Unit | Last::Tens) && self.w(j) == "point" && self.spaced(j) && digit(j + 1).is_some() {
            let (mut mant, mut exp, mut k) = (whole, 0, j + 1);
            while let Some(d) = digit(k).filter(|_| exp > -(MAX_DIGITS as i32)) {
                mant = mant.checked_mul(10)?.checked_add(d)?;
                exp -= 1;
                k += 1;
            }
            core.dec = Dec { mant, exp, neg: false };
            core.b = k;
            if let Some(e) = scale_word(self.w(k)).filter(|&e| e > 2 && self.spaced(k)) {
                core.dec = core.dec.scaled(e);
                core.scale = e;
                core.b += 1;
            }
            return Some(core);
        }
        // "a million and a half" is one and a half million
        if ends_with_scale {
            if let Some((part, b)) = self.and_half(j, Dec::int(0)) {
                let mant = total.checked_mul(10_000)?.checked_add(part.mant.checked_mul(10u64.checked_pow(scale as u32)?)?)?;
                return Some(Core { b, dec: Dec { mant, exp: -4, neg: false }, scale: 0, ..core });
            }
        }
        let dec = core.dec;
        if !ordinal {
            if let Some((dec, b)) = self.and_half(j, dec) {
                core.dec = dec;
                core.b = b;
                // "two and a half million"
                if let Some(e) = scale_word(self.w(b)).filter(|&e| e > 2) {
                    core.dec = core.dec.scaled(e);
                    core.scale = e;
                    core.b += 1;
                }
            }
        }
        Some(core)
    }

    /// "and a half", "and three quarters" at `j`: `whole` plus the fraction,
    /// and the end token. Only whole numbers take a fraction.
    pub(super) fn and_half(&self, j: usize, whole: Dec) -> Option<(Dec, usize)> {
        if self.w(j) != "and" || whole.neg {
            return None;
        }
        let n = match self.w(j + 1) {
            "a" | "an" | "one" => 1,
            w => small(w).filter(|n| (2..10).contains(n))?,
        };
        let (d, _) = denominator(self.w(j + 2)).filter(|&(d, _)| n < d)?;
        // "and a half-hour" is a second mention
        if self.punct(j + 3) == Some('-') && self.attached(j + 3) {
            return None;
        }
        let whole = whole.mant.checked_mul(10u64.checked_pow(u32::try_from(whole.exp).ok()?.checked_add(4)?)?)?;
        Some((Dec { mant: whole.checked_add(ratio(n, d)?.mant)?, exp: -4, neg: false }, j + 3))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core_at(s: &str, i: usize) -> Option<(f64, Form, usize)> {
        let sent = sentence(s);
        sent.core(i, false).map(|c| (c.dec.value(), c.form, c.b))
    }

    #[test]
    fn reads_number_words() {
        assert_eq!(core_at("three hundred and forty-two", 0), Some((342.0, Form::Words, 6)));
        assert_eq!(core_at("minus seven point two five", 0), Some((-7.25, Form::Words, 5)));
        assert_eq!(core_at("a million and a half people", 0), Some((1_500_000.0, Form::Words, 5)));
        assert_eq!(core_at("two hundred and first", 0), Some((201.0, Form::Ordinal, 4)));
        assert_eq!(core_at("4 thousand and 12 tickets", 0), Some((4012.0, Form::Digits, 4)));
        assert_eq!(core_at("two dozen", 0).map(|c| c.0), Some(24.0));
    }

    #[test]
    fn reads_fractions_and_frequencies() {
        assert_eq!(core_at("seven tenths of it", 0), Some((0.7, Form::Fraction, 2)));
        assert_eq!(core_at("three quarters of a million", 0), Some((750_000.0, Form::Words, 5)));
        assert_eq!(core_at("1 1/2 inches", 0), Some((1.5, Form::Digits, 4)));
        assert_eq!(core_at("-3/8 of a point", 1).map(|c| c.0), Some(-0.375));
        assert_eq!(core_at("¾ of them", 0), Some((0.75, Form::Fraction, 1)));
        assert_eq!(core_at("12 over 5 in all", 0), Some((2.4, Form::Fraction, 3)));
        assert_eq!(core_at("twice", 0), Some((2.0, Form::Times, 1)));
        assert_eq!(core_at("a hundredfold", 0), Some((100.0, Form::Times, 2)));
        // A frequency "once" needs a cue, a rate or the end of the clause.
        assert_eq!(core_at("Once the war ended", 0), None);
        assert_eq!(core_at("met once.", 1).map(|c| c.0), Some(1.0));
        assert_eq!(core_at("a sixth sense", 0), None);
        assert_eq!(core_at("two seconds", 0).map(|c| c.1), Some(Form::Words));
    }
}
