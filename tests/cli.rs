//! The real `claimsift` binary, run in a scratch directory (after xsv's Workdir).

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::path::Path;

#[test]
fn run_writes_the_four_csv_files_for_the_sample_input() {
    let wd = Workdir::new();
    wd.sample_input();
    let out = run_text_only(&wd, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = wd.csv("output/manifest.csv");
    assert_eq!(manifest.len(), 5);
    assert!(manifest.iter().all(|r| &r[2] == "ok" && r[5].parse::<usize>().unwrap() > 10), "{manifest:?}");
    assert_eq!(wd.read("output/numbers.csv").lines().next().unwrap(), "doc_id,sent_idx,start,end,text,value,value_max,unit,qualifier,kind,speaker,cue");
    let numbers = wd.csv("output/numbers.csv");
    let text = std::fs::read_to_string(repo("input/000_1689c01381eaf4da.txt")).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let peacekeepers = numbers.iter().find(|r| &r[4] == "almost 2,000 Russian peacekeepers").expect("the peacekeepers number");
    assert_eq!((&peacekeepers[5], &peacekeepers[6], &peacekeepers[7], &peacekeepers[8], &peacekeepers[9]), ("2000", "", "peacekeepers", "approx", "count"));
    // Dates are ISO 8601, which spreadsheets read as dates; other kinds stay plain numbers.
    let dates: Vec<_> = numbers.iter().filter(|r| &r[9] == "date").collect();
    assert!(!dates.is_empty() && dates.iter().all(|r| r[5].len() >= 7 && r[5].as_bytes()[4] == b'-'), "{dates:?}");
    assert!(numbers.iter().any(|r| &r[4] == "Nov. 10" && &r[5] == "2020-11-10" && &r[7] == "day"), "Nov. 10 as 2020-11-10");
    assert!(numbers.iter().filter(|r| &r[9] != "date").all(|r| r[5].parse::<f64>().is_ok()), "numeric kinds stay numeric");
    // Offsets are code point indices into the original file.
    for row in numbers.iter().filter(|r| &r[0] == "000_1689c01381eaf4da") {
        let (start, end): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        assert_eq!(chars[start..end].iter().collect::<String>().replace('\n', " "), &row[4]);
    }
    let claims = wd.csv("output/claims.csv");
    assert!(claims.iter().any(|r| r[4].contains("2,000 Russian peacekeepers") && r[7].contains("2000 peacekeepers")));
    assert!(!wd.path("output/.claims.csv.partial").exists());
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let wd = Workdir::new();
    wd.sample_input();
    assert!(run_text_only(&wd, &["-o", "one", "--threads", "1"]).status.success());
    assert!(run_text_only(&wd, &["-o", "two", "--threads", "2"]).status.success());
    for name in ["claims.csv", "numbers.csv", "manifest.csv", "entities.csv"] {
        assert_eq!(wd.read(&format!("one/{name}")), wd.read(&format!("two/{name}")), "{name}");
    }
}

#[test]
fn bad_input_is_reported_and_the_run_goes_on() {
    let wd = Workdir::new();
    wd.create("in/good.txt", "Putin sent about 5,000 troops. They stayed for five years.");
    wd.create("in/empty.txt", "  \n");
    wd.create("in/binary.dat", b"\x7fELF\x00\x01\x02");
    wd.create("in/latin1.txt", b"Caf\xe9 prices rose 5%.");
    wd.create("in/dump.jsonl", "{\"id\": \"a\", \"text\": \"Over 300 people came.\"}\n{not json\n{\"id\": \"b\", \"body\": \"x\"}\n");
    let out = run_text_only(&wd, &["in", "missing.txt"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = wd.csv("output/manifest.csv");
    let status = |id: &str| manifest.iter().find(|r| &r[0] == id).map(|r| (r[2].to_string(), r[3].to_string())).unwrap_or_else(|| panic!("{id} not in manifest"));
    assert_eq!(status("good").0, "ok");
    assert_eq!(status("a").0, "ok");
    assert!(status("empty").1.starts_with("empty"));
    assert!(status("binary").1.starts_with("binary"));
    assert!(status("latin1").1.contains("invalid UTF-8 at byte 3"));
    assert!(status("dump:2").1.starts_with("malformed JSON"));
    assert!(status("b").1.contains("--text-field"));
    assert_eq!(status("missing").1, "no such file or directory");
    assert_eq!(manifest.len(), 8, "every input is in the manifest");
    let err = stderr(&out);
    assert!(err.contains("dump.jsonl:2") && err.contains("latin1.txt"), "{err}");
}

#[test]
fn nothing_processable_exits_non_zero() {
    let wd = Workdir::new();
    wd.create("in/empty.txt", "");
    let out = run_text_only(&wd, &["in"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no document could be processed"));
}

#[test]
fn unwritable_output_is_an_error_naming_the_path() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "One sentence.");
    wd.create("blocked", "a file where the output directory should be");
    let out = run_text_only(&wd, &["in", "-o", "blocked"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("blocked"), "{}", stderr(&out));
}

#[test]
fn jsonl_format_and_excel_bom() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "Nearly 40% of voters, about 5,000 people, came.");
    assert!(run_text_only(&wd, &["in", "--format", "jsonl"]).status.success());
    let line = wd.read("output/documents.jsonl");
    let doc: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(doc["doc_id"], "a");
    assert_eq!(doc["sentences"][0]["numbers"][0]["value"], "40");
    assert!(run_text_only(&wd, &["in", "--excel", "-o", "xl"]).status.success());
    assert!(wd.read("xl/claims.csv").starts_with('\u{feff}'));
}

#[test]
fn stdin_is_a_document() {
    let wd = Workdir::new();
    let all = text_only(&["-"]);
    let out = wd.run_with_stdin(&all.iter().map(String::as_str).collect::<Vec<_>>(), "They waited for five years.");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(wd.read("output/numbers.csv").contains("stdin,0,"));
}

#[test]
fn split_and_numbers_print_json_lines() {
    let wd = Workdir::new();
    let out = wd.run_with_stdin(&["split", "--lines"], "Mr. Smith left. He came back.\nSecond line.\n");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!((lines[0]["text"].as_str(), lines[0]["line"].as_u64()), (Some("Mr. Smith left."), Some(1)));
    assert_eq!((lines[2]["start"].as_u64(), lines[2]["line"].as_u64()), (Some(0), Some(2)));
    let out = wd.run_with_stdin(&["numbers"], "Aliyev’s army took less than 5% of it.");
    let n: serde_json::Value = serde_json::from_str(String::from_utf8(out.stdout).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!((n["value"].as_str(), n["unit"].as_str(), n["qualifier"].as_str(), n["kind"].as_str()), (Some("5"), Some("%"), Some("lt"), Some("percent")));
    assert!(n["value_max"].is_null());
    // A range keeps both ends; a date is ISO 8601.
    let out = wd.run_with_stdin(&["numbers", "--year", "2020"], "Between 5 and 9 people died on Oct. 19.");
    let found: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((found[0]["value"].as_str(), found[0]["value_max"].as_str(), found[0]["qualifier"].as_str()), (Some("5"), Some("9"), Some("range")));
    assert_eq!((found[1]["value"].as_str(), found[1]["kind"].as_str()), (Some("2020-10-19"), Some("date")));
    assert_eq!((n["start"].as_u64(), n["end"].as_u64()), (Some(19), Some(31)), "code points, not bytes");
}

#[test]
fn closed_stdout_pipe_exits_cleanly() {
    let wd = Workdir::new();
    wd.create("big.txt", "One sentence here. ".repeat(200_000));
    let mut child = wd.command(&["split", "big.txt"]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is dropped here, closing the pipe.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("One sentence here."));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn run_with_models_fills_entities_and_stance() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "Russian President Vladimir Putin met Ilham Aliyev in Moscow. Putin said the Kremlin won.");
    let ner = repo("tests/fixtures/tiny-ner");
    let stance = repo("tests/fixtures/tiny-stance");
    let out = wd.run(&[
        "run", "in", "--quiet", "--ner-model", ner.to_str().unwrap(), "--stance-model", stance.to_str().unwrap(),
        "--stance-types", "PER,ORG,LOC,MISC", "--target", "Russia=Russia,Kremlin,Moscow",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entities = wd.csv("output/entities.csv");
    assert!(!entities.is_empty());
    // Every named entity row of a stance type has a stance from the model's labels.
    for row in entities.iter().filter(|r| &r[6] != "TARGET") {
        assert!(["neutral", "against", "favor"].contains(&&row[8]), "{row:?}");
    }
    let targets: Vec<_> = entities.iter().filter(|r| &r[6] == "TARGET").collect();
    assert_eq!(targets.iter().map(|r| &r[4]).collect::<Vec<_>>(), ["Moscow", "Kremlin"]);
    assert!(targets.iter().all(|r| &r[5] == "Russia"));
    let manifest = wd.csv("output/manifest.csv");
    assert_eq!(&manifest[0][6], entities.iter().filter(|r| &r[6] != "TARGET").count().to_string().as_str());
}

#[test]
fn a_person_named_by_pronoun_gets_a_stance_row_at_the_pronoun() {
    let wd = Workdir::new();
    // Multibyte text first, so code point and byte offsets differ.
    let text = "“Russian” President Vladimir Putin met Ilham Aliyev in Moscow. His decision was a clever gambit.";
    wd.create("in/a.txt", text);
    let (ner, stance) = (repo("models/ner"), repo("models/stance"));
    let models = ["--ner-model", ner.to_str().unwrap(), "--stance-model", stance.to_str().unwrap()];
    let out = wd.run(&[&["run", "in", "--quiet"][..], &models].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let entities = wd.csv("output/entities.csv");
    let pronouns: Vec<_> = entities.iter().filter(|r| &r[6] == "PRONOUN").collect();
    assert_eq!(pronouns.len(), 1, "{entities:?}");
    let [start, end]: [usize; 2] = [2, 3].map(|k| pronouns[0][k].parse().unwrap());
    assert_eq!(text.chars().skip(start).take(end - start).collect::<String>(), "His");
    assert_eq!(&pronouns[0][4], "His");
    assert_eq!(&pronouns[0][5], "Vladimir Putin");
    assert!(["neutral", "against", "favor"].contains(&&pronouns[0][8]));
    let manifest = wd.csv("output/manifest.csv");
    assert_eq!(&manifest[0][6], entities.iter().filter(|r| &r[6] != "PRONOUN").count().to_string().as_str());

    let out = wd.run(&[&["run", "in", "--quiet", "--no-pronouns", "-o", "plain"][..], &models].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let plain = wd.csv("plain/entities.csv");
    assert!(plain.iter().any(|r| &r[6] == "PER") && plain.iter().all(|r| &r[6] != "PRONOUN"), "{plain:?}");
}

#[test]
fn a_stance_does_not_change_when_another_target_is_asked_for() {
    let wd = Workdir::new();
    wd.create(
        "in/a.txt",
        "Putin's diplomacy outmaneuvered Erdogan in Karabakh. The ceasefire left Armenia weaker and Azerbaijan stronger. \
         Pashinyan signed the ceasefire under pressure from the Kremlin. Aliyev called the ceasefire a victory for Baku.",
    );
    let (ner, stance) = (repo("models/ner"), repo("models/stance"));
    let models = ["--ner-model", ner.to_str().unwrap(), "--stance-model", stance.to_str().unwrap()];
    let named = |dir: &str| -> Vec<csv::StringRecord> {
        wd.csv(&format!("{dir}/entities.csv")).into_iter().filter(|r| &r[6] != "TARGET").collect()
    };
    let out = wd.run(&[&["run", "in", "--quiet", "-o", "plain"][..], &models].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = wd.run(&[&["run", "in", "--quiet", "-o", "targeted", "--target", "the ceasefire=ceasefire"][..], &models].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(wd.csv("targeted/entities.csv").iter().filter(|r| &r[6] == "TARGET").count(), 3);
    // Same rows, same stance labels and scores, to the last digit.
    assert_eq!(named("plain"), named("targeted"));
}

#[test]
fn a_named_model_folder_that_is_missing_is_an_error() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "Text.");
    let out = wd.run(&["run", "in", "--ner-model", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere") && stderr(&out).contains("config.json"), "{}", stderr(&out));
}

#[test]
fn cache_recomputes_only_new_articles_and_changes_no_output() {
    let wd = Workdir::new();
    wd.sample_input();
    let (ner, stance) = (repo("tests/fixtures/tiny-ner"), repo("tests/fixtures/tiny-stance"));
    let run = |out_dir: &str, cache: bool| {
        let mut args = vec!["run", "input", "-o", out_dir, "--ner-model", ner.to_str().unwrap(), "--stance-model", stance.to_str().unwrap(), "--target", "Russia=Russia,Kremlin"];
        if cache {
            args.extend(["--cache", "cache"]);
        }
        let out = wd.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    assert!(run("first", true).contains("0 of 5 documents reused"));
    wd.create("input/zz_new.txt", "Vladimir Putin met Recep Tayyip Erdogan in Sochi. Russia gained 5% of the market.");
    assert!(run("second", true).contains("5 of 6 documents reused"));
    run("uncached", false);
    for file in ["claims.csv", "entities.csv", "numbers.csv", "manifest.csv"] {
        assert_eq!(wd.read(&format!("second/{file}")), wd.read(&format!("uncached/{file}")), "{file}");
    }
    // Other models or settings never reuse an entry.
    let out = wd.run(&["run", "input", "-o", "third", "--ner-model", ner.to_str().unwrap(), "--no-stance", "--cache", "cache"]);
    assert!(stderr(&out).contains("0 of 6 documents reused"), "{}", stderr(&out));
}

#[test]
fn a_model_with_its_weights_in_data_files_runs_the_same_and_its_data_files_key_the_cache() {
    let wd = Workdir::new();
    wd.sample_input();
    // training/split_weights.py wrote the fixture: tiny-stance's int8 graph
    // with its weights moved to two external data files.
    let split = wd.path("split");
    std::fs::create_dir(&split).unwrap();
    for entry in std::fs::read_dir(repo("tests/fixtures/tiny-stance-split")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), split.join(entry.file_name())).unwrap();
    }
    let ner = repo("tests/fixtures/tiny-ner");
    let run = |out_dir: &str, stance: &Path| {
        let out = wd.run(&["run", "input", "-o", out_dir, "--ner-model", ner.to_str().unwrap(), "--stance-model", stance.to_str().unwrap(), "--cache", "cache"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stderr(&out)
    };
    run("whole", &repo("tests/fixtures/tiny-stance"));
    assert!(run("parts", &split).contains("0 of 5 documents reused"));
    assert_eq!(wd.read("parts/claims.csv"), wd.read("whole/claims.csv"));
    assert!(run("again", &split).contains("5 of 5 documents reused"));
    // Other weights in a data file are another model: no entry is reused.
    let data = split.join("model.int8.onnx.data1");
    let mut bytes = std::fs::read(&data).unwrap();
    bytes[0] = bytes[0].wrapping_add(1);
    std::fs::write(&data, bytes).unwrap();
    assert!(run("changed", &split).contains("0 of 5 documents reused"));
}

#[test]
fn eval_of_a_saved_run_scores_what_the_pipeline_path_scores() {
    let wd = Workdir::new();
    wd.sample_input();
    let gold = repo("tests/fixtures/gold");
    let ner = repo("tests/fixtures/tiny-ner");
    let models = ["--ner-model", ner.to_str().unwrap(), "--no-stance"];
    let out = wd.run(&[&["run", "input", "--quiet"][..], &models].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let json = |args: &[&str]| -> serde_json::Value {
        let out = wd.run(&[&["eval", "--gold", gold.to_str().unwrap(), "--json"][..], args].concat());
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let saved = json(&["--pred", "output"]);
    let pipeline = json(&[&["input"][..], &models].concat());
    assert_eq!(saved["entities"], pipeline["entities"]);
    assert_eq!(saved["numbers"], pipeline["numbers"]);
    assert!(saved["numbers"]["correct"].as_u64().unwrap() > 0);
    // What a saved run cannot tell is left out rather than scored as zero.
    assert!(saved["sentences"].is_null() && !pipeline["sentences"].is_null());

    let out = wd.run(&["eval", "--gold", gold.to_str().unwrap(), "--pred", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
}
