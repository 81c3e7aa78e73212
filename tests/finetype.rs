//! A model with two label sets (CoNLL types and OntoNotes fine types) through
//! the real binary: `fine_type` in `claimsift ner`, entities.csv and
//! `--stance-types`, numeric spans as NUM lines, and models without label sets
//! unchanged. The model is the random two-set fixture of training/make_fixture.py.

mod common;

use common::*;
use serde_json::Value;

const NUMERIC_FINE_TYPES: [&str; 7] = ["DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"];

/// Texts of the fixture's reference, one per line.
fn reference_texts() -> String {
    let reference: Value = serde_json::from_str(&std::fs::read_to_string(repo("tests/fixtures/runtime_reference.json")).unwrap()).unwrap();
    reference["ner_fine"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string() + "\n").collect()
}

/// The entity objects `claimsift ner --lines` prints with `model`.
fn ner_entities(wd: &Workdir, model: &str) -> Vec<Value> {
    let out = wd.run_with_stdin(&["ner", "--lines", "--model", repo(model).to_str().unwrap()], &reference_texts());
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .flat_map(|l| serde_json::from_str::<Value>(l).unwrap()["entities"].as_array().unwrap().clone())
        .collect()
}

/// A name starts and ends on a word character (an initialism keeps its period, a percentage its sign).
fn word_edges(name: &str) -> bool {
    let first = name.chars().next().unwrap();
    let last = name.chars().last().unwrap();
    first.is_alphanumeric() && (last.is_alphanumeric() || last == '%' || (last == '.' && name.matches('.').count() > 1))
}

#[test]
fn ner_prints_fine_types_and_numeric_spans_of_a_two_set_model() {
    let wd = Workdir::new();
    let entities = ner_entities(&wd, "tests/fixtures/tiny-ner-fine");
    let field = |e: &Value, k: &str| e[k].as_str().unwrap().to_string();
    let numeric: Vec<&Value> = entities.iter().filter(|e| e["type"] == "NUM").collect();
    assert!(!numeric.is_empty(), "numeric fine spans are NUM lines");
    assert!(numeric.iter().all(|e| NUMERIC_FINE_TYPES.contains(&field(e, "fine_type").as_str())), "{numeric:?}");
    let names: Vec<&Value> = entities.iter().filter(|e| e["type"] != "NUM").collect();
    assert!(names.iter().all(|e| ["PER", "ORG", "LOC", "MISC"].contains(&field(e, "type").as_str())), "{names:?}");
    assert!(names.iter().any(|e| field(e, "fine_type") == "GPE"), "names get a fine type: {names:?}");
    let ragged: Vec<String> = entities.iter().map(|e| field(e, "text")).filter(|t| !word_edges(t)).collect();
    assert!(ragged.is_empty(), "{ragged:?}");
}

#[test]
fn a_model_without_label_sets_prints_no_fine_types() {
    let wd = Workdir::new();
    let entities = ner_entities(&wd, "tests/fixtures/tiny-ner");
    assert!(!entities.is_empty());
    assert!(entities.iter().all(|e| e["fine_type"] == "" && e["type"] != "NUM"), "{entities:?}");
    let ragged: Vec<&str> = entities.iter().map(|e| e["text"].as_str().unwrap()).filter(|t| !word_edges(t)).collect();
    assert!(ragged.is_empty(), "{ragged:?}");
}

#[test]
fn entities_csv_has_fine_types_and_stance_types_match_them() {
    let wd = Workdir::new();
    wd.create("in/a.txt", reference_texts());
    let (ner, stance) = (repo("tests/fixtures/tiny-ner-fine"), repo("tests/fixtures/tiny-stance"));
    let run = |out_dir: &str, types: &str| {
        let out = wd.run(&[
            "run", "in", "--quiet", "-o", out_dir, "--no-pronouns", "--ner-model", ner.to_str().unwrap(),
            "--stance-model", stance.to_str().unwrap(), "--stance-types", types,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut reader = csv::Reader::from_path(wd.path(&format!("{out_dir}/entities.csv"))).unwrap();
        assert_eq!(reader.headers().unwrap().iter().next_back(), Some("fine_type"));
        reader.records().map(Result::unwrap).collect::<Vec<_>>()
    };
    let rows = run("by_fine", "GPE,NORP");
    let (type_col, fine_col, stance_col) = (6, 11, 8);
    assert!(rows.iter().all(|r| &r[type_col] != "NUM"), "numeric spans are no entity rows");
    assert!(rows.iter().any(|r| !r[fine_col].is_empty()));
    // A row has a stance exactly when its fine type is listed (its type is not).
    let with_stance = |rows: &[csv::StringRecord]| rows.iter().filter(|r| !r[stance_col].is_empty()).count();
    assert!(with_stance(&rows) > 0 && with_stance(&rows) < rows.len(), "some rows are of other fine types");
    let listed = |r: &csv::StringRecord| ["GPE", "NORP"].contains(&&r[fine_col]);
    // Stance is scored once per (sentence, canonical name): a row has one
    // exactly when a row of its name in its sentence has a listed fine type.
    let scored: std::collections::BTreeSet<(String, String)> =
        rows.iter().filter(|r| listed(r)).map(|r| (r[1].to_string(), r[5].to_string())).collect();
    for r in &rows {
        assert_eq!(!r[stance_col].is_empty(), scored.contains(&(r[1].to_string(), r[5].to_string())), "{r:?}");
    }
    let by_type = run("by_type", "PER");
    assert!(by_type.iter().filter(|r| &r[type_col] == "PER").all(|r| !r[stance_col].is_empty()));
    assert_ne!(with_stance(&rows), with_stance(&by_type));
}

#[test]
fn spans_fine_prints_the_fine_label_sets_own_spans() {
    let wd = Workdir::new();
    let model = repo("tests/fixtures/tiny-ner-fine");
    let out = wd.run_with_stdin(&["ner", "--lines", "--spans", "fine", "--model", model.to_str().unwrap()], &reference_texts());
    assert!(out.status.success(), "{}", stderr(&out));
    let fine: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .flat_map(|l| serde_json::from_str::<Value>(l).unwrap()["entities"].as_array().unwrap().clone())
        .collect();
    assert!(!fine.is_empty());
    // Each span is typed by its fine type, names and numbers alike.
    assert!(fine.iter().all(|e| e["type"] == e["fine_type"] && e["type"] != "NUM" && e["type"] != ""), "{fine:?}");
    assert!(fine.iter().any(|e| NUMERIC_FINE_TYPES.contains(&e["type"].as_str().unwrap())), "{fine:?}");
    // The default output's NUM spans are these same numeric spans.
    let numeric = |es: &[Value]| -> Vec<(u64, u64, String)> {
        es.iter()
            .filter(|e| e["type"] == "NUM" || NUMERIC_FINE_TYPES.contains(&e["type"].as_str().unwrap()))
            .map(|e| (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap(), e["fine_type"].as_str().unwrap().to_string()))
            .collect()
    };
    let entities = ner_entities(&wd, "tests/fixtures/tiny-ner-fine");
    assert_eq!(numeric(&fine), numeric(&entities));

    let plain = repo("tests/fixtures/tiny-ner");
    let out = wd.run_with_stdin(&["ner", "--spans", "fine", "--model", plain.to_str().unwrap()], "Putin won.\n");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("fine_type label set"), "{}", stderr(&out));
}
