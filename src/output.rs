//! Output: CSV files (or JSON Lines) with code point offsets.
//!
//! Files are written under temporary names (`.NAME.partial`) and renamed
//! only by [`Output::finish`], so a killed run never leaves a file that looks
//! complete. A run holds a lock on its output folder from [`Output::create`]
//! to the end, so two runs never mix their files; partial files of a killed
//! run are removed by the next run into the folder.
//!
//! A document is first rendered as its JSON Lines object with the names its
//! own text gives ([`record`]); the CSV rows are derived from that object, and
//! the names are lined up across the dump ([`DumpNames`]) as the rows are
//! written. `claimsift merge` writes the outputs of shards through the same
//! [`Output`], so its files are those of one run over the whole dump.
//!
//! CSV text cells are guarded against spreadsheet formula injection (see
//! [`guard_formula`]); JSON Lines output is written as found.

use std::borrow::Cow;
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
use crate::speakers::Speaker;
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

/// Every file a run may write.
const FILE_NAMES: [&str; 6] = ["claims.csv", "entities.csv", "numbers.csv", "manifest.csv", "documents.jsonl", "run.json"];
/// The file a run locks for its whole length (hidden, like the partial files).
pub const LOCK_FILE: &str = ".claimsift.lock";

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot create the output folder {path}: {cause} (pass another -o DIR)")]
    Folder { path: PathBuf, cause: std::io::Error },
    #[error("the output folder {path} is in use by another claimsift run (it holds the lock on {lock}); wait for that run to end, or pass another -o DIR")]
    Locked { path: PathBuf, lock: PathBuf },
    #[error("cannot write {path}: {cause}")]
    Write { path: PathBuf, cause: std::io::Error },
}

fn write_error(path: PathBuf, e: impl Into<std::io::Error>) -> OutputError {
    OutputError::Write { path, cause: e.into() }
}

/// First characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV text cell that a spreadsheet would read as a formula (first
/// character `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`,
/// as OWASP recommends for CSV files opened in spreadsheets: the cell then
/// opens as text. A cell that already starts with `'` and such a character
/// gets one too, so that [`unguard_formula`] gives back exactly what was
/// guarded. Other cells are returned as they are.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) || cell.strip_prefix('\'').is_some_and(|rest| rest.starts_with(FORMULA_STARTS)) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell [`guard_formula`] was given (for reading guarded CSV back).
pub fn unguard_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.strip_prefix('\'').is_some_and(|r| r.starts_with(FORMULA_STARTS)) => rest,
        _ => cell,
    }
}

/// Columns whose cells claimsift computes as numbers: never guarded, so that
/// a negative value (`-5`) stays a number in a spreadsheet.
const NUMERIC_COLUMNS: [&str; 2] = ["value", "value_max"];

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
    renamed: bool,
}

/// A file never finished (a write failed, the run stopped with an error, a
/// merge found documents missing) leaves nothing behind: neither a
/// complete-looking file nor a partial one.
impl Drop for Sink {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

// One per run: the size of the CSV variant costs nothing.
#[allow(clippy::large_enum_variant)]
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
    /// Held (locked) until the output is finished or dropped.
    _lock: File,
    /// Partial files of an interrupted run that [`Output::create`] removed.
    pub stale_removed: Vec<PathBuf>,
    /// Whether CSV text cells get [`guard_formula`] (`--raw-cells` turns it off).
    pub formula_guard: bool,
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

    /// Whether the run wrote its CSV text cells as found (`--raw-cells`).
    pub fn raw_cells(&self) -> bool {
        self.settings.get("raw_cells").is_some_and(|v| v == "true")
    }
}

/// Columns of the CSV files (the JSON objects of `documents.jsonl` use the same names).
pub const CLAIMS_COLUMNS: &[&str] = &["doc_id", "sent_idx", "start", "end", "sentence", "entities", "stances", "numbers", "speaker", "cue"];
pub const ENTITIES_COLUMNS: &[&str] =
    &["doc_id", "sent_idx", "start", "end", "entity", "canonical", "type", "score", "stance", "stance_score", "role", "fine_type"];
