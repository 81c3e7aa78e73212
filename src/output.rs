//! Output: CSV files (or JSON Lines) with code point offsets.
//!
//! Files are written under temporary names (`.NAME.partial`) and renamed
//! only by [`Output::finish`], so a killed run never leaves a file that looks
//! complete.
//!
//! A document is first rendered as its JSON Lines object with the names its
//! own text gives ([`record`]); the CSV rows are derived from that object, and
//! the names are lined up across the dump ([`DumpNames`]) as the rows are
//! written. `claimsift merge` writes the outputs of shards through the same
//! [`Output`], so its files are those of one run over the whole dump.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{CodepointIndex, Document};
use crate::ingest::Skipped;
use crate::normalize::DumpNames;
use crate::numbers::{self, NumberMention};
use crate::pipeline::Processed;
use crate::stance::Stance;

mod csv_rows;
mod names;

pub use csv_rows::csv_document;
use names::{align_csv, align_record};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// claims.csv, entities.csv, numbers.csv and manifest.csv.
    Csv,
    /// documents.jsonl: one JSON object per document with the same fields.
    Jsonl,
}

#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct OutputError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Counts for the manifest and the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub chars: usize,
    pub sentences: usize,
    pub entities: usize,
    pub numbers: usize,
}

impl Counts {
    pub fn of(p: &Processed) -> Counts {
        Counts { chars: p.doc.text.chars().count(), sentences: p.sentences.len(), entities: p.entities.len(), numbers: p.numbers.len() }
    }
}

struct Sink {
    partial: PathBuf,
    target: PathBuf,
    writer: BufWriter<File>,
}

enum Writers {
    Csv { claims: csv::Writer<Sink>, entities: csv::Writer<Sink>, numbers: csv::Writer<Sink>, manifest: csv::Writer<Sink> },
    Jsonl { documents: Sink },
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// The open output files of one run.
pub struct Output {
    writers: Writers,
    dir: PathBuf,
    /// Lines names up across the documents written; `None` for a shard,
    /// whose names `claimsift merge` lines up.
    names: Option<DumpNames>,
    run: Option<RunInfo>,
}

/// `run.json`: what a run's output was made with, so that `claimsift merge`
/// combines only outputs made alike and knows how many documents to expect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// Documents in the whole input (every shard's), skipped ones included.
    pub input_documents: u64,
    /// Hash of `settings`, also in every manifest row and JSON Lines object.
    pub settings_fingerprint: String,
    /// The models (hashes of their files) and every setting that changes output.
    pub settings: std::collections::BTreeMap<String, String>,
}

impl RunInfo {
    pub fn new(input_documents: u64, settings: std::collections::BTreeMap<String, String>) -> RunInfo {
        RunInfo { input_documents, settings_fingerprint: RunInfo::fingerprint(&settings), settings }
    }

    /// 16 hex digits of the BLAKE3 hash of the settings as JSON.
    pub fn fingerprint(settings: &std::collections::BTreeMap<String, String>) -> String {
        let json = serde_json::to_string(settings).unwrap_or_default();
        blake3::hash(json.as_bytes()).to_hex()[..16].to_string()
    }
}

/// Columns of the CSV files (the JSON objects of `documents.jsonl` use the same names).
pub const CLAIMS_COLUMNS: &[&str] = &["doc_id", "sent_idx", "start", "end", "sentence", "entities", "stances", "numbers"];
pub const ENTITIES_COLUMNS: &[&str] = &["doc_id", "sent_idx", "start", "end", "entity", "canonical", "type", "score", "stance", "stance_score"];
pub const NUMBERS_COLUMNS: &[&str] = &["doc_id", "sent_idx", "start", "end", "text", "value", "unit", "qualifier", "kind"];
pub const MANIFEST_COLUMNS: &[&str] =
    &["doc_id", "source", "status", "reason", "chars", "sentences", "entities", "numbers", "position", "settings"];

/// Entity rows of these types mark the mentions of a user target or a
/// pronoun, not a named entity: their names are not the model's.
const MENTION_TYPES: [&str; 2] = ["TARGET", "PRONOUN"];

