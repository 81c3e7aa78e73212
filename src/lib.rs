//! claimsift: news article dumps → CSV files of sentences, entities, stance and numbers.
//!
//! The pipeline is a chain of stages over [`document::Document`]:
//! ingest → clean → split → entities → stance → numbers → write.

pub mod cache;
pub mod clean;
pub mod document;
pub mod eval;
pub mod entities;
pub mod gold;
pub mod html;
pub mod ingest;
pub mod language;
pub mod merge;
pub mod normalize;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod pronouns;
pub mod runtime;
pub mod speakers;
pub mod shard;
pub mod split;
pub mod stance;
