//! Reads a finished run's CSV files by column name, so that columns added
//! later (or by a newer claimsift) are ignored and the order does not matter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::ReportError;
use crate::output::unguard_formula;

/// One `manifest.csv` row.
#[derive(Debug, Clone)]
pub struct DocumentRow {
    pub doc_id: String,
    pub status: String,
    pub reason: String,
    pub sentences: usize,
    pub entities: usize,
    pub numbers: usize,
}

/// One `entities.csv` row.
#[derive(Debug, Clone)]
pub struct EntityRow {
    pub doc_id: String,
    pub sent_idx: usize,
    pub canonical: String,
    pub entity_type: String,
    /// favor, against or neutral; `None` when the mention got no stance.
    pub stance: Option<String>,
    pub stance_score: f64,
}

/// One `numbers.csv` row; `value` and `value_max` as written (the report
/// copies them), parsed where the kind is a quantity.
#[derive(Debug, Clone)]
pub struct NumberRow {
    pub doc_id: String,
    pub sent_idx: usize,
    /// Code point offsets into the document.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    pub value_max: String,
    pub unit: String,
    pub qualifier: String,
    pub kind: String,
    /// Who the sentence quotes, empty for the author's own claim (runs
    /// before speakers were written have no such column).
    pub speaker: String,
}

/// A sentence from `claims.csv`: every sentence with a number or an entity.
#[derive(Debug, Clone)]
pub struct SentenceRow {
    /// Code point offset of the sentence in the document.
    pub start: usize,
    pub text: String,
}

/// The output of one run (or of several merged runs).
#[derive(Debug, Default)]
pub struct Run {
    /// In manifest order, which is input order.
    pub documents: Vec<DocumentRow>,
    pub sentences: HashMap<(String, usize), SentenceRow>,
    pub entities: Vec<EntityRow>,
    pub numbers: Vec<NumberRow>,
}

impl Run {
    pub fn read(dir: &Path) -> Result<Run, ReportError> {
        let documents = Table::read_rows(&dir.join("manifest.csv"), |row| {
            Ok(DocumentRow {
                doc_id: row.text("doc_id")?,
                status: row.text("status")?,
                reason: row.text("reason")?,
                sentences: row.count("sentences")?,
                entities: row.count("entities")?,
                numbers: row.count("numbers")?,
            })
        })?;
        let sentences = Table::read_rows(&dir.join("claims.csv"), |row| {
            let key = (row.text("doc_id")?, row.count("sent_idx")?);
            Ok((key, SentenceRow { start: row.count("start")?, text: row.text("sentence")? }))
        })?;
        let entities = Table::read_rows(&dir.join("entities.csv"), |row| {
            let stance = row.text("stance")?;
            let score = row.text("stance_score")?;
            Ok(EntityRow {
                doc_id: row.text("doc_id")?,
                sent_idx: row.count("sent_idx")?,
                canonical: row.text("canonical")?,
                entity_type: row.text("type")?,
                stance: (!stance.is_empty()).then_some(stance),
                stance_score: if score.is_empty() { 0.0 } else { row.parse("stance_score", &score)? },
            })
        })?;
        let numbers = Table::read_rows(&dir.join("numbers.csv"), |row| {
            Ok(NumberRow {
                doc_id: row.text("doc_id")?,
                sent_idx: row.count("sent_idx")?,
                start: row.count("start")?,
                end: row.count("end")?,
                text: row.text("text")?,
                value: row.text("value")?,
                value_max: row.optional_text("value_max"),
                unit: row.text("unit")?,
                qualifier: row.text("qualifier")?,
                kind: row.text("kind")?,
                speaker: row.optional_text("speaker"),
            })
        })?;
        Ok(Run { documents, sentences, entities, numbers })
    }
}

/// A CSV file with a header row.
struct Table {
    path: PathBuf,
    columns: HashMap<String, usize>,
    reader: csv::Reader<std::io::Cursor<String>>,
}

/// One record, with its file and line for error messages.
struct Row<'t> {
    table: &'t Table,
    record: csv::StringRecord,
    line: u64,
}

