//! Output: CSV files (or JSON Lines) with code point offsets.
//!
//! Files are written under temporary names (`.NAME.partial`) and renamed
//! only by [`Output::finish`], so a killed run never leaves a file that looks
//! complete. A run holds a lock on its output folder from [`Output::create`]
//! to the end, so two runs never mix their files; partial files of a killed
//! run are removed by the next run into the folder.
//!
//! CSV text cells are guarded against spreadsheet formula injection (see
//! [`guard_formula`]); JSON Lines output is written as found.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::document::{CodepointIndex, Document};
use crate::ingest::Skipped;
use crate::numbers::{self, NumberMention};
use crate::pipeline::Processed;
use crate::speakers::Speaker;
use crate::stance::Stance;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// claims.csv, entities.csv, numbers.csv and manifest.csv.
    Csv,
    /// documents.jsonl: one JSON object per document with the same fields.
    Jsonl,
}

/// Every file a run may write.
const FILE_NAMES: [&str; 5] = ["claims.csv", "entities.csv", "numbers.csv", "manifest.csv", "documents.jsonl"];
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

/// A CSV text cell that a spreadsheet would read as a formula (first
/// character `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`,
/// as OWASP recommends for CSV files opened in spreadsheets: the cell then
/// opens as text. Other cells are returned as they are.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
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
    renamed: bool,
}

/// A file never finished (a write failed, the run stopped with an error)
/// leaves nothing behind: neither a complete-looking file nor a partial one.
impl Drop for Sink {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
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
    /// Held (locked) until the output is finished or dropped.
    _lock: File,
    /// Partial files of an interrupted run that [`Output::create`] removed.
    pub stale_removed: Vec<PathBuf>,
    /// Whether CSV text cells get [`guard_formula`] (`--raw-cells` turns it off).
    pub formula_guard: bool,
}

#[derive(Serialize)]
struct ManifestRow<'a> {
    doc_id: &'a str,
    source: &'a str,
    status: &'a str,
    reason: &'a str,
    chars: usize,
    sentences: usize,
    entities: usize,
    numbers: usize,
    lang: &'a str,
}

/// One entity row (also the entity objects of JSON output).
#[derive(Serialize)]
struct EntityRow<'a> {
    sent_idx: usize,
    start: usize,
    end: usize,
    entity: String,
    canonical: Cow<'a, str>,
    #[serde(rename = "type")]
    entity_type: Cow<'a, str>,
    score: Option<Score>,
    stance: Option<&'a str>,
    stance_score: Option<Score>,
    /// "speaker" where the mention is the sentence's speaker, so its stance
    /// is not read as the sentence's stance toward the one who speaks.
    role: &'static str,
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
    unit: Cow<'a, str>,
    qualifier: numbers::Qualifier,
    kind: numbers::Kind,
    /// Who the sentence quotes (empty for the author's own claim), and the cue.
    speaker: Cow<'a, str>,
    cue: Cow<'a, str>,
}

/// A text cell written as it is (`--raw-cells`).
fn raw_cell(cell: &str) -> Cow<'_, str> {
    Cow::Borrowed(cell)
}

type CellFn = for<'c> fn(&'c str) -> Cow<'c, str>;

impl EntityRow<'_> {
    /// This row with its text cells passed through `cell`.
    fn with_cells(&self, cell: CellFn) -> EntityRow<'_> {
        EntityRow {
            entity: cell(&self.entity).into_owned(),
            canonical: cell(&self.canonical),
            entity_type: cell(&self.entity_type),
            stance: self.stance,
            ..*self
        }
    }
}

impl NumberRow<'_> {
    /// This row with its text cells passed through `cell`; `value` is left
    /// as it is: claimsift writes it, and a negative value stays a number.
    fn with_cells(&self, cell: CellFn) -> NumberRow<'_> {
        NumberRow {
            text: cell(&self.text).into_owned(),
            value: self.value.clone(),
            value_max: self.value_max.clone(),
            unit: cell(&self.unit),
            speaker: cell(&self.speaker),
            cue: cell(&self.cue),
            ..*self
        }
    }
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
                canonical: Cow::Borrowed(&e.canonical),
                entity_type: Cow::Borrowed(&e.entity_type),
                score: Some(Score(e.score)),
                stance: stance.map(|s| s.label.as_str()),
                stance_score: stance.map(|s| Score(s.score)),
                role: role(p.speaker_of(e.sent_idx).is_some_and(|a| a.speaker == Speaker::Entity(i))),
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
                canonical: Cow::Borrowed(&s.target),
                entity_type: Cow::Borrowed(s.via.mention_type()),
                score: None,
                stance: Some(&s.label),
                stance_score: Some(Score(s.score)),
                role: role(p.speaker_of(s.sent_idx).is_some_and(|a| a.range == *mention)),
            });
        }
    }
    entities.sort_by_key(|e| (e.sent_idx, e.start));
    let numbers = p
        .numbers
        .iter()
        .map(|(sent_idx, n)| number_row(p, &index, *sent_idx, n))
        .collect();
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
        unit: Cow::Borrowed(&n.unit),
        qualifier: n.qualifier,
        kind: n.kind,
        speaker: Cow::Borrowed(speaker.map_or("", |a| p.speaker_name(a))),
        cue: Cow::Borrowed(speaker.map_or("", |a| a.cue.as_str())),
    }
}

