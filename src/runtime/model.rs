//! A model folder loaded into ONNX Runtime sessions, and batched inference.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ort::session::{builder::GraphOptimizationLevel, Session, SessionInputValue};
use ort::value::Tensor;
use rayon::prelude::*;
use serde::Deserialize;

use super::encode::{Encoder, Sequence};
use super::{Result, RuntimeError};

/// Which ONNX file of the folder to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Precision {
    /// `model.int8.onnx` if present, else `model.onnx`.
    Auto,
    Int8,
    Fp32,
}

/// The parts of a Hugging Face `config.json` the runtime uses.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelConfig {
    #[serde(default)]
    pub model_type: String,
    /// Absent in an embedding model, which has no labels.
    #[serde(default)]
    pub id2label: BTreeMap<String, String>,
    #[serde(default)]
    pub max_position_embeddings: Option<usize>,
    /// "word_case": token_type_ids carry word case classes (claimsift's NER).
    #[serde(default)]
    pub claimsift_casing: Option<String>,
    /// Per entity type, the log probability in the training data that a name
    /// is directly followed by another name of the same type (B-X after B-X
    /// or I-X); token models decode with it as a transition score.
    #[serde(default)]
    pub claimsift_restart_log_prob: BTreeMap<String, f32>,
    /// A model with two label sets on one head: per set name ("type", the
    /// CoNLL types; "fine_type", the OntoNotes types) its outputs `[start,
    /// end)`, each set its own softmax. Absent: all outputs are one set.
    #[serde(default)]
    pub claimsift_label_sets: BTreeMap<String, [usize; 2]>,
    /// `claimsift_restart_log_prob` of the `fine_type` label set.
    #[serde(default)]
    pub claimsift_fine_restart_log_prob: BTreeMap<String, f32>,
    /// The int8 file quantizes activations with fixed scales
    /// (training/fixed_scales.py), so a row's logits are the same whatever it
    /// is batched with, and it may run in batches.
    #[serde(default)]
    pub claimsift_batch_independent: bool,
}

impl ModelConfig {
    /// Labels in id order, checked to be exactly 0..n.
    fn labels(&self) -> std::result::Result<Vec<String>, String> {
        let mut labels = vec![None; self.id2label.len()];
        for (id, label) in &self.id2label {
            let i: usize = id.parse().map_err(|_| format!("id2label key {id:?} is not a number"))?;
            let slot = labels.get_mut(i).ok_or_else(|| format!("id2label ids are not 0..{}", self.id2label.len()))?;
            *slot = Some(label.clone());
        }
        let labels = labels.into_iter().collect::<Option<Vec<_>>>().ok_or_else(|| "id2label has gaps".to_string())?;
        for (name, [start, end]) in &self.claimsift_label_sets {
            if !matches!(name.as_str(), "type" | "fine_type") {
                return Err(format!("claimsift_label_sets: unknown label set {name:?} (known: type, fine_type)"));
            }
            if start >= end || *end > labels.len() {
                return Err(format!("claimsift_label_sets: {name} [{start}, {end}) is not a range of the {} labels", labels.len()));
            }
        }
        if !self.claimsift_label_sets.is_empty() && !self.claimsift_label_sets.contains_key("type") {
            return Err("claimsift_label_sets has no \"type\" set".to_string());
        }
        Ok(labels)
    }

    /// Outputs of label set `name`; without label sets, "type" is all of them.
    pub fn label_set(&self, name: &str, labels: usize) -> Option<std::ops::Range<usize>> {
        match self.claimsift_label_sets.get(name) {
            Some([start, end]) => Some(*start..*end),
            None if self.claimsift_label_sets.is_empty() && name == "type" => Some(0..labels),
            None => None,
        }
    }
}

/// How inference is spread over threads.
#[derive(Debug, Clone, Copy)]
pub struct Threads {
    /// Total threads to use (rayon workers and ONNX Runtime together).
    pub total: usize,
    /// One session per worker with one intra-op thread each (true), or one
    /// session shared by all workers with `total` intra-op threads (false).
    pub session_per_worker: bool,
}

/// A loaded model folder: tokenizer, labels and ONNX sessions.
pub struct Model {
    pub folder: PathBuf,
    pub config: ModelConfig,
    pub labels: Vec<String>,
    pub encoder: Encoder,
    /// The ONNX file actually loaded.
    pub onnx_file: PathBuf,
    /// The external data files that may hold `onnx_file`'s weights: the
    /// files named after it (`model.int8.onnx.data0`, `.data1`... from
    /// training/split_weights.py, which keeps each file under git hosts' size
    /// limit; `model.onnx_data` from other exporters), in name order; empty
    /// when the weights are inside the graph file.
    pub weight_files: Vec<PathBuf>,
    input_names: Vec<String>,
    sessions: Vec<Mutex<Session>>,
    /// int8 files quantized dynamically get one activation scale per batch
    /// from ONNX Runtime, so a row's logits would depend on the rows (and the
    /// padding) batched with it. They run one sequence per batch, so that a
    /// result is a function of its own input: batched, adding a `--target`
    /// changed 20 of 807 entity stance labels on the sample articles. Files
    /// with fixed scales (`claimsift_batch_independent`) are batched.
    one_per_batch: bool,
    /// Most padded tokens (rows × width) in one batch; 0 admits no second row.
    batch_tokens: usize,
}

