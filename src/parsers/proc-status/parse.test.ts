import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { procStatusParser } from './parse.js';
import { parseEveryWay } from '../testing.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'proc-status');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

test('a real JVM /proc/PID/status: sizes in bytes, thread count, every field kept', () => {
  const text = fixture('jdk17-proc-status.txt');
  assert.ok(procStatusParser.sniff('status', text) > 0.9);
  const r = parseEveryWay(procStatusParser, text);
  assert.equal(r.name?.value, 'java');
  assert.equal(r.state?.value, 'S');
  const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(text)![1]);
  assert.equal(r.vmRssBytes?.value, rssKb * 1024);
  assert.equal(r.vmRssBytes!.value, r.rssAnonBytes!.value + r.rssFileBytes!.value + r.rssShmemBytes!.value);
  assert.ok(r.vmHwmBytes!.value >= r.vmRssBytes!.value);
  assert.ok(r.vmPeakBytes!.value >= r.vmSizeBytes!.value);
  assert.equal(r.vmSwapBytes?.value, 0);
  assert.ok(r.threads!.value >= 10, 'a JVM has GC, compiler and VM threads besides main');
  assert.equal(r.pid?.value, Number(/^Pid:\s+(\d+)/m.exec(text)![1]));
  assert.equal(r.fields.Cpus_allowed_list.value, /Cpus_allowed_list:\s+(\S+)/.exec(text)![1]);
  assert.equal(r.fields.VmRSS.line, text.split('\n').findIndex((l) => l.startsWith('VmRSS:')) + 1);
  assert.equal(r.problem, undefined);
});

test('the seed grep line alone: Threads 363', () => {
  const text = fixture('seed-threads-grep.txt');
  assert.ok(procStatusParser.sniff('threads.txt', text) > 0.8);
  const r = parseEveryWay(procStatusParser, text);
  assert.equal(r.threads?.value, 363);
  assert.equal(r.threads?.line, 1);
  assert.equal(r.vmRssBytes, undefined);
});

test('a pasted command or a grep file prefix names the PID', () => {
  const r = parseEveryWay(procStatusParser, '[root@localhost ~]# cat /proc/30164/status | grep Threads\n' + fixture('seed-threads-grep.txt'));
  assert.equal(r.pid?.value, 30164);
  assert.equal(r.threads?.line, 2);
  assert.ok(procStatusParser.sniff('x.txt', '[root@localhost ~]# cat /proc/30164/status | grep Threads\nThreads:        363\n') > 0.8);
  const g = parseEveryWay(procStatusParser, '/proc/30164/status:VmRSS:\t 7969177 kB\n/proc/30164/status:Threads:\t363\n');
  assert.equal(g.pid?.value, 30164);
  assert.equal(g.vmRssBytes?.value, 7969177 * 1024);
});

test('does not claim YAML, meminfo or prose', () => {
  assert.equal(procStatusParser.sniff('a.yaml', 'Name: web\nState: running\n'), 0);
  assert.equal(procStatusParser.sniff('meminfo', 'MemTotal:       32778416 kB\nMemFree:         7825416 kB\n'), 0);
  assert.equal(procStatusParser.sniff('a.log', '2023-03-23 13:12:50 INFO Threads: 363 running\n'), 0);
  assert.ok(procStatusParser.sniff('status', 'hello') <= 0.5);
  const r = parseEveryWay(procStatusParser, 'hello\n');
  assert.match(r.problem ?? '', /no \/proc\/PID\/status fields/);
});
