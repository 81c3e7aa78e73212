//! Ingest: files, directories and stdin → a stream of documents, in order.
//!
//! Every input ends up as a [`Item::Document`] or as an [`Item::Skipped`]
//! record that says which file (and line) and why, so nothing is lost silently.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::document::Document;
use crate::html;

/// How a file's content is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text or Markdown: the file is the article.
    Text,
    /// HTML: the visible text is the article.
    Html,
    /// JSON Lines, a JSON array, or one JSON object: one article per object.
    Json,
}

impl Format {
    /// From the file extension; unknown extensions are read as text.
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("json" | "jsonl" | "ndjson") => Format::Json,
            _ => Format::Text,
        }
    }
}

/// Names of the JSON fields read from each object.
#[derive(Debug, Clone)]
pub struct JsonFields {
    pub id: String,
    pub text: String,
    pub title: String,
    pub url: String,
    pub date: String,
}

impl Default for JsonFields {
    fn default() -> Self {
        JsonFields { id: "id".into(), text: "text".into(), title: "title".into(), url: "url".into(), date: "date".into() }
    }
}

#[derive(Debug, Clone)]
pub struct IngestOptions {
    pub fields: JsonFields,
    /// Larger documents are skipped with a reason (the models are linear in
    /// length, but one runaway file should not hold a whole batch run).
    pub max_doc_bytes: u64,
    /// Format of standard input (`-`), which has no extension.
    pub stdin_format: Format,
    /// Stdin as a part of a file fed by a distributed job: the file's name
    /// (for `source` and ids) and the file's line number of stdin's first line.
    pub stdin_part: Option<StdinPart>,
}

/// Which part of which file stdin holds (see [`IngestOptions::stdin_part`]).
#[derive(Debug, Clone, PartialEq)]
pub struct StdinPart {
    pub name: String,
    pub first_line: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions { fields: JsonFields::default(), max_doc_bytes: 20 * 1024 * 1024, stdin_format: Format::Text, stdin_part: None }
    }
}

/// An input that could not become a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub id: String,
    pub source: String,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub enum Item {
    Document(Document),
    Skipped(Skipped),
}

/// Gives every document a distinct id, so that rows of two documents never
/// share a `doc_id`: the second document with id `X` becomes `X#2`, the
/// third `X#3` (the next free `X#n` should such an id be taken), in input
/// order, so the same input gets the same ids on every run and with any
/// number of threads.
#[derive(Debug, Default)]
pub struct DistinctIds {
    /// Each id given so far, with the source of its first document.
    seen: std::collections::HashMap<String, String>,
}

/// A document whose id was already taken, and the id it was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Renamed {
    pub id: String,
    pub new_id: String,
    pub source: String,
    pub first_source: String,
}

impl std::fmt::Display for Renamed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "duplicate id {:?} (first at {}), written as {:?}", self.id, self.first_source, self.new_id)
    }
}

impl DistinctIds {
    /// Renames `item` when its id was seen before; the rename is also noted
    /// in the document's (or the skip's) manifest reason.
    pub fn assign(&mut self, item: &mut Item) -> Option<Renamed> {
        let (id, source) = match item {
            Item::Document(d) => (&mut d.id, &d.source),
            Item::Skipped(s) => (&mut s.id, &s.source),
        };
        let Some(first_source) = self.seen.get(id.as_str()).cloned() else {
            self.seen.insert(id.clone(), source.clone());
            return None;
        };
        let new_id = (2..).map(|n| format!("{id}#{n}")).find(|candidate| !self.seen.contains_key(candidate))?;
        self.seen.insert(new_id.clone(), source.clone());
        let renamed = Renamed { id: std::mem::replace(id, new_id.clone()), new_id, source: source.clone(), first_source };
        match item {
            Item::Document(d) => d.note = Some(renamed.to_string()),
            Item::Skipped(s) => s.reason = format!("{}; {renamed}", s.reason),
        }
        Some(renamed)
    }
}

/// One input file (or stdin) found by [`discover`].
#[derive(Debug, Clone)]
pub struct InputFile {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// Document ids are this file's path relative to `root`, without extension.
    pub root: PathBuf,
    pub format: Format,
    pub bytes: u64,
}

