//! The ONNX runtime against reference outputs computed by Python
//! (training/make_fixture.py): input ids, logits, decoded spans, pair probabilities.

use std::path::{Path, PathBuf};

use claimsift::document::CodepointIndex;
use claimsift::runtime::{Aggregation, Encoder, Model, PairClassifier, Precision, RuntimeError, Threads, TokenClassifier};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn reference() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture("runtime_reference.json")).unwrap()).unwrap()
}

fn load(name: &str, precision: Precision) -> Model {
    Model::load(&fixture(name), precision, Threads { total: 2, session_per_worker: true }, None).unwrap()
}

fn ints(v: &Value) -> Vec<i64> {
    v.as_array().unwrap().iter().map(|x| x.as_i64().unwrap()).collect()
}

fn floats(v: &Value) -> Vec<f32> {
    v.as_array().unwrap().iter().flat_map(|x| x.as_array().map_or_else(|| vec![x.as_f64().unwrap() as f32], |r| r.iter().map(|y| y.as_f64().unwrap() as f32).collect())).collect()
}

fn assert_close(actual: &[f32], expected: &[f32], tolerance: f32, what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}: length");
    let worst = actual.iter().zip(expected).map(|(a, e)| (a - e).abs()).fold(0.0, f32::max);
    assert!(worst <= tolerance, "{what}: max abs diff {worst} > {tolerance}");
}

#[test]
fn token_model_inputs_and_logits_match_pytorch() {
    let model = load("tiny-ner", Precision::Fp32);
    let mut compared = 0;
    for case in reference()["ner"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let tokens = model.encoder.tokens(text).unwrap();
        let windows = model.encoder.windows(&tokens, 0);
        if case.get("logits").is_none() {
            assert!(windows.len() > 1, "long text must be windowed, not truncated");
            continue;
        }
        assert_eq!(windows.len(), 1);
        assert_eq!(windows[0].sequence.ids, ints(&case["input_ids"]), "input ids of {text:?}");
        assert_eq!(windows[0].sequence.type_ids, ints(&case["type_ids"]), "case type ids of {text:?}");
        let logits = model.logits(&[&windows[0].sequence]).unwrap();
        assert_close(&logits[0], &floats(&case["logits"]), 1e-4, text);
        compared += 1;
    }
    assert_eq!(compared, 5);
}

/// The spans `model` decodes from the texts of `reference[key]` are the
/// reference decoder's, for every aggregation: offsets, type, fine type, score.
fn assert_spans_match_reference(model: &str, key: &str) {
    let mut classifier = TokenClassifier::new(load(model, Precision::Fp32));
    let reference = reference();
    let cases = reference[key].as_array().unwrap();
    let texts: Vec<&str> = cases.iter().map(|c| c["text"].as_str().unwrap()).collect();
    let mut compared = 0;
    for (aggregation, name) in [(Aggregation::First, "first"), (Aggregation::Average, "average"), (Aggregation::Max, "max")] {
        classifier.aggregation = aggregation;
        let predicted = classifier.predict(&texts).unwrap();
        for ((text, case), spans) in texts.iter().zip(cases).zip(predicted) {
            let index = CodepointIndex::new(text);
            let expected = case["spans"][name].as_array().unwrap();
            let got: Vec<(usize, usize, &str, &str)> = spans
                .iter()
                .map(|s| (index.codepoint(s.start), index.codepoint(s.end), s.label.as_str(), s.fine_type.as_str()))
                .collect();
            let want: Vec<(usize, usize, &str, &str)> = expected
                .iter()
                .map(|s| {
                    let fine_type = s.get("fine_type").map_or("", |f| f.as_str().unwrap());
                    (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize, s["type"].as_str().unwrap(), fine_type)
                })
                .collect();
            assert_eq!(got, want, "{model} {name} spans of {text:?}");
            for (s, e) in spans.iter().zip(expected) {
                assert!((s.score - e["score"].as_f64().unwrap() as f32).abs() < 1e-4, "{name} score of {text:?}");
                assert_eq!(&text[s.start..s.end], e["text"].as_str().unwrap());
            }
            compared += spans.len();
        }
    }
    assert!(compared > 0, "the reference of {model} has spans");
}

#[test]
fn decoded_spans_match_reference_for_every_aggregation() {
    assert_spans_match_reference("tiny-ner", "ner");
}

