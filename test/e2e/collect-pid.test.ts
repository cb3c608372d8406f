// `jvmdoctor collect` against real JVMs on this machine: plain, as another uid, in its own PID and mount
// namespace with a private /tmp, with a secret in its -D options and environment, with attach disabled,
// and with no SIGQUIT handler (-Xrs). Every JVM is stopped by PID in the after hook.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, unlinkSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { collect } from '../../src/collect/collect.js';
import { runDiagnosis } from '../../src/pipeline/run-diagnosis.js';
import { resolveTarget, TargetError } from '../../src/collect/targets.js';
import { readTar } from '../../src/input/tar.js';
import { ByteReader } from '../../src/input/byte-reader.js';
import { Readable } from 'node:stream';
import { haveJdk, startIdleJvm, stopAll } from '../collect-support.js';
import { repoRoot, runCli, tempDir } from '../support.js';

const tmp = tempDir('jvmdoctor-collect-');
after(() => {
  stopAll();
  tmp.cleanup();
});

const SECRET = 'Hunter2-Sup3rSecret';
const ENV_SECRET = 'tok-Q9w8e7r6t5';
const noJdk = !haveJdk && 'no JDK 17 on this machine (javac, java)';
const isRoot = process.getuid?.() === 0;

async function members(path: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const m of readTar(new ByteReader(Readable.from([gunzipSync(readFileSync(path))])))) {
    const parts: Buffer[] = [];
    for await (const c of m.chunks) parts.push(Buffer.from(c));
    out.set(m.name, Buffer.concat(parts).toString('utf8'));
  }
  return out;
}

const fast = { samples: 3, intervalMs: 100 };

test('plain JVM with secrets in -D and the environment: full bundle, no secret anywhere, diagnose reads it', { skip: noJdk }, async () => {
  const jvm = await startIdleJvm({
    jvmArgs: ['-Xmx64m', `-Ddb.password=${SECRET}`, `-Dspring.datasource.url=jdbc:postgresql://app:${SECRET}@db/x`, '-Xlog:gc*:file=' + join(tmp.path, 'gc-%p.log')],
    env: { ...process.env, API_TOKEN: ENV_SECRET, JAVA_OPTS: `-Xmx64m -Dapi.key=${ENV_SECRET}` },
  });
  const out = join(tmp.path, 'plain.tar.gz');
  const { manifest } = await collect({ pid: jvm.pid, out, ...fast });
  const raw = gunzipSync(readFileSync(out)).toString('latin1');
  assert.ok(!raw.includes(SECRET), 'the -D secret is nowhere in the bundle');
  assert.ok(!raw.includes(ENV_SECRET), 'the environment secret is nowhere in the bundle');
  const files = await members(out);
  for (const f of ['manifest.json', 'cmdline.txt', 'environ.txt', 'proc-status.txt', 'smaps_rollup.txt', 'jstat-gccapacity.txt', 'jstat-gc.txt',
    'jcmd-VM.flags.txt', 'jcmd-VM.command_line.txt', 'jcmd-Thread.print.txt', 'jcmd-GC.heap_info.txt', 'java-version.txt', 'free-m.txt', 'top.txt', `gc/gc-${jvm.pid}.log`]) {
    assert.ok(files.has(f), `bundle has ${f} (has ${[...files.keys()].join(', ')})`);
  }
  assert.match(files.get('jcmd-VM.command_line.txt')!, /-Ddb\.password=\*\*\*/);
  assert.match(files.get('jcmd-Thread.print.txt')!, /Full thread dump OpenJDK/);
  assert.equal(files.get('jstat-gc.txt')!.trim().split('\n').length, 4, 'header + 3 samples');
  const names = manifest.redactions.map((r) => r.name);
  assert.ok(names.includes('-Ddb.password') && names.includes('API_TOKEN') && names.includes('URL credentials (user:password@)'), names.join(', '));
  assert.ok(!JSON.stringify(manifest).includes(SECRET));
  const attach = manifest.steps.find((s) => s.step === 'attach')!;
  assert.equal(attach.status, 'ok', attach.reason);
  const nmt = manifest.steps.find((s) => s.step === 'jcmd VM.native_memory summary')!;
  assert.equal(nmt.status, 'skipped');
  assert.match(nmt.reason!, /Native Memory Tracking is off/);
  for (const s of manifest.steps) assert.ok(s.durationMs >= 0 && s.startedAt, s.step);
  // No trigger file left behind in the target.
  assert.equal(spawnSync('sh', ['-c', `ls -a /proc/${jvm.pid}/cwd/ /tmp | grep -c attach_pid${jvm.pid}`], { encoding: 'utf8' }).stdout.trim(), '0');

  const report = await runDiagnosis([out]);
  const kinds = new Set(report.inputs.map((i) => i.kind));
  for (const k of ['jstat', 'thread-dump', 'jvm-options', 'proc-status', 'java-version', 'top', 'free', 'smaps-rollup']) assert.ok(kinds.has(k as never), `diagnose read a ${k} from the bundle`);
  assert.ok(report.findings.some((f) => f.ruleId === 'memory-budget'), report.findings.map((f) => f.ruleId).join(', '));
  assert.ok(!JSON.stringify(report).includes(SECRET));
});