/// Expands the command-line inputs: directories recursively (sorted, so the
/// order is the same on every run), `-` for stdin. Paths that do not exist
/// come back as skipped items.
pub fn discover(inputs: &[PathBuf], options: &IngestOptions) -> (Vec<InputFile>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            files.push(InputFile { path: None, root: PathBuf::new(), format: options.stdin_format, bytes: 0 });
        } else if input.is_dir() {
            walk(input, input, &mut files, &mut skipped);
        } else if input.exists() {
            let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
            files.push(input_file(input, root));
        } else {
            skipped.push(Skipped {
                id: id_from_path(input, Path::new("")),
                source: input.display().to_string(),
                reason: "no such file or directory".into(),
            });
        }
    }
    (files, skipped)
}

fn input_file(path: &Path, root: PathBuf) -> InputFile {
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    InputFile { path: Some(path.to_path_buf()), root, format: Format::of(path), bytes }
}

fn walk(dir: &Path, root: &Path, files: &mut Vec<InputFile>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            skipped.push(Skipped { id: id_from_path(dir, root), source: dir.display().to_string(), reason: format!("cannot read directory: {e}") });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, root, files, skipped);
        } else {
            files.push(input_file(&path, root.to_path_buf()));
        }
    }
}

/// The path relative to `root`, without extension, with `/` separators.
fn id_from_path(path: &Path, root: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let without_ext = relative.with_extension("");
    without_ext.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Reads one input file into its items, lazily: one for text and HTML, one
/// per object for JSON.
pub fn read(file: &InputFile, options: &IngestOptions) -> Box<dyn Iterator<Item = Item> + Send> {
    let (source, id) = match (&file.path, &options.stdin_part) {
        (Some(p), _) => (p.display().to_string(), id_from_path(p, &file.root)),
        (None, Some(part)) => (part.name.clone(), id_from_path(Path::new(&part.name), Path::new(""))),
        (None, None) => ("<stdin>".to_string(), "stdin".to_string()),
    };
    let first_line = options.stdin_part.as_ref().filter(|_| file.path.is_none()).map_or(1, |part| part.first_line);
    let skip = |reason: String| -> Box<dyn Iterator<Item = Item> + Send> {
        Box::new(std::iter::once(Item::Skipped(Skipped { id: id.clone(), source: source.clone(), reason })))
    };
    if file.bytes > options.max_doc_bytes && file.format != Format::Json {
        return skip(too_large(file.bytes, options.max_doc_bytes));
    }
    let reader: Box<dyn Read + Send> = match &file.path {
        None => Box::new(std::io::stdin()),
        Some(path) => match File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return skip(format!("cannot read: {e}")),
        },
    };
    match file.format {
        Format::Json => Box::new(JsonItems {
            reader: BufReader::new(reader),
            file_id: id,
            source,
            options: options.clone(),
            line_no: first_line - 1,
            pending: Vec::new().into_iter(),
            yielded: false,
            done: false,
        }),
        Format::Text | Format::Html => {
            let mut bytes = Vec::new();
            if let Err(e) = reader.take(options.max_doc_bytes + 1).read_to_end(&mut bytes) {
                return skip(format!("cannot read: {e}"));
            }
            if bytes.len() as u64 > options.max_doc_bytes {
                return skip(too_large(bytes.len() as u64, options.max_doc_bytes));
            }
            match decode(&bytes) {
                Err(reason) => skip(reason),
                Ok(text) => Box::new(std::iter::once(document(id.clone(), source.clone(), text, file.format))),
            }
        }
    }
}

fn too_large(bytes: u64, limit: u64) -> String {
    format!("too large: {bytes} bytes, over the --max-doc-bytes limit of {limit}")
}

/// Checks that bytes are a readable text document.
fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("binary file (NUL bytes), not text".into());
    }
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        format!("invalid UTF-8 at byte {at} (line {line}); convert the file to UTF-8")
    })?;
    // A byte order mark is not part of the article.
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.trim().is_empty() {
        return Err("empty: no text".into());
    }
    Ok(text)
}

fn document(id: String, source: String, text: String, format: Format) -> Item {
    if format == Format::Html {
        let extracted = html::extract(&text);
        if extracted.text.trim().is_empty() {
            return Item::Skipped(Skipped { id, source, reason: "empty: no visible text in the HTML".into() });
        }
        let mut doc = Document::new(id, source, extracted.text);
        doc.source_map = Some(extracted.map);
        return Item::Document(doc);
    }
    Item::Document(Document::new(id, source, text))
}

