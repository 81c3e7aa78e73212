//! Property tests (proptest): the text stages, ingest and the CSV writer on
//! any input. They use the narrowest public entry points (`clean::clean`,
//! `split::split`, `numbers::{context, extract}`, `ingest::{discover, read}`,
//! `output::Output`), so that the stages can change inside.
//!
//! Cases per property are set so that the whole file runs in about a minute
//! on a 2-core machine in release mode (see the README's reliability section).

use std::ops::Range;

use claimsift::document::Document;
use claimsift::ingest::{self, IngestOptions, Item, Skipped};
use claimsift::output::{guard_formula, Output, OutputFormat};
use claimsift::pipeline::Pipeline;
use proptest::prelude::*;

/// Any Unicode string, or one made of what news text is made of (letters,
/// digits, the punctuation the splitter and the number finder look at,
/// line breaks), which reaches much deeper into the stages.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "([A-Z][a-z]{0,8}|[a-z]{1,8}|[0-9]{1,5}|[0-9]{1,3},[0-9]{3}|[.,;:!?%$€£'\"“”‘’()\\-–—/]|Mr\\.|U\\.S\\.|No\\.|[ \t\n]{1,3}|\n\n|million|percent|about|nearly|between|and|to|of|in|March|Nov\\.|years?){0,60}",
    ]
}

fn boundaries(text: &str, range: &Range<usize>) -> bool {
    range.start <= range.end && range.end <= text.len() && text.is_char_boundary(range.start) && text.is_char_boundary(range.end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, failure_persistence: None, ..ProptestConfig::default() })]

    /// clean, split and numbers never panic; sentences lie in the body, in
    /// order, on char boundaries, and with the gaps between them give back
    /// the body; the gaps hold no letter or digit (the splitter leaves out
    /// only white space and pieces of bare punctuation, such as a lone ":");
    /// a number lies in its sentence.
    #[test]
    fn text_stages_never_panic_and_keep_their_offsets(text in text()) {
        let cleaned = claimsift::clean::clean(&text);
        for body in &cleaned.body {
            prop_assert!(boundaries(&text, body), "body {body:?}");
        }
        let sentences = claimsift::split::split(&text, &cleaned.body);
        let context = claimsift::numbers::context(&text);
        let mut previous_end = 0;
        for sentence in &sentences {
            prop_assert!(boundaries(&text, sentence), "sentence {sentence:?}");
            prop_assert!(sentence.start >= previous_end, "sentences overlap or are out of order: {sentences:?}");
            prop_assert!(cleaned.body.iter().any(|b| b.start <= sentence.start && sentence.end <= b.end), "sentence {sentence:?} outside the body {:?}", cleaned.body);
            previous_end = sentence.end;
            for n in claimsift::numbers::extract(&text, sentence.clone(), &context) {
                prop_assert!(boundaries(&text, &n.range), "number {:?}", n.range);
                prop_assert!(sentence.start <= n.range.start && n.range.end <= sentence.end, "number {:?} outside sentence {sentence:?}", n.range);
            }
        }
        for body in &cleaned.body {
            let mut rebuilt = String::new();
            let mut at = body.start;
            for sentence in sentences.iter().filter(|s| body.start <= s.start && s.end <= body.end) {
                let gap = &text[at..sentence.start];
                prop_assert!(!gap.chars().any(char::is_alphanumeric), "words between sentences were dropped: {gap:?}");
                rebuilt.push_str(gap);
                rebuilt.push_str(&text[sentence.clone()]);
                at = sentence.end;
            }
            prop_assert!(!text[at..body.end].chars().any(char::is_alphanumeric), "words after the last sentence were dropped: {:?}", &text[at..body.end]);
            rebuilt.push_str(&text[at..body.end]);
            prop_assert_eq!(rebuilt.as_str(), &text[body.clone()]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any bytes, read as each kind of file: a document (with a map that
    /// covers its HTML text) or a skip with a reason; never a panic.
    #[test]
    fn ingest_never_panics_and_gives_a_document_or_a_reason(bytes in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        text().prop_map(String::into_bytes),
        "(<[a-z/!]{1,6}[^<>]{0,10}>?|&[#a-zA-Z0-9]{0,8};?|[a-z .\n]{1,10}|\\{\"text\": \"[^\"]{0,20}\"\\}\n?|\\[|\\]){0,30}".prop_map(String::into_bytes),
    ], extension in prop::sample::select(vec!["txt", "html", "jsonl", "json"])) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("input.{extension}"));
        std::fs::write(&path, &bytes).unwrap();
        let options = IngestOptions::default();
        let (files, missing) = ingest::discover(&[path], &options);
        prop_assert!(missing.is_empty());
        let items: Vec<Item> = files.iter().flat_map(|f| ingest::read(f, &options)).collect();
        prop_assert!(!items.is_empty(), "an input gives at least one item");
        for item in items {
            match item {
                Item::Document(doc) => {
                    prop_assert!(!doc.text.trim().is_empty());
                    if let Some(map) = &doc.source_map {
                        prop_assert_eq!(map.len(), doc.text.chars().count());
                    }
                }
                Item::Skipped(s) => prop_assert!(!s.reason.is_empty() && !s.source.is_empty()),
            }
        }
    }
}

