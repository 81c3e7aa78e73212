//! What follows a number: percent, currency, measurement units and head nouns.

use super::*;

/// Power of ten of an abbreviated multiplier ("5bn", "€3m", "$2 mln").
/// Lower-case "m" is a million only for money or before a plural noun;
/// otherwise it is metres.
pub(super) fn scale_suffix(raw: &str, million_m: bool) -> Option<i32> {
    Some(match raw {
        "k" | "K" => 3,
        "M" | "mn" | "mln" | "Mn" => 6,
        "m" if million_m => 6,
        "b" | "B" | "bn" | "Bn" | "BN" | "bln" => 9,
        "tn" | "trn" | "Tn" => 12,
        _ => return None,
    })
}

/// Canonical unit of a time, distance or other measurement word.
pub(super) fn unit_of(w: &str) -> Option<(Kind, &'static str)> {
    use Kind::{Distance, Duration, Other};
    Some(match w {
        "seconds" | "secs" => (Duration, "seconds"),
        "minute" | "minutes" | "min" | "mins" => (Duration, "minutes"),
        "hour" | "hours" | "hr" | "hrs" => (Duration, "hours"),
        "day" | "days" => (Duration, "days"),
        "week" | "weeks" => (Duration, "weeks"),
        "fortnight" | "fortnights" => (Duration, "fortnights"),
        "month" | "months" => (Duration, "months"),
        "year" | "years" | "yr" | "yrs" => (Duration, "years"),
        "decade" | "decades" => (Duration, "decades"),
        "century" | "centuries" => (Duration, "centuries"),
        "millennium" | "millennia" => (Duration, "millennia"),
        "mile" | "miles" | "mi" => (Distance, "miles"),
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" | "kms" => (Distance, "kilometers"),
        "metre" | "metres" | "meter" | "meters" | "m" => (Distance, "meters"),
        "centimetre" | "centimetres" | "centimeter" | "centimeters" | "cm" => (Distance, "centimeters"),
        "millimetre" | "millimetres" | "millimeter" | "millimeters" | "mm" => (Distance, "millimeters"),
        "foot" | "feet" | "ft" => (Distance, "feet"),
        "yard" | "yards" => (Distance, "yards"),
        "inch" | "inches" => (Distance, "inches"),
        "kilogram" | "kilograms" | "kilogramme" | "kilogrammes" | "kg" | "kgs" => (Other, "kilograms"),
        "ton" | "tons" | "tonne" | "tonnes" => (Other, "tons"),
        "degree" | "degrees" => (Other, "degrees"),
        "hectare" | "hectares" => (Other, "hectares"),
        "acre" | "acres" => (Other, "acres"),
        "barrel" | "barrels" => (Other, "barrels"),
        "litre" | "litres" | "liter" | "liters" => (Other, "liters"),
        "gallon" | "gallons" => (Other, "gallons"),
        _ => return None,
    })
}

pub(super) fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD", '€' => "EUR", '£' => "GBP", '¥' => "JPY", '₽' => "RUB", '₹' => "INR",
        '₺' => "TRY", '₴' => "UAH", '₩' => "KRW", '₪' => "ILS", '₼' => "AZN", '֏' => "AMD",
        _ => return None,
    })
}

pub(super) fn currency_code(raw: &str) -> Option<&'static str> {
    if raw.len() != 3 || !raw.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    ["USD", "EUR", "GBP", "RUB", "JPY", "CNY", "CHF", "TRY", "AZN", "AMD", "UAH", "INR", "CAD", "AUD"]
        .into_iter()
        .find(|code| *code == raw)
}

pub(super) fn currency_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "sterling" => "GBP",
        "ruble" | "rubles" | "rouble" | "roubles" => "RUB",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "lira" | "liras" | "lire" => "TRY",
        "manat" | "manats" => "AZN",
        "dram" | "drams" => "AMD",
        "hryvnia" | "hryvnias" => "UAH",
        _ => return None,
    })
}

