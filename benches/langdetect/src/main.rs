//! whatlang against lingua on short news excerpts: accuracy, and the mean time
//! per document over 200 passes (each detector built once, outside the timing).
use std::time::Instant;

use lingua::{LanguageDetector, LanguageDetectorBuilder};

fn main() {
    let tsv = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/excerpts.tsv")).unwrap();
    let rows: Vec<(&str, &str)> = tsv.lines().skip(1).filter_map(|l| l.split_once('\t')).collect();
    let passes = 200;

    let whatlang_code = |text: &str| whatlang::detect(text).map(|i| (i.lang().code().to_string(), i.confidence(), i.is_reliable()));
    let lingua_all = LanguageDetectorBuilder::from_all_languages().build();
    let lingua_code = |d: &LanguageDetector, text: &str| {
        let values = d.compute_language_confidence_values(text);
        values.first().map(|(l, c)| (l.iso_code_639_1().to_string(), *c))
    };

    let started = Instant::now();
    let lingua_load = lingua_code(&lingua_all, "warm up the models");
    println!("lingua: first call (loads the models): {:.0} ms {lingua_load:?}", started.elapsed().as_secs_f64() * 1e3);

    let (mut w_ok, mut l_ok) = (0, 0);
    for (lang, text) in &rows {
        let w = whatlang_code(text);
        let l = lingua_code(&lingua_all, text);
        // whatlang gives ISO 639-3; compare on the 639-3 of the gold's 639-1.
        let w_right = w.as_ref().is_some_and(|(code, _, _)| iso3(lang) == code);
        let l_right = l.as_ref().is_some_and(|(code, _)| code == lang);
        w_ok += usize::from(w_right);
        l_ok += usize::from(l_right);
        println!("{lang} whatlang {:?} {} | lingua {:?} {} | {}", w, if w_right { "ok" } else { "WRONG" }, l, if l_right { "ok" } else { "WRONG" }, &text.chars().take(50).collect::<String>());
    }
    println!("accuracy: whatlang {w_ok}/{n}, lingua {l_ok}/{n}", n = rows.len());

    let started = Instant::now();
    for _ in 0..passes {
        for (_, text) in &rows {
            std::hint::black_box(whatlang_code(text));
        }
    }
    let w_us = started.elapsed().as_secs_f64() * 1e6 / (passes * rows.len()) as f64;
    let started = Instant::now();
    for _ in 0..passes {
        for (_, text) in &rows {
            std::hint::black_box(lingua_code(&lingua_all, text));
        }
    }
    let l_us = started.elapsed().as_secs_f64() * 1e6 / (passes * rows.len()) as f64;
    println!("time per document (mean of {} excerpts x {passes}): whatlang {w_us:.1} us, lingua {l_us:.1} us", rows.len());
}

fn iso3(code: &str) -> &str {
    match code {
        "en" => "eng", "fr" => "fra", "de" => "deu", "es" => "spa", "it" => "ita", "pt" => "por", "nl" => "nld",
        "ru" => "rus", "tr" => "tur", "pl" => "pol", "sv" => "swe", "uk" => "ukr", other => other,
    }
}
