//! `claimsift run`: the whole pipeline over a dump, written as CSV files.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use claimsift::cache::Cache;
use claimsift::ingest::{self, DistinctIds, Format, IngestOptions, Item, JsonFields, Skipped, StdinPart};
use claimsift::language;
use claimsift::output::{Counts, Output, OutputFormat, RunInfo};
use claimsift::pipeline::Processed;
use claimsift::shard::ShardSpec;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::PipelineArgs;

#[derive(Args)]
pub struct RunArgs {
    /// Files or directories (read recursively); `-` for stdin.
    #[arg(default_value = "input")]
    pub inputs: Vec<PathBuf>,
    /// Output directory.
    #[arg(short, long, default_value = "output")]
    pub output: PathBuf,
    #[arg(long, value_enum, default_value_t = OutputFormat::Csv)]
    pub format: OutputFormat,
    /// Start CSV files with a byte order mark, so Excel reads UTF-8 right.
    #[arg(long)]
    pub excel: bool,
    /// Write CSV text cells as found, without the `'` that keeps a cell
    /// starting with = + - @ from running as a spreadsheet formula (for
    /// consumers that are not spreadsheets).
    #[arg(long)]
    pub raw_cells: bool,
    /// Process documents in any language; by default a document detected
    /// with confidence as not English is skipped with reason "not English (xxx)".
    #[arg(long)]
    pub any_language: bool,
    /// Skip documents larger than this many bytes.
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    pub max_doc_bytes: u64,
    /// Format of stdin (`-`), which has no file extension.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub stdin_format: Format,
    /// JSON field holding the document id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSON field holding the article text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSON field holding the title.
    #[arg(long, default_value = "title")]
    pub title_field: String,
    /// JSON field holding the URL.
    #[arg(long, default_value = "url")]
    pub url_field: String,
    /// JSON field holding the publication date (gives the year of bare dates).
    #[arg(long, default_value = "date")]
    pub date_field: String,
    /// Reuse the model outputs of documents processed before with the same
    /// models and settings, kept in this directory (created if needed).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// No progress bar and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// At the end, write the report that `claimsift report` writes
    /// (quantities.csv, stance_by_source.csv, report.html; CSV format only).
    #[arg(long)]
    pub report: bool,
    #[command(flatten)]
    pub report_options: super::report::ReportOptions,
    /// Process only shard K of N (1 <= K <= N): the documents whose id hashes
    /// to it (FNV-1a 64 of the id, mod N). Merge the N outputs with `claimsift merge`.
    #[arg(long, value_name = "K/N", help_heading = "Scaling out")]
    pub shard: Option<ShardSpec>,
    /// Stdin is part of this file (its name in `source` and ids), from line
    /// --stdin-first-line on; for jobs that feed claimsift slices of a dump.
    #[arg(long, value_name = "NAME", help_heading = "Scaling out")]
    pub stdin_name: Option<String>,
    /// The line number in the --stdin-name file of stdin's first line.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "stdin_name", value_parser = clap::value_parser!(u64).range(1..), help_heading = "Scaling out")]
    pub stdin_first_line: u64,
    /// The position in the whole dump of the first document read (for a
    /// slice of a dump; the output is then merged with `claimsift merge`).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), help_heading = "Scaling out")]
    pub first_position: Option<u64>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// What became of one document.
enum Outcome {
    Processed(Box<Processed>),
    NotProcessed { skipped: Skipped, status: &'static str, lang: Option<&'static str> },
}

/// Totals for the summary line.
#[derive(Default)]
struct Totals {
    ok: usize,
    skipped: usize,
    failed: usize,
    counts: Counts,
    stances: usize,
    from_cache: usize,
}

impl RunArgs {
    fn ingest_options(&self) -> IngestOptions {
        IngestOptions {
            fields: JsonFields {
                id: self.id_field.clone(),
                text: self.text_field.clone(),
                title: self.title_field.clone(),
                url: self.url_field.clone(),
                date: self.date_field.clone(),
            },
            max_doc_bytes: self.max_doc_bytes,
            stdin_format: self.stdin_format,
            stdin_part: self.stdin_name.clone().map(|name| StdinPart { name, first_line: self.stdin_first_line as usize }),
        }
    }

