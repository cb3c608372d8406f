import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerInspectParser } from './parse.js';
import { JsonStream } from './json-stream.js';
import { parseEveryWay } from '../testing.js';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'docker-inspect');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('the seed container: host PID 30164, no memory limit, the webapps mount, Env', () => {
  const text = fixture('seed-docker-inspect.json');
  assert.ok(dockerInspectParser.sniff('inspect.json', text) > 0.9);
  assert.ok(dockerInspectParser.sniff('x.txt', text) > 0.9);
  const r = parseEveryWay(dockerInspectParser, text);
  assert.equal(r.problem, undefined);
  assert.equal(r.containers.length, 1);
  const c = r.containers[0];
  assert.match(c.id, /^1d75d7d2abcb/);
  assert.equal(c.name, 'xxx-tomcat');
  assert.equal(c.image, 'registry.example.com/xxx/tomcat8-jdk8:1.0');
  assert.equal(c.pid, 30164);
  assert.equal(c.status, 'running');
  assert.equal(c.oomKilled, false);
  assert.equal(c.memoryLimitBytes, 0);
  assert.equal(c.memorySwapBytes, 0);
  assert.equal(c.nanoCpus, 0);
  assert.ok(c.env.includes('JAVA_HOME=/usr/java/jdk1.8.0_202'));
  assert.deepEqual(c.mounts.map((m) => m.destination), ['/opt/tomcat/tomcat8/webapps', '/opt/tomcat/tomcat8/logs']);
  assert.equal(c.lines.pid, lineOf(text, '"Pid": 30164'));
  assert.equal(c.lines.memoryLimitBytes, lineOf(text, '"Memory": 0'));
  assert.equal(c.lines.image, lineOf(text, '"Image": "registry.example.com'));
  assert.equal(c.lines.mounts, lineOf(text, '"Mounts": ['));
  assert.equal(c.lines.env, lineOf(text, '"Env": ['));
});

test('two containers: the OOM-killed one with its limit, swap -1 on the other', () => {
  const text = fixture('oom-killed-and-limited.json');
  const r = parseEveryWay(dockerInspectParser, text);
  assert.equal(r.containers.length, 2);
  const [app, redis] = r.containers;
  assert.equal(app.oomKilled, true);
  assert.equal(app.exitCode, 137);
  assert.equal(app.status, 'exited');
  assert.equal(app.memoryLimitBytes, 2 * 1024 ** 3);
  assert.equal(app.memoryReservationBytes, 1.5 * 1024 ** 3);
  assert.equal(app.nanoCpus, 2e9);
  assert.equal(app.restartCount, 3);
  assert.ok(app.env.some((e) => e.startsWith('JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=90')));
  assert.deepEqual(app.mounts, []);
  assert.equal(app.lines.oomKilled, lineOf(text, '"OOMKilled": true'));
  assert.equal(redis.memorySwapBytes, -1);
  assert.equal(redis.memoryLimitBytes, 512 * 1024 ** 2);
  assert.deepEqual(redis.mounts, [{ source: '/var/lib/docker/volumes/redis-data/_data', destination: '/data', type: 'volume' }]);
  assert.ok(redis.lines.memoryLimitBytes! > app.lines.memoryLimitBytes!);
});

test('one object (--format "{{json .}}") on a single line, after a pasted prompt', () => {
  const one = JSON.stringify(JSON.parse(fixture('seed-docker-inspect.json'))[0]);
  const r = parseEveryWay(dockerInspectParser, '$ docker inspect --format "{{json .}}" 1d75d7d2abcb\n' + one + '\n');
  assert.equal(r.problem, undefined);
  assert.equal(r.containers[0].pid, 30164);
  assert.equal(r.containers[0].lines.pid, 2);
});

test('the seed grep excerpt: not JSON, but the mount is read and the report says why', () => {
  const text = fixture('grep-mounts-excerpt.txt');
  assert.ok(dockerInspectParser.sniff('inspect.txt', text) > 0.5);
  const r = parseEveryWay(dockerInspectParser, text);
  assert.match(r.problem ?? '', /line by line/);
  assert.deepEqual(r.containers[0].mounts, [{ type: 'bind', source: '/data/xxx/webapps', destination: '/opt/tomcat/tomcat8/webapps' }]);
});

test('bad, truncated and foreign JSON: a problem, never an exception', () => {
  const full = fixture('oom-killed-and-limited.json');
  const cut = full.slice(0, Math.floor(full.length / 2));
  const t = parseEveryWay(dockerInspectParser, cut.slice(0, cut.lastIndexOf('\n') + 1));
  assert.match(t.problem ?? '', /truncated/);
  assert.equal(t.containers[0].oomKilled, true, 'what came before the cut is still read');
  const bad = parseEveryWay(dockerInspectParser, '[\n  {"Id": "abc", "State": {"Pid": 12,}}\n]\n');
  assert.match(bad.problem ?? '', /invalid JSON at line 2/);
  const foreign = parseEveryWay(dockerInspectParser, '{"name": "left-pad", "version": "1.3.0"}\n');
  assert.match(foreign.problem ?? '', /not a list of containers/);
  assert.deepEqual(foreign.containers, []);
  const empty = parseEveryWay(dockerInspectParser, 'hello\n');
  assert.match(empty.problem ?? '', /no JSON found/);
  assert.equal(dockerInspectParser.sniff('package.json', '{"name": "left-pad", "version": "1.3.0"}\n'), 0);
  assert.equal(dockerInspectParser.sniff('a.log', '2023-03-23 INFO started\n'), 0);
});

test('the streaming JSON reader agrees with JSON.parse', () => {
  const samples = ['[1, -2.5e3, true, false, null, "a\\"b\\u00e9\\n", {"k": [], "o": {}}]', '{"a": {"b": [{"c": "d"}]}}', '"just a string"', '0'];
  for (const s of samples) {
    const j = new JsonStream();
    j.line(s, 1);
    const r = j.finish();
    assert.equal(r.error, undefined, s);
    assert.deepEqual(r.value, JSON.parse(s), s);
  }
  for (const bad of ['[1 2]', '{"a" 1}', '{"a": tru}', '[1,]x', '{"a": 1}}']) {
    const j = new JsonStream();
    j.line(bad, 1);
    assert.ok(j.finish().error, bad);
  }
});

test('PowerShell-saved output: UTF-8 BOM and CRLF', () => {
  const text = fixture('seed-docker-inspect.json');
  const r = parseEveryWay(dockerInspectParser, '\ufeff' + text.replace(/\n/g, '\r\n'));
  assert.equal(r.problem, undefined);
  assert.equal(r.containers[0].pid, 30164);
  assert.equal(r.containers[0].lines.pid, lineOf(text, '"Pid": 30164'));
  assert.ok(dockerInspectParser.sniff('inspect.json', '\ufeff' + text) > 0.9);
});