#[test]
fn both_label_sets_decode_as_the_reference_does() {
    // One head, two label sets, each its own softmax, path and restart prior;
    // fine types joined by overlap, numeric fine spans as NUM spans.
    assert_spans_match_reference("tiny-ner-fine", "ner_fine");
    let fine = reference()["ner_fine"].to_string();
    assert!(fine.contains(r#""type":"NUM""#) && fine.contains(r#""fine_type":"GPE""#), "the fixture exercises both");
}

#[test]
fn a_model_without_label_sets_gives_no_fine_types_and_no_numeric_spans() {
    let classifier = TokenClassifier::new(load("tiny-ner", Precision::Fp32));
    let texts: Vec<String> = reference()["ner"].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect();
    let spans: Vec<_> = classifier.predict(&texts.iter().map(String::as_str).collect::<Vec<_>>()).unwrap().into_iter().flatten().collect();
    assert!(!spans.is_empty());
    assert!(spans.iter().all(|s| s.fine_type.is_empty() && s.label != claimsift::runtime::NUMERIC), "{spans:?}");
}

#[test]
fn pair_probabilities_match_pytorch_in_config_label_order() {
    let classifier = PairClassifier::new(load("tiny-stance", Precision::Fp32));
    assert_eq!(classifier.labels(), ["neutral", "against", "favor"]);
    let reference = reference();
    let cases = reference["pairs"].as_array().unwrap();
    for case in cases {
        let sequence = classifier.model.encoder.pair(case["target"].as_str().unwrap(), case["text"].as_str().unwrap()).unwrap();
        assert_eq!(sequence.ids, ints(&case["input_ids"]));
        assert_eq!(sequence.type_ids, ints(&case["type_ids"]));
    }
    let pairs: Vec<(&str, &str)> =
        cases.iter().map(|c| (c["target"].as_str().unwrap(), c["text"].as_str().unwrap())).collect();
    for (probs, case) in classifier.predict(&pairs).unwrap().iter().zip(cases) {
        assert_close(probs, &floats(&case["probs"]), 1e-4, case["text"].as_str().unwrap());
    }
}

#[test]
fn int8_model_loads_and_mostly_agrees_with_fp32() {
    let fp32 = load("tiny-ner", Precision::Fp32);
    let int8 = load("tiny-ner", Precision::Int8);
    assert!(int8.onnx_file.ends_with("model.int8.onnx"));
    let labels = fp32.labels.len();
    let argmax = |row: &[f32]| row.iter().enumerate().fold((0, f32::MIN), |b, (i, &v)| if v > b.1 { (i, v) } else { b }).0;
    let (mut same, mut total) = (0, 0);
    for case in reference()["ner"].as_array().unwrap() {
        let tokens = fp32.encoder.tokens(case["text"].as_str().unwrap()).unwrap();
        let window = &fp32.encoder.windows(&tokens, 0)[0].sequence;
        let (a, b) = (&fp32.logits(&[window]).unwrap()[0], &int8.logits(&[window]).unwrap()[0]);
        for (x, y) in a.chunks(labels).zip(b.chunks(labels)) {
            same += usize::from(argmax(x) == argmax(y));
            total += 1;
        }
    }
    // A random 2-layer model has small logit margins, so a few flips are expected.
    assert!(same as f64 / total as f64 >= 0.8, "int8 agrees with fp32 on {same}/{total} tokens");
}

#[test]
fn shared_session_gives_the_same_logits_as_per_worker_sessions() {
    let shared = Model::load(&fixture("tiny-ner"), Precision::Fp32, Threads { total: 2, session_per_worker: false }, None).unwrap();
    let per_worker = load("tiny-ner", Precision::Fp32);
    let tokens = shared.encoder.tokens("NATO and the EU said nothing.").unwrap();
    let window = &shared.encoder.windows(&tokens, 0)[0].sequence;
    assert_close(&shared.logits(&[window]).unwrap()[0], &per_worker.logits(&[window]).unwrap()[0], 1e-5, "sessions");
}

#[test]
fn missing_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = Model::load(dir.path(), Precision::Auto, Threads { total: 1, session_per_worker: true }, None).err().unwrap();
    assert!(matches!(&err, RuntimeError::MissingFile { file, .. } if file == "config.json"), "{err}");
    std::fs::copy(fixture("tiny-ner/config.json"), dir.path().join("config.json")).unwrap();
    let err = Model::load(dir.path(), Precision::Auto, Threads { total: 1, session_per_worker: true }, None).err().unwrap();
    assert!(err.to_string().contains("tokenizer.json"), "{err}");
    std::fs::copy(fixture("tiny-ner/tokenizer.json"), dir.path().join("tokenizer.json")).unwrap();
    let err = Model::load(dir.path(), Precision::Auto, Threads { total: 1, session_per_worker: true }, None).err().unwrap();
    assert!(err.to_string().contains("model.int8.onnx"), "{err}");
    std::fs::write(dir.path().join("config.json"), r#"{"id2label": {"0": "O", "2": "B-PER"}}"#).unwrap();
    let err = Model::load(dir.path(), Precision::Auto, Threads { total: 1, session_per_worker: true }, None).err().unwrap();
    assert!(err.to_string().contains("config.json is invalid"), "{err}");
}

#[test]
fn shipped_ner_tokenizer_and_case_feature_match_python() {
    let encoder = Encoder::from_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("models/ner/tokenizer.json"), true, 512).unwrap();
    for case in reference()["casing"].as_array().unwrap() {
        let text = case["text"].as_str().unwrap();
        let window = &encoder.windows(&encoder.tokens(text).unwrap(), 0)[0];
        assert_eq!(window.sequence.ids, ints(&case["input_ids"]), "{text}");
        assert_eq!(window.sequence.type_ids, ints(&case["type_ids"]), "{text}");
    }
}

#[test]
fn int8_logits_of_a_sequence_do_not_depend_on_what_runs_with_it() {
    let int8 = load("tiny-stance", Precision::Int8);
    let pairs = [("Putin", "Putin won."), ("NATO", "NATO and the EU said nothing at all about the long war."), ("Turkey", "Turkey lost.")];
    let sequences: Vec<_> = pairs.iter().map(|(t, s)| int8.encoder.pair(t, s).unwrap()).collect();
    let together = int8.logits(&sequences.iter().collect::<Vec<_>>()).unwrap();
    for (sequence, batched) in sequences.iter().zip(&together) {
        assert_eq!(&int8.logits(&[sequence]).unwrap()[0], batched, "{:?}", sequence.ids);
    }
}

#[test]
fn fixed_scale_int8_logits_are_bit_identical_in_any_batch_and_thread_layout() {
    let texts = [
        "Putin won.",
        "NATO and the EU said nothing at all about the long war in Nagorno-Karabakh.",
        "Turkey lost.",
        "Almost 2,000 Russian peacekeepers will stay for five years.",
        "The Kremlin said Armenia and Azerbaijan signed it.",
        "it rained",
    ];
    let layouts = [(1, true), (2, true), (2, false)];
    let mut results = Vec::new();
    for (total, session_per_worker) in layouts {
        for tokens in [0, 40, 256, 100_000] {
            let model = Model::load(&fixture("tiny-ner-fixed"), Precision::Int8, Threads { total, session_per_worker }, None)
                .unwrap()
                .with_batch_tokens(tokens);
            let sequences: Vec<_> =
                texts.iter().map(|t| model.encoder.windows(&model.encoder.tokens(t).unwrap(), 0)[0].sequence.clone()).collect();
            let logits = model.logits(&sequences.iter().collect::<Vec<_>>()).unwrap();
            let bits: Vec<Vec<u32>> = logits.iter().map(|row| row.iter().map(|x| x.to_bits()).collect()).collect();
            results.push(((total, session_per_worker, tokens), bits));
        }
    }
    let (first_layout, first) = &results[0];
    for (layout, bits) in &results[1..] {
        assert_eq!(bits, first, "logits of {layout:?} differ from those of {first_layout:?}");
    }
}

#[test]
fn dynamic_int8_runs_one_sequence_per_batch_whatever_is_asked() {
    // With one activation scale per batch, batching would change the logits;
    // asking for big batches must not.
    let alone = load("tiny-ner", Precision::Int8);
    let asked = load("tiny-ner", Precision::Int8).with_batch_tokens(100_000);
    let texts = ["Putin won.", "NATO and the EU said nothing at all about the long war in Nagorno-Karabakh."];
    let sequences: Vec<_> = texts.iter().map(|t| alone.encoder.windows(&alone.encoder.tokens(t).unwrap(), 0)[0].sequence.clone()).collect();
    let refs: Vec<_> = sequences.iter().collect();
    let together = asked.logits(&refs).unwrap();
    for (sequence, batched) in sequences.iter().zip(&together) {
        assert_eq!(&alone.logits(&[sequence]).unwrap()[0], batched);
    }
}
