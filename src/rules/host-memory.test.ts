import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostMemory } from './host-memory.js';
import { runRule } from './testing.js';

const GB = 1024 ** 3;

test('fires as info when the host has memory available (seed free -h)', () => {
  const [f] = runRule(hostMemory, {
    'free.txt': `              total        used        free      shared  buff/cache   available
Mem:            31G         15G        7.4G         35M        8.0G         14G
Swap:          2.0G          0B        2.0G
`,
  });
  assert.equal(f.severity, 'info');
  assert.equal(f.title, 'The host is not out of memory');
  assert.equal(f.facts?.hostAvailableBytes, 14 * GB);
  assert.deepEqual(f.evidence.map((e) => e.line), [2, 3]);
});

test('warns when little is available and swap is in use (old procps, -/+ buffers/cache)', () => {
  const [f] = runRule(hostMemory, {
    'free-m.txt': `             total       used       free     shared    buffers     cached
Mem:         16000      15800        200          0         50        150
-/+ buffers/cache:      15600        400
Swap:         4000       3000       1000
`,
  });
  assert.equal(f.severity, 'warning');
  assert.match(f.summary, /400 MB of 15\.6 GB is available/);
});

test('falls back to top\'s summary, and says nothing without host evidence', () => {
  const [f] = runRule(hostMemory, {
    'top.txt': `top - 09:15:10 up 21 days, 22:59,  1 user,  load average: 0.16, 0.23, 0.21
Tasks: 303 total,   1 running, 302 sleeping,   0 stopped,   0 zombie
%Cpu(s):  0.5 us,  3.4 sy,  0.0 ni, 96.1 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st
KiB Mem : 32778416 total,  7825416 free, 16587464 used,  8365536 buff/cache
KiB Swap:  2097148 total,  2097148 free,        0 used. 15711900 avail Mem

  PID USER      PR  NI    VIRT    RES    SHR S  %CPU %MEM     TIME+ COMMAND
30164 root      20   0   15.4g   7.6g  18000 S   3.2 24.3 540:05.34 java
`,
  });
  assert.equal(f.severity, 'info');
  assert.equal(f.facts?.hostAvailableBytes, 15711900 * 1024);
  assert.match(f.summary, /The JVM holds 7\.6 GB resident/);
  assert.deepEqual(runRule(hostMemory, { 'java-version.txt': 'openjdk version "17.0.15" 2025-04-15\n' }), []);
});