    /// Whether this run writes a part of a dump's output, for `claimsift merge`.
    fn is_part(&self) -> bool {
        self.shard.is_some() || self.first_position.is_some()
    }

    /// Every setting that changes the output (models by the hash of their
    /// files); not how the input is read (`--stdin-format` says what stdin
    /// holds, as an extension does for a file).
    fn settings(&self, pipeline: &claimsift::pipeline::Pipeline) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
        let mut settings = pipeline.settings()?;
        let options = self.ingest_options();
        let mut add = |name: &str, value: String| settings.insert(name.to_string(), value);
        add("excel", self.excel.to_string());
        add("raw_cells", self.raw_cells.to_string());
        add("any_language", self.any_language.to_string());
        add("max_doc_bytes", options.max_doc_bytes.to_string());
        add("json_fields", format!("{:?}", options.fields));
        Ok(settings)
    }
}

fn progress_bar(total_bytes: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total_bytes);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    if args.report && args.format != OutputFormat::Csv {
        anyhow::bail!("--report reads the CSV files of the run: drop --format jsonl, or run `claimsift report` on a CSV run");
    }
    let started = Instant::now();
    let options = args.ingest_options();
    // The output folder's lock first: a second run into it fails at once.
    let mut output = Output::create(&args.output, args.format, args.excel)?;
    output.formula_guard = !args.raw_cells;
    let (files, missing) = ingest::discover(&args.inputs, &options);
    let bar = progress_bar(files.iter().map(|f| f.bytes).sum(), args.quiet);
    let say = |message: String| bar.suspend(|| eprintln!("claimsift: {message}"));
    if !output.stale_removed.is_empty() {
        say(format!("removed {} partial files left in {} by an interrupted run", output.stale_removed.len(), args.output.display()));
    }
    let pipeline = args.pipeline.build(&|m| say(format!("warning: {m}")))?;
    let cache = match &args.cache {
        Some(dir) => Some(Cache::open(dir, &pipeline)?),
        None => None,
    };
    let settings = args.settings(&pipeline)?;
    let settings_fingerprint = RunInfo::fingerprint(&settings);
    if args.is_part() {
        output = output.without_dump_names();
    }
    // Position in the whole input of the next item, whichever shard it is in.
    let mut position = args.first_position.unwrap_or(1);
    // Ids are made distinct before shards are chosen, so every shard run
    // gives a document the same id and the same shard.
    let mine = |id: &str| args.shard.is_none_or(|shard| shard.holds(id));
    let mut totals = Totals::default();
    let record_skip = |output: &mut Output, totals: &mut Totals, s: &Skipped, status: &str, lang: Option<&str>, position: u64| -> anyhow::Result<()> {
        say(format!("{status} {} ({}): {}", s.id, s.source, s.reason));
        if status == "skipped" {
            totals.skipped += 1;
        } else {
            totals.failed += 1;
        }
        Ok(output.not_processed(s, status, lang, position, &settings_fingerprint)?)
    };
    let mut ids = DistinctIds::default();
    for mut item in missing.into_iter().map(Item::Skipped) {
        ids.assign(&mut item);
        if let Item::Skipped(s) = &item {
            if mine(&s.id) {
                record_skip(&mut output, &mut totals, s, "skipped", None, position)?;
            }
        }
        position += 1;
    }
    let threads = args.pipeline.models.threads();
    // Documents are processed in parallel chunks and written in input order;
    // a chunk bounds memory whatever the size of the dump.
    let chunk_size = threads * 8;
    // Items of this run with their position in the input.
    let mut pending: Vec<(u64, Item)> = Vec::with_capacity(chunk_size);
    // What becomes of one item: skipped, not English, processed or failed.
    let outcome = |item: Item| -> Outcome {
        match item {
            Item::Skipped(skipped) => Outcome::NotProcessed { skipped, status: "skipped", lang: None },
            Item::Document(mut doc) => {
                doc.lang = language::detect(&doc.text);
                let (id, source, lang) = (doc.id.clone(), doc.source.clone(), doc.lang);
                if let Some(foreign) = lang.filter(|l| *l != language::ENGLISH && !args.any_language && language::decides(&doc.text)) {
                    let reason = format!("not English ({foreign}){}", doc.note.map(|n| format!("; {n}")).unwrap_or_default());
                    return Outcome::NotProcessed { skipped: Skipped { id, source, reason }, status: "skipped", lang };
                }
                match pipeline.process(doc, cache.as_ref()) {
                    Ok(processed) => Outcome::Processed(Box::new(processed)),
                    Err(e) => Outcome::NotProcessed { skipped: Skipped { id, source, reason: format!("failed: {e}") }, status: "error", lang },
                }
            }
        }
    };
    let flush = |pending: &mut Vec<(u64, Item)>, output: &mut Output, totals: &mut Totals| -> anyhow::Result<()> {
        let results: Vec<(u64, Outcome)> =
            args.pipeline.models.install(|| pending.par_drain(..).map(|(position, item)| (position, outcome(item))).collect())?;
        for (position, result) in results {
            match result {
                Outcome::Processed(processed) => {
                    output.document(&processed, position, &settings_fingerprint)?;
                    let c = Counts::of(&processed);
                    totals.ok += 1;
                    totals.counts.chars += c.chars;
                    totals.counts.sentences += c.sentences;
                    totals.counts.entities += c.entities;
                    totals.counts.numbers += c.numbers;
                    totals.stances += processed.stances.len();
                    totals.from_cache += usize::from(processed.cached);
                }
                Outcome::NotProcessed { skipped, status, lang } => record_skip(output, totals, &skipped, status, lang, position)?,
            }
        }
        let seconds = started.elapsed().as_secs_f64().max(1e-9);
        bar.set_message(format!(
            "{} docs ({:.1}/s), {} sentences ({:.0}/s)",
            totals.ok + totals.skipped + totals.failed,
            totals.ok as f64 / seconds,
            totals.counts.sentences,
            totals.counts.sentences as f64 / seconds
        ));
        Ok(())
    };
    for file in &files {
        for mut item in ingest::read(file, &options) {
            if let Some(renamed) = ids.assign(&mut item) {
                say(format!("warning: {}: {renamed}", renamed.source));
            }
            let id = match &item {
                Item::Document(doc) => &doc.id,
                Item::Skipped(s) => &s.id,
            };
            if mine(id) {
                pending.push((position, item));
            }
            position += 1;
            if pending.len() >= chunk_size {
                flush(&mut pending, &mut output, &mut totals)?;
            }
        }
        bar.inc(file.bytes);
    }
    flush(&mut pending, &mut output, &mut totals)?;
    let first_position = args.first_position.unwrap_or(1);
    output.set_run_info(RunInfo::new(position - first_position, settings));
    bar.finish_and_clear();
    let written = output.finish().with_context(|| format!("cannot finish the output in {}", args.output.display()))?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64();
        let names: Vec<String> = written.iter().filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned())).collect();
        eprintln!(
            "claimsift: {} documents ({} ok, {} skipped, {} failed), {} sentences, {} entities, {} stances, {} numbers in {:.1} s → {} ({})",
            totals.ok + totals.skipped + totals.failed,
            totals.ok,
            totals.skipped,
            totals.failed,
            totals.counts.sentences,
            totals.counts.entities,
            totals.stances,
            totals.counts.numbers,
            seconds,
            args.output.display(),
            names.join(", ")
        );
        if let Some(cache) = &cache {
            let failures = cache.write_failures();
            let warning = if failures > 0 { format!("; warning: {failures} entries could not be stored") } else { String::new() };
            eprintln!("claimsift: cache {}: {} of {} documents reused{warning}", args.cache.as_deref().unwrap_or(Path::new("")).display(), totals.from_cache, totals.ok);
        }
    }
    // A shard may hold no document of a small dump: that is no failure.
    let processed_none = totals.ok == 0 && (args.shard.is_none() || totals.skipped + totals.failed > 0);
    if processed_none {
        eprintln!("claimsift: error: no document could be processed (see manifest for why)");
        return Ok(ExitCode::from(1));
    }
    if args.report {
        super::report::write(&args.output, &args.report_options, &args.pipeline.models, args.quiet)?;
    }
    Ok(ExitCode::SUCCESS)
}
