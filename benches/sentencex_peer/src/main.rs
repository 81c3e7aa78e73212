//! Reads a JSON array of texts on stdin, writes a JSON array of their
//! sentences (one array of strings per text) from `sentencex::segment("en", …)`.

use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).expect("stdin");
    let texts: Vec<String> = serde_json::from_str(&input).expect("a JSON array of strings");
    let out: Vec<Vec<String>> = texts.iter().map(|t| sentencex::segment("en", t).into_iter().map(|s| s.to_string()).collect()).collect();
    println!("{}", serde_json::to_string(&out).expect("json"));
}