/// Function words that end a noun phrase after a number.
pub(super) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "the" | "this" | "that" | "these" | "those" | "each" | "every" | "any" | "all"
            | "no" | "some" | "its" | "his" | "her" | "their" | "our" | "my" | "your" | "whose"
            | "which" | "what" | "who" | "whom" | "of" | "in" | "on" | "at" | "to" | "for" | "from"
            | "by" | "with" | "without" | "within" | "into" | "onto" | "over" | "under" | "above"
            | "below" | "between" | "among" | "amid" | "across" | "along" | "around" | "about"
            | "after" | "before" | "since" | "until" | "till" | "during" | "through" | "throughout"
            | "against" | "toward" | "towards" | "per" | "via" | "upon" | "off" | "out" | "up"
            | "down" | "near" | "than" | "as" | "like" | "despite" | "including" | "beyond"
            | "behind" | "inside" | "outside" | "and" | "or" | "but" | "nor" | "so" | "yet" | "if"
            | "when" | "while" | "because" | "although" | "though" | "whereas" | "unless"
            | "whether" | "he" | "she" | "it" | "they" | "we" | "you" | "i" | "him" | "them" | "us"
            | "me" | "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" | "has" | "have"
            | "had" | "having" | "do" | "does" | "did" | "will" | "would" | "shall" | "should"
            | "can" | "could" | "may" | "might" | "must" | "said" | "says" | "say" | "told"
            | "according" | "ago" | "later" | "earlier" | "apart" | "away" | "apiece" | "old"
            | "wide" | "high" | "deep" | "tall" | "now" | "then" | "there" | "here" | "not"
            | "also" | "just" | "still" | "already" | "too" | "very" | "back" | "again" | "ever"
            | "never" | "even" | "almost" | "nearly" | "respectively" | "strong" | "well" | "soon"
            | "often" | "recently" | "reportedly" | "mostly" | "mainly" | "together" | "instead"
            | "overall" | "went" | "came" | "took" | "made" | "gave" | "got" | "became" | "began"
            | "left" | "saw" | "held" | "met" | "fell" | "rose" | "won" | "lost" | "ran" | "sent"
            | "spent" | "brought" | "fought" | "kept" | "stood" | "paid" | "led" | "fled" | "found"
            | "knew" | "grew" | "flew" | "wrote" | "spoke" | "broke" | "chose"
            // Verbs in -s that would pass for plural heads: "the first round begins".
            | "remains" | "takes" | "seems" | "begins" | "comes" | "goes" | "makes" | "shows"
            | "means" | "looks" | "appears" | "becomes" | "gives" | "gets" | "needs" | "includes"
            | "continues" | "marks" | "follows" | "stands" | "lies"
    )
}

/// Modifiers between a number and its head noun that are no part of the unit.
pub(super) fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "former" | "new" | "more" | "other" | "additional" | "extra" | "further" | "remaining"
            | "separate" | "different" | "total" | "whole" | "entire" | "full" | "consecutive"
            | "straight" | "long" | "short" | "last" | "next" | "past" | "previous" | "same" | "such"
            | "only" | "own" | "estimated" | "current" | "respective" | "successive" | "fewer"
            | "less" | "many"
    )
}

pub(super) fn is_plural(w: &str) -> bool {
    matches!(
        w,
        "people" | "men" | "women" | "children" | "police" | "personnel" | "staff" | "feet"
            | "teeth" | "mice" | "geese" | "data" | "media" | "criteria" | "aircraft" | "cattle"
            | "clergy" | "livestock" | "sheep" | "fish" | "deer" | "offspring" | "series" | "species"
    ) || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") && !w.contains('\''))
}

/// Words before a four-digit number or a month name that make it a time:
/// "in 2018", "the 2020 elections", "since July".
pub(super) fn is_temporal(w: &str) -> bool {
    matches!(
        w,
        "in" | "on" | "since" | "until" | "till" | "by" | "from" | "to" | "of" | "during" | "after"
            | "before" | "the" | "early" | "late" | "mid" | "between" | "and" | "or" | "through"
            | "throughout" | "circa" | "year" | "spring" | "summer" | "autumn" | "fall" | "winter"
            | "at" | "this" | "that" | "last" | "next" | "its" | "his" | "her" | "their" | "our"
            | "around" | "about" | "end" | "beginning" | "start" | "middle"
    ) || w.ends_with("'s")
}

/// Determiners and possessives that let a word ordinal count: "the first days".
pub(super) fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "my" | "your" | "this"
            | "that" | "these" | "those" | "whose" | "every" | "each"
    ) || w.ends_with("'s")
}

/// Head nouns that name a part of something: "four pieces of territory".
pub(super) fn is_partitive(w: &str) -> bool {
    matches!(
        w,
        "pieces" | "parts" | "portions" | "sections" | "kinds" | "types" | "sorts" | "batches"
            | "rounds" | "tranches" | "waves" | "sets" | "pairs" | "packages"
    )
}

