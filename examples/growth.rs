//! Measures adversarial families' growth from 100 KB to 1 MB the way
//! `bench_report` does (best of runs taking turns), one family or all of
//! them in order, with the page faults of the best runs.
//!
//! Usage: `growth FAMILY|all [seconds-per-family]`

#[path = "../benches/common.rs"]
mod common;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let family = args.get(1).map(String::as_str).unwrap_or("all");
    let budget = args
        .get(2)
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(0.5);
    let options = common::all_on();
    let mut found = false;
    for &(name, unit) in common::ADVERSARIAL {
        if family != "all" && name != family {
            continue;
        }
        found = true;
        let (best, faults) = common::growth_runs(unit, &options, budget);
        println!(
            "{name}: 100 KB {:.3} ms ({} faults), 1 MB {:.3} ms ({} faults), growth {:.2}x",
            best[0] * 1e3,
            faults[0].unwrap_or(0),
            best[1] * 1e3,
            faults[1].unwrap_or(0),
            best[1] / best[0]
        );
    }
    if !found {
        eprintln!("no family {family}");
        std::process::exit(2);
    }
}
