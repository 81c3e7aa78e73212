//! Accuracy of the text stages (clean, then split) against the hand-made gold
//! of the sample articles, plus invariants of their output on every sample.

use std::ops::Range;
use std::path::PathBuf;

use claimsift::clean::{clean, Cleaned};
use claimsift::document::{byte_offset, CodepointIndex};
use claimsift::gold::Gold;
use claimsift::split::split;

const MIN_SENTENCE_F1: f64 = 0.97;
const MIN_BOILERPLATE_REMOVED: f64 = 0.90;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gold() -> Gold {
    Gold::load(&root().join("tests/fixtures/gold")).expect("gold fixtures")
}

fn read_doc(doc: &str) -> String {
    std::fs::read_to_string(root().join("input").join(format!("{doc}.txt"))).expect("sample article")
}

fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    start..start + s.trim().len()
}

/// Whether every byte of `r` lies in one of `ranges`.
fn covered(r: &Range<usize>, ranges: &[Range<usize>]) -> bool {
    let mut pos = r.start;
    let mut sorted: Vec<&Range<usize>> = ranges.iter().collect();
    sorted.sort_by_key(|x| x.start);
    for x in sorted {
        if x.start <= pos && x.end > pos {
            pos = x.end;
        }
    }
    pos >= r.end
}

#[derive(Default)]
struct Tally {
    matched: usize,
    predicted: usize,
    gold: usize,
    lost: usize,
    boilerplate: usize,
    removed: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.matched += o.matched;
        self.predicted += o.predicted;
        self.gold += o.gold;
        self.lost += o.lost;
        self.boilerplate += o.boilerplate;
        self.removed += o.removed;
    }

    fn prf(&self) -> (f64, f64, f64) {
        let p = self.matched as f64 / self.predicted.max(1) as f64;
        let r = self.matched as f64 / self.gold.max(1) as f64;
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }

    fn removed_share(&self) -> f64 {
        self.removed as f64 / self.boilerplate.max(1) as f64
    }

    fn report(&self, name: &str) {
        let (p, r, f) = self.prf();
        println!(
            "{name:<22} sentences P {p:.4} R {r:.4} F1 {f:.4} ({} matched, {} predicted, {} gold) | boilerplate removed {:.1}% ({}/{}) | body sentences lost {}",
            self.matched,
            self.predicted,
            self.gold,
            100.0 * self.removed_share(),
            self.removed,
            self.boilerplate,
            self.lost
        );
    }
}

/// Scores one gold document and prints every disagreement.
fn score(gold: &Gold, doc: &str) -> Tally {
    let text = read_doc(doc);
    let cleaned = clean(&text);
    let predicted: Vec<Range<usize>> = split(&text, &cleaned.body).into_iter().map(|r| trim(&text, r)).collect();
    let index = CodepointIndex::new(&text);
    let expected: Vec<Range<usize>> = gold
        .sentences
        .iter()
        .filter(|s| s.doc == doc)
        .map(|s| trim(&text, byte_offset(&text, s.start)..byte_offset(&text, s.end)))
        .collect();
    let mut tally = Tally { predicted: predicted.len(), gold: expected.len(), ..Tally::default() };
    for g in &expected {
        if predicted.contains(g) {
            tally.matched += 1;
        } else {
            println!(
                "  {doc} missed   [{}..{}] {:?}",
                index.codepoint(g.start),
                index.codepoint(g.end),
                &text[g.clone()]
            );
        }
        if !cleaned.body.iter().any(|b| b.start <= g.start && g.end <= b.end) {
            tally.lost += 1;
            println!("  {doc} lost     {:?}", &text[g.clone()]);
        }
    }
    for p in predicted.iter().filter(|p| !expected.contains(p)) {
        println!("  {doc} spurious [{}..{}] {:?}", index.codepoint(p.start), index.codepoint(p.end), &text[p.clone()]);
    }
    let removed: Vec<Range<usize>> = cleaned.removed.iter().map(|r| r.range.clone()).collect();
    // Repeated excerpts ("• Oops!") name successive occurrences.
    let mut from: Vec<(&str, usize)> = Vec::new();
    for b in gold.boilerplate.iter().filter(|b| b.doc == doc) {
        tally.boilerplate += 1;
        let excerpt = b.text_excerpt.as_str();
        let start_at = from.iter().rev().find(|(e, _)| *e == excerpt).map_or(0, |&(_, p)| p);
        let Some(at) = text[start_at..].find(excerpt).map(|i| start_at + i) else {
            println!("  {doc} boilerplate not in text: {excerpt:?}");
            continue;
        };
        from.push((excerpt, at + excerpt.len()));
        if covered(&(at..at + excerpt.len()), &removed) {
            tally.removed += 1;
        } else {
            println!("  {doc} kept boilerplate {excerpt:?}");
        }
    }
    tally
}

