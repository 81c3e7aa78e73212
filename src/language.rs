//! The language of a document, so that text the English models cannot read
//! is reported instead of run through them.
//!
//! whatlang (trigram profiles of 69 languages, no model files) rather than
//! lingua: on the excerpts of `benches/langdetect` it was 3.6× faster and
//! wrong only on texts it itself flagged unreliable; see the README.

/// How much of a document is looked at: a news article's language shows in
/// its first paragraphs, and the cost stays flat on long documents.
const SAMPLE_BYTES: usize = 4096;

/// ISO 639-3 code of English, as [`detect`] returns it.
pub const ENGLISH: &str = "eng";

/// The ISO 639-3 code of the document's language when the detector is
/// confident of it (whatlang's reliability test); None for text too short or
/// too mixed to tell, such as a one-line English headline.
pub fn detect(text: &str) -> Option<&'static str> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    info.is_reliable().then(|| info.lang().code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_english_from_french_and_leaves_short_text_undecided() {
        assert_eq!(detect("The ceasefire left Armenia weaker and Azerbaijan stronger, analysts said on Tuesday, as talks resumed."), Some(ENGLISH));
        assert_eq!(detect("Le président a annoncé mardi une hausse des impôts pour les entreprises du secteur."), Some("fra"));
        assert_eq!(detect("Putin won."), None);
        assert_eq!(detect(""), None);
    }
}
