//! Canonical names lined up across the dump, on a document's JSON Lines
//! object or on its CSV rows (for `claimsift merge` of CSV shards).

use serde_json::Value;

use super::csv_rows::objects;
use super::{is_mention_row, CsvDocument, CLAIMS_COLUMNS, ENTITIES_COLUMNS, NUMBERS_COLUMNS};
use crate::normalize::{DocumentNames, DumpNames};

fn column(columns: &[&str], name: &str) -> usize {
    columns.iter().position(|c| *c == name).expect("a column of this file")
}

/// The dump's names for a document whose entities are (type, name) pairs in text order.
fn align_pairs<'a>(names: &mut DumpNames, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> DocumentNames {
    names.align(pairs.into_iter().filter(|(t, _)| !is_mention_row(t)))
}

/// Renames the entities of a JSON Lines object, and the stances toward
/// them, to the dump's names. A stance is toward a user target or a person
/// named by pronoun when the sentence has a row of that type for its target;
/// those keep their name.
pub(super) fn align_record(names: &mut DumpNames, record: &mut Value) {
    let entity_name = |e: &Value, key: &str| e.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    let pairs: Vec<(String, String)> = objects(record, "sentences")
        .iter()
        .flat_map(|s| objects(s, "entities").iter().map(|e| (entity_name(e, "type"), entity_name(e, "canonical"))))
        .collect();
    let document = align_pairs(names, pairs.iter().map(|(t, n)| (t.as_str(), n.as_str())));
    let Some(sentences) = record.get_mut("sentences").and_then(Value::as_array_mut) else { return };
    for sentence in sentences {
        let mut mentioned = Vec::new();
        for e in sentence.get_mut("entities").and_then(Value::as_array_mut).into_iter().flatten() {
            let (entity_type, name) = (entity_name(e, "type"), entity_name(e, "canonical"));
            if is_mention_row(&entity_type) {
                mentioned.push(name);
            } else if let Some(dump_name) = document.entity(&entity_type, &name) {
                e["canonical"] = dump_name.into();
            }
        }
        for s in sentence.get_mut("stances").and_then(Value::as_array_mut).into_iter().flatten() {
            let target = entity_name(s, "target");
            if let Some(dump_name) = document.stance_target(&target).filter(|_| !mentioned.contains(&target)) {
                s["target"] = dump_name.into();
            }
        }
        // A named speaker is written by its canonical name, which follows the dump's too.
        if let Some(dump_name) = document.stance_target(&entity_name(sentence, "speaker")) {
            sentence["speaker"] = dump_name.into();
        }
        for n in sentence.get_mut("numbers").and_then(Value::as_array_mut).into_iter().flatten() {
            if let Some(dump_name) = document.stance_target(&entity_name(n, "speaker")) {
                n["speaker"] = dump_name.into();
            }
        }
    }
}

/// [`align_record`] on CSV rows. The stances cell of `claims.csv` lists
/// "target: stance (score)" items; its targets are read against the names of
/// the sentence's entity rows, so a name holding "; " or ": " is no problem.
pub(super) fn align_csv(names: &mut DumpNames, document: &mut CsvDocument) -> Result<(), String> {
    let [e_sent, e_type, e_name] = ["sent_idx", "type", "canonical"].map(|c| column(ENTITIES_COLUMNS, c));
    let [c_sent, c_stances] = ["sent_idx", "stances"].map(|c| column(CLAIMS_COLUMNS, c));
    let aligned = align_pairs(names, document.entities.iter().map(|r| (r[e_type].as_str(), r[e_name].as_str())));
    for claim in &mut document.claims {
        if claim[c_stances].is_empty() {
            continue;
        }
        let in_sentence: Vec<&Vec<String>> = document.entities.iter().filter(|r| r[e_sent] == claim[c_sent]).collect();
        let mut candidates: Vec<&str> = in_sentence.iter().map(|r| r[e_name].as_str()).collect();
        candidates.sort_by_key(|name| std::cmp::Reverse(name.len()));
        let mentioned = |target: &str| in_sentence.iter().any(|r| is_mention_row(&r[e_type]) && r[e_name] == target);
        let mut items = Vec::new();
        let mut rest = claim[c_stances].as_str();
        while !rest.is_empty() {
            let (target, tail_len) = candidates
                .iter()
                .find_map(|name| Some((*name, stance_item_tail(rest.strip_prefix(name)?.strip_prefix(": ")?)?)))
                .ok_or_else(|| format!("document {:?}: cannot read the stances cell {:?}", claim[0], claim[c_stances]))?;
            let tail = &rest[target.len()..target.len() + 2 + tail_len];
            let name = aligned.stance_target(target).filter(|_| !mentioned(target)).unwrap_or(target);
            items.push(format!("{name}{tail}"));
            rest = &rest[target.len() + 2 + tail_len..];
            rest = rest.strip_prefix("; ").unwrap_or(rest);
        }
        claim[c_stances] = items.join("; ");
    }
    for row in &mut document.entities {
        if let Some(dump_name) = aligned.entity(&row[e_type], &row[e_name]) {
            row[e_name] = dump_name.to_string();
        }
    }
    let speaker_of = |rows: &mut Vec<Vec<String>>, column: usize| {
        for row in rows {
            if let Some(dump_name) = aligned.stance_target(&row[column]) {
                row[column] = dump_name.to_string();
            }
        }
    };
    speaker_of(&mut document.claims, column(CLAIMS_COLUMNS, "speaker"));
    speaker_of(&mut document.numbers, column(NUMBERS_COLUMNS, "speaker"));
    Ok(())
}