/// JSON input read one line at a time, so a dump of any size streams.
struct JsonItems<R> {
    reader: R,
    file_id: String,
    source: String,
    options: IngestOptions,
    line_no: usize,
    /// Objects of a JSON array, which has to be read whole.
    pending: std::vec::IntoIter<Item>,
    yielded: bool,
    done: bool,
}

impl<R: BufRead> JsonItems<R> {
    fn skipped(&self, id: String, source: String, reason: String) -> Item {
        Item::Skipped(Skipped { id, source, reason })
    }

    /// The next non-blank line's item, or None at the end of the input.
    fn next_line(&mut self) -> Option<Item> {
        let mut line = Vec::new();
        loop {
            line.clear();
            self.line_no += 1;
            let at = format!("{}:{}", self.source, self.line_no);
            let fallback_id = format!("{}:{}", self.file_id, self.line_no);
            let limit = self.options.max_doc_bytes;
            match self.reader.by_ref().take(limit + 1).read_until(b'\n', &mut line) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(self.skipped(fallback_id, at, format!("cannot read: {e}")));
                }
            }
            if line.len() as u64 > limit {
                // Skip the rest of an over-long line, then go on with the next.
                let _ = self.reader.read_until(b'\n', &mut Vec::new());
                return Some(self.skipped(fallback_id, at, too_large(line.len() as u64, limit)));
            }
            let text = match std::str::from_utf8(&line) {
                Ok(t) => t.trim(),
                Err(e) => {
                    let reason = format!("invalid UTF-8 at byte {} of the line", e.valid_up_to());
                    return Some(self.skipped(fallback_id, at, reason));
                }
            };
            if text.is_empty() {
                continue;
            }
            if self.line_no == 1 && text.starts_with('[') {
                self.done = true;
                return Some(self.array(line));
            }
            return Some(match serde_json::from_str::<Value>(text) {
                Ok(value) => json_document(value, fallback_id, at, &self.options.fields),
                Err(e) => self.skipped(fallback_id, at, format!("malformed JSON: {e}")),
            });
        }
    }

    /// A JSON array (pretty-printed or not): read whole, queued, first returned.
    fn array(&mut self, mut all: Vec<u8>) -> Item {
        let (id, source) = (self.file_id.clone(), self.source.clone());
        if let Err(e) = self.reader.read_to_end(&mut all) {
            return self.skipped(id, source, format!("cannot read: {e}"));
        }
        match serde_json::from_slice::<Vec<Value>>(&all) {
            Ok(values) => {
                let items: Vec<Item> = values
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| json_document(v, format!("{id}:{}", i + 1), format!("{source}[{}]", i + 1), &self.options.fields))
                    .collect();
                self.pending = items.into_iter();
                self.pending.next().unwrap_or_else(|| self.skipped(id, source, "empty: no JSON objects".into()))
            }
            Err(e) => self.skipped(id, source, format!("malformed JSON array: {e}")),
        }
    }
}

impl<R: BufRead> Iterator for JsonItems<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if let Some(item) = self.pending.next() {
            return Some(item);
        }
        if self.done {
            return None;
        }
        let item = self.next_line();
        if item.is_none() {
            self.done = true;
            if !self.yielded {
                self.yielded = true;
                return Some(self.skipped(self.file_id.clone(), self.source.clone(), "empty: no JSON objects".into()));
            }
        }
        self.yielded |= item.is_some();
        item
    }
}

