//! Parser benchmarks: the reference's fixtures, the realistic corpus (with
//! pulldown-cmark on the same text as the peer to beat), adversarial input
//! at 10 KB / 100 KB / 1 MB, the wire format both ways, and the renderers
//! on the corpus's trees.

mod common;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn fixtures(c: &mut Criterion) {
    let mut g = c.benchmark_group("fixtures");
    g.warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for case in common::fixtures() {
        g.bench_function(&case.name, |b| {
            b.iter(|| chatmark::parse(black_box(&case.input), &case.options))
        });
    }
    g.finish();
}

fn corpus(c: &mut Criterion) {
    let cases = common::corpus();
    let bytes: usize = cases.iter().map(|c| c.input.len()).sum();
    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10);
    g.bench_function("chatmark/tree", |b| {
        b.iter(|| {
            for case in &cases {
                black_box(chatmark::parse(black_box(&case.input), &case.options));
            }
        })
    });
    g.bench_function("chatmark/tree+json", |b| {
        let mut out = Vec::with_capacity(1 << 16);
        b.iter(|| {
            for case in &cases {
                out.clear();
                let tree = chatmark::parse(black_box(&case.input), &case.options);
                chatmark::wire::write_json(&mut out, &tree);
            }
            black_box(out.len())
        })
    });
    g.bench_function("pulldown-cmark/events", |b| {
        b.iter(|| {
            for case in &cases {
                for ev in pulldown_cmark::Parser::new(black_box(&case.input)) {
                    black_box(ev);
                }
            }
        })
    });
    g.bench_function("pulldown-cmark/html", |b| {
        let mut out = String::new();
        b.iter(|| {
            for case in &cases {
                out.clear();
                pulldown_cmark::html::push_html(
                    &mut out,
                    pulldown_cmark::Parser::new(black_box(&case.input)),
                );
            }
            black_box(out.len())
        })
    });
    g.finish();
}

fn adversarial(c: &mut Criterion) {
    let opts = common::all_on();
    let mut g = c.benchmark_group("adversarial");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(2));
    for &(name, unit) in common::ADVERSARIAL {
        for size in [10_000usize, 100_000, 1_000_000] {
            let text = unit.repeat(size.div_ceil(unit.len()));
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, size), &text, |b, t| {
                b.iter(|| chatmark::parse(black_box(t), &opts))
            });
        }
    }
    g.finish();
}

fn wire(c: &mut Criterion) {
    let cases = common::corpus();
    let trees: Vec<String> = cases
        .iter()
        .map(|c| chatmark::wire::to_string(&chatmark::parse(&c.input, &c.options)))
        .collect();
    let bytes: usize = trees.iter().map(String::len).sum();
    let parsed: Vec<_> = trees
        .iter()
        .map(|t| chatmark::wire::from_str(t).expect("reads"))
        .collect();
    let mut g = c.benchmark_group("wire");
    g.throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10);
    g.bench_function("read", |b| {
        b.iter(|| {
            for t in &trees {
                black_box(chatmark::wire::from_str(black_box(t)).expect("reads"));
            }
        })
    });
    g.bench_function("write", |b| {
        let mut out = Vec::with_capacity(1 << 16);
        b.iter(|| {
            for tree in &parsed {
                out.clear();
                chatmark::wire::write_json(&mut out, tree);
            }
            black_box(out.len())
        })
    });
    // The same bytes through the trees' `Serialize` and serde_json.
    g.bench_function("write/serde", |b| {
        let mut out = Vec::with_capacity(1 << 16);
        b.iter(|| {
            for tree in &parsed {
                out.clear();
                serde_json::to_writer(&mut out, tree).expect("writes");
            }
            black_box(out.len())
        })
    });
    g.finish();
}

/// The renderers over the corpus's trees (parsed before the timing), in
/// bytes of message text a second: HTML, plain text and the one-line room
/// preview, with the neutral context.
fn render(c: &mut Criterion) {
    let cases = common::corpus();
    let bytes: usize = cases.iter().map(|c| c.input.len()).sum();
    let trees: Vec<_> = cases
        .iter()
        .map(|c| chatmark::parse(&c.input, &c.options))
        .collect();
    let ctx = chatmark::render::RenderContext::default();
    let mut g = c.benchmark_group("render");
    g.throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10);
    g.bench_function("html", |b| {
        let mut out = String::with_capacity(1 << 16);
        b.iter(|| {
            for tree in &trees {
                out.clear();
                chatmark::render::html::render_into(black_box(tree), &ctx, &mut out);
            }
            black_box(out.len())
        })
    });
    g.bench_function("text", |b| {
        b.iter(|| {
            for tree in &trees {
                black_box(chatmark::render::text::render(black_box(tree), &ctx));
            }
        })
    });
    g.bench_function("preview", |b| {
        b.iter(|| {
            for tree in &trees {
                black_box(chatmark::render::preview::render(black_box(tree), &ctx));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, fixtures, corpus, adversarial, wire, render);
criterion_main!(benches);
