//! Sentence embeddings: text → unit vector, compared by dot product (cosine).

use super::{Model, Result};

/// A model whose ONNX output is one pooled, L2-normalised vector per
/// sequence (`training/export_embed.py`).
pub struct SentenceEncoder {
    pub model: Model,
}

impl SentenceEncoder {
    pub fn new(model: Model) -> Self {
        SentenceEncoder { model }
    }

    /// One embedding per text, in input order. A text longer than the model's
    /// window is embedded from its first window: a sentence fits whole.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let sequences = texts
            .iter()
            .map(|text| {
                let tokens = self.model.encoder.tokens(text)?;
                Ok(self.model.encoder.windows(&tokens, 0).swap_remove(0).sequence)
            })
            .collect::<Result<Vec<_>>>()?;
        let refs: Vec<_> = sequences.iter().collect();
        self.model.logits(&refs)
    }
}

/// Cosine similarity of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