pub const NUMBERS_COLUMNS: &[&str] =
    &["doc_id", "sent_idx", "start", "end", "text", "value", "value_max", "unit", "qualifier", "kind", "speaker", "cue"];
pub const MANIFEST_COLUMNS: &[&str] =
    &["doc_id", "source", "status", "reason", "chars", "sentences", "entities", "numbers", "lang", "position", "settings"];

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

impl CsvDocument {
    /// Every cell through `cell`, but those of [`NUMERIC_COLUMNS`].
    fn map_text_cells(&mut self, cell: impl Fn(&str) -> String) {
        let map_rows = |rows: &mut Vec<Vec<String>>, columns: &[&str]| {
            for row in rows {
                for (value, column) in row.iter_mut().zip(columns) {
                    if !NUMERIC_COLUMNS.contains(column) {
                        *value = cell(value);
                    }
                }
            }
        };
        map_rows(&mut self.claims, CLAIMS_COLUMNS);
        map_rows(&mut self.entities, ENTITIES_COLUMNS);
        map_rows(&mut self.numbers, NUMBERS_COLUMNS);
        let mut manifest = vec![std::mem::take(&mut self.manifest)];
        map_rows(&mut manifest, MANIFEST_COLUMNS);
        self.manifest = manifest.pop().unwrap_or_default();
    }

    /// The cells as they were before [`guard_formula`] (for `claimsift merge`
    /// of CSV outputs written with the guard).
    pub fn unguard(&mut self) {
        self.map_text_cells(|c| unguard_formula(c).to_string());
    }
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
    /// `speaker` when this mention is its sentence's speaker, else empty.
    role: &'static str,
    /// The model's OntoNotes type of the entity, when the model has fine types.
    fine_type: &'a str,
}

#[derive(Serialize)]
struct NumberRow<'a> {
    sent_idx: usize,
    start: usize,
    end: usize,
    text: String,
    value: String,
    /// High end of a range: empty in CSV, null in JSON otherwise.
    value_max: Option<String>,
    unit: &'a str,
    qualifier: numbers::Qualifier,
    kind: numbers::Kind,
    /// Who the sentence quotes (empty for the author's own claim), and the cue.
    speaker: &'a str,
    cue: &'a str,
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
    /// Speaker name, cue and speaker code point range of each sentence that has one.
    speakers: Vec<(usize, &'a str, &'a str, std::ops::Range<usize>)>,
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
        .enumerate()
        .map(|(i, e)| {
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
                role: role(p.speaker_of(e.sent_idx).is_some_and(|a| a.speaker == Speaker::Entity(i))),
                fine_type: &e.fine_type,
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
                role: role(p.speaker_of(s.sent_idx).is_some_and(|a| a.range == *mention)),
                fine_type: "",
            });
        }
    }
    entities.sort_by_key(|e| (e.sent_idx, e.start));
    let numbers = p.numbers.iter().map(|(sent_idx, n)| number_row(p, &index, *sent_idx, n)).collect();
    let speakers = p.speakers.iter().map(|a| (a.sent_idx, p.speaker_name(a), a.cue.as_str(), span(&a.range))).collect();
    Rows { sentences, entities, numbers, stances: &p.stances, speakers }
}

fn role(is_speaker: bool) -> &'static str {
    if is_speaker {
        "speaker"
    } else {
        ""
    }
}

