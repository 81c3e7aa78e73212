//! `claimsift merge`: the outputs of shard runs → the output of one run.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use claimsift::merge::{self, Shard, ShardFormat};
use claimsift::output::{Output, OutputFormat};

#[derive(Args)]
pub struct MergeArgs {
    /// Output directories of `claimsift run --shard K/N` (or of the Spark job).
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Directory of the merged output.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Format of the merged output [default: the shards']; JSON Lines shards
    /// can be merged to CSV.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// No summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let shards = args.dirs.iter().map(|dir| Shard::open(dir)).collect::<Result<Vec<_>, _>>()?;
    let output_dir = std::fs::canonicalize(&args.output).ok();
    if let Some(shard) = shards.iter().find(|s| output_dir.is_some() && std::fs::canonicalize(&s.dir).ok() == output_dir) {
        anyhow::bail!("the output directory {} is one of the shards: write the merge elsewhere (-o DIR)", shard.dir.display());
    }
    let format = args.format.unwrap_or(match shards[0].format {
        ShardFormat::Csv => OutputFormat::Csv,
        ShardFormat::Jsonl(_) => OutputFormat::Jsonl,
    });
    let excel = shards.iter().any(|s| s.excel) || shards.iter().filter_map(|s| s.run.as_ref()).any(|r| r.settings.get("excel").is_some_and(|e| e == "true"));
    let output = Output::create(&args.output, format, excel)?;
    let (merged, written) = merge::merge(&shards, output)?;
    if !args.quiet {
        let names: Vec<String> = written.iter().filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).collect();
        eprintln!("claimsift: merged {} documents from {} outputs → {} ({})", merged.documents, shards.len(), args.output.display(), names.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}
