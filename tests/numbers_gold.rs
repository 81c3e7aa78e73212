//! Number extraction against the gold annotations and a table of
//! hand-written cases (`tests/fixtures/numbers_cases.tsv`).

use std::path::PathBuf;

use claimsift::document::{byte_offset, CodepointIndex};
use claimsift::gold::Gold;
use claimsift::numbers::{context, extract, format_value, format_value_max, NumberContext, NumberMention};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn label<T: std::fmt::Debug>(value: T) -> String {
    format!("{value:?}").to_lowercase()
}

/// One mention as the gold and the case table write it.
fn row(text: &str, m: &NumberMention) -> String {
    format!("{}\t{}\t{}\t{}\t{}", &text[m.range.clone()], format_value(m), m.unit, label(m.qualifier), label(m.kind))
}

#[test]
fn gold_precision_recall_f1() {
    let gold = Gold::load(&root().join("tests/fixtures/gold")).expect("gold fixtures");
    let (mut tp, mut predicted, mut expected) = (0usize, 0usize, 0usize);
    let mut mismatches = Vec::new();
    // Units are not part of a match; their differences are listed for reading.
    let mut unit_differences = Vec::new();
    for doc in gold.docs() {
        let text = std::fs::read_to_string(root().join("input").join(format!("{doc}.txt"))).expect("sample article");
        let ctx = context(&text);
        assert_eq!(ctx.year, Some(2020), "{doc}: context year");
        let index = CodepointIndex::new(&text);
        for sentence in gold.sentences.iter().filter(|s| s.doc == doc) {
            let range = byte_offset(&text, sentence.start)..byte_offset(&text, sentence.end);
            let found = extract(&text, range.clone(), &ctx);
            let mut wanted: Vec<_> = gold.numbers.iter().filter(|n| n.doc == doc && n.sent_idx == sentence.sent_idx).collect();
            predicted += found.len();
            expected += wanted.len();
            for m in &found {
                assert!(range.start <= m.range.start && m.range.end <= range.end, "{doc}: {m:?} outside its sentence");
                let (start, end) = (index.codepoint(m.range.start), index.codepoint(m.range.end));
                let hit = wanted.iter().position(|g| {
                    g.start < end && start < g.end && g.value == format_value(m) && g.qualifier == label(m.qualifier) && g.kind == label(m.kind)
                });
                match hit {
                    Some(k) => {
                        tp += 1;
                        let g = wanted.remove(k);
                        if g.unit != m.unit {
                            unit_differences.push(format!("  unit    {doc}#{}\t{}\tgold {:?}, found {:?}", sentence.sent_idx, g.text, g.unit, m.unit));
                        }
                    }
                    None => mismatches.push(format!("  extra   {doc}#{}\t{}", sentence.sent_idx, row(&text, m))),
                }
            }
            for g in wanted {
                mismatches.push(format!("  missed  {doc}#{}\t{}\t{}\t{}\t{}\t{}", g.sent_idx, g.text, g.value, g.unit, g.qualifier, g.kind));
            }
        }
    }
    let precision = tp as f64 / predicted.max(1) as f64;
    let recall = tp as f64 / expected.max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    println!("numbers gold: tp {tp}, predicted {predicted}, gold {expected}");
    println!("numbers gold: precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}");
    println!("numbers gold mismatches: {}", mismatches.len());
    for line in &mismatches {
        println!("{line}");
    }
    println!("numbers gold unit differences on matches: {}", unit_differences.len());
    for line in &unit_differences {
        println!("{line}");
    }
    assert!(precision >= 0.95 && recall >= 0.95 && f1 >= 0.95, "numbers below 0.95: P {precision:.3} R {recall:.3} F1 {f1:.3}");
}

/// The case table: `sentence, text, value, value_max, unit, qualifier,
/// kind[, context year]`, in categories opened by `# --- NAME` lines. All
/// rows of one sentence (consecutive, same text) list every mention it must
/// yield, in order; a row with the sentence alone means the sentence yields
/// nothing. The context year defaults to 2020; `none` means no year.
struct Case {
    category: String,
    sentence: String,
    year: Option<i32>,
    /// `text, value, value_max, qualifier, kind` of each mention: what a case is scored on.
    expected: Vec<String>,
    /// The unit of each mention, reported apart.
    units: Vec<String>,
}

