//! `claimsift clean`: the article body without boilerplate.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::TextInput;

#[derive(Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: TextInput,
    /// List the removed lines and why, instead of printing the body.
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: CleanArgs) -> anyhow::Result<ExitCode> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for text in args.input.texts()? {
        let cleaned = claimsift::clean::clean(&text.doc.text);
        if args.explain {
            let index = claimsift::document::CodepointIndex::new(&text.doc.text);
            for removed in &cleaned.removed {
                let (start, end) = text.span(&index, &removed.range);
                let line = text.doc.text[removed.range.clone()].replace('\n', " ");
                writeln!(out, "{start}-{end}\t{}\t{}", removed.reason, line.trim()).context(super::STDOUT)?;
            }
        } else {
            let body: Vec<&str> = cleaned.body.iter().map(|r| text.doc.text[r.clone()].trim()).filter(|b| !b.is_empty()).collect();
            writeln!(out, "{}", body.join("\n\n")).context(super::STDOUT)?;
        }
    }
    out.flush().context(super::STDOUT)?;
    Ok(ExitCode::SUCCESS)
}