fn is_mention_row(entity_type: &str) -> bool {
    MENTION_TYPES.contains(&entity_type)
}

/// One document's rows in the four CSV files, cells as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsvDocument {
    pub claims: Vec<Vec<String>>,
    pub entities: Vec<Vec<String>>,
    pub numbers: Vec<Vec<String>>,
    pub manifest: Vec<String>,
}

/// One entity row (also the entity objects of JSON output).
#[derive(Serialize)]
struct EntityRow<'a> {
    sent_idx: usize,
    start: usize,
    end: usize,
    entity: String,
    canonical: &'a str,
    #[serde(rename = "type")]
    entity_type: &'a str,
    score: Option<Score>,
    stance: Option<&'a str>,
    stance_score: Option<Score>,
}

#[derive(Serialize)]
struct NumberRow<'a> {
    sent_idx: usize,
    start: usize,
    end: usize,
    text: String,
    value: String,
    unit: &'a str,
    qualifier: numbers::Qualifier,
    kind: numbers::Kind,
}

/// A probability written with 4 decimals (stable across runs and readable).
#[derive(Clone, Copy)]
struct Score(f32);

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:.4}", self.0))
    }
}

/// Text for a one-line cell: newlines and tabs become spaces (same length).
fn one_line(text: &str) -> String {
    text.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// Rows of one processed document, offsets converted to code points.
struct Rows<'a> {
    sentences: Vec<(usize, std::ops::Range<usize>, String)>,
    entities: Vec<EntityRow<'a>>,
    numbers: Vec<NumberRow<'a>>,
    stances: &'a [Stance],
}

fn rows<'a>(p: &'a Processed) -> Rows<'a> {
    let doc: &Document = &p.doc;
    let text = doc.text.as_str();
    let index = CodepointIndex::new(text);
    let span = |r: &std::ops::Range<usize>| doc.codepoint_range(&index, r.clone());
    let sentences = p.sentences.iter().enumerate().map(|(i, r)| (i, span(r), one_line(&text[r.clone()]))).collect();
    let mut entities: Vec<EntityRow> = p
        .entities
        .iter()
        .map(|e| {
            let stance = p.stance_of(e);
            let range = span(&e.range);
            EntityRow {
                sent_idx: e.sent_idx,
                start: range.start,
                end: range.end,
                entity: one_line(&text[e.range.clone()]),
                canonical: &e.canonical,
                entity_type: &e.entity_type,
                score: Some(Score(e.score)),
                stance: stance.map(|s| s.label.as_str()),
                stance_score: stance.map(|s| Score(s.score)),
            }
        })
        .collect();
    // User targets and pronoun references are rows too, at each mention, so a pivot sees them.
    for s in &p.stances {
        for mention in &s.mentions {
            let range = span(mention);
            entities.push(EntityRow {
                sent_idx: s.sent_idx,
                start: range.start,
                end: range.end,
                entity: one_line(&text[mention.clone()]),
                canonical: &s.target,
                entity_type: s.via.mention_type(),
                score: None,
                stance: Some(&s.label),
                stance_score: Some(Score(s.score)),
            });
        }
    }
    entities.sort_by_key(|e| (e.sent_idx, e.start));
    let numbers = p
        .numbers
        .iter()
        .map(|(sent_idx, n)| number_row(doc, &index, *sent_idx, n))
        .collect();
    Rows { sentences, entities, numbers, stances: &p.stances }
}

fn number_row<'a>(doc: &'a Document, index: &CodepointIndex, sent_idx: usize, n: &'a NumberMention) -> NumberRow<'a> {
    let range = doc.codepoint_range(index, n.range.clone());
    NumberRow {
        sent_idx,
        start: range.start,
        end: range.end,
        text: one_line(&doc.text[n.range.clone()]),
        value: numbers::format_value(n),
        unit: &n.unit,
        qualifier: n.qualifier,
        kind: n.kind,
    }
}