/// Most padded tokens (rows × width) in one batch by default.
const BATCH_TOKENS: usize = 256;

const MISSING_MODEL_HINT: &str = "; a model folder needs config.json, tokenizer.json and model.onnx or model.int8.onnx (export a Hugging Face model with training/export.py)";

/// The other files beside `onnx_file` whose names start with its name,
/// sorted by name: where ONNX exporters put external weights
/// (`model.int8.onnx.data0`, `model.onnx_data`). A file named so that holds
/// no weights is only hashed with them, which at worst misses a cache entry.
fn external_data_files(onnx_file: &Path) -> std::io::Result<Vec<PathBuf>> {
    let (Some(folder), Some(name)) = (onnx_file.parent(), onnx_file.file_name()) else {
        return Ok(Vec::new());
    };
    let name = name.to_string_lossy();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let other = entry.file_name();
        let other = other.to_string_lossy();
        if other.len() > name.len() && other.starts_with(name.as_ref()) && entry.file_type()?.is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

impl Model {
    pub fn load(folder: &Path, precision: Precision, threads: Threads, ort_lib: Option<&Path>) -> Result<Model> {
        let env = super::init(ort_lib)?;
        let missing = |file: &str| RuntimeError::MissingFile {
            folder: folder.to_path_buf(),
            file: file.to_string(),
            hint: MISSING_MODEL_HINT,
        };
        let bad = |file: &str, reason: String| RuntimeError::BadFile {
            folder: folder.to_path_buf(),
            file: file.to_string(),
            reason,
        };
        let config_path = folder.join("config.json");
        let config_text = std::fs::read_to_string(&config_path).map_err(|_| missing("config.json"))?;
        let config: ModelConfig = serde_json::from_str(&config_text).map_err(|e| bad("config.json", e.to_string()))?;
        let labels = config.labels().map_err(|e| bad("config.json", e))?;
        let tokenizer_path = folder.join("tokenizer.json");
        if !tokenizer_path.exists() {
            return Err(missing("tokenizer.json"));
        }
        // Position embeddings bound the window; RoBERTa reserves two of them.
        let positions = config.max_position_embeddings.unwrap_or(512);
        let max_len = if config.model_type == "roberta" { positions.saturating_sub(2) } else { positions }.min(512);
        let casing = match config.claimsift_casing.as_deref() {
            None => false,
            Some("word_case") => true,
            Some(other) => return Err(bad("config.json", format!("unknown claimsift_casing {other:?}"))),
        };
        let encoder = Encoder::from_file(&tokenizer_path, casing, max_len)?;
        let onnx_file = match precision {
            Precision::Int8 => folder.join("model.int8.onnx"),
            Precision::Fp32 => folder.join("model.onnx"),
            Precision::Auto => [folder.join("model.int8.onnx"), folder.join("model.onnx")]
                .into_iter()
                .find(|p| p.exists())
                .unwrap_or_else(|| folder.join("model.int8.onnx")),
        };
        if !onnx_file.exists() {
            let name = onnx_file.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            return Err(missing(&name));
        }
        let workers = threads.total.max(1);
        let (count, intra) = if threads.session_per_worker { (workers, 1) } else { (1, workers) };
        // Building a session (reading and optimizing the graph) is most of
        // the startup time, and the sessions are independent: build them at once.
        // ort's builder errors carry the builder back (a large Err); sessions
        // are built a few times a run, so boxing them would buy nothing.
        #[allow(clippy::result_large_err)]
        let build_session = || -> Result<Mutex<Session>> {
            let mut builder = Session::builder(env)?
                .with_optimization_level(GraphOptimizationLevel::Level3)
                .and_then(|b| b.with_intra_threads(intra))
                .and_then(|b| b.with_inter_threads(1))
                .map_err(ort::Error::from)?;
            Ok(Mutex::new(builder.commit_from_file(&onnx_file)?))
        };
        let sessions = (0..count).into_par_iter().map(|_| build_session()).collect::<Result<Vec<_>>>()?;
        let input_names: Vec<String> = {
            let session = sessions[0].lock().expect("fresh session lock");
            session.inputs().iter().map(|i| i.name().to_string()).collect()
        };
        if let Some(other) =
            input_names.iter().find(|n| !matches!(n.as_str(), "input_ids" | "attention_mask" | "token_type_ids"))
        {
            return Err(bad(&onnx_file.to_string_lossy(), format!("unsupported model input {other:?}")));
        }
        let one_per_batch =
            onnx_file.file_name().is_some_and(|n| n == "model.int8.onnx") && !config.claimsift_batch_independent;
        let weight_files = external_data_files(&onnx_file).map_err(|e| bad(&onnx_file.to_string_lossy(), e.to_string()))?;
        Ok(Model {
            folder: folder.to_path_buf(),
            config,
            labels,
            encoder,
            onnx_file,
            weight_files,
            input_names,
            sessions,
            one_per_batch,
            batch_tokens: if one_per_batch { 0 } else { BATCH_TOKENS },
        })
    }

    /// Batches of at most `tokens` padded tokens (rows × width); 0 runs one
    /// sequence per batch. Ignored (one per batch) for dynamically quantized
    /// int8, whose results would depend on the batch.
    pub fn with_batch_tokens(mut self, tokens: usize) -> Model {
        if !self.one_per_batch {
            self.batch_tokens = tokens;
        }
        self
    }

    /// Runs sequences in parallel, in length-sorted batches (little padding;
    /// dynamically quantized int8: one sequence each), and returns each sequence's logits in input
    /// order: `len × labels` values for token models, one row of the output
    /// (`labels` values, or an embedding) for sequence models.
    pub fn logits(&self, sequences: &[&Sequence]) -> Result<Vec<Vec<f32>>> {
        let mut order: Vec<usize> = (0..sequences.len()).collect();
        order.sort_by_key(|&i| sequences[i].len());
        let mut batches: Vec<&[usize]> = Vec::new();
        let budget = self.batch_tokens;
        let mut rest = &order[..];
        while !rest.is_empty() {
            // Sorted ascending, so the last row of a batch is its widest.
            let mut n = 1;
            while n < rest.len() && (n + 1) * sequences[rest[n]].len().max(1) <= budget {
                n += 1;
            }
            let (batch, tail) = rest.split_at(n);
            batches.push(batch);
            rest = tail;
        }
        let results: Vec<Vec<Vec<f32>>> =
            batches.par_iter().map(|batch| self.run_batch(batch.iter().map(|&i| sequences[i]))).collect::<Result<_>>()?;
        let mut out = vec![Vec::new(); sequences.len()];
        for (batch, logits) in batches.iter().zip(results) {
            for (&i, l) in batch.iter().zip(logits) {
                out[i] = l;
            }
        }
        Ok(out)
    }

    fn run_batch<'a>(&self, rows: impl ExactSizeIterator<Item = &'a Sequence> + Clone) -> Result<Vec<Vec<f32>>> {
        let count = rows.len();
        let width = rows.clone().map(Sequence::len).max().unwrap_or(0).max(1);
        let mut ids = vec![0i64; count * width];
        let mut types = vec![0i64; count * width];
        let mut mask = vec![0i64; count * width];
        let mut lengths = Vec::with_capacity(count);
        for (r, seq) in rows.enumerate() {
            let row = r * width;
            ids[row..row + seq.len()].copy_from_slice(&seq.ids);
            types[row..row + seq.len()].copy_from_slice(&seq.type_ids);
            mask[row..row + seq.len()].fill(1);
            lengths.push(seq.len());
        }
        let shape = [count, width];
        // Each buffer moves into its tensor: no copy before the run (the
        // load checked the input names are among these three; ONNX names are unique).
        let mut inputs: Vec<(Cow<'_, str>, SessionInputValue<'_>)> = Vec::with_capacity(self.input_names.len());
        for name in &self.input_names {
            let data = std::mem::take(match name.as_str() {
                "input_ids" => &mut ids,
                "attention_mask" => &mut mask,
                _ => &mut types,
            });
            inputs.push((Cow::Borrowed(name.as_str()), Tensor::from_array((shape, data))?.into()));
        }
        let slot = rayon::current_thread_index().unwrap_or(0) % self.sessions.len();
        let mut session = self.sessions[slot].lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let outputs = session.run(inputs)?;
        let (out_shape, data) = outputs[0].try_extract_tensor::<f32>()?;
        if out_shape.len() == 3 {
            // Token logits: keep each row's real tokens, drop the padding.
            let labels = self.labels.len();
            Ok(lengths.iter().enumerate().map(|(r, &len)| data[r * width * labels..][..len * labels].to_vec()).collect())
        } else {
            let row = data.len() / count.max(1);
            Ok(data.chunks(row.max(1)).map(<[f32]>::to_vec).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(label_sets: &str) -> ModelConfig {
        let text = format!(r#"{{"id2label": {{"0": "O", "1": "B-PER", "2": "I-PER", "3": "onto:O"}}, "claimsift_label_sets": {label_sets}}}"#);
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn label_sets_must_be_known_ranges_of_the_labels() {
        let good = config(r#"{"type": [0, 3], "fine_type": [3, 4]}"#);
        assert_eq!(good.labels().unwrap().len(), 4);
        assert_eq!((good.label_set("type", 4), good.label_set("fine_type", 4)), (Some(0..3), Some(3..4)));
        let plain = config("{}");
        assert_eq!((plain.label_set("type", 4), plain.label_set("fine_type", 4)), (Some(0..4), None));
        for (bad, says) in [
            (r#"{"type": [0, 5]}"#, "is not a range"),
            (r#"{"type": [2, 2]}"#, "is not a range"),
            (r#"{"fine_type": [3, 4]}"#, "no \"type\""),
            (r#"{"type": [0, 3], "kind": [3, 4]}"#, "unknown label set"),
        ] {
            let err = config(bad).labels().unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }
}
