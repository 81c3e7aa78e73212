//! `claimsift numbers`: every quoted number with value, unit, qualifier and kind.

use std::process::ExitCode;

use clap::Args;
use claimsift::document::CodepointIndex;
use claimsift::numbers;
use serde_json::json;

use super::{split::sentences, JsonLines, TextInput};

#[derive(Args)]
pub struct NumbersArgs {
    #[command(flatten)]
    pub input: TextInput,
    /// Remove boilerplate first, as `claimsift run` does.
    #[arg(long)]
    pub clean: bool,
    /// Year of dates written without one [default: inferred from the text]
    #[arg(long)]
    pub year: Option<i32>,
}

pub fn run(args: NumbersArgs) -> anyhow::Result<ExitCode> {
    let mut out = JsonLines::stdout();
    for text in args.input.texts()? {
        let index = CodepointIndex::new(&text.doc.text);
        let mut context = numbers::context(&text.doc.text);
        if args.year.is_some() {
            context.year = args.year;
        }
        for sentence in sentences(&text.doc.text, args.clean) {
            for n in numbers::extract(&text.doc.text, sentence, &context) {
                let (start, end) = text.span(&index, &n.range);
                let object = json!({
                    "start": start,
                    "end": end,
                    "text": &text.doc.text[n.range.clone()],
                    "value": numbers::format_value(&n),
                    "value_max": n.value_max.map(|_| numbers::format_value_max(&n)),
                    "unit": n.unit,
                    "qualifier": n.qualifier,
                    "kind": n.kind,
                });
                out.emit(&text, object.as_object().cloned().unwrap_or_default())?;
            }
        }
    }
    out.finish()?;
    Ok(ExitCode::SUCCESS)
}
