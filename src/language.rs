//! The language of a document, so that text the English models cannot read
//! is reported instead of run through them.
//!
//! whatlang (trigram profiles of 69 languages, no model files) rather than
//! lingua: on the excerpts of `benches/langdetect` it was 3.6× faster and
//! wrong only on texts it itself flagged unreliable; see the README.

/// How much of a document is looked at: a news article's language shows in
/// its first paragraphs, and the cost stays flat on long documents.
const SAMPLE_BYTES: usize = 4096;

/// The fewest letters a document's sample must hold before its language can
/// get it skipped. whatlang's reliability test alone is not enough on one
/// sentence: of the project's 1,769 short English case texts (the speaker,
/// number and sentence corpora) it called four another language ("Wuhan
/// consumes more than 200 million disposable plastic containers a year, the
/// newspaper said.", 80 letters, French; "Ł. Wałęsa led the strike.",
/// Polish; an English sentence quoting Ukrainian). A news article has
/// thousands of letters, so a real one in another language is still caught.
const MIN_LETTERS_TO_SKIP: usize = 200;

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

/// Whether a document is long enough for its detected language to decide
/// that it is not English (see [`MIN_LETTERS_TO_SKIP`]); a shorter one is
/// processed whatever [`detect`] says, and its `lang` is only informative.
pub fn decides(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).take(MIN_LETTERS_TO_SKIP).count() >= MIN_LETTERS_TO_SKIP
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

    #[test]
    fn one_sentence_never_decides_however_sure_the_detector_is() {
        let english = "Wuhan consumes more than 200 million disposable plastic containers a year, the newspaper said.";
        assert_eq!(detect(english), Some("fra"), "the detector's own mistake, which `decides` guards against");
        assert!(!decides(english));
        assert!(decides(&"Le président a annoncé mardi une hausse des impôts. ".repeat(6)));
    }
}
