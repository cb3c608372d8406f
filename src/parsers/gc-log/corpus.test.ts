// The shared third-party GC-log corpus (../shared/corpus/gclogs: GCViewer's and garbagecat's test logs,
// INDEX.tsv lists origin and licence): every log is sniffed as a GC log by the real pipeline, parses
// the same whole and in tiny chunks, holds no GC-looking line the parser could not read, and every line
// it calls "not GC output" is one of the tolerated kinds listed here. Then the facts each log is known
// for (the collector, the failure garbagecat/GCViewer keep it for). Skipped when the corpus is absent.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedCorpus } from '../../../test/support.js';
import { parseEveryWay } from '../testing.js';
import { gcLogParser } from './parse.js';
import { detectTextKind } from '../../evidence/detect.js';
import { EVENT_FLAG, KIND_CODE } from '../../knowledge/gc-events.js';
import type { GcLogReport } from './types.js';

const corpus = sharedCorpus();
const dir = corpus && join(corpus, 'gclogs');

/** Non-GC lines a GC log may hold; anything else the parser sets aside fails the test. */
const TOLERATED: { what: string; re: RegExp }[] = [
  { what: 'application stdout interleaved before an event on the same line', re: /^[^\[\]]*$/ },
];

function files(): string[] {
  if (!dir || !existsSync(join(dir, 'INDEX.tsv'))) return [];
  return readFileSync(join(dir, 'INDEX.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0]);
}

const parsed = new Map<string, GcLogReport>();
function read(rel: string): GcLogReport {
  let r = parsed.get(rel);
  if (!r) {
    const bytes = readFileSync(join(dir!, rel));
    r = parseEveryWay(gcLogParser, bytes);
    assert.ok(r, `${rel} parses`);
    parsed.set(rel, r);
  }
  return r;
}

test('corpus: every GC log is sniffed as one, parses every way, with no unrecognised GC line', (t) => {
  const list = files();
  if (list.length === 0) return t.skip('../shared/corpus/gclogs absent (set JVMDOCTOR_SHARED to the shared folder)');
  assert.ok(list.length >= 30, `INDEX.tsv lists ${list.length} logs`);
  for (const rel of list) {
    const text = readFileSync(join(dir!, rel), 'utf8');
    assert.equal(detectTextKind(rel.split('/').pop()!, text.slice(0, 64 * 1024)).kind, 'gc-log', `${rel} is sniffed as a GC log`);
    const r = read(rel);
    assert.deepEqual(r.unrecognised, [], `${rel}: no unrecognised GC lines`);
    for (const o of r.otherLines) {
      assert.ok(TOLERATED.some((k) => k.re.test(o.text)), `${rel}:${o.line} is set aside as non-GC output but is none of the tolerated kinds: ${o.text}`);
    }
    assert.ok(r.counts.events + r.counts.details > 0, `${rel}: GC content read`);
  }
});

function run0(rel: string) {
  return read(rel).runs[0];
}

function countFlag(r: GcLogReport, flag: number): number {
  let n = 0;
  for (const run of r.runs) for (let i = 0; i < run.events.count; i++) if (run.events.flags[i] & flag) n++;
  return n;
}

function countKind(r: GcLogReport, kind: number): number {
  let n = 0;
  for (const run of r.runs) for (let i = 0; i < run.events.count; i++) if (run.events.kind[i] === kind) n++;
  return n;
}

test('corpus: collectors, versions and headers', (t) => {
  if (files().length === 0) return t.skip('../shared/corpus/gclogs absent');
  const expect: [string, string, string?][] = [
    ['garbagecat/dataset101.txt', 'Serial'],
    ['garbagecat/dataset115.txt', 'CMS', '1.8.0_91-b14'],
    ['garbagecat/dataset145.txt', 'G1'],
    ['garbagecat/dataset236.txt', 'Shenandoah', '17.0.10+7-LTS'],
    ['garbagecat/dataset241.txt', 'ZGC', '17.0.1+12-LTS'],
    ['garbagecat/dataset243.txt', 'ZGC', '21.0.2+13-LTS'],
    ['garbagecat/dataset28.txt', 'Parallel'],
    ['garbagecat/dataset283.txt', 'G1', '17.0.10+7-LTS'],
    ['gcviewer/openjdk/SampleOpenJdk1_8_0-332.txt', 'Shenandoah'],
    ['gcviewer/openjdk/SampleSun1_8_0G1PrintGCID.txt', 'G1', '1.8.0_342-b07'],
    ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-cms-gc-defaults.txt', 'CMS'],
    ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-parallel-gc-defaults.txt', 'Parallel'],
    ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-serial-gc-defaults.txt', 'Serial'],
    ['gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-default.txt', 'ZGC'],
    ['gcviewer/openjdk/unified-jvm-logging/SampleShenandoahSingleSystemGC.txt', 'Shenandoah'],
  ];
  for (const [rel, collector, version] of expect) {
    const r = run0(rel);
    assert.equal(r.collector, collector, `${rel} collector`);
    if (version) assert.equal(r.jvmVersion, version, `${rel} version`);
  }
  const cms = run0('garbagecat/dataset115.txt');
  assert.ok(cms.flags.includes('-XX:+UseConcMarkSweepGC'));
  assert.equal(cms.heapMaxBytes, 7864320000);
  assert.equal(cms.memoryBytes, 131733088 * 1024);
  const zgc = run0('garbagecat/dataset241.txt');
  assert.ok(zgc.cpus && zgc.memoryBytes, 'ZGC gc,init CPUs and memory');
});

test('corpus: the failures each log is kept for', (t) => {
  if (files().length === 0) return t.skip('../shared/corpus/gclogs absent');
  assert.ok(countFlag(read('garbagecat/dataset115.txt'), EVENT_FLAG.promotionFailed) >= 1, 'CMS promotion failed');
  assert.ok(countFlag(read('gcviewer/openjdk/SampleSun1_5_0ConcurrentModeFailure.txt'), EVENT_FLAG.concurrentModeFailure) >= 3, 'concurrent mode failures');
  assert.ok(countFlag(read('gcviewer/openjdk/SampleSun1_7_0CMS_PrintTenuringDistributionPromotionFailure.txt'), EVENT_FLAG.promotionFailed) === 1);
  assert.ok(countFlag(read('gcviewer/openjdk/unified-jvm-logging/sample-ujl-g1-gc-all,safepoint,os+cpu-to-space-exhausted.txt'), EVENT_FLAG.toSpaceExhausted) >= 1, 'G1 to-space exhausted');
  assert.ok(countFlag(read('garbagecat/dataset76.txt'), EVENT_FLAG.metaspace) >= 1, 'Metadata GC Threshold');
  assert.ok(countFlag(read('garbagecat/dataset74.txt'), EVENT_FLAG.metaspace) >= 1, 'Last ditch collection');
  assert.ok(countFlag(read('garbagecat/dataset28.txt'), EVENT_FLAG.gcTimeLimit) === 1, 'GC time limit');
  assert.ok(countFlag(read('garbagecat/dataset269.txt'), EVENT_FLAG.humongous) >= 1, 'G1 humongous allocation');
  assert.ok(run0('garbagecat/dataset288.txt').metaspaceOomLines.length === 1, 'Metaspace allocation failed');
  assert.ok(run0('gcviewer/openjdk/unified-jvm-logging/sample-ujl-zgc-gc-other.txt').stalls.count >= 5, 'ZGC allocation stalls');
  assert.ok(countKind(read('gcviewer/openjdk/SampleOpenJdk1_8_0-332.txt'), KIND_CODE.degenerated) >= 1, 'Shenandoah degenerated GC');
  assert.ok(run0('garbagecat/dataset243.txt').safepoints.count > 100, 'JDK 21 safepoint lines');
});

test('corpus: numbers read as printed (decimal commas, G1 detail block, nested CMS remark)', (t) => {
  if (files().length === 0) return t.skip('../shared/corpus/gclogs absent');
  const comma = run0('garbagecat/dataset101.txt');
  assert.equal(comma.events.durationMs[0], 36.058);
  assert.equal(comma.events.heapBefore[0], 68160 * 1024);
  assert.equal(comma.events.heapCapacity[0], 3137216 * 1024);
  const g1 = run0('gcviewer/openjdk/SampleSun1_8_0G1HumongousMixed.txt');
  assert.equal(g1.events.durationMs[0], 47.0136);
  assert.equal(g1.events.heapCapacity[0], 32 * 1024 ** 3);
  assert.equal(g1.events.user[0], Math.fround(0.26));
  const remark = read('gcviewer/openjdk/SampleSun1_8_0CMS_ScavengeBeforeRemark_HeapAtGc.txt');
  assert.equal(countKind(remark, KIND_CODE.remark), 1);
  assert.equal(countKind(remark, KIND_CODE.young), 1);
  const shenComma = run0('gcviewer/openjdk/unified-jvm-logging/SampleShenandoahSingleSystemGC.txt');
  assert.equal(shenComma.events.durationMs[0], 6.572);
  assert.equal(shenComma.causes[shenComma.events.cause[0]], 'System.gc()');
  assert.equal(shenComma.safepoints.count, 1);
});