/// The cell the CSV writer should write for `text`: white space as spaces,
/// then the formula guard.
fn expected_cell(text: &str) -> String {
    let one_line: String = text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
    guard_formula(&one_line).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text written by the CSV writer reads back equal with the csv
    /// crate (the guard's `'` aside), and each number row's offsets cut its
    /// cell out of the document. Each case writes up to 12 manifest rows of
    /// three text cells (a case costs four fsyncs, most of its time).
    #[test]
    fn csv_cells_read_back_equal_and_offsets_cut_out_the_cell(skips in proptest::collection::vec((text(), text(), text()), 1..12), body in text()) {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("out");
        let mut output = Output::create(&out_dir, OutputFormat::Csv, false).unwrap();
        for (position, (id, source, reason)) in (1..).zip(&skips) {
            output.not_processed(&Skipped { id: id.clone(), source: source.clone(), reason: reason.clone() }, "skipped", None, position, "settings").unwrap();
        }
        let processed = Pipeline::default().process(Document::new("doc", "doc.txt", format!("About 5,000 people came. {body} Nearly 40% left.")), None).unwrap();
        output.document(&processed, skips.len() as u64 + 1, "settings").unwrap();
        output.finish().unwrap();

        let mut manifest = csv::Reader::from_path(out_dir.join("manifest.csv")).unwrap();
        let records: Vec<csv::StringRecord> = manifest.records().map(Result::unwrap).collect();
        prop_assert_eq!(records.len(), skips.len() + 1);
        for ((id, source, reason), record) in skips.iter().zip(&records) {
            // Every text reads back as written, with the guard's quote when it starts like a formula.
            prop_assert_eq!(record[0].to_string(), guard_formula(id).into_owned());
            prop_assert_eq!(record[1].to_string(), guard_formula(source).into_owned());
            prop_assert_eq!(record[3].to_string(), guard_formula(reason).into_owned());
        }

        let chars: Vec<char> = processed.doc.text.chars().collect();
        let mut numbers = csv::Reader::from_path(out_dir.join("numbers.csv")).unwrap();
        let mut rows = 0;
        for row in numbers.records() {
            let row = row.unwrap();
            let (start, end): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
            let cut: String = chars[start..end].iter().collect();
            prop_assert_eq!(row[4].to_string(), expected_cell(&cut));
            rows += 1;
        }
        prop_assert!(rows >= 1, "numbers are found around the body");
        let mut claims = csv::Reader::from_path(out_dir.join("claims.csv")).unwrap();
        for row in claims.records() {
            let row = row.unwrap();
            let (start, end): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
            let cut: String = chars[start..end].iter().collect();
            prop_assert_eq!(row[4].to_string(), expected_cell(&cut));
        }
    }
}
