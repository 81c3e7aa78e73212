//! `claimsift eval`: the pipeline's accuracy against gold annotations.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Args;
use claimsift::document::CodepointIndex;
use claimsift::eval::{self, Predicted, Report, SavedDocument, SavedOutput, TextLayers};
use claimsift::gold::Gold;
use claimsift::ingest::{self, IngestOptions, Item};
use claimsift::numbers;
use claimsift::pipeline::Processed;
use rayon::prelude::*;

use super::PipelineArgs;

#[derive(Args)]
pub struct EvalArgs {
    /// Folder with the gold TSV files (sentences, entities, numbers, stance, boilerplate, speakers).
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// The articles the gold annotates (files or directories); documents are
    /// matched to gold by id (file name without extension).
    #[arg(default_value = "input")]
    pub inputs: Vec<PathBuf>,
    /// Score a finished run instead: the output directory of `claimsift run`
    /// (CSV format). Sentences and boilerplate are not in it, so not scored.
    #[arg(long, value_name = "DIR", conflicts_with = "inputs")]
    pub pred: Option<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
    /// List every mismatch.
    #[arg(long)]
    pub errors: bool,
    /// Fail (exit 1) when a score is under its threshold, e.g.
    /// "sentences=0.97,entities=0.85,numbers=0.95,stance=0.75,boilerplate=0.9,body=1".
    #[arg(long, value_delimiter = ',', value_parser = parse_threshold)]
    pub min: Vec<(String, f64)>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

fn parse_threshold(spec: &str) -> Result<(String, f64), String> {
    let (name, value) = spec.split_once('=').ok_or_else(|| format!("{spec:?}: expected NAME=VALUE, like entities=0.85"))?;
    let value: f64 = value.parse().map_err(|_| format!("{spec:?}: {value:?} is not a number"))?;
    Ok((name.trim().to_string(), value))
}

/// The stance rows `claimsift run` writes to entities.csv for one document:
/// (mention span in code points, [mention text, target], label).
fn stance_rows(p: &Processed) -> Vec<(std::ops::Range<usize>, Vec<String>, String)> {
    let index = CodepointIndex::new(&p.doc.text);
    let cp = |r: &std::ops::Range<usize>| p.doc.codepoint_range(&index, r.clone());
    let named = p.entities.iter().filter_map(|e| {
        let stance = p.stance_of(e)?;
        Some((cp(&e.range), vec![p.doc.text[e.range.clone()].to_string(), e.canonical.clone()], stance.label.clone()))
    });
    let mentioned = p.stances.iter().flat_map(|s| {
        s.mentions.iter().map(move |m| (cp(m), vec![p.doc.text[m.clone()].to_string(), s.target.clone()], s.label.clone()))
    });
    named.chain(mentioned).collect()
}

/// The pipeline's output for one document, in code points.
fn predicted(p: &Processed) -> Predicted {
    let index = CodepointIndex::new(&p.doc.text);
    let cp = |r: &std::ops::Range<usize>| p.doc.codepoint_range(&index, r.clone());
    Predicted {
        sentences: Some(p.sentences.iter().map(cp).collect()),
        entities: p.entities.iter().map(|e| (cp(&e.range), e.entity_type.clone())).collect(),
        numbers: p.numbers.iter().map(|(_, n)| (cp(&n.range), numbers::format_value(n), n.qualifier.as_str().to_string(), n.kind.as_str().to_string())).collect(),
        text_layers: Some(TextLayers {
            removed: p.cleaned.removed.iter().map(|r| cp(&r.range)).collect(),
            body: p.cleaned.body.iter().map(cp).collect(),
        }),
        speakers: Some(p.speakers.iter().map(|a| (cp(&p.sentences[a.sent_idx]), p.speaker_name(a).to_string(), a.cue.clone())).collect()),
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = Gold::load(&args.gold)?;
    let report = match &args.pred {
        Some(dir) => score_saved_output(&gold, dir)?,
        None => score_pipeline(&gold, &args)?,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", eval::table(&report));
    }
    if args.errors {
        for m in &report.mismatches {
            println!("{}\t{}\t{}\t{}", m.layer, m.doc, m.kind, m.detail);
        }
    }
    let mut failed = false;
    for (name, min) in &args.min {
        match report.metric(name) {
            None => bail!("unknown or unmeasured score {name:?} in --min (sentences, entities, entities.PER, numbers, stance, stance_macro_f1, boilerplate, body, speakers, speakers_accuracy)"),
            Some(value) if value < *min => {
                eprintln!("claimsift: FAIL {name} {value:.4} < {min}");
                failed = true;
            }
            Some(_) => {}
        }
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Scores a finished run's CSV files.
fn score_saved_output(gold: &Gold, dir: &std::path::Path) -> anyhow::Result<Report> {
    let saved = SavedOutput::read(dir)?;
    let wanted = gold.docs();
    let missing: Vec<&String> = wanted.iter().filter(|id| !saved.docs.contains_key(*id)).collect();
    if !missing.is_empty() {
        bail!("{} has no processed document for gold doc(s) {missing:?}: run claimsift on the articles the gold annotates", dir.display());
    }
    let mut report = Report::default();
    for id in &wanted {
        eval::score_document(&mut report, gold, id, &gold.sentence_text(id), &saved.docs[id].predicted);
    }
    if saved.docs.values().any(|d| !d.stances.is_empty()) {
        let predicted: Vec<Option<String>> = gold.stance.iter().map(|row| saved.stance_for(gold, row)).collect();
        eval::score_stance(&mut report, gold, &predicted);
    }
    Ok(report)
}

/// Runs the pipeline on the gold articles and scores it.
fn score_pipeline(gold: &Gold, args: &EvalArgs) -> anyhow::Result<Report> {
    let wanted = gold.docs();
    let options = IngestOptions::default();
    let (files, _) = ingest::discover(&args.inputs, &options);
    let docs: Vec<_> = files
        .iter()
        .flat_map(|f| ingest::read(f, &options))
        .filter_map(|item| match item {
            Item::Document(d) if wanted.contains(&d.id) => Some(d),
            _ => None,
        })
        .collect();
    let missing: Vec<&String> = wanted.iter().filter(|id| !docs.iter().any(|d| &d.id == *id)).collect();
    if !missing.is_empty() {
        bail!("no input document for gold doc(s) {missing:?}: pass the articles they annotate (file names without extension must match)");
    }
    let pipeline = args.pipeline.build(&|m| eprintln!("claimsift: warning: {m}"))?;
    let processed: Vec<Processed> = args
        .pipeline
        .models
        .install(|| docs.into_par_iter().map(|d| pipeline.process(d, None)).collect::<Result<Vec<_>, _>>())?
        .context("the pipeline failed on a gold document")?;
    let mut report = Report::default();
    for p in &processed {
        eval::score_document(&mut report, gold, &p.doc.id, &p.doc.text, &predicted(p));
    }
    if pipeline.stance.is_some() {
        let saved = SavedOutput {
            docs: processed.iter().map(|p| (p.doc.id.clone(), SavedDocument { predicted: Predicted::default(), stances: stance_rows(p) })).collect(),
        };
        let predicted: Vec<Option<String>> = gold.stance.iter().map(|row| saved.stance_for(gold, row)).collect();
        eval::score_stance(&mut report, gold, &predicted);
    }
    Ok(report)
}
