// A live JVM on this machine's JDK: ThreadLeakDemo with 3 pools of 50 threads named like a library's
// (Elasticsearch client, Netty event loops, 50 per-request executors) and two deadlocks. Its dumps —
// jcmd Thread.print, jstack, kill -3 into its own stdout (a log that keeps its dump) — go through the real pipeline (ingest, facts,
// rules). The JVM is killed by PID in t.after, whatever happens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../evidence/ingest.js';
import { deriveFacts } from '../../diagnosis/facts.js';
import { threadLeak } from '../../rules/thread-leak.js';
import { threadDeadlock } from '../../rules/thread-deadlock.js';
import { compileDemo, jdkAvailable, startDemo, type DemoJvm } from './demo-jvm.js';
import { tempDir } from '../../../test/support.js';

test('JDK: jcmd Thread.print, jstack and kill -3 of a leaking, deadlocked JVM', { timeout: 120_000 }, async (t) => {
  if (!jdkAvailable()) {
    t.skip('javac/java/jcmd/jstack absent (install openjdk-17-jdk-headless)');
    return;
  }
  const tmp = tempDir('jvmdoctor-threads-');
  let jvm: DemoJvm | undefined;
  t.after(() => {
    jvm?.stop();
    tmp.cleanup();
  });
  compileDemo(tmp.path);
  jvm = await startDemo(tmp.path, 50);

  const jcmdFile = join(tmp.path, 'jcmd-thread-print.txt');
  writeFileSync(jcmdFile, jvm.tool('jcmd', ['Thread.print']));
  await jvm.grow(40);
  const jstackFile = join(tmp.path, 'jstack.txt');
  writeFileSync(jstackFile, jvm.tool('jstack', []));
  await jvm.kill3();
  await jvm.log('org.apache.catalina.core.StandardServer.await A valid shutdown command was received');
  const catalinaOut = join(tmp.path, 'catalina.out');
  writeFileSync(catalinaOut, jvm.stdout());

  const { case: c } = await ingest([jcmdFile, jstackFile, catalinaOut]);
  assert.deepEqual(c.unused, []);
  const items = c.of('thread-dump');
  assert.deepEqual(items.map((i) => i.file), [jcmdFile, jstackFile]);
  // The catalina.out stays a log (its log lines are read) and carries the kill -3 dump printed into it.
  const logs = c.of('log');
  assert.deepEqual(logs.map((i) => [i.file, i.data.threadDumps?.length]), [[catalinaOut, 1]]);
  const [viaJcmd, viaJstack, viaKill3] = [...items.map((i) => i.data.dumps[0]), logs[0].data.threadDumps![0]];
  assert.equal(viaJcmd.pid, jvm.pid, 'jcmd prints the pid first');
  assert.equal(viaJcmd.javaFeature, 17);
  for (const d of [viaJcmd, viaJstack, viaKill3]) {
    assert.equal(d.pools.find((p) => p.pool === 'elasticsearch[_client_][generic]')?.count, 50);
    assert.equal(d.pools.find((p) => p.pool === 'nioEventLoopGroup-2-')?.idle, 50);
    assert.equal(d.deadlocks.length, 2);
    assert.equal(d.counts.total - d.counts.internal, d.smrThreadCount, 'every Java thread the JVM lists is read');
  }
  assert.equal(viaJcmd.pools.filter((p) => p.family === 'pool-#-thread-').length, 50);
  assert.equal(viaJstack.pools.filter((p) => p.family === 'pool-#-thread-').length, 90);
  assert.equal(viaKill3.counts.platform, viaJstack.counts.platform, 'nothing started between jstack and kill -3');

  const facts = deriveFacts(c);
  assert.equal(facts.threads?.value, viaKill3.counts.platform, 'the newest dump feeds the budget');
  const leak = threadLeak.evaluate({ case: c, facts });
  const growth = leak.find((f) => f.facts?.addedThreads !== undefined);
  assert.equal(growth?.facts?.addedThreads, 40);
  assert.equal(growth?.facts?.dumps, 3, 'jcmd, jstack and kill -3 dumps tied to one JVM');
  assert.equal(growth?.evidence[0].file, jcmdFile);
  const perRequest = leak.find((f) => f.facts?.family === 'pool-#-thread-');
  assert.equal(perRequest?.facts?.pools, 90);
  assert.equal(leak.filter((f) => f.facts?.library === 'elasticsearch-transport-client' || f.facts?.library === 'netty').length, 2);

  const deadlocks = threadDeadlock.evaluate({ case: c, facts });
  assert.deepEqual(deadlocks.map((f) => [f.severity, f.facts?.dumpsWithDeadlock]), [['critical', 3], ['critical', 3]]);
});
