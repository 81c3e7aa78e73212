//! Visible text of an HTML page, with where each character came from.
//!
//! A small tolerant scanner rather than a DOM parser: news dumps hold broken
//! markup, and the pipeline needs only the text, paragraph breaks and a map
//! back to the file for offsets.

/// Elements whose content is never article text.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "button", "select", "form"];
/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section", "article", "header",
    "footer", "aside", "blockquote", "figure", "figcaption", "main", "dl", "dt", "dd", "pre", "hr", "title", "body",
];

/// Text extracted from HTML: `map[i]` is the code point range in the source
/// of the i-th code point of `text`.
#[derive(Debug, Default, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub map: Vec<(usize, usize)>,
}

impl Extracted {
    fn push(&mut self, c: char, source: (usize, usize)) {
        self.text.push(c);
        self.map.push(source);
    }

    fn ends_with_space(&self) -> bool {
        self.text.is_empty() || self.text.ends_with([' ', '\n'])
    }

    /// A paragraph break: trailing spaces become part of it, never doubled.
    fn paragraph(&mut self, at: usize) {
        while self.text.ends_with(' ') {
            self.text.pop();
            self.map.pop();
        }
        if self.text.is_empty() || self.text.ends_with("\n\n") {
            return;
        }
        while !self.text.ends_with("\n\n") {
            self.push('\n', (at, at));
        }
    }
}

/// Extracts the visible text of `html`.
pub fn extract(html: &str) -> Extracted {
    let chars: Vec<char> = html.chars().collect();
    let mut out = Extracted::default();
    let mut hidden: Option<String> = None; // inside an element whose content is skipped
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let opens_tag = chars.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!'));
        if c == '<' && opens_tag {
            let Some(close) = find(&chars, i + 1, '>') else { break };
            let tag: String = chars[i + 1..close].iter().collect();
            i = close + 1;
            if tag.starts_with("!--") {
                // Comments may contain '>' : skip to the real end.
                if let Some(end) = find_str(&chars, i - 1 - tag.len() + 3, "-->") {
                    i = end + 3;
                }
                continue;
            }
            let name = tag_name(&tag);
            let closing = tag.starts_with('/');
            if let Some(open) = &hidden {
                if closing && &name == open {
                    hidden = None;
                }
                continue;
            }
            if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') {
                hidden = Some(name);
                continue;
            }
            if BLOCKS.contains(&name.as_str()) {
                out.paragraph(i);
            } else if name == "br" && !out.ends_with_space() {
                out.push('\n', (i, i));
            }
            continue;
        }
        if hidden.is_some() {
            i += 1;
            continue;
        }
        if c == '&' {
            if let Some((decoded, len)) = reference(&chars[i..]) {
                for d in decoded.chars() {
                    if d.is_whitespace() {
                        if !out.ends_with_space() {
                            out.push(' ', (i, i + len));
                        }
                    } else {
                        out.push(d, (i, i + len));
                    }
                }
                i += len;
                continue;
            }
        }
        if c.is_whitespace() {
            // HTML collapses runs of white space into one space.
            if !out.ends_with_space() {
                out.push(' ', (i, i + 1));
            }
        } else {
            out.push(c, (i, i + 1));
        }
        i += 1;
    }
    while out.text.ends_with([' ', '\n']) {
        out.text.pop();
        out.map.pop();
    }
    out
}

fn find(chars: &[char], from: usize, c: char) -> Option<usize> {
    chars.get(from..)?.iter().position(|&x| x == c).map(|p| p + from)
}

fn find_str(chars: &[char], from: usize, pattern: &str) -> Option<usize> {
    let pattern: Vec<char> = pattern.chars().collect();
    chars.get(from..)?.windows(pattern.len()).position(|w| w == pattern.as_slice()).map(|p| p + from)
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase()
}