#[test]
fn gold_sentences_and_boilerplate() {
    let gold = gold();
    let mut total = Tally::default();
    for doc in gold.docs() {
        let tally = score(&gold, &doc);
        tally.report(&doc);
        total.add(&tally);
    }
    total.report("overall");
    let (_, _, f1) = total.prf();
    assert!(f1 >= MIN_SENTENCE_F1, "sentence F1 {f1:.4} < {MIN_SENTENCE_F1}");
    assert_eq!(total.lost, 0, "gold body sentences outside the body");
    let share = total.removed_share();
    assert!(share >= MIN_BOILERPLATE_REMOVED, "boilerplate removed {share:.3} < {MIN_BOILERPLATE_REMOVED}");
}

/// Ranges in order, apart, on character boundaries and inside the text.
fn assert_well_formed(text: &str, ranges: &[Range<usize>], what: &str) {
    for w in ranges.windows(2) {
        assert!(w[0].end <= w[1].start, "{what} out of order or overlapping: {w:?}");
    }
    for r in ranges {
        assert!(r.start < r.end && r.end <= text.len(), "{what} empty or outside: {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{what} off char boundary: {r:?}");
        assert_eq!(text[r.clone()].trim(), &text[r.clone()], "{what} not trimmed: {r:?}");
    }
}

fn check_invariants(text: &str, cleaned: &Cleaned) {
    let removed: Vec<Range<usize>> = cleaned.removed.iter().map(|r| r.range.clone()).collect();
    assert_well_formed(text, &cleaned.body, "body");
    assert_well_formed(text, &removed, "removed");
    for b in &cleaned.body {
        assert!(removed.iter().all(|r| r.end <= b.start || b.end <= r.start), "body {b:?} overlaps removed");
    }
    let sentences = split(text, &cleaned.body);
    assert_well_formed(text, &sentences, "sentences");
    for s in &sentences {
        assert!(
            cleaned.body.iter().any(|b| b.start <= s.start && s.end <= b.end),
            "sentence {s:?} outside one body range"
        );
    }
}

#[test]
fn every_sample_gives_well_formed_ranges() {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("input"))
        .expect("input dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    docs.sort();
    assert!(!docs.is_empty());
    for path in docs {
        let text = std::fs::read_to_string(&path).expect("sample");
        let cleaned = clean(&text);
        check_invariants(&text, &cleaned);
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("?");
        let sentences = split(&text, &cleaned.body).len();
        println!(
            "{name}: {} body ranges, {} removed, {sentences} sentences",
            cleaned.body.len(),
            cleaned.removed.len()
        );
        for r in &cleaned.removed {
            println!("  removed ({}) {:?}", r.reason, truncate(&text[r.range.clone()], 70));
        }
    }
}

fn truncate(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

#[test]
fn odd_inputs_do_not_panic() {
    let inputs = [
        String::new(),
        " \n\t\r\n\u{a0}".to_owned(),
        ".".to_owned(),
        "(Reuters) --".to_owned(),
        "©\n¹ <http://x>\n\u{0}\u{1}\u{2} . ! ?\n\u{feff}…”".to_owned(),
        "By\nBy \nRead 5 times\n  500".to_owned(),
        "Title\r\n\r\nBody one. Body two.\r\n".to_owned(),
        "x ".repeat(100_000),
        "A long line without any punctuation at all and many words in it\n\n".repeat(2_000),
    ];
    for text in &inputs {
        check_invariants(text, &clean(text));
    }
}
