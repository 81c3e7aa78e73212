//! Pair classification (stance): (target, text) pairs → label probabilities.

use rayon::prelude::*;

use super::{softmax, Model, Result};

/// Scores pairs with a sequence classification model over (target, text).
pub struct PairClassifier {
    pub model: Model,
}

impl PairClassifier {
    pub fn new(model: Model) -> Self {
        PairClassifier { model }
    }

    /// Labels in the order of the probabilities that [`Self::predict`] returns.
    pub fn labels(&self) -> &[String] {
        &self.model.labels
    }

    /// Probability of each label for each (target, text) pair.
    pub fn predict(&self, pairs: &[(&str, &str)]) -> Result<Vec<Vec<f32>>> {
        let sequences: Vec<_> =
            pairs.par_iter().map(|(target, text)| self.model.encoder.pair(target, text)).collect::<Result<_>>()?;
        let refs: Vec<_> = sequences.iter().collect();
        Ok(self.model.logits(&refs)?.iter().map(|l| softmax(l)).collect())
    }
}