/// The rows of sentence `i` in rows sorted by sentence.
fn of_sentence<T>(rows: &[T], i: usize, sent_idx: impl Fn(&T) -> usize) -> &[T] {
    let start = rows.partition_point(|r| sent_idx(r) < i);
    let end = rows.partition_point(|r| sent_idx(r) <= i);
    &rows[start..end]
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
                claims: csv("claims.csv", &["doc_id", "sent_idx", "start", "end", "sentence", "entities", "stances", "numbers", "speaker", "cue"])?,
                entities: csv(
                    "entities.csv",
                    &["doc_id", "sent_idx", "start", "end", "entity", "canonical", "type", "score", "stance", "stance_score", "role"],
                )?,
                numbers: csv(
                    "numbers.csv",
                    &["doc_id", "sent_idx", "start", "end", "text", "value", "value_max", "unit", "qualifier", "kind", "speaker", "cue"],
                )?,
                manifest: csv("manifest.csv", &["doc_id", "source", "status", "reason", "chars", "sentences", "entities", "numbers", "lang"])?,
            },
            OutputFormat::Jsonl => Writers::Jsonl { documents: open("documents.jsonl")? },
        };
        Ok(Output { writers, dir: dir.to_path_buf(), _lock: lock, stale_removed, formula_guard: true })
    }

    fn cell_fn(&self) -> CellFn {
        if self.formula_guard {
            guard_formula
        } else {
            raw_cell
        }
    }

    /// Writes all rows of one processed document.
    pub fn document(&mut self, p: &Processed) -> Result<(), OutputError> {
        let rows = rows(p);
        let counts = Counts::of(p);
        let doc = &p.doc;
        let cell = self.cell_fn();
        let dir = &self.dir;
        match &mut self.writers {
            Writers::Csv { claims, entities, numbers, manifest } => {
                let doc_id = cell(&doc.id);
                for (i, range, sentence) in &rows.sentences {
                    let ents = of_sentence(&rows.entities, *i, |e| e.sent_idx);
                    let nums = of_sentence(&rows.numbers, *i, |n| n.sent_idx);
                    let speaker = of_sentence(&rows.speakers, *i, |a| a.0).first();
                    if ents.is_empty() && nums.is_empty() && speaker.is_none() {
                        continue;
                    }
                    let entity_cell = ents.iter().map(|e| format!("{} ({})", e.entity, e.entity_type)).collect::<Vec<_>>().join("; ");
                    let stance_cell = of_sentence(rows.stances, *i, |s| s.sent_idx)
                        .iter()
                        .map(|s| format!("{}: {} ({:.2})", s.target, s.label, s.score))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let number_cell = nums
                        .iter()
                        .map(|n| {
                            let value = n.value_max.as_ref().map_or_else(|| n.value.clone(), |max| format!("{}..{max}", n.value));
                            format!("{} = {value} {} ({}, {})", n.text, n.unit, n.qualifier.as_str(), n.kind.as_str())
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    let record = [
                        doc_id.as_ref(),
                        &i.to_string(),
                        &range.start.to_string(),
                        &range.end.to_string(),
                        &cell(sentence),
                        &cell(&entity_cell),
                        &cell(&stance_cell),
                        &cell(&number_cell),
                        &cell(speaker.map_or("", |a| a.1)),
                        &cell(speaker.map_or("", |a| a.2)),
                    ];
                    claims.write_record(record).map_err(|e| write_error(dir.join("claims.csv"), e))?;
                }
                for e in &rows.entities {
                    entities.serialize((&doc_id, e.with_cells(cell))).map_err(|err| write_error(dir.join("entities.csv"), err))?;
                }
                for n in &rows.numbers {
                    numbers.serialize((&doc_id, n.with_cells(cell))).map_err(|err| write_error(dir.join("numbers.csv"), err))?;
                }
                let row = ManifestRow {
                    doc_id: &doc_id,
                    source: &cell(&doc.source),
                    status: "ok",
                    reason: &cell(doc.note.as_deref().unwrap_or("")),
                    chars: counts.chars,
                    sentences: counts.sentences,
                    entities: counts.entities,
                    numbers: counts.numbers,
                    lang: doc.lang.unwrap_or(""),
                };
                manifest.serialize(row).map_err(|err| write_error(dir.join("manifest.csv"), err))?;
            }
            Writers::Jsonl { documents } => {
                let sentences: Vec<serde_json::Value> = rows
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
                let object = serde_json::json!({
                    "doc_id": doc.id,
                    "source": doc.source,
                    "status": "ok",
                    "reason": doc.note.as_deref().unwrap_or(""),
                    "lang": doc.lang,
                    "title": doc.title,
                    "url": doc.url,
                    "chars": counts.chars,
                    "sentences": sentences,
                });
                writeln!(documents, "{object}").map_err(|e| write_error(dir.join("documents.jsonl"), e))?;
            }
        }
        Ok(())
    }

    /// Records a document that was skipped or failed, with its language when
    /// that is why.
    pub fn not_processed(&mut self, skipped: &Skipped, status: &str, lang: Option<&str>) -> Result<(), OutputError> {
        let cell = self.cell_fn();
        match &mut self.writers {
            Writers::Csv { manifest, .. } => {
                let row = ManifestRow {
                    doc_id: &cell(&skipped.id),
                    source: &cell(&skipped.source),
                    status,
                    reason: &cell(&skipped.reason),
                    chars: 0,
                    sentences: 0,
                    entities: 0,
                    numbers: 0,
                    lang: lang.unwrap_or(""),
                };
                manifest.serialize(row).map_err(|err| write_error(self.dir.join("manifest.csv"), err))
            }
            Writers::Jsonl { documents } => {
                let object = serde_json::json!({
                    "doc_id": skipped.id, "source": skipped.source, "status": status, "reason": skipped.reason, "lang": lang,
                });
                writeln!(documents, "{object}").map_err(|e| write_error(self.dir.join("documents.jsonl"), e))
            }
        }
    }

    /// Flushes every file to disk and renames it to its final name; the lock
    /// is released after the last one.
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
