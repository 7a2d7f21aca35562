//! Parses one input many times, for profilers:
//! `profile_one FILE.jsonl [LINE-SUBSTRING] [ITERATIONS]` parses every line
//! whose text contains the substring (all lines by default).

use std::hint::black_box;

use chatmark::parse;

mod common;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let filter = args.get(2).cloned().unwrap_or_default();
    let iterations: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let inputs = common::read_cases(&args[1], &filter);
    let t0 = std::time::Instant::now();
    let mut bytes = 0usize;
    for _ in 0..iterations {
        for (input, o) in &inputs {
            black_box(parse(black_box(input), o));
            bytes += input.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    eprintln!(
        "{} inputs, {:.1} MB/s",
        inputs.len(),
        bytes as f64 / secs / 1e6
    );
}
