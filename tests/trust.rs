//! Output a user can trust (issue 29): hostile cells, repeated ids, other
//! languages, two runs into one folder, killed runs, full disks, HTML
//! references and the single-purpose subcommands, on the real binary.

mod common;

use common::*;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A test that needs a tool or a privilege this machine may lack: in CI
/// (`CI` set, where `.ci/run` installs it) its absence fails the test;
/// elsewhere the test says on stderr that it did not run, and why.
fn unavailable(what: &str) -> bool {
    if std::env::var_os("CI").is_some() {
        panic!("{what}: .ci/run should have provided it");
    }
    eprintln!("NOT RUN: {what} (CI runs it)");
    true
}

fn jsonl(objects: &[serde_json::Value]) -> String {
    objects.iter().map(|o| format!("{o}\n")).collect()
}

const HOSTILE: [&str; 5] = [
    "=HYPERLINK(\"http://example.com/x\",\"x\") claimed 300 casualties.",
    "+cmd|' /C calc'!A0 said Erdogan, who sent 40 officers.",
    "-5 degrees was the low on Monday, and 12 roads closed.",
    "@SUM(1+1) was the headline of 3 papers.",
    "\tTabbed lead: prices rose 5% in March.",
];

fn hostile_input(wd: &Workdir) {
    let docs: Vec<serde_json::Value> =
        HOSTILE.iter().enumerate().map(|(i, text)| {
            // The splitter drops the tab that leads the fifth article; its id keeps one.
            let id = if i == 4 { "\tdoc4".to_string() } else { format!("-doc{i}") };
            serde_json::json!({"id": id, "text": text})
        }).collect();
    wd.create("in/hostile.jsonl", jsonl(&docs));
}