/// The rows of sentence `i` in rows sorted by sentence.
fn of_sentence<T>(rows: &[T], i: usize, sent_idx: impl Fn(&T) -> usize) -> &[T] {
    let start = rows.partition_point(|r| sent_idx(r) < i);
    let end = rows.partition_point(|r| sent_idx(r) <= i);
    &rows[start..end]
}

/// The JSON Lines object of one processed document, the `position`-th of
/// the input, with the canonical names its own text gives.
pub fn record(p: &Processed, position: u64, settings: &str) -> Value {
    let rows = rows(p);
    let counts = Counts::of(p);
    let doc = &p.doc;
    let sentences: Vec<Value> = rows
        .sentences
        .iter()
        .map(|(i, range, text)| {
            serde_json::json!({
                "sent_idx": i,
                "start": range.start,
                "end": range.end,
                "text": text,
                "entities": of_sentence(&rows.entities, *i, |e| e.sent_idx),
                "stances": of_sentence(rows.stances, *i, |s| s.sent_idx).iter().map(|s| serde_json::json!({
                    "target": s.target,
                    "stance": s.label,
                    "score": format!("{:.4}", s.score),
                    "scores": s.scores.iter().map(|(l, p)| (l.clone(), format!("{p:.4}"))).collect::<std::collections::BTreeMap<_, _>>(),
                })).collect::<Vec<_>>(),
                "numbers": of_sentence(&rows.numbers, *i, |n| n.sent_idx),
            })
        })
        .collect();
    serde_json::json!({
        "doc_id": doc.id,
        "source": doc.source,
        "status": "ok",
        "reason": "",
        "title": doc.title,
        "url": doc.url,
        "chars": counts.chars,
        "sentences": sentences,
        "position": position,
        "settings": settings,
    })
}

impl Output {
    /// Creates the output directory and opens the partial files.
    pub fn create(dir: &Path, format: OutputFormat, excel: bool) -> Result<Output, OutputError> {
        std::fs::create_dir_all(dir).map_err(|source| OutputError { path: dir.to_path_buf(), source })?;
        let open = |name: &str| -> Result<Sink, OutputError> {
            let target = dir.join(name);
            let partial = dir.join(format!(".{name}.partial"));
            let file = File::create(&partial).map_err(|source| OutputError { path: partial.clone(), source })?;
            let mut writer = BufWriter::new(file);
            if excel && name.ends_with(".csv") {
                // Excel reads UTF-8 CSV correctly only with a byte order mark.
                writer.write_all("\u{feff}".as_bytes()).map_err(|source| OutputError { path: partial.clone(), source })?;
            }
            Ok(Sink { partial, target, writer })
        };
        let csv = |name: &str, header: &[&str]| -> Result<csv::Writer<Sink>, OutputError> {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(open(name)?);
            w.write_record(header).map_err(|e| OutputError { path: dir.join(name), source: e.into() })?;
            Ok(w)
        };
        let writers = match format {
            OutputFormat::Csv => Writers::Csv {
                claims: csv("claims.csv", CLAIMS_COLUMNS)?,
                entities: csv("entities.csv", ENTITIES_COLUMNS)?,
                numbers: csv("numbers.csv", NUMBERS_COLUMNS)?,
                manifest: csv("manifest.csv", MANIFEST_COLUMNS)?,
            },
            OutputFormat::Jsonl => Writers::Jsonl { documents: open("documents.jsonl")? },
        };
        Ok(Output { writers, dir: dir.to_path_buf(), names: Some(DumpNames::default()), run: None })
    }

    /// Leaves the names as each document gives them, for `claimsift merge`
    /// to line up across the dump (shards, parts of a dump).
    pub fn without_dump_names(mut self) -> Self {
        self.names = None;
        self
    }

    /// Writes `run.json` with this content when the output is finished.
    pub fn set_run_info(&mut self, run: RunInfo) {
        self.run = Some(run);
    }

    /// Writes all rows of one processed document, the `position`-th of the input.
    pub fn document(&mut self, p: &Processed, position: u64, settings: &str) -> Result<(), OutputError> {
        self.write_record(record(p, position, settings))
    }

