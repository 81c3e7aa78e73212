//! Merge: the outputs of shard runs (or of a distributed job's parts) back
//! into the output of one run over the whole dump.
//!
//! Every document carries its position in the input and the fingerprint of
//! the settings it was made with (manifest columns, JSON Lines fields), and
//! each output's `run.json` says how many documents the input had. Merge
//! reads the shards' documents in position order (a k-way merge, so memory
//! stays flat) and writes them through [`Output`], which lines the canonical
//! names up across the dump as a single run does.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::output::{CsvDocument, Output, OutputError, RunInfo, CLAIMS_COLUMNS, ENTITIES_COLUMNS, MANIFEST_COLUMNS, NUMBERS_COLUMNS};

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: {reason}")]
    Invalid { path: PathBuf, reason: String },
    #[error("{0}")]
    Mismatch(String),
    #[error(transparent)]
    Output(#[from] OutputError),
}

fn invalid(path: &Path, reason: impl Into<String>) -> MergeError {
    MergeError::Invalid { path: path.to_path_buf(), reason: reason.into() }
}

/// The output of one shard run.
pub struct Shard {
    pub dir: PathBuf,
    pub run: Option<RunInfo>,
    pub format: ShardFormat,
    /// Whether its CSV files start with a byte order mark (`--excel`).
    pub excel: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShardFormat {
    Csv,
    /// `documents.jsonl`, or the `part-*` files a Spark job writes.
    Jsonl(Vec<PathBuf>),
}

impl Shard {
    /// Finds the output files in `dir`.
    pub fn open(dir: &Path) -> Result<Shard, MergeError> {
        let run = match std::fs::read(dir.join("run.json")) {
            Ok(bytes) => Some(serde_json::from_slice(&bytes).map_err(|e| invalid(&dir.join("run.json"), format!("not a claimsift run.json: {e}")))?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(MergeError::Read { path: dir.join("run.json"), source }),
        };
        let manifest = dir.join("manifest.csv");
        if manifest.exists() {
            let mut start = [0u8; 3];
            let excel = File::open(&manifest).and_then(|mut f| f.read_exact(&mut start)).is_ok() && start == [0xef, 0xbb, 0xbf];
            return Ok(Shard { dir: dir.to_path_buf(), run, format: ShardFormat::Csv, excel });
        }
        let documents = dir.join("documents.jsonl");
        let files = if documents.exists() {
            vec![documents]
        } else {
            let entries = std::fs::read_dir(dir).map_err(|source| MergeError::Read { path: dir.to_path_buf(), source })?;
            let mut parts: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("part-")))
                .collect();
            parts.sort();
            parts
        };
        if files.is_empty() {
            return Err(invalid(dir, "no claimsift output here (manifest.csv, documents.jsonl or part-* files)"));
        }
        Ok(Shard { dir: dir.to_path_buf(), run, format: ShardFormat::Jsonl(files), excel: false })
    }
}

/// One document of a shard's output.
pub enum Document {
    Csv(CsvDocument),
    Json(Value),
}

struct Entry {
    position: u64,
    doc_id: String,
    settings: String,
    document: Document,
}

type Entries = Box<dyn Iterator<Item = Result<Entry, MergeError>>>;

fn csv_reader(path: &Path, columns: &[&str]) -> Result<csv::Reader<File>, MergeError> {
    let file = File::open(path).map_err(|source| MergeError::Read { path: path.to_path_buf(), source })?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(file);
    let headers = reader.headers().map_err(|e| invalid(path, e.to_string()))?;
    let headers: Vec<&str> = headers.iter().map(|h| h.trim_start_matches('\u{feff}')).collect();
    if headers != columns {
        return Err(invalid(path, format!("columns {headers:?}, this claimsift writes {columns:?}: merge outputs of this version")));
    }
    Ok(reader)
}

/// Rows of one CSV file, taken document by document.
struct CsvRows {
    path: PathBuf,
    rows: std::iter::Peekable<csv::StringRecordsIntoIter<File>>,
}

