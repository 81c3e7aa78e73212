//! Number extraction against the gold annotations and a table of
//! hand-written cases (`tests/fixtures/numbers_cases.tsv`).

use std::path::PathBuf;

use claimsift::document::{byte_offset, CodepointIndex};
use claimsift::gold::Gold;
use claimsift::numbers::{context, extract, format_value, NumberContext, NumberMention};

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

/// The case table: `sentence, text, value, unit, qualifier, kind[, context
/// year]`. All rows of one sentence (consecutive, same text) list every
/// mention it must yield, in order; a row with the sentence alone (or an
/// empty `text`) means the sentence yields nothing. The context year defaults
/// to 2020; `none` means no year. Lines starting with `#` are comments.
#[test]
fn hand_written_cases() {
    let path = root().join("tests/fixtures/numbers_cases.tsv");
    let table = std::fs::read_to_string(&path).expect("case table");
    let mut cases: Vec<(String, Option<i32>, Vec<String>)> = Vec::new();
    for (line_no, line) in table.lines().enumerate().skip(1) {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols: Vec<&str> = line.split('\t').collect();
        if cols.len() == 1 {
            cols.resize(6, "");
        }
        assert!(cols.len() == 6 || cols.len() == 7, "{}:{}: expected 1, 6 or 7 columns", path.display(), line_no + 1);
        let year = match cols.get(6).copied().unwrap_or("") {
            "" => Some(2020),
            "none" => None,
            y => Some(y.parse().expect("context year")),
        };
        let expected = (!cols[1].is_empty()).then(|| cols[1..6].join("\t"));
        match cases.last_mut() {
            Some((sentence, y, rows)) if *sentence == cols[0] && *y == year => rows.extend(expected),
            _ => cases.push((cols[0].to_owned(), year, expected.into_iter().collect())),
        }
    }
    let mut failures = Vec::new();
    let mut rows = 0;
    for (sentence, year, expected) in &cases {
        rows += expected.len().max(1);
        let found: Vec<String> = extract(sentence, 0..sentence.len(), &NumberContext { year: *year }).iter().map(|m| row(sentence, m)).collect();
        if &found != expected {
            failures.push(format!("{sentence}\n    expected {expected:?}\n    found    {found:?}"));
        }
    }
    println!("number cases: {} sentences, {rows} rows, {} failing", cases.len(), failures.len());
    for f in &failures {
        println!("  {f}");
    }
    assert!(failures.is_empty(), "{} of {} case sentences fail", failures.len(), cases.len());
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
        "\u{a0}", "\n", "\t",
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
    assert_eq!(format_value(&m(2000.0, Some(3000.0))), "2000..3000");
    assert_eq!(format_value(&m(-5.0, Some(-3.0))), "-5..-3");
}
