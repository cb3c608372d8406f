import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubernetesParser } from './parse.js';
import { parseQuantity } from './quantity.js';
import { YamlLineReader, type YamlScalar } from './yaml-lines.js';
import { parseEveryWay } from '../testing.js';

const FIX = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures');
const read = (p: string) => readFileSync(join(FIX, p), 'utf8');
const GiB = 1024 ** 3;

test('quantities: binary, decimal, exponent, milli', () => {
  assert.equal(parseQuantity('2Gi'), 2 * GiB);
  assert.equal(parseQuantity('512Mi'), 512 * 1024 ** 2);
  assert.equal(parseQuantity('1G'), 1e9);
  assert.equal(parseQuantity('1.5Gi'), 1.5 * GiB);
  assert.equal(parseQuantity('1e9'), 1e9);
  assert.equal(parseQuantity('128974848'), 128974848);
  assert.equal(parseQuantity('500m'), 0.5);
  assert.equal(parseQuantity('2GB'), undefined);
  assert.equal(parseQuantity(''), undefined);
});

test('yaml reader: paths through mappings, both list indent styles, block scalars, quotes, documents', () => {
  const got: YamlScalar[] = [];
  const r = new YamlLineReader((s) => got.push(s));
  const text = 'a:\n  b: 1 # note\n  list:\n  - x: "q:1"\n    y: \'it\'\'s\'\n  - plain\nc: |\n  line one\n  line two\n---\nd:\n    - - nested\n';
  text.split('\n').forEach((l, i) => r.line(l, i + 1));
  r.finish();
  const flat = got.map((s) => `${s.doc}:${s.path.join('.')}=${s.value}`);
  assert.deepEqual(flat, ['0:a.b=1', '0:a.list.0.x=q:1', "0:a.list.0.y=it's", '0:a.list.1=plain', '0:c=line one\nline two', '1:d.0.0=nested']);
});

test('a Deployment: the JVM container, its limits, env options (folded scalar), a valueFrom secret without value', () => {
  const text = read('kubernetes/deployment.yaml');
  assert.ok(kubernetesParser.sniff('deploy.yaml', text) > 0.9);
  const r = parseEveryWay(kubernetesParser, text)!;
  assert.deepEqual(r.objects.map((o) => `${o.kind}/${o.name}`), ['Deployment/shop']);
  assert.deepEqual(r.containers.map((c) => c.name), ['app', 'log-shipper']);
  const app = r.containers[0];
  assert.equal(app.workload, 'Deployment/shop');
  assert.equal(app.memoryLimitBytes?.value, 2 * GiB);
  assert.equal(app.memoryRequestBytes?.value, GiB);
  assert.equal(app.cpuLimit?.value, 2);
  assert.deepEqual(app.env.map((e) => [e.name, e.value]), [
    ['JAVA_TOOL_OPTIONS', '-XX:MaxRAMPercentage=90 -XX:+ExitOnOutOfMemoryError'],
    ['JAVA_OPTS', '-Xss512k -XX:MaxMetaspaceSize=256m'],
    ['DB_PASSWORD', undefined],
  ]);
  assert.equal(app.env[0].line, text.split('\n').findIndex((l) => l.includes('MaxRAMPercentage=90')) + 1);
  assert.equal(r.containers[1].memoryLimitBytes?.value, 128 * 1024 ** 2);
});

test('kubectl get pod -o yaml: OOMKilled last state, restarts, decimal 1G limit, the 512m mistake', () => {
  const r = parseEveryWay(kubernetesParser, read('kubernetes/pod-oomkilled.yaml'))!;
  const c = r.containers[0];
  assert.equal(c.name, 'billing');
  assert.equal(c.memoryLimitBytes?.value, 1e9);
  assert.equal(c.cpuLimit?.value, 1.5);
  assert.equal(c.lastTerminationReason?.value, 'OOMKilled');
  assert.equal(c.lastExitCode?.value, 137);
  assert.equal(c.restartCount?.value, 7);
  assert.match(c.problems[0].value, /512m.*0\.512 bytes.*512Mi/);
  assert.deepEqual(c.env.map((e) => e.name), ['JDK_JAVA_OPTIONS', '_JAVA_OPTIONS']);
});

test('an env excerpt without apiVersion (the jvm-options fixture) and a List of pods', () => {
  const r = parseEveryWay(kubernetesParser, read('jvm-options/k8s-deployment-env.yaml'))!;
  assert.equal(r.containers[0].memoryLimitBytes?.value, 2 * GiB);
  assert.equal(r.containers[0].env[0].value, '-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError');
  const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: x\n      resources:\n        limits:\n          memory: 1Gi\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: b\n  spec:\n    containers:\n    - name: x\n      resources:\n        limits:\n          memory: 3Gi\n';
  const l = parseEveryWay(kubernetesParser, list)!;
  assert.deepEqual(l.containers.map((c) => [c.workload, c.memoryLimitBytes?.value]), [['Pod/a', GiB], ['Pod/b', 3 * GiB]]);
  assert.equal(kubernetesParser.sniff('x.yaml', 'apiVersion: v1\nkind: ConfigMap\n'), 0.2);
  assert.equal(parseEveryWay(kubernetesParser, 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n'), undefined);
});
