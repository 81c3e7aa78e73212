//! `claimsift split`: sentences with code point offsets.

use std::process::ExitCode;

use clap::Args;
use claimsift::document::CodepointIndex;
use serde_json::json;

use super::{JsonLines, TextInput};

#[derive(Args)]
pub struct SplitArgs {
    #[command(flatten)]
    pub input: TextInput,
    /// Remove boilerplate first, as `claimsift run` does.
    #[arg(long)]
    pub clean: bool,
}

/// Sentence byte ranges of a text, with or without boilerplate removal.
pub fn sentences(text: &str, clean: bool) -> Vec<std::ops::Range<usize>> {
    // The body is a list of ranges; without cleaning, one range: the whole text.
    let body = if clean { claimsift::clean::clean(text).body } else { std::iter::once(0..text.len()).collect() };
    claimsift::split::split(text, &body)
}

pub fn run(args: SplitArgs) -> anyhow::Result<ExitCode> {
    let mut out = JsonLines::stdout();
    for text in args.input.texts()? {
        let index = CodepointIndex::new(&text.doc.text);
        for range in sentences(&text.doc.text, args.clean) {
            let (start, end) = text.span(&index, &range);
            let object = json!({"start": start, "end": end, "text": &text.doc.text[range]});
            out.emit(&text, object.as_object().cloned().unwrap_or_default())?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
