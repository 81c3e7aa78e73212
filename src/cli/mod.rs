//! Command-line interface: one file per subcommand, shared options here.

mod clean;
mod eval;
mod merge;
mod ner;
mod numbers;
mod report;
mod run;
mod split;
mod stance;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use claimsift::document::{CodepointIndex, Document};
use claimsift::entities::EntityStage;
use claimsift::ingest::{self, Format, IngestOptions, Item};
use claimsift::pipeline::Pipeline;
use claimsift::runtime::{Aggregation, Model, PairClassifier, Precision, SentenceEncoder, Threads, TokenClassifier};
use claimsift::stance::{StanceStage, Target};

#[derive(Parser)]
#[command(name = "claimsift", version, about = "News article dumps → CSV files of sentences, entities, stance and numbers")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once per process: boxing the large variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Run the whole pipeline over a dump and write CSV files.
    Run(run::RunArgs),
    /// Print sentences with offsets as JSON Lines.
    Split(split::SplitArgs),
    /// Print the numbers found, as JSON Lines.
    Numbers(numbers::NumbersArgs),
    /// Print the article body with boilerplate removed.
    Clean(clean::CleanArgs),
    /// Print named entities as JSON Lines.
    Ner(ner::NerArgs),
    /// Score stance for {"text","target"} JSON Lines on stdin.
    Stance(stance::StanceArgs),
    /// Compare the pipeline's output with gold annotations.
    Eval(eval::EvalArgs),
    /// Compare the sources of a finished run: quantities.csv,
    /// stance_by_source.csv and report.html in its output folder.
    Report(report::ReportArgs),
    /// Merge the outputs of `run --shard K/N` into the output of one run.
    Merge(merge::MergeArgs),
}

pub fn main() -> anyhow::Result<ExitCode> {
    match Cli::parse().command {
        Command::Run(args) => run::run(args),
        Command::Split(args) => split::run(args),
        Command::Numbers(args) => numbers::run(args),
        Command::Clean(args) => clean::run(args),
        Command::Ner(args) => ner::run(args),
        Command::Stance(args) => stance::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Report(args) => report::run(args),
        Command::Merge(args) => merge::run(args),
    }
}

/// True when the error is a write to a closed pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// Where the shipped models live: `CLAIMSIFT_MODELS`, else the checkout's `models/`.
pub fn models_dir() -> PathBuf {
    std::env::var_os("CLAIMSIFT_MODELS").map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("models"), PathBuf::from)
}

/// Options of every command that runs a model.
#[derive(Args, Clone)]
pub struct ModelArgs {
    /// Threads for documents and model inference together [default: all cores]
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// libonnxruntime.so to load [default: ORT_DYLIB_PATH, then .ort/ from `make ort`]
    #[arg(long, value_name = "PATH")]
    pub ort_lib: Option<PathBuf>,
    /// Which ONNX file of a model folder to run.
    #[arg(long, value_enum, default_value_t = Precision::Auto)]
    pub precision: Precision,
    /// One ONNX session shared by all threads instead of one per thread
    /// (for benches/runtime.py, which measures both).
    #[arg(long, hide = true)]
    pub shared_session: bool,
    /// Most padded tokens in one inference batch (for benches/inference_peak.py;
    /// 0: one sequence per batch). Models whose results would depend on the
    /// batch (dynamic int8) always run one sequence per batch.
    #[arg(long, hide = true)]
    pub batch_tokens: Option<usize>,
}

