//! `claimsift stance`: stance of {"text","target"} JSON Lines from stdin.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use serde_json::{json, Map, Value};

use super::{models_dir, JsonLines, ModelArgs, Text};

#[derive(Args)]
pub struct StanceArgs {
    /// Model folder [default: models/stance]
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub models: ModelArgs,
}

pub fn run(args: StanceArgs) -> anyhow::Result<ExitCode> {
    let folder = args.model.clone().unwrap_or_else(|| models_dir().join("stance"));
    let classifier = args.models.pair_classifier(&folder)?;
    let mut objects: Vec<Map<String, Value>> = Vec::new();
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.context("cannot read stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let object: Map<String, Value> =
            serde_json::from_str(&line).with_context(|| format!("stdin line {}: expected a JSON object with \"text\" and \"target\"", i + 1))?;
        for field in ["text", "target"] {
            if !object.get(field).is_some_and(Value::is_string) {
                anyhow::bail!("stdin line {}: field {field:?} is missing or not a string", i + 1);
            }
        }
        objects.push(object);
    }
    let pairs: Vec<(&str, &str)> =
        objects.iter().map(|o| (o["target"].as_str().unwrap_or_default(), o["text"].as_str().unwrap_or_default())).collect();
    let probabilities = args.models.install(|| classifier.predict(&pairs))??;
    let mut out = JsonLines::stdout();
    let no_source = Text { source: None, line: None, doc: claimsift::document::Document::new("stdin", "<stdin>", "") };
    for (mut object, probs) in objects.into_iter().zip(probabilities) {
        let best = probs.iter().enumerate().fold(0, |b, (i, &p)| if p > probs[b] { i } else { b });
        let round = |p: f32| (p * 10_000.0).round() / 10_000.0;
        let scores: Map<String, Value> = classifier.labels().iter().zip(&probs).map(|(l, &p)| (l.clone(), json!(round(p)))).collect();
        object.insert("stance".into(), classifier.labels()[best].clone().into());
        object.insert("score".into(), json!(round(probs[best])));
        object.insert("scores".into(), scores.into());
        out.emit(&no_source, object)?;
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
