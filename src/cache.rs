//! Incremental runs: the model outputs of documents processed before.
//!
//! Only the model stages are cached (entities and stances): cleaning,
//! splitting and numbers are fast and recomputed. An entry's key hashes the
//! models' files, the stage settings, the text and its sentence ranges, so a
//! new model, new flags or a changed splitter never reuse a stale entry.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::entities::Entity;
use crate::pipeline::Pipeline;
use crate::runtime::Model;
use crate::stance::Stance;

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("cannot use cache directory {path}: {cause} (pass another --cache DIR, or none)")]
    Directory { path: PathBuf, cause: io::Error },
    #[error("cannot read model file {path} to fingerprint the cache: {cause}")]
    ModelFile { path: PathBuf, cause: io::Error },
}

/// What the model stages found in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelOutputs {
    pub entities: Vec<Entity>,
    pub stances: Vec<Stance>,
}

/// A directory of model outputs, one JSON file per document content.
pub struct Cache {
    dir: PathBuf,
    fingerprint: blake3::Hash,
    write_failures: AtomicUsize,
}

impl Cache {
    /// Opens (creating it if needed) the cache at `dir` for this pipeline's models and settings.
    pub fn open(dir: &Path, pipeline: &Pipeline) -> Result<Cache, CacheError> {
        fs::create_dir_all(dir).map_err(|cause| CacheError::Directory { path: dir.to_path_buf(), cause })?;
        Ok(Cache { dir: dir.to_path_buf(), fingerprint: fingerprint(pipeline)?, write_failures: AtomicUsize::new(0) })
    }

    fn path(&self, text: &str, sentences: &[Range<usize>]) -> PathBuf {
        let mut hasher = blake3::Hasher::new();
        hasher.update(self.fingerprint.as_bytes());
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
        for s in sentences {
            hasher.update(&(s.start as u64).to_le_bytes());
            hasher.update(&(s.end as u64).to_le_bytes());
        }
        let key = hasher.finalize().to_hex();
        self.dir.join(&key[..2]).join(format!("{}.json", &key[2..]))
    }

    /// The stored outputs for this text, if any. A damaged entry is a miss.
    pub fn get(&self, text: &str, sentences: &[Range<usize>]) -> Option<ModelOutputs> {
        let bytes = fs::read(self.path(text, sentences)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores the outputs. A failed write only costs a recomputation next
    /// time, so it is counted (see [`Cache::write_failures`]), not fatal.
    pub fn put(&self, text: &str, sentences: &[Range<usize>], outputs: &ModelOutputs) {
        if self.write(text, sentences, outputs).is_err() {
            self.write_failures.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Entries that could not be stored.
    pub fn write_failures(&self) -> usize {
        self.write_failures.load(Ordering::Relaxed)
    }

    /// Written to a temporary name first, so that a killed run leaves no
    /// half-written entry behind.
    fn write(&self, text: &str, sentences: &[Range<usize>], outputs: &ModelOutputs) -> io::Result<()> {
        let path = self.path(text, sentences);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let partial = path.with_extension(format!("{}.partial", std::process::id()));
        fs::write(&partial, serde_json::to_vec(outputs).map_err(io::Error::from)?)?;
        fs::rename(&partial, &path)
    }
}

/// Hashes of the files of a model that decide its outputs: the ONNX file
/// run, its external weight files if any, its configuration and its tokenizer.
pub fn model_file_hashes(model: &Model) -> Result<Vec<blake3::Hash>, CacheError> {
    std::iter::once(model.onnx_file.clone())
        .chain(model.weight_files.iter().cloned())
        .chain([model.folder.join("config.json"), model.folder.join("tokenizer.json")])
        .map(|path| fs::read(&path).map(|bytes| blake3::hash(&bytes)).map_err(|cause| CacheError::ModelFile { path, cause }))
        .collect()
}

/// Hash of everything besides the text that decides the model outputs.
fn fingerprint(pipeline: &Pipeline) -> Result<blake3::Hash, CacheError> {
    let mut hasher = blake3::Hasher::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    let mut model = |name: &str, model: &Model| -> Result<(), CacheError> {
        hasher.update(name.as_bytes());
        for hash in model_file_hashes(model)? {
            hasher.update(hash.as_bytes());
        }
        Ok(())
    };
    if let Some(stage) = &pipeline.entities {
        model("entities", &stage.classifier.model)?;
    }
    if let Some(stage) = &pipeline.stance {
        model("stance", &stage.classifier.model)?;
    }
    let settings = format!(
        "{:?} {:?} {:?} {:?}",
        pipeline.entities.as_ref().map(|s| (s.classifier.aggregation, s.classifier.stride)),
        pipeline.stance.as_ref().map(|s| (&s.types, &s.targets, s.pronouns)),
        pipeline.entities.is_some(),
        pipeline.stance.is_some(),
    );
    hasher.update(settings.as_bytes());
    Ok(hasher.finalize())
}
