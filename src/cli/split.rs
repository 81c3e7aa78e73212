//! `claimsift split`: sentences with code point offsets.

use std::process::ExitCode;

use clap::Args;
use claimsift::document::CodepointIndex;
use serde_json::json;

use super::{cp_span, JsonLines, TextInput};

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
    let body = if clean { claimsift::clean::clean(text).body } else { vec![0..text.len()] };
    claimsift::split::split(text, &body)
}

pub fn run(args: SplitArgs) -> anyhow::Result<ExitCode> {
    let mut out = JsonLines::stdout();
    for text in args.input.texts()? {
        let index = CodepointIndex::new(&text.text);
        for range in sentences(&text.text, args.clean) {
            let (start, end) = cp_span(&index, &range);
            let object = json!({"start": start, "end": end, "text": &text.text[range]});
            out.emit(&text, object.as_object().cloned().unwrap_or_default())?;
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
