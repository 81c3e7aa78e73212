//! `report.html`: one self-contained page (inline style and SVG, no script,
//! nothing fetched), readable by someone who has never seen claimsift.
//! Article text is untrusted: everything from the run passes through [`escape`].

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use super::quantities::{decimal, Grouping};
use super::read::Run;
use super::stance::StanceBySource;
use super::svg::{self, Dot, StanceRow};

/// Entities shown per document in "Who each document talks about".
const TOP_ENTITIES: usize = 6;
/// Entities shown in the stance section (the CSV has them all).
const STANCE_ENTITIES: usize = 12;

/// Text safe in HTML content and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6472; --line: #e3e7ec; --accent: #1f5fbf; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header p { margin: 0; color: var(--muted); }
h2 { margin: 36px 0 6px; font-size: 21px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h2 + p.lead { margin-top: 0; color: var(--muted); }
h3 { margin: 0 0 8px; font-size: 17px; }
p.range { margin: -6px 0 6px; color: var(--muted); font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin-top: 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card b { display: block; font-size: 24px; }
.card span { color: var(--muted); font-size: 13px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin-top: 14px; }
.badge { display: inline-block; margin-left: 8px; padding: 1px 8px; border-radius: 10px; font-size: 13px; font-weight: 600; background: #fdecea; color: #a12622; vertical-align: 2px; }
.badge.agree { background: #e7f4ea; color: #23672a; }
.quotes { margin: 8px 0 0; padding-left: 0; list-style: none; font-size: 14px; }
.quotes li { margin: 6px 0; padding-left: 10px; border-left: 3px solid var(--line); }
.quotes .src { font-weight: 600; }
.quotes .who { color: #555; font-style: italic; }
mark { background: #fff2b3; padding: 0 2px; border-radius: 2px; }
.legend { display: flex; gap: 18px; font-size: 13px; color: var(--muted); margin: 6px 0 0; }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.docs { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.docs .panel { margin-top: 12px; }
.docs h3 { font-size: 14px; word-break: break-all; }
.empty { color: var(--muted); font-style: italic; }
table { border-collapse: collapse; font-size: 14px; margin-top: 10px; }
td, th { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); }
svg.chart { display: block; max-width: 100%; height: auto; }
svg .label { font-size: 13px; fill: var(--ink); }
svg .tick { font-size: 12px; fill: var(--muted); }
svg .value { font-size: 13px; font-weight: 600; fill: var(--ink); }
svg .inbar { font-size: 12px; fill: #fff; font-weight: 600; }
svg .grid { stroke: var(--line); }
svg .rule { stroke: #eef1f4; stroke-width: 8; stroke-linecap: round; }
svg .dot circle { fill: var(--accent); stroke: #fff; stroke-width: 2; }
svg .bar { fill: #7a9cc6; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
"#;

/// The whole page.
pub fn render(title: &str, run: &Run, grouping: &Grouping, stance: &StanceBySource) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>What the sources say — {title}</title><style>{STYLE}</style></head><body><main>",
        title = escape(title)
    );
    let documents = run.documents.iter().filter(|d| d.status == "ok").count();
    let _ = write!(
        out,
        "<header><h1>What the sources say</h1><p>A claimsift report on <b>{title}</b>: {documents} news documents read side by side, to show where they agree and where they do not.</p></header>",
        title = escape(title)
    );
    summary(&mut out, run);
    quantities(&mut out, grouping);
    stance_section(&mut out, stance);
    top_entities(&mut out, run);
    out.push_str("<footer>Made by claimsift from the CSV files of one run (or several merged). The same figures are in <code>quantities.csv</code> and <code>stance_by_source.csv</code> beside this page. Stance and entities come from machine-learning models and can be wrong: check the sentence before quoting it.</footer>");
    out.push_str("</main></body></html>\n");
    out
}

fn summary(out: &mut String, run: &Run) {
    let ok: Vec<_> = run.documents.iter().filter(|d| d.status == "ok").collect();
    let not_read: Vec<_> = run.documents.iter().filter(|d| d.status != "ok").collect();
    let sentences: usize = ok.iter().map(|d| d.sentences).sum();
    let entities: usize = ok.iter().map(|d| d.entities).sum();
    let numbers: usize = ok.iter().map(|d| d.numbers).sum();
    out.push_str("<section id=\"summary\"><h2>The run at a glance</h2><p class=\"lead\">What went in and what claimsift found in it.</p><div class=\"cards\">");
    for (count, what) in [
        (ok.len(), "documents read"),
        (sentences, "sentences"),
        (entities, "names found (people, places, organisations)"),
        (numbers, "numbers found"),
        (not_read.len(), "documents skipped or failed"),
    ] {
        let _ = write!(out, "<div class=\"card\"><b>{}</b><span>{what}</span></div>", svg::format_value(count as f64));
    }
    out.push_str("</div>");
    if !not_read.is_empty() {
        out.push_str("<table><tr><th>document</th><th>status</th><th>why</th></tr>");
        for d in not_read {
            let _ = write!(out, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", escape(&d.doc_id), escape(&d.status), escape(&d.reason));
        }
        out.push_str("</table>");
    }
    out.push_str("</section>");
}

/// The sentence with the number marked, all of it escaped.
fn marked_sentence(sentence: &str, number: &str) -> String {
    match sentence.find(number).filter(|_| !number.is_empty()) {
        Some(at) => format!(
            "{}<mark>{}</mark>{}",
            escape(&sentence[..at]),
            escape(number),
            escape(&sentence[at + number.len()..])
        ),
        None => escape(sentence),
    }
}

fn quantities(out: &mut String, grouping: &Grouping) {
    out.push_str("<section id=\"quantities\"><h2>Numbers stated by several sources</h2><p class=\"lead\">Each chart is one quantity that two or more documents report; each dot is one document's figure (hover for its sentence). The quantities where the sources disagree most come first: the spread is the gap between the highest and the lowest figure, as a share of the highest.</p>");
    if grouping.groups.is_empty() {
        out.push_str("<p class=\"empty\">No quantity is stated by more than one document.</p>");
    }
    for g in &grouping.groups {
        let (class, verdict) = if g.spread == 0.0 { ("badge agree", "all agree".to_string()) } else { ("badge", format!("spread {}%", decimal(g.spread * 100.0))) };
        let range = if g.spread == 0.0 {
            format!("all say {}", svg::format_value(g.max))
        } else {
            format!("from {} to {}", svg::format_value(g.min), svg::format_value(g.max))
        };
        let _ = write!(
            out,
            "<article class=\"panel\"><h3>{label} <span class=\"{class}\">{verdict}</span></h3><p class=\"range\">{sources} sources, {range}</p>",
            label = escape(&g.label),
            sources = g.members.len(),
        );
        let dots: Vec<Dot> = g
            .members
            .iter()
            .map(|&m| {
                let mention = &grouping.mentions[m];
                Dot { label: mention.row.doc_id.clone(), value: mention.value, caption: mention.row.text.clone(), tooltip: mention.sentence.clone() }
            })
            .collect();
        out.push_str(&svg::dot_chart(&dots));
        out.push_str("<ul class=\"quotes\">");
        for &m in &g.members {
            let mention = &grouping.mentions[m];
            let _ = write!(
                out,
                "<li><span class=\"src\">{doc}</span>: “{sentence}”{said}</li>",
                doc = escape(&mention.row.doc_id),
                sentence = marked_sentence(&mention.sentence, &mention.row.text),
                said = if mention.row.speaker.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"who\">according to {}</span>", escape(&mention.row.speaker))
                },
            );
        }
        out.push_str("</ul></article>");
    }
    out.push_str("</section>");
}

fn stance_section(out: &mut String, stance: &StanceBySource) {
    let _ = write!(
        out,
        "<section id=\"stance\"><h2>How each source portrays the people and places it names</h2><p class=\"lead\">For each name discussed in two or more documents: how many sentences of each document show it favourably (succeeding, right), neutrally, or unfavourably (failing, at fault). The number at the right is the document's sentences about the name.</p><p class=\"legend\"><span><i style=\"background:{}\"></i>favourable</span><span><i style=\"background:{}\"></i>neutral</span><span><i style=\"background:{}\"></i>unfavourable</span></p>",
        svg::FAVOR,
        svg::NEUTRAL,
        svg::AGAINST
    );
    if stance.entities.is_empty() {
        out.push_str("<p class=\"empty\">No name has a stance in more than one document.</p>");
    }
    for e in stance.entities.iter().take(STANCE_ENTITIES) {
        let rows: Vec<StanceRow> = e
            .sources
            .iter()
            .map(|s| StanceRow { label: s.doc_id.clone(), favor: s.favor, neutral: s.neutral, against: s.against })
            .collect();
        let _ = write!(out, "<article class=\"panel\"><h3>{}</h3>{}</article>", escape(&e.canonical), svg::stance_bars(&rows));
    }
    if stance.entities.len() > STANCE_ENTITIES {
        let _ = write!(out, "<p class=\"empty\">{} more names in stance_by_source.csv.</p>", stance.entities.len() - STANCE_ENTITIES);
    }
    out.push_str("</section>");
}

fn top_entities(out: &mut String, run: &Run) {
    out.push_str("<section id=\"entities\"><h2>Who each document talks about</h2><p class=\"lead\">The names each document mentions most often.</p><div class=\"docs\">");
    let mut per_doc: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for e in run.entities.iter().filter(|e| matches!(e.entity_type.as_str(), "PER" | "ORG" | "LOC" | "MISC")) {
        *per_doc.entry(e.doc_id.as_str()).or_default().entry(e.canonical.as_str()).or_default() += 1;
    }
    for d in run.documents.iter().filter(|d| d.status == "ok") {
        let mut counts: Vec<(String, usize)> =
            per_doc.get(d.doc_id.as_str()).map(|m| m.iter().map(|(k, v)| (k.to_string(), *v)).collect()).unwrap_or_default();
        counts.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        counts.truncate(TOP_ENTITIES);
        let _ = write!(out, "<div class=\"panel\"><h3>{}</h3>", escape(&d.doc_id));
        if counts.is_empty() {
            out.push_str("<p class=\"empty\">No names found.</p>");
        } else {
            out.push_str(&svg::count_bars(&counts, 420.0));
        }
        out.push_str("</div>");
    }
    out.push_str("</div></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_ampersands() {
        assert_eq!(escape(r#"<script>alert("x & 'y'")</script>"#), "&lt;script&gt;alert(&quot;x &amp; &#39;y&#39;&quot;)&lt;/script&gt;");
    }

    #[test]
    fn the_number_is_marked_inside_the_escaped_sentence() {
        assert_eq!(marked_sentence("<b> sent 5 ships", "5 ships"), "&lt;b&gt; sent <mark>5 ships</mark>");
        assert_eq!(marked_sentence("no match", "7"), "no match");
    }
}