/// Decodes the character reference at the start of `chars` (which begins
/// with `&`) as the HTML5 tokenizer does in text: the longest name in the
/// HTML5 table (which includes the legacy names allowed without `;`), or a
/// decimal or hex number. Returns the decoded text and the length of the
/// reference in chars, or None when it is not a reference (kept as written).
fn reference(chars: &[char]) -> Option<(String, usize)> {
    if chars.get(1) == Some(&'#') {
        let hex = matches!(chars.get(2), Some('x' | 'X'));
        let digits_from = if hex { 3 } else { 2 };
        let digits = chars[digits_from..]
            .iter()
            .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
            .count();
        if digits == 0 {
            return None;
        }
        let mut len = digits_from + digits;
        len += usize::from(chars.get(len) == Some(&';'));
        // The library applies the standard's rules for out-of-range numbers,
        // surrogates and the Windows-1252 remapping of 0x80-0x9F.
        let reference: String = chars[..len].iter().collect();
        return Some((htmlize::unescape(reference.as_str()).into_owned(), len));
    }
    let name_len = chars[1..].iter().take(htmlize::ENTITY_MAX_LENGTH).take_while(|c| c.is_ascii_alphanumeric()).count();
    let with_semicolon = usize::from(chars.get(1 + name_len) == Some(&';'));
    let candidate: String = chars[..1 + name_len + with_semicolon].iter().collect();
    (htmlize::ENTITY_MIN_LENGTH..=candidate.len()).rev().find_map(|len| {
        let decoded = htmlize::ENTITIES.get(&candidate.as_bytes()[..len])?;
        Some((String::from_utf8_lossy(decoded).into_owned(), len))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_visible_text_and_paragraphs() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><nav>Home | News</nav>\
                    <h1>Putin&rsquo;s deal</h1><p>About 5,000   people <b>died</b>.</p><script>var x = '<p>';</script><p>Next &amp; last.</p></body></html>";
        let out = extract(html);
        assert_eq!(out.text, "Putin’s deal\n\nAbout 5,000 people died.\n\nNext & last.");
        assert_eq!(out.map.len(), out.text.chars().count());
    }

    #[test]
    fn map_points_back_into_the_source() {
        let html = "<p>A &amp; B</p>";
        let out = extract(html);
        let source: Vec<char> = html.chars().collect();
        let amp = out.text.chars().position(|c| c == '&').unwrap();
        let (s, e) = out.map[amp];
        assert_eq!(source[s..e].iter().collect::<String>(), "&amp;");
        let b = out.text.chars().position(|c| c == 'B').unwrap();
        assert_eq!(source[out.map[b].0], 'B');
    }

    #[test]
    fn tolerates_broken_markup() {
        assert_eq!(extract("<p>unclosed <b").text, "unclosed");
        assert_eq!(extract("a &bogus; b &#; c &#x; d").text, "a &bogus; b &#; c &#x; d");
        assert_eq!(extract("a &#99999999; b &#0; c").text, "a \u{fffd} b \u{fffd} c");
        assert_eq!(extract("<!-- a > b --><p>x</p>").text, "x");
        assert_eq!(extract("").text, "");
        assert_eq!(extract("<p>a < b and c <3</p>").text, "a < b and c <3");
    }

    #[test]
    fn decodes_every_html5_reference_and_maps_it_to_its_source() {
        let html = "<p>Caf&eacute; &frac12; m&sup2; &Aring;se &#233;&#xE9;&#X41; &NotEqualTilde; &copyright &#150; &amp &lt;b&gt;</p>";
        let out = extract(html);
        assert_eq!(out.text, "Café ½ m² Åse ééA \u{2242}\u{338} ©right \u{2013} & <b>");
        let source: Vec<char> = html.chars().collect();
        let from = |c: char| {
            let k = out.text.chars().position(|x| x == c).unwrap();
            source[out.map[k].0..out.map[k].1].iter().collect::<String>()
        };
        assert_eq!(from('½'), "&frac12;");
        assert_eq!(from('Å'), "&Aring;");
        assert_eq!(from('A'), "&#X41;");
        assert_eq!(from('©'), "&copy");
        assert_eq!(from('\u{2013}'), "&#150;");
        assert_eq!(from('\u{338}'), "&NotEqualTilde;");
        assert_eq!(out.map.len(), out.text.chars().count());
    }
}
