//! `claimsift report`: what the sources of a finished run say side by side.
//!
//! Reads a run's CSV files ([`read`]), groups number mentions from different
//! documents that state the same quantity ([`quantities`]), tabulates stance
//! per entity and document ([`stance`]), and writes `quantities.csv`,
//! `stance_by_source.csv` and a self-contained `report.html` ([`page`]).

pub mod page;
pub mod quantities;
pub mod read;
pub mod stance;
mod svg;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::runtime::{RuntimeError, SentenceEncoder};

pub use quantities::{Grouping, PairFeatures, QuantityGroup};
pub use read::Run;
pub use stance::StanceBySource;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("cannot read {path}: {source}; `claimsift report DIR` needs the CSV output of `claimsift run -o DIR` (claims.csv, entities.csv, numbers.csv, manifest.csv)")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}, line {line}: {message}")]
    Csv { path: PathBuf, line: u64, message: String },
    #[error("{path} has no column {column:?}; was it written by `claimsift run`?")]
    MissingColumn { path: PathBuf, column: String },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("sentence embedding failed: {0}")]
    Embedding(#[from] RuntimeError),
}

impl ReportError {
    fn csv(path: &Path, line: u64, e: csv::Error) -> ReportError {
        ReportError::Csv { path: path.to_path_buf(), line, message: e.to_string() }
    }
}

/// What a report found, for the caller's summary line.
pub struct Report {
    pub groups: usize,
    pub entities_with_stance: usize,
    pub written: Vec<PathBuf>,
}

/// Writes `quantities.csv`, `stance_by_source.csv` and `report.html` into
/// `dir`, the output folder of a CSV run; with `pairs`, also `pairs.csv`,
/// every pair of mentions compared and why it was joined or not.
pub fn write_report(dir: &Path, encoder: &SentenceEncoder, pairs: bool) -> Result<Report, ReportError> {
    let run = Run::read(dir)?;
    let grouping = quantities::group(&run, encoder, pairs)?;
    let stance = StanceBySource::of(&run);
    let mut written = Vec::new();
    let mut write = |name: &str, bytes: Vec<u8>| -> Result<(), ReportError> {
        let path = dir.join(name);
        write_atomically(&path, &bytes)?;
        written.push(path);
        Ok(())
    };
    write("quantities.csv", grouping.csv().map_err(|source| ReportError::Write { path: dir.join("quantities.csv"), source })?)?;
    write("stance_by_source.csv", stance.csv().map_err(|source| ReportError::Write { path: dir.join("stance_by_source.csv"), source })?)?;
    if pairs {
        write("pairs.csv", grouping.pairs_csv().map_err(|source| ReportError::Write { path: dir.join("pairs.csv"), source })?)?;
    }
    let title = dir.canonicalize().ok().and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned())).unwrap_or_default();
    write("report.html", page::render(&title, &run, &grouping, &stance).into_bytes())?;
    Ok(Report { groups: grouping.groups.len(), entities_with_stance: stance.entities.len(), written })
}

/// Writes under a temporary name and renames, so a killed report never
/// leaves a complete-looking file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial"));
    let fail = |source| ReportError::Write { path: path.to_path_buf(), source };
    let mut file = std::fs::File::create(&partial).map_err(fail)?;
    file.write_all(bytes).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    std::fs::rename(&partial, path).map_err(fail)
}
