// Live: a JDK 17 JVM started with -XX:NativeMemoryTracking=summary, read through jcmd and /proc, then
// ingested as a user would hand the outputs over. The JVM is killed by its PID in t.after.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { haveJdk, compileJava } from '../../../test/java.js';
import { repoRoot, tempDir } from '../../../test/support.js';
import { nativeMemoryParser } from './parse.js';
import { smapsRollupParser } from '../smaps-rollup/parse.js';
import { parseEveryWay } from '../testing.js';
import { ingest } from '../../evidence/ingest.js';
import { diagnose } from '../../pipeline/diagnose.js';

const MB = 1024 * 1024;

test('live JDK 17: NMT summary, smaps_rollup and jstat of one JVM add up', { skip: !haveJdk && 'no JDK on this machine' }, async (t) => {
  const classes = compileJava([join(repoRoot(), 'fixtures', 'jstat', 'Grow.java')]);
  const child = spawn('java', ['-Xms64m', '-Xmx64m', '-Xss512k', '-XX:+UseSerialGC', '-XX:NativeMemoryTracking=summary', '-cp', classes, 'Grow'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid!;
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, 'SIGKILL');
    rmSync(classes, { recursive: true, force: true });
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Grow did not start in 20 s')), 20_000);
    child.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`Grow exited with ${code}`)));
  });
  const nmtText = spawnSync('jcmd', [String(pid), 'VM.native_memory', 'summary'], { encoding: 'utf8' }).stdout;
  const nmt = parseEveryWay(nativeMemoryParser, nmtText)!;
  assert.equal(nmt.pid, pid);
  const heap = nmt.categories.find((c) => c.name === 'Java Heap')!;
  assert.equal(heap.reservedBytes, 64 * MB, '-Xmx64m reserves 64 MB');
  assert.equal(heap.committedBytes, 64 * MB, '-Xms64m commits all of it');
  assert.ok(nmt.threads! >= 20 + 5, `20 workers plus VM threads, got ${nmt.threads}`);

  const smapsPath = `/proc/${pid}/smaps_rollup`;
  if (!existsSync(smapsPath)) return t.skip('no /proc/PID/smaps_rollup (Linux 4.14+)');
  const smapsText = readFileSync(smapsPath, 'utf8');
  const smaps = parseEveryWay(smapsRollupParser, smapsText)!;
  assert.ok(smaps.rssBytes!.value > 20 * MB && smaps.rssBytes!.value < 1024 * MB, `RSS ${smaps.rssBytes!.value}`);

  // Hand both to the pipeline as files, the way a user attaches them.
  const dir = tempDir();
  t.after(() => dir.cleanup());
  writeFileSync(join(dir.path, 'nmt.txt'), nmtText);
  writeFileSync(join(dir.path, 'smaps_rollup'), `$ cat /proc/${pid}/smaps_rollup\n${smapsText}`.replace(/^\$ .*\n/, ''));
  const { case: c } = await ingest([dir.path]);
  assert.deepEqual(c.items.map((i) => i.kind).sort(), ['native-memory', 'smaps-rollup']);
  const budget = diagnose(c).find((f) => f.ruleId === 'memory-budget');
  assert.ok(budget, 'a budget from NMT and RSS');
  assert.equal(budget.facts?.nmtCommittedBytes, nmt.total!.value.committedBytes);
  assert.equal(budget.facts?.rssBytes, smaps.rssBytes!.value);
});
