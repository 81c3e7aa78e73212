//! `claimsift report` on the real binary: quantities grouped across sources,
//! stance by source, and a page that renders.

mod common;
use common::*;

use std::collections::BTreeSet;

/// Rows of a CSV file as (header → cell) maps, so tests read columns by name.
fn table(wd: &Workdir, name: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(wd.path(name)).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader.records().map(|r| headers.iter().map(String::from).zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// Runs the pipeline (no stance: the fixtures test grouping) and the report
/// over one fixture folder.
fn report_of_fixture(name: &str) -> Workdir {
    let wd = Workdir::new();
    for entry in std::fs::read_dir(repo("tests/fixtures/report").join(name)).unwrap() {
        let path = entry.unwrap().path();
        wd.create(&format!("input/{}", path.file_name().unwrap().to_string_lossy()), std::fs::read(&path).unwrap());
    }
    let out = wd.run(&["run", "input", "-o", "out", "--quiet", "--no-stance"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = wd.run(&["report", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    wd
}

#[test]
fn sample_input_puts_the_three_peacekeeper_figures_in_one_group() {
    let wd = Workdir::new();
    wd.sample_input();
    let out = wd.run(&["run", "input", "-o", "out", "--quiet", "--report"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = table(&wd, "out/quantities.csv");
    let force = rows.iter().find(|r| r["text"] == "almost 2,000 Russian peacekeepers").expect("the force size is grouped").clone();
    let group: Vec<_> = rows.iter().filter(|r| r["group"] == force["group"]).collect();
    let members: Vec<(String, &str)> = group.iter().map(|r| (r["doc_id"][..3].to_string(), r["text"].as_str())).collect();
    assert_eq!(
        members,
        vec![
            ("000".to_string(), "almost 2,000 Russian peacekeepers"),
            ("002".to_string(), "about 2000 peacekeepers"),
            ("004".to_string(), "1,960 troops"),
        ],
        "the group holds the three figures of the force and nothing else"
    );
    assert!(group.iter().all(|r| r["spread"] == "0.02" && r["label"] == "peacekeepers"), "{group:?}");
    // Every group spans two documents at least, and holds one kind.
    for id in rows.iter().map(|r| r["group"].clone()).collect::<BTreeSet<_>>() {
        let members: Vec<_> = rows.iter().filter(|r| r["group"] == id).collect();
        assert!(members.iter().map(|r| &r["doc_id"]).collect::<BTreeSet<_>>().len() >= 2);
        assert_eq!(members.iter().map(|r| &r["kind"]).collect::<BTreeSet<_>>().len(), 1);
    }

    let stance = table(&wd, "out/stance_by_source.csv");
    let putin: Vec<_> = stance.iter().filter(|r| r["canonical"] == "Vladimir Putin").collect();
    assert!(putin.len() >= 2, "Putin's stance side by side in several documents: {putin:?}");
    for r in &putin {
        let sentences: usize = ["favor", "against", "neutral"].iter().map(|c| r[*c].parse::<usize>().unwrap()).sum();
        let mean: f64 = r["mean_score"].parse().unwrap();
        assert!(sentences > 0 && (-1.0..=1.0).contains(&mean), "{r:?}");
    }
    let html = wd.read("out/report.html");
    assert!(html.contains("1,960 troops") && html.matches("<svg").count() >= 3);
}

#[test]
fn sources_that_agree_form_a_group_with_no_spread() {
    let wd = report_of_fixture("agree");
    let rows = table(&wd, "out/quantities.csv");
    let texts: Vec<_> = rows.iter().map(|r| (r["doc_id"].as_str(), r["text"].as_str(), r["spread"].as_str())).collect();
    assert_eq!(texts, vec![("a", "12 people", "0"), ("b", "Twelve people", "0")], "the rescuers and the year stay out");
}

#[test]
fn sources_that_disagree_form_one_group_with_its_spread() {
    let wd = report_of_fixture("disagree");
    let rows = table(&wd, "out/quantities.csv");
    let values: Vec<_> = rows.iter().map(|r| (r["group"].as_str(), r["doc_id"].as_str(), r["value"].as_str())).collect();
    assert_eq!(values, vec![("1", "a", "40000"), ("1", "b", "35000"), ("1", "c", "38000")]);
    assert!(rows.iter().all(|r| r["spread"] == "0.125" && r["label"] == "dockworkers"));
    // Who gives each figure: the union, the port operator, the police.
    let speakers: Vec<_> = rows.iter().map(|r| r["speaker"].as_str()).collect();
    assert_eq!(speakers, vec!["the union", "The port operator", "Police"]);
    assert!(wd.read("out/report.html").contains("according to The port operator"));
}

#[test]
fn the_dead_and_soldiers_and_years_and_ships_do_not_join() {
    // "killed 14 people" and "sent 14 soldiers": same value, same place, not
    // the same quantity; "5 years" and "5 ships": a duration is no count.
    let wd = report_of_fixture("units");
    assert!(table(&wd, "out/quantities.csv").is_empty(), "{}", wd.read("out/quantities.csv"));
}

#[test]
fn one_document_alone_forms_no_group() {
    // The same figure twice in one article is not two sources.
    let wd = report_of_fixture("single");
    assert!(table(&wd, "out/quantities.csv").is_empty());
    assert!(table(&wd, "out/stance_by_source.csv").is_empty());
    assert!(wd.read("out/report.html").contains("No quantity is stated by more than one document"));
}

#[test]
fn article_text_is_escaped_in_the_page() {
    let wd = Workdir::new();
    wd.create("input/a.txt", "Floods in Marsk\n\nThe floods killed 12 people in Marsk, <script>alert(\"owned\")</script> the \"Varga & Sons\" report said.\n");
    wd.create("input/b.txt", "Marsk Toll\n\nTwelve people died in the Marsk floods, 'officials' & <b>rescuers</b> said.\n");
    assert!(wd.run(&["run", "input", "-o", "out", "--quiet", "--no-stance"]).status.success());
    let out = wd.run(&["report", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(table(&wd, "out/quantities.csv").len(), 2, "the sentences reach the page through a group");
    let html = wd.read("out/report.html");
    assert!(!html.to_lowercase().contains("<script"), "no script element");
    assert!(!html.contains("<b>rescuers"), "article markup is text");
    assert!(html.contains("&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;"));
    assert!(html.contains("&quot;Varga &amp; Sons&quot;") && html.contains("&#39;officials&#39; &amp; &lt;b&gt;rescuers&lt;/b&gt;"));
    // Self-contained: nothing is fetched.
    for outside in ["src=", "href=", "@import", "url(", "https://"] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
}

#[test]
fn report_names_what_is_missing() {
    let wd = Workdir::new();
    let out = wd.run(&["report", "nowhere"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("manifest.csv") && err.contains("claimsift run"), "{err}");
}

/// Chromium renders the page to a PNG. CI installs Debian's `chromium` and
/// sets CLAIMSIFT_REQUIRE_CHROMIUM=1; elsewhere the test is skipped when no
/// chromium is on PATH.
#[test]
fn report_renders_in_headless_chromium() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"].into_iter().find(|b| {
        std::process::Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success())
    }) else {
        assert!(std::env::var_os("CLAIMSIFT_REQUIRE_CHROMIUM").is_none(), "CLAIMSIFT_REQUIRE_CHROMIUM is set but no chromium is on PATH");
        eprintln!("skipped: no chromium on PATH");
        return;
    };
    let wd = Workdir::new();
    wd.sample_input();
    assert!(wd.run(&["run", "input", "-o", "out", "--quiet", "--report"]).status.success());
    let page = format!("file://{}", wd.path("out/report.html").display());
    let chromium = |extra: &[&str]| {
        let profile = tempfile::tempdir().unwrap();
        let mut cmd = std::process::Command::new(browser);
        cmd.args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
            .args(["--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-logging=stderr"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(&page);
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{browser} failed: {}", stderr(&out));
        out
    };
    let dom = chromium(&["--dump-dom"]);
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert!(dom_text.contains("What the sources say"), "the page loaded");
    assert!(dom_text.matches("<svg").count() >= 3 && dom_text.contains("<circle"), "the charts are in the rendered page");
    let log = stderr(&dom);
    assert!(!log.contains("CONSOLE") && !log.contains("Failed to load"), "errors while rendering: {log}");
    let png = wd.path("report.png");
    chromium(&["--hide-scrollbars", "--window-size=1000,1400", &format!("--screenshot={}", png.display())]);
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // A blank page compresses to a few kilobytes; text and charts do not.
    assert!(bytes.len() > 40_000, "screenshot of {} bytes looks empty", bytes.len());
}

#[test]
fn sentence_embeddings_match_python_onnxruntime() {
    use claimsift::runtime::{cosine, Model, Precision, SentenceEncoder, Threads};
    let threads = Threads { total: 2, session_per_worker: true };
    let encoder = SentenceEncoder::new(Model::load(&repo("models/embed"), Precision::Int8, threads, None).unwrap());
    // Written by training/export_embed.py: int8, one sentence at a time.
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo("tests/fixtures/embed_reference.json")).unwrap()).unwrap();
    let cases = reference.as_array().unwrap();
    let texts: Vec<&str> = cases.iter().map(|c| c["text"].as_str().unwrap()).collect();
    let embeddings = encoder.embed(&texts).unwrap();
    for (case, embedding) in cases.iter().zip(&embeddings) {
        let expected: Vec<f32> = case["embedding"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect();
        assert_eq!(embedding.len(), 384);
        let worst = embedding.iter().zip(&expected).map(|(a, e)| (a - e).abs()).fold(0.0, f32::max);
        assert!(worst < 1e-4, "{}: max abs diff {worst}", case["text"]);
        assert!((cosine(embedding, embedding) - 1.0).abs() < 1e-4, "embeddings are unit vectors");
    }
}

#[test]
fn the_embedding_model_is_no_ner_model_and_report_needs_csv() {
    let wd = Workdir::new();
    wd.create("a.txt", "Putin met Aliyev in Moscow.");
    let embed = repo("models/embed");
    let out = wd.run(&["ner", "--model", embed.to_str().unwrap(), "a.txt"]);
    assert!(!out.status.success() && stderr(&out).contains("not a classification model"), "{}", stderr(&out));
    let out = wd.run(&["run", "a.txt", "--format", "jsonl", "--report", "--no-ner"]);
    assert!(!out.status.success() && stderr(&out).contains("--report reads the CSV files"), "{}", stderr(&out));
}

#[test]
fn the_report_is_the_same_whatever_the_threads() {
    let wd = report_of_fixture("disagree");
    let files = ["quantities.csv", "stance_by_source.csv", "report.html"];
    let first: Vec<String> = files.iter().map(|f| wd.read(&format!("out/{f}"))).collect();
    for threads in ["1", "3"] {
        assert!(wd.run(&["report", "out", "--threads", threads]).status.success());
        for (f, before) in files.iter().zip(&first) {
            assert_eq!(&wd.read(&format!("out/{f}")), before, "{f} with --threads {threads}");
        }
    }
}
