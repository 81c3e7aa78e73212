//! Qualifier cues before and after a number, and ranges.

use super::*;

/// Qualifier cues before a number, longest first so that "no more than" wins
/// over "more than".
pub(super) const CUES: &[(&[&str], Qualifier)] = &[
    (&["no", "fewer", "than"], Qualifier::Gte),
    (&["not", "fewer", "than"], Qualifier::Gte),
    (&["no", "less", "than"], Qualifier::Gte),
    (&["not", "less", "than"], Qualifier::Gte),
    (&["no", "more", "than"], Qualifier::Lte),
    (&["not", "more", "than"], Qualifier::Lte),
    (&["in", "excess", "of"], Qualifier::Gt),
    (&["a", "minimum", "of"], Qualifier::Gte),
    (&["a", "maximum", "of"], Qualifier::Lte),
    (&["as", "many", "as"], Qualifier::Lte),
    (&["as", "much", "as"], Qualifier::Lte),
    (&["more", "than"], Qualifier::Gt),
    (&["greater", "than"], Qualifier::Gt),
    (&["upwards", "of"], Qualifier::Gt),
    (&["less", "than"], Qualifier::Lt),
    (&["fewer", "than"], Qualifier::Lt),
    (&["at", "least"], Qualifier::Gte),
    (&["up", "to"], Qualifier::Lte),
    (&["at", "most"], Qualifier::Lte),
    (&["an", "estimated"], Qualifier::Approx),
    (&["close", "to"], Qualifier::Approx),
    (&["over"], Qualifier::Gt),
    (&["above"], Qualifier::Gt),
    (&["exceeding"], Qualifier::Gt),
    (&["under"], Qualifier::Lt),
    (&["below"], Qualifier::Lt),
    (&["about"], Qualifier::Approx),
    (&["around"], Qualifier::Approx),
    (&["roughly"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["approx"], Qualifier::Approx),
    (&["nearly"], Qualifier::Approx),
    (&["almost"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["circa"], Qualifier::Approx),
    (&["estimated"], Qualifier::Approx),
];

/// Cues that only dates and years take: "late September", "end of October".
pub(super) const DATE_CUES: &[(&[&str], Qualifier)] = &[
    (&["beginning", "of"], Qualifier::Approx),
    (&["start", "of"], Qualifier::Approx),
    (&["middle", "of"], Qualifier::Approx),
    (&["end", "of"], Qualifier::Approx),
    (&["end"], Qualifier::Approx),
    (&["early"], Qualifier::Approx),
    (&["late"], Qualifier::Approx),
    (&["mid"], Qualifier::Approx),
];

/// Words that sharpen a cue and belong to its span: "just over", "well below".
pub(super) fn is_cue_modifier(w: &str) -> bool {
    matches!(w, "just" | "well" | "slightly" | "far" | "much")
}


impl Sent<'_> {
    /// The cue that ends right before token `at`, and its first token.
    /// Dates and years take approximation cues only.
    pub(super) fn cue_before(&self, at: usize, floor: usize, dated: bool) -> Option<(Qualifier, usize)> {
        if at <= floor {
            return None;
        }
        // "≥ 12", "<2%"
        let symbol = match self.punct(at - 1) {
            Some('≥') => Some(Qualifier::Gte),
            Some('≤') => Some(Qualifier::Lte),
            Some('>') => Some(Qualifier::Gt),
            Some('<') => Some(Qualifier::Lt),
            _ => None,
        };
        if let Some(q) = symbol.filter(|_| !dated) {
            return Some((q, at - 1));
        }
        // "mid-October", "approx. 5": a single-word cue may end in a glued mark.
        let glued = at > floor + 1 && matches!(self.punct(at - 1), Some('-' | '.')) && self.attached(at - 1);
        let (before, before_glued) = (self.w(at - 1), if glued { self.w(at - 2) } else { "" });
        let tables: &[&[(&[&str], Qualifier)]] = if dated { &[DATE_CUES, CUES] } else { &[CUES] };
        for (words, qualifier) in tables.iter().flat_map(|t| t.iter()) {
            let single_glued = words.len() == 1 && words[0] == before_glued;
            if (dated && *qualifier != Qualifier::Approx) || (words[words.len() - 1] != before && !single_glued) {
                continue;
            }
            let end = if single_glued { at - 1 } else { at };
            let Some(first) = end.checked_sub(words.len()).filter(|&f| f >= floor) else { continue };
            // "handed over four pieces": a verb particle, not "more than"
            let particle = *words == ["over"] && first > floor && {
                let verb = self.w(first - 1);
                ["hand", "turn", "took", "tak", "sign", "gave", "giv", "pass", "won", "win", "fought", "fight", "presid"].iter().any(|v| verb.starts_with(v))
            };
            if !particle && words.iter().enumerate().all(|(k, w)| self.w(first + k) == *w) {
                let first = if first > floor && is_cue_modifier(self.w(first - 1)) && !dated { first - 1 } else { first };
                return Some((*qualifier, first));
            }
        }
        None
    }

    /// The cue that starts at token `k` ("no more than 35") and the token after it.
    pub(super) fn cue_at(&self, k: usize) -> Option<(Qualifier, usize)> {
        CUES.iter()
            .find(|(words, _)| words.iter().enumerate().all(|(n, w)| self.w(k + n) == *w))
            .map(|(words, q)| (*q, k + words.len()))
    }

    /// "Putin has estimated that each is 2 million strong": an estimate verb
    /// a few words before makes the number approximate.
    pub(super) fn estimated_before(&self, at: usize, floor: usize) -> bool {
        (floor..at).rev().take(6).take_while(|&k| self.is_word(k)).any(|k| matches!(self.w(k), "estimated" | "estimates" | "estimate"))
    }


    /// The high end of a range starting with `low`: the core, its currency
    /// and the first token of the mention ("between", "from" or `start`).
    pub(super) fn range(&self, start: usize, low: &Core, floor: usize, j: usize) -> Option<(Core, Option<&'static str>, usize)> {
        if !matches!(low.form, Form::Digits | Form::Words) {
            return None;
        }
        let opener = self.prev(start, floor);
        // "no fewer than 15 and no more than 35": a lower and an upper bound
        let lower_bound = match self.cue_before(start, floor, false) {
            Some((Qualifier::Gte | Qualifier::Gt, f)) if self.w(j) == "and" => Some(f),
            _ => None,
        };
        let k = match (self.punct(j), self.w(j)) {
            _ if lower_bound.is_some() => match self.cue_at(j + 1) {
                Some((Qualifier::Lte | Qualifier::Lt, e)) => e,
                _ => return None,
            },
            // "2,000-3,000", "5 – 7"; "5 -7" is no range
            (Some('-' | '–'), _) if self.spaced(j) == self.spaced(j + 1) => j + 1,
            (_, "to") => j + 1,
            (_, "and") if opener == "between" => j + 1,
            (_, "through" | "until" | "till") if opener == "from" => j + 1,
            (_, "or") => j + 1,
            _ => return None,
        };
        let (currency, hk) = self.currency_prefix(k).map_or((None, k), |(c, n)| (Some(c), n));
        // "rose 4.3% to $88 billion": a percent and an amount are no range
        if currency.is_some() && self.percent(low.b).is_some() {
            return None;
        }
        let mut high = self.core(hk, currency.is_some())?;
        if !matches!(high.form, Form::Digits | Form::Words) {
            return None;
        }
        // "2020-21"
        let lit = self.toks[low.a].lit;
        if low.form == Form::Digits && lit.int_of(4..5).is_some() && k == j + 1 && self.punct(j).is_some() && self.toks[hk].lit.int_of(2..3).is_some() && high.b == hk + 1 {
            high.dec = Dec::int(low.dec.mant / 100 * 100 + high.dec.mant);
        }
        let low_value = if high.scale > 0 && low.scale == 0 { low.dec.scaled(high.scale) } else { low.dec };
        let first = match lower_bound {
            Some(f) => f,
            None if matches!(opener, "between" | "from") => start - 1,
            None => start,
        };
        (low_value.value() < high.dec.value()).then_some((high, currency, first))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_before_and_at() {
        let sent = sentence("no more than 35 and ≥ 12 and just over 40");
        assert_eq!(sent.cue_at(0), Some((Qualifier::Lte, 3)));
        assert_eq!(sent.cue_before(3, 0, false), Some((Qualifier::Lte, 0)));
        assert_eq!(sent.cue_before(6, 4, false), Some((Qualifier::Gte, 5)));
        assert_eq!(sent.cue_before(10, 7, false), Some((Qualifier::Gt, 8)));
        assert_eq!(sent.postfix(1), None);
    }

    #[test]
    fn ranges_keep_both_ends() {
        let sent = sentence("no fewer than 15 and no more than 35 delegates");
        let low = sent.core(3, false).expect("15");
        let (high, _, first) = sent.range(3, &low, 0, 4).expect("a range");
        assert_eq!((high.dec.value(), first), (35.0, 0));
        let sent = sentence("rose 4.3% to $88 billion");
        let low = sent.core(1, false).expect("4.3");
        assert!(sent.range(1, &low, 0, 3).is_none(), "a percent and an amount are no range");
    }
}