impl CsvRows {
    fn open(dir: &Path, name: &str, columns: &[&str]) -> Result<CsvRows, MergeError> {
        let path = dir.join(name);
        Ok(CsvRows { rows: csv_reader(&path, columns)?.into_records().peekable(), path })
    }

    /// The rows of `doc_id` at the head of the file.
    fn take(&mut self, doc_id: &str) -> Result<Vec<Vec<String>>, MergeError> {
        let mut taken = Vec::new();
        while let Some(row) = self.rows.peek() {
            match row {
                Ok(row) if row.get(0) == Some(doc_id) => taken.push(row.iter().map(str::to_string).collect()),
                Ok(_) => break,
                Err(e) => return Err(invalid(&self.path, e.to_string())),
            }
            self.rows.next();
        }
        Ok(taken)
    }

    fn rest(&mut self) -> Option<String> {
        self.rows.next().map(|row| row.map_or_else(|e| e.to_string(), |r| format!("a row of document {:?} not in the manifest", r.get(0).unwrap_or(""))))
    }
}

fn csv_entries(dir: &Path) -> Result<Entries, MergeError> {
    let manifest_path = dir.join("manifest.csv");
    let manifest = csv_reader(&manifest_path, MANIFEST_COLUMNS)?;
    let mut claims = CsvRows::open(dir, "claims.csv", CLAIMS_COLUMNS)?;
    let mut entities = CsvRows::open(dir, "entities.csv", ENTITIES_COLUMNS)?;
    let mut numbers = CsvRows::open(dir, "numbers.csv", NUMBERS_COLUMNS)?;
    let [status, position, settings] = ["status", "position", "settings"].map(|c| MANIFEST_COLUMNS.iter().position(|m| *m == c).unwrap_or(0));
    let mut last_ok: Option<String> = None;
    let mut rows = manifest.into_records();
    let mut finished = false;
    Ok(Box::new(std::iter::from_fn(move || {
        if finished {
            return None;
        }
        let next = (|| -> Result<Option<Entry>, MergeError> {
            let Some(row) = rows.next() else {
                finished = true;
                for file in [&mut claims, &mut entities, &mut numbers] {
                    if let Some(problem) = file.rest() {
                        return Err(invalid(&file.path, problem));
                    }
                }
                return Ok(None);
            };
            let row = row.map_err(|e| invalid(&manifest_path, e.to_string()))?;
            let manifest: Vec<String> = row.iter().map(str::to_string).collect();
            let doc_id = manifest[0].clone();
            let position = manifest[position].parse().map_err(|_| invalid(&manifest_path, format!("document {doc_id:?} has no position")))?;
            let mut document = CsvDocument { manifest: manifest.clone(), ..Default::default() };
            if manifest[status] == "ok" {
                if last_ok.as_deref() == Some(doc_id.as_str()) {
                    return Err(invalid(&manifest_path, format!("two documents in a row have the id {doc_id:?}, so their CSV rows cannot be told apart: merge outputs written with --format jsonl")));
                }
                document.claims = claims.take(&doc_id)?;
                document.entities = entities.take(&doc_id)?;
                document.numbers = numbers.take(&doc_id)?;
                last_ok = Some(doc_id.clone());
            }
            Ok(Some(Entry { position, doc_id, settings: manifest[settings].clone(), document: Document::Csv(document) }))
        })();
        next.transpose()
    })))
}

fn jsonl_entries(path: PathBuf) -> Entries {
    {
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(source) => return Box::new(std::iter::once(Err(MergeError::Read { path, source }))),
        };
        Box::new(BufReader::new(file).lines().enumerate().filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim().is_empty())).map(move |(i, line)| {
            let at = PathBuf::from(format!("{}:{}", path.display(), i + 1));
            let line = line.map_err(|source| MergeError::Read { path: path.clone(), source })?;
            let record: Value = serde_json::from_str(&line).map_err(|e| invalid(&at, format!("not a claimsift JSON Lines document: {e}")))?;
            let field = |key: &str| record.get(key).and_then(Value::as_str).map(str::to_string);
            let position = record.get("position").and_then(Value::as_u64).ok_or_else(|| invalid(&at, "no \"position\": not written by a claimsift that shards"))?;
            let (doc_id, settings) = (field("doc_id").unwrap_or_default(), field("settings").unwrap_or_default());
            Ok(Entry { position, doc_id, settings, document: Document::Json(record) })
        }))
    }
}

