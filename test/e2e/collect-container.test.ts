// `jvmdoctor collect --container` against real containers: a private dockerd (test/docker-harness.ts),
// images built with jlink + docker import (no registry, no shell in the image), a running JVM reached
// from the host through /proc/<pid>/root, and an OOM-killed container whose stale hsperfdata is read.
// Skipped with the reason only where dockerd cannot start. dockerd and every container are stopped by
// PID in the after hook, also when a test fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { collect } from '../../src/collect/collect.js';
import { runDiagnosis } from '../../src/pipeline/run-diagnosis.js';
import { buildJreImage, dockerUnavailable, startDockerd, type Dockerd } from '../docker-harness.js';
import { repoRoot, tempDir } from '../support.js';
import { installKubectlStandin } from '../kubectl-standin.js';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { runCommand, type CommandRunner } from '../../src/collect/runner.js';

const unavailable = dockerUnavailable();
let d: Dockerd | undefined;
let startError: string | undefined;
const tmp = tempDir('jvmdoctor-collect-ct-');
const IMAGE = 'jvmdoctor-test-jre:noshell';
const SHELL_IMAGE = 'jvmdoctor-test-jre:shell';
const SECRET = 'Ct-Secret-7781xq';

before(async () => {
  if (unavailable) return;
  try {
    d = await startDockerd();
    buildJreImage(d, IMAGE, { shell: false });
    buildJreImage(d, SHELL_IMAGE, { shell: true });
  } catch (e) {
    startError = (e as Error).message;
  }
});

after(async () => {
  await d?.stop();
  tmp.cleanup();
});

function skipReason(t: { skip(msg: string): void }): boolean {
  const why = unavailable ?? (startError ? `dockerd cannot start here: ${startError}` : undefined);
  if (why) t.skip(why);
  return why !== undefined;
}

async function waitFor(what: string, ms: number, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a running JVM in a container without a shell: inspect, /proc through the host, attach by its namespaced PID, logs; the secret nowhere', async (t) => {
  if (skipReason(t)) return;
  const run = d!.docker('run', '-d', '--name', 'ct-app', '-m', '256m', '-e', `DB_PASSWORD=${SECRET}`, '-e', 'JAVA_TOOL_OPTIONS=-Xss512k',
    IMAGE, '/opt/jre/bin/java', '-Xmx232m', `-Dapp.secret=${SECRET}`, '-cp', '/app', 'Idle', '300');
  assert.equal(run.status, 0, run.stderr);
  await waitFor('Idle started in the log', 20_000, () => d!.docker('logs', 'ct-app').stdout.includes('Idle started'));
  const out = join(tmp.path, 'ct.tar.gz');
  const { manifest } = await collect({ container: 'ct-app', out, runner: d!.runner, samples: 2, intervalMs: 100 });
  const step = (n: string) => manifest.steps.find((s) => s.step === n);
  assert.equal(manifest.target.kind, 'container');
  assert.equal(manifest.target.container?.name, 'ct-app');
  assert.equal(manifest.target.nspid, 1, 'the JVM is PID 1 in its container');
  assert.equal(step('docker inspect')?.status, 'ok');
  assert.equal(step('attach')?.status, 'ok', step('attach')?.reason);
  assert.equal(step('jcmd Thread.print -l')?.status, 'ok');
  assert.equal(step('hsperfdata')?.status, 'ok', step('hsperfdata')?.reason);
  assert.equal(step('java -version')?.status, 'ok', step('java -version')?.reason);
  assert.equal(step('docker logs')?.status, 'ok', step('docker logs')?.reason);
  assert.equal(step('cgroup memory')?.status, 'ok', step('cgroup memory')?.reason);
  assert.ok(!gunzipSync(readFileSync(out)).toString('latin1').includes(SECRET), 'the secret is nowhere in the bundle');
  assert.ok(manifest.redactions.some((r) => r.name === 'DB_PASSWORD' && r.file === 'docker-inspect.json'));
  // Nothing left behind in the container: no trigger file.
  assert.doesNotMatch(d!.docker('diff', 'ct-app').stdout, /attach_pid/);

  const report = await runDiagnosis([out]);
  const kinds = new Set(report.inputs.map((i) => i.kind));
  assert.match(gunzipSync(readFileSync(out)).toString('latin1'), /docker-logs\.log[\s\S]*Idle started/);
  for (const k of ['docker-inspect', 'jstat', 'thread-dump', 'jvm-options', 'cgroup', 'java-version']) assert.ok(kinds.has(k as never), `diagnose read ${k} (read: ${[...kinds].join(', ')})`);
  // The container log ("Idle started", one line) is too plain to be told a log by its content; it must
  // still be accounted for — read, or listed as unused with its reason — never dropped. (The kernel's
  // OOM-killer log is only bundled for this container's own kills: none here.)
  const logs = [...report.inputs, ...report.unused].filter((i) => i.file.endsWith('docker-logs.log'));
  assert.equal(logs.length, 1, JSON.stringify(report.unused));
  assert.ok(!report.inputs.some((i) => i.file.endsWith('kernel-oom.log')), 'no other process\'s OOM kill in this bundle');
  // -Xmx232m in a 256 MB container: the heap leaves too little for everything else.
  const fit = report.findings.find((f) => f.ruleId === 'container-fit');
  assert.ok(fit, `a container-fit finding (got ${report.findings.map((f) => f.ruleId).join(', ')})`);
  assert.match(JSON.stringify(fit), /256 MB|268435456/);
  assert.ok(!JSON.stringify(report).includes(SECRET));
});

