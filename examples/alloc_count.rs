//! Heap allocations per message: every message of the realistic corpus
//! (`benches/data/corpus-bench.jsonl`) and of the reference's 45 benchmark
//! fixtures (`benches/data/bench-fixtures.jsonl`), parsed with
//! `chatmark::parse` alone and then written with `chatmark::wire::to_string`.
//! Prints Markdown tables (for `docs/performance.md`).
//!
//!     cargo run --release --example alloc_count
//!
//! An allocation is a call of `alloc`, `alloc_zeroed` or `realloc`; bytes
//! are the sizes asked for, a `realloc` counting only what it adds. Each
//! message is parsed once before counting, so lazily built tables are not
//! counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

#[path = "../benches/common.rs"]
mod common;

/// The system allocator, counting.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is passed on unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: the caller's contract is System's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size.saturating_sub(layout.size()) as u64, Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes so far.
fn now() -> (u64, u64) {
    (ALLOCS.load(Relaxed), BYTES.load(Relaxed))
}

/// What one message cost: (allocations, bytes) for parse, and for parse
/// plus writing the tree.
struct Cost {
    parse: (u64, u64),
    parse_wire: (u64, u64),
}

fn measure(case: &common::Case) -> Cost {
    // Warm: whatever the parser builds once (tables, caches) is built.
    drop(chatmark::wire::to_string(&chatmark::parse(
        &case.input,
        &case.options,
    )));
    let start = now();
    let tree = chatmark::parse(&case.input, &case.options);
    let parsed = now();
    let json = chatmark::wire::to_string(&tree);
    let written = now();
    drop(json);
    drop(tree);
    let diff = |a: (u64, u64), b: (u64, u64)| (b.0 - a.0, b.1 - a.1);
    Cost {
        parse: diff(start, parsed),
        parse_wire: diff(start, written),
    }
}

/// mean, median, p90, max.
fn stats(values: &mut [u64]) -> (f64, u64, u64, u64) {
    values.sort_unstable();
    let n = values.len();
    let mean = values.iter().sum::<u64>() as f64 / n as f64;
    let at = |q: f64| values[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
    (mean, at(0.5), at(0.9), values[n - 1])
}

fn row(set: &str, what: &str, costs: &[(u64, u64)]) {
    let (mut allocs, mut bytes): (Vec<u64>, Vec<u64>) = costs.iter().copied().unzip();
    let a = stats(&mut allocs);
    let b = stats(&mut bytes);
    println!(
        "| {set} | {what} | {} | {:.1} | {} | {} | {} | {:.0} | {} | {} | {} |",
        costs.len(),
        a.0,
        a.1,
        a.2,
        a.3,
        b.0,
        b.1,
        b.2,
        b.3
    );
}

fn main() {
    let corpus = common::corpus();
    let fixtures = common::fixtures();
    let corpus_costs: Vec<Cost> = corpus.iter().map(measure).collect();
    let fixture_costs: Vec<Cost> = fixtures.iter().map(measure).collect();

    println!(
        "Allocations and bytes per message (bytes: sizes asked for, a realloc counting its growth).\n"
    );
    println!(
        "| messages | measured | count | allocs mean | median | p90 | max | bytes mean | median | p90 | max |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (set, costs) in [("corpus", &corpus_costs), ("fixtures", &fixture_costs)] {
        let parse: Vec<_> = costs.iter().map(|c| c.parse).collect();
        let both: Vec<_> = costs.iter().map(|c| c.parse_wire).collect();
        row(set, "`parse`", &parse);
        row(set, "`parse` + `wire::to_string`", &both);
    }

    let input_bytes: usize = corpus.iter().map(|c| c.input.len()).sum();
    let corpus_allocs: u64 = corpus_costs.iter().map(|c| c.parse.0).sum();
    println!(
        "\nCorpus: {} messages, {:.0} bytes of text on average; `parse` makes {:.2} allocations per 100 bytes of text.",
        corpus.len(),
        input_bytes as f64 / corpus.len() as f64,
        100.0 * corpus_allocs as f64 / input_bytes as f64
    );

    let mut order: Vec<usize> = (0..fixtures.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(fixture_costs[i].parse.0));
    println!("\nFixtures with the most allocations in `parse`:\n");
    println!("| fixture | text bytes | allocs | bytes | allocs + wire | bytes + wire |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for &i in order.iter().take(8) {
        let (f, c) = (&fixtures[i], &fixture_costs[i]);
        println!(
            "| {} | {} | {} | {} | {} | {} |",
            f.name,
            f.input.len(),
            c.parse.0,
            c.parse.1,
            c.parse_wire.0,
            c.parse_wire.1
        );
    }
}