test('a JVM running as another uid (nobody)', { skip: noJdk || (!isRoot && 'needs root to start a JVM as another uid') }, async () => {
  const jvm = await startIdleJvm({ prefix: ['setpriv', '--reuid', '65534', '--regid', '65534', '--clear-groups'], jvmArgs: ['-Xmx32m'], cwd: '/' , env: { PATH: process.env.PATH, HOME: '/nonexistent' } });
  const out = join(tmp.path, 'nobody.tar.gz');
  const { manifest } = await collect({ pid: jvm.pid, out, ...fast });
  assert.equal(manifest.target.uid, 65534);
  const step = (n: string) => manifest.steps.find((s) => s.step === n)!;
  assert.equal(step('hsperfdata').status, 'ok', step('hsperfdata').reason);
  assert.match(step('hsperfdata').note!, /hsperfdata_nobody/);
  // cwd / is not writable for nobody's JVM, but root may create the trigger there; either way attach works.
  assert.equal(step('attach').status, 'ok', step('attach').reason);
  assert.equal(step('jcmd Thread.print -l').status, 'ok');
});

test('a JVM in its own PID and mount namespace with a private /tmp (unshare)', { skip: noJdk || (!isRoot && 'unshare --pid --mount needs root') }, async () => {
  const jvm = await startIdleJvm({
    prefix: ['unshare', '--pid', '--mount', '--fork', '--mount-proc', 'sh', '-c', 'mount -t tmpfs tmpfs /tmp && exec "$@"', 'sh'],
    jvmArgs: ['-Xmx32m', `-Dsecret.token=${SECRET}`],
  });
  const out = join(tmp.path, 'ns.tar.gz');
  const { manifest } = await collect({ pid: jvm.pid, out, ...fast });
  assert.equal(manifest.target.namespaced, true);
  assert.notEqual(manifest.target.nspid, jvm.pid, 'the JVM knows itself by its namespaced PID');
  assert.ok(manifest.target.nspid! <= 3, `nspid ${manifest.target.nspid}`);
  const step = (n: string) => manifest.steps.find((s) => s.step === n)!;
  assert.equal(step('hsperfdata').status, 'ok', step('hsperfdata').reason);
  assert.equal(step('attach').status, 'ok', step('attach').reason);
  assert.match(step('attach').note!, new RegExp(`/proc/${jvm.pid}/root/tmp/\\.java_pid${manifest.target.nspid}`));
  assert.equal(step('jcmd VM.flags').status, 'ok');
  assert.equal(step('java -version').status, 'ok', step('java -version').reason);
  // The host's /tmp never saw the JVM's files.
  assert.equal(spawnSync('sh', ['-c', `ls /tmp/hsperfdata_root/ 2>/dev/null | grep -cx ${manifest.target.nspid} || true`], { encoding: 'utf8' }).stdout.trim() === '1' && manifest.target.nspid === jvm.pid, false);
  assert.ok(!gunzipSync(readFileSync(out)).toString('latin1').includes(SECRET));
});

