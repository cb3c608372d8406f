import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Collection, ttySteps } from './engine.js';
import { runCommand } from './runner.js';

test('a step that overruns its timeout is recorded as timeout; the others still run', async () => {
  const c = new Collection(runCommand);
  await c.step('slow', 50, () => new Promise((r) => setTimeout(r, 1000)));
  await c.step('fast', 1000, async (s) => { s.add('x.txt', 'x'); });
  assert.equal(c.steps[0].status, 'timeout');
  assert.match(c.steps[0].reason!, /within 50 ms/);
  assert.deepEqual(c.notGathered.map((n) => n.what), ['slow']);
  assert.equal(c.steps[1].status, 'ok');
  assert.deepEqual(c.steps[1].files, ['x.txt']);
});

test('an outside command is killed at its timeout, capped at its byte limit, and a missing tool is named', async () => {
  const slow = await runCommand('sleep', ['5'], { timeoutMs: 100 });
  assert.equal(slow.timedOut, true);
  assert.ok(slow.durationMs < 3000);
  const big = await runCommand('head', ['-c', '100000', '/dev/zero'], { maxBytes: 1000 });
  assert.equal(big.stdout.length, 1000);
  assert.equal(big.truncated, true);
  const none = await runCommand('no-such-tool-jvmdoctor', []);
  assert.match(none.spawnError!, /not installed/);
  const c = new Collection(runCommand);
  await c.step('tool', 1000, async (s) => { s.ran('no-such-tool-jvmdoctor', [], none); });
  assert.equal(c.steps[0].status, 'failed');
  assert.match(c.steps[0].reason!, /no-such-tool-jvmdoctor: not installed/);
});

test('a progress line per step on a TTY', () => {
  let out = '';
  const p = ttySteps({ write: (s: string) => { out += s; return true; }, columns: 100 } as unknown as NodeJS.WriteStream);
  p.start('hsperfdata');
  p.end({ step: 'hsperfdata', status: 'ok', files: [], startedAt: '', durationMs: 12 });
  p.end({ step: 'attach', status: 'failed', files: [], startedAt: '', durationMs: 3, reason: 'DisableAttachMechanism' });
  assert.match(out, /✔  1 hsperfdata \(12 ms\)\n/);
  assert.match(out, /✘  2 attach \(3 ms\) — DisableAttachMechanism\n/);
});
