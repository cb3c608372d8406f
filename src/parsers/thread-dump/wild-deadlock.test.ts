// Deadlock reports pasted on their own (fixtures/wild/, real issues): no "Full thread dump" before
// them, Markdown around them (headings, fences, indentation, <pre>), jstack -F's Monitor@ form, chains
// that start with threads blocked behind the cycle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadDumpParser } from './parse.js';
import { PARSERS } from '../../evidence/parser-registry.js';
import type { TextKind } from '../../model/kinds.js';
import { parseEveryWay } from '../testing.js';
import { splitCycle } from '../../rules/thread-deadlock.js';
import { repoRoot } from '../../util/repo-root.js';

function read(name: string): string {
  return readFileSync(join(repoRoot(), 'fixtures', 'wild', name, 'jstack.txt'), 'utf8');
}

const CASES: [string, string[], string[], string][] = [
  ['deadlock-section-markdown-newrelic', ['ajp-bio-18009-exec-377', 'ajp-bio-18009-exec-386'], ['ajp-bio-18009-exec-1189', 'ajp-bio-18009-exec-1021'], 'org.apache.jasper.servlet.JspServletWrapper'],
  ['deadlock-section-aprof', ['ZipFileCache Dispose', 'AWT-EventQueue-0'], [], 'com.devexperts.aprof.transformer.ClassInfoCache'],
  ['deadlock-section-dolphinscheduler', ['TaskLogInfo-544612_5942967', 'Worker-Execute-Thread'], ['DolphinScheduler connection adder'], 'java.util.Properties'],
  ['deadlock-indented-glowroot', ['Glowroot-Aggregate-Processing', 'Glowroot-Gauge-Flushing'], [], 'org.glowroot.agent.util.RateLimitedLogger'],
  ['deadlock-pre-traccar', ['New I/O worker #7', 'Hashed wheel timer #1'], ['qtp29252998-962', 'qtp29252998-35'], 'java.util.HashMap'],
  ['deadlock-leading-space-jajuk', ['Thread-80', 'AWT-EventQueue-1'], ['Thread-88'], 'org.jajuk.base.ObserverRegistry'],
];

for (const [name, cycle, behind, firstLock] of CASES) {
  test(`pasted deadlock report: ${name}`, () => {
    const text = read(name);
    const best = (Object.keys(PARSERS) as TextKind[]).map((k) => ({ k, s: PARSERS[k]!.sniff('jstack.txt', text) })).sort((a, b) => b.s - a.s)[0];
    assert.equal(best.k, 'thread-dump', 'sniffed as a thread dump');
    const r = parseEveryWay(threadDumpParser, text)!;
    assert.equal(r.dumps.length, 1);
    const [dl] = r.dumps[0].deadlocks;
    assert.equal(r.dumps[0].deadlocks.length, 1);
    assert.equal(dl.participants[0].className, firstLock);
    assert.ok(dl.participants.every((p) => p.heldBy), 'every participant names its owner');
    assert.deepEqual(splitCycle(dl), { cycle, behind });
  });
}
