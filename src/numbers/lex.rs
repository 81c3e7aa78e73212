//! Tokens of a sentence and exact decimal values of digit strings.

use super::*;

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class { Word, Num, Punct(char) }

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) class: Class,
    /// Byte range in the sentence.
    pub(super) start: usize,
    pub(super) end: usize,
    /// Whitespace precedes the token.
    pub(super) gap: bool,
    /// Byte range of the lower-cased word in `Sent::lower`.
    pub(super) low: (usize, usize),
    pub(super) lit: Lit,
    /// A number that is no quantity (URL, id, time, footnote, list marker).
    pub(super) blocked: bool,
}

/// The digits of a number token, read as `mant × 10^exp`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Lit {
    pub(super) mant: u64,
    pub(super) exp: i32,
    pub(super) int_digits: usize,
    pub(super) grouped: bool,
    pub(super) decimal: bool,
    pub(super) lead_zero: bool,
    pub(super) too_long: bool,
}

impl Lit {
    pub(super) fn is_int(&self) -> bool {
        !self.decimal && !self.grouped
    }

    /// A plain integer such as a day "9" or a year "2020".
    pub(super) fn int_of(&self, digits: Range<usize>) -> Option<u64> {
        (self.is_int() && !self.too_long && digits.contains(&self.int_digits)).then_some(self.mant)
    }
}

/// More digits than an f64 holds exactly are ids, not quantities.
pub(super) const MAX_DIGITS: usize = 15;

/// An exact decimal `mant × 10^exp`, so that "2.5 billion" is 2500000000 and
/// not the product of two rounded floats.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Dec {
    pub(super) mant: u64,
    pub(super) exp: i32,
    pub(super) neg: bool,
}

pub(super) const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

impl Dec {
    pub(super) fn int(n: u64) -> Dec {
        Dec { mant: n, exp: 0, neg: false }
    }

    /// The nearest f64 (one rounding: both operands are exact), or infinity
    /// when out of range, which drops the mention.
    pub(super) fn value(self) -> f64 {
        let pow = POW10.get(self.exp.unsigned_abs() as usize).copied().unwrap_or(f64::INFINITY);
        let value = if self.exp >= 0 { self.mant as f64 * pow } else { self.mant as f64 / pow };
        if self.neg { -value } else { value }
    }

    pub(super) fn scaled(self, exp: i32) -> Dec {
        Dec { exp: self.exp.saturating_add(exp), ..self }
    }
}

pub(super) fn lex(s: &str) -> (Vec<Tok>, String) {
    // About one token per five bytes of news text.
    let mut toks = Vec::with_capacity(s.len() / 4 + 1);
    let mut lower = String::with_capacity(s.len());
    let mut gap = true;
    let mut i = 0;
    while i < s.len() {
        let b = s.as_bytes()[i];
        if b == b' ' {
            gap = true;
            i += 1;
            continue;
        }
        let Some(c) = (if b.is_ascii() { Some(char::from(b)) } else { s[i..].chars().next() }) else { break };
        let start = i;
        if c.is_whitespace() {
            gap = true;
            i += c.len_utf8();
            continue;
        }
        let mut tok = Tok { class: Class::Punct(c), start, end: start + c.len_utf8(), gap, low: (0, 0), lit: Lit::default(), blocked: false };
        if c.is_ascii_digit() {
            let (lit, end) = lex_number(s, start);
            tok.class = Class::Num;
            tok.lit = lit;
            tok.end = end;
        } else if c.is_alphabetic() {
            let mut end = tok.end;
            loop {
                // ASCII letters first: the common case needs no decoding.
                match s.as_bytes().get(end) {
                    Some(b) if b.is_ascii_alphabetic() => {
                        end += 1;
                        continue;
                    }
                    Some(b) if b.is_ascii() && *b != b'\'' => break,
                    _ => {}
                }
                let mut rest = s[end..].chars();
                match rest.next() {
                    Some(ch) if ch.is_alphabetic() => end += ch.len_utf8(),
                    // Inner apostrophes: "Russia’s", "didn't".
                    Some(ch @ ('\'' | '’')) if rest.next().is_some_and(char::is_alphabetic) => end += ch.len_utf8(),
                    _ => break,
                }
            }
            let word = &s[start..end];
            let low_start = lower.len();
            if word.is_ascii() {
                lower.push_str(word);
                lower[low_start..].make_ascii_lowercase();
            } else {
                for ch in word.chars() {
                    if ch == '’' { lower.push('\'') } else { lower.extend(ch.to_lowercase()) }
                }
            }
            tok.class = Class::Word;
            tok.end = end;
            tok.low = (low_start, lower.len());
        }
        i = tok.end;
        toks.push(tok);
        gap = false;
    }
    (toks, lower)
}

