//! Boilerplate removal: finds the article body inside web-page text.
//!
//! The text is never rewritten: the stage returns byte ranges of the body and
//! of what it removed (with a reason), so offsets stay valid in the original.

use std::ops::Range;

/// What the cleaner kept and what it dropped.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Byte ranges of article body, in order, non-overlapping.
    pub body: Vec<Range<usize>>,
    /// Byte ranges that were removed, in order, each with why.
    pub removed: Vec<Removed>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    pub range: Range<usize>,
    pub reason: &'static str,
}

/// Splits `text` into body and boilerplate.
pub fn clean(text: &str) -> Cleaned {
    let _ = text;
    unimplemented!("boilerplate removal")
}