fn load_cases() -> Vec<Case> {
    let path = root().join("tests/fixtures/numbers_cases.tsv");
    let table = std::fs::read_to_string(&path).expect("case table");
    let mut cases: Vec<Case> = Vec::new();
    let mut category = String::new();
    for (line_no, line) in table.lines().enumerate().skip(1) {
        if let Some(name) = line.strip_prefix("# --- ") {
            category = name.to_owned();
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols: Vec<&str> = line.split('\t').collect();
        cols.resize(cols.len().max(7), "");
        assert!(cols.len() <= 8, "{}:{}: expected at most 8 columns", path.display(), line_no + 1);
        let year = match cols.get(7).copied().unwrap_or("") {
            "" => Some(2020),
            "none" => None,
            y => Some(y.parse().expect("context year")),
        };
        let expected = (!cols[1].is_empty()).then(|| [cols[1], cols[2], cols[3], cols[5], cols[6]].join("\t"));
        let unit = (!cols[1].is_empty()).then(|| cols[4].to_owned());
        match cases.last_mut() {
            Some(case) if case.sentence == cols[0] && case.year == year && case.category == category => {
                case.expected.extend(expected);
                case.units.extend(unit);
            }
            _ => cases.push(Case {
                category: category.clone(),
                sentence: cols[0].to_owned(),
                year,
                expected: expected.into_iter().collect(),
                units: unit.into_iter().collect(),
            }),
        }
    }
    cases
}

/// Pass rate each category must keep (just under the rate measured when it
/// was set, so that a regression fails).
/// Measured 2026-12-04 with `cargo test --release --test numbers_gold -- --nocapture case_categories`.
const GATES: &[(&str, f64)] = &[
    ("digits and scales", 0.99),
    ("spelled-out numbers", 0.98),
    ("durations and distances", 0.99),
    ("fractions and ratios", 0.97),
    ("ordinals and ranks", 0.95),
    ("percent", 0.99),
    ("money", 0.99),
    ("ranges", 0.99),
    ("bounds and qualifiers", 0.99),
    ("years and decades", 0.99),
    ("dates", 0.99),
    ("not numbers", 0.99),
    ("head nouns", 0.99),
    ("frequencies and multiplicatives", 0.97),
    ("sentences from public data sets", 0.96),
    ("held-out sentences (written after the parser changes, not tuned on)", 0.95),
];

#[test]
fn case_categories() {
    let cases = load_cases();
    assert!(cases.len() >= 1000, "the case table shrank to {} sentences", cases.len());
    // category -> (cases, passed, unit differences)
    let mut tally: Vec<(String, usize, usize, usize)> = Vec::new();
    let mut failures = Vec::new();
    for case in &cases {
        let found = extract(&case.sentence, 0..case.sentence.len(), &NumberContext { year: case.year });
        let got: Vec<String> = found.iter().map(|m| scored(&case.sentence, m)).collect();
        let pass = got == case.expected;
        let unit_miss = pass && found.iter().zip(&case.units).any(|(m, u)| m.unit != *u);
        if !pass {
            failures.push(format!("[{}] {}\n    expected {:?}\n    found    {:?}", case.category, case.sentence, case.expected, got));
        }
        match tally.iter_mut().find(|t| t.0 == case.category) {
            Some(t) => {
                t.1 += 1;
                t.2 += usize::from(pass);
                t.3 += usize::from(unit_miss);
            }
            None => tally.push((case.category.clone(), 1, usize::from(pass), usize::from(unit_miss))),
        }
    }
    for f in &failures {
        println!("  {f}");
    }
    println!("\n| category | cases | pass rate (text, value, value_max, qualifier, kind) | of those, unit differs |\n|---|---|---|---|");
    let (mut all, mut passed) = (0, 0);
    let mut below = Vec::new();
    for (category, n, ok, unit_miss) in &tally {
        let rate = *ok as f64 / *n as f64;
        println!("| {category} | {n} | {rate:.3} | {unit_miss} |");
        all += n;
        passed += ok;
        let gate = GATES.iter().find(|g| g.0 == category).map_or(0.90, |g| g.1);
        assert!(gate >= 0.90, "{category}: a gate under 0.90 hides a failing category");
        if rate < gate {
            below.push(format!("{category}: {rate:.3} < {gate}"));
        }
    }
    println!("| all | {all} | {:.3} | |", passed as f64 / all as f64);
    assert!(tally.len() >= 15 && tally.iter().all(|t| t.1 >= 30), "every category needs at least 30 cases: {tally:?}");
    assert!(below.is_empty(), "categories below their gate: {below:?}");
}

/// A mention as the case table scores it.
fn scored(text: &str, m: &NumberMention) -> String {
    format!("{}\t{}\t{}\t{}\t{}", &text[m.range.clone()], format_value(m), format_value_max(m), label(m.qualifier), label(m.kind))
}

#[test]
fn context_years() {
    let cases: &[(&str, Option<i32>)] = &[
        ("By Ann\nNovember 13, 2020\n\nIn 1994 and 1994 and 1994 ...", Some(2020)),
        ("Tuesday, 10 November 2020\n... Last modified on Monday, 26 July 2021", Some(2020)),
        ("Posted 2019-03-05. Text about 2014.", Some(2019)),
        ("accessed 11/10/2020", Some(2020)),
        ("<https://example.com/2018/06/01/story>", Some(2018)),
        ("Text of 1993, 2018 and 2018.\n©2020 Bloomberg L.P.", Some(2020)),
        ("Copyright 2015-2017 Example", Some(2017)),
        ("In 2014 and 2016 and 2016.", Some(2016)),
        ("In 2014 and 2016.", Some(2016)),
        ("No year at all, only 12 people and the 1990s.", None),
        ("February 30 is no date; 1850 is no plausible year.", None),
        ("February 30, 2019 is no date, so 2020 and 2020 win.", Some(2020)),
        ("", None),
    ];
    for (text, year) in cases {
        assert_eq!(context(text).year, *year, "{text:?}");
    }
}

#[test]
fn never_panics_and_stays_inside_the_sentence() {
    let samples = [
        "99999999999999999999999 troops", "1,2,3", "$", "%", "-", "- -", "--5", "5-", "-5", "$5-",
        "between 5 and", "from 5 to", "a", "half", "one and a half", "and a half", "٣٤ ١٢", "１２３",
        "🙂 5 🙂 apples", "5🙂", "2,000,000,000,000,000,000,000", "0.000000000000000000000001",
        "1.", "(2)", "[3]", "Nov.", "November", "May 32", "31 February", "2020-13-45", "99/99/9999",
        "9999999999999999999999999999999999999999999999999999999999999999999999999999999999999.5",
        "1e308", "$9999999999999999 trillion", "nine hundred ninety-nine trillion trillion",
        "’90s", "'", "’", "No.", "#", "number", "twenty-", "-twenty", "the 1990s-2000s", "Ω5Ω",
        "e\u{301}5", "five\u{a0}000", "10\u{202f}000 people", "a\u{0}5", "\u{feff}5", "5 \u{2212}3",
        "-3/8", "1 1/2", "0/0", "1/0", "12 over 0", "minus minus five", "a quarter of a", "¾¾", "2½½", "once once",
        "no fewer than 5 and no more than", "on the 99th", "≥", "three quarters of a million trillion trillion",
    ];
    let ctx = NumberContext { year: Some(2020) };
    for sample in samples {
        for (a, _) in sample.char_indices().chain([(sample.len(), ' ')]) {
            for (b, _) in sample.char_indices().chain([(sample.len(), ' ')]).filter(|&(b, _)| b >= a) {
                for m in extract(sample, a..b, &ctx) {
                    assert!(a <= m.range.start && m.range.end <= b && m.range.start < m.range.end, "{sample:?} {a}..{b}: {m:?}");
                    assert!(sample.is_char_boundary(m.range.start) && sample.is_char_boundary(m.range.end));
                    assert!(m.value.is_finite() && !format_value(&m).contains(['e', 'E']), "{sample:?}: {m:?}");
                }
            }
        }
        // Ranges off character boundaries or out of bounds yield nothing.
        assert!(extract(sample, 0..sample.len() + 1, &ctx).is_empty());
    }
    assert!(extract("é5 apples", 1..5, &ctx).is_empty());
}

/// Random sentences glued from tricky pieces (a fixed-seed generator, so
/// failures reproduce): the same invariants as above, on many more inputs.
#[test]
fn fuzzed_sentences_keep_the_invariants() {
    const PIECES: &[&str] = &[
        "5", "2,000", "10 000", "1.5", "0", "007", "31", "12", "1990", "2020", "99999999999999999999", "-", "–", "−", "$",
        "€", "%", "+", "#", "/", ":", ".", ",", "(", ")", "[", "]", "’", "'", "s", "th", "a", "an", "half", "one", "two",
        "twenty", "hundred", "million", "dozen", "couple", "of", "the", "first", "second", "number", "No", "US", "USD",
        "bn", "m", "k", "km", "years", "year", "strong", "odd", "wide", "November", "Nov", "May", "between", "and", "to",
        "from", "or", "so", "more", "than", "about", "late", "end", "mid", "people", "Russian", "🙂", "é", "٣", "１",
        "\u{a0}", "\n", "\t", "¾", "½", "⅓", "3/4", "1/2", "over", "minus", "negative", "point", "twice", "once",
        "threefold", "times", "thirds", "tenth", "quarter", "≥", "<", "no", "fewer", "at", "most", "19th", "on", "Feb",
        "Peugeot", "ref", "0800", "555-0199", "B",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |bound: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % bound as u64) as usize
    };
    for year in [Some(2020), None, Some(-3), Some(i32::MAX)] {
        let ctx = NumberContext { year };
        for _ in 0..5_000 {
            let mut sentence = String::new();
            for _ in 0..1 + next(14) {
                sentence.push_str(PIECES[next(PIECES.len())]);
                sentence.push_str(["", " ", "", "  "][next(4)]);
            }
            let prefix = "Intro. ";
            let text = format!("{prefix}{sentence}");
            let found = extract(&text, prefix.len()..text.len(), &ctx);
            let mut last_end = prefix.len();
            for m in &found {
                assert!(last_end <= m.range.start && m.range.start < m.range.end && m.range.end <= text.len(), "{text:?}: {m:?}");
                assert!(text.is_char_boundary(m.range.start) && text.is_char_boundary(m.range.end), "{text:?}: {m:?}");
                assert!(m.value.is_finite() && m.value_max.is_none_or(|max| max.is_finite() && max > m.value), "{text:?}: {m:?}");
                last_end = m.range.end;
            }
        }
    }
}

#[test]
fn value_formatting() {
    let m = |value, value_max| NumberMention {
        range: 0..1,
        value,
        value_max,
        unit: String::new(),
        qualifier: claimsift::numbers::Qualifier::Exact,
        kind: claimsift::numbers::Kind::Count,
    };
    assert_eq!(format_value(&m(2_000_000.0, None)), "2000000");
    assert_eq!(format_value(&m(1.5, None)), "1.5");
    assert_eq!(format_value(&m(-0.0, None)), "0");
    assert_eq!(format_value(&m(1e23, None)), "100000000000000000000000");
    assert_eq!((format_value(&m(2000.0, Some(3000.0))), format_value_max(&m(2000.0, Some(3000.0)))), ("2000".into(), "3000".into()));
    assert_eq!(format_value_max(&m(-5.0, None)), "");
    let date = |value, unit: &str| NumberMention { unit: unit.into(), kind: claimsift::numbers::Kind::Date, ..m(value, None) };
    assert_eq!(format_value(&date(20201110.0, "day")), "2020-11-10");
    assert_eq!(format_value(&date(202011.0, "month")), "2020-11");
    assert_eq!(format_value(&date(1110.0, "day")), "--11-10");
}