fn json_document(value: Value, fallback_id: String, source: String, fields: &JsonFields) -> Item {
    let skip = |reason: String| Item::Skipped(Skipped { id: fallback_id.clone(), source: source.clone(), reason });
    let Value::Object(object) = value else {
        return skip("not a JSON object".into());
    };
    let string = |name: &str| match object.get(name) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let id = string(&fields.id).unwrap_or_else(|| fallback_id.clone());
    let Some(text) = object.get(&fields.text).and_then(Value::as_str) else {
        let reason = format!("no text: field {:?} is missing or not a string (choose it with --text-field)", fields.text);
        return Item::Skipped(Skipped { id, source, reason });
    };
    if text.trim().is_empty() {
        return Item::Skipped(Skipped { id, source, reason: "empty: no text".into() });
    }
    let mut doc = Document::new(id, source, text);
    doc.title = string(&fields.title);
    doc.url = string(&fields.url);
    doc.date = string(&fields.date);
    Item::Document(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(name: &str, content: &[u8]) -> Vec<Item> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let (files, skipped) = discover(&[dir.path().to_path_buf()], &IngestOptions::default());
        assert!(skipped.is_empty());
        files.iter().flat_map(|f| read(f, &IngestOptions::default())).collect()
    }

    fn reason(item: &Item) -> &str {
        match item {
            Item::Skipped(s) => &s.reason,
            Item::Document(d) => panic!("expected a skip, got document {}", d.id),
        }
    }

    #[test]
    fn text_file_id_is_relative_path_without_extension() {
        let got = items("a.txt", b"Hello world.");
        let Item::Document(doc) = &got[0] else { panic!() };
        assert_eq!((doc.id.as_str(), doc.text.as_str()), ("a", "Hello world."));
    }

    #[test]
    fn bad_files_are_skipped_with_reasons() {
        assert!(reason(&items("e.txt", b"  \n ")[0]).starts_with("empty"));
        assert!(reason(&items("b.txt", b"ab\0cd")[0]).starts_with("binary"));
        assert!(reason(&items("u.txt", b"ok\nbad \xff here")[0]).contains("invalid UTF-8 at byte 7 (line 2)"));
    }

    #[test]
    fn json_lines_keep_going_after_a_malformed_line() {
        let got = items("d.jsonl", b"{\"id\": \"x\", \"text\": \"One.\"}\n{oops\n\n{\"text\": \"Two.\", \"date\": \"2020-11-10\"}\n{\"body\": \"no text\"}\n");
        assert_eq!(got.len(), 4);
        let Item::Document(first) = &got[0] else { panic!() };
        assert_eq!(first.id, "x");
        assert!(reason(&got[1]).starts_with("malformed JSON"));
        let Item::Skipped(s) = &got[1] else { panic!() };
        assert!(s.source.ends_with("d.jsonl:2"), "{}", s.source);
        let Item::Document(third) = &got[2] else { panic!() };
        assert_eq!((third.id.as_str(), third.date.as_deref()), ("d:4", Some("2020-11-10")));
        assert!(reason(&got[3]).contains("--text-field"));
    }

    #[test]
    fn json_array_files_yield_one_document_per_object() {
        let got = items("arr.json", b"[\n {\"id\": 1, \"text\": \"A.\"},\n {\"id\": 2, \"text\": \"B.\"}\n]\n");
        let ids: Vec<String> = got.iter().map(|i| match i { Item::Document(d) => d.id.clone(), Item::Skipped(s) => s.reason.clone() }).collect();
        assert_eq!(ids, ["1", "2"]);
    }

    #[test]
    fn html_keeps_a_map_to_the_file() {
        let got = items("p.html", b"<p>Hi &amp; bye.</p>");
        let Item::Document(doc) = &got[0] else { panic!() };
        assert_eq!(doc.text, "Hi & bye.");
        assert_eq!(doc.source_map.as_ref().unwrap()[3], (6, 11));
    }

    #[test]
    fn oversized_documents_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "x".repeat(100)).unwrap();
        let options = IngestOptions { max_doc_bytes: 10, ..Default::default() };
        let (files, _) = discover(&[path], &options);
        assert!(reason(&read(&files[0], &options).next().unwrap()).starts_with("too large"));
    }

    #[test]
    fn repeated_ids_get_distinct_stable_ids() {
        let mut ids = DistinctIds::default();
        let mut items: Vec<Item> = ["a", "b", "a", "a#2", "a"]
            .iter()
            .enumerate()
            .map(|(line, id)| Item::Document(Document::new(*id, format!("d.jsonl:{}", line + 1), "Text.")))
            .collect();
        let renamed: Vec<Option<Renamed>> = items.iter_mut().map(|item| ids.assign(item)).collect();
        let got: Vec<&str> = items.iter().map(|i| match i { Item::Document(d) => d.id.as_str(), Item::Skipped(s) => s.id.as_str() }).collect();
        assert_eq!(got, ["a", "b", "a#2", "a#2#2", "a#3"]);
        let third = renamed[2].as_ref().unwrap();
        assert_eq!((third.source.as_str(), third.first_source.as_str()), ("d.jsonl:3", "d.jsonl:1"));
        let Item::Document(doc) = &items[2] else { panic!() };
        assert_eq!(doc.note.as_deref(), Some("duplicate id \"a\" (first at d.jsonl:1), written as \"a#2\""));
    }

    #[test]
    fn missing_inputs_are_reported() {
        let (files, skipped) = discover(&[PathBuf::from("/no/such/dir")], &IngestOptions::default());
        assert!(files.is_empty());
        assert_eq!(skipped[0].reason, "no such file or directory");
    }
}
