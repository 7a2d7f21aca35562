//! Benchmark inputs: the reference suite's 45 fixtures and the 20,000-message
//! corpus (`benches/data`, copied from the project's anchors).
#![allow(dead_code)]

use chatmark::Options;

/// One benchmark message.
pub struct Case {
    pub name: String,
    pub input: String,
    pub options: Options,
}

fn read(path: &str, named: bool) -> Vec<Case> {
    let text = std::fs::read_to_string(format!(
        "{}/benches/data/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("bench data present");
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let options = match v.get("options") {
                Some(o) => Options::from_value(o.clone()).expect("options"),
                None => Options::default(),
            };
            let name = if named {
                format!(
                    "{}/{}",
                    v["category"].as_str().unwrap_or(""),
                    v["name"].as_str().unwrap_or("")
                )
            } else {
                String::new()
            };
            Case {
                name,
                input: v["input"].as_str().unwrap_or("").to_owned(),
                options,
            }
        })
        .collect()
}

/// The reference's own benchmark fixtures.
pub fn fixtures() -> Vec<Case> {
    read("bench-fixtures.jsonl", true)
}

/// The realistic corpus.
pub fn corpus() -> Vec<Case> {
    read("corpus-bench.jsonl", false)
}

/// Adversarial families: (name, repeated unit).
pub const ADVERSARIAL: &[(&str, &str)] = &[
    ("stars", "*"),
    ("brackets", "["),
    ("underscore-a", "_a"),
    ("bold-italic", "**_**__"),
    ("link-open", "[a]("),
    ("timestamp-open", "<t:1"),
    ("emoticons", ":)"),
    ("tildes", "~"),
    ("backticks", "`"),
    ("pipes", "|"),
    ("spoiler-open", "||a "),
    ("shortcode", ":a:"),
    ("mentions", "@a "),
    ("autolinks", "a.io/"),
    ("quote-nesting", ">"),
    ("list-lines", "- a\n"),
    ("table-rows", "| a | b |\n"),
    ("rules", "---\n"),
    ("math", "$a"),
    ("plain", "lorem ipsum "),
];

/// All options on, as servers configure them (plus KaTeX both ways).
pub fn all_on() -> Options {
    Options::from_json(
        r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true}}"#,
    )
    .expect("options")
}
