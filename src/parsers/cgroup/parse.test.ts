import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cgroupParser, oomKills } from './parse.js';
import { parseEveryWay } from '../testing.js';
import { PARSERS } from '../../evidence/parser-registry.js';
import type { TextKind } from '../../model/kinds.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'cgroup');
const read = (p: string) => readFileSync(join(FIXTURES, p), 'utf8');
const GB = 1024 ** 3;

function best(name: string, text: string): TextKind {
  return (Object.keys(PARSERS) as TextKind[]).map((k) => ({ k, s: PARSERS[k]!.sniff(name, text) })).sort((a, b) => b.s - a.s)[0].k;
}

test('every file of a real cgroup v1 folder copy is claimed by the cgroup parser under its own name', () => {
  for (const f of readdirSync(join(FIXTURES, 'v1-host'))) assert.equal(best(f, read(`v1-host/${f}`)), 'cgroup', f);
  const limit = parseEveryWay(cgroupParser, read('v1-host/memory.limit_in_bytes'), { name: 'memory.limit_in_bytes' })!;
  assert.equal(limit.version, 1);
  assert.equal(limit.limitBytes?.value, null, '9223372036854771712 is v1 for "no limit"');
  const usage = parseEveryWay(cgroupParser, read('v1-host/memory.usage_in_bytes'), { name: 'memory.usage_in_bytes' })!;
  assert.equal(usage.usageBytes?.value, Number(read('v1-host/memory.usage_in_bytes').trim()));
  const oom = parseEveryWay(cgroupParser, read('v1-host/memory.oom_control'), { name: 'memory.oom_control' })!;
  assert.equal(oomKills(oom), 0);
  assert.equal(oom.events.under_oom.value, 0);
  const stat = parseEveryWay(cgroupParser, read('v1-host/memory.stat'), { name: 'memory.stat' })!;
  assert.equal(stat.version, 1);
  assert.equal(stat.stat.rss.value, Number(/^rss (\d+)$/m.exec(read('v1-host/memory.stat'))![1]));
  assert.equal(stat.limitBytes?.value, null, 'hierarchical_memory_limit unlimited');
});

test('cgroup v2: memory.max, "max" as unlimited, memory.events oom_kill, memory.stat by content alone', () => {
  const max = parseEveryWay(cgroupParser, read('v2-oom-killed/memory.max'), { name: 'memory.max' })!;
  assert.equal(max.version, 2);
  assert.equal(max.limitBytes?.value, 2 * GB);
  const high = parseEveryWay(cgroupParser, read('v2-oom-killed/memory.high'), { name: 'memory.high' })!;
  assert.equal(high.highBytes?.value, null);
  const events = read('v2-oom-killed/memory.events');
  assert.equal(best('evidence.txt', events), 'cgroup', 'memory.events is recognisable without its name');
  assert.equal(oomKills(parseEveryWay(cgroupParser, events)!), 4);
  const stat = read('v2-oom-killed/memory.stat');
  assert.equal(best('evidence.txt', stat), 'cgroup');
  const s = parseEveryWay(cgroupParser, stat)!;
  assert.equal(s.version, 2);
  assert.equal(s.stat.anon.value, 1952403456);
  // One number without a name means nothing: not claimed.
  assert.equal(cgroupParser.sniff('evidence.txt', '2147483648\n'), 0);
});

test('grep . memory.* and head memory.* name each file; a cat of several files follows the command', () => {
  const g = parseEveryWay(cgroupParser, read('grep-v2.txt'))!;
  assert.equal(g.limitBytes?.value, 1.5 * GB);
  assert.equal(g.usageBytes?.value, GB);
  assert.equal(g.swapLimitBytes?.value, 0);
  assert.equal(oomKills(g), 0);
  assert.deepEqual(g.files, ['memory.current', 'memory.events', 'memory.high', 'memory.max', 'memory.swap.max']);
  const head = '==> /sys/fs/cgroup/memory.max <==\n1073741824\n\n==> /sys/fs/cgroup/memory.events <==\nlow 0\nhigh 0\nmax 7\noom 1\noom_kill 1\noom_group_kill 0\n';
  assert.ok(cgroupParser.sniff('out.txt', head) > 0.9);
  const h = parseEveryWay(cgroupParser, head)!;
  assert.equal(h.limitBytes?.value, GB);
  assert.equal(oomKills(h), 1);
  const cat = parseEveryWay(cgroupParser, '536870912\n402653184\n', { command: 'cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory.current' })!;
  assert.equal(cat.limitBytes?.value, 512 * 1024 ** 2);
  assert.equal(cat.usageBytes?.value, 384 * 1024 ** 2);
  assert.equal(parseEveryWay(cgroupParser, 'hello\n', { name: 'memory.max' }), undefined);
});
