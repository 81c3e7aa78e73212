//! `claimsift ner`: named entities of each text, as JSON Lines.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use claimsift::document::CodepointIndex;
use claimsift::runtime::{Aggregation, SpanSet};
use serde_json::json;

use super::{models_dir, split::sentences, JsonLines, ModelArgs, TextInput};

#[derive(Args)]
pub struct NerArgs {
    #[command(flatten)]
    pub input: TextInput,
    /// Model folder [default: models/ner]
    #[arg(long, value_name = "DIR")]
    pub model: Option<PathBuf>,
    /// How subword predictions combine into word labels.
    #[arg(long, value_enum, default_value_t = Aggregation::First)]
    pub aggregation: Aggregation,
    /// Which spans to print.
    #[arg(long, value_enum, default_value_t = SpanSet::Entities)]
    pub spans: SpanSet,
    #[command(flatten)]
    pub models: ModelArgs,
}

pub fn run(args: NerArgs) -> anyhow::Result<ExitCode> {
    let folder = args.model.clone().unwrap_or_else(|| models_dir().join("ner"));
    let mut classifier = args.models.token_classifier(&folder, args.aggregation)?;
    if args.spans == SpanSet::Fine && !classifier.has_fine_types() {
        anyhow::bail!("--spans fine needs a model with a fine_type label set (such as the shipped models/ner); {} has none", folder.display());
    }
    classifier.spans = args.spans;
    let texts = args.input.texts()?;
    let mut out = JsonLines::stdout();
    // Bounded chunks: many short lines share batches, memory stays flat.
    for chunk in texts.chunks(256) {
        let sentence_ranges: Vec<Vec<std::ops::Range<usize>>> = chunk.iter().map(|t| sentences(&t.doc.text, false)).collect();
        let pieces: Vec<&str> =
            chunk.iter().zip(&sentence_ranges).flat_map(|(t, ranges)| ranges.iter().map(|r| &t.doc.text[r.clone()])).collect();
        let mut predicted = args.models.install(|| classifier.predict(&pieces))??.into_iter();
        for (text, ranges) in chunk.iter().zip(&sentence_ranges) {
            let index = CodepointIndex::new(&text.doc.text);
            let mut entities = Vec::new();
            for range in ranges {
                for span in predicted.next().unwrap_or_default() {
                    let bytes = range.start + span.start..range.start + span.end;
                    let (start, end) = text.span(&index, &bytes);
                    entities.push(json!({
                        "start": start, "end": end, "text": &text.doc.text[bytes], "type": span.label,
                        "fine_type": span.fine_type, "score": (span.score * 10_000.0).round() / 10_000.0,
                    }));
                }
            }
            out.emit(text, json!({ "entities": entities }).as_object().cloned().unwrap_or_default())?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