impl ModelArgs {
    pub fn threads(&self) -> usize {
        self.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1)
    }

    fn load(&self, folder: &Path) -> anyhow::Result<Model> {
        let threads = Threads { total: self.threads(), session_per_worker: !self.shared_session };
        let model = Model::load(folder, self.precision, threads, self.ort_lib.as_deref())
            .with_context(|| format!("cannot load the model in {}", folder.display()))?;
        Ok(match self.batch_tokens {
            Some(tokens) => model.with_batch_tokens(tokens),
            None => model,
        })
    }

    /// A classification model: its config.json names its labels.
    fn load_classifier(&self, folder: &Path) -> anyhow::Result<Model> {
        let model = self.load(folder)?;
        if model.labels.is_empty() {
            anyhow::bail!("{}/config.json has no id2label: not a classification model (models/embed is the report's sentence embedding model)", folder.display());
        }
        Ok(model)
    }

    pub fn token_classifier(&self, folder: &Path, aggregation: Aggregation) -> anyhow::Result<TokenClassifier> {
        let mut classifier = TokenClassifier::new(self.load_classifier(folder)?);
        classifier.aggregation = aggregation;
        Ok(classifier)
    }

    pub fn pair_classifier(&self, folder: &Path) -> anyhow::Result<PairClassifier> {
        Ok(PairClassifier::new(self.load_classifier(folder)?))
    }

    pub fn sentence_encoder(&self, folder: &Path) -> anyhow::Result<SentenceEncoder> {
        Ok(SentenceEncoder::new(self.load(folder)?))
    }

    /// Runs `f` on a rayon pool of the chosen size.
    pub fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> anyhow::Result<T> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(self.threads()).build()?;
        Ok(pool.install(f))
    }
}

/// Inputs of the text commands: files and directories read as `run` reads
/// them (HTML as its visible text, JSON Lines one document per object), or
/// stdin when none (or `-`).
#[derive(Args, Clone)]
pub struct TextInput {
    /// Files or directories to read [default: stdin]
    pub files: Vec<PathBuf>,
    /// Treat every line of a document as a separate text (objects get a "line" field).
    #[arg(long)]
    pub lines: bool,
}

/// One text to process, with where it came from.
pub struct Text {
    /// Written as the "source" field when the input holds several documents.
    pub source: Option<String>,
    pub line: Option<usize>,
    /// The document: its text, and its map back to the file for HTML.
    pub doc: Document,
}

impl Text {
    /// Code point offsets of a byte range of the text, into the input file.
    pub fn span(&self, index: &CodepointIndex, range: &std::ops::Range<usize>) -> (usize, usize) {
        let span = self.doc.codepoint_range(index, range.clone());
        (span.start, span.end)
    }
}

impl TextInput {
    /// The documents of the inputs, through the ingest stage of `run`. An
    /// input that is not a readable document is reported on stderr and
    /// skipped; it is an error only when no input could be read.
    pub fn texts(&self) -> anyhow::Result<Vec<Text>> {
        let inputs = if self.files.is_empty() { vec![PathBuf::from("-")] } else { self.files.clone() };
        let options = IngestOptions::default();
        let (files, missing) = ingest::discover(&inputs, &options);
        let several = files.len() > 1 || files.iter().any(|f| f.format == Format::Json);
        let mut skipped = Vec::new();
        let mut texts = Vec::new();
        let items = missing.into_iter().map(Item::Skipped).chain(files.iter().flat_map(|file| ingest::read(file, &options)));
        for item in items {
            let doc = match item {
                Item::Document(doc) => doc,
                Item::Skipped(s) => {
                    eprintln!("claimsift: skipped {}: {}", s.source, s.reason);
                    skipped.push(s);
                    continue;
                }
            };
            let source = several.then(|| doc.source.clone());
            if self.lines {
                for (i, line) in doc.text.lines().enumerate() {
                    texts.push(Text { source: source.clone(), line: Some(i + 1), doc: Document::new(doc.id.clone(), doc.source.clone(), line) });
                }
            } else {
                texts.push(Text { source, line: None, doc });
            }
        }
        if texts.is_empty() {
            if let Some(first) = skipped.first() {
                anyhow::bail!("no input could be read: {} ({})", first.source, first.reason);
            }
        }
        Ok(texts)
    }
}

pub const STDOUT: &str = "cannot write to standard output";