impl Table {
    fn open(path: &Path) -> Result<Table, ReportError> {
        let text = std::fs::read_to_string(path).map_err(|source| ReportError::Read { path: path.to_path_buf(), source })?;
        // `--excel` starts files with a byte order mark.
        let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
        let mut reader = csv::Reader::from_reader(std::io::Cursor::new(text));
        let headers = reader.headers().map_err(|e| ReportError::csv(path, 1, e))?;
        let columns = headers.iter().enumerate().map(|(i, name)| (name.to_string(), i)).collect();
        Ok(Table { path: path.to_path_buf(), columns, reader })
    }

    /// Every row of the file at `path`, each made into an item by `from_row`
    /// and gathered into `C` in file order (a later row replaces an earlier
    /// one with the same key in a map); the first bad record or cell is the error.
    fn read_rows<T, C: FromIterator<T>>(path: &Path, from_row: impl Fn(&Row) -> Result<T, ReportError>) -> Result<C, ReportError> {
        let mut table = Table::open(path)?;
        table.rows().into_iter().map(|row| from_row(&row?)).collect()
    }

    fn rows(&mut self) -> Vec<Result<Row<'_>, ReportError>> {
        let path = self.path.clone();
        let records: Vec<_> = self.reader.records().collect();
        records
            .into_iter()
            .enumerate()
            .map(|(i, record)| {
                let line = record.as_ref().ok().and_then(|r| r.position()).map_or(i as u64 + 2, |p| p.line());
                record.map(|record| Row { table: self, record, line }).map_err(|e| ReportError::csv(&path, line, e))
            })
            .collect()
    }
}

impl Row<'_> {
    fn cell(&self, column: &str) -> Result<&str, ReportError> {
        let index = self.table.columns.get(column).ok_or_else(|| ReportError::MissingColumn {
            path: self.table.path.clone(),
            column: column.to_string(),
        })?;
        Ok(self.record.get(*index).unwrap_or(""))
    }

    /// A text cell, without the `'` that guards a cell starting with
    /// `= + - @` against spreadsheet formulas.
    fn text(&self, column: &str) -> Result<String, ReportError> {
        Ok(unguard_formula(self.cell(column)?).to_string())
    }

    fn optional_text(&self, column: &str) -> String {
        self.cell(column).map(|c| unguard_formula(c).to_string()).unwrap_or_default()
    }

    fn count(&self, column: &str) -> Result<usize, ReportError> {
        let cell = self.cell(column)?;
        self.parse(column, cell)
    }

    fn parse<T: std::str::FromStr>(&self, column: &str, cell: &str) -> Result<T, ReportError> {
        cell.trim().parse().map_err(|_| ReportError::Csv {
            path: self.table.path.clone(),
            line: self.line,
            message: format!("column {column}: {cell:?} is not a number"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name_whatever_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("manifest.csv", "\u{feff}position,doc_id,source,status,reason,chars,sentences,entities,numbers,lang\n1,a,a.txt,ok,,10,1,0,1,en\n");
        write("claims.csv", "doc_id,sent_idx,start,end,sentence,entities,stances,numbers\na,0,0,10,'-5 points,,,\n");
        write("entities.csv", "doc_id,sent_idx,start,end,entity,canonical,type,score,stance,stance_score\n");
        write("numbers.csv", "doc_id,sent_idx,start,end,text,value,value_max,unit,qualifier,kind\na,0,0,2,'-5,-5,,points,exact,count\n");
        let run = Run::read(dir.path()).unwrap();
        assert_eq!(run.documents[0].doc_id, "a");
        assert_eq!(run.sentences[&("a".to_string(), 0)].text, "-5 points");
        assert_eq!((run.numbers[0].text.as_str(), run.numbers[0].value.as_str()), ("-5", "-5"));
    }

    #[test]
    fn a_bad_cell_names_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("manifest.csv"), "doc_id,status,reason,sentences,entities,numbers\na,ok,,x,0,0\n").unwrap();
        let err = Run::read(dir.path()).unwrap_err().to_string();
        assert!(err.contains("manifest.csv") && err.contains("line 2") && err.contains("sentences"), "{err}");
    }
}
