//! Output: CSV files (or JSON Lines) with code point offsets.
//!
//! Files are written under temporary names (`.NAME.partial`) and renamed
//! only by [`Output::finish`], so a killed run never leaves a file that looks
//! complete.

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
}

/// One entity row (also the entity objects of JSON output).
#[derive(Serialize)]
struct EntityRow<'a> {
    #[serde(skip_serializing)]
    doc_id: &'a str,
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
    /// "speaker" where the mention is the sentence's speaker, so its stance
    /// is not read as the sentence's stance toward the one who speaks.
    role: &'static str,
}

#[derive(Serialize)]
struct NumberRow<'a> {
    #[serde(skip_serializing)]
    doc_id: &'a str,
    sent_idx: usize,
    start: usize,
    end: usize,
    text: String,
    value: String,
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
                doc_id: &doc.id,
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
            }
        })
        .collect();
    // User targets and pronoun references are rows too, at each mention, so a pivot sees them.
    for s in &p.stances {
        for mention in &s.mentions {
            let range = span(mention);
            entities.push(EntityRow {
                doc_id: &doc.id,
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
        doc_id: &doc.id,
        sent_idx,
        start: range.start,
        end: range.end,
        text: one_line(&doc.text[n.range.clone()]),
        value: numbers::format_value(n),
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
                claims: csv("claims.csv", &["doc_id", "sent_idx", "start", "end", "sentence", "entities", "stances", "numbers", "speaker", "cue"])?,
                entities: csv(
                    "entities.csv",
                    &["doc_id", "sent_idx", "start", "end", "entity", "canonical", "type", "score", "stance", "stance_score", "role"],
                )?,
                numbers: csv("numbers.csv", &["doc_id", "sent_idx", "start", "end", "text", "value", "unit", "qualifier", "kind", "speaker", "cue"])?,
                manifest: csv("manifest.csv", &["doc_id", "source", "status", "reason", "chars", "sentences", "entities", "numbers"])?,
            },
            OutputFormat::Jsonl => Writers::Jsonl { documents: open("documents.jsonl")? },
        };
        Ok(Output { writers, dir: dir.to_path_buf() })
    }

    fn error(&self, name: &str, e: impl Into<std::io::Error>) -> OutputError {
        OutputError { path: self.dir.join(name), source: e.into() }
    }

    /// Writes all rows of one processed document.
    pub fn document(&mut self, p: &Processed) -> Result<(), OutputError> {
        let rows = rows(p);
        let counts = Counts::of(p);
        let doc = &p.doc;
        match &mut self.writers {
            Writers::Csv { claims, entities, numbers, manifest } => {
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
                        .map(|n| format!("{} = {} {} ({}, {})", n.text, n.value, n.unit, n.qualifier.as_str(), n.kind.as_str()))
                        .collect::<Vec<_>>()
                        .join("; ");
                    let record = [
                        doc.id.clone(),
                        i.to_string(),
                        range.start.to_string(),
                        range.end.to_string(),
                        sentence.clone(),
                        entity_cell,
                        stance_cell,
                        number_cell,
                        speaker.map_or(String::new(), |a| a.1.to_string()),
                        speaker.map_or(String::new(), |a| a.2.to_string()),
                    ];
                    claims.write_record(&record).map_err(|e| OutputError { path: self.dir.join("claims.csv"), source: e.into() })?;
                }
                for e in &rows.entities {
                    entities
                        .serialize((e.doc_id, e))
                        .map_err(|err| OutputError { path: self.dir.join("entities.csv"), source: err.into() })?;
                }
                for n in &rows.numbers {
                    numbers.serialize((n.doc_id, n)).map_err(|err| OutputError { path: self.dir.join("numbers.csv"), source: err.into() })?;
                }
                let row = ManifestRow {
                    doc_id: &doc.id,
                    source: &doc.source,
                    status: "ok",
                    reason: "",
                    chars: counts.chars,
                    sentences: counts.sentences,
                    entities: counts.entities,
                    numbers: counts.numbers,
                };
                manifest.serialize(row).map_err(|err| OutputError { path: self.dir.join("manifest.csv"), source: err.into() })?;
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
                    "reason": "",
                    "title": doc.title,
                    "url": doc.url,
                    "chars": counts.chars,
                    "sentences": sentences,
                });
                writeln!(documents, "{object}").map_err(|e| self.error("documents.jsonl", e))?;
            }
        }
        Ok(())
    }

    /// Records a document that was skipped or failed.
    pub fn not_processed(&mut self, skipped: &Skipped, status: &str) -> Result<(), OutputError> {
        match &mut self.writers {
            Writers::Csv { manifest, .. } => {
                let row = ManifestRow {
                    doc_id: &skipped.id,
                    source: &skipped.source,
                    status,
                    reason: &skipped.reason,
                    chars: 0,
                    sentences: 0,
                    entities: 0,
                    numbers: 0,
                };
                manifest.serialize(row).map_err(|err| OutputError { path: self.dir.join("manifest.csv"), source: err.into() })
            }
            Writers::Jsonl { documents } => {
                let object = serde_json::json!({
                    "doc_id": skipped.id, "source": skipped.source, "status": status, "reason": skipped.reason,
                });
                writeln!(documents, "{object}").map_err(|e| self.error("documents.jsonl", e))
            }
        }
    }

    /// Flushes every file and renames it to its final name.
    pub fn finish(self) -> Result<Vec<PathBuf>, OutputError> {
        let sinks = match self.writers {
            Writers::Csv { claims, entities, numbers, manifest } => [claims, entities, numbers, manifest]
                .into_iter()
                .map(|w| w.into_inner().map_err(|e| OutputError { path: self.dir.clone(), source: e.into_error() }))
                .collect::<Result<Vec<_>, _>>()?,
            Writers::Jsonl { documents } => vec![documents],
        };
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
}
