//! The one document type that flows through every stage.
//!
//! Stages work on byte ranges into `Document::text` (cheap slicing in Rust);
//! every output converts them to Unicode code point offsets with
//! [`CodepointIndex`], because users read offsets as Python `str` indices.

use std::ops::Range;

/// One article: its text and where it came from.
#[derive(Debug, Clone)]
pub struct Document {
    /// JSON id, else the path relative to the input root without extension.
    pub id: String,
    /// Where the document was read from (path, with `:line` for JSON Lines).
    pub source: String,
    /// The article text that offsets index into.
    pub text: String,
    /// For formats whose visible text is extracted (HTML): the code point
    /// range in the original file of each code point of `text`. `None` means
    /// offsets into `text` are offsets into the file.
    pub source_map: Option<Vec<(usize, usize)>>,
    /// Publication date given by the input (a JSON field), if any.
    pub date: Option<String>,
    /// Title and URL given by the input, if any (carried to JSON output).
    pub title: Option<String>,
    pub url: Option<String>,
    /// ISO 639-3 code of the language, when detected with confidence.
    pub lang: Option<&'static str>,
    /// A remark for the manifest's `reason` column (a renamed duplicate id).
    pub note: Option<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, source: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            source: source.into(),
            text: text.into(),
            source_map: None,
            date: None,
            title: None,
            url: None,
            lang: None,
            note: None,
        }
    }

    /// Code point offsets for a byte range of `text`, mapped to the original
    /// file when the text was extracted from markup.
    pub fn codepoint_range(&self, index: &CodepointIndex, bytes: Range<usize>) -> Range<usize> {
        let start = index.codepoint(bytes.start);
        let end = index.codepoint(bytes.end);
        match &self.source_map {
            None => start..end,
            Some(map) if end > start => map[start].0..map[end - 1].1,
            Some(map) => map.get(start).map_or(0..0, |&(s, _)| s..s),
        }
    }
}

/// Converts byte offsets of a string into code point offsets in O(log n).
///
/// It records only the non-ASCII characters, so ASCII text costs nothing.
#[derive(Debug, Clone, Default)]
pub struct CodepointIndex {
    /// Byte offset of each non-ASCII character.
    starts: Vec<usize>,
    /// Extra bytes (UTF-8 length minus one) of all non-ASCII characters up to
    /// and including the one at the same position in `starts`.
    extra: Vec<usize>,
}

impl CodepointIndex {
    pub fn new(text: &str) -> Self {
        let mut index = CodepointIndex::default();
        let mut extra = 0;
        for (pos, ch) in text.char_indices() {
            let len = ch.len_utf8();
            if len > 1 {
                extra += len - 1;
                index.starts.push(pos);
                index.extra.push(extra);
            }
        }
        index
    }

    /// Code point offset of a byte offset that lies on a character boundary.
    pub fn codepoint(&self, byte: usize) -> usize {
        // Characters that start strictly before `byte` contribute their extra bytes.
        let before = self.starts.partition_point(|&s| s < byte);
        if before == 0 {
            byte
        } else {
            byte - self.extra[before - 1]
        }
    }
}

/// Converts code point offsets back to byte offsets (for gold files and tests).
pub fn byte_offset(text: &str, codepoint: usize) -> usize {
    text.char_indices().nth(codepoint).map_or(text.len(), |(b, _)| b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codepoints_match_python_str_indices() {
        let text = "Aliyev’s café — 5€ ok";
        let index = CodepointIndex::new(text);
        for (cp, (byte, _)) in text.char_indices().enumerate() {
            assert_eq!(index.codepoint(byte), cp, "byte {byte}");
        }
        assert_eq!(index.codepoint(text.len()), text.chars().count());
    }

    #[test]
    fn byte_offset_inverts_codepoint() {
        let text = "a’b—c";
        let index = CodepointIndex::new(text);
        for cp in 0..=text.chars().count() {
            assert_eq!(index.codepoint(byte_offset(text, cp)), cp);
        }
    }
}
