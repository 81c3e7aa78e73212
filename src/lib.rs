//! claimsift: news article dumps → CSV files of sentences, entities, stance and numbers.
//!
//! The pipeline is a chain of stages over [`document::Document`]:
//! ingest → clean → split → entities → stance → numbers → write.

pub mod clean;
pub mod document;
pub mod gold;
pub mod numbers;
pub mod split;