/// JSON Lines on stdout.
pub struct JsonLines(BufWriter<std::io::StdoutLock<'static>>);

impl JsonLines {
    pub fn stdout() -> Self {
        JsonLines(BufWriter::new(std::io::stdout().lock()))
    }

    /// Writes `object` with the text's "source" and "line" fields added.
    pub fn emit(&mut self, text: &Text, mut object: serde_json::Map<String, serde_json::Value>) -> anyhow::Result<()> {
        let mut out = serde_json::Map::new();
        if let Some(source) = &text.source {
            out.insert("source".into(), source.clone().into());
        }
        if let Some(line) = text.line {
            out.insert("line".into(), line.into());
        }
        out.append(&mut object);
        // As io::Error, so that a closed pipe is recognised as one.
        serde_json::to_writer(&mut self.0, &out).map_err(std::io::Error::from).context(STDOUT)?;
        self.0.write_all(b"\n").context(STDOUT)?;
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.0.flush().context(STDOUT)?;
        Ok(())
    }
}

/// The stages and models of `run` and `eval`.
#[derive(Args)]
pub struct PipelineArgs {
    /// NER model folder [default: models/ner]
    #[arg(long, value_name = "DIR")]
    pub ner_model: Option<PathBuf>,
    /// Stance model folder [default: models/stance]
    #[arg(long, value_name = "DIR")]
    pub stance_model: Option<PathBuf>,
    /// Skip named entities (and so stance toward them).
    #[arg(long)]
    pub no_ner: bool,
    /// Skip stance, the most expensive stage.
    #[arg(long)]
    pub no_stance: bool,
    /// Entity types that get a stance; MISC-GROUP means MISC mentions that
    /// name a group of people ("Armenians"). With a model that has fine types,
    /// these may be listed too (PER,ORG,GPE,NORP): an entity gets a stance
    /// when its type or its fine type is listed.
    #[arg(long, value_delimiter = ',', default_value = "PER,ORG,LOC,MISC-GROUP")]
    pub stance_types: Vec<String>,
    /// A stance target scored on every sentence that mentions it, with
    /// optional aliases: "Russia=Russia,Kremlin,Moscow". Repeatable.
    #[arg(long = "target", value_name = "TEXT")]
    pub targets: Vec<Target>,
    /// No stance toward a person the sentence names only by pronoun ("his
    /// plan", right after a sentence naming them); by default such rows have
    /// type PRONOUN.
    #[arg(long)]
    pub no_pronouns: bool,
    #[arg(long, value_enum, default_value_t = Aggregation::First)]
    pub aggregation: Aggregation,
    #[command(flatten)]
    pub models: ModelArgs,
}

impl PipelineArgs {
    /// The stages to run. A default model folder that does not exist is a
    /// warning (that stage's columns stay empty); a named one is an error.
    pub fn build(&self, warn: &dyn Fn(String)) -> anyhow::Result<Pipeline> {
        let mut pipeline = Pipeline::default();
        let chosen = |explicit: &Option<PathBuf>, name: &str| -> Option<PathBuf> {
            match explicit {
                Some(dir) => Some(dir.clone()),
                None => {
                    let dir = models_dir().join(name);
                    let present = dir.join("config.json").exists();
                    if !present {
                        warn(format!("no {name} model in {}: its columns stay empty (pass --{name}-model DIR)", dir.display()));
                    }
                    present.then_some(dir)
                }
            }
        };
        let ner_dir = if self.no_ner { None } else { chosen(&self.ner_model, "ner") };
        let wants_stance = !self.no_stance && (ner_dir.is_some() || !self.targets.is_empty());
        let stance_dir = if wants_stance { chosen(&self.stance_model, "stance") } else { None };
        // Loading a model is most of the startup time: load both at once.
        let (entities, stance) = rayon::join(
            || ner_dir.map(|dir| self.models.token_classifier(&dir, self.aggregation)).transpose(),
            || stance_dir.map(|dir| self.models.pair_classifier(&dir)).transpose(),
        );
        pipeline.entities = entities?.map(|classifier| EntityStage { classifier });
        pipeline.stance = stance?.map(|classifier| StanceStage {
            classifier,
            types: self.stance_types.clone(),
            targets: self.targets.clone(),
            pronouns: !self.no_pronouns,
        });
        Ok(pipeline)
    }
}
