//! `claimsift report DIR`: quantities and stance compared across the
//! sources of a finished run, and a page to look at.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use claimsift::report;

use super::{models_dir, ModelArgs};

#[derive(Args)]
pub struct ReportArgs {
    /// Output folder of `claimsift run` (CSV format); the report is written there.
    #[arg(default_value = "output")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub options: ReportOptions,
    #[command(flatten)]
    pub models: ModelArgs,
}

/// Options shared with `claimsift run --report`.
#[derive(Args, Clone)]
pub struct ReportOptions {
    /// Sentence embedding model folder [default: models/embed]
    #[arg(long, value_name = "DIR")]
    pub embed_model: Option<PathBuf>,
    /// Also write pairs.csv: every pair of number mentions compared, with the
    /// similarities that joined them or kept them apart.
    #[arg(long)]
    pub pairs: bool,
}

pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    write(&args.dir, &args.options, &args.models, false)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the report of the run in `dir` and prints a summary line.
pub fn write(dir: &Path, options: &ReportOptions, models: &ModelArgs, quiet: bool) -> anyhow::Result<()> {
    let folder = options.embed_model.clone().unwrap_or_else(|| models_dir().join("embed"));
    let encoder = models.sentence_encoder(&folder)?;
    let report = models
        .install(|| report::write_report(dir, &encoder, options.pairs))?
        .with_context(|| format!("cannot write the report of {}", dir.display()))?;
    if !quiet {
        let names: Vec<String> = report.written.iter().filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).collect();
        eprintln!(
            "claimsift: report: {} quantities stated by several documents, {} names with stance in several → {} ({})",
            report.groups,
            report.entities_with_stance,
            dir.display(),
            names.join(", ")
        );
    }
    Ok(())
}
