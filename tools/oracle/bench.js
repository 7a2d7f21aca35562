#!/usr/bin/env node
// Measures the reference parser on the benchmark inputs and prints JSON:
// {"fixtures": {"Category/name": ops_per_sec, ...}, "corpus": {"bytes": N, "seconds": S, "mb_per_s": X, "msgs_per_s": Y}}
// Usage: node bench.js FIXTURES.jsonl CORPUS.jsonl [seconds-per-fixture]
'use strict';
process.env.TZ = 'UTC';
const fs = require('fs');
const { parse } = require('@rocket.chat/message-parser');

const [fixturesPath, corpusPath, perFixture = '0.5'] = process.argv.slice(2);
const lines = (p) => fs.readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const budget = Number(perFixture) * 1000;

const fixtures = {};
for (const c of lines(fixturesPath)) {
  for (let i = 0; i < 50; i++) parse(c.input, c.options); // warm up
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < budget) {
    for (let i = 0; i < 20; i++) parse(c.input, c.options);
    n += 20;
    t = performance.now();
  }
  fixtures[`${c.category}/${c.name}`] = (n * 1000) / (t - t0);
}

const corpus = lines(corpusPath);
const bytes = corpus.reduce((s, c) => s + Buffer.byteLength(c.input, 'utf8'), 0);
for (const c of corpus.slice(0, 2000)) parse(c.input, c.options); // warm up
const t0 = performance.now();
for (const c of corpus) parse(c.input, c.options);
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({
  fixtures,
  corpus: { bytes, seconds, mb_per_s: bytes / 1e6 / seconds, msgs_per_s: corpus.length / seconds },
}) + '\n');
