//! Benchmark inputs: the reference suite's 45 fixtures and the 20,000-message
//! corpus (`benches/data`, copied from the project's anchors).
#![allow(dead_code)]

use std::hint::black_box;
use std::time::Instant;

use chatmark::{Options, parse};

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

/// The two sizes an adversarial family is measured at.
pub const GROWTH_SIZES: [usize; 2] = [100_000, 1_000_000];

/// The best times (seconds) of `unit` repeated to each of [`GROWTH_SIZES`],
/// parsed with `options`, and the minor page faults of each best run.
///
/// The best of at least three runs of each size, and of as many as fit in
/// `budget` seconds, the two sizes taking turns: this machine's speed drifts
/// over seconds, and the best of three runs of one size and then of the
/// other put a 100 KB parse (0.03-7 ms) and its 1 MB one in different
/// states of it (growths of 5.5x to 19x in runs a minute apart).
pub fn growth_runs(unit: &str, options: &Options, budget: f64) -> ([f64; 2], [Option<u64>; 2]) {
    let texts = GROWTH_SIZES.map(|size| unit.repeat(size.div_ceil(unit.len())));
    let mut best = [f64::MAX; 2];
    let mut faults = [None; 2];
    let start = Instant::now();
    let mut runs = 0;
    while runs < 3 || (runs < 1000 && start.elapsed().as_secs_f64() < budget) {
        runs += 1;
        for (k, text) in texts.iter().enumerate() {
            let f0 = minor_faults();
            let t0 = Instant::now();
            black_box(parse(black_box(text), options));
            let t = t0.elapsed().as_secs_f64();
            if t < best[k] {
                best[k] = t;
                faults[k] = f0.zip(minor_faults()).map(|(a, b)| b - a);
            }
        }
    }
    (best, faults)
}

/// The process's minor page faults so far (Linux: field 10 of
/// `/proc/self/stat`), `None` elsewhere. A parse and the drop of its tree
/// fault once per fresh page of memory they touch: the count tells the
/// kernel's share of a large input's time from the parser's.
pub fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and
    // may hold spaces: state is field 3, minflt field 10.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(7)?.parse().ok()
}