/// Reads digits with thousands groups ("2,000", "10 000") and decimals.
pub(super) fn lex_number(s: &str, start: usize) -> (Lit, usize) {
    let b = s.as_bytes();
    let mut lit = Lit::default();
    let mut sig = 0;
    let mut push = |lit: &mut Lit, d: u8| {
        if sig == 0 && d == b'0' {
            return; // leading zeros are not significant
        }
        sig += 1;
        if sig > MAX_DIGITS { lit.too_long = true } else { lit.mant = lit.mant * 10 + u64::from(d - b'0') }
    };
    let mut j = start;
    while j < b.len() && b[j].is_ascii_digit() {
        push(&mut lit, b[j]);
        j += 1;
    }
    lit.int_digits = j - start;
    lit.lead_zero = b[start] == b'0' && lit.int_digits > 1;
    // Groups of exactly three digits after a first group of one to three.
    if lit.int_digits <= 3 {
        let mut used: Option<&str> = None;
        while let Some(sep) = [",", " ", "\u{a0}", "\u{202f}", "\u{2009}"].into_iter().find(|p| s[j..].starts_with(p)) {
            let g = j + sep.len();
            let three = b.len() >= g + 3 && b[g..g + 3].iter().all(u8::is_ascii_digit) && !b.get(g + 3).is_some_and(u8::is_ascii_digit);
            if !three || used.is_some_and(|u| u != sep) {
                break;
            }
            for &d in &b[g..g + 3] {
                push(&mut lit, d);
            }
            lit.int_digits += 3;
            lit.grouped = true;
            used = Some(sep);
            j = g + 3;
        }
    }
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        j += 1;
        while j < b.len() && b[j].is_ascii_digit() {
            push(&mut lit, b[j]);
            lit.exp = lit.exp.saturating_sub(1);
            j += 1;
        }
        lit.decimal = true;
    }
    (lit, j)
}

/// A sentence cut into tokens, with the readers every stage shares.
pub(super) struct Sent<'a> {
    pub(super) text: &'a str,
    /// Byte offset of the sentence in `text`.
    pub(super) base: usize,
    pub(super) s: &'a str,
    pub(super) toks: Vec<Tok>,
    pub(super) lower: String,
    pub(super) ctx: NumberContext,
}


impl<'a> Sent<'a> {
    pub(super) fn n(&self) -> usize {
        self.toks.len()
    }

    /// Lower-cased word at `i`, or "" for anything else.
    pub(super) fn w(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) if t.class == Class::Word => &self.lower[t.low.0..t.low.1],
            _ => "",
        }
    }

    pub(super) fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.s[t.start..t.end])
    }

    pub(super) fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.class {
            Class::Punct(c) => Some(c),
            _ => None,
        }
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.class == Class::Word)
    }

    /// An unblocked number token.
    pub(super) fn num(&self, i: usize) -> Option<Lit> {
        self.toks.get(i).filter(|t| t.class == Class::Num && !t.blocked).map(|t| t.lit)
    }

    /// Token `i` exists and touches the one before it.
    pub(super) fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.gap)
    }

    /// Token `i` exists and follows whitespace.
    pub(super) fn spaced(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.gap)
    }

    pub(super) fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Lower-cased word before `i`, if it lies at or after `floor`.
    pub(super) fn prev(&self, i: usize, floor: usize) -> &str {
        if i > floor { self.w(i - 1) } else { "" }
    }
}

/// A lexed and blocked sentence for the stages' unit tests.
#[cfg(test)]
pub(super) fn sentence(s: &str) -> Sent<'_> {
    let (toks, lower) = lex(s);
    let mut sent = Sent { text: s, base: 0, s, toks, lower, ctx: NumberContext { year: Some(2020) } };
    sent.block();
    sent
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_scale_exactly() {
        let scaled = |mant, exp, by| Dec { mant, exp, neg: false }.scaled(by).value();
        assert_eq!(scaled(25, -1, 9), 2_500_000_000.0);
        assert_eq!(scaled(435, -2, 9), 4_350_000_000.0);
        assert_eq!(scaled(11, -1, 6), 1_100_000.0);
        assert!(!Dec::int(1).scaled(400).value().is_finite());
    }


    #[test]
    fn lexes_number_literals() {
        let lit = |s: &str| lex_number(s, 0);
        let (l, end) = lit("2,000,000 people");
        assert_eq!((l.mant, l.exp, l.grouped, end), (2_000_000, 0, true, 9));
        let (l, end) = lit("12,345.67");
        assert_eq!((l.mant, l.exp, end), (1_234_567, -2, 9));
        assert_eq!(lit("10\u{a0}000 troops").1, 7);
        assert_eq!(lit("1,2,3").1, 1);
        assert_eq!(lit("2014 200").1, 4);
        assert_eq!(lit("1,000 000").1, 5, "one separator per number");
        assert!(lit("1234567890123456").0.too_long);
        assert!(lit("0123").0.lead_zero);
    }

}