fn number_row<'a>(p: &'a Processed, index: &CodepointIndex, sent_idx: usize, n: &'a NumberMention) -> NumberRow<'a> {
    let doc = &p.doc;
    let range = doc.codepoint_range(index, n.range.clone());
    let speaker = p.speaker_of(sent_idx);
    NumberRow {
        sent_idx,
        start: range.start,
        end: range.end,
        text: one_line(&doc.text[n.range.clone()]),
        value: numbers::format_value(n),
        value_max: n.value_max.map(|_| numbers::format_value_max(n)),
        unit: &n.unit,
        qualifier: n.qualifier,
        kind: n.kind,
        speaker: speaker.map_or("", |a| p.speaker_name(a)),
        cue: speaker.map_or("", |a| a.cue.as_str()),
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
            let speaker = of_sentence(&rows.speakers, *i, |a| a.0).first();
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
                "speaker": speaker.map_or("", |a| a.1),
                "cue": speaker.map_or("", |a| a.2),
                "speaker_start": speaker.map(|a| a.3.start),
                "speaker_end": speaker.map(|a| a.3.end),
            })
        })
        .collect();
    serde_json::json!({
        "doc_id": doc.id,
        "source": doc.source,
        "status": "ok",
        "reason": doc.note.as_deref().unwrap_or(""),
        "lang": doc.lang,
        "title": doc.title,
        "url": doc.url,
        "chars": counts.chars,
        "sentences": sentences,
        "position": position,
        "settings": settings,
    })
}