test('an OOM-killed container: its stale hsperfdata counters, OOMKilled and the limit reach the diagnosis', async (t) => {
  if (skipReason(t)) return;
  const run = d!.docker('run', '-d', '--name', 'ct-hog', '-m', '96m', '--memory-swap', '96m', IMAGE, '/opt/jre/bin/java', '-Xmx512m', '-Xms16m', '-cp', '/app', 'Hog', '1500');
  assert.equal(run.status, 0, run.stderr);
  await waitFor('the container to be OOM-killed', 60_000, () => d!.docker('inspect', '-f', '{{.State.Running}}', 'ct-hog').stdout.trim() === 'false');
  assert.equal(d!.docker('inspect', '-f', '{{.State.OOMKilled}}', 'ct-hog').stdout.trim(), 'true', 'the kernel OOM-killed the JVM');
  const out = join(tmp.path, 'hog.tar.gz');
  const { manifest } = await collect({ container: 'ct-hog', out, runner: d!.runner });
  assert.equal(manifest.target.container?.oomKilled, true);
  assert.equal(manifest.target.container?.running, false);
  const stale = manifest.steps.find((s) => s.step === 'hsperfdata (stopped container)')!;
  assert.equal(stale.status, 'ok', stale.reason);
  assert.match(stale.note!, /stale counters/);
  const report = await runDiagnosis([out]);
  const jstat = report.inputs.filter((i) => i.kind === 'jstat');
  assert.ok(jstat.length >= 2, 'jstat tables from the dead JVM');
  assert.ok(report.findings.some((f) => f.ruleId === 'container-fit' && /OOM|kill/i.test(JSON.stringify(f))), report.findings.map((f) => `${f.ruleId}: ${f.title}`).join('\n'));
});

test('an unknown container is a clear error', async (t) => {
  if (skipReason(t)) return;
  await assert.rejects(collect({ container: 'no-such-ct', out: join(tmp.path, 'x.tar.gz'), runner: d!.runner }), /container no-such-ct: docker inspect failed .*No such/i);
});

test('--pod through kubectl (a stand-in mapping to local containers): pod JSON, logs and --previous after an OOM kill, /proc, cgroup and hsperfdata via exec cat', async (t) => {
  if (skipReason(t)) return;
  assert.equal(d!.docker('run', '-d', '--name', 'pod-app', '-m', '256m', '-e', 'JAVA_TOOL_OPTIONS=-Xmx232m', '-e', 'DB_PASSWORD=Pod-Secret-4410zz',
    SHELL_IMAGE, '/opt/jre/bin/java', '-cp', '/app', 'Idle', '300').status, 0);
  assert.equal(d!.docker('run', '-d', '--name', 'pod-prev', '-m', '96m', '--memory-swap', '96m', SHELL_IMAGE, '/opt/jre/bin/java', '-Xmx512m', '-cp', '/app', 'Hog', '500').status, 0);
  assert.equal(d!.docker('run', '-d', '--name', 'pod-distroless', IMAGE, '/opt/jre/bin/java', '-Xmx64m', '-cp', '/app', 'Idle', '300').status, 0);
  await waitFor('pod-app started', 20_000, () => d!.docker('logs', 'pod-app').stdout.includes('Idle started'));
  await waitFor('pod-prev OOM-killed', 60_000, () => d!.docker('inspect', '-f', '{{.State.Running}}', 'pod-prev').stdout.trim() === 'false');
  const fixtures = join(repoRoot(), 'fixtures', 'collect', 'kubectl');
  const config = join(tmp.path, 'kubectl-standin.json');
  writeFileSync(config, JSON.stringify({ pods: {
    'prod/billing-0': { json: join(fixtures, 'pod-billing-0.json'), containers: { app: 'pod-app' }, previous: { app: 'pod-prev' } },
    'prod/distroless-0': { json: join(fixtures, 'pod-distroless-0.json'), containers: { app: 'pod-distroless' } },
  } }));
  installKubectlStandin(tmp.path, config);
  const runner: CommandRunner = (cmd, args, opts = {}) => runCommand(cmd, args, { ...opts, env: { ...d!.env, PATH: `${tmp.path}:${process.env.PATH}` } });

  const out = join(tmp.path, 'pod.tar.gz');
  const { manifest } = await collect({ pod: 'billing-0', namespace: 'prod', podContainer: 'app', out, runner, samples: 2, intervalMs: 100 });
  const step = (n: string) => manifest.steps.find((s) => s.step === n);
  for (const n of ['kubectl get pod', 'kubectl logs', 'kubectl logs --previous', 'kubectl exec (probe)', 'pod /proc files', 'pod cgroup memory', 'hsperfdata (kubectl exec)']) {
    assert.equal(step(n)?.status, 'ok', `${n}: ${step(n)?.reason}`);
  }
  assert.deepEqual(manifest.target.pod, { name: 'billing-0', namespace: 'prod', container: 'app' });
  assert.ok(manifest.notes.some((n) => /OOM-killed before/.test(n)));
  const raw = gunzipSync(readFileSync(out)).toString('latin1');
  assert.ok(!raw.includes('Pod-Secret-4410zz'), 'the pod env secret is nowhere in the bundle');
  assert.match(raw, /Hog started/, 'the previous container\'s log is in the bundle');
  const report = await runDiagnosis([out]);
  const kinds = new Set(report.inputs.map((i) => i.kind));
  for (const k of ['kubernetes', 'jstat', 'proc-status', 'cgroup']) assert.ok(kinds.has(k as never), `diagnose read ${k} (read: ${[...kinds].join(', ')})`);
  assert.ok(report.findings.some((f) => f.ruleId === 'container-fit' && /OOM/.test(JSON.stringify(f))), report.findings.map((f) => `${f.ruleId}: ${f.title}`).join('\n'));

  // An image without a shell or cat: said so, with what still works.
  const d2 = await collect({ pod: 'distroless-0', namespace: 'prod', out: join(tmp.path, 'distroless.tar.gz'), runner });
  const probe = d2.manifest.steps.find((s) => s.step === 'kubectl exec (probe)')!;
  assert.equal(probe.status, 'failed');
  assert.match(probe.reason!, /has no `cat`.*kubectl debug -it distroless-0 -n prod --image=busybox --target=app/);
  assert.equal(d2.manifest.steps.find((s) => s.step === 'kubectl logs')?.status, 'ok');
  await assert.rejects(collect({ pod: 'nope', namespace: 'prod', out: join(tmp.path, 'n.tar.gz'), runner }), /pod nope: kubectl get pod failed .*NotFound/);
});

