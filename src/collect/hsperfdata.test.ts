// The hsperfdata reader against the JDK's own jstat on the same live JVM, and against bad files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { parsePerfData, formatJstat, jstatRow, text, PerfDataError } from './hsperfdata.js';
import { findHsperfdata } from './targets.js';
import { haveJdk, startIdleJvm, stopAll } from '../../test/collect-support.js';

after(stopAll);

const jstatTokens = (out: string) => out.trim().split('\n').map((l) => l.trim().split(/\s+/));

test('hsperfdata counters equal jstat -gccapacity and -gc of the same JVM', { skip: !haveJdk && 'no JDK on this machine (javac/jstat)' }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx64m', '-XX:+UseSerialGC'] });
  const file = await findHsperfdata(`/proc/${jvm.pid}/root`, jvm.pid);
  assert.ok(file, 'hsperfdata file of the JVM');
  const pd = parsePerfData(readFileSync(file!));
  assert.match(text(pd, 'sun.rt.javaCommand') ?? '', /^Idle 120/);
  assert.match(text(pd, 'java.property.java.vm.version') ?? '', /^17\./);
  // Capacities of an idle JVM are stable; read ours, then jstat, then ours again, and compare when ours did not move.
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = formatJstat([parsePerfData(readFileSync(file!))], 'gccapacity');
    const r = spawnSync('jstat', ['-gccapacity', String(jvm.pid)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const afterRead = formatJstat([parsePerfData(readFileSync(file!))], 'gccapacity');
    if (before !== afterRead) continue;
    const theirs = jstatTokens(r.stdout);
    const ours = jstatTokens(before);
    assert.deepEqual(ours[0], theirs[0], 'same columns');
    assert.deepEqual(ours[1], theirs[1], 'same numbers');
    assert.equal(ours[0].length, 19);
    // -gc: capacities and counts equal; used bytes move between reads, so compare the capacity columns.
    const gc = spawnSync('jstat', ['-gc', String(jvm.pid)], { encoding: 'utf8' });
    const ourGc = jstatTokens(formatJstat([parsePerfData(readFileSync(file!))], 'gc'));
    const theirGc = jstatTokens(gc.stdout);
    assert.deepEqual(ourGc[0], theirGc[0]);
    for (const col of ['S0C', 'S1C', 'EC', 'OC']) {
      const i = theirGc[0].indexOf(col);
      assert.equal(ourGc[1][i], theirGc[1][i], col);
    }
    assert.equal(theirGc[1][theirGc[0].indexOf('CGC')], '-', 'Serial has no concurrent collector');
    assert.equal(ourGc[1][ourGc[0].indexOf('CGC')], '-');
    return;
  }
  assert.fail('capacities kept moving between reads');
});

test('G1: the concurrent collector columns are numbers, as in jstat', { skip: !haveJdk && 'no JDK' }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx64m', '-XX:+UseG1GC'] });
  const file = (await findHsperfdata(`/proc/${jvm.pid}/root`, jvm.pid))!;
  const row = jstatRow(parsePerfData(readFileSync(file)), 'gccapacity');
  assert.equal(row.length, 19);
  assert.ok(row.every((v) => v !== undefined), 'G1 has every gccapacity counter');
  assert.equal(Math.round(row[7]!), 64 * 1024, 'OGCMX is -Xmx in KB');
});

test('bad hsperfdata files say what is wrong', () => {
  assert.throws(() => parsePerfData(new Uint8Array(10)), PerfDataError);
  assert.throws(() => parsePerfData(new Uint8Array(64)), /no CAFEC0C0 magic/);
  const wrongVersion = new Uint8Array(64);
  wrongVersion.set([0xca, 0xfe, 0xc0, 0xc0, 1, 1, 0]);
  assert.throws(() => parsePerfData(wrongVersion), /version 1\.0/);
});

test('a truncated hsperfdata file keeps the entries before the cut', { skip: !haveJdk && 'no JDK' }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx32m'] });
  const full = readFileSync((await findHsperfdata(`/proc/${jvm.pid}/root`, jvm.pid))!);
  const whole = parsePerfData(full);
  const cut = parsePerfData(full.subarray(0, 4096));
  assert.ok(cut.entries.size > 10 && cut.entries.size < whole.entries.size);
  assert.match(cut.problems[0], /truncated/);
});