impl Output {
    /// Creates the output directory, takes its lock, removes partial files
    /// left by an interrupted run and opens this run's partial files.
    pub fn create(dir: &Path, format: OutputFormat, excel: bool) -> Result<Output, OutputError> {
        std::fs::create_dir_all(dir).map_err(|cause| OutputError::Folder { path: dir.to_path_buf(), cause })?;
        let lock_path = dir.join(LOCK_FILE);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|cause| OutputError::Folder { path: dir.to_path_buf(), cause })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(OutputError::Locked { path: dir.to_path_buf(), lock: lock_path }),
            Err(std::fs::TryLockError::Error(cause)) => return Err(OutputError::Folder { path: dir.to_path_buf(), cause }),
        }
        let mut stale_removed = Vec::new();
        for name in FILE_NAMES {
            let partial = dir.join(format!(".{name}.partial"));
            if partial.exists() {
                std::fs::remove_file(&partial).map_err(|e| write_error(partial.clone(), e))?;
                stale_removed.push(partial);
            }
        }
        let open = |name: &str| -> Result<Sink, OutputError> {
            let target = dir.join(name);
            let partial = dir.join(format!(".{name}.partial"));
            let file = File::create(&partial).map_err(|e| write_error(partial.clone(), e))?;
            let mut sink = Sink { partial, target, writer: BufWriter::new(file), renamed: false };
            if excel && name.ends_with(".csv") {
                // Excel reads UTF-8 CSV correctly only with a byte order mark.
                sink.writer.write_all("\u{feff}".as_bytes()).map_err(|e| write_error(sink.target.clone(), e))?;
            }
            Ok(sink)
        };
        let csv = |name: &str, header: &[&str]| -> Result<csv::Writer<Sink>, OutputError> {
            let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(open(name)?);
            w.write_record(header).map_err(|e| write_error(dir.join(name), e))?;
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
        Ok(Output {
            writers,
            dir: dir.to_path_buf(),
            _lock: lock,
            stale_removed,
            formula_guard: true,
            names: Some(DumpNames::default()),
            run: None,
        })
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

    /// Records a document that was skipped or failed, with its language when
    /// that is why.
    pub fn not_processed(&mut self, skipped: &Skipped, status: &str, lang: Option<&str>, position: u64, settings: &str) -> Result<(), OutputError> {
        let record = serde_json::json!({
            "doc_id": skipped.id, "source": skipped.source, "status": status, "reason": skipped.reason, "lang": lang,
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
                writeln!(documents, "{record}").map_err(|e| write_error(self.dir.join("documents.jsonl"), e))
            }
        }
    }

    /// Writes one document given as its CSV rows (names as its text gives
    /// them, cells as found: the formula guard is applied here).
    pub fn write_csv_document(&mut self, mut document: CsvDocument) -> Result<(), OutputError> {
        if let Some(names) = &mut self.names {
            align_csv(names, &mut document).map_err(|reason| {
                write_error(self.dir.join("claims.csv"), std::io::Error::new(std::io::ErrorKind::InvalidData, reason))
            })?;
        }
        if self.formula_guard {
            document.map_text_cells(|c| guard_formula(c).into_owned());
        }
        let Writers::Csv { claims, entities, numbers, manifest } = &mut self.writers else {
            unreachable!("CSV rows are written only to CSV output");
        };
        let dir = &self.dir;
        for row in &document.claims {
            claims.write_record(row).map_err(|e| write_error(dir.join("claims.csv"), e))?;
        }
        for row in &document.entities {
            entities.write_record(row).map_err(|e| write_error(dir.join("entities.csv"), e))?;
        }
        for row in &document.numbers {
            numbers.write_record(row).map_err(|e| write_error(dir.join("numbers.csv"), e))?;
        }
        manifest.write_record(&document.manifest).map_err(|e| write_error(dir.join("manifest.csv"), e))
    }

    /// Whether this output is CSV files (else JSON Lines).
    pub fn is_csv(&self) -> bool {
        matches!(self.writers, Writers::Csv { .. })
    }

    /// Flushes every file to disk and renames it to its final name
    /// (`run.json` last); the lock is released after the last one.
    pub fn finish(self) -> Result<Vec<PathBuf>, OutputError> {
        let close = |w: csv::Writer<Sink>| -> Result<Sink, OutputError> {
            let target = w.get_ref().target.clone();
            w.into_inner().map_err(|e| write_error(target, e.into_error()))
        };
        let mut sinks = match self.writers {
            Writers::Csv { claims, entities, numbers, manifest } => {
                [claims, entities, numbers, manifest].into_iter().map(close).collect::<Result<Vec<_>, _>>()?
            }
            Writers::Jsonl { documents } => vec![documents],
        };
        if let Some(run) = &self.run {
            let target = self.dir.join("run.json");
            let partial = self.dir.join(".run.json.partial");
            let file = File::create(&partial).map_err(|e| write_error(partial.clone(), e))?;
            let mut sink = Sink { partial, target, writer: BufWriter::new(file), renamed: false };
            let json = serde_json::to_string_pretty(run).map_err(std::io::Error::from);
            json.and_then(|json| writeln!(sink, "{json}")).map_err(|e| write_error(sink.target.clone(), e))?;
            sinks.push(sink);
        }
        // Every file on disk before any is renamed: a failure (a full disk)
        // leaves no final file of this run.
        for sink in &mut sinks {
            sink.writer.flush().map_err(|e| write_error(sink.target.clone(), e))?;
            sink.writer.get_ref().sync_all().map_err(|e| write_error(sink.target.clone(), e))?;
        }
        let mut written = Vec::new();
        for sink in &mut sinks {
            std::fs::rename(&sink.partial, &sink.target).map_err(|e| write_error(sink.target.clone(), e))?;
            sink.renamed = true;
            written.push(sink.target.clone());
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_keeps_formulas_from_running_and_reads_back_exactly() {
        for (cell, guarded) in
            [("=1+2", "'=1+2"), ("-5%", "'-5%"), ("@a", "'@a"), ("plain", "plain"), ("'=x", "''=x"), ("'tis", "'tis"), ("", "")]
        {
            assert_eq!(guard_formula(cell), guarded);
            assert_eq!(unguard_formula(guarded), cell);
        }
    }

    #[test]
    fn numeric_columns_are_never_guarded() {
        let mut document = CsvDocument {
            numbers: vec![["d", "0", "0", "2", "-5", "-5", "-1", "=u", "exact", "count", "", ""].map(String::from).to_vec()],
            manifest: MANIFEST_COLUMNS.iter().map(|_| "=x".to_string()).collect(),
            ..Default::default()
        };
        document.map_text_cells(|c| guard_formula(c).into_owned());
        assert_eq!(document.numbers[0][4..8], ["'-5", "-5", "-1", "'=u"]);
        assert!(document.manifest.iter().all(|c| c == "'=x"));
    }
}