/// What follows a number.
pub(super) enum Tail {
    Percent(&'static str),
    Money(&'static str),
    Unit(Kind, String),
    /// "2,000-strong", "2 million strong": a count of people.
    Strong,
    /// "three times": how often.
    Times,
    /// A head noun, as written.
    Noun(String),
    Nothing,
}

/// Noun phrase after a number.
pub(super) struct Phrase {
    /// Token after the head noun.
    pub(super) end: usize,
    /// The unit: a measurement word, or the head noun with its compound part.
    pub(super) unit: Tail,
    /// The head noun is a plural.
    pub(super) plural: bool,
}


impl Sent<'_> {
    /// "$", "€", "US$", "USD " before a number: the code and the number token.
    pub(super) fn currency_prefix(&self, i: usize) -> Option<(&'static str, usize)> {
        let is_num_at = |k: usize| self.num(k).is_some();
        if let Some(code) = self.punct(i).and_then(currency_symbol) {
            return (is_num_at(i + 1) && self.attached(i + 1)).then_some((code, i + 1));
        }
        let raw = self.raw(i);
        if self.punct(i + 1) == Some('$') && self.attached(i + 1) && self.attached(i + 2) && is_num_at(i + 2) {
            let code = match raw {
                "US" => "USD", "C" => "CAD", "A" => "AUD", "NZ" => "NZD", "HK" => "HKD", "S" => "SGD", "R" => "BRL",
                _ => return None,
            };
            return Some((code, i + 2));
        }
        currency_code(raw).filter(|_| self.spaced(i + 1) && is_num_at(i + 1)).map(|code| (code, i + 1))
    }

    /// Currency named after a number: "euros", "US dollars", "pounds sterling", "USD".
    pub(super) fn currency_after(&self, j: usize) -> Option<(&'static str, usize)> {
        if !self.spaced(j) {
            return None;
        }
        if let Some(code) = currency_code(self.raw(j)) {
            return Some((code, j + 1));
        }
        let (code, k) = match self.raw(j) {
            "US" | "American" => (Some("USD"), j + 1),
            "Canadian" => (Some("CAD"), j + 1),
            "Australian" => (Some("AUD"), j + 1),
            "U" if self.punct(j + 1) == Some('.') && self.raw(j + 2) == "S" && self.punct(j + 3) == Some('.') => (Some("USD"), j + 4),
            _ => (None, j),
        };
        match self.w(k) {
            "dollar" | "dollars" => Some((code.unwrap_or("USD"), k + 1)),
            "pounds" | "pound" if self.w(k + 1) == "sterling" => Some(("GBP", k + 2)),
            w if code.is_none() => currency_word(w).map(|c| (c, k + 1)),
            _ => None,
        }
    }

    /// "%", "percent", "per cent", "percentage points" at `j`.
    pub(super) fn percent(&self, j: usize) -> Option<(&'static str, usize)> {
        if self.punct(j) == Some('%') {
            return Some(("%", j + 1));
        }
        match (self.w(j), self.w(j + 1)) {
            ("percent" | "pct", _) => Some(("%", j + 1)),
            ("per", "cent") => Some(("%", j + 2)),
            ("percentage", "point" | "points") => Some(("percentage points", j + 2)),
            _ => None,
        }
    }

    /// "or so", "or more", "40+", "40-odd" after a number or its unit.
    pub(super) fn postfix(&self, j: usize) -> Option<(Qualifier, usize)> {
        if self.punct(j) == Some('+') && self.attached(j) {
            return Some((Qualifier::Gte, j + 1));
        }
        if self.punct(j) == Some('-') && self.attached(j) && self.attached(j + 1) {
            return match self.w(j + 1) {
                "odd" => Some((Qualifier::Approx, j + 2)),
                "plus" => Some((Qualifier::Gte, j + 2)),
                _ => None,
            };
        }
        if self.w(j) != "or" {
            return None;
        }
        match self.w(j + 1) {
            "so" => Some((Qualifier::Approx, j + 2)),
            "more" => Some((Qualifier::Gte, j + 2)),
            "less" | "fewer" => Some((Qualifier::Lte, j + 2)),
            _ => None,
        }
    }

    /// A hyphenated unit after a number: "-mile-wide", "-year", "-strong".
    /// `Err` marks an idiom that is no number ("one-sided", "two-pronged").
    pub(super) fn compound(&self, j: usize) -> Option<Result<(Tail, usize), ()>> {
        if !(self.punct(j) == Some('-') && self.attached(j) && self.attached(j + 1) && self.is_word(j + 1)) {
            return None;
        }
        let w = self.w(j + 1);
        if w == "strong" {
            return Some(Ok((Tail::Strong, j + 2)));
        }
        if let Some((kind, unit)) = unit_of(w) {
            // "three-mile-wide", "45-year-old"
            let dimension = self.punct(j + 2) == Some('-') && self.attached(j + 2) && self.attached(j + 3)
                && matches!(self.w(j + 3), "wide" | "long" | "high" | "deep" | "old" | "tall" | "thick");
            return Some(Ok((Tail::Unit(kind, unit.to_owned()), if dimension { j + 4 } else { j + 2 })));
        }
        if self.capitalized(j + 1) {
            return None;
        }
        let idiom = is_stop(w) || ["ed", "al", "ly", "ing", "ful", "ic", "way", "off", "fold"].iter().any(|s| w.ends_with(s));
        Some(if idiom { Err(()) } else { Ok((Tail::Noun(self.raw(j + 1).to_owned()), j + 2)) })
    }

    /// The noun phrase after a number, up to four words, and its head: the
    /// last plural, else the last word that is no verb form.
    pub(super) fn phrase(&self, j: usize) -> Option<Phrase> {
        let mut items: [(usize, usize); 4] = [(0, 0); 4];
        let mut n = 0;
        let mut k = j;
        while n < 4 && self.spaced(k) && self.is_word(k) {
            let w = self.w(k);
            let mut end = k + 1;
            while self.punct(end) == Some('-') && self.attached(end) && self.attached(end + 1) && self.is_word(end + 1) {
                end += 2;
            }
            // A hyphenated word is a modifier whatever its parts: "well-trained".
            let stop = is_stop(w) || small(w).is_some() || tens(w).is_some() || ordinal_word(w).is_some() || scale_word(w).is_some()
                || (self.capitalized(k) && month(w).is_some()) || self.percent(k).is_some() || currency_word(w).is_some();
            if stop && end == k + 1 {
                break;
            }
            // A measurement word is the head at once: "five long years".
            if end == k + 1 {
                if let Some((kind, unit)) = unit_of(w) {
                    let solid = n > 0 && matches!(self.w(items[n - 1].0), "square" | "sq" | "cubic");
                    let unit = if solid && kind == Kind::Distance {
                        Tail::Unit(Kind::Other, format!("{} {unit}", if self.w(items[n - 1].0) == "cubic" { "cubic" } else { "square" }))
                    } else {
                        Tail::Unit(kind, unit.to_owned())
                    };
                    return Some(Phrase { end: k + 1, unit, plural: true });
                }
            }
            items[n] = (k, end);
            n += 1;
            k = end;
        }
        let items = &items[..n];
        let single = |&(a, e): &(usize, usize)| e == a + 1;
        // Heads are no modifiers ("former") and no capitalised singulars ("Russian").
        let candidate = |it: &(usize, usize)| !(single(it) && is_modifier(self.w(it.0))) && (!self.capitalized(it.0) || is_plural(self.w(it.0)));
        let verb_form = |it: &(usize, usize)| single(it) && (self.w(it.0).ends_with("ed") || self.w(it.0).ends_with("ing"));
        let plural = items.iter().rposition(|it| candidate(it) && single(it) && is_plural(self.w(it.0)));
        let head = plural.or_else(|| {
            let mut h = items.iter().rposition(candidate)?;
            while h > 0 && verb_form(&items[h]) && candidate(&items[h - 1]) {
                h -= 1;
            }
            // "100 hospitalized": a participle alone is no head noun
            (!(items.len() == 1 && single(&items[0]) && self.w(items[0].0).ends_with("ed"))).then_some(h)
        })?;
        // The unit: the head with the plain lower-case words right before it.
        let mut first = head;
        while first > 0 && single(&items[first - 1]) && candidate(&items[first - 1]) && !self.capitalized(items[first - 1].0) && !verb_form(&items[first - 1]) {
            first -= 1;
        }
        let mut unit = items[first..=head].iter().map(|&(a, e)| &self.s[self.toks[a].start..self.toks[e - 1].end]).collect::<Vec<_>>().join(" ");
        let end = items[head].1;
        // "four pieces of Armenian-controlled territory" → "pieces of territory"
        if is_partitive(self.w(items[head].0)) && self.w(end) == "of" {
            if let Some(Phrase { unit: Tail::Noun(of), .. }) = self.phrase(end + 1) {
                unit = format!("{unit} of {of}");
            }
        }
        Some(Phrase { end, unit: Tail::Noun(unit), plural: plural.is_some() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_nouns_and_tails() {
        let sent = sentence("5 former Soviet republics agreed");
        match sent.phrase(1).map(|p| p.unit) {
            Some(Tail::Noun(unit)) => assert_eq!(unit, "republics"),
            _ => panic!("no head noun"),
        }
        let sent = sentence("100 hospitalized");
        assert!(sent.phrase(1).is_none(), "a participle alone is no head");
        let sent = sentence("5 per cent and 7 euros");
        assert_eq!(sent.percent(1), Some(("%", 3)));
        assert_eq!(sent.currency_after(5), Some(("EUR", 6)));
    }
}
