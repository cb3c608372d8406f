import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { javaVersionParser, splitJavaVersion } from './parse.js';
import { parseEveryWay } from '../testing.js';

const SEED = `java version "1.8.0_202"
Java(TM) SE Runtime Environment (build 1.8.0_202-b08)
Java HotSpot(TM) 64-Bit Server VM (build 25.202-b08, mixed mode)
`;

test('reads the seed JDK 8 version', () => {
  const r = parseEveryWay(javaVersionParser, SEED)!;
  assert.equal(r.version.value, '1.8.0_202');
  assert.equal(r.feature, 8);
  assert.equal(r.update, 202);
  assert.equal(r.flavor, 'java');
  assert.equal(r.is64Bit, true);
  assert.equal(r.vm?.line, 3);
  assert.ok(javaVersionParser.sniff('java-version.txt', SEED) > 0.9);
});

test('reads the real java -version of this machine', () => {
  let out: string;
  try {
    out = execFileSync('java', ['-version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return; // no JDK: covered by the seed test
  }
  // java -version writes to stderr; execFileSync returns stdout, so run it through a shell redirect instead.
  out = execFileSync('sh', ['-c', 'java -version 2>&1'], { encoding: 'utf8' });
  const r = parseEveryWay(javaVersionParser, out)!;
  assert.ok(r.feature >= 8, `feature from ${JSON.stringify(out)}`);
  assert.equal(r.flavor, 'openjdk');
});

test('version strings', () => {
  assert.deepEqual(splitJavaVersion('1.8.0_202'), { feature: 8, update: 202 });
  assert.deepEqual(splitJavaVersion('17.0.15'), { feature: 17, update: 15 });
  assert.deepEqual(splitJavaVersion('21'), { feature: 21, update: undefined });
  assert.deepEqual(splitJavaVersion('1.7.0'), { feature: 7, update: undefined });
});

test('does not claim a log that mentions a version', () => {
  const log = Array.from({ length: 30 }, (_, i) => `2023-01-01 INFO line ${i}`).join('\n') + '\njava version "1.8.0_202"\n';
  assert.ok(javaVersionParser.sniff('catalina.out', log) < 0.5);
  assert.equal(javaVersionParser.sniff('x.txt', 'hello'), 0);
});
