import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tomcatClassloaderLeak } from './tomcat-classloader-leak.js';
import { runRule } from './testing.js';
import { repoRoot } from '../../test/support.js';

const seedLog = readFileSync(join(repoRoot(), 'examples', 'seed-incident', 'docker-logs.txt'), 'utf8');

test('seed (Chinese, mangled by the write-up): ES TransportClient threads + Netty ThreadLocals in webapp [xxx]', () => {
  const [f] = runRule(tomcatClassloaderLeak, { 'docker-logs.txt': seedLog });
  assert.equal(f.severity, 'warning');
  assert.equal(f.facts?.webapp, 'xxx');
  assert.equal(f.facts?.leakedThreads, 2);
  assert.equal(f.facts?.leakedThreadLocals, 3);
  assert.equal(f.facts?.stopEvents, 1);
  assert.match(String(f.facts?.libraries), /elasticsearch-transport-client/);
  assert.match(String(f.facts?.libraries), /netty/);
  assert.match(f.explanation, /警告 = WARNING/);
  assert.match(f.explanation, /严重 = SEVERE/);
});

test('English Tomcat, two reloads an hour apart, a JDBC driver and an unnamed executor', () => {
  const line = (t: string, level: string, method: string, msg: string) => `${t} ${level} [Catalina-utility-2] org.apache.catalina.loader.WebappClassLoaderBase.${method} ${msg}`;
  const log = [
    line('01-Feb-2024 10:00:00.100', 'WARNING', 'clearReferencesJdbc', 'The web application [shop] registered the JDBC driver [com.mysql.cj.jdbc.Driver] but failed to unregister it when the web application was stopped. To prevent a memory leak, the JDBC Driver has been forcibly unregistered.'),
    line('01-Feb-2024 10:00:00.200', 'WARNING', 'clearReferencesThreads', 'The web application [shop] appears to have started a thread named [pool-3-thread-1] but has failed to stop it. This is very likely to create a memory leak. Stack trace of thread:'),
    ' java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)',
    line('01-Feb-2024 11:00:00.100', 'WARNING', 'clearReferencesThreads', 'The web application [shop] appears to have started a thread named [pool-4-thread-1] but has failed to stop it. This is very likely to create a memory leak. Stack trace of thread:'),
    ' java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)',
  ].join('\n');
  const [f] = runRule(tomcatClassloaderLeak, { 'catalina.out': log });
  assert.equal(f.facts?.webapp, 'shop');
  assert.equal(f.facts?.stopEvents, 2, 'two clusters in time = two stops/reloads');
  assert.match(f.summary, /2 stop\/reload events/);
  assert.match(JSON.stringify(f.recommendations), /AbandonedConnectionCleanupThread|deregister/);
  assert.match(JSON.stringify(f.recommendations), /shutdown\(\)/);
});

test('no leak warnings, no finding', () => {
  const log = '01-Feb-2024 10:00:00.100 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [1234] milliseconds\n';
  assert.deepEqual(runRule(tomcatClassloaderLeak, { 'catalina.out': log }), []);
});