test('-XX:+DisableAttachMechanism: the reason in the manifest, jstat from hsperfdata, a SIGQUIT thread dump to the JVM\'s stdout', { skip: noJdk }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx32m', '-XX:+DisableAttachMechanism'] });
  const out = join(tmp.path, 'noattach.tar.gz');
  const { manifest } = await collect({ pid: jvm.pid, out, ...fast });
  const step = (n: string) => manifest.steps.find((s) => s.step === n)!;
  assert.equal(step('attach').status, 'failed');
  assert.match(step('attach').reason!, /DisableAttachMechanism \(command line/);
  assert.ok(manifest.notGathered.some((n) => n.what === 'attach'));
  assert.equal(step('hsperfdata').status, 'ok');
  assert.ok(!manifest.steps.some((s) => s.step.startsWith('jcmd ')), 'no jcmd step without attach');
  const fallback = step('thread dump (SIGQUIT fallback)');
  assert.match(fallback.note!, /SIGQUIT sent/);
  const deadline = Date.now() + 5000;
  while (!jvm.output().includes('Full thread dump') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.match(jvm.output(), /Full thread dump/, 'the fallback thread dump went to the JVM\'s stdout');
  process.kill(jvm.pid, 0); // still alive
});

test('-Xrs (no SIGQUIT handler): attach only through the socket the JVM opened itself; without it no signal is sent and the JVM survives', { skip: noJdk }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx32m', '-Xrs'] });
  // -Xrs makes HotSpot start its attach listener at startup (it will not get SIGQUIT): use that socket.
  const first = await collect({ pid: jvm.pid, out: join(tmp.path, 'xrs.tar.gz'), ...fast });
  const attach1 = first.manifest.steps.find((s) => s.step === 'attach')!;
  assert.equal(attach1.status, 'ok', attach1.reason);
  assert.match(attach1.note!, /already running/);
  // Without the socket, the only way in would be SIGQUIT — which would kill this JVM. It must not be sent.
  unlinkSync(`/proc/${jvm.pid}/root/tmp/.java_pid${jvm.pid}`);
  const { manifest } = await collect({ pid: jvm.pid, out: join(tmp.path, 'xrs2.tar.gz'), ...fast });
  const attach = manifest.steps.find((s) => s.step === 'attach')!;
  assert.equal(attach.status, 'failed');
  assert.match(attach.reason!, /no SIGQUIT handler/);
  assert.equal(manifest.steps.find((s) => s.step === 'thread dump (SIGQUIT fallback)')!.status, 'skipped');
  await new Promise((r) => setTimeout(r, 300));
  process.kill(jvm.pid, 0); // throws if the JVM died
  assert.equal(jvm.child.exitCode, null);
  assert.equal(jvm.child.signalCode, null);
});

test('collect --diagnose from the CLI, and bad targets are usage errors', { skip: noJdk }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx48m'] });
  const out = join(tmp.path, 'cli.tar.gz');
  const r = runCli(['collect', '--pid', String(jvm.pid), '--out', out, '--samples', '2', '--interval', '100', '--diagnose']);
  // As diagnose: 1 when a critical finding is made, 0 otherwise; never 2 (that is a usage or input error).
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert.match(r.stderr, new RegExp(`bundle written to ${out}`));
  assert.match(r.stdout, /jvmdoctor diagnosis — \d+ finding/);
  assert.match(r.stdout, /memory-budget/);
  const bad = runCli(['collect', '--pid', '999999999']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no process 999999999/);
  const notJvm = runCli(['collect', '--pid', String(process.pid)]);
  assert.equal(notJvm.status, 2);
  assert.match(notJvm.stderr, /is not a HotSpot JVM/);
  assert.equal(runCli(['collect', '--pid', 'x']).status, 2);
  assert.equal(runCli(['collect', '--pid', '1', '--container', 'c']).status, 2);
  await assert.rejects(resolveTarget(999999999), TargetError);
});