#[test]
fn csv_text_cells_that_a_spreadsheet_would_run_get_a_quote_and_numbers_stay_numbers() {
    let wd = Workdir::new();
    hostile_input(&wd);
    let out = run_text_only(&wd, &["in", "--any-language"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let claims = wd.csv("output/claims.csv");
    assert_eq!(claims.len(), HOSTILE.len());
    for row in &claims[..4] {
        assert!(row[0].starts_with("'-doc"), "doc_id is guarded: {row:?}");
        assert!(row[4].starts_with('\''), "sentence is guarded: {row:?}");
    }
    assert_eq!(&claims[4][0], "'\tdoc4");
    assert!(claims.iter().all(|row| !row[7].starts_with(['=', '+', '-', '@'])), "numbers cells: {claims:?}");
    // The cell is the sentence after the guard (tabs become spaces in one-line cells).
    assert_eq!(&claims[0][4], &format!("'{}", HOSTILE[0]));
    let numbers = wd.csv("output/numbers.csv");
    let minus_five = numbers.iter().find(|r| r[4].contains("-5 degrees")).expect("the -5 degrees number");
    assert_eq!((&minus_five[4], &minus_five[5]), ("'-5 degrees", "-5"), "text guarded, value a number");
    assert!(wd.csv("output/manifest.csv").iter().all(|r| r[0].starts_with("'-doc") || &r[0] == "'\tdoc4"));

    // --raw-cells writes the cells as found.
    let out = run_text_only(&wd, &["in", "--any-language", "--raw-cells", "-o", "raw"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let raw = wd.csv("raw/claims.csv");
    assert_eq!(&raw[0][4], HOSTILE[0]);
    assert_eq!(&raw[0][0], "-doc0");

    // JSON Lines is never altered.
    let out = run_text_only(&wd, &["in", "--any-language", "--format", "jsonl", "-o", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first: serde_json::Value = serde_json::from_str(wd.read("json/documents.jsonl").lines().next().unwrap()).unwrap();
    assert_eq!((first["doc_id"].as_str(), first["sentences"][0]["text"].as_str()), (Some("-doc0"), Some(HOSTILE[0])));
}

/// The cell of a CSV file converted by LibreOffice to a flat ODF sheet, and
/// whether LibreOffice made it a formula.
fn libreoffice_cells(csv_path: &Path, out_dir: &Path) -> Vec<(String, bool)> {
    // comma, double quote, UTF-8, from line 1, standard cells, default
    // language, quoted fields not forced to text, special numbers off,
    // (4 export-only tokens), and token 13: evaluate formulas ON, the setting
    // under which a formula cell is dangerous.
    let filter = "CSV:44,34,76,1,,0,false,false,false,false,false,-1,true";
    let profile = out_dir.join("profile");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", &format!("--infilter={filter}"), "--convert-to", "fods", "--outdir"])
        .arg(out_dir)
        .arg(csv_path)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "{}", stderr(&status));
    let fods = std::fs::read_to_string(out_dir.join(csv_path.with_extension("fods").file_name().unwrap())).unwrap();
    // Each <table:table-cell ...>...</table:table-cell> of the first column.
    fods.split("<table:table-row").skip(1).filter_map(|row| {
        let cell = row.split("<table:table-cell").nth(1)?;
        let (attributes, body) = cell.split_once('>')?;
        let text = body.split("<text:p>").nth(1).map_or("", |t| t.split("</text:p>").next().unwrap_or(""));
        let text = text.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        Some((text, attributes.contains("table:formula=")))
    }).collect()
}

#[test]
fn guarded_cells_open_as_text_in_libreoffice_and_raw_ones_as_formulas() {
    if Command::new("soffice").arg("--version").output().is_err() && unavailable("LibreOffice (soffice) not found: apt-get install libreoffice-calc-nogui") {
        return;
    }
    let wd = Workdir::new();
    let cells = ["=1+1", "+2+3", "-4+5", "@SUM(1,1)", "plain text", "=HYPERLINK(\"http://example.com\",\"x\")"];
    let mut writer = csv::Writer::from_path(wd.path("guarded.csv")).unwrap();
    let mut raw = csv::Writer::from_path(wd.path("raw.csv")).unwrap();
    for cell in cells {
        writer.write_record([claimsift::output::guard_formula(cell).as_ref()]).unwrap();
        raw.write_record([cell]).unwrap();
    }
    writer.flush().unwrap();
    raw.flush().unwrap();
    let guarded = libreoffice_cells(&wd.path("guarded.csv"), wd.dir.path());
    let unguarded = libreoffice_cells(&wd.path("raw.csv"), wd.dir.path());
    assert_eq!(guarded.len(), cells.len(), "{guarded:?}");
    for ((cell, (text, formula)), (_, raw_formula)) in cells.iter().zip(&guarded).zip(&unguarded) {
        assert!(!formula, "{cell:?} opened as a formula: {text:?}");
        // The guard leaves the text readable: the cell holds it after the quote.
        assert!(text.ends_with(cell), "{cell:?} shows as {text:?}");
        // The control: without the guard LibreOffice runs it. (LibreOffice
        // reads only `=` as a formula in CSV; Excel also reads + - @.)
        assert_eq!(*raw_formula, cell.starts_with('='), "{cell:?} unguarded");
    }

    // The real output too: claims.csv of hostile articles has no formula cell.
    hostile_input(&wd);
    assert!(run_text_only(&wd, &["in", "--any-language"]).status.success());
    let sheet = wd.path("sheet");
    std::fs::create_dir_all(&sheet).unwrap();
    std::fs::copy(wd.path("output/claims.csv"), sheet.join("claims.csv")).unwrap();
    let claims = libreoffice_cells(&sheet.join("claims.csv"), &sheet);
    assert_eq!(claims.len(), HOSTILE.len() + 1, "{claims:?}");
    assert!(claims.iter().all(|(_, formula)| !formula), "{claims:?}");
}

#[test]
fn a_repeated_id_gets_a_distinct_stable_doc_id_a_note_and_a_warning() {
    let wd = Workdir::new();
    let docs = [
        serde_json::json!({"id": "a", "text": "Putin sent about 5,000 troops."}),
        serde_json::json!({"id": "b", "text": "Aliyev spoke for 20 minutes."}),
        serde_json::json!({"id": "a", "text": "Erdogan sent 300 officers."}),
        serde_json::json!({"id": "a", "text": "Pashinyan signed 9 points."}),
    ];
    wd.create("in/dump.jsonl", jsonl(&docs));
    let out = run_text_only(&wd, &["in", "--threads", "1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = wd.csv("output/manifest.csv");
    let ids: Vec<&str> = manifest.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["a", "b", "a#2", "a#3"]);
    assert_eq!(&manifest[2][3], "duplicate id \"a\" (first at in/dump.jsonl:1), written as \"a#2\"");
    assert_eq!(&manifest[2][2], "ok");
    let numbers = wd.csv("output/numbers.csv");
    assert_eq!(numbers.iter().map(|r| r[0].to_string()).collect::<Vec<_>>(), ["a", "b", "a#2", "a#3"]);
    let err = stderr(&out);
    assert!(err.contains("in/dump.jsonl:3: duplicate id \"a\"") && err.contains("in/dump.jsonl:4"), "{err}");
    // Stable across thread counts.
    assert!(run_text_only(&wd, &["in", "--threads", "2", "-o", "two"]).status.success());
    assert_eq!(wd.read("output/manifest.csv"), wd.read("two/manifest.csv"));
}

#[test]
fn documents_not_in_english_are_skipped_with_their_language_unless_any_language() {
    let wd = Workdir::new();
    let docs = [
        serde_json::json!({"id": "fr", "text": "Le président a annoncé mardi une hausse des impôts pour les entreprises. Selon le ministère, près de 2 000 soldats russes sont déployés dans la région. Les syndicats ont appelé à une grève générale jeudi, et plusieurs milliers de manifestants sont attendus devant l'Assemblée nationale, où le débat sur le budget doit reprendre la semaine prochaine."}),
        // One English sentence that whatlang itself calls French, reliably: too short to decide.
        serde_json::json!({"id": "one", "text": "Wuhan consumes more than 200 million disposable plastic containers a year, the newspaper said."}),
        serde_json::json!({"id": "quote", "text": "\"C'est la vie, mes amis, on ne peut rien y faire,\" the French ambassador told reporters in Paris on Monday, shrugging off the decision, before adding that talks with Moscow would continue next week despite the setback and 300 arrests."}),
        serde_json::json!({"id": "short", "text": "Putin won 5 votes."}),
        serde_json::json!({"id": "en", "text": "The ceasefire left Armenia weaker and Azerbaijan stronger, analysts said on Tuesday, after six weeks of fighting that killed 5,000 people."}),
    ];
    wd.create("in/dump.jsonl", jsonl(&docs));
    let out = run_text_only(&wd, &["in"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = wd.csv("output/manifest.csv");
    let row = |id: &str| manifest.iter().find(|r| &r[0] == id).unwrap().clone();
    assert_eq!((&row("fr")[2], &row("fr")[3], &row("fr")[8]), ("skipped", "not English (fra)", "fra"));
    assert_eq!((&row("quote")[2], &row("quote")[8]), ("ok", "eng"), "an English article quoting French");
    assert_eq!(&row("one")[2], "ok", "one English sentence is never skipped");
    assert_eq!(&row("short")[2], "ok", "a short English text");
    assert_eq!((&row("en")[2], &row("en")[8]), ("ok", "eng"));
    assert!(stderr(&out).contains("not English (fra)"));

    let out = run_text_only(&wd, &["in", "--any-language", "-o", "any"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest = wd.csv("any/manifest.csv");
    let fr = manifest.iter().find(|r| &r[0] == "fr").unwrap();
    assert_eq!((&fr[2], &fr[8]), ("ok", "fra"));
}

#[test]
fn a_second_run_into_a_folder_in_use_fails_at_once_naming_it() {
    let wd = Workdir::new();
    // The first run reads stdin, so it holds the folder until stdin closes.
    let all = text_only(&["-", "-o", "shared"]);
    let mut first = wd.command(&all.iter().map(String::as_str).collect::<Vec<_>>()).stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !wd.path("shared/.manifest.csv.partial").exists() {
        assert!(Instant::now() < deadline, "the first run never opened its output");
        std::thread::sleep(Duration::from_millis(20));
    }
    wd.create("in/a.txt", "Putin sent 5,000 troops.");
    let started = Instant::now();
    let second = run_text_only(&wd, &["in", "-o", "shared"]);
    assert_eq!(second.status.code(), Some(2));
    let err = stderr(&second);
    assert!(err.contains("output folder shared is in use by another claimsift run"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20), "it fails at once");
    assert!(first.try_wait().unwrap().is_none(), "the first run is still going");
    first.stdin.take().unwrap().write_all(b"They waited for five years.").unwrap();
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(wd.read("shared/numbers.csv").contains("five years"), "the first run's output is whole");
    // Once it is done the folder is free again.
    assert!(run_text_only(&wd, &["in", "-o", "shared"]).status.success());
}

#[test]
fn a_killed_run_resumes_with_its_cache_to_the_same_bytes() {
    let wd = Workdir::new();
    // 40 distinct articles from the sample ones, so a run takes a while.
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(repo("input")).unwrap().map(Result::unwrap) {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for copy in 0..8 {
            docs.push(serde_json::json!({"id": format!("{}-{copy}", entry.file_name().to_string_lossy()), "text": format!("Copy {copy} says 1{copy} people came.\n\n{text}")}));
        }
    }
    docs.sort_by_key(|d| d["id"].as_str().unwrap().to_string());
    wd.create("in/dump.jsonl", jsonl(&docs));
    let (ner, stance) = (repo("tests/fixtures/tiny-ner"), repo("tests/fixtures/tiny-stance"));
    let args = |out_dir: &'static str, cache: bool| -> Vec<String> {
        let mut a: Vec<String> = ["run", "in", "-o", out_dir, "--threads", "1", "--ner-model", ner.to_str().unwrap(), "--stance-model", stance.to_str().unwrap()]
            .iter()
            .map(|s| s.to_string())
            .collect();
        if cache {
            a.extend(["--cache".into(), "cache".into()]);
        }
        a
    };
    let strs = |a: &[String]| a.iter().map(String::clone).collect::<Vec<_>>();
    let killed_args = strs(&args("resumed", true));
    let mut child = wd.command(&killed_args.iter().map(String::as_str).collect::<Vec<_>>()).stderr(Stdio::null()).spawn().unwrap();
    let cache_entries = || -> usize {
        std::fs::read_dir(wd.path("cache"))
            .map(|dirs| dirs.filter_map(Result::ok).filter(|d| d.path().is_dir()).map(|d| std::fs::read_dir(d.path()).map_or(0, |f| f.count())).sum())
            .unwrap_or(0)
    };
    let deadline = Instant::now() + Duration::from_secs(300);
    while cache_entries() < 10 {
        assert!(child.try_wait().unwrap().is_none(), "the run ended before it could be killed");
        assert!(Instant::now() < deadline, "no progress");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let reused_at_least = cache_entries();
    assert!(!wd.path("resumed/claims.csv").exists(), "a killed run leaves no complete-looking file");
    assert!(wd.path("resumed/.claims.csv.partial").exists());

    let out = wd.run(&killed_args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("removed 4 partial files left in resumed by an interrupted run"), "{err}");
    let reused: usize = err
        .split("cache cache: ")
        .nth(1)
        .and_then(|s| s.split(" of 40 documents reused").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no reuse line: {err}"));
    assert!(reused >= reused_at_least.min(40) - 1 && reused < 40, "{reused} reused, {reused_at_least} cached before the kill");
    assert!(!wd.path("resumed/.claims.csv.partial").exists());

    let fresh = strs(&args("uninterrupted", false));
    let out = wd.run(&fresh.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["claims.csv", "entities.csv", "numbers.csv", "manifest.csv"] {
        assert!(std::fs::read(wd.path(&format!("resumed/{file}"))).unwrap() == std::fs::read(wd.path(&format!("uninterrupted/{file}"))).unwrap(), "{file} differs");
    }
}

/// Runs `script` (sh) in a private mount namespace, where it may mount a
/// small tmpfs; None when this machine allows no such namespace.
fn in_mount_namespace(wd: &Workdir, script: &str) -> Option<std::process::Output> {
    for flags in [&["--mount"][..], &["--mount", "--map-root-user"][..]] {
        let probe = Command::new("unshare").args(flags).args(["sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]).output();
        if probe.is_ok_and(|p| p.status.success()) {
            let out = Command::new("unshare")
                .args(flags)
                .args(["sh", "-c", script])
                .current_dir(wd.dir.path())
                .env("CLAIMSIFT", env!("CARGO_BIN_EXE_claimsift"))
                .output()
                .unwrap();
            return Some(out);
        }
    }
    None
}

#[test]
fn a_full_disk_exits_2_naming_the_file_and_leaves_no_final_file() {
    let wd = Workdir::new();
    wd.sample_input();
    std::fs::create_dir_all(wd.path("full")).unwrap();
    // 16 KiB: the header rows fit, the sample's rows do not.
    let script = "mount -t tmpfs -o size=16k tmpfs full && \"$CLAIMSIFT\" run input --no-ner --quiet -o full/out; echo \"exit=$?\"; ls -a full/out";
    let Some(out) = in_mount_namespace(&wd, script) else {
        if unavailable("no mount namespace to mount a small tmpfs in (needs root or user namespaces)") {
            return;
        }
        unreachable!()
    };
    let (stdout, err) = (String::from_utf8_lossy(&out.stdout).into_owned(), stderr(&out));
    assert!(stdout.contains("exit=2"), "{stdout}{err}");
    assert!(err.contains("No space left on device") && err.contains("full/out/"), "{err}");
    assert_eq!(err.matches("No space left on device").count(), 1, "one message: {err}");
    assert!(!stdout.contains(".csv"), "no final nor partial file is left: {stdout}");

    // Standard output on a full device: the same exit code and a message.
    let out = wd.command(&["split", "input"]).stdout(std::fs::File::create("/dev/full").unwrap()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("standard output") && stderr(&out).contains("No space left on device"), "{}", stderr(&out));
}

const REFERENCES_PAGE: &str = "<html><head><title>Caf&eacute; &amp; co</title><style>p{}</style></head><body>\
<p>Caf&eacute; owners in &Aring;se paid &frac12; of 5,000 m&sup2; rents &mdash; &#8220;a lot&#x201D;, said &#X41;li.</p>\
<p>Prices rose 5&#37; &copy 2020 &bogus; &#; &#xZZ; &amp x &lt;b&gt; &NotEqualTilde; and 3&nbsp;million left.</p></body></html>";

#[test]
fn html_references_are_decoded_and_offsets_point_into_the_file() {
    let wd = Workdir::new();
    wd.create("in/page.html", REFERENCES_PAGE);
    let out = run_text_only(&wd, &["in"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let file: Vec<char> = REFERENCES_PAGE.chars().collect();
    let claims = wd.csv("output/claims.csv");
    assert_eq!(&claims[0][4], "Café owners in Åse paid ½ of 5,000 m² rents — “a lot”, said Ali.");
    assert!(claims[1][4].starts_with("Prices rose 5% © 2020 &bogus; &#; &#xZZ; & x <b> \u{2242}\u{338} and 3 million left."), "{}", &claims[1][4]);
    let numbers = wd.csv("output/numbers.csv");
    let source = |row: &csv::StringRecord| -> String {
        let (start, end): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        file[start..end].iter().collect()
    };
    let area = numbers.iter().find(|r| r[4].starts_with("5,000")).expect("5,000");
    assert!(source(area).starts_with("5,000"), "{}", source(area));
    let percent = numbers.iter().find(|r| &r[4] == "5%").expect("5%");
    assert_eq!(source(percent), "5&#37;");
    let million = numbers.iter().find(|r| r[4].starts_with("3 million")).expect("3 million");
    assert!(source(million).starts_with("3&nbsp;million"), "{}", source(million));
    // Sentence offsets too: the first sentence runs from "Caf" to "li.".
    let (start, end): (usize, usize) = (claims[0][2].parse().unwrap(), claims[0][3].parse().unwrap());
    let sentence: String = file[start..end].iter().collect();
    assert!(sentence.starts_with("Caf&eacute;") && sentence.ends_with("&#X41;li."), "{sentence}");

    // `split` reads the page as `run` does: the text, with offsets into the file.
    let out = wd.run(&["split", "in/page.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.iter().all(|l| !["<p>", "</p>", "&eacute;", "<style"].iter().any(|m| l["text"].as_str().unwrap().contains(m))), "{lines:?}");
    let café = lines.iter().find(|l| l["text"].as_str().unwrap().starts_with("Café owners")).expect("the first sentence");
    assert_eq!((café["start"].as_u64(), café["end"].as_u64()), (Some(start as u64), Some(end as u64)));
}

#[test]
fn each_error_cause_is_told_once() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "One sentence.");
    wd.create("afile", "a file where the output folder should be");
    let out = run_text_only(&wd, &["in", "-o", "afile"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("afile") && err.matches("File exists").count() == 1, "{err}");

    wd.create("broken/config.json", std::fs::read(repo("tests/fixtures/tiny-ner/config.json")).unwrap());
    wd.create("broken/tokenizer.json", std::fs::read(repo("tests/fixtures/tiny-ner/tokenizer.json")).unwrap());
    wd.create("broken/model.onnx", "not a model");
    let out = wd.run(&["run", "in", "--quiet", "--no-stance", "--ner-model", "broken"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("broken") && err.matches("Protobuf parsing failed").count() == 1, "{err}");
}

#[test]
fn split_numbers_clean_and_ner_read_directories_as_run_does() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "Putin sent 5,000 troops. They stayed.");
    wd.create("in/b.html", "<p>Aliyev paid &frac12; of 300 dollars.</p><script>var x = 7;</script>");
    wd.create("in/c.jsonl", "{\"id\": \"c1\", \"text\": \"Erdogan sent 40 officers.\"}\n{\"id\": \"c2\", \"text\": \"Pashinyan left.\"}\n");
    wd.create("in/d.json", "[{\"id\": \"d1\", \"text\": \"Moscow sent 12 planes.\"}]");
    let lines = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = wd.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let sentences = lines(&["split", "in"]);
    let texts: Vec<&str> = sentences.iter().map(|l| l["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Putin sent 5,000 troops.", "They stayed.", "Aliyev paid ½ of 300 dollars.", "Erdogan sent 40 officers.", "Pashinyan left.", "Moscow sent 12 planes."]);
    assert_eq!(sentences[3]["source"].as_str(), Some("in/c.jsonl:1"));
    let numbers = lines(&["numbers", "in"]);
    let values: Vec<&str> = numbers.iter().map(|l| l["value"].as_str().unwrap()).collect();
    for value in ["5000", "300", "40", "12"] {
        assert!(values.contains(&value), "{value} in {values:?}");
    }
    let out = wd.run(&["clean", "in"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let body = String::from_utf8(out.stdout).unwrap();
    assert!(body.contains("Aliyev paid ½") && body.contains("Moscow sent 12 planes.") && !body.contains("var x"), "{body}");
    let ner = repo("tests/fixtures/tiny-ner");
    let entities = lines(&["ner", "in", "--model", ner.to_str().unwrap()]);
    assert_eq!(entities.len(), 5, "one line per document: {entities:?}");
    // A missing input is reported and the others are read.
    let out = wd.run(&["split", "in/a.txt", "nowhere.txt"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("nowhere.txt") && stderr(&out).contains("no such file"), "{}", stderr(&out));
}
