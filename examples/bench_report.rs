//! Measures chatmark on the benchmark inputs the way `tools/oracle/bench.js`
//! measures the reference, and prints the same JSON (used by
//! `scripts/compare-reference.sh`).
//!
//! Usage: `bench_report FIXTURES.jsonl CORPUS.jsonl [seconds-per-fixture]`

use std::hint::black_box;
use std::time::Instant;

use chatmark::{Options, parse};

#[path = "../benches/common.rs"]
mod common;

fn cases(path: &str) -> Vec<(String, String, Options)> {
    std::fs::read_to_string(path)
        .expect("readable")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let o = match v.get("options") {
                Some(o) => Options::from_value(o.clone()).expect("options"),
                None => Options::default(),
            };
            let name = format!(
                "{}/{}",
                v["category"].as_str().unwrap_or(""),
                v["name"].as_str().unwrap_or("")
            );
            (name, v["input"].as_str().unwrap_or("").to_owned(), o)
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let per = args
        .get(3)
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(0.5);
    let mut fixtures = serde_json::Map::new();
    for (name, input, o) in cases(&args[1]) {
        for _ in 0..1000 {
            black_box(parse(black_box(&input), &o));
        }
        let t0 = Instant::now();
        let mut n = 0u64;
        while t0.elapsed().as_secs_f64() < per {
            for _ in 0..1000 {
                black_box(parse(black_box(&input), &o));
            }
            n += 1000;
        }
        let ops = n as f64 / t0.elapsed().as_secs_f64();
        fixtures.insert(name, ops.into());
    }
    let corpus = cases(&args[2]);
    let bytes: usize = corpus.iter().map(|c| c.1.len()).sum();
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t0 = Instant::now();
        for (_, input, o) in &corpus {
            black_box(parse(black_box(input), o));
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    // Adversarial families at 100 KB and 1 MB (best of several runs each): the
    // growth from one to the other, and the cost per byte against plain text.
    let opts = common::all_on();
    let mut adversarial = serde_json::Map::new();
    for &(name, unit) in common::ADVERSARIAL {
        let (best, faults) = common::growth_runs(unit, &opts, 0.5);
        let secs: Vec<serde_json::Value> = (0..2)
            .map(|k| serde_json::json!({"bytes": common::GROWTH_SIZES[k].div_ceil(unit.len()) * unit.len(), "seconds": best[k], "faults": faults[k]}))
            .collect();
        adversarial.insert(name.to_owned(), secs.into());
    }
    let out = serde_json::json!({
        "adversarial": adversarial,
        "fixtures": fixtures,
        "corpus": {
            "bytes": bytes,
            "seconds": best,
            "mb_per_s": bytes as f64 / 1e6 / best,
            "msgs_per_s": corpus.len() as f64 / best,
        }
    });
    println!("{out}");
}