test('--hsperfdata FILE: a raw hsperfdata file (as left by a dead JVM) becomes jstat tables diagnose reads; a wrong file is a clear error', { skip: noJdk }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx40m', '-XX:+UseSerialGC'] });
  const copy = join(tmp.path, 'hsperf-copy');
  copyFileSync(`/proc/${jvm.pid}/root/tmp/hsperfdata_root/${jvm.pid}`, copy);
  const out = join(tmp.path, 'file.tar.gz');
  const r = runCli(['collect', '--hsperfdata', copy, '--out', out, '--diagnose']);
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  const files = await members(out);
  const [head, row] = files.get('jstat-gccapacity.txt')!.trim().split('\n').map((l) => l.trim().split(/\s+/));
  assert.equal(head[1], 'NGCMX');
  assert.equal(Number(row[head.indexOf('NGCMX')]) + Number(row[head.indexOf('OGCMX')]), 40 * 1024, 'young + old maximum = -Xmx40m');
  assert.match(r.stdout, /gc-generations|jstat-readings/);
  const bad = runCli(['collect', '--hsperfdata', join(repoRoot(), 'package.json'), '--out', join(tmp.path, 'bad.tar.gz')]);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /not an hsperfdata file \(no CAFEC0C0 magic\)/);
});

test('--heap-dump: gzipped by the JVM, moved beside the bundle (not into it), nothing left in the target; a tmpfs /tmp is refused without --force', { skip: noJdk || (!isRoot && 'the namespace half needs root') }, async () => {
  const jvm = await startIdleJvm({ jvmArgs: ['-Xmx32m'] });
  const dir = join(tmp.path, 'dump');
  mkdirSync(dir);
  const { manifest } = await collect({ pid: jvm.pid, out: join(dir, 'b.tar.gz'), heapDump: true, ...fast });
  const step = manifest.steps.find((s) => s.step === 'heap dump')!;
  assert.equal(step.status, 'ok', step.reason);
  const dump = join(dir, `heap-${jvm.pid}.hprof.gz`);
  const head = readFileSync(dump).subarray(0, 2);
  assert.deepEqual([...head], [0x1f, 0x8b], 'gzip');
  assert.match(gunzipSync(readFileSync(dump)).subarray(0, 18).toString('latin1'), /^JAVA PROFILE 1\.0\.2/);
  assert.ok(manifest.notes.some((n) => /paused/.test(n)) && manifest.notes.some((n) => n.includes(dump)));
  assert.ok(!(await members(join(dir, 'b.tar.gz'))).has(`heap-${jvm.pid}.hprof.gz`), 'not bundled unless asked');
  assert.deepEqual(readdirSync(`/proc/${jvm.pid}/root/tmp`).filter((n) => n.startsWith('jvmdoctor-heap-')), [], 'no dump left in the target');

  // A JVM whose /tmp is a tmpfs (its own mount namespace): writing the dump there would take RAM.
  const ns = await startIdleJvm({ prefix: ['unshare', '--pid', '--mount', '--fork', '--mount-proc', 'sh', '-c', 'mount -t tmpfs tmpfs /tmp && exec "$@"', 'sh'], jvmArgs: ['-Xmx32m'] });
  const refused = await collect({ pid: ns.pid, out: join(dir, 'ns.tar.gz'), heapDump: true, ...fast });
  const r = refused.manifest.steps.find((s) => s.step === 'heap dump')!;
  assert.equal(r.status, 'skipped');
  assert.match(r.reason!, /tmpfs.*--force/);
});
