import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJavacppBytes, resolveJvmFlags } from './flags.js';
import { jvmOptionsParser } from '../parsers/jvm-options/parse.js';
import { parseText } from '../parsers/parser.js';
import type { Sourced } from '../parsers/parser.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'jvm-options');
const opts = (...values: string[]): Sourced<string>[] => values.map((value, i) => ({ value, line: i + 1, text: value }));
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

test('the seed catalina.sh on Java 8: 4 GB heap, 512 MB initial, MaxPermSize ignored (use MaxMetaspaceSize)', () => {
  const report = parseText(jvmOptionsParser, readFileSync(join(FIXTURES, 'seed-catalina-grep.txt'), 'utf8'));
  const r = resolveJvmFlags(report.options, 8);
  assert.equal(r.maxHeapBytes?.value, 4096 * MiB);
  assert.equal(r.maxHeapBytes?.option.line, 2);
  assert.equal(r.initialHeapBytes?.value, 512 * MiB);
  assert.equal(r.maxPermBytes?.value, 256 * MiB);
  assert.equal(r.maxMetaspaceBytes, undefined);
  assert.deepEqual(r.warnings.map((w) => [w.flag, w.status, w.since, w.replacement]), [['MaxPermSize', 'ignored', 8, '-XX:MaxMetaspaceSize=256m']]);
  const on17 = resolveJvmFlags(report.options, 17);
  assert.equal(on17.warnings[0].status, 'fatal');
  assert.equal(resolveJvmFlags(report.options, 7).warnings.length, 0, 'PermGen still exists on Java 7');
  assert.equal(resolveJvmFlags(report.options).warnings.length, 0, 'no version, no lifecycle verdicts');
});

test('agrees with what a real JDK 17 JVM reported for its own command line (jcmd VM.command_line vs VM.flags)', () => {
  const cmd = parseText(jvmOptionsParser, readFileSync(join(FIXTURES, 'jdk17-jcmd-vm-command-line.txt'), 'utf8'));
  const flags = parseText(jvmOptionsParser, readFileSync(join(FIXTURES, 'jdk17-jcmd-vm-flags.txt'), 'utf8'));
  const fromCmd = resolveJvmFlags(cmd.options, 17);
  const fromJvm = resolveJvmFlags(flags.options, 17);
  assert.equal(fromCmd.maxHeapBytes?.value, fromJvm.maxHeapBytes?.value);
  assert.equal(fromCmd.initialHeapBytes?.value, fromJvm.initialHeapBytes?.value);
  assert.equal(fromCmd.threadStackBytes?.value, fromJvm.threadStackBytes?.value, '-Xss512k = ThreadStackSize=512 (KB)');
  assert.equal(fromCmd.maxMetaspaceBytes?.value, fromJvm.maxMetaspaceBytes?.value);
  assert.equal(fromCmd.gc?.value, 'Parallel');
  assert.equal(fromJvm.gc?.value, 'Parallel');
  assert.equal(fromCmd.systemProperties['app.name']?.value, 'churn');
  assert.deepEqual(fromCmd.warnings, []);
  assert.ok(fromJvm.reservedCodeCacheBytes!.value > 0);
});

test('last one wins, and says what it overrode; -Xmn sets both young sizes; units k/m/g/t', () => {
  const r = resolveJvmFlags(opts('-Xmx2g', '-XX:MaxHeapSize=1t', '-Xmx512M', '-Xmn256m', '-Xss1024k', '-XX:NewRatio=3', '-XX:SurvivorRatio=6', '-XX:MaxRAMPercentage=75.0', '-XX:MaxDirectMemorySize=1G', '-XX:ReservedCodeCacheSize=512m'));
  assert.equal(r.maxHeapBytes?.value, 512 * MiB);
  assert.deepEqual(r.maxHeapBytes?.overridden.map((o) => o.value), ['-Xmx2g', '-XX:MaxHeapSize=1t']);
  assert.equal(r.newSizeBytes?.value, 256 * MiB);
  assert.equal(r.maxNewSizeBytes?.value, 256 * MiB);
  assert.equal(r.threadStackBytes?.value, MiB);
  assert.equal(r.newRatio?.value, 3);
  assert.equal(r.survivorRatio?.value, 6);
  assert.equal(r.maxRamPercentage?.value, 75);
  assert.equal(r.maxDirectMemoryBytes?.value, GiB);
  assert.equal(r.reservedCodeCacheBytes?.value, 512 * MiB);
  const bad = resolveJvmFlags(opts('-Xmx4.5g', '-XX:NewRatio=two'));
  assert.equal(bad.maxHeapBytes, undefined);
  assert.deepEqual(bad.warnings.map((w) => w.status), ['invalid', 'invalid']);
});

test('-XX:ThreadStackSize counts in KB, even with a suffix (verified on JDK 17: 1m → 1048576 KB)', () => {
  const r = resolveJvmFlags(opts('-XX:ThreadStackSize=1m'));
  assert.equal(r.threadStackBytes?.value, GiB);
  assert.equal(r.warnings[0].status, 'suspicious');
  assert.equal(r.warnings[0].replacement, '-Xss1m');
  assert.equal(resolveJvmFlags(opts('-XX:ThreadStackSize=256')).threadStackBytes?.value, 256 * 1024);
});