test('the single executable (npm run build:sea) runs collect inside a container that has no Node', { timeout: 300_000 }, async (t) => {
  if (skipReason(t)) return;
  // Built from the compiled dist/ already there (build-sea.mjs alone: `npm run build:sea` would also
  // rebuild dist/ under the running tests).
  const build = spawnSync(process.execPath, [join(repoRoot(), 'scripts', 'build-sea.mjs')], { encoding: 'utf8', timeout: 240_000 });
  assert.equal(build.status, 0, build.stderr);
  const exe = join(repoRoot(), 'dist-sea', `jvmdoctor-${process.platform}-${process.arch}`);
  const size = statSync(exe).size;
  t.diagnostic(`single executable: ${(size / 1024 / 1024).toFixed(1)} MB`);
  buildJreImage(d!, 'jvmdoctor-test-jre:sea', { shell: false, extra: [{ src: exe, dest: 'jvmdoctor' }] });
  const outDir = join(tmp.path, 'sea-out');
  mkdirSync(outDir, { recursive: true });
  assert.equal(d!.docker('run', '-d', '--name', 'sea-ct', '-m', '256m', '-v', `${outDir}:/out`, 'jvmdoctor-test-jre:sea',
    '/opt/jre/bin/java', '-Xmx100m', `-Dapp.password=${SECRET}`, '-cp', '/app', 'Idle', '300').status, 0);
  await waitFor('Idle started', 20_000, () => d!.docker('logs', 'sea-ct').stdout.includes('Idle started'));
  for (const node of ['/usr/bin/node', '/usr/local/bin/node']) assert.notEqual(d!.docker('exec', 'sea-ct', node, '--version').status, 0, `no ${node} in the image`);
  const r = d!.docker('exec', 'sea-ct', '/jvmdoctor', 'collect', '--pid', '1', '--out', '/out/sea.tar.gz', '--samples', '2', '--interval', '100', '--json');
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const { manifest } = JSON.parse(r.stdout) as { manifest: import('../../src/collect/manifest.js').Manifest };
  const step = (n: string) => manifest.steps.find((s) => s.step === n);
  for (const n of ['hsperfdata', 'attach', 'jcmd VM.flags', 'jcmd Thread.print -l', 'proc.status', 'cgroup memory', 'java -version']) assert.equal(step(n)?.status, 'ok', `${n}: ${step(n)?.reason}`);
  assert.match(step('free -m')!.reason!, /free: not installed/, 'a missing tool is a reason, not a crash');
  const bundle = join(outDir, 'sea.tar.gz');
  assert.ok(!gunzipSync(readFileSync(bundle)).toString('latin1').includes(SECRET));
  const report = await runDiagnosis([bundle]);
  assert.ok(report.findings.some((f) => f.ruleId === 'memory-budget'));
});
