import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classHistogram } from './class-histogram.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const wild = (c: string, f: string) => readFileSync(join(repoRoot(), 'fixtures', 'wild', c, f), 'utf8');

test('jmap -histo:live pasted indented and cut off (JDK 10 modules): byte[] first, info', () => {
  const [f] = runRule(classHistogram, { 'histo.txt': wild('jmap-histo-live-graylog-modules', 'histo.txt') });
  assert.equal(f.severity, 'info');
  assert.equal(f.facts?.topClass, 'byte[]');
  assert.equal(f.facts?.topClassBytes, 165611968);
  assert.match(f.summary, /cut before its Total line/);
});

test('a JDK 7 histogram of a tiny JVM: info only', () => {
  const [f] = runRule(classHistogram, { 'histogram.txt': wild('class-histogram-jdk7-hazelcast', 'histogram.txt') });
  assert.equal(f.severity, 'info');
  assert.equal(f.facts?.topClass, '<methodKlass>');
});

test('two histograms of one JVM: the class that grows is a warning', () => {
  const h = (strings: number) => ` num     #instances         #bytes  class name (module)\n-------------------------------------------------------\n   1:      ${strings}     ${strings * 24}  java.lang.String (java.base@17)\n   2:         100          4000  java.lang.Object (java.base@17)\nTotal      ${strings + 100}     ${strings * 24 + 4000}\n`;
  const [f] = runRule(classHistogram, { 'histo-1.txt': h(1000), 'histo-2.txt': h(20_000_000) });
  assert.equal(f.severity, 'warning');
  assert.match(f.title, /java\.lang\.String grew by 458 MB/);
});
