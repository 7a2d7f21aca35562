//! Prints the parser's work per byte on repeated units (a development aid).
use chatmark::Options;
use chatmark::parse::parse_counting_steps;
use std::time::Instant;

fn main() {
    let opts = Options::from_json(
        r#"{"colors":true,"emoticons":true,"katex":{"dollarSyntax":true,"parenthesisSyntax":true},"customDomains":["intranet"]}"#,
    )
    .unwrap();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    for unit in std::env::args().skip(2) {
        let unit = unit.replace("\\n", "\n");
        let text = unit.repeat(n.div_ceil(unit.len()));
        let t = Instant::now();
        let (_, steps) = parse_counting_steps(&text, &opts);
        println!(
            "{unit:?}\t{:.1} steps/byte\t{:?}",
            steps as f64 / text.len() as f64,
            t.elapsed()
        );
    }
}
