import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classHistogramParser } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { repoRoot } from '../../util/repo-root.js';

const wild = (c: string, f: string) => readFileSync(join(repoRoot(), 'fixtures', 'wild', c, f), 'utf8');

test('jmap -histo:live as pasted: indented, a prompt line, module column, trailing spaces, cut off', () => {
  const text = wild('jmap-histo-live-graylog-modules', 'histo.txt');
  assert.ok(classHistogramParser.sniff('histo.txt', text) >= 0.9);
  const [h] = parseEveryWay(classHistogramParser, text)!.histograms;
  assert.equal(h.rowCount, 12);
  assert.equal(h.cut, true);
  assert.deepEqual(h.rows[0], { rank: 1, className: 'byte[]', instances: 1311300, bytes: 165611968, module: 'java.base@10', line: 4, text: '       1:       1311300      165611968  [B (java.base@10)' });
  assert.equal(h.rows[1].className, 'java.util.HashMap$Node[]');
});

test('a JDK 7 "Class Histogram:" with klass rows, and a Total line', () => {
  const [h] = parseEveryWay(classHistogramParser, wild('class-histogram-jdk7-hazelcast', 'histogram.txt'))!.histograms;
  assert.equal(h.rows[0].className, '<methodKlass>');
  assert.equal(h.rows[10].className, 'int[][]');
  const total = parseEveryWay(classHistogramParser, ' num     #instances         #bytes  class name\n----\n   1:   2   48  java.lang.String\nTotal   61297   10152040\n')!.histograms[0];
  assert.deepEqual([total.totalInstances, total.totalBytes, total.totalPrinted, total.cut], [61297, 10152040, true, false]);
});