/// Settings whose values differ between two run.json files.
fn differing_settings(a: &RunInfo, b: &RunInfo) -> String {
    let names: std::collections::BTreeSet<&String> = a.settings.keys().chain(b.settings.keys()).collect();
    names
        .into_iter()
        .filter(|name| a.settings.get(*name) != b.settings.get(*name))
        .map(|name| format!("{name}: {:?} against {:?}", a.settings.get(name).map_or("(none)", String::as_str), b.settings.get(name).map_or("(none)", String::as_str)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks that the shards were made alike, and returns the run they make together.
pub fn check_shards(shards: &[Shard]) -> Result<RunInfo, MergeError> {
    let with_run: Vec<&Shard> = shards.iter().filter(|s| s.run.is_some()).collect();
    let Some(first) = with_run.first() else {
        return Err(MergeError::Mismatch("no run.json in any of the outputs: cannot tell how many documents the input had".into()));
    };
    let first_run = first.run.as_ref().expect("filtered on run");
    for shard in &with_run[1..] {
        let run = shard.run.as_ref().expect("filtered on run");
        if run.settings_fingerprint != first_run.settings_fingerprint {
            return Err(MergeError::Mismatch(format!(
                "{} and {} were made with different models or settings ({}): rerun the shards alike",
                first.dir.display(),
                shard.dir.display(),
                differing_settings(first_run, run)
            )));
        }
        if run.input_documents != first_run.input_documents {
            return Err(MergeError::Mismatch(format!(
                "{} was run over an input of {} documents, {} over one of {}: shards of one dump only",
                first.dir.display(),
                first_run.input_documents,
                shard.dir.display(),
                run.input_documents
            )));
        }
    }
    let formats: Vec<bool> = shards.iter().map(|s| s.format == ShardFormat::Csv).collect();
    if formats.iter().any(|&csv| csv != formats[0]) {
        return Err(MergeError::Mismatch("some outputs are CSV files and some JSON Lines: merge outputs of one format".into()));
    }
    Ok(first_run.clone())
}

/// Positions as "3, 5-9, 12", the first `limit` runs.
fn ranges(positions: &[u64], limit: usize) -> String {
    let mut runs: Vec<(u64, u64)> = Vec::new();
    for &p in positions {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == p => *end = p,
            _ => runs.push((p, p)),
        }
    }
    let mut text: Vec<String> = runs.iter().take(limit).map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect();
    if runs.len() > limit {
        text.push("…".into());
    }
    text.join(", ")
}

/// Counts for the summary line.
#[derive(Debug, Default)]
pub struct Merged {
    pub documents: u64,
}

/// Merges the shards into `output` in input order. Nothing is finished
/// unless every document of the input is there exactly once.
pub fn merge(shards: &[Shard], mut output: Output) -> Result<(Merged, Vec<PathBuf>), MergeError> {
    let run = check_shards(shards)?;
    // The merged cells are guarded as the shards' were: CSV shards are read
    // back to the cells as found, and the output guards them again.
    output.formula_guard = !run.raw_cells();
    // One input per file of documents in position order: a shard's output,
    // or one part file of a distributed job.
    let mut inputs: Vec<Entries> = Vec::new();
    let mut labels: Vec<PathBuf> = Vec::new();
    for shard in shards {
        match &shard.format {
            ShardFormat::Csv => {
                if !output.is_csv() {
                    return Err(MergeError::Mismatch(format!("{} holds CSV files, which cannot become JSON Lines: merge to CSV", shard.dir.display())));
                }
                inputs.push(csv_entries(&shard.dir)?);
                labels.push(shard.dir.clone());
            }
            ShardFormat::Jsonl(files) => {
                for file in files {
                    inputs.push(jsonl_entries(file.clone()));
                    labels.push(file.clone());
                }
            }
        }
    }
    let result = merge_entries(&labels, &mut inputs, &run, &mut output);
    match result {
        Ok(merged) => {
            output.set_run_info(run);
            let written = output.finish()?;
            Ok((merged, written))
        }
        // Dropping the unfinished output removes its partial files.
        Err(e) => Err(e),
    }
}

fn merge_entries(labels: &[PathBuf], inputs: &mut [Entries], run: &RunInfo, output: &mut Output) -> Result<Merged, MergeError> {
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> = BinaryHeap::new();
    let mut heads: Vec<Option<Entry>> = Vec::new();
    let advance = |i: usize, inputs: &mut [Entries], heads: &mut Vec<Option<Entry>>, heap: &mut BinaryHeap<Reverse<(u64, usize)>>| -> Result<(), MergeError> {
        let previous = heads[i].as_ref().map(|e| e.position);
        let next = inputs[i].next().transpose()?;
        if let (Some(entry), Some(previous)) = (&next, previous) {
            if entry.position <= previous {
                return Err(invalid(&labels[i], format!("document {:?} at position {} comes after position {previous}: not the output of one claimsift run", entry.doc_id, entry.position)));
            }
        }
        if let Some(entry) = &next {
            heap.push(Reverse((entry.position, i)));
        }
        heads[i] = next;
        Ok(())
    };
    for i in 0..inputs.len() {
        heads.push(None);
        advance(i, inputs, &mut heads, &mut heap)?;
    }
    let mut missing: Vec<u64> = Vec::new();
    let mut duplicated: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let mut expected = 1;
    let mut merged = Merged::default();
    while let Some(Reverse((position, i))) = heap.pop() {
        let entry = heads[i].take().expect("a head for each heap item");
        let where_ = || format!("{} (document {:?})", labels[i].display(), entry.doc_id);
        if entry.settings != run.settings_fingerprint {
            return Err(MergeError::Mismatch(format!(
                "{} was made with settings {}, the others with {}: rerun it alike",
                where_(),
                entry.settings,
                run.settings_fingerprint
            )));
        }
        if position > run.input_documents {
            return Err(MergeError::Mismatch(format!("{} is at position {position} of an input of {} documents", where_(), run.input_documents)));
        }
        if position < expected {
            duplicated.entry(position).or_default().push(where_());
        } else {
            missing.extend(expected..position);
            expected = position + 1;
            if missing.is_empty() && duplicated.is_empty() {
                match entry.document {
                    Document::Csv(mut document) => {
                        if !run.raw_cells() {
                            document.unguard();
                        }
                        output.write_csv_document(document)
                    }
                    Document::Json(record) => output.write_record(record),
                }?;
                merged.documents += 1;
            }
        }
        advance(i, inputs, &mut heads, &mut heap)?;
    }
    missing.extend(expected..=run.input_documents);
    if missing.is_empty() && duplicated.is_empty() {
        return Ok(merged);
    }
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!(
            "{} of the input's {} documents are in none of the outputs (positions {}): run or rerun the shards that hold them",
            missing.len(),
            run.input_documents,
            ranges(&missing, 20)
        ));
    }
    if !duplicated.is_empty() {
        let examples: Vec<String> = duplicated.iter().take(5).map(|(p, at)| format!("position {p} again in {}", at.join(", "))).collect();
        problems.push(format!("{} documents are in more than one output ({}): give each shard once", duplicated.len(), examples.join("; ")));
    }
    Err(MergeError::Mismatch(format!("nothing written: {}", problems.join("; and "))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_read_as_ranges() {
        assert_eq!(ranges(&[3, 5, 6, 7, 9], 20), "3, 5-7, 9");
        assert_eq!(ranges(&[1, 3, 5], 2), "1, 3, …");
    }
}
