//! Scaling out: `run --shard K/N`, parts of stdin, and `claimsift merge`
//! give the output of one run over the whole dump.

mod common;
use common::*;

/// The tiny test models, with every type scored so the names and stances
/// that merge lines up are many.
fn model_args() -> Vec<String> {
    let (ner, stance) = (repo("tests/fixtures/tiny-ner"), repo("tests/fixtures/tiny-stance"));
    ["--ner-model", ner.to_str().unwrap(), "--stance-model", stance.to_str().unwrap(), "--stance-types", "PER,ORG,LOC,MISC"]
        .into_iter()
        .map(String::from)
        .chain(["--target".to_string(), "Russia=Russia,Kremlin,Moscow".to_string()])
        .collect()
}

fn run_ok(wd: &Workdir, args: &[&str]) {
    let mut all: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    all.extend(model_args());
    all.push("--quiet".into());
    let out = wd.run(&all.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
}

fn files(wd: &Workdir, dir: &str) -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = std::fs::read_dir(wd.path(dir)).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), std::fs::read(wd.path(&format!("{dir}/{n}"))).unwrap())).collect()
}

fn assert_same_output(wd: &Workdir, a: &str, b: &str) {
    let (a_files, b_files) = (files(wd, a), files(wd, b));
    assert_eq!(a_files.iter().map(|f| &f.0).collect::<Vec<_>>(), b_files.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, a_bytes), (_, b_bytes)) in a_files.iter().zip(&b_files) {
        assert!(a_bytes == b_bytes, "{a}/{name} and {b}/{name} differ");
    }
}

#[test]
fn three_shards_merge_into_the_output_of_one_run() {
    let wd = Workdir::new();
    wd.sample_input();
    // Names that line up across documents: "Putin" and "KREMLIN" take the spellings seen before.
    wd.create("input/zz_extra.txt", "Vladimir Putin spoke in Moscow. The KREMLIN said Putin would go to Yerevan.");
    for format in ["csv", "jsonl"] {
        run_ok(&wd, &["run", "input", "--format", format, "-o", &format!("whole-{format}")]);
        for k in 1..=3 {
            run_ok(&wd, &["run", "input", "--format", format, "--shard", &format!("{k}/3"), "-o", &format!("shard{k}-{format}")]);
        }
        let shards: Vec<String> = (1..=3).map(|k| format!("shard{k}-{format}")).collect();
        let mut merge = vec!["merge", "-o", "merged", "--format", format, "--quiet"];
        merge.extend(shards.iter().map(String::as_str));
        let out = wd.run(&merge);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_same_output(&wd, &format!("whole-{format}"), "merged");
        std::fs::remove_dir_all(wd.path("merged")).unwrap();
    }
    // JSON Lines shards merge into the CSV files too (what the Spark job does).
    let out = wd.run(&["merge", "shard1-jsonl", "shard2-jsonl", "shard3-jsonl", "-o", "from-jsonl", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_same_output(&wd, "whole-csv", "from-jsonl");
}

#[test]
fn slices_of_stdin_merge_into_the_run_over_the_file() {
    let wd = Workdir::new();
    let lines = [
        r#"{"id": "a", "text": "Over 300 people came to Paris."}"#,
        "",
        r#"{"text": "About 40 of them left early."}"#,
        "{not json",
        r#"{"id": "d", "text": "Prices rose by 5% in May 2020."}"#,
    ];
    wd.create("dump.jsonl", lines.join("\n") + "\n");
    assert!(run_text_only(&wd, &["dump.jsonl", "-o", "whole"]).status.success());
    // Lines 1-2 (one document) and 3-5 (documents 2-4), as a Spark job feeds them.
    for (dir, slice, first_line, first_position) in [("part1", &lines[..2], "1", "1"), ("part2", &lines[2..], "3", "2")] {
        let mut args = text_only(&["-", "--stdin-format", "json", "--stdin-name", "dump.jsonl", "-o", dir]);
        args.extend(["--stdin-first-line", first_line, "--first-position", first_position].map(String::from));
        let out = wd.run_with_stdin(&args.iter().map(String::as_str).collect::<Vec<_>>(), &(slice.join("\n") + "\n"));
        assert!(out.status.success(), "{}", stderr(&out));
    }
    // The job records the dump's size; here, the whole run's record.
    std::fs::copy(wd.path("whole/run.json"), wd.path("part2/run.json")).unwrap();
    std::fs::remove_file(wd.path("part1/run.json")).unwrap();
    let out = wd.run(&["merge", "part1", "part2", "-o", "merged"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_same_output(&wd, "whole", "merged");
    assert!(wd.read("merged/manifest.csv").contains("dump:3,dump.jsonl:3,ok,"), "{}", wd.read("merged/manifest.csv"));
}

#[test]
fn bad_shard_specs_are_clear_errors() {
    let wd = Workdir::new();
    wd.sample_input();
    for spec in ["0/3", "4/3", "a/b"] {
        let out = run_text_only(&wd, &["input", "--shard", spec]);
        assert_eq!(out.status.code(), Some(2), "{spec}");
        let err = stderr(&out);
        assert!(err.contains(spec) && err.contains("K/N with 1 <= K <= N"), "{spec}: {err}");
    }
}

#[test]
fn merge_reports_missing_duplicated_and_mismatched_shards_and_writes_nothing() {
    let wd = Workdir::new();
    wd.sample_input();
    for k in 1..=3 {
        assert!(run_text_only(&wd, &["input", "--shard", &format!("{k}/3"), "-o", &format!("s{k}")]).status.success());
    }
    // `position` is the manifest's tenth column.
    let shard_positions = |k: usize| -> Vec<String> { wd.csv(&format!("s{k}/manifest.csv")).iter().map(|r| r[9].to_string()).collect() };
    let out = wd.run(&["merge", "s1", "s2", "-o", "merged"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("in none of the outputs") && shard_positions(3).iter().all(|p| err.contains(p.as_str())), "{err}");
    assert!(!wd.path("merged/manifest.csv").exists() && !wd.path("merged/.manifest.csv.partial").exists());

    let out = wd.run(&["merge", "s1", "s2", "s3", "s1", "-o", "merged"]);
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("more than one output"), "{err}");

    assert!(run_text_only(&wd, &["input", "--shard", "3/3", "--max-doc-bytes", "100000", "-o", "s3-other"]).status.success());
    let out = wd.run(&["merge", "s1", "s2", "s3-other", "-o", "merged"]);
    let err = stderr(&out);
    assert!(!out.status.success() && err.contains("different models or settings") && err.contains("max_doc_bytes"), "{err}");
}