/// The length of "stance (score)" at the start of `text` when an item
/// separator or the end of the cell follows it.
fn stance_item_tail(text: &str) -> Option<usize> {
    let open = text.find(" (")?;
    let close = open + 2 + text[open + 2..].find(')')?;
    let score = &text[open + 2..close];
    let ends = text[close + 1..].is_empty() || text[close + 1..].starts_with("; ");
    (ends && !score.is_empty() && score.bytes().all(|b| b.is_ascii_digit() || b == b'.')).then_some(close + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::csv_document;

    fn entity(sent_idx: usize, start: usize, name: &str, entity_type: &str, stance: Option<&str>) -> Value {
        serde_json::json!({"sent_idx": sent_idx, "start": start, "end": start + 1, "entity": name, "canonical": name,
            "type": entity_type, "score": "0.9500", "stance": stance, "stance_score": stance.map(|_| "0.6150")})
    }

    fn stance(target: &str, score: &str) -> Value {
        serde_json::json!({"target": target, "stance": "against", "score": score, "scores": {}})
    }

    /// Two documents: the second names "Putin" (a person and, wrongly, a
    /// place), "KREMLIN", a user target "Russia" that is also an entity, and
    /// a name holding the cell's separators.
    fn records() -> Vec<Value> {
        let first = serde_json::json!({"doc_id": "a", "status": "ok", "sentences": [{"sent_idx": 0, "start": 0, "end": 9, "text": "x",
            "entities": [entity(0, 0, "Vladimir Putin", "PER", Some("against")), entity(0, 3, "Kremlin", "ORG", None)],
            "stances": [stance("Vladimir Putin", "0.6150")], "numbers": []}]});
        let second = serde_json::json!({"doc_id": "b", "status": "ok", "sentences": [
            {"sent_idx": 0, "start": 0, "end": 9, "text": "y", "entities": [
                entity(0, 0, "Putin", "PER", Some("against")), entity(0, 2, "Putin", "LOC", Some("against")),
                entity(0, 4, "KREMLIN", "ORG", Some("against")), entity(0, 6, "Russia", "LOC", Some("against")),
                entity(0, 6, "Russia", "TARGET", Some("against")), entity(0, 8, "A; B: c (0.1)", "ORG", Some("against"))],
             "stances": [stance("A; B: c (0.1)", "0.1000"), stance("KREMLIN", "0.5000"), stance("Putin", "0.9850"), stance("Russia", "0.7000")],
             "numbers": []}]});
        vec![first, second]
    }

    #[test]
    fn names_line_up_alike_on_json_and_on_csv_rows() {
        let (mut json_names, mut csv_names) = (DumpNames::default(), DumpNames::default());
        for record in records() {
            let mut aligned = record.clone();
            align_record(&mut json_names, &mut aligned);
            let mut rows = csv_document(&record);
            align_csv(&mut csv_names, &mut rows).unwrap();
            assert_eq!(csv_document(&aligned), rows);
        }
        let mut names = DumpNames::default();
        let mut all = records();
        for record in &mut all {
            align_record(&mut names, record);
        }
        let rows = csv_document(&all[1]);
        let canonical: Vec<&str> = rows.entities.iter().map(|r| r[5].as_str()).collect();
        assert_eq!(canonical, ["Vladimir Putin", "Putin", "Kremlin", "Russia", "Russia", "A; B: c (0.1)"]);
        // The user target keeps its name; the stance toward "Putin" is the person's.
        assert_eq!(rows.claims[0][6], "A; B: c (0.1): against (0.10); Kremlin: against (0.50); Vladimir Putin: against (0.99); Russia: against (0.70)");
    }
}
