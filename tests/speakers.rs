//! Speaker attribution on the hand-labelled corpus
//! (`tests/fixtures/speakers_cases.tsv`): each case's sentence, with the
//! sentences before and after it where its form needs them, runs through
//! `claimsift run` as one document; the speaker and cue written for the
//! sentence are compared with the gold. Prints accuracy per form
//! (`cargo test --release --test speakers -- --nocapture`) and gates it just
//! under the figures measured.

mod common;
use common::*;

use std::collections::BTreeMap;

use claimsift::speakers::same_speaker;

struct Case {
    id: String,
    form: String,
    before: String,
    sentence: String,
    after: String,
    speaker: String,
    cue: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(repo("tests/fixtures/speakers_cases.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 8, "{line}");
            Case {
                id: f[0].into(),
                form: f[1].into(),
                before: f[3].into(),
                sentence: f[4].into(),
                after: f[5].into(),
                speaker: f[6].into(),
                cue: f[7].into(),
            }
        })
        .collect()
}

/// (speaker, cue) written for each case's sentence, by case id.
fn predictions(cases: &[Case]) -> BTreeMap<String, (String, String)> {
    let wd = Workdir::new();
    let mut dump = String::new();
    let mut starts = BTreeMap::new();
    for c in cases {
        let parts: Vec<&str> = [c.before.as_str(), c.sentence.as_str(), c.after.as_str()].into_iter().filter(|p| !p.is_empty()).collect();
        let start = if c.before.is_empty() { 0 } else { c.before.chars().count() + 1 };
        starts.insert(c.id.clone(), start);
        dump += &serde_json::json!({"id": c.id, "text": parts.join(" ")}).to_string();
        dump.push('\n');
    }
    wd.create("cases.jsonl", dump);
    let out = wd.run(&["run", "cases.jsonl", "--format", "jsonl", "--no-stance", "--quiet", "-o", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut found = BTreeMap::new();
    for line in wd.read("out/documents.jsonl").lines() {
        let doc: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = doc["doc_id"].as_str().unwrap().to_string();
        let start = starts[&id];
        let sentence = doc["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["start"].as_u64().unwrap() as usize <= start && start < s["end"].as_u64().unwrap() as usize)
            .unwrap_or_else(|| panic!("case {id}: no sentence at {start}"));
        let field = |k: &str| sentence[k].as_str().unwrap_or_default().to_string();
        found.insert(id, (field("speaker"), field("cue")));
    }
    found
}

#[derive(Default)]
struct Tally {
    cases: usize,
    speaker: usize,
    cue: usize,
}

#[test]
fn speakers_match_the_labelled_corpus() {
    let cases = cases();
    let predicted = predictions(&cases);
    let mut by_form: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut all = Tally::default();
    let (mut predicted_speakers, mut right_speakers, mut silent, mut silent_right) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    for c in &cases {
        let (speaker, cue) = &predicted[&c.id];
        let speaker_ok = same_speaker(speaker, &c.speaker);
        let cue_ok = cue.eq_ignore_ascii_case(&c.cue);
        for t in [by_form.entry(&c.form).or_default(), &mut all] {
            t.cases += 1;
            t.speaker += usize::from(speaker_ok);
            t.cue += usize::from(speaker_ok && cue_ok);
        }
        if !speaker.is_empty() {
            predicted_speakers += 1;
            right_speakers += usize::from(speaker_ok);
        }
        if c.speaker.is_empty() {
            silent += 1;
            silent_right += usize::from(speaker.is_empty());
        }
        if !speaker_ok || !cue_ok {
            errors.push(format!("{:>4} {:<16} gold {:?}/{:?} got {:?}/{:?}: {}", c.id, c.form, c.speaker, c.cue, speaker, cue, c.sentence));
        }
    }
    let ratio = |a: usize, b: usize| a as f64 / b.max(1) as f64;
    println!("form              cases  speaker  speaker+cue");
    for (form, t) in &by_form {
        println!("{form:<16} {:>6} {:>8.3} {:>12.3}", t.cases, ratio(t.speaker, t.cases), ratio(t.cue, t.cases));
    }
    println!("{:<16} {:>6} {:>8.3} {:>12.3}", "all", all.cases, ratio(all.speaker, all.cases), ratio(all.cue, all.cases));
    println!("no speaker: {silent_right} of {silent} sentences left without one ({:.3})", ratio(silent_right, silent));
    println!("speaker precision: {right_speakers} of {predicted_speakers} speakers written are right ({:.3})", ratio(right_speakers, predicted_speakers));
    if std::env::var_os("SPEAKER_ERRORS").is_some() {
        println!("{}", errors.join("\n"));
    }
    assert!(by_form.len() == 13 && by_form.values().all(|t| t.cases >= 20), "every form needs 20 cases");
    assert!(by_form["none"].cases >= 60);
    assert!(ratio(all.speaker, all.cases) >= GATE_OVERALL, "overall speaker accuracy under {GATE_OVERALL}");
    for (form, t) in &by_form {
        assert!(ratio(t.speaker, t.cases) >= GATE_PER_FORM, "{form}: speaker accuracy under {GATE_PER_FORM}");
    }
    assert!(ratio(silent_right, silent) >= GATE_NO_SPEAKER, "sentences without a speaker got one");
}

/// Gates, just under the figures measured (README, *Speakers*: 0.995
/// overall, 0.917 in the weakest form, 87 of 87 sentences without a speaker
/// left without one).
const GATE_OVERALL: f64 = 0.98;
const GATE_PER_FORM: f64 = 0.90;
const GATE_NO_SPEAKER: f64 = 0.98;

/// Held-out cases (`tests/fixtures/speakers_heldout.tsv`: CoNLL-2003 dev and
/// OntoNotes dev sentences labelled after the stage was built and never used
/// to tune it): the figure for text the stage was not developed on.
#[test]
fn held_out_speakers() {
    let text = std::fs::read_to_string(repo("tests/fixtures/speakers_heldout.tsv")).unwrap();
    let cases: Vec<Case> = text
        .lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Case { id: f[0].into(), form: f[1].into(), before: f[3].into(), sentence: f[4].into(), after: f[5].into(), speaker: f[6].into(), cue: f[7].into() }
        })
        .collect();
    let predicted = predictions(&cases);
    let right = cases.iter().filter(|c| same_speaker(&predicted[&c.id].0, &c.speaker)).count();
    let silent: Vec<&Case> = cases.iter().filter(|c| c.speaker.is_empty()).collect();
    let silent_right = silent.iter().filter(|c| predicted[&c.id].0.is_empty()).count();
    println!("held out: {right} of {} right ({:.3}); {silent_right} of {} without a speaker left without one", cases.len(), right as f64 / cases.len() as f64, silent.len());
    for c in cases.iter().filter(|c| !same_speaker(&predicted[&c.id].0, &c.speaker)) {
        println!("  {} gold {:?} got {:?}: {} ({})", c.id, c.speaker, predicted[&c.id].0, c.sentence, c.form);
    }
    assert!(right as f64 / cases.len() as f64 >= GATE_HELD_OUT, "held-out speaker accuracy under {GATE_HELD_OUT}");
}

/// Just under the 45 of 51 (0.882) measured the first time the stage saw these cases.
const GATE_HELD_OUT: f64 = 0.86;

/// The speaker columns in every output, and the speaker's role in entities.csv.
#[test]
fn outputs_carry_speaker_and_cue() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "The defence ministry said 12 soldiers were killed. Prices rose by 5 percent.");
    assert!(run_text_only(&wd, &["in", "-o", "csv"]).status.success());
    let claims = wd.csv("csv/claims.csv");
    assert_eq!((&claims[0][8], &claims[0][9]), ("The defence ministry", "said"));
    assert_eq!((&claims[1][8], &claims[1][9]), ("", ""), "the author's own claim");
    let numbers = wd.csv("csv/numbers.csv");
    assert_eq!((&numbers[0][10], &numbers[0][11]), ("The defence ministry", "said"));
    assert!(wd.read("csv/entities.csv").lines().next().unwrap().split(',').any(|c| c == "role"));
    assert!(run_text_only(&wd, &["in", "-o", "json", "--format", "jsonl"]).status.success());
    let doc: serde_json::Value = serde_json::from_str(wd.read("json/documents.jsonl").lines().next().unwrap()).unwrap();
    let first = &doc["sentences"][0];
    assert_eq!((first["speaker"].as_str(), first["cue"].as_str()), (Some("The defence ministry"), Some("said")));
    assert_eq!((first["speaker_start"].as_u64(), first["speaker_end"].as_u64()), (Some(0), Some(20)));
    assert!(doc["sentences"][1]["speaker_start"].is_null());
}