    /// Records a document that was skipped or failed.
    pub fn not_processed(&mut self, skipped: &Skipped, status: &str, position: u64, settings: &str) -> Result<(), OutputError> {
        let record = serde_json::json!({
            "doc_id": skipped.id, "source": skipped.source, "status": status, "reason": skipped.reason,
            "position": position, "settings": settings,
        });
        self.write_record(record)
    }

    /// Writes one document given as its JSON Lines object ([`record`]).
    pub fn write_record(&mut self, mut record: Value) -> Result<(), OutputError> {
        match &mut self.writers {
            Writers::Csv { .. } => {
                let document = csv_document(&record);
                self.write_csv_document(document)
            }
            Writers::Jsonl { documents } => {
                if let Some(names) = &mut self.names {
                    align_record(names, &mut record);
                }
                writeln!(documents, "{record}").map_err(|e| OutputError { path: self.dir.join("documents.jsonl"), source: e })
            }
        }
    }

    /// Writes one document given as its CSV rows (names as its text gives them).
    pub fn write_csv_document(&mut self, mut document: CsvDocument) -> Result<(), OutputError> {
        if let Some(names) = &mut self.names {
            align_csv(names, &mut document).map_err(|reason| OutputError {
                path: self.dir.join("claims.csv"),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, reason),
            })?;
        }
        let Writers::Csv { claims, entities, numbers, manifest } = &mut self.writers else {
            unreachable!("CSV rows are written only to CSV output");
        };
        let dir = &self.dir;
        let fail = |name: &str, e: csv::Error| OutputError { path: dir.join(name), source: e.into() };
        for row in &document.claims {
            claims.write_record(row).map_err(|e| fail("claims.csv", e))?;
        }
        for row in &document.entities {
            entities.write_record(row).map_err(|e| fail("entities.csv", e))?;
        }
        for row in &document.numbers {
            numbers.write_record(row).map_err(|e| fail("numbers.csv", e))?;
        }
        manifest.write_record(&document.manifest).map_err(|e| fail("manifest.csv", e))
    }

    /// Whether this output is CSV files (else JSON Lines).
    pub fn is_csv(&self) -> bool {
        matches!(self.writers, Writers::Csv { .. })
    }

    /// Flushes every file and renames it to its final name (`run.json` last).
    pub fn finish(self) -> Result<Vec<PathBuf>, OutputError> {
        let dir = self.dir.clone();
        let run = self.run.clone();
        let mut sinks = self.sinks()?;
        if let Some(run) = &run {
            let target = dir.join("run.json");
            let partial = dir.join(".run.json.partial");
            let file = File::create(&partial).map_err(|source| OutputError { path: partial.clone(), source })?;
            let mut sink = Sink { partial, target, writer: BufWriter::new(file) };
            let json = serde_json::to_string_pretty(run).map_err(std::io::Error::from);
            json.and_then(|json| writeln!(sink, "{json}")).map_err(|source| OutputError { path: sink.partial.clone(), source })?;
            sinks.push(sink);
        }
        let mut written = Vec::new();
        for mut sink in sinks {
            let fail = |source| OutputError { path: sink.partial.clone(), source };
            sink.writer.flush().map_err(fail)?;
            sink.writer.get_ref().sync_all().map_err(fail)?;
            std::fs::rename(&sink.partial, &sink.target).map_err(fail)?;
            written.push(sink.target);
        }
        Ok(written)
    }

    /// Removes the partial files: the output is not to be finished.
    pub fn abandon(self) {
        if let Ok(sinks) = self.sinks() {
            for sink in sinks {
                let _ = std::fs::remove_file(&sink.partial);
            }
        }
    }

    fn sinks(self) -> Result<Vec<Sink>, OutputError> {
        Ok(match self.writers {
            Writers::Csv { claims, entities, numbers, manifest } => [claims, entities, numbers, manifest]
                .into_iter()
                .map(|w| w.into_inner().map_err(|e| OutputError { path: self.dir.clone(), source: e.into_error() }))
                .collect::<Result<Vec<_>, _>>()?,
            Writers::Jsonl { documents } => vec![documents],
        })
    }
}
