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
            Class::Word => self.word_core(i),
            Class::Punct(_) => None,
        }
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
        let frac = |k: usize, n: u64| -> Option<Dec> {
            match self.w(k) {
                "third" | "thirds" => Some(Dec { mant: (n * 10_000 + 1) / 3, exp: -4, neg: false }),
                "quarter" | "quarters" => Some(Dec { mant: n * 25, exp: -2, neg: false }),
                _ => None,
            }
        };
        // What a fraction of something is followed by.
        let of_something = |k: usize| is_determiner(self.w(k)) || self.w(k) == "of" || is_plural(self.w(k));
        let num = match w {
            "a" | "an" | "one" => Some(1),
            _ => small(w).filter(|n| (2..10).contains(n)),
        };
        if let Some(n) = num {
            // "a third of", "three quarters of", "two-thirds of"
            let k = if self.punct(i + 1) == Some('-') && self.attached(i + 1) && self.attached(i + 2) { i + 2 } else { i + 1 };
            if let Some(dec) = frac(k, n) {
                let singular = matches!(self.w(k), "third" | "quarter");
                return ((n == 1) == singular && of_something(k + 1)).then_some(Core { a: i, b: k + 1, dec, form: Form::Fraction, scale: 0 });
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
                _ if unit_of(next).is_some() => Some(Core { a, b: h + 2, dec: half, form: Form::Fraction, scale: 0 }),
                _ => None,
            };
        }
        of_something(h + 1).then_some(Core { a, b: h + 1, dec: half, form: Form::Fraction, scale: 0 })
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
            if last == Last::Tens {
                if let Some(n) = ordinal_word(w).filter(|n| (1..10).contains(n)) {
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
            if w == "and" && matches!(last, Last::Hundred | Last::Scale) && (small(self.w(j + 1)).is_some() || tens(self.w(j + 1)).is_some()) {
                j += 1;
                continue;
            }
            break;
        }
        if last == Last::Nothing || (one_at.is_some() && j == i + 1) {
            return None;
        }
        let dec = Dec::int(total.checked_add(cur)?);
        let ends_with_scale = last == Last::Scale && cur == 0;
        let mut core = Core { a: i, b: j, dec, form: if ordinal { Form::Ordinal } else { Form::Words }, scale: if ends_with_scale { scale } else { 0 } };
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

    /// "and a half" at `j`.
    pub(super) fn and_half(&self, j: usize, dec: Dec) -> Option<(Dec, usize)> {
        (self.w(j) == "and" && self.w(j + 1) == "a" && self.w(j + 2) == "half" && !(self.punct(j + 3) == Some('-') && self.attached(j + 3)))
            .then(|| dec.plus_half().map(|d| (d, j + 3)))
            .flatten()
    }
}
