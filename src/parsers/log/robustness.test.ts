import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { logParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { fixturePath } from './testkit.js';

/** A small deterministic PRNG (mulberry32), so a failure is reproducible. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('shuffled, cut and spliced real lines never throw and agree in every chunking', () => {
  const pieces = ['seed-docker-logs.log', 'seed-reproduction.log', 'seed-500-body.html', 'seed-500-body.json']
    .flatMap((f) => readFileSync(fixturePath(f), 'utf8').split('\n'))
    .concat([
      'Caused by: ',
      '\tSuppressed: ',
      '\t... 3 more',
      '[',
      ']',
      '{"log":"',
      '2023-03-23T05:12:50.636123456Z stdout P ',
      'Mar 23, 2023 1:12:50 PM org.apache.catalina.loader.WebappClassLoaderBase clearReferencesThreads',
      '警告: ',
      'Exception in thread "main" ',
      'Dumping heap to ',
      'Heap dump file created [',
      '\u0000\u0001',
    ]);
  const next = rng(42);
  for (let round = 0; round < 20; round++) {
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const a = pieces[Math.floor(next() * pieces.length)];
      const b = pieces[Math.floor(next() * pieces.length)];
      // Cut a line anywhere and glue another line's tail to it.
      lines.push(a.slice(0, Math.floor(next() * (a.length + 1))) + b.slice(Math.floor(next() * (b.length + 1))));
    }
    const text = lines.join(next() < 0.5 ? '\n' : '\r\n');
    const r = parseEveryWay(logParser, text);
    assert.ok(r.lines <= lines.length);
    assert.ok(logParser.sniff('x.log', text) >= 0);
  }
});
