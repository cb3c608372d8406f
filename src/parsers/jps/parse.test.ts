import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jpsParser } from './parse.js';
import { parseEveryWay } from '../testing.js';

test('reads the seed jps output', () => {
  const text = '1 Bootstrap\n7959 Jps\n';
  const r = parseEveryWay(jpsParser, text);
  assert.deepEqual(r.processes.map((p) => [p.pid, p.mainClass]), [[1, 'Bootstrap'], [7959, 'Jps']]);
  assert.ok(jpsParser.sniff('out.txt', text) > 0.8);
});

test('jps -lv keeps JVM arguments', () => {
  const text = '4242 org.apache.catalina.startup.Bootstrap -Xmx4096m -Dcatalina.base=/opt/tomcat start\n4300 -- process information unavailable\n';
  const r = parseEveryWay(jpsParser, text);
  assert.equal(r.processes[0].mainClass, 'org.apache.catalina.startup.Bootstrap');
  assert.match(r.processes[0].args, /-Xmx4096m/);
  assert.equal(r.processes.length, 2);
});

test('does not claim other text', () => {
  assert.equal(jpsParser.sniff('a.txt', 'hello world\n'), 0);
  assert.equal(jpsParser.sniff('a.txt', ''), 0);
});