test('JavaCPP limits: its own parseBytes, camelCase beats lower-case whatever the order, % of maxMemory', () => {
  assert.deepEqual(parseJavacppBytes('8g'), { bytes: 8 * GiB });
  assert.deepEqual(parseJavacppBytes('6GB'), { bytes: 6 * GiB });
  assert.deepEqual(parseJavacppBytes('512 mb'), { bytes: 512 * MiB });
  assert.deepEqual(parseJavacppBytes('0'), { bytes: 0 });
  assert.deepEqual(parseJavacppBytes('150%'), { percentOfMaxMemory: 150 });
  assert.equal(parseJavacppBytes('1.5g'), undefined);
  assert.equal(parseJavacppBytes('8GiB'), undefined);
  const r = resolveJvmFlags(opts('-Dorg.bytedeco.javacpp.maxPhysicalBytes=6g', '-Dorg.bytedeco.javacpp.maxphysicalbytes=2g', '-Dorg.bytedeco.javacpp.maxbytes=1g'));
  assert.deepEqual(r.javacpp.maxPhysicalBytes?.value, { bytes: 6 * GiB });
  assert.equal(r.javacpp.maxPhysicalBytes?.option.line, 1);
  assert.deepEqual(r.javacpp.maxPhysicalBytes?.overridden.map((o) => o.line), [2]);
  assert.deepEqual(r.javacpp.maxBytes?.value, { bytes: GiB });
  const bad = resolveJvmFlags(opts('-Dorg.bytedeco.javacpp.maxPhysicalBytes=7.5g'));
  assert.equal(bad.javacpp.maxPhysicalBytes, undefined);
  assert.equal(bad.warnings[0].status, 'invalid');
  assert.equal(resolveJvmFlags(opts('-Dorg.bytedeco.javacpp.maxBytes=')).javacpp.maxBytes, undefined, 'empty = default');
  assert.equal(resolveJvmFlags(opts('-Dio.netty.maxDirectMemory=0')).nettyMaxDirectMemory?.value, 0);
});

test('collectors: the selection, conflicts, CMS/ParallelOld retirement, experimental ZGC', () => {
  assert.equal(resolveJvmFlags(opts('-XX:+UseG1GC')).gc?.value, 'G1');
  const conflict = resolveJvmFlags(opts('-XX:+UseG1GC', '-XX:+UseParallelGC'), 17);
  assert.ok(conflict.warnings.some((w) => w.status === 'fatal' && /Multiple garbage collectors/.test(w.message)));
  const cms8 = resolveJvmFlags(opts('-XX:+UseConcMarkSweepGC', '-XX:+UseParNewGC', '-XX:CMSInitiatingOccupancyFraction=70'), 8);
  assert.deepEqual(cms8.warnings, [], 'CMS with ParNew is one collector on Java 8');
  const cms11 = resolveJvmFlags(opts('-XX:+UseConcMarkSweepGC'), 11);
  assert.equal(cms11.warnings[0].status, 'deprecated');
  assert.equal(resolveJvmFlags(opts('-XX:+UseConcMarkSweepGC'), 14).warnings[0].status, 'ignored');
  const cms17 = resolveJvmFlags(opts('-XX:+UseConcMarkSweepGC', '-XX:CMSInitiatingOccupancyFraction=70'), 17);
  assert.deepEqual(cms17.warnings.map((w) => [w.flag, w.status]), [['UseConcMarkSweepGC', 'fatal'], ['CMSInitiatingOccupancyFraction', 'fatal']]);
  assert.equal(resolveJvmFlags(opts('-XX:+UseParallelOldGC'), 17).warnings[0].replacement, '-XX:+UseParallelGC');
  assert.equal(resolveJvmFlags(opts('-XX:+UseZGC'), 11).warnings[0].status, 'fatal');
  assert.deepEqual(resolveJvmFlags(opts('-XX:+UnlockExperimentalVMOptions', '-XX:+UseZGC'), 11).warnings, []);
  assert.deepEqual(resolveJvmFlags(opts('-XX:+UseZGC'), 17).warnings, []);
});

test('GC logging and other retired flags per release; booleans and raw -XX values are all kept', () => {
  const r = resolveJvmFlags(opts('-XX:+PrintGCDetails', '-XX:+PrintGCDateStamps', '-XX:MaxRAMFraction=2', '-XX:+HeapDumpOnOutOfMemoryError', '-XX:-HeapDumpOnOutOfMemoryError', '-XX:NativeMemoryTracking=summary'), 11);
  assert.deepEqual(r.warnings.map((w) => [w.flag, w.status]), [['PrintGCDetails', 'deprecated'], ['PrintGCDateStamps', 'fatal'], ['MaxRAMFraction', 'deprecated']]);
  assert.equal(r.warnings[2].replacement, '-XX:MaxRAMPercentage=50');
  assert.equal(r.booleans.HeapDumpOnOutOfMemoryError.value, false);
  assert.equal(r.booleans.HeapDumpOnOutOfMemoryError.overridden.length, 1);
  assert.equal(r.nativeMemoryTracking?.value, 'summary');
  assert.equal(r.xx.MaxRAMFraction.value, '2');
  assert.deepEqual(resolveJvmFlags(opts('-XX:+PrintGCDateStamps'), 8).warnings, []);
});
