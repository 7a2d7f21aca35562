//! Times each message of a JSONL file on its own, for finding which kinds
//! of message cost the most: `per_message FILE.jsonl [ITERATIONS]` prints
//! one JSON line per message, `{"ns": mean nanoseconds per parse, "bytes":
//! its length, "input": the text}`, in input order.

use std::hint::black_box;

use chatmark::{Options, parse};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: per_message FILE.jsonl [ITERATIONS]");
        std::process::exit(2);
    };
    let iterations: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let text = std::fs::read_to_string(path).expect("readable file");
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let options = match v.get("options") {
            Some(o) if !o.is_null() => Options::from_value(o.clone()).expect("options"),
            _ => Options::default(),
        };
        let input = v["input"].as_str().unwrap_or("");
        let t0 = std::time::Instant::now();
        for _ in 0..iterations {
            black_box(parse(black_box(input), &options));
        }
        let ns = t0.elapsed().as_nanos() as f64 / f64::from(iterations);
        println!(
            "{}",
            serde_json::json!({"ns": ns.round(), "bytes": input.len(), "input": input})
        );
    }
}
