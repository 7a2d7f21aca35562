//! Times each message of a JSONL file on its own, for finding which kinds
//! of message cost the most: `per_message FILE.jsonl [ITERATIONS]` prints
//! one JSON line per message, `{"ns": mean nanoseconds per parse, "bytes":
//! its length, "input": the text}`, in input order.

use std::hint::black_box;

use chatmark::parse;

mod common;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: per_message FILE.jsonl [ITERATIONS]");
        std::process::exit(2);
    };
    let iterations: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    for (input, options) in common::read_cases(path, "") {
        let t0 = std::time::Instant::now();
        for _ in 0..iterations {
            black_box(parse(black_box(&input), &options));
        }
        let ns = t0.elapsed().as_nanos() as f64 / f64::from(iterations);
        println!(
            "{}",
            serde_json::json!({"ns": ns.round(), "bytes": input.len(), "input": input})
        );
    }
}
