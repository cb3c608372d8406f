import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadDeadlock } from './thread-deadlock.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

// A real JDK 17 `jstack -l` of ThreadLeakDemo: a monitor deadlock and a ReentrantLock deadlock.
const fixture = (name: string) => readFileSync(join(repoRoot(), 'fixtures', 'thread-dump', name), 'utf8');
const deadlocks = fixture('jdk17-small-deadlocks.jstack-l.txt');

test('fires critical for each deadlock cycle, naming threads, locks and the code that waits', () => {
  const findings = runRule(threadDeadlock, { 'jstack.txt': deadlocks });
  assert.equal(findings.length, 2);
  const [monitor, ownable] = findings;
  assert.equal(monitor.severity, 'critical');
  assert.equal(monitor.title, 'Deadlock between 2 threads: "deadlock-A", "deadlock-B"');
  assert.match(monitor.summary, /"deadlock-A" waits for java\.lang\.Object <0x[0-9a-f]+> held by "deadlock-B", at ThreadLeakDemo\.lockBoth\(ThreadLeakDemo\.java:\d+\)/);
  assert.equal(monitor.facts?.lockKind, 'monitors (synchronized)');
  assert.equal(ownable.facts?.lockKind, 'java.util.concurrent locks');
  assert.match(ownable.summary, /ReentrantLock\$NonfairSync/);
  // Evidence: the "Found one Java-level deadlock:" line, each participant, each thread's waiting line.
  const lines = deadlocks.split('\n');
  for (const e of monitor.evidence) assert.ok(lines[e.line! - 1].includes(e.excerpt.replace(/^"[^"]+" waiting to lock /, '').split(' ')[0].replace(/^"|"$/g, '')), e.excerpt);
  assert.equal(monitor.evidence[0].excerpt, 'Found one Java-level deadlock:');
  assert.equal(lines[monitor.evidence[0].line! - 1], 'Found one Java-level deadlock:');
});

test('the same deadlock in two dumps of one JVM is one finding, seen twice', () => {
  const findings = runRule(threadDeadlock, { 'first.txt': deadlocks, 'second.txt': deadlocks });
  assert.equal(findings.length, 2);
  assert.equal(findings[0].facts?.dumpsWithDeadlock, 2);
  assert.match(findings[0].summary, /Seen in 2 of 2 dumps/);
});

test('does not fire without a deadlock', () => {
  assert.deepEqual(runRule(threadDeadlock, { 'jstack.txt': fixture('jdk17-idle.jstack.txt') }), []);
});
