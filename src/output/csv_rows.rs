//! The CSV rows of a document, made from its JSON Lines object.

use serde_json::Value;

use super::{is_mention_row, CsvDocument, CLAIMS_COLUMNS, ENTITIES_COLUMNS, MANIFEST_COLUMNS, NUMBERS_COLUMNS};

/// A JSON value as a CSV cell, as serde writes it to CSV.
pub(super) fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

pub(super) fn objects<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The CSV rows of one document, from its JSON Lines object: each row of
/// `entities.csv` and `numbers.csv` is the document id and the object's
/// fields named by the columns; `claims.csv` has one row per sentence with an
/// entity, a number or a speaker.
pub fn csv_document(record: &Value) -> CsvDocument {
    let doc_id = cell(record.get("doc_id"));
    let mut document = CsvDocument::default();
    let row = |columns: &[&str], object: &Value| -> Vec<String> {
        std::iter::once(doc_id.clone()).chain(columns[1..].iter().map(|c| cell(object.get(*c)))).collect()
    };
    let sentences = objects(record, "sentences");
    let mut model_entities = 0;
    for sentence in sentences {
        let (entities, stances, numbers) = (objects(sentence, "entities"), objects(sentence, "stances"), objects(sentence, "numbers"));
        model_entities += entities.iter().filter(|e| !is_mention_row(&cell(e.get("type")))).count();
        document.entities.extend(entities.iter().map(|e| row(ENTITIES_COLUMNS, e)));
        document.numbers.extend(numbers.iter().map(|n| row(NUMBERS_COLUMNS, n)));
        let speaker = cell(sentence.get("speaker"));
        if entities.is_empty() && numbers.is_empty() && speaker.is_empty() {
            continue;
        }
        let join = |items: Vec<String>| items.join("; ");
        let entity_cell = join(entities.iter().map(|e| format!("{} ({})", cell(e.get("entity")), cell(e.get("type")))).collect());
        let stance_cell = join(stances.iter().map(|s| format!("{}: {} ({})", cell(s.get("target")), cell(s.get("stance")), two_decimals(&cell(s.get("score"))))).collect());
        let number_cell = join(
            numbers
                .iter()
                .map(|n| {
                    let [text, value, value_max, unit, qualifier, kind] =
                        ["text", "value", "value_max", "unit", "qualifier", "kind"].map(|k| cell(n.get(k)));
                    let value = if value_max.is_empty() { value } else { format!("{value}..{value_max}") };
                    format!("{text} = {value} {unit} ({qualifier}, {kind})")
                })
                .collect(),
        );
        let mut claim = row(&CLAIMS_COLUMNS[..4], sentence);
        claim.extend([cell(sentence.get("text")), entity_cell, stance_cell, number_cell, speaker, cell(sentence.get("cue"))]);
        document.claims.push(claim);
    }
    document.manifest = std::iter::once(doc_id.clone())
        .chain(MANIFEST_COLUMNS[1..].iter().map(|c| match *c {
            "sentences" => sentences.len().to_string(),
            "entities" => model_entities.to_string(),
            "numbers" => sentences.iter().map(|s| objects(s, "numbers").len()).sum::<usize>().to_string(),
            "chars" => record.get("chars").map_or_else(|| "0".to_string(), |v| cell(Some(v))),
            other => cell(record.get(other)),
        }))
        .collect();
    document
}

/// A score written with 4 decimals ("0.9850"), rounded half up to 2 for the
/// claims cell ("0.99"): from the written figure, so that the cell agrees
/// with the 4 decimals of `entities.csv` and JSON Lines and can be made from them.
fn two_decimals(score: &str) -> String {
    let ten_thousandths = score.split_once('.').filter(|(_, f)| f.len() == 4).and_then(|(i, f)| Some(i.parse::<u64>().ok()? * 10_000 + f.parse::<u64>().ok()?));
    match ten_thousandths {
        Some(n) => {
            let hundredths = (n + 50) / 100;
            format!("{}.{:02}", hundredths / 100, hundredths % 100)
        }
        None => score.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_scores_round_half_up_from_the_written_figure() {
        assert_eq!(two_decimals("0.9850"), "0.99");
        assert_eq!(two_decimals("0.9849"), "0.98");
        assert_eq!(two_decimals("0.9950"), "1.00");
        assert_eq!(two_decimals("1.0000"), "1.00");
    }
}
