//! Transformer inference on ONNX Runtime: the only module that touches ONNX.
//!
//! A model folder in the Hugging Face layout exported to ONNX
//! (`config.json`, `tokenizer.json`, `model.onnx` and/or `model.int8.onnx`)
//! loads as a [`Model`]; [`TokenClassifier`] decodes entity spans from it,
//! [`PairClassifier`] scores (text, target) pairs and [`SentenceEncoder`]
//! embeds sentences.

mod encode;
mod model;
mod pair_classification;
mod sentence_embedding;
mod token_classification;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub use encode::{case_type_ids, word_case, Encoder, Sequence, Tokens, Window};
pub use model::{Model, ModelConfig, Precision, Threads};
pub use pair_classification::PairClassifier;
pub use sentence_embedding::{cosine, SentenceEncoder};
pub use token_classification::{Aggregation, EntitySpan, SpanSet, TokenClassifier, NUMERIC};

/// The onnxruntime release whose library the README's set-up installs; it
/// matches the `api-31` feature of the `ort` crate.
pub const ONNXRUNTIME_VERSION: &str = "1.31.1";

/// The command that installs the library where [`init`] looks last.
pub const INSTALL_HINT: &str = "run `make ort` in the claimsift checkout (it downloads onnxruntime==1.31.1 from PyPI into .ort/), or pass --ort-lib PATH / set ORT_DYLIB_PATH to a libonnxruntime.so of version 1.31";

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("ONNX Runtime library not found (looked at {tried}); {hint}", tried = .0.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "), hint = INSTALL_HINT)]
    LibraryNotFound(Vec<PathBuf>),
    #[error("cannot load ONNX Runtime from {path}: {message}; {hint}", hint = INSTALL_HINT)]
    LibraryLoad { path: PathBuf, message: String },
    #[error("model folder {folder}: missing {file}{hint}")]
    MissingFile { folder: PathBuf, file: String, hint: &'static str },
    #[error("model folder {folder}: {file} is invalid: {reason}")]
    BadFile { folder: PathBuf, file: String, reason: String },
    #[error("tokenizer failed: {0}")]
    Tokenizer(String),
    // The message holds ONNX Runtime's own, so it is not also a `source`
    // (that would print it twice).
    #[error("ONNX Runtime failed: {0}")]
    Ort(ort::Error),
}

impl From<ort::Error> for RuntimeError {
    fn from(e: ort::Error) -> Self {
        RuntimeError::Ort(e)
    }
}

pub type Result<T, E = RuntimeError> = std::result::Result<T, E>;

static ENVIRONMENT: OnceLock<ort::environment::Environment> = OnceLock::new();

/// Where the README's set-up (`make ort`) puts the library.
pub fn default_library_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ort").join("libonnxruntime.so")
}

/// Loads ONNX Runtime once per process. Lookup order: `explicit` (the
/// `--ort-lib` flag), `ORT_DYLIB_PATH`, the set-up location, then a
/// `libonnxruntime.so` beside the executable.
pub fn init(explicit: Option<&Path>) -> Result<&'static ort::environment::Environment> {
    if let Some(env) = ENVIRONMENT.get() {
        return Ok(env);
    }
    // Models load concurrently: one of them loads the library, the others wait.
    static LOADING: Mutex<()> = Mutex::new(());
    let _loading = LOADING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(env) = ENVIRONMENT.get() {
        return Ok(env);
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    candidates.extend(explicit.map(Path::to_path_buf));
    candidates.extend(std::env::var_os("ORT_DYLIB_PATH").map(PathBuf::from));
    candidates.push(default_library_path());
    if let Some(dir) = std::env::current_exe().ok().and_then(|exe| exe.parent().map(Path::to_path_buf)) {
        candidates.push(dir.join("libonnxruntime.so"));
    }
    // An explicit choice that does not exist is an error, not a reason to fall back.
    let path = if explicit.is_some() || std::env::var_os("ORT_DYLIB_PATH").is_some() {
        candidates[0].clone()
    } else {
        candidates.iter().find(|p| p.exists()).cloned().ok_or_else(|| RuntimeError::LibraryNotFound(candidates.clone()))?
    };
    if !path.exists() {
        return Err(RuntimeError::LibraryNotFound(vec![path]));
    }
    let load_error = |message: String| RuntimeError::LibraryLoad { path: path.clone(), message };
    let builder = ort::init_from(&path).map_err(|e| load_error(e.to_string()))?;
    let env = builder.with_name("claimsift").build().map_err(|e| load_error(e.to_string()))?;
    Ok(ENVIRONMENT.get_or_init(|| env))
}

/// Softmax of one row of logits.
pub fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|&l| (l - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.into_iter().map(|e| e / sum).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one_and_keeps_order() {
        let p = softmax(&[1.0, 3.0, -2.0]);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(p[1] > p[0] && p[0] > p[2]);
    }

    #[test]
    fn missing_explicit_library_names_the_fix() {
        let err = RuntimeError::LibraryNotFound(vec![PathBuf::from("/nowhere/libonnxruntime.so")]).to_string();
        assert!(err.contains("/nowhere/libonnxruntime.so") && err.contains("make ort"), "{err}");
    }
}
